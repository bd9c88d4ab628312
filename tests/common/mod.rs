//! What the tests that run the real binary share: running it from the
//! repository root, and comparing an output with the expected file beside
//! its input (`BLESS=1` rewrites the file instead).

#![allow(dead_code)] // each test file uses what it needs

use std::path::Path;
use std::process::Command;

/// Runs `argcheck ARGS` in the repository root without colour: its
/// standard output, standard error and exit code (-1 when killed).
pub fn run(args: &[&str]) -> (String, String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_argcheck"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .expect("the binary runs");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

/// Asserts that `got` is the content of `DIR/NAME` (`DIR` relative to the
/// repository root); with `BLESS` set, writes it there instead.
pub fn expect(dir: &str, name: &str, got: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir).join(name);
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&path, got).expect("write expectation");
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(got, want, "{} differs (BLESS=1 to update)", path.display());
}
