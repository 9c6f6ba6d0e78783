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
use std::collections::HashMap;

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
        if end - start > 3 || start == 0 {
            continue;
        }
        let number = parse_number(&chars[start..end].iter().collect::<String>()).unwrap_or(0);
        if number == 0 {
            continue;
        }
        let space_before = matches!(chars[start - 1], ' ' | '\u{3000}');
        let p = if space_before {
            if start < 2 {
                continue;
            }
            chars[start - 2]
        } else {
            chars[start - 1]
        };
        let p_ok = marker_may_follow(p) && !(p == '.' && space_before);
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
                '.' if after.is_some_and(is_digit) => 0,
                ' ' | '\u{3000}' => {
                    let after_space = chars[end..].iter().find(|c| !is_space(**c)).copied();
                    if line_end || after_space.is_some_and(|c| matches!(c, '（' | '(' | '「' | '『')) {
                        1
                    } else {
                        0
                    }
                }
                _ if line_end => 2,
                // `（GSOMIA）9締結`, `遮断50など`: glued between words, when the word after is no counter or unit.
                c if (is_kanji(c) || is_kana(c)) && !is_quantity(c) => 1,
                _ => 0,
            }
        };
        if strength > 0 {
            out.push(Candidate {
                block,
                start,
                end,
                space_before,
                number,
                strength,
            });
        }
    }
}

/// The markers: the longest chain 1, 2, 3… of candidates in reading order (ties: stronger,
/// then earlier candidates). Needs at least two markers unless note texts exist.
pub(crate) fn choose_chain(cands: &[Candidate], have_note_texts: bool) -> Vec<Candidate> {
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
        if let Some(&j) = cands[i].number.checked_add(1).and_then(|k| by_number.get(&k)) {
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
    let Some(&first) = by_number.get(&1) else {
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
        choose_chain(&c, notes).iter().map(|c| c.number).collect()
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
