//! How does the reader use themes? Turn them on and off, add and remove their own, step through
//! the occurrences and open a document at a theme from the matrix. Each [`ThemeMove`] becomes a
//! new view pushed to history; stepping also moves the [`super::Cursor`] to the occurrence.

use crate::i18n::Notice;
use std::rc::Rc;

use yomikurabe_core::anchor::link_quote;

use super::{AppState, CursorAction, EffectAction, UrlWriteMode};
use crate::shelf::ShelfAction;
use crate::themes::{self, OccurrenceAt};
use crate::view_state::{AdHocTheme, MAX_ADHOC_THEMES, MAX_COLUMNS};

/// A move among the themes.
#[derive(Debug, Clone, PartialEq)]
pub enum ThemeMove {
    /// Turn a theme on or off.
    Toggle(String),
    /// Make a theme of what the reader typed (spellings separated by commas…) and turn it on.
    AddUserTheme(String),
    /// Remove the reader's own theme at this index of `ViewState::adhoc`.
    RemoveAdHoc(usize),
    /// Keep the reader's own theme at this index on the shelf: it becomes one of the pack's
    /// themes (kept after a reload, saved in the pack) and stays on.
    KeepAdHoc(usize),
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
    OpenInDocument {
        /// Theme id.
        theme: String,
        /// Document id.
        doc: String,
    },
}

impl AppState {
    /// The state after theme move `m`.
    pub(super) fn apply_theme_move(self: Rc<Self>, m: ThemeMove) -> Rc<AppState> {
        match m {
            ThemeMove::Toggle(id) => {
                let view = self.view.toggle_theme(&id);
                self.go(view)
            }
            ThemeMove::AddUserTheme(input) => match AdHocTheme::from_input(&input) {
                Some(theme) => self.add_adhoc(theme),
                None => self.with_notice(Notice::TypeAWord),
            },
            ThemeMove::RemoveAdHoc(i) => {
                let view = self.view.remove_adhoc(i);
                self.go(view)
            }
            ThemeMove::KeepAdHoc(i) => {
                let Some(theme) = self.view.adhoc.get(i).map(themes::pack_theme) else {
                    return self;
                };
                let was_on = self.view.adhoc_id(i).is_some_and(|id| self.view.theme_active(&id));
                let mut view = self.view.remove_adhoc(i);
                if was_on {
                    view.themes.push(theme.id.clone());
                }
                let (shelf, notices) = self.shelf.0.apply(ShelfAction::KeepTheme(theme));
                Rc::new(self.reshelve_to(shelf, notices, &view.to_fragment(), Some(UrlWriteMode::Push)))
            }
            ThemeMove::StepOccurrence { theme, from, back } => {
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
            ThemeMove::GoToOccurrence { theme, at } => {
                if !self.themes.active.iter().any(|t| t.info.id == theme) {
                    return self;
                }
                self.go_to_occurrence(theme, at)
            }
            ThemeMove::OpenInDocument { theme, doc } => {
                if self.corpus.document(&doc).is_none() {
                    return self;
                }
                let mut view = self.view.clone();
                if view.column_of(&doc).is_none() {
                    view = if view.docs.len() < MAX_COLUMNS {
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
        }
    }

    fn add_adhoc(self: Rc<Self>, theme: AdHocTheme) -> Rc<AppState> {
        match self.view.add_adhoc(theme) {
            Some((view, _)) => self.go(view),
            None => self.with_notice(Notice::AdhocFull { max: MAX_ADHOC_THEMES }),
        }
    }

    /// Mark the passage of `at` (a new history entry when it is another passage) and remember
    /// the occurrence as the current one.
    fn go_to_occurrence(self: Rc<Self>, theme: String, at: OccurrenceAt) -> Rc<AppState> {
        let Some(p) = self.passage(&at.doc, &at.passage) else {
            return self;
        };
        let view = self.view.with_focus(&at.doc, &at.passage, &link_quote(p));
        let moved = view != self.view;
        let mut s = (*self.go(view)).clone();
        if !moved {
            s.effects = s.effects.apply(EffectAction::Land); // same passage: still bring the occurrence into view
        }
        s.cursor = s.cursor.apply(CursorAction::Stepped(theme, at));
        Rc::new(s)
    }
}
