//! Output: the human report (miette), JSON, and the `explain` tree.

pub mod ach;
pub mod argdown;
pub mod concise;
pub mod diff;
pub mod explain;
pub mod github;
pub mod gitlab;
pub mod human;
pub mod impact;
pub mod json;
pub mod located;
pub mod map;
pub mod sarif;

use crate::graph::Workspace;
use crate::span::LineCol;
use std::borrow::Cow;

/// Characters that must not reach a terminal as they are: C0 and C1
/// controls and DEL (they move the cursor, clear the screen, set the
/// title), and the bidirectional overrides that reorder what is shown.
/// Tab and newline are the caller's choice (see [`escape`]).
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n')
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Pushes the visible escape of `c`: `\r`, `\n`, or `\u{1b}`.
pub fn push_escaped(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        _ => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
    }
}

/// `s` with every control character (newlines too) written as a visible
/// escape, for one-line text that echoes the user's input: messages,
/// labels, ids, file names.
pub fn escape(s: &str) -> Cow<'_, str> {
    escape_with(s, false)
}

/// [`escape`], but keeping newlines (for help text).
pub fn escape_keep_newlines(s: &str) -> Cow<'_, str> {
    escape_with(s, true)
}

fn escape_with(s: &str, keep_newlines: bool) -> Cow<'_, str> {
    let bad = |c: char| is_unsafe(c) || (c == '\n' && !keep_newlines);
    if !s.chars().any(bad) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if bad(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `s` cut to at most `max` characters, saying how many were left out.
pub fn cap(s: &str, max: usize) -> Cow<'_, str> {
    match s.char_indices().nth(max) {
        None => Cow::Borrowed(s),
        Some((at, _)) => {
            let rest = s[at..].chars().count();
            Cow::Owned(format!("{}… ({rest} more characters)", &s[..at]))
        }
    }
}

/// Character line/column of a byte offset in a file.
pub fn pos(ws: &Workspace, file: usize, offset: usize) -> LineCol {
    let f = &ws.files[file];
    f.lines.char_pos(&f.text, offset)
}

/// `3 errors, 2 warnings in 4 files` (plus infos when there are some).
pub fn summary_line(errors: usize, warnings: usize, infos: usize, files: usize) -> String {
    let plural = |n: usize, w: &str| {
        if n == 1 {
            format!("{n} {w}")
        } else {
            format!("{n} {w}s")
        }
    };
    let mut s = format!(
        "{}, {} in {}",
        plural(errors, "error"),
        plural(warnings, "warning"),
        plural(files, "file")
    );
    if infos > 0 {
        s.push_str(&format!(" ({})", plural(infos, "info")));
    }
    s
}

/// Whether to colour the report, from the environment (`var` reads a
/// variable) and whether stdout is a terminal. In order: `NO_COLOR`
/// (non-empty) turns colour off; `CLICOLOR_FORCE` or `FORCE_COLOR` (set,
/// non-empty, not `0`; `FORCE_COLOR` also not `false`) turn it on;
/// `CLICOLOR=0` or `TERM=dumb` turn it off; otherwise colour exactly on a
/// terminal.
pub fn color_from_env(var: impl Fn(&str) -> Option<String>, tty: bool) -> bool {
    let set = |k: &str| var(k).filter(|v| !v.is_empty());
    if set("NO_COLOR").is_some() {
        return false;
    }
    let force = set("CLICOLOR_FORCE").is_some_and(|v| v != "0")
        || set("FORCE_COLOR").is_some_and(|v| v != "0" && !v.eq_ignore_ascii_case("false"));
    if force {
        return true;
    }
    if set("CLICOLOR").as_deref() == Some("0") || set("TERM").as_deref() == Some("dumb") {
        return false;
    }
    tty
}

/// Narrowest width honoured: below it the report would be unreadable.
pub const MIN_WIDTH: usize = 20;

/// The width to wrap at: `COLUMNS` when it is a number, else the
/// terminal's width, else 100 (never below [`MIN_WIDTH`]).
pub fn width_from_env(var: impl Fn(&str) -> Option<String>, tty_width: Option<usize>) -> usize {
    var("COLUMNS")
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|w| *w > 0)
        .or(tty_width.filter(|w| *w > 0))
        .unwrap_or(100)
        .max(MIN_WIDTH)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |k| pairs.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string())
    }

    #[test]
    fn colour_follows_the_terminal_conventions() {
        assert!(color_from_env(env(&[]), true));
        assert!(!color_from_env(env(&[]), false));
        assert!(!color_from_env(env(&[("NO_COLOR", "1")]), true));
        assert!(
            color_from_env(env(&[("NO_COLOR", "")]), true),
            "an empty NO_COLOR is unset"
        );
        assert!(color_from_env(env(&[("CLICOLOR_FORCE", "1")]), false));
        assert!(!color_from_env(env(&[("CLICOLOR_FORCE", "0")]), false));
        assert!(color_from_env(env(&[("FORCE_COLOR", "1")]), false));
        assert!(color_from_env(env(&[("FORCE_COLOR", "3")]), false));
        assert!(!color_from_env(env(&[("FORCE_COLOR", "0")]), false));
        assert!(!color_from_env(env(&[("FORCE_COLOR", "false")]), false));
        assert!(!color_from_env(env(&[("CLICOLOR", "0")]), true));
        assert!(color_from_env(env(&[("CLICOLOR", "1")]), true));
        assert!(!color_from_env(env(&[("TERM", "dumb")]), true));
        assert!(color_from_env(env(&[("TERM", "dumb"), ("FORCE_COLOR", "1")]), false));
        assert!(color_from_env(
            env(&[("CLICOLOR", "0"), ("CLICOLOR_FORCE", "1")]),
            false
        ));
        assert!(!color_from_env(
            env(&[("NO_COLOR", "1"), ("CLICOLOR_FORCE", "1")]),
            true
        ));
    }

    #[test]
    fn width_comes_from_columns_then_the_terminal() {
        assert_eq!(width_from_env(env(&[]), None), 100);
        assert_eq!(width_from_env(env(&[]), Some(132)), 132);
        assert_eq!(width_from_env(env(&[("COLUMNS", "60")]), Some(132)), 60);
        assert_eq!(width_from_env(env(&[("COLUMNS", "wide")]), Some(132)), 132);
        assert_eq!(width_from_env(env(&[("COLUMNS", "0")]), None), 100);
        assert_eq!(width_from_env(env(&[("COLUMNS", "3")]), None), MIN_WIDTH);
    }

    #[test]
    fn terminal_escapes_are_made_visible() {
        assert_eq!(escape("a\x1b[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(escape("\x1b]0;title\x07"), "\\u{1b}]0;title\\u{7}");
        assert_eq!(escape("x\ny\r\u{9b}\u{202e}"), "x\\ny\\r\\u{9b}\\u{202e}");
        assert_eq!(escape_keep_newlines("x\ny\x1b"), "x\ny\\u{1b}");
        assert!(matches!(escape("plain `id` – é"), Cow::Borrowed(_)));
    }

    #[test]
    fn long_text_is_capped() {
        assert_eq!(cap("abc", 3), "abc");
        assert_eq!(cap("abcdé", 3), "abc… (2 more characters)");
    }
}
