//! What do the documents share? One pass of analysis over a parsed corpus: theme occurrences
//! (curated, automatic, user), key terms, passage alignments, cited sources, the acronym
//! glossary and dated expressions, in the shape the export and the CLI print. The browser runs
//! the same pieces on demand, per view.

use crate::extract::citations::Citation;
use crate::extract::glossary::Glossary;
use crate::extract::timeline::DatedExpression;
use crate::model::Corpus;
use crate::similarity::align::{self, Alignment, PassageRef};
use crate::similarity::terms::{ScriptRuns, Term, TermTable};
use crate::themes::matcher::{counts_by_document, Matcher, Occurrence};
use crate::themes::{Theme, ThemeKind, ThemeSet};

/// How many of the top shared terms become automatic themes.
pub const AUTOMATIC_THEMES: usize = 12;
/// Related passages kept per passage and other document.
pub const ALIGNMENTS_PER_PASSAGE: usize = 3;

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
    /// Key terms, automatic themes, theme occurrences and alignments of `corpus`, with `themes`
    /// (curated or user) matched too. Theme occurrences also feed the alignment as features.
    pub fn new(corpus: &Corpus, themes: ThemeSet) -> Analysis {
        let seg = ScriptRuns::default();
        let (terms, _) = align::analyse(corpus, &seg, &[]);
        let mut themes = themes;
        for term in terms.shared_terms(2).into_iter().take(AUTOMATIC_THEMES) {
            // A term equal to an existing theme id, or one whose variants are all blank, is skipped.
            let _ = themes.push(term_theme(term));
        }
        let occurrences = Matcher::new(&themes).match_corpus(corpus);
        let features: Vec<(PassageRef, u32)> = occurrences
            .iter()
            .map(|o| {
                (
                    PassageRef {
                        doc: o.document,
                        passage: o.passage,
                    },
                    o.theme as u32,
                )
            })
            .collect();
        let (_, index) = align::analyse(corpus, &seg, &features);
        let alignments = index.align_all(ALIGNMENTS_PER_PASSAGE);
        let dates = crate::extract::timeline::timeline(corpus);
        Analysis {
            themes,
            occurrences,
            terms,
            alignments,
            citations: crate::extract::citations::citations_dated(corpus, &dates),
            glossary: crate::extract::glossary::glossary(corpus),
            dates,
        }
    }

    /// `counts[theme][document]`.
    pub fn counts(&self, documents: usize) -> Vec<Vec<usize>> {
        counts_by_document(&self.occurrences, self.themes.len(), documents)
    }
}

/// The automatic theme made from a key term: its surface forms as variants, its id
/// `term-<8 hex digits>` derived from the term's key (stable across runs and machines, the same
/// in the reader's URLs and the export).
pub fn term_theme(term: &Term) -> Theme {
    let id = crate::text::hash::hashed_id("term", &term.key);
    let variants: Vec<&str> = term.surfaces.iter().map(|(s, _)| s.as_str()).collect();
    let mut theme = Theme::user(&id, &term.display, &variants);
    theme.kind = ThemeKind::Automatic;
    theme.description = format!("Key term shared by {} documents", term.docs.len());
    theme
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
