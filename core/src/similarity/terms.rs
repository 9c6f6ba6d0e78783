//! Which terms does a document use, and which are its own? Dictionary-free segmentation into
//! candidate terms, per-document counts and a distinctiveness ranking.
//!
//! Segmentation sits behind the small [`Segmenter`] trait so a heavier analyser could be swapped
//! in without touching the ranking or the alignment ([`crate::similarity::align`]). The default, [`ScriptRuns`],
//! cuts text at script changes (see its docs for the rules).
//!
//! # How the segmentation was chosen (measured on the five default essays)
//!
//! Measurements made before the project started compared the candidates for the browser: dictionary analysers
//! (Lindera, Vibrato, charabia with IPADIC) cost 3.7–10.6 MB gzipped in wasm and still need a
//! noun-joining step to keep 拡大抑止協議 whole; dictionary-free script runs cost ~15 KB. This
//! module is script runs, with no new dependency. What remained to decide was which script
//! transitions join, and whether the parts of a joined compound count too. Three variants, on
//! the default corpus (`cargo bench -p yomikurabe-core --bench terms` prints the lists):
//!
//! | variant | distinct terms | the 7 compounds found as terms | top-20 key terms agreeing with a UniDic baseline | top-20 shared with the default |
//! | --- | --- | --- | --- | --- |
//! | kanji+katakana+Latin joined, katakana/Latin parts nested (**default**) | 2,937 | 7 of 7; キャンプ・デービッド 11× in 4 documents | 81 of 100 | — |
//! | joined, no parts | 2,866 | 7 of 7, but キャンプ・デービッド only 2× in 2 documents (the rest sits inside キャンプ・デービッド首脳会談, 〜原則, 〜共同宣言) | 83 of 100 | 94 of 100 |
//! | each script its own run | 2,765 | 5 of 7 (多国間制裁監視 + チーム, インド + 太平洋) | 62 of 100 | 73 of 100 |
//!
//! The baseline: fugashi 1.5.2 + unidic-lite 1.0.8 (MeCab with UniDic, from PyPI, run outside
//! the tree on the passages of `yomikurabe export`), consecutive nouns, prefixes and noun
//! suffixes joined (・ only between katakana), hiragana-only nouns dropped, then the same
//! filters, stop list, numeral keys and ranking as here; overlap of the top 20 per document over
//! the 5 documents. Most of the remaining differences are the baseline's own choices: it glues
//! digits and Latin to the noun before (決議2321, トランプII), splits ADMM-Plus, keeps
//! 日米韓三か国 as one term where this module cuts the count off (日米韓 + 3か国), and runs
//! across numerals (日韓国交正常化60周年).
//!
//! Chosen: joined, with nested parts. Joining is what keeps the compounds whole (+19 agreement
//! over unjoined runs). Parts cost 2 points of agreement but count a name wherever it occurs, as
//! a theme made from the term will match it (キャンプ・デービッド 11 times in 4 documents,
//! トランプ 71 times in 5), and give the alignment shared names; nested occurrences count half in
//! the ranking ([`key_terms`]) so the compounds stay on top.
//!
//! Cost: wasm32 (opt-level z, LTO, no wasm-opt) +89 KB raw / +30 KB gzipped for segmentation,
//! key terms and alignment together, over the parser alone. Time on the default corpus (50,000
//! characters, 237 passages), native: segmentation 2.5 ms (20M characters/s), key terms and the
//! alignment index from one segmentation ([`crate::similarity::align::analyse`]) 7 ms, `align_all` 1.5 ms,
//! one `related` query 3 µs; in wasm (the same build, Node 20) `analyse` + `align_all` took
//! 8–20 ms on this busy 2-core machine.
//!
//! Weak spots (by construction, no dictionary): a kanji run cannot be split into its parts
//! (国連安保理 inside 国連安保理決議, 日米韓外交 stays one term, 拡大抑止 inside 拡大抑止委員会 is
//! not counted); a word written as one kanji plus kana disappears (見直し); katakana
//! enumerations joined by ・ (ロシア・ウクライナ) look like one name; a kanji numeral directly
//! before 国 is read as a count (四国 → key `4か国`); the stop list is a short list of generic
//! words, and the IDF over a handful of documents is weak, so corpus-wide words (中国, 協力,
//! 対話) rank high among shared terms.

use crate::model::{Corpus, PassageKind};
use crate::text::normalize::fold;
use crate::text::numerals::{is_counter_kana, is_direct_counter, is_kanji_numeral, is_measure, kanji_number};
use std::collections::HashSet;
use std::hash::BuildHasherDefault;
use std::ops::Range;
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

/// One candidate term found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermSpan {
    /// Byte range of the term in the text given to the segmenter (on `char` boundaries).
    pub range: Range<usize>,
    /// The comparison key: variant spellings of one term share it (see [`term_key`]).
    pub key: String,
}

/// Splits text into candidate terms. Implementations push spans in order of their start; a span
/// may be nested in the one before it (a part of a compound, reported after the compound), and
/// counts then as a nested occurrence (see [`key_terms`]). Spans never cross otherwise.
pub trait Segmenter {
    /// Append the terms of `text` to `out`.
    fn terms(&self, text: &str, out: &mut Vec<TermSpan>);
}

/// The comparison key of a term: [`fold`] (NFKC, lower case) with middle dots and spaces
/// removed, so キャンプ・デービッド, キャンプデービッド and ｷｬﾝﾌﾟ･ﾃﾞｰﾋﾞｯﾄﾞ share one key.
pub fn term_key(surface: &str) -> String {
    // Fast path: kanji, full-width katakana and hiragana are left as they are by `fold`.
    if surface
        .chars()
        .all(|c| matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FA}' | 'ー' | '・'))
    {
        return surface.chars().filter(|&c| c != '・').collect();
    }
    let mut key = fold(surface);
    key.retain(|c| !matches!(c, '・' | ' ' | '\u{3000}' | '\u{00B7}'));
    if key.contains(['\u{3099}', '\u{309A}']) {
        // Half-width ﾌﾟ folds to フ + a combining mark; compose it (プ).
        key = key.nfc().collect();
    }
    key
}

/// Dictionary-free segmentation by script runs.
///
/// - A term is a run of kanji, katakana (with ー, and ・ between katakana: キャンプ・デービッド)
///   and Latin letters with digits (NCG, ICBM, G7, ADMM-Plus); hiragana, punctuation and spaces
///   are boundaries, so 北朝鮮の gives 北朝鮮.
/// - With `join_scripts`, touching kanji, katakana and Latin runs are one term
///   (多国間制裁監視チーム, インド太平洋, トランプII政権, MSMT運営委員会), and so are digits
///   that continue a katakana word (トラック2, トラック1.5). Without it each script is a run
///   of its own.
/// - With `parts`, the katakana and Latin runs inside such a compound are reported too, nested
///   in it (キャンプ・デービッド inside キャンプ・デービッド共同宣言, トランプ inside トランプ政権,
///   MSMT inside MSMT運営委員会), so a name is counted wherever it occurs, as a theme made of it
///   would match. Kanji parts are not (that needs a dictionary; they are mostly generic heads
///   such as 大統領, 政権).
/// - Numerals: digits, or kanji numerals before a counter (三か国, 3カ国, 三ヶ国, 三国, 五回,
///   六者), become Arabic digits in the key, and か/カ/ヶ/ヵ/ケ/箇 (or none) before 国 becomes
///   か, so all of those give `3か国`. Kanji after the counter belong to the term (3カ国協力,
///   五回核実験 → `5回核実験`); a leading 第 is kept in the text but not in the key. Dates and
///   measures (2024年, 11月, 10万人, 数か月) are not terms, nor are bare numbers; a kanji
///   numeral inside an ordinary word stays (一帯一路, 統一, 十分 is a stop word).
/// - Dropped: one-character terms, URLs, a short stop list of generic words ([`is_stop_word`]);
///   a trailing 氏 is cut (トランプ氏 → トランプ).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScriptRuns {
    /// Join touching kanji, katakana and Latin runs into one term (default `true`).
    pub join_scripts: bool,
    /// Also report the katakana and Latin runs inside a joined compound (default `true`).
    pub parts: bool,
    /// Drop generic words in [`is_stop_word`] (default `true`).
    pub stop_words: bool,
}

impl Default for ScriptRuns {
    fn default() -> Self {
        ScriptRuns {
            join_scripts: true,
            parts: true,
            stop_words: true,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Kanji,
    Kata,
    Latin,
    Digit,
    Hira,
    Dot,
    Other,
}

fn class(c: char) -> Class {
    match c {
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FA1F}'
        | '々'
        | '〆'
        | '〇'
        | 'ヶ' => Class::Kanji,
        '・' | '･' => Class::Dot,
        '\u{30A1}'..='\u{30FA}' | 'ー' | 'ヽ' | 'ヾ' | '\u{31F0}'..='\u{31FF}' | '\u{FF66}'..='\u{FF9F}' => {
            Class::Kata
        }
        'a'..='z' | 'A'..='Z' | 'ａ'..='ｚ' | 'Ａ'..='Ｚ' | 'À'..='ɏ' => Class::Latin,
        '0'..='9' | '０'..='９' => Class::Digit,
        '\u{3041}'..='\u{309F}' => Class::Hira,
        _ => Class::Other,
    }
}

/// A kanji numeral or 数 (数か国).
fn is_numeral_char(c: char) -> bool {
    is_kanji_numeral(c) || c == '数'
}

/// Generic words (space-separated) that a script-run segmenter finds everywhere and that say nothing about what a
/// text is about. Kept short on purpose: the ranking's IDF does the rest. General Japanese
/// vocabulary only, nothing taken from particular documents.
const STOP_WORDS: &[&str] = &[
    // evaluation, necessity, degree
    "問題 関係 安全 必要 重要 可能 可能性 必要性 重要性 十分 程度 以上 以下 以外 以降 以来 一方",
    "他方 一部 全体 自体 自身 同様 様々",
    // time
    "現在 今後 今回 前回 当時 時期 時点 最近 近年 今日 昨年 今年 来年 同年 毎年 当初 最初 最後 将来",
    "過去 従来 現状 今般 同日 翌日 翌年 前年",
    // era names (almost always part of a date)
    "令和 平成 昭和 大正 明治",
    // discourse
    "場合 状況 結果 理由 意味 内容 方向 方法 目的 対象 事実 事態 観点 視点 側面 要因 背景 前提 傾向",
    "形態 部分 中心 一環 一定 特定 具体 具体的 基本 基本的 実際 本来 非常 相互 双方 両国 各国 他国",
    "自国 我々 彼ら 筆者 本稿 本章 本書 同氏 同国 当該 上記 下記 前述 後述 以前 一連 一致",
    // vague verbal nouns
    "指摘 主張 議論 検討 理解 認識 説明 言及 発言 表明 強調 期待 懸念 評価 判断 考慮 重視 存在 発生",
    "変化 影響 対応 活用 利用 使用 実施 実現 維持 確保 推進 強化 拡大 継続 開始 終了 参加 提供 提示",
    "確認 決定 採択 成功 失敗 増加 減少 向上 展開 形成 構築 発展 促進 取組 役割 立場 姿勢 能力 努力",
    "機会 課題 目標 手段 方針 措置 動向 改善 設立 寄与 進展 貢献",
    // katakana generics
    "レベル ケース プロセス ポイント テーマ タイプ ページ",
    // Latin function words and URL debris
    "the of and in on to for an is are was were be by with at from as or it its this that not no",
    "vol pp ed eds et al http https www com org html htm pdf jp go ac ii iii iv",
];

/// Whether `key` (a [`term_key`]) is on the stop list of generic words.
pub fn is_stop_word(key: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str, BuildHasherDefault<FxHasher>>> = OnceLock::new();
    SET.get_or_init(|| STOP_WORDS.iter().flat_map(|line| line.split(' ')).collect())
        .contains(key)
}

/// A character of the text with its byte offset and class.
#[derive(Clone, Copy)]
struct Ch {
    at: usize,
    c: char,
    class: Class,
}

impl ScriptRuns {
    /// Each script its own run, no parts (a measured alternative).
    pub fn unjoined() -> Self {
        ScriptRuns {
            join_scripts: false,
            parts: false,
            ..Self::default()
        }
    }

    /// Joined compounds without their parts (a measured alternative).
    pub fn joined_only() -> Self {
        ScriptRuns {
            parts: false,
            ..Self::default()
        }
    }
}

impl Segmenter for ScriptRuns {
    fn terms(&self, text: &str, out: &mut Vec<TermSpan>) {
        let chars: Vec<Ch> = text
            .char_indices()
            .map(|(at, c)| Ch { at, c, class: class(c) })
            .collect();
        let mut run = Run {
            opts: *self,
            text,
            chars: &chars,
            out,
        };
        run.scan();
    }
}

struct Run<'a, 'o> {
    opts: ScriptRuns,
    text: &'a str,
    chars: &'a [Ch],
    out: &'o mut Vec<TermSpan>,
}

impl Run<'_, '_> {
    fn class_at(&self, i: usize) -> Class {
        self.chars.get(i).map_or(Class::Other, |c| c.class)
    }

    fn char_at(&self, i: usize) -> char {
        self.chars.get(i).map_or('\0', |c| c.c)
    }

    fn byte(&self, i: usize) -> usize {
        self.chars.get(i).map_or(self.text.len(), |c| c.at)
    }

    fn scan(&mut self) {
        let n = self.chars.len();
        let mut i = 0;
        while i < n {
            let rest = &self.text[self.byte(i)..];
            if rest.starts_with("http://") || rest.starts_with("https://") || rest.starts_with("www.") {
                while i < n && self.chars[i].c.is_ascii_graphic() {
                    i += 1;
                }
                continue;
            }
            match self.class_at(i) {
                Class::Digit => i = self.digits(i, i),
                Class::Kanji | Class::Kata | Class::Latin => i = self.chunk(i),
                _ => i += 1,
            }
        }
    }

    /// Is there a counter `か`-variant at `i` followed by a kanji?
    fn ka_counter_at(&self, i: usize) -> bool {
        is_counter_kana(self.char_at(i)) && self.class_at(i + 1) == Class::Kanji
    }

    /// End of the run of digits starting at `i` (with `.` or `,` between digits: 1.5, 10,000).
    fn digit_run(&self, i: usize) -> usize {
        let mut i = i;
        let start = i;
        while i < self.chars.len() {
            let c = self.char_at(i);
            if self.class_at(i) == Class::Digit
                || (matches!(c, '.' | ',' | '．' | '，') && i > start && self.class_at(i + 1) == Class::Digit)
            {
                i += 1;
            } else {
                break;
            }
        }
        i
    }

    /// Digits from `num` (the term may start earlier, at `start`, on a 第): a numeral with its
    /// counter and the kanji after it, or a date/measure/bare number that is skipped.
    fn digits(&mut self, start: usize, num: usize) -> usize {
        let i = self.digit_run(num);
        if self.class_at(i) == Class::Latin && start == num {
            return self.chunk(num); // 5G, 3D: a Latin word that starts with digits.
        }
        let digits: String = self.chars[num..i]
            .iter()
            .filter(|c| c.class == Class::Digit)
            .map(|c| c.c)
            .collect();
        let digits = fold(&digits);
        self.counted(start, &digits, i, self.chars.len())
    }

    /// After a numeral (key form `number`, text from `start`, numeral ends before `i`): the
    /// counter and the kanji after it (up to `limit`). Returns where scanning goes on.
    fn counted(&mut self, start: usize, number: &str, i: usize, limit: usize) -> usize {
        let mut i = i;
        let ka = self.ka_counter_at(i);
        if ka {
            i += 1;
        }
        if self.class_at(i) != Class::Kanji {
            return i; // a bare number
        }
        let counter = self.char_at(i);
        i += 1;
        if is_measure(counter) {
            return i; // a date, time or measure
        }
        let rest_start = i;
        while i < limit && self.class_at(i) == Class::Kanji {
            i += 1;
        }
        if counter != '国' && rest_start == i {
            return i; // 4回, 3者: a count, not a term
        }
        let mut key = String::with_capacity(number.len() + 3 * (i - rest_start + 2));
        key.push_str(number);
        if ka || counter == '国' {
            key.push('か');
        }
        key.push(counter);
        key.push_str(&term_key(&self.text[self.byte(rest_start)..self.byte(i)]));
        self.push(start, i, key);
        i
    }

    /// Do the digits at `i` belong to the word before them (トラック2, トラック1.5) rather than
    /// start a count or a date (ミサイル2発, 3月)?
    fn digits_continue_word(&self, i: usize) -> bool {
        let end = self.digit_run(i);
        !(self.ka_counter_at(end) || (self.class_at(end) == Class::Kanji && is_measure(self.char_at(end))))
    }

    /// Does the run that reached `i - 1` go on with the character at `i`?
    fn joins(&self, start: usize, i: usize) -> bool {
        let (prev, cur) = (self.chars[i - 1], self.chars[i]);
        let scripts = self.opts.join_scripts;
        match (prev.class, cur.class) {
            (Class::Kanji, Class::Kanji) | (Class::Kata, Class::Kata) | (Class::Latin, Class::Latin) => true,
            (Class::Latin, Class::Digit) | (Class::Digit, Class::Digit) | (Class::Digit, Class::Latin) => true,
            (Class::Kata, Class::Dot) => self.class_at(i + 1) == Class::Kata,
            (Class::Dot, Class::Kata) => true,
            // ADMM-Plus, F-35
            (Class::Latin | Class::Digit, Class::Other) if cur.c == '-' => {
                matches!(self.class_at(i + 1), Class::Latin | Class::Digit)
                    && self.chars[start..i].iter().any(|c| c.class == Class::Latin)
            }
            (Class::Other, Class::Latin | Class::Digit) if prev.c == '-' => true,
            // トラック1.5
            (Class::Digit, Class::Other) if matches!(cur.c, '.' | '．') => self.class_at(i + 1) == Class::Digit,
            (Class::Other, Class::Digit) if matches!(prev.c, '.' | '．') => true,
            (Class::Kata, Class::Digit) => scripts && self.digits_continue_word(i),
            (Class::Digit, Class::Kanji | Class::Kata) => scripts && !is_measure(cur.c) && !is_counter_kana(cur.c),
            (Class::Kanji | Class::Kata, Class::Latin) | (Class::Latin, Class::Kanji | Class::Kata) => scripts,
            (Class::Kanji, Class::Kata) | (Class::Kata, Class::Kanji) if scripts => true,
            // 三か国, 三カ国: the counter particle between a numeral and its counter.
            (Class::Kanji, Class::Hira) | (Class::Kanji, Class::Kata) => {
                is_numeral_char(prev.c) && self.ka_counter_at(i)
            }
            (Class::Hira, Class::Kanji) | (Class::Kata, Class::Kanji) => {
                is_counter_kana(prev.c) && i >= start + 2 && is_numeral_char(self.chars[i - 2].c)
            }
            _ => false,
        }
    }

    /// A run of kanji, katakana and Latin from `start` (how scripts join: [`ScriptRuns`]), cut
    /// into terms at the numerals inside it.
    fn chunk(&mut self, start: usize) -> usize {
        let n = self.chars.len();
        let mut i = start + 1;
        while i < n && self.joins(start, i) {
            i += 1;
        }
        let end = i;
        // 第 before digits starts a numeral (第2次), it is not part of this run.
        if self.class_at(end) == Class::Digit && self.char_at(end - 1) == '第' {
            self.split_numerals(start, end - 1);
            return self.digits(end - 1, end);
        }
        self.split_numerals(start, end);
        end
    }

    /// Cut a run at the kanji numerals inside it and emit the pieces.
    fn split_numerals(&mut self, start: usize, end: usize) {
        let mut piece = start;
        let mut j = start;
        while j < end {
            let c = self.char_at(j);
            if !is_numeral_char(c) {
                j += 1;
                continue;
            }
            let mut k = j + 1;
            while k < end && c != '数' && is_kanji_numeral(self.char_at(k)) {
                k += 1;
            }
            let after = self.char_at(k);
            let ordinal = j > piece && self.char_at(j - 1) == '第';
            let at_start = j == piece || ordinal;
            let value = if c == '数' {
                None
            } else {
                kanji_number(&self.chars[j..k].iter().map(|c| c.c).collect::<Vec<_>>())
            };
            let ka = k + 1 < end && self.ka_counter_at(k);
            let direct = k < end
                && self.class_at(k) == Class::Kanji
                && value.is_some()
                && match after {
                    // 日米韓三国, 六者会合; but 第三国 and 第三者 are "third party", not counts.
                    '国' | '者' => value != Some(1) && !ordinal,
                    _ if is_direct_counter(after) => value != Some(1) && at_start,
                    _ => is_measure(after) && at_start,
                };
            if !(ka || direct) {
                j = k;
                continue;
            }
            let term_start = if ordinal { j - 1 } else { j };
            self.emit_plain(piece, term_start);
            let number = value.map_or_else(|| "数".to_string(), |v| v.to_string());
            let resume = self.counted(term_start, &number, k, end);
            piece = resume;
            j = resume;
        }
        self.emit_plain(piece, end);
    }

    /// Emit chars `[a, b)` as one term if it is one (trimmed, filtered), then its katakana and
    /// Latin parts if it mixes scripts.
    fn emit_plain(&mut self, a: usize, b: usize) {
        let (mut a, mut b) = (a, b);
        while a < b && matches!(self.char_at(a), 'ー' | 'ｰ' | '・' | '･' | '-' | '.' | '．') {
            a += 1;
        }
        while b > a && matches!(self.char_at(b - 1), '・' | '･' | '-' | '.' | '．') {
            b -= 1;
        }
        if b > a + 1 && self.char_at(b - 1) == '氏' {
            b -= 1;
        }
        if let Some(key) = self.key_of(a, b) {
            self.push(a, b, key);
        }
        if !self.opts.parts || b <= a {
            return;
        }
        let first = self.part_class(self.chars[a].class);
        if (a..b).all(|i| self.part_class(self.chars[i].class) == first) {
            return;
        }
        let mut i = a;
        while i < b {
            let class = self.part_class(self.chars[i].class);
            let s = i;
            while i < b && self.part_class(self.chars[i].class) == class {
                i += 1;
            }
            if matches!(class, Class::Kata | Class::Latin) {
                let (mut s, mut e) = (s, i);
                while s < e && !matches!(self.class_at(s), Class::Kata | Class::Latin) {
                    s += 1;
                }
                while e > s && !matches!(self.class_at(e - 1), Class::Kata | Class::Latin | Class::Digit) {
                    e -= 1;
                }
                // A short katakana piece inside a compound is rarely a word of its own (南シナ海).
                let long_enough = class == Class::Latin || e >= s + 3;
                if let Some(key) = self.key_of(s, e).filter(|_| long_enough) {
                    self.push(s, e, key);
                }
            }
        }
    }

    /// The script a character counts for when a compound is cut into parts: ・ goes with
    /// katakana, digits and `-` with Latin (inside a compound, digits only follow Latin or
    /// katakana: トラック2 is cut as トラック|2).
    fn part_class(&self, class: Class) -> Class {
        match class {
            Class::Dot => Class::Kata,
            Class::Digit | Class::Other => Class::Latin,
            c => c,
        }
    }

    /// The key of chars `[a, b)` if they make a term (length, not a number, not a stop word).
    fn key_of(&self, a: usize, b: usize) -> Option<String> {
        if b < a + 2 {
            return None;
        }
        let key = term_key(&self.text[self.byte(a)..self.byte(b)]);
        let junk = key.chars().nth(1).is_none()
            || key.chars().all(|c| c.is_ascii_digit() || c == '-' || c == 'ー')
            || (self.opts.stop_words && is_stop_word(&key));
        (!junk).then_some(key)
    }

    fn push(&mut self, a: usize, b: usize, key: String) {
        self.out.push(TermSpan {
            range: self.byte(a)..self.byte(b),
            key,
        });
    }
}

/// Passages whose terms count: everything but byline/affiliation/date lines.
pub(crate) fn counts_for_terms(kind: PassageKind) -> bool {
    kind != PassageKind::Meta
}

pub(crate) use crate::text::hash::{FxHasher, FxMap};

/// A corpus cut into terms once, shared by [`key_terms`] and the alignment index.
#[derive(Debug, Default)]
pub(crate) struct Segmented {
    /// Term id → (key, surface forms with counts, most frequent first).
    pub(crate) terms: Vec<(String, Vec<(String, u32)>)>,
    /// Slot (passages of all documents in order) → (term id, nested in the previous longer
    /// term) in text order. Empty for passages that do not count (byline, date lines).
    pub(crate) passages: Vec<Vec<(u32, bool)>>,
    /// Document index → its first slot.
    pub(crate) starts: Vec<usize>,
}

/// Cut every passage of the corpus into terms.
pub(crate) fn segment_corpus(corpus: &Corpus, seg: &dyn Segmenter) -> Segmented {
    let mut ids: FxMap<String, u32> = FxMap::default();
    let mut terms: Vec<(String, Vec<(String, u32)>)> = Vec::new();
    let mut passages = Vec::new();
    let mut starts = Vec::with_capacity(corpus.documents.len());
    let mut spans = Vec::new();
    for doc in &corpus.documents {
        starts.push(passages.len());
        for p in &doc.passages {
            let mut list = Vec::new();
            if counts_for_terms(p.kind) {
                spans.clear();
                seg.terms(&p.text, &mut spans);
                list.reserve(spans.len());
                let mut outer = 0..0;
                for s in spans.drain(..) {
                    let nested = s.range.start >= outer.start && s.range.end <= outer.end && s.range != outer;
                    if !nested {
                        outer = s.range.clone();
                    }
                    // A span off the text or its char boundaries (a faulty segmenter) is skipped.
                    let Some(surface) = p.text.get(s.range.clone()) else {
                        continue;
                    };
                    let id = match ids.get(&s.key) {
                        Some(&id) => id,
                        None => {
                            let id = terms.len() as u32;
                            terms.push((s.key.clone(), Vec::new()));
                            ids.insert(s.key, id);
                            id
                        }
                    };
                    let forms = &mut terms[id as usize].1;
                    match forms.iter_mut().find(|f| f.0 == surface) {
                        Some(f) => f.1 += 1,
                        None => forms.push((surface.to_string(), 1)),
                    }
                    list.push((id, nested));
                }
            }
            passages.push(list);
        }
    }
    for (_, forms) in &mut terms {
        crate::text::sort::by(forms, |a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    }
    Segmented {
        terms,
        passages,
        starts,
    }
}

/// One term's counts and scores in one document.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TermDoc {
    /// Index of the document in the corpus.
    pub doc: usize,
    /// Occurrences in that document.
    pub count: u32,
    /// How distinctive the term is for that document (higher is more; comparable within a document).
    pub score: f64,
}

/// A term of the corpus.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    /// The comparison key ([`term_key`]).
    pub key: String,
    /// How to show it: the most frequent surface form in the corpus.
    pub display: String,
    /// Every surface form seen, most frequent first, with its count (the variants a theme made
    /// from this term should match).
    pub surfaces: Vec<(String, u32)>,
    /// Per document where it occurs, in document order.
    pub docs: Vec<TermDoc>,
    /// Rank of the term among terms shared by several documents (see [`TermTable::shared_terms`]).
    pub shared_score: f64,
}

impl Term {
    /// Occurrences in document `doc`.
    pub fn count(&self, doc: usize) -> u32 {
        self.per_doc(doc).map_or(0, |d| d.count)
    }

    /// Distinctiveness for document `doc` (0 where it does not occur).
    pub fn score(&self, doc: usize) -> f64 {
        self.per_doc(doc).map_or(0.0, |d| d.score)
    }

    /// Occurrences in the whole corpus.
    pub fn total(&self) -> u32 {
        self.docs.iter().map(|d| d.count).sum()
    }

    fn per_doc(&self, doc: usize) -> Option<&TermDoc> {
        self.docs
            .binary_search_by_key(&doc, |d| d.doc)
            .ok()
            .map(|i| &self.docs[i])
    }
}

/// Key terms of a corpus: every term with its per-document counts and scores.
#[derive(Clone, Default)]
pub struct TermTable {
    /// Document ids, by corpus index.
    pub documents: Vec<String>,
    /// All terms, most frequent in the corpus first (ties by key).
    pub terms: Vec<Term>,
    /// Per document: indices into `terms`, most distinctive first.
    by_doc: Vec<Vec<u32>>,
    /// Indices of terms in ≥ 2 documents, by `shared_score`.
    shared: Vec<u32>,
    /// Key or surface form → term, made on the first [`TermTable::get`] (the pipeline never
    /// asks: on a large corpus, two strings more per term to make and free).
    index: OnceLock<FxMap<String, u32>>,
}

impl PartialEq for TermTable {
    fn eq(&self, other: &Self) -> bool {
        // The index follows from the terms.
        self.documents == other.documents
            && self.terms == other.terms
            && self.by_doc == other.by_doc
            && self.shared == other.shared
    }
}

impl std::fmt::Debug for TermTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TermTable")
            .field("documents", &self.documents)
            .field("terms", &self.terms)
            .field("by_doc", &self.by_doc)
            .field("shared", &self.shared)
            .finish_non_exhaustive()
    }
}

impl TermTable {
    /// The `k` most distinctive terms of document `doc` (by corpus index), best first.
    pub fn top_terms(&self, doc: usize, k: usize) -> Vec<&Term> {
        self.by_doc
            .get(doc)
            .map(|ids| ids.iter().take(k).map(|&i| &self.terms[i as usize]).collect())
            .unwrap_or_default()
    }

    /// Terms that occur in at least `min_docs` (≥ 2) documents, most distinctive first: a term
    /// ranks high when it is frequent in the documents that share it, long (compounds), and not
    /// spread evenly over the whole corpus.
    pub fn shared_terms(&self, min_docs: usize) -> Vec<&Term> {
        let min_docs = min_docs.max(2);
        self.shared
            .iter()
            .map(|&i| &self.terms[i as usize])
            .filter(|t| t.docs.len() >= min_docs)
            .collect()
    }

    /// Key → term, and surface form → the first term (in frequency order) with that form
    /// unless it is another term's key.
    fn make_index(&self) -> FxMap<String, u32> {
        let mut index = FxMap::with_capacity_and_hasher(self.terms.len() * 2, Default::default());
        for (i, t) in self.terms.iter().enumerate() {
            index.insert(t.key.clone(), i as u32);
            for (s, _) in &t.surfaces {
                if !index.contains_key(s) {
                    index.insert(s.clone(), i as u32);
                }
            }
        }
        index
    }

    /// The term with this key or surface form, if the corpus has it.
    pub fn get(&self, term: &str) -> Option<&Term> {
        let index = self.index.get_or_init(|| self.make_index());
        let id = index.get(term).or_else(|| index.get(&term_key(term)))?;
        Some(&self.terms[*id as usize])
    }
}

/// How much an occurrence nested in a longer term (トランプ in トランプ政権) counts towards the
/// rank (not the count): the compound is the term there; the part was mentioned too.
pub const NESTED_WEIGHT: f64 = 0.5;

/// Length factor of the ranking: log of the key length in characters, so compounds outrank
/// their generic parts.
pub(crate) fn length_weight(key: &str) -> f64 {
    (1.0 + key.chars().count() as f64).ln()
}

/// Count and rank the terms of every document (notes included, byline/date lines not).
///
/// The score of term *t* in document *d* is `tf(t,d) × ln(1 + len(t)) × ln(1 + N / df(t))`:
/// frequency, a preference for longer (compound) terms, and a mild IDF over the N documents.
/// JAPANESE.md found this to give better key terms than a C-value ranking, which put generic
/// words (問題, 関係, 安全) on top. In `tf`, an occurrence nested in a longer term (トランプ in
/// トランプ政権) counts [`NESTED_WEIGHT`]; [`Term::count`] counts every occurrence.
///
/// Among terms shared by several documents ([`TermTable::shared_terms`]) the rank is the same
/// score summed over the documents, each frequency scaled to the mean document size so a long
/// document does not decide alone.
pub fn key_terms(corpus: &Corpus, seg: &dyn Segmenter) -> TermTable {
    key_terms_owned(corpus, segment_corpus(corpus, seg))
}

/// [`key_terms`] from a corpus already cut into terms, which stays whole (its strings are copied).
pub(crate) fn key_terms_of(corpus: &Corpus, seg: &Segmented) -> TermTable {
    rank(corpus, &seg.passages, &seg.starts, Strings::Borrowed(&seg.terms))
}

/// [`key_terms`] from a corpus already cut into terms, taking its strings.
pub(crate) fn key_terms_owned(corpus: &Corpus, seg: Segmented) -> TermTable {
    let Segmented {
        terms,
        passages,
        starts,
    } = seg;
    rank(corpus, &passages, &starts, Strings::Owned(terms))
}

/// The keys and surface forms of the terms of a [`Segmented`], lent or given.
enum Strings<'a> {
    Borrowed(&'a [(String, Vec<(String, u32)>)]),
    Owned(Vec<(String, Vec<(String, u32)>)>),
}

impl Strings<'_> {
    fn len(&self) -> usize {
        match self {
            Strings::Borrowed(t) => t.len(),
            Strings::Owned(t) => t.len(),
        }
    }

    fn key(&self, id: u32) -> &str {
        match self {
            Strings::Borrowed(t) => &t[id as usize].0,
            Strings::Owned(t) => &t[id as usize].0,
        }
    }

    /// Term `id`'s key and surface forms (each asked for once).
    fn take(&mut self, id: u32) -> (String, Vec<(String, u32)>) {
        match self {
            Strings::Borrowed(t) => t[id as usize].clone(),
            Strings::Owned(t) => std::mem::take(&mut t[id as usize]),
        }
    }
}

/// Count and rank (see [`key_terms`]). Linear but for the sorts; no per-term lists, no lookups
/// of terms by index inside sorts (on a corpus of megabytes, the cache misses of such lookups
/// cost more than the comparisons).
fn rank(corpus: &Corpus, passages: &[Vec<(u32, bool)>], starts: &[usize], mut strings: Strings<'_>) -> TermTable {
    let ndocs = corpus.documents.len();
    let nterms = strings.len();
    // Per (term, document where it occurs): (term, document, occurrences, of which nested in a
    // longer term), gathered document by document in one pass.
    let mut cells: Vec<(u32, u32, u32, u32)> = Vec::new();
    // Term → (the last document it was seen in, its cell there).
    let mut cell_of = vec![(u32::MAX, 0u32); nterms];
    let mut sizes = vec![0u32; ndocs];
    for (d, size) in sizes.iter_mut().enumerate() {
        let d32 = d as u32;
        let end = starts.get(d + 1).copied().unwrap_or(passages.len());
        for list in &passages[starts[d]..end] {
            *size += list.len() as u32;
            for &(id, nested) in list {
                let at = &mut cell_of[id as usize];
                if at.0 == d32 {
                    let cell = &mut cells[at.1 as usize];
                    cell.2 += 1;
                    cell.3 += nested as u32;
                } else {
                    *at = (d32, cells.len() as u32);
                    cells.push((id, d32, 1, nested as u32));
                }
            }
        }
    }
    drop(cell_of);
    // Grouped by term (a counting sort, stable: each term's documents stay in order).
    let mut first = vec![0u32; nterms + 1];
    for c in &cells {
        first[c.0 as usize + 1] += 1;
    }
    for i in 0..nterms {
        first[i + 1] += first[i];
    }
    let mut next = first.clone();
    let mut by_term = vec![(0u32, 0u32, 0u32); cells.len()];
    for &(id, d, count, nested) in &cells {
        let at = &mut next[id as usize];
        by_term[*at as usize] = (d, count, nested);
        *at += 1;
    }
    drop((cells, next));
    let counts_of = |id: u32| &by_term[first[id as usize] as usize..first[id as usize + 1] as usize];
    // Most frequent first, ties by key: sorted as one integer per term, (total, the key's
    // first bytes, term), so most comparisons touch neither the terms nor their keys; runs
    // that tie on both are then sorted by the whole keys. (The standard sort of plain integers,
    // not `text::sort`: that sorts indices, whose comparisons jump around a large array.)
    let mut order: Vec<u128> = (0..nterms as u32)
        .map(|id| {
            let total: u32 = counts_of(id).iter().map(|c| c.1).sum();
            (u128::from(u32::MAX - total) << 96) | (u128::from(key_prefix(strings.key(id))) << 32) | u128::from(id)
        })
        .collect();
    order.sort_unstable();
    let mut run = 0;
    while run < order.len() {
        let head = order[run] >> 32;
        let end = run + order[run..].iter().take_while(|&&o| o >> 32 == head).count();
        if end - run > 1 {
            crate::text::sort::by(&mut order[run..end], |a, b| {
                strings.key(*a as u32).cmp(strings.key(*b as u32))
            });
        }
        run = end;
    }
    let order: Vec<u32> = order.into_iter().map(|o| o as u32).collect();
    let mut position = vec![0u32; nterms];
    for (i, &id) in order.iter().enumerate() {
        position[id as usize] = i as u32;
    }
    // Document sizes in term occurrences, to compare frequencies across documents of different length.
    let sizes: Vec<f64> = sizes.iter().map(|&n| n.max(1) as f64).collect();
    let mean_size = sizes.iter().sum::<f64>() / ndocs.max(1) as f64;
    let mut terms: Vec<Term> = Vec::with_capacity(nterms);
    let mut scored: Vec<Vec<(f64, u32)>> = vec![Vec::new(); ndocs];
    let mut shared: Vec<(f64, u32)> = Vec::new();
    for id in 0..nterms as u32 {
        let (key, surfaces) = strings.take(id);
        let counts = counts_of(id);
        let at = position[id as usize];
        let idf = (1.0 + ndocs as f64 / counts.len().max(1) as f64).ln();
        let len = length_weight(&key);
        let mut shared_score = 0.0;
        let docs: Vec<TermDoc> = counts
            .iter()
            .map(|&(doc, count, nested)| {
                let doc = doc as usize;
                let tf = (count - nested) as f64 + NESTED_WEIGHT * nested as f64;
                shared_score += tf * mean_size / sizes[doc] * len * idf;
                let score = tf * len * idf;
                scored[doc].push((score, at));
                TermDoc { doc, count, score }
            })
            .collect();
        if docs.len() >= 2 {
            shared.push((shared_score, at));
        }
        terms.push(Term {
            display: surfaces.first().map_or_else(|| key.clone(), |s| s.0.clone()),
            key,
            surfaces,
            docs,
            shared_score,
        });
    }
    drop(strings);
    // In place: a second array of terms would be the largest allocation here.
    crate::text::sort::permute(&mut terms, order);
    // Ties by position: `terms` is sorted by frequency then key.
    let by_doc: Vec<Vec<u32>> = scored
        .into_iter()
        .map(|mut scored| {
            crate::text::sort::by(&mut scored, |a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            scored.into_iter().map(|e| e.1).collect()
        })
        .collect();
    crate::text::sort::by(&mut shared, |a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let shared: Vec<u32> = shared.into_iter().map(|e| e.1).collect();
    TermTable {
        documents: corpus.documents.iter().map(|d| d.id.clone()).collect(),
        terms,
        by_doc,
        shared,
        index: OnceLock::new(),
    }
}

/// The first 8 bytes of `key`, big-endian, zero-padded: ordered as the keys are (equal
/// prefixes leave the order to the whole keys).
fn key_prefix(key: &str) -> u64 {
    let mut bytes = [0u8; 8];
    let n = key.len().min(8);
    bytes[..n].copy_from_slice(&key.as_bytes()[..n]);
    u64::from_be_bytes(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(text: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        ScriptRuns::default().terms(text, &mut out);
        out.into_iter().map(|s| (text[s.range].to_string(), s.key)).collect()
    }

    fn keys(text: &str) -> Vec<String> {
        seg(text).into_iter().map(|s| s.1).collect()
    }

    #[test]
    fn kanji_numbers() {
        assert_eq!(kanji_number(&['三']), Some(3));
        assert_eq!(kanji_number(&['二', '十', '三']), Some(23));
        assert_eq!(kanji_number(&['十', '二']), Some(12));
        assert_eq!(kanji_number(&['二', '〇', '二', '四']), Some(2024));
        assert_eq!(kanji_number(&['百']), Some(100));
    }

    #[test]
    fn stop_words_are_keys_a_term_can_have() {
        for w in STOP_WORDS.iter().flat_map(|l| l.split(' ')) {
            assert_eq!(term_key(w), w, "not a normalised key");
            assert!(w.chars().count() >= 2, "{w}");
            assert!(is_stop_word(w));
        }
        assert!(!is_stop_word("北朝鮮"));
    }

    #[test]
    fn hiragana_ends_a_term() {
        assert_eq!(keys("北朝鮮の核開発"), ["北朝鮮", "核開発"]);
    }

    #[test]
    fn counters_share_one_key() {
        for s in ["三か国", "3カ国", "三ヶ国", "3ヵ国", "３ケ国", "三国"] {
            assert_eq!(keys(&format!("日米韓{s}の")), ["日米韓", "3か国"], "{s}");
        }
        assert_eq!(
            seg("日米韓三か国協力"),
            [
                ("日米韓".into(), "日米韓".into()),
                ("三か国協力".into(), "3か国協力".into())
            ]
        );
        assert_eq!(keys("第五回核実験と5回核実験"), ["5回核実験", "5回核実験"]);
        assert_eq!(seg("第五回核実験")[0].0, "第五回核実験");
    }

    #[test]
    fn dates_and_numbers_are_not_terms() {
        assert!(keys("2024年11月15日に").is_empty());
        assert!(keys("二〇二四年に、１０万人が4回").is_empty());
        assert_eq!(keys("1993年発足の"), ["発足"]);
        assert!(keys("数か月、十分に").is_empty());
    }

    #[test]
    fn ordinary_words_with_numerals_stay_whole() {
        assert_eq!(keys("統一国家と一帯一路"), ["統一国家", "一帯一路"]);
    }
}
