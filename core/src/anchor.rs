//! How is a linked passage found again? Anchors in the spirit of W3C Web Annotation's
//! TextQuoteSelector, and the resolution of a link (`id` + optional quote) to a passage.

use crate::model::{Anchor, Document, Passage};
use crate::text::normalize::fold;

/// Characters of passage text kept as the anchor's `exact` quote (and put in links).
pub const QUOTE_CHARS: usize = 16;
/// Characters of context kept on each side.
pub const CONTEXT_CHARS: usize = 12;

/// How a link was resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    /// The id exists and its text still matches the quote (or no quote was given).
    Exact(usize),
    /// The id exists but its text no longer contains the quote, and no other passage does.
    IdOnly(usize),
    /// The id is gone or holds other text; the quote was found in this passage.
    Refound(usize),
    /// Neither the id nor the quote leads to a passage.
    NotFound,
}

impl Resolution {
    /// The passage index, if any.
    pub fn index(self) -> Option<usize> {
        match self {
            Resolution::Exact(i) | Resolution::IdOnly(i) | Resolution::Refound(i) => Some(i),
            Resolution::NotFound => None,
        }
    }
}

/// The quote a link carries for a passage: its first [`QUOTE_CHARS`] characters.
pub fn link_quote(p: &Passage) -> String {
    p.text.chars().take(QUOTE_CHARS).collect()
}

fn head(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

fn tail(s: &str, n: usize) -> String {
    let count = s.chars().count();
    s.chars().skip(count.saturating_sub(n)).collect()
}

/// Fill every passage's anchor from its own text and its neighbours.
pub fn assign_anchors(passages: &mut [Passage]) {
    let texts: Vec<(String, String)> = passages
        .iter()
        .map(|p| (head(&p.text, CONTEXT_CHARS), tail(&p.text, CONTEXT_CHARS)))
        .collect();
    for (i, p) in passages.iter_mut().enumerate() {
        p.anchor = Anchor {
            exact: head(&p.text, QUOTE_CHARS),
            prefix: if i > 0 { texts[i - 1].1.clone() } else { String::new() },
            suffix: texts.get(i + 1).map(|t| t.0.clone()).unwrap_or_default(),
        };
    }
}

/// Resolve a link to a passage of `doc`: by id, checked and, if need be, re-found by its quote.
pub fn resolve(doc: &Document, id: &str, quote: Option<&str>) -> Resolution {
    let by_id = doc.passage_index(id);
    let raw = quote.filter(|q| !q.trim().is_empty());
    let Some(raw) = raw else {
        return by_id.map_or(Resolution::NotFound, Resolution::Exact);
    };
    let q = fold(raw);
    if let Some(i) = by_id {
        let p = &doc.passages[i];
        if p.text.contains(raw) || p.normalized.contains(&q) {
            return Resolution::Exact(i);
        }
    }
    // Re-find: passages containing the quote, those starting with it first, nearest to where
    // the id pointed (or to the id's ordinal) next.
    let target = by_id.unwrap_or_else(|| ordinal_hint(doc, id));
    let best = doc
        .passages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.text.contains(raw) || p.normalized.contains(&q))
        .min_by_key(|(i, p)| (!p.normalized.starts_with(&q), i.abs_diff(target)));
    match (best, by_id) {
        (Some((i, _)), _) => Resolution::Refound(i),
        (None, Some(i)) => Resolution::IdOnly(i),
        (None, None) => Resolution::NotFound,
    }
}

/// Where a vanished id probably stood: the first passage of its section, else the start.
fn ordinal_hint(doc: &Document, id: &str) -> usize {
    let section = id.split('-').next().unwrap_or("");
    doc.passages.iter().position(|p| p.id == section).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PassageKind;

    fn doc(texts: &[(&str, &str)]) -> Document {
        let mut passages: Vec<Passage> = texts
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
            .collect();
        assign_anchors(&mut passages);
        Document {
            id: "d".into(),
            passages,
            ..Default::default()
        }
    }

    #[test]
    fn anchors_carry_context() {
        let d = doc(&[("s0-p1", "一つ目の段落。"), ("s0-p2", "二つ目の段落。")]);
        assert_eq!(d.passages[1].anchor.prefix, "一つ目の段落。");
        assert_eq!(d.passages[0].anchor.suffix, "二つ目の段落。");
        assert_eq!(d.passages[0].anchor.exact, "一つ目の段落。");
    }

    #[test]
    fn resolves_exact_moved_and_missing() {
        let d = doc(&[("s0-p1", "日米韓協力の話。"), ("s0-p2", "北朝鮮の核問題。")]);
        assert_eq!(resolve(&d, "s0-p2", Some("北朝鮮の")), Resolution::Exact(1));
        assert_eq!(resolve(&d, "s0-p2", None), Resolution::Exact(1));
        // The id now holds other text: re-found by quote (width-folded).
        assert_eq!(resolve(&d, "s0-p1", Some("北朝鮮の核")), Resolution::Refound(1));
        assert_eq!(resolve(&d, "s9-p9", Some("日米韓")), Resolution::Refound(0));
        assert_eq!(resolve(&d, "s0-p1", Some("存在しない")), Resolution::IdOnly(0));
        assert_eq!(resolve(&d, "s9-p9", Some("存在しない")), Resolution::NotFound);
        assert_eq!(resolve(&d, "nope", None), Resolution::NotFound);
    }
}
