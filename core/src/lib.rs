//! yomikurabe-core: text → one serialisable corpus model → analysis.
//!
//! Pure functions, no I/O, no web dependencies; the same API serves the CLI, the browser
//! and the tests. The folders follow the pipeline: [`text`] (shared primitives, decoding),
//! [`parse`] (text → [`model::Document`]), [`themes`] (what a teacher looks for, and where it
//! occurs), [`extract`] (sources, acronyms, dates), [`similarity`] (key terms, alignment),
//! [`search`] (full-text search, KWIC, collocates);
//! [`pipeline::Pipeline`] runs them lazily over one corpus, each part once, for the CLI, the
//! export and the reader alike. Parsing is total: any string in, a document with diagnostics out.
#![warn(missing_docs)]

pub mod analysis;
pub mod anchor;
pub mod annotations;
pub mod export;
pub mod extract;
pub mod manifest;
pub mod model;
pub mod pack;
pub mod parse;
pub mod pipeline;
pub mod search;
pub mod similarity;
pub mod text;
pub mod themes;

pub use manifest::{Manifest, ManifestEntry};
pub use model::{Corpus, Document, Passage, PassageKind};
pub use parse::{parse_corpus, parse_document, Source};
pub use pipeline::Pipeline;
