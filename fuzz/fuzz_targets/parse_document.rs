//! Exercises `yomikurabe_core::parse_document` (crate root) on any text.
//! Checks (`yomikurabe_fuzz::check_document`): unique passage ids, note markers on char
//! boundaries, sentences contiguous and covering each passage, notes with text exactly when they
//! have a passage, sections with their heading passage; parsing twice gives the same document.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yomikurabe_core::{parse_document, Source};

fuzz_target!(|data: &[u8]| {
    let text = yomikurabe_fuzz::text(data);
    let src = Source {
        id: "d",
        file: "d.txt",
        text: &text,
        entry: None,
    };
    let doc = yomikurabe_fuzz::timed(data, || parse_document(src));
    yomikurabe_fuzz::check_document(&doc);
    assert_eq!(doc.id, "d");
    if let Some(date) = &doc.date {
        yomikurabe_fuzz::check_iso(&date.iso);
    }
});
