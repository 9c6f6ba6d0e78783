//! Where is an annotation's text now? A [`Target`] found again in a document that may have been
//! corrected, re-parsed or renumbered since the annotation was made.
//!
//! In order, the first that holds:
//! 1. **Exact**: the passage with the target's id holds `exact` at `start..end`.
//! 2. **Moved**: `exact` occurs verbatim (else after [`fold`]ing both sides: width, case) in the
//!    document: in the id's passage at other offsets or in another passage (split, merged,
//!    renumbered). Of several occurrences, the one whose surroundings best match `prefix` and
//!    `suffix` wins, then the id's passage, then the nearest. An occurrence outside the id's
//!    passage needs evidence besides the quote: context similarity ≥ [`MOVED_MIN_CONTEXT`], or a
//!    quote of at least [`MOVED_LONG_CHARS`] characters, or a target without context.
//! 3. **Fuzzy**: the text itself changed a little. The folded quote is matched approximately
//!    (Sellers' edit distance of the quote against any substring) in the id's passage and in the
//!    [`FUZZY_CANDIDATES`] passages sharing most of its character bigrams (an index built once
//!    per document); in a long passage only within a window of [`FUZZY_WINDOW_CHARS`] around
//!    the densest run of shared bigrams. Quotes longer than [`FUZZY_PATTERN_CHARS`] are matched
//!    by their first and last [`FUZZY_END_CHARS`] characters, the span between checked by bigram
//!    similarity. Accepted when the quote's similarity (1 − distance / length) is at least
//!    [`FUZZY_MIN_QUOTE`], and, for quotes shorter than [`FUZZY_SHORT_CHARS`], the context's
//!    similarity at least [`FUZZY_SHORT_MIN_CONTEXT`]. The score reported is 0.8 × quote + 0.2 ×
//!    context.
//! 4. **Orphan**: none of the above; the quote is returned so the reader can still show it.
//!
//! The work per target is bounded: exact and verbatim searches are linear in the document, the
//! approximate one at most (1 + [`FUZZY_CANDIDATES`]) × 2 × [`FUZZY_PATTERN_CHARS`] ×
//! [`FUZZY_WINDOW_CHARS`] cells (plus the span check of long quotes, linear in their length).

use super::{context_after, context_before, Annotation, Target};
use crate::model::Document;
use crate::text::hash::FxMap;
use crate::text::normalize::Folded;
use crate::text::normalize::{fold, fold_with_map};
use std::cell::{OnceCell, RefCell};
use std::collections::HashSet;
use std::ops::Range;
use std::rc::Rc;

/// Context similarity an occurrence outside the target's passage needs to count as moved.
pub const MOVED_MIN_CONTEXT: f32 = 0.3;
/// Quotes at least this long (folded characters) count as moved without context.
pub const MOVED_LONG_CHARS: usize = 16;
/// Lowest quote similarity (1 − edit distance / quote length) of a fuzzy match.
pub const FUZZY_MIN_QUOTE: f32 = 0.7;
/// Quotes shorter than this (folded characters) also need context to match fuzzily.
pub const FUZZY_SHORT_CHARS: usize = 8;
/// The context similarity a short quote needs to match fuzzily.
pub const FUZZY_SHORT_MIN_CONTEXT: f32 = 0.5;
/// Quotes up to this long are matched whole by edit distance.
pub const FUZZY_PATTERN_CHARS: usize = 64;
/// Longer quotes: their first and last characters matched, this many each.
pub const FUZZY_END_CHARS: usize = 32;
/// Characters of a passage searched approximately (a window around the likeliest place).
pub const FUZZY_WINDOW_CHARS: usize = 2048;
/// Passages besides the target's own searched approximately.
pub const FUZZY_CANDIDATES: usize = 3;
/// Verbatim occurrences weighed at most.
pub const MAX_OCCURRENCES: usize = 256;

/// Where a target was found.
#[derive(Debug, Clone, PartialEq)]
pub enum Anchoring {
    /// Where it was: passage index in `Document::passages`, byte range in its text.
    Exact {
        /// Passage index.
        passage: usize,
        /// Byte range in the passage text.
        range: Range<usize>,
    },
    /// The same words, elsewhere (other offsets, another passage).
    Moved {
        /// Passage index.
        passage: usize,
        /// Byte range in the passage text.
        range: Range<usize>,
    },
    /// Words that differ a little from the quote.
    Fuzzy {
        /// Passage index.
        passage: usize,
        /// Byte range in the passage text.
        range: Range<usize>,
        /// How well it matches, 0–1 (see the module docs).
        score: f32,
    },
    /// Not found: the quote, to show it anyway.
    Orphan {
        /// The target's `exact`.
        quote: String,
    },
}

impl Anchoring {
    /// The passage index, if found.
    pub fn passage(&self) -> Option<usize> {
        match self {
            Anchoring::Exact { passage, .. } | Anchoring::Moved { passage, .. } | Anchoring::Fuzzy { passage, .. } => {
                Some(*passage)
            }
            Anchoring::Orphan { .. } => None,
        }
    }

    /// The byte range in the passage text, if found.
    pub fn range(&self) -> Option<Range<usize>> {
        match self {
            Anchoring::Exact { range, .. } | Anchoring::Moved { range, .. } | Anchoring::Fuzzy { range, .. } => {
                Some(range.clone())
            }
            Anchoring::Orphan { .. } => None,
        }
    }

    /// `exact`, `moved`, `fuzzy` or `orphan`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Anchoring::Exact { .. } => "exact",
            Anchoring::Moved { .. } => "moved",
            Anchoring::Fuzzy { .. } => "fuzzy",
            Anchoring::Orphan { .. } => "orphan",
        }
    }
}

/// Anchor one target in `doc` (see the module docs). For many targets, [`Anchorer`] builds the
/// document's indexes once.
pub fn anchor(doc: &Document, target: &Target) -> Anchoring {
    Anchorer::new(doc).anchor(target)
}

/// Anchor every annotation of `doc` (those whose [`super::DocumentKey::slug`] is its id): the
/// annotation's index in `annotations` and where it is. Callers holding the decoded texts pick
/// annotations by text hash ([`super::DocumentKey::matches`]) and use an [`Anchorer`].
pub fn anchor_all(doc: &Document, annotations: &[Annotation]) -> Vec<(usize, Anchoring)> {
    let anchorer = Anchorer::new(doc);
    annotations
        .iter()
        .enumerate()
        .filter(|(_, a)| a.document.slug == doc.id)
        .map(|(i, a)| (i, anchorer.anchor(&a.target)))
        .collect()
}

/// A document ready for anchoring many targets: passage ids indexed, and (built on first need)
/// which passages hold each character bigram.
pub struct Anchorer<'a> {
    doc: &'a Document,
    ids: FxMap<&'a str, usize>,
    grams: OnceCell<FxMap<u64, Vec<u32>>>,
    folded: RefCell<FxMap<usize, Rc<FoldedPassage>>>,
}

/// A passage's text folded, with its map back and its chars: computed once per passage.
struct FoldedPassage {
    map: Folded,
    chars: Vec<char>,
    /// Byte offset in `map.text` of each char.
    bytes: Vec<usize>,
}

fn bigram(a: char, b: char) -> u64 {
    (u64::from(a as u32) << 32) | u64::from(b as u32)
}

impl<'a> Anchorer<'a> {
    /// Index `doc`'s passage ids.
    pub fn new(doc: &'a Document) -> Anchorer<'a> {
        let mut ids = FxMap::default();
        for (i, p) in doc.passages.iter().enumerate() {
            ids.entry(p.id.as_str()).or_insert(i);
        }
        Anchorer {
            doc,
            ids,
            grams: OnceCell::new(),
            folded: RefCell::new(FxMap::default()),
        }
    }

    fn folded(&self, i: usize) -> Rc<FoldedPassage> {
        self.folded
            .borrow_mut()
            .entry(i)
            .or_insert_with(|| {
                let map = fold_with_map(&self.doc.passages[i].text);
                let chars = map.text.chars().collect();
                let bytes = map.text.char_indices().map(|(b, _)| b).collect();
                Rc::new(FoldedPassage { map, chars, bytes })
            })
            .clone()
    }

    /// Where `target` is in the document (see the module docs).
    pub fn anchor(&self, target: &Target) -> Anchoring {
        let orphan = || Anchoring::Orphan {
            quote: target.exact.clone(),
        };
        if target.exact.is_empty() {
            return orphan();
        }
        let by_id = self.ids.get(target.passage.as_str()).copied();
        if let Some(i) = by_id {
            let text = &self.doc.passages[i].text;
            if let Some(range) = char_range(text, target.start, target.end) {
                if text[range.clone()] == target.exact {
                    return Anchoring::Exact { passage: i, range };
                }
            }
        }
        let context = Context::of(target);
        if let Some((passage, range)) = self.verbatim(target, by_id, &context) {
            return Anchoring::Moved { passage, range };
        }
        if let Some((passage, range, score)) = self.fuzzy(target, by_id, &context) {
            return Anchoring::Fuzzy { passage, range, score };
        }
        orphan()
    }

    /// Where the target's passage probably stood: its own index, else the heading of its
    /// section (`s3` for `s3-p2`), else the start.
    fn hint(&self, target: &Target, by_id: Option<usize>) -> usize {
        by_id.unwrap_or_else(|| {
            let section = target.passage.split('-').next().unwrap_or("");
            self.ids.get(section).copied().unwrap_or(0)
        })
    }

    /// Passage indices: the target's own first, then the rest in order.
    fn order(&self, by_id: Option<usize>) -> impl Iterator<Item = usize> {
        let n = self.doc.passages.len();
        by_id.into_iter().chain((0..n).filter(move |&i| Some(i) != by_id))
    }

    fn verbatim(&self, target: &Target, by_id: Option<usize>, context: &Context) -> Option<(usize, Range<usize>)> {
        let exact = target.exact.as_str();
        let mut found: Vec<(usize, Range<usize>)> = Vec::new();
        'raw: for i in self.order(by_id) {
            for (at, _) in self.doc.passages[i].text.match_indices(exact) {
                found.push((i, at..at + exact.len()));
                if found.len() >= MAX_OCCURRENCES {
                    break 'raw;
                }
            }
        }
        let folded = fold(exact);
        if found.is_empty() && !folded.is_empty() {
            'folded: for i in self.order(by_id) {
                let p = &self.doc.passages[i];
                if !p.normalized.contains(&folded) {
                    continue;
                }
                let f = self.folded(i);
                let map = &f.map;
                for (at, _) in map.text.match_indices(&folded) {
                    let range = map.source_range(at..at + folded.len());
                    if !range.is_empty() {
                        found.push((i, range));
                    }
                    if found.len() >= MAX_OCCURRENCES {
                        break 'folded;
                    }
                }
            }
        }
        let hint = self.hint(target, by_id);
        let quote_chars = folded.chars().count();
        found
            .into_iter()
            .map(|(i, range)| {
                let similarity = self.context_similarity(context, i, &range);
                (i, range, similarity)
            })
            .filter(|(i, _, similarity)| {
                Some(*i) == by_id
                    || context.is_empty()
                    || *similarity >= MOVED_MIN_CONTEXT
                    || quote_chars >= MOVED_LONG_CHARS
            })
            .min_by(|a, b| {
                let key = |(i, range, similarity): &(usize, Range<usize>, f32)| {
                    (
                        -similarity,
                        Some(*i) != by_id,
                        i.abs_diff(hint),
                        char_distance(&self.doc.passages[*i].text, range.start, target.start),
                    )
                };
                key(a).partial_cmp(&key(b)).unwrap_or(std::cmp::Ordering::Equal)
            })
            .map(|(i, range, _)| (i, range))
    }

    fn fuzzy(&self, target: &Target, by_id: Option<usize>, context: &Context) -> Option<(usize, Range<usize>, f32)> {
        let pattern: Vec<char> = fold(&target.exact).chars().collect();
        if pattern.len() < 2 {
            return None;
        }
        let mut candidates: Vec<usize> = by_id.into_iter().collect();
        for i in self.gram_candidates(&pattern) {
            if !candidates.contains(&i) && candidates.len() <= FUZZY_CANDIDATES {
                candidates.push(i);
            }
        }
        let mut best: Option<(f32, usize, Range<usize>, f32)> = None;
        for i in candidates {
            let f = self.folded(i);
            let (map, chars, bytes) = (&f.map, &f.chars, &f.bytes);
            let expected = (Some(i) == by_id).then_some(target.start);
            let Some((start, end, quote)) = approximate(&pattern, chars, expected) else {
                continue;
            };
            let byte = |c: usize| bytes.get(c).copied().unwrap_or(map.text.len());
            let range = map.source_range(byte(start)..byte(end));
            if range.is_empty() {
                continue;
            }
            let context_similarity = self.context_similarity(context, i, &range);
            if quote < FUZZY_MIN_QUOTE
                || (pattern.len() < FUZZY_SHORT_CHARS && context_similarity < FUZZY_SHORT_MIN_CONTEXT)
            {
                continue;
            }
            let score = 0.8 * quote + 0.2 * context_similarity;
            let rank = score + if Some(i) == by_id { 0.05 } else { 0.0 };
            if best.as_ref().is_none_or(|b| rank > b.0) {
                best = Some((rank, i, range, score));
            }
        }
        best.map(|(_, i, range, score)| (i, range, score))
    }

    /// The passages (besides any) sharing most of the pattern's character bigrams: at most
    /// [`FUZZY_CANDIDATES`], each sharing at least 30 % of them. Bigrams found in more than half
    /// of the passages (and more than 8) say nothing and are left out.
    fn gram_candidates(&self, pattern: &[char]) -> Vec<usize> {
        let index = self.grams.get_or_init(|| {
            let mut index: FxMap<u64, Vec<u32>> = FxMap::default();
            for (i, p) in self.doc.passages.iter().enumerate() {
                let mut chars = p.normalized.chars();
                let Some(mut last) = chars.next() else { continue };
                for c in chars {
                    let list = index.entry(bigram(last, c)).or_default();
                    if list.last() != Some(&(i as u32)) {
                        list.push(i as u32);
                    }
                    last = c;
                }
            }
            index
        });
        let mut grams: Vec<u64> = pattern.windows(2).map(|w| bigram(w[0], w[1])).collect();
        grams.sort_unstable();
        grams.dedup();
        if grams.len() > 96 {
            let step = grams.len() as f32 / 96.0;
            grams = (0..96).map(|k| grams[(k as f32 * step) as usize]).collect();
        }
        let common = (self.doc.passages.len() / 2).max(8);
        let mut counts: FxMap<u32, u32> = FxMap::default();
        let mut used = 0u32;
        for g in &grams {
            match index.get(g) {
                Some(list) if list.len() > common => {}
                Some(list) => {
                    used += 1;
                    for &i in list {
                        *counts.entry(i).or_default() += 1;
                    }
                }
                None => used += 1,
            }
        }
        let least = ((used as f32) * 0.3).ceil().max(1.0) as u32;
        let mut ranked: Vec<(u32, u32)> = counts.into_iter().filter(|&(_, n)| n >= least).collect();
        ranked.sort_unstable_by_key(|&(i, n)| (std::cmp::Reverse(n), i));
        ranked
            .into_iter()
            .take(FUZZY_CANDIDATES)
            .map(|(i, _)| i as usize)
            .collect()
    }

    /// How well the text around `range` of passage `i` matches the target's context, 0–1
    /// (1 when the target has none).
    fn context_similarity(&self, context: &Context, i: usize, range: &Range<usize>) -> f32 {
        let mut sum = 0.0;
        let mut sides = 0.0;
        if !context.prefix.is_empty() {
            let before = fold(&context_before(self.doc, i, range.start, context.prefix_chars));
            sum += side_similarity(&context.prefix, &before, true);
            sides += 1.0;
        }
        if !context.suffix.is_empty() {
            let after = fold(&context_after(self.doc, i, range.end, context.suffix_chars));
            sum += side_similarity(&context.suffix, &after, false);
            sides += 1.0;
        }
        if sides == 0.0 {
            1.0
        } else {
            sum / sides
        }
    }
}

/// A target's context, folded.
struct Context {
    prefix: String,
    suffix: String,
    prefix_chars: usize,
    suffix_chars: usize,
}

impl Context {
    fn of(target: &Target) -> Context {
        Context {
            prefix: fold(&target.prefix),
            suffix: fold(&target.suffix),
            prefix_chars: target.prefix.chars().count(),
            suffix_chars: target.suffix.chars().count(),
        }
    }

    fn is_empty(&self) -> bool {
        self.prefix.is_empty() && self.suffix.is_empty()
    }
}

/// How well `have` matches `want` next to the quote (`before`: the ends touching the quote are
/// the last characters): the longer of the run of equal characters from the quote outwards and
/// the bigram similarity.
fn side_similarity(want: &str, have: &str, before: bool) -> f32 {
    let w: Vec<char> = want.chars().collect();
    let h: Vec<char> = have.chars().collect();
    if w.is_empty() {
        return 1.0;
    }
    let run = if before {
        w.iter().rev().zip(h.iter().rev()).take_while(|(a, b)| a == b).count()
    } else {
        w.iter().zip(&h).take_while(|(a, b)| a == b).count()
    };
    (run as f32 / w.len() as f32).max(dice(&w, &h))
}

/// Dice's coefficient of the two texts' sets of character bigrams (equality for shorter texts).
fn dice(a: &[char], b: &[char]) -> f32 {
    if a.len() < 2 || b.len() < 2 {
        return if a == b { 1.0 } else { 0.0 };
    }
    let set = |s: &[char]| s.windows(2).map(|w| bigram(w[0], w[1])).collect::<HashSet<u64>>();
    let (x, y) = (set(a), set(b));
    let shared = x.intersection(&y).count();
    2.0 * shared as f32 / (x.len() + y.len()) as f32
}

/// Byte range of chars `start..end` of `text`, if both are within it.
fn char_range(text: &str, start: usize, end: usize) -> Option<Range<usize>> {
    if start > end {
        return None;
    }
    let mut offsets = text.char_indices().map(|(b, _)| b).chain(std::iter::once(text.len()));
    let s = offsets.nth(start)?;
    let e = if end == start { s } else { offsets.nth(end - start - 1)? };
    Some(s..e)
}

/// How far (in chars) byte `at` of `text` is from char `want`.
fn char_distance(text: &str, at: usize, want: usize) -> usize {
    crate::export::char_offset(text, at).abs_diff(want)
}

/// The best approximate occurrence of `pattern` in `text` (folded chars): `(start, end,
/// similarity)` in chars of `text`. `expected`: where it was (chars), to break ties and place
/// the window.
fn approximate(pattern: &[char], text: &[char], expected: Option<usize>) -> Option<(usize, usize, f32)> {
    let m = pattern.len();
    if m <= FUZZY_PATTERN_CHARS {
        let window = window(text, pattern, m, expected);
        let (s, e, d) = sellers(pattern, &text[window.clone()])?;
        return Some((window.start + s, window.start + e, 1.0 - d as f32 / m as f32));
    }
    let head = &pattern[..FUZZY_END_CHARS];
    let tail = &pattern[m - FUZZY_END_CHARS..];
    let hw = window(text, head, m, expected);
    let (hs, he, hd) = sellers(head, &text[hw.clone()])?;
    let (hs, he) = (hw.start + hs, hw.start + he);
    let tail_end = (hs + m + m / 2).min(text.len());
    let tail_start = he.min(tail_end);
    let (_, te, td) = sellers(tail, &text[tail_start..tail_end])?;
    let te = tail_start + te;
    let span = te.saturating_sub(hs);
    if span < m / 2 || span > m + m / 2 {
        return None;
    }
    let ends = 1.0 - hd.max(td) as f32 / FUZZY_END_CHARS as f32;
    Some((hs, te, ends.min(dice(pattern, &text[hs..te]))))
}

/// The part of `text` to search for `pattern` (of a quote `m` chars long): all of it when short,
/// else [`FUZZY_WINDOW_CHARS`] around the densest run of the pattern's bigrams (ties: nearest
/// `expected`).
fn window(text: &[char], pattern: &[char], m: usize, expected: Option<usize>) -> Range<usize> {
    if text.len() <= FUZZY_WINDOW_CHARS {
        return 0..text.len();
    }
    let grams: HashSet<u64> = pattern.windows(2).map(|w| bigram(w[0], w[1])).collect();
    let width = m.clamp(2, FUZZY_WINDOW_CHARS / 2);
    let hits: Vec<u32> = text
        .windows(2)
        .map(|w| u32::from(grams.contains(&bigram(w[0], w[1]))))
        .collect();
    let mut count: u32 = hits.iter().take(width).sum();
    let mut best = (count, std::cmp::Reverse(expected.map_or(0, |e| e.abs_diff(0))), 0usize);
    for start in 1..hits.len().saturating_sub(width) + 1 {
        count = count + hits.get(start + width - 1).copied().unwrap_or(0) - hits[start - 1];
        let near = std::cmp::Reverse(expected.map_or(0, |e| e.abs_diff(start)));
        if (count, near) > (best.0, best.1) {
            best = (count, near, start);
        }
    }
    let centre = best.2 + width / 2;
    let lo = centre.saturating_sub(FUZZY_WINDOW_CHARS / 2);
    let hi = (lo + FUZZY_WINDOW_CHARS).min(text.len());
    hi.saturating_sub(FUZZY_WINDOW_CHARS)..hi
}

/// Sellers' algorithm: the substring of `text` nearest to `pattern` by edit distance:
/// `(start, end, distance)`. Of equally near ends, the first run's last; then of its starts, the
/// one giving the fewest edits, the longest span on ties.
fn sellers(pattern: &[char], text: &[char]) -> Option<(usize, usize, usize)> {
    let m = pattern.len();
    if m == 0 || text.is_empty() {
        return None;
    }
    let mut column: Vec<u32> = (0..=m as u32).collect();
    let mut best = (u32::MAX, 0usize);
    for (j, &c) in text.iter().enumerate() {
        let mut diagonal = column[0];
        column[0] = 0;
        for i in 1..=m {
            let left = column[i];
            let cost = u32::from(pattern[i - 1] != c);
            column[i] = (diagonal + cost).min(left + 1).min(column[i - 1] + 1);
            diagonal = left;
        }
        if column[m] < best.0 || (column[m] == best.0 && best.1 == j) {
            best = (column[m], j + 1);
        }
    }
    let (distance, end) = (best.0 as usize, best.1);
    // The start: the same alignment read backwards from `end`, the text's end fixed there.
    let lo = end.saturating_sub(m + distance);
    let mut column: Vec<u32> = (0..=m as u32).collect();
    let mut start = (column[m], end);
    for (k, &c) in text[lo..end].iter().rev().enumerate() {
        let mut diagonal = column[0];
        column[0] = k as u32 + 1;
        for i in 1..=m {
            let left = column[i];
            let cost = u32::from(pattern[m - i] != c);
            column[i] = (diagonal + cost).min(left + 1).min(column[i - 1] + 1);
            diagonal = left;
        }
        if column[m] <= start.0 {
            start = (column[m], end - (k + 1));
        }
    }
    Some((start.1, end, distance.min(start.0 as usize)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotations::{Annotation, DocumentKey, Kind};
    use crate::model::{Anchor, Passage, PassageKind};

    fn doc(texts: &[(&str, &str)]) -> Document {
        Document {
            id: "d".into(),
            passages: texts
                .iter()
                .map(|(id, t)| Passage {
                    id: id.to_string(),
                    kind: PassageKind::Paragraph,
                    section: None,
                    text: t.to_string(),
                    note_refs: vec![],
                    sentences: std::iter::once(0..t.len()).collect(),
                    caption_of: None,
                    normalized: fold(t),
                    anchor: Anchor::default(),
                    source_line: 1,
                })
                .collect(),
            ..Default::default()
        }
    }

    const P1: &str = "北朝鮮の核・ミサイル開発は新たな段階に突入しており、日米韓三か国の政策協調が問われている。";
    const P2: &str = "同盟の強化が課題であると同時に、対話の窓口をどう維持するかも重要な論点である。";
    const P3: &str = "本稿では拡大抑止協議の歩みを振り返り、今後の課題を整理する。";

    fn base() -> Document {
        doc(&[("s1-p1", P1), ("s1-p2", P2), ("s1-p3", P3)])
    }

    fn select(d: &Document, id: &str, quote: &str) -> Target {
        let p = d.passage(id).unwrap();
        let at = p.text.find(quote).unwrap();
        Target::from_selection(d, id, at..at + quote.len()).unwrap()
    }

    fn found<'a>(d: &'a Document, a: &Anchoring) -> (&'a str, &'a str) {
        let p = &d.passages[a.passage().expect("found")];
        (p.id.as_str(), &p.text[a.range().unwrap()])
    }

    #[test]
    fn selection_to_target_to_exact() {
        let d = base();
        let t = select(&d, "s1-p2", "対話の窓口");
        assert_eq!((t.start, t.end), (16, 21));
        assert_eq!(t.exact, "対話の窓口");
        assert!(
            t.prefix.ends_with("問われている。\n同盟の強化が課題であると同時に、"),
            "{:?}",
            t.prefix
        );
        assert!(t.suffix.starts_with("をどう維持するかも"));
        // Context crosses into the neighbouring passages, joined by a line break.
        let first = select(&d, "s1-p2", "同盟の強化");
        assert!(first.prefix.ends_with("問われている。\n"), "{:?}", first.prefix);
        assert_eq!(first.prefix.chars().count(), CONTEXT_CHARS_FOR_TEST);
        let a = anchor(&d, &t);
        assert!(matches!(a, Anchoring::Exact { passage: 1, .. }), "{a:?}");
        assert_eq!(found(&d, &a), ("s1-p2", "対話の窓口"));
        // White space around a selection is left out; blank selections make no target.
        let spaced = doc(&[("s0-p1", "  ことば  ")]);
        let t = Target::from_selection(&spaced, "s0-p1", 0..spaced.passages[0].text.len()).unwrap();
        assert_eq!((t.exact.as_str(), t.start, t.end), ("ことば", 2, 5));
        assert!(Target::from_selection(&spaced, "s0-p1", 0..2).is_none());
        assert!(
            Target::from_selection(&spaced, "s0-p1", 0..3).is_none(),
            "not a char boundary"
        );
        assert!(Target::from_selection(&spaced, "nope", 0..2).is_none());
    }

    const CONTEXT_CHARS_FOR_TEST: usize = crate::annotations::CONTEXT_CHARS;

    #[test]
    fn whole_passage_targets_its_text() {
        let d = base();
        let t = Target::whole_passage(&d, "s1-p3").unwrap();
        assert_eq!(t.exact, P3);
        assert_eq!((t.start, t.end), (0, P3.chars().count()));
        assert_eq!(t.suffix, "");
        assert!(matches!(anchor(&d, &t), Anchoring::Exact { passage: 2, .. }));
    }

    #[test]
    fn an_edit_inside_the_quote_is_fuzzy() {
        let d = base();
        let t = select(&d, "s1-p1", "日米韓三か国の政策協調が問われている");
        let edited = doc(&[
            ("s1-p1", &P1.replace("政策協調", "政策上の協調")),
            ("s1-p2", P2),
            ("s1-p3", P3),
        ]);
        let a = anchor(&edited, &t);
        let Anchoring::Fuzzy { passage: 0, score, .. } = a else {
            panic!("{a:?}")
        };
        assert!(score > 0.7 && score < 1.0, "{score}");
        assert_eq!(found(&edited, &a).1, "日米韓三か国の政策上の協調が問われている");
        // A whole-passage note survives a word changed in its passage.
        let whole = Target::whole_passage(&d, "s1-p2").unwrap();
        let edited = doc(&[("s1-p1", P1), ("s1-p2", &P2.replace("重要な", "大切な")), ("s1-p3", P3)]);
        let a = anchor(&edited, &whole);
        assert!(matches!(a, Anchoring::Fuzzy { passage: 1, .. }), "{a:?}");
        assert_eq!(found(&edited, &a).1, edited.passages[1].text);
    }

    #[test]
    fn renumbered_split_and_merged_passages_are_moved() {
        let d = base();
        let t = select(&d, "s1-p2", "対話の窓口");
        // Renumbered: a passage inserted before.
        let renumbered = doc(&[("s1-p1", "新しい段落。"), ("s1-p2", P1), ("s1-p3", P2), ("s1-p4", P3)]);
        let a = anchor(&renumbered, &t);
        assert!(matches!(a, Anchoring::Moved { passage: 2, .. }), "{a:?}");
        assert_eq!(found(&renumbered, &a), ("s1-p3", "対話の窓口"));
        // Merged with the passage before.
        let merged = doc(&[("s1-p1", &format!("{P1}{P2}")), ("s1-p2", P3)]);
        let a = anchor(&merged, &t);
        assert!(matches!(a, Anchoring::Moved { passage: 0, .. }), "{a:?}");
        assert_eq!(found(&merged, &a).1, "対話の窓口");
        // Split: the quote's half is a passage of its own under a new id.
        let (one, two) = P2.split_at(P2.find("対話").unwrap());
        let split = doc(&[("s1-p1", P1), ("s1-p2", one), ("s1-p3", two), ("s1-p4", P3)]);
        let a = anchor(&split, &t);
        assert!(matches!(a, Anchoring::Moved { passage: 2, .. }), "{a:?}");
        // Shifted inside its own passage.
        let shifted = doc(&[("s1-p1", P1), ("s1-p2", &format!("まず、{P2}")), ("s1-p3", P3)]);
        assert!(matches!(anchor(&shifted, &t), Anchoring::Moved { passage: 1, .. }));
        // Under a new id: found by quote and context.
        let t = select(&d, "s1-p3", "拡大抑止協議");
        let wide = doc(&[("s1-p1", P1), ("s1-p2", P2), ("s1-p9", &P3.replace("本稿", "ＡＢ本稿"))]);
        assert!(matches!(anchor(&wide, &t), Anchoring::Moved { passage: 2, .. }));
    }

    #[test]
    fn deleted_text_is_an_orphan_with_its_quote() {
        let d = base();
        let t = select(&d, "s1-p3", "拡大抑止協議の歩み");
        let cut = doc(&[("s1-p1", P1), ("s1-p2", P2)]);
        assert_eq!(
            anchor(&cut, &t),
            Anchoring::Orphan {
                quote: "拡大抑止協議の歩み".into()
            }
        );
        // A short quote found elsewhere without its context is not claimed.
        let t = select(&d, "s1-p3", "課題");
        let other = doc(&[("x-1", "全く別の文章で課題という語だけが同じである。")]);
        assert!(matches!(anchor(&other, &t), Anchoring::Orphan { .. }));
        assert!(matches!(anchor(&Document::default(), &t), Anchoring::Orphan { .. }));
        assert!(matches!(anchor(&d, &Target::default()), Anchoring::Orphan { .. }));
    }

    #[test]
    fn repeated_words_go_to_the_occurrence_with_their_context() {
        let d = doc(&[
            ("s0-p1", "協力が必要だ。協力が必要だと言われて久しい。"),
            ("s0-p2", "最後。"),
        ]);
        let p = &d.passages[0].text;
        let second = p.rfind("協力").unwrap();
        let t = Target::from_selection(&d, "s0-p1", second..second + "協力".len()).unwrap();
        let moved = doc(&[("s0-p1", "前置き。"), ("s0-p2", p), ("s0-p3", "最後。")]);
        let a = anchor(&moved, &t);
        assert_eq!(a.range().unwrap().start, second, "{a:?}");
    }

    #[test]
    fn multibyte_offsets_count_scalars() {
        let d = doc(&[("s0-p1", "😀絵文字のあとにａｂｃと書く。𠮷野家")]);
        let t = select(&d, "s0-p1", "ａｂｃ");
        assert_eq!((t.start, t.end), (8, 11));
        assert!(matches!(anchor(&d, &t), Anchoring::Exact { .. }));
        let t = select(&d, "s0-p1", "𠮷野家");
        assert_eq!((t.start, t.end), (15, 18));
        assert_eq!(t.prefix, "😀絵文字のあとにａｂｃと書く。");
        let edited = doc(&[("s0-p1", "😀😀絵文字のあとにabcと書く。𠮷野家")]);
        let a = anchor(&edited, &select(&d, "s0-p1", "ａｂｃと書く"));
        assert!(matches!(a, Anchoring::Moved { .. }), "{a:?}");
        assert_eq!(found(&edited, &a).1, "abcと書く");
    }

    #[test]
    fn long_quotes_match_by_their_ends() {
        let long: String = (0..6)
            .map(|i| format!("第{i}の文はここにあり、内容は少しずつ異なる。"))
            .collect();
        let d = doc(&[("s0-p1", &long)]);
        let t = Target::whole_passage(&d, "s0-p1").unwrap();
        assert!(t.exact.chars().count() > FUZZY_PATTERN_CHARS);
        let edited = doc(&[("s0-p1", &long.replace("第3の文", "第三の文章"))]);
        let a = anchor(&edited, &t);
        assert!(matches!(a, Anchoring::Fuzzy { passage: 0, .. }), "{a:?}");
        assert_eq!(found(&edited, &a).1, edited.passages[0].text);
        let rewritten = doc(&[("s0-p1", "まったく違う文章に書き換えられた。")]);
        assert!(matches!(anchor(&rewritten, &t), Anchoring::Orphan { .. }));
    }

    #[test]
    fn sellers_finds_the_nearest_substring() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(sellers(&c("abc"), &c("xxabcxx")), Some((2, 5, 0)));
        assert_eq!(sellers(&c("abcd"), &c("xxabXdxx")), Some((2, 6, 1)));
        assert_eq!(sellers(&c("abcd"), &c("xxabdxx")), Some((2, 5, 1)));
        assert_eq!(sellers(&c("ab"), &c("")), None);
    }

    #[test]
    fn anchor_all_takes_the_documents_annotations() {
        let d = base();
        let key = DocumentKey::of_text("d", "text");
        let mine = Annotation::new(key.clone(), select(&d, "s1-p1", "北朝鮮"), Kind::Note, "", "2025-01-01");
        let other = Annotation::new(
            DocumentKey::of_text("e", "x"),
            select(&d, "s1-p1", "北朝鮮"),
            Kind::Note,
            "",
            "2025-01-01",
        );
        let all = anchor_all(&d, &[other, mine]);
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].0, 1);
        assert!(matches!(all[0].1, Anchoring::Exact { passage: 0, .. }));
    }

    #[test]
    fn hundreds_of_annotations_over_a_megabyte_stay_bounded() {
        // 1 MB of text in 10 000 passages; 300 whole-passage targets, a third of them changed.
        let texts: Vec<(String, String)> = (0..10_000)
            .map(|i| {
                (
                    format!("s{}-p{}", i / 10, i % 10),
                    format!(
                        "段落{i}では、{}について述べる。議論は{}回目であり、本文の続きがここにある。",
                        i * 7 % 101,
                        i
                    ),
                )
            })
            .collect();
        let refs: Vec<(&str, &str)> = texts.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        let d = doc(&refs);
        assert!(d.passages.iter().map(|p| p.text.len()).sum::<usize>() > 900_000);
        let targets: Vec<Target> = (0..300)
            .map(|k| Target::whole_passage(&d, &texts[k * 33].0).unwrap())
            .collect();
        let edited: Vec<(String, String)> = texts
            .iter()
            .enumerate()
            .map(|(i, (id, t))| {
                (
                    id.clone(),
                    if i % 99 == 0 {
                        t.replace("述べる", "論じる")
                    } else {
                        t.clone()
                    },
                )
            })
            .collect();
        let refs: Vec<(&str, &str)> = edited.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        let e = doc(&refs);
        let anchorer = Anchorer::new(&e);
        let started = std::time::Instant::now();
        let results: Vec<Anchoring> = targets.iter().map(|t| anchorer.anchor(t)).collect();
        let elapsed = started.elapsed();
        assert!(results.iter().all(|a| !matches!(a, Anchoring::Orphan { .. })));
        assert!(results.iter().filter(|a| matches!(a, Anchoring::Fuzzy { .. })).count() >= 90);
        // Generous (debug build, shared machine): the point is that it is not quadratic.
        assert!(elapsed.as_secs() < 20, "{elapsed:?}");
    }
}
