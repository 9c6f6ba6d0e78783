//! Where is the reader, beyond what the link says? The column shown on a narrow screen (where
//! columns become tabs) and the theme highlight last stepped to (marked in its passage).

use crate::themes::OccurrenceAt;

/// The reader's place.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cursor {
    /// The column shown on narrow screens.
    pub active_column: usize,
    /// The occurrence last stepped to: (theme id, where).
    pub current: Option<(String, OccurrenceAt)>,
}

/// Everything that changes the [`Cursor`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CursorAction {
    /// Show column `column` of `columns` (narrow screens; unchanged if there is no such column).
    ShowColumn {
        /// Column index.
        column: usize,
        /// How many columns are open.
        columns: usize,
    },
    /// A new view is shown: its marked passage's column comes to the front.
    Navigated {
        /// The column of the marked passage, if any.
        focus_column: Option<usize>,
        /// How many columns are open.
        columns: usize,
        /// Whether the active themes changed (the current occurrence is then forgotten).
        themes_changed: bool,
    },
    /// The reader stepped to this occurrence of a theme.
    Stepped(String, OccurrenceAt),
}

impl Cursor {
    /// The cursor after `action`.
    pub fn apply(mut self, action: CursorAction) -> Cursor {
        match action {
            CursorAction::ShowColumn { column, columns } => {
                if column < columns {
                    self.active_column = column;
                }
            }
            CursorAction::Navigated {
                focus_column,
                columns,
                themes_changed,
            } => {
                self.active_column = focus_column.unwrap_or(self.active_column.min(columns.saturating_sub(1)));
                if themes_changed {
                    self.current = None;
                }
            }
            CursorAction::Stepped(theme, at) => self.current = Some((theme, at)),
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(doc: &str) -> OccurrenceAt {
        OccurrenceAt {
            doc: doc.into(),
            passage: "s1".into(),
            start: 3,
        }
    }

    #[test]
    fn columns_on_narrow_screens() {
        let c = Cursor::default().apply(CursorAction::ShowColumn { column: 2, columns: 3 });
        assert_eq!(c.active_column, 2);
        let same = c.clone().apply(CursorAction::ShowColumn { column: 3, columns: 3 });
        assert_eq!(same, c, "no such column");
        let fewer = c.clone().apply(CursorAction::Navigated {
            focus_column: None,
            columns: 2,
            themes_changed: false,
        });
        assert_eq!(fewer.active_column, 1, "the last column when the shown one closed");
        let marked = c.apply(CursorAction::Navigated {
            focus_column: Some(0),
            columns: 3,
            themes_changed: false,
        });
        assert_eq!(marked.active_column, 0, "the marked passage's column");
    }

    #[test]
    fn the_current_occurrence_goes_with_its_themes() {
        let c = Cursor::default().apply(CursorAction::Stepped("t".into(), at("a")));
        assert_eq!(c.current, Some(("t".to_string(), at("a"))));
        let kept = c.clone().apply(CursorAction::Navigated {
            focus_column: None,
            columns: 1,
            themes_changed: false,
        });
        assert_eq!(kept.current, c.current);
        let gone = c.apply(CursorAction::Navigated {
            focus_column: None,
            columns: 1,
            themes_changed: true,
        });
        assert_eq!(gone.current, None);
    }
}
