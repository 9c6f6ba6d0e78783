//! What leaves Rust: the versioned JSON export schema (`yomikurabe.export/3`).
//!
//! These serde types are the only definition of the format (documented in `docs/export.md`).
//! Offsets here are **Unicode scalar values** into the passage text, converted from the
//! model's byte offsets at this edge.

use crate::analysis::Analysis;
use crate::model::{Corpus, DateKind, Diagnostic, Document, FactSource, Passage, RemovedLine};
use serde::Serialize;
use std::cell::OnceCell;
use std::collections::BTreeMap;

/// Schema identifier; bump when the shape changes incompatibly.
/// `/2` added `themes`, `terms` and `alignments`; `/3` added `citations`, `acronyms`, `dates`.
pub const SCHEMA: &str = "yomikurabe.export/3";

/// The whole export.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Export {
    /// Always [`SCHEMA`].
    pub schema: &'static str,
    /// Documents in corpus order.
    pub documents: Vec<ExportDocument>,
    /// Themes (curated, automatic, user) with their occurrences.
    pub themes: Vec<ExportTheme>,
    /// Key terms with their counts per document.
    pub terms: Vec<ExportTerm>,
    /// Related passages across documents.
    pub alignments: Vec<ExportAlignment>,
    /// Cited sources with every mention.
    pub citations: Vec<ExportCitation>,
    /// Acronyms: expansions, definitions and uses.
    pub acronyms: Vec<ExportAcronym>,
    /// Dated expressions with their ISO dates (`null` where unresolved).
    pub dates: Vec<ExportDate>,
}

/// A cited source.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ExportCitation {
    /// Stable id: `<kind>-<hash of the folded name>`.
    pub id: String,
    /// The source's name as first written.
    pub label: String,
    /// `statement`, `resolution`, `agreement`, `report`, `law`, `web_page`.
    pub kind: &'static str,
    /// Every mention, with its text.
    pub mentions: Vec<ExportMention>,
}

/// A span with the text it covers.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ExportMention {
    /// Document id.
    pub document: String,
    /// Passage id (notes included).
    pub passage: String,
    /// Start, in Unicode scalar values into the passage text.
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
    /// The text of the span.
    pub text: String,
}

/// An acronym.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ExportAcronym {
    /// The acronym (`NCG`).
    pub short: String,
    /// Expansions the texts give (Japanese and English), possibly none.
    pub expansions: Vec<String>,
    /// Where it is defined.
    pub definitions: Vec<ExportSpan>,
    /// Where it is used.
    pub uses: Vec<ExportSpan>,
}

/// A dated expression.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ExportDate {
    /// Document id.
    pub document: String,
    /// Passage id.
    pub passage: String,
    /// Start, in Unicode scalar values.
    pub start: usize,
    /// End (exclusive).
    pub end: usize,
    /// The expression as written.
    pub text: String,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; `null` where it cannot be resolved (never guessed).
    pub iso: Option<String>,
}

/// A theme and where it occurs.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ExportTheme {
    /// Theme id (`[a-z0-9-]`).
    pub id: String,
    /// Japanese label.
    pub label_ja: String,
    /// English label.
    pub label_en: String,
    /// `curated`, `automatic` or `user`.
    pub kind: &'static str,
    /// Occurrences in corpus order.
    pub occurrences: Vec<ExportSpan>,
}

/// A span of a passage's text.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ExportSpan {
    /// Document id.
    pub document: String,
    /// Passage id (notes included: `n7`).
    pub passage: String,
    /// Start, in Unicode scalar values into the passage text.
    pub start: usize,
    /// End (exclusive), in Unicode scalar values.
    pub end: usize,
}

/// A key term.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ExportTerm {
    /// The term as it most often appears in the text.
    pub term: String,
    /// Occurrences per document id (documents without it are left out).
    pub counts: BTreeMap<String, usize>,
}

/// A passage of a document.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ExportPassageRef {
    /// Document id.
    pub document: String,
    /// Passage id.
    pub passage: String,
}

/// Two related passages in different documents.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ExportAlignment {
    /// Where the reader is.
    pub from: ExportPassageRef,
    /// The related passage.
    pub to: ExportPassageRef,
    /// Similarity (cosine, 0–1).
    pub score: f64,
    /// The shared terms that explain the match, strongest first.
    pub shared: Vec<String>,
}

/// One document.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ExportDocument {
    /// Document id (slug).
    pub id: String,
    /// Source file name.
    pub source_file: String,
    /// Title, `null` where neither text nor manifest gives one.
    pub title: Option<String>,
    /// `"text"` or `"manifest"`, `null` with no title.
    pub title_source: Option<FactSource>,
    /// Subtitle, where the text gives one.
    pub subtitle: Option<String>,
    /// Author, `null` where unknown.
    pub author: Option<String>,
    /// Affiliation, `null` where unknown.
    pub affiliation: Option<String>,
    /// ISO date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`), `null` where unknown.
    pub date: Option<String>,
    /// What the date is (`published`, `completed`, `other`).
    pub date_kind: Option<DateKind>,
    /// The source's words for the date.
    pub date_text: Option<String>,
    /// Sections in document order.
    pub sections: Vec<ExportSection>,
    /// Passages in reading order (notes last, kind `note`).
    pub passages: Vec<ExportPassage>,
    /// Notes by number.
    pub notes: Vec<ExportNote>,
    /// Parser diagnostics.
    pub diagnostics: Vec<Diagnostic>,
    /// Source lines left out of the reading text, with why (page furniture, legends, colophons).
    pub removed: Vec<RemovedLine>,
}

/// A section.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ExportSection {
    /// `s1`, `s2`…
    pub id: String,
    /// Heading text.
    pub title: String,
    /// 1 = top level.
    pub level: u8,
    /// Parent section id.
    pub parent: Option<String>,
}

/// A passage.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ExportPassage {
    /// Stable id.
    pub id: String,
    /// `heading`, `paragraph`, `list_item`, `caption`, `note`, `meta`.
    pub kind: &'static str,
    /// Enclosing section id.
    pub section: Option<String>,
    /// Reflowed text, markers removed.
    pub text: String,
    /// Footnote markers.
    pub note_refs: Vec<ExportNoteRef>,
    /// Sentence spans as `[start, end)` in Unicode scalar values.
    pub sentences: Vec<[usize; 2]>,
    /// For captions: the passage it belongs to.
    pub caption_of: Option<String>,
    /// Quote selector for re-finding the passage.
    pub anchor: crate::model::Anchor,
    /// 1-based source line.
    pub source_line: usize,
}

/// A marker.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct ExportNoteRef {
    /// Note number.
    pub number: u32,
    /// Offset in Unicode scalar values into the passage text.
    pub offset: usize,
}

/// A note.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ExportNote {
    /// Note number.
    pub number: u32,
    /// Note text, `null` where the source has none.
    pub text: Option<String>,
    /// Id of the passage holding the note text.
    pub passage: Option<String>,
}

/// Unicode scalar offset of byte offset `byte` in `text` (clamped to the text).
pub fn char_offset(text: &str, byte: usize) -> usize {
    let byte = byte.min(text.len());
    text.char_indices().take_while(|(i, _)| *i < byte).count()
}

/// [`char_offset`] of every byte offset of one text, counted in one pass: many offsets into a
/// long passage without a scan each (which made the export quadratic in the passage length).
struct CharOffsets(Vec<u32>);

impl CharOffsets {
    fn new(text: &str) -> CharOffsets {
        let mut offsets = Vec::with_capacity(text.len() + 1);
        let mut chars = 0u32;
        offsets.push(0);
        for b in text.bytes() {
            // A byte that is not a UTF-8 continuation byte starts a char.
            if b & 0xC0 != 0x80 {
                chars += 1;
            }
            offsets.push(chars);
        }
        CharOffsets(offsets)
    }

    /// As [`char_offset`].
    fn get(&self, byte: usize) -> usize {
        self.0[byte.min(self.0.len() - 1)] as usize
    }
}

/// Key terms exported per document, beyond those shared by several documents.
pub const TERMS_PER_DOCUMENT: usize = 30;

/// Build the export of a corpus, without analysis (`themes`, `terms`, `alignments` empty).
pub fn export(corpus: &Corpus) -> Export {
    export_analysed(corpus, &Analysis::default())
}

/// Build the export of a corpus and its analysis.
pub fn export_analysed(corpus: &Corpus, analysis: &Analysis) -> Export {
    // Char offsets of a passage's bytes, counted once, for the passages that have spans.
    let offsets: Vec<Vec<OnceCell<CharOffsets>>> = corpus
        .documents
        .iter()
        .map(|d| d.passages.iter().map(|_| OnceCell::new()).collect())
        .collect();
    let span = |document: usize, passage: usize, range: &std::ops::Range<usize>| {
        let d = &corpus.documents[document];
        let p = &d.passages[passage];
        let chars = offsets[document][passage].get_or_init(|| CharOffsets::new(&p.text));
        ExportSpan {
            document: d.id.clone(),
            passage: p.id.clone(),
            start: chars.get(range.start),
            end: chars.get(range.end),
        }
    };
    let mut themes: Vec<ExportTheme> = analysis
        .themes
        .themes()
        .iter()
        .map(|t| ExportTheme {
            id: t.id.clone(),
            label_ja: t.label_ja.clone(),
            label_en: t.label_en.clone(),
            kind: t.kind.as_str(),
            occurrences: Vec::new(),
        })
        .collect();
    for o in &analysis.occurrences {
        if let Some(t) = themes.get_mut(o.theme) {
            t.occurrences.push(span(o.document, o.passage, &o.range));
        }
    }
    let reference = |r: &crate::similarity::align::PassageRef| ExportPassageRef {
        document: corpus.documents[r.doc].id.clone(),
        passage: corpus.documents[r.doc].passages[r.passage].id.clone(),
    };
    let gspan = |s: &crate::text::span::Span| span(s.document, s.passage, &s.range);
    let mention = |s: &crate::text::span::Span, text: &str| {
        let e = gspan(s);
        ExportMention {
            document: e.document,
            passage: e.passage,
            start: e.start,
            end: e.end,
            text: text.to_string(),
        }
    };
    Export {
        schema: SCHEMA,
        documents: corpus.documents.iter().map(export_document).collect(),
        citations: analysis
            .citations
            .iter()
            .map(|c| ExportCitation {
                id: c.id.clone(),
                label: c.label.clone(),
                kind: c.kind.as_str(),
                mentions: c.mentions.iter().map(|m| mention(&m.span, &m.text)).collect(),
            })
            .collect(),
        acronyms: analysis
            .glossary
            .acronyms
            .iter()
            .map(|a| ExportAcronym {
                short: a.short.clone(),
                expansions: a.expansions.clone(),
                definitions: a.definitions.iter().map(gspan).collect(),
                uses: a.uses.iter().map(gspan).collect(),
            })
            .collect(),
        dates: analysis
            .dates
            .iter()
            .map(|d| {
                let e = span(d.document, d.passage, &d.range);
                ExportDate {
                    document: e.document,
                    passage: e.passage,
                    start: e.start,
                    end: e.end,
                    text: d.text.clone(),
                    iso: d.iso.clone(),
                }
            })
            .collect(),
        themes,
        terms: exported_terms(corpus, &analysis.terms),
        alignments: analysis
            .alignments
            .iter()
            .map(|a| ExportAlignment {
                from: reference(&a.from),
                to: reference(&a.to),
                score: (f64::from(a.score) * 1000.0).round() / 1000.0,
                shared: a.shared.clone(),
            })
            .collect(),
    }
}

/// Key terms in the export: every term shared by two or more documents, then each document's
/// most distinctive terms ([`TERMS_PER_DOCUMENT`]), without repeats.
fn exported_terms(corpus: &Corpus, table: &crate::similarity::terms::TermTable) -> Vec<ExportTerm> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    let shared = table.shared_terms(2);
    let own = (0..corpus.documents.len()).flat_map(|d| table.top_terms(d, TERMS_PER_DOCUMENT));
    for term in shared.into_iter().chain(own) {
        if !seen.insert(term.key.clone()) {
            continue;
        }
        let counts = term
            .docs
            .iter()
            .filter_map(|d| Some((table.documents.get(d.doc)?.clone(), d.count as usize)))
            .collect();
        out.push(ExportTerm {
            term: term.display.clone(),
            counts,
        });
    }
    out
}

fn export_document(d: &Document) -> ExportDocument {
    ExportDocument {
        id: d.id.clone(),
        source_file: d.source_file.clone(),
        title: d.title.clone(),
        title_source: d.title_source,
        subtitle: d.subtitle.clone(),
        author: d.author.clone(),
        affiliation: d.affiliation.clone(),
        date: d.date.as_ref().map(|x| x.iso.clone()),
        date_kind: d.date.as_ref().map(|x| x.kind),
        date_text: d.date.as_ref().map(|x| x.text.clone()),
        sections: d
            .sections
            .iter()
            .map(|s| ExportSection {
                id: s.id.clone(),
                title: s.title.clone(),
                level: s.level,
                parent: s.parent.clone(),
            })
            .collect(),
        passages: d.passages.iter().map(export_passage).collect(),
        notes: d
            .notes
            .iter()
            .map(|n| ExportNote {
                number: n.number,
                text: n.text.clone(),
                passage: n.passage.clone(),
            })
            .collect(),
        diagnostics: d.diagnostics.clone(),
        removed: d.removed.clone(),
    }
}

fn export_passage(p: &Passage) -> ExportPassage {
    let chars = CharOffsets::new(&p.text);
    ExportPassage {
        id: p.id.clone(),
        kind: p.kind.as_str(),
        section: p.section.clone(),
        text: p.text.clone(),
        note_refs: p
            .note_refs
            .iter()
            .map(|r| ExportNoteRef {
                number: r.number,
                offset: chars.get(r.offset),
            })
            .collect(),
        sentences: p
            .sentences
            .iter()
            .map(|r| [chars.get(r.start), chars.get(r.end)])
            .collect(),
        caption_of: p.caption_of.clone(),
        anchor: p.anchor.clone(),
        source_line: p.source_line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets() {
        assert_eq!(char_offset("日本a", 0), 0);
        assert_eq!(char_offset("日本a", 3), 1);
        assert_eq!(char_offset("日本a", 6), 2);
        assert_eq!(char_offset("日本a", 7), 3);
        assert_eq!(char_offset("日本a", 99), 3);
    }

    #[test]
    fn char_offsets_counted_once_agree_with_char_offset() {
        for text in ["", "a", "日本a", "か\u{3099}𝄞x\u{FEFF}。", "ａｂ c\r\n"] {
            let chars = CharOffsets::new(text);
            for byte in 0..=text.len() + 2 {
                assert_eq!(chars.get(byte), char_offset(text, byte), "{text:?} at {byte}");
            }
        }
    }

    /// Found by the adversarial figures (benches/adversarial.rs): one long passage with many
    /// sentences and theme occurrences took a scan of the passage per offset (100 KB on one line:
    /// 0.5 s). The offsets stay exact.
    #[test]
    fn long_passage_offsets_are_exact() {
        let text = "日米韓の協力。".repeat(2000);
        let corpus = crate::parse_corpus(&[crate::Source {
            id: "d",
            file: "d.txt",
            text: &text,
            entry: None,
        }]);
        let e = export(&corpus);
        let p = &e.documents[0].passages[0];
        assert_eq!(p.sentences.len(), 2000);
        assert_eq!(p.sentences[1999], [13993, 14000]);
        assert!(p.sentences.windows(2).all(|w| w[0][1] == w[1][0]));
    }

    /// The removed lines leave with the document, reasons in snake_case.
    #[test]
    fn removed_lines_are_exported() {
        let text = "本文の一行目で\n研究年報\n12\n\u{c}続く文。\n研究年報\n13\n\u{c}本文。\n";
        let corpus = crate::parse_corpus(&[crate::Source {
            id: "d",
            file: "d.txt",
            text,
            entry: None,
        }]);
        let e = export(&corpus);
        let removed = &e.documents[0].removed;
        assert_eq!(removed.len(), 4, "{removed:?}");
        let json = serde_json::to_value(&e.documents[0]).unwrap();
        assert_eq!(
            json["removed"][0],
            serde_json::json!({"line": 2, "text": "研究年報", "reason": "running_head"})
        );
        assert_eq!(json["removed"][1]["reason"], "page_number");
    }
}
