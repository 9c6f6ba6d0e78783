//! Every stage takes the adversarial texts (`common/adversarial.rs`: long lines, one huge
//! paragraph, 「「「…, digits, note markers, repeated lines…) at 20 KB, as two documents, and its
//! spans stay valid. Their times per 100 KB are figures (`benches/adversarial.rs`), not asserted.

#[path = "common/adversarial.rs"]
mod adversarial;
mod common;

use yomikurabe_core::analysis::Analysis;
use yomikurabe_core::anchor::{link_quote, resolve, Resolution};
use yomikurabe_core::export::export_analysed;
use yomikurabe_core::themes::ThemeSet;

#[test]
fn every_stage_takes_adversarial_texts() {
    let themes_toml = std::fs::read_to_string(common::corpus_dir().join("themes.toml")).unwrap();
    let themes = ThemeSet::from_toml(&themes_toml).unwrap();
    for (name, make) in adversarial::CASES {
        let text = make(20_000);
        let corpus = common::parse_named(&adversarial::halves(&text));
        for doc in &corpus.documents {
            for p in &doc.passages {
                let end = p.sentences.last().map_or(0, |s| s.end);
                assert_eq!(end, p.text.len(), "{name}: sentences cover {}", p.id);
            }
            for p in doc.passages.iter().take(20) {
                let r = resolve(doc, &p.id, Some(&link_quote(p)));
                assert!(matches!(r, Resolution::Exact(_)), "{name}: own link of {}", p.id);
            }
        }
        let analysis = Analysis::new(&corpus, themes.clone());
        let valid = |d: usize, p: usize, r: &std::ops::Range<usize>| {
            let text = &corpus.documents[d].passages[p].text;
            r.start < r.end && text.get(r.clone()).is_some()
        };
        assert!(
            analysis
                .occurrences
                .iter()
                .all(|o| valid(o.document, o.passage, &o.range)),
            "{name}: themes"
        );
        assert!(
            analysis.dates.iter().all(|e| valid(e.document, e.passage, &e.range)),
            "{name}: dates"
        );
        assert!(
            analysis.citations.iter().flat_map(|c| &c.mentions).all(|m| valid(
                m.span.document,
                m.span.passage,
                &m.span.range
            )),
            "{name}: citations"
        );
        assert!(
            analysis
                .glossary
                .acronyms
                .iter()
                .flat_map(|a| a.uses.iter().chain(&a.definitions))
                .all(|s| valid(s.document, s.passage, &s.range)),
            "{name}: glossary"
        );
        let export = export_analysed(&corpus, &analysis);
        let json = serde_json::to_string(&export).unwrap();
        assert!(json.len() > 2, "{name}: export");
    }
}
