//! Does this text look garbled (文字化け)? Text that decoded cleanly can still be the wrong
//! text: a file saved after being read in the wrong encoding. Three patterns are common enough
//! to name, and none occurs in real Japanese prose at the rates counted here:
//!
//! - UTF-8 read as Shift_JIS: every kana becomes 縺/繧/繝 followed by a stray character;
//! - UTF-8 (or Shift_JIS) read as Latin-1/Windows-1252: `ã` + `\u{80}`–`\u{BF}` or `â€`, or runs
//!   of Latin-1 letters where Japanese should be;
//! - replacement characters (U+FFFD): something decoded it with losses before it was saved.
//!
//! The answer is advice for a person ("open it in another encoding"), never a reason to refuse.

/// Why a text looks garbled, as a person can act on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Garbled {
    /// Kana appear as 縺/繧/繝 pairs: UTF-8 text was read as Shift_JIS and saved.
    Utf8ReadAsShiftJis,
    /// Japanese appears as Latin-1 letters (ã, â€, Ê…): read as Latin-1/Windows-1252 and saved.
    ReadAsLatin1,
    /// Replacement characters (U+FFFD): characters were lost before the file was saved.
    Replacement,
}

impl Garbled {
    /// What to tell a person.
    pub fn advice(self) -> &'static str {
        match self {
            Garbled::Utf8ReadAsShiftJis => {
                "it looks garbled (文字化け: kana appear as 縺, 繧, 繝): a UTF-8 text was read as Shift_JIS before it was saved; open the original file instead"
            }
            Garbled::ReadAsLatin1 => {
                "it looks garbled (文字化け: Japanese appears as Latin letters such as ã or â€): it was read in a Western encoding before it was saved; open the original file instead"
            }
            Garbled::Replacement => {
                "it holds replacement characters (�): some characters were lost before the file was saved"
            }
        }
    }
}

/// Whether `text` looks garbled, and how.
pub fn garbled(text: &str) -> Option<Garbled> {
    let mut cjk = 0usize;
    let mut sjis_marks = 0usize;
    let mut latin1 = 0usize;
    let mut replacement = 0usize;
    let mut latin_pairs = 0usize;
    let mut prev = '\0';
    for c in text.chars() {
        match c {
            '縺' | '繧' | '繝' => sjis_marks += 1,
            '\u{FFFD}' => replacement += 1,
            '\u{80}'..='\u{FF}' => latin1 += 1,
            _ => {}
        }
        if ('\u{3040}'..='\u{30FF}').contains(&c) || ('\u{4E00}'..='\u{9FFF}').contains(&c) {
            cjk += 1;
        }
        // ã followed by a C1 control or Latin-1 punctuation; â followed by € (from U+2000–U+20FF).
        let after_a = ('\u{80}'..='\u{BF}').contains(&c) || matches!(c, '‚' | 'ƒ' | '€');
        if (prev == 'ã' && after_a) || (prev == 'â' && c == '€') {
            latin_pairs += 1;
        }
        prev = c;
    }
    if sjis_marks >= 3 && sjis_marks * 20 >= cjk {
        return Some(Garbled::Utf8ReadAsShiftJis);
    }
    if latin_pairs >= 3 || (latin1 >= 20 && cjk * 4 < latin1) {
        return Some(Garbled::ReadAsLatin1);
    }
    if replacement > 0 {
        return Some(Garbled::Replacement);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROSE: &str = "日米韓の三か国協力は、北朝鮮の核・ミサイル開発を背景に深まってきた。\
        本稿では、その制度化の過程と課題を、安全保障と経済の両面から検討する。";

    /// `text` as its UTF-8 bytes read one byte per character (Latin-1).
    fn as_latin1(text: &str) -> String {
        text.bytes().map(char::from).collect()
    }

    #[test]
    fn real_prose_is_not_garbled() {
        assert_eq!(garbled(PROSE), None);
        assert_eq!(garbled("Café au lait, naïve façade — résumé, 1990–2000."), None);
        assert_eq!(garbled(""), None);
        assert_eq!(
            garbled("縺 is a rare kanji; one or two do not make a text garbled: 繧."),
            None
        );
    }

    #[test]
    fn utf8_read_as_shift_jis() {
        // 「日米韓の三か国協力は、」 in UTF-8, read as CP932 (what a misconfigured editor saves).
        let garbled_text =
            "譌･邀ｳ髻薙�荳峨°蝗ｽ蜊泌鴨縺ｯ縲√◎縺ｮ蛻ｶ蠎ｦ蛹悶→隱ｲ鬘後ｒ縲∝ｮ牙�菫晞囿縺ｨ邨梧ｸ医�荳｡髱｢縺九ｉ讀懆ｨ弱☆繧九";
        assert_eq!(garbled(garbled_text), Some(Garbled::Utf8ReadAsShiftJis));
    }

    #[cfg(feature = "decode")]
    #[test]
    fn real_mojibake_made_by_a_wrong_decoder() {
        let (as_sjis, _, _) = encoding_rs::SHIFT_JIS.decode(PROSE.as_bytes());
        assert_eq!(garbled(&as_sjis), Some(Garbled::Utf8ReadAsShiftJis), "{as_sjis}");
        let (as_1252, _, _) = encoding_rs::WINDOWS_1252.decode(PROSE.as_bytes());
        assert_eq!(garbled(&as_1252), Some(Garbled::ReadAsLatin1), "{as_1252}");
        let (sjis_bytes, _, _) = encoding_rs::SHIFT_JIS.encode(PROSE);
        let (sjis_as_1252, _, _) = encoding_rs::WINDOWS_1252.decode(&sjis_bytes);
        assert_eq!(garbled(&sjis_as_1252), Some(Garbled::ReadAsLatin1), "{sjis_as_1252}");
    }

    #[test]
    fn read_as_latin1() {
        assert_eq!(garbled(&as_latin1(PROSE)), Some(Garbled::ReadAsLatin1));
        assert_eq!(
            garbled("Itâ€™s â€œquotedâ€\u{9d} â€” thrice"),
            Some(Garbled::ReadAsLatin1)
        );
    }

    #[test]
    fn replacement_characters() {
        assert_eq!(garbled("本文\u{FFFD}です"), Some(Garbled::Replacement));
    }
}
