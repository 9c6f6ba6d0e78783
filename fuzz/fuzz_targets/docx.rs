//! Exercises `yomikurabe_core::text::docx`, a Word file's text from its bytes (a zip of XML).
//! Checks: never panics on any bytes; a text read has no placeholder of a note reference left
//! and parses; `is_docx` agrees that a zip it reads (opening as a zip does) holds a document.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yomikurabe_core::text::docx::{docx_text, is_docx};

fuzz_target!(|data: &[u8]| {
    let result = yomikurabe_fuzz::timed(data, || docx_text(data));
    if let Ok(d) = result {
        assert!(!d.text.contains(['\u{1}', '\u{2}']), "a note placeholder is left");
        assert!(d.author.is_none());
        if data.starts_with(b"PK\x03\x04") {
            assert!(is_docx("", data), "read as a Word file but not recognised as one");
        }
        let _ = yomikurabe_core::parse_document(yomikurabe_core::Source {
            id: "f",
            file: "f.docx",
            text: &d.text,
            entry: None,
        });
    }
});
