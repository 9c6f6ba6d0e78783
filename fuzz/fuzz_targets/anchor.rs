//! Exercises `yomikurabe_core::anchor::{resolve, link_quote}` (how a link finds its passage).
//! The input's first line is a link: `<passage id> <quote>`; the rest is the document.
//! Checks: every passage's own link (id + `link_quote`) resolves exactly to it (the first 64
//! passages, to keep a unit linear); any id and quote resolve to an existing passage or none.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yomikurabe_core::anchor::{link_quote, resolve, Resolution};

fuzz_target!(|data: &[u8]| {
    let text = yomikurabe_fuzz::text(data);
    let (link, rest) = text.split_once('\n').unwrap_or((&text, ""));
    let (id, quote) = link.split_once(' ').unwrap_or((link, ""));
    let corpus = yomikurabe_fuzz::corpus(rest.as_bytes());
    let doc = &corpus.documents[0];
    let (own, any) = yomikurabe_fuzz::timed(data, || {
        let own: Vec<Resolution> = doc
            .passages
            .iter()
            .take(64)
            .map(|p| resolve(doc, &p.id, Some(&link_quote(p))))
            .collect();
        (own, [resolve(doc, id, Some(quote)), resolve(doc, id, None)])
    });
    for (i, r) in own.iter().enumerate() {
        assert_eq!(*r, Resolution::Exact(i), "own link of {}", doc.passages[i].id);
    }
    for r in any {
        if let Some(i) = r.index() {
            assert!(i < doc.passages.len(), "resolved to {i} of {}", doc.passages.len());
        }
    }
    if doc.passage(id).is_some() {
        assert!(matches!(any[1], Resolution::Exact(_)), "known id without quote");
    }
});
