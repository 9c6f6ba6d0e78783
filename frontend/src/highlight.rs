//! How are highlights and footnote markers laid over a passage's text? One pure function,
//! [`layer`], turns the text, its note markers and any number of highlight spans (several themes,
//! overlapping freely) into a tree of text pieces, markers and `<mark>` elements that the
//! components render node by node.
//!
//! Spans nest when one lies inside another; when two cross, the later one is split at the
//! boundary and its continuation is marked (`first == false`), so every span still starts with
//! exactly one element (the one to count, and to click). Byte offsets that are out of range or
//! off a character boundary are moved outward to the nearest boundary (a span covers every
//! character it touches); spans left empty are dropped. No `web-sys` here: tested natively.

use std::ops::Range;

use yomikurabe_core::model::NoteRef;

/// A piece of a passage's text, as laid out for rendering.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node<'a> {
    /// Text to show as is.
    Text(&'a str),
    /// Marker of note `number`; `index` is its position in `Passage::note_refs`.
    Marker {
        /// The note number.
        number: u32,
        /// Index into `note_refs`.
        index: usize,
    },
    /// A highlight: span `span` (an index into the spans given to [`layer`]) around `children`.
    Mark {
        /// Index of the span.
        span: usize,
        /// Whether this element starts the span (`false`: the continuation after a split).
        first: bool,
        /// What it covers.
        children: Vec<Node<'a>>,
    },
}

/// Lay `spans` (byte ranges into `text`, any order, overlaps allowed) and the note markers
/// `refs` over `text`. Outer spans come first: a span starting earlier (or as early and ending
/// later) encloses the ones inside it. Markers sit where they stand, inside the spans that
/// strictly contain their offset. Concatenating the text of the result gives `text` back.
pub fn layer<'a>(text: &'a str, refs: &[NoteRef], spans: &[Range<usize>]) -> Vec<Node<'a>> {
    let floor = |mut at: usize| {
        at = at.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    };
    let ceil = |mut at: usize| {
        at = at.min(text.len());
        while !text.is_char_boundary(at) {
            at += 1;
        }
        at
    };
    // (start, end, index), in nesting order.
    let mut order: Vec<(usize, usize, usize)> = spans
        .iter()
        .enumerate()
        .filter(|(_, r)| r.start < r.end)
        .map(|(i, r)| (floor(r.start), ceil(r.end), i))
        .filter(|&(s, e, _)| s < e)
        .collect();
    yomikurabe_core::text::sort::by(&mut order, |a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    let mut markers: Vec<(usize, usize, u32)> = refs
        .iter()
        .enumerate()
        .map(|(i, r)| (floor(r.offset), i, r.number))
        .collect();
    yomikurabe_core::text::sort::by_key(&mut markers, |&(at, i, _)| (at, i));

    let mut cuts: Vec<usize> = Vec::with_capacity(2 + 2 * order.len() + markers.len());
    cuts.push(0);
    cuts.push(text.len());
    cuts.extend(order.iter().flat_map(|&(s, e, _)| [s, e]));
    cuts.extend(markers.iter().map(|m| m.0));
    yomikurabe_core::text::sort::ascending(&mut cuts);
    cuts.dedup();

    let mut tree = Tree {
        root: Vec::new(),
        stack: Vec::new(),
        opened: vec![false; spans.len()],
    };
    let mut m = 0;
    let mut cover: Vec<usize> = Vec::new();
    for (k, &at) in cuts.iter().enumerate() {
        while let Some(&(pos, index, number)) = markers.get(m) {
            if pos != at {
                break;
            }
            cover.clear();
            cover.extend(order.iter().filter(|&&(s, e, _)| s < at && at < e).map(|o| o.2));
            tree.add(&cover, Node::Marker { number, index });
            m += 1;
        }
        let Some(&next) = cuts.get(k + 1) else { break };
        cover.clear();
        cover.extend(order.iter().filter(|&&(s, e, _)| s <= at && next <= e).map(|o| o.2));
        tree.add(&cover, Node::Text(&text[at..next]));
    }
    tree.finish()
}

struct Tree<'a> {
    root: Vec<Node<'a>>,
    /// Open marks: (span, first, children).
    stack: Vec<(usize, bool, Vec<Node<'a>>)>,
    /// Spans that have had an element already.
    opened: Vec<bool>,
}

impl<'a> Tree<'a> {
    /// Append `node` inside the marks of `cover` (outermost first), closing and opening marks.
    fn add(&mut self, cover: &[usize], node: Node<'a>) {
        let keep = self
            .stack
            .iter()
            .zip(cover)
            .take_while(|((open, _, _), want)| open == *want)
            .count();
        while self.stack.len() > keep {
            self.close();
        }
        for &span in &cover[keep..] {
            let first = !std::mem::replace(&mut self.opened[span], true);
            self.stack.push((span, first, Vec::new()));
        }
        match self.stack.last_mut() {
            Some((_, _, children)) => children.push(node),
            None => self.root.push(node),
        }
    }

    fn close(&mut self) {
        if let Some((span, first, children)) = self.stack.pop() {
            let node = Node::Mark { span, first, children };
            match self.stack.last_mut() {
                Some((_, _, c)) => c.push(node),
                None => self.root.push(node),
            }
        }
    }

    fn finish(mut self) -> Vec<Node<'a>> {
        while !self.stack.is_empty() {
            self.close();
        }
        self.root
    }
}

/// The text a list of nodes shows (markers show nothing).
pub fn plain_text(nodes: &[Node<'_>]) -> String {
    let mut out = String::new();
    fn walk(nodes: &[Node<'_>], out: &mut String) {
        for n in nodes {
            match n {
                Node::Text(t) => out.push_str(t),
                Node::Marker { .. } => {}
                Node::Mark { children, .. } => walk(children, out),
            }
        }
    }
    walk(nodes, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A compact picture of a tree: `[0:…]` a first element of span 0, `[0+:…]` a continuation,
    /// `^1` the marker of note 1.
    fn show(nodes: &[Node<'_>]) -> String {
        let mut out = String::new();
        for n in nodes {
            match n {
                Node::Text(t) => out.push_str(t),
                Node::Marker { number, .. } => out.push_str(&format!("^{number}")),
                Node::Mark { span, first, children } => {
                    out.push_str(&format!("[{span}{}:{}]", if *first { "" } else { "+" }, show(children)));
                }
            }
        }
        out
    }

    fn refs(v: &[(u32, usize)]) -> Vec<NoteRef> {
        v.iter().map(|&(number, offset)| NoteRef { number, offset }).collect()
    }

    /// Byte range of the `n`-th to `m`-th characters.
    fn chars(text: &str, r: Range<usize>) -> Range<usize> {
        let at = |i: usize| text.char_indices().nth(i).map_or(text.len(), |(b, _)| b);
        at(r.start)..at(r.end)
    }

    #[test]
    fn plain_text_and_markers_only() {
        assert_eq!(layer("", &[], &[]), vec![]);
        assert_eq!(show(&layer("日米韓", &[], &[])), "日米韓");
        let t = "日米韓協力。北朝鮮";
        let mid = "日米韓協力。".len();
        assert_eq!(
            show(&layer(t, &refs(&[(1, mid), (2, t.len())]), &[])),
            "日米韓協力。^1北朝鮮^2"
        );
    }

    #[test]
    fn separate_nested_and_identical_spans() {
        let t = "拡大抑止と制裁と拡大抑止協議";
        let s = [chars(t, 0..4), chars(t, 5..7), chars(t, 8..14), chars(t, 8..12)];
        assert_eq!(show(&layer(t, &[], &s)), "[0:拡大抑止]と[1:制裁]と[2:[3:拡大抑止]協議]");
        // Two themes on the same words: one inside the other, each element first.
        let same = [chars(t, 0..4), chars(t, 0..4)];
        assert_eq!(show(&layer(t, &[], &same)), "[0:[1:拡大抑止]]と制裁と拡大抑止協議");
    }

    #[test]
    fn crossing_spans_split_cleanly() {
        let t = "abcdefgh";
        // 0: b..f, 1: d..h — 1 is split at f, its continuation outside 0.
        let nodes = layer(t, &[], &[1..6, 3..8]);
        assert_eq!(show(&nodes), "a[0:bc[1:def]][1+:gh]");
        let firsts = |nodes: &[Node<'_>]| {
            fn walk(nodes: &[Node<'_>], out: &mut Vec<usize>) {
                for n in nodes {
                    if let Node::Mark { span, first, children } = n {
                        if *first {
                            out.push(*span);
                        }
                        walk(children, out);
                    }
                }
            }
            let mut v = Vec::new();
            walk(nodes, &mut v);
            yomikurabe_core::text::sort::ascending(&mut v);
            v
        };
        assert_eq!(firsts(&nodes), vec![0, 1], "each span starts exactly once");
        // Three-way overlap.
        let nodes = layer(t, &[], &[0..4, 2..6, 3..8]);
        assert_eq!(show(&nodes), "[0:ab[1:c[2:d]]][1+:[2+:ef]][2+:gh]");
        assert_eq!(firsts(&nodes), vec![0, 1, 2]);
    }

    #[test]
    fn markers_inside_and_at_the_edges_of_spans() {
        let t = "abcdef";
        // A marker inside a span stays inside; one at its start or end stays outside.
        let nodes = layer(t, &refs(&[(1, 3), (2, 1), (3, 5)]), std::slice::from_ref(&(1..5)));
        assert_eq!(show(&nodes), "a^2[0:bc^1de]^3f");
        // A marker inside where two spans cross.
        let nodes = layer(t, &refs(&[(4, 4)]), &[0..5, 3..6]);
        assert_eq!(show(&nodes), "[0:abc[1:d^4e]][1+:f]");
    }

    #[test]
    fn offsets_off_char_boundaries_or_out_of_range() {
        let t = "日米韓";
        // 1 is inside 日 (0..3): the span grows to cover 日; 4..5 inside 米 covers 米; past the end
        // is cut; reversed or wholly past the end is dropped. Markers move back to a boundary.
        #[allow(clippy::reversed_empty_ranges)]
        let spans = [1..2, 4..5, 7..99, 50..60, 5..2];
        let nodes = layer(t, &refs(&[(1, 4), (2, 99)]), &spans);
        assert_eq!(show(&nodes), "[0:日]^1[1:米][2:韓]^2");
        assert_eq!(plain_text(&nodes), t);
    }

    /// Every arrangement of a few spans and markers keeps the text and starts every span once.
    #[test]
    fn exhaustive_small_cases_keep_the_text() {
        let t = "aé日b";
        let bounds: Vec<usize> = (0..=t.len() + 1).collect();
        let mut cases = 0;
        for a in &bounds {
            for b in &bounds {
                for c in &bounds {
                    for d in &bounds {
                        let spans = [*a..*b, *c..*d, *a..*d];
                        let nodes = layer(t, &refs(&[(1, *b), (2, *c)]), &spans);
                        assert_eq!(plain_text(&nodes), t);
                        // In document order: markers all there, each span's first element
                        // before its continuations, at most one first element per span.
                        let mut seen = [false; 3];
                        let mut markers = 0;
                        let mut stack: Vec<&Node<'_>> = nodes.iter().rev().collect();
                        while let Some(n) = stack.pop() {
                            match n {
                                Node::Marker { .. } => markers += 1,
                                Node::Mark { span, first, children } => {
                                    assert_eq!(*first, !seen[*span], "{spans:?}");
                                    seen[*span] = true;
                                    stack.extend(children.iter().rev());
                                }
                                Node::Text(_) => {}
                            }
                        }
                        assert_eq!(markers, 2);
                        for (i, r) in spans.iter().enumerate() {
                            assert_eq!(seen[i], r.start < r.end && r.start < t.len(), "{spans:?}");
                        }
                        cases += 1;
                    }
                }
            }
        }
        assert!(cases > 1000);
    }
}
