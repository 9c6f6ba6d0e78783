//! Runs the core parser inside WebAssembly in a real browser (headless Chromium via
//! `wasm-bindgen-test-runner`): the same code the app runs on load, on the same texts.
//!
//! Run: `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
//! CHROMEDRIVER=/usr/bin/chromedriver cargo test -p yomikurabe-web --target wasm32-unknown-unknown`
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;
use yomikurabe_core::{parse_corpus, parse_document, Document, Manifest, Source};

wasm_bindgen_test_configure!(run_in_browser);

const MANIFEST: &str = include_str!("../../corpus/manifest.toml");
const FILES: [(&str, &str); 5] = [
    (
        "000_2fd219bc52c45eb8.txt",
        include_str!("../../corpus/000_2fd219bc52c45eb8.txt"),
    ),
    (
        "001_31b5aad01726884c.txt",
        include_str!("../../corpus/001_31b5aad01726884c.txt"),
    ),
    (
        "002_0df6e27ae437e1b9.txt",
        include_str!("../../corpus/002_0df6e27ae437e1b9.txt"),
    ),
    (
        "003_bd922a1cba83f88a.txt",
        include_str!("../../corpus/003_bd922a1cba83f88a.txt"),
    ),
    (
        "004_f29c3ff97e8ff266.txt",
        include_str!("../../corpus/004_f29c3ff97e8ff266.txt"),
    ),
];

fn now_ms() -> f64 {
    // performance.now() has sub-millisecond resolution; Date.now() is the fallback.
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or_else(js_sys::Date::now)
}

/// Every structural invariant the app relies on when it slices passage text in the browser.
fn check_document(doc: &Document) {
    assert!(!doc.id.is_empty(), "{}: empty id", doc.source_file);
    assert!(!doc.passages.is_empty(), "{}: no passages", doc.source_file);
    for p in &doc.passages {
        assert!(!p.id.is_empty(), "{}: passage without id", doc.id);
        assert!(!p.text.trim().is_empty(), "{}/{}: empty passage text", doc.id, p.id);
        for r in &p.note_refs {
            assert!(
                p.text.is_char_boundary(r.offset),
                "{}/{}: note_ref {} offset {} is not a char boundary",
                doc.id,
                p.id,
                r.number,
                r.offset
            );
        }
        for s in &p.sentences {
            assert!(
                s.start <= s.end && p.text.is_char_boundary(s.start) && p.text.is_char_boundary(s.end),
                "{}/{}: sentence {:?} is not on char boundaries",
                doc.id,
                p.id,
                s
            );
        }
    }
    let mut ids: Vec<&str> = doc.passages.iter().map(|p| p.id.as_str()).collect();
    ids.sort_unstable();
    let n = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), n, "{}: duplicate passage ids", doc.id);
}

#[wasm_bindgen_test]
fn parses_a_small_japanese_text_in_wasm() {
    let text = "日本語の文章。\n\n二つ目の段落です。「引用。」と書いた。\n";
    let doc = parse_document(Source {
        id: "sample",
        file: "sample.txt",
        text,
        entry: None,
    });
    check_document(&doc);
    let all: String = doc.passages.iter().map(|p| p.text.as_str()).collect();
    assert!(all.contains("二つ目の段落"), "paragraph text lost: {all:?}");
}

#[wasm_bindgen_test]
fn parses_the_default_corpus_in_wasm() {
    let manifest = Manifest::from_toml(MANIFEST).expect("corpus/manifest.toml parses");
    assert_eq!(
        manifest.documents.len(),
        FILES.len(),
        "manifest and test disagree on the corpus"
    );
    let ids: Vec<String> = manifest.documents.iter().map(|e| e.id()).collect();
    let sources: Vec<Source<'_>> = manifest
        .documents
        .iter()
        .zip(&ids)
        .map(|(entry, id)| {
            let text = FILES
                .iter()
                .find(|(f, _)| *f == entry.file)
                .unwrap_or_else(|| panic!("manifest names {} which the test does not embed", entry.file))
                .1;
            Source {
                id,
                file: &entry.file,
                text,
                entry: Some(entry),
            }
        })
        .collect();

    // First run (cold: the engine has not optimised the code yet), then the median of five more.
    let start = now_ms();
    let corpus = parse_corpus(&sources);
    let first = now_ms() - start;
    let mut runs: Vec<f64> = (0..5)
        .map(|_| {
            let t = now_ms();
            let again = parse_corpus(&sources);
            let dt = now_ms() - t;
            assert_eq!(again, corpus, "parsing is deterministic");
            dt
        })
        .collect();
    runs.sort_by(f64::total_cmp);
    let median = runs[runs.len() / 2];

    assert_eq!(corpus.documents.len(), FILES.len());
    for doc in &corpus.documents {
        check_document(doc);
    }
    let passages: usize = corpus.documents.iter().map(|d| d.passages.len()).sum();
    let bytes: usize = FILES.iter().map(|(_, t)| t.len()).sum();
    let msg = format!(
        "wasm parse of the default corpus: first {first:.1} ms, median of 5 more {median:.1} ms ({} documents, {passages} passages, {} KB)",
        corpus.documents.len(),
        bytes / 1024
    );
    wasm_bindgen_test::console_log!("{msg}");
}

/// The corpus exactly as the app parses it at start-up (embedded by `build.rs`).
#[wasm_bindgen_test]
fn the_apps_embedded_corpus_parses_in_wasm() {
    let start = now_ms();
    let corpus = yomikurabe_web::corpus::default_corpus();
    let elapsed = now_ms() - start;
    assert_eq!(corpus.documents.len(), yomikurabe_web::corpus::DEFAULT_CORPUS.len());
    assert!(!corpus.documents.is_empty(), "the app embeds no documents");
    for doc in &corpus.documents {
        check_document(doc);
        assert!(doc.title.is_some(), "{}: the library card would have no title", doc.id);
    }
    wasm_bindgen_test::console_log!("wasm parse of the app's embedded corpus (default_corpus): {elapsed:.1} ms");
}

/// Links typed or mangled by hand never panic the view-state parser inside wasm.
#[wasm_bindgen_test]
fn garbage_fragments_parse_without_panicking_in_wasm() {
    let long = "x".repeat(20_000);
    let cases = [
        "",
        "#",
        "#docs=%%%",
        "#focus=x",
        "#docs=,,,&focus=/&q=",
        "#%FF%FE%00",
        "#docs=a&focus=a/%E0%A4%A&q=%E3%81",
        "#docs=日本語&focus=日本語/s1",
        long.as_str(),
    ];
    for case in cases {
        let (state, _notices) = yomikurabe_web::view_state::ViewState::parse(case);
        // Whatever came in, what goes out parses again to the same state.
        let again = yomikurabe_web::view_state::ViewState::parse(&state.to_fragment()).0;
        assert_eq!(again, state, "fragment {case:?} does not round-trip");
    }
}

/// The reader's own path through the pipeline inside WebAssembly: the parts it computes after
/// the first paint (sources/acronyms/dates, curated themes, key terms and automatic themes, the
/// alignment index), one `warm` step at a time as the app does; prints each step's time.
#[wasm_bindgen_test]
fn warms_the_readers_pipeline_in_wasm() {
    use yomikurabe_core::pipeline::{Part, Pipeline};
    let run = || {
        let pipeline = Pipeline::lazy(
            yomikurabe_web::corpus::default_sources(),
            Some(yomikurabe_web::corpus::default_summaries()),
            yomikurabe_web::themes::default_themes(),
        );
        let mut times: Vec<(Part, f64)> = Vec::new();
        let mut step = 0;
        loop {
            let start = now_ms();
            let Some(part) = pipeline.warm(step) else { break };
            times.push((part, now_ms() - start));
            step += 1;
        }
        (pipeline, times)
    };
    let (pipeline, first) = run();
    let (_, again) = run();
    let corpus = pipeline.corpus().clone();
    assert!(!pipeline.automatic().is_empty(), "automatic themes were made");
    assert!(!pipeline.citations().is_empty() && !pipeline.glossary().acronyms.is_empty());
    for o in pipeline.occurrences() {
        let text = &corpus.documents[o.document].passages[o.passage].text;
        assert!(text.is_char_boundary(o.range.start) && text.is_char_boundary(o.range.end));
    }
    wasm_bindgen_test::console_log!(
        "wasm pipeline warm steps (part, ms): first {:.1?}, again {:.1?} [unoptimised test build; release figures: the e2e run]",
        first,
        again
    );
}
