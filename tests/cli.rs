//! The command line as a user meets it: the real binary run on small
//! projects built in temporary directories, each with its own
//! `argcheck.yaml`. Exit codes follow ruff's: 0 nothing at or above
//! `fail-on`, 1 something, 2 the run itself failed.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A project directory under the target's temporary directory, fresh for
/// each test.
struct Project {
    dir: PathBuf,
}

/// What one run of the binary gave.
#[derive(Debug)]
struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Project {
    /// An empty project named after the test, holding `config` as its
    /// argcheck.yaml.
    fn new(name: &str, config: &str) -> Project {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli").join(name);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create the project directory");
        let p = Project { dir };
        p.file("argcheck.yaml", config)
    }

    /// Writes `text` at `path` (relative to the project), creating
    /// directories.
    fn file(self, path: &str, text: &str) -> Project {
        let at = self.dir.join(path);
        if let Some(parent) = at.parent() {
            std::fs::create_dir_all(parent).expect("create the directory");
        }
        std::fs::write(&at, text).expect("write the file");
        self
    }

    /// Runs `argcheck ARGS` in the project directory.
    fn run(&self, args: &[&str]) -> Out {
        self.run_with_stdin(args, None)
    }

    fn run_with_stdin(&self, args: &[&str], stdin: Option<&str>) -> Out {
        let mut child = Command::new(env!("CARGO_BIN_EXE_argcheck"))
            .args(args)
            .current_dir(&self.dir)
            .env("NO_COLOR", "1")
            .env_remove("CLICOLOR_FORCE")
            .env_remove("FORCE_COLOR")
            .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run argcheck");
        if let (Some(text), Some(mut pipe)) = (stdin, child.stdin.take()) {
            pipe.write_all(text.as_bytes()).expect("write stdin");
        }
        let out = child.wait_with_output().expect("argcheck finishes");
        Out {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

/// Nothing to report.
const CLEAN: &str = "source ap \"Associated Press\"
  reliability: A
source reuters \"Reuters\"
  reliability: A
claim c \"The ceasefire holds.\"
  confidence: likely
  cite: ap 2
  cite: reuters 2
";

/// One info (`rests-on-assumption`), nothing worse.
const INFO: &str = "assumption rational \"The government acts rationally.\"
claim no-escalation \"The government will not escalate.\"
  confidence: even-chance
  because: rational
";

/// Warnings (`missing-confidence`, `single-source`), no error.
const WARNING: &str = "source ap \"Associated Press\"
  reliability: A
claim c \"The ceasefire holds.\"
  cite: ap 2
";

/// An error (`unknown-reference`).
const ERROR: &str = "source ap \"Associated Press\"
  reliability: A
source reuters \"Reuters\"
  reliability: A
claim c \"The ceasefire holds.\"
  confidence: likely
  cite: ap 2
  cite: reuters 2
  because: nowhere
";

fn cases(name: &str, config: &str) -> Project {
    Project::new(name, config)
        .file("clean.arg", CLEAN)
        .file("info.arg", INFO)
        .file("warning.arg", WARNING)
        .file("error.arg", ERROR)
}

/// The exit code of `argcheck check FILE [EXTRA]` for each case file.
fn codes(p: &Project, extra: &[&str]) -> [i32; 4] {
    ["clean.arg", "info.arg", "warning.arg", "error.arg"].map(|f| {
        let mut args = vec!["check", f, "--output-format", "concise"];
        args.extend_from_slice(extra);
        p.run(&args).code
    })
}

#[test]
fn the_cases_find_what_they_say() {
    let p = cases("the_cases", "");
    assert_eq!(p.run(&["check", "clean.arg", "--output-format", "concise"]).stdout, "");
    let info = p.run(&["check", "info.arg", "--output-format", "concise"]).stdout;
    assert!(
        info.contains("info[rests-on-assumption]") && !info.contains("warning["),
        "{info}"
    );
    let warning = p.run(&["check", "warning.arg", "--output-format", "concise"]).stdout;
    assert!(warning.contains("warning[") && !warning.contains("error["), "{warning}");
    let error = p.run(&["check", "error.arg", "--output-format", "concise"]).stdout;
    assert!(error.contains("error[unknown-reference]"), "{error}");
}

#[test]
fn exit_codes_for_fail_on_error() {
    // The default, and written out.
    for config in ["", "fail-on: error\n"] {
        let p = cases("fail_on_error", config);
        assert_eq!(codes(&p, &[]), [0, 0, 0, 1], "config {config:?}");
    }
}

#[test]
fn exit_codes_for_fail_on_warning() {
    let p = cases("fail_on_warning", "fail-on: warning\n");
    assert_eq!(codes(&p, &[]), [0, 0, 1, 1]);
}

#[test]
fn exit_codes_for_fail_on_info() {
    let p = cases("fail_on_info", "fail-on: info\n");
    assert_eq!(codes(&p, &[]), [0, 1, 1, 1]);
}

#[test]
fn exit_zero_always_exits_0_on_findings() {
    let p = cases("exit_zero", "fail-on: info\n");
    assert_eq!(codes(&p, &["--exit-zero"]), [0, 0, 0, 0]);
    // The report is the same whatever the exit code.
    let with = p.run(&["check", "error.arg", "--output-format", "concise", "--exit-zero"]);
    let without = p.run(&["check", "error.arg", "--output-format", "concise"]);
    assert_eq!(with.stdout, without.stdout);
}

#[test]
fn deny_warnings_fails_on_warnings() {
    let p = cases("deny_warnings", "");
    assert_eq!(codes(&p, &["--deny-warnings"]), [0, 0, 1, 1]);
    assert_eq!(codes(&p, &["--deny-warnings", "--exit-zero"]), [0, 0, 0, 0]);
}

#[test]
fn a_missing_path_exits_2() {
    let p = cases("missing_path", "");
    for extra in [&[][..], &["--exit-zero"][..]] {
        let mut args = vec!["check", "no-such-file.arg"];
        args.extend_from_slice(extra);
        let out = p.run(&args);
        assert_eq!(out.code, 2, "{out:?}");
        assert!(out.stderr.contains("no-such-file.arg"), "{out:?}");
    }
}

#[test]
fn per_file_rules_turn_a_rule_off_in_drafts_and_raise_one_elsewhere() {
    let config = r#"per-file-rules:
  "**": {single-source: error}
  "drafts/**": {missing-confidence: off, single-source: warning}
"#;
    let p = Project::new("per_file_rules", config)
        .file("drafts/d.arg", WARNING)
        .file("final/f.arg", WARNING);
    let out = p.run(&["check", "--output-format", "concise"]);
    assert_eq!(
        out.stdout,
        "drafts/d.arg:3:7: warning[single-source] claim `c` rests on a single source: `ap`\n\
         final/f.arg:3:7: warning[missing-confidence] claim `c` has no confidence\n\
         final/f.arg:3:7: error[single-source] claim `c` rests on a single source: `ap`\n"
    );
    assert_eq!(out.code, 1);
    // The drafts alone: warnings only, so the run passes.
    assert_eq!(p.run(&["check", "drafts", "--output-format", "concise"]).code, 0);
}

#[test]
fn markdown_blocks_in_a_list_and_a_quote_are_reported_at_their_md_positions() {
    let md = "# Draft

```arg
source ap \"Associated Press\"
  reliability: A
```

1. First point:

   ```arg
   claim c \"C\"
     cite: ap 2
     because: nowhere
   ```

> Quoted:
>
> ```arg
> evidence e \"Évidence\"
>   cite: ap 9
> ```
";
    let p = Project::new("markdown", "include: [\"**/*.md\"]\n").file("drafts/note.md", md);
    let out = p.run(&["check", "--output-format", "concise"]);
    assert_eq!(
        out.stdout,
        "drafts/note.md:11:10: warning[missing-confidence] claim `c` has no confidence\n\
         drafts/note.md:11:10: warning[single-source] claim `c` rests on a single source: `ap`\n\
         drafts/note.md:13:15: error[unknown-reference] unknown statement `nowhere` in `because`\n\
         drafts/note.md:19:12: warning[orphan-statement] evidence `e` supports nothing and attacks nothing\n\
         drafts/note.md:20:14: error[invalid-value] `9` is not a credibility digit\n",
        "{out:?}"
    );
    assert_eq!(out.code, 1);
}

#[test]
fn stdin_is_checked_as_the_file_stdin_filename_names() {
    let p = Project::new("stdin", "").file(
        "drafts/sources.arg",
        "source ap \"Associated Press\"\n  reliability: A\n",
    );
    // `use "sources.arg"` resolves next to drafts/x.arg, not in the
    // current directory.
    let text = "use \"sources.arg\"\nclaim c \"C\"\n  confidence: likely\n  cite: ap 2\n  because: nowhere\n";
    let out = p.run_with_stdin(
        &[
            "check",
            "--stdin-filename",
            "drafts/x.arg",
            "-",
            "--output-format",
            "concise",
        ],
        Some(text),
    );
    assert_eq!(
        out.stdout,
        "drafts/x.arg:2:7: warning[single-source] claim `c` rests on a single source: `ap`\n\
         drafts/x.arg:5:12: error[unknown-reference] unknown statement `nowhere` in `because`\n",
        "{out:?}"
    );
    assert_eq!(out.code, 1);
    // The same text without its error passes: the import was found.
    let fine = "use \"sources.arg\"\nclaim c \"C\"\n  confidence: likely\n  cite: ap 2\n";
    let out = p.run_with_stdin(
        &[
            "check",
            "--stdin-filename",
            "drafts/x.arg",
            "-",
            "--output-format",
            "concise",
        ],
        Some(fine),
    );
    assert!(
        !out.stdout.contains("import-error") && !out.stdout.contains("unknown-reference"),
        "{out:?}"
    );
    assert_eq!(out.code, 0, "{out:?}");
}

/// A finding after non-ASCII text on its line: `ça-été, ` is 8 characters
/// but 11 bytes, so `nowhere` is at character column 20 (byte column 23). The
/// only finding.
const UNICODE: &str = "source ap \"Associated Press\"
  reliability: A
source reuters \"Reuters\"
  reliability: A
premise ça-été \"Ça a été dit — « oui ».\"
  cite: ap 2
claim c \"The ceasefire holds.\"
  confidence: likely
  cite: ap 2
  cite: reuters 2
  because: ça-été, nowhere
";

#[test]
fn concise_columns_count_characters() {
    let p = Project::new("unicode_concise", "").file("u.arg", UNICODE);
    let out = p.run(&["check", "u.arg", "--output-format", "concise"]);
    assert_eq!(
        out.stdout, "u.arg:11:20: error[unknown-reference] unknown statement `nowhere` in `because`\n",
        "{out:?}"
    );
    assert_eq!(out.code, 1);
}

#[test]
fn github_columns_count_characters() {
    let p = Project::new("unicode_github", "").file("u.arg", UNICODE);
    let out = p.run(&["check", "u.arg", "--output-format", "github"]);
    assert!(
        out.stdout.starts_with(
            "::error file=u.arg,line=11,col=20,endLine=11,endColumn=27,title=argcheck (unknown-reference)::unknown statement `nowhere` in `because`"
        ),
        "{out:?}"
    );
    assert_eq!(out.stdout.lines().count(), 1, "{out:?}");
    // `--format` is an alias of `--output-format`.
    assert_eq!(p.run(&["check", "u.arg", "--format", "github"]).stdout, out.stdout);
}

#[test]
fn init_writes_argcheck_yaml_and_never_overwrites_it() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli").join("init");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create the directory");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_argcheck"))
            .args(args)
            .current_dir(&dir)
            .output()
            .expect("run argcheck")
    };
    let first = run(&["init"]);
    assert_eq!(first.status.code(), Some(0));
    let written = std::fs::read_to_string(dir.join("argcheck.yaml")).expect("argcheck.yaml written");
    assert_eq!(written, argcheck::cli::STARTER_CONFIG);
    // What it writes is a valid configuration: a project with it checks.
    std::fs::write(dir.join("a.arg"), CLEAN).expect("write a.arg");
    let check = run(&["check", "--output-format", "concise"]);
    assert_eq!(check.status.code(), Some(0), "{check:?}");
    assert!(check.stdout.is_empty(), "{check:?}");
    // A second init refuses, and leaves the file alone.
    std::fs::write(dir.join("argcheck.yaml"), "fail-on: warning\n").expect("edit");
    let second = run(&["init", "."]);
    assert_eq!(second.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&second.stderr).contains("already exists"));
    assert_eq!(
        std::fs::read_to_string(dir.join("argcheck.yaml")).expect("still there"),
        "fail-on: warning\n"
    );
}

#[test]
fn a_run_that_finds_no_file_warns_on_stderr() {
    let p = Project::new("no_file", "exclude: [\"**\"]\n").file("a.arg", ERROR);
    let out = p.run(&["check", "--output-format", "concise"]);
    assert!(out.stderr.contains("warning: no file to check"), "{out:?}");
    assert_eq!(out.stdout, "");
    assert_eq!(out.code, 0);
}

#[test]
fn rule_prints_the_full_documentation_of_one_rule() {
    let p = Project::new("rule", "");
    for r in argcheck::rules::RULES {
        let out = p.run(&["rule", r.name]);
        assert_eq!(out.code, 0, "{out:?}");
        assert_eq!(out.stdout, format!("{}\n\n{}", r.name, r.help_text()));
        for part in [r.explanation, r.why] {
            assert!(out.stdout.contains(part), "`argcheck rule {}` shows {part:?}", r.name);
        }
    }
    let out = p.run(&["rule", "single-sorce"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("did you mean `single-source`?"), "{out:?}");
    assert_eq!(out.stdout, "");
}

#[test]
fn rules_lists_every_rule_and_its_json_has_the_documentation() {
    let p = Project::new("rules", "");
    let out = p.run(&["rules"]);
    assert_eq!(out.code, 0);
    assert_eq!(out.stdout.lines().count(), argcheck::rules::RULES.len());
    for r in argcheck::rules::RULES {
        assert!(
            out.stdout.contains(r.name) && out.stdout.contains(r.summary),
            "{}",
            r.name
        );
    }
    let json = p.run(&["rules", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).expect("rules --format json is JSON");
    let list = v["rules"].as_array().cloned().unwrap_or_default();
    assert_eq!(list.len(), argcheck::rules::RULES.len());
    for (j, r) in list.iter().zip(argcheck::rules::RULES) {
        assert_eq!(j["name"], r.name);
        assert_eq!(j["why"], r.why);
        assert_eq!(j["example"], r.example);
        assert_eq!(j["fix"], r.fix);
    }
}

#[test]
fn fix_applies_the_safe_fixes_in_place_and_keeps_every_comment() {
    let before = "# the brief\nsource ap \"AP\"\n  reliability: C\n\n\
claim c \"C\"  # unqualified in the draft\n  allow: single-source, orphan-statement\n  cite: ap 2\n\n\
claim d \"D\"\n  confidence: almost-certain   # too strong\n  cite: ap 3\n  because: e\n\n\
evidence e \"E\"\n  cite: ap 3\n  because: nope\n";
    let p = Project::new("fix", "# root\n").file("a.arg", before);
    let out = p.run(&["check", "--fix", "--output-format", "concise", "."]);
    let after = std::fs::read_to_string(p.dir.join("a.arg")).expect("read");
    assert_eq!(
        after,
        "# the brief\nsource ap \"AP\"\n  reliability: C\n\n\
claim c \"C\"  # unqualified in the draft\n  allow: single-source\n  cite: ap 2\n  confidence: likely\n\n\
claim d \"D\"\n  confidence: likely   # too strong\n  cite: ap 3\n  because: e\n\n\
evidence e \"E\"\n  cite: ap 3\n  because: nope\n",
        "{out:?}"
    );
    // Three fixes: the unused `orphan-statement`, the missing confidence
    // (the ceiling), the overclaimed one. What is left is reported.
    assert!(out.stderr.contains("fixed 3 findings"), "{out:?}");
    assert!(out.stdout.contains("invalid-value"), "{out:?}");
    // Nothing is left to fix: a second run changes nothing.
    let again = p.run(&["check", "--fix", "--output-format", "concise", "."]);
    assert!(again.stderr.contains("fixed 0 findings"), "{again:?}");
    assert_eq!(std::fs::read_to_string(p.dir.join("a.arg")).expect("read"), after);
    // No temporary file is left behind.
    let names: Vec<String> = std::fs::read_dir(&p.dir)
        .expect("list")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.contains(".tmp")), "{names:?}");
    // Standard input cannot be fixed in place.
    let stdin = p.run(&["check", "--fix", "-"]);
    assert_eq!(stdin.code, 2);
}
