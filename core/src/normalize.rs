//! How should text be compared? Folding for matching, computed beside the display text.
//!
//! NFKC (full/half width, compatibility forms such as `ﬁ`, circled digits), then lower-case
//! Latin, then the kana variants of the counter か (`ヶ ヵ ケ` between digits/kanji are left to
//! the matcher). The reader always shows the source's characters; folded text is only for matching.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Text folded for matching, with a map back to the source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Folded {
    /// The folded text.
    pub text: String,
    /// For each byte of `text`, the byte offset in the source of the character it came from;
    /// one extra entry at the end maps `text.len()` to the source length.
    pub source_offsets: Vec<usize>,
}

impl Folded {
    /// Source byte range for a byte range of the folded text.
    pub fn source_range(&self, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
        let start = self.source_offsets.get(range.start).copied().unwrap_or(0);
        let end = if range.end == 0 {
            start
        } else {
            // End of the source char that produced the last folded byte.
            let last = self.source_offsets.get(range.end - 1).copied().unwrap_or(start);
            let next = self.source_offsets[range.end..]
                .iter()
                .copied()
                .find(|&o| o > last)
                .unwrap_or_else(|| *self.source_offsets.last().unwrap_or(&last));
            next.max(start)
        };
        start..end
    }
}

/// Fold a string for matching (see the module docs).
pub fn fold(s: &str) -> String {
    fold_with_map(s).text
}

/// Fold a string and keep the map back to source offsets.
///
/// Each base character is folded together with the combining marks that follow it
/// (e.g. `か` + U+3099 → `が`), so composition across a pair still happens.
pub fn fold_with_map(s: &str) -> Folded {
    let mut text = String::with_capacity(s.len());
    let mut map = Vec::with_capacity(s.len() + 1);
    let mut iter = s.char_indices().peekable();
    let mut cluster = String::new();
    while let Some((start, c)) = iter.next() {
        let before = text.len();
        let combining_follows = iter.peek().is_some_and(|&(_, n)| is_combining(n));
        if !combining_follows && c.is_ascii() {
            text.push(c.to_ascii_lowercase());
        } else if !combining_follows && is_stable(c) {
            text.push(c);
        } else {
            cluster.clear();
            cluster.push(c);
            while let Some(&(_, next)) = iter.peek() {
                if is_combining(next) {
                    cluster.push(next);
                    iter.next();
                } else {
                    break;
                }
            }
            for f in cluster.nfkc() {
                for l in f.to_lowercase() {
                    text.push(l);
                }
            }
        }
        map.extend(std::iter::repeat_n(start, text.len() - before));
    }
    map.push(s.len());
    Folded {
        text,
        source_offsets: map,
    }
}

fn is_combining(c: char) -> bool {
    c == '\u{3099}' || c == '\u{309A}' || (!c.is_ascii() && is_combining_mark(c))
}

/// Characters NFKC and lower-casing leave as they are: the bulk of Japanese text
/// (kanji, hiragana, full-width katakana, common CJK punctuation), checked without allocating.
fn is_stable(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FA}' | '\u{30FC}' | '\u{3001}'..='\u{3002}' | '\u{300C}'..='\u{300F}')
        || (unicode_normalization::is_nfkc_quick(std::iter::once(c)) == unicode_normalization::IsNormalized::Yes
            && c.to_lowercase().eq(std::iter::once(c)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_width_and_case() {
        assert_eq!(fold("ＡＢＣ１２３"), "abc123");
        assert_eq!(fold("ｶﾀｶﾅ"), "カタカナ");
        assert_eq!(fold("Verifiable ﬁ"), "verifiable fi");
        assert_eq!(fold("日米韓　協力"), "日米韓 協力");
    }

    #[test]
    fn composes_voiced_marks() {
        assert_eq!(fold("か\u{3099}"), "が");
    }

    #[test]
    fn map_points_back_to_source() {
        let s = "ＡＢ日本";
        let f = fold_with_map(s);
        assert_eq!(f.text, "ab日本");
        let i = f.text.find("日本").unwrap();
        let r = f.source_range(i..f.text.len());
        assert_eq!(&s[r], "日本");
        let r = f.source_range(0..1);
        assert_eq!(&s[r], "Ａ");
    }
}
