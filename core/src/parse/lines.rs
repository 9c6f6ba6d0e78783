//! What is each line? Splitting the source into lines and recognising the line-level shapes:
//! headings, list items, date lines, figure captions, rules. Decisions that need context
//! (is this a heading or a wrapped sentence?) are made by the caller.

use crate::model::DateKind;
use crate::text::chars::{ends_sentence, is_digit, is_kana, is_kanji, is_space, width};
use crate::text::dates::find_date;

/// One source line.
#[derive(Debug, Clone)]
pub(crate) struct Line<'a> {
    /// 1-based line number.
    pub no: usize,
    /// Content without line ending and surrounding whitespace.
    pub text: &'a str,
    /// Whether the line starts with a full-width space: the Japanese paragraph indent
    /// (ASCII spaces at a line start are PDF page-break residue and mean nothing).
    pub indent: bool,
    /// Whether a form feed (a page break) stood right before this line.
    pub after_form_feed: bool,
    /// Whether the line starts with three full-width spaces or more (set off: centred or
    /// pushed right in texts that are not wrapped).
    pub set_off: bool,
    /// Characters before `text` on the source line (its layout column).
    pub lead: usize,
}

/// Split into lines (LF, CRLF, CR; form feeds are page breaks, i.e. blank lines).
pub(crate) fn split_lines(src: &str) -> Vec<Line<'_>> {
    let src = src.strip_prefix('\u{FEFF}').unwrap_or(src);
    let mut out = Vec::new();
    // A form feed applies to the next line that is kept.
    let mut form_feed = false;
    for (i, raw) in src.split('\n').enumerate() {
        let mut rest = raw;
        let mut first = true;
        loop {
            let cut = rest.find(['\r', '\u{000C}']);
            let part = cut.map_or(rest, |k| &rest[..k]);
            if first || !part.is_empty() {
                out.push(Line {
                    no: i + 1,
                    indent: part.starts_with('\u{3000}'),
                    text: part.trim_matches(|c: char| is_space(c) || c.is_control()),
                    after_form_feed: form_feed,
                    set_off: part.starts_with("\u{3000}\u{3000}\u{3000}"),
                    lead: part.chars().take_while(|&c| is_space(c) || c.is_control()).count(),
                });
                form_feed = false;
            }
            first = false;
            let Some(k) = cut else { break };
            form_feed |= rest[k..].starts_with('\u{000C}');
            rest = &rest[k + 1..];
        }
    }
    out
}

/// Two text columns printed side by side on the same lines (layout-preserving PDF extraction):
/// per page (form feed to form feed), when many lines have a second piece of text starting at
/// the same character column after a run of spaces, the lines are cut there and the page is
/// read left column first, then right column. Pieces keep their source line numbers.
pub(crate) fn unfold_columns(lines: Vec<Line<'_>>) -> Vec<Line<'_>> {
    let mut out = Vec::with_capacity(lines.len());
    let mut start = 0;
    while start < lines.len() {
        let end = start
            + 1
            + lines[start + 1..]
                .iter()
                .position(|l| l.after_form_feed)
                .unwrap_or(lines.len() - start - 1);
        unfold_page(&lines[start..end], &mut out);
        start = end;
    }
    out
}

/// Where the right piece of a line starts (character column) after each run of 3+ spaces.
fn right_starts(l: &Line<'_>) -> Vec<(usize, usize)> {
    let mut starts = Vec::new();
    let mut run = 0;
    for (k, (at, c)) in l.text.char_indices().enumerate() {
        if c == ' ' {
            run += 1;
        } else {
            if run >= 3 {
                starts.push((l.lead + k, at));
            }
            run = 0;
        }
    }
    starts
}

fn unfold_page<'a>(page: &[Line<'a>], out: &mut Vec<Line<'a>>) {
    let texts = page.iter().filter(|l| !l.text.is_empty()).count();
    let mut counts: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    for l in page {
        let mut seen = Vec::new();
        for (col, _) in right_starts(l) {
            for c in col.saturating_sub(1)..=col + 1 {
                if !seen.contains(&c) {
                    seen.push(c);
                    *counts.entry(c).or_default() += 1;
                }
            }
        }
        if l.lead >= 30 && !l.text.contains("   ") {
            // A line of the right column alone.
            for c in l.lead.saturating_sub(1)..=l.lead + 1 {
                if !seen.contains(&c) {
                    seen.push(c);
                    *counts.entry(c).or_default() += 1;
                }
            }
        }
    }
    let gutter = counts
        .iter()
        .filter(|&(&c, &n)| c >= 30 && n >= 6 && n * 10 >= texts * 2)
        .max_by_key(|&(&c, &n)| (n, std::cmp::Reverse(c)))
        .map(|(&c, _)| c);
    let Some(gutter) = gutter else {
        out.extend(page.iter().cloned());
        return;
    };
    let cut_at = |l: &Line<'_>| {
        right_starts(l)
            .into_iter()
            .find(|&(col, _)| col + 1 >= gutter && col <= gutter + 4)
    };
    // Only the lines from the first to the last cut line are in columns (the page's head and
    // foot, its number and notes, run across).
    let first = page.iter().position(|l| cut_at(l).is_some()).unwrap_or(0);
    let last = page.iter().rposition(|l| cut_at(l).is_some()).unwrap_or(0);
    out.extend(page[..first].iter().cloned());
    let mut right = Vec::new();
    for l in &page[first..=last] {
        match cut_at(l) {
            Some((_, at)) => {
                let left = l.text[..at].trim_end_matches(is_space);
                let mut r = l.clone();
                r.text = &l.text[at..];
                r.after_form_feed = false;
                r.indent = false;
                r.set_off = false;
                right.push(r);
                let mut lft = l.clone();
                lft.text = left;
                out.push(lft);
            }
            None if l.lead + 1 >= gutter && !l.text.is_empty() => {
                let mut r = l.clone();
                r.after_form_feed = false;
                right.push(r);
            }
            None => out.push(l.clone()),
        }
    }
    out.extend(right);
    out.extend(page[last + 1..].iter().cloned());
}

/// A bare page number left by PDF extraction: `12`, `- 12 -`, `— 3 —`, `p. 4`, `12 ページ`, `(5)`.
pub(crate) fn is_page_number(s: &str) -> bool {
    let core = s.trim_matches(|c: char| {
        is_space(c) || matches!(c, '-' | '–' | '—' | '―' | '－' | 'ー' | '(' | ')' | '（' | '）')
    });
    let core = core
        .strip_prefix("p.")
        .or_else(|| core.strip_prefix("P."))
        .unwrap_or(core);
    let core = core
        .strip_suffix("ページ")
        .or_else(|| core.strip_suffix("頁"))
        .unwrap_or(core);
    let core = core.trim_matches(is_space);
    !core.is_empty() && core.chars().count() <= 4 && core.chars().all(is_digit)
}

/// Whether a page number line is in brackets (`(5)`), a shape that notes and enumerations share.
fn bracketed_number(s: &str) -> bool {
    s.starts_with(['(', '（'])
}

/// The value of a page number line, if it is a bare number (`12`, `- 12 -`, `p. 4`).
fn page_value(s: &str) -> Option<u32> {
    if !is_page_number(s) || bracketed_number(s) {
        return None;
    }
    let digits: String = s.chars().filter(|&c| is_digit(c)).collect();
    crate::text::chars::parse_number(&digits)
}

/// Page furniture: page numbers and running headers/footers that PDF extraction leaves between
/// pages. Returns, for each line, why it is furniture (`None`: it is text).
///
/// A removal needs page evidence; repetition alone is none (a recurring sub-heading, a speaker
/// label, （拍手） are text). The evidence is a form feed, or page number lines that count up
/// through the document, or a page number that says what it is (`- 12 -`, `p. 4`). With form
/// feeds, a page number is a number line next to a page break (at most one line between); a
/// running head is a short line repeated next to page breaks (at most three lines between) at
/// two places or more (the two sides of a page number line are two places).
pub(crate) fn page_furniture(lines: &[Line<'_>]) -> Vec<Option<crate::model::RemovalReason>> {
    use crate::model::RemovalReason;
    let n = lines.len();
    let mut out: Vec<Option<RemovalReason>> = vec![None; n];
    let form_feeds = lines.iter().any(|l| l.after_form_feed);
    // `breaks[i]`: a page break stands before line i (i == n: the end of the text).
    let mut breaks = vec![false; n + 1];
    if form_feeds {
        for (i, l) in lines.iter().enumerate() {
            breaks[i] |= l.after_form_feed;
        }
        breaks[0] = true;
        breaks[n] = true;
    } else {
        // No form feeds: page numbers that count up (three or more, each above the one before)
        // are the page breaks.
        let numbers: Vec<(usize, u32)> = lines
            .iter()
            .enumerate()
            .filter_map(|(i, l)| page_value(l.text).map(|v| (i, v)))
            .collect();
        for (k, &(i, v)) in numbers.iter().enumerate() {
            let up_before = k > 0 && numbers[k - 1].1 < v;
            let up_after = numbers.get(k + 1).is_some_and(|&(_, w)| w > v);
            // `- 12 -`, `p. 4`, `12 ページ` say what they are.
            let decorated = !lines[i].text.chars().all(is_digit);
            if decorated || numbers.len() >= 3 && (up_before || up_after) {
                out[i] = Some(RemovalReason::PageNumber);
                breaks[i] = true;
                breaks[i + 1] = true;
            }
        }
        // A text with pages starts and ends at a page edge.
        if breaks.iter().any(|&b| b) {
            breaks[0] = true;
            breaks[n] = true;
        }
    }
    if !breaks.iter().any(|&b| b) {
        return out;
    }
    // Furniture found moves the text's lines closer to the break (a page foot of a page
    // number, a running foot and a title set one character per line): repeat until nothing
    // more is found, a bounded number of times.
    for _ in 0..64 {
        if !furniture_pass(lines, &breaks, form_feeds, &mut out) {
            break;
        }
    }
    // Pieces of a running head next to it (a layer of the page's title split into fragments:
    // `第` `第1` `1章` `章 国際情勢…` beside `第1章 国際情勢…`), before the same page break.
    let mut heads: Vec<String> = lines
        .iter()
        .zip(&out)
        .filter(|(_, f)| **f == Some(RemovalReason::RunningHead))
        .map(|(l, _)| {
            l.text
                .split(is_space)
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|h| h.chars().count() >= 4)
        .collect();
    heads.sort_unstable();
    heads.dedup();
    // Pages have a few heads; many distinct ones are no layer of titles to look into.
    heads.truncate(16);
    if !heads.is_empty() {
        for i in 0..n {
            let t = lines[i].text;
            if out[i].is_some() || t.is_empty() || t.chars().count() >= 40 {
                continue;
            }
            // Pieces stand in the few lines before the head, nothing but pieces between.
            let piece = |t: &str| heads.iter().any(|h| h.contains(t));
            let head_at = (i + 1..n.min(i + 6)).find(|&j| out[j] == Some(RemovalReason::RunningHead));
            let near = head_at.is_some_and(|h| {
                (i + 1..h).all(|j| lines[j].text.is_empty() || out[j].is_some() || piece(lines[j].text))
            });
            if near && piece(t) {
                out[i] = Some(RemovalReason::RunningHead);
            }
        }
    }
    // A chapter heading before any text is the document's own title, though later pages
    // repeat it as their running head.
    if let Some(i) = lines.iter().zip(&out).position(|(l, f)| {
        !l.text.is_empty() && f.is_none()
            || f.is_some_and(|r| r == RemovalReason::RunningHead)
                && heading(l.text).is_some_and(|h| h.style == HeadingStyle::Chapter)
    }) {
        if out[i] == Some(RemovalReason::RunningHead) {
            out[i] = None;
        }
    }
    out
}

/// A chapter heading with its title (`第1章 国際情勢認識と日本外交の展望`, not a bare `第1章`)
/// on the first page of a text with form feeds that `furniture` found to be the pages' running
/// head: the chapter's title. Only the first such line; `None` without pages.
pub(crate) fn first_page_chapter(
    lines: &[Line<'_>],
    furniture: &[Option<crate::model::RemovalReason>],
) -> Option<String> {
    let end = lines.iter().skip(1).position(|l| l.after_form_feed)? + 1;
    (0..end.min(furniture.len())).find_map(|i| {
        let t = lines[i].text;
        let titled = t
            .split_once('章')
            .is_some_and(|(_, rest)| rest.trim_matches(is_space).chars().count() >= 2);
        (furniture[i] == Some(crate::model::RemovalReason::RunningHead)
            && titled
            && heading(t).is_some_and(|h| h.style == HeadingStyle::Chapter))
        .then(|| {
            t.split(is_space)
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
    })
}

/// One pass of [`page_furniture`] over the lines not yet found: whether it found any.
fn furniture_pass(
    lines: &[Line<'_>],
    breaks: &[bool],
    form_feeds: bool,
    out: &mut [Option<crate::model::RemovalReason>],
) -> bool {
    use crate::model::RemovalReason;
    let n = lines.len();
    let mut found = false;
    // Non-blank lines between each line and the nearest page break before / after it, and
    // which break that is.
    let mut before = vec![(usize::MAX, 0); n];
    let mut seen: Option<(usize, usize)> = None;
    for i in 0..n {
        if breaks[i] {
            seen = Some((0, i));
        }
        before[i] = seen.unwrap_or((usize::MAX, 0));
        if !lines[i].text.is_empty() && out[i].is_none() {
            seen = seen.map(|(d, b)| (d + 1, b));
        }
    }
    let mut after = vec![(usize::MAX, 0); n];
    let mut seen: Option<(usize, usize)> = None;
    for i in (0..n).rev() {
        if breaks[i + 1] {
            seen = Some((0, i + 1));
        }
        after[i] = seen.unwrap_or((usize::MAX, 0));
        if !lines[i].text.is_empty() && out[i].is_none() {
            seen = seen.map(|(d, b)| (d + 1, b));
        }
    }
    let nearest = |i: usize| before[i].min(after[i]);
    let distance = |i: usize| nearest(i).0;
    if form_feeds {
        for (i, l) in lines.iter().enumerate() {
            let near = if bracketed_number(l.text) { 0 } else { 1 };
            if out[i].is_none() && is_page_number(l.text) && distance(i) <= near {
                out[i] = Some(RemovalReason::PageNumber);
                found = true;
            }
        }
    }
    // Running heads: the same short line next to two page breaks or more.
    // Compared with spaces collapsed (layout extraction pads the same head differently).
    let key = |t: &str| {
        t.split(is_space)
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut places: std::collections::HashMap<String, Vec<usize>> = std::collections::HashMap::new();
    for (i, l) in lines.iter().enumerate() {
        let shaped = form_feeds || heading(l.text).is_none();
        if out[i].is_none()
            && !l.text.is_empty()
            && width(l.text) <= 40.0
            // A bare bullet glyph (`○`) is the text's, however often it stands near a page edge.
            && l.text.chars().any(char::is_alphanumeric)
            && shaped
            && !is_rule(l.text)
            && distance(i) <= 3
        {
            let at = places.entry(key(l.text)).or_default();
            let b = nearest(i).1;
            if at.len() < 2 && !at.contains(&b) {
                at.push(b);
            }
        }
    }
    for (i, l) in lines.iter().enumerate() {
        if out[i].is_none()
            && distance(i) <= 3
            && !l.text.is_empty()
            && width(l.text) <= 40.0
            && places.get(&key(l.text)).is_some_and(|p| p.len() >= 2)
        {
            out[i] = Some(RemovalReason::RunningHead);
            found = true;
        }
    }
    found
}

/// A table-of-contents entry: a title, a run of leader dots and a page number.
fn toc_entry(t: &str) -> bool {
    let body = t.trim_end_matches(|c: char| is_digit(c) || is_space(c));
    if body.len() == t.len() {
        return false;
    }
    let leaders = body
        .chars()
        .rev()
        .take_while(|&c| matches!(c, '.' | '．' | '…' | '‥' | '・' | '･' | '·') || is_space(c))
        .filter(|c| !is_space(*c))
        .count();
    leaders >= 4
}

/// Tables of contents: runs of three entries or more (blank lines between allowed), with the
/// 目次 / Contents line above them. Returns the line indices.
pub(crate) fn table_of_contents(lines: &[Line<'_>]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !toc_entry(lines[i].text) {
            i += 1;
            continue;
        }
        let start = i;
        let mut entries = Vec::new();
        while i < lines.len() && (lines[i].text.is_empty() || toc_entry(lines[i].text)) {
            if !lines[i].text.is_empty() {
                entries.push(i);
            }
            i += 1;
        }
        if entries.len() >= 3 {
            let title = lines[..start].iter().rposition(|l| !l.text.is_empty());
            if let Some(t) = title.filter(|&t| {
                let bare: String = lines[t].text.chars().filter(|c| !is_space(*c)).collect();
                matches!(bare.as_str(), "目次" | "もくじ" | "Contents" | "CONTENTS" | "目録")
            }) {
                out.push(t);
            }
            out.extend(entries);
        }
    }
    out
}

/// A heading style: the same style means the same level within a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum HeadingStyle {
    /// `#`… Markdown headings (count of `#`).
    Markdown(usize),
    /// `第12章`.
    Chapter,
    /// `1.` / `1．` / `1 ` numbering.
    Numbered,
    /// `1.1` numbering.
    SubNumbered,
    /// `(1)` / `（1）`.
    Parenthesised,
    /// `一、` kanji numbering.
    KanjiNumbered,
    /// A short line set off by full-width spaces in a text of one paragraph per line.
    SetOff,
    /// `ア 見出し`: a katakana in アイウエオ order, a space, a title.
    Kana,
    /// `（ア）見出し`.
    ParenthesisedKana,
    /// A bullet glyph run: `●`, `◆◆`, `■`…
    Glyph(String),
    /// 序, はじめに, おわりに, 結び, 提言… (always top level).
    Named,
}

/// A recognised heading line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HeadingLine {
    pub style: HeadingStyle,
    /// Title as displayed (numbering kept, glyph bullets and `#` removed).
    pub title: String,
}

const NAMED: &[&str] = &[
    "序",
    "序論",
    "序章",
    "序文",
    "はじめに",
    "はじめ",
    "まえがき",
    "緒言",
    "結び",
    "むすび",
    "結論",
    "結語",
    "おわりに",
    "終わりに",
    "まとめ",
    "提言",
    "あとがき",
    "要旨",
    "要約",
    "概要",
    "参考文献",
    "注",
    "註",
    "注釈",
    "脚注",
    "謝辞",
    "付記",
    "Introduction",
    "Conclusion",
    "Notes",
    "References",
];

/// Katakana used to number sections, in order (アイウエオ…).
const KANA_ORDER: &str = "アイウエオカキクケコサシスセソタチツテトナニヌネノ";

/// Headings of a notes section (with or without a symbol or brackets around them).
const NOTES_HEADINGS: &[&str] = &["注", "註", "注釈", "脚注", "原注", "訳注", "参照", "參照", "出典"];

/// A notes section's heading, maybe behind a symbol or in brackets: `＊注`, `【注】`, `參照`.
pub(crate) fn is_notes_heading(s: &str) -> bool {
    let bare = s
        .trim_start_matches(|c: char| "*＊※■□◆◇●○◎・†‡#".contains(c) || is_space(c))
        .trim_start_matches(['【', '〔', '［', '[', '(', '（'])
        .trim_end_matches(['】', '〕', '］', ']', ')', '）', ':', '：']);
    NOTES_HEADINGS.contains(&bare) || ["Notes", "References"].contains(&bare)
}

fn is_dash(c: char) -> bool {
    matches!(
        c,
        '―' | '—' | '─' | '–' | '－' | '-' | '〜' | '～' | ':' | '：' | '\u{0336}' | '・'
    )
}

/// A short line that may be a heading: not a sentence.
fn heading_sized(s: &str) -> bool {
    let w = width(s);
    w > 0.0 && w <= 60.0 && !s.ends_with(['。', '、', '，', ','])
}

/// Recognise a heading by its shape alone.
pub(crate) fn heading(s: &str) -> Option<HeadingLine> {
    if s.is_empty() {
        return None;
    }
    // Markdown.
    let hashes = s.chars().take_while(|&c| c == '#').count();
    if (1..=6).contains(&hashes) {
        let rest = s[hashes..].trim_start();
        if rest.len() < s.len() - hashes && !rest.is_empty() {
            return Some(HeadingLine {
                style: HeadingStyle::Markdown(hashes),
                title: rest.to_string(),
            });
        }
    }
    if !heading_sized(s) {
        return None;
    }
    if is_notes_heading(s) {
        return Some(HeadingLine {
            style: HeadingStyle::Named,
            title: s.to_string(),
        });
    }
    // Named (optionally followed by a dash and a subtitle).
    for name in NAMED {
        if let Some(rest) = s.strip_prefix(name) {
            if rest.is_empty() || rest.starts_with(|c: char| is_dash(c) || is_space(c)) {
                return Some(HeadingLine {
                    style: HeadingStyle::Named,
                    title: s.to_string(),
                });
            }
        }
    }
    let first = s.chars().next()?;
    // Chapter: 第12章 / 第 12 章 / 第十二章.
    if first == '第' {
        let rest: String = s.chars().skip(1).take(8).collect();
        if let Some(i) = rest.find('章') {
            let num = rest[..i].trim();
            if !num.is_empty()
                && num
                    .chars()
                    .all(|c| is_digit(c) || is_space(c) || "一二三四五六七八九十百".contains(c))
            {
                return Some(HeadingLine {
                    style: HeadingStyle::Chapter,
                    title: s.to_string(),
                });
            }
        }
    }
    // Glyph bullets.
    const GLYPHS: &str = "●◆■◇□▼▽▲△▶▷○◎◉★☆";
    if GLYPHS.contains(first) {
        let run: String = s.chars().take_while(|&c| GLYPHS.contains(c)).collect();
        let title = s[run.len()..].trim_start_matches(is_space);
        if !title.is_empty() && !ends_sentence(title) || title.ends_with(['？', '?']) {
            return Some(HeadingLine {
                style: HeadingStyle::Glyph(run),
                title: title.to_string(),
            });
        }
        return None;
    }
    if ends_sentence(s) && !s.ends_with(['？', '?']) {
        return None;
    }
    // Katakana enumeration: ア 見出し / （ア）見出し.
    let mut chars = s.chars();
    let (a, b, c) = (chars.next(), chars.next(), chars.next());
    if let (Some(a), Some(b)) = (a, b) {
        if KANA_ORDER.contains(a) && is_space(b) && c.is_some_and(|c| !is_space(c)) {
            return Some(HeadingLine {
                style: HeadingStyle::Kana,
                title: s.to_string(),
            });
        }
        if matches!(a, '(' | '（') && KANA_ORDER.contains(b) && matches!(c, Some(')' | '）')) {
            let rest = s[a.len_utf8() + b.len_utf8() + c.map_or(0, char::len_utf8)..].trim();
            if !rest.is_empty() {
                return Some(HeadingLine {
                    style: HeadingStyle::ParenthesisedKana,
                    title: s.to_string(),
                });
            }
        }
    }
    // Parenthesised number: (1) / （1）.
    if matches!(first, '(' | '（') {
        let inner: String = s.chars().skip(1).take_while(|&c| is_digit(c)).collect();
        let after = s.chars().nth(1 + inner.chars().count());
        if !inner.is_empty() && inner.chars().count() <= 2 && matches!(after, Some(')' | '）')) {
            let rest: String = s.chars().skip(2 + inner.chars().count()).collect();
            if !rest.trim().is_empty() {
                return Some(HeadingLine {
                    style: HeadingStyle::Parenthesised,
                    title: s.to_string(),
                });
            }
        }
        return None;
    }
    // Numbered: 1. / 1．/ 1.1
    if is_digit(first) {
        let digits: String = s.chars().take_while(|&c| is_digit(c)).collect();
        let n = digits.chars().count();
        if n > 2 {
            return None;
        }
        let mut rest = s.chars().skip(n).peekable();
        let sep = rest.next()?;
        if matches!(sep, '.' | '．') {
            let next = *rest.peek()?;
            if is_digit(next) {
                // 1.1 heading, but not a decimal like 1.5 inside a sentence.
                let sub: String = rest.clone().take_while(|&c| is_digit(c)).collect();
                let after: String = rest.skip(sub.chars().count()).collect();
                let after = after.trim_start_matches(['.', '．']);
                if after.starts_with(is_space) || after.starts_with(|c: char| is_kanji(c) || is_kana(c)) {
                    return Some(HeadingLine {
                        style: HeadingStyle::SubNumbered,
                        title: s.to_string(),
                    });
                }
                return None;
            }
            if is_space(next)
                || is_kanji(next)
                || is_kana(next)
                || matches!(next, '「' | '『' | '“')
                || next.is_alphabetic()
            {
                return Some(HeadingLine {
                    style: HeadingStyle::Numbered,
                    title: s.to_string(),
                });
            }
        }
        return None;
    }
    // Kanji numbering: 一、 / 二．
    if "一二三四五六七八九十".contains(first) {
        let run: String = s.chars().take_while(|&c| "一二三四五六七八九十".contains(c)).collect();
        let after = s[run.len()..].chars().next();
        if run.chars().count() <= 3 && matches!(after, Some('、' | '．' | '.' | '　' | ' ')) {
            return Some(HeadingLine {
                style: HeadingStyle::KanjiNumbered,
                title: s.to_string(),
            });
        }
    }
    None
}

/// A list item: bullet glyph and its text. Circled numbers (`①…`) are enumerations: the
/// number stays in the text.
pub(crate) fn list_item(s: &str) -> Option<&str> {
    let first = s.chars().next()?;
    if ('①'..='⑳').contains(&first) {
        return (s.chars().count() > 1).then_some(s);
    }
    let rest = &s[first.len_utf8()..];
    match first {
        '•' | '・' | '‣' | '◦' | '▪' | '-' | '*' | '‐' | '–' | '＊' | '－' => {
            let spaced = rest.starts_with(is_space);
            let text = rest.trim_start_matches(is_space);
            // `・` and `•` are list markers even without a space; `-`/`*` need one (Markdown).
            let ok = !text.is_empty() && (spaced || matches!(first, '•' | '・' | '‣' | '◦' | '▪'));
            // `---`, `- - -` are rules, not items.
            (ok && !text.chars().all(|c| c == first || is_space(c))).then_some(text)
        }
        _ => None,
    }
}

/// Whether a line is a horizontal rule or a section break (`---`, `***`, `―――`, `×　×　×`).
pub(crate) fn is_rule(s: &str) -> bool {
    let mut chars = s.chars().filter(|&c| !is_space(c));
    let Some(first) = chars.next() else {
        return false;
    };
    matches!(
        first,
        '-' | '*' | '_' | '―' | '─' | '━' | '＝' | '=' | '×' | '＊' | '☆' | '★' | '◇' | '◆'
    ) && s.chars().filter(|&c| !is_space(c)).count() >= 3
        && chars.all(|c| c == first)
}

const PUBLISHED: &[&str] = &[
    "所載",
    "発布",
    "公布",
    "発行",
    "掲載日",
    "公開日",
    "発行日",
    "発表日",
    "配信日",
    "投稿日",
    "初出",
    "更新日",
    "最終更新",
    "Published",
];
const COMPLETED: &[&str] = &["脱稿日", "脱稿", "校了", "執筆日", "執筆", "作成日", "稿了", "Written"];

/// A date line: the whole line is a labelled date (`掲載日：2024年5月7日`, `(2025年4月16日校了)`)
/// or, with `bare_ok`, just a date.
pub(crate) fn date_line(s: &str, bare_ok: bool) -> Option<(String, DateKind)> {
    if width(s) > 40.0 {
        return None;
    }
    let digits = date_digits(s);
    let s: &str = &digits;
    let found = find_date(s)?;
    let before = &s[..found.span.start];
    let after = &s[found.span.end..];
    // `（明治三十三年二月十七日、衆議院提出）`: a parenthesis that opens with the date and says
    // where or what it is after a comma.
    let bracketed = matches!(before, "（" | "(")
        && after.starts_with(['、', '，', ','])
        && s.ends_with(['）', ')'])
        && !after
            .trim_end_matches(['）', ')'])
            .contains(['（', '(', '）', ')', '。']);
    let kind = if PUBLISHED.iter().any(|l| s.contains(l)) {
        DateKind::Published
    } else if COMPLETED.iter().any(|l| s.contains(l)) {
        DateKind::Completed
    } else if bracketed {
        DateKind::Other
    } else {
        // Nothing but the date (and brackets) on the line.
        let rest: String = format!("{before}{after}");
        let only_date = rest.chars().all(|c| is_space(c) || "()（）[]［］【】".contains(c));
        // `一九四七年五月二日廃止`: the date and a word for what happened on it.
        let labelled = before.is_empty() && (1..=4).contains(&after.chars().count()) && after.chars().all(is_kanji);
        if bare_ok && (only_date || labelled) {
            DateKind::Other
        } else {
            return None;
        }
    };
    Some((found.iso, kind))
}

/// Kanji numerals before 年, 月 and 日 as digits, for the date grammar: `明治三十三年二月十七日`
/// → `明治33年2月17日`, `一八八九年` → `1889年`. Other text is unchanged.
pub(crate) fn date_digits(s: &str) -> std::borrow::Cow<'_, str> {
    use crate::text::numerals::{is_kanji_numeral, kanji_number};
    if !s.chars().any(is_kanji_numeral) {
        return std::borrow::Cow::Borrowed(s);
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let run = chars[i..].iter().take_while(|&&c| is_kanji_numeral(c)).count();
        if run == 0 {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let unit = chars.get(i + run).copied();
        let value = matches!(unit, Some('年' | '月' | '日'))
            .then(|| kanji_number(&chars[i..i + run]))
            .flatten();
        match value {
            Some(v) => out.push_str(&v.to_string()),
            None => out.extend(&chars[i..i + run]),
        }
        i += run;
    }
    std::borrow::Cow::Owned(out)
}

/// A standalone figure/table caption line: `【図】…`, `図1 …`, `表 2：…`, `Figure 3.`…
pub(crate) fn figure_caption(s: &str) -> bool {
    if width(s) > 80.0 {
        return false;
    }
    for open in [
        "【図",
        "【表",
        "【写真",
        "【Figure",
        "【Fig",
        "［図",
        "[図",
        "［表",
        "[表",
    ] {
        if s.starts_with(open) {
            return true;
        }
    }
    for label in ["図", "表", "写真", "Figure", "Fig.", "Table", "Photo"] {
        if let Some(rest) = s.strip_prefix(label) {
            let rest = rest.trim_start_matches(is_space);
            let digits = rest
                .chars()
                .take_while(|&c| is_digit(c) || c == '-' || c == '.' || c == '－')
                .count();
            if digits > 0 {
                let after: String = rest.chars().skip(digits).collect();
                return after.is_empty()
                    || after.starts_with(|c: char| is_space(c) || matches!(c, ':' | '：' | '.' | '．' | '　' | '「'));
            }
        }
    }
    false
}

/// Labels of credit parentheses that mark a photo caption.
const CREDIT_LABELS: &[&str] = &["写真", "画像", "撮影", "提供", "Photo", "photo", "PHOTO", "Image"];

/// A photo caption ending a line: returns the byte index where the caption starts and the
/// caption text. The caption runs from after the first space of the line (or the line start)
/// to the credit parenthesis `（写真：…）` that closes the line.
pub(crate) fn trailing_photo_caption(s: &str) -> Option<(usize, &str)> {
    let close = s.chars().next_back()?;
    if !matches!(close, ')' | '）') {
        return None;
    }
    let open_at = s.rfind(['(', '（'])?;
    let inner = &s[open_at..];
    let inner = &inner[inner.chars().next()?.len_utf8()..];
    let labelled = CREDIT_LABELS.iter().any(|l| {
        inner
            .strip_prefix(l)
            .is_some_and(|r| r.starts_with([':', '：', '=', '＝', '/', '／', ' ', '　']))
    });
    if !labelled {
        return None;
    }
    let start = s
        .char_indices()
        .find(|&(_, c)| is_space(c))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    let start = if start > open_at { 0 } else { start };
    let caption = s[start..].trim_start_matches(is_space);
    Some((s.len() - caption.len(), caption))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn style(s: &str) -> Option<HeadingStyle> {
        heading(s).map(|h| h.style)
    }

    #[test]
    fn headings() {
        assert_eq!(style("1.新たな日米韓協力の継続と再確認"), Some(HeadingStyle::Numbered));
        assert_eq!(
            style("1．第五回核実験　「核武装」する北朝鮮"),
            Some(HeadingStyle::Numbered)
        );
        assert_eq!(style("(1)抑止・防衛"), Some(HeadingStyle::Parenthesised));
        assert_eq!(
            style("（2）制裁（sanctions）（不拡散、人権）"),
            Some(HeadingStyle::Parenthesised)
        );
        assert_eq!(
            style("●トランプ政権の登場̶新たな戦略？それとも「忍耐」の継続？"),
            Some(HeadingStyle::Glyph("●".into()))
        );
        assert_eq!(style("◆◆提言"), Some(HeadingStyle::Glyph("◆◆".into())));
        assert_eq!(style("## 正念場を迎える"), Some(HeadingStyle::Markdown(2)));
        assert_eq!(style("第 12章　 北朝鮮の核"), Some(HeadingStyle::Chapter));
        assert_eq!(style("序"), Some(HeadingStyle::Named));
        assert_eq!(style("結び̶第三次核危機に備えて"), Some(HeadingStyle::Named));
        assert_eq!(style("1.1 背景"), Some(HeadingStyle::SubNumbered));
        assert_eq!(heading("◆◆提言").unwrap().title, "提言");
        assert_eq!(style("ア 著作権法で保護される著作物の範囲"), Some(HeadingStyle::Kana));
        assert_eq!(style("（ア）準拠法決定の問題"), Some(HeadingStyle::ParenthesisedKana));
        assert_eq!(style("アメリカの政策"), None);
        for notes in ["＊注", "【注】", "参照", "參照", "※注", "〔註〕"] {
            assert_eq!(style(notes), Some(HeadingStyle::Named), "{notes}");
        }
    }

    #[test]
    fn not_headings() {
        assert_eq!(style("1.5倍に増えた。"), None);
        assert_eq!(
            style("2016年から 2017年にかけて、北朝鮮の核・ミサイル開発は新たな段階に突入した。"),
            None
        );
        assert_eq!(style("序盤の展開は早かった。"), None);
        assert_eq!(style("（1）は重要である。"), None);
        assert_eq!(style("2024年の春"), None);
        assert_eq!(style("#hashtag"), None);
        assert_eq!(style("●これは文である。"), None);
    }

    #[test]
    fn list_items_and_rules() {
        assert_eq!(list_item("• 日米韓協力は"), Some("日米韓協力は"));
        assert_eq!(list_item("・項目"), Some("項目"));
        assert_eq!(list_item("- item"), Some("item"));
        assert_eq!(list_item("-item"), None);
        assert_eq!(list_item("---"), None);
        assert_eq!(list_item("②「関与」：対話"), Some("②「関与」：対話"));
        assert!(is_rule("×　×　×　×　×") && !is_rule("×　2"));
        assert!(is_rule("---") && is_rule("＊＊＊".replace('＊', "*").as_str()) && !is_rule("--"));
    }

    #[test]
    fn date_lines() {
        assert_eq!(
            date_line("掲載日：2024年5月7日", false),
            Some(("2024-05-07".into(), DateKind::Published))
        );
        assert_eq!(
            date_line("(2025年4月16日校了)", false),
            Some(("2025-04-16".into(), DateKind::Completed))
        );
        assert_eq!(
            date_line("（脱稿日2024 年 12 月6日）", false),
            Some(("2024-12-06".into(), DateKind::Completed))
        );
        assert_eq!(
            date_line("2024年5月7日", true),
            Some(("2024-05-07".into(), DateKind::Other))
        );
        assert_eq!(date_line("2024年5月7日", false), None);
        assert_eq!(
            date_line("（明治三十三年二月十七日、衆議院提出）", false),
            Some(("1900-02-17".into(), DateKind::Other))
        );
        assert_eq!(
            date_line("一八八九年二月一一日発布", false),
            Some(("1889-02-11".into(), DateKind::Published))
        );
        assert_eq!(
            date_line("（大正三年十月『藝文』第五年第一〇號所載）", false),
            Some(("1914-10".into(), DateKind::Published))
        );
        assert_eq!(
            date_line("令和６年３月 15 日", true),
            Some(("2024-03-15".into(), DateKind::Other))
        );
        assert_eq!(date_line("（2024年5月7日に会談、その後（略））", false), None);
        assert_eq!(date_line("2024年5月7日に会談が行われた。", true), None);
    }

    #[test]
    fn captions() {
        assert!(figure_caption("【図】北朝鮮の核・ミサイル問題への対応"));
        assert!(figure_caption("図1 日米韓の枠組み"));
        assert!(figure_caption("表 2：制裁決議の一覧"));
        assert!(!figure_caption("図書館で調べた。"));
        let line = "米韓両国とも日 2024 年 11 月の日米韓首脳会談（写真：YONHAP NEWS/アフロ）";
        let (at, cap) = trailing_photo_caption(line).unwrap();
        assert_eq!(&line[..at], "米韓両国とも日 ");
        assert_eq!(cap, "2024 年 11 月の日米韓首脳会談（写真：YONHAP NEWS/アフロ）");
        assert_eq!(trailing_photo_caption("増加した（出典：防衛白書）"), None);
        let (at, _) = trailing_photo_caption("会談の様子（写真：筆者撮影）").unwrap();
        assert_eq!(at, 0);
    }

    #[test]
    fn page_numbers_and_running_headers() {
        assert!(
            is_page_number("12") && is_page_number("- 12 -") && is_page_number("p. 4") && is_page_number("3 ページ")
        );
        assert!(!is_page_number("2016年") && !is_page_number("12345") && !is_page_number(""));
        let lines = split_lines(
            "本文の一行目で\n東アジア研究 2017\n12\n続く文。\n東アジア研究 2017\n本文。\n東アジア研究 2017\n",
        );
        let f: Vec<bool> = page_furniture(&lines).iter().map(Option::is_some).collect();
        // Repetition alone is no evidence of a page.
        assert_eq!(f, vec![false; 8]);
        let lines = split_lines(
            "本文の一行目で\n東アジア研究 2017\n12\n\u{c}続く文。\n東アジア研究 2017\n13\n\u{c}本文。\n司会：\n司会：\n（拍手）\n（拍手）\n",
        );
        let f: Vec<bool> = page_furniture(&lines).iter().map(Option::is_some).collect();
        assert_eq!(
            f,
            vec![false, true, true, false, false, true, true, false, false, false, false, false, false, false]
        );
    }

    #[test]
    fn chapter_running_head_on_the_first_page() {
        let page = |n: u32, head: bool| {
            let mut p = String::new();
            if head {
                p.push_str("第1章 国際情勢と外交\n");
            }
            for k in 0..6 {
                p.push_str(&format!("本文の第{n}頁の第{k}行目がここにある。\n"));
            }
            p.push_str("第1章 国際情勢と外交\n");
            p.push_str(&format!("{n}\n"));
            p
        };
        // The head set at the first page's foot (extraction order), then on every page.
        let text = format!("{}\u{000C}{}\u{000C}{}", page(1, false), page(2, true), page(3, false));
        let lines = split_lines(&text);
        let furniture = page_furniture(&lines);
        assert_eq!(
            first_page_chapter(&lines, &furniture).as_deref(),
            Some("第1章 国際情勢と外交")
        );
        // No pages, or a bare chapter number: nothing.
        let lines = split_lines("第1章 国際情勢と外交\n本文。\n");
        assert_eq!(first_page_chapter(&lines, &page_furniture(&lines)), None);
        let text = "第1章\n本文。\n1\n\u{000C}第1章\n本文。\n2\n";
        let lines = split_lines(text);
        assert_eq!(first_page_chapter(&lines, &page_furniture(&lines)), None);
    }

    #[test]
    fn tables_of_contents() {
        let lines =
            split_lines("本文。\n目次\n１．はじめに........ 2\n（１）経緯 .... 2\n\n２．前提……………… 10\n本文。1.5倍…\n");
        assert_eq!(table_of_contents(&lines), vec![1, 2, 3, 5]);
        assert!(table_of_contents(&split_lines("a.... 1\nb\n")).is_empty());
    }

    #[test]
    fn splits_lines() {
        let l = split_lines("\u{FEFF}a\r\n b\rc\u{000C}d\n");
        let texts: Vec<_> = l.iter().map(|l| l.text).collect();
        assert_eq!(texts, vec!["a", "b", "c", "d", ""]);
    }
}
