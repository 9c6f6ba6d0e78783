//! Exercises theme matching: `yomikurabe_core::themes::{ThemeSet, Theme}` and
//! `yomikurabe_core::themes::matcher::{Matcher, CorpusKeys}`. The input's first line is a user theme
//! (variants separated by `|`); the rest is the corpus. Matched: the curated `corpus/themes.toml`
//! (one matcher, built once), and the user theme with the themes of the whole input read as a
//! themes file, if it is one (a matcher per input, as the reader builds for a user theme).
//! Checks: occurrences name a theme of their set and a non-empty char range of their passage,
//! sorted by (document, passage, start, end, theme), never overlapping within one theme; for
//! the per-input matcher, the keyed path (the reader's) equals the plain one.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use yomikurabe_core::themes::matcher::{CorpusKeys, Matcher, Occurrence};
use yomikurabe_core::themes::{Theme, ThemeSet};
use yomikurabe_core::Corpus;

fn curated() -> &'static (ThemeSet, Matcher) {
    static SET: OnceLock<(ThemeSet, Matcher)> = OnceLock::new();
    SET.get_or_init(|| {
        let set = ThemeSet::from_toml(include_str!("../../corpus/themes.toml")).expect("themes.toml");
        let matcher = Matcher::new(&set);
        (set, matcher)
    })
}

fn check(corpus: &Corpus, themes: &ThemeSet, occurrences: &[Occurrence]) {
    let key = |o: &Occurrence| (o.document, o.passage, o.range.start, o.range.end, o.theme);
    for (i, o) in occurrences.iter().enumerate() {
        assert!(o.theme < themes.len(), "theme {} of {}", o.theme, themes.len());
        yomikurabe_fuzz::span(corpus, o.document, o.passage, &o.range, "occurrence");
        if let Some(prev) = i.checked_sub(1).map(|j| &occurrences[j]) {
            assert!(key(prev) <= key(o), "occurrences out of order: {prev:?} then {o:?}");
        }
        let same_passage = occurrences[..i]
            .iter()
            .rev()
            .take_while(|p| (p.document, p.passage) == (o.document, o.passage));
        for p in same_passage.filter(|p| p.theme == o.theme) {
            assert!(
                p.range.end <= o.range.start,
                "one theme overlaps itself: {p:?} and {o:?}"
            );
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let text = yomikurabe_fuzz::text(data);
    let (first, rest) = text.split_once('\n').unwrap_or((&text, ""));
    let corpus = yomikurabe_fuzz::corpus(rest.as_bytes());
    let mut themes = ThemeSet::from_toml(&text).unwrap_or_default();
    let variants: Vec<&str> = first.split('|').collect();
    let _ = themes.push(Theme::user("user", first, &variants));
    let (curated_set, curated_matcher) = curated();
    let (curated, plain, keyed) = yomikurabe_fuzz::timed(data, || {
        let keys = CorpusKeys::new(&corpus);
        let matcher = Matcher::new(&themes);
        (
            curated_matcher.match_corpus_keyed(&corpus, &keys),
            matcher.match_corpus(&corpus),
            matcher.match_corpus_keyed(&corpus, &keys),
        )
    });
    assert_eq!(plain, keyed, "keyed matching differs");
    check(&corpus, curated_set, &curated);
    check(&corpus, &themes, &plain);
});
