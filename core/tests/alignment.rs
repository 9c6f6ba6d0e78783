//! `AlignIndex::align_all` against brute force over all pairs: its candidate pruning (common
//! features left out, candidates dropped on an upper bound, scoring stopped once a document
//! has its `k` best) must not change a single alignment. The corpus repeats the default essays
//! verbatim, so every passage has many candidates per document, ties included.

mod common;

use yomikurabe_core::similarity::align::{AlignIndex, PassageRef};
use yomikurabe_core::similarity::terms::ScriptRuns;

#[test]
fn align_all_matches_brute_force_on_repeated_texts() {
    let (_, texts) = common::default_texts();
    // The five essays, twice more, and one essay's second half on its own.
    let mut docs: Vec<String> = (0..3).flat_map(|_| texts.iter().map(|t| t.1.clone())).collect();
    let half = &texts[0].1;
    let mut cut = half.len() / 2;
    while !half.is_char_boundary(cut) {
        cut += 1;
    }
    docs.push(half[cut..].to_string());
    let corpus = common::parse_named(&docs);
    let mut index = AlignIndex::build(&corpus, &ScriptRuns::default());
    let refs: Vec<PassageRef> = corpus
        .documents
        .iter()
        .enumerate()
        .flat_map(|(d, doc)| (0..doc.passages.len()).map(move |p| PassageRef { doc: d, passage: p }))
        .collect();
    // Every cross-document pair with a positive score, by `from`, then document, best first,
    // ties by position.
    let mut all: Vec<(PassageRef, PassageRef, f32)> = Vec::new();
    for &from in &refs {
        let mut row: Vec<(PassageRef, f32)> = refs
            .iter()
            .filter(|r| r.doc != from.doc)
            .map(|&r| (r, index.similarity(from, r)))
            .filter(|&(_, s)| s > 0.0)
            .collect();
        row.sort_by(|a, b| a.0.doc.cmp(&b.0.doc).then(b.1.total_cmp(&a.1)).then(a.0.cmp(&b.0)));
        all.extend(row.into_iter().map(|(to, s)| (from, to, s)));
    }
    for min_score in [0.05, 0.12, 0.3, 0.9] {
        index.min_score = min_score;
        for k in [1, 2, 3, 10] {
            let mut want = Vec::new();
            let mut last = None;
            let mut taken = 0;
            for &(from, to, s) in all.iter().filter(|e| e.2 >= min_score) {
                if last != Some((from, to.doc)) {
                    last = Some((from, to.doc));
                    taken = 0;
                }
                if taken < k {
                    taken += 1;
                    want.push((from, to, s));
                }
            }
            let got: Vec<(PassageRef, PassageRef, f32)> = index
                .align_all(k)
                .into_iter()
                .map(|a| (a.from, a.to, a.score))
                .collect();
            assert_eq!(got.len(), want.len(), "k={k} min_score={min_score}");
            assert!(got == want, "k={k} min_score={min_score}");
            assert!(!got.is_empty(), "k={k} min_score={min_score}");
        }
    }
    assert!(index.align_all(0).is_empty());
}
