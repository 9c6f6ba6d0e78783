//! Is this an Aozora Bunko text, and what of it is not reading text? The layout of such texts:
//! a header block (title, subtitle, author, translator), a legend of the notation between two
//! ruled lines of hyphens, the body with ruby `《…》` (its start mark `｜`) and editorial notes
//! `［＃…］`, and a colophon from `底本：` to the end. Ruby readings and notes are dropped (the
//! base text stays; a heading note becomes a heading); the header gives the facts; the legend and
//! the colophon become listed removals.

use super::lines::{is_rule, Line};
use crate::model::DateKind;
use crate::text::chars::{ends_sentence, width};
use crate::text::dates::find_date;
use std::borrow::Cow;
use std::ops::Range;

/// Where the parts of an Aozora-style text are (indices into the lines).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Layout {
    /// The non-blank lines before the legend: title first, then subtitle / author / translator.
    pub header: Vec<usize>,
    /// The legend, its two rule lines included.
    pub legend: Range<usize>,
    /// The first line of the colophon (`底本：`), if any.
    pub colophon: Option<usize>,
}

/// A ruled line of hyphens (the legend's frame): ten or more.
fn hyphen_rule(t: &str) -> bool {
    is_rule(t) && t.starts_with('-') && t.chars().count() >= 10
}

/// The layout: a short header block, then a legend framed by two hyphen rules within the first
/// lines of the text. `None` for any other text.
pub(crate) fn layout(lines: &[Line<'_>]) -> Option<Layout> {
    let open = lines.iter().take(12).position(|l| hyphen_rule(l.text))?;
    let close = open + 1 + lines[open + 1..].iter().take(80).position(|l| hyphen_rule(l.text))?;
    let header: Vec<usize> = (0..open).filter(|&i| !lines[i].text.is_empty()).collect();
    let short = |i: &usize| width(lines[*i].text) <= 60.0 && !ends_sentence(lines[*i].text);
    if header.is_empty() || header.len() > 5 || !header.iter().all(short) {
        return None;
    }
    let colophon = (close + 1..lines.len())
        .rev()
        .find(|&i| lines[i].text.starts_with("底本："));
    Some(Layout {
        header,
        legend: open..close + 1,
        colophon,
    })
}

/// What the header block and the colophon say.
#[derive(Debug, Clone, Default)]
pub(crate) struct Header {
    /// The header's line indices (their text is in the facts below).
    pub lines: Vec<usize>,
    pub title: Option<String>,
    pub subtitle: Option<String>,
    pub author: Option<String>,
    /// Dates the colophon gives for the work (初出: first publication): (text, iso, kind).
    pub dates: Vec<(String, String, DateKind)>,
}

/// The facts of the header block (title; subtitle lines; author last, a translator after the
/// author) and the first publication date the colophon states.
pub(crate) fn header(lines: &[Line<'_>], layout: &Layout) -> Header {
    let texts: Vec<&str> = layout.header.iter().map(|&i| lines[i].text).collect();
    let mut h = Header {
        lines: layout.header.clone(),
        ..Header::default()
    };
    h.title = texts.first().map(|t| t.to_string());
    // The author is the last line, or the one before a translator's line (…訳).
    let mut last = texts.len();
    if last >= 3 && texts[last - 1].ends_with('訳') {
        last -= 1;
    }
    if last >= 2 {
        h.author = Some(texts[last - 1].to_string());
        if last >= 3 {
            h.subtitle = Some(texts[1..last - 1].join("\u{3000}"));
        }
    }
    if let Some(start) = layout.colophon {
        for (k, l) in lines[start..].iter().enumerate() {
            let Some(rest) = l.text.strip_prefix("初出：") else {
                continue;
            };
            // The date may stand on the indented line after the periodical's name.
            let mut text = l.text.to_string();
            if let Some(next) = lines.get(start + k + 1).filter(|n| n.indent && !rest.contains('年')) {
                text.push('\u{3000}');
                text.push_str(next.text);
            }
            if let Some(d) = find_date(&date_spelling(&text)) {
                h.dates.push((text, d.iso, DateKind::Published));
            }
        }
    }
    h
}

/// A colophon date as the date grammar reads it: `1925（大正14）年9月号` → `1925年9月号`.
fn date_spelling(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut skip = false;
    let mut prev_digit = false;
    for c in s.chars() {
        if skip {
            skip = c != '）';
            continue;
        }
        if c == '（' && prev_digit {
            skip = true;
            continue;
        }
        prev_digit = c.is_ascii_digit();
        out.push(c);
    }
    out
}

/// Whether a text uses Aozora notation (editorial notes `［＃…］`).
pub(crate) fn marked_up(text: &str) -> bool {
    text.contains("［＃")
}

/// The text with ruby and editorial notes removed line by line; line breaks, carriage returns
/// and form feeds are kept where they are, so line numbers do not move.
pub(crate) fn clean(text: &str) -> Cow<'_, str> {
    let aozora = marked_up(text);
    if !aozora && !text.contains('《') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let cut = rest.find(['\n', '\r', '\u{000C}']).unwrap_or(rest.len());
        out.push_str(&clean_line(&rest[..cut], aozora));
        let sep = rest[cut..].chars().next().map_or(0, char::len_utf8);
        out.push_str(&rest[cut..cut + sep]);
        rest = &rest[cut + sep..];
    }
    Cow::Owned(out)
}

/// The longest ruby or editorial note looked for, in characters.
const NOTE_MAX_CHARS: usize = 400;

/// Heading notes: `［＃中見出し］一［＃中見出し終わり］`, `一［＃「一」は中見出し］`.
const HEADING_NOTES: &[(&str, usize)] = &[("大見出し", 1), ("中見出し", 2), ("小見出し", 3)];

/// One line without ruby and notes; a line marked as a heading becomes a Markdown heading of its
/// level (大 #, 中 ##, 小 ###). Outside Aozora notation (`aozora` false) only a kana reading
/// right after a kanji is ruby (`《人民日報》` is a title in brackets and stays).
fn clean_line(line: &str, aozora: bool) -> Cow<'_, str> {
    if !line.contains(['《', '［', '｜']) {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    let mut level = None;
    let mut i = 0;
    while i < line.len() {
        let rest = &line[i..];
        let c = rest.chars().next().unwrap_or(' ');
        let closing = match c {
            '《' => Some('》'),
            '［' if rest[c.len_utf8()..].starts_with('＃') => Some('］'),
            _ => None,
        };
        if let Some(close) = closing {
            // Up to the matching close (notes may quote brackets: ［＃「［」は…］).
            let mut depth = 0usize;
            let mut end = None;
            // Ruby and notes are short: the search is bounded (a line of unclosed brackets stays
            // linear).
            for (k, d) in rest.char_indices().take(NOTE_MAX_CHARS) {
                if d == c {
                    depth += 1;
                } else if d == close {
                    depth -= 1;
                    if depth == 0 {
                        end = Some(k + d.len_utf8());
                        break;
                    }
                }
            }
            let ruby_shaped = |end: usize| {
                let inner = &rest[c.len_utf8()..end - close.len_utf8()];
                !inner.is_empty()
                    && inner.chars().all(crate::text::chars::is_kana)
                    && out.chars().next_back().is_some_and(crate::text::chars::is_kanji)
            };
            if let Some(end) = end.filter(|&e| aozora || ruby_shaped(e)) {
                let note = &rest[..end];
                if c == '［' && !note.contains("終わり") {
                    if let Some(&(_, l)) = HEADING_NOTES.iter().find(|(name, _)| note.contains(name)) {
                        level = Some(l);
                    }
                }
                i += end;
                continue;
            }
        }
        if c != '｜' || !aozora {
            out.push(c);
        }
        i += c.len_utf8();
    }
    match level {
        Some(l) if !out.trim().is_empty() => {
            let title = out.trim_matches(|c: char| c.is_whitespace());
            Cow::Owned(format!("{} {title}", "#".repeat(l)))
        }
        _ => Cow::Owned(out),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::lines::split_lines;

    #[test]
    fn ruby_notes_and_headings() {
        assert_eq!(clean_line("東方｜朔北《さくほく》の人", true), "東方朔北の人");
        assert_eq!(
            clean_line("牽引《けんいん》と《人民日報》", false),
            "牽引と《人民日報》"
        );
        assert_eq!(clean_line("行く※［＃「こと」の合字、249-8］が、", true), "行く※が、");
        assert_eq!(
            clean_line("［＃９字下げ］［＃中見出し］一［＃中見出し終わり］", true),
            "## 一"
        );
        assert_eq!(
            clean_line("罵つた（７）［＃「（７）」は行右小書き］。", true),
            "罵つた（７）。"
        );
        assert_eq!(clean_line("山東出［＃レ］相", true), "山東出相");
        assert_eq!(clean_line("［＃ここから１字下げ］", true), "");
        assert_eq!(clean_line("閉じない《ルビ", true), "閉じない《ルビ");
        assert_eq!(clean("［＃注］a《b》\r\n\u{c}｜c《d》\n"), "a\r\n\u{c}c\n");
        // A long line of unclosed brackets is kept, in linear time.
        let line = "《［＃".repeat(100_000);
        assert_eq!(clean_line(&line, true), line);
    }

    #[test]
    fn layout_of_an_aozora_text() {
        let rule = "-".repeat(55);
        let text = format!(
            "題名\n著者名\n\n{rule}\n【テキスト中に現れる記号について】\n《》：ルビ\n{rule}\n\n本文である。\n\n底本：「本」出版社\n入力：誰か\n"
        );
        let lines = split_lines(&text);
        let l = layout(&lines).unwrap();
        assert_eq!(l.header, vec![0, 1]);
        assert_eq!(l.legend, 3..7);
        assert_eq!(l.colophon, Some(10));
        assert!(layout(&split_lines("本文である。\n---\n続き。\n")).is_none());
    }
}
