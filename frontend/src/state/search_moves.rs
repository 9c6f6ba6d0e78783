//! What the reader does with the search: type, choose how the results are shown, clear it.
//! Each move is a new view written over the current address-bar entry (typing is not a history
//! of its own; what is typed is written once the results are painted); following a hit is a
//! reading move (`Move::OpenPassage`) and makes one.

use std::rc::Rc;

use super::AppState;
use crate::view_state::{KwicOrder, Panel, SearchTab};

/// A change to the search.
#[derive(Debug, Clone, PartialEq)]
pub enum SearchMove {
    /// The box now says this (in the reader, the search panel opens for a query).
    Type(String),
    /// Show the results this way.
    Tab(SearchTab),
    /// Concordance context each side, in characters (clamped to the range a link may give).
    Width(usize),
    /// Concordance order.
    Order(KwicOrder),
    /// The concordance of one document only, or of all.
    Only(Option<String>),
    /// Collocate window each side, in characters (clamped).
    Window(usize),
    /// Empty the box (the panel closes).
    Clear,
}

impl AppState {
    pub(super) fn apply_search_move(self: Rc<Self>, m: SearchMove) -> Rc<AppState> {
        use crate::view_state::search::{COLLOCATE_WINDOW, KWIC_WIDTH};
        let mut view = self.view.clone();
        let was_active = view.search.is_active();
        // Typed (a character, a number): written to the address bar after the paint.
        let typed = matches!(m, SearchMove::Type(_) | SearchMove::Width(_) | SearchMove::Window(_));
        match m {
            SearchMove::Type(q) => view.search = view.search.with_query(&q),
            SearchMove::Tab(t) => view.search.tab = t,
            SearchMove::Width(w) => view.search.width = w.clamp(KWIC_WIDTH.1, KWIC_WIDTH.2),
            SearchMove::Order(o) => view.search.order = o,
            SearchMove::Only(d) => {
                view.search.only = d.filter(|d| self.analysis.0.summaries().iter().any(|s| s.id == *d))
            }
            SearchMove::Window(w) => view.search.window = w.clamp(COLLOCATE_WINDOW.1, COLLOCATE_WINDOW.2),
            SearchMove::Clear => view.search = view.search.with_query(""),
        }
        if !view.is_library() {
            let active = view.search.is_active();
            if active && !was_active {
                view.layout.panel = Some(Panel::Search);
            } else if !active && view.layout.panel == Some(Panel::Search) {
                view.layout.panel = None;
            }
        }
        if self.view.is_library() && view.search.is_active() != was_active {
            // The library shows the results (or stops): the corpus is parsed for them.
            return Rc::new(
                (*self)
                    .clone()
                    .navigate(&view.to_fragment(), Some(super::UrlWriteMode::Replace)),
            );
        }
        let mode = if typed {
            super::UrlWriteMode::Typing
        } else {
            super::UrlWriteMode::Replace
        };
        self.replace_as(view, mode)
    }
}
