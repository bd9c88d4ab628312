//! Arguments inside Markdown, read with a real CommonMark parser.
//!
//! [`extract`] finds every fenced code block whose info string's first word
//! is `arg` — at top level, in list items, in block quotes, in quotes inside
//! lists — and concatenates their contents into [`Extracted::text`] with the
//! container prefixes (list indentation, `> `) stripped: a line at column 0
//! of the block is at column 0 of the text. Each block ends in a newline, so
//! the next block starts on a line of its own. [`Extracted::to_source`] maps
//! a byte offset of the text back to the `.md` file.
//!
//! pulldown-cmark gives a block's content as text events whose source range
//! excludes the container prefixes, and for which `&src[range] == text`
//! (checked for lists, quotes, quotes in lists and tab-indented lists; CRLF
//! line ends come out as `\n` events on the LF byte). Each event becomes one
//! segment of the offset map. Where an event's text is not a slice of the
//! source (pulldown-cmark can synthesise spaces for a tab that is partly
//! container indentation), the common suffix is still mapped byte for byte
//! and the rest maps to the start of the event's range.

use crate::span::SourceMap;
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

/// One piece of the offset map: `text[text_start..text_start + text_len]`
/// came from `src[src_start..src_start + src_len]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Segment {
    text_start: usize,
    text_len: usize,
    src_start: usize,
    src_len: usize,
    /// The two slices are the same bytes (else the text was synthesised).
    exact: bool,
}

/// The `arg` blocks of a Markdown file, and where each byte came from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Extracted {
    /// The contents of every `arg` block, prefixes stripped, in order.
    pub text: String,
    map: Vec<Segment>,
}

impl Extracted {
    fn push(&mut self, src: &str, range: std::ops::Range<usize>, text: &str) {
        let text_start = self.text.len();
        self.text.push_str(text);
        let source = src.get(range.clone()).unwrap_or("");
        if source == text {
            self.map.push(Segment {
                text_start,
                text_len: text.len(),
                src_start: range.start,
                src_len: text.len(),
                exact: true,
            });
            return;
        }
        // Synthesised text: map the longest common suffix exactly.
        let common = common_suffix(source, text);
        let (head_text, head_src) = (text.len() - common, source.len() - common);
        if head_text > 0 || head_src > 0 {
            self.map.push(Segment {
                text_start,
                text_len: head_text,
                src_start: range.start,
                src_len: head_src,
                exact: false,
            });
        }
        if common > 0 {
            self.map.push(Segment {
                text_start: text_start + head_text,
                text_len: common,
                src_start: range.start + head_src,
                src_len: common,
                exact: true,
            });
        }
    }
}

impl SourceMap for Extracted {
    /// Byte offset in the `.md` file of byte `offset` of [`Extracted::text`].
    ///
    /// An offset where a segment starts maps to that segment's start (the
    /// start of a token at the beginning of a line lands after the `> ` or
    /// indentation). An offset past a segment's end that starts no other
    /// (the newline added between blocks, the end of the text) maps to the
    /// end of that segment in the source. Offsets inside a character or past
    /// the end are clamped first, so the result is always a char boundary of
    /// the source.
    fn to_source(&self, offset: usize) -> usize {
        let offset = floor_boundary(&self.text, offset);
        let i = self.map.partition_point(|s| s.text_start <= offset);
        match i.checked_sub(1).and_then(|i| self.map.get(i)) {
            Some(s) => map_in(s, offset - s.text_start),
            None => 0,
        }
    }

    /// Like [`Extracted::to_source`], but an offset where one segment ends
    /// and the next starts maps to the end of the earlier one: use it for
    /// the exclusive end of a span, so that a span ending at a line's end
    /// does not reach over the next line's `> ` prefix.
    fn to_source_end(&self, offset: usize) -> usize {
        let offset = floor_boundary(&self.text, offset);
        let i = self.map.partition_point(|s| s.text_start < offset);
        match i.checked_sub(1).and_then(|i| self.map.get(i)) {
            Some(s) => map_in(s, offset - s.text_start),
            None => self.to_source(offset),
        }
    }
}

/// Where `rel` bytes into segment `s` lands in the source.
fn map_in(s: &Segment, rel: usize) -> usize {
    if rel >= s.text_len {
        s.src_start + s.src_len
    } else if s.exact {
        s.src_start + rel
    } else {
        s.src_start
    }
}

/// Bytes at the end of `a` and `b` that are equal, on char boundaries.
fn common_suffix(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum()
}

/// The largest char boundary of `s` not above `offset`.
fn floor_boundary(s: &str, offset: usize) -> usize {
    let mut o = offset.min(s.len());
    while o > 0 && !s.is_char_boundary(o) {
        o -= 1;
    }
    o
}

/// Whether a fenced block's info string makes it an argument block.
fn is_arg(info: &str) -> bool {
    info.split_whitespace().next() == Some("arg")
}

/// Every `arg` block of `md`, with the map back to `md`.
pub fn extract(md: &str) -> Extracted {
    let mut out = Extracted::default();
    let mut inside = false;
    for (event, range) in Parser::new_ext(md, Options::empty()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => inside = is_arg(&info),
            Event::End(TagEnd::CodeBlock) => {
                if inside && !out.text.is_empty() && !out.text.ends_with('\n') {
                    // Gap: no segment, so it maps to the end of the last one.
                    out.text.push('\n');
                }
                inside = false;
            }
            Event::Text(t) if inside => out.push(md, range, &t),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::{LineCol, LineIndex};
    use proptest::prelude::*;

    /// 1-based line and character column in `md` of the first `needle` of
    /// the extracted text, mapped back.
    fn where_is(md: &str, ex: &Extracted, needle: &str) -> (usize, usize) {
        let at = ex
            .text
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not extracted"));
        let src = ex.to_source(at);
        assert_eq!(&md[src..src + needle.len()], needle, "maps onto the same text");
        let LineCol { line, column } = LineIndex::new(md).char_pos(md, src);
        (line, column)
    }

    const MD: &str = r#"# Titlé

```arg
claim a "ça"
  because: p
```

1. First step

   ```arg
   claim b "in a list"

     because: q
   ```

> Quoted:
>
> ```arg
> claim c "quoted"
>   because: r
> ```

~~~ arg extra words
claim d "tilde"
~~~

```rust
claim nope
```

- > ```arg
  > claim e "quote in list"
  > ```

```arg
claim f "unclosed"
  because: s"#;

    #[test]
    fn blocks_in_containers_map_to_their_md_positions() {
        let ex = extract(MD);
        assert_eq!(
            ex.text,
            "claim a \"ça\"\n  because: p\n\
claim b \"in a list\"\n\n  because: q\n\
claim c \"quoted\"\n  because: r\n\
claim d \"tilde\"\n\
claim e \"quote in list\"\n\
claim f \"unclosed\"\n  because: s\n"
        );
        assert_eq!(where_is(MD, &ex, "claim a"), (4, 1));
        assert_eq!(where_is(MD, &ex, "p\n"), (5, 12));
        assert_eq!(where_is(MD, &ex, "claim b"), (11, 4));
        assert_eq!(where_is(MD, &ex, "because: q"), (13, 6));
        assert_eq!(where_is(MD, &ex, "claim c"), (19, 3));
        assert_eq!(where_is(MD, &ex, "because: r"), (20, 5));
        assert_eq!(where_is(MD, &ex, "claim d"), (24, 1));
        assert_eq!(where_is(MD, &ex, "claim e"), (32, 5));
        assert_eq!(where_is(MD, &ex, "because: s"), (37, 3));
        assert!(!ex.text.contains("nope"));
        // Columns in the text are those of the block: `because` is indented
        // two spaces in every block, whatever the container.
        for line in ex.text.lines().filter(|l| l.contains("because")) {
            assert!(line.starts_with("  because"), "{line:?}");
        }
    }

    #[test]
    fn ends_and_gaps_map_to_segment_ends() {
        let ex = extract(MD);
        // The newline added after the unclosed last block, and the end.
        assert_eq!(ex.to_source(ex.text.len()), MD.len());
        assert_eq!(ex.to_source(ex.text.len() + 10), MD.len());
        // The end of a quoted line stops before the next line's `> `.
        let c = ex.text.find("claim c").unwrap_or_default();
        let eol = c + ex.text[c..].find('\n').unwrap_or_default() + 1;
        let src = ex.to_source_end(eol);
        assert_eq!(&MD[src - 1..src + 2], "\n> ");
        assert_eq!(ex.to_source(eol), src + 2);
        let span = ex.span_to_source(c..c + 7);
        assert_eq!(&MD[span], "claim c");
    }

    #[test]
    fn crlf_line_ends() {
        let md =
            "intro\r\n\r\n> ```arg\r\n> claim a \"é\"\r\n>   because: b\r\n> ```\r\n\r\n```arg\r\nclaim z\r\n```\r\n";
        let ex = extract(md);
        assert_eq!(ex.text, "claim a \"é\"\n  because: b\nclaim z\n");
        assert_eq!(where_is(md, &ex, "claim a"), (4, 3));
        assert_eq!(where_is(md, &ex, "because: b"), (5, 5));
        assert_eq!(where_is(md, &ex, "claim z"), (9, 1));
    }

    #[test]
    fn tab_indented_list_and_empty_input() {
        let md = "- a\n\n\t```arg\n\tclaim t\n\t\tdeep\n\t```\n";
        let ex = extract(md);
        assert_eq!(ex.text, "claim t\n\tdeep\n");
        assert_eq!(where_is(md, &ex, "claim t"), (4, 2));
        assert_eq!(where_is(md, &ex, "deep"), (5, 3));
        let empty = extract("no blocks\n```arg\n```\n");
        assert_eq!(empty.text, "");
        assert_eq!(empty.to_source(0), 0);
        assert_eq!(empty.to_source(5), 0);
    }

    #[test]
    fn synthesised_text_maps_its_common_suffix() {
        let mut ex = Extracted::default();
        // As if a partly consumed tab came out as two spaces.
        ex.push("\tab", 0..3, "  ab");
        assert_eq!(ex.text, "  ab");
        assert_eq!(ex.to_source(0), 0);
        assert_eq!(ex.to_source(1), 0);
        assert_eq!(ex.to_source(2), 1);
        assert_eq!(ex.to_source(3), 2);
        assert_eq!(ex.to_source(4), 3);
    }

    #[test]
    fn partly_consumed_tabs_come_out_as_spaces() {
        // The tab reaches column 4; the list item (or `>`) takes 2 of it and
        // pulldown-cmark emits the other 2 as spaces the source lacks.
        for md in ["- a\n\n  ```arg\n\tx\n  ```\n", "> ```arg\n>\tx\n> ```\n"] {
            let ex = extract(md);
            assert_eq!(ex.text, "  x\n");
            let tab = md.find("\tx").unwrap_or_default();
            assert_eq!(ex.to_source(0), tab + 1, "the spaces map to where `x` is");
            assert_eq!(ex.to_source(2), tab + 1);
            assert_eq!(ex.to_source(4), tab + 3);
        }
    }

    fn markdownish() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "```arg\n",
            "```arg",
            "~~~ arg\n",
            "````arg x\n",
            "```\n",
            "~~~\n",
            "```rust\n",
            "> ",
            ">",
            "- ",
            "* ",
            "1. ",
            "10) ",
            "   ",
            "  ",
            " ",
            "\t",
            "\n",
            "\r\n",
            "\r",
            "claim é x",
            "because: ü",
            "😀",
            "`",
            "~",
            "<div>",
            "</div>",
            "[a]: b\n",
            "# h\n",
            "    code\n",
            "\u{0}",
            "é",
        ]);
        prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn random_markdown_maps_to_char_boundaries(md in markdownish()) {
            let ex = extract(&md);
            let mut last = 0;
            for i in 0..=ex.text.len() + 1 {
                let j = ex.to_source(i);
                prop_assert!(j <= md.len());
                prop_assert!(md.is_char_boundary(j), "offset {} -> {} in {:?}", i, j, md);
                let k = ex.to_source_end(i);
                prop_assert!(md.is_char_boundary(k));
                if ex.text.is_char_boundary(i) {
                    prop_assert!(j >= last, "monotonic: {} -> {} after {}", i, j, last);
                    last = j;
                }
            }
        }
    }
}
