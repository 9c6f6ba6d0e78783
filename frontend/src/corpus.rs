//! Which documents does the app start with? The default corpus, embedded at build time by
//! `build.rs` (`corpus/manifest.toml` and its texts), parsed once at start-up.

use yomikurabe_core::model::{Corpus, DateKind, DocDate, DocumentSummary, FactSource};
use yomikurabe_core::pack::{Pack, PackDocument};
use yomikurabe_core::pipeline::DocumentSource;
use yomikurabe_core::{parse_document, Document, ManifestEntry, Source};

/// One embedded text with what the manifest says about it (`build.rs` writes the list).
#[derive(Debug, Clone, Copy)]
pub struct DefaultSource {
    /// Document id (the manifest slug).
    pub id: &'static str,
    /// File name in `corpus/`.
    pub file: &'static str,
    /// Title from the manifest, used only where the text has none.
    pub title: Option<&'static str>,
    /// Author from the manifest, where known.
    pub author: Option<&'static str>,
    /// ISO date from the manifest, where known.
    pub date: Option<&'static str>,
    /// The text itself.
    pub text: &'static str,
}

/// A library card of the default corpus as `build.rs` writes it.
#[derive(Debug, Clone, Copy)]
pub struct StaticSummary {
    /// See [`DocumentSummary`].
    pub id: &'static str,
    /// Title.
    pub title: Option<&'static str>,
    /// Subtitle.
    pub subtitle: Option<&'static str>,
    /// Author.
    pub author: Option<&'static str>,
    /// Date: ISO, kind, the source's words, where the fact came from.
    pub date: Option<(&'static str, DateKind, &'static str, FactSource)>,
    /// Characters of reading text.
    pub body_chars: usize,
    /// The opening.
    pub opening: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/default_corpus.rs"));

/// The library cards of the default corpus (no parsing: computed at build time).
pub fn default_summaries() -> Vec<DocumentSummary> {
    DEFAULT_SUMMARIES
        .iter()
        .map(|s| DocumentSummary {
            id: s.id.to_string(),
            title: s.title.map(String::from),
            subtitle: s.subtitle.map(String::from),
            author: s.author.map(String::from),
            date: s.date.map(|(iso, kind, text, source)| DocDate {
                iso: iso.to_string(),
                kind,
                text: text.to_string(),
                source,
            }),
            body_chars: s.body_chars,
            opening: s.opening.to_string(),
        })
        .collect()
}

/// The manifest entry of an embedded text (facts the manifest may learn later stay default).
fn entry(s: &DefaultSource) -> ManifestEntry {
    #[allow(clippy::needless_update)]
    ManifestEntry {
        file: s.file.to_string(),
        slug: Some(s.id.to_string()),
        title: s.title.map(String::from),
        author: s.author.map(String::from),
        date: s.date.map(String::from),
        ..Default::default()
    }
}

/// Parse one embedded text, as the manifest describes it.
pub fn parse_source(s: &DefaultSource) -> Document {
    let e = entry(s);
    parse_document(Source {
        id: s.id,
        file: s.file,
        text: s.text,
        entry: Some(&e),
    })
}

/// The default corpus as a reading pack (what the page comes with when it holds no other).
pub fn default_pack() -> Pack {
    Pack {
        documents: DEFAULT_CORPUS
            .iter()
            .map(|s| PackDocument {
                file: s.file.to_string(),
                slug: Some(s.id.to_string()),
                title: s.title.map(String::from),
                author: s.author.map(String::from),
                date: s.date.map(String::from),
                text: s.text.to_string(),
                ..Default::default()
            })
            .collect(),
        ..Default::default()
    }
}

/// The default corpus, parsed.
pub fn default_corpus() -> Corpus {
    Corpus {
        documents: DEFAULT_CORPUS.iter().map(parse_source).collect(),
    }
}

/// The default corpus's documents, each parsed when the pipeline first needs it.
pub fn default_sources() -> Vec<DocumentSource> {
    DEFAULT_CORPUS
        .iter()
        .map(|s| -> DocumentSource { Box::new(move || parse_source(s)) })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embeds_and_parses_every_manifest_entry() {
        let corpus = default_corpus();
        assert_eq!(corpus.documents.len(), DEFAULT_CORPUS.len());
        assert!(!DEFAULT_CORPUS.is_empty());
        for (d, s) in corpus.documents.iter().zip(DEFAULT_CORPUS) {
            assert_eq!(d.id, s.id);
            assert!(crate::view_state::is_doc_id(&d.id), "{} must be usable in links", d.id);
            assert!(!d.passages.is_empty(), "{} has passages", d.id);
        }
        let parsed: Vec<DocumentSummary> = corpus.documents.iter().map(|d| d.summary()).collect();
        assert_eq!(
            default_summaries(),
            parsed,
            "the build-time cards are the app's own parse"
        );
        let pack: Vec<_> = default_pack().documents.iter().map(PackDocument::parse).collect();
        assert_eq!(pack, corpus.documents, "the default pack parses to the default corpus");
    }
}
