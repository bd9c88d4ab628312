//! Token-level parsers, in nom's calling convention (`IResult`), shared by
//! the item parser. Each scans bytes with an ASCII fast path and decodes
//! characters only when it meets a non-ASCII byte.
//!
//! Identifiers follow Unicode's identifier rules (UAX #31, as Rust, Python
//! and JavaScript do): an `XID_Start` character, then `XID_Continue`
//! characters or `-`. Names are compared in NFC (see [`nfc`]).

use nom::error::{Error, ErrorKind};
use nom::IResult;
use std::borrow::Cow;

fn fail(i: &str, kind: ErrorKind) -> nom::Err<Error<&str>> {
    nom::Err::Error(Error::new(i, kind))
}

/// Whether `c` may start an identifier (`XID_Start`).
pub fn is_id_start(c: char) -> bool {
    unicode_ident::is_xid_start(c)
}

/// Whether `c` may continue an identifier (`XID_Continue`, or `-`).
pub fn is_id_continue(c: char) -> bool {
    c == '-' || unicode_ident::is_xid_continue(c)
}

/// Length of the run of identifier-continue characters at the start of `s`.
fn continue_len(s: &str) -> usize {
    /// ASCII identifier-continue bytes: letters, digits, `-`, `_`.
    const ASCII_CONTINUE: [bool; 128] = {
        let mut t = [false; 128];
        let mut c = 0;
        while c < 128 {
            let b = c as u8;
            t[c] = b.is_ascii_alphanumeric() || b == b'-' || b == b'_';
            c += 1;
        }
        t
    };
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c < 0x80 && ASCII_CONTINUE[c as usize] {
            i += 1;
        } else if c < 0x80 {
            break;
        } else {
            match s[i..].chars().next() {
                Some(ch) if is_id_continue(ch) => i += ch.len_utf8(),
                _ => break,
            }
        }
    }
    i
}

/// An identifier: an `XID_Start` character, then `XID_Continue`
/// characters or `-`.
pub fn identifier(i: &str) -> IResult<&str, &str> {
    let first = match i.as_bytes().first() {
        Some(b) if b.is_ascii_alphabetic() => 1,
        Some(b) if *b >= 0x80 => match i.chars().next() {
            Some(c) if is_id_start(c) => c.len_utf8(),
            _ => return Err(fail(i, ErrorKind::Alpha)),
        },
        _ => return Err(fail(i, ErrorKind::Alpha)),
    };
    let n = first + continue_len(&i[first..]);
    Ok((&i[n..], &i[..n]))
}

/// Whether the whole of `s` is an identifier.
pub fn is_identifier(s: &str) -> bool {
    matches!(identifier(s), Ok(("", _)))
}

/// A name in Normalization Form C: identifiers written with combining
/// sequences compare equal to their precomposed form (`café` is `café`).
pub fn nfc(name: &str) -> Cow<'_, str> {
    if name.is_ascii() || unicode_normalization::is_nfc(name) {
        Cow::Borrowed(name)
    } else {
        use unicode_normalization::UnicodeNormalization;
        Cow::Owned(name.nfc().collect())
    }
}

/// A word made of identifier characters (keywords, attribute keys), which
/// may start with a digit so that the error can name it.
pub fn word(i: &str) -> IResult<&str, &str> {
    let n = continue_len(i);
    if n == 0 {
        return Err(fail(i, ErrorKind::AlphaNumeric));
    }
    Ok((&i[n..], &i[..n]))
}

/// Horizontal whitespace (spaces and tabs), possibly empty.
pub fn hspace(i: &str) -> IResult<&str, &str> {
    let n = i.bytes().take_while(|b| *b == b' ' || *b == b'\t').count();
    Ok((&i[n..], &i[..n]))
}

/// A run of characters up to the next whitespace.
pub fn bare_token(i: &str) -> IResult<&str, &str> {
    let b = i.as_bytes();
    let mut n = 0;
    while n < b.len() {
        let c = b[n];
        if c < 0x80 {
            if c.is_ascii_whitespace() || c == 0x0b {
                break;
            }
            n += 1;
        } else {
            match i[n..].chars().next() {
                Some(ch) if !ch.is_whitespace() => n += ch.len_utf8(),
                _ => break,
            }
        }
    }
    if n == 0 {
        return Err(fail(i, ErrorKind::Space));
    }
    Ok((&i[n..], &i[..n]))
}

/// Whether `c` counts as blank at the start of a line.
pub fn is_blank(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n')
}

/// The list of keywords, for messages.
pub const KEYWORDS: &str = "`use`, `source`, `claim`, `premise`, `evidence`, `assumption`, `objection`, `question`";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_take_unicode_letters() {
        assert_eq!(identifier("ñandú-2_x rest"), Ok((" rest", "ñandú-2_x")));
        assert!(identifier("2abc").is_err());
        assert!(identifier("-abc").is_err());
        assert!(identifier("_abc").is_err());
        assert_eq!(identifier("a.b"), Ok((".b", "a")));
    }

    #[test]
    fn identifiers_follow_uax31() {
        // Devanagari with a virama (a combining mark, XID_Continue).
        assert!(is_identifier("स्रोत"));
        // ZWNJ inside a Persian word (XID_Continue since Unicode 15.1).
        assert!(is_identifier("می\u{200c}خواهم"));
        assert!(!is_identifier("a b"));
        assert!(!is_identifier("\u{301}a"));
    }

    #[test]
    fn names_compare_in_nfc() {
        let nfd = "cafe\u{301}";
        assert!(is_identifier(nfd));
        assert_eq!(nfc(nfd), "café");
        assert!(matches!(nfc("café"), Cow::Borrowed(_)));
    }

    #[test]
    fn words_and_tokens() {
        assert_eq!(word("derived-from: x"), Ok((": x", "derived-from")));
        assert_eq!(bare_token("2017-02-27 # c"), Ok((" # c", "2017-02-27")));
        assert_eq!(bare_token("a\u{3000}b"), Ok(("\u{3000}b", "a")));
        assert_eq!(hspace(" \t x"), Ok(("x", " \t ")));
    }
}
