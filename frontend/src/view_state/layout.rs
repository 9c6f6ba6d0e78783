//! What is open beside and over the columns? The side panel, the timeline strip, aligned
//! scrolling, the list of related passages, the "Cite this passage" dialog and a footnote.
//!
//! A [`Layout`] is part of the link (`p=notes&tl=1&al=1&r=<doc>/<passage>&c=<doc>/<passage>&n=<doc>/<passage>/<note>`),
//! so a reload or a shared link opens the same things again. [`Layout::apply`] is its whole
//! behaviour: a pure function from a layout and a [`LayoutAction`] to the next layout.

use std::fmt::Write as _;

use yomikurabe_core::model::Passage;

use super::{push_ref, shown, PassageRef};

/// The tabs of the side panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
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
    /// The search's hits, concordance and collocates.
    Search,
}

impl Panel {
    /// All tabs, in order.
    pub const ALL: [Panel; 5] = [
        Panel::Themes,
        Panel::Notes,
        Panel::Sources,
        Panel::Glossary,
        Panel::Search,
    ];

    /// The tab's name.
    pub fn label(self) -> &'static str {
        match self {
            Panel::Themes => "Themes",
            Panel::Notes => "Notes",
            Panel::Sources => "Sources",
            Panel::Glossary => "Glossary",
            Panel::Search => "Search",
        }
    }

    /// Its name in links, ids and test hooks.
    pub fn key(self) -> &'static str {
        match self {
            Panel::Themes => "themes",
            Panel::Notes => "notes",
            Panel::Sources => "sources",
            Panel::Glossary => "glossary",
            Panel::Search => "search",
        }
    }

    /// The tab a link names (`p=notes`).
    pub fn from_key(key: &str) -> Option<Panel> {
        Panel::ALL.into_iter().find(|p| p.key() == key)
    }
}

/// A footnote marker: the first marker of note `number` in a passage.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct NoteRef {
    /// Document id.
    pub doc: String,
    /// Passage holding the marker.
    pub passage: String,
    /// The note number.
    pub number: u32,
}

impl NoteRef {
    /// The marker of note `number` in passage `passage` of `doc`.
    pub fn new(doc: impl Into<String>, passage: impl Into<String>, number: u32) -> NoteRef {
        NoteRef {
            doc: doc.into(),
            passage: passage.into(),
            number,
        }
    }

    /// Index of its marker in `p.note_refs` (`None`: the passage has no marker of that note).
    pub fn index_in(&self, p: &Passage) -> Option<usize> {
        p.note_refs.iter().position(|r| r.number == self.number)
    }

    /// `doc/passage/number`, as in `n=`.
    fn parse(s: &str) -> Option<NoteRef> {
        let (at, number) = s.trim().rsplit_once('/')?;
        let at = PassageRef::parse(at).filter(|_| at.trim() == at)?;
        let ok = !number.is_empty() && number.len() <= 6 && number.bytes().all(|b| b.is_ascii_digit());
        let number = number.parse().ok().filter(|_| ok)?;
        Some(NoteRef::new(at.doc, at.passage, number))
    }
}

/// What is open beside and over the columns. The default: nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Layout {
    /// The side panel's tab, when it is open (`p=`).
    pub panel: Option<Panel>,
    /// Whether the timeline strip is shown (`tl=1`).
    pub timeline: bool,
    /// Aligned mode: scrolling one column brings the others to the most related passage (`al=1`).
    pub aligned: bool,
    /// The passage whose related passages are listed (`r=`).
    pub related: Option<PassageRef>,
    /// The passage whose "Cite this passage" dialog is open (`c=`).
    pub cite: Option<PassageRef>,
    /// The footnote whose popover is open (`n=`).
    pub note: Option<NoteRef>,
}

/// Everything that opens or closes something of the [`Layout`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LayoutAction {
    /// Show this tab of the side panel (closes the panel when it is the tab shown).
    ShowPanel(Panel),
    /// Close the side panel.
    ClosePanel,
    /// Show or hide the timeline strip.
    ToggleTimeline,
    /// Turn aligned mode on or off.
    ToggleAligned,
    /// List the passages related to this one (or close the list when it is the one shown).
    ToggleRelated(PassageRef),
    /// Close the list of related passages.
    CloseRelated,
    /// Open "Cite this passage" for a passage (closing a footnote).
    Cite(PassageRef),
    /// Close the citation dialog.
    CloseCite,
    /// Open a footnote (or close it when it is the open one).
    ToggleNote(NoteRef),
    /// Close the footnote.
    CloseNote,
    /// Esc: close what is on top (the dialog, else a footnote, else a related list, else the panel).
    Escape,
}

impl Layout {
    /// The layout after `action`.
    pub fn apply(mut self, action: LayoutAction) -> Layout {
        match action {
            LayoutAction::ShowPanel(p) => {
                self.panel = (self.panel != Some(p)).then_some(p);
            }
            LayoutAction::ClosePanel => self.panel = None,
            LayoutAction::ToggleTimeline => self.timeline = !self.timeline,
            LayoutAction::ToggleAligned => self.aligned = !self.aligned,
            LayoutAction::ToggleRelated(p) => {
                self.related = (self.related.as_ref() != Some(&p)).then_some(p);
            }
            LayoutAction::CloseRelated => self.related = None,
            LayoutAction::Cite(p) => {
                self.cite = Some(p);
                self.note = None;
            }
            LayoutAction::CloseCite => self.cite = None,
            LayoutAction::ToggleNote(n) => {
                self.note = (self.note.as_ref() != Some(&n)).then_some(n);
            }
            LayoutAction::CloseNote => self.note = None,
            LayoutAction::Escape => {
                if self.cite.is_some() {
                    self.cite = None;
                } else if self.note.is_some() {
                    self.note = None;
                } else if self.related.is_some() {
                    self.related = None;
                } else {
                    self.panel = None;
                }
            }
        }
        self
    }

    /// Only the modes (panel, timeline, aligned): what carries over to other documents.
    pub fn modes(&self) -> Layout {
        Layout {
            panel: self.panel,
            timeline: self.timeline,
            aligned: self.aligned,
            ..Layout::default()
        }
    }

    /// Close what belongs to a passage of `doc` (its column closed).
    pub(super) fn forget_doc(&mut self, doc: &str) {
        if self.related.as_ref().is_some_and(|p| p.doc == doc) {
            self.related = None;
        }
        if self.cite.as_ref().is_some_and(|p| p.doc == doc) {
            self.cite = None;
        }
        if self.note.as_ref().is_some_and(|n| n.doc == doc) {
            self.note = None;
        }
    }

    /// Close what belongs to a document that is not among `docs`.
    pub fn keep_docs(&mut self, docs: &[String]) {
        let gone: Vec<String> = [
            self.related.as_ref().map(|p| &p.doc),
            self.cite.as_ref().map(|p| &p.doc),
            self.note.as_ref().map(|n| &n.doc),
        ]
        .into_iter()
        .flatten()
        .filter(|d| !docs.contains(d))
        .cloned()
        .collect();
        for d in gone {
            self.forget_doc(&d);
        }
    }

    /// Append its keys to a fragment (nothing for the default layout).
    pub(super) fn print(&self, out: &mut String) {
        if let Some(p) = self.panel {
            let _ = write!(out, "&p={}", p.key());
        }
        if self.timeline {
            out.push_str("&tl=1");
        }
        if self.aligned {
            out.push_str("&al=1");
        }
        for (key, at) in [("r", &self.related), ("c", &self.cite)] {
            if let Some(p) = at {
                let _ = write!(out, "&{key}=");
                push_ref(out, p);
            }
        }
        if let Some(n) = &self.note {
            out.push_str("&n=");
            push_ref(out, &PassageRef::new(&n.doc, &n.passage));
            let _ = write!(out, "/{}", n.number);
        }
    }
}

/// The layout keys of a link as read, before the open documents are known.
#[derive(Debug, Default)]
pub(super) struct LayoutText {
    panel: Option<String>,
    timeline: Option<String>,
    aligned: Option<String>,
    related: Option<String>,
    cite: Option<String>,
    note: Option<String>,
}

impl LayoutText {
    /// Where the value of layout key `key` goes.
    pub(super) fn slot(&mut self, key: &str) -> Option<&mut Option<String>> {
        match key {
            "p" => Some(&mut self.panel),
            "tl" => Some(&mut self.timeline),
            "al" => Some(&mut self.aligned),
            "r" => Some(&mut self.related),
            "c" => Some(&mut self.cite),
            "n" => Some(&mut self.note),
            _ => None,
        }
    }

    /// Whether any key was given a value.
    pub(super) fn any(&self) -> bool {
        [
            &self.panel,
            &self.timeline,
            &self.aligned,
            &self.related,
            &self.cite,
            &self.note,
        ]
        .into_iter()
        .any(|v| v.as_deref().is_some_and(|v| !v.trim().is_empty()))
    }

    /// The layout, for these open documents; what cannot be used is said in `problems`.
    pub(super) fn read(self, docs: &[String], problems: &mut Vec<String>) -> Layout {
        let mut layout = Layout::default();
        if let Some(v) = self.panel.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            match Panel::from_key(v) {
                Some(p) => layout.panel = Some(p),
                None => problems.push(format!(
                    "The link asks for a side panel called {}; there is none by that name (there are {}), so none was opened.",
                    shown(v),
                    Panel::ALL.map(Panel::key).join(", ")
                )),
            }
        }
        let switch = |value: Option<String>, key: &str, what: &str, problems: &mut Vec<String>| -> bool {
            match value.as_deref().map(str::trim) {
                None | Some("" | "0") => false,
                Some("1") => true,
                Some(other) => {
                    problems.push(format!(
                        "The link says {}={} for {what}; only {}=1 (on) is understood, so it stays off.",
                        key,
                        shown(other),
                        key
                    ));
                    false
                }
            }
        };
        layout.timeline = switch(self.timeline, "tl", "the timeline", problems);
        layout.aligned = switch(self.aligned, "al", "aligned scrolling", problems);
        let open = |what: &str, doc: &str, problems: &mut Vec<String>| -> bool {
            let ok = docs.iter().any(|d| d == doc);
            if !ok {
                problems.push(format!(
                    "The link opens {what} of a passage in {}, which is not one of the open documents; it was left closed.",
                    shown(doc)
                ));
            }
            ok
        };
        for (value, what, slot) in [
            (self.related, "the related passages", &mut layout.related),
            (self.cite, "the citation", &mut layout.cite),
        ] {
            let Some(v) = value.filter(|v| !v.trim().is_empty()) else {
                continue;
            };
            match PassageRef::parse(&v) {
                Some(p) if open(what, &p.doc, problems) => *slot = Some(p),
                Some(_) => {}
                None => problems.push(format!(
                    "The link opens {what} of {}, which is not a passage (expected document/passage); it was left closed.",
                    shown(&v)
                )),
            }
        }
        if let Some(v) = self.note.filter(|v| !v.trim().is_empty()) {
            match NoteRef::parse(&v) {
                Some(n) if open("a footnote", &n.doc, problems) => layout.note = Some(n),
                Some(_) => {}
                None => problems.push(format!(
                    "The link opens the footnote {}, which is not a footnote (expected document/passage/number); it was left closed.",
                    shown(&v)
                )),
            }
        }
        layout
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(doc: &str, passage: &str) -> PassageRef {
        PassageRef::new(doc, passage)
    }

    #[test]
    fn panels_open_switch_and_close() {
        let l = Layout::default().apply(LayoutAction::ShowPanel(Panel::Notes));
        assert_eq!(l.panel, Some(Panel::Notes));
        let l = l.apply(LayoutAction::ShowPanel(Panel::Glossary));
        assert_eq!(l.panel, Some(Panel::Glossary), "another tab: switched");
        let shut = l.clone().apply(LayoutAction::ShowPanel(Panel::Glossary));
        assert_eq!(shut.panel, None, "the tab shown: closed");
        assert_eq!(l.apply(LayoutAction::ClosePanel).panel, None);
        assert_eq!(Layout::default().apply(LayoutAction::ClosePanel), Layout::default());
    }

    #[test]
    fn switches_and_toggles() {
        let l = Layout::default()
            .apply(LayoutAction::ToggleTimeline)
            .apply(LayoutAction::ToggleAligned);
        assert!(l.timeline && l.aligned);
        let l = l.apply(LayoutAction::ToggleTimeline);
        assert!(!l.timeline && l.aligned);
        let r = l.clone().apply(LayoutAction::ToggleRelated(at("a", "s1")));
        assert_eq!(r.related, Some(at("a", "s1")));
        let other = r.clone().apply(LayoutAction::ToggleRelated(at("a", "s2")));
        assert_eq!(other.related, Some(at("a", "s2")), "another passage: its list instead");
        assert_eq!(
            r.clone().apply(LayoutAction::ToggleRelated(at("a", "s1"))).related,
            None
        );
        assert_eq!(r.apply(LayoutAction::CloseRelated).related, None);
        let n = NoteRef::new("a", "s1", 3);
        let open = l.clone().apply(LayoutAction::ToggleNote(n.clone()));
        assert_eq!(open.note.as_ref(), Some(&n));
        assert_eq!(open.clone().apply(LayoutAction::ToggleNote(n)).note, None);
        assert_eq!(open.apply(LayoutAction::CloseNote).note, None);
    }

    #[test]
    fn citing_closes_the_footnote_and_escape_closes_the_top_first() {
        let l = Layout {
            panel: Some(Panel::Sources),
            related: Some(at("a", "s1")),
            note: Some(NoteRef::new("a", "s1", 1)),
            aligned: true,
            ..Layout::default()
        };
        let cited = l.clone().apply(LayoutAction::Cite(at("a", "s2")));
        assert_eq!(cited.cite, Some(at("a", "s2")));
        assert_eq!(cited.note, None, "the dialog replaces the footnote");
        let e = cited.apply(LayoutAction::Escape);
        assert_eq!(e.cite, None);
        assert_eq!(e.related, Some(at("a", "s1")));
        let e = e.apply(LayoutAction::Escape);
        assert_eq!(e.related, None);
        assert_eq!(e.panel, Some(Panel::Sources));
        let e = e.apply(LayoutAction::Escape);
        assert_eq!(e.panel, None);
        assert!(e.aligned, "Esc leaves the modes alone");
        assert_eq!(e.clone().apply(LayoutAction::Escape), e);
        let e = l.apply(LayoutAction::Escape);
        assert_eq!(e.note, None, "a footnote before the related list");
        assert!(e.related.is_some());
    }

    #[test]
    fn modes_carry_and_passages_go_with_their_document() {
        let mut l = Layout {
            panel: Some(Panel::Themes),
            timeline: true,
            aligned: true,
            related: Some(at("a", "s1")),
            cite: Some(at("b", "s1")),
            note: Some(NoteRef::new("a", "s2", 4)),
        };
        assert_eq!(
            l.modes(),
            Layout {
                panel: Some(Panel::Themes),
                timeline: true,
                aligned: true,
                ..Layout::default()
            }
        );
        l.forget_doc("a");
        assert_eq!((l.related.clone(), l.note.clone()), (None, None));
        assert_eq!(l.cite, Some(at("b", "s1")));
        l.keep_docs(&["a".to_string()]);
        assert_eq!(l.cite, None);
        assert!(l.timeline);
    }

    #[test]
    fn note_refs_in_links() {
        assert_eq!(NoteRef::parse("a/s1-p2/12"), Some(NoteRef::new("a", "s1-p2", 12)));
        for bad in [
            "a/s1-p2",
            "a/s1/x",
            "a/s1/-1",
            "a/s1/",
            "a//3",
            "/s1/3",
            "a/s1/9999999",
            "A/s1/3",
        ] {
            assert_eq!(NoteRef::parse(bad), None, "{bad}");
        }
        let mut out = String::new();
        Layout {
            note: Some(NoteRef::new("a", "s1-p2", 12)),
            ..Layout::default()
        }
        .print(&mut out);
        assert_eq!(out, "&n=a/s1-p2/12");
    }

    #[test]
    fn reading_the_keys_says_what_was_left_out() {
        let docs = vec!["a".to_string()];
        let mut text = LayoutText::default();
        for (k, v) in [
            ("p", "notes"),
            ("tl", "1"),
            ("al", "0"),
            ("r", "a/s1"),
            ("c", "b/s1"),
            ("n", "a/s1/x"),
        ] {
            *text.slot(k).unwrap() = Some(v.to_string());
        }
        assert!(text.any());
        let mut problems = Vec::new();
        let l = text.read(&docs, &mut problems);
        assert_eq!(l.panel, Some(Panel::Notes));
        assert!(l.timeline && !l.aligned);
        assert_eq!(l.related, Some(at("a", "s1")));
        assert_eq!((l.cite.clone(), l.note.clone()), (None, None));
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].contains("“b”") && problems[0].contains("not one of the open documents"));
        assert!(problems[1].contains("“a/s1/x”"));

        let mut text = LayoutText::default();
        *text.slot("p").unwrap() = Some("index".into());
        *text.slot("al").unwrap() = Some("yes".into());
        let mut problems = Vec::new();
        assert_eq!(text.read(&docs, &mut problems), Layout::default());
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].contains("“index”") && problems[0].contains("themes, notes, sources, glossary"));
        assert!(problems[1].contains("al=“yes”"));
        assert!(LayoutText::default().slot("q").is_none());
        assert!(!LayoutText::default().any());
    }
}
