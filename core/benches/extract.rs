//! Extraction figures (a bench binary that prints, not a timed test): glossary, timeline and
//! citations on the default corpus, and on synthetic corpora of 1, 2, 5 and 10 MB.
//! Run: `cargo bench -p yomikurabe-core --bench extract`.

use std::hint::black_box;
use std::time::Duration;
use yomikurabe_core::extract::citations::citations;
use yomikurabe_core::extract::glossary::glossary;
use yomikurabe_core::extract::timeline::timeline;
use yomikurabe_core::Corpus;

#[path = "../tests/common/mod.rs"]
mod common;

use common::{median_time, ms};

/// (glossary, timeline, citations) medians.
fn measure(corpus: &Corpus, runs: usize) -> [Duration; 3] {
    [
        median_time(runs, || {
            black_box(glossary(black_box(corpus)));
        }),
        median_time(runs, || {
            black_box(timeline(black_box(corpus)));
        }),
        median_time(runs, || {
            black_box(citations(black_box(corpus)));
        }),
    ]
}

fn main() {
    let corpus = common::default_corpus();
    let bytes: usize = corpus
        .documents
        .iter()
        .flat_map(|d| &d.passages)
        .map(|p| p.text.len())
        .sum();
    let [g, t, c] = measure(&corpus, 51);
    let (ng, nt, nc) = (
        glossary(&corpus).acronyms.len(),
        timeline(&corpus).len(),
        citations(&corpus).len(),
    );
    println!("figure: extraction on the default corpus (5 docs, {bytes} bytes of passage text), median of 51, native:");
    println!("  glossary  {:7.2} ms ({ng} acronyms)", ms(g));
    println!("  timeline  {:7.2} ms ({nt} dated expressions)", ms(t));
    println!("  citations {:7.2} ms ({nc} sources)", ms(c));
    println!("  all three {:7.2} ms", ms(g + t + c));

    let (_, texts) = common::default_texts();
    println!("figure: synthetic corpora (the default texts repeated as documents), median of 3, native");
    println!(
        "  {:>6} {:>6} {:>12} {:>12} {:>12} {:>12} {:>8}",
        "MB", "docs", "glossary ms", "timeline ms", "citations ms", "total ms", "MB/s"
    );
    for mb in [1usize, 2, 5, 10] {
        let target = mb * 1_000_000;
        let mut docs: Vec<String> = Vec::new();
        let mut total = 0;
        let mut i = 0;
        while total < target {
            let text = &texts[i % texts.len()].1;
            docs.push(text.clone());
            total += text.len();
            i += 1;
        }
        let big = common::parse_named(&docs);
        let [g, t, c] = measure(&big, 3);
        let sum = g + t + c;
        let mbs = total as f64 / 1e6;
        println!(
            "  {:>6.1} {:>6} {:>12.1} {:>12.1} {:>12.1} {:>12.1} {:>8.1}",
            mbs,
            docs.len(),
            ms(g),
            ms(t),
            ms(c),
            ms(sum),
            mbs / sum.as_secs_f64()
        );
    }
}
