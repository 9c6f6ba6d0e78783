//! Exercises key terms: `yomikurabe_core::similarity::terms::{ScriptRuns, Segmenter, key_terms}`.
//! Checks: the segmenter's spans are non-empty char ranges of the text with a non-empty key,
//! in order of their start, each either after the previous compound or nested in it; the term
//! table has one column per document, terms with counts in existing documents and finite scores.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yomikurabe_core::similarity::terms::{key_terms, ScriptRuns, Segmenter};

fuzz_target!(|data: &[u8]| {
    let corpus = yomikurabe_fuzz::corpus(data);
    // The reader's segmenter, and the unjoined one of the figures (each script a run of its own).
    let segmenters = [ScriptRuns::default(), ScriptRuns::unjoined()];
    let table = yomikurabe_fuzz::timed(data, || {
        let mut spans = Vec::new();
        for doc in &corpus.documents {
            for p in &doc.passages {
                for seg in &segmenters {
                    spans.clear();
                    seg.terms(&p.text, &mut spans);
                    let mut outer = 0..0;
                    let mut last_start = 0;
                    for s in &spans {
                        yomikurabe_fuzz::nonempty(&p.text, &s.range, "term span");
                        assert!(!s.key.is_empty(), "empty key for {:?}", &p.text[s.range.clone()]);
                        assert!(s.range.start >= last_start, "term spans out of order");
                        last_start = s.range.start;
                        if s.range.start >= outer.end {
                            outer = s.range.clone();
                        } else {
                            assert!(
                                s.range.end <= outer.end,
                                "term spans cross: {outer:?} and {:?}",
                                s.range
                            );
                        }
                    }
                }
            }
        }
        key_terms(&corpus, &ScriptRuns::default())
    });
    assert_eq!(table.documents.len(), corpus.documents.len());
    for t in &table.terms {
        assert!(!t.key.is_empty() && !t.display.is_empty(), "empty term {t:?}");
        assert!(!t.docs.is_empty() && t.shared_score.is_finite(), "term {t:?}");
        assert!(
            t.docs.windows(2).all(|w| w[0].doc < w[1].doc),
            "term docs out of order: {t:?}"
        );
        for d in &t.docs {
            assert!(
                d.doc < corpus.documents.len() && d.count > 0 && d.score.is_finite(),
                "term {t:?}"
            );
        }
    }
    for d in 0..corpus.documents.len() {
        assert!(table.top_terms(d, 5).len() <= 5);
    }
});
