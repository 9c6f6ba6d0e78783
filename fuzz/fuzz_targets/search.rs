//! Exercises search: `yomikurabe_core::search::{Query, SearchIndex, kwic, sort_kwic, collocates}`.
//! The input's first line is the query; the rest is the corpus (the whole input is also parsed
//! as a query, to try huge ones).
//! Checks: hits name existing passages, in reading order, each once; their ranges are
//! non-empty char ranges of the passage, sorted and disjoint, each holding an occurrence of one
//! of the query's terms in the passage's match key (mapped back to the text); the sentence is a
//! char range holding the first range; the documents' counts add up; KWIC has one line per
//! range, with contexts within the width, and every sort keeps the lines; collocates are
//! counted down and within the limit.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::ops::Range;
use yomikurabe_core::search::{collocates, kwic, sort_kwic, KwicSort, Query, SearchIndex};
use yomikurabe_core::text::normalize::match_key;

/// The source spans of every occurrence (overlapping ones too) of `terms` in `text`'s match
/// key, sorted by start.
fn term_spans(text: &str, terms: &[&str]) -> Vec<Range<usize>> {
    let key = match_key(text);
    let mut spans = Vec::new();
    for t in terms {
        let mut from = 0;
        while let Some(i) = key.text.get(from..).and_then(|k| k.find(t)) {
            let start = from + i;
            spans.push(key.source_span(text, start..start + t.len()));
            from = start + key.text[start..].chars().next().map_or(1, char::len_utf8);
        }
    }
    spans.sort_by_key(|s| (s.start, s.end));
    spans
}

fuzz_target!(|data: &[u8]| {
    let text = yomikurabe_fuzz::text(data);
    let (first, rest) = text.split_once('\n').unwrap_or((&text, ""));
    let corpus = yomikurabe_fuzz::corpus(rest.as_bytes());
    let (query, results, lines, near) = yomikurabe_fuzz::timed(data, || {
        let _ = Query::parse(&text);
        let query = Query::parse(first);
        let index = SearchIndex::build(&corpus);
        let results = index.search(&query);
        let mut lines = kwic(&corpus, &results, 8);
        for order in [KwicSort::Left, KwicSort::Right, KwicSort::Document] {
            sort_kwic(&mut lines, order);
        }
        let near = collocates(&corpus, &results, 8, 20);
        (query, results, lines, near)
    });
    assert_eq!(query.is_empty(), query.clauses.is_empty());
    let terms: Vec<&str> = query.terms().iter().map(|t| t.key.as_str()).collect();
    assert!(terms.iter().all(|t| !t.is_empty()), "empty term in {query:?}");
    if query.is_empty() {
        assert!(results.is_empty(), "an empty query found something");
    }
    let mut last = None;
    for h in results.hits() {
        assert!(last < Some((h.document, h.passage)), "hits out of order or repeated");
        last = Some((h.document, h.passage));
        let passage = yomikurabe_fuzz::passage_text(&corpus, h.document, h.passage, "hit");
        assert!(!h.ranges.is_empty(), "a hit without a range");
        yomikurabe_fuzz::nonempty(passage, &h.sentence, "hit sentence");
        assert!(
            h.sentence.contains(&h.ranges[0].start),
            "the sentence misses the first range"
        );
        let spans = term_spans(passage, &terms);
        let mut end = 0;
        for r in &h.ranges {
            yomikurabe_fuzz::span(&corpus, h.document, h.passage, r, "hit range");
            assert!(r.start >= end, "ranges overlap or are out of order: {:?}", h.ranges);
            end = r.end;
            let first = spans.partition_point(|s| s.start < r.start);
            assert!(
                spans[first..]
                    .iter()
                    .take_while(|s| s.start < r.end)
                    .any(|s| s.end <= r.end),
                "range {r:?} ({:?}) holds none of {terms:?}",
                &passage[r.clone()]
            );
        }
    }
    assert_eq!(
        results.documents().iter().map(|d| d.passages).sum::<usize>(),
        results.total()
    );
    assert_eq!(lines.len(), results.occurrences());
    for l in &lines {
        assert!(l.left.chars().count() <= 8 && l.right.chars().count() <= 8, "{l:?}");
        assert!(!l.keyword.is_empty());
    }
    assert!(near.len() <= 20 && near.windows(2).all(|w| w[0].count >= w[1].count));
});
