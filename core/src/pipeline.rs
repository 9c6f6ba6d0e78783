//! The one analysis pipeline: a parsed corpus and everything computed from it, each part once,
//! on first need.
//!
//! The CLI, the export and the reader all go through [`Pipeline`], so the same input gives the
//! same answer everywhere. Nothing is computed by [`Pipeline::new`]; each accessor computes its
//! part (and the parts it depends on) the first time it is called and keeps it:
//!
//! ```text
//! sources ─► corpus (parsed on first need; summaries may stand in for it until then)
//! corpus ─► match keys ─► curated theme matches ─┐
//!        │            └► search index (bigram postings over the same keys)
//!        ├► key terms ─► automatic themes ─► term matches ─┴► alignment index
//!        ├► dated expressions ─► cited sources ─┐
//!        └► glossary ──────────────────────────┴► extracts (spans per passage)
//! ```
//!
//! Theme matches are memoised per theme (curated: one automaton for the whole set; automatic and
//! user themes: one small automaton each), so turning a theme on never matches again. The reader
//! passes a `mark` function (`performance.mark`) to time each step where it runs; the steps are
//! named `yomikurabe:<step>-start` / `-end`. Single-threaded (`Rc`, `RefCell`): the browser runs
//! it on its main thread in idle time, the CLI in one go.

use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use crate::extract::citations::{citations_dated, Citation};
use crate::extract::glossary::{glossary, Glossary};
use crate::extract::timeline::{timeline, DatedExpression};
use crate::extract::Extracts;
use crate::model::{Corpus, Document, DocumentSummary};
use crate::search::SearchIndex;
use crate::similarity::align::{AlignIndex, Alignment, PassageRef};
use crate::similarity::terms::{key_terms_of, segment_corpus, ScriptRuns, Segmented, Term, TermTable};
use crate::text::hash::hashed_id;
use crate::themes::matcher::{CorpusKeys, Matcher, Occurrence};
use crate::themes::matches::{Occ, ThemeMatches};
use crate::themes::{Theme, ThemeKind, ThemeSet};

/// How many of the top shared terms become automatic themes.
pub const AUTOMATIC_THEMES: usize = 12;
/// Related passages kept per passage and other document (the export's alignments).
pub const ALIGNMENTS_PER_PASSAGE: usize = 3;

/// A part of the pipeline, as [`Pipeline::warm`] computes them, in order, one per call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Document `i` parsed (a lazy pipeline parses one document per step).
    Document(usize),
    /// The corpus assembled from its documents.
    Corpus,
    /// Dated expressions.
    Dates,
    /// Cited sources.
    Citations,
    /// The acronym glossary.
    Glossary,
    /// Sources, acronyms and dates with their spans indexed per passage.
    Extracts,
    /// The curated themes' occurrences.
    CuratedThemes,
    /// Key terms and the automatic themes.
    AutomaticThemes,
    /// The passage alignment index.
    AlignIndex,
}

/// The parts after the documents, in the order [`Pipeline::warm`] computes them.
const PARTS: [Part; 8] = [
    Part::Corpus,
    Part::Dates,
    Part::Citations,
    Part::Glossary,
    Part::Extracts,
    Part::CuratedThemes,
    Part::AutomaticThemes,
    Part::AlignIndex,
];

/// A document to parse when it is first needed.
pub type DocumentSource = Box<dyn FnOnce() -> Document>;

/// A user theme's label and variants, the key of its cached matches.
type UserThemeKey = (String, Vec<String>);

/// A corpus and its analysis, computed lazily (see the module docs).
pub struct Pipeline {
    corpus: OnceCell<Rc<Corpus>>,
    sources: RefCell<Vec<Option<DocumentSource>>>,
    parsed: RefCell<Vec<Option<Document>>>,
    summaries: OnceCell<Rc<[DocumentSummary]>>,
    curated: ThemeSet,
    keys: OnceCell<Rc<CorpusKeys>>,
    search: OnceCell<SearchIndex>,
    curated_matches: OnceCell<Vec<Rc<ThemeMatches>>>,
    terms: OnceCell<TermTable>,
    /// The corpus cut into terms for the key terms, kept until the alignment index is built
    /// from it (one segmentation for both).
    segmented: RefCell<Option<Segmented>>,
    automatic: OnceCell<Vec<Theme>>,
    term_ids: OnceCell<HashMap<String, usize>>,
    term_matches: RefCell<HashMap<String, Rc<ThemeMatches>>>,
    user: RefCell<Vec<(UserThemeKey, Option<Rc<ThemeMatches>>)>>,
    align: OnceCell<AlignIndex>,
    dates: OnceCell<Rc<[DatedExpression]>>,
    citations: OnceCell<Vec<Citation>>,
    glossary: OnceCell<Glossary>,
    extracts: OnceCell<Rc<Extracts>>,
    mark: fn(&str),
}

impl std::fmt::Debug for Pipeline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pipeline")
            .field("parsed", &self.corpus.get().map(|c| c.documents.len()))
            .field("curated", &self.curated.len())
            .field("curated_matches", &self.curated_matches.get().is_some())
            .field("terms", &self.terms.get().is_some())
            .field("align", &self.align.get().is_some())
            .field("extracts", &self.extracts.get().is_some())
            .field("search", &self.search.get().is_some())
            .finish()
    }
}

/// The automatic theme made from a key term: its surface forms as variants, its id
/// `term-<8 hex digits>` derived from the term's key (stable across runs and machines, the same
/// in the reader's URLs and the export).
pub fn term_theme(term: &Term) -> Theme {
    let variants: Vec<&str> = term.surfaces.iter().map(|(s, _)| s.as_str()).collect();
    let mut theme = Theme::user(&hashed_id("term", &term.key), &term.display, &variants);
    theme.kind = ThemeKind::Automatic;
    theme.description = format!("Key term shared by {} documents", term.docs.len());
    theme
}

/// Whether `id` is an automatic theme's id (`term-` and 8 hex digits).
pub fn is_term_id(id: &str) -> bool {
    id.strip_prefix("term-")
        .is_some_and(|h| h.len() == 8 && h.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)))
}

impl Pipeline {
    /// The pipeline over `corpus` with these given themes (curated, or a query's). Nothing is
    /// computed yet.
    pub fn new(corpus: Rc<Corpus>, curated: ThemeSet) -> Pipeline {
        let pipeline = Pipeline::empty(curated);
        let _ = pipeline.corpus.set(corpus);
        pipeline
    }

    /// The pipeline over the documents `sources` parse, each parsed on first need (step
    /// `parse-doc`; [`Pipeline::warm`] parses one per call), with these given themes.
    /// `summaries`, when given, answer [`Pipeline::summaries`] before anything is parsed (they
    /// must describe the same documents, in the same order).
    pub fn lazy(sources: Vec<DocumentSource>, summaries: Option<Vec<DocumentSummary>>, curated: ThemeSet) -> Pipeline {
        let pipeline = Pipeline::empty(curated);
        *pipeline.parsed.borrow_mut() = sources.iter().map(|_| None).collect();
        *pipeline.sources.borrow_mut() = sources.into_iter().map(Some).collect();
        if let Some(s) = summaries {
            let _ = pipeline.summaries.set(Rc::from(s));
        }
        pipeline
    }

    fn empty(curated: ThemeSet) -> Pipeline {
        Pipeline {
            corpus: OnceCell::new(),
            sources: RefCell::new(Vec::new()),
            parsed: RefCell::new(Vec::new()),
            citations: OnceCell::new(),
            glossary: OnceCell::new(),
            summaries: OnceCell::new(),
            curated,
            keys: OnceCell::new(),
            search: OnceCell::new(),
            curated_matches: OnceCell::new(),
            terms: OnceCell::new(),
            segmented: RefCell::new(None),
            automatic: OnceCell::new(),
            term_ids: OnceCell::new(),
            term_matches: RefCell::new(HashMap::new()),
            user: RefCell::new(Vec::new()),
            align: OnceCell::new(),
            dates: OnceCell::new(),
            extracts: OnceCell::new(),
            mark: |_| {},
        }
    }

    /// Call `mark` with `yomikurabe:<step>-start` / `-end` around each computation.
    pub fn with_marks(mut self, mark: fn(&str)) -> Pipeline {
        self.mark = mark;
        self
    }

    /// The function [`Pipeline::with_marks`] set (for a new pipeline over changed documents).
    pub fn marks(&self) -> fn(&str) {
        self.mark
    }

    /// The corpus, parsed now as far as it was not yet.
    pub fn corpus(&self) -> &Rc<Corpus> {
        self.corpus.get_or_init(|| {
            let n = self.sources.borrow().len();
            let documents = self.timed("parse", || {
                (0..n)
                    .filter_map(|i| {
                        self.parse_one(i);
                        self.parsed.borrow_mut().get_mut(i)?.take()
                    })
                    .collect()
            });
            Rc::new(Corpus { documents })
        })
    }

    /// Parse document `i` of a lazy pipeline if it is not yet.
    fn parse_one(&self, i: usize) {
        let source = self.sources.borrow_mut().get_mut(i).and_then(Option::take);
        if let Some(parse) = source {
            let doc = self.timed("parse-doc", parse);
            if let Some(slot) = self.parsed.borrow_mut().get_mut(i) {
                *slot = Some(doc);
            }
        }
    }

    /// Whether the corpus has been parsed.
    pub fn is_parsed(&self) -> bool {
        self.corpus.get().is_some()
    }

    /// What a list of the documents shows (without parsing, when summaries were given).
    pub fn summaries(&self) -> &Rc<[DocumentSummary]> {
        self.summaries
            .get_or_init(|| self.corpus().documents.iter().map(|d| d.summary()).collect())
    }

    /// The given (curated) themes.
    pub fn curated(&self) -> &ThemeSet {
        &self.curated
    }

    fn timed<T>(&self, step: &str, f: impl FnOnce() -> T) -> T {
        (self.mark)(&format!("yomikurabe:{step}-start"));
        let out = f();
        (self.mark)(&format!("yomikurabe:{step}-end"));
        out
    }

    /// Compute one more part, in the order a reader needs them after the first paint: each
    /// document of a lazy pipeline (one per step), then the parts of [`Part`] in order. Returns
    /// the part computed at `step` (free if it was there already), `None` past the last.
    pub fn warm(&self, step: usize) -> Option<Part> {
        let part = self.part_at(step)?;
        if let Part::Document(i) = part {
            if !self.is_parsed() {
                self.parse_one(i);
            }
            return Some(part);
        }
        match part {
            Part::Document(_) | Part::Corpus => drop(self.corpus()),
            Part::Dates => drop(self.dates()),
            Part::Citations => drop(self.citations_found()),
            Part::Glossary => drop(self.glossary_found()),
            Part::Extracts => drop(self.extracts()),
            Part::CuratedThemes => drop(self.curated_matches()),
            Part::AutomaticThemes => drop(self.automatic()),
            Part::AlignIndex => drop(self.align()),
        }
        Some(part)
    }

    /// The part [`Pipeline::warm`] computes at `step`, without computing it.
    pub fn part_at(&self, step: usize) -> Option<Part> {
        let documents = self.sources.borrow().len();
        if step < documents {
            return Some(Part::Document(step));
        }
        PARTS.get(step - documents).copied()
    }

    fn keys(&self) -> &Rc<CorpusKeys> {
        self.keys
            .get_or_init(|| self.timed("match-keys", || Rc::new(CorpusKeys::new(self.corpus()))))
    }

    /// The full-text search index (step `search-index`), over the match keys theme matching
    /// uses (made first if they were not yet, step `match-keys`). Not part of [`Pipeline::warm`]:
    /// built on first need.
    pub fn search_index(&self) -> &SearchIndex {
        self.search.get_or_init(|| {
            let keys = self.keys().clone();
            self.timed("search-index", || SearchIndex::shared(self.corpus().clone(), keys))
        })
    }

    fn matches_of(&self, occurrences: Vec<Occurrence>, themes: usize) -> Vec<Rc<ThemeMatches>> {
        let mut per_theme: Vec<Vec<Occ>> = vec![Vec::new(); themes];
        for o in occurrences {
            if let Some(list) = per_theme.get_mut(o.theme) {
                list.push(Occ {
                    doc: o.document,
                    passage: o.passage,
                    range: o.range,
                });
            }
        }
        let docs = self.corpus().documents.len();
        per_theme
            .into_iter()
            .map(|occ| Rc::new(ThemeMatches::new(occ, docs)))
            .collect()
    }

    /// Occurrences of every curated theme, in the order of the themes file.
    pub fn curated_matches(&self) -> &[Rc<ThemeMatches>] {
        self.curated_matches.get_or_init(|| {
            let keys = self.keys();
            self.timed("match-curated", || {
                let occ = Matcher::new(&self.curated).match_corpus_keyed(self.corpus(), keys);
                self.matches_of(occ, self.curated.len())
            })
        })
    }

    /// Key terms of the corpus (the default script-run segmentation).
    pub fn terms(&self) -> &TermTable {
        self.terms.get_or_init(|| {
            self.timed("key-terms", || {
                let segmented = segment_corpus(self.corpus(), &ScriptRuns::default());
                let table = key_terms_of(self.corpus(), &segmented);
                *self.segmented.borrow_mut() = Some(segmented);
                table
            })
        })
    }

    /// The key terms, taken out of the pipeline (computed first if they were not yet).
    pub fn into_terms(self) -> TermTable {
        self.terms();
        self.terms.into_inner().unwrap_or_default()
    }

    /// The automatic themes: the top key terms shared by two or more documents (ids that clash
    /// with a curated theme, and terms with nothing to look for, are left out).
    pub fn automatic(&self) -> &[Theme] {
        self.automatic.get_or_init(|| {
            let mut ids: Vec<String> = self.curated.themes().iter().map(|t| t.id.clone()).collect();
            let mut out = Vec::new();
            for term in self.terms().shared_terms(2).into_iter().take(AUTOMATIC_THEMES) {
                let t = term_theme(term);
                if t.validate().is_ok() && !ids.contains(&t.id) {
                    ids.push(t.id.clone());
                    out.push(t);
                }
            }
            out
        })
    }

    /// The automatic theme (`term-<hash>`) of any key term of the corpus, not only the top ones.
    pub fn term_theme(&self, id: &str) -> Option<Theme> {
        if !is_term_id(id) {
            return None;
        }
        if let Some(t) = self.automatic().iter().find(|t| t.id == id) {
            return Some(t.clone());
        }
        let ids = self.term_ids.get_or_init(|| {
            let terms = &self.terms().terms;
            (0..terms.len()).map(|i| (term_theme(&terms[i]).id, i)).collect()
        });
        let term = self.terms().terms.get(*ids.get(id)?)?;
        Some(term_theme(term)).filter(|t| t.validate().is_ok())
    }

    /// Occurrences of an automatic theme (`None` if `id` is not one).
    pub fn term_matches(&self, id: &str) -> Option<Rc<ThemeMatches>> {
        if let Some(m) = self.term_matches.borrow().get(id) {
            return Some(m.clone());
        }
        let theme = self.term_theme(id)?;
        let set = ThemeSet::new(vec![theme]).ok()?;
        let m = self.match_one(&set, "match-term");
        self.term_matches.borrow_mut().insert(id.to_string(), m.clone());
        Some(m)
    }

    fn match_one(&self, set: &ThemeSet, step: &str) -> Rc<ThemeMatches> {
        let keys = self.keys();
        self.timed(step, || {
            let occ = Matcher::new(set).match_corpus_keyed(self.corpus(), keys);
            self.matches_of(occ, 1).pop().unwrap_or_default()
        })
    }

    /// Occurrences of a theme of the reader's own (a label and the spellings to look for);
    /// `None` when it has nothing to look for.
    pub fn user_matches(&self, label: &str, variants: &[String]) -> Option<Rc<ThemeMatches>> {
        let key = (label.to_string(), variants.to_vec());
        if let Some((_, m)) = self.user.borrow().iter().find(|(k, _)| *k == key) {
            return m.clone();
        }
        let result = ThemeSet::new(vec![Theme::user("user", label, variants)])
            .ok()
            .map(|set| self.match_one(&set, "match-user"));
        self.user.borrow_mut().push((key, result.clone()));
        result
    }

    /// The passage alignment index: TF-IDF over key terms plus the curated and automatic themes
    /// each passage has (feature ids: curated themes in file order, then automatic ones).
    pub fn align(&self) -> &AlignIndex {
        self.align.get_or_init(|| {
            let mut features: Vec<(PassageRef, u32)> = Vec::new();
            let mut push = |m: &ThemeMatches, f: usize| {
                features.extend(m.occ.iter().map(|o| {
                    (
                        PassageRef {
                            doc: o.doc,
                            passage: o.passage,
                        },
                        f as u32,
                    )
                }))
            };
            for (i, m) in self.curated_matches().iter().enumerate() {
                push(m, i);
            }
            let curated = self.curated.len();
            for (j, t) in self.automatic().iter().enumerate() {
                if let Some(m) = self.term_matches(&t.id) {
                    push(&m, curated + j);
                }
            }
            crate::text::sort::ascending(&mut features);
            // `automatic()` above made the key terms, and with them the segmentation.
            let segmented = self.segmented.borrow_mut().take();
            self.timed("align-index", || {
                let segmented = segmented.unwrap_or_else(|| segment_corpus(self.corpus(), &ScriptRuns::default()));
                AlignIndex::build_of(self.corpus(), segmented, &features)
            })
        })
    }

    /// The theme behind an alignment feature id (see [`Pipeline::align`]).
    pub fn feature_theme(&self, feature: u32) -> Option<&Theme> {
        let f = feature as usize;
        let curated = self.curated.themes();
        curated
            .get(f)
            .or_else(|| self.automatic().get(f.checked_sub(curated.len())?))
    }

    /// Every dated expression, resolved to ISO where the text allows.
    pub fn dates(&self) -> &Rc<[DatedExpression]> {
        self.dates
            .get_or_init(|| self.timed("timeline", || Rc::from(timeline(self.corpus()))))
    }

    fn citations_found(&self) -> &Vec<Citation> {
        self.citations.get_or_init(|| {
            let dates = self.dates().clone();
            self.timed("citations", || citations_dated(self.corpus(), &dates))
        })
    }

    fn glossary_found(&self) -> &Glossary {
        self.glossary
            .get_or_init(|| self.timed("glossary", || glossary(self.corpus())))
    }

    /// Sources, acronyms and dates with each passage's spans indexed.
    pub fn extracts(&self) -> &Rc<Extracts> {
        self.extracts.get_or_init(|| {
            let (citations, glossary) = (self.citations_found().clone(), self.glossary_found().clone());
            let dates = self.dates().clone();
            self.timed("extract-index", || {
                Rc::new(Extracts::from_parts(citations, glossary, dates))
            })
        })
    }

    /// Every theme: the given ones, then the automatic ones.
    pub fn all_themes(&self) -> ThemeSet {
        let mut set = self.curated.clone();
        for t in self.automatic() {
            // Ids were checked against the given themes when the automatic ones were made.
            let _ = set.push(t.clone());
        }
        set
    }

    /// Every occurrence of every theme of [`Pipeline::all_themes`], sorted by document,
    /// passage, start (theme indices into that set).
    pub fn occurrences(&self) -> Vec<Occurrence> {
        let mut out = Vec::new();
        let mut add = |theme: usize, m: &ThemeMatches| {
            out.extend(m.occ.iter().map(|o| Occurrence {
                document: o.doc,
                passage: o.passage,
                theme,
                range: o.range.clone(),
            }))
        };
        for (i, m) in self.curated_matches().iter().enumerate() {
            add(i, m);
        }
        let curated = self.curated.len();
        for (j, t) in self.automatic().iter().enumerate() {
            if let Some(m) = self.term_matches(&t.id) {
                add(curated + j, &m);
            }
        }
        crate::text::sort::by_key(&mut out, |o| {
            (o.document, o.passage, o.range.start, o.range.end, o.theme)
        });
        out
    }

    /// Related passages across documents for the whole corpus (best first per passage).
    pub fn alignments(&self) -> Vec<Alignment> {
        let index = self.align();
        self.timed("align-all", || index.align_all(ALIGNMENTS_PER_PASSAGE))
    }

    /// Cited sources (see [`Pipeline::extracts`]).
    pub fn citations(&self) -> &[Citation] {
        &self.extracts().citations
    }

    /// The acronym glossary (see [`Pipeline::extracts`]).
    pub fn glossary(&self) -> &Glossary {
        &self.extracts().glossary
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Document;
    use crate::{parse_corpus, Source};
    use std::cell::Cell;

    fn corpus() -> Corpus {
        parse_corpus(&[
            Source {
                id: "a",
                file: "a.txt",
                text: "拡大抑止について\n\n日米韓は拡大抑止を議論した。核協議グループ(NCG)が開かれた。\n",
                entry: None,
            },
            Source {
                id: "b",
                file: "b.txt",
                text: "拡大抑止とNCGは2024年にも議論された。\n",
                entry: None,
            },
        ])
    }

    /// The documents of [`corpus`], one lazy source each, counting parses.
    fn sources() -> Vec<DocumentSource> {
        (0..2)
            .map(|i| -> DocumentSource {
                Box::new(move || {
                    PARSES.with(|n| n.set(n.get() + 1));
                    corpus().documents.swap_remove(i)
                })
            })
            .collect()
    }

    thread_local! {
        static PARSES: Cell<usize> = const { Cell::new(0) };
    }

    #[test]
    fn parses_once_on_first_need_and_summaries_stand_in_before() {
        let summaries: Vec<DocumentSummary> = corpus().documents.iter().map(Document::summary).collect();
        let p = Pipeline::lazy(sources(), Some(summaries.clone()), ThemeSet::default());
        assert!(!p.is_parsed());
        assert_eq!(p.summaries().len(), 2);
        assert_eq!(PARSES.with(Cell::get), 0, "summaries given: no parse");
        assert_eq!(p.warm(0), Some(Part::Document(0)));
        assert_eq!(PARSES.with(Cell::get), 1, "one document per step");
        assert_eq!(p.warm(1), Some(Part::Document(1)));
        assert!(!p.is_parsed());
        assert_eq!(p.warm(2), Some(Part::Corpus));
        assert!(p.is_parsed());
        assert_eq!(p.summaries()[0], p.corpus().documents[0].summary());
        let parts: Vec<Part> = (3..).map_while(|step| p.warm(step)).collect();
        assert_eq!(parts, PARTS[1..]);
        assert_eq!(PARSES.with(Cell::get), 2, "each document parsed once");
        assert!(p.glossary().acronyms.iter().any(|a| a.short == "NCG"));
    }

    thread_local! {
        static MARKS: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
    }

    #[test]
    fn the_search_index_is_built_once_over_the_shared_keys() {
        let p = Pipeline::new(Rc::new(corpus()), ThemeSet::default())
            .with_marks(|m| MARKS.with(|marks| marks.borrow_mut().push(m.to_string())));
        let query = crate::search::Query::parse("拡大抑止 | NCG");
        let found = p.search_index().search(&query);
        assert_eq!(found, SearchIndex::build(p.corpus()).search(&query));
        assert_eq!((found.total(), found.occurrences()), (2, 4));
        assert!(Rc::ptr_eq(p.search_index().keys(), p.keys()), "one set of match keys");
        p.search_index();
        let marks = MARKS.with(|m| m.borrow().clone());
        let steps: Vec<&str> = marks.iter().map(String::as_str).collect();
        assert_eq!(
            steps,
            [
                "yomikurabe:match-keys-start",
                "yomikurabe:match-keys-end",
                "yomikurabe:search-index-start",
                "yomikurabe:search-index-end"
            ]
        );
    }

    #[test]
    fn the_eager_and_lazy_pipelines_agree_with_the_snapshot() {
        let theme = Theme::user("deterrence", "拡大抑止", &["拡大抑止"]);
        let set = ThemeSet::new(vec![theme]).expect("valid");
        let eager = Pipeline::new(Rc::new(corpus()), set.clone());
        let lazy = Pipeline::lazy(sources(), None, set.clone());
        assert_eq!(eager.occurrences(), lazy.occurrences());
        assert_eq!(eager.summaries(), lazy.summaries());
        let snapshot = crate::analysis::Analysis::new(&corpus(), set);
        assert_eq!(snapshot.occurrences, eager.occurrences());
        // One in each body (the first line of a is its title, not a passage).
        assert_eq!(snapshot.occurrences.iter().filter(|o| o.theme == 0).count(), 2);
    }
}
