//! Which documents has the reader picked in the library, and with what will they open? The
//! picks (in the order picked) and the themes and modes of the last reading, which the next
//! documents opened from the library keep.

use crate::i18n::{fill, Lang};
use crate::view_state::{AdHocTheme, Layout, ViewState, MAX_COLUMNS};

/// The library's selection.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Picks {
    /// Documents picked, in the order picked.
    pub picked: Vec<String>,
    /// Themes of the last reader view (in the order turned on).
    themes: Vec<String>,
    /// Its themes of the reader's own.
    adhoc: Vec<AdHocTheme>,
    /// Its panel, timeline and aligned mode.
    modes: Layout,
}

/// Everything that changes the [`Picks`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickAction {
    /// Pick or unpick a document.
    Toggle(String),
    /// A reader view was shown: its documents are the picks, its themes and modes are kept.
    Read(Box<ViewState>),
}

impl Picks {
    /// The picks after `action`.
    pub fn apply(mut self, action: PickAction) -> Picks {
        match action {
            PickAction::Toggle(doc) => self.picked = toggle_pick(&self.picked, &doc),
            PickAction::Read(view) if !view.is_library() => {
                let view = *view;
                self.picked = view.docs;
                self.themes = view.themes;
                self.adhoc = view.adhoc;
                self.modes = view.layout.modes();
            }
            PickAction::Read(_) => {}
        }
        self
    }

    /// Themes of the reader's own in the last reading.
    pub fn adhoc(&self) -> &[AdHocTheme] {
        &self.adhoc
    }

    /// What "Read side by side" opens: the picks with the last reading's themes and modes
    /// (`None` while it cannot be used: see [`pick_problem`]).
    pub fn to_open(&self) -> Option<ViewState> {
        if pick_problem(self.picked.len(), Lang::default()).is_some() {
            return None;
        }
        let mut view = ViewState::reader(&self.picked);
        view.themes = self.themes.clone();
        view.adhoc = self.adhoc.clone();
        view.layout = self.modes.clone();
        Some(view)
    }
}

/// Pick or unpick a document in the library (picks keep their order).
pub fn toggle_pick(picked: &[String], doc: &str) -> Vec<String> {
    if picked.iter().any(|d| d == doc) {
        picked.iter().filter(|d| *d != doc).cloned().collect()
    } else {
        let mut p = picked.to_vec();
        p.push(doc.to_string());
        p
    }
}

/// Why "Read side by side" cannot be used yet, if it cannot.
pub fn pick_problem(count: usize, lang: Lang) -> Option<String> {
    match count {
        0 => Some(lang.t().pick_none.to_string()),
        n if n > MAX_COLUMNS => Some(fill(lang.t().pick_too_many, &[&n, &MAX_COLUMNS, &(n - MAX_COLUMNS)])),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view_state::Panel;

    #[test]
    fn picking() {
        let p = toggle_pick(&[], "a");
        let p = toggle_pick(&p, "b");
        assert_eq!(p, ["a", "b"]);
        assert_eq!(toggle_pick(&p, "a"), ["b"]);
        assert!(pick_problem(0, Lang::En).is_some());
        assert!(pick_problem(1, Lang::Ja).is_none() && pick_problem(4, Lang::En).is_none());
        assert!(pick_problem(5, Lang::En).unwrap().contains("Unpick 1"));
    }

    #[test]
    fn the_next_reading_keeps_themes_and_modes_but_not_passages() {
        let (mut read, _) = ViewState::parse("docs=a,b&focus=a/s1&themes=x,user-1&u=w&p=notes&al=1&c=a/s1");
        read.at.clear();
        let p = Picks::default().apply(PickAction::Read(Box::new(read)));
        assert_eq!(p.picked, ["a", "b"]);
        let p = p
            .apply(PickAction::Toggle("a".into()))
            .apply(PickAction::Toggle("c".into()));
        assert_eq!(p.picked, ["b", "c"]);
        let p = p.apply(PickAction::Read(Box::default()));
        assert_eq!(p.picked, ["b", "c"], "the library leaves the picks alone");
        let open = p.to_open().unwrap();
        assert_eq!(open.to_fragment(), "docs=b,c&themes=x,user-1&u=w&p=notes&al=1");
        assert_eq!(open.layout.panel, Some(Panel::Notes));
        let none = p
            .apply(PickAction::Toggle("b".into()))
            .apply(PickAction::Toggle("c".into()));
        assert_eq!(none.to_open(), None, "nothing picked: nothing opens");
        let many = (0..5).fold(Picks::default(), |p, i| p.apply(PickAction::Toggle(format!("d{i}"))));
        assert_eq!(many.to_open(), None, "five do not fit");
    }
}
