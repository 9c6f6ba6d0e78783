//! Exercises passage alignment: `yomikurabe_core::similarity::align::AlignIndex` (`build`, `align_all`,
//! `related`, `similarity`) with the default `terms::ScriptRuns` segmenter.
//! Checks: alignments join existing passages of two different documents, at most 3 per passage
//! and other document, scores finite in [min_score, 1] and equal to `similarity`, at most
//! `MAX_SHARED` shared terms; `related` agrees with `align_all` on the first aligned passage.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yomikurabe_core::similarity::align::{AlignIndex, MAX_SHARED};
use yomikurabe_core::similarity::terms::ScriptRuns;

fuzz_target!(|data: &[u8]| {
    let corpus = yomikurabe_fuzz::corpus(data);
    let (index, all) = yomikurabe_fuzz::timed(data, || {
        let index = AlignIndex::build(&corpus, &ScriptRuns::default());
        let all = index.align_all(3);
        (index, all)
    });
    for a in &all {
        yomikurabe_fuzz::passage_text(&corpus, a.from.doc, a.from.passage, "alignment from");
        yomikurabe_fuzz::passage_text(&corpus, a.to.doc, a.to.passage, "alignment to");
        assert_ne!(a.from.doc, a.to.doc, "aligned within one document");
        assert!(
            a.score.is_finite() && a.score >= index.min_score && a.score <= 1.0 + 1e-4,
            "score {}",
            a.score
        );
        assert_eq!(a.score, index.similarity(a.from, a.to));
        assert!(a.shared.len() <= MAX_SHARED);
    }
    for w in all.windows(4) {
        let same = |x: &yomikurabe_core::similarity::align::Alignment| (x.from, x.to.doc);
        assert!(
            !(same(&w[0]) == same(&w[1]) && same(&w[1]) == same(&w[2]) && same(&w[2]) == same(&w[3])),
            "more than 3 per document"
        );
    }
    if let Some(first) = all.first() {
        let related = index.related(first.from, &[first.to.doc], 1);
        assert_eq!(related.first().map(|r| (r.to, r.score)), Some((first.to, first.score)));
    }
});
