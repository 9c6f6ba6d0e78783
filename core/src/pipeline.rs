//! The one analysis pipeline: a parsed corpus and everything computed from it, each part once,
//! on first need.
//!
//! The CLI, the export and the reader all go through [`Pipeline`], so the same input gives the
//! same answer everywhere. Nothing is computed by [`Pipeline::new`]; each accessor computes its
//! part (and the parts it depends on) the first time it is called and keeps it:
//!
//! ```text
//! corpus ─► match keys ─► curated theme matches ─┐
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
use crate::model::Corpus;
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

/// The parts [`Pipeline::warm`] computes, in order, one per call.
pub const WARM_STEPS: usize = 4;

/// A corpus and its analysis, computed lazily (see the module docs).
pub struct Pipeline {
    corpus: Rc<Corpus>,
    curated: ThemeSet,
    keys: OnceCell<CorpusKeys>,
    curated_matches: OnceCell<Vec<Rc<ThemeMatches>>>,
    terms: OnceCell<TermTable>,
    /// The corpus cut into terms for the key terms, kept until the alignment index is built
    /// from it (one segmentation for both).
    segmented: RefCell<Option<Segmented>>,
    automatic: OnceCell<Vec<Theme>>,
    term_ids: OnceCell<HashMap<String, usize>>,
    term_matches: RefCell<HashMap<String, Rc<ThemeMatches>>>,
    user: RefCell<Vec<((String, Vec<String>), Option<Rc<ThemeMatches>>)>>,
    align: OnceCell<AlignIndex>,
    dates: OnceCell<Rc<[DatedExpression]>>,
    extracts: OnceCell<Rc<Extracts>>,
    mark: fn(&str),
}

impl std::fmt::Debug for Pipeline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pipeline")
            .field("documents", &self.corpus.documents.len())
            .field("curated", &self.curated.len())
            .field("curated_matches", &self.curated_matches.get().is_some())
            .field("terms", &self.terms.get().is_some())
            .field("align", &self.align.get().is_some())
            .field("extracts", &self.extracts.get().is_some())
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
        Pipeline {
            corpus,
            curated,
            keys: OnceCell::new(),
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

    /// The corpus.
    pub fn corpus(&self) -> &Rc<Corpus> {
        &self.corpus
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

    /// Compute one more part, in the order a reader needs them after the first paint (`step` 0:
    /// sources, acronyms and dates; 1: curated themes; 2: key terms and automatic themes; 3: the
    /// alignment index); `false` when there is no such step. Each part is computed once.
    pub fn warm(&self, step: usize) -> bool {
        match step {
            0 => drop(self.extracts()),
            1 => drop(self.curated_matches()),
            2 => drop(self.automatic()),
            3 => drop(self.align()),
            _ => return false,
        }
        true
    }

    fn keys(&self) -> &CorpusKeys {
        self.keys
            .get_or_init(|| self.timed("match-keys", || CorpusKeys::new(&self.corpus)))
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
        let docs = self.corpus.documents.len();
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
                let occ = Matcher::new(&self.curated).match_corpus_keyed(&self.corpus, keys);
                self.matches_of(occ, self.curated.len())
            })
        })
    }

    /// Key terms of the corpus (the default script-run segmentation).
    pub fn terms(&self) -> &TermTable {
        self.terms.get_or_init(|| {
            self.timed("key-terms", || {
                let segmented = segment_corpus(&self.corpus, &ScriptRuns::default());
                let table = key_terms_of(&self.corpus, &segmented);
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
            let occ = Matcher::new(set).match_corpus_keyed(&self.corpus, keys);
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
        let result = ThemeSet::new(vec![user_theme("user", label, variants)])
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
                let segmented = segmented.unwrap_or_else(|| segment_corpus(&self.corpus, &ScriptRuns::default()));
                AlignIndex::build_of(&self.corpus, segmented, &features)
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
            .get_or_init(|| self.timed("timeline", || Rc::from(timeline(&self.corpus))))
    }

    /// Sources, acronyms and dates with each passage's spans indexed.
    pub fn extracts(&self) -> &Rc<Extracts> {
        self.extracts.get_or_init(|| {
            let dates = self.dates().clone();
            self.timed("sources-acronyms", || {
                let citations = citations_dated(&self.corpus, &dates);
                Rc::new(Extracts::from_parts(citations, glossary(&self.corpus), dates))
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

/// The core theme for a theme of the reader's own.
pub fn user_theme(id: &str, label: &str, variants: &[String]) -> Theme {
    Theme::user(id, label, variants)
}
