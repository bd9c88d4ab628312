//! The `unused-allow` rule: an `allow:` names a rule that silences nothing on its item.

use super::Rule;
use crate::diagnostic::Severity;

/// Metadata of `unused-allow`.
pub static RULE: Rule = Rule {
    name: "unused-allow",
    default: Severity::Warning,
    summary: "an `allow:` names a rule that silences nothing on its item",
    explanation: "An `allow:` that silences nothing on its item is reported, with a fix that removes it. It is decided after the configuration applies: an `allow` of a rule turned off in argcheck.yaml silences nothing either.",
    why: "A suppression records that a finding was reviewed and accepted. One that silences nothing is stale: it documents a review that no longer applies, and it would silently hide the next real finding of that rule on the item. ruff reports unused `noqa` comments (RUF100) for the same reason.",
    example: "source ap \"Associated Press\"\n  reliability: A\nsource reuters \"Reuters\"\n  reliability: A\nclaim ceasefire \"The ceasefire holds.\"\n  confidence: likely\n  cite: ap 2\n  cite: reuters 2\n  allow: single-source   # two independent origins: nothing to silence\n",
    fix: "source ap \"Associated Press\"\n  reliability: A\nsource reuters \"Reuters\"\n  reliability: A\nclaim ceasefire \"The ceasefire holds.\"\n  confidence: likely\n  cite: ap 2\n  cite: reuters 2\n",
};

use crate::diagnostic::{Diagnostic, Edit, Fix, Loc};

/// The edits that remove the rule name at `span` from its `allow:` list in
/// `text`: the name and one comma next to it, or the whole line when it is
/// the only name.
pub fn removal(file: usize, text: &str, span: std::ops::Range<usize>) -> Vec<Edit> {
    let b = text.as_bytes();
    let ws = |c: u8| c == b' ' || c == b'\t';
    // A comma before it: remove from the comma to the end of the name.
    let mut i = span.start;
    while i > 0 && ws(b[i - 1]) {
        i -= 1;
    }
    if i > 0 && b[i - 1] == b',' {
        return vec![Edit {
            loc: Loc::new(file, i - 1..span.end),
            replacement: String::new(),
        }];
    }
    // A comma after it: remove the name, the comma and the spaces after.
    let mut j = span.end;
    while j < b.len() && ws(b[j]) {
        j += 1;
    }
    if j < b.len() && b[j] == b',' {
        j += 1;
        while j < b.len() && ws(b[j]) {
            j += 1;
        }
        return vec![Edit {
            loc: Loc::new(file, span.start..j),
            replacement: String::new(),
        }];
    }
    // The only name: remove the whole line.
    let start = text[..span.start].rfind(['\n', '\r']).map_or(0, |p| p + 1);
    let mut end = text[span.end..].find(['\n', '\r']).map_or(text.len(), |p| span.end + p);
    if text[end..].starts_with("\r\n") {
        end += 2;
    } else if end < text.len() {
        end += 1;
    }
    vec![Edit {
        loc: Loc::new(file, start..end),
        replacement: String::new(),
    }]
}

/// The diagnostic for an `allow` of `rule` at `loc` that silenced nothing;
/// `text` is the file's text, `fixable` whether the file is `.arg` text
/// (YAML lists are left to the author).
pub fn diagnostic(rule: &str, loc: Loc, text: &str, fixable: bool) -> Diagnostic {
    let mut d = Diagnostic::new(
        &RULE,
        loc.clone(),
        format!("`allow: {rule}` silences nothing on this item"),
        "nothing to silence",
    )
    .with_help(format!(
        "remove `{rule}` from `allow:`; it would hide the next real finding"
    ));
    if fixable {
        d = d.with_fix(Fix {
            title: format!("remove `{rule}` from `allow`"),
            edits: removal(loc.file, text, loc.span.clone()),
            safe: true,
        });
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(text: &str, rule: &str) -> String {
        let at = text.find(rule).unwrap();
        let edits = removal(0, text, at..at + rule.len());
        let mut out = text.to_string();
        for e in edits.iter().rev() {
            out.replace_range(e.loc.span.clone(), &e.replacement);
        }
        out
    }

    #[test]
    fn removes_one_name_and_its_comma_or_the_line() {
        assert_eq!(apply("c\n  allow: a, bb, c\n", "bb"), "c\n  allow: a, c\n");
        assert_eq!(apply("c\n  allow: bb, c\n", "bb"), "c\n  allow: c\n");
        assert_eq!(apply("c\n  allow: a, bb\n", "bb"), "c\n  allow: a\n");
        assert_eq!(
            apply("c\n  allow: bb # why\n  note: \"n\"\n", "bb"),
            "c\n  note: \"n\"\n"
        );
        assert_eq!(apply("c\r\n  allow: bb\r\nx", "bb"), "c\r\nx");
    }
}
