//! How does the reader move through the documents? Each [`Move`] becomes a new view (checked
//! against the corpus: unknown documents and passages change nothing) that is shown and pushed
//! to history, except the scroll positions, which only replace the current entry.

use std::rc::Rc;

use yomikurabe_core::anchor::link_quote;

use super::{AppState, EffectAction, UrlWriteMode};
use crate::view_state::{is_passage_id, Panel, PassageRef, ViewState, MAX_COLUMNS};

/// A move through the documents.
#[derive(Debug, Clone, PartialEq)]
pub enum Move {
    /// Show this view (pushed to history).
    Go(Box<ViewState>),
    /// The columns came to rest here (top passage of each): recorded without a history entry.
    ScrollSettled(Vec<PassageRef>),
    /// Mark this passage.
    Focus {
        /// Document id.
        doc: String,
        /// Passage id.
        passage: String,
    },
    /// Mark this passage, put its link in the address bar and on the clipboard.
    CopyLink {
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
    /// Open every document citing this source (a citation id) side by side at its mentions.
    OpenSource(String),
    /// Pick out this source's mentions (or none) and show it in the sources panel.
    ShowSource(Option<String>),
}

impl AppState {
    /// The state after move `m`.
    pub(super) fn apply_move(self: Rc<Self>, m: Move) -> Rc<AppState> {
        match m {
            Move::Go(view) => self.go(*view),
            Move::ScrollSettled(at) => {
                let view = self.view.with_scroll_targets(&at);
                self.replace(view)
            }
            Move::Focus { doc, passage } => {
                let Some(p) = self.passage(&doc, &passage) else {
                    return self;
                };
                let view = self.view.with_focus(&doc, &passage, &link_quote(p));
                self.go(view)
            }
            Move::CopyLink { doc, passage } => {
                let Some(p) = self.passage(&doc, &passage) else {
                    return self;
                };
                let mut view = self.view.with_focus(&doc, &passage, &link_quote(p));
                view.layout.note = None;
                let url = self.link(&view.to_fragment());
                let mut s = (*self).clone();
                s.effects = s.effects.apply(EffectAction::Toast(url));
                Rc::new(s.navigate(&view.to_fragment(), Some(UrlWriteMode::Push)))
            }
            Move::OpenPassage { doc, passage } => {
                let Some(p) = self.passage(&doc, &passage) else {
                    return self;
                };
                let mut view = self.view.clone();
                if view.column_of(&doc).is_none() {
                    // Keep the column the list belongs to; take the last other one if all are used.
                    let keep = view.layout.related.as_ref().and_then(|r| view.column_of(&r.doc));
                    view = if view.docs.len() < MAX_COLUMNS {
                        view.add_column(&doc)
                    } else {
                        let last = (0..view.docs.len()).rev().find(|&c| Some(c) != keep).unwrap_or(0);
                        view.replace_column(last, &doc)
                    };
                }
                let mut view = view.with_focus(&doc, &passage, &link_quote(p));
                if self.view.is_library() && view.search.is_active() {
                    // A hit followed from the library: its search stays at hand beside it.
                    view.layout.panel = Some(Panel::Search);
                }
                self.go(view)
            }
            Move::SwapColumn { column, doc } => {
                if self.corpus.document(&doc).is_none() {
                    return self;
                }
                let view = self.view.replace_column(column, &doc);
                self.go(view)
            }
            Move::RemoveColumn(i) => {
                let view = self.view.remove_column(i);
                self.go(view)
            }
            Move::AddColumn(doc) => {
                if self.corpus.document(&doc).is_none() {
                    return self;
                }
                let view = self.view.add_column(&doc);
                self.go(view)
            }
            Move::OpenPicked => match self.picks.to_open() {
                Some(view) => self.go(view),
                None => self,
            },
            Move::OpenSource(id) => {
                let Some(x) = self.extracts.clone() else {
                    return self;
                };
                let Some((index, _)) = x.citation(&id) else {
                    return self.with_notice("That source is not cited in these documents.");
                };
                let places = x.mention_places(&self.corpus.0, index);
                let quote = places
                    .first()
                    .and_then(|(d, p)| self.passage(d, p))
                    .map(link_quote)
                    .unwrap_or_default();
                let view = self.view.open_source(&id, &places, &quote);
                let mut s = (*self.go(view)).clone();
                // The same view again still brings each column to its mention.
                s.effects = s.effects.apply(EffectAction::Land);
                Rc::new(s)
            }
            Move::ShowSource(id) => {
                let mut view = self.view.clone();
                view.source = id.filter(|i| is_passage_id(i));
                if view.source.is_some() {
                    view.layout.panel = Some(Panel::Sources);
                }
                self.go(view)
            }
        }
    }
}
