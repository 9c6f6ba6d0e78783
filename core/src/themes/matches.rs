//! Where does one theme occur? A theme's occurrences in corpus order with per-document counts:
//! what the pipeline memoises per theme, so turning a theme on never matches again.

use std::ops::Range;

/// One occurrence of a theme, in corpus indices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occ {
    /// Index into `Corpus::documents`.
    pub doc: usize,
    /// Index into that document's passages.
    pub passage: usize,
    /// Byte range into the passage text.
    pub range: Range<usize>,
}

/// Where one theme occurs in the whole corpus.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ThemeMatches {
    /// Sorted by document, passage, start.
    pub occ: Vec<Occ>,
    /// How many in each document (by corpus index).
    pub per_doc: Vec<usize>,
}

impl Occ {
    fn key(&self) -> (usize, usize, usize, usize) {
        (self.doc, self.passage, self.range.start, self.range.end)
    }
}

impl ThemeMatches {
    /// The matches `occ` (any order) of a corpus of `documents` documents.
    pub fn new(mut occ: Vec<Occ>, documents: usize) -> ThemeMatches {
        crate::text::sort::by_key(&mut occ, Occ::key);
        let mut per_doc = vec![0; documents];
        for o in &occ {
            if let Some(n) = per_doc.get_mut(o.doc) {
                *n += 1;
            }
        }
        ThemeMatches { occ, per_doc }
    }

    /// The occurrences in document `doc`.
    pub fn in_doc(&self, doc: usize) -> &[Occ] {
        let from = self.occ.partition_point(|o| o.doc < doc);
        let to = self.occ.partition_point(|o| o.doc <= doc);
        &self.occ[from..to]
    }

    /// How many in document `doc`.
    pub fn count(&self, doc: usize) -> usize {
        self.per_doc.get(doc).copied().unwrap_or(0)
    }
}
