//! What does the app hold besides the URL? One reducer-backed [`AppState`]: the parsed corpus,
//! the current [`ViewState`] (always what the fragment says, checked against the corpus), the
//! notices about what a link could not show, and the small UI state (picks, open note, toast).
//!
//! Themes: the view's active themes are resolved against one shared [`Pipeline`] (which computes
//! occurrences on demand and keeps them) into a [`ThemeView`] whenever the themes or the open
//! documents change, never on other navigations.
//!
//! The reducer is pure: it never touches the browser. What must happen outside (write the URL,
//! write to the clipboard, scroll) is recorded here as data — [`UrlWrite`], [`Toast`],
//! `nav_seq` — and carried out by effects in the components.

use std::rc::Rc;

use yew::Reducible;
use yomikurabe_core::anchor::{link_quote, resolve, Resolution};
use yomikurabe_core::model::{Corpus, Document};

use crate::reading;
use crate::themes::{self, OccurrenceAt, ThemeView};
use crate::view_state::{AdHocTheme, PassageRef, ViewState};
use yomikurabe_core::extract::Extracts;
use yomikurabe_core::pipeline::Pipeline;

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

/// The tabs of the side panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Panel {
    /// Themes, the matrix, key terms.
    #[default]
    Themes,
    /// The notes of the open documents.
    Notes,
    /// The sources the open documents cite.
    Sources,
    /// Acronyms and what they stand for.
    Glossary,
}

impl Panel {
    /// All tabs, in order.
    pub const ALL: [Panel; 4] = [Panel::Themes, Panel::Notes, Panel::Sources, Panel::Glossary];

    /// The tab's name.
    pub fn label(self) -> &'static str {
        match self {
            Panel::Themes => "Themes",
            Panel::Notes => "Notes",
            Panel::Sources => "Sources",
            Panel::Glossary => "Glossary",
        }
    }

    /// Its name in ids and test hooks.
    pub fn key(self) -> &'static str {
        match self {
            Panel::Themes => "themes",
            Panel::Notes => "notes",
            Panel::Sources => "sources",
            Panel::Glossary => "glossary",
        }
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

/// How a new fragment reaches the address bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlWriteMode {
    /// A new history entry (`location.hash = …`): back returns to the previous view.
    Push,
    /// Replace the current entry (`history.replaceState`): scroll positions, cleaned-up links.
    Replace,
}

/// A fragment the browser's address bar must be brought to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlWrite {
    /// Distinguishes writes (effects run once per write).
    pub seq: u64,
    /// The fragment, without `#` (empty for the library).
    pub fragment: String,
    /// Push or replace.
    pub mode: UrlWriteMode,
}

/// Where a copied link stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClipboardStatus {
    /// Written to the clipboard is under way.
    Pending,
    /// On the clipboard.
    Copied,
    /// The browser refused (e.g. from `file://`): the reader copies it from the box.
    Refused,
}

/// The "Link copied" message with the link itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Toast {
    /// Distinguishes toasts.
    pub id: u64,
    /// The absolute link.
    pub url: String,
    /// Whether the clipboard took it.
    pub clipboard: ClipboardStatus,
}

/// The footnote whose popover is open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenNote {
    /// Document id.
    pub doc: String,
    /// Passage holding the marker.
    pub passage: String,
    /// Index of the marker in the passage's `note_refs`.
    pub index: usize,
    /// The note number.
    pub number: u32,
}

/// The whole app state.
#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    /// Every document the app can show.
    pub corpus: SharedCorpus,
    /// The page address without its fragment (to build absolute links).
    pub base_url: String,
    /// What is on screen, checked against the corpus.
    pub view: ViewState,
    /// `view.to_fragment()`: what the address bar says (or is about to).
    pub fragment: String,
    /// Messages about the last navigation (what a link could not show).
    pub notices: Vec<String>,
    /// Counts navigations: columns scroll to their mark or position when it changes.
    pub nav_seq: u64,
    /// The last fragment to write to the address bar.
    pub url_write: Option<UrlWrite>,
    /// The copied-link message.
    pub toast: Option<Toast>,
    /// The open footnote popover.
    pub open_note: Option<OpenNote>,
    /// Documents picked in the library, in the order picked.
    pub picked: Vec<String>,
    /// The column shown on narrow screens (where columns become tabs).
    pub active_column: usize,
    /// Theme occurrences (computed on demand) and, later, terms and alignments.
    pub analysis: SharedAnalysis,
    /// The view's themes, resolved: the active ones and the highlights of the open documents.
    pub themes: SharedThemes,
    /// The occurrence last stepped to (marked in its passage).
    pub current: Option<(String, OccurrenceAt)>,
    /// Whether the side panel is open.
    pub panel_open: bool,
    /// Its tab.
    pub panel: Panel,
    /// Whether the timeline strip is shown.
    pub timeline_open: bool,
    /// The passage whose "Cite this passage" dialog is open.
    pub cite: Option<PassageRef>,
    /// Sources, acronyms and dates (computed after the first paint).
    pub extracts: Option<SharedExtracts>,
    /// The passage whose related passages are listed.
    pub related: Option<PassageRef>,
    /// Aligned mode: scrolling one column brings the others to the most related passage.
    pub aligned: bool,
    /// Themes of the last reader view, kept for the next documents opened from the library.
    last_themes: (Vec<String>, Vec<AdHocTheme>),
    /// Source of ids for writes and toasts.
    counter: u64,
}

/// Everything that can happen to the state.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// The address bar's fragment changed (back/forward, a typed or followed link).
    Navigate(String),
    /// The reader asked for another view: shown at once and pushed to history.
    Go(ViewState),
    /// The columns came to rest here (top passage of each): recorded without a history entry.
    ScrollSettled(Vec<PassageRef>),
    /// Mark this passage (a new history entry, no clipboard).
    Focus {
        /// Document id.
        doc: String,
        /// Passage id.
        passage: String,
    },
    /// Put document `doc` in column `column` (swapping if it is open elsewhere).
    SwapColumn {
        /// Column index.
        column: usize,
        /// Document id.
        doc: String,
    },
    /// Close column `i`.
    RemoveColumn(usize),
    /// Open `doc` in a new column.
    AddColumn(String),
    /// Open the documents picked in the library (when 1–4 are picked).
    OpenPicked,
    /// Mark this passage, put its link in the address bar and on the clipboard.
    CopyLink {
        /// Document id.
        doc: String,
        /// Passage id.
        passage: String,
    },
    /// The clipboard answered for toast `toast`.
    ClipboardDone {
        /// Toast id.
        toast: u64,
        /// Whether the text is on the clipboard.
        ok: bool,
    },
    /// Hide toast `id` (if it is still the one shown).
    HideToast(u64),
    /// Open a footnote popover (or close it when it is the open one).
    ToggleNote(OpenNote),
    /// Close the footnote popover.
    CloseNote,
    /// Esc: close what is open on top (a footnote popover, else the themes panel).
    Escape,
    /// Hide the notices.
    DismissNotices,
    /// Pick or unpick a document in the library.
    TogglePick(String),
    /// Show column `i` (narrow screens).
    ShowColumn(usize),
    /// Turn a theme on or off.
    ToggleTheme(String),
    /// Make a theme of what the reader typed (spellings separated by commas…) and turn it on.
    AddUserTheme(String),
    /// Remove the reader's own theme at this index of `ViewState::adhoc`.
    RemoveAdHoc(usize),
    /// Go to the next (or previous) occurrence of an active theme, from a highlight or the start.
    StepOccurrence {
        /// Theme id.
        theme: String,
        /// Where from (`None`: from the start of the first column).
        from: Option<OccurrenceAt>,
        /// Backwards.
        back: bool,
    },
    /// Go to this occurrence of an active theme (a ribbon tick).
    GoToOccurrence {
        /// Theme id.
        theme: String,
        /// Where.
        at: OccurrenceAt,
    },
    /// A matrix cell: open `doc` (in a new column, or in place of the last one when all are
    /// taken), turn `theme` on, and go to its first occurrence there.
    OpenThemeInDocument {
        /// Theme id.
        theme: String,
        /// Document id.
        doc: String,
    },
    /// Open or close the side panel (at the tab it was on).
    TogglePanel,
    /// Show this tab of the side panel (closes the panel when it is the tab shown).
    ShowPanel(Panel),
    /// Show or hide the timeline strip.
    ToggleTimeline,
    /// Open "Cite this passage" for a passage.
    Cite {
        /// Document id.
        doc: String,
        /// Passage id.
        passage: String,
    },
    /// Close the citation dialog.
    CloseCite,
    /// Open every document citing this source (a citation id) side by side at its mentions.
    OpenSource(String),
    /// Pick out this source's mentions (or none) and show it in the sources panel.
    ShowSource(Option<String>),
    /// The extractions are ready.
    Extracted(SharedExtracts),
    /// List the passages related to this one (or close the list when it is the one shown).
    ToggleRelated {
        /// Document id.
        doc: String,
        /// Passage id.
        passage: String,
    },
    /// A related passage, a defining passage, a timeline event chosen: mark it in its column
    /// (opening the document if it is not open).
    OpenPassage {
        /// Document id.
        doc: String,
        /// Passage id.
        passage: String,
    },
    /// Turn aligned mode on or off.
    ToggleAligned,
}

impl AppState {
    /// The state for `fragment` (the address bar at start-up).
    pub fn new(corpus: Rc<Corpus>, base_url: String, fragment: &str) -> AppState {
        let analysis = Pipeline::new(corpus, themes::default_themes());
        AppState::with_analysis(Rc::new(analysis), base_url, fragment)
    }

    /// The state for `fragment`, with this analysis (of the corpus to show).
    pub fn with_analysis(analysis: Rc<Pipeline>, base_url: String, fragment: &str) -> AppState {
        let corpus = analysis.corpus().clone();
        let blank = AppState {
            analysis: SharedAnalysis(analysis),
            themes: SharedThemes::default(),
            current: None,
            panel_open: false,
            panel: Panel::Themes,
            timeline_open: false,
            cite: None,
            extracts: None,
            related: None,
            aligned: false,
            last_themes: Default::default(),
            corpus: SharedCorpus(corpus),
            base_url,
            view: ViewState::default(),
            fragment: String::new(),
            notices: Vec::new(),
            nav_seq: 0,
            url_write: None,
            toast: None,
            open_note: None,
            picked: Vec::new(),
            active_column: 0,
            counter: 0,
        };
        blank.navigate(fragment, None)
    }

    /// The documents of the open columns, in order (all exist: unknown ids were dropped).
    pub fn open_documents(&self) -> impl Iterator<Item = &Document> + '_ {
        self.view.docs.iter().filter_map(|d| self.corpus.document(d))
    }

    /// The absolute link to a fragment.
    pub fn link(&self, fragment: &str) -> String {
        format!("{}#{}", self.base_url, fragment)
    }

    fn next_id(&mut self) -> u64 {
        self.counter += 1;
        self.counter
    }

    /// Show what `raw` asks for, as far as the corpus allows, with notices for the rest.
    /// `write`: how to record it in the address bar (`None`: it is there already; a cleaned-up
    /// form replaces it if it differs).
    fn navigate(mut self, raw: &str, write: Option<UrlWriteMode>) -> AppState {
        let raw = raw.strip_prefix('#').unwrap_or(raw);
        let (mut view, mut notices) = ViewState::parse(raw);
        let corpus = self.corpus.clone();

        let (known, unknown): (Vec<String>, Vec<String>) =
            view.docs.iter().cloned().partition(|d| corpus.document(d).is_some());
        for d in &unknown {
            notices.push(format!("Document “{d}” not found; it was left out."));
        }
        view.docs = known;
        if view.docs.is_empty() {
            // Only the library is left to show: it has no themes.
            view.themes.clear();
            view.adhoc.clear();
        }
        if view.focus.as_ref().is_some_and(|f| corpus.document(&f.doc).is_none()) {
            view = view.without_focus();
        }

        if let Some(f) = view.focus.clone() {
            if let Some(doc) = corpus.document(&f.doc) {
                match resolve(doc, &f.passage, view.quote.as_deref()) {
                    Resolution::Exact(_) => {}
                    Resolution::IdOnly(_) => notices.push(format!(
                        "The text of passage {} in {} has changed since this link was made.",
                        f.passage,
                        reading::title(doc)
                    )),
                    Resolution::Refound(i) => {
                        notices.push("This passage moved; showing where its text is now.".to_string());
                        if let Some(p) = view.focus.as_mut() {
                            p.passage = doc.passages[i].id.clone();
                        }
                    }
                    Resolution::NotFound => {
                        notices.push(format!(
                            "Passage {} not found in {}; showing the start of the document.",
                            f.passage,
                            reading::title(doc)
                        ));
                        view = view.without_focus();
                        view.at.retain(|p| p.doc != f.doc);
                    }
                }
            }
        }
        // A scroll position whose passage is gone: that column simply opens at the start.
        view.at
            .retain(|p| corpus.document(&p.doc).is_some_and(|d| d.passage(&p.passage).is_some()));

        // Themes: resolved again only when they or the open documents change.
        let same_themes =
            view.themes == self.view.themes && view.adhoc == self.view.adhoc && view.docs == self.view.docs;
        if !same_themes {
            let (resolved, cleaned, problems) = themes::resolve(&self.analysis.0, &view);
            view = cleaned;
            notices.extend(problems);
            self.themes = SharedThemes(Rc::new(resolved));
            self.current = None;
        }
        if !view.docs.is_empty() {
            self.last_themes = (view.themes.clone(), view.adhoc.clone());
        }

        self.fragment = view.to_fragment();
        let mode = match write {
            Some(mode) => Some(mode),
            None if self.fragment != raw => Some(UrlWriteMode::Replace),
            None => None,
        };
        if let Some(mode) = mode {
            let seq = self.next_id();
            self.url_write = Some(UrlWrite {
                seq,
                fragment: self.fragment.clone(),
                mode,
            });
        }
        self.active_column = match view.focus.as_ref().and_then(|f| view.column_of(&f.doc)) {
            Some(c) => c,
            None => self.active_column.min(view.docs.len().saturating_sub(1)),
        };
        if !view.docs.is_empty() {
            self.picked = view.docs.clone();
        }
        if self.related.as_ref().is_some_and(|r| view.column_of(&r.doc).is_none()) {
            self.related = None;
        }
        self.view = view;
        self.notices = notices;
        self.open_note = None;
        self.nav_seq += 1;
        self
    }
}

trait Go {
    fn go(self, view: ViewState) -> Self;
}

impl Go for Rc<AppState> {
    /// Show `view` and push it to history (unchanged when it is what is shown).
    fn go(self, view: ViewState) -> Rc<AppState> {
        if view == self.view {
            return self;
        }
        Rc::new((*self).clone().navigate(&view.to_fragment(), Some(UrlWriteMode::Push)))
    }
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
            Action::Go(view) => self.go(view),
            Action::ScrollSettled(at) => {
                let view = self.view.with_scroll_targets(&at);
                if view == self.view {
                    return self;
                }
                let mut s = (*self).clone();
                s.fragment = view.to_fragment();
                s.view = view;
                let seq = s.next_id();
                s.url_write = Some(UrlWrite {
                    seq,
                    fragment: s.fragment.clone(),
                    mode: UrlWriteMode::Replace,
                });
                Rc::new(s)
            }
            Action::Focus { doc, passage } => {
                let Some(p) = self.corpus.document(&doc).and_then(|d| d.passage(&passage)) else {
                    return self;
                };
                let view = self.view.with_focus(&doc, &passage, &link_quote(p));
                self.go(view)
            }
            Action::SwapColumn { column, doc } => {
                if self.corpus.document(&doc).is_none() {
                    return self;
                }
                let view = self.view.replace_column(column, &doc);
                self.go(view)
            }
            Action::RemoveColumn(i) => {
                let view = self.view.remove_column(i);
                self.go(view)
            }
            Action::AddColumn(doc) => {
                if self.corpus.document(&doc).is_none() {
                    return self;
                }
                let view = self.view.add_column(&doc);
                self.go(view)
            }
            Action::OpenPicked => {
                if crate::view_state::pick_problem(self.picked.len()).is_some() {
                    return self;
                }
                let mut view = ViewState::reader(&self.picked);
                (view.themes, view.adhoc) = self.last_themes.clone();
                self.go(view)
            }
            Action::CopyLink { doc, passage } => {
                let Some(p) = self.corpus.document(&doc).and_then(|d| d.passage(&passage)) else {
                    return self;
                };
                let view = self.view.with_focus(&doc, &passage, &link_quote(p));
                let mut s = (*self).clone();
                let id = s.next_id();
                s.toast = Some(Toast {
                    id,
                    url: s.link(&view.to_fragment()),
                    clipboard: ClipboardStatus::Pending,
                });
                Rc::new(s.navigate(&view.to_fragment(), Some(UrlWriteMode::Push)))
            }
            Action::ClipboardDone { toast, ok } => match &self.toast {
                Some(t) if t.id == toast => {
                    let mut s = (*self).clone();
                    if let Some(t) = s.toast.as_mut() {
                        t.clipboard = if ok {
                            ClipboardStatus::Copied
                        } else {
                            ClipboardStatus::Refused
                        };
                    }
                    Rc::new(s)
                }
                _ => self,
            },
            Action::HideToast(id) => match &self.toast {
                Some(t) if t.id == id => Rc::new(AppState {
                    toast: None,
                    ..(*self).clone()
                }),
                _ => self,
            },
            Action::ToggleNote(note) => {
                let open = if self.open_note.as_ref() == Some(&note) {
                    None
                } else {
                    Some(note)
                };
                Rc::new(AppState {
                    open_note: open,
                    ..(*self).clone()
                })
            }
            Action::CloseNote => match self.open_note {
                None => self,
                Some(_) => Rc::new(AppState {
                    open_note: None,
                    ..(*self).clone()
                }),
            },
            Action::Escape if self.cite.is_some() => self.reduce(Action::CloseCite),
            Action::Escape if self.open_note.is_some() => self.reduce(Action::CloseNote),
            Action::Escape if self.related.is_some() => Rc::new(AppState {
                related: None,
                ..(*self).clone()
            }),
            Action::Escape if self.panel_open => self.reduce(Action::TogglePanel),
            Action::Escape => self,
            Action::DismissNotices => match self.notices.is_empty() {
                true => self,
                false => Rc::new(AppState {
                    notices: Vec::new(),
                    ..(*self).clone()
                }),
            },
            Action::TogglePick(doc) => {
                let picked = crate::view_state::toggle_pick(&self.picked, &doc);
                Rc::new(AppState {
                    picked,
                    ..(*self).clone()
                })
            }
            Action::ShowColumn(i) if i < self.view.docs.len() && i != self.active_column => Rc::new(AppState {
                active_column: i,
                ..(*self).clone()
            }),
            Action::ShowColumn(_) => self,
            Action::ToggleTheme(id) => {
                let view = self.view.toggle_theme(&id);
                self.go(view)
            }
            Action::AddUserTheme(input) => match AdHocTheme::from_input(&input) {
                Some(theme) => self.add_adhoc(theme),
                None => self.with_notice("Type a word to look for (several spellings: separate them with commas)."),
            },
            Action::RemoveAdHoc(i) => {
                let view = self.view.remove_adhoc(i);
                self.go(view)
            }
            Action::StepOccurrence { theme, from, back } => {
                let Some(active) = self.themes.active.iter().find(|t| t.info.id == theme) else {
                    return self;
                };
                let target =
                    themes::step_occurrence(&self.corpus.0, &self.view.docs, &active.matches, from.as_ref(), back);
                match target {
                    Some(at) => self.go_to_occurrence(theme, at),
                    None => self,
                }
            }
            Action::GoToOccurrence { theme, at } => {
                if !self.themes.active.iter().any(|t| t.info.id == theme) {
                    return self;
                }
                self.go_to_occurrence(theme, at)
            }
            Action::OpenThemeInDocument { theme, doc } => {
                if self.corpus.document(&doc).is_none() {
                    return self;
                }
                let mut view = self.view.clone();
                if view.column_of(&doc).is_none() {
                    view = if view.docs.len() < crate::view_state::MAX_COLUMNS {
                        view.add_column(&doc)
                    } else {
                        view.replace_column(view.docs.len() - 1, &doc)
                    };
                }
                let view = view.with_theme(&theme);
                let matches = themes::theme_matches(&self.analysis.0, &view, &theme).and_then(Result::ok);
                let first = matches.and_then(|m| themes::first_in(&self.corpus.0, &m, &doc));
                let mut s = self.go(view);
                if let Some(at) = first {
                    s = s.go_to_occurrence(theme, at);
                }
                s
            }
            Action::TogglePanel => Rc::new(AppState {
                panel_open: !self.panel_open,
                ..(*self).clone()
            }),
            Action::ShowPanel(panel) => Rc::new(AppState {
                panel_open: !(self.panel_open && self.panel == panel),
                panel,
                ..(*self).clone()
            }),
            Action::ToggleTimeline => Rc::new(AppState {
                timeline_open: !self.timeline_open,
                ..(*self).clone()
            }),
            Action::Cite { doc, passage } => {
                if self.corpus.document(&doc).and_then(|d| d.passage(&passage)).is_none() {
                    return self;
                }
                Rc::new(AppState {
                    cite: Some(PassageRef::new(doc, passage)),
                    open_note: None,
                    ..(*self).clone()
                })
            }
            Action::CloseCite => match self.cite {
                None => self,
                Some(_) => Rc::new(AppState {
                    cite: None,
                    ..(*self).clone()
                }),
            },
            Action::OpenSource(id) => {
                let Some(x) = self.extracts.clone() else {
                    return self;
                };
                let Some((index, _)) = x.citation(&id) else {
                    return self.with_notice("That source is not cited in these documents.");
                };
                let places = x.mention_places(&self.corpus.0, index);
                let quote = places
                    .first()
                    .and_then(|(d, p)| self.corpus.document(d)?.passage(p))
                    .map(link_quote)
                    .unwrap_or_default();
                let view = self.view.open_source(&id, &places, &quote);
                let mut s = (*self.go(view)).clone();
                s.nav_seq += 1; // the same view again still brings each column to its mention
                Rc::new(s)
            }
            Action::ShowSource(id) => {
                let mut view = self.view.clone();
                view.source = id.filter(|i| crate::view_state::is_passage_id(i));
                let open = view.source.is_some();
                let mut s = (*self.go(view)).clone();
                if open {
                    s.panel_open = true;
                    s.panel = Panel::Sources;
                }
                Rc::new(s)
            }
            Action::Extracted(x) => {
                let mut s = (*self).clone();
                s.extracts = Some(x);
                if s.view.source.is_some() {
                    s.nav_seq += 1; // the mentions are on the page now: land on them
                }
                Rc::new(s)
            }
            Action::ToggleRelated { doc, passage } => {
                let p = PassageRef::new(doc, passage);
                let open = self.view.column_of(&p.doc).is_some()
                    && self
                        .corpus
                        .document(&p.doc)
                        .is_some_and(|d| d.passage(&p.passage).is_some());
                let related = (open && self.related.as_ref() != Some(&p)).then_some(p);
                Rc::new(AppState {
                    related,
                    ..(*self).clone()
                })
            }
            Action::OpenPassage { doc, passage } => {
                let Some(p) = self.corpus.document(&doc).and_then(|d| d.passage(&passage)) else {
                    return self;
                };
                let mut view = self.view.clone();
                if view.column_of(&doc).is_none() {
                    // Keep the column the list belongs to; take the last other one if all are used.
                    let keep = self.related.as_ref().and_then(|r| view.column_of(&r.doc));
                    view = if view.docs.len() < crate::view_state::MAX_COLUMNS {
                        view.add_column(&doc)
                    } else {
                        let last = (0..view.docs.len()).rev().find(|&c| Some(c) != keep).unwrap_or(0);
                        view.replace_column(last, &doc)
                    };
                }
                let view = view.with_focus(&doc, &passage, &link_quote(p));
                self.go(view)
            }
            Action::ToggleAligned => Rc::new(AppState {
                aligned: !self.aligned,
                ..(*self).clone()
            }),
        }
    }
}

impl AppState {
    fn with_notice(self: Rc<Self>, notice: &str) -> Rc<AppState> {
        let mut s = (*self).clone();
        s.notices = vec![notice.to_string()];
        Rc::new(s)
    }

    fn add_adhoc(self: Rc<Self>, theme: AdHocTheme) -> Rc<AppState> {
        match self.view.add_adhoc(theme) {
            Some((view, _)) => self.go(view),
            None => self.with_notice(&format!(
                "All {} themes of your own are on: turn one off or remove one to add another.",
                crate::view_state::MAX_ADHOC_THEMES
            )),
        }
    }

    /// Mark the passage of `at` (a new history entry when it is another passage) and remember
    /// the occurrence as the current one.
    fn go_to_occurrence(self: Rc<Self>, theme: String, at: OccurrenceAt) -> Rc<AppState> {
        let Some(p) = self.corpus.document(&at.doc).and_then(|d| d.passage(&at.passage)) else {
            return self;
        };
        let view = self.view.with_focus(&at.doc, &at.passage, &link_quote(p));
        let moved = view != self.view;
        let mut s = (*self.go(view)).clone();
        if !moved {
            s.nav_seq += 1; // same passage: still bring the occurrence into view
        }
        s.current = Some((theme, at));
        s.panel_open = s.panel_open && !s.view.is_library();
        Rc::new(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use yomikurabe_core::anchor::assign_anchors;
    use yomikurabe_core::model::{Passage, PassageKind};
    use yomikurabe_core::text::normalize::fold;

    fn doc(id: &str, title: Option<&str>, texts: &[(&str, &str)]) -> Document {
        let mut passages: Vec<Passage> = texts
            .iter()
            .map(|(pid, t)| Passage {
                id: pid.to_string(),
                kind: PassageKind::Paragraph,
                section: None,
                text: t.to_string(),
                note_refs: vec![],
                sentences: Vec::new(),
                caption_of: None,
                normalized: fold(t),
                anchor: Default::default(),
                source_line: 1,
            })
            .collect();
        assign_anchors(&mut passages);
        Document {
            id: id.into(),
            title: title.map(String::from),
            passages,
            ..Default::default()
        }
    }

    fn state(fragment: &str) -> Rc<AppState> {
        let corpus = Corpus {
            documents: vec![
                doc(
                    "a",
                    Some("文書A"),
                    &[("s0-p1", "日米韓協力の話。"), ("s0-p2", "北朝鮮の核問題。")],
                ),
                doc("b", None, &[("s0-p1", "二つ目の文書。")]),
            ],
        };
        Rc::new(AppState::new(Rc::new(corpus), "http://h/app/".into(), fragment))
    }

    fn all(s: &AppState) -> String {
        s.notices.join("\n")
    }

    #[test]
    fn starts_in_the_library_or_the_reader() {
        let s = state("");
        assert!(s.view.is_library());
        assert!(s.notices.is_empty());
        assert_eq!(s.url_write, None, "nothing to clean up");
        let s = state("#docs=a,b");
        assert_eq!(s.view.docs, ["a", "b"]);
        assert_eq!(s.picked, ["a", "b"]);
        assert_eq!(s.url_write, None);
    }

    #[test]
    fn unknown_documents_are_dropped_with_a_notice() {
        let s = state("#docs=zz,b&focus=zz/s0-p1");
        assert_eq!(s.view.docs, ["b"]);
        assert_eq!(s.view.focus, None);
        assert!(all(&s).contains("“zz” not found"), "{}", all(&s));
        let w = s.url_write.clone().expect("the cleaned-up link replaces the bad one");
        assert_eq!((w.fragment.as_str(), w.mode), ("docs=b", UrlWriteMode::Replace));
        let s = state("#docs=zz");
        assert!(s.view.is_library());
        assert!(all(&s).contains("not found"));
    }

    #[test]
    fn focus_resolution_notices() {
        let s = state("#docs=a&focus=a/s0-p2&q=北朝鮮");
        assert!(s.notices.is_empty(), "{:?}", s.notices);
        assert_eq!(s.view.focus, Some(PassageRef::new("a", "s0-p2")));

        let s = state("#docs=b,a&focus=a/s0-p1&q=北朝鮮の核");
        assert_eq!(
            s.view.focus,
            Some(PassageRef::new("a", "s0-p2")),
            "re-found by its quote"
        );
        assert!(all(&s).contains("This passage moved"));
        assert_eq!(s.active_column, 1);

        let s = state("#docs=a&focus=a/s9-p9&at=a/s0-p2");
        assert_eq!(s.view.focus, None);
        assert!(s.view.at.is_empty(), "opens at the start");
        assert!(
            all(&s).contains("Passage s9-p9 not found in 文書A; showing the start of the document"),
            "{}",
            all(&s)
        );

        let s = state("#docs=b&focus=b/s7");
        assert!(all(&s).contains("not found in (untitled)"), "{}", all(&s));

        let s = state("#docs=a&focus=a/s0-p1&q=存在しない");
        assert_eq!(s.view.focus, Some(PassageRef::new("a", "s0-p1")));
        assert!(all(&s).contains("has changed"));
    }

    #[test]
    fn own_hashchange_is_ignored_and_go_pushes() {
        let s = state("#docs=a");
        let seq = s.nav_seq;
        let s = s.reduce(Action::Go(ViewState::reader(&["a", "b"])));
        assert_eq!(s.nav_seq, seq + 1);
        let w = s.url_write.clone().unwrap();
        assert_eq!((w.fragment.as_str(), w.mode), ("docs=a,b", UrlWriteMode::Push));
        let same = s.clone().reduce(Action::Navigate("#docs=a,b".into()));
        assert!(Rc::ptr_eq(&s, &same));
        let back = s.reduce(Action::Navigate("#docs=a".into()));
        assert_eq!(back.view.docs, ["a"]);
        assert_eq!(back.nav_seq, seq + 2);
    }

    #[test]
    fn scroll_positions_replace_without_navigating() {
        let s = state("#docs=a,b");
        let seq = s.nav_seq;
        let s = s.reduce(Action::ScrollSettled(vec![PassageRef::new("a", "s0-p2")]));
        assert_eq!(s.nav_seq, seq, "no jump");
        assert_eq!(s.fragment, "docs=a,b&at=a/s0-p2");
        assert_eq!(s.url_write.as_ref().map(|w| w.mode), Some(UrlWriteMode::Replace));
        let again = s
            .clone()
            .reduce(Action::ScrollSettled(vec![PassageRef::new("a", "s0-p2")]));
        assert!(Rc::ptr_eq(&s, &again));
    }

    #[test]
    fn copy_link_marks_pushes_and_toasts() {
        let s = state("#docs=a,b&at=b/s0-p1");
        let s = s.reduce(Action::CopyLink {
            doc: "a".into(),
            passage: "s0-p2".into(),
        });
        let frag = "docs=a,b&focus=a/s0-p2&q=%E5%8C%97%E6%9C%9D%E9%AE%AE%E3%81%AE%E6%A0%B8%E5%95%8F%E9%A1%8C%E3%80%82&at=b/s0-p1";
        assert_eq!(s.fragment, frag);
        let t = s.toast.clone().unwrap();
        assert_eq!(t.url, format!("http://h/app/#{frag}"));
        assert_eq!(t.clipboard, ClipboardStatus::Pending);
        assert_eq!(s.url_write.as_ref().map(|w| w.mode), Some(UrlWriteMode::Push));
        let s = s.reduce(Action::ClipboardDone {
            toast: t.id + 1,
            ok: true,
        });
        assert_eq!(
            s.toast.as_ref().unwrap().clipboard,
            ClipboardStatus::Pending,
            "another toast's answer"
        );
        let s = s.reduce(Action::ClipboardDone { toast: t.id, ok: false });
        assert_eq!(s.toast.as_ref().unwrap().clipboard, ClipboardStatus::Refused);
        let s = s.reduce(Action::HideToast(t.id));
        assert_eq!(s.toast, None);
        let unknown = s.clone().reduce(Action::CopyLink {
            doc: "a".into(),
            passage: "zz".into(),
        });
        assert!(Rc::ptr_eq(&s, &unknown));
    }

    #[test]
    fn notes_picks_columns() {
        let s = state("#docs=a,b");
        let note = OpenNote {
            doc: "a".into(),
            passage: "s0-p1".into(),
            index: 0,
            number: 1,
        };
        let s = s.reduce(Action::ToggleNote(note.clone()));
        assert_eq!(s.open_note.as_ref(), Some(&note));
        let closed = s.clone().reduce(Action::ToggleNote(note.clone()));
        assert_eq!(closed.open_note, None);
        let s = s.reduce(Action::CloseNote);
        assert_eq!(s.open_note, None);
        let s = s.reduce(Action::ShowColumn(1));
        assert_eq!(s.active_column, 1);
        let s = s.reduce(Action::ShowColumn(5));
        assert_eq!(s.active_column, 1);
        let s = s.reduce(Action::Go(ViewState::library()));
        assert!(s.view.is_library());
        assert_eq!(s.picked, ["a", "b"], "picks survive the way home");
        let s = s.reduce(Action::TogglePick("a".into()));
        assert_eq!(s.picked, ["b"]);
        let s = s.reduce(Action::DismissNotices);
        assert!(s.notices.is_empty());
        let same = s.clone().reduce(Action::OpenPicked);
        assert_eq!(same.view.docs, ["b"]);
        let none = same.clone().reduce(Action::TogglePick("b".into()));
        let still = none.clone().reduce(Action::OpenPicked);
        assert!(Rc::ptr_eq(&none, &still), "nothing picked: nothing opens");
    }

    #[test]
    fn column_edits_and_focus() {
        let s = state("#docs=a,b&focus=a/s0-p1");
        let s = s.reduce(Action::SwapColumn {
            column: 0,
            doc: "b".into(),
        });
        assert_eq!(s.view.docs, ["b", "a"]);
        assert_eq!(s.view.focus, Some(PassageRef::new("a", "s0-p1")));
        let unknown = s.clone().reduce(Action::SwapColumn {
            column: 0,
            doc: "zz".into(),
        });
        assert!(Rc::ptr_eq(&s, &unknown));
        let s = s.reduce(Action::RemoveColumn(1));
        assert_eq!(s.view.docs, ["b"]);
        assert_eq!(s.view.focus, None);
        let s = s.reduce(Action::AddColumn("a".into()));
        assert_eq!(s.view.docs, ["b", "a"]);
        let s = s.reduce(Action::Focus {
            doc: "a".into(),
            passage: "s0-p2".into(),
        });
        assert_eq!(
            s.fragment,
            "docs=b,a&focus=a/s0-p2&q=%E5%8C%97%E6%9C%9D%E9%AE%AE%E3%81%AE%E6%A0%B8%E5%95%8F%E9%A1%8C%E3%80%82"
        );
        assert_eq!(s.toast, None);
        assert_eq!(s.active_column, 1);
    }

    fn themed(fragment: &str) -> Rc<AppState> {
        let corpus = Corpus {
            documents: vec![
                doc(
                    "a",
                    Some("A"),
                    &[("s0-p1", "制裁の話。"), ("s0-p2", "拡大抑止と制裁。")],
                ),
                doc("b", Some("B"), &[("s0-p1", "制裁はない。")]),
                doc("c", Some("C"), &[("s0-p1", "三か国。")]),
            ],
        };
        let curated = yomikurabe_core::themes::ThemeSet::new(vec![yomikurabe_core::themes::Theme::user(
            "sanctions",
            "制裁",
            &["制裁"],
        )])
        .unwrap();
        let analysis = Pipeline::new(Rc::new(corpus), curated);
        Rc::new(AppState::with_analysis(Rc::new(analysis), "http://h/".into(), fragment))
    }

    #[test]
    fn themes_resolve_on_navigation_and_unknown_ones_go() {
        let s = themed("#docs=a,b&themes=sanctions,nope");
        assert_eq!(s.view.themes, ["sanctions"]);
        assert!(all(&s).contains("“nope” not found"), "{}", all(&s));
        assert_eq!(
            s.url_write.as_ref().map(|w| w.fragment.as_str()),
            Some("docs=a,b&themes=sanctions")
        );
        assert_eq!(s.themes.active.len(), 1);
        assert_eq!(s.themes.spans.len(), 3, "two passages of a, one of b");
        // A navigation that leaves the themes alone keeps the resolved themes as they are.
        let t = s.clone().reduce(Action::Focus {
            doc: "a".into(),
            passage: "s0-p2".into(),
        });
        assert!(Rc::ptr_eq(&s.themes.0, &t.themes.0));
        let off = t.reduce(Action::ToggleTheme("sanctions".into()));
        assert!(off.themes.active.is_empty());
        assert_eq!(off.view.focus, Some(PassageRef::new("a", "s0-p2")), "the mark stays");
    }

    #[test]
    fn user_and_term_themes_go_into_the_link() {
        let s = themed("#docs=a,c");
        let s = s.reduce(Action::AddUserTheme("3カ国, 拡大抑止".into()));
        assert_eq!(s.view.themes, ["user-1"]);
        assert!(
            s.fragment.contains("&themes=user-1&u=3%E3%82%AB%E5%9B%BD|"),
            "{}",
            s.fragment
        );
        assert_eq!(s.themes.active[0].matches.per_doc, vec![1, 0, 1]);
        let term = {
            let a = &s.analysis.0;
            yomikurabe_core::pipeline::term_theme(a.terms().get("制裁").expect("a key term")).id
        };
        let s = s.reduce(Action::ToggleTheme(term.clone()));
        assert_eq!(s.view.themes, ["user-1".to_string(), term.clone()]);
        assert_eq!(s.themes.active[1].slot, 1);
        assert_eq!(
            s.themes.active[1].info.kind,
            yomikurabe_core::themes::ThemeKind::Automatic
        );
        assert_eq!(s.themes.active[1].matches.per_doc, vec![2, 1, 0]);
        let blank = s.clone().reduce(Action::AddUserTheme(" 、 ".into()));
        assert_eq!(blank.view, s.view);
        assert!(all(&blank).contains("Type a word"));
        let nothing = s.clone().reduce(Action::AddUserTheme("・".into()));
        assert_eq!(nothing.view, s.view, "nothing to look for: dropped again");
        assert!(all(&nothing).contains("nothing to look for"), "{}", all(&nothing));
        let s = s.reduce(Action::RemoveAdHoc(0));
        assert_eq!(s.view.themes, std::slice::from_ref(&term));
        // Home and back to reading keeps the themes.
        let s = s.reduce(Action::Go(ViewState::library()));
        assert!(s.view.themes.is_empty());
        let s = s.reduce(Action::OpenPicked);
        assert_eq!(s.view.themes, [term]);
    }

    #[test]
    fn stepping_and_matrix_cells() {
        let s = themed("#docs=b,a&themes=sanctions");
        let s = s.reduce(Action::StepOccurrence {
            theme: "sanctions".into(),
            from: None,
            back: false,
        });
        assert_eq!(s.view.focus, Some(PassageRef::new("b", "s0-p1")));
        let (theme, at) = s.current.clone().unwrap();
        assert_eq!(theme, "sanctions");
        let s = s.reduce(Action::StepOccurrence {
            theme: "sanctions".into(),
            from: Some(at),
            back: false,
        });
        assert_eq!(
            s.view.focus,
            Some(PassageRef::new("a", "s0-p1")),
            "on to the next column"
        );
        let seq = s.nav_seq;
        let at = s.current.clone().unwrap().1;
        let again = s.reduce(Action::GoToOccurrence {
            theme: "sanctions".into(),
            at,
        });
        assert_eq!(again.nav_seq, seq + 1, "same passage: brought into view again");

        let s = themed("#docs=a,b,c");
        let s = s.reduce(Action::OpenThemeInDocument {
            theme: "sanctions".into(),
            doc: "b".into(),
        });
        assert_eq!(s.view.docs, ["a", "b", "c"]);
        assert_eq!(s.view.themes, ["sanctions"]);
        assert_eq!(s.view.focus, Some(PassageRef::new("b", "s0-p1")));
        let s = themed("#docs=a");
        let s = s.reduce(Action::OpenThemeInDocument {
            theme: "sanctions".into(),
            doc: "b".into(),
        });
        assert_eq!(s.view.docs, ["a", "b"], "opened in a new column");
        let s = s.reduce(Action::TogglePanel);
        assert!(s.panel_open);
    }

    #[test]
    fn related_lists_and_aligned_mode() {
        let s = themed("#docs=a,b");
        let s = s.reduce(Action::ToggleRelated {
            doc: "a".into(),
            passage: "s0-p1".into(),
        });
        assert_eq!(s.related, Some(PassageRef::new("a", "s0-p1")));
        let shut = s.clone().reduce(Action::ToggleRelated {
            doc: "a".into(),
            passage: "s0-p1".into(),
        });
        assert_eq!(shut.related, None);
        let not_open = s.clone().reduce(Action::ToggleRelated {
            doc: "c".into(),
            passage: "s0-p1".into(),
        });
        assert_eq!(not_open.related, None);
        // Choosing one marks it and keeps the list open.
        let f = s.clone().reduce(Action::OpenPassage {
            doc: "b".into(),
            passage: "s0-p1".into(),
        });
        assert_eq!(f.view.focus, Some(PassageRef::new("b", "s0-p1")));
        assert_eq!(f.related, s.related);
        // One in a document not open: it opens as a column.
        let f = f.reduce(Action::OpenPassage {
            doc: "c".into(),
            passage: "s0-p1".into(),
        });
        assert_eq!(f.view.docs, ["a", "b", "c"]);
        // Its column closed: the list goes.
        let f = f.reduce(Action::RemoveColumn(0));
        assert_eq!(f.related, None);
        let e = s.reduce(Action::Escape);
        assert_eq!(e.related, None);
        let on = e.reduce(Action::ToggleAligned);
        assert!(on.aligned);
    }

    #[test]
    fn garbage_fragments_never_blank_the_page() {
        for f in [
            "#docs=a&focus=",
            "#docs=%FF",
            "#docs=a&focus=a/%E5",
            "#docs=a&at=a/nope",
            "#q=x",
            "#docs=a,a,a,a,a",
            "#docs=a&themes=x,,user-1&u=&t=%FF",
            "#docs=a&u=%7E%7C&themes=user-1",
            "#docs=zz&themes=sanctions&u=x",
        ] {
            let s = state(f);
            assert!(s.view.docs.iter().all(|d| s.corpus.document(d).is_some()), "{f}");
            assert_eq!(ViewState::parse(&s.fragment).0, s.view, "{f}");
        }
    }
}

#[cfg(test)]
mod extract_tests {
    use super::*;
    use yomikurabe_core::{parse_corpus, Source};

    fn state(fragment: &str) -> Rc<AppState> {
        let corpus = parse_corpus(&[
            Source {
                id: "a",
                file: "a.txt",
                text: "前置き。\n\n2023年に「キャンプ・デービッド原則」が出た。核協議グループ(NCG)も。\n",
                entry: None,
            },
            Source {
                id: "b",
                file: "b.txt",
                text: "NCGの話。\n\n「キャンプ・デービッド原則(Camp David Principles)」を読む。\n",
                entry: None,
            },
            Source {
                id: "c",
                file: "c.txt",
                text: "関係のない文書。\n",
                entry: None,
            },
        ]);
        let s = Rc::new(AppState::new(Rc::new(corpus), "http://h/".into(), fragment));
        let x = SharedExtracts(Rc::new(Extracts::new(&s.corpus.0)));
        s.reduce(Action::Extracted(x))
    }

    fn shared_id(s: &AppState) -> String {
        let x = s.extracts.as_ref().expect("extracted");
        x.citations
            .iter()
            .find(|c| c.is_shared())
            .expect("a shared source")
            .id
            .clone()
    }

    #[test]
    fn a_shared_source_opens_every_citing_document_at_its_mention() {
        let s = state("docs=c");
        let id = shared_id(&s);
        let s = s.reduce(Action::OpenSource(id.clone()));
        assert_eq!(s.view.docs, ["a", "b"]);
        assert_eq!(s.view.source.as_deref(), Some(id.as_str()));
        let focus = s.view.focus.clone().expect("first mention marked");
        let a = s.corpus.document("a").unwrap();
        assert!(a
            .passage(&focus.passage)
            .unwrap()
            .text
            .contains("キャンプ・デービッド原則"));
        let at_b = s.view.at_for("b").expect("b at its mention");
        assert!(s
            .corpus
            .document("b")
            .unwrap()
            .passage(at_b)
            .unwrap()
            .text
            .contains("Camp David"));
        assert!(s.fragment.contains(&format!("src={id}")));
        // Unknown ids leave the view and say why.
        let t = s.clone().reduce(Action::OpenSource("statement-00000000".into()));
        assert_eq!(t.view, s.view);
        assert_eq!(t.notices.len(), 1);
    }

    #[test]
    fn picking_a_source_opens_the_sources_panel_and_travels_in_the_link() {
        let s = state("docs=a");
        let id = shared_id(&s);
        let s = s.reduce(Action::ShowSource(Some(id.clone())));
        assert!(s.panel_open);
        assert_eq!(s.panel, Panel::Sources);
        assert_eq!(s.view.source.as_deref(), Some(id.as_str()));
        let s = s.reduce(Action::ShowSource(None));
        assert_eq!(s.view.source, None);
    }

    #[test]
    fn panels_cite_and_escape() {
        let s = state("docs=a");
        let s = s.reduce(Action::ShowPanel(Panel::Glossary));
        assert!(s.panel_open && s.panel == Panel::Glossary);
        let s = s.reduce(Action::ShowPanel(Panel::Notes));
        assert!(s.panel_open && s.panel == Panel::Notes);
        let s = s.reduce(Action::ShowPanel(Panel::Notes));
        assert!(!s.panel_open);
        let s = s.reduce(Action::ShowPanel(Panel::Sources));
        let p = s.corpus.document("a").unwrap().passages[0].id.clone();
        let s = s.reduce(Action::Cite {
            doc: "a".into(),
            passage: p.clone(),
        });
        assert_eq!(s.cite, Some(PassageRef::new("a", p)));
        // Esc closes the dialog first, then the panel.
        let s = s.reduce(Action::Escape);
        assert_eq!(s.cite, None);
        assert!(s.panel_open);
        let s = s.reduce(Action::Escape);
        assert!(!s.panel_open);
        // A passage that does not exist opens nothing.
        let s = s.reduce(Action::Cite {
            doc: "a".into(),
            passage: "s99".into(),
        });
        assert_eq!(s.cite, None);
        let s = s.reduce(Action::ToggleTimeline);
        assert!(s.timeline_open);
    }
}
