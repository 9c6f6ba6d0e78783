//! What do the documents share? The analysed corpus all at once, as the export and the CLI
//! print it: a snapshot of every part of the [`Pipeline`] (the reader asks the pipeline for
//! each part as it needs it instead). One pipeline, so both give the same answers.

use std::rc::Rc;

use crate::extract::citations::Citation;
use crate::extract::glossary::Glossary;
use crate::extract::timeline::DatedExpression;
use crate::model::Corpus;
use crate::pipeline::Pipeline;
use crate::similarity::align::Alignment;
use crate::similarity::terms::TermTable;
use crate::themes::matcher::{counts_by_document, Occurrence};
use crate::themes::ThemeSet;

/// The analysed corpus.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// The themes matched: the given ones (curated, user), then automatic themes made from the
    /// top terms shared by two or more documents.
    pub themes: ThemeSet,
    /// Every occurrence of every theme, sorted by document, passage, start.
    pub occurrences: Vec<Occurrence>,
    /// Key terms.
    pub terms: TermTable,
    /// Related passages across documents (best first per passage).
    pub alignments: Vec<Alignment>,
    /// Sources the documents cite, mentions folded into one entry per source.
    pub citations: Vec<Citation>,
    /// Acronyms with their definitions and uses.
    pub glossary: Glossary,
    /// Dated expressions, resolved to ISO dates where the text allows.
    pub dates: Vec<DatedExpression>,
}

impl Analysis {
    /// Every part of the pipeline over `corpus` with `themes` (curated or user) given.
    pub fn new(corpus: &Corpus, themes: ThemeSet) -> Analysis {
        Analysis::from_pipeline(Pipeline::new(Rc::new(corpus.clone()), themes))
    }

    /// Every part of `pipeline`, computed now if it was not yet, the key terms taken out of it
    /// rather than copied (on a large corpus, hundreds of thousands of terms).
    pub fn from_pipeline(pipeline: Pipeline) -> Analysis {
        let extracts = pipeline.extracts().clone();
        let themes = pipeline.all_themes();
        let occurrences = pipeline.occurrences();
        let alignments = pipeline.alignments();
        Analysis {
            themes,
            occurrences,
            terms: pipeline.into_terms(),
            alignments,
            citations: extracts.citations.clone(),
            glossary: extracts.glossary.clone(),
            dates: extracts.dates.to_vec(),
        }
    }

    /// Every part of `pipeline`, computed now if it was not yet.
    pub fn of(pipeline: &Pipeline) -> Analysis {
        let extracts = pipeline.extracts();
        Analysis {
            themes: pipeline.all_themes(),
            occurrences: pipeline.occurrences(),
            terms: pipeline.terms().clone(),
            alignments: pipeline.alignments(),
            citations: extracts.citations.clone(),
            glossary: extracts.glossary.clone(),
            dates: extracts.dates.to_vec(),
        }
    }

    /// `counts[theme][document]`.
    pub fn counts(&self, documents: usize) -> Vec<Vec<usize>> {
        counts_by_document(&self.occurrences, self.themes.len(), documents)
    }
}

/// The theme × document matrix as CSV (RFC 4180): a header row of document ids, then one row
/// per theme: id, Japanese label, English label, kind, a count per document.
pub fn matrix_csv(corpus: &Corpus, analysis: &Analysis) -> String {
    let mut out = String::from("theme,label_ja,label_en,kind");
    for d in &corpus.documents {
        out.push(',');
        out.push_str(&csv_field(&d.id));
    }
    out.push_str("\r\n");
    let counts = analysis.counts(corpus.documents.len());
    for (theme, row) in analysis.themes.themes().iter().zip(&counts) {
        let cells = [theme.id.as_str(), &theme.label_ja, &theme.label_en, theme.kind.as_str()];
        out.push_str(&cells.map(csv_field).join(","));
        for n in row {
            out.push(',');
            out.push_str(&n.to_string());
        }
        out.push_str("\r\n");
    }
    out
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{parse_corpus, Source};
    use crate::themes::Theme;

    #[test]
    fn counts_and_csv() {
        let corpus = parse_corpus(&[
            Source {
                id: "a",
                file: "a.txt",
                text: "拡大抑止が議論された。拡大抑止は重要だ。",
                entry: None,
            },
            Source {
                id: "b",
                file: "b.txt",
                text: "制裁、\"強化\"。",
                entry: None,
            },
        ]);
        let themes = ThemeSet::new(vec![
            Theme::user("deterrence", "抑止, \"quoted\"", &["拡大抑止"]),
            Theme::user("sanctions", "制裁", &["制裁"]),
        ])
        .unwrap();
        let a = Analysis::new(&corpus, themes);
        let counts = a.counts(2);
        assert_eq!(counts[..2], [vec![2, 0], vec![0, 1]]);
        let csv = matrix_csv(&corpus, &a);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines[0], "theme,label_ja,label_en,kind,a,b");
        assert_eq!(
            lines[1],
            "deterrence,\"抑止, \"\"quoted\"\"\",\"抑止, \"\"quoted\"\"\",user,2,0"
        );
        assert_eq!(lines[2], "sanctions,制裁,制裁,user,0,1");
        assert!(lines[3..].iter().all(|l| l.is_empty() || l.contains(",automatic,")));
    }
}
