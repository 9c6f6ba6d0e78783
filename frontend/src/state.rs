//! What does the app hold besides the URL? One reducer-backed [`AppState`], made of parts that
//! each answer one question and change only through their own action and pure `apply`:
//!
//! - [`ViewState`] (`view_state.rs`): what is on screen — documents, mark, themes, and the
//!   [`Layout`] of panels and dialogs ([`LayoutAction`]). Always what the fragment says,
//!   checked against the corpus.
//! - [`Cursor`] ([`CursorAction`]): the column shown on a phone, the highlight last stepped to.
//! - [`Picks`] ([`PickAction`]): the library's selection, and the themes the next reading keeps.
//! - [`Effects`] ([`EffectAction`]): what must happen outside — URL writes, landing on marks,
//!   notices, the copied-link toast — and the [`Feedback`] that comes back.
//!
//! [`Action`] composes them: a new address ([`Action::Navigate`]), a move through the documents
//! ([`Move`], `moves.rs`) or their themes ([`ThemeMove`], `theme_moves.rs`), something opened or
//! closed ([`LayoutAction`]), a pick, a tab, an answer. Moves become a new view, checked here
//! against the corpus by [`AppState::navigate`] and pushed to history; layout changes replace
//! the history entry (so back and forward step between readings, and a reload keeps the panels).
//!
//! Themes: the view's active themes are resolved against one shared [`Pipeline`] (which computes
//! occurrences on demand and keeps them) into a [`ThemeView`] whenever the themes or the open
//! documents change, never on other navigations.
//!
//! The reducer is pure: it never touches the browser.

use std::rc::Rc;

use yew::Reducible;
use yomikurabe_core::anchor::{resolve, Resolution};
use yomikurabe_core::model::{Corpus, Document, Passage};

use crate::i18n::{Lang, LinkPart, Notice};
use crate::reading;
use crate::shelf::{Shelf, ShelfAction};
use crate::themes::{self, ThemeView};
use crate::view_state::ViewState;
use yomikurabe_core::extract::Extracts;
use yomikurabe_core::pipeline::Pipeline;

mod cursor;
mod effects;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod malformed_links;
mod moves;
mod picks;
mod search_moves;
#[cfg(test)]
mod tests;
mod theme_moves;

pub use crate::view_state::{Layout, LayoutAction, NoteRef, Panel};
pub use cursor::{Cursor, CursorAction};
pub use effects::{ClipboardStatus, EffectAction, Effects, Feedback, Toast, UrlWrite, UrlWriteMode};
pub use moves::Move;
pub use picks::{pick_problem, toggle_pick, PickAction, Picks};
pub use search_moves::SearchMove;
pub use theme_moves::ThemeMove;

/// The corpus, shared and compared by identity (it never changes while the app runs).
#[derive(Debug, Clone)]
pub struct SharedCorpus(pub Rc<Corpus>);

impl PartialEq for SharedCorpus {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl SharedCorpus {
    /// The document with this id.
    pub fn document(&self, id: &str) -> Option<&Document> {
        self.0.document(id)
    }
}

/// The shelf (the documents the person reads and what they changed), shared and compared by
/// identity (a new one per change).
#[derive(Debug, Clone)]
pub struct SharedShelf(pub Rc<Shelf>);

impl PartialEq for SharedShelf {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The analysis, shared and compared by identity (one per corpus).
#[derive(Debug, Clone)]
pub struct SharedAnalysis(pub Rc<Pipeline>);

impl PartialEq for SharedAnalysis {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Cited sources, acronyms and dates of the corpus, shared and compared by identity.
#[derive(Debug, Clone)]
pub struct SharedExtracts(pub Rc<Extracts>);

impl PartialEq for SharedExtracts {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for SharedExtracts {
    type Target = Extracts;
    fn deref(&self) -> &Extracts {
        &self.0
    }
}

/// The resolved themes, shared and compared by identity (a new one per change of themes).
#[derive(Debug, Clone, Default)]
pub struct SharedThemes(pub Rc<ThemeView>);

impl PartialEq for SharedThemes {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for SharedThemes {
    type Target = ThemeView;
    fn deref(&self) -> &ThemeView {
        &self.0
    }
}

/// The whole app state.
#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    /// The documents on the shelf, as a pack; the corpus and analysis are computed from it.
    pub shelf: SharedShelf,
    /// Every document the app can show.
    pub corpus: SharedCorpus,
    /// The page address without its fragment (to build absolute links).
    pub base_url: String,
    /// What is on screen, checked against the corpus.
    pub view: ViewState,
    /// `view.to_fragment()`: what the address bar says (or is about to).
    pub fragment: String,
    /// Theme occurrences (computed on demand) and, later, terms and alignments.
    pub analysis: SharedAnalysis,
    /// The view's themes, resolved: the active ones and the highlights of the open documents.
    pub themes: SharedThemes,
    /// Sources, acronyms and dates (computed after the first paint).
    pub extracts: Option<SharedExtracts>,
    /// The column shown on a phone and the highlight last stepped to.
    pub cursor: Cursor,
    /// The library's selection.
    pub picks: Picks,
    /// URL writes, landings, notices and the toast.
    pub effects: Effects,
}

/// Everything that can happen to the state.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// The address bar's fragment changed (back/forward, a typed or followed link).
    Navigate(String),
    /// The reader moved through the documents.
    Move(Move),
    /// The reader turned themes on or off, or went to their occurrences.
    Theme(ThemeMove),
    /// Something beside or over the columns opened or closed (Esc included).
    Layout(LayoutAction),
    /// A document picked or unpicked in the library.
    Pick(PickAction),
    /// Show column `i` (narrow screens).
    ShowColumn(usize),
    /// The browser or the reader answered an effect.
    Effect(Feedback),
    /// The extractions are ready.
    Extracted(SharedExtracts),
    /// Documents added, removed, reordered or corrected; the shelf restored or reset.
    Shelf(ShelfAction),
    /// Show the interface in this language (recorded in the link, without a history entry).
    SetLang(Lang),
    /// The search typed, or how its results are shown.
    Search(SearchMove),
}

impl AppState {
    /// The state for `fragment` (the address bar at start-up).
    pub fn new(corpus: Rc<Corpus>, base_url: String, fragment: &str) -> AppState {
        let analysis = Pipeline::new(corpus, themes::default_themes());
        AppState::with_analysis(Rc::new(analysis), base_url, fragment)
    }

    /// The state for `fragment`, with this analysis (of the corpus to show).
    ///
    /// The corpus is taken from the analysis only when a view needs it: the library shows the
    /// documents' summaries, so a lazy pipeline is not parsed to show it.
    pub fn with_analysis(analysis: Rc<Pipeline>, base_url: String, fragment: &str) -> AppState {
        AppState::with_analysis_in(analysis, base_url, fragment, Lang::default())
    }

    /// [`AppState::with_analysis`], in `lang` unless the link names a language.
    pub fn with_analysis_in(analysis: Rc<Pipeline>, base_url: String, fragment: &str, lang: Lang) -> AppState {
        let corpus = if analysis.is_parsed() {
            analysis.corpus().clone()
        } else {
            Rc::default()
        };
        let blank = AppState {
            shelf: SharedShelf(Rc::new(Shelf::new(Default::default(), None, true))),
            analysis: SharedAnalysis(analysis),
            themes: SharedThemes::default(),
            extracts: None,
            corpus: SharedCorpus(corpus),
            base_url,
            view: ViewState::default().in_lang(lang),
            fragment: String::new(),
            cursor: Cursor::default(),
            picks: Picks::default(),
            effects: Effects::default(),
        };
        blank.navigate(fragment, None)
    }

    /// The state for `fragment` over the documents of `shelf` (the analysis marks its steps
    /// with `mark`).
    /// `lang`: the language remembered in this browser, shown unless the link names one.
    pub fn with_shelf(shelf: Shelf, mark: fn(&str), base_url: String, fragment: &str, lang: Lang) -> AppState {
        let analysis = shelf.pipeline(themes::shelf_themes(&shelf)).with_marks(mark);
        let mut s = AppState::with_analysis_in(Rc::new(analysis), base_url, fragment, lang);
        s.shelf = SharedShelf(Rc::new(shelf));
        s
    }

    /// The same view over a changed shelf: a new analysis, the view checked against it (a
    /// document no longer there is left out, with a notice), then `notices` about the change.
    fn reshelve(&self, shelf: Shelf, notices: Vec<Notice>) -> AppState {
        self.reshelve_to(shelf, notices, &self.fragment.clone(), None)
    }

    /// [`AppState::reshelve`], showing the view `fragment` (written to the address bar as
    /// `write` says; `None`: only if it had to be cleaned up).
    fn reshelve_to(&self, shelf: Shelf, notices: Vec<Notice>, fragment: &str, write: Option<UrlWriteMode>) -> AppState {
        let analysis = shelf
            .pipeline(themes::shelf_themes(&shelf))
            .with_marks(self.analysis.0.marks());
        let mut picks = self.picks.clone();
        picks
            .picked
            .retain(|id| shelf.pack.documents.iter().any(|d| d.id() == *id));
        let blank = AppState {
            shelf: SharedShelf(Rc::new(shelf)),
            corpus: SharedCorpus(Rc::default()),
            analysis: SharedAnalysis(Rc::new(analysis)),
            themes: SharedThemes::default(),
            extracts: None,
            base_url: self.base_url.clone(),
            view: self.view.to_library(),
            fragment: String::new(),
            cursor: self.cursor.clone(),
            picks,
            effects: self.effects.clone(),
        };
        let mut s = blank.navigate(fragment, write);
        for n in notices {
            s.effects = s.effects.apply(EffectAction::AlsoSay(n));
        }
        s
    }

    /// The documents of the open columns, in order (all exist: unknown ids were dropped).
    pub fn open_documents(&self) -> impl Iterator<Item = &Document> + '_ {
        self.view.docs.iter().filter_map(|d| self.corpus.document(d))
    }

    /// The absolute link to a fragment.
    /// Where the pack is published, when recorded; else the page's own address.
    pub fn link(&self, fragment: &str) -> String {
        let base = self.shelf.0.pack.published.as_deref().unwrap_or(&self.base_url);
        format!("{base}#{fragment}")
    }

    /// Passage `passage` of document `doc`, if the corpus has it.
    pub fn passage(&self, doc: &str, passage: &str) -> Option<&Passage> {
        self.corpus.document(doc)?.passage(passage)
    }

    /// Show what `raw` asks for, as far as the corpus allows, with notices for the rest.
    /// `write`: how to record it in the address bar (`None`: it is there already; a cleaned-up
    /// form replaces it if it differs).
    fn navigate(mut self, raw: &str, write: Option<UrlWriteMode>) -> AppState {
        // `parse` takes one leading `#` off (a second one is part of the first key).
        let (mut view, mut notices) = ViewState::parse(raw);
        let raw = raw.strip_prefix('#').unwrap_or(raw);
        if !ViewState::names_lang(raw) {
            // A link without a language keeps the one shown (or remembered).
            view.lang = self.view.lang;
        }
        let needs_corpus = !view.docs.is_empty() || view.search.is_active();
        if needs_corpus && !Rc::ptr_eq(&self.corpus.0, self.analysis.0.corpus()) {
            // A view of documents, or a search: the corpus is needed now (parsed on first need).
            self.corpus = SharedCorpus(self.analysis.0.corpus().clone());
        }
        let corpus = self.corpus.clone();

        let (known, unknown): (Vec<String>, Vec<String>) =
            view.docs.iter().cloned().partition(|d| corpus.document(d).is_some());
        for d in &unknown {
            notices.push(Notice::DocumentNotFound { doc: d.clone() });
        }
        view.docs = known;
        if view.docs.is_empty() {
            // Only the library is left to show: it has no themes, marks or panels.
            view = view.to_library();
        }
        view.layout.keep_docs(&view.docs);
        if view.focus.as_ref().is_some_and(|f| corpus.document(&f.doc).is_none()) {
            view = view.without_focus();
        }

        if let Some(f) = view.focus.clone() {
            if let Some(doc) = corpus.document(&f.doc) {
                match resolve(doc, &f.passage, view.quote.as_deref()) {
                    Resolution::Exact(_) => {}
                    Resolution::IdOnly(_) => notices.push(Notice::PassageChanged {
                        passage: f.passage.clone(),
                        title: reading::own_title(doc),
                    }),
                    Resolution::Refound(i) => {
                        notices.push(Notice::PassageMoved);
                        if let Some(p) = view.focus.as_mut() {
                            p.passage = doc.passages[i].id.clone();
                        }
                    }
                    Resolution::NotFound => {
                        notices.push(Notice::PassageNotFound {
                            passage: f.passage.clone(),
                            title: reading::own_title(doc),
                        });
                        view = view.without_focus();
                        view.at.retain(|p| p.doc != f.doc);
                    }
                }
            }
        }
        // A scroll position whose passage is gone: that column simply opens at the start.
        let title = |doc: &str| corpus.document(doc).map(reading::own_title).unwrap_or_default();
        for p in &view.at {
            if corpus.document(&p.doc).is_some_and(|d| d.passage(&p.passage).is_none()) {
                notices.push(Notice::PositionNotFound {
                    passage: p.passage.clone(),
                    title: title(&p.doc),
                });
            }
        }
        view.at
            .retain(|p| corpus.document(&p.doc).is_some_and(|d| d.passage(&p.passage).is_some()));
        self.check_layout(&mut view, &mut notices);
        if let (Some(id), Some(x)) = (view.source.as_deref(), self.extracts.as_ref()) {
            if x.citation(id).is_none() {
                notices.push(Notice::SourceNotCited { id: id.to_string() });
                view.source = None;
            }
        }

        // Themes: resolved again only when they or the open documents change.
        let same_themes =
            view.themes == self.view.themes && view.adhoc == self.view.adhoc && view.docs == self.view.docs;
        if !same_themes {
            let (resolved, cleaned, problems) = themes::resolve(&self.analysis.0, &view);
            view = cleaned;
            notices.extend(problems);
            self.themes = SharedThemes(Rc::new(resolved));
        }

        self.fragment = view.to_fragment();
        let mode = match write {
            Some(mode) => Some(mode),
            None if self.fragment != raw => Some(UrlWriteMode::Replace),
            None => None,
        };
        let mut effects = self.effects;
        if let Some(mode) = mode {
            effects = effects.apply(EffectAction::WriteUrl(self.fragment.clone(), mode));
        }
        self.effects = effects.apply(EffectAction::Say(notices)).apply(EffectAction::Land);
        self.cursor = self.cursor.apply(CursorAction::Navigated {
            focus_column: view.focus.as_ref().and_then(|f| view.column_of(&f.doc)),
            columns: view.docs.len(),
            themes_changed: !same_themes,
        });
        self.picks = self.picks.apply(PickAction::Read(Box::new(view.clone())));
        self.view = view;
        self
    }

    /// Close what the layout opens on passages the corpus lacks, saying so.
    fn check_layout(&self, view: &mut ViewState, notices: &mut Vec<Notice>) {
        let title = |doc: &str| self.corpus.document(doc).map(reading::own_title).unwrap_or_default();
        for (slot, what) in [
            (&mut view.layout.related, LinkPart::Related),
            (&mut view.layout.cite, LinkPart::Cite),
        ] {
            if let Some(p) = slot.as_ref().filter(|p| self.passage(&p.doc, &p.passage).is_none()) {
                notices.push(Notice::PartPassageMissing {
                    part: what,
                    passage: p.passage.clone(),
                    title: title(&p.doc),
                });
                *slot = None;
            }
        }
        if let Some(n) = view.layout.note.as_ref() {
            let marked = self.passage(&n.doc, &n.passage).and_then(|p| n.index_in(p)).is_some();
            if !marked {
                notices.push(Notice::NoteNotMarked {
                    number: n.number,
                    passage: n.passage.clone(),
                    title: title(&n.doc),
                });
                view.layout.note = None;
            }
        }
    }

    /// Show `view` and push it to history (unchanged when it is what is shown). A new view
    /// closes an open footnote.
    fn go(self: Rc<Self>, mut view: ViewState) -> Rc<AppState> {
        if view == self.view {
            return self;
        }
        view.layout.note = None;
        Rc::new((*self).clone().navigate(&view.to_fragment(), Some(UrlWriteMode::Push)))
    }

    /// Record `view` in the address bar without a history entry or a landing (scroll positions,
    /// panels, dialogs). Its passages must be known to exist.
    fn replace(self: Rc<Self>, view: ViewState) -> Rc<AppState> {
        self.replace_as(view, UrlWriteMode::Replace)
    }

    /// [`AppState::replace`], the address bar written as `mode` says (typing: after the paint).
    fn replace_as(self: Rc<Self>, view: ViewState, mode: UrlWriteMode) -> Rc<AppState> {
        if view == self.view {
            return self;
        }
        let mut s = (*self).clone();
        s.fragment = view.to_fragment();
        s.view = view;
        s.effects = s.effects.apply(EffectAction::WriteUrl(s.fragment.clone(), mode));
        Rc::new(s)
    }

    /// Say this (instead of what was said), changing nothing else.
    fn with_notice(self: Rc<Self>, notice: Notice) -> Rc<AppState> {
        let mut s = (*self).clone();
        s.effects = s.effects.apply(EffectAction::Say(vec![notice]));
        Rc::new(s)
    }

    /// Open or close something of the layout, if what it opens exists.
    fn layout(self: Rc<Self>, action: LayoutAction) -> Rc<AppState> {
        if self.view.is_library() {
            return self;
        }
        let open =
            |doc: &str, passage: &str| self.view.column_of(doc).is_some() && self.passage(doc, passage).is_some();
        let action = match action {
            LayoutAction::Cite(p) if !open(&p.doc, &p.passage) => return self,
            LayoutAction::ToggleNote(n) => {
                let marked =
                    open(&n.doc, &n.passage) && self.passage(&n.doc, &n.passage).and_then(|p| n.index_in(p)).is_some();
                if !marked {
                    return self;
                }
                LayoutAction::ToggleNote(n)
            }
            // A passage that is not open: no list (and the one shown closes).
            LayoutAction::ToggleRelated(p) if !open(&p.doc, &p.passage) => LayoutAction::CloseRelated,
            a => a,
        };
        let mut view = self.view.clone();
        view.layout = view.layout.apply(action);
        self.replace(view)
    }
}

/// Whether a link to `url` opens only on the computer that made it: a file, or this machine's
/// own address (`localhost`, `127.0.0.1`, `[::1]`).
pub fn is_local_address(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    if lower.starts_with("file:") {
        return true;
    }
    let rest = lower.split_once("://").map_or("", |(_, r)| r);
    let host = rest.split(['/', '#', '?']).next().unwrap_or("");
    let host = host.rsplit('@').next().unwrap_or(host);
    let name = if host.starts_with('[') {
        host.split(']').next().map(|h| format!("{h}]")).unwrap_or_default()
    } else {
        host.split(':').next().unwrap_or("").to_string()
    };
    name == "localhost"
        || name.ends_with(".localhost")
        || name.starts_with("127.")
        || name == "[::1]"
        || name == "0.0.0.0"
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match action {
            Action::Navigate(raw) => {
                if raw.strip_prefix('#').unwrap_or(&raw) == self.fragment {
                    return self; // our own write coming back as a `hashchange`
                }
                Rc::new((*self).clone().navigate(&raw, None))
            }
            Action::Move(m) => self.apply_move(m),
            Action::Theme(m) => self.apply_theme_move(m),
            Action::Search(m) => self.apply_search_move(m),
            Action::Layout(a) => self.layout(a),
            Action::Pick(a) => {
                let picks = self.picks.clone().apply(a);
                if picks == self.picks {
                    return self;
                }
                Rc::new(AppState {
                    picks,
                    ..(*self).clone()
                })
            }
            Action::ShowColumn(column) => {
                let cursor = self.cursor.clone().apply(CursorAction::ShowColumn {
                    column,
                    columns: self.view.docs.len(),
                });
                if cursor == self.cursor {
                    return self;
                }
                Rc::new(AppState {
                    cursor,
                    ..(*self).clone()
                })
            }
            Action::Effect(f) => {
                let effects = self.effects.clone().apply(EffectAction::Heard(f));
                if effects == self.effects {
                    return self;
                }
                Rc::new(AppState {
                    effects,
                    ..(*self).clone()
                })
            }
            Action::Extracted(x) => {
                let mut s = (*self).clone();
                let cited = s.view.source.as_deref().map(|id| x.citation(id).is_some());
                s.extracts = Some(x);
                match cited {
                    // The mentions are on the page now: land on them.
                    Some(true) => s.effects = s.effects.apply(EffectAction::Land),
                    Some(false) => {
                        let id = s.view.source.take().unwrap_or_default();
                        s.fragment = s.view.to_fragment();
                        s.effects = s
                            .effects
                            .apply(EffectAction::AlsoSay(Notice::SourceNotCited { id }))
                            .apply(EffectAction::WriteUrl(s.fragment.clone(), UrlWriteMode::Replace));
                    }
                    None => {}
                }
                Rc::new(s)
            }
            Action::Shelf(a) => {
                let (shelf, notices) = self.shelf.0.apply(a);
                if shelf.pack == self.shelf.0.pack {
                    let mut s = (*self).clone();
                    s.effects = s.effects.apply(EffectAction::Say(notices));
                    return Rc::new(s);
                }
                Rc::new(self.reshelve(shelf, notices))
            }
            Action::SetLang(lang) => {
                let view = self.view.in_lang(lang);
                self.replace(view)
            }
        }
    }
}
