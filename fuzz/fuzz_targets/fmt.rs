//! Arbitrary bytes through the formatter, as an `.arg` file and as a
//! Markdown file: never a panic nor an internal error; what it formats
//! formats again to itself and keeps every non-blank character (of the
//! `arg` blocks, for Markdown: a blank quoted line's `>` is prefix, not
//! text).
#![no_main]
use argcheck::fmt::{format_file_text, FormatError};
use libfuzzer_sys::fuzz_target;

fn ink(s: &str) -> Vec<char> {
    let mut v: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
    v.sort_unstable();
    v
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for md in [false, true] {
        match format_file_text(text, md) {
            Ok(once) => {
                let twice = format_file_text(&once, md).expect("formatted text formats");
                assert_eq!(once, twice, "not idempotent");
                if md {
                    let blocks = |s: &str| argcheck::syntax::markdown_cmark::extract(s).text;
                    assert_eq!(ink(&blocks(text)), ink(&blocks(&once)), "text lost");
                } else {
                    assert_eq!(ink(text), ink(&once), "text lost");
                }
            }
            Err(FormatError::Syntax(_)) => {}
            Err(e) => panic!("{e}"),
        }
    }
});
