//! Exercises `yomikurabe_core::parse_corpus` (crate root): up to four documents separated by
//! U+001E in one input. Checks: one document per source, in order, with its id; each document
//! valid (`yomikurabe_fuzz::check_document`); the last of several the same as parsed alone.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yomikurabe_core::{parse_corpus, parse_document};

fuzz_target!(|data: &[u8]| {
    let text = yomikurabe_fuzz::text(data);
    let texts = yomikurabe_fuzz::split_docs(&text);
    let sources = yomikurabe_fuzz::sources(&texts);
    let corpus = yomikurabe_fuzz::timed(data, || parse_corpus(&sources));
    assert_eq!(corpus.documents.len(), sources.len());
    for (doc, src) in corpus.documents.iter().zip(&sources) {
        assert_eq!(doc.id, src.id);
        yomikurabe_fuzz::check_document(doc);
    }
    // Documents are parsed independently: the last of several alone gives the same passages.
    if let (Some(last), Some(src), true) = (corpus.documents.last(), sources.last(), sources.len() > 1) {
        let alone = parse_document(*src);
        assert_eq!(alone.passages.len(), last.passages.len());
        assert!(alone
            .passages
            .iter()
            .zip(&last.passages)
            .all(|(a, b)| a.id == b.id && a.text == b.text));
    }
});
