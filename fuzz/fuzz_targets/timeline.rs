//! Exercises dated expressions: `yomikurabe_core::extract::timeline::timeline` (the corpus timeline) and
//! `yomikurabe_core::text::dates::find_dates` (explicit dates in a text).
//! Checks: every expression is a non-empty char range of its passage whose text it carries,
//! in corpus order, not overlapping the previous one; ISO dates are `YYYY`, `YYYY-MM` or
//! `YYYY-MM-DD` with a real month and day; an expression resolved against another names an
//! earlier one; `find_dates` spans are char ranges of the text with valid ISO dates.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yomikurabe_core::extract::timeline::{timeline, Basis};
use yomikurabe_core::text::dates::find_dates;

fuzz_target!(|data: &[u8]| {
    let corpus = yomikurabe_fuzz::corpus(data);
    let text = yomikurabe_fuzz::text(data);
    let (dated, found) = yomikurabe_fuzz::timed(data, || (timeline(&corpus), find_dates(&text)));
    let mut last = (0, 0, 0);
    for (i, e) in dated.iter().enumerate() {
        let s = yomikurabe_fuzz::span(&corpus, e.document, e.passage, &e.range, "dated expression");
        assert_eq!(s, e.text, "expression text is its span");
        let at = (e.document, e.passage, e.range.start);
        assert!(at >= last, "timeline out of order at {e:?}");
        last = (e.document, e.passage, e.range.end);
        if let Some(iso) = &e.iso {
            yomikurabe_fuzz::check_iso(iso);
        }
        if let Some(Basis::Expression(j)) = e.resolved_from {
            assert!(j < i, "expression {i} resolved against later {j}");
        }
    }
    for f in &found {
        yomikurabe_fuzz::nonempty(&text, &f.span, "found date");
        yomikurabe_fuzz::check_iso(&f.iso);
    }
});
