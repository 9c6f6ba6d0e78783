//! Who wrote it, when, and under what title? The front matter: title (Markdown `#`, a chapter
//! line, or a short first line), subtitle (`―…―`), byline, affiliation and date lines.
//! Only what the text states is taken; nothing is guessed.

use super::lines::{date_line, heading, list_item, HeadingStyle, Line};
use super::reflow::Wrap;
use crate::model::DateKind;
use crate::text::chars::{ends_sentence, is_kana, is_kanji, is_space, width};

/// What the front matter says.
#[derive(Debug, Clone, Default)]
pub(crate) struct Front {
    pub title: Option<String>,
    pub subtitle: Option<String>,
    pub author: Option<(usize, String)>,
    /// The author's name where the byline line holds more (a date in brackets).
    pub author_name: Option<String>,
    /// The issuing body, where the text names an organisation and no person.
    pub issuer: Option<String>,
    pub affiliation: Option<(usize, String)>,
    /// Date lines: (line, text, iso, kind).
    pub dates: Vec<(usize, String, String, DateKind)>,
    /// Index of the first body line.
    pub body_start: usize,
}

const ORG_WORDS: &[&str] = &[
    "委員会",
    "審議会",
    "分科会",
    "研究所",
    "研究センター",
    "センター",
    "大学",
    "研究員",
    "教授",
    "准教授",
    "講師",
    "機構",
    "財団",
    "協会",
    "新聞",
    "研究会",
    "省",
    "庁",
    "主任",
    "首席",
    "客員",
    "所長",
    "理事",
    "フェロー",
    "University",
    "Institute",
    "Professor",
];

const BYLINE_LABELS: &[&str] = &["著者", "筆者", "執筆者", "執筆", "文", "著", "By ", "by "];

/// A personal name line: kanji/kana name parts separated by at most one space, or a labelled byline.
fn byline(t: &str) -> Option<String> {
    if affiliation(t) {
        return None;
    }
    let mut s = t;
    let mut labelled = false;
    for l in BYLINE_LABELS {
        if let Some(r) = s.strip_prefix(l) {
            s = r.trim_start_matches(|c: char| is_space(c) || c == ':' || c == '：' || c == '＝');
            labelled = true;
            break;
        }
    }
    if s.is_empty() || width(s) > 16.0 {
        return None;
    }
    let parts: Vec<&str> = s.split(is_space).filter(|p| !p.is_empty()).collect();
    let name_chars = |p: &&str| p.chars().all(|c| is_kanji(c) || is_kana(c) || c == '・');
    let total: usize = parts.iter().map(|p| p.chars().count()).sum();
    let japanese = match parts.as_slice() {
        // One unspaced part: a short all-kanji (or katakana) name such as 山田太郎.
        [one] => {
            (2..=6).contains(&total)
                && one
                    .chars()
                    .all(|c| is_kanji(c) || (is_kana(c) && !('\u{3041}'..='\u{309F}').contains(&c)))
        }
        // Family and given name separated by a space.
        [a, b] => name_chars(a) && name_chars(b) && a.chars().count() <= 5 && b.chars().count() <= 5,
        _ => false,
    } && s.chars().any(is_kanji);
    let latin = labelled
        && parts.len() <= 4
        && parts
            .iter()
            .all(|p| p.chars().all(|c| c.is_alphabetic() || c == '.' || c == '-'));
    (japanese || latin).then(|| s.to_string())
}

/// A byline with its date in brackets: `山田太郎（2024年5月7日）` → (name, date text, iso).
fn byline_with_date(t: &str) -> Option<(String, String, String)> {
    let t = t.trim_end();
    if !t.ends_with(['）', ')']) {
        return None;
    }
    let open = t.rfind(['（', '('])?;
    let name = byline(t[..open].trim_end_matches(is_space))?;
    let date = &t[open..];
    let (iso, _) = date_line(date, true)?;
    Some((name, date.to_string(), iso))
}

/// A masthead: a first line naming an issue (`第12号`, `Vol. 3`, `No. 5`, ニュース, 通信…) and
/// its date. The date is the document's; the headline follows.
fn masthead(t: &str) -> Option<String> {
    const NAMES: &[&str] = &["ニュース", "レター", "通信", "便り", "News", "Letter", "会報", "月報"];
    if width(t) > 60.0 || ends_sentence(t) || t.contains(['、', '（', '(']) {
        return None;
    }
    let digits = super::lines::date_digits(t);
    let found = crate::text::dates::find_date(&digits)?;
    // The date must be a day or a month, not a year alone (`2025年版`).
    if found.iso.len() < 7 {
        return None;
    }
    let chars: Vec<char> = digits.chars().collect();
    // An issue number: 第12号, 12號, Vol. 3, No. 5.
    let issue = chars
        .windows(2)
        .any(|w| crate::text::chars::is_digit(w[0]) && matches!(w[1], '号' | '號'))
        || ["Vol", "No."].iter().any(|w| {
            digits.split(w).skip(1).any(|r| {
                r.trim_start_matches(['.', ' '])
                    .starts_with(|c: char| c.is_ascii_digit())
            })
        });
    // Or a periodical's name with the date closing the line (…通信　2024年6月10日発行).
    let after = digits[found.span.end..].trim_matches(is_space);
    let closing = matches!(after, "" | "発行" | "号" | "刊" | "発行号");
    (issue || closing && NAMES.iter().any(|w| t.contains(w))).then_some(found.iso)
}

fn affiliation(t: &str) -> bool {
    width(t) <= 40.0 && !ends_sentence(t) && ORG_WORDS.iter().any(|w| t.contains(w))
}

fn is_subtitle(t: &str) -> bool {
    let dash = |c: char| matches!(c, '―' | '—' | '─' | '－' | '～' | '〜' | '-');
    t.chars().next().is_some_and(dash) && width(t) <= 60.0 && !ends_sentence(t)
}

/// Read the front matter at the start of the body lines.
/// With `titled`, the title and author are known already (from a header): only dates are read.
pub(crate) fn parse(lines: &[Line<'_>], wrap: &Wrap, titled: bool) -> Front {
    let mut f = Front::default();
    let mut i = 0;
    let skip_blank = |i: &mut usize| {
        while *i < lines.len() && lines[*i].text.is_empty() {
            *i += 1;
        }
    };
    skip_blank(&mut i);
    // A masthead line above the headline gives the date.
    if let Some(l) = lines.get(i) {
        if let Some(iso) = masthead(l.text) {
            f.dates.push((l.no, l.text.to_string(), iso, DateKind::Published));
            i += 1;
            skip_blank(&mut i);
        }
    }
    // Title.
    if let Some(first) = lines.get(i).filter(|_| !titled) {
        let t = first.text;
        let h = heading(t);
        let is_title = match &h {
            Some(h) => matches!(h.style, HeadingStyle::Markdown(_) | HeadingStyle::Chapter),
            None => {
                let next_text = lines[i + 1..].iter().find(|l| !l.text.is_empty()).map(|l| l.text);
                // A page break inside the first sentence also leaves a short first line: a title
                // has no 、 and is not continued by a line that starts mid-word (hiragana).
                let continued = next_text
                    .and_then(|n| n.chars().next())
                    .is_some_and(|c| ('\u{3041}'..='\u{309F}').contains(&c));
                width(t) <= 40.0
                    && !t.contains(['、', '，'])
                    && !continued
                    && !ends_sentence(t)
                    && list_item(t).is_none()
                    && date_line(t, true).is_none()
                    && byline(t).is_none()
                    && byline_with_date(t).is_none()
                    && !affiliation(t)
                    && lines
                        .get(i + 1)
                        .is_none_or(|n| n.text.is_empty() || is_subtitle(n.text))
            }
        };
        if is_title {
            let mut title = match h {
                Some(h) if matches!(h.style, HeadingStyle::Markdown(_)) => h.title,
                _ => t.to_string(),
            };
            i += 1;
            // A wrapped title continues on a short line that is no heading, date or byline.
            // A wrapped title continues on the next line when the title reached the margin, or
            // when a subtitle line follows that next line directly.
            let subtitle_after = lines.get(i + 1).is_some_and(|n| is_subtitle(n.text));
            if wrap.is_full(t) || subtitle_after {
                if let Some(n) = lines.get(i) {
                    if !n.text.is_empty()
                        && !ends_sentence(n.text)
                        && heading(n.text).is_none()
                        && !is_subtitle(n.text)
                        && width(n.text) <= 20.0
                    {
                        title.push_str(n.text);
                        i += 1;
                    }
                }
            }
            f.title = Some(title);
            if let Some(n) = lines.get(i) {
                if is_subtitle(n.text) {
                    f.subtitle = Some(n.text.to_string());
                    i += 1;
                }
            }
        }
    }
    // Byline, affiliation, dates: a few short lines before the body starts.
    let mut seen = 0;
    loop {
        let save = i;
        skip_blank(&mut i);
        let Some(line) = lines.get(i) else { break };
        let t = line.text;
        if seen >= 6 || heading(t).is_some() {
            i = save;
            break;
        }
        if let Some((iso, kind)) = date_line(t, true) {
            f.dates.push((line.no, t.to_string(), iso, kind));
        } else if titled {
            // The header named the author already (or that there is none).
            i = save;
            break;
        } else if let Some((name, date, iso)) = byline_with_date(t).filter(|_| f.author.is_none()) {
            // The line stays one meta passage (the byline); its date is a fact of its own.
            f.author = Some((line.no, t.to_string()));
            f.author_name = Some(name);
            f.dates.push((0, date, iso, DateKind::Other));
        } else if f.author.is_none() && byline(t).is_some() {
            f.author = byline(t).map(|a| (line.no, a));
        } else if f.affiliation.is_none() && affiliation(t) {
            f.affiliation = Some((line.no, t.to_string()));
        } else {
            i = save;
            break;
        }
        i += 1;
        seen += 1;
    }
    f.body_start = i;
    // No personal byline: an organisation line (no person's title in it) is the issuing body.
    if f.author.is_none() {
        if let Some((_, org)) = &f.affiliation {
            if !PERSON_TITLES.iter().any(|w| org.contains(w)) {
                f.issuer = Some(org.clone());
            }
        }
    }
    f
}

/// Words that make an affiliation line a person's (not an issuing body's).
const PERSON_TITLES: &[&str] = &[
    "研究員",
    "教授",
    "准教授",
    "講師",
    "主任",
    "首席",
    "客員",
    "所長",
    "理事",
    "フェロー",
    "Professor",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::lines::split_lines;

    fn front(src: &str) -> Front {
        let lines = split_lines(src);
        parse(&lines, &Wrap::measure(&lines), false)
    }

    #[test]
    fn markdown_article() {
        let f = front("\n\n## 日米韓協力の行方——制度化\n\n掲載日：2024年5月7日\n\n日本経済研究センター 首席研究員  \n山田 太郎\n\n本文が始まる。\n");
        assert_eq!(f.title.as_deref(), Some("日米韓協力の行方——制度化"));
        assert_eq!(f.author.unwrap().1, "山田 太郎");
        assert_eq!(f.affiliation.unwrap().1, "日本経済研究センター 首席研究員");
        assert_eq!(f.dates[0].2, "2024-05-07");
        assert_eq!(f.body_start, 8);
    }

    #[test]
    fn chapter_with_subtitle_and_author() {
        let f = front(" 第 3章　 東アジアの安全保\n障協力\n―北朝鮮の核実験と今後の課題―\n\n佐藤　花子\n\n序\n本文。\n");
        assert_eq!(f.title.as_deref(), Some("第 3章　 東アジアの安全保障協力"));
        assert_eq!(f.subtitle.as_deref(), Some("―北朝鮮の核実験と今後の課題―"));
        assert_eq!(f.author.unwrap().1, "佐藤　花子");
        assert_eq!(f.body_start, 5);
    }

    #[test]
    fn no_title_no_author() {
        let f = front("はじめに\n近年、北東アジアをめぐる安全保障環境が大きく変容している。\n");
        assert!(f.title.is_none() && f.author.is_none());
        assert_eq!(f.body_start, 0);
        let f = front("1.新たな日米韓協力の継続と再確認\n本文。\n");
        assert!(f.title.is_none());
        let f = front(" ◆◆膠着する南北関係\n\n北朝鮮は南北を敵対的二国家関係と規定した。\n");
        assert!(f.title.is_none());
    }

    #[test]
    fn byline_with_its_date_in_brackets() {
        let f = front("日米協力の現在\n\n山田太郎（2024年5月7日）\n\n本文である。\n");
        assert_eq!(f.title.as_deref(), Some("日米協力の現在"));
        assert_eq!(f.author_name.as_deref(), Some("山田太郎"));
        assert_eq!(f.dates[0].2, "2024-05-07");
    }

    #[test]
    fn masthead_then_headline() {
        let f = front("東アジア研究ニュースレター 第12号 2024年6月10日\n\n日米韓協力の新段階\n\n本文である。\n");
        assert_eq!(f.title.as_deref(), Some("日米韓協力の新段階"));
        assert_eq!(
            (f.dates[0].2.as_str(), f.dates[0].3),
            ("2024-06-10", DateKind::Published)
        );
        let f = front("研究会通信　令和６年３月 15 日発行\n\n新しい見出し\n\n本文である。\n");
        assert_eq!(f.title.as_deref(), Some("新しい見出し"));
        assert_eq!(f.dates[0].2, "2024-03-15");
    }

    #[test]
    fn issuing_body_in_place_of_an_author() {
        let f = front("データ利用に関する考え方\n\n令和５年４月 10 日\n審議会情報部会調査小委員会\n\n本文である。\n");
        assert_eq!(f.dates[0].2, "2023-04-10");
        assert_eq!(f.issuer.as_deref(), Some("審議会情報部会調査小委員会"));
    }

    #[test]
    fn plain_title_line() {
        let f = front("日米韓協力の現在\n\n本文である。\n");
        assert_eq!(f.title.as_deref(), Some("日米韓協力の現在"));
    }
}
