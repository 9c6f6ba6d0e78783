//! yomikurabe-core: text → one serialisable corpus model.
//!
//! Pure functions, no I/O, no web dependencies; the same API serves the CLI, the browser
//! and the tests. Parsing is total: any string in, a [`model::Document`] with diagnostics out.
#![warn(missing_docs)]

pub mod align;
pub mod analysis;
pub mod anchor;
pub mod citations;
#[cfg(feature = "decode")]
pub mod decode;
pub mod export;
pub mod glossary;
pub mod manifest;
pub mod matcher;
pub mod model;
pub mod normalize;
pub mod parse;
pub mod sort;
pub mod terms;
pub mod themes;
pub mod timeline;

pub use manifest::{Manifest, ManifestEntry};
pub use model::{Corpus, Document, Passage, PassageKind};
pub use parse::{parse_corpus, parse_document, Source};
pub mod dates;
