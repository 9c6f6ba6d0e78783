//! What does every acronym mean? Acronym definitions found in the texts themselves, merged
//! across documents, with every use.
//!
//! A definition is a bracket next to an acronym-shaped word (`ABBR`: 2–10 Latin letters and
//! digits, at least two capitals and more capitals than small letters, inner hyphens allowed:
//! `NCG`, `SM-3`, `CBMs`, `ADMM-Plus`). The shapes, with full- or half-width brackets and colons:
//!
//! | text | short | expansions |
//! | --- | --- | --- |
//! | `拡大抑止協議(EDD:Extended Deterrence Dialogue)` | `EDD` | 拡大抑止協議, Extended Deterrence Dialogue |
//! | `国連軍司令部（UNC）`, `「自由で開かれたインド太平洋」(FOIP)` | `UNC`, `FOIP` | the term before the bracket |
//! | `Pacific Security Maritime Exchange (PSMX)` | `PSMX` | the English words whose initials spell it |
//! | `TCOG(日米韓三か国調整グループ)`, `CVID（Complete, Verifiable, …）` | | the bracket's inside |
//! | `(ECC)(執行調整所)` | `ECC` | a second bracket right after a definition adds an expansion |
//! | `長距離ミサイル（大陸間弾道弾 ICBM）` | `ICBM` | the Japanese words before it in the bracket |
//!
//! The Japanese term before a bracket is the run of kanji, katakana, `ー`, `・` and Latin letters
//! directly before it (so it stops at hiragana particles and punctuation), or a whole `「…」`
//! quoted name. English expansions must match the acronym's capitals as word initials (at most
//! one significant word unused), so `(UN Security Council)` or `(IISS Asia Security Summit: …)`
//! are not definitions. Look-alikes such as `(2024年)`, `(1)`, `(注)`, `(写真：…)` and
//! `(トランプII)` never have an acronym in the right place and are skipped.
//!
//! Uses are every occurrence of the acronym as a whole Latin word (`NCG` in `NCGの`, not in
//! `NCGX`), including the one inside its definition, outside URLs. Acronym-shaped words that are
//! never defined are listed too (no expansions, no definitions); Roman numerals (`II`) and words of
//! all-capital phrases (`ASSOCIATED PRESS`) are not counted as acronyms.

use crate::model::Corpus;
use crate::text::chars::{is_digit, is_kana, is_kanji, is_space};
use crate::text::normalize::fold;
use crate::text::span::{url_ranges, Span};
use std::collections::BTreeMap;
use std::ops::Range;

/// One acronym of the corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Acronym {
    /// The acronym as written, in ASCII (`ＮＣＧ` → `NCG`).
    pub short: String,
    /// What it stands for, in the order first met (Japanese and English), without duplicates.
    pub expansions: Vec<String>,
    /// Where it is defined: each span covers the expansion and the bracket(s).
    pub definitions: Vec<Span>,
    /// Every occurrence of the acronym as a word, definitions included, in corpus order.
    pub uses: Vec<Span>,
}

impl Acronym {
    /// Whether some document defines it.
    pub fn is_defined(&self) -> bool {
        !self.definitions.is_empty()
    }

    /// Indices of the documents that use it.
    pub fn documents(&self) -> Vec<usize> {
        let mut d: Vec<usize> = self.uses.iter().map(|s| s.document).collect();
        d.dedup();
        d
    }
}

/// All acronyms of a corpus, sorted by `short`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Glossary {
    /// Defined and undefined acronyms, sorted by `short`.
    pub acronyms: Vec<Acronym>,
}

impl Glossary {
    /// The acronym written `short` (ASCII, exact case), if any.
    pub fn get(&self, short: &str) -> Option<&Acronym> {
        self.acronyms
            .binary_search_by(|a| a.short.as_str().cmp(short))
            .ok()
            .map(|i| &self.acronyms[i])
    }

    /// Acronyms used without a definition anywhere in the corpus.
    pub fn undefined(&self) -> impl Iterator<Item = &Acronym> {
        self.acronyms.iter().filter(|a| !a.is_defined())
    }
}

/// A definition found in one text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Definition {
    /// The acronym, in ASCII.
    pub short: String,
    /// Its expansions as written here (quotes around a Japanese name removed).
    pub expansions: Vec<String>,
    /// Byte range of the whole definition (expansion and bracket).
    pub range: Range<usize>,
}

/// The glossary of a corpus: definitions merged across documents, every use, and the
/// acronyms used without a definition.
pub fn glossary(corpus: &Corpus) -> Glossary {
    let mut map: BTreeMap<String, Acronym> = BTreeMap::new();
    // Per acronym, the folded expansions each definition gave.
    let mut given: BTreeMap<String, Vec<Vec<String>>> = BTreeMap::new();
    let mut tokens_all: Vec<(Span, String, bool)> = Vec::new();
    for (d, doc) in corpus.documents.iter().enumerate() {
        for (p, passage) in doc.passages.iter().enumerate() {
            let text = passage.text.as_str();
            for def in find_definitions(text) {
                let entry = map.entry(def.short.clone()).or_insert_with(|| Acronym {
                    short: def.short.clone(),
                    expansions: Vec::new(),
                    definitions: Vec::new(),
                    uses: Vec::new(),
                });
                given
                    .entry(def.short.clone())
                    .or_default()
                    .push(def.expansions.iter().map(|e| fold(e)).collect());
                for e in def.expansions {
                    let key = fold(&e);
                    if !entry.expansions.iter().any(|x| fold(x) == key) {
                        entry.expansions.push(e);
                    }
                }
                entry.definitions.push(Span {
                    document: d,
                    passage: p,
                    range: def.range,
                });
            }
            let urls = url_ranges(text);
            // Tokens and URLs are both in text order: one pass over each.
            let mut u = 0;
            for t in acronym_tokens(text) {
                while urls.get(u).is_some_and(|x| x.end < t.range.end) {
                    u += 1;
                }
                if urls
                    .get(u)
                    .is_some_and(|x| x.start <= t.range.start && t.range.end <= x.end)
                {
                    continue;
                }
                let span = Span {
                    document: d,
                    passage: p,
                    range: t.range,
                };
                tokens_all.push((span, t.short, t.countable));
            }
        }
    }
    for (mut span, short, countable) in tokens_all {
        // `TCOGII`: a known acronym with a Roman numeral glued on is a use of it.
        let head = ["III", "II", "IV"]
            .iter()
            .find_map(|r| short.strip_suffix(r))
            .unwrap_or(&short);
        if !map.contains_key(&short) && head.len() >= 2 && head.len() < short.len() && map.contains_key(head) {
            span.range.end -= short.len() - head.len();
            if let Some(a) = map.get_mut(head) {
                a.uses.push(span);
            }
        } else if let Some(a) = map.get_mut(&short) {
            a.uses.push(span);
        } else if countable {
            map.insert(
                short.clone(),
                Acronym {
                    short,
                    expansions: Vec::new(),
                    definitions: Vec::new(),
                    uses: vec![span],
                },
            );
        }
    }
    for a in map.values_mut() {
        if let Some(defs) = given.get(&a.short) {
            drop_glosses(a, defs);
        }
    }
    Glossary {
        acronyms: map.into_values().collect(),
    }
}

/// Drop a Japanese "expansion" that is a gloss, not a name: `米本土攻撃能力（ICBM）` beside
/// `大陸間弾道ミサイル（ICBM）` twice. An expansion that shares no two characters with any other
/// Japanese expansion of the acronym goes when another one is better supported (given by more
/// definitions, or echoed by other expansions); its definitions go with it.
fn drop_glosses(a: &mut Acronym, defs: &[Vec<String>]) {
    let japanese: Vec<String> = a.expansions.iter().map(|e| fold(e)).filter(|k| !k.is_ascii()).collect();
    if japanese.len() < 2 {
        return;
    }
    let overlaps = |x: &str, y: &str| {
        let xs: Vec<char> = x.chars().filter(|c| !c.is_ascii()).collect();
        let ys: Vec<char> = y.chars().collect();
        xs.windows(2).any(|w| ys.windows(2).any(|v| v == w))
    };
    let support = |k: &str| {
        let given = defs.iter().filter(|d| d.iter().any(|e| e == k)).count();
        let echoed = japanese.iter().filter(|o| o.as_str() != k && overlaps(k, o)).count();
        (given + echoed, echoed)
    };
    let best = japanese.iter().map(|k| support(k).0).max().unwrap_or(0);
    let gloss: Vec<&String> = japanese
        .iter()
        .filter(|k| {
            let (s, echoed) = support(k);
            echoed == 0 && s < best
        })
        .collect();
    if gloss.is_empty() {
        return;
    }
    let keep: Vec<bool> = defs
        .iter()
        .map(|d| d.is_empty() || d.iter().any(|e| !gloss.contains(&e)))
        .collect();
    if keep.len() == a.definitions.len() {
        let mut k = keep.iter();
        a.definitions.retain(|_| k.next().copied().unwrap_or(true));
    }
    a.expansions.retain(|e| !gloss.contains(&&fold(e)));
}

/// An acronym-shaped word in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AcronymToken {
    /// Byte range in the text.
    pub range: Range<usize>,
    /// The word in ASCII.
    pub short: String,
    /// Whether it counts as an acronym when nothing defines it (not a Roman numeral, not a word
    /// of an all-capital phrase).
    pub countable: bool,
}

/// Every acronym-shaped Latin word of `text` (whole words only).
pub fn acronym_tokens(text: &str) -> Vec<AcronymToken> {
    let words = latin_words(text);
    let mut out = Vec::new();
    for (k, (range, word)) in words.iter().enumerate() {
        if !is_acronym(word) {
            continue;
        }
        let roman = word.chars().all(|c| matches!(c, 'I' | 'V' | 'X'));
        // A word of an ALL-CAPS phrase (`ASSOCIATED PRESS`): a neighbour across one space is an
        // all-capital word of three or more letters, and one of the two has four or more.
        let caps_neighbour = |j: usize, gap: Range<usize>| {
            let w: &str = &words[j].1;
            let letters = w.chars().filter(|c| c.is_ascii_alphabetic()).count();
            text.get(gap)
                .is_some_and(|g| g.chars().count() == 1 && g.chars().all(is_space))
                && letters >= 3
                && w.chars().all(|c| c.is_ascii_uppercase())
                && (letters >= 4 || word.len() >= 4)
        };
        let phrase = (k > 0 && caps_neighbour(k - 1, words[k - 1].0.end..range.start))
            || (k + 1 < words.len() && caps_neighbour(k + 1, range.end..words[k + 1].0.start));
        out.push(AcronymToken {
            range: range.clone(),
            short: word.clone(),
            countable: !roman && !phrase,
        });
    }
    out
}

/// Maximal Latin words (ASCII or full-width letters and digits, inner hyphens), folded to ASCII.
fn latin_words(text: &str) -> Vec<(Range<usize>, String)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if ascii_of(chars[i].1).is_none_or(|c| !c.is_ascii_alphanumeric()) {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = i;
        let mut word = String::new();
        while j < chars.len() {
            match ascii_of(chars[j].1) {
                Some(c) if c.is_ascii_alphanumeric() => word.push(c),
                Some('-')
                    if j + 1 < chars.len() && ascii_of(chars[j + 1].1).is_some_and(|c| c.is_ascii_alphanumeric()) =>
                {
                    word.push('-')
                }
                _ => break,
            }
            j += 1;
        }
        let end = chars.get(j).map_or(text.len(), |&(b, _)| b);
        out.push((chars[start].0..end, word));
        i = j;
    }
    out
}

/// ASCII for ASCII and full-width ASCII characters.
fn ascii_of(c: char) -> Option<char> {
    if c.is_ascii() {
        Some(c)
    } else if ('\u{FF01}'..='\u{FF5E}').contains(&c) {
        char::from_u32(c as u32 - 0xFF01 + 0x21)
    } else {
        None
    }
}

/// Whether an ASCII word has the shape of an acronym.
pub fn is_acronym(word: &str) -> bool {
    let n = word.chars().count();
    if !(2..=10).contains(&n) || !word.starts_with(|c: char| c.is_ascii_uppercase()) {
        return false;
    }
    let upper = word.chars().filter(char::is_ascii_uppercase).count();
    let lower = word.chars().filter(char::is_ascii_lowercase).count();
    let digits = word.chars().filter(char::is_ascii_digit).count();
    if upper < 2 || digits > upper {
        return false;
    }
    // Small letters: fewer than capitals, or only in a part after a hyphen (`ADMM-Plus`).
    let head = word.split('-').next().unwrap_or(word);
    lower < upper || (head.len() < word.len() && head.chars().all(|c| !c.is_ascii_lowercase()))
}

const OPEN: [char; 2] = ['(', '（'];
const CLOSE: [char; 2] = [')', '）'];

/// Words that open a bracket that is a note, not a definition: `(注)`, `(写真：…)`.
const NOT_DEFINITION_HEADS: &[&str] = &["注", "写真", "図", "表", "出典", "資料", "参照", "以下", "同", "例"];

/// Definitions in one text, left to right.
pub fn find_definitions(text: &str) -> Vec<Definition> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let mut out: Vec<Definition> = Vec::new();
    let mut chained = false;
    for i in 0..chars.len() {
        if !OPEN.contains(&chars[i].1) {
            continue;
        }
        let Some(close) = closing(&chars, i) else { continue };
        let inside_raw = &text[byte(i + 1)..byte(close)];
        let inside = inside_raw.trim_matches(is_space);
        if inside.is_empty() || NOT_DEFINITION_HEADS.iter().any(|h| inside.starts_with(h)) {
            continue;
        }
        let end = byte(close + 1);
        // (ECC)(執行調整所): a Japanese name right after a definition.
        if let Some(last) = out.last_mut().filter(|_| !chained) {
            let has_japanese = last.expansions.iter().any(|e| !is_latin_phrase(e));
            if last.range.end == byte(i) && is_japanese_name(inside) && !has_japanese {
                push_unique(&mut last.expansions, inside.to_string());
                last.range.end = end;
                chained = true;
                continue;
            }
        }
        if let Some(def) = definition_at(text, &chars, i, inside) {
            chained = false;
            out.push(Definition {
                short: def.0,
                expansions: def.1,
                range: def.2..end,
            });
        }
    }
    out
}

/// The definition made by the bracket `chars[open..=close]`: (short, expansions, start byte).
fn definition_at(
    text: &str,
    chars: &[(usize, char)],
    open: usize,
    inside: &str,
) -> Option<(String, Vec<String>, usize)> {
    let open_byte = chars[open].0;
    let words = latin_words(inside);
    // A. The bracket starts with the acronym: (ABBR), (ABBR: English), (ABBR 日本語).
    if let Some((r, short)) = words.first().filter(|(r, w)| r.start == 0 && is_acronym(w)) {
        let rest = &inside[r.end..];
        if rest.is_empty() {
            let (start, term) = term_before(text, chars, open, short)?;
            return Some((short.clone(), vec![term], start));
        }
        let sep = rest.starts_with([':', '：']);
        let spaced = rest.starts_with(is_space);
        if sep || spaced {
            let body = rest.trim_start_matches([':', '：']).trim_matches(is_space);
            if is_latin_phrase(body) && initials_match(short, body) {
                let mut expansions = Vec::new();
                let mut start = open_byte;
                if let Some((s, term)) = japanese_term_before(text, chars, open) {
                    expansions.push(term);
                    start = s;
                }
                expansions.push(body.to_string());
                return Some((short.clone(), expansions, start));
            }
            if is_japanese_name(body) && (sep || body.chars().count() >= 6) {
                return Some((short.clone(), vec![body.to_string()], open_byte));
            }
        }
    }
    // B. The bracket ends with the acronym after Japanese words: (大陸間弾道弾 ICBM), (短距 /SRBM).
    if let Some((r, short)) = words.last().filter(|(r, w)| r.end == inside.len() && is_acronym(w)) {
        let head = inside[..r.start].trim_end_matches(|c: char| is_space(c) || c == '/' || c == '／');
        if head.len() < r.start && head.chars().count() >= 2 && head.chars().all(|c| is_kanji(c) || is_katakana(c)) {
            return Some((short.clone(), vec![head.to_string()], open_byte));
        }
    }
    // C. The acronym is right before the bracket: TCOG(日米韓三か国調整グループ), CVID（Complete, …）.
    let mut k = open;
    if k > 0 && is_space(chars[k - 1].1) {
        k -= 1;
    }
    let (r, short) = latin_word_before(chars, k)?;
    if !is_acronym(&short) {
        return None;
    }
    let ok = if is_latin_phrase(inside) {
        initials_match(&short, inside)
    } else {
        is_japanese_expansion(inside)
    };
    ok.then(|| (short, vec![inside.to_string()], r.start))
}

/// The Latin word (as [`latin_words`] finds them) that ends right before `chars[end]`, if any:
/// its byte range and ASCII form. Walks back over that word only, not the whole text before it
/// (which made a text with many brackets quadratic).
fn latin_word_before(chars: &[(usize, char)], end: usize) -> Option<(Range<usize>, String)> {
    let alnum = |k: usize| ascii_of(chars[k].1).is_some_and(|c| c.is_ascii_alphanumeric());
    let mut k = end;
    // A word is alnum+ (- alnum+)*: a hyphen belongs to it between two alphanumerics.
    while k > 0
        && (alnum(k - 1) || (ascii_of(chars[k - 1].1) == Some('-') && k < end && alnum(k) && k >= 2 && alnum(k - 2)))
    {
        k -= 1;
    }
    if k == end {
        return None;
    }
    let word: String = chars[k..end].iter().filter_map(|&(_, c)| ascii_of(c)).collect();
    let to = chars[end - 1].0 + chars[end - 1].1.len_utf8();
    Some((chars[k].0..to, word))
}

/// The index of the bracket opening the one closing at `close`, within 40 chars.
fn opening(chars: &[(usize, char)], close: usize) -> Option<usize> {
    let mut depth = 0usize;
    for k in (close.saturating_sub(40)..close).rev() {
        let c = chars[k].1;
        if CLOSE.contains(&c) {
            depth += 1;
        } else if OPEN.contains(&c) {
            if depth == 0 {
                return Some(k);
            }
            depth -= 1;
        }
    }
    None
}

/// The index of the bracket closing the one at `open` (either width), if within 200 chars and
/// before a line break.
fn closing(chars: &[(usize, char)], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (k, &(_, c)) in chars.iter().enumerate().skip(open + 1).take(200) {
        if OPEN.contains(&c) {
            depth += 1;
        } else if CLOSE.contains(&c) {
            if depth == 0 {
                return Some(k);
            }
            depth -= 1;
        } else if c == '\n' || c == '。' {
            return None;
        }
    }
    None
}

fn is_katakana(c: char) -> bool {
    matches!(c, '\u{30A1}'..='\u{30FA}' | 'ー' | '\u{FF66}'..='\u{FF9F}')
}

fn is_hiragana(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{309F}')
}

/// Characters of a Japanese term before a bracket.
fn is_term_char(c: char) -> bool {
    is_kanji(c) || is_katakana(c) || matches!(c, '・' | '･') || ascii_of(c).is_some_and(|a| a.is_ascii_alphanumeric())
}

/// The expansion right before the bracket at `open`: a Japanese term, or English words whose
/// initials spell `short`.
fn term_before(text: &str, chars: &[(usize, char)], open: usize, short: &str) -> Option<(usize, String)> {
    let mut k = open;
    while k > 0 && is_space(chars[k - 1].1) {
        k -= 1;
    }
    if k == 0 {
        return None;
    }
    if ascii_of(chars[k - 1].1).is_some_and(|c| c.is_ascii_alphabetic()) && k < open {
        return english_before(text, chars, k, short);
    }
    if let Some(t) = japanese_term_before(text, chars, k) {
        return Some(t);
    }
    english_before(text, chars, k, short)
}

/// The Japanese term ending right before `chars[end]` (spaces before it skipped).
fn japanese_term_before(text: &str, chars: &[(usize, char)], end: usize) -> Option<(usize, String)> {
    let mut end = end;
    while end > 0 && is_space(chars[end - 1].1) {
        end -= 1;
    }
    if end == 0 {
        return None;
    }
    let last = chars[end - 1].1;
    if last == '」' || last == '』' {
        let opener = if last == '」' { '「' } else { '『' };
        let mut depth = 0;
        let mut k = end - 1;
        while k > 0 && end - k < 80 {
            k -= 1;
            let c = chars[k].1;
            if c == last {
                depth += 1;
            } else if c == opener {
                if depth == 0 {
                    let name = &text[chars[k + 1].0..chars[end - 1].0];
                    let ok = name.chars().any(|c| is_kanji(c) || is_kana(c)) && name.chars().count() >= 2;
                    return ok.then(|| (chars[k].0, name.to_string()));
                }
                depth -= 1;
            }
        }
        return None;
    }
    // Walk back over term characters, a counter か between a numeral and its noun (三か国), and a
    // short parenthetical inside the term (拡大抑止（韓国語：「抑制」）戦略委員会), which is left out.
    let mut k = end;
    let mut skipped: Vec<Range<usize>> = Vec::new();
    while k > 0 && end - k < 40 {
        let c = chars[k - 1].1;
        let counter = matches!(c, 'か' | 'ヶ' | 'ケ' | 'ヵ')
            && k >= 2
            && k < end
            && (is_digit(chars[k - 2].1) || "一二三四五六七八九十何数".contains(chars[k - 2].1))
            && matches!(chars[k].1, '国' | '月' | '所' | '年');
        if is_term_char(c) || counter {
            k -= 1;
        } else if CLOSE.contains(&c) && k < end {
            let Some(open) = opening(chars, k - 1) else { break };
            if k - 1 - open > 20 || open == 0 || !is_term_char(chars[open - 1].1) {
                break;
            }
            skipped.push(chars[open].0..chars[k - 1].0 + chars[k - 1].1.len_utf8());
            k = open;
        } else {
            break;
        }
    }
    // Not a date or a count in front (`2024年`, `11か国`): drop leading digits and what they count.
    while k < end && (is_digit(chars[k].1) || matches!(chars[k].1, '・' | '･')) {
        k += 1;
        if k < end && !is_digit(chars[k].1) && matches!(chars[k].1, '年' | '月' | '日' | '回' | '号') {
            k += 1;
        }
    }
    // Titles before a name are not part of it (元米国家安全保障会議).
    while k + 3 < end && matches!(chars[k].1, '元' | '前' | '現') {
        k += 1;
    }
    let (from, to) = (chars.get(k)?.0, chars.get(end).map_or(text.len(), |c| c.0));
    let mut term = String::new();
    let mut at = from;
    for r in skipped.iter().rev().filter(|r| r.start >= from) {
        term.push_str(&text[at..r.start]);
        at = r.end;
    }
    term.push_str(&text[at..to]);
    let n = term.chars().count();
    let japanese = term.chars().filter(|&c| is_kanji(c) || is_katakana(c)).count();
    (n >= 2 && japanese >= 1).then_some((from, term))
}

/// English words ending right before `chars[end]` whose initials spell `short`: the fewest
/// words that do.
fn english_before(text: &str, chars: &[(usize, char)], end: usize, short: &str) -> Option<(usize, String)> {
    let end_byte = chars.get(end).map_or(text.len(), |c| c.0);
    // Words back to the first character that is not part of an English phrase.
    let mut k = end;
    while k > 0 {
        let c = chars[k - 1].1;
        let ok = ascii_of(c).is_some_and(|a| a.is_ascii_alphanumeric() || matches!(a, ' ' | '-' | '\'' | '&'));
        if !ok || end - k > 120 {
            break;
        }
        k -= 1;
    }
    let phrase = &text[chars.get(k)?.0..end_byte];
    let words: Vec<(usize, &str)> = phrase
        .split(' ')
        .scan(0usize, |pos, w| {
            let at = *pos;
            *pos += w.len() + 1;
            Some((at, w))
        })
        .filter(|(_, w)| !w.is_empty())
        .collect();
    let first = short.chars().next()?.to_ascii_lowercase();
    for n in 1..=words.len().min(12) {
        let (at, w) = words[words.len() - n];
        if !w.starts_with(|c: char| c.to_ascii_lowercase() == first) {
            continue;
        }
        let candidate = &phrase[at..];
        if initials_match(short, candidate) {
            let start = chars[k].0 + at;
            return Some((start, candidate.trim_end().to_string()));
        }
    }
    None
}

/// Latin words, spaces and the punctuation of an English name; at least two letters.
fn is_latin_phrase(s: &str) -> bool {
    s.chars().filter(char::is_ascii_alphabetic).count() >= 2
        && s.chars()
            .all(|c| ascii_of(c).is_some_and(|a| a.is_ascii_alphanumeric() || " ,-'&./:".contains(a)) || is_space(c))
}

/// A Japanese name: kanji, katakana or Latin letters, no hiragana, no digits, 2–40 characters.
fn is_japanese_name(s: &str) -> bool {
    let n = s.chars().count();
    (2..=40).contains(&n)
        && s.chars().any(|c| is_kanji(c) || is_katakana(c))
        && s.chars().all(|c| is_term_char(c) && !is_digit(c) || is_space(c))
}

/// A Japanese expansion inside a bracket after an acronym: `日米韓三か国調整グループ`,
/// `完全で検証可能かつ不可逆的な核廃棄`, `ASEAN地域フォーラム`. Not a year, a count, a list or a note.
fn is_japanese_expansion(s: &str) -> bool {
    let n = s.chars().count();
    let japanese = s.chars().filter(|&c| is_kanji(c) || is_katakana(c)).count();
    (2..=40).contains(&n)
        && japanese * 2 >= s.chars().filter(|&c| !is_hiragana(c)).count().min(n)
        && japanese >= 2
        && !s
            .chars()
            .any(|c| is_digit(c) || matches!(c, '、' | '，' | ',' | ':' | '：' | '「' | '」' | '。'))
        && !s.ends_with(|c: char| is_hiragana(c))
}

fn push_unique(v: &mut Vec<String>, s: String) {
    let key = fold(&s);
    if !v.iter().any(|x| fold(x) == key) {
        v.push(s);
    }
}

/// Small words an acronym may skip.
const SMALL_WORDS: &[&str] = &[
    "of", "the", "and", "for", "on", "in", "to", "a", "an", "at", "by", "with", "de", "&",
];

/// Whether the capitals of `short` are spelled by the initials of the words of `phrase`, in order:
/// each word gives its initial (an all-capital word a prefix of its letters), small words may
/// be skipped, and at most one other word.
pub fn initials_match(short: &str, phrase: &str) -> bool {
    let letters: Vec<char> = short.chars().filter(char::is_ascii_uppercase).collect();
    let words: Vec<&str> = phrase
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '-' | '/' | ':' | '.' | '　'))
        .filter(|w| w.chars().any(|c| c.is_ascii_alphabetic()))
        .collect();
    if letters.is_empty() || words.is_empty() || words.len() > 16 {
        return false;
    }
    // The first word must give the first letter.
    let first = words[0].chars().next().map(|c| c.to_ascii_uppercase());
    if first != Some(letters[0]) {
        return false;
    }
    // best[a][w]: fewest skipped significant words to spell letters[a..] from words[w..].
    let (la, lw) = (letters.len(), words.len());
    const INF: usize = usize::MAX / 2;
    let mut best = vec![vec![INF; lw + 1]; la + 1];
    best[la][lw] = 0;
    for w in (0..lw).rev() {
        let small = SMALL_WORDS.contains(&words[w].to_ascii_lowercase().as_str());
        best[la][w] = best[la][w + 1] + usize::from(!small);
    }
    for a in (0..la).rev() {
        for w in (0..lw).rev() {
            let word = words[w];
            let small = SMALL_WORDS.contains(&word.to_ascii_lowercase().as_str());
            let mut b = best[a][w + 1] + usize::from(!small);
            let upper: Vec<char> = word
                .chars()
                .filter(char::is_ascii_alphabetic)
                .map(|c| c.to_ascii_uppercase())
                .collect();
            if word.len() >= 2 && word.chars().all(|c| !c.is_ascii_lowercase()) {
                // An all-capital word gives a prefix of its letters (`UN` General Assembly).
                for take in 1..=upper.len() {
                    if a + take > la || upper[take - 1] != letters[a + take - 1] {
                        break;
                    }
                    b = b.min(best[a + take][w + 1]);
                }
            } else if upper.first() != Some(&letters[a]) {
                // A letter from inside a word counts like a skipped word (e`X`change).
                if upper.iter().skip(1).any(|&c| c == letters[a]) {
                    b = b.min(best[a + 1][w + 1] + 1);
                }
            } else {
                // Another word gives its initial, and maybe up to two later letters.
                b = b.min(best[a + 1][w + 1]);
                let mut at = 1;
                for take in 2..=3 {
                    if a + take > la {
                        break;
                    }
                    match upper[at..].iter().position(|&c| c == letters[a + take - 1]) {
                        Some(k) => at += k + 1,
                        None => break,
                    }
                    b = b.min(best[a + take][w + 1]);
                }
            }
            best[a][w] = b;
        }
    }
    best[0][0] <= 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn defs(s: &str) -> Vec<(String, Vec<String>, String)> {
        find_definitions(s)
            .into_iter()
            .map(|d| (d.short, d.expansions, s[d.range].to_string()))
            .collect()
    }

    fn one(s: &str) -> (String, Vec<String>) {
        let d = defs(s);
        assert_eq!(d.len(), 1, "{s}: {d:?}");
        (d[0].0.clone(), d[0].1.clone())
    }

    #[test]
    fn japanese_then_english() {
        assert_eq!(
            one("日米では拡大抑止協議(EDD:Extended Deterrence Dialogue)を"),
            (
                "EDD".into(),
                vec!["拡大抑止協議".into(), "Extended Deterrence Dialogue".into()]
            )
        );
        assert_eq!(
            one("11か国から成る多国間制裁監視チーム(MSMT: Multilateral Sanctions Monitoring Team)が"),
            (
                "MSMT".into(),
                vec![
                    "多国間制裁監視チーム".into(),
                    "Multilateral Sanctions Monitoring Team".into()
                ]
            )
        );
        assert_eq!(
            one("例えば、米外交問題評議会（CFR: Council of Foreign Relations）の"),
            (
                "CFR".into(),
                vec!["米外交問題評議会".into(), "Council of Foreign Relations".into()]
            )
        );
        let d = defs("日米韓防衛実務レベル協議（DTT: Defense Trilateral Talks)も");
        assert_eq!(d[0].2, "日米韓防衛実務レベル協議（DTT: Defense Trilateral Talks)");
    }

    #[test]
    fn japanese_only_and_quoted() {
        assert_eq!(one("、国連軍司令部（UNC）も").1, vec!["国連軍司令部".to_string()]);
        assert_eq!(
            one("米本土向けの大陸間弾道ミサイル（ICBM）を").1,
            vec!["大陸間弾道ミサイル".to_string()]
        );
        let d = defs("ないしは「自由で開かれたインド太平洋」(FOIP)構想");
        assert_eq!(d[0].1, vec!["自由で開かれたインド太平洋".to_string()]);
        assert_eq!(d[0].2, "「自由で開かれたインド太平洋」(FOIP)");
        assert_eq!(
            one("を新設し「核協議グループ」（NCG）を").1,
            vec!["核協議グループ".to_string()]
        );
        assert_eq!(one("信頼醸成措置(CBMs)の").0, "CBMs");
        assert_eq!(
            one("2024年多国間制裁監視チーム(MSMT)").1,
            vec!["多国間制裁監視チーム".to_string()]
        );
        assert_eq!(
            one("かつての日米韓三か国政策調整グループ（TCOG）").1,
            vec!["日米韓三か国政策調整グループ".to_string()]
        );
        assert_eq!(
            one("元米国家安全保障会議（NSC）").1,
            vec!["米国家安全保障会議".to_string()]
        );
        let d = defs("「拡大抑止（韓国語：「抑制」）戦略委員会（DSC:Deterrence Strategy Committee）");
        assert_eq!(d[0].1[0], "拡大抑止戦略委員会");
        assert_eq!(
            d[0].2,
            "拡大抑止（韓国語：「抑制」）戦略委員会（DSC:Deterrence Strategy Committee）"
        );
        assert_eq!(
            one("中距離弾道ミサイル（IRBM）（ムスダン）").1,
            vec!["中距離弾道ミサイル".to_string()]
        );
    }

    #[test]
    fn acronym_then_expansion() {
        assert_eq!(
            one("TCOG(日米韓三か国調整グループ)の"),
            ("TCOG".into(), vec!["日米韓三か国調整グループ".into()])
        );
        assert_eq!(
            one("CVID（Complete, Verifiable, Irreversible Dismantlement）"),
            (
                "CVID".into(),
                vec!["Complete, Verifiable, Irreversible Dismantlement".into()]
            )
        );
        assert_eq!(
            one("「CVID（完全で検証可能かつ不可逆的な核廃棄）」").1[0],
            "完全で検証可能かつ不可逆的な核廃棄"
        );
        assert_eq!(one("米韓 THAAD（終末段階高高度地域防衛）システム").0, "THAAD");
        assert_eq!(
            one("ARF(ASEAN地域フォーラム)").1,
            vec!["ASEAN地域フォーラム".to_string()]
        );
        assert_eq!(
            one("海運会社 OMM（Ocean Maritime Management）").1,
            vec!["Ocean Maritime Management".to_string()]
        );
        assert_eq!(one("ＮＡＴＯ（北大西洋条約機構）").0, "NATO");
    }

    #[test]
    fn english_before() {
        assert_eq!(
            one("を受けて、Pacific Security Maritime Exchange (PSMX)という"),
            ("PSMX".into(), vec!["Pacific Security Maritime Exchange".into()])
        );
        let d = defs("2018年に Enforcement Coordination Cell (ECC)(執行調整所)(横須賀米海軍基地内)が");
        assert_eq!(d.len(), 1);
        assert_eq!(
            d[0].1,
            vec!["Enforcement Coordination Cell".to_string(), "執行調整所".to_string()]
        );
        assert_eq!(d[0].2, "Enforcement Coordination Cell (ECC)(執行調整所)");
        assert_eq!(
            one("U.S. 7th Fleet Enforcement Coordination Cell (ECC)").1[0],
            "Enforcement Coordination Cell"
        );
        assert_eq!(
            one("the ASEAN Defence Ministers' Meeting-Plus (ADMM-Plus)").0,
            "ADMM-Plus"
        );
    }

    #[test]
    fn acronym_inside_at_the_end() {
        assert_eq!(
            one("長距離ミサイル（大陸間弾道弾 ICBM）").1,
            vec!["大陸間弾道弾".to_string()]
        );
        assert_eq!(
            one("鹿島平和研究所 (SSDP 安全保障・外交政策研究会)").1,
            vec!["安全保障・外交政策研究会".to_string()]
        );
    }

    #[test]
    fn look_alikes_are_not_definitions() {
        for s in [
            "昨年(2024年)11月15日",
            "(1)北朝鮮",
            "規定（注：ロシアは公式には認めていない）",
            "首脳会談（写真：YONHAP NEWS/アフロ）",
            "第二期トランプ政権(トランプII)",
            "国連安全保障理事会（UN Security Council）",
            "シャングリラ会合(IISS Asia Security Summit: The Shangri-La Dialogue)",
            "委員会（UNSC1718 Sanctions Committee Panel of Experts）",
            "ARF(1994年設立)",
            "マドリッド(NATO首脳会議)",
            "問題（OHCHR報告）",
            "爆撃機（ICBM, SLBM, 戦略爆撃機）",
            "演習（ミサイル探知、対潜水艦作戦 ASWなど）",
            "核戦争（nuclear war）の",
            "(ABC)",
            "（）",
            "(",
        ] {
            assert_eq!(defs(s), vec![], "{s}");
        }
    }

    #[test]
    fn acronym_shapes() {
        for w in ["NCG", "SM-3", "CBMs", "ADMM-Plus", "GSOMIA", "UNSC1718", "AI"] {
            assert!(is_acronym(w), "{w}");
        }
        for w in ["A", "Jr", "McCain", "FY2024-1", "H29", "iPhone", "Korea", "2024"] {
            assert!(!is_acronym(w), "{w}");
        }
        assert!(initials_match("COI", "Commission of Inquiry"));
        assert!(initials_match("UNGA", "UN General Assembly"));
        assert!(!initials_match("UNSC", "Sanctions Committee"));
    }

    #[test]
    fn tokens_are_whole_words() {
        let t: Vec<String> = acronym_tokens("NCGとNCGXとMSMTメンバー、米MD、（写真：YONHAP NEWS/アフロ）トランプII")
            .into_iter()
            .filter(|t| t.countable)
            .map(|t| t.short)
            .collect();
        assert_eq!(t, ["NCG", "NCGX", "MSMT", "MD"]);
    }

    #[test]
    fn urls() {
        let s = "外務省、https://www.mofa.go.jp/mofaj/files/100791692.pdf を参照。www.x.org.";
        let u = url_ranges(s);
        assert_eq!(&s[u[0].clone()], "https://www.mofa.go.jp/mofaj/files/100791692.pdf");
        assert_eq!(&s[u[1].clone()], "www.x.org");
    }

    #[test]
    fn latin_word_before_is_the_last_word_of_the_text_before() {
        for text in [
            "TCOG(",
            "x ADMM-Plus(",
            "a--B(",
            "-AB(",
            "ＮＣＧ（",
            "日本(",
            "A-(",
            "(",
            "G7 (",
            "x-y-Z(",
        ] {
            let chars: Vec<(usize, char)> = text.char_indices().collect();
            for end in 0..chars.len() {
                let byte = chars[end].0;
                let old = latin_words(&text[..byte]).pop().filter(|(r, _)| r.end == byte);
                assert_eq!(latin_word_before(&chars, end), old, "{text:?} before char {end}");
            }
        }
    }

    /// Found by the adversarial figures (benches/adversarial.rs): every bracket read all the text
    /// before it again (100 KB on one line with a bracket every 80 bytes: 6 s). Each definition of
    /// a long run is still found.
    /// Found by the adversarial figures: with `http://` but no `https://` or `www.` in a text,
    /// every URL searched the rest of the text for them again (100 KB: 0.4 s; 400 KB: 6.5 s).
    #[test]
    fn url_ranges_with_one_kind_of_start() {
        let text = "http://a.b 参照。".repeat(1000);
        let urls = url_ranges(&text);
        assert_eq!(urls.len(), 1000);
        assert!(urls.iter().all(|u| &text[u.clone()] == "http://a.b"));
        let mixed = "www.x.jp/a https://y.org/(b) http://z.net. wwwx.y";
        let found: Vec<&str> = url_ranges(mixed).into_iter().map(|r| &mixed[r]).collect();
        assert_eq!(found, ["www.x.jp/a", "https://y.org/(b", "http://z.net"]);
    }

    #[test]
    fn many_brackets_on_one_line_are_all_read() {
        let text = "その後TCOG(日米韓三か国調整グループ)と、".repeat(500);
        let found = find_definitions(&text);
        assert_eq!(found.len(), 500);
        assert!(found
            .iter()
            .all(|d| d.short == "TCOG" && d.expansions == ["日米韓三か国調整グループ"]));
    }

    #[test]
    fn acronyms_inside_urls_are_not_uses_in_one_pass() {
        let text = "題\n\n核協議グループ（NCG）とABC(Alpha Beta Charlie)。\n\nhttps://example.org/NCG/x のNCG、www.example.org/ABC のABC。";
        let corpus = crate::parse_corpus(&[crate::Source {
            id: "d",
            file: "d.txt",
            text,
            entry: None,
        }]);
        let g = glossary(&corpus);
        let uses = |s: &str| g.get(s).map_or(0, |a| a.uses.iter().filter(|u| u.passage == 1).count());
        assert_eq!((uses("NCG"), uses("ABC")), (1, 1), "{g:?}");
    }
}
