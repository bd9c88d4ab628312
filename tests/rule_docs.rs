//! Each rule's documentation lives in its `RULE` static (src/rules/); these
//! tests keep the copies honest.
//!
//! - docs/rules.md must be exactly `argcheck::rules::markdown()`.
//!   `BLESS=1 cargo test --test rule_docs` rewrites it; review the diff.
//! - Every rule's `example` must fire that rule, and its `fix` must not, so
//!   the documentation cannot drift from what the check functions do.

use argcheck::analysis::Semantics;
use argcheck::rules::{self, RULES};
use std::path::{Path, PathBuf};

#[test]
fn docs_rules_md_is_generated_from_the_rule_metadata() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    let generated = rules::markdown();
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&path, &generated).expect("write docs/rules.md");
        return;
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    if on_disk != generated {
        let first = on_disk
            .lines()
            .zip(generated.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| on_disk.lines().count().min(generated.lines().count()));
        panic!(
            "docs/rules.md differs from the rule metadata (first at line {}); run `BLESS=1 cargo test --test rule_docs`\n  on disk:   {:?}\n  generated: {:?}",
            first + 1,
            on_disk.lines().nth(first).unwrap_or("<end>"),
            generated.lines().nth(first).unwrap_or("<end>"),
        );
    }
}

/// A fresh project directory holding `case.arg` with `text`, a registry
/// `sources.yaml` (for the `use` of import-error's fix) and an empty
/// argcheck.yaml.
fn project(name: &str, text: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("rule_docs").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create the project");
    std::fs::write(dir.join("argcheck.yaml"), "").expect("write argcheck.yaml");
    std::fs::write(
        dir.join("sources.yaml"),
        "sources:\n  fpj:\n    title: Foreign Policy Journal\n    reliability: C\n",
    )
    .expect("write sources.yaml");
    // The example and fix of `unmapped-argdown` are Argdown maps.
    let file = if name.starts_with("unmapped-argdown") {
        "case.argdown"
    } else {
        "case.arg"
    };
    std::fs::write(dir.join(file), text).expect("write the case");
    dir.join(file)
}

/// The rules that fire on `text`.
fn fired(name: &str, text: &str) -> Vec<&'static str> {
    let file = project(name, text);
    let checked = argcheck::check::run(&[file], Semantics::Grounded).expect("the run succeeds");
    checked.diagnostics.iter().map(|d| d.rule).collect()
}

#[test]
fn every_example_fires_its_rule_and_every_fix_does_not() {
    let mut wrong = Vec::new();
    for r in RULES {
        assert!(!r.why.is_empty(), "`{}` says why it matters", r.name);
        let on_example = fired(&format!("{}-example", r.name), r.example);
        if !on_example.contains(&r.name) {
            wrong.push(format!(
                "`{}`: its example does not fire it (fired: {on_example:?})",
                r.name
            ));
        }
        let on_fix = fired(&format!("{}-fix", r.name), r.fix);
        if on_fix.contains(&r.name) {
            wrong.push(format!("`{}`: its fix still fires it", r.name));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_section_of_the_docs_is_the_rules_help() {
    let md = rules::markdown();
    for r in RULES {
        let section = format!("\n## {}\n\n{}", r.name, r.help_markdown());
        assert!(md.contains(&section), "docs/rules.md has the section of `{}`", r.name);
        assert!(r.help_text().contains(r.why) && r.help_text().contains(r.explanation));
    }
}
