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
    const STARTS: [&str; 3] = ["https://", "http://", "www."];
    let mut out = Vec::new();
    let mut from = 0;
    // Where each start next occurs at or after `from` (usize::MAX: nowhere), searched again only
    // once `from` has passed it: a search per URL for a start the text lacks made it quadratic.
    let mut next = [0usize; STARTS.len()];
    let find = |p: &str, from: usize| text[from..].find(p).map_or(usize::MAX, |k| from + k);
    for (n, p) in next.iter_mut().zip(STARTS) {
        *n = find(p, 0);
    }
    while from < text.len() {
        for (n, p) in next.iter_mut().zip(STARTS) {
            if *n < from {
                *n = find(p, from);
            }
        }
        let start = next.iter().copied().min().unwrap_or(usize::MAX);
        if start == usize::MAX {
            break;
        }
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
