//! The view's search, arranged for the screen: the core's results (`core::search`, asked of
//! the pipeline's index once per query) shared by the search panel and the columns, the match
//! ranges of one document's passages, and the order in which next/previous step through the
//! hits of the open columns. No matching or ranking happens here.

use std::collections::HashMap;
use std::ops::Range;
use std::rc::Rc;

use yomikurabe_core::model::Corpus;
use yomikurabe_core::search::{Query, Results};
use yomikurabe_core::Pipeline;

use crate::browser;

/// Marks around each query run, and their measure (what the figures read).
pub const SEARCH_START_MARK: &str = "yomikurabe:search-start";
pub const SEARCH_END_MARK: &str = "yomikurabe:search-end";
pub const SEARCH_MEASURE: &str = "yomikurabe:search";
/// Hits shown per document before "show all".
pub const HITS_SHOWN: usize = 5;
/// Concordance lines rendered at most (the export has them all).
pub const KWIC_SHOWN: usize = 300;
/// Collocates listed.
pub const COLLOCATES_SHOWN: usize = 30;

/// The results of one query.
#[derive(Debug)]
pub struct Found {
    /// The query as typed.
    pub query: String,
    /// What the core found.
    pub results: Results,
    /// The corpus the results index into.
    pub corpus: Rc<Corpus>,
}

/// The view's search results, if it searches; compared by identity (one per query run).
#[derive(Debug, Clone, Default)]
pub struct SharedFound(pub Option<Rc<Found>>);

impl PartialEq for SharedFound {
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        }
    }
}

/// Run `query` on the pipeline's index (built on first need), timed with the search marks.
pub fn run(pipeline: &Pipeline, query: &str) -> SharedFound {
    if query.trim().is_empty() {
        return SharedFound(None);
    }
    let index = pipeline.search_index();
    browser::performance_mark(SEARCH_START_MARK);
    let results = index.search(&Query::parse(query));
    browser::performance_mark(SEARCH_END_MARK);
    browser::performance_measure(SEARCH_MEASURE, SEARCH_START_MARK, SEARCH_END_MARK);
    SharedFound(Some(Rc::new(Found {
        query: query.to_string(),
        results,
        corpus: index.corpus().clone(),
    })))
}

impl Found {
    /// Index of document `id` in the corpus the results index into.
    pub fn document_index(&self, id: &str) -> Option<usize> {
        self.corpus.documents.iter().position(|d| d.id == id)
    }

    /// The match ranges of each passage (by index) of document `id`.
    pub fn ranges_of(&self, id: &str) -> HashMap<usize, Vec<Range<usize>>> {
        let Some(d) = self.document_index(id) else {
            return HashMap::new();
        };
        let Some(group) = self.results.documents().iter().find(|g| g.document == d) else {
            return HashMap::new();
        };
        self.results
            .hits_of(group)
            .iter()
            .map(|h| (h.passage, h.ranges.clone()))
            .collect()
    }

    /// The hits of the open documents `docs` as (document id, passage id), in the order
    /// next/previous visit them: column by column, each in reading order.
    pub fn steps(&self, docs: &[String]) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for id in docs {
            let Some(d) = self.document_index(id) else { continue };
            let Some(group) = self.results.documents().iter().find(|g| g.document == d) else {
                continue;
            };
            let doc = &self.corpus.documents[d];
            for h in self.results.hits_of(group) {
                if let Some(p) = doc.passages.get(h.passage) {
                    out.push((doc.id.clone(), p.id.clone()));
                }
            }
        }
        out
    }
}

/// Where next (`forward`) or previous goes from the marked passage `at` among `steps`: the
/// first hit after it (before it), wrapping around; the first (last) hit when nothing is
/// marked or the mark is not a hit. `None` when there are no hits.
pub fn step(steps: &[(String, String)], at: Option<(&str, &str)>, docs: &[String], forward: bool) -> Option<usize> {
    if steps.is_empty() {
        return None;
    }
    let Some((doc, passage)) = at else {
        return Some(if forward { 0 } else { steps.len() - 1 });
    };
    if let Some(i) = steps.iter().position(|(d, p)| d == doc && p == passage) {
        let n = steps.len();
        return Some(if forward { (i + 1) % n } else { (i + n - 1) % n });
    }
    // The mark is not a hit: the next hit after it in column order, else wrap.
    let column = docs.iter().position(|d| d == doc);
    let after = steps
        .iter()
        .position(|(d, _)| docs.iter().position(|x| x == d) > column);
    Some(match (forward, after) {
        (true, Some(i)) => i,
        (true, None) => 0,
        (false, Some(0) | None) => steps.len() - 1,
        (false, Some(i)) => i - 1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn steps() -> Vec<(String, String)> {
        [("a", "s1"), ("a", "s4"), ("b", "s2")]
            .iter()
            .map(|(d, p)| (d.to_string(), p.to_string()))
            .collect()
    }

    #[test]
    fn next_and_previous_go_round_the_hits_of_the_columns() {
        let docs = vec!["a".to_string(), "b".to_string()];
        let s = steps();
        assert_eq!(step(&s, None, &docs, true), Some(0));
        assert_eq!(step(&s, None, &docs, false), Some(2));
        assert_eq!(step(&s, Some(("a", "s1")), &docs, true), Some(1));
        assert_eq!(step(&s, Some(("b", "s2")), &docs, true), Some(0));
        assert_eq!(step(&s, Some(("a", "s1")), &docs, false), Some(2));
        assert_eq!(step(&[], None, &docs, true), None);
    }

    #[test]
    fn from_a_passage_that_is_no_hit_the_next_column_is_next() {
        let docs = vec!["a".to_string(), "b".to_string()];
        let s = steps();
        assert_eq!(step(&s, Some(("a", "s9")), &docs, true), Some(2));
        assert_eq!(step(&s, Some(("a", "s9")), &docs, false), Some(1));
        assert_eq!(step(&s, Some(("b", "s9")), &docs, true), Some(0));
    }
}
