//! Where do paragraphs begin and end? Joining hard line breaks, page breaks and blank lines
//! that fall inside sentences (or words) into blocks, and cleaning the joined text: stray
//! spaces between digits and Japanese, ligature breaks in Latin words, doubled spaces.

use super::lines::{
    date_line, figure_caption, heading, is_rule, list_item, trailing_photo_caption, HeadingLine, HeadingStyle, Line,
};
use crate::model::{DateKind, DiagnosticKind, PassageKind, RemovalReason, RemovedLine};
use crate::text::chars::{ends_sentence, is_cjk, is_digit, is_kanji, is_latin_word, is_space, width};

/// How the text was wrapped: hard-wrapped PDF text has most lines near one width.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Wrap {
    /// Typical full line width (90th percentile), in full-width units.
    pub width: f32,
    /// Whether lines were hard-wrapped at that width.
    pub hard: bool,
    /// Median line width.
    pub median: f32,
    /// Every line break is a paragraph break (texts that are never wrapped, e.g. Aozora Bunko).
    pub line_per_paragraph: bool,
    /// Every blank line is a paragraph break (Markdown sources: no page breaks in them).
    pub blank_is_break: bool,
}

impl Wrap {
    /// Measure the wrapping of these lines.
    pub(crate) fn measure(lines: &[Line<'_>]) -> Wrap {
        let mut widths: Vec<f32> = lines
            .iter()
            .filter(|l| !l.text.is_empty())
            .map(|l| width(l.text))
            .collect();
        crate::text::sort::by(&mut widths, f32::total_cmp);
        if widths.len() < 8 {
            let median = widths.get(widths.len() / 2).copied().unwrap_or(0.0);
            return Wrap {
                width: f32::MAX,
                hard: false,
                median,
                line_per_paragraph: false,
                blank_is_break: false,
            };
        }
        let w = widths[widths.len() * 9 / 10];
        let near = widths.iter().filter(|&&x| x >= 0.8 * w).count();
        Wrap {
            width: w,
            hard: w <= 100.0 && near * 2 >= widths.len(),
            median: widths[widths.len() / 2],
            line_per_paragraph: false,
            blank_is_break: false,
        }
    }

    /// Whether a line reaches the wrap width (so its end is the margin, not the author's break).
    pub(crate) fn is_full(&self, line: &str) -> bool {
        self.hard && width(line) >= self.width - 2.0
    }

    /// Whether a line that does not end a sentence is long enough to be running text
    /// (not a heading or a label) when a blank line follows it.
    fn is_long(&self, line: &str) -> bool {
        let w = width(line);
        if self.hard {
            w >= 0.6 * self.width
        } else {
            // One paragraph per line: a page break falls inside long lines, not inside labels.
            w >= 20.0_f32.max(0.25 * self.median)
        }
    }
}

/// A paragraph or list item being assembled: characters plus where line joins happened.
#[derive(Debug, Clone)]
pub(crate) struct Block {
    pub kind: PassageKind,
    /// First source line.
    pub line: usize,
    pub chars: Vec<char>,
    /// `boundary[i]`: a source line ended right after `chars[i]`.
    pub boundary: Vec<bool>,
    /// Photo captions taken out of this block (line, text).
    pub captions: Vec<(usize, String)>,
    /// Last source line's text (for continuation decisions).
    last_line: String,
}

impl Block {
    fn new(kind: PassageKind, line: usize, text: &str) -> Block {
        let mut b = Block {
            kind,
            line,
            chars: Vec::new(),
            boundary: Vec::new(),
            captions: Vec::new(),
            last_line: String::new(),
        };
        b.push_line(text);
        b
    }

    /// Whether a 「 or 『 opened in this block is still open (a quotation spanning lines),
    /// within a bounded distance so one unbalanced bracket cannot swallow the document.
    fn open_quote(&self) -> bool {
        let mut depth: i32 = 0;
        for &c in self.chars.iter().rev().take(1500) {
            match c {
                '」' | '』' => depth -= 1,
                '「' | '『' => depth += 1,
                _ => {}
            }
            if depth > 0 {
                return true;
            }
        }
        false
    }

    fn push_line(&mut self, text: &str) {
        if let (Some(&last), Some(first)) = (self.chars.last(), text.chars().next()) {
            if let Some(b) = self.boundary.last_mut() {
                *b = true;
            }
            if needs_space(last, first) {
                self.chars.push(' ');
                self.boundary.push(false);
            }
        }
        self.chars.extend(text.chars());
        self.boundary.extend(text.chars().map(|_| false));
        self.last_line = text.to_string();
    }
}

/// Whether two lines joined at `last`|`first` need a space (between Latin words).
pub(crate) fn needs_space_pub(last: char, first: char) -> bool {
    needs_space(last, first)
}

fn needs_space(last: char, first: char) -> bool {
    let latin_end = is_latin_word(last)
        || matches!(
            last,
            ',' | ';' | ':' | '.' | '!' | '?' | ')' | '"' | '\'' | '”' | '’' | '%'
        );
    let latin_start = is_latin_word(first) || matches!(first, '(' | '"' | '“' | '\'' | '‘' | '&');
    latin_end && latin_start
}

/// One element of the body, in reading order.
#[derive(Debug, Clone)]
pub(crate) enum Item {
    Heading {
        line: usize,
        heading: HeadingLine,
    },
    Block(Block),
    /// A standalone caption line (figure title), with credit lines appended.
    Caption {
        line: usize,
        text: String,
    },
    /// A date line in the flow of the text.
    Date {
        line: usize,
        text: String,
        iso: String,
        kind: DateKind,
    },
}

/// Group body lines into items. `diag` collects (line, kind, message).
pub(crate) fn build(
    lines: &[Line<'_>],
    wrap: &Wrap,
    diag: &mut Vec<(usize, DiagnosticKind, String)>,
    removed: &mut Vec<RemovedLine>,
) -> Vec<Item> {
    let mut items: Vec<Item> = Vec::new();
    let mut cur: Option<Block> = None;
    let mut pending_blank = false;
    let flush = |cur: &mut Option<Block>, items: &mut Vec<Item>| {
        if let Some(b) = cur.take() {
            if !b.chars.is_empty() || !b.captions.is_empty() {
                items.push(Item::Block(b));
            }
        }
    };
    // A bullet glyph alone on its line (its text on the next line, maybe after a blank).
    let mut bullet = false;
    // Lines before this index were taken already.
    let mut skip_to = 0;
    for (k, line) in lines.iter().enumerate() {
        let t = line.text;
        if t.is_empty() {
            pending_blank = true;
            continue;
        }
        if skip_to > k {
            continue;
        }
        // A reading printed beside a kanji that extraction put on a line of its own, inside a
        // wrapped sentence: `強靱` / `じん` / `化、…`.
        let hiragana = |c: char| ('\u{3041}'..='\u{309F}').contains(&c);
        let ruby = wrap.hard
            && !pending_blank
            && (1..=4).contains(&t.chars().count())
            && t.chars().all(hiragana)
            && cur
                .as_ref()
                .is_some_and(|b| b.last_line.chars().next_back().is_some_and(is_kanji))
            && lines
                .get(k + 1)
                .is_some_and(|n| n.text.chars().next().is_some_and(is_kanji));
        if ruby {
            removed.push(RemovedLine {
                line: line.no,
                text: t.to_string(),
                reason: RemovalReason::Ruby,
            });
            continue;
        }
        // A section number set large on its own line, then again with the title: `1` / `1 背景`.
        if let Some(next) = doubled_number_heading(lines, k) {
            flush(&mut cur, &mut items);
            items.push(Item::Heading {
                line: line.no,
                heading: HeadingLine {
                    style: super::lines::HeadingStyle::Numbered,
                    title: lines[next].text.to_string(),
                },
            });
            skip_to = next + 1;
            pending_blank = false;
            continue;
        }
        if t.chars().count() == 1 && "○●◎◆◇■□⚫•▪◦".contains(t) {
            flush(&mut cur, &mut items);
            bullet = true;
            pending_blank = false;
            continue;
        }
        if std::mem::take(&mut bullet) && heading(t).is_none() && !is_rule(t) {
            flush(&mut cur, &mut items);
            cur = Some(Block::new(PassageKind::ListItem, line.no, list_item(t).unwrap_or(t)));
            pending_blank = false;
            continue;
        }
        let prev_ended = cur.as_ref().is_none_or(|b| ends_sentence(&b.last_line));
        let at_boundary = cur.is_none() || pending_blank || prev_ended;
        if is_rule(t) {
            removed.push(RemovedLine {
                line: line.no,
                text: t.to_string(),
                reason: RemovalReason::Rule,
            });
            flush(&mut cur, &mut items);
            pending_blank = false;
            continue;
        }
        if at_boundary {
            if let Some(mut h) = heading(t).or_else(|| set_off_heading(lines, k, wrap)) {
                flush(&mut cur, &mut items);
                // ア… イ… ウ… one after another with nothing between: an enumeration, not
                // sections (the sections of those names may follow).
                if matches!(h.style, HeadingStyle::Kana | HeadingStyle::ParenthesisedKana) {
                    let next = lines[k + 1..].iter().find(|l| !l.text.is_empty()).map(|l| l.text);
                    if next.and_then(heading).is_some_and(|n| n.style == h.style) {
                        items.push(Item::Block(Block::new(PassageKind::ListItem, line.no, t)));
                        pending_blank = false;
                        continue;
                    }
                }
                // A heading that reached the margin goes on in a short line of its own.
                if wrap.is_full(t) {
                    if let Some(n) = lines.get(k + 1).filter(|n| {
                        !n.text.is_empty()
                            && width(n.text) <= 0.6 * wrap.width
                            && !ends_sentence(n.text)
                            && heading(n.text).is_none()
                            && list_item(n.text).is_none()
                    }) {
                        h.title.push_str(n.text);
                        skip_to = k + 2;
                    }
                }
                items.push(Item::Heading {
                    line: line.no,
                    heading: h,
                });
                pending_blank = false;
                continue;
            }
            if let Some((iso, kind)) = date_line(t, false) {
                flush(&mut cur, &mut items);
                items.push(Item::Date {
                    line: line.no,
                    text: t.to_string(),
                    iso,
                    kind,
                });
                pending_blank = false;
                continue;
            }
            if figure_caption(t) {
                flush(&mut cur, &mut items);
                items.push(Item::Caption {
                    line: line.no,
                    text: t.to_string(),
                });
                pending_blank = false;
                continue;
            }
            // A short fully parenthesised line right after a caption is its credit: （筆者作成）.
            if cur.is_none() && is_credit_line(t) {
                if let Some(Item::Caption { text, .. }) = items.last_mut() {
                    text.push('\u{3000}');
                    text.push_str(t);
                    pending_blank = false;
                    continue;
                }
            }
        }
        if let Some(item) = list_item(t) {
            let spaced_bullet = t.starts_with('•') || t.chars().nth(1).is_some_and(is_space);
            // A list may also open after a line that introduces it (`…とした、` / `…：`).
            let introduced = cur
                .as_ref()
                .is_some_and(|b| b.last_line.ends_with(['、', '：', ':']) && !wrap.is_full(&b.last_line));
            if at_boundary || spaced_bullet || introduced {
                flush(&mut cur, &mut items);
                cur = Some(Block::new(PassageKind::ListItem, line.no, item));
                pending_blank = false;
                continue;
            }
        }
        // Running text, possibly with a photo caption inserted at its end.
        let (body, caption) = match trailing_photo_caption(t) {
            Some((at, cap)) => (t[..at].trim_end_matches(is_space), Some(cap)),
            None => (t, None),
        };
        // A stage direction on its own line (`〔内閣総理大臣菅義偉君登壇〕`) stands apart; so does a line
        // after a sentence closed by an aside (`…ました。（拍手）`).
        let apart = t.starts_with('〔') && t.ends_with('〕')
            || cur
                .as_ref()
                .is_some_and(|b| ends_with_aside(&b.last_line) && (line.indent || !wrap.hard));
        let continues = match &cur {
            None => false,
            Some(_) if apart => false,
            // A full line that ends a sentence usually runs on, unless the next line is indented.
            Some(_) if wrap.line_per_paragraph || pending_blank && wrap.blank_is_break => false,
            Some(b) if !pending_blank => {
                !ends_sentence(&b.last_line) || (wrap.is_full(&b.last_line) && !line.indent) || b.open_quote()
            }
            Some(b) => {
                let join = !ends_sentence(&b.last_line) && wrap.is_long(&b.last_line) && heading(t).is_none();
                if join {
                    diag.push((
                        line.no,
                        DiagnosticKind::JoinedAcrossBlank,
                        "text continued across a blank line (page break)".into(),
                    ));
                }
                join
            }
        };
        if !continues {
            flush(&mut cur, &mut items);
        }
        match (&mut cur, body.is_empty()) {
            (Some(b), false) => b.push_line(body),
            (Some(_), true) => {}
            (None, false) => cur = Some(Block::new(PassageKind::Paragraph, line.no, body)),
            (None, true) => cur = Some(Block::new(PassageKind::Paragraph, line.no, "")),
        }
        if let (Some(cap), Some(b)) = (caption, cur.as_mut()) {
            diag.push((
                line.no,
                DiagnosticKind::CaptionExtracted,
                format!("photo caption taken out of the text: {cap}"),
            ));
            b.captions.push((line.no, cap.to_string()));
        }
        pending_blank = false;
    }
    flush(&mut cur, &mut items);
    items
}

/// A sentence followed by an aside in brackets: `…ました。（拍手）`.
fn ends_with_aside(s: &str) -> bool {
    let s = s.trim_end();
    let Some(inner) = s.strip_suffix('）') else {
        return false;
    };
    inner.rfind('（').is_some_and(|open| ends_sentence(&inner[..open]))
}

/// A bare number line (`1`) followed by the same number, a space and a short title
/// (`1 背景`): the index of the title line.
fn doubled_number_heading(lines: &[Line<'_>], k: usize) -> Option<usize> {
    let t = lines[k].text;
    if t.is_empty() || t.chars().count() > 2 || !t.chars().all(is_digit) {
        return None;
    }
    let next = k + 1 + lines[k + 1..].iter().position(|l| !l.text.is_empty())?;
    let title = lines[next].text.strip_prefix(t)?;
    let title = title.strip_prefix([' ', '\u{3000}'])?.trim_start_matches(is_space);
    (!title.is_empty() && width(title) <= 20.0 && !ends_sentence(title) && !title.contains(['、', '，']))
        .then_some(next)
}

/// In a text of one paragraph per line, a short line set off by full-width spaces and followed
/// by text (not by another heading) is a heading (`　　　　演説`); a set-off line before a
/// heading is a closing line (`　　　御名御璽`), not one.
fn set_off_heading(lines: &[Line<'_>], k: usize, wrap: &Wrap) -> Option<HeadingLine> {
    let t = lines[k].text;
    if !wrap.line_per_paragraph || !lines[k].set_off || width(t) > 30.0 || ends_sentence(t) || t.contains(['、', '，'])
    {
        return None;
    }
    let next = lines[k + 1..].iter().find(|l| !l.text.is_empty())?;
    if heading(next.text).is_some() || next.set_off {
        return None;
    }
    Some(HeadingLine {
        style: super::lines::HeadingStyle::SetOff,
        title: t.to_string(),
    })
}

/// `（筆者作成）`, `(出所：…)`: a short line that is one parenthesis.
fn is_credit_line(t: &str) -> bool {
    (t.starts_with('（') && t.ends_with('）') || t.starts_with('(') && t.ends_with(')')) && width(t) <= 40.0
}

/// A removed footnote marker: chars `start..end` of the block, plus whether a space before it goes too.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Removal {
    pub start: usize,
    pub end: usize,
    pub space_before: bool,
    pub number: u32,
}

/// The final reading text of a block: markers removed (offsets recorded), stray spaces between
/// digits and Japanese dropped, ligature breaks joined, space runs collapsed.
pub(crate) fn finalize(chars: &[char], removals: &[Removal], ligatures: &mut usize) -> (String, Vec<(u32, usize)>) {
    let mut out = String::with_capacity(chars.len() * 3);
    let mut refs = Vec::new();
    let mut r = removals.iter().peekable();
    let mut i = 0;
    while i < chars.len() {
        if let Some(m) = r.peek() {
            if m.space_before && m.start > 0 && i == m.start - 1 && is_space(chars[i]) {
                i += 1;
                continue;
            }
            if i == m.start {
                refs.push((m.number, out.len()));
                i = m.end;
                r.next();
                continue;
            }
        }
        let c = chars[i];
        if c == ' ' || c == '\u{00A0}' || c == '\t' {
            let prev = out.chars().next_back();
            let next = chars[i + 1..]
                .iter()
                .copied()
                .find(|&n| !(n == ' ' || n == '\t' || n == '\u{00A0}'));
            let drop = match (prev, next) {
                (None, _) | (_, None) => true,
                (Some(p), _) if is_space(p) => true,
                (Some(p), Some(n)) if (is_digit(p) && is_cjk(n)) || (is_cjk(p) && is_digit(n)) => true,
                (Some(_), Some(n)) if n.is_ascii_lowercase() && ends_with_ligature(&out) => {
                    *ligatures += 1;
                    true
                }
                _ => false,
            };
            if !drop {
                out.push(' ');
            }
            i += 1;
            continue;
        }
        if c == '\u{0336}'
            && out
                .chars()
                .next_back()
                .is_none_or(|p| is_cjk(p) || !p.is_alphanumeric())
        {
            // PDF extraction turns a dash (――) into a combining long stroke overlay on whatever
            // precedes it; no font draws that on CJK text, so it becomes the dash it was.
            out.push('―');
            i += 1;
            continue;
        }
        if is_space(c) && out.chars().next_back().is_none_or(is_space) {
            // Leading or doubled full-width space.
            i += 1;
            continue;
        }
        out.push(c);
        i += 1;
    }
    let trimmed = out.trim_end_matches(is_space).len();
    out.truncate(trimmed);
    for (_, off) in refs.iter_mut() {
        *off = (*off).min(out.len());
    }
    (out, refs)
}

/// A Latin word ending in a ligature (`fi`, `fl`, `ffi`, `ffl`) with at least one letter before it:
/// PDF extraction often breaks such words after the ligature ("Verifi able").
fn ends_with_ligature(s: &str) -> bool {
    let word: String = s
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    ["fi", "fl"]
        .iter()
        .any(|l| word.ends_with(l) && word.len() > l.len() && word.len() >= 4)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::lines::split_lines;

    fn text_of(src: &str) -> Vec<String> {
        let lines = split_lines(src);
        let wrap = Wrap::measure(&lines);
        let mut d = Vec::new();
        build(&lines, &wrap, &mut d, &mut Vec::new())
            .into_iter()
            .map(|i| match i {
                Item::Block(b) => finalize(&b.chars, &[], &mut 0).0,
                Item::Heading { heading, .. } => format!("# {}", heading.title),
                Item::Caption { text, .. } => format!("caption: {text}"),
                Item::Date { iso, .. } => format!("date: {iso}"),
            })
            .collect()
    }

    #[test]
    fn joins_page_break_inside_a_word() {
        assert_eq!(
            text_of("北朝鮮は新型の弾道ミサイルや巡航ミサイルの発射を繰\n\nり返している。次の段落。\n\n新しい段落。"),
            vec![
                "北朝鮮は新型の弾道ミサイルや巡航ミサイルの発射を繰り返している。次の段落。",
                "新しい段落。"
            ]
        );
    }

    #[test]
    fn latin_words_keep_one_space_and_ligatures_join() {
        assert_eq!(
            text_of("北朝鮮の核・ミサイル開発は新たな段階に突入した。“North \n\nKorea is on the threshold.”"),
            vec!["北朝鮮の核・ミサイル開発は新たな段階に突入した。“North Korea is on the threshold.”"]
        );
        assert_eq!(
            text_of("CVID（Complete, Verifi able, Irreversible）の原則。"),
            vec!["CVID（Complete, Verifiable, Irreversible）の原則。"]
        );
        assert_eq!(
            text_of("staff members and the office is open."),
            vec!["staff members and the office is open."]
        );
    }

    #[test]
    fn stray_digit_spaces() {
        assert_eq!(
            text_of("2016年 9月 9日に第 1 の実験。"),
            vec!["2016年9月9日に第1の実験。"]
        );
        assert_eq!(
            text_of("ICBM 能力と and/or 米本土。"),
            vec!["ICBM 能力と and/or 米本土。"]
        );
    }

    #[test]
    fn headings_lists_captions_dates() {
        let got = text_of("1.はじめに\n本文です。\n\n• 項目一は\n続く。\n• 項目二。\n\n【図】構図\n\n（筆者作成）\n(2025年4月16日校了)");
        assert_eq!(
            got,
            vec![
                "# 1.はじめに",
                "本文です。",
                "項目一は続く。",
                "項目二。",
                "caption: 【図】構図\u{3000}（筆者作成）",
                "date: 2025-04-16"
            ]
        );
    }

    #[test]
    fn quotation_spanning_lines_stays_one_paragraph() {
        assert_eq!(
            text_of("次のように述べた。\n「核開発は続いています。\n脅威は深刻です。」\n次の段落。"),
            vec![
                "次のように述べた。",
                "「核開発は続いています。脅威は深刻です。」",
                "次の段落。"
            ]
        );
    }

    #[test]
    fn enumerations_after_an_introducing_line() {
        assert_eq!(
            text_of("前提とした、\n①封じ込め：圧力を\nかける路線。\n②関与：対話。"),
            vec!["前提とした、", "①封じ込め：圧力をかける路線。", "②関与：対話。"]
        );
    }

    #[test]
    fn bullet_glyph_alone_on_its_line() {
        let got = text_of("○\n\nこの文書は、考え方を整理したものであ\nる。\n○\n次の項目である。\n");
        assert_eq!(
            got,
            vec!["この文書は、考え方を整理したものである。", "次の項目である。"]
        );
    }

    #[test]
    fn doubled_section_numbers() {
        let got = text_of("本文である。\n1\n1 背景\n近年、状況は変わりつつある。\n");
        assert_eq!(got, vec!["本文である。", "# 1 背景", "近年、状況は変わりつつある。"]);
    }

    #[test]
    fn stage_directions_and_asides() {
        let got = text_of(
            "　質問いたします。（拍手）\n　御清聴ありがとうございました。（拍手）\n　　　　〔内閣総理大臣登壇〕\n",
        );
        assert_eq!(
            got,
            vec![
                "質問いたします。（拍手）",
                "御清聴ありがとうございました。（拍手）",
                "〔内閣総理大臣登壇〕"
            ]
        );
    }

    #[test]
    fn ruby_on_a_line_of_its_own() {
        let lines = split_lines(
            "本文の一行目がここにあり、列の幅で折り返されて\nいる。また中国は、尖\nせん\n閣諸島周辺を含む海域で活動を続けてい\nる。本文の一行目がここにあり、列の幅で折\nり返されている文である。そして続いてい\nく文章である。本文の一行目がここにあり、\n列の幅で折り返されている文である。そし\nて続いていく文章である。本文の一行目がこ\n",
        );
        let mut removed = Vec::new();
        let items = build(&lines, &Wrap::measure(&lines), &mut Vec::new(), &mut removed);
        let Item::Block(b) = &items[0] else { panic!() };
        let text = finalize(&b.chars, &[], &mut 0).0;
        assert!(text.contains("尖閣諸島"), "{text}");
        assert_eq!(removed.len(), 1);
        assert_eq!(removed[0].reason, RemovalReason::Ruby);
    }

    #[test]
    fn hard_wrapped_paragraphs() {
        // 10 lines wrapped at 20 chars; a short line ending in 。 ends a paragraph.
        let mut src = String::new();
        for _ in 0..4 {
            src.push_str("あいうえおかきくけこさしすせそたちつてと\n");
        }
        src.push_str("おわり。\n");
        for _ in 0..4 {
            src.push_str("なにぬねのはひふへほまみむめもやゆよらり\n");
        }
        src.push_str("おわり。\n");
        let got = text_of(&src);
        assert_eq!(got.len(), 2, "{got:?}");
    }

    #[test]
    fn full_width_indent_starts_a_paragraph() {
        // Hard-wrapped at 20: a full line ending in 。 runs on, unless the next line is indented.
        let full = "あいうえおかきくけこさしすせそたちつて\n";
        let full_end = "あいうえおかきくけこさしすせそたちつ。\n";
        let src = format!(
            "{full}{full}{full_end}{full}{full}{full_end}\u{3000}なにぬねのはひふへほまみむめもやゆ\n{full}{full_end}"
        );
        let got = text_of(&src);
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(got[1].starts_with("なにぬね"));
    }

    #[test]
    fn photo_caption_inside_a_sentence() {
        let src = "相手と見ている可能性はある。米韓両国とも日 2024 年 11 月の日米韓首脳会談（写真：NEWS/X）\n 本が北朝鮮と直接対話を行うことを忌避することはないだろう。";
        let lines = split_lines(src);
        let mut d = Vec::new();
        let items = build(&lines, &Wrap::measure(&lines), &mut d, &mut Vec::new());
        let Item::Block(b) = &items[0] else { panic!() };
        assert_eq!(
            finalize(&b.chars, &[], &mut 0).0,
            "相手と見ている可能性はある。米韓両国とも日本が北朝鮮と直接対話を行うことを忌避することはないだろう。"
        );
        assert_eq!(b.captions[0].1, "2024 年 11 月の日米韓首脳会談（写真：NEWS/X）");
    }

    #[test]
    fn combining_stroke_dashes_become_dashes() {
        assert_eq!(
            text_of("入口に踏み込んでいる）\u{0336}つまり国際社会\u{0336}\u{0336}とりわけ。"),
            vec!["入口に踏み込んでいる）―つまり国際社会――とりわけ。"]
        );
    }

    #[test]
    fn markers_are_removed_with_their_space() {
        let chars: Vec<char> = "理解されている 1。次".chars().collect();
        let (t, refs) = finalize(
            &chars,
            &[Removal {
                start: 8,
                end: 9,
                space_before: true,
                number: 1,
            }],
            &mut 0,
        );
        assert_eq!(t, "理解されている。次");
        assert_eq!(refs, vec![(1, "理解されている".len())]);
    }
}
