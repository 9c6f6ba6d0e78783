//! Loading the default corpus for integration tests.
#![allow(dead_code, unreachable_pub)]

use std::path::PathBuf;
use std::time::{Duration, Instant};
use yomikurabe_core::{parse_corpus, Corpus, Manifest, Source};

pub fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join("corpus")
}

/// The default corpus: (file, text) in manifest order, plus the manifest.
pub fn default_texts() -> (Manifest, Vec<(String, String)>) {
    let dir = corpus_dir();
    let manifest = Manifest::from_toml(&std::fs::read_to_string(dir.join("manifest.toml")).unwrap()).unwrap();
    let texts = manifest
        .documents
        .iter()
        .map(|e| (e.file.clone(), std::fs::read_to_string(dir.join(&e.file)).unwrap()))
        .collect();
    (manifest, texts)
}

/// Parser inputs for texts loaded with [`default_texts`]; `ids` are the manifest ids in order.
pub fn sources<'a>(manifest: &'a Manifest, texts: &'a [(String, String)], ids: &'a [String]) -> Vec<Source<'a>> {
    texts
        .iter()
        .zip(ids)
        .map(|((file, text), id)| Source {
            id,
            file,
            text,
            entry: manifest.entry(file),
        })
        .collect()
}

pub fn default_corpus() -> Corpus {
    let (manifest, texts) = default_texts();
    let ids: Vec<String> = manifest.documents.iter().map(|e| e.id()).collect();
    parse_corpus(&sources(&manifest, &texts, &ids))
}

/// Median of `runs` timings of `f` (for the bench binaries).
pub fn median_time(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

/// Milliseconds of a duration.
pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// A corpus of `docs`, named `doc-0`, `doc-1`, … (for the benches' synthetic corpora).
pub fn parse_named<S: AsRef<str>>(docs: &[S]) -> Corpus {
    let names: Vec<String> = (0..docs.len()).map(|i| format!("doc-{i}")).collect();
    let sources: Vec<Source<'_>> = docs
        .iter()
        .zip(&names)
        .map(|(t, n)| Source {
            id: n,
            file: n,
            text: t.as_ref(),
            entry: None,
        })
        .collect();
    parse_corpus(&sources)
}
