//! What kind of character is this? Script and punctuation classes used by every stage.

/// Kanji (CJK unified ideographs and the iteration mark 々〆).
pub fn is_kanji(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' | '々' | '〆' | '〇' | '\u{20000}'..='\u{2FA1F}')
}

/// Hiragana or katakana (including the prolonged sound mark and half-width katakana).
pub fn is_kana(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{309F}' | '\u{30A0}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}' | '\u{FF66}'..='\u{FF9F}')
}

/// Japanese text characters and full-width punctuation/forms: anything after which a space is
/// not part of Japanese typesetting.
pub fn is_cjk(c: char) -> bool {
    is_kanji(c)
        || is_kana(c)
        || matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}' | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}')
}

/// ASCII or full-width decimal digit.
pub fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Numeric value of an ASCII or full-width digit.
pub fn digit_value(c: char) -> Option<u32> {
    if c.is_ascii_digit() {
        Some(c as u32 - '0' as u32)
    } else if ('０'..='９').contains(&c) {
        Some(c as u32 - '０' as u32)
    } else {
        None
    }
}

/// Parse a run of ASCII/full-width digits.
pub fn parse_number(s: &str) -> Option<u32> {
    let mut n: u32 = 0;
    let mut any = false;
    for c in s.chars() {
        n = n.checked_mul(10)?.checked_add(digit_value(c)?)?;
        any = true;
    }
    any.then_some(n)
}

/// Latin letters and digits (ASCII and full-width), i.e. characters that need a space between words.
pub fn is_latin_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, 'À'..='ɏ')
}

/// Sentence-final punctuation.
pub fn is_sentence_final(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '．' | '!' | '?' | '｡')
}

/// Closing brackets and quotes that may follow a sentence-final mark.
pub fn is_closing(c: char) -> bool {
    matches!(
        c,
        '」' | '』' | '）' | ')' | '】' | '〉' | '》' | '”' | '"' | '’' | '］' | ']'
    )
}

/// Whether a line or block ends a sentence: its last non-space char is sentence-final,
/// possibly followed by closing brackets (`。」`, `。）`). A Latin full stop counts when it
/// follows a Latin word.
pub fn ends_sentence(s: &str) -> bool {
    let mut it = s.trim_end().chars().rev().skip_while(|&c| is_closing(c));
    match it.next() {
        Some('.') => it.next().is_some_and(|c| c.is_ascii_alphanumeric() || is_closing(c)),
        Some(c) => is_sentence_final(c),
        None => false,
    }
}

/// Whitespace that PDF extraction and typesetting leave (ASCII, full-width, NBSP, tabs).
pub fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}' | '\u{00A0}' | '\u{2002}'..='\u{200B}')
}

/// Display width in full-width units (half-width characters count one half).
pub fn width(s: &str) -> f32 {
    s.chars()
        .map(|c| if is_cjk(c) || (c as u32) >= 0x1100 { 1.0 } else { 0.5 })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert!(is_kanji('韓') && is_kana('カ') && is_kana('ｶ') && is_cjk('。') && is_cjk('－'));
        assert!(!is_cjk('a') && is_digit('９') && parse_number("１２") == Some(12));
        assert_eq!(parse_number("99999999999"), None);
        assert!(
            ends_sentence("だ。") && ends_sentence("だ。」 ") && ends_sentence("It is so.") && !ends_sentence("U.S")
        );
        assert!(!ends_sentence("技術標準") && !ends_sentence(""));
        assert_eq!(width("日本ab"), 3.0);
    }
}
