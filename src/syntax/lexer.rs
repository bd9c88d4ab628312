//! Token-level parsers (nom) shared by the item parser.

use nom::bytes::complete::{take_while, take_while1};
use nom::character::complete::satisfy;
use nom::combinator::recognize;
use nom::sequence::pair;
use nom::IResult;

/// Whether `c` may continue an identifier.
pub fn is_id_continue(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '_'
}

/// An identifier: a letter, then letters, digits, `-`, `_`.
pub fn identifier(i: &str) -> IResult<&str, &str> {
    recognize(pair(satisfy(char::is_alphabetic), take_while(is_id_continue)))(i)
}

/// A word made of identifier characters (keywords, attribute keys), which
/// may start with a digit so that the error can name it.
pub fn word(i: &str) -> IResult<&str, &str> {
    take_while1(is_id_continue)(i)
}

/// Horizontal whitespace (spaces and tabs), possibly empty.
pub fn hspace(i: &str) -> IResult<&str, &str> {
    take_while(|c| c == ' ' || c == '\t')(i)
}

/// A run of characters up to the next whitespace.
pub fn bare_token(i: &str) -> IResult<&str, &str> {
    take_while1(|c: char| !c.is_whitespace())(i)
}

/// Whether `c` counts as blank at the start of a line.
pub fn is_blank(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n')
}

/// The list of keywords, for messages.
pub const KEYWORDS: &str = "`use`, `source`, `claim`, `premise`, `evidence`, `assumption`, `objection`";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_take_unicode_letters() {
        assert_eq!(identifier("ñandú-2_x rest"), Ok((" rest", "ñandú-2_x")));
        assert!(identifier("2abc").is_err());
        assert!(identifier("-abc").is_err());
        assert_eq!(identifier("a.b"), Ok((".b", "a")));
    }

    #[test]
    fn words_and_tokens() {
        assert_eq!(word("derived-from: x"), Ok((": x", "derived-from")));
        assert_eq!(bare_token("2017-02-27 # c"), Ok((" # c", "2017-02-27")));
        assert_eq!(hspace(" \t x"), Ok(("x", " \t ")));
    }
}
