//! Where do sentences end? Split on 。！？ (and their ASCII forms followed by space or end)
//! outside 「」『』（）() and their nesting, keeping closing brackets with the sentence.

use std::ops::Range;

fn is_open(c: char) -> bool {
    matches!(c, '「' | '『' | '（' | '(' | '【' | '〈' | '《' | '“')
}

fn is_close(c: char) -> bool {
    matches!(c, '」' | '』' | '）' | ')' | '】' | '〉' | '》' | '”')
}

fn is_final(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '．')
}

/// Sentence spans (byte ranges) covering `text` without gaps or overlap; whitespace between
/// sentences stays with the sentence before it.
pub fn split(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut depth: usize = 0;
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if is_open(c) {
            depth += 1;
        } else if is_close(c) {
            depth = depth.saturating_sub(1);
        }
        let ascii_final = matches!(c, '!' | '?') && chars.peek().is_none_or(|&(_, n)| n.is_whitespace());
        if depth == 0 && (is_final(c) || ascii_final) {
            let mut end = i + c.len_utf8();
            // Keep trailing finals / closing brackets / spaces with this sentence.
            while let Some(&(j, n)) = chars.peek() {
                if is_final(n) || n == ' ' || n == '　' {
                    end = j + n.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            out.push(start..end);
            start = end;
        }
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        split(s).into_iter().map(|r| &s[r]).collect()
    }

    #[test]
    fn splits_on_final_punctuation() {
        assert_eq!(texts("一つ。二つ！三つ？"), vec!["一つ。", "二つ！", "三つ？"]);
    }

    #[test]
    fn respects_quotes_and_parentheses() {
        assert_eq!(
            texts("彼は「北の核問題は時限爆弾だ。我々の分析で」と述べた。次。"),
            vec!["彼は「北の核問題は時限爆弾だ。我々の分析で」と述べた。", "次。"]
        );
        assert_eq!(texts("（注。補足）本文。"), vec!["（注。補足）本文。"]);
    }

    #[test]
    fn unterminated_tail_is_a_sentence() {
        assert_eq!(texts("文。途中"), vec!["文。", "途中"]);
        assert!(split("").is_empty());
    }

    #[test]
    fn unbalanced_closers_do_not_break() {
        assert_eq!(texts("」a。b"), vec!["」a。", "b"]);
    }
}
