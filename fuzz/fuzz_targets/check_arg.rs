//! Arbitrary bytes as an `.arg` file, through the whole check and both renderers.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    argcheck_fuzz::check_files(&[("in.arg", data)], "in.arg");
});
