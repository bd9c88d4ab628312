//! The editor packages: the VS Code extension's manifest and TextMate
//! grammars are valid JSON and agree with each other (always checked), and
//! the grammars tokenise a sample as VS Code would (`npm test` in
//! editors/vscode, run only when its node_modules are installed, e.g. by
//! `scripts/vscode-build.sh`; skipped with a message otherwise).

use std::path::{Path, PathBuf};
use std::process::Command;

fn vscode() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("editors/vscode")
}

fn json(p: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: invalid JSON: {e}", p.display()))
}

#[test]
fn the_manifest_and_grammars_are_valid_and_agree() {
    let pkg = json(&vscode().join("package.json"));
    let c = &pkg["contributes"];
    assert_eq!(c["languages"][0]["id"], "argcheck");
    assert_eq!(c["languages"][0]["extensions"][0], ".arg");
    json(&vscode().join("language-configuration.json"));
    let grammars = c["grammars"].as_array().expect("grammars");
    assert_eq!(grammars.len(), 2);
    for g in grammars {
        let path = g["path"].as_str().expect("a path");
        let grammar = json(&vscode().join(path));
        assert_eq!(grammar["scopeName"], g["scopeName"], "{path}");
    }
    // The item keywords of the language are all coloured.
    let arg = std::fs::read_to_string(vscode().join("syntaxes/arg.tmLanguage.json")).expect("read");
    for kw in argcheck::syntax::ItemKind::ALL {
        assert!(arg.contains(kw.keyword()), "the grammar misses `{}`", kw.keyword());
    }
    for term in argcheck::terms::Term::ALL {
        assert!(arg.contains(term.as_str()), "the grammar misses `{}`", term.as_str());
    }
    assert!(pkg["devDependencies"]["vscode-textmate"].is_string());
    assert!(
        vscode().join("package-lock.json").is_file(),
        "package-lock.json is committed"
    );
}

#[test]
fn the_grammars_tokenise_a_sample() {
    if !vscode().join("node_modules/vscode-textmate").is_dir() {
        eprintln!("skipped: editors/vscode/node_modules is absent (scripts/vscode-build.sh installs it)");
        return;
    }
    let out = match Command::new("node")
        .arg("test/grammar.test.js")
        .current_dir(vscode())
        .output()
    {
        Ok(o) => o,
        Err(e) => {
            eprintln!("skipped: node cannot run ({e})");
            return;
        }
    };
    assert!(
        out.status.success(),
        "grammar tests failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
