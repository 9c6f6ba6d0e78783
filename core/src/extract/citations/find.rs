//! Which sources does one passage name? The per-text finders behind [`super::find_citations`]:
//! resolutions by number, quoted titles, works in notes, unquoted names, English titles.

use super::{fold_key, CitationKind, Found, COUNTRIES};
use crate::text::chars::{digit_value, is_digit, is_kanji, is_space};
use crate::text::span::url_ranges;
use std::collections::BTreeMap;

/// Source words a title or a name ends with, longest first, and the kind each gives.
const SOURCE_WORDS: &[(&str, CitationKind)] = &[
    ("共同声明", CitationKind::Statement),
    ("共同宣言", CitationKind::Statement),
    ("共同発表", CitationKind::Statement),
    ("共同文書", CitationKind::Statement),
    ("コミュニケ", CitationKind::Statement),
    ("ガイドライン", CitationKind::Agreement),
    ("レポート", CitationKind::Report),
    ("議定書", CitationKind::Agreement),
    ("報告書", CitationKind::Report),
    ("声明", CitationKind::Statement),
    ("宣言", CitationKind::Statement),
    ("原則", CitationKind::Statement),
    ("談話", CitationKind::Statement),
    ("条約", CitationKind::Agreement),
    ("協定", CitationKind::Agreement),
    ("指針", CitationKind::Agreement),
    ("憲章", CitationKind::Agreement),
    ("合意", CitationKind::Agreement),
    ("白書", CitationKind::Report),
    ("大綱", CitationKind::Report),
    ("提言", CitationKind::Report),
    ("法律", CitationKind::Law),
    ("法案", CitationKind::Law),
    ("法", CitationKind::Law),
];

/// Words ending in 法 that are not laws.
const NOT_LAWS: &[&str] = &[
    "方法", "手法", "用法", "文法", "技法", "司法", "寸法", "憲法", "作法", "論法", "話法",
];

/// The source word a string ends with, and its kind.
fn source_word_at_end(s: &str) -> Option<(&'static str, CitationKind)> {
    let (w, kind) = SOURCE_WORDS.iter().find(|(w, _)| s.ends_with(w))?;
    if *kind == CitationKind::Law && (NOT_LAWS.iter().any(|n| s.ends_with(n)) || s.chars().count() < 3) {
        return None;
    }
    Some((w, *kind))
}

/// The source word a string starts with.
fn source_word_at_start(s: &str) -> Option<(&'static str, CitationKind)> {
    SOURCE_WORDS
        .iter()
        .find(|(w, k)| s.starts_with(w) && *k != CitationKind::Law)
        .map(|(w, k)| (*w, *k))
}

/// Sources mentioned in one text (`note`: the text is a footnote, where author–title patterns
/// and quoted English titles count), left to right, not overlapping.
pub fn find_citations(text: &str, note: bool) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    let urls = url_ranges(text);
    for u in &urls {
        let url = &text[u.clone()];
        let key = url
            .trim_start_matches("https://")
            .trim_start_matches("http://")
            .trim_start_matches("www.")
            .trim_end_matches('/')
            .to_ascii_lowercase();
        out.push(Found {
            range: u.clone(),
            label: url.to_string(),
            kind: CitationKind::WebPage,
            key,
        });
    }
    // The ranges taken so far, disjoint, by start: one overlapping a new range would be the last
    // one starting before it ends (a look at every mention found made a text with thousands of
    // them quadratic: 1.6 MB of titles took 4.6 s).
    let mut taken: BTreeMap<usize, usize> = urls.iter().map(|u| (u.start, u.end)).collect();
    let mut add = |out: &mut Vec<Found>, f: Found| {
        let free = taken
            .range(..f.range.end)
            .next_back()
            .is_none_or(|(_, &end)| end <= f.range.start);
        if !f.range.is_empty() && free {
            taken.insert(f.range.start, f.range.end);
            out.push(f);
        }
    };
    for f in resolutions(text) {
        add(&mut out, f);
    }
    for f in quoted_titles(text, note) {
        add(&mut out, f);
    }
    for f in unquoted_names(text) {
        add(&mut out, f);
    }
    for f in english_titles(text, note) {
        add(&mut out, f);
    }
    crate::text::sort::by_key(&mut out, |f| f.range.start);
    out
}

/// `決議2321`, `国連安保理決議 2270`, `決議2321号`, `決議第1718号`, `両決議（2270と2321）`,
/// `Resolution 2397`, `UNSCR 2397`.
fn resolutions(text: &str) -> Vec<Found> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |k: usize| chars.get(k).map_or(text.len(), |c| c.0);
    let mut i = 0;
    while i < chars.len() {
        let rest = &text[chars[i].0..];
        let word = if rest.starts_with("決議") {
            2
        } else if rest.starts_with("Resolution") || rest.starts_with("resolution") {
            10
        } else if rest.starts_with("UNSCR") {
            5
        } else {
            i += 1;
            continue;
        };
        // The name before 決議: 国連安保理, 国連安保理制裁, 安全保障理事会 (a kanji run).
        let mut start = i;
        while start > 0 && i - start < 12 && is_kanji(chars[start - 1].1) {
            start -= 1;
        }
        if start < i && !text[at(start)..at(i)].contains("安保理") && !text[at(start)..at(i)].contains("安全保障理事会")
        {
            start = i;
        }
        let mut k = i + word;
        let mut bracket = false;
        while k < chars.len() && is_space(chars[k].1) {
            k += 1;
        }
        if k < chars.len() && matches!(chars[k].1, '（' | '(') {
            bracket = true;
            k += 1;
        } else if k < chars.len() && chars[k].1 == '第' {
            // 決議第1718号
            k += 1;
        }
        let mut first = true;
        let mut mention_start = at(start);
        let mut found_any = false;
        loop {
            let num_start = k;
            let mut n: u32 = 0;
            while k < chars.len() && is_digit(chars[k].1) {
                n = n
                    .saturating_mul(10)
                    .saturating_add(digit_value(chars[k].1).unwrap_or(0));
                k += 1;
            }
            let digits = k - num_start;
            let year_follows = k < chars.len() && matches!(chars[k].1, '年' | '月' | '日');
            if !(3..=4).contains(&digits) || year_follows || (n < 82) {
                k = num_start;
                break;
            }
            if k < chars.len() && chars[k].1 == '号' {
                k += 1;
            }
            let label = format!("国連安保理決議{n}");
            let range = if first && !bracket {
                mention_start..at(k)
            } else {
                at(num_start)..at(k)
            };
            out.push(Found {
                range,
                label,
                kind: CitationKind::Resolution,
                key: format!("unsc-{n}"),
            });
            found_any = true;
            first = false;
            // 2270と2321, 2270、2321
            if k < chars.len() && matches!(chars[k].1, 'と' | '、' | ',' | '，' | '及' | '・') {
                k += 1;
                while k < chars.len() && is_space(chars[k].1) {
                    k += 1;
                }
                mention_start = at(k);
                continue;
            }
            break;
        }
        i = if found_any { k.max(i + 1) } else { i + 1 };
    }
    out
}

fn is_term_char(c: char) -> bool {
    is_kanji(c)
        || matches!(c, '\u{30A1}'..='\u{30FA}' | 'ー' | '・' | '･')
        || c.is_ascii_alphanumeric()
        || ('０'..='９').contains(&c)
        || ('Ａ'..='Ｚ').contains(&c)
        || ('ａ'..='ｚ').contains(&c)
}

/// A top-level bracket pair of `open`/`close` starting at char index `i`: its closing index.
fn matching(chars: &[(usize, char)], i: usize, open: char, close: char, limit: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (k, &(_, c)) in chars.iter().enumerate().skip(i + 1).take(limit) {
        if c == open {
            depth += 1;
        } else if c == close {
            if depth == 0 {
                return Some(k);
            }
            depth -= 1;
        } else if c == '\n' {
            return None;
        }
    }
    None
}

/// The inside of a title without a bracketed alias at its end: `キャンプ・デービッド原則(Camp David
/// Principles)` → `キャンプ・デービッド原則`.
fn strip_alias(inside: &str) -> &str {
    let t = inside.trim_end_matches(is_space);
    if let Some(body) = t.strip_suffix([')', '）']) {
        if let Some(k) = body.rfind(['(', '（']) {
            let head = t[..k].trim_end_matches(is_space);
            if !head.is_empty() {
                return head;
            }
        }
    }
    t
}

/// Titles in 「」 and 『』.
fn quoted_titles(text: &str, note: bool) -> Vec<Found> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |k: usize| chars.get(k).map_or(text.len(), |c| c.0);
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        let (open, close) = match c {
            '「' => ('「', '」'),
            '『' => ('『', '』'),
            _ => {
                i += 1;
                continue;
            }
        };
        let Some(j) = matching(&chars, i, open, close, 120) else {
            i += 1;
            continue;
        };
        let inside = &text[at(i + 1)..at(j)];
        let label = strip_alias(inside);
        let n = label.chars().count();
        let quotation = inside.contains(['、', '。']) || !(2..=60).contains(&n);
        let after = &text[at(j + 1)..];
        let before = &text[..at(i)];
        let mut kind = None;
        let mut end = at(j + 1);
        if open == '『' {
            kind = (!quotation || note).then_some(CitationKind::Report);
        } else if !quotation {
            if let Some((w, k)) = source_word_at_end(label) {
                // A bare source word in quotes (「共同声明」) names no particular source.
                kind = (label.len() > w.len()).then_some(k);
            } else {
                // 「…」という共同声明, 「…」と題する共同声明, 「…」共同声明
                let rest = after
                    .strip_prefix("という")
                    .or_else(|| after.strip_prefix("と題する"))
                    .or_else(|| after.strip_prefix("と題した"))
                    .unwrap_or(after);
                if let Some((w, k)) = source_word_at_start(rest).filter(|(w, _)| !verb_follows(&rest[w.len()..])) {
                    kind = Some(k);
                    let _ = w;
                } else if let Some(k) = document_verb(after).filter(|_| n >= 4) {
                    // 「国家安全保障戦略」を閣議決定した, 「…」に署名した
                    kind = Some(k);
                } else if note && n >= 6 && note_work(before, after) {
                    kind = Some(CitationKind::Report);
                }
            }
        } else if note && (2..=100).contains(&n) && !inside.contains('。') && note_work(before, after) {
            kind = Some(CitationKind::Report);
        }
        // A blank title (「」, 「　」) names nothing.
        if let Some(kind) = kind.filter(|_| !label.trim().is_empty()) {
            // Include a trailing alias bracket already inside; the mention is the quoted title.
            end = end.min(text.len());
            out.push(Found {
                range: at(i)..end,
                label: label.to_string(),
                kind,
                key: fold_key(label),
            });
            i = j + 1;
            continue;
        }
        i += 1;
    }
    out
}

/// What a quoted name is, when the verb after it says it is a document: `を閣議決定` (a policy
/// document: report), `に署名` / `を締結` (an agreement), `を発表` / `を公表` / `を採択` (a statement).
fn document_verb(after: &str) -> Option<CitationKind> {
    const VERBS: &[(&str, CitationKind)] = &[
        ("閣議決定", CitationKind::Report),
        ("策定", CitationKind::Report),
        ("改定", CitationKind::Report),
        ("署名", CitationKind::Agreement),
        ("締結", CitationKind::Agreement),
        ("調印", CitationKind::Agreement),
        ("発表", CitationKind::Statement),
        ("公表", CitationKind::Statement),
        ("採択", CitationKind::Statement),
    ];
    let rest = ["を", "が", "に"].iter().find_map(|p| after.strip_prefix(p))?;
    VERBS.iter().find(|(v, _)| rest.starts_with(v)).map(|&(_, k)| k)
}

/// In a note: a 「」 right after an author's name (2–6 kanji at the start of the note or after
/// punctuation), or followed by a date, a 『journal』 or a comma and a publisher.
fn note_work(before: &str, after: &str) -> bool {
    let name: String = before
        .chars()
        .rev()
        .take_while(|&c| is_kanji(c))
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let name_len = name.chars().count();
    let before_name = &before[..before.len() - name.len()];
    let boundary = before_name
        .chars()
        .next_back()
        .is_none_or(|c| is_space(c) || matches!(c, '、' | '。' | ',' | ';' | '；' | '：' | ':'));
    if (name_len == 0 || (2..=6).contains(&name_len)) && boundary {
        return true;
    }
    let a = after.trim_start_matches(is_space);
    a.starts_with(|c: char| is_digit(c) || c == '『') || ["令和", "平成", "昭和"].iter().any(|e| a.starts_with(e))
}

/// Named agreements and statements without quotes: `ワシントン宣言`, `日米首脳共同声明`,
/// `核不拡散条約（NPT）`.
fn unquoted_names(text: &str) -> Vec<Found> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |k: usize| chars.get(k).map_or(text.len(), |c| c.0);
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let rest = &text[chars[i].0..];
        let Some((w, kind)) = SOURCE_WORDS
            .iter()
            .find(|(w, k)| rest.starts_with(w) && *k != CitationKind::Law && *w != "合意" && *w != "提言")
            .copied()
        else {
            i += 1;
            continue;
        };
        let end_k = i + w.chars().count();
        // Not inside a longer word (協定締結 is fine, 声明文 is not a title either way).
        let mut start = i;
        while start > 0 && i - start < 25 {
            let c = chars[start - 1].1;
            let counter = matches!(c, 'か' | 'ヶ' | 'カ')
                && start >= 2
                && (is_digit(chars[start - 2].1) || "一二三四五六七八九十".contains(chars[start - 2].1));
            if is_term_char(c) || counter {
                start -= 1;
            } else {
                break;
            }
        }
        // Drop a leading year (`2005年六か国協議共同声明`) and an ordinal/count.
        while start < i && (is_digit(chars[start].1) || chars[start].1 == '年') {
            start += 1;
        }
        while start < i && matches!(chars[start].1, '・' | '･') {
            start += 1;
        }
        let name = &text[at(start)..at(i)];
        let full = &text[at(start)..at(end_k)];
        let acronym_after = {
            let a = &text[at(end_k)..];
            a.strip_prefix(['（', '('])
                .and_then(|x| x.split([')', '）']).next())
                .is_some_and(|x| {
                    let t = x.split([':', '：']).next().unwrap_or(x).trim();
                    t.len() >= 2
                        && t.chars()
                            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-')
                })
        };
        let named = name.chars().count() >= 2
            && (name
                .chars()
                .any(|c| matches!(c, '\u{30A1}'..='\u{30FA}') || c.is_ascii_alphabetic())
                || starts_with_two_countries(name)
                || ["国連", "首脳", "会合", "協議", "会議", "サミット"]
                    .iter()
                    .any(|b| name.contains(b))
                || acronym_after);
        // `報告書 A Sharper Choice…`: the English title names it (see `english_titles`).
        let titled = kind == CitationKind::Report && {
            let a = &text[at(end_k)..];
            let t = a.trim_start_matches(is_space);
            t.len() < a.len() && t.starts_with(|c: char| c.is_ascii_uppercase())
        };
        if named && !titled && !full.starts_with(w) && !verb_follows(&text[at(end_k)..]) {
            out.push(Found {
                range: at(start)..at(end_k),
                label: full.to_string(),
                kind,
                key: fold_key(full),
            });
            i = end_k;
            continue;
        }
        i += 1;
    }
    out
}

/// `宣言し`, `声明する`: the source word is a verb here, not a document.
fn verb_follows(after: &str) -> bool {
    after.starts_with(['し', 'す', 'さ', 'せ'])
}

/// `日米…`, `米韓…`, `日中韓…`: a name of a meeting or agreement between countries.
fn starts_with_two_countries(name: &str) -> bool {
    name.chars().take(2).filter(|&c| COUNTRIES.contains(c)).count() == 2
}

/// English titles: in double quotes in notes (`"Pacific Security Maritime Exchange,"`), and after
/// a source word (`報告書 A Sharper Choice on North Korea（`).
fn english_titles(text: &str, note: bool) -> Vec<Found> {
    let mut out = Vec::new();
    if note {
        let mut from = 0;
        while let Some(k) = text[from..].find(['"', '“']) {
            let start = from + k;
            let q = text[start..].chars().next().map_or(1, char::len_utf8);
            let close = if text[start..].starts_with('“') { '”' } else { '"' };
            let Some(len) = text[start + q..].find(close) else {
                break;
            };
            let inside = &text[start + q..start + q + len];
            let end = start + q + len + close.len_utf8();
            let label = inside.trim().trim_end_matches([',', '.']);
            if label.split_whitespace().count() >= 2 && label.chars().next().is_some_and(|c| c.is_ascii_uppercase()) {
                out.push(Found {
                    range: start..end,
                    label: label.to_string(),
                    kind: CitationKind::Report,
                    key: fold_key(label),
                });
            }
            from = end;
        }
    }
    for (w, kind) in [("報告書", CitationKind::Report), ("レポート", CitationKind::Report)] {
        let mut from = 0;
        while let Some(k) = text[from..].find(w) {
            let after = from + k + w.len();
            from = after;
            let rest = &text[after..];
            let lead = rest.len() - rest.trim_start_matches(is_space).len();
            if lead == 0 {
                continue;
            }
            let title_start = after + lead;
            let title: &str = {
                let t = &text[title_start..];
                let stop = t
                    .char_indices()
                    .find(|&(_, c)| !(c.is_ascii_alphanumeric() || " -:',&.?!".contains(c)))
                    .map_or(t.len(), |(b, _)| b);
                t[..stop].trim_end()
            };
            let words = title.split_whitespace().count();
            if words >= 2 && title.starts_with(|c: char| c.is_ascii_uppercase()) {
                out.push(Found {
                    range: title_start..title_start + title.len(),
                    label: title.to_string(),
                    kind,
                    key: fold_key(title),
                });
            }
        }
    }
    out
}
