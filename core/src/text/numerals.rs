//! Which numbers count what? The one table of Japanese counters (助数詞) and kanji numerals that
//! normalisation, key terms and footnote detection read, each through its own question:
//!
//! - [`NUMERAL`]: after it a kanji numeral is a count and becomes digits in a match key
//!   (三回 → 3回, 三か国 → 3か国), where 第三国 stays as written;
//! - [`MEASURE`]: a number followed by it is a date, time or measure, not a key term (2024年, 10万人);
//! - [`QUANTITY`]: a number glued to it is an ordinary quantity, never a footnote marker (3月, 5ページ);
//! - [`DIRECT`]: a kanji numeral right before it is a count without か (三国, 五回, 六者);
//! - [`AFTER_KA`]: nouns counted with か (3か国, 5か年, 2か所).

/// See the module docs.
pub const NUMERAL: u8 = 1;
/// See the module docs.
pub const MEASURE: u8 = 2;
/// See the module docs.
pub const QUANTITY: u8 = 4;
/// See the module docs.
pub const DIRECT: u8 = 8;
/// See the module docs.
pub const AFTER_KA: u8 = 16;

/// Every counter with the questions it answers yes to. Multi-character entries are read as a whole
/// by [`numeral_counter_follows`], character by character by [`is_quantity`].
pub const COUNTERS: &[(&str, u8)] = &[
    ("国間", NUMERAL),
    ("段階", NUMERAL),
    ("周年", NUMERAL),
    ("世紀", NUMERAL),
    ("項目", NUMERAL),
    ("回", NUMERAL | QUANTITY | DIRECT),
    ("者", NUMERAL | DIRECT),
    ("度", NUMERAL | MEASURE | QUANTITY),
    ("年", NUMERAL | MEASURE | QUANTITY | AFTER_KA),
    ("月", NUMERAL | MEASURE | QUANTITY | AFTER_KA),
    ("日", NUMERAL | MEASURE | QUANTITY),
    ("人", NUMERAL | MEASURE | QUANTITY),
    ("名", NUMERAL | MEASURE | QUANTITY),
    ("発", NUMERAL | MEASURE | QUANTITY),
    ("基", NUMERAL | MEASURE | QUANTITY),
    ("隻", NUMERAL | MEASURE | QUANTITY),
    ("機", NUMERAL | MEASURE | QUANTITY),
    ("期", NUMERAL | QUANTITY | DIRECT),
    ("次", NUMERAL | QUANTITY | DIRECT),
    ("倍", NUMERAL | MEASURE | QUANTITY),
    ("割", NUMERAL | MEASURE | QUANTITY),
    ("つ", NUMERAL | QUANTITY),
    ("本", NUMERAL | QUANTITY),
    ("点", NUMERAL | MEASURE),
    ("軸", NUMERAL),
    ("歳", NUMERAL | MEASURE | QUANTITY),
    ("条", NUMERAL | MEASURE | QUANTITY | AFTER_KA),
    ("章", NUMERAL | MEASURE | QUANTITY),
    ("節", NUMERAL | MEASURE | QUANTITY),
    ("位", NUMERAL | MEASURE | QUANTITY),
    ("個", NUMERAL | MEASURE | QUANTITY),
    ("数", NUMERAL),
    ("周", MEASURE),
    ("時", MEASURE | QUANTITY),
    ("分", MEASURE | QUANTITY),
    ("秒", MEASURE | QUANTITY),
    ("週", MEASURE),
    ("才", MEASURE),
    ("円", MEASURE | QUANTITY),
    ("件", MEASURE | QUANTITY),
    ("台", MEASURE | QUANTITY),
    ("号", MEASURE | QUANTITY),
    ("項", MEASURE | QUANTITY),
    ("頁", MEASURE | QUANTITY),
    ("部", MEASURE | QUANTITY),
    ("世", MEASURE | QUANTITY),
    ("代", MEASURE | QUANTITY),
    ("万", MEASURE | QUANTITY),
    ("億", MEASURE | QUANTITY),
    ("兆", MEASURE),
    ("千", MEASURE | QUANTITY),
    ("百", MEASURE | QUANTITY),
    ("十", MEASURE | QUANTITY),
    ("％", QUANTITY),
    ("%", QUANTITY),
    ("ペ", QUANTITY),
    ("ー", QUANTITY),
    ("ジ", QUANTITY),
    ("番", QUANTITY),
    ("紀", QUANTITY),
    ("冊", QUANTITY),
    ("枚", QUANTITY),
    ("国", QUANTITY | DIRECT | AFTER_KA),
    ("カ", QUANTITY),
    ("ヶ", QUANTITY),
    ("ヵ", QUANTITY),
    ("か", QUANTITY),
    ("箇", QUANTITY),
    ("ケ", QUANTITY),
    ("所", AFTER_KA),
    ("村", AFTER_KA),
    ("町", AFTER_KA),
    ("寺", AFTER_KA),
    ("店", AFTER_KA),
    ("校", AFTER_KA),
];

fn single(c: char, flag: u8) -> bool {
    COUNTERS
        .iter()
        .any(|&(s, f)| f & flag != 0 && s.chars().eq(std::iter::once(c)))
}

/// A number followed by `c` is a date, a time or a measure (2024年, 3月, 10万人).
pub fn is_measure(c: char) -> bool {
    single(c, MEASURE)
}

/// A kanji numeral before `c` is a count even without か (三国, 五回, 六者, 三次, 二期).
pub fn is_direct_counter(c: char) -> bool {
    single(c, DIRECT)
}

/// Nouns counted with か (`3か国`, `5か年`, `2か所`, `6か月`, `4か条`).
pub fn is_counted_after_ka(c: char) -> bool {
    single(c, AFTER_KA)
}

/// A number glued to `c` is an ordinary quantity, not a footnote number (any character of a
/// [`QUANTITY`] entry, so ページ counts by its ペ).
pub fn is_quantity(c: char) -> bool {
    COUNTERS.iter().any(|&(s, f)| f & QUANTITY != 0 && s.contains(c))
}

/// Whether the characters `a`, `b` start a [`NUMERAL`] counter (`国間` needs both, `回` one).
pub fn numeral_counter_follows(a: char, b: Option<char>) -> bool {
    COUNTERS.iter().any(|&(k, f)| {
        let mut kc = k.chars();
        f & NUMERAL != 0 && kc.next() == Some(a) && kc.next().is_none_or(|k2| Some(k2) == b)
    })
}

/// The counter particle か in its spellings (三か国, 3カ国, 三ヶ国, 3ヵ国, 3ケ国, 三箇国, small and
/// half-width forms).
pub fn is_counter_kana(c: char) -> bool {
    matches!(c, 'か' | 'カ' | 'ヵ' | 'ケ' | 'ヶ' | '箇' | 'ゕ' | 'ゖ' | 'ｶ' | 'ｹ')
}

/// Value of a kanji digit `〇一…九` (also `零`).
pub fn kanji_digit_value(c: char) -> Option<u64> {
    Some(match c {
        '〇' | '零' => 0,
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// Value of a kanji unit `十百千`.
pub fn kanji_unit_value(c: char) -> Option<u64> {
    Some(match c {
        '十' => 10,
        '百' => 100,
        '千' => 1000,
        _ => return None,
    })
}

/// A kanji digit or unit (`〇一…九十百千`, `零`).
pub fn is_kanji_numeral(c: char) -> bool {
    kanji_digit_value(c).is_some() || kanji_unit_value(c).is_some()
}

/// Value of a run of kanji numerals: 三 → 3, 二十三 → 23, 二〇二四 → 2024.
pub fn kanji_number(s: &[char]) -> Option<u64> {
    if s.iter().all(|&c| kanji_digit_value(c).is_some()) {
        return s
            .iter()
            .try_fold(0u64, |n, &c| n.checked_mul(10)?.checked_add(kanji_digit_value(c)?));
    }
    let (mut total, mut digit) = (0u64, None::<u64>);
    for &c in s {
        if let Some(d) = kanji_digit_value(c) {
            if digit.is_some() {
                return None;
            }
            digit = Some(d);
        } else {
            let unit = kanji_unit_value(c)?;
            total = total.checked_add(digit.take().unwrap_or(1).checked_mul(unit)?)?;
        }
    }
    total.checked_add(digit.unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_table_answers_each_question() {
        assert!(is_measure('年') && is_measure('億') && !is_measure('国'));
        assert!(is_direct_counter('国') && !is_direct_counter('年'));
        assert!(is_counted_after_ka('国') && is_counted_after_ka('校'));
        assert!(is_quantity('ペ') && is_quantity('%') && !is_quantity('所'));
        assert!(numeral_counter_follows('国', Some('間')) && !numeral_counter_follows('国', Some('民')));
        assert!(numeral_counter_follows('回', None));
        assert!(is_counter_kana('ヶ') && is_counter_kana('ｶ') && !is_counter_kana('が'));
        assert_eq!(kanji_number(&['二', '十', '三']), Some(23));
        assert_eq!(kanji_number(&['二', '〇', '二', '四']), Some(2024));
        assert_eq!(kanji_number(&['三', '三', '十']), None);
    }
}
