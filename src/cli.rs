//! The command line: `argcheck check`, `argcheck init`, `argcheck explain`,
//! `argcheck rules`, `argcheck rule NAME`.
//!
//! Exit codes: 0 no finding at or above `fail-on` (default: error), 1 at
//! least one, 2 the run itself failed (usage, unreadable path, a
//! `--semantics preferred` problem too large to solve exactly).

use crate::analysis::Semantics;
use crate::check::{self, Checked};
use crate::config;
use crate::graph::{self, RunError};
use crate::render::{self, concise, explain, github, gitlab, human, json, located, sarif};
use crate::rules::{find, Rule, RULES};
use crate::suggest::did_you_mean;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

/// Output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Graphical report for people (colour on a terminal; honours NO_COLOR, CLICOLOR, CLICOLOR_FORCE, FORCE_COLOR, TERM=dumb, COLUMNS).
    Human,
    /// One JSON object (see docs/json.md).
    Json,
}

/// Output format of `check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Graphical report for people (colour on a terminal unless NO_COLOR).
    Human,
    /// One JSON object (see docs/json.md).
    Json,
    /// One line per finding: `path:line:col: severity[rule] message`.
    Concise,
    /// GitHub Actions workflow commands (annotations on pull requests).
    Github,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitLab Code Quality report (JSON).
    Gitlab,
}

/// Output format of `diff`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// For people.
    Human,
    /// One JSON object.
    Json,
    /// Markdown tables, for a pull-request comment.
    Markdown,
}

/// Argumentation semantics for the attack graph.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SemanticsArg {
    /// Dung's grounded semantics (linear time).
    Grounded,
    /// Preferred semantics: `in` when sceptically accepted (exact; refuses graphs too large to solve).
    Preferred,
}

impl From<SemanticsArg> for Semantics {
    fn from(s: SemanticsArg) -> Semantics {
        match s {
            SemanticsArg::Grounded => Semantics::Grounded,
            SemanticsArg::Preferred => Semantics::Preferred,
        }
    }
}

/// Checks structured arguments (`.arg` files) the way a compiler checks code.
#[derive(Parser, Debug)]
#[command(name = "argcheck", version, about, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check files or directories (recursing into `*.arg`).
    Check {
        /// Files or directories to check.
        #[arg(default_value = ".")]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long = "output-format", visible_alias = "format", value_enum, default_value_t = OutputFormat::Human)]
        format: OutputFormat,
        /// Semantics for objections and attacks.
        #[arg(long, value_enum, default_value_t = SemanticsArg::Grounded)]
        semantics: SemanticsArg,
        /// Exit 0 even when findings reach `fail-on` (2 still means the run failed).
        #[arg(long)]
        exit_zero: bool,
        /// Fail on warnings too (a shorthand for `fail-on: warning`).
        #[arg(long)]
        deny_warnings: bool,
        /// Apply the safe fixes in place (each file written atomically),
        /// then report what remains.
        #[arg(long)]
        fix: bool,
        /// With `-` among the paths: check standard input as if it were the
        /// file at this path (its imports and argcheck.yaml are found from it).
        #[arg(long, value_name = "PATH")]
        stdin_filename: Option<PathBuf>,
    },
    /// Write a commented starter `argcheck.yaml` here (never overwrites one).
    Init {
        /// The directory to write it in.
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
    /// What the argument loses if SOURCE were retracted: every statement
    /// whose grounding, ceiling or standing would change, before → after.
    Impact {
        /// The source (its id).
        source: String,
        /// Files or directories.
        #[arg(default_value = ".")]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Semantics for objections and attacks.
        #[arg(long, value_enum, default_value_t = SemanticsArg::Grounded)]
        semantics: SemanticsArg,
    },
    /// Competing hypotheses: each question's matrix (one column per answer,
    /// one row per rating statement, weights, scores, the least
    /// inconsistent answers, non-diagnostic rows and linchpins). The last
    /// argument is a question's id when it is not an existing path and
    /// holds no `/`, `\` or `.`.
    Ach {
        /// Files or directories, then optionally a question's id.
        #[arg(value_name = "PATHS [QUESTION]")]
        args: Vec<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
        format: DiffFormat,
    },
    /// A semantic diff of the argument between a git revision and the
    /// working tree: statements added and removed, facts that moved,
    /// findings that appeared and were fixed.
    Diff {
        /// The revision to compare with (a commit, branch or tag).
        rev: String,
        /// Files or directories.
        #[arg(default_value = ".")]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
        format: DiffFormat,
        /// Semantics for objections and attacks.
        #[arg(long, value_enum, default_value_t = SemanticsArg::Grounded)]
        semantics: SemanticsArg,
    },
    /// Show the support tree of one statement, or of every claim.
    Explain {
        /// A file or directory.
        path: PathBuf,
        /// The statement to explain (default: every claim).
        id: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Semantics for objections and attacks.
        #[arg(long, value_enum, default_value_t = SemanticsArg::Grounded)]
        semantics: SemanticsArg,
    },
    /// Draw the argument map with the findings on it: DOT, Mermaid, JSON,
    /// SVG (laid out in-process) or AIF.
    Graph {
        /// Files or directories.
        #[arg(default_value = ".")]
        paths: Vec<PathBuf>,
        /// Only what this statement rests on and what attacks it.
        #[arg(long, value_name = "ID")]
        claim: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = render::map::Format::Dot)]
        format: render::map::Format,
        /// Semantics for objections and attacks.
        #[arg(long, value_enum, default_value_t = SemanticsArg::Grounded)]
        semantics: SemanticsArg,
    },
    /// Write a self-contained HTML report: the map, every finding on its
    /// node, each claim's support tree, the sources.
    Report {
        /// Files or directories.
        #[arg(default_value = ".")]
        paths: Vec<PathBuf>,
        /// The HTML file to write.
        #[arg(short, long, value_name = "FILE", default_value = "report.html")]
        output: PathBuf,
        /// Semantics for objections and attacks.
        #[arg(long, value_enum, default_value_t = SemanticsArg::Grounded)]
        semantics: SemanticsArg,
    },
    /// Format `.arg` files and the `arg` blocks of Markdown files in place
    /// (one canonical layout; comments and text kept). Files with syntax
    /// errors are never rewritten (exit 2).
    Fmt {
        /// Files or directories (`-`: standard input to standard output).
        #[arg(default_value = ".")]
        paths: Vec<PathBuf>,
        /// Write nothing: print a unified diff and exit 1 when a file is
        /// not formatted.
        #[arg(long)]
        check: bool,
    },
    /// Run the language server (LSP over standard input and output).
    Lsp,
    /// List every rule with its default severity.
    Rules {
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Print one rule's documentation: what it checks, why it matters, an
    /// example that fires and its fix (as in docs/rules.md).
    Rule {
        /// The rule's name, e.g. `single-source`.
        name: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
    },
    /// Import an Argdown map (`.argdown`) as an `.arg` document; whatever
    /// has no counterpart is a warning at its line.
    Import {
        /// The Argdown file.
        file: PathBuf,
        /// Write the `.arg` text here (default: standard output).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Print only Argdown's counts as one JSON object: statements
        /// (equivalence classes), arguments, relations by type.
        #[arg(long)]
        summary: bool,
    },
}

/// A rule's metadata as JSON (`argcheck rules --format json`, `argcheck
/// rule NAME --format json`).
fn rule_json(r: &Rule) -> serde_json::Value {
    serde_json::json!({
        "name": r.name,
        "default": r.default.as_str(),
        "summary": r.summary,
        "explanation": r.explanation,
        "why": r.why,
        "example": r.example,
        "fix": r.fix,
    })
}

/// `argcheck rule NAME`: 0, or 2 for a name no rule has.
fn rule_cmd(name: &str, format: Format) -> i32 {
    let Some(r) = find(name) else {
        let show = |s: &str| render::escape(&render::cap(s, 200)).into_owned();
        let hint = did_you_mean(name, RULES.iter().map(|r| r.name))
            .map_or(String::new(), |s| format!(" (did you mean `{}`?)", show(s)));
        eprintln!(
            "error: no rule is named `{}`{hint}; `argcheck rules` lists them",
            show(name)
        );
        return 2;
    };
    match format {
        Format::Human => write_out(&format!("{}\n\n{}", r.name, r.help_text())),
        Format::Json => write_out(&format!(
            "{}\n",
            serde_json::to_string_pretty(&rule_json(r)).unwrap_or_default()
        )),
    }
    0
}

/// Colour and width of the human report on standard output (see
/// [`human::Style::for_terminal`]).
fn terminal_style() -> human::Style {
    human::Style::for_terminal(std::io::stdout().is_terminal())
}

/// Streams what `write` produces to stdout, buffered.
fn write_stream(write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    // A closed pipe (e.g. `| head`) ends the output quietly.
    let _ = write(&mut out);
    let _ = out.flush();
}

fn write_out(s: &str) {
    let mut out = std::io::stdout().lock();
    // A closed pipe (e.g. `| head`) is not an error worth a panic.
    let _ = out.write_all(s.as_bytes());
    let _ = out.flush();
}

/// Runs the command line; returns the exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => 0,
                _ => 2,
            };
        }
    };
    run(cli.command)
}

fn run(command: Command) -> i32 {
    match command {
        Command::Check {
            paths,
            format,
            semantics,
            exit_zero,
            deny_warnings,
            fix,
            stdin_filename,
        } => {
            if fix && paths.iter().any(|p| p.as_os_str() == "-") {
                eprintln!("error: --fix rewrites files on disk; it cannot fix standard input");
                return 2;
            }
            let mut fixed = 0;
            let mut rounds = 0;
            let checked = loop {
                let checked = match check_paths(&paths, stdin_filename.as_deref(), semantics.into()) {
                    Ok(c) => c,
                    Err(e) => {
                        eprintln!("error: {}", render::escape(&e.0));
                        return 2;
                    }
                };
                // As ruff: apply, check again, until nothing more applies
                // (fixes that overlapped wait for the next round).
                if !fix || rounds >= 100 {
                    break checked;
                }
                rounds += 1;
                let (n, notes) = crate::fix::apply(&checked.ws, &checked.diagnostics);
                for n in notes {
                    eprintln!("warning: {}", render::escape(&n));
                }
                if n == 0 {
                    break checked;
                }
                fixed += n;
            };
            if fix {
                eprintln!("fixed {fixed} finding{}", if fixed == 1 { "" } else { "s" });
            }
            let (errors, warnings, infos) = checked.counts();
            let files = checked.file_count();
            if files == 0 {
                eprintln!(
                    "warning: no file to check under the given paths (argcheck reads `*.arg` files, and what `include:` in argcheck.yaml names, minus `exclude:`)"
                );
            }
            let findings = || located::locate(&checked.ws, &checked.diagnostics);
            match format {
                OutputFormat::Human => write_stream(|w| {
                    human::write(&checked.ws, &checked.diagnostics, terminal_style(), w)?;
                    writeln!(w, "{}", render::summary_line(errors, warnings, infos, files))
                }),
                OutputFormat::Json => {
                    let summary = json::Summary {
                        files,
                        statements: checked.graph.statements.len(),
                        errors,
                        warnings,
                        infos,
                    };
                    crate::timing::stage("render", || {
                        write_stream(|w| json::write(&checked.ws, &checked.diagnostics, summary, w))
                    });
                }
                OutputFormat::Concise => write_out(&concise::render(&findings())),
                OutputFormat::Github => write_out(&github::render(&findings())),
                OutputFormat::Gitlab => write_out(&gitlab::render(&findings())),
                OutputFormat::Sarif => {
                    let root = checked
                        .ws
                        .projects
                        .first()
                        .map_or_else(|| PathBuf::from("."), |p| p.dir.clone());
                    write_out(&sarif::render(&findings(), &root));
                }
            }
            let code = i32::from(checked.failed_with(deny_warnings) && !exit_zero);
            // The process ends here: freeing the graph piece by piece would
            // only cost time (as rustc does, leave it to the OS).
            std::mem::forget(checked);
            code
        }
        Command::Impact {
            source,
            paths,
            format,
            semantics,
        } => {
            let checked = match check::run(&paths, semantics.into()) {
                Ok(c) => c,
                Err(e) => {
                    eprintln!("error: {}", render::escape(&e.0));
                    return 2;
                }
            };
            impact_cmd(&checked, &source, format, semantics.into())
        }
        Command::Ach { args, format } => {
            let (code, out) = render::ach::command(&args, format);
            write_out(&out);
            code
        }
        Command::Diff {
            rev,
            paths,
            format,
            semantics,
        } => {
            let semantics: Semantics = semantics.into();
            let old = graph::git::load_rev(&rev, &paths).and_then(|mut ws| {
                let a = ws.check(semantics)?;
                Ok(Checked::new(ws, a))
            });
            let (old, new) = match (old, check::run(&paths, semantics)) {
                (Ok(o), Ok(n)) => (o, n),
                (Err(e), _) | (_, Err(e)) => {
                    eprintln!("error: {}", render::escape(&e.0));
                    return 2;
                }
            };
            let d = render::diff::compare(&rev, &old, &new);
            match format {
                DiffFormat::Human => write_out(&render::diff::human(&d)),
                DiffFormat::Markdown => write_out(&render::diff::markdown(&d)),
                DiffFormat::Json => write_out(&format!("{}\n", serde_json::to_string_pretty(&d).unwrap_or_default())),
            }
            0
        }
        Command::Explain {
            path,
            id,
            format,
            semantics,
        } => {
            let checked = match check::run(&[path], semantics.into()) {
                Ok(c) => c,
                Err(e) => {
                    eprintln!("error: {}", e.0);
                    return 2;
                }
            };
            let code = explain_cmd(&checked, id.as_deref(), format);
            std::mem::forget(checked);
            code
        }
        Command::Graph {
            paths,
            claim,
            format,
            semantics,
        } => render::map::graph_cmd(&paths, claim.as_deref(), format, semantics.into()),
        Command::Report {
            paths,
            output,
            semantics,
        } => render::map::report_cmd(&paths, &output, semantics.into()),
        Command::Init { dir } => init(&dir),
        Command::Fmt { paths, check } => crate::fmt::cli::run(&paths, check),
        Command::Lsp => crate::lsp::run(),
        Command::Rules { format } => {
            match format {
                Format::Human => {
                    let mut s = String::new();
                    for r in RULES {
                        s.push_str(&format!("{:<24} {:<8} {}\n", r.name, r.default.as_str(), r.summary));
                    }
                    write_out(&s);
                }
                Format::Json => {
                    let list: Vec<serde_json::Value> = RULES.iter().map(|r| rule_json(r)).collect();
                    write_out(&format!(
                        "{}\n",
                        serde_json::to_string_pretty(&serde_json::json!({ "rules": list })).unwrap_or_default()
                    ));
                }
            }
            0
        }
        Command::Rule { name, format } => rule_cmd(&name, format),
        Command::Import { file, output, summary } => crate::import::run_cli(&file, output.as_deref(), summary),
    }
}

/// Checks `paths`; a path `-` is standard input, checked as the file
/// `stdin_filename` (default `stdin.arg` in the current directory).
fn check_paths(paths: &[PathBuf], stdin_filename: Option<&Path>, semantics: Semantics) -> Result<Checked, RunError> {
    if !paths.iter().any(|p| p.as_os_str() == "-") {
        return check::run(paths, semantics);
    }
    let files: Vec<PathBuf> = paths.iter().filter(|p| p.as_os_str() != "-").cloned().collect();
    let mut ws = graph::load(&files)?;
    let cwd = std::env::current_dir().map_err(|e| RunError(format!("cannot read the current directory: {e}")))?;
    let name = cwd.join(stdin_filename.unwrap_or(Path::new("stdin.arg")));
    let limit = config::Limits::default().max_file_size;
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| RunError(format!("cannot read standard input: {e}")))?;
    if bytes.len() as u64 > limit {
        return Err(RunError(format!("standard input is over the limit of {limit} bytes")));
    }
    ws.set_text(&name, String::from_utf8_lossy(&bytes).into_owned());
    let a = ws.check(semantics)?;
    Ok(Checked::new(ws, a))
}

/// The starter configuration `argcheck init` writes.
pub const STARTER_CONFIG: &str = r#"# argcheck.yaml: this directory is the project root. Imports may not leave
# it, and reported paths are relative to it. Every key is optional; the
# values below are the defaults unless said otherwise.

# Files to check when argcheck is pointed at a directory (globs, relative
# to this directory).
include: ["**/*.arg", "**/*.md"]
# exclude: ["archive/**"]

# Exit 1 when a finding has this severity or above: error | warning | info.
fail-on: error

# Severity per rule: error | warning | info | off (`argcheck rules` lists them).
# rules:
#   missing-confidence: off
#   single-source: error

# The same, for the files a glob matches (later globs win).
# per-file-rules:
#   "drafts/**": {missing-confidence: off}

# Replace rows of the ceiling tables (LANGUAGE.md, "Ceiling").
# calibration:
#   reliability: {D: unlikely}
#   credibility: {3: even-chance}

# Exceeding a limit is a diagnostic, never a crash.
# limits:
#   max-file-size: 64 MiB
#   max-import-depth: 64
"#;

fn init(dir: &Path) -> i32 {
    let path = dir.join("argcheck.yaml");
    if path.exists() {
        eprintln!(
            "error: `{}` already exists; argcheck init never overwrites it",
            path.display()
        );
        return 2;
    }
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .and_then(|mut f| f.write_all(STARTER_CONFIG.as_bytes()));
    match written {
        Ok(()) => {
            eprintln!("wrote `{}`", path.display());
            0
        }
        Err(e) => {
            eprintln!("error: cannot write `{}`: {e}", path.display());
            2
        }
    }
}

fn impact_cmd(c: &Checked, source: &str, format: Format, semantics: Semantics) -> i32 {
    let g = &c.graph;
    let Some(src) = g.sources.iter().position(|s| s.name == source) else {
        let hint = did_you_mean(source, g.sources.iter().map(|s| s.name.as_str()))
            .map_or(String::new(), |s| format!(" (did you mean `{s}`?)"));
        eprintln!("error: no source is named `{}`{hint}", render::escape(source));
        return 2;
    };
    let mut void = g.retracted_sources();
    void[src] = true;
    let after = match crate::analysis::analyze_with(
        g,
        |s| &c.ws.config(g.statements[s].loc.file).calibration,
        semantics,
        &void,
    ) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: {}", e.0);
            return 2;
        }
    };
    let changes = render::impact::changes(&c.ws, g, &c.facts, &after);
    match format {
        Format::Human => write_out(&render::impact::human(source, &changes)),
        Format::Json => write_out(&format!(
            "{}\n",
            serde_json::to_string_pretty(&serde_json::json!({ "source": source, "changes": changes }))
                .unwrap_or_default()
        )),
    }
    0
}

fn explain_cmd(c: &Checked, id: Option<&str>, format: Format) -> i32 {
    let g = &c.graph;
    let (tree_roots, json_stmts): (Vec<usize>, Vec<usize>) = match id {
        Some(name) => match g.statements.iter().position(|s| s.name == name) {
            Some(s) => (vec![s], explain::tree_members(c, s)),
            None => {
                // Echo the names escaped and capped: an id may be 100,000
                // characters long.
                let show = |s: &str| render::escape(&render::cap(s, 200)).into_owned();
                let hint = did_you_mean(name, g.statements.iter().map(|s| s.name.as_str()))
                    .map_or(String::new(), |s| format!(" (did you mean `{}`?)", show(s)));
                eprintln!("error: no statement is named `{}`{hint}", show(name));
                return 2;
            }
        },
        None => (
            g.statements
                .iter()
                .enumerate()
                .filter(|(_, s)| s.kind == crate::graph::StmtKind::Claim)
                .map(|(i, _)| i)
                .collect(),
            (0..g.statements.len()).collect(),
        ),
    };
    match format {
        Format::Human => write_stream(|out| explain::tree(c, &tree_roots, out)),
        Format::Json => write_stream(|out| explain::json(c, &json_stmts, out)),
    }
    0
}
