//! Pathological inputs: each must end in a diagnostic or a clean result,
//! never a panic, a stack overflow, a hang or unbounded output.
//!
//! Every case runs on its own thread with a 256 KiB stack (so recursion
//! over input depth shows up here, not only in production on a small
//! stack) and generates its input in a fresh temp dir at run time. The
//! assertions are structural: which rules appear, and that the rendered
//! JSON and human output stay within a bound proportional to the input.
//! Nothing here measures wall-clock time.
//!
//! Sizes: `cargo test` builds in debug, where the 1,000,000-element cases
//! would take minutes, so [`BIG`] is 100,000 in debug builds and the full
//! 1,000,000 under `cargo test --release`; the other sizes are as in
//! issue 12 in both.

use argcheck::analysis::Semantics;
use argcheck::check::{self, Checked};
use argcheck::render;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Length of the long `because` chain and of the attack chain.
const BIG: usize = if cfg!(debug_assertions) { 100_000 } else { 1_000_000 };
/// Premises of the one wide reason.
const WIDE: usize = 100_000;
/// Size of the single-line string.
const LONG_STRING: usize = 50 * 1024 * 1024;
/// Depth of the import nest.
const IMPORTS: usize = 10_000;
/// Length of the `derived-from` chain.
const DERIVED: usize = 1_000;
/// The stack every case runs on.
const STACK: usize = 256 * 1024;

/// A configuration that admits the million-statement files.
const HUGE_FILES: &str = "limits:\n  max-file-size: 512 MiB\n";

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// A project directory, removed when the case ends (inputs reach 50 MB).
struct Project(PathBuf);

impl std::ops::Deref for Project {
    type Target = PathBuf;
    fn deref(&self) -> &PathBuf {
        &self.0
    }
}

impl Drop for Project {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A fresh project directory (it holds an `argcheck.yaml`).
fn project(config: &str) -> Project {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("argcheck-patho-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    std::fs::write(dir.join("argcheck.yaml"), config).expect("write argcheck.yaml");
    Project(dir)
}

/// Runs `case` on a thread with a 256 KiB stack; a panic there fails the test
/// with its message.
fn on_small_stack<F: FnOnce() + Send + 'static>(case: F) {
    let handle = std::thread::Builder::new()
        .name("pathological".into())
        .stack_size(STACK)
        .spawn(case)
        .expect("spawn");
    if let Err(e) = handle.join() {
        std::panic::resume_unwind(e);
    }
}

/// The outcome of a run: rules that fired, and the rendered outputs' sizes.
struct Outcome {
    rules: Vec<&'static str>,
    json_len: usize,
    human_len: usize,
    statements: usize,
}

impl Outcome {
    fn has(&self, rule: &str) -> bool {
        self.rules.contains(&rule)
    }
    fn count(&self, rule: &str) -> usize {
        self.rules.iter().filter(|r| **r == rule).count()
    }
    /// Rendered output must stay within `per_byte` bytes per input byte plus 1 MiB.
    fn assert_bounded(&self, input: usize, per_byte: usize) {
        let bound = input * per_byte + (1 << 20);
        assert!(
            self.json_len <= bound,
            "JSON output {} bytes, over {bound}",
            self.json_len
        );
        assert!(
            self.human_len <= bound,
            "human output {} bytes, over {bound}",
            self.human_len
        );
    }
}

fn outcome(c: &Checked) -> Outcome {
    let (errors, warnings, infos) = c.counts();
    let summary = render::json::Summary {
        files: c.file_count(),
        statements: c.graph.statements.len(),
        errors,
        warnings,
        infos,
    };
    let json = render::json::render(&c.ws, &c.diagnostics, summary);
    serde_json::from_str::<serde_json::Value>(&json).expect("the JSON output parses");
    let human = render::human::render(&c.ws, &c.diagnostics, render::human::Style::default());
    Outcome {
        rules: c.diagnostics.iter().map(|d| d.rule).collect(),
        json_len: json.len(),
        human_len: human.len(),
        statements: c.graph.statements.len(),
    }
}

fn check(path: &Path) -> Outcome {
    let c = check::run(&[path.to_path_buf()], Semantics::Grounded).expect("the run completes");
    outcome(&c)
}

fn write(path: &Path, text: impl AsRef<[u8]>) -> usize {
    let text = text.as_ref();
    std::fs::write(path, text).expect("write input");
    text.len()
}

const SOURCES: &str = "source wire \"Wire service\"\n  reliability: A\n  kind: wire\n\nsource daily \"Daily paper\"\n  reliability: B\n  kind: newspaper\n";

#[test]
fn million_long_because_chain() {
    on_small_stack(|| {
        let dir = project(HUGE_FILES);
        let mut s = String::with_capacity(BIG * 40);
        s.push_str(SOURCES);
        s.push_str("\nclaim c \"Top\"\n  confidence: likely\n  because: p1\n");
        for i in 1..BIG {
            let _ = write!(s, "\npremise p{i} \"Step {i}\"\n  because: p{}\n", i + 1);
        }
        let _ = write!(s, "\npremise p{BIG} \"Last step\"\n  because: e\n");
        s.push_str("\nevidence e \"Ground\"\n  cite: wire 2\n  cite: daily 2\n");
        let n = write(&dir.join("chain.arg"), &s);
        let o = check(&dir);
        assert_eq!(o.statements, BIG + 2);
        for rule in [
            "unsupported-claim",
            "circular-support",
            "syntax-error",
            "orphan-statement",
        ] {
            assert!(
                !o.has(rule),
                "{rule} on a well-formed chain: {:?}",
                &o.rules[..o.rules.len().min(5)]
            );
        }
        o.assert_bounded(n, 4);
    });
}

#[test]
fn reason_with_a_hundred_thousand_premises() {
    on_small_stack(|| {
        let dir = project("# root\n");
        let mut s = String::with_capacity(WIDE * 60);
        s.push_str(SOURCES);
        s.push_str("\nclaim c \"Everything together\"\n  confidence: likely\n  because: ");
        let ids: Vec<String> = (1..=WIDE).map(|i| format!("e{i}")).collect();
        s.push_str(&ids.join(", "));
        s.push('\n');
        for i in 1..=WIDE {
            let src = if i.is_multiple_of(2) { "wire" } else { "daily" };
            let _ = write!(s, "\nevidence e{i} \"Fact {i}\"\n  cite: {src} 2\n");
        }
        let n = write(&dir.join("wide.arg"), &s);
        let o = check(&dir);
        assert_eq!(o.statements, WIDE + 1);
        for rule in [
            "unsupported-claim",
            "syntax-error",
            "orphan-statement",
            "unknown-reference",
        ] {
            assert!(!o.has(rule), "{rule} on a well-formed wide reason");
        }
        o.assert_bounded(n, 4);
    });
}

#[test]
fn fifty_megabyte_single_line_string() {
    on_small_stack(|| {
        let dir = project("# root\n");
        let mut s = String::with_capacity(LONG_STRING + 200);
        s.push_str(SOURCES);
        s.push_str("\nevidence e \"");
        s.extend(std::iter::repeat_n('x', LONG_STRING));
        s.push_str("\"\n  cite: wire 2\n  cite: daily 2\n\nclaim c \"Top\"\n  confidence: likely\n  because: e\n");
        write(&dir.join("long.arg"), &s);
        let o = check(&dir);
        assert_eq!(o.statements, 2);
        assert!(!o.has("syntax-error") && !o.has("import-error"), "{:?}", o.rules);
        // The string is not repeated into the output.
        o.assert_bounded(0, 0);
    });
}

#[test]
fn unterminated_fifty_megabyte_string() {
    on_small_stack(|| {
        let dir = project("# root\n");
        let mut s = String::with_capacity(LONG_STRING + 20);
        s.push_str("claim c \"");
        s.extend(std::iter::repeat_n('x', LONG_STRING));
        write(&dir.join("open.arg"), &s);
        let o = check(&dir);
        assert!(o.has("syntax-error"), "{:?}", o.rules);
        o.assert_bounded(0, 0);
    });
}

#[test]
fn ten_thousand_nested_imports() {
    on_small_stack(|| {
        // The limit is raised so that the whole nest is loaded: the point is
        // that loading and resolving it needs no stack proportional to its depth.
        let dir = project(&format!("limits:\n  max-import-depth: {}\n", IMPORTS + 10));
        let mut total = write(
            &dir.join("f0.arg"),
            "use \"f1.arg\"\n\nclaim c \"Top\"\n  confidence: likely\n  because: e\n",
        );
        for i in 1..IMPORTS {
            total += write(&dir.join(format!("f{i}.arg")), format!("use \"f{}.arg\"\n", i + 1));
        }
        total += write(
            &dir.join(format!("f{IMPORTS}.arg")),
            format!("{SOURCES}\nevidence e \"Fact\"\n  cite: wire 2\n  cite: daily 2\n"),
        );
        let o = check(&dir.join("f0.arg"));
        // The claim sees the evidence at the bottom of the nest.
        assert!(!o.has("import-error"), "{:?}", &o.rules[..o.rules.len().min(5)]);
        assert!(
            !o.has("unknown-reference") && !o.has("unsupported-claim"),
            "{:?}",
            o.rules
        );
        assert_eq!(o.statements, 2);
        o.assert_bounded(total, 64);
    });
}

#[test]
fn ten_thousand_nested_imports_each_defining_ids() {
    on_small_stack(|| {
        let dir = project(&format!("limits:\n  max-import-depth: {}\n", IMPORTS + 10));
        let mut total = 0;
        for i in 0..IMPORTS {
            total += write(
                &dir.join(format!("f{i}.arg")),
                format!(
                    "use \"f{}.arg\"\n\nevidence e{i} \"Fact {i}\"\n  cite: wire 2\n  attacks: o{i}\n",
                    i + 1
                ),
            );
        }
        total += write(
            &dir.join(format!("f{IMPORTS}.arg")),
            format!("{SOURCES}\nobjection o0 \"Objection\"\n  cite: daily 3\n"),
        );
        let o = check(&dir.join("f0.arg"));
        // Every file's evidence attacks an id: o0 exists, the others do not.
        assert!(!o.has("import-error"), "{:?}", &o.rules[..o.rules.len().min(5)]);
        assert_eq!(o.count("unknown-reference"), IMPORTS - 1);
        assert_eq!(o.statements, IMPORTS + 1);
        o.assert_bounded(total, 64);
    });
}

#[test]
fn nested_imports_beyond_the_default_limit() {
    on_small_stack(|| {
        let dir = project("# root\n");
        for i in 0..IMPORTS {
            write(&dir.join(format!("f{i}.arg")), format!("use \"f{}.arg\"\n", i + 1));
        }
        write(&dir.join(format!("f{IMPORTS}.arg")), "# the end\n");
        let o = check(&dir.join("f0.arg"));
        assert_eq!(o.count("import-error"), 1, "{:?}", o.rules);
        o.assert_bounded(0, 0);
    });
}

#[test]
fn thousand_source_derived_from_chain() {
    on_small_stack(|| {
        let dir = project("# root\n");
        let mut y = String::from("sources:\n  s0:\n    title: Origin\n    reliability: A\n");
        for i in 1..DERIVED {
            let _ = write!(
                y,
                "  s{i}:\n    title: Copy {i}\n    reliability: B\n    derived-from: [s{}]\n",
                i - 1
            );
        }
        let n = write(&dir.join("sources.yaml"), &y);
        let last = DERIVED - 1;
        write(
            &dir.join("a.arg"),
            format!("use \"sources.yaml\"\n\nclaim c \"Top\"\n  confidence: likely\n  because: e\n\nevidence e \"Fact\"\n  cite: s{last} 2\n  cite: s0 2\n"),
        );
        let o = check(&dir);
        // Both citations trace back to s0: one origin, so no corroboration.
        assert!(o.has("single-source"), "{:?}", o.rules);
        assert!(o.has("circular-reporting"), "{:?}", o.rules);
        assert!(!o.has("invalid-value") && !o.has("syntax-error"), "{:?}", o.rules);
        o.assert_bounded(n, 8);
    });
}

#[test]
fn billion_laughs_registry() {
    on_small_stack(|| {
        let dir = project("# root\n");
        let mut y =
            String::from("a0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
        for i in 1..10 {
            let p = i - 1;
            let _ = writeln!(
                y,
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]"
            );
        }
        y.push_str("sources:\n  ap:\n    title: *a9\n    reliability: A\n");
        let n = write(&dir.join("sources.yaml"), &y);
        write(
            &dir.join("a.arg"),
            "use \"sources.yaml\"\n\nevidence e \"Fact\"\n  cite: ap 2\n\nclaim c \"Top\"\n  confidence: likely\n  because: e\n",
        );
        let o = check(&dir);
        // Either the registry is refused (a diagnostic) or read without
        // expanding the aliases into the output; never a blow-up.
        assert!(!o.rules.is_empty(), "the alias bomb goes unnoticed");
        o.assert_bounded(n, 64);
    });
}

#[cfg(unix)]
#[test]
fn directory_symlink_loop() {
    on_small_stack(|| {
        let dir = project("# root\n");
        let sub = dir.join("sub");
        std::fs::create_dir(&sub).expect("mkdir");
        std::os::unix::fs::symlink("..", sub.join("up")).expect("symlink");
        std::os::unix::fs::symlink(".", sub.join("here")).expect("symlink");
        write(
            &sub.join("a.arg"),
            format!("{SOURCES}\nevidence e \"Fact\"\n  cite: wire 2\n  cite: daily 2\n\nclaim c \"Top\"\n  confidence: likely\n  because: e\n"),
        );
        let o = check(&dir);
        // a.arg is found once, and nothing else.
        assert_eq!(o.statements, 2);
        assert!(!o.has("duplicate-id"), "{:?}", o.rules);
        assert!(!o.has("import-error"), "{:?}", o.rules);
        o.assert_bounded(0, 0);
    });
}

#[test]
fn file_of_nul_bytes() {
    on_small_stack(|| {
        let dir = project("# root\n");
        let n = write(&dir.join("nul.arg"), vec![0u8; 1 << 20]);
        let o = check(&dir);
        assert!(o.has("syntax-error"), "{:?}", o.rules);
        // Not one diagnostic per byte.
        assert!(o.rules.len() <= 1000, "{} diagnostics", o.rules.len());
        o.assert_bounded(n, 1);
    });
}

#[test]
fn million_deep_attack_chain() {
    on_small_stack(|| {
        // o{BIG} is unattacked, so `in`; labels alternate down the chain; BIG
        // is even, so o1 is `out` and the claim it attacks stays `in`.
        const { assert!(BIG.is_multiple_of(2)) };
        // At 1,000,000 objections the file is over the default 64 MiB limit.
        let dir = project(HUGE_FILES);
        let mut s = String::with_capacity(BIG * 50);
        s.push_str(SOURCES);
        s.push_str("\nclaim c \"Top\"\n  confidence: likely\n  because: e\n\nevidence e \"Fact\"\n  cite: wire 2\n  cite: daily 2\n");
        s.push_str("\nobjection o1 \"Objection 1\"\n  cite: daily 3\n  attacks: c\n");
        for i in 2..=BIG {
            let _ = write!(
                s,
                "\nobjection o{i} \"Objection {i}\"\n  cite: daily 3\n  attacks: o{}\n",
                i - 1
            );
        }
        let n = write(&dir.join("attacks.arg"), &s);
        let o = check(&dir);
        assert_eq!(o.statements, BIG + 2);
        assert!(!o.has("defeated-claim"), "the claim's attacker is out");
        assert!(!o.has("contested-claim"), "grounded semantics decides an acyclic chain");
        assert!(!o.has("unanswered-objection"), "only o1 attacks a claim, and it is out");
        o.assert_bounded(n, 4);
    });
}

#[cfg(unix)]
#[test]
fn fifo_in_walked_directory() {
    on_small_stack(|| {
        let dir = project("# root\n");
        let fifo = dir.join("f.arg");
        let status = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo");
        assert!(status.success());
        write(
            &dir.join("a.arg"),
            format!("{SOURCES}\nevidence e \"Fact\"\n  cite: wire 2\n  cite: daily 2\n\nclaim c \"Top\"\n  confidence: likely\n  because: e\n"),
        );
        let o = check(&dir);
        // The FIFO is skipped or reported as unreadable; a.arg is checked.
        assert_eq!(o.statements, 2);
        assert!(o.rules.iter().all(|r| *r == "import-error"), "{:?}", o.rules);
        o.assert_bounded(0, 0);
    });
}

#[cfg(unix)]
#[test]
fn arg_symlink_to_dev_zero() {
    on_small_stack(|| {
        let dir = project("# root\n");
        std::os::unix::fs::symlink("/dev/zero", dir.join("z.arg")).expect("symlink");
        let o = check(&dir);
        // Skipped, or reported as unreadable / too large: nothing else.
        assert!(o.rules.iter().all(|r| *r == "import-error"), "{:?}", o.rules);
        o.assert_bounded(0, 0);
    });
}

/// Answers and rows of the huge competing-hypotheses matrix.
const ACH: usize = 10_000;

#[test]
fn competing_hypotheses_with_ten_thousand_answers_and_rows() {
    // Each row rates one answer `I`: every row leaves the other answers
    // unrated, is not diagnostic, and is a linchpin (all answers tie; without
    // the row its answer would stand alone). A rule or a linchpin test that
    // walked every answer per row would take 10^8 steps per rule; messages and
    // labels list at most eight names.
    on_small_stack(|| {
        let dir = project("# root\n");
        let mut s = String::with_capacity(ACH * 120);
        s.push_str(SOURCES);
        for i in 0..ACH {
            let _ = write!(
                s,
                "\nclaim a{i} \"Answer {i}\"\n  confidence: almost-no-chance\n  cite: wire 3\n"
            );
        }
        let ids: Vec<String> = (0..ACH).map(|i| format!("a{i}")).collect();
        let _ = write!(s, "\nquestion q \"Which?\"\n  answers: {}\n", ids.join(", "));
        for i in 0..ACH {
            let _ = write!(s, "\nevidence e{i} \"Row {i}\"\n  cite: daily 2\n  rates: a{i} I\n");
        }
        // One wide row rates every answer `C`, then the last one again (an
        // `invalid-value`): repeats are found without a scan of the row.
        let all: Vec<String> = ids.iter().map(|a| format!("{a} C")).collect();
        let _ = write!(
            s,
            "\nevidence wide \"Fits all\"\n  cite: daily 2\n  rates: {}, a{} I\n",
            all.join(", "),
            ACH - 1
        );
        let n = write(&dir.join("ach.arg"), &s);
        let c = check::run(&[dir.to_path_buf()], Semantics::Grounded).expect("the run completes");
        let m = &c.facts.ach[0];
        assert_eq!((m.answers.len(), m.rows.len(), m.least_count), (ACH, ACH + 1, ACH));
        assert!(m.incoherent(), "{} %", m.declared_lower_sum);
        let o = outcome(&c);
        for rule in ["unrated-answer", "linchpin-evidence"] {
            assert_eq!(o.count(rule), ACH, "{rule}");
        }
        assert_eq!(o.count("non-diagnostic-evidence"), ACH + 1);
        assert_eq!(o.count("invalid-value"), 1);
        assert_eq!(o.count("incoherent-confidence"), 1);
        let incoherent = c
            .diagnostics
            .iter()
            .find(|d| d.rule == "incoherent-confidence")
            .expect("fired");
        assert!(incoherent.labels.len() <= 9, "{} labels", incoherent.labels.len());
        assert!(c.diagnostics.iter().all(|d| d.message.len() < 2_000));
        // Four findings a row (these three and single-source on its answer),
        // each under a kilobyte of JSON: linear, about 26 bytes per input byte.
        o.assert_bounded(n, 32);
    });
}
