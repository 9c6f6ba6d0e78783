//! Which numbers are footnote markers, and where are the note texts?
//!
//! Note texts: a run of lines at the end of the document numbered 1, 2, 3… (`1 text`, `7text`,
//! `10「…`, `(3)`, `[4]`, `注5`, `※6`), each possibly continued on following lines.
//! Markers: digit runs glued to Japanese text or set off by a space, standing before 。、」）
//! or at a line end. Ordinary numbers (決議 2321, 2016年, 第47段落, 60日, 1、2年) are excluded by
//! shape, and the survivors must form the sequence 1, 2, 3… in reading order: the longest such
//! chain is kept.

use super::lines::{date_line, heading, is_notes_heading, HeadingStyle, Line};
use crate::text::chars::{is_cjk, is_digit, is_kana, is_kanji, is_space, parse_number, width};
use crate::text::numerals::is_quantity;
use std::collections::{BTreeSet, HashMap};

/// A note text found at the end of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NoteText {
    pub number: u32,
    pub line: usize,
    /// The note's lines, in order (joined later with the reflow rules).
    pub lines: Vec<String>,
}

/// If `t` starts like a note text, its number and the rest.
fn note_start(t: &str) -> Option<(u32, &str)> {
    // Markdown footnote definition: `[^3]: text`.
    if let Some(r) = t.strip_prefix("[^") {
        let end = r.find("]:")?;
        let number = parse_number(&r[..end]).filter(|&n| n > 0)?;
        let rest = r[end + 2..].trim_start_matches(is_space);
        return (!rest.is_empty()).then_some((number, rest));
    }
    let mut s = t;
    let mut prefixed = false;
    for p in ["注", "註", "※", "＊", "*"] {
        if let Some(r) = s.strip_prefix(p) {
            s = r.trim_start_matches(is_space);
            prefixed = true;
            break;
        }
    }
    let open = s.chars().next().filter(|c| matches!(c, '(' | '（' | '[' | '［'));
    if let Some(o) = open {
        s = &s[o.len_utf8()..];
    }
    let digits_len: usize = s.chars().take_while(|&c| is_digit(c)).map(char::len_utf8).sum();
    if digits_len == 0 || s[..digits_len].chars().count() > 3 {
        return None;
    }
    let number = parse_number(&s[..digits_len])?;
    let mut rest = &s[digits_len..];
    if open.is_some() {
        let close = rest.chars().next().filter(|c| matches!(c, ')' | '）' | ']' | '］'))?;
        rest = &rest[close.len_utf8()..];
    } else if rest.starts_with([')', '）']) {
        rest = rest.trim_start_matches([')', '）']);
    }
    let next = rest.chars().next()?;
    if matches!(next, '.' | '．') {
        // `1.` is a heading unless the line is clearly a note (`注1.`).
        if !prefixed {
            return None;
        }
        rest = &rest[next.len_utf8()..];
    } else if !is_space(next) && open.is_none() {
        // Glued: `7詳細は`, `10「…」`. Not a counter (`1つ`, `2024年`) or another number.
        if is_digit(next)
            || is_quantity(next)
            || next == '、'
            || next == ','
            || next == '，'
            || next == '~'
            || next == '〜'
        {
            return None;
        }
        if !(is_kanji(next)
            || is_kana(next)
            || is_cjk(next)
            || matches!(next, '"' | '“' | '\'' | '‘')
            || next.is_alphabetic())
        {
            return None;
        }
    }
    let rest = rest.trim_start_matches(is_space);
    (!rest.is_empty() && number >= 1).then_some((number, rest))
}

/// Find the notes region: returns the indices of its first line and of the first line after it
/// in `lines` (both `lines.len()` when there is none) and the notes. The region runs to the end
/// of the text, or to a date line closing the text after the notes (`（大正三年十月『藝文』所載）`)
/// followed by at most a few lines.
pub(crate) fn split_region(lines: &[Line<'_>]) -> (usize, usize, Vec<NoteText>) {
    for (start, line) in lines.iter().enumerate() {
        if !matches!(note_start(line.text), Some((1, _))) {
            continue;
        }
        if let Some((notes, len)) = chain_from(&lines[start..]) {
            return (start, start + len, notes);
        }
    }
    (lines.len(), lines.len(), Vec::new())
}

/// Notes set across the page in a text of narrow columns (a two-column page read in column
/// order): a line that opens with a marker's number (`(3) SDGs：Sustainable…`) and is much
/// wider than the column, or glosses a term (`TERM：…`), with the wide lines that continue it.
/// Only numbers in `numbers` (the markers found) count. Returns each note's line range.
pub(crate) fn set_across(
    lines: &[Line<'_>],
    column: f32,
    numbers: &std::collections::BTreeSet<u32>,
) -> Vec<(std::ops::Range<usize>, NoteText)> {
    let mut out: Vec<(std::ops::Range<usize>, NoteText)> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let t = lines[i].text;
        let gloss = |rest: &str| rest.chars().take(16).any(|c| c == '：');
        let Some((n, rest)) = note_start(t).filter(|(n, rest)| {
            numbers.contains(n)
                && t.starts_with(['(', '（'])
                && (width(t) >= 1.4 * column || gloss(rest))
                && !out.iter().any(|(_, o)| o.number == *n)
        }) else {
            i += 1;
            continue;
        };
        let mut note = NoteText {
            number: n,
            line: lines[i].no,
            lines: vec![rest.to_string()],
        };
        let mut j = i + 1;
        while j < lines.len()
            && j < i + 4
            && !lines[j].text.is_empty()
            && width(lines[j].text) > column + 2.0
            && note_start(lines[j].text).is_none()
        {
            note.lines.push(lines[j].text.to_string());
            j += 1;
        }
        out.push((i..j, note));
        i = j;
    }
    out
}

/// Notes printed at the foot of each page (PDF text with form feeds). At a page's end, after
/// the body: groups of note lines, each after a number line (`1`) or opening with its number
/// (`1 https://…`) or set in smaller print (wider than the body's lines); the numbers continue
/// the document's notes (1, 2, 3… across the pages). Extraction may set a note's number line
/// apart from its text (higher up the page, or after the next note), so the texts are matched
/// to the page's numbers in order; a group of short lines (`https://…` one per line) may hold
/// several notes when the numbers say so. A page's notes count only when the page's body has a
/// marker for one of them. `furniture` (the page numbers found) is updated: a number line taken
/// as a note's number is no page number. Returns the notes and the line indices they take.
pub(crate) fn page_feet(
    lines: &[Line<'_>],
    furniture: &mut [Option<crate::model::RemovalReason>],
) -> (Vec<NoteText>, Vec<usize>) {
    use crate::model::RemovalReason;
    let mut notes: Vec<NoteText> = Vec::new();
    let mut taken: Vec<usize> = Vec::new();
    if !lines.iter().any(|l| l.after_form_feed) || furniture.len() != lines.len() {
        return (notes, taken);
    }
    let wrap = super::reflow::Wrap::measure(lines);
    if !wrap.hard {
        return (notes, taken);
    }
    let lone = |t: &str| -> Option<u32> {
        let n = t.chars().count();
        ((1..=3).contains(&n) && t.chars().all(is_digit))
            .then(|| parse_number(t))
            .flatten()
            .filter(|&v| v > 0)
    };
    let mut starts: Vec<usize> = (0..lines.len())
        .filter(|&i| i == 0 || lines[i].after_form_feed)
        .collect();
    starts.push(lines.len());
    let mut next = 1u32;
    let mut last_page: Option<u32> = None;
    // Where the body since the last page's notes starts (for the marker evidence).
    let mut body_from = 0usize;
    for w in starts.windows(2) {
        let (a, b) = (w[0], w[1]);
        // The page's own number: the furniture number line that counts on from the last page,
        // else the last one.
        let numbered: Vec<usize> = (a..b)
            .filter(|&i| furniture[i] == Some(RemovalReason::PageNumber) && lone(lines[i].text).is_some())
            .collect();
        let page_line = numbered
            .iter()
            .copied()
            .find(|&i| last_page.is_some_and(|p| lone(lines[i].text) == Some(p + 1)))
            .or_else(|| numbered.last().copied());
        if let Some(i) = page_line {
            last_page = lone(lines[i].text);
        }
        let usable = |i: usize| {
            Some(i) != page_line
                && matches!(furniture[i], None | Some(RemovalReason::PageNumber))
                && !lines[i].text.is_empty()
        };
        let in_range = |v: u32| v >= next && v < next.saturating_add(30);
        // The foot: groups of text lines from the page's end, each after a number line, opening
        // with its number or in small print.
        let mut groups: Vec<(Vec<usize>, bool)> = Vec::new(); // (lines, by width only)
        let mut numbers: Vec<(u32, usize)> = Vec::new();
        let mut foot_start = b;
        let mut i = b;
        let mut foot_lines = 0usize;
        while i > a {
            let k = i - 1;
            if !usable(k) || lone(lines[k].text).is_some() {
                i -= 1;
                continue;
            }
            // A group of text lines ending at k.
            let mut s = k;
            while s > a && usable(s - 1) && lone(lines[s - 1].text).is_none() {
                s -= 1;
            }
            let before = (a..s).rev().find(|&j| usable(j));
            let after_number = before.is_some_and(|j| lone(lines[j].text).is_some_and(in_range));
            let opens = note_start(lines[s].text).is_some_and(|(v, _)| in_range(v))
                && lines[s].text.starts_with(|c: char| is_digit(c));
            let small = (s..=k).any(|j| width(lines[j].text) > 1.08 * wrap.width);
            foot_lines += k + 1 - s;
            // A note runs a few lines; the foot is a small part of the page.
            if !(after_number || opens || small) || k + 1 - s > 8 || foot_lines > 30 {
                break;
            }
            groups.push(((s..=k).collect(), !(after_number || opens)));
            foot_start = s;
            i = s;
            // The number lines right before the group are the foot's.
            while i > a && (!usable(i - 1) || lone(lines[i - 1].text).is_some()) {
                i -= 1;
                if usable(i) {
                    foot_start = i;
                }
            }
        }
        groups.reverse();
        if groups.is_empty() {
            continue;
        }
        // The numbers: number lines anywhere on the page, and numbers opening a group.
        numbers.extend(
            (a..b)
                .filter(|&j| usable(j))
                .filter_map(|j| lone(lines[j].text).filter(|&v| in_range(v)).map(|v| (v, j))),
        );
        let mut opening: Vec<Option<u32>> = Vec::new();
        for (g, _) in &groups {
            let t = lines[g[0]].text;
            let v = note_start(t)
                .filter(|(v, _)| in_range(*v) && t.starts_with(|c: char| is_digit(c)))
                .map(|(v, _)| v);
            if let Some(v) = v {
                numbers.push((v, g[0]));
            }
            opening.push(v);
        }
        let mut run: Vec<(u32, usize)> = Vec::new();
        while let Some(&found) = numbers.iter().find(|(v, _)| *v == next + run.len() as u32) {
            run.push(found);
        }
        let k = run.len();
        if k == 0 {
            continue;
        }
        // Groups taken by width alone at the top may be body text set wide.
        while groups.len() > k && groups[0].1 && opening[0].is_none() {
            groups.remove(0);
            opening.remove(0);
        }
        if groups.len() > k {
            continue;
        }
        // Too few groups: split groups of short lines (one note per line) where the numbers
        // say so, never before a line that continues in brackets.
        let mut units: Vec<Vec<usize>> = Vec::new();
        if groups.len() < k {
            let need = k - groups.len();
            let short = |j: usize| width(lines[j].text) < 0.8 * wrap.width;
            let cut = |j: usize| short(j - 1) && !lines[j].text.starts_with(['（', '(']);
            let cuts: usize = groups
                .iter()
                .map(|(g, _)| g.iter().skip(1).filter(|&&j| cut(j)).count())
                .sum();
            if cuts != need {
                continue;
            }
            for (g, _) in &groups {
                let mut unit = vec![g[0]];
                for &j in &g[1..] {
                    if cut(j) {
                        units.push(std::mem::take(&mut unit));
                    }
                    unit.push(j);
                }
                units.push(unit);
            }
        } else {
            units = groups.into_iter().map(|(g, _)| g).collect();
        }
        // Evidence: a marker for one of the page's notes in the body since the last notes.
        let body_end = foot_start.max(body_from);
        let mut chars: Vec<char> = Vec::new();
        let mut boundary: Vec<bool> = Vec::new();
        for l in &lines[body_from..body_end] {
            if l.text.is_empty() || lone(l.text).is_some() {
                continue;
            }
            chars.extend(l.text.chars());
            boundary.resize(chars.len(), false);
            if let Some(last) = boundary.last_mut() {
                *last = true;
            }
        }
        if !(next..next + k as u32).any(|n| mentions(&chars, &boundary, n)) {
            continue;
        }
        for (n, (unit, (v, j))) in units.iter().zip(&run).enumerate() {
            let first = lines[unit[0]].text;
            let mut texts: Vec<String> = unit.iter().map(|&u| lines[u].text.to_string()).collect();
            // `1 https://…`: the number opening the line is not the note's text.
            if *j == unit[0] {
                if let Some((_, rest)) = note_start(first) {
                    texts[0] = rest.to_string();
                }
            }
            debug_assert_eq!(*v, next + n as u32);
            notes.push(NoteText {
                number: *v,
                line: lines[unit[0]].no,
                lines: texts,
            });
            taken.extend(unit.iter().copied());
            if *j != unit[0] {
                taken.push(*j);
                furniture[*j] = None;
            }
        }
        next += k as u32;
        body_from = b;
    }
    crate::text::sort::ascending(&mut taken);
    taken.dedup();
    (notes, taken)
}

/// Whether a year (19xx, 20xx) starts at `i`, no digit before it.
fn year_at(chars: &[char], i: usize) -> bool {
    let Some(y) = chars.get(i..i + 4) else { return false };
    y.iter().all(|&c| is_digit(c))
        && matches!(
            (
                crate::text::chars::digit_value(y[0]),
                crate::text::chars::digit_value(y[1])
            ),
            (Some(1), Some(9)) | (Some(2), Some(0))
        )
        && (i == 0 || !is_digit(chars[i - 1]))
}

/// Whether `chars` have `n` where a marker may stand: a marker candidate, or the digits glued
/// to a word (`生成 AI14と`, `計画 20233」`: after a year) with no digit after them.
fn mentions(chars: &[char], boundary: &[bool], n: u32) -> bool {
    let mut cands = Vec::new();
    candidates(0, chars, boundary, &mut cands);
    if cands.iter().any(|c| c.number == n) {
        return true;
    }
    let digits: Vec<char> = n.to_string().chars().collect();
    let d = digits.len();
    (1..chars.len()).any(|i| {
        i + d <= chars.len()
            && chars[i..i + d]
                .iter()
                .zip(&digits)
                .all(|(a, b)| crate::text::chars::digit_value(*a) == b.to_digit(10))
            && chars.get(i + d).is_none_or(|c| !is_digit(*c))
            && (chars[i - 1].is_alphabetic() || i >= 4 && year_at(chars, i - 4))
    })
}

/// Whether the lines before a notes region end with its announcement: a notes heading
/// (`注`, `【注】`, `參照`…) or a rule.
pub(crate) fn announced(before: &[Line<'_>]) -> bool {
    before
        .iter()
        .rev()
        .find(|l| !l.text.is_empty())
        .is_some_and(|l| is_notes_heading(l.text) || super::lines::is_rule(l.text))
}

/// Notes 1, 2, 3… from the first line to the end (or a closing date line), and the number of
/// lines they take; `None` if the lines are not such a run.
fn chain_from(lines: &[Line<'_>]) -> Option<(Vec<NoteText>, usize)> {
    let mut notes: Vec<NoteText> = Vec::new();
    let mut continuation_lines = 0usize;
    for (k, line) in lines.iter().enumerate() {
        let t = line.text;
        if t.is_empty() {
            continue;
        }
        if !notes.is_empty() && date_line(t, false).is_some() {
            let after = lines[k + 1..].iter().filter(|l| !l.text.is_empty()).count();
            return (after <= 3).then_some((notes, k));
        }
        let expected = notes.len() as u32 + 1;
        match note_start(t) {
            Some((n, rest)) if n == expected => {
                notes.push(NoteText {
                    number: n,
                    line: line.no,
                    lines: vec![rest.to_string()],
                });
                continue;
            }
            _ => {}
        }
        // A continuation line: not a section heading, and notes do not run on for pages.
        if let Some(h) = heading(t) {
            if matches!(
                h.style,
                HeadingStyle::Markdown(_) | HeadingStyle::Named | HeadingStyle::Glyph(_) | HeadingStyle::Chapter
            ) {
                return None;
            }
        }
        continuation_lines += 1;
        if continuation_lines > 4 * notes.len() + 2 {
            return None;
        }
        notes.last_mut()?.lines.push(t.to_string());
    }
    (!notes.is_empty()).then_some((notes, lines.len()))
}

/// A possible marker: chars `start..end` of block `block`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Candidate {
    pub block: usize,
    pub start: usize,
    pub end: usize,
    pub space_before: bool,
    pub number: u32,
    /// 3: before 。 ; 2: at a line end; 1: other allowed contexts.
    pub strength: u8,
}

/// Characters after which a number is a quantity or an ordinal, not a marker.
const NOT_BEFORE: &str = "第約全計各毎同前後〜~～－-‐—―、，,.:：/／+＋×#＃№";

fn superscript_value(c: char) -> Option<u32> {
    match c {
        '¹' => Some(1),
        '²' => Some(2),
        '³' => Some(3),
        '\u{2070}' => Some(0),
        '\u{2074}'..='\u{2079}' => Some(c as u32 - 0x2070),
        _ => None,
    }
}

/// Whether a marker may stand after `p` (the character before it, spaces skipped).
fn marker_may_follow(p: char) -> bool {
    (is_kanji(p) || is_kana(p) || matches!(p, '。' | '」' | '』' | '）' | '】' | '〕' | ')' | '"' | '”' | '’'))
        && !NOT_BEFORE.contains(p)
}

/// Bracketed markers: `(1)`, `（1）`, `[1]`, `（注1）` after text and before punctuation or a line end.
fn bracketed(block: usize, chars: &[char], boundary: &[bool], i: usize, out: &mut Vec<Candidate>) -> Option<usize> {
    let n = chars.len();
    // Markdown footnote references (`text[^2]`) may follow anything.
    let markdown = chars[i] == '[' && chars.get(i + 1) == Some(&'^');
    if i == 0 || !matches!(chars[i], '(' | '（' | '[' | '［') || !(markdown || marker_may_follow(chars[i - 1])) {
        return None;
    }
    let mut j = i + 1;
    if chars.get(j) == Some(&'注') || markdown {
        j += 1;
    }
    let digits_start = j;
    while j < n && is_digit(chars[j]) {
        j += 1;
    }
    if j == digits_start || j - digits_start > 3 || !matches!(chars.get(j), Some(')' | '）' | ']' | '］')) {
        return None;
    }
    let end = j + 1;
    let number = parse_number(&chars[digits_start..j].iter().collect::<String>())?;
    let line_end = boundary.get(end - 1).copied().unwrap_or(false);
    // A Markdown reference (`[^2]`) is a marker wherever it stands.
    let ok = markdown
        || end == n
        || line_end
        || matches!(
            chars[end],
            '。' | '．' | '、' | '，' | '」' | '』' | '）' | ' ' | '\u{3000}'
        );
    if ok && number > 0 {
        out.push(Candidate {
            block,
            start: i,
            end,
            space_before: false,
            number,
            strength: 2,
        });
        return Some(end);
    }
    None
}

/// Marker candidates in one block.
pub(crate) fn candidates(block: usize, chars: &[char], boundary: &[bool], out: &mut Vec<Candidate>) {
    let n = chars.len();
    let mut i = 0;
    while i < n {
        if let Some(end) = bracketed(block, chars, boundary, i, out) {
            i = end;
            continue;
        }
        if i > 0 && superscript_value(chars[i]).is_some() {
            let start = i;
            let mut number = 0u32;
            while i < n {
                match superscript_value(chars[i]) {
                    Some(d) => number = number.saturating_mul(10).saturating_add(d),
                    None => break,
                }
                i += 1;
            }
            if number > 0 && i - start <= 3 {
                out.push(Candidate {
                    block,
                    start,
                    end: i,
                    space_before: false,
                    number,
                    strength: 3,
                });
            }
            continue;
        }
        if !is_digit(chars[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < n && is_digit(chars[i]) {
            i += 1;
        }
        let end = i;
        if start == 0 {
            continue;
        }
        // `計画 20233」`: a marker glued to a year (PDF text loses the superscript).
        let after_year = (5..=7).contains(&(end - start)) && year_at(chars, start);
        let (run_start, start) = if after_year { (start, start + 4) } else { (start, start) };
        if end - start > 3 {
            continue;
        }
        let number = parse_number(&chars[start..end].iter().collect::<String>()).unwrap_or(0);
        if number == 0 {
            continue;
        }
        let space_before = matches!(chars[run_start - 1], ' ' | '\u{3000}');
        let p = if space_before {
            if run_start < 2 {
                continue;
            }
            chars[run_start - 2]
        } else {
            chars[run_start - 1]
        };
        // `生成 AI14と`: glued to a Latin word (two letters or more) and followed by Japanese.
        let latin = !space_before
            && !after_year
            && p.is_ascii_alphabetic()
            && run_start >= 2
            && chars[run_start - 2].is_ascii_alphabetic()
            && chars
                .get(end)
                .is_some_and(|&c| (is_kana(c) || is_kanji(c)) && !is_quantity(c));
        let p_ok = (marker_may_follow(p) || latin) && !(p == '.' && space_before);
        if !p_ok || is_digit(p) {
            continue;
        }
        let line_end = boundary.get(end - 1).copied().unwrap_or(false);
        let strength = if end == n {
            2
        } else {
            let next = chars[end];
            let after = chars.get(end + 1).copied();
            match next {
                '。' | '．' => 3,
                '、' | '，' | ',' if after.is_some_and(is_digit) => 0,
                '、' | '，' | ',' | '」' | '』' | '）' | ')' | '】' => 1,
                // `検討会5（内閣府…）`: before a parenthesis that opens an aside.
                '（' if !space_before => 1,
                '.' if after.is_some_and(is_digit) => 0,
                ' ' | '\u{3000}' => {
                    let after_space = chars[end..].iter().find(|c| !is_space(**c)).copied();
                    if line_end || after_space.is_some_and(|c| matches!(c, '（' | '(' | '「' | '『')) {
                        1
                    } else {
                        0
                    }
                }
                // `翌2022年７／月に`: a counter opening the next line makes it a quantity.
                _ if line_end && !is_quantity(next) => 2,
                // `（GSOMIA）9締結`, `遮断50など`: glued between words, when the word after is no counter or unit.
                // …but `大学の８大学`: after の and before a noun it is a count.
                c if (is_kanji(c) || is_kana(c)) && !is_quantity(c) && !(p == 'の' && is_kanji(c)) => 1,
                _ => 0,
            }
        };
        let strength = if after_year || latin { strength.min(1) } else { strength };
        if strength > 0 {
            out.push(Candidate {
                block,
                start,
                end,
                space_before: space_before && !after_year,
                number,
                strength,
            });
        }
    }
}

/// The markers: the longest chain 1, 2, 3… of candidates in reading order (ties: stronger,
/// then earlier candidates). Needs at least two markers unless note texts exist.
///
/// `texts`: the numbers of the note texts found. Where a marker was lost in extraction, the chain
/// may step over one number that has a note text (…4, 6… when note 5 has a text), never two.
pub(crate) fn choose_chain(cands: &[Candidate], have_note_texts: bool, texts: &BTreeSet<u32>) -> Vec<Candidate> {
    let m = cands.len();
    let mut best = vec![1usize; m];
    let mut next = vec![usize::MAX; m];
    // For each number, the best chain start among candidates seen so far (i.e. later in the text).
    let mut by_number: HashMap<u32, usize> = HashMap::new();
    let better = |a: usize, b: usize, best: &[usize]| -> bool {
        (best[a], cands[a].strength) > (best[b], cands[b].strength)
            || ((best[a], cands[a].strength) == (best[b], cands[b].strength) && a < b)
    };
    for i in (0..m).rev() {
        let n = cands[i].number;
        let step = n.checked_add(1).and_then(|k| by_number.get(&k)).copied();
        let over = n
            .checked_add(2)
            .filter(|_| texts.contains(&(n + 1)))
            .and_then(|k| by_number.get(&k))
            .copied();
        let to = match (step, over) {
            (Some(a), Some(b)) => Some(if best[b] > best[a] { b } else { a }),
            (a, b) => a.or(b),
        };
        if let Some(j) = to {
            best[i] = best[j] + 1;
            next[i] = j;
        }
        let key = cands[i].number;
        match by_number.get(&key) {
            Some(&j) if !better(i, j, &best) => {}
            _ => {
                by_number.insert(key, i);
            }
        }
    }
    let first = by_number
        .get(&1)
        .or_else(|| by_number.get(&2).filter(|_| texts.contains(&1)));
    let Some(&first) = first else {
        return Vec::new();
    };
    let mut chain = Vec::new();
    let mut at = first;
    while at != usize::MAX {
        chain.push(cands[at]);
        at = next[at];
    }
    if chain.len() >= 2 || (have_note_texts && !chain.is_empty()) {
        chain
    } else {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::lines::split_lines;

    #[test]
    fn note_starts() {
        assert_eq!(note_start("1 台湾海峡"), Some((1, "台湾海峡")));
        assert_eq!(note_start("7詳細は"), Some((7, "詳細は")));
        assert_eq!(note_start("10「多国間」"), Some((10, "「多国間」")));
        assert_eq!(note_start("11 \"Pacific\""), Some((11, "\"Pacific\"")));
        assert_eq!(note_start("（3）前掲"), Some((3, "前掲")));
        assert_eq!(note_start("[4] Smith"), Some((4, "Smith")));
        assert_eq!(note_start("注5 同上"), Some((5, "同上")));
        assert_eq!(note_start("[^4]: Smith, 2020."), Some((4, "Smith, 2020.")));
        assert_eq!(note_start("1.新たな日米韓協力"), None);
        assert_eq!(note_start("2024年の春"), None);
        assert_eq!(note_start("1つ目の課題"), None);
        assert_eq!(note_start("3カ国"), None);
    }

    #[test]
    fn region_at_the_end_with_continuations() {
        let src = "本文である1。\n(2025年4月16日校了)\n1 台湾海峡について\n2 秋田浩之「米軍」\n3 \"U.S. Fleet,\"\nJune 21, 2021, INDOPACOM\n";
        let lines = split_lines(src);
        let (start, end, notes) = split_region(&lines);
        assert_eq!((start, end), (2, lines.len()));
        assert_eq!(notes.len(), 3);
        assert_eq!(notes[2].lines, vec!["\"U.S. Fleet,\"", "June 21, 2021, INDOPACOM"]);
        // A date line after the notes closes them.
        let lines = split_lines("本文（１）。\n參照\n（１）『史記』\n（２）『漢書』\n（大正三年十月『藝文』所載）\n");
        let (start, end, notes) = split_region(&lines);
        assert_eq!((start, end, notes.len()), (2, 4, 2));
    }

    #[test]
    fn no_region_for_numbered_headings_or_body() {
        let lines = split_lines("1.はじめに\n本文。\n2.結論\n本文。\n");
        assert_eq!(split_region(&lines).0, lines.len());
        let lines = split_lines("1 つの考え方がある。\n## 見出し\n2 番目。\n");
        assert_eq!(split_region(&lines).0, lines.len());
    }

    fn chain_of(text: &str, notes: bool) -> Vec<u32> {
        let chars: Vec<char> = text.chars().collect();
        let boundary = vec![false; chars.len()];
        let mut c = Vec::new();
        candidates(0, &chars, &boundary, &mut c);
        choose_chain(&c, notes, &BTreeSet::new())
            .iter()
            .map(|c| c.number)
            .collect()
    }

    #[test]
    fn markers_glued_and_spaced() {
        assert_eq!(
            chain_of("課題である1。続く2。さらに3、そして「引用」4。", false),
            vec![1, 2, 3, 4]
        );
        assert_eq!(
            chain_of("理解されている 1。決議 2321について、最長60日以内、第47段落 2。", false),
            vec![1, 2]
        );
    }

    #[test]
    fn numbers_that_are_not_markers() {
        assert_eq!(
            chain_of("臨界点は 1、2年しか残っていない。2016年9月9日。", false),
            Vec::<u32>::new()
        );
        assert_eq!(
            chain_of("臨界点は 1、2年。理解されている 1。ある 2。", false),
            vec![1, 2]
        );
        assert_eq!(chain_of("その数は1。", false), Vec::<u32>::new());
        assert_eq!(chain_of("その数は1。", true), vec![1]);
        assert_eq!(chain_of("トラック1.5の役割 2。", false), Vec::<u32>::new());
    }

    #[test]
    fn bracketed_and_superscript_markers() {
        assert_eq!(
            chain_of("機能不全に陥っている(1)。採択された（2）、検討する（注3）。", false),
            vec![1, 2, 3]
        );
        assert_eq!(chain_of("重要である¹。検討された²。", false), vec![1, 2]);
        assert_eq!(chain_of("Markdown の脚注[^1]。As noted[^2]", false), vec![1, 2]);
        // Enumerations are not markers.
        assert_eq!(
            chain_of(
                "三国協力は、(1)日米同盟の安定性と(2)日韓関係の良好性に左右される。",
                false
            ),
            Vec::<u32>::new()
        );
    }

    #[test]
    fn markers_glued_to_a_year_or_a_latin_word() {
        assert_eq!(
            chain_of("「推進計画 20231」を見た。生成 AI2と呼ぶ。", false),
            vec![1, 2]
        );
        // Quantities stay quantities: `の８大学`, a counter opening the next line.
        assert_eq!(chain_of("大学の1大学も加わる。その 2年後。", false), Vec::<u32>::new());
        let chars: Vec<char> = "翌年1月に来た2。".chars().collect();
        let mut boundary = vec![false; chars.len()];
        boundary[2] = true;
        let mut c = Vec::new();
        candidates(0, &chars, &boundary, &mut c);
        assert_eq!(c.iter().map(|c| c.number).collect::<Vec<_>>(), vec![2]);
    }

    #[test]
    fn chain_steps_over_one_lost_marker_with_a_text() {
        let chars: Vec<char> = "ある1。続く2。さらに4。".chars().collect();
        let mut c = Vec::new();
        candidates(0, &chars, &vec![false; chars.len()], &mut c);
        let texts: BTreeSet<u32> = [1, 2, 3, 4].into_iter().collect();
        let numbers = |t: &BTreeSet<u32>| choose_chain(&c, true, t).iter().map(|c| c.number).collect::<Vec<_>>();
        assert_eq!(numbers(&texts), vec![1, 2, 4]);
        assert_eq!(numbers(&BTreeSet::new()), vec![1, 2]);
    }

    /// A page: body lines (`FULL` stands for a distinct line of the full width) and a foot.
    fn page(body: &[&str], foot: &[&str]) -> String {
        let mut s = String::new();
        for (k, l) in body.iter().enumerate() {
            if *l == "FULL" {
                let kana = char::from_u32('あ' as u32 + k as u32).unwrap_or('あ');
                s.push_str(&format!(
                    "これは本文の一行であり、ページの幅いっぱいまで続いている文章の例{kana}\n"
                ));
            } else {
                s.push_str(l);
                s.push('\n');
            }
        }
        for l in foot {
            s.push_str(l);
            s.push('\n');
        }
        s
    }

    #[test]
    fn notes_at_the_foot_of_each_page() {
        let full = "FULL";
        let p1 = page(
            &[
                full,
                full,
                full,
                full,
                full,
                "ある。ここに注がある1。別の注もある2。",
                full,
                full,
                full,
                full,
                "終わる。",
            ],
            &[
                "",
                "1",
                "",
                "https://example.org/a.pdf",
                "2",
                "",
                "https://example.org/b.pdf",
                "1",
            ],
        );
        // The second page: a number set apart from its note (in small print: wider lines), two
        // short notes in one group.
        let p2 = page(
            &[
                "3",
                full,
                full,
                full,
                full,
                "続く3。さらに4、そして5。",
                full,
                full,
                full,
                full,
                "締めくくる。",
            ],
            &[
                "",
                "小さな活字の注の本文であり、本文の一行よりも多くの文字が一行に入っている例である。",
                "4",
                "https://example.org/d.html",
                "https://example.org/e.html",
                "5",
                "2",
            ],
        );
        let text = format!("{p1}\u{000C}{p2}");
        let lines = split_lines(&text);
        let mut furniture = crate::parse::lines::page_furniture(&lines);
        let (notes, taken) = page_feet(&lines, &mut furniture);
        let got: Vec<(u32, String)> = notes.iter().map(|n| (n.number, n.lines.join(" "))).collect();
        assert_eq!(
            got,
            [
                (1, "https://example.org/a.pdf".to_string()),
                (2, "https://example.org/b.pdf".to_string()),
                (
                    3,
                    "小さな活字の注の本文であり、本文の一行よりも多くの文字が一行に入っている例である。".to_string()
                ),
                (4, "https://example.org/d.html".to_string()),
                (5, "https://example.org/e.html".to_string()),
            ]
        );
        // The page numbers stay page numbers; the note numbers are the notes'.
        let page_numbers: Vec<&str> = (0..lines.len())
            .filter(|&i| furniture[i] == Some(crate::model::RemovalReason::PageNumber))
            .map(|i| lines[i].text)
            .collect();
        assert_eq!(page_numbers, ["1", "2"]);
        assert!(taken.iter().all(|&i| furniture[i].is_none()));
    }

    #[test]
    fn no_page_notes_without_markers_or_pages() {
        let full = "FULL";
        // No marker in the body: the numbered lines at the foot are not notes.
        let p = page(
            &[full, full, full, full, "終わる。"],
            &["", "1", "", "https://example.org/a.pdf", "1"],
        );
        let text = format!("{p}\u{000C}{p}");
        let lines = split_lines(&text);
        let mut furniture = crate::parse::lines::page_furniture(&lines);
        assert!(page_feet(&lines, &mut furniture).0.is_empty());
        // No form feeds: no pages.
        let p = page(
            &[full, full, "ある1。", full, "終わる。"],
            &["", "1", "", "https://example.org/a.pdf"],
        );
        let lines = split_lines(&p);
        let mut furniture = crate::parse::lines::page_furniture(&lines);
        assert!(page_feet(&lines, &mut furniture).0.is_empty());
    }

    #[test]
    fn marker_after_quote_and_before_space_paren() {
        assert_eq!(chain_of("必要としています。」7　（下線、筆者）", false).len(), 0);
        let text = "ある 6。必要としています。」7　（下線、筆者）と付け加えている。19」";
        let chars: Vec<char> = text.chars().collect();
        let mut c = Vec::new();
        candidates(0, &chars, &vec![false; chars.len()], &mut c);
        let nums: Vec<u32> = c.iter().map(|c| c.number).collect();
        assert_eq!(nums, vec![6, 7, 19]);
    }
}
