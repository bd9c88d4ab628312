//! Arguments inside Markdown: the fenced code blocks whose info string is
//! `arg`.
//!
//! [`extract`] keeps the text of those blocks and blanks out everything else
//! byte for byte (newlines stay), so a byte offset into the result is the same
//! offset into the Markdown file, and every diagnostic lands on the right line
//! and column of the `.md` file.

/// Returns `md` with everything outside ```` ```arg ```` blocks (and the
/// fence lines themselves) replaced by spaces, newlines kept.
pub fn extract(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    // (fence char, fence length) of the open block, if any.
    let mut open: Option<(char, usize)> = None;
    let mut in_other_block: Option<(char, usize)> = None;
    for line in md.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let indent = body.len() - body.trim_start_matches(' ').len();
        let trimmed = &body[indent..];
        let fence = if indent <= 3 { fence_of(trimmed) } else { None };
        let keep = match (open, in_other_block, fence) {
            (Some((c, n)), _, Some((fc, fnl, info))) if fc == c && fnl >= n && info.is_empty() => {
                open = None;
                false
            }
            (Some(_), _, _) => true,
            (None, Some((c, n)), Some((fc, fnl, info))) if fc == c && fnl >= n && info.is_empty() => {
                in_other_block = None;
                false
            }
            (None, Some(_), _) => false,
            (None, None, Some((fc, fnl, info))) => {
                if info.split_whitespace().next() == Some("arg") {
                    open = Some((fc, fnl));
                } else {
                    in_other_block = Some((fc, fnl));
                }
                false
            }
            (None, None, None) => false,
        };
        if keep {
            out.push_str(line);
        } else {
            for b in line.bytes() {
                out.push(if b == b'\n' { '\n' } else { ' ' });
            }
        }
    }
    out
}

/// `(char, length, info string)` when `line` opens or closes a fence.
fn fence_of(line: &str) -> Option<(char, usize, &str)> {
    let c = line.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let n = line.len() - line.trim_start_matches(c).len();
    if n < 3 {
        return None;
    }
    let info = line[n..].trim();
    if c == '`' && info.contains('`') {
        return None;
    }
    Some((c, n, info))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_only_arg_blocks_at_the_same_offsets() {
        let md = "# Titlé\n\n```arg\nclaim a \"x\"\n```\n\ntext\n\n~~~ arg extra\nclaim b \"y\"\n~~~\n```rust\nclaim c\n```\n";
        let out = extract(md);
        assert_eq!(out.len(), md.len());
        let a = md.find("claim a").unwrap();
        assert_eq!(&out[a..a + 7], "claim a");
        let b = md.find("claim b").unwrap();
        assert_eq!(&out[b..b + 7], "claim b");
        assert!(!out.contains("claim c"));
        assert!(!out.contains("Titl"));
        assert_eq!(out.matches('\n').count(), md.matches('\n').count());
    }

    #[test]
    fn unclosed_block_runs_to_the_end() {
        let out = extract("```arg\nclaim a \"x\"\n");
        assert!(out.contains("claim a"));
    }
}
