//! Exercises `yomikurabe_core::extract::citations::citations` (sources cited, folded across documents).
//! Checks: every mention is a non-empty char range of its passage and its text is that range;
//! ids are `<kind>-<8 hex>` and unique; labels are not empty; mentions in corpus order.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yomikurabe_core::extract::citations::citations;

fuzz_target!(|data: &[u8]| {
    let corpus = yomikurabe_fuzz::corpus(data);
    let found = yomikurabe_fuzz::timed(data, || citations(&corpus));
    let mut ids = std::collections::HashSet::new();
    for c in &found {
        assert!(ids.insert(c.id.as_str()), "duplicate citation id {}", c.id);
        let hex = c.id.strip_prefix(c.kind.as_str()).and_then(|h| h.strip_prefix('-'));
        assert!(
            matches!(hex, Some(h) if h.len() == 8 && h.bytes().all(|b| b.is_ascii_hexdigit())),
            "id {}",
            c.id
        );
        assert!(!c.label.trim().is_empty(), "empty label in {c:?}");
        assert!(!c.mentions.is_empty(), "no mentions: {c:?}");
        let mut last = (0, 0, 0);
        for m in &c.mentions {
            let s = &m.span;
            let text = yomikurabe_fuzz::span(&corpus, s.document, s.passage, &s.range, "citation mention");
            assert_eq!(text, m.text, "mention text is its span");
            let at = (s.document, s.passage, s.range.start);
            assert!(at >= last, "mentions out of order in {}", c.id);
            last = at;
        }
    }
});
