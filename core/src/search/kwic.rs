//! How do the texts use a word? Keyword-in-context lines of search results (one per range,
//! sortable by the words before or after) and the terms found most often near the matches.

use std::ops::Range;

use crate::model::Corpus;
use crate::search::Results;
use crate::similarity::terms::{ScriptRuns, Segmenter, TermSpan};
use crate::text::hash::FxMap;
use crate::text::normalize::match_key;

/// One keyword in its context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KwicLine {
    /// Index into `Corpus::documents`.
    pub document: usize,
    /// Index into that document's passages.
    pub passage: usize,
    /// Start of the keyword, a byte offset into `Passage::text`.
    pub start: usize,
    /// End of the keyword (exclusive).
    pub end: usize,
    /// The last `width` characters of the passage before the keyword.
    pub left: String,
    /// The keyword as the text writes it.
    pub keyword: String,
    /// The first `width` characters of the passage after it.
    pub right: String,
}

/// Orders of KWIC lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KwicSort {
    /// Reading order: document, passage, position.
    #[default]
    Document,
    /// By the left context read backwards from the keyword (nearest character first), so the
    /// words that precede it group together.
    Left,
    /// By the right context.
    Right,
}

/// Line breaks, tabs and other control characters as spaces: a KWIC line is one line.
fn one_line(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

/// One line per range of every hit, in reading order, with `width` characters of context on
/// each side taken within the passage (line breaks as spaces).
pub fn kwic(corpus: &Corpus, results: &Results, width: usize) -> Vec<KwicLine> {
    let mut out = Vec::new();
    for hit in results.hits() {
        let Some(text) = hit_text(corpus, hit) else {
            continue;
        };
        for r in &hit.ranges {
            let (Some(before), Some(keyword), Some(after)) =
                (text.get(..r.start), text.get(r.clone()), text.get(r.end..))
            else {
                continue;
            };
            let left_start = before
                .char_indices()
                .rev()
                .nth(width.saturating_sub(1))
                .map_or(0, |(i, _)| i);
            let left = if width == 0 { "" } else { &before[left_start..] };
            let right_end = after.char_indices().nth(width).map_or(after.len(), |(i, _)| i);
            out.push(KwicLine {
                document: hit.document,
                passage: hit.passage,
                start: r.start,
                end: r.end,
                left: one_line(left),
                keyword: one_line(keyword),
                right: one_line(&after[..right_end]),
            });
        }
    }
    out
}

/// The text of the passage a hit is in.
fn hit_text<'c>(corpus: &'c Corpus, hit: &crate::search::Hit) -> Option<&'c str> {
    let p = corpus.documents.get(hit.document)?.passages.get(hit.passage)?;
    Some(p.text.as_str())
}

/// Sort KWIC lines (stably; equal contexts stay in reading order).
pub fn sort_kwic(lines: &mut [KwicLine], order: KwicSort) {
    let reading = |a: &KwicLine, b: &KwicLine| {
        (a.document, a.passage, a.start, a.end).cmp(&(b.document, b.passage, b.start, b.end))
    };
    match order {
        KwicSort::Document => crate::text::sort::by(lines, reading),
        KwicSort::Left => crate::text::sort::by(lines, |a, b| {
            a.left
                .chars()
                .rev()
                .cmp(b.left.chars().rev())
                .then_with(|| reading(a, b))
        }),
        KwicSort::Right => crate::text::sort::by(lines, |a, b| a.right.cmp(&b.right).then_with(|| reading(a, b))),
    }
}

/// A term found near the matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collocate {
    /// The term as the texts most often write it.
    pub term: String,
    /// How many times it occurs within the window of a match.
    pub count: usize,
}

/// The terms found most often within `window` characters left or right of the ranges of
/// `results`, most frequent first (ties by the term's key), at most `limit`.
///
/// Terms are the key terms' dictionary-free segmentation ([`ScriptRuns`]: kanji, katakana and
/// Latin runs, with the katakana and Latin parts of compounds; no one-character terms, no kana
/// words, no stop words), counted by their key (so 3カ国 and 三か国 are one term). A term
/// counts when it reaches into the window of a match and does not overlap a match (the compound
/// holding the keyword, 拡大抑止協議 around 拡大抑止, is the keyword's own word); a term whose
/// match key is one of the query's terms is left out. Each occurrence counts once, however many
/// windows it is in.
pub fn collocates(corpus: &Corpus, results: &Results, window: usize, limit: usize) -> Vec<Collocate> {
    let segmenter = ScriptRuns::default();
    let mut spans: Vec<TermSpan> = Vec::new();
    // key → (count, surface → count)
    let mut counts: FxMap<String, (usize, FxMap<String, usize>)> = FxMap::default();
    for hit in results.hits() {
        let Some(text) = hit_text(corpus, hit) else {
            continue;
        };
        let windows: Vec<Range<usize>> = hit
            .ranges
            .iter()
            .filter(|r| text.get(r.start..r.end).is_some())
            .flat_map(|r| {
                let before = &text[..r.start];
                let from = before
                    .char_indices()
                    .rev()
                    .nth(window.saturating_sub(1))
                    .map_or(0, |(i, _)| i);
                let after = &text[r.end..];
                let to = r.end + after.char_indices().nth(window).map_or(after.len(), |(i, _)| i);
                let left = if window == 0 { r.start..r.start } else { from..r.start };
                [left, r.end..to]
            })
            .filter(|w| !w.is_empty())
            .collect();
        if windows.is_empty() {
            continue;
        }
        spans.clear();
        segmenter.terms(text, &mut spans);
        for s in &spans {
            let overlaps = |r: &Range<usize>| s.range.start < r.end && r.start < s.range.end;
            if hit.ranges.iter().any(overlaps) || !windows.iter().any(overlaps) {
                continue;
            }
            let Some(surface) = text.get(s.range.clone()) else {
                continue;
            };
            let entry = counts.entry(s.key.clone()).or_default();
            entry.0 += 1;
            *entry.1.entry(surface.to_string()).or_default() += 1;
        }
    }
    let mut out: Vec<(String, Collocate)> = counts
        .into_iter()
        .filter_map(|(key, (count, surfaces))| {
            // The most frequent spelling (ties: the smallest).
            let (term, _) = surfaces
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))?;
            if results.terms().contains(&match_key(&term).text) {
                return None;
            }
            Some((key, Collocate { term, count }))
        })
        .collect();
    crate::text::sort::by(&mut out, |a, b| b.1.count.cmp(&a.1.count).then_with(|| a.0.cmp(&b.0)));
    out.into_iter().take(limit).map(|(_, c)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::{Query, SearchIndex};
    use crate::{parse_corpus, Source};

    fn corpus(text: &str) -> Corpus {
        let full = format!("題名\n\n本文。\n\n{text}\n");
        parse_corpus(&[Source {
            id: "d",
            file: "d.txt",
            text: &full,
            entry: None,
        }])
    }

    fn lines(c: &Corpus, q: &str, width: usize, order: KwicSort) -> Vec<String> {
        let r = SearchIndex::build(c).search(&Query::parse(q));
        let mut l = kwic(c, &r, width);
        sort_kwic(&mut l, order);
        l.iter()
            .map(|l| format!("{}[{}]{}", l.left, l.keyword, l.right))
            .collect()
    }

    #[test]
    fn contexts_are_cut_to_the_width_within_the_passage() {
        let c = corpus("あいうえお抑止かきくけこ。\n\nさ抑止");
        assert_eq!(
            lines(&c, "抑止", 3, KwicSort::Document),
            ["うえお[抑止]かきく", "さ[抑止]"]
        );
        assert_eq!(lines(&c, "抑止", 0, KwicSort::Document), ["[抑止]", "[抑止]"]);
        assert_eq!(
            lines(&c, "抑止", 100, KwicSort::Document),
            ["あいうえお[抑止]かきくけこ。", "さ[抑止]"]
        );
    }

    #[test]
    fn sorts_by_left_and_right_contexts() {
        let c = corpus("ba抑止z。ab抑止y。ca抑止x。ab抑止a。");
        assert_eq!(
            lines(&c, "抑止", 2, KwicSort::Left),
            ["ba[抑止]z。", "ca[抑止]x。", "ab[抑止]y。", "ab[抑止]a。"]
        );
        assert_eq!(
            lines(&c, "抑止", 2, KwicSort::Right),
            ["ab[抑止]a。", "ca[抑止]x。", "ab[抑止]y。", "ba[抑止]z。"]
        );
    }

    #[test]
    fn collocates_count_terms_near_matches_but_not_the_query() {
        let c = corpus("日米韓の拡大抑止協議。日米韓と拡大抑止。米国の拡大抑止と日米韓。遠く離れた場所にある中国。");
        let r = SearchIndex::build(&c).search(&Query::parse("拡大抑止"));
        let got = collocates(&c, &r, 5, 10);
        let pairs: Vec<(&str, usize)> = got.iter().map(|c| (c.term.as_str(), c.count)).collect();
        assert_eq!(pairs, [("日米韓", 3), ("米国", 1)]);
        assert!(collocates(&c, &r, 5, 1).len() == 1);
        assert!(collocates(&c, &r, 0, 10).is_empty());
    }
}

/// How a KWIC table separates its fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delimited {
    /// Tab-separated: tabs and line breaks inside a field become spaces.
    Tsv,
    /// Comma-separated (RFC 4180): a field with a comma, quote or line break is quoted.
    Csv,
}

impl Delimited {
    fn field(self, s: &str, out: &mut String) {
        // In a CSV (made for spreadsheets), a field a spreadsheet would run as a formula (=, +,
        // -, @ first) is opened with an apostrophe, which they read as "text" (OWASP's advice on
        // CSV injection). TSV is for programs as well and stays as the text is.
        let guarded;
        let s = if self == Delimited::Csv && s.starts_with(['=', '+', '-', '@']) {
            guarded = format!("'{s}");
            guarded.as_str()
        } else {
            s
        };
        match self {
            Delimited::Tsv => out.extend(s.chars().map(|c| if c.is_control() { ' ' } else { c })),
            Delimited::Csv if s.contains([',', '"', '\n', '\r']) => {
                out.push('"');
                out.push_str(&s.replace('"', "\"\""));
                out.push('"');
            }
            Delimited::Csv => out.push_str(s),
        }
    }

    /// One row: the fields separated and each written as this format writes a field, then the
    /// line end (CRLF for CSV, as RFC 4180 has it).
    pub fn row(self, out: &mut String, fields: &[&str]) {
        for (i, f) in fields.iter().enumerate() {
            if i > 0 {
                out.push(self.separator());
            }
            self.field(f, out);
        }
        out.push_str(if self == Delimited::Csv { "\r\n" } else { "\n" });
    }

    fn separator(self) -> char {
        match self {
            Delimited::Tsv => '\t',
            Delimited::Csv => ',',
        }
    }
}

/// How a table links to a passage (the reader's own address for it).
pub type PassageLink<'a> = &'a dyn Fn(&crate::model::Document, &crate::model::Passage) -> String;

/// KWIC lines as a table with a header row: document id, title, author, date (ISO), passage
/// id, start and end (characters into the passage), left, keyword, right, and — when `link`
/// is given — a link to each passage (the reader makes it; the CLI has none). One definition
/// for the CLI's `kwic` and the reader's export (docs/search.md).
pub fn kwic_table(corpus: &Corpus, lines: &[KwicLine], format: Delimited, link: Option<PassageLink<'_>>) -> String {
    let mut out = String::new();
    let mut header = vec![
        "document", "title", "author", "date", "passage", "start", "end", "left", "keyword", "right",
    ];
    if link.is_some() {
        header.push("link");
    }
    format.row(&mut out, &header);
    for l in lines {
        let Some(d) = corpus.documents.get(l.document) else {
            continue;
        };
        let Some(p) = d.passages.get(l.passage) else { continue };
        let start = crate::export::char_offset(&p.text, l.start).to_string();
        let end = crate::export::char_offset(&p.text, l.end).to_string();
        let date = d.date.as_ref().map(|x| x.iso.clone()).unwrap_or_default();
        let link = link.map(|f| f(d, p));
        let mut fields = vec![
            d.id.as_str(),
            d.title.as_deref().unwrap_or(""),
            d.author.as_deref().unwrap_or(""),
            date.as_str(),
            p.id.as_str(),
            start.as_str(),
            end.as_str(),
            l.left.as_str(),
            l.keyword.as_str(),
            l.right.as_str(),
        ];
        fields.extend(link.as_deref());
        format.row(&mut out, &fields);
    }
    out
}

#[cfg(test)]
mod table_tests {
    use super::*;
    use crate::search::{Query, SearchIndex};
    use crate::{parse_corpus, Source};

    #[test]
    fn tables_quote_or_flatten_what_would_break_a_row() {
        let corpus = parse_corpus(&[Source {
            id: "a",
            file: "a.txt",
            text: "題, \"名\"\n\n日米の同盟は、日米の協力と\"日米\"の対話に支えられる。\n",
            entry: None,
        }]);
        let index = SearchIndex::build(&corpus);
        let results = index.search(&Query::parse("日米"));
        let lines = kwic(&corpus, &results, 4);
        assert_eq!(lines.len(), 3);
        let tsv = kwic_table(&corpus, &lines, Delimited::Tsv, None);
        let rows: Vec<&str> = tsv.lines().collect();
        assert_eq!(rows.len(), 4);
        assert!(rows.iter().all(|r| r.split('\t').count() == 10), "{tsv}");
        assert!(rows[1].starts_with("a\t題, \"名\"\t\t\t"), "{}", rows[1]);
        let link =
            |d: &crate::model::Document, p: &crate::model::Passage| format!("#docs={}&focus={}/{}", d.id, d.id, p.id);
        let csv = kwic_table(&corpus, &lines, Delimited::Csv, Some(&link));
        let first = csv.split("\r\n").nth(1).unwrap_or_default();
        assert!(first.starts_with("a,\"題, \"\"名\"\"\",,,"), "{first}");
        assert!(
            first.ends_with(&format!(
                "#docs=a&focus=a/{}",
                corpus.documents[0].passages[lines[0].passage].id
            )),
            "{first}"
        );
        assert!(csv.starts_with("document,title,author,date,passage,start,end,left,keyword,right,link\r\n"));
    }

    #[test]
    fn a_csv_field_a_spreadsheet_would_run_is_text() {
        let mut out = String::new();
        Delimited::Csv.field("=HYPERLINK(\"x\")", &mut out);
        assert_eq!(out, "\"'=HYPERLINK(\"\"x\"\")\"");
        let mut out = String::new();
        Delimited::Csv.field("-3%", &mut out);
        assert_eq!(out, "'-3%");
        let mut out = String::new();
        Delimited::Tsv.field("-3%", &mut out);
        assert_eq!(out, "-3%");
    }
}
