//! Where is it? The one location type of the extractors and the reader (a byte range of one
//! passage of one document) and the URL ranges every stage must step around.

use std::ops::Range;

/// A stretch of a passage: the shared span type of the extractors (glossary, timeline,
/// citations).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Span {
    /// Index into `Corpus::documents`.
    pub document: usize,
    /// Index into that document's `passages` (notes are passages of kind `Note`).
    pub passage: usize,
    /// Byte range into `Passage::text` (on char boundaries).
    pub range: Range<usize>,
}

/// URLs (`http://`, `https://`, `www.`) as byte ranges, up to the first space or Japanese
/// character.
pub fn url_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut from = 0;
    while from < text.len() {
        let rest = &text[from..];
        let next = ["https://", "http://", "www."]
            .iter()
            .filter_map(|p| rest.find(p))
            .min();
        let Some(k) = next else { break };
        let start = from + k;
        let mut end = start;
        for (b, c) in text[start..].char_indices() {
            if c.is_ascii_graphic() && !matches!(c, '<' | '>' | '"' | '`') {
                end = start + b + 1;
            } else {
                break;
            }
        }
        // Trailing punctuation belongs to the sentence.
        while end > start
            && matches!(
                text.as_bytes()[end - 1],
                b'.' | b',' | b';' | b':' | b')' | b']' | b'\''
            )
        {
            end -= 1;
        }
        if end > start + 4 && !(start > 0 && text[..start].ends_with(|c: char| c.is_ascii_alphanumeric())) {
            out.push(start..end);
            from = end;
        } else {
            from = start + 1;
        }
        while from < text.len() && !text.is_char_boundary(from) {
            from += 1;
        }
    }
    out
}
