//! Arbitrary bytes as a YAML source registry imported by a fixed `.arg` file.
#![no_main]
use libfuzzer_sys::fuzz_target;

/// Uses the usual names of a registry, so that resolution, origins and
/// ceilings run on whatever the fuzzer makes of them.
const DOC: &[u8] = b"use \"reg.yaml\"\n\nclaim c \"Top\"\n  confidence: likely\n  because: e\n  by: ap\n\nevidence e \"Fact\"\n  cite: ap 2 \"p. 1\" 2020-01-01\n  cite: blog 3\n  cite: s1 1\n";

fuzz_target!(|data: &[u8]| {
    argcheck_fuzz::check_files(&[("reg.yaml", data), ("doc.arg", DOC)], "doc.arg");
});
