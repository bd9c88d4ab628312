//! Best-effort byte-span locator for YAML documents.
//!
//! serde_yaml gives no positions for values, so this module rescans the text to find
//! where a key, value or sequence item lives, for diagnostics. It handles the commonly
//! written subset of YAML (block mappings and sequences, flow collections, quoted and
//! block scalars, comments, document markers); anything else just yields `None`.

use serde::de::{self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor};
use serde_yaml::value::{Tag, TaggedValue};
use serde_yaml::{Mapping, Value};
use std::cell::RefCell;
use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Range;

/// Deepest path recorded; deeper nodes are scanned but not indexed (keeps time linear).
const MAX_DEPTH: usize = 64;

#[derive(Debug, Clone, Default)]
struct Entry {
    key: Option<Range<usize>>,
    value: Option<Range<usize>>,
    /// The `!tag` written before the value, if any.
    tag: Option<Range<usize>>,
    /// Later occurrences of the same key (a duplicate key).
    more_keys: Vec<Range<usize>>,
}

/// Positions of the keys and values of a YAML document, by path.
///
/// Paths are lists of mapping keys and sequence indices (as decimal strings). For a
/// block sequence item (`- x`) the "key" span is the dash. When a file holds several
/// documents, the first occurrence of a path wins.
#[derive(Debug, Clone, Default)]
pub struct YamlIndex {
    entries: HashMap<PathKey, Entry>,
    /// The parent of each recorded path (for [`YamlIndex::best_span_at`]).
    parents: HashMap<PathKey, PathKey>,
    /// Anchors (`&name`) by name, in text order: position, path of the anchored node.
    anchors: HashMap<String, Vec<(usize, PathKey)>>,
    /// Complex keys (`[a, b]: x`, `? {x: 1}`) of block mappings, by the mapping's path.
    complex: HashMap<PathKey, Vec<Range<usize>>>,
    /// Aliases (`*name`) written as values, by the position of their `*`.
    aliases: HashMap<usize, String>,
}

/// A path in a YAML document (mapping keys and sequence indices, as text), kept as a
/// hash: a path costs the same however long its keys, so indexing stays linear.
/// (Two paths sharing a 64-bit hash would only mix up positions.)
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct PathKey {
    hash: u64,
    depth: usize,
}

impl PathKey {
    /// The document itself.
    pub const ROOT: PathKey = PathKey { hash: 0, depth: 0 };

    /// The path of `seg` under this one.
    pub fn child(self, seg: &str) -> PathKey {
        let mut h = DefaultHasher::new();
        self.hash.hash(&mut h);
        seg.hash(&mut h);
        PathKey {
            hash: h.finish() | 1,
            depth: self.depth.saturating_add(1),
        }
    }

    /// The path made of `segs`.
    pub fn of<S: AsRef<str>>(segs: &[S]) -> PathKey {
        segs.iter().fold(PathKey::ROOT, |p, s| p.child(s.as_ref()))
    }
}

/// `seg` under `path`, unless that goes deeper than indexed.
fn child(path: PathKey, seg: &str) -> Option<PathKey> {
    if path.depth >= MAX_DEPTH {
        return None;
    }
    Some(path.child(seg))
}

fn is_ws(c: u8) -> bool {
    c == b' ' || c == b'\t'
}

fn skip_ws(b: &[u8], mut p: usize, end: usize) -> usize {
    while p < end && is_ws(b[p]) {
        p += 1;
    }
    p
}

/// Moves `e` back over trailing spaces, tabs and `\r`, not before `start`.
fn trim_end(b: &[u8], start: usize, mut e: usize) -> usize {
    while e > start && (is_ws(b[e - 1]) || b[e - 1] == b'\r') {
        e -= 1;
    }
    e
}

/// Whitespace, line breaks and flow indicators end a plain scalar after `:`.
fn ends_token(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\r' | b'\n' | b',' | b'[' | b']' | b'{' | b'}')
}

fn find_byte(b: &[u8], from: usize, c: u8) -> Option<usize> {
    b.get(from..)?.iter().position(|&x| x == c).map(|i| i + from)
}

fn is_dash(b: &[u8], p: usize, end: usize) -> bool {
    p < end && b[p] == b'-' && (p + 1 >= end || is_ws(b[p + 1]))
}

/// End of a line's content: before a comment (outside quotes) and trailing whitespace.
fn content_end(b: &[u8], start: usize, le: usize) -> usize {
    let (mut q, mut i, mut end) = (0u8, start, le);
    while i < le {
        let c = b[i];
        if q != 0 {
            if q == b'"' && c == b'\\' {
                i += 2;
                continue;
            }
            if c == q {
                q = 0;
            }
        } else if c == b'"' || c == b'\'' {
            if i == start || matches!(b[i - 1], b' ' | b'\t' | b'[' | b'{' | b',') {
                q = c;
            }
        } else if c == b'#' && (i == start || is_ws(b[i - 1])) {
            end = i;
            break;
        }
        i += 1;
    }
    trim_end(b, start, end)
}

/// Scans a quoted scalar starting at the quote `b[i]`, not past `lim`.
/// Returns the span inside the quotes and the position after the closing quote.
fn scan_quoted(b: &[u8], i: usize, lim: usize) -> Option<(Range<usize>, usize)> {
    let q = *b.get(i)?;
    let mut j = i + 1;
    while j < lim {
        if q == b'"' && b[j] == b'\\' {
            j += 2;
            continue;
        }
        if b[j] == q {
            if q == b'\'' && j + 1 < lim && b[j + 1] == b'\'' {
                j += 2;
                continue;
            }
            return Some((i + 1..j, j + 1));
        }
        j += 1;
    }
    None
}

/// Decodes the simple escapes of a quoted key.
fn unquote(s: &str, q: u8) -> String {
    if q == b'\'' {
        return s.replace("''", "'");
    }
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some(o) => out.push(o),
            None => out.push('\\'),
        }
    }
    out
}

/// A span recorded by the flow scanner, applied only if the whole collection closes.
struct Rec {
    path: PathKey,
    parent: PathKey,
    is_key: bool,
    span: Range<usize>,
}

struct FlowFrame {
    path: Option<PathKey>,
    parent: PathKey,
    map: bool,
    count: usize,
    has_item: bool,
    key: Option<String>,
    colon: bool,
    start: usize,
}

/// Handles a scalar inside a flow collection.
fn flow_scalar(stack: &mut [FlowFrame], span: Range<usize>, text: String, out: &mut Vec<Rec>) {
    let Some(f) = stack.last_mut() else { return };
    let (seg, is_key) = if !f.map {
        f.has_item = true;
        (Some(f.count.to_string()), false)
    } else if !f.colon {
        f.key = Some(text.clone());
        (Some(text), true)
    } else {
        (f.key.clone(), false)
    };
    if let (Some(p), Some(seg)) = (f.path, seg) {
        if let Some(path) = child(p, &seg) {
            out.push(Rec {
                path,
                parent: p,
                is_key,
                span,
            });
        }
    }
}

/// Scans the flow collection opening at `start`, with an explicit stack. Returns the
/// position after its closing bracket, or `None` if it does not close before `lim`.
fn scan_flow(
    text: &str,
    start: usize,
    lim: usize,
    base: PathKey,
    base_parent: PathKey,
    out: &mut Vec<Rec>,
) -> Option<usize> {
    let b = text.as_bytes();
    let mut stack: Vec<FlowFrame> = Vec::new();
    let mut i = start;
    while i < lim {
        let c = b[i];
        let next_sep = i + 1 >= lim || ends_token(b[i + 1]);
        match c {
            b' ' | b'\t' | b'\r' | b'\n' => i += 1,
            b'#' if i == start || b[i - 1].is_ascii_whitespace() => i = find_byte(b, i, b'\n').unwrap_or(lim),
            b'[' | b'{' => {
                let (path, parent) = match stack.last_mut() {
                    None => (Some(base), base_parent),
                    Some(f) if !f.map => {
                        f.has_item = true;
                        let p = f.path;
                        (p.and_then(|p| child(p, &f.count.to_string())), p.unwrap_or_default())
                    }
                    Some(f) => match (f.path, &f.key, f.colon) {
                        (Some(p), Some(k), true) => (child(p, k), p),
                        _ => (None, PathKey::ROOT),
                    },
                };
                stack.push(FlowFrame {
                    path,
                    parent,
                    map: c == b'{',
                    count: 0,
                    has_item: false,
                    key: None,
                    colon: false,
                    start: i,
                });
                i += 1;
            }
            b']' | b'}' => {
                let f = stack.pop()?;
                if let Some(p) = f.path {
                    out.push(Rec {
                        path: p,
                        parent: f.parent,
                        is_key: false,
                        span: f.start..i + 1,
                    });
                }
                i += 1;
                if stack.is_empty() {
                    return Some(i);
                }
            }
            b',' => {
                if let Some(f) = stack.last_mut() {
                    if f.map {
                        f.key = None;
                        f.colon = false;
                    } else if f.has_item {
                        f.count += 1;
                        f.has_item = false;
                    }
                }
                i += 1;
            }
            b':' if next_sep || stack.last().is_some_and(|f| f.map && f.key.is_some() && !f.colon) => {
                if let Some(f) = stack.last_mut() {
                    f.colon = f.map;
                }
                i += 1;
            }
            b'"' | b'\'' => {
                let (inner, stop) = scan_quoted(b, i, lim)?;
                let s = unquote(text.get(inner.clone()).unwrap_or(""), c);
                flow_scalar(&mut stack, inner, s, out);
                i = stop;
            }
            _ => {
                let mut j = i + 1;
                while j < lim {
                    let d = b[j];
                    let colon_end = d == b':' && (j + 1 >= lim || ends_token(b[j + 1]));
                    if (ends_token(d) && !is_ws(d)) || colon_end || (d == b'#' && is_ws(b[j - 1])) {
                        break;
                    }
                    j += 1;
                }
                let e = trim_end(b, i + 1, j);
                let s = text.get(i..e).unwrap_or("").to_string();
                flow_scalar(&mut stack, i..e, s, out);
                i = j;
            }
        }
    }
    None
}

/// Span of a block scalar's content (`|` or `>`) after line end `le`, and where it stops.
fn block_scalar(b: &[u8], le: usize, owner: usize) -> (Option<Range<usize>>, Option<usize>) {
    let n = b.len();
    let (mut p, mut first, mut last) = (le + 1, None, 0);
    while p < n {
        let e = find_byte(b, p, b'\n').unwrap_or(n);
        let i = skip_ws(b, p, e);
        let t = trim_end(b, i, e);
        if i < t {
            if i - p <= owner {
                break;
            }
            first = first.or(Some(i));
            last = t;
        }
        p = e + 1;
    }
    match first {
        Some(f) => (Some(f..last), Some(last)),
        None => (None, None),
    }
}

struct Frame {
    indent: usize,
    path: PathKey,
    seq: bool,
    count: usize,
}

/// A key or item with no inline value: the next deeper line may open its block.
struct Pending {
    path: PathKey,
    indent: usize,
    parent_map: bool,
}

/// Byte bounds of the line being processed: end (before `\n`) and content end.
struct Line {
    le: usize,
    end: usize,
}

struct Builder<'a> {
    text: &'a str,
    b: &'a [u8],
    stack: Vec<Frame>,
    pending: Option<Pending>,
    budget: usize,
    entries: HashMap<PathKey, Entry>,
    parents: HashMap<PathKey, PathKey>,
    anchors: HashMap<String, Vec<(usize, PathKey)>>,
    complex: HashMap<PathKey, Vec<Range<usize>>>,
    aliases: HashMap<usize, String>,
}

impl Builder<'_> {
    fn set(&mut self, path: PathKey, parent: PathKey, span: Range<usize>, is_key: bool) {
        self.parents.entry(path).or_insert(parent);
        if !is_key {
            if let Some(name) = self.text.get(span.clone()).and_then(|t| t.strip_prefix('*')) {
                self.aliases.insert(span.start, name.to_string());
            }
        }
        let e = self.entries.entry(path).or_default();
        let slot = if is_key { &mut e.key } else { &mut e.value };
        if slot.is_none() {
            *slot = Some(span);
        } else if is_key {
            e.more_keys.push(span);
        }
    }

    /// Records a complex key of the block mapping at `path`, from `p` on this line.
    fn complex_key(&mut self, path: PathKey, p: usize, l: &Line) {
        let b = self.b;
        let end = if matches!(b[p], b'[' | b'{') {
            let mut sink = Vec::new();
            scan_flow(self.text, p, l.end, PathKey::ROOT, PathKey::ROOT, &mut sink).unwrap_or(l.end)
        } else {
            l.end
        };
        self.complex.entry(path).or_default().push(p..end);
    }

    /// Scan limit for multi-line constructs: the whole text while the budget for
    /// failed scans lasts, else the current line (keeps the total work linear).
    fn limit(&self, le: usize) -> usize {
        if self.budget > 0 {
            self.b.len()
        } else {
            le
        }
    }

    fn charge(&mut self, from: usize, lim: usize) {
        self.budget = self.budget.saturating_sub(lim.saturating_sub(from));
    }

    /// Parses `key:` at `p`; returns key span, key text and the value position.
    fn find_key(&self, p: usize, l: &Line) -> Option<(Range<usize>, String, usize)> {
        let b = self.b;
        let c = *b.get(p)?;
        let (span, key, mut j) = if c == b'"' || c == b'\'' {
            let (inner, stop) = scan_quoted(b, p, l.le)?;
            let k = unquote(self.text.get(inner.clone())?, c);
            (inner, k, stop)
        } else {
            if matches!(c, b'[' | b'{') || ((c == b'?' || c == b'-') && (p + 1 >= l.end || is_ws(b[p + 1]))) {
                return None;
            }
            let mut j = p;
            while j < l.end && !(b[j] == b':' && (j + 1 >= l.end || is_ws(b[j + 1]))) {
                j += 1;
            }
            let t = trim_end(b, p, j);
            (p..t, self.text.get(p..t)?.to_string(), j)
        };
        j = skip_ws(b, j, l.end);
        if j >= l.end || b[j] != b':' || (j + 1 < l.end && !is_ws(b[j + 1])) {
            return None;
        }
        Some((span, key, skip_ws(b, j + 1, l.end)))
    }

    /// Records the value starting at `v` for `path`; returns a position to skip to
    /// when the value spans several lines.
    #[allow(clippy::too_many_arguments)]
    fn value(
        &mut self,
        mut v: usize,
        l: &Line,
        path: PathKey,
        parent: PathKey,
        owner: usize,
        parent_map: bool,
    ) -> Option<usize> {
        let b = self.b;
        while v < l.end && (b[v] == b'&' || b[v] == b'!') {
            let start = v;
            while v < l.end && !is_ws(b[v]) {
                v += 1;
            }
            if b[start] == b'&' {
                if let Some(name) = self.text.get(start + 1..v) {
                    self.anchors.entry(name.to_string()).or_default().push((start, path));
                }
            } else {
                self.parents.entry(path).or_insert(parent);
                let e = self.entries.entry(path).or_default();
                e.tag = e.tag.clone().or(Some(start..v));
            }
            v = skip_ws(b, v, l.end);
        }
        if v >= l.end {
            self.pending = Some(Pending {
                path,
                indent: owner,
                parent_map,
            });
            return None;
        }
        let lim = self.limit(l.le);
        match b[v] {
            b'[' | b'{' => {
                let mut recs = Vec::new();
                let Some(stop) = scan_flow(self.text, v, lim, path, parent, &mut recs) else {
                    self.charge(v, lim);
                    return None;
                };
                for r in recs {
                    self.set(r.path, r.parent, r.span, r.is_key);
                }
                Some(stop)
            }
            b'"' | b'\'' => {
                let Some((inner, stop)) = scan_quoted(b, v, lim) else {
                    self.charge(v, lim);
                    return None;
                };
                self.set(path, parent, inner, false);
                Some(stop)
            }
            b'|' | b'>'
                if b[v + 1..l.end]
                    .iter()
                    .all(|&c| c == b'-' || c == b'+' || c.is_ascii_digit()) =>
            {
                let (span, stop) = block_scalar(b, l.le, owner);
                if let Some(s) = span {
                    self.set(path, parent, s, false);
                }
                stop
            }
            _ => {
                self.set(path, parent, v..l.end, false);
                None
            }
        }
    }

    /// Processes one line; returns a position to skip to, if the line's value spans lines.
    fn line(&mut self, ls: usize, le: usize) -> Option<usize> {
        let b = self.b;
        let ind = skip_ws(b, ls, le);
        let l = Line {
            le,
            end: content_end(b, ind, le),
        };
        if ind >= l.end {
            return None;
        }
        let col = ind - ls;
        let head = &b[ind..l.end];
        if col == 0 && (head.starts_with(b"---") || head.starts_with(b"...")) && head.get(3).is_none_or(|&c| is_ws(c)) {
            self.stack.clear();
            self.pending = None;
            return None;
        }
        if col == 0 && head[0] == b'%' && self.stack.is_empty() {
            return None;
        }
        let dash = is_dash(b, ind, l.end);
        if let Some(p) = self.pending.take() {
            if col > p.indent || (col == p.indent && dash && p.parent_map) {
                self.stack.push(Frame {
                    indent: col,
                    path: p.path,
                    seq: dash,
                    count: 0,
                });
            }
        }
        while let [_, .., top] = self.stack.as_slice() {
            if top.indent > col || (top.indent == col && top.seq && !dash) {
                self.stack.pop();
            } else {
                break;
            }
        }
        if self.stack.is_empty() {
            self.stack.push(Frame {
                indent: col,
                path: PathKey::ROOT,
                seq: dash,
                count: 0,
            });
        }
        if self.stack.last()?.indent != col {
            return None;
        }
        let mut p = ind;
        loop {
            let pcol = p - ls;
            if self.stack.last()?.seq {
                let top = self.stack.last_mut()?;
                if !is_dash(b, p, l.end) {
                    return None;
                }
                let seq_path = top.path;
                let item = child(seq_path, &top.count.to_string())?;
                top.count += 1;
                self.set(item, seq_path, p..p + 1, true);
                p = skip_ws(b, p + 1, l.end);
                if p >= l.end {
                    self.pending = Some(Pending {
                        path: item,
                        indent: pcol,
                        parent_map: false,
                    });
                    return None;
                }
                let nested = is_dash(b, p, l.end);
                if nested || self.find_key(p, &l).is_some() {
                    self.stack.push(Frame {
                        indent: p - ls,
                        path: item,
                        seq: nested,
                        count: 0,
                    });
                    continue;
                }
                return self.value(p, &l, item, seq_path, pcol, false);
            }
            if is_dash(b, p, l.end) {
                return None;
            }
            let Some((kspan, key, v)) = self.find_key(p, &l) else {
                let c = b[p];
                if matches!(c, b'[' | b'{') || (c == b'?' && (p + 1 >= l.end || is_ws(b[p + 1]))) {
                    let path = self.stack.last()?.path;
                    self.complex_key(path, p, &l);
                }
                return None;
            };
            let map_path = self.stack.last()?.path;
            let kp = child(map_path, &key)?;
            self.set(kp, map_path, kspan, true);
            return self.value(v, &l, kp, map_path, pcol, true);
        }
    }
}

impl YamlIndex {
    /// Scans `text` once (linear time).
    pub fn new(text: &str) -> YamlIndex {
        let b = text.as_bytes();
        let n = b.len();
        let mut bld = Builder {
            text,
            b,
            stack: Vec::new(),
            pending: None,
            budget: n,
            entries: HashMap::new(),
            parents: HashMap::new(),
            anchors: HashMap::new(),
            complex: HashMap::new(),
            aliases: HashMap::new(),
        };
        // A byte order mark is not content: columns on the first line count from after it.
        let mut pos = if text.starts_with('\u{feff}') { 3 } else { 0 };
        while pos < n {
            let le = find_byte(b, pos, b'\n').unwrap_or(n);
            pos = match bld.line(pos, le) {
                Some(skip) if skip > le => find_byte(b, skip, b'\n').map_or(n, |i| i + 1),
                _ => le + 1,
            };
        }
        YamlIndex {
            entries: bld.entries,
            parents: bld.parents,
            anchors: bld.anchors,
            complex: bld.complex,
            aliases: bld.aliases,
        }
    }

    /// Span of the `!tag` written before the value at `path`.
    pub fn tag_span(&self, path: &[&str]) -> Option<Range<usize>> {
        self.tag_span_at(PathKey::of(path))
    }

    /// Span of the `!tag` written before the value at `path`.
    pub fn tag_span_at(&self, path: PathKey) -> Option<Range<usize>> {
        self.entries.get(&path)?.tag.clone()
    }

    /// Span of the `n`-th repetition (0-based, after the first occurrence) of the key at `path`.
    pub fn duplicate_key_span(&self, path: &[&str], n: usize) -> Option<Range<usize>> {
        self.duplicate_key_span_at(PathKey::of(path), n)
    }

    /// Span of the `n`-th repetition (0-based, after the first occurrence) of the key at `path`.
    pub fn duplicate_key_span_at(&self, path: PathKey, n: usize) -> Option<Range<usize>> {
        self.entries.get(&path)?.more_keys.get(n).cloned()
    }

    /// Span of the `n`-th complex key (`[a, b]:`, `? {x: 1}`) of the block mapping at `path`.
    pub fn complex_key_span(&self, path: &[&str], n: usize) -> Option<Range<usize>> {
        self.complex_key_span_at(PathKey::of(path), n)
    }

    /// Span of the `n`-th complex key (`[a, b]:`, `? {x: 1}`) of the block mapping at `path`.
    pub fn complex_key_span_at(&self, path: PathKey, n: usize) -> Option<Range<usize>> {
        self.complex.get(&path)?.get(n).cloned()
    }

    /// Path of the node anchored `&name` by the last such anchor before byte `before`.
    pub fn anchor_path(&self, name: &str, before: usize) -> Option<PathKey> {
        // Positions grow with the text, so the last anchor before `before` is found by bisection.
        let defs = self.anchors.get(name)?;
        let n = defs.partition_point(|(at, _)| *at < before);
        defs.get(n.checked_sub(1)?).map(|(_, p)| *p)
    }

    /// Byte span of the key at `path` (e.g. ["sources", "ap", "reliability"]): the key text without quotes/colon.
    pub fn key_span(&self, path: &[&str]) -> Option<Range<usize>> {
        self.key_span_at(PathKey::of(path))
    }

    /// Byte span of the key at `path`.
    pub fn key_span_at(&self, path: PathKey) -> Option<Range<usize>> {
        self.entries.get(&path)?.key.clone()
    }

    /// Byte span of the scalar value at `path` (without surrounding quotes), or of the whole flow collection text `[..]`/`{..}` if the value is one.
    /// For a key whose value is a nested block (mapping or sequence on following lines), return None.
    pub fn value_span(&self, path: &[&str]) -> Option<Range<usize>> {
        self.value_span_at(PathKey::of(path))
    }

    /// Byte span of the value at `path` (see [`YamlIndex::value_span`]).
    pub fn value_span_at(&self, path: PathKey) -> Option<Range<usize>> {
        self.entries.get(&path)?.value.clone()
    }

    /// Byte span of the `index`-th item (0-based) of the sequence at `path`, block (`- x`) or flow (`[x, y]`), without quotes.
    pub fn item_span(&self, path: &[&str], index: usize) -> Option<Range<usize>> {
        self.item_span_at(PathKey::of(path), index)
    }

    /// Byte span of the `index`-th item of the sequence at `path`.
    pub fn item_span_at(&self, path: PathKey, index: usize) -> Option<Range<usize>> {
        self.value_span_at(path.child(&index.to_string()))
    }

    /// Best span for reporting a problem at `path`: value_span, else key_span, else the same for the longest prefix of `path` that is known, else 0..0.
    pub fn best_span(&self, path: &[&str]) -> Range<usize> {
        for k in (1..=path.len()).rev() {
            if let Some(e) = self.entries.get(&PathKey::of(&path[..k])) {
                if let Some(s) = e.value.clone().or_else(|| e.key.clone()) {
                    return s;
                }
            }
        }
        0..0
    }

    /// Best span for reporting a problem at `path`: as [`YamlIndex::best_span`], the
    /// known ancestors of `path` tried in turn.
    pub fn best_span_at(&self, path: PathKey) -> Range<usize> {
        let mut p = path;
        for _ in 0..=MAX_DEPTH {
            if p == PathKey::ROOT {
                break;
            }
            if let Some(e) = self.entries.get(&p) {
                if let Some(s) = e.value.clone().or_else(|| e.key.clone()) {
                    return s;
                }
            }
            match self.parents.get(&p) {
                Some(&q) => p = q,
                None => break,
            }
        }
        0..0
    }
}

/// A YAML document read by [`load`], with the duplicate keys it held.
#[derive(Debug)]
pub struct Loaded {
    /// The document (aliases expanded; for a duplicate key, the first value).
    pub value: Value,
    /// The duplicate keys, in text order: the path of the key, and the key.
    pub duplicates: Vec<(PathKey, String)>,
}

/// Why [`load`] failed.
#[derive(Debug)]
pub enum LoadError {
    /// The YAML does not parse (or holds several documents).
    Yaml(serde_yaml::Error),
    /// Aliases expand to more values, or more bytes of text, than the budget
    /// allows (a "billion laughs").
    Expansion {
        /// The budget, in values (and in bytes of keys and strings).
        limit: usize,
    },
}

struct LoadState {
    left: usize,
    bytes_left: usize,
    exceeded: bool,
    path: Vec<PathKey>,
    duplicates: Vec<(PathKey, String)>,
}

#[derive(Clone, Copy)]
struct Seed<'s>(&'s RefCell<LoadState>);

impl Seed<'_> {
    fn tick<E: de::Error>(self) -> Result<(), E> {
        self.charge(0)
    }

    /// Counts one value holding `bytes` bytes of text.
    fn charge<E: de::Error>(self, bytes: usize) -> Result<(), E> {
        let mut st = self.0.borrow_mut();
        if st.left == 0 || st.bytes_left < bytes {
            st.exceeded = true;
            return Err(E::custom("aliases expand to too many values"));
        }
        st.left -= 1;
        st.bytes_left -= bytes;
        Ok(())
    }

    fn top(self) -> PathKey {
        self.0.borrow().path.last().copied().unwrap_or_default()
    }
}

impl<'de> DeserializeSeed<'de> for Seed<'_> {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Seed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E: de::Error>(self, b: bool) -> Result<Value, E> {
        self.tick()?;
        Ok(Value::Bool(b))
    }
    fn visit_i64<E: de::Error>(self, i: i64) -> Result<Value, E> {
        self.tick()?;
        Ok(Value::Number(i.into()))
    }
    fn visit_u64<E: de::Error>(self, u: u64) -> Result<Value, E> {
        self.tick()?;
        Ok(Value::Number(u.into()))
    }
    fn visit_f64<E: de::Error>(self, f: f64) -> Result<Value, E> {
        self.tick()?;
        Ok(Value::Number(f.into()))
    }
    fn visit_str<E: de::Error>(self, s: &str) -> Result<Value, E> {
        self.charge(s.len())?;
        Ok(Value::String(s.to_owned()))
    }
    fn visit_string<E: de::Error>(self, s: String) -> Result<Value, E> {
        self.charge(s.len())?;
        Ok(Value::String(s))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        self.tick()?;
        Ok(Value::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        self.tick()?;
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        self.tick()?;
        let mut out = Vec::new();
        loop {
            let item = self.top().child(&out.len().to_string());
            self.0.borrow_mut().path.push(item);
            let next = seq.next_element_seed(self);
            self.0.borrow_mut().path.pop();
            match next? {
                Some(v) => out.push(v),
                None => break,
            }
        }
        Ok(Value::Sequence(out))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        self.tick()?;
        let mut out = Mapping::new();
        while let Some(k) = map.next_key_seed(self)? {
            let text = key_text(&k);
            let kp = self.top().child(&text);
            self.0.borrow_mut().path.push(kp);
            let v = map.next_value_seed(self);
            let mut st = self.0.borrow_mut();
            if out.contains_key(&k) {
                st.duplicates.push((kp, text));
            }
            st.path.pop();
            drop(st);
            let v = v?;
            if !out.contains_key(&k) {
                out.insert(k, v);
            }
        }
        Ok(Value::Mapping(out))
    }
    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Value, A::Error> {
        self.tick()?;
        let (tag, contents): (String, _) = data.variant()?;
        let value = contents.newtype_variant_seed(self)?;
        Ok(Value::Tagged(Box::new(TaggedValue {
            tag: Tag::new(tag),
            value,
        })))
    }
}

/// The text of a key, as paths of a [`YamlIndex`] spell it (scalars only; other keys get `?`).
pub fn key_text(k: &Value) -> String {
    match k {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Null => "null".into(),
        _ => "?".into(),
    }
}

/// Values a document may hold for each byte of its text, beyond a fixed allowance:
/// plain YAML yields at most about one value per byte, so only aliases go past it.
const VALUES_PER_BYTE: usize = 2;
const VALUES_ALLOWANCE: usize = 100_000;

/// Parses one YAML document (a leading byte order mark is allowed) into a [`Value`],
/// keeping the first value of a duplicate key and noting where it was repeated.
/// Aliases are expanded, but never beyond a budget proportional to the text's
/// length, so a "billion laughs" ends quickly in [`LoadError::Expansion`].
pub fn load(text: &str) -> Result<Loaded, LoadError> {
    let limit = text
        .len()
        .saturating_mul(VALUES_PER_BYTE)
        .saturating_add(VALUES_ALLOWANCE);
    let state = RefCell::new(LoadState {
        left: limit,
        bytes_left: limit,
        exceeded: false,
        path: Vec::new(),
        duplicates: Vec::new(),
    });
    // serde_yaml (0.9.34) takes a document that starts with a byte order mark and has
    // two keys or more for several documents: it parses the text after the mark.
    // Its error positions then count from after the mark, as they do anyway.
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let result = Seed(&state).deserialize(serde_yaml::Deserializer::from_str(body));
    let st = state.into_inner();
    match result {
        Ok(value) => Ok(Loaded {
            value,
            duplicates: st.duplicates,
        }),
        Err(_) if st.exceeded => Err(LoadError::Expansion { limit }),
        Err(e) => Err(LoadError::Yaml(e)),
    }
}

/// One entry of a mapping once merge keys are applied.
#[derive(Debug)]
pub struct MapEntry<'v> {
    /// The key.
    pub key: &'v Value,
    /// The value.
    pub value: &'v Value,
    /// Where the entry is written in the text: the path of the mapping that holds it
    /// (for a merged entry, the anchored mapping it came from), the key not included.
    pub at: PathKey,
}

/// A merge key (`<<`) whose value is not a mapping or a list of mappings.
#[derive(Debug)]
pub struct MergeError {
    /// Where to report it.
    pub span: Range<usize>,
    /// What is wrong.
    pub message: String,
}

/// Deepest chain of merges followed (merged mappings that merge others).
const MAX_MERGE_DEPTH: usize = 32;

impl YamlIndex {
    /// The entries of mapping `m`, written at `path` in the text, with YAML 1.1 merge
    /// keys applied: `<<: *base` or `<<: [*a, *b]` adds the entries of the merged
    /// mappings whose keys are not written explicitly (earlier merged mappings win
    /// over later ones). Explicit entries come first, in text order, then merged ones.
    pub fn entries<'v>(&self, m: &'v Mapping, path: PathKey, errors: &mut Vec<MergeError>) -> Vec<MapEntry<'v>> {
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        self.collect(m, path, 0, &mut out, &mut seen, errors);
        out
    }

    fn collect<'v>(
        &self,
        m: &'v Mapping,
        path: PathKey,
        depth: usize,
        out: &mut Vec<MapEntry<'v>>,
        seen: &mut HashSet<&'v Value>,
        errors: &mut Vec<MergeError>,
    ) {
        if depth > MAX_MERGE_DEPTH {
            errors.push(MergeError {
                span: self.best_span_at(path),
                message: format!("merge keys (`<<`) nest deeper than {MAX_MERGE_DEPTH} levels"),
            });
            return;
        }
        let mut merges = Vec::new();
        for (k, v) in m {
            if k.as_str() == Some("<<") {
                merges.push(v);
                continue;
            }
            // Inside a merged mapping, keys already present (explicit, or from an
            // earlier merge) win.
            if !seen.insert(k) && depth > 0 {
                continue;
            }
            out.push(MapEntry {
                key: k,
                value: v,
                at: path,
            });
        }
        let mp = path.child("<<");
        for v in merges {
            match v {
                Value::Mapping(inner) => {
                    let at = self.merged_path(self.value_span_at(mp), mp);
                    self.collect(inner, at, depth + 1, out, seen, errors);
                }
                Value::Sequence(items) => {
                    for (i, item) in items.iter().enumerate() {
                        let span = self.item_span_at(mp, i);
                        match item {
                            Value::Mapping(inner) => {
                                let at = self.merged_path(span, mp.child(&i.to_string()));
                                self.collect(inner, at, depth + 1, out, seen, errors);
                            }
                            _ => errors.push(MergeError {
                                span: span.unwrap_or_else(|| self.best_span_at(mp)),
                                message: "a merge key (`<<`) takes mappings: this item is not one".into(),
                            }),
                        }
                    }
                }
                _ => errors.push(MergeError {
                    span: self.best_span_at(mp),
                    message: "a merge key (`<<`) takes a mapping or a list of mappings, such as `<<: *base`".into(),
                }),
            }
        }
    }

    /// Where a merged mapping is written: at its anchor when the merge names an alias
    /// (`*base`), else inline under the merge key itself.
    fn merged_path(&self, span: Option<Range<usize>>, inline: PathKey) -> PathKey {
        span.and_then(|s| {
            let name = self.aliases.get(&s.start)?;
            self.anchor_path(name, s.start)
        })
        .unwrap_or(inline)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const REG: &str = "# sources\nsources:\n  ap:\n    title: Associated Press\n    reliability: A\n    kind: wire\n  indianspice:\n    title: \"IndianSpice (blog)\"   # comment\n    reliability: E\n    derived-from: [fpj, 'partaw']\n  other:\n    derived-from:\n      - fpj\n      - ap\n";

    fn at(text: &str, r: Option<Range<usize>>) -> Option<&str> {
        text.get(r?)
    }

    fn check_registry(t: &str) {
        let ix = YamlIndex::new(t);
        assert_eq!(at(t, ix.value_span(&["sources", "ap", "reliability"])), Some("A"));
        assert_eq!(
            at(t, ix.key_span(&["sources", "ap", "reliability"])),
            Some("reliability")
        );
        assert_eq!(
            at(t, ix.value_span(&["sources", "ap", "title"])),
            Some("Associated Press")
        );
        assert_eq!(at(t, ix.value_span(&["sources", "ap", "kind"])), Some("wire"));
        assert_eq!(
            at(t, ix.value_span(&["sources", "indianspice", "title"])),
            Some("IndianSpice (blog)")
        );
        assert_eq!(
            at(t, ix.value_span(&["sources", "indianspice", "reliability"])),
            Some("E")
        );
        let df = ["sources", "indianspice", "derived-from"];
        assert_eq!(at(t, ix.value_span(&df)), Some("[fpj, 'partaw']"));
        assert_eq!(at(t, ix.item_span(&df, 0)), Some("fpj"));
        assert_eq!(at(t, ix.item_span(&df, 1)), Some("partaw"));
        assert_eq!(ix.item_span(&df, 2), None);
        let odf = ["sources", "other", "derived-from"];
        assert_eq!(ix.value_span(&odf), None);
        assert_eq!(at(t, ix.key_span(&odf)), Some("derived-from"));
        assert_eq!(at(t, ix.item_span(&odf, 0)), Some("fpj"));
        assert_eq!(at(t, ix.item_span(&odf, 1)), Some("ap"));
        assert_eq!(ix.item_span(&odf, 2), None);
        assert_eq!(ix.value_span(&["sources"]), None);
        assert_eq!(at(t, ix.key_span(&["sources"])), Some("sources"));
        assert_eq!(at(t, ix.key_span(&["sources", "indianspice"])), Some("indianspice"));
        let start = ix.value_span(&["sources", "ap", "reliability"]).map_or(0, |r| r.start);
        assert_eq!(t[..start].matches('\n').count() + 1, 5);
    }

    #[test]
    fn byte_order_mark() {
        let t = "\u{feff}sources:\n  ap:\n    reliability: A\nother: 1\n";
        let ix = YamlIndex::new(t);
        assert_eq!(at(t, ix.key_span(&["sources"])), Some("sources"));
        assert_eq!(at(t, ix.value_span(&["sources", "ap", "reliability"])), Some("A"));
        assert_eq!(at(t, ix.value_span(&["other"])), Some("1"));
        let loaded = load(t).map(|l| l.value);
        assert!(
            matches!(loaded, Ok(Value::Mapping(ref m)) if m.len() == 2),
            "{loaded:?}"
        );
    }

    #[test]
    fn anchors_tags_duplicates_and_complex_keys() {
        let t = "a: &x\n  k: 1\nb: *x\nc: !t {k: 2}\nd: 1\nd: 2\n[e, f]: 3\n? g\n: 4\n";
        let ix = YamlIndex::new(t);
        assert_eq!(ix.anchor_path("x", t.len()), Some(PathKey::of(&["a"])));
        assert_eq!(ix.anchor_path("x", 0), None);
        assert_eq!(at(t, ix.tag_span(&["c"])), Some("!t"));
        assert_eq!(at(t, ix.value_span(&["c", "k"])), Some("2"));
        assert_eq!(ix.duplicate_key_span(&["d"], 0).map(|r| r.start), t.rfind("d:"));
        assert_eq!(at(t, ix.complex_key_span(&[], 0)), Some("[e, f]"));
        assert_eq!(at(t, ix.complex_key_span(&[], 1)), Some("? g"));
    }

    #[test]
    fn long_keys_cost_their_length_once() {
        // Paths are hashes: a long key does not make each line under it cost its length.
        let mut t = format!("{}:\n", "k".repeat(1 << 20));
        for i in 0..200_000 {
            t.push_str(&format!("  c{i}: v\n"));
        }
        let ix = YamlIndex::new(&t);
        let long = "k".repeat(1 << 20);
        assert_eq!(at(&t, ix.value_span(&[long.as_str(), "c199999"])), Some("v"));
    }

    #[test]
    fn aliases_of_long_strings_are_bounded_by_bytes() {
        let copies = vec!["*s"; 1000].join(", ");
        let t = format!("a: &s {}\nb: [{copies}]\n", "x".repeat(1 << 20));
        assert!(matches!(load(&t), Err(LoadError::Expansion { .. })));
        let t = "a: &s text\nb: [*s, *s]\nc: {<<: {k: 1}}\n";
        assert!(load(t).is_ok());
    }

    #[test]
    fn registry() {
        check_registry(REG);
    }

    #[test]
    fn crlf() {
        check_registry(&REG.replace('\n', "\r\n"));
    }

    #[test]
    fn config() {
        let t = "# argcheck config\ninclude: [\"**/*.arg\", \"**/*.md\"]\nfail-on: error\nrules:\n  missing-confidence: off\n  'quoted-rule': warn\ncalibration:\n  reliability: {D: unlikely, \"E\": remote}\n  credibility: {3: even-chance}\nlimits:\n  max-file-size: 64 MiB\n";
        let ix = YamlIndex::new(t);
        assert_eq!(at(t, ix.value_span(&["include"])), Some("[\"**/*.arg\", \"**/*.md\"]"));
        assert_eq!(at(t, ix.item_span(&["include"], 0)), Some("**/*.arg"));
        assert_eq!(at(t, ix.item_span(&["include"], 1)), Some("**/*.md"));
        assert_eq!(at(t, ix.value_span(&["fail-on"])), Some("error"));
        assert_eq!(at(t, ix.value_span(&["rules", "missing-confidence"])), Some("off"));
        assert_eq!(at(t, ix.value_span(&["rules", "quoted-rule"])), Some("warn"));
        assert_eq!(at(t, ix.key_span(&["rules", "quoted-rule"])), Some("quoted-rule"));
        assert_eq!(
            at(t, ix.value_span(&["calibration", "reliability"])),
            Some("{D: unlikely, \"E\": remote}")
        );
        assert_eq!(at(t, ix.key_span(&["calibration", "reliability", "D"])), Some("D"));
        assert_eq!(
            at(t, ix.value_span(&["calibration", "reliability", "D"])),
            Some("unlikely")
        );
        assert_eq!(at(t, ix.key_span(&["calibration", "reliability", "E"])), Some("E"));
        assert_eq!(
            at(t, ix.value_span(&["calibration", "reliability", "E"])),
            Some("remote")
        );
        assert_eq!(at(t, ix.key_span(&["calibration", "credibility", "3"])), Some("3"));
        assert_eq!(
            at(t, ix.value_span(&["calibration", "credibility", "3"])),
            Some("even-chance")
        );
        assert_eq!(at(t, ix.value_span(&["limits", "max-file-size"])), Some("64 MiB"));
    }

    #[test]
    fn sequences_of_mappings_and_multiline() {
        let t = "items:\n  - name: first\n    weight: 2\n  - name: \"second\"\n  -\n    name: third\n  - plain\nnested:\n- a\n- - b\n  - c\nafter: 1\nlist: [\n  a,   # c\n  \"b, c\",\n  {k: v},\n]\ntext: |\n  line one\n  line two\nlast: yes\n";
        let ix = YamlIndex::new(t);
        assert_eq!(at(t, ix.value_span(&["items", "0", "name"])), Some("first"));
        assert_eq!(at(t, ix.value_span(&["items", "0", "weight"])), Some("2"));
        assert_eq!(at(t, ix.key_span(&["items", "0"])), Some("-"));
        assert_eq!(at(t, ix.value_span(&["items", "1", "name"])), Some("second"));
        assert_eq!(at(t, ix.value_span(&["items", "2", "name"])), Some("third"));
        assert_eq!(at(t, ix.item_span(&["items"], 3)), Some("plain"));
        assert_eq!(ix.item_span(&["items"], 0), None);
        assert_eq!(at(t, ix.item_span(&["nested"], 0)), Some("a"));
        assert_eq!(at(t, ix.item_span(&["nested", "1"], 0)), Some("b"));
        assert_eq!(at(t, ix.item_span(&["nested", "1"], 1)), Some("c"));
        assert_eq!(at(t, ix.value_span(&["after"])), Some("1"));
        assert_eq!(at(t, ix.item_span(&["list"], 0)), Some("a"));
        assert_eq!(at(t, ix.item_span(&["list"], 1)), Some("b, c"));
        assert_eq!(at(t, ix.value_span(&["list", "2", "k"])), Some("v"));
        assert_eq!(ix.item_span(&["list"], 3), None);
        assert_eq!(at(t, ix.value_span(&["text"])), Some("line one\n  line two"));
        assert_eq!(at(t, ix.value_span(&["last"])), Some("yes"));
    }

    #[test]
    fn tabs_unicode_docs() {
        let t = "a:\tb\nc:\t\t'd'\t# x\n";
        let ix = YamlIndex::new(t);
        assert_eq!(at(t, ix.value_span(&["a"])), Some("b"));
        assert_eq!(at(t, ix.value_span(&["c"])), Some("d"));
        let t = "título: café # é\nnombre: \"ñandú\"\nlista: [é, 'ü']\n'clé': x\n";
        let ix = YamlIndex::new(t);
        assert_eq!(at(t, ix.key_span(&["título"])), Some("título"));
        assert_eq!(at(t, ix.value_span(&["título"])), Some("café"));
        assert_eq!(at(t, ix.value_span(&["nombre"])), Some("ñandú"));
        assert_eq!(at(t, ix.item_span(&["lista"], 0)), Some("é"));
        assert_eq!(at(t, ix.item_span(&["lista"], 1)), Some("ü"));
        assert_eq!(at(t, ix.key_span(&["clé"])), Some("clé"));
        let t = "%YAML 1.2\n---\na: 1\n---\na: 2\nb: 'it''s'\n...\n";
        let ix = YamlIndex::new(t);
        assert_eq!(at(t, ix.value_span(&["a"])), Some("1"));
        assert_eq!(at(t, ix.value_span(&["b"])), Some("it''s"));
    }

    #[test]
    fn empty_and_comments() {
        for t in ["", "# only\n  # comments\n\n", "\n\n", "---\n"] {
            let ix = YamlIndex::new(t);
            assert_eq!(ix.value_span(&["a"]), None);
            assert_eq!(ix.best_span(&["a", "b"]), 0..0);
        }
    }

    #[test]
    fn best_span_fallback() {
        let ix = YamlIndex::new(REG);
        assert_eq!(&REG[ix.best_span(&["sources", "ap", "reliability"])], "A");
        assert_eq!(&REG[ix.best_span(&["sources", "ap", "missing", "deeper"])], "ap");
        assert_eq!(
            &REG[ix.best_span(&["sources", "other", "derived-from"])],
            "derived-from"
        );
        assert_eq!(&REG[ix.best_span(&["sources", "other", "derived-from", "1"])], "ap");
        assert_eq!(
            &REG[ix.best_span(&["sources", "indianspice", "derived-from", "9"])],
            "[fpj, 'partaw']"
        );
        assert_eq!(ix.best_span(&["nope", "x"]), 0..0);
        assert_eq!(ix.best_span(&[]), 0..0);
    }

    fn check(t: &str) {
        let ix = YamlIndex::new(t);
        let ok = |r: &Range<usize>| {
            r.start <= r.end && r.end <= t.len() && t.is_char_boundary(r.start) && t.is_char_boundary(r.end)
        };
        let paths: [&[&str]; 6] = [&["a"], &["a", "a"], &[""], &["a", "0"], &["0", "a"], &["aé", "a"]];
        for p in paths {
            assert!(ok(&ix.best_span(p)), "{t:?}");
            for r in [ix.key_span(p), ix.value_span(p), ix.item_span(p, 0), ix.item_span(p, 1)]
                .into_iter()
                .flatten()
            {
                assert!(ok(&r), "{t:?}");
            }
        }
        for r in [ix.item_span(&[], 0), ix.value_span(&[])].into_iter().flatten() {
            assert!(ok(&r), "{t:?}");
        }
    }

    #[test]
    fn garbage() {
        for t in [
            ":::: - [ { ]",
            "a: \"unclosed\nb: 1",
            "a: [1, 2\nb: 3",
            "{",
            "- - - -",
            "\"",
            "'",
            "a: |",
            "a: >-\n",
            "? x\n: y",
            "[a]: b",
            "é:é:é",
            "-\t-\n\t- x",
            "a:\n  - b\n - c\n d: e",
        ] {
            check(t);
        }
        let t = "a: \"unclosed\nb: 1";
        assert_eq!(at(t, YamlIndex::new(t).value_span(&["b"])), Some("1"));
        let t = "a: [1, 2\nb: 3";
        assert_eq!(at(t, YamlIndex::new(t).value_span(&["b"])), Some("3"));
        check(&"[".repeat(20000));
        check(&"- ".repeat(20000));
        check(&"a: [\n".repeat(5000));
        check(&format!("a:{}", "\n  b: {c: [d, \"e".repeat(3000)));
    }

    #[test]
    fn fuzz() {
        let alphabet = [
            ":", "-", " ", "\n", "[", "]", "{", "}", ",", "\"", "'", "#", "a", "é", "\t", "\r", "|", "0",
        ];
        let mut s: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            s
        };
        for _ in 0..5000 {
            let len = (next() % 64) as usize;
            let t: String = (0..len)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                .collect();
            check(&t);
        }
    }
}
