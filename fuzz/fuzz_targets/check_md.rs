//! Arbitrary bytes as a Markdown file (its `arg` blocks), through the whole check.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    argcheck_fuzz::check_files(&[("in.md", data)], "in.md");
});
