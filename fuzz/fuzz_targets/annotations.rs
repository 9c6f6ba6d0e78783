//! Exercises annotations: `yomikurabe_core::annotations::{from_w3c, to_w3c, Target, Anchorer}`.
//! The whole input is read as a W3C Web Annotation file; after its first line, the rest is a
//! document, and annotations read from the first line (or made from the input's bytes) are
//! anchored in it.
//! Checks: reading never panics; every anchoring is a non-empty char range of an existing
//! passage, or an orphan with the target's quote; a selection in the first 32 passages anchors
//! exactly where it was made; what is written reads back the same.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yomikurabe_core::annotations::{from_w3c, to_w3c, Anchorer, Anchoring, Annotation, DocumentKey, Kind, Target};

fn check(doc: &yomikurabe_core::Document, a: &Anchoring, target: &Target) {
    match a {
        Anchoring::Orphan { quote } => assert_eq!(quote, &target.exact, "an orphan keeps its quote"),
        _ => {
            let i = a.passage().expect("found");
            let p = doc
                .passages
                .get(i)
                .unwrap_or_else(|| panic!("anchored to passage {i} of {}", doc.passages.len()));
            let text = p.text.as_str();
            yomikurabe_fuzz::nonempty(text, &a.range().expect("found"), "anchoring");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let text = yomikurabe_fuzz::text(data);
    let (first, rest) = text.split_once('\n').unwrap_or((&text, ""));
    let corpus = yomikurabe_fuzz::corpus(rest.as_bytes());
    let doc = &corpus.documents[0];
    yomikurabe_fuzz::timed(data, || {
        let _ = from_w3c(&text);
        let imported = from_w3c(first).unwrap_or_default();
        let anchorer = Anchorer::new(doc);
        for a in imported.iter().take(16) {
            check(doc, &anchorer.anchor(&a.target), &a.target);
        }
        // Selections made from the input's bytes, anchored where they were made.
        let key = DocumentKey::of_text(&doc.id, rest);
        let mut made = Vec::new();
        for (k, p) in doc.passages.iter().enumerate().take(32) {
            let bounds: Vec<usize> = p.text.char_indices().map(|(i, _)| i).chain([p.text.len()]).collect();
            let pick =
                |n: usize| bounds[usize::from(data.get(n % data.len().max(1)).copied().unwrap_or(0)) % bounds.len()];
            let (x, y) = (pick(k), pick(k + 7));
            let Some(t) = Target::from_selection(doc, &p.id, x.min(y)..x.max(y)) else {
                continue;
            };
            let got = anchorer.anchor(&t);
            assert!(
                matches!(got, Anchoring::Exact { passage, .. } if passage == k),
                "{t:?} → {got:?}"
            );
            made.push(Annotation::new(
                key.clone(),
                t,
                Kind::Note,
                first,
                "2025-01-01T00:00:00Z",
            ));
        }
        // Anchored in another text: the input's document with its first half cut away.
        let half = (0..=rest.len() / 2)
            .rev()
            .find(|&i| rest.is_char_boundary(i))
            .unwrap_or(0);
        let cut = yomikurabe_fuzz::corpus(rest[half..].as_bytes());
        let cut_doc = &cut.documents[0];
        let cut_anchorer = Anchorer::new(cut_doc);
        for a in made.iter().take(8) {
            check(cut_doc, &cut_anchorer.anchor(&a.target), &a.target);
        }
        assert_eq!(from_w3c(&to_w3c(&made)).as_ref(), Ok(&made), "W3C JSON round trip");
    });
});
