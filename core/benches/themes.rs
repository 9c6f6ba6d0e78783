//! Theme-matching figures (a bench binary that prints, not a timed test): the curated themes
//! over the default corpus, and over synthetic corpora of growing size up to ~10 MB to show
//! near-linear growth. Run: `cargo bench -p yomikurabe-core --bench themes`.

use std::hint::black_box;
use yomikurabe_core::themes::matcher::{CorpusKeys, Matcher};
use yomikurabe_core::themes::ThemeSet;

#[path = "../tests/common/mod.rs"]
mod common;

use common::{median_time, ms};

fn main() {
    let themes_toml = std::fs::read_to_string(common::corpus_dir().join("themes.toml")).expect("corpus/themes.toml");
    let themes = ThemeSet::from_toml(&themes_toml).expect("valid themes");
    let compile = median_time(21, || {
        black_box(Matcher::new(black_box(&themes)));
    });
    let matcher = Matcher::new(&themes);
    println!(
        "figure: compile {} curated themes ({} patterns) into one automaton: {:.2} ms",
        themes.len(),
        matcher.pattern_count(),
        ms(compile)
    );

    let corpus = common::default_corpus();
    let bytes: usize = corpus
        .documents
        .iter()
        .flat_map(|d| &d.passages)
        .map(|p| p.text.len())
        .sum();
    let chars: usize = corpus
        .documents
        .iter()
        .flat_map(|d| &d.passages)
        .map(|p| p.text.chars().count())
        .sum();
    let all = median_time(51, || {
        black_box(matcher.match_corpus(black_box(&corpus)));
    });
    let keys = median_time(51, || {
        black_box(CorpusKeys::new(black_box(&corpus)));
    });
    let ck = CorpusKeys::new(&corpus);
    let keyed = median_time(51, || {
        black_box(matcher.match_corpus_keyed(black_box(&corpus), &ck));
    });
    let n = matcher.match_corpus(&corpus).len();
    println!(
        "figure: match curated themes over the default corpus ({} docs, {chars} chars, {bytes} bytes of passage text, \
         {n} occurrences): {:.2} ms = match keys {:.2} ms + automaton and rules {:.2} ms (median of 51, native)",
        corpus.documents.len(),
        ms(all),
        ms(keys),
        ms(keyed)
    );

    // Synthetic corpora: the default texts repeated as many documents.
    let (_, texts) = common::default_texts();
    println!("figure: synthetic corpus growth (native, median of 3)");
    println!(
        "  {:>6} {:>6} {:>12} {:>10} {:>12} {:>10} {:>12}",
        "MB", "docs", "occurrences", "total ms", "MB/s", "keys ms", "match ms"
    );
    for mb in [1usize, 2, 5, 10] {
        let target = mb * 1_000_000;
        let mut docs: Vec<&str> = Vec::new();
        let mut total = 0;
        while total < target {
            let text = &texts[docs.len() % texts.len()].1;
            docs.push(text);
            total += text.len();
        }
        let big = common::parse_named(&docs);
        let size: usize = big
            .documents
            .iter()
            .flat_map(|d| &d.passages)
            .map(|p| p.text.len())
            .sum();
        let occurrences = matcher.match_corpus(&big).len();
        let t = median_time(3, || {
            black_box(matcher.match_corpus(black_box(&big)));
        });
        let k = median_time(3, || {
            black_box(CorpusKeys::new(black_box(&big)));
        });
        let big_keys = CorpusKeys::new(&big);
        let m = median_time(3, || {
            black_box(matcher.match_corpus_keyed(black_box(&big), &big_keys));
        });
        let mbs = size as f64 / 1e6;
        println!(
            "  {:>6.1} {:>6} {:>12} {:>10.1} {:>12.1} {:>10.1} {:>12.1}",
            mbs,
            big.documents.len(),
            occurrences,
            ms(t),
            mbs / t.as_secs_f64(),
            ms(k),
            ms(m)
        );
    }
}
