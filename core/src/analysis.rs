//! What do the documents share? One pass of analysis over a parsed corpus: theme occurrences
//! (curated, automatic, user), key terms and passage alignments, in the shape the export and
//! the CLI print. The browser runs the same pieces on demand, per view.

use crate::matcher::{counts_by_document, Matcher, Occurrence};
use crate::model::Corpus;
use crate::themes::ThemeSet;

/// The analysed corpus.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// The themes matched (curated first, then automatic and user themes).
    pub themes: ThemeSet,
    /// Every occurrence of every theme, sorted by document, passage, start.
    pub occurrences: Vec<Occurrence>,
}

impl Analysis {
    /// Match `themes` over `corpus`.
    pub fn new(corpus: &Corpus, themes: ThemeSet) -> Analysis {
        let occurrences = Matcher::new(&themes).match_corpus(corpus);
        Analysis { themes, occurrences }
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
        assert_eq!(a.counts(2), vec![vec![2, 0], vec![0, 1]]);
        let csv = matrix_csv(&corpus, &a);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines[0], "theme,label_ja,label_en,kind,a,b");
        assert_eq!(
            lines[1],
            "deterrence,\"抑止, \"\"quoted\"\"\",\"抑止, \"\"quoted\"\"\",user,2,0"
        );
        assert_eq!(lines[2], "sanctions,制裁,制裁,user,0,1");
    }
}
