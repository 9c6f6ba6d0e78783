//! Which passages of the other open documents say something about this one, and where should
//! the other columns go when the reader scrolls one in aligned mode? Answers from `core::align`
//! (through [`Pipeline::align`]), arranged for the view. Pure Rust, tested natively.

use yomikurabe_core::similarity::align::PassageRef;

use yomikurabe_core::pipeline::Pipeline;

/// How many related passages the list shows.
pub const LIST_SIZE: usize = 8;
/// How many shared terms an item shows.
const SHOWN_TERMS: usize = 6;
/// Characters of the related passage shown.
const SNIPPET_CHARS: usize = 60;

/// One related passage, as the list shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct RelatedItem {
    /// Document id.
    pub doc: String,
    /// Passage id.
    pub passage: String,
    /// Cosine similarity in hundredths (0–100).
    pub score: u32,
    /// The shared terms that explain it, strongest first.
    pub terms: Vec<String>,
    /// The themes both passages have (Japanese labels).
    pub themes: Vec<String>,
    /// The start of its text.
    pub snippet: String,
}

/// `0.43` for 43 hundredths (without float formatting, which would add its code to the wasm).
pub fn score_text(hundredths: u32) -> String {
    format!("{}.{:02}", hundredths / 100, hundredths % 100)
}

fn index(analysis: &Pipeline, doc: &str) -> Option<usize> {
    analysis.corpus().documents.iter().position(|d| d.id == doc)
}

/// The documents to look in for passages related to one of `from_doc`: the other open ones, or
/// every other document of the corpus when `from_doc` is the only one open.
pub fn search_docs(analysis: &Pipeline, open: &[String], from_doc: &str) -> Vec<usize> {
    let others: Vec<usize> = open
        .iter()
        .filter(|d| *d != from_doc)
        .filter_map(|d| index(analysis, d))
        .collect();
    if !others.is_empty() {
        return others;
    }
    let own = index(analysis, from_doc);
    (0..analysis.corpus().documents.len())
        .filter(|&d| Some(d) != own)
        .collect()
}

/// The passages most related to `passage` of `doc` in documents `in_docs`, best first.
pub fn related_items(analysis: &Pipeline, doc: &str, passage: &str, in_docs: &[usize], k: usize) -> Vec<RelatedItem> {
    let corpus = analysis.corpus();
    let Some(from) = PassageRef::find(corpus, doc, passage) else {
        return Vec::new();
    };
    analysis
        .align()
        .related(from, in_docs, k)
        .into_iter()
        .filter_map(|a| {
            let d = corpus.documents.get(a.to.doc)?;
            let p = d.passages.get(a.to.passage)?;
            let text = p.text.trim();
            let mut snippet: String = text.chars().take(SNIPPET_CHARS).collect();
            if text.chars().count() > SNIPPET_CHARS {
                snippet.push('…');
            }
            let themes: Vec<String> = a
                .shared_features
                .iter()
                .filter_map(|&f| analysis.feature_theme(f).map(|t| t.label_ja.clone()))
                .collect();
            // A term that is also a shared (automatic) theme is said once.
            let terms = a
                .shared
                .iter()
                .filter(|t| !themes.contains(t))
                .take(SHOWN_TERMS)
                .cloned()
                .collect();
            Some(RelatedItem {
                doc: d.id.clone(),
                passage: p.id.clone(),
                score: (a.score.clamp(0.0, 1.0) * 100.0).round() as u32,
                terms,
                themes,
                snippet,
            })
        })
        .collect()
}

/// Aligned mode: the passage of `to_doc` most related to `passage` of `from_doc`, if any
/// scores above the threshold.
pub fn aligned_passage(analysis: &Pipeline, from_doc: &str, passage: &str, to_doc: &str) -> Option<String> {
    let to = index(analysis, to_doc)?;
    related_items(analysis, from_doc, passage, &[to], 1)
        .into_iter()
        .next()
        .map(|i| i.passage)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::rc::Rc;
    use yomikurabe_core::themes::ThemeSet;
    use yomikurabe_core::{parse_corpus, Source};

    fn analysis() -> Pipeline {
        let corpus = parse_corpus(&[
            Source {
                id: "a",
                file: "a.txt",
                text: "拡大抑止協議と核の傘について述べる。\n\n台湾海峡の緊張と中国の軍事演習。\n\n天気の話。",
                entry: None,
            },
            Source {
                id: "b",
                file: "b.txt",
                text: "中国の軍事演習が台湾海峡で続く。\n\n核の傘と拡大抑止協議の強化。",
                entry: None,
            },
            Source {
                id: "c",
                file: "c.txt",
                text: "拡大抑止協議の再開。",
                entry: None,
            },
        ]);
        let curated = ThemeSet::from_toml(
            "[[theme]]\nid = \"deterrence\"\nlabel_ja = \"拡大抑止\"\nlabel_en = \"Extended deterrence\"\nterms = [\"拡大抑止\", \"核の傘\"]\n",
        )
        .unwrap();
        Pipeline::new(Rc::new(corpus), curated)
    }

    #[test]
    fn related_passages_in_the_other_columns_with_their_reasons() {
        let a = analysis();
        let open = vec!["a".to_string(), "b".to_string()];
        assert_eq!(search_docs(&a, &open, "a"), vec![1]);
        assert_eq!(search_docs(&a, &open[..1], "a"), vec![1, 2], "alone: the whole corpus");
        let items = related_items(&a, "a", "s0-p1", &[1], LIST_SIZE);
        assert!(!items.is_empty());
        let best = &items[0];
        assert_eq!((best.doc.as_str(), best.passage.as_str()), ("b", "s0-p2"), "{items:?}");
        assert!(best.score > 0 && best.score <= 100);
        assert!(
            best.terms
                .iter()
                .chain(&best.themes)
                .any(|t| t.contains("拡大抑止協議")),
            "{best:?}"
        );
        assert!(
            best.terms.iter().all(|t| !best.themes.contains(t)),
            "said once: {best:?}"
        );
        assert!(best.themes.iter().any(|t| t == "拡大抑止"), "{best:?}");
        assert!(best.snippet.starts_with("核の傘"));
        let other = related_items(&a, "a", "s0-p2", &[1], LIST_SIZE);
        assert_eq!(other[0].passage, "s0-p1", "{other:?}");
        assert!(related_items(&a, "a", "nope", &[1], 3).is_empty());
        assert_eq!(aligned_passage(&a, "a", "s0-p2", "b").as_deref(), Some("s0-p1"));
        assert_eq!(
            aligned_passage(&a, "a", "s0-p3", "b"),
            None,
            "nothing related to the weather"
        );
    }

    #[test]
    fn scores_print_without_floats() {
        assert_eq!(score_text(43), "0.43");
        assert_eq!(score_text(5), "0.05");
        assert_eq!(score_text(100), "1.00");
    }
}
