//! Exercises what the reader does with a teacher's files beyond parsing: a saved web page's
//! main text (`text::html::page_text`), a reading pack read back (`pack::Pack::from_toml`, core's
//! own TOML-subset reader), and a pack written and read again. Checks: never panics; any text
//! and title survive a pack round trip exactly, inside a page too, and the written pack holds no
//! `<` (it sits in a `<script>` element).
#![no_main]

use libfuzzer_sys::fuzz_target;
use yomikurabe_core::pack::{pack_in_html, with_pack, Pack, PackDocument};
use yomikurabe_core::text::html::page_text;

fuzz_target!(|data: &[u8]| {
    let text = yomikurabe_fuzz::text(data);
    yomikurabe_fuzz::timed(data, || {
        let page = page_text(&text);
        let _ = Pack::from_toml(&text);
        let mut doc = PackDocument::new("f.txt", text.to_string(), Some("UTF-8"));
        doc.title = page.title.clone();
        let pack = Pack {
            version: 1,
            title: Some(text.chars().take(40).collect()),
            documents: vec![doc, PackDocument::new("g.html", page.text, None)],
            ..Default::default()
        };
        let toml = pack.to_toml();
        assert!(!toml.contains('<'), "a written pack holds no '<'");
        assert_eq!(
            Pack::from_toml(&toml).as_ref(),
            Ok(&pack),
            "a pack reads back as written"
        );
        let html = with_pack("<html><head></head><body></body></html>", &pack);
        assert_eq!(pack_in_html(&html), Some(Ok(pack)), "and from inside a page");
    });
});
