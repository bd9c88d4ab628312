//! Arbitrary bytes as an Argdown map: the parser and importer directly
//! (the generated `.arg` must parse without error), then the whole check.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let imported = argcheck::import::import(&text);
    let parsed = argcheck::syntax::parse(&imported.arg);
    assert!(parsed.errors.is_empty(), "the import is not valid .arg: {:?}", parsed.errors);
    argcheck_fuzz::check_files(&[("in.argdown", data)], "in.argdown");
});
