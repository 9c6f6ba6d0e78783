//! What did a reader mark in a text, and what did the teacher ask about it? Annotations:
//! a student's private highlights and notes, and a teacher's **prompts** (questions on a passage
//! that travel in the reading pack to every student). No accounts and no server: a student hands
//! their annotations in as a file (W3C Web Annotation JSON, Markdown or CSV).
//!
//! An annotation points at its text the way W3C Web Annotation's selectors do: the document by
//! a hash of its decoded text ([`DocumentKey`], with the document's id as a hint), the passage by
//! its id, and the marked words by quote (`exact`), context (`prefix`, `suffix`) and position
//! (Unicode scalar offsets in the passage text, as the export counts). Texts get corrected and
//! re-parsed, so an annotation is found again by [`anchor`]: exactly where it was, moved, found
//! approximately, or orphaned with its quote, never dropped (`docs/annotations.md`).
//!
//! - [`anchoring`] re-finds targets in a (possibly edited) document;
//! - [`json`] reads and writes W3C Web Annotation JSON;
//! - [`readable`] writes Markdown and CSV for handing in;
//! - prompts in a pack: [`crate::pack::PackDocument::prompts`].

pub mod anchoring;
pub mod json;
pub mod readable;

pub use anchoring::{anchor, anchor_all, Anchorer, Anchoring};
pub use json::{from_w3c, import_w3c, to_w3c, Imported};
pub use readable::{to_csv, to_markdown};

use crate::export::char_offset;
use crate::model::Document;
use crate::text::hash::{fnv1a64, text_hash};
use std::collections::HashMap;
use std::ops::Range;

/// Characters of context kept on each side of a target's quote (`prefix`, `suffix`).
pub const CONTEXT_CHARS: usize = 32;

/// Which document an annotation belongs to: the hash of its decoded text (a document is known by
/// its text, not by where it came from) and its id as a hint (the same text under another id,
/// or a corrected text under the same id, is still that document).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocumentKey {
    /// 64-bit FNV-1a of the decoded text, 16 hex digits ([`text_hash`]).
    pub hash: String,
    /// The document's id (slug) when the annotation was made.
    pub slug: String,
}

impl DocumentKey {
    /// The key of a document with id `slug` whose decoded text (as the pack holds it, line
    /// endings kept) is `decoded_text`.
    pub fn of_text(slug: &str, decoded_text: &str) -> DocumentKey {
        DocumentKey {
            hash: text_hash(decoded_text),
            slug: slug.to_string(),
        }
    }

    /// Whether this key names the document with id `slug` and text hash `hash`: the same text,
    /// or the same id (a corrected text).
    pub fn matches(&self, slug: &str, hash: &str) -> bool {
        self.hash == hash || self.slug == slug
    }
}

/// What an annotation marks: words of one passage.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Target {
    /// The passage's id (`s3-p2`).
    pub passage: String,
    /// The marked text, exactly as the passage had it (a whole-passage annotation: its text).
    pub exact: String,
    /// Up to [`CONTEXT_CHARS`] characters before `exact` in the document (passages joined by
    /// `\n`, in reading order).
    pub prefix: String,
    /// Up to [`CONTEXT_CHARS`] characters after `exact` in the document.
    pub suffix: String,
    /// Start, in Unicode scalar values into the passage text.
    pub start: usize,
    /// End (exclusive), in Unicode scalar values into the passage text.
    pub end: usize,
}

impl Target {
    /// The target of a reader's selection: `range` (bytes into the passage text, on char
    /// boundaries) of the passage with id `passage_id`, with white space at either end left out.
    /// `None` when the passage does not exist, the range is not one of its char ranges, or
    /// nothing but white space is selected.
    pub fn from_selection(doc: &Document, passage_id: &str, range: Range<usize>) -> Option<Target> {
        let i = doc.passage_index(passage_id)?;
        let text = &doc.passages[i].text;
        let selected = text.get(range.clone())?;
        let start = range.start + (selected.len() - selected.trim_start().len());
        let end = range.start + selected.trim_end().len();
        if start >= end {
            return None;
        }
        Some(Target::at(doc, i, start..end))
    }

    /// The target of a whole passage: its full text. `None` when the passage does not exist or
    /// is empty.
    pub fn whole_passage(doc: &Document, passage_id: &str) -> Option<Target> {
        let i = doc.passage_index(passage_id)?;
        let len = doc.passages[i].text.len();
        (len > 0).then(|| Target::at(doc, i, 0..len))
    }

    /// The target of byte range `range` of passage `passage` (an index of `doc.passages`; the
    /// range a char range of its text): how an anchoring found elsewhere is written back.
    ///
    /// # Panics
    /// When `passage` is out of bounds or `range` is not a char range of its text.
    pub fn at(doc: &Document, passage: usize, range: Range<usize>) -> Target {
        let p = &doc.passages[passage];
        let start = char_offset(&p.text, range.start);
        let exact = p.text[range.clone()].to_string();
        Target {
            passage: p.id.clone(),
            end: start + exact.chars().count(),
            start,
            prefix: context_before(doc, passage, range.start, CONTEXT_CHARS),
            suffix: context_after(doc, passage, range.end, CONTEXT_CHARS),
            exact,
        }
    }
}

/// Up to `n` characters before byte `at` of passage `passage`, continuing into the passages
/// before it (joined by `\n`).
pub(crate) fn context_before(doc: &Document, passage: usize, at: usize, n: usize) -> String {
    let mut out: Vec<char> = Vec::with_capacity(n);
    let mut i = passage;
    let mut text = doc.passages[i].text.get(..at).unwrap_or("");
    loop {
        out.extend(text.chars().rev().take(n - out.len()));
        if out.len() >= n || i == 0 {
            break;
        }
        out.push('\n');
        i -= 1;
        text = &doc.passages[i].text;
    }
    out.iter().rev().collect()
}

/// Up to `n` characters after byte `at` of passage `passage`, continuing into the passages
/// after it (joined by `\n`).
pub(crate) fn context_after(doc: &Document, passage: usize, at: usize, n: usize) -> String {
    let mut out = String::new();
    let mut count = 0;
    let mut i = passage;
    let mut text = doc.passages[i].text.get(at..).unwrap_or("");
    loop {
        for c in text.chars().take(n - count) {
            out.push(c);
            count += 1;
        }
        if count >= n || i + 1 >= doc.passages.len() {
            break;
        }
        out.push('\n');
        count += 1;
        i += 1;
        text = &doc.passages[i].text;
    }
    out
}

/// What kind of annotation it is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// Marked words, maybe with a note (private).
    #[default]
    Highlight,
    /// A note on words (private).
    Note,
    /// A teacher's question on words, for every student: travels in the reading pack.
    Prompt,
}

impl Kind {
    /// Whether it stays with the reader who made it (highlights and notes).
    pub fn is_private(self) -> bool {
        self != Kind::Prompt
    }

    /// The W3C Web Annotation motivation.
    pub fn motivation(self) -> &'static str {
        match self {
            Kind::Highlight => "highlighting",
            Kind::Note => "commenting",
            Kind::Prompt => "questioning",
        }
    }

    /// The name in Markdown and CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Highlight => "highlight",
            Kind::Note => "note",
            Kind::Prompt => "prompt",
        }
    }
}

/// One annotation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Annotation {
    /// Stable id: `a-` and 16 hex digits of the data it was created from ([`Annotation::new`]).
    pub id: String,
    /// The document it belongs to.
    pub document: DocumentKey,
    /// What it marks.
    pub target: Target,
    /// The note (or the prompt's question); empty: a highlight only.
    pub body: String,
    /// Tags, in the order given.
    pub tags: Vec<String>,
    /// Highlight, note or prompt.
    pub kind: Kind,
    /// When it was made, ISO 8601, as the caller gives it (core has no clock).
    pub created: String,
    /// When it was last changed, ISO 8601, if ever.
    pub modified: Option<String>,
}

impl Annotation {
    /// A new annotation; its id is made from what it is created from (document, target, kind,
    /// body, time), so the same creation always gets the same id.
    pub fn new(document: DocumentKey, target: Target, kind: Kind, body: &str, created: &str) -> Annotation {
        let key = format!(
            "{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}",
            document.hash,
            target.passage,
            target.start,
            target.end,
            target.exact,
            kind.as_str(),
            body,
            created
        );
        Annotation {
            id: format!("a-{:016x}", fnv1a64(&key)),
            document,
            target,
            body: body.to_string(),
            tags: Vec::new(),
            kind,
            created: created.to_string(),
            modified: None,
        }
    }

    /// When it last changed: `modified`, else `created`.
    pub fn stamp(&self) -> &str {
        self.modified.as_deref().unwrap_or(&self.created)
    }

    /// Whether `other` says the same thing about the same words (ids and times aside).
    pub fn same_content(&self, other: &Annotation) -> bool {
        self.document.hash == other.document.hash
            && self.target == other.target
            && self.body == other.body
            && self.kind == other.kind
    }
}

/// What [`merge`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// Annotations that were new.
    pub added: usize,
    /// Annotations that replaced an older version of themselves (same id, newer `modified`).
    pub updated: usize,
    /// Annotations already there (same id and not newer, or the same content under another id).
    pub duplicates: usize,
}

/// `existing` with `incoming` merged in: no duplicates (the same id, or the same document,
/// target, body and kind), and of two versions of one id the newer ([`Annotation::stamp`],
/// compared as ISO 8601 strings: give times in one form, e.g. UTC `…Z`) wins. Order: `existing`,
/// then the new ones in their order.
pub fn merge(existing: &[Annotation], incoming: &[Annotation]) -> (Vec<Annotation>, MergeReport) {
    let mut merged = Merged::default();
    for a in existing {
        merged.put(a);
    }
    let mut report = MergeReport::default();
    for a in incoming {
        match merged.put(a) {
            Put::Added => report.added += 1,
            Put::Updated => report.updated += 1,
            Put::Duplicate => report.duplicates += 1,
        }
    }
    (merged.list, report)
}

enum Put {
    Added,
    Updated,
    Duplicate,
}

type ContentKey = (String, Target, String, Kind);

#[derive(Default)]
struct Merged {
    list: Vec<Annotation>,
    by_id: HashMap<String, usize>,
    by_content: HashMap<ContentKey, usize>,
}

impl Merged {
    fn put(&mut self, a: &Annotation) -> Put {
        let content = (a.document.hash.clone(), a.target.clone(), a.body.clone(), a.kind);
        if let Some(&at) = self.by_id.get(&a.id) {
            if a.stamp() <= self.list[at].stamp() {
                return Put::Duplicate;
            }
            let old = &self.list[at];
            let old_content = (
                old.document.hash.clone(),
                old.target.clone(),
                old.body.clone(),
                old.kind,
            );
            if self.by_content.get(&old_content) == Some(&at) {
                self.by_content.remove(&old_content);
            }
            self.by_content.entry(content).or_insert(at);
            self.list[at] = a.clone();
            return Put::Updated;
        }
        if self.by_content.contains_key(&content) {
            return Put::Duplicate;
        }
        let at = self.list.len();
        self.by_id.insert(a.id.clone(), at);
        self.by_content.insert(content, at);
        self.list.push(a.clone());
        Put::Added
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(body: &str, created: &str) -> Annotation {
        let target = Target {
            passage: "s1-p1".into(),
            exact: "語".into(),
            start: 0,
            end: 1,
            ..Default::default()
        };
        Annotation::new(DocumentKey::of_text("d", "text"), target, Kind::Note, body, created)
    }

    #[test]
    fn ids_are_stable_and_keys_name_texts() {
        assert_eq!(note("a", "2025").id, note("a", "2025").id);
        assert_ne!(note("a", "2025").id, note("a", "2026").id);
        assert!(note("a", "2025").id.starts_with("a-") && note("a", "2025").id.len() == 18);
        let key = DocumentKey::of_text("d", "本文");
        assert_eq!(key.hash.len(), 16);
        assert!(key.matches("renamed", &crate::text::hash::text_hash("本文")));
        assert!(key.matches("d", "0000000000000000"), "a corrected text keeps its id");
        assert!(!key.matches("e", "0000000000000000"));
    }

    #[test]
    fn merging_keeps_one_of_each_and_the_newer_version() {
        let a = note("a", "2025-01-01");
        let b = note("b", "2025-01-02");
        let mut a_edited = a.clone();
        a_edited.body = "a, edited".into();
        a_edited.modified = Some("2025-02-01".into());
        let mut a_older = a.clone();
        a_older.body = "stale".into();
        let mut same_as_b = note("b", "2025-03-03");
        same_as_b.tags = vec!["x".into()];
        let c = note("c", "2025-01-03");
        let (merged, report) = merge(
            &[a.clone(), b.clone()],
            &[a_edited.clone(), a_older, same_as_b, c.clone(), c.clone()],
        );
        assert_eq!(merged, vec![a_edited.clone(), b.clone(), c]);
        assert_eq!(
            report,
            MergeReport {
                added: 1,
                updated: 1,
                duplicates: 3
            }
        );
        // The edited version's content is known: its first version comes back as a duplicate.
        let (again, report) = merge(&merged, &[a]);
        assert_eq!(again, merged);
        assert_eq!(report.duplicates, 1);
        // Nothing new: nothing changes.
        let (same, report) = merge(&merged, &merged);
        assert_eq!(same, merged);
        assert_eq!(report.duplicates, merged.len());
    }
}
