//! What does the app hold besides the URL? One reducer-backed [`AppState`]: the parsed corpus,
//! the current [`ViewState`] (always what the fragment says, checked against the corpus), the
//! notices about what a link could not show, and the small UI state (picks, open note, toast).
//!
//! The reducer is pure: it never touches the browser. What must happen outside (write the URL,
//! write to the clipboard, scroll) is recorded here as data — [`UrlWrite`], [`Toast`],
//! `nav_seq` — and carried out by effects in the components.

use std::rc::Rc;

use yew::Reducible;
use yomikurabe_core::anchor::{link_quote, resolve, Resolution};
use yomikurabe_core::model::{Corpus, Document};

use crate::reading;
use crate::view_state::{PassageRef, ViewState};

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
    /// Hide the notices.
    DismissNotices,
    /// Pick or unpick a document in the library.
    TogglePick(String),
    /// Show column `i` (narrow screens).
    ShowColumn(usize),
}

impl AppState {
    /// The state for `fragment` (the address bar at start-up).
    pub fn new(corpus: Rc<Corpus>, base_url: String, fragment: &str) -> AppState {
        let blank = AppState {
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
                let view = ViewState::reader(&self.picked);
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
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use yomikurabe_core::anchor::assign_anchors;
    use yomikurabe_core::model::{Passage, PassageKind};
    use yomikurabe_core::normalize::fold;

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

    #[test]
    fn garbage_fragments_never_blank_the_page() {
        for f in [
            "#docs=a&focus=",
            "#docs=%FF",
            "#docs=a&focus=a/%E5",
            "#docs=a&at=a/nope",
            "#q=x",
            "#docs=a,a,a,a,a",
        ] {
            let s = state(f);
            assert!(s.view.docs.iter().all(|d| s.corpus.document(d).is_some()), "{f}");
            assert_eq!(ViewState::parse(&s.fragment).0, s.view, "{f}");
        }
    }
}
