//! Stage 3: what the texts name. Cited sources, the acronym glossary and dated expressions,
//! each found per passage and merged across the corpus; [`Extracts`] holds all three with the
//! spans of each passage indexed for the reader's highlighter and panels.

pub mod citations;
pub mod glossary;
pub mod timeline;

use std::collections::BTreeMap;
use std::ops::Range;
use std::rc::Rc;

use crate::model::Corpus;
use citations::{citations_dated, Citation};
use glossary::{glossary, Acronym, Glossary};
use timeline::{timeline, DatedExpression};

/// What an extracted span is: an index into [`Extracts::citations`], the glossary's acronyms
/// or [`Extracts::dates`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExtractKind {
    /// A mention of a cited source.
    Source(usize),
    /// A use of an acronym.
    Acronym(usize),
    /// A dated expression.
    Date(usize),
}

/// One extracted span of a passage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extract {
    /// What it is.
    pub kind: ExtractKind,
    /// Byte range into the passage text.
    pub range: Range<usize>,
}

/// The extractions of one corpus.
#[derive(Debug, Default)]
pub struct Extracts {
    /// Cited sources, in order of first mention.
    pub citations: Vec<Citation>,
    /// Acronyms, sorted by their short form.
    pub glossary: Glossary,
    /// Dated expressions, in corpus order.
    pub dates: Rc<[DatedExpression]>,
    /// Spans per (document index, passage index), sorted by start.
    by_passage: BTreeMap<(usize, usize), Vec<Extract>>,
}

impl Extracts {
    /// Extract everything from `corpus`.
    pub fn new(corpus: &Corpus) -> Extracts {
        let dates: Rc<[DatedExpression]> = Rc::from(timeline(corpus));
        Extracts::from_parts(citations_dated(corpus, &dates), glossary(corpus), dates)
    }

    /// The extractions made by each stage, with the spans of each passage indexed.
    pub fn from_parts(citations: Vec<Citation>, glossary: Glossary, dates: Rc<[DatedExpression]>) -> Extracts {
        let mut x = Extracts {
            citations,
            glossary,
            dates,
            by_passage: BTreeMap::new(),
        };
        let mut add = |document: usize, passage: usize, kind: ExtractKind, range: Range<usize>| {
            x.by_passage
                .entry((document, passage))
                .or_default()
                .push(Extract { kind, range });
        };
        for (i, c) in x.citations.iter().enumerate() {
            for m in &c.mentions {
                add(
                    m.span.document,
                    m.span.passage,
                    ExtractKind::Source(i),
                    m.span.range.clone(),
                );
            }
        }
        for (i, a) in x.glossary.acronyms.iter().enumerate() {
            for u in &a.uses {
                add(u.document, u.passage, ExtractKind::Acronym(i), u.range.clone());
            }
        }
        for (i, d) in x.dates.iter().enumerate() {
            add(d.document, d.passage, ExtractKind::Date(i), d.range.clone());
        }
        for spans in x.by_passage.values_mut() {
            crate::text::sort::by_key(spans, |s| (s.range.start, std::cmp::Reverse(s.range.end)));
        }
        x
    }

    /// The spans of passage `passage` of document `document` (indices into the corpus).
    pub fn spans(&self, document: usize, passage: usize) -> &[Extract] {
        self.by_passage.get(&(document, passage)).map_or(&[], Vec::as_slice)
    }

    /// The source with this id, with its index.
    pub fn citation(&self, id: &str) -> Option<(usize, &Citation)> {
        self.citations.iter().enumerate().find(|(_, c)| c.id == id)
    }

    /// The acronym at `index` of the glossary.
    pub fn acronym(&self, index: usize) -> Option<&Acronym> {
        self.glossary.acronyms.get(index)
    }

    /// The sources document `document` cites, in order of first mention there, with how many
    /// times it mentions each.
    pub fn sources_of(&self, document: usize) -> Vec<(usize, usize)> {
        let mut out: Vec<(usize, usize, (usize, usize))> = Vec::new();
        for (i, c) in self.citations.iter().enumerate() {
            let mut here = c.mentions.iter().filter(|m| m.span.document == document);
            if let Some(first) = here.next() {
                out.push((i, 1 + here.count(), (first.span.passage, first.span.range.start)));
            }
        }
        crate::text::sort::by_key(&mut out, |&(_, _, at)| at);
        out.into_iter().map(|(i, n, _)| (i, n)).collect()
    }

    /// Where the link to source `index` takes the reader: (document id, passage id) of every
    /// mention, in corpus order.
    pub fn mention_places(&self, corpus: &Corpus, index: usize) -> Vec<(String, String)> {
        let Some(c) = self.citations.get(index) else {
            return Vec::new();
        };
        c.mentions
            .iter()
            .filter_map(|m| {
                let doc = corpus.documents.get(m.span.document)?;
                let p = doc.passages.get(m.span.passage)?;
                Some((doc.id.clone(), p.id.clone()))
            })
            .collect()
    }

    /// What the acronym written `short` stands for, in one line (`"" ` when nobody says).
    pub fn expansion(&self, index: usize) -> String {
        self.acronym(index)
            .map(|a| a.expansions.join(" / "))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{parse_corpus, Source};

    fn corpus() -> Corpus {
        parse_corpus(&[
            Source {
                id: "a",
                file: "a.txt",
                text:
                    "2023年8月18日、日米韓は「キャンプ・デービッド原則」を発表した。核協議グループ(NCG)が開かれた。\n",
                entry: None,
            },
            Source {
                id: "b",
                file: "b.txt",
                text: "NCGは2024年にも開かれた。「キャンプ・デービッド原則(Camp David Principles)」が基礎である。\n",
                entry: None,
            },
        ])
    }

    #[test]
    fn spans_sources_and_acronyms_across_documents() {
        let c = corpus();
        let x = Extracts::new(&c);
        let (i, cite) = x
            .citations
            .iter()
            .enumerate()
            .find(|(_, c)| c.label.contains("キャンプ・デービッド原則"))
            .expect("source found");
        assert!(cite.is_shared());
        assert_eq!(x.citation(&cite.id).map(|(j, _)| j), Some(i));
        let places = x.mention_places(&c, i);
        assert_eq!(places.iter().map(|p| p.0.as_str()).collect::<Vec<_>>(), ["a", "b"]);
        assert_eq!(x.sources_of(1).first().map(|s| s.0), Some(i));

        // NCG is defined in a and used in b: b's span points at the same glossary entry.
        let in_b: Vec<&Extract> = x
            .spans(1, 0)
            .iter()
            .filter(|s| matches!(s.kind, ExtractKind::Acronym(_)))
            .collect();
        assert_eq!(in_b.len(), 1);
        let ExtractKind::Acronym(k) = in_b[0].kind else {
            unreachable!()
        };
        assert_eq!(&c.documents[1].passages[0].text[in_b[0].range.clone()], "NCG");
        assert!(x.expansion(k).contains("核協議グループ"), "{}", x.expansion(k));

        // Dates are indexed too, and every span is sorted and on char boundaries.
        assert!(x.spans(0, 0).iter().any(|s| matches!(s.kind, ExtractKind::Date(_))));
        for (d, doc) in c.documents.iter().enumerate() {
            for (p, passage) in doc.passages.iter().enumerate() {
                let spans = x.spans(d, p);
                assert!(spans.windows(2).all(|w| w[0].range.start <= w[1].range.start));
                assert!(spans.iter().all(|s| passage.text.get(s.range.clone()).is_some()));
            }
        }
        assert!(x.spans(9, 9).is_empty());
        assert!(x.mention_places(&c, 999).is_empty());
    }
}
