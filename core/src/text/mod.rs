//! Stage 0, shared by every stage: which encoding ([`detect`], everywhere) and bytes to text
//! ([`decode`], native tools), character classes,
//! whether decoded text looks garbled ([`mojibake`]), comparison keys, Word files' text ([`docx`]), numerals and counters, dates, locations, stable ids and small sorts.

pub mod chars;
pub mod dates;
#[cfg(feature = "decode")]
pub mod decode;
pub mod detect;
pub mod docx;
pub mod hash;
pub mod html;
pub mod mojibake;
pub mod normalize;
pub mod numerals;
pub mod sort;
pub mod span;
