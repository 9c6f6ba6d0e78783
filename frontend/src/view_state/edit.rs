//! How do the reader's moves change the view? Pure functions from one [`ViewState`] to the
//! next: themes on and off, themes of the reader's own added and removed, columns swapped,
//! closed and added, a passage marked, the columns brought to a cited source, scroll positions
//! recorded. Each keeps the view printable (`parse(to_fragment(v)) == v`).

use super::{
    adhoc_ref, clean_quote, is_doc_id, is_passage_id, AdHocTheme, PassageRef, ViewState, MAX_ACTIVE_THEMES,
    MAX_ADHOC_THEMES, MAX_COLUMNS, USER_PREFIX,
};

impl ViewState {
    /// The id of `adhoc[index]`: `user-N`, N counting from 1.
    pub fn adhoc_id(&self, index: usize) -> Option<String> {
        (index < self.adhoc.len()).then(|| format!("{USER_PREFIX}{}", index + 1))
    }

    /// The ad-hoc theme with this id, with its index in `adhoc`.
    pub fn adhoc_by_id(&self, id: &str) -> Option<(usize, &AdHocTheme)> {
        let i = adhoc_ref(id)? - 1;
        Some((i, self.adhoc.get(i)?))
    }

    /// Whether theme `id` is highlighted.
    pub fn theme_active(&self, id: &str) -> bool {
        self.themes.iter().any(|t| t == id)
    }

    /// Turn theme `id` on (at the end: the next colour) or off. Unchanged when it is to go on
    /// but [`MAX_ACTIVE_THEMES`] are on already, or `id` names an ad-hoc theme the link lacks.
    pub fn toggle_theme(&self, id: &str) -> ViewState {
        if self.theme_active(id) {
            let mut v = self.clone();
            v.themes.retain(|t| t != id);
            v
        } else {
            self.with_theme(id)
        }
    }

    /// Theme `id` on (unchanged if it is, or cannot be: see [`ViewState::toggle_theme`]).
    pub fn with_theme(&self, id: &str) -> ViewState {
        let known = match adhoc_ref(id) {
            Some(_) => self.adhoc_by_id(id).is_some(),
            None => yomikurabe_core::themes::is_valid_theme_id(id),
        };
        if self.is_library() || !known || self.theme_active(id) || self.themes.len() >= MAX_ACTIVE_THEMES {
            return self.clone();
        }
        let mut v = self.clone();
        v.themes.push(id.to_string());
        v
    }

    /// Add a theme of the reader's own and turn it on; returns the new view and the theme's id.
    /// A theme with the same spellings is reused. When the link holds [`MAX_ADHOC_THEMES`]
    /// already, the oldest one that is off makes room (else nothing is added: `None`).
    pub fn add_adhoc(&self, theme: AdHocTheme) -> Option<(ViewState, String)> {
        if self.is_library() {
            return None;
        }
        if let Some(i) = self.adhoc.iter().position(|t| t.same_as(&theme)) {
            let id = self.adhoc_id(i)?;
            return Some((self.with_theme(&id), id));
        }
        let mut v = self.clone();
        if v.adhoc.len() >= MAX_ADHOC_THEMES {
            let spare = (0..v.adhoc.len()).find(|&i| v.adhoc_id(i).is_some_and(|id| !v.theme_active(&id)))?;
            v = v.remove_adhoc(spare);
        }
        v.adhoc.push(theme);
        let id = v.adhoc_id(v.adhoc.len() - 1)?;
        let v = v.with_theme(&id);
        Some((v, id))
    }

    /// Remove `adhoc[index]` (and its highlight); later ones are renumbered.
    pub fn remove_adhoc(&self, index: usize) -> ViewState {
        if index >= self.adhoc.len() {
            return self.clone();
        }
        let ids: Vec<Option<String>> = (0..self.adhoc.len()).map(|i| self.adhoc_id(i)).collect();
        let mut v = self.clone();
        v.adhoc.remove(index);
        let renamed = |old: &str| -> Option<String> {
            if adhoc_ref(old).is_none() {
                return Some(old.to_string());
            }
            let i = ids.iter().position(|x| x.as_deref() == Some(old))?;
            match i.cmp(&index) {
                std::cmp::Ordering::Less => Some(old.to_string()),
                std::cmp::Ordering::Equal => None,
                std::cmp::Ordering::Greater => v.adhoc_id(i - 1),
            }
        };
        v.themes = self.themes.iter().filter_map(|t| renamed(t)).collect();
        v
    }

    /// Ad-hoc themes that repeat an earlier one's spellings are merged into it; how many were.
    pub(super) fn dedup_adhoc(&mut self) -> usize {
        let mut merged = 0;
        while let Some(dup) = (0..self.adhoc.len()).find(|&i| self.adhoc[..i].iter().any(|t| t.same_as(&self.adhoc[i])))
        {
            let (Some(dup_id), Some(first_id)) = (
                self.adhoc_id(dup),
                self.adhoc[..dup]
                    .iter()
                    .position(|t| t.same_as(&self.adhoc[dup]))
                    .and_then(|i| self.adhoc_id(i)),
            ) else {
                break;
            };
            let was_active = self.theme_active(&dup_id);
            let mut v = self.remove_adhoc(dup);
            if was_active && !v.theme_active(&first_id) {
                v.themes.push(first_id);
            }
            *self = v;
            merged += 1;
        }
        merged
    }

    /// The passage marked in `doc`'s column, if any.
    pub fn focus_in(&self, doc: &str) -> Option<&str> {
        self.focus.as_ref().filter(|f| f.doc == doc).map(|f| f.passage.as_str())
    }

    /// The passage `doc`'s column is scrolled to, if any.
    pub fn at_for(&self, doc: &str) -> Option<&str> {
        self.at.iter().find(|p| p.doc == doc).map(|p| p.passage.as_str())
    }

    /// Column index of `doc`, if open.
    pub fn column_of(&self, doc: &str) -> Option<usize> {
        self.docs.iter().position(|d| d == doc)
    }

    /// The same documents with `passage` of `doc` marked (and its quote); `doc`'s scroll target is
    /// dropped (the mark decides where that column opens). Unchanged if `doc` is not open.
    pub fn with_focus(&self, doc: &str, passage: &str, quote: &str) -> ViewState {
        if !self.docs.iter().any(|d| d == doc) || !is_passage_id(passage) {
            return self.clone();
        }
        let mut v = self.clone();
        v.focus = Some(PassageRef::new(doc, passage));
        v.quote = clean_quote(quote);
        v.at.retain(|p| p.doc != doc);
        v
    }

    /// Every document that mentions source `id`, side by side, each at its first mention:
    /// `mentions` lists (document, passage) in reading order, first mention per document first.
    /// Documents already open keep their place when more than [`MAX_COLUMNS`] cite it; the
    /// first column's mention is marked (with `quote`), the others are scrolled to theirs.
    /// Unchanged when no mention names a valid document and passage.
    pub fn open_source(&self, id: &str, mentions: &[(String, String)], quote: &str) -> ViewState {
        let mut firsts: Vec<&(String, String)> = Vec::new();
        for m in mentions {
            if is_doc_id(&m.0) && is_passage_id(&m.1) && !firsts.iter().any(|f| f.0 == m.0) {
                firsts.push(m);
            }
        }
        if firsts.is_empty() || !is_passage_id(id) {
            return self.clone();
        }
        // Open citing documents first (in their column order), then the rest in reading order.
        let mut chosen: Vec<&(String, String)> = Vec::new();
        for d in &self.docs {
            chosen.extend(firsts.iter().copied().find(|m| &m.0 == d));
        }
        for m in &firsts {
            if !chosen.iter().any(|c| c.0 == m.0) {
                chosen.push(m);
            }
        }
        chosen.truncate(MAX_COLUMNS);
        yomikurabe_core::text::sort::by_key(&mut chosen, |m| firsts.iter().position(|f| f.0 == m.0));
        let mut v = ViewState {
            docs: chosen.iter().map(|m| m.0.clone()).collect(),
            themes: self.themes.clone(),
            adhoc: self.adhoc.clone(),
            source: Some(id.to_string()),
            layout: self.layout.clone(),
            ..ViewState::default()
        };
        v.layout.keep_docs(&v.docs);
        v.focus = Some(PassageRef::new(&chosen[0].0, &chosen[0].1));
        v.quote = clean_quote(quote);
        v.at = chosen[1..].iter().map(|m| PassageRef::new(&m.0, &m.1)).collect();
        v
    }

    /// The same view without a mark.
    pub fn without_focus(&self) -> ViewState {
        ViewState {
            focus: None,
            quote: None,
            ..self.clone()
        }
    }

    /// Put `doc` in column `column`. If `doc` is already open elsewhere, the two columns swap;
    /// the replaced document's mark and scroll target go.
    pub fn replace_column(&self, column: usize, doc: &str) -> ViewState {
        if column >= self.docs.len() || !is_doc_id(doc) || self.docs[column] == doc {
            return self.clone();
        }
        let mut v = self.clone();
        if let Some(other) = v.column_of(doc) {
            v.docs.swap(column, other);
        } else {
            let old = std::mem::replace(&mut v.docs[column], doc.to_string());
            v.forget_doc(&old);
        }
        v.sort_at();
        v
    }

    /// Close column `column` (the library when it was the last one).
    pub fn remove_column(&self, column: usize) -> ViewState {
        if column >= self.docs.len() {
            return self.clone();
        }
        let mut v = self.clone();
        let old = v.docs.remove(column);
        v.forget_doc(&old);
        if v.docs.is_empty() {
            // The search goes on in the library.
            return ViewState {
                search: v.search,
                ..ViewState::library()
            };
        }
        v
    }

    /// Open `doc` in a new column on the right (unchanged if open already or no room).
    pub fn add_column(&self, doc: &str) -> ViewState {
        if self.docs.len() >= MAX_COLUMNS || !is_doc_id(doc) || self.column_of(doc).is_some() {
            return self.clone();
        }
        let mut v = self.clone();
        v.docs.push(doc.to_string());
        v
    }

    /// Record where the columns are scrolled: one target per open document, in column order.
    pub fn with_scroll_targets(&self, at: &[PassageRef]) -> ViewState {
        let mut v = self.clone();
        v.at = self
            .docs
            .iter()
            .filter_map(|d| at.iter().find(|p| &p.doc == d && is_passage_id(&p.passage)).cloned())
            .collect();
        v
    }

    fn forget_doc(&mut self, doc: &str) {
        if self.focus.as_ref().is_some_and(|f| f.doc == doc) {
            self.focus = None;
            self.quote = None;
        }
        self.at.retain(|p| p.doc != doc);
        self.layout.forget_doc(doc);
    }

    fn sort_at(&mut self) {
        let docs = &self.docs;
        yomikurabe_core::text::sort::by_key(&mut self.at, |p| docs.iter().position(|d| *d == p.doc));
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Layout, LayoutAction, NoteRef, Panel};
    use super::*;

    fn docs(v: &ViewState) -> Vec<&str> {
        v.docs.iter().map(String::as_str).collect()
    }

    #[test]
    fn focus_and_column_helpers() {
        let v = ViewState::reader(&["a", "b", "c", "a", "d", "e"]);
        assert_eq!(docs(&v), ["a", "b", "c", "d"]);
        let v = v.with_scroll_targets(&[
            PassageRef::new("c", "s2"),
            PassageRef::new("a", "s1"),
            PassageRef::new("zz", "s1"),
            PassageRef::new("a", "s9"),
        ]);
        assert_eq!(v.at, vec![PassageRef::new("a", "s1"), PassageRef::new("c", "s2")]);

        let f = v.with_focus("a", "s3-p1", "  引用 ");
        assert_eq!(f.focus, Some(PassageRef::new("a", "s3-p1")));
        assert_eq!(f.quote.as_deref(), Some("引用"));
        assert_eq!(
            f.at,
            vec![PassageRef::new("c", "s2")],
            "the mark decides where `a` opens"
        );
        assert_eq!(v.with_focus("zz", "s1", "q"), v, "not open: unchanged");
        assert_eq!(f.without_focus().focus, None);

        // Swap with an open document keeps both; replacing forgets the old one's mark.
        let s = f.replace_column(0, "c");
        assert_eq!(docs(&s), ["c", "b", "a", "d"]);
        assert_eq!(s.focus, f.focus);
        assert_eq!(s.at, vec![PassageRef::new("c", "s2")]);
        let r = f.replace_column(0, "x");
        assert_eq!(docs(&r), ["x", "b", "c", "d"]);
        assert_eq!(r.focus, None);
        assert_eq!(f.replace_column(9, "x"), f);
        assert_eq!(f.replace_column(0, "Bad Id"), f);

        let removed = f.remove_column(2);
        assert_eq!(docs(&removed), ["a", "b", "d"]);
        assert!(removed.at.is_empty());
        assert!(ViewState::reader(&["a"]).remove_column(0).is_library());
        assert_eq!(docs(&removed.add_column("e")), ["a", "b", "d", "e"]);
        assert_eq!(f.add_column("e"), f, "no room");
        assert_eq!(removed.add_column("a"), removed, "open already");
    }

    #[test]
    fn theme_helpers() {
        let v = ViewState::reader(&["a", "b"]);
        assert_eq!(v.toggle_theme("x").themes, ["x"]);
        assert_eq!(v.toggle_theme("x").toggle_theme("x").themes, Vec::<String>::new());
        assert_eq!(v.toggle_theme("Bad").themes, Vec::<String>::new());
        assert_eq!(v.toggle_theme("user-1"), v, "no such user theme");
        assert_eq!(ViewState::library().toggle_theme("x"), ViewState::library());
        let full = (0..MAX_ACTIVE_THEMES).fold(v.clone(), |v, i| v.toggle_theme(&format!("t{i}")));
        assert_eq!(full.toggle_theme("more"), full, "no room");

        let (v, id) = v.add_adhoc(AdHocTheme::from_input("三か国").unwrap()).unwrap();
        assert_eq!(id, "user-1");
        let v = v.toggle_theme("term-0a1b2c3d");
        let (v, id3) = v.add_adhoc(AdHocTheme::from_input("日米韓").unwrap()).unwrap();
        assert_eq!(id3, "user-2");
        let (same, again) = v
            .toggle_theme("user-1")
            .add_adhoc(AdHocTheme::from_input("三か国").unwrap())
            .unwrap();
        assert_eq!(again, "user-1", "the same spellings are reused");
        assert_eq!(same.adhoc.len(), 2);
        assert_eq!(same.themes, ["term-0a1b2c3d", "user-2", "user-1"]);
        let v = v.toggle_theme("sanctions");
        assert_eq!(v.themes, ["user-1", "term-0a1b2c3d", "user-2", "sanctions"]);
        let r = v.remove_adhoc(0);
        assert_eq!(
            r.themes,
            ["term-0a1b2c3d", "user-1", "sanctions"],
            "user-2 became user-1"
        );
        assert_eq!(r.adhoc[0].label, "日米韓");
        assert_eq!(r.remove_adhoc(9), r);
        // Closing the last column goes to the library, themes and all.
        assert_eq!(r.remove_column(1).remove_column(0), ViewState::library());

        // A full set of own themes: the oldest one that is off makes room.
        let mut v = ViewState::reader(&["a"]);
        for i in 0..MAX_ADHOC_THEMES {
            v = v
                .add_adhoc(AdHocTheme::from_input(&format!("w{i}")).unwrap())
                .unwrap()
                .0;
        }
        assert!(
            v.add_adhoc(AdHocTheme::from_input("new").unwrap()).is_none(),
            "all on: no room"
        );
        let v = v.toggle_theme("user-3");
        let (v, id) = v.add_adhoc(AdHocTheme::from_input("new").unwrap()).unwrap();
        assert_eq!(id, "user-8");
        assert!(v.theme_active("user-8"));
        assert!(!v.adhoc.iter().any(|t| t.label == "w2"));
    }

    #[test]
    fn open_source_puts_citing_documents_side_by_side_at_their_mentions() {
        let v = ViewState::reader(&["c", "x"]).toggle_theme("sanctions");
        let m = |d: &str, p: &str| (d.to_string(), p.to_string());
        let mentions = [m("a", "s1-p2"), m("a", "s4-p1"), m("c", "n3"), m("b", "s2")];
        let w = v.open_source("statement-0a1b2c3d", &mentions, "日米韓");
        assert_eq!(w.docs, ["a", "c", "b"]);
        assert_eq!(w.focus, Some(PassageRef::new("a", "s1-p2")));
        assert_eq!(w.at, [PassageRef::new("c", "n3"), PassageRef::new("b", "s2")]);
        assert_eq!(w.source.as_deref(), Some("statement-0a1b2c3d"));
        assert_eq!(w.themes, ["sanctions"]);
        assert_eq!(ViewState::parse(&w.to_fragment()).0, w);
        // Five citing documents: the open one stays, the first others fill the columns.
        let five = [m("a", "p"), m("b", "p"), m("c", "p"), m("d", "p"), m("e", "p")];
        let w = ViewState::reader(&["e"]).open_source("s-1", &five, "");
        assert_eq!(w.docs, ["a", "b", "c", "e"]);
        // Nothing usable: unchanged.
        assert_eq!(v.open_source("s-1", &[m("A B", "p")], ""), v);
        assert_eq!(v.open_source("bad id", &mentions, ""), v);
    }

    #[test]
    fn a_closed_column_takes_its_dialogs_and_lists_along() {
        let mut v = ViewState::reader(&["a", "b", "c"]);
        v.layout = Layout {
            panel: Some(Panel::Notes),
            aligned: true,
            related: Some(PassageRef::new("a", "s1")),
            cite: Some(PassageRef::new("b", "s1")),
            note: Some(NoteRef::new("a", "s2", 3)),
            ..Layout::default()
        };
        let r = v.remove_column(0);
        assert_eq!((r.layout.related.clone(), r.layout.note.clone()), (None, None));
        assert_eq!(r.layout.cite, v.layout.cite);
        assert!(
            r.layout.aligned && r.layout.panel == Some(Panel::Notes),
            "the modes stay"
        );
        let s = v.replace_column(1, "x");
        assert_eq!(s.layout.cite, None);
        let swapped = v.replace_column(0, "c");
        assert_eq!(swapped.layout, v.layout, "a swap closes nothing");
        // Opening a source keeps the modes and what belongs to documents still open.
        let m = |d: &str, p: &str| (d.to_string(), p.to_string());
        let w = v.open_source("s-1", &[m("b", "s2"), m("d", "s1")], "");
        assert_eq!(docs(&w), ["b", "d"]);
        assert_eq!(w.layout.cite, v.layout.cite);
        assert_eq!(w.layout.related, None);
        assert!(w.layout.aligned);
        assert_eq!(ViewState::parse(&w.to_fragment()).0, w);
        let closed = v.layout.clone().apply(LayoutAction::Escape);
        assert_eq!(closed.cite, None);
    }

    /// Generated states and moves (proptest runs natively only).
    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::super::super::arbitrary;
        use super::*;

        /// Made-up arguments for the helpers.
        struct Args<'a> {
            n: usize,
            doc: &'a str,
            passage: &'a str,
            quote: &'a str,
            theme: &'a str,
            term: &'a str,
        }

        /// One of the helpers, picked by `op`.
        fn edit(v: &ViewState, op: usize, a: &Args<'_>) -> ViewState {
            let Args {
                n,
                doc,
                passage,
                quote,
                theme,
                term,
            } = *a;
            match op {
                0 => v.replace_column(n, doc),
                1 => v.remove_column(n),
                2 => v.add_column(doc),
                3 if !v.docs.is_empty() => {
                    let d = v.docs[n % v.docs.len()].clone();
                    v.with_focus(&d, passage, quote)
                }
                4 => v.toggle_theme(theme),
                5 => v.remove_adhoc(n),
                6 => AdHocTheme::new("", &[term])
                    .and_then(|t| v.add_adhoc(t))
                    .map_or_else(|| v.clone(), |(v, _)| v),
                7 => v.with_scroll_targets(&[PassageRef::new(doc, passage)]),
                8 => v.open_source(passage, &[(doc.to_string(), passage.to_string())], quote),
                _ => v.without_focus(),
            }
        }

        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

            #[test]
            fn helpers_keep_states_printable(
                v in arbitrary::view(),
                op in 0usize..10,
                n in 0usize..5,
                doc in arbitrary::doc_id(),
                passage in arbitrary::passage_id(),
                quote in arbitrary::quote(),
                theme in proptest::sample::select(arbitrary::THEME_IDS),
                term in arbitrary::text(arbitrary::TERM_CHARS, 4),
            ) {
                let args = Args {
                    n,
                    doc: &doc,
                    passage: &passage,
                    quote: &quote,
                    theme,
                    term: &term,
                };
                let next = edit(&v, op, &args);
                prop_assert_eq!(ViewState::parse(&next.to_fragment()), (next.clone(), vec![]), "{:?} -> {:?}", v, next);
            }
        }
    }
}
