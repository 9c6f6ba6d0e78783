//! How should text be compared? Folding for matching, computed beside the display text.
//!
//! [`fold`]: NFKC (full/half width, compatibility forms such as `ﬁ`, circled digits), then
//! lower-case Latin. [`match_key`]: `fold` plus the Japanese spelling variants themes match
//! across (the counter か in `三か国`/`3カ国`/`三ヶ国`, kanji numerals that count, middle dots and
//! spaces inside words, old kanji forms). The reader always shows the source's characters;
//! folded text is only for matching, and maps back to source offsets.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::text::numerals::{
    is_counted_after_ka, is_counter_kana, kanji_digit_value, kanji_unit_value, numeral_counter_follows,
};

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

/// Match keys: [`fold`] plus the Japanese spelling variants a reader takes for the same word.
///
/// On top of NFKC and lower case, the key
/// - folds old (kyūjitai) and variant kanji to their common forms (`國→国`, `戰→戦`, `彈→弾`,
///   `龍→竜`, `髙→高`…; the table is [`KANJI_VARIANTS`]);
/// - drops middle dots and spaces inside words: `キャンプ・デービッド` = `キャンプデービッド` =
///   `キャンプ デービッド`, `日・米・韓` = `日米韓`, `2024 年` = `2024年`; a space between two Latin
///   words or numbers stays (one space: `north korea`); a dash between katakana becomes `ー`, and
///   a double hyphen there (`ジャン＝ポール`) is dropped;
/// - writes kanji numerals as digits where they count something: before a counter (`三か国`,
///   `五回`, `六者`, `二国間`, `一つ`, `三段階`…) or after `第` (`第五回` = `第5回`), so
///   `三か国` = `3カ国` = `三ヶ国` = `3ヵ国` (`3か国`). Numerals inside words stay: `統一`, `唯一`,
///   `一部`, `十分`, `三国`, `四国`, `万一` (a lone `一` right after another kanji is never a
///   count: `統一か国家か`); `第三国` becomes `第3国`, never `3か国`;
/// - folds the counter kana `か カ ヶ ケ ヵ 箇` to `か` between a numeral (or `数 何 幾`) and a
///   counted noun (`国 所 月 年 条`…).
///
/// `source_offsets` maps every byte of the key back to the source character it came from (a
/// numeral run maps digit by digit, its last digit to its last kanji), so a match in the key
/// can be turned back into source text with [`Folded::source_span`].
pub fn match_key(s: &str) -> Folded {
    let folded = fold_with_map(s);
    // 1. Per character: kanji variants; kana + a separate voiced mark (half-width ｶﾞ) composed.
    let mut chars: Vec<(char, usize)> = Vec::with_capacity(folded.text.len() / 2 + 1);
    for (i, c) in folded.text.char_indices() {
        let src = folded.source_offsets[i];
        if c == '\u{3099}' || c == '\u{309A}' {
            if let Some(last) = chars.last_mut() {
                if let Some(composed) = unicode_normalization::char::compose(last.0, c) {
                    last.0 = composed;
                    continue;
                }
            }
        }
        chars.push((kanji_variant(c), src));
    }
    // 2. Separators: spaces and middle dots inside words, dashes inside katakana.
    let mut spaced: Vec<(char, usize)> = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let (c, src) = chars[i];
        if c.is_whitespace() || is_word_dot(c) {
            let mut j = i;
            let mut has_dot = false;
            while j < chars.len() && (chars[j].0.is_whitespace() || is_word_dot(chars[j].0)) {
                has_dot |= is_word_dot(chars[j].0);
                j += 1;
            }
            let prev = spaced.last().map(|&(p, _)| p);
            let next = chars.get(j).map(|&(n, _)| n);
            if let (Some(p), Some(n)) = (prev, next) {
                if has_dot {
                    if !(is_word_char(p) && is_word_char(n)) {
                        spaced.extend(chars[i..j].iter().filter(|(d, _)| is_word_dot(*d)).copied());
                    }
                } else if !(is_cjk(p) || is_cjk(n)) {
                    spaced.push((' ', src));
                }
            }
            i = j;
            continue;
        }
        let in_katakana = spaced.last().is_some_and(|&(p, _)| is_katakana(p))
            && chars.get(i + 1).is_some_and(|&(n, _)| is_katakana(n));
        if in_katakana && is_dash(c) {
            spaced.push(('ー', src));
        } else if in_katakana && matches!(c, '=' | '゠') {
            // ジャン＝ポール: a double hyphen joins the parts of a name, like a middle dot.
        } else {
            spaced.push((c, src));
        }
        i += 1;
    }
    // 3. Numerals and counters.
    let mut text = String::with_capacity(spaced.len() * 3);
    let mut map = Vec::with_capacity(spaced.len() * 3 + 1);
    let mut push = |text: &mut String, c: char, src: usize| {
        let before = text.len();
        text.push(c);
        map.extend(std::iter::repeat_n(src, text.len() - before));
    };
    let mut i = 0;
    while i < spaced.len() {
        let (c, src) = spaced[i];
        if is_kanji_digit(c) {
            let mut j = i + 1;
            while j < spaced.len() && (is_kanji_digit(spaced[j].0) || is_kanji_myriad(spaced[j].0)) {
                j += 1;
            }
            let prev = if i > 0 { Some(spaced[i - 1].0) } else { None };
            let run = &spaced[i..j];
            // A lone 一 after another kanji is part of a word (統一, 唯一, 同一, 単一…), even
            // before か国 (統一か国家か).
            let in_word = run.len() == 1
                && run[0].0 == '一'
                && prev.is_some_and(|p| p != '第' && !is_kanji_digit(p) && is_kanji(p));
            let digits = if prev == Some('第') || (!in_word && counter_follows(&spaced[j..])) {
                kanji_run_to_digits(run)
            } else {
                None
            };
            match digits {
                Some(out) => {
                    for (d, src) in out {
                        push(&mut text, d, src);
                    }
                }
                None => {
                    for &(d, src) in run {
                        push(&mut text, d, src);
                    }
                }
            }
            i = j;
            continue;
        }
        if is_counter_kana(c)
            && text.chars().next_back().is_some_and(is_numeral_before_counter)
            && spaced.get(i + 1).is_some_and(|&(n, _)| is_counted_after_ka(n))
        {
            push(&mut text, 'か', src);
        } else {
            push(&mut text, c, src);
        }
        i += 1;
    }
    map.push(s.len());
    Folded {
        text,
        source_offsets: map,
    }
}

impl Folded {
    /// The source byte range of a byte range of a key made by [`match_key`]: from the source
    /// character of the first key character to the end of the source character(s) of the last
    /// one, without the spaces and middle dots the key dropped after it. For a non-empty range
    /// on key character boundaries the result is non-empty and on source character boundaries.
    pub fn source_span(&self, source: &str, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
        let r = self.source_range(range.clone());
        if range.is_empty() || r.end > source.len() || !source.is_char_boundary(r.start) {
            let start = r.start.min(source.len());
            return start..start;
        }
        let last = self.source_offsets.get(range.end - 1).copied().unwrap_or(r.start);
        let first_end = source
            .get(last..)
            .and_then(|t| t.chars().next())
            .map_or(r.end, |c| last + c.len_utf8());
        let mut end = r.end;
        while end > first_end {
            match source[..end].chars().next_back() {
                Some(c) if c.is_whitespace() || is_word_dot(fold_char(c)) => end -= c.len_utf8(),
                _ => break,
            }
        }
        r.start..end
    }
}

/// Old (kyūjitai) and variant kanji → the form Japanese text commonly uses today, sorted by the
/// first character. Data, not code: a pair belongs here when both forms mean the same word in
/// running text (`國際` = `国際`, `崔龍海` = `崔竜海`, `強靭` = `強靱`). No crate is used: the
/// Rust ones found (`kanji_processor` 0.0.11: 235 KB of tables, regex + indexmap + serde_json,
/// panics at start-up by design, edition 2024 above our rust-version; `opencc-rust`: C++
/// OpenCC bindings that do not build for wasm32) cost far more than this table in the browser,
/// and compatibility ideographs (`U+F900…`) are already folded by NFKC.
#[rustfmt::skip]
pub const KANJI_VARIANTS: &[(char, char)] = &[
    ('乘', '乗'), ('亂', '乱'), ('亞', '亜'), ('佛', '仏'), ('來', '来'), ('假', '仮'), ('傳', '伝'), ('價', '価'), ('兒', '児'), ('內', '内'),
    ('兩', '両'), ('劃', '画'), ('勞', '労'), ('勵', '励'), ('區', '区'), ('卷', '巻'), ('卽', '即'), ('參', '参'), ('嚴', '厳'), ('圈', '圏'),
    ('國', '国'), ('圍', '囲'), ('圓', '円'), ('圖', '図'), ('團', '団'), ('增', '増'), ('壓', '圧'), ('壘', '塁'), ('學', '学'), ('實', '実'),
    ('寶', '宝'), ('將', '将'), ('專', '専'), ('對', '対'), ('嶋', '島'), ('廢', '廃'), ('廣', '広'), ('彈', '弾'), ('從', '従'), ('德', '徳'),
    ('恆', '恒'), ('悅', '悦'), ('惠', '恵'), ('惡', '悪'), ('應', '応'), ('戰', '戦'), ('戲', '戯'), ('拂', '払'), ('拔', '抜'), ('搖', '揺'),
    ('擇', '択'), ('擊', '撃'), ('擔', '担'), ('據', '拠'), ('擧', '挙'), ('擴', '拡'), ('收', '収'), ('效', '効'), ('敎', '教'), ('數', '数'),
    ('曾', '曽'), ('會', '会'), ('條', '条'), ('榮', '栄'), ('樣', '様'), ('檢', '検'), ('權', '権'), ('歐', '欧'), ('步', '歩'), ('歷', '歴'),
    ('歸', '帰'), ('殘', '残'), ('氣', '気'), ('涉', '渉'), ('淸', '清'), ('溫', '温'), ('滿', '満'), ('澤', '沢'), ('濟', '済'), ('濱', '浜'),
    ('灣', '湾'), ('營', '営'), ('爭', '争'), ('犧', '犠'), ('狀', '状'), ('獨', '独'), ('獻', '献'), ('瓣', '弁'), ('畫', '画'), ('當', '当'),
    ('發', '発'), ('盡', '尽'), ('眞', '真'), ('硏', '研'), ('祕', '秘'), ('禦', '御'), ('禮', '礼'), ('稅', '税'), ('絲', '糸'), ('經', '経'),
    ('縣', '県'), ('總', '総'), ('繼', '継'), ('續', '続'), ('聯', '連'), ('聲', '声'), ('聽', '聴'), ('臟', '臓'), ('臺', '台'), ('與', '与'),
    ('舊', '旧'), ('萬', '万'), ('藏', '蔵'), ('藝', '芸'), ('處', '処'), ('號', '号'), ('衞', '衛'), ('裝', '装'), ('覺', '覚'), ('觀', '観'),
    ('觸', '触'), ('說', '説'), ('證', '証'), ('譯', '訳'), ('譽', '誉'), ('讀', '読'), ('變', '変'), ('讓', '譲'), ('豐', '豊'), ('豫', '予'),
    ('賣', '売'), ('賴', '頼'), ('輕', '軽'), ('轉', '転'), ('辨', '弁'), ('辭', '辞'), ('辯', '弁'), ('遲', '遅'), ('邉', '辺'), ('邊', '辺'),
    ('醫', '医'), ('釋', '釈'), ('錄', '録'), ('鎭', '鎮'), ('鐵', '鉄'), ('關', '関'), ('隨', '随'), ('險', '険'), ('隱', '隠'), ('雜', '雑'),
    ('靈', '霊'), ('靑', '青'), ('靜', '静'), ('靭', '靱'), ('顯', '顕'), ('驅', '駆'), ('驗', '験'), ('驛', '駅'), ('體', '体'), ('髙', '高'),
    ('鬪', '闘'), ('鬭', '闘'), ('黑', '黒'), ('默', '黙'), ('黨', '党'), ('齊', '斉'), ('齋', '斎'), ('齒', '歯'), ('齡', '齢'), ('龍', '竜'),
    ('﨑', '崎'),
];

/// One bit per `char % 1024` of the old forms in [`KANJI_VARIANTS`]: most kanji skip the search.
const KANJI_VARIANT_FILTER: [u64; 16] = {
    let mut bits = [0u64; 16];
    let mut i = 0;
    while i < KANJI_VARIANTS.len() {
        let low = KANJI_VARIANTS[i].0 as usize % 1024;
        bits[low / 64] |= 1 << (low % 64);
        i += 1;
    }
    bits
};

fn kanji_variant(c: char) -> char {
    let low = c as usize % 1024;
    if c < '\u{4E00}' || KANJI_VARIANT_FILTER[low / 64] & (1 << (low % 64)) == 0 {
        return c;
    }
    match KANJI_VARIANTS.binary_search_by_key(&c, |&(old, _)| old) {
        Ok(i) => KANJI_VARIANTS[i].1,
        Err(_) => c,
    }
}

/// One character folded as [`fold`] would (for checks on source characters).
fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let mut it = std::iter::once(c).nfkc();
    match (it.next(), it.next()) {
        (Some(f), None) => f,
        _ => c,
    }
}

/// Middle dots (and katakana double hyphens) that join the parts of a name or a list of words.
fn is_word_dot(c: char) -> bool {
    matches!(c, '・' | '·' | '‧' | '∙')
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑' | '−' | '–' | '—' | '―' | '─')
}

fn is_katakana(c: char) -> bool {
    matches!(c, '\u{30A1}'..='\u{30FA}' | 'ー')
}

/// Letters, digits, kana, kanji: what a middle dot may sit between inside a word.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '々' | '〆')
}

fn is_kanji(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3FFFF}' | '々')
}

/// Characters of scripts written without spaces between words (and their punctuation).
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{2FDF}' | '\u{3000}'..='\u{30FF}' | '\u{3190}'..='\u{31FF}' | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FE30}'..='\u{FE4F}' | '\u{FF00}'..='\u{FFEF}'
        | '\u{20000}'..='\u{3FFFF}')
}

/// A character that can start or continue a kanji numeral: `〇一…九十百千`.
fn is_kanji_digit(c: char) -> bool {
    c != '零' && (kanji_digit_value(c).is_some() || kanji_unit_value(c).is_some())
}

/// `万` and `億` inside a numeral run (never at its start: `万一` is not a number). They are
/// kept as they are (`一万人` → `1万人`, as the text writes `1万人`).
fn is_kanji_myriad(c: char) -> bool {
    matches!(c, '万' | '億')
}

/// What may precede a counter kana for it to be the counter `か`.
fn is_numeral_before_counter(c: char) -> bool {
    c.is_ascii_digit() || is_kanji_digit(c) || matches!(c, '数' | '何' | '幾')
}

/// Whether a counter (or a counter kana and its noun) comes next.
fn counter_follows(rest: &[(char, usize)]) -> bool {
    let mut it = rest.iter().map(|&(c, _)| c);
    let (Some(a), b) = (it.next(), it.next()) else {
        return false;
    };
    if is_counter_kana(a) {
        return b.is_some_and(is_counted_after_ka);
    }
    numeral_counter_follows(a, b)
}

/// A kanji numeral run as digits, each mapped to a source offset; `None` if it is not a
/// well-formed number (then it stays as written).
fn kanji_run_to_digits(run: &[(char, usize)]) -> Option<Vec<(char, usize)>> {
    let mut out = Vec::with_capacity(run.len() + 3);
    for segment in run.split_inclusive(|&(c, _)| is_kanji_myriad(c)) {
        let (digits, myriad) = match segment.last() {
            Some(&(m, src)) if is_kanji_myriad(m) => (&segment[..segment.len() - 1], Some((m, src))),
            _ => (segment, None),
        };
        if !digits.is_empty() {
            let number = kanji_number(digits)?;
            let n = number.len();
            for (k, d) in number.chars().enumerate() {
                let at = if k + 1 == n {
                    digits.len() - 1
                } else {
                    k.min(digits.len() - 1)
                };
                out.push((d, digits[at].1));
            }
        } else if myriad.is_some() {
            return None;
        }
        out.extend(myriad);
    }
    Some(out)
}

/// `二〇二四` → `2024` (positional), `二千二十四` → `2024`, `十` → `10`, `百五` → `105`.
fn kanji_number(digits: &[(char, usize)]) -> Option<String> {
    if digits.iter().all(|&(c, _)| kanji_digit_value(c).is_some()) {
        return digits
            .iter()
            .map(|&(c, _)| kanji_digit_value(c).and_then(|v| char::from_digit(v as u32, 10)))
            .collect();
    }
    let mut total = 0u64;
    let mut digit: Option<u64> = None;
    let mut last_unit = u64::MAX;
    for &(c, _) in digits {
        if let Some(v) = kanji_digit_value(c) {
            if digit.is_some() {
                return None;
            }
            digit = Some(v);
        } else {
            let unit = kanji_unit_value(c)?;
            if unit >= last_unit || digit == Some(0) {
                return None;
            }
            total += digit.unwrap_or(1) * unit;
            digit = None;
            last_unit = unit;
        }
    }
    Some((total + digit.unwrap_or(0)).to_string())
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
