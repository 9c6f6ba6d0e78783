//! What does a student hand in? Their annotations as a person reads them: Markdown grouped by
//! document (title, author, date) in reading order, and CSV (RFC 4180, a header row) for a
//! spreadsheet. Each annotation is anchored in the corpus first, so the order is the text's
//! order now and what could not be found again is said.

use super::anchoring::{Anchorer, Anchoring};
use super::{Annotation, Kind};
use crate::model::{Corpus, Document};
use std::fmt::Write as _;

/// One annotation placed: its document (index in the corpus, if there), where it anchors.
struct Placed<'a> {
    annotation: &'a Annotation,
    anchoring: Option<Anchoring>,
}

/// The annotations grouped by document: the corpus's documents in order (by id), then those of
/// documents not in the corpus, in order of first appearance; in each, by passage and offset
/// (orphans last), then time.
fn placed<'a>(
    corpus: &'a Corpus,
    annotations: &'a [Annotation],
) -> Vec<(Option<&'a Document>, &'a str, Vec<Placed<'a>>)> {
    let mut groups: Vec<(Option<&Document>, &str, Vec<Placed>)> = Vec::new();
    for doc in &corpus.documents {
        let mine: Vec<&Annotation> = annotations.iter().filter(|a| a.document.slug == doc.id).collect();
        if mine.is_empty() {
            continue;
        }
        let anchorer = Anchorer::new(doc);
        let mut list: Vec<Placed> = mine
            .into_iter()
            .map(|a| Placed {
                annotation: a,
                anchoring: Some(anchorer.anchor(&a.target)),
            })
            .collect();
        list.sort_by(|a, b| {
            let key = |p: &Placed<'a>| {
                let at = p.anchoring.as_ref();
                (
                    at.and_then(Anchoring::passage).unwrap_or(usize::MAX),
                    at.and_then(Anchoring::range).map_or(usize::MAX, |r| r.start),
                    p.annotation.created.clone(),
                )
            };
            key(a).cmp(&key(b))
        });
        groups.push((Some(doc), doc.id.as_str(), list));
    }
    for a in annotations {
        if corpus.document(&a.document.slug).is_some() {
            continue;
        }
        let placed = Placed {
            annotation: a,
            anchoring: None,
        };
        match groups.iter_mut().find(|g| g.0.is_none() && g.1 == a.document.slug) {
            Some(g) => g.2.push(placed),
            None => groups.push((None, a.document.slug.as_str(), vec![placed])),
        }
    }
    groups
}

/// The title a list shows for a document.
fn title(doc: Option<&Document>, slug: &str) -> String {
    match doc.and_then(|d| d.title.clone()) {
        Some(t) => t,
        None if slug.is_empty() => "(a document without id)".into(),
        None => slug.to_string(),
    }
}

/// What a reader should know about where an annotation is now, if anything.
fn whereabouts(anchoring: Option<&Anchoring>) -> Option<String> {
    match anchoring {
        None => Some("The document is not in this library.".into()),
        Some(Anchoring::Exact { .. }) => None,
        Some(Anchoring::Moved { .. }) => Some("The text has moved since; found again by its words.".into()),
        Some(Anchoring::Fuzzy { score, .. }) => Some(format!(
            "The text has changed since; found approximately ({:.0} % alike).",
            score * 100.0
        )),
        Some(Anchoring::Orphan { .. }) => Some("Not found in the text as it is now; the quote is kept.".into()),
    }
}

/// The passage an annotation is in now (its id), else the one it was made in.
fn passage_id<'a>(doc: Option<&'a Document>, p: &'a Placed) -> &'a str {
    match (doc, p.anchoring.as_ref().and_then(Anchoring::passage)) {
        (Some(d), Some(i)) => &d.passages[i].id,
        _ => &p.annotation.target.passage,
    }
}

/// The annotations as Markdown: a section per document (title, author, date), each annotation
/// with its passage, the quote, the note, tags, and a mark for the teacher's prompts.
pub fn to_markdown(corpus: &Corpus, annotations: &[Annotation]) -> String {
    let mut out = String::from("# Annotations\n");
    for (doc, slug, list) in placed(corpus, annotations) {
        let _ = write!(out, "\n## {}\n\n", one_line(&title(doc, slug)));
        let mut facts: Vec<String> = Vec::new();
        if let Some(a) = doc.and_then(|d| d.author.as_deref()) {
            facts.push(one_line(a));
        }
        if let Some(d) = doc.and_then(|d| d.date.as_ref()) {
            facts.push(d.iso.clone());
        }
        facts.push(format!("`{slug}`"));
        let _ = writeln!(out, "{}", facts.join(" · "));
        for p in &list {
            let a = p.annotation;
            let mark = match a.kind {
                Kind::Prompt => "**Prompt** (the teacher's question)",
                Kind::Note => "Note",
                Kind::Highlight => "Highlight",
            };
            let _ = write!(out, "\n### {mark}, passage {}\n\n", passage_id(doc, p));
            for line in a.target.exact.lines() {
                let _ = writeln!(out, "> {line}");
            }
            if !a.body.is_empty() {
                out.push('\n');
                out.push_str(a.body.trim_end());
                out.push('\n');
            }
            if !a.tags.is_empty() {
                let tags: Vec<String> = a.tags.iter().map(|t| format!("`{}`", one_line(t))).collect();
                let _ = write!(out, "\nTags: {}\n", tags.join(", "));
            }
            if let Some(w) = whereabouts(p.anchoring.as_ref()) {
                let _ = write!(out, "\n*{w}*\n");
            }
        }
    }
    out
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The annotations as CSV (RFC 4180: CRLF line ends, fields with commas, quotes or line breaks
/// quoted), one row per annotation in the Markdown's order, with a header row.
pub fn to_csv(corpus: &Corpus, annotations: &[Annotation]) -> String {
    let mut out = String::new();
    row(
        &mut out,
        &[
            "document", "title", "author", "date", "passage", "start", "end", "kind", "quote", "note", "tags",
            "created", "modified", "found", "id",
        ],
    );
    for (doc, slug, list) in placed(corpus, annotations) {
        let title = title(doc, slug);
        let author = doc.and_then(|d| d.author.clone()).unwrap_or_default();
        let date = doc
            .and_then(|d| d.date.as_ref())
            .map(|d| d.iso.clone())
            .unwrap_or_default();
        for p in &list {
            let a = p.annotation;
            let found = p.anchoring.as_ref().map_or("no document", Anchoring::as_str);
            row(
                &mut out,
                &[
                    slug,
                    &title,
                    &author,
                    &date,
                    &a.target.passage,
                    &a.target.start.to_string(),
                    &a.target.end.to_string(),
                    a.kind.as_str(),
                    &a.target.exact,
                    &a.body,
                    &a.tags.join("; "),
                    &a.created,
                    a.modified.as_deref().unwrap_or(""),
                    found,
                    &a.id,
                ],
            );
        }
    }
    out
}

/// One CSV row, as the concordance's CSV writes it (quoting, formula guard, CRLF).
fn row(out: &mut String, fields: &[&str]) {
    crate::search::Delimited::Csv.row(out, fields);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotations::{DocumentKey, Target};
    use crate::parse::{parse_corpus, Source};

    fn corpus() -> Corpus {
        parse_corpus(&[Source {
            id: "first",
            file: "first.txt",
            text: "題名\n\n山田太郎\n\n最初の段落である。日米の協力を論じる。\n\n次の段落では、拡大抑止を扱う。\n",
            entry: None,
        }])
    }

    fn annotations(c: &Corpus) -> Vec<Annotation> {
        let d = &c.documents[0];
        let pick = |q: &str| {
            let p = d.passages.iter().find(|p| p.text.contains(q)).unwrap();
            let at = p.text.find(q).unwrap();
            Target::from_selection(d, &p.id, at..at + q.len()).unwrap()
        };
        let key = DocumentKey::of_text("first", "x");
        let mut note = Annotation::new(
            key.clone(),
            pick("拡大抑止"),
            Kind::Note,
            "定義は?",
            "2025-05-01T10:00:00Z",
        );
        note.tags = vec!["用語".into(), "a,b".into()];
        let prompt = Annotation::new(
            key.clone(),
            pick("日米の協力"),
            Kind::Prompt,
            "何の協力か。",
            "2025-04-01",
        );
        let mut gone = Annotation::new(key, pick("最初の段落"), Kind::Highlight, "", "2025-05-02");
        gone.target.exact = "消えた文".into();
        gone.target.passage = "s9-p9".into();
        let elsewhere = Annotation::new(
            DocumentKey::of_text("other", "y"),
            pick("次の段落"),
            Kind::Note,
            "\"引用\"\n二行",
            "2025",
        );
        vec![note, gone, prompt, elsewhere]
    }

    #[test]
    fn markdown_groups_by_document_in_reading_order() {
        let c = corpus();
        let md = to_markdown(&c, &annotations(&c));
        let prompt = md.find("**Prompt**").unwrap();
        let note = md.find("> 拡大抑止").unwrap();
        let gone = md.find("> 消えた文").unwrap();
        let other = md.find("## other").unwrap();
        assert!(prompt < note && note < gone && gone < other, "{md}");
        assert!(md.contains("Tags: `用語`, `a,b`"), "{md}");
        assert!(md.contains("the quote is kept"), "{md}");
        assert!(md.contains("not in this library"), "{md}");
    }

    #[test]
    fn csv_is_rfc_4180() {
        let c = corpus();
        let csv = to_csv(&c, &annotations(&c));
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert!(lines[0].starts_with("document,title,author,date,passage,start,end,kind,quote,note"));
        assert_eq!(csv.matches("\r\n").count(), 5, "a header and four rows: {csv}");
        assert!(csv.contains("\"\"\"引用\"\"\n二行\""), "{csv}");
        assert!(csv.contains(",prompt,日米の協力,何の協力か。,,"), "{csv}");
        assert!(csv.contains(",orphan,"), "{csv}");
    }
}
