//! Arbitrary bytes as language-server messages and edits, through a whole
//! `argcheck lsp` session in process (see `argcheck_fuzz::lsp_session`).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    argcheck_fuzz::lsp_session(data);
});
