//! What in a Markdown text is not reading text? Front matter (TOML `+++` or YAML `---` at the
//! very start: its title and date are the document's facts, the block a listed removal) and
//! footnotes with names (`[^quran1]`), numbered here in order of first reference so that the
//! notes stage links them like `[^1]`; their definitions may stand anywhere.

use super::lines::Line;
use super::notes::NoteText;
use crate::model::DateKind;
use crate::text::dates::{find_date, Date};
use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

/// A front matter block and what it says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct FrontMatter {
    /// Line indices of the block, fences included.
    pub lines: Range<usize>,
    pub title: Option<String>,
    /// (text, iso, kind).
    pub date: Option<(String, String, DateKind)>,
}

/// The value of `key = "…"` (TOML) or `key: …` (YAML), quotes removed.
fn value<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let rest = line.strip_prefix(key)?.trim_start();
    let rest = rest.strip_prefix('=').or_else(|| rest.strip_prefix(':'))?.trim();
    let v = rest.trim_matches(|c| c == '"' || c == '\'');
    (!v.is_empty()).then_some(v)
}

/// Front matter: a `+++` or `---` fence as the first line and the same fence closing it.
pub(crate) fn front_matter(lines: &[Line<'_>]) -> Option<FrontMatter> {
    let fence = lines.first()?.text;
    if fence != "+++" && fence != "---" {
        return None;
    }
    let close = 1 + lines[1..].iter().take(200).position(|l| l.text == fence)?;
    let mut fm = FrontMatter {
        lines: 0..close + 1,
        ..FrontMatter::default()
    };
    for l in &lines[1..close] {
        if let Some(v) = value(l.text, "title").filter(|_| fm.title.is_none()) {
            fm.title = Some(v.to_string());
        }
        if let Some(v) = value(l.text, "date").filter(|_| fm.date.is_none()) {
            // `2017-10-23T17:45:41+09:00`, `2017-10-23`, or a date the grammar reads.
            let iso = v
                .get(..10)
                .and_then(Date::from_iso)
                .map(|d| d.iso())
                .or_else(|| find_date(v).map(|d| d.iso));
            if let Some(iso) = iso {
                fm.date = Some((l.text.to_string(), iso, DateKind::Published));
            }
        }
    }
    Some(fm)
}

/// The text with named footnote references and definitions numbered in order of first
/// reference (`[^quran1]` → `[^1]`); numbered ones and the line structure are kept.
pub(crate) fn number_footnotes(text: &str) -> Cow<'_, str> {
    if !text.contains("[^") {
        return Cow::Borrowed(text);
    }
    let label_at = |s: &str| -> Option<usize> {
        let rest = s.strip_prefix("[^")?;
        let end = rest.find(']')?;
        let label = &rest[..end];
        (!label.is_empty() && label.len() <= 40 && label.chars().all(|c| c.is_alphanumeric() || "-_".contains(c)))
            .then_some(end)
    };
    // Numbers by first reference (a definition is `[^x]:` at a line start).
    let mut numbers: HashMap<&str, usize> = HashMap::new();
    let mut named = false;
    for (i, _) in text.match_indices("[^") {
        let Some(end) = label_at(&text[i..]) else { continue };
        let label = &text[i + 2..i + 2 + end];
        named |= !label.chars().all(|c| c.is_ascii_digit());
        let definition = text[i + 3 + end..].starts_with(':') && (i == 0 || text[..i].ends_with('\n'));
        if !definition && !numbers.contains_key(label) {
            let n = numbers.len() + 1;
            numbers.insert(label, n);
        }
    }
    if !named {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (i, _) in text.match_indices("[^") {
        if i < last {
            continue;
        }
        let Some(end) = label_at(&text[i..]) else { continue };
        let label = &text[i + 2..i + 2 + end];
        if let Some(n) = numbers.get(label) {
            out.push_str(&text[last..i]);
            out.push_str(&format!("[^{n}]"));
            last = i + 3 + end;
        }
    }
    out.push_str(&text[last..]);
    Cow::Owned(out)
}

/// A line that is nothing but Hugo shortcodes (`{{< fig-quote … >}}`, `{{< /fig-quote >}}`,
/// `{{% review-paapi "…" %}}`), maybe with an HTML comment after them: markup. A paired
/// shortcode's opening and closing lines go; the text between them stays.
pub(crate) fn shortcode_line(t: &str) -> bool {
    let mut rest = t.trim();
    let mut any = false;
    loop {
        let close = if rest.starts_with("{{<") {
            ">}}"
        } else if rest.starts_with("{{%") {
            "%}}"
        } else {
            break;
        };
        let Some(end) = rest.find(close) else { return false };
        rest = rest[end + 3..].trim_start();
        any = true;
    }
    if let Some(comment) = rest.strip_prefix("<!--") {
        rest = if comment.trim_end().ends_with("-->") { "" } else { rest };
    }
    any && rest.is_empty()
}

/// Whether the text opens with front matter (`+++` or `---`): a Markdown source.
pub(crate) fn opens_with_front_matter(text: &str) -> bool {
    let first = text.trim_start_matches('\u{FEFF}').lines().next().unwrap_or("");
    matches!(first.trim_end(), "+++" | "---")
}

/// TeX math in a Markdown source read as text: `$…$`, `$$…$$` and `\(…\)` lose their
/// delimiters when what they hold is clearly math (no space just inside the dollars, no
/// Japanese, on one line); a price (`$100`, `$5 and $10`) keeps its dollar sign. Lines keep
/// their places.
pub(crate) fn strip_tex(text: &str) -> Cow<'_, str> {
    if !text.contains('$') && !text.contains("\\(") {
        return Cow::Borrowed(text);
    }
    let lines: Vec<String> = text.split('\n').map(strip_tex_line).collect();
    let out = lines.join("\n");
    if out == text {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(out)
    }
}

fn strip_tex_line(line: &str) -> String {
    let math = |inner: &str| {
        !inner.is_empty()
            && inner.chars().count() <= 200
            && !inner.starts_with(char::is_whitespace)
            && !inner.ends_with(char::is_whitespace)
            && !inner.chars().any(|c| crate::text::chars::is_cjk(c) || c == '$')
    };
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while !rest.is_empty() {
        let (open, close) = if rest.starts_with("$$") {
            ("$$", "$$")
        } else if rest.starts_with('$') {
            ("$", "$")
        } else if rest.starts_with("\\(") {
            ("\\(", "\\)")
        } else {
            let c = rest.chars().next().unwrap_or(' ');
            out.push(c);
            rest = &rest[c.len_utf8()..];
            continue;
        };
        let body = &rest[open.len()..];
        let end = body.find(close).filter(|&e| {
            let after = body[e + close.len()..].chars().next();
            // `$5 and $10`: a digit right after the closing dollar is another price.
            math(&body[..e]) && !(close == "$" && after.is_some_and(|c| c.is_ascii_digit()))
        });
        match end {
            Some(e) => {
                out.push_str(&body[..e]);
                rest = &body[e + close.len()..];
            }
            None => {
                out.push_str(open);
                rest = body;
            }
        }
    }
    out
}

/// A link reference definition: `[name]: https://… "title"`.
pub(crate) fn link_definition(t: &str) -> bool {
    let Some(rest) = t.strip_prefix('[') else { return false };
    let Some(end) = rest.find("]:") else { return false };
    let target = rest[end + 2..].trim_start();
    end > 0
        && !rest.starts_with('^')
        && !rest[..end].contains(['[', ']'])
        && (target.starts_with("http") || target.starts_with('/'))
}

/// Footnote definitions `[^3]: text` wherever they stand: the notes, and the line indices taken.
/// A number defined again is left as text.
pub(crate) fn definitions(lines: &[Line<'_>]) -> Vec<(usize, NoteText)> {
    let mut out: Vec<(usize, NoteText)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (i, l) in lines.iter().enumerate() {
        let Some(rest) = l.text.strip_prefix("[^") else {
            continue;
        };
        let Some(end) = rest.find("]:") else { continue };
        let Ok(number) = rest[..end].parse::<u32>() else {
            continue;
        };
        let body = rest[end + 2..].trim();
        if number == 0 || body.is_empty() || !seen.insert(number) {
            continue;
        }
        out.push((
            i,
            NoteText {
                number,
                line: l.no,
                lines: vec![body.to_string()],
            },
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::lines::split_lines;

    #[test]
    fn toml_front_matter() {
        let text = "+++\ntitle = \"「改革」という題\"\ndate =  \"2017-10-23T17:45:41+09:00\"\ntags = [ \"a\" ]\n+++\n\n本文。\n";
        let fm = front_matter(&split_lines(text)).unwrap();
        assert_eq!(fm.lines, 0..5);
        assert_eq!(fm.title.as_deref(), Some("「改革」という題"));
        assert_eq!(fm.date.unwrap().1, "2017-10-23");
        assert!(front_matter(&split_lines("本文。\n---\n")).is_none());
        assert!(link_definition("[Scrapbox]: https://scrapbox.io/ \"S\""));
        assert!(!link_definition("[^1]: https://a") && !link_definition("[注]: 本文"));
    }

    #[test]
    fn named_footnotes_are_numbered_by_first_reference() {
        let text = "a[^x]。\n\n[^x]: X.\n\nb[^y] c[^x]\n[^y]: Y.\n";
        assert_eq!(number_footnotes(text), "a[^1]。\n\n[^1]: X.\n\nb[^2] c[^1]\n[^2]: Y.\n");
        assert_eq!(number_footnotes("a[^1]\n[^1]: b\n"), "a[^1]\n[^1]: b\n");
        let defs = definitions(&split_lines("a[^1]\n[^1]: b\n"));
        assert_eq!(defs.len(), 1);
        assert_eq!((defs[0].0, defs[0].1.number), (1, 1));
    }

    #[test]
    fn hugo_shortcode_lines() {
        assert!(shortcode_line(
            r#"{{< fig-quote title="題" link="https://example.org/" >}} "#
        ));
        assert!(shortcode_line("{{< /fig-quote >}}"));
        assert!(shortcode_line(r#"{{% review-paapi "4822282686" %}} <!-- 本の題 -->"#));
        assert!(!shortcode_line(r#"[記事]({{< ref "/a/b.md" >}})"#));
        assert!(!shortcode_line("{{< fig-quote >}} のあとに本文"));
        assert!(!shortcode_line("本文だけの行"));
    }

    #[test]
    fn tex_delimiters_go_prices_stay() {
        assert_eq!(strip_tex("算数で「$1+1=2$」という問題"), "算数で「1+1=2」という問題");
        assert_eq!(strip_tex("式 $$x^2$$ と \\(a_b\\) を見る"), "式 x^2 と a_b を見る");
        assert_eq!(strip_tex("価格は $100 です"), "価格は $100 です");
        assert_eq!(strip_tex("$5 and $10 each"), "$5 and $10 each");
        assert_eq!(strip_tex("$ 空白 $ は数式ではない"), "$ 空白 $ は数式ではない");
        assert_eq!(strip_tex("一行目 $a\n$ 二行目"), "一行目 $a\n$ 二行目");
    }
}
