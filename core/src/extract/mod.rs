//! Stage 3: what the texts name. Cited sources, the acronym glossary and dated expressions,
//! each found per passage and merged across the corpus.

pub mod citations;
pub mod glossary;
pub mod timeline;
