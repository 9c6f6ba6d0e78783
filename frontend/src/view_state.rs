//! What is on screen? The URL fragment, parsed and printed by one type.
//!
//! `#docs=<id>,<id>[&focus=<id>/<passage>][&q=<quote>][&at=<id>/<passage>,…][&themes=<id>,…]
//! [&u=<label>~<variant>|<variant>]…[&src=<source>][&p=<panel>][&tl=1][&al=1][&r=<id>/<passage>]
//! [&c=<id>/<passage>][&n=<id>/<passage>/<note>]` is the single source of truth for the view:
//! [`ViewState::parse`] reads any string (never panics, reports what it dropped) and
//! [`ViewState::to_fragment`] prints the canonical form, so that `parse(to_fragment(v)) == v`
//! for every state `parse` can produce.
//!
//! `themes` lists the highlighted themes in the order they were turned on (which decides their
//! colours): curated ids from the themes file, automatic ones made from key terms (`term-<hash>`,
//! the ids the export uses) and the reader's own (`user-1`, `user-2`, … in the order of the `u=`
//! entries). Each `u=` is a theme the reader typed ([`adhoc`]). So a shared link carries the
//! reader's own themes. The last keys are the [`Layout`]: the side panel (`p=themes`, `notes`,
//! `sources`, `glossary`), the timeline (`tl=1`), aligned scrolling (`al=1`), the passage whose
//! related passages are listed (`r=`), the passage being cited (`c=`) and the open footnote (`n=`).
//!
//! Everything here is pure Rust (no `web-sys`): how the reader's moves change the view
//! ([`edit`]) and what opens and closes ([`layout`]) are unit-tested natively.

use std::borrow::Cow;
use std::fmt::Write as _;

pub mod adhoc;
#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) mod arbitrary;
mod edit;
pub mod layout;
pub mod search;

pub use adhoc::{split_variants, AdHocTheme};
use layout::LayoutText;
pub use layout::{Layout, LayoutAction, NoteRef, Panel};
use search::SearchText;
pub use search::{KwicOrder, Search, SearchTab};

/// How many documents fit side by side.
pub const MAX_COLUMNS: usize = 4;
/// Longest id (document or passage) a link may carry.
const MAX_ID_LEN: usize = 64;
/// Longest quote kept from a link (the app writes 16 characters).
const MAX_QUOTE_CHARS: usize = 64;
/// How many themes can be highlighted at once (one colour and underline style each).
pub const MAX_ACTIVE_THEMES: usize = 8;
/// How many themes of the reader's own (typed or made from terms) a link carries.
pub const MAX_ADHOC_THEMES: usize = 8;
/// How many spellings one of them may have.
pub const MAX_VARIANTS: usize = 12;
/// Longest label or spelling kept (in characters).
pub const MAX_TERM_CHARS: usize = 40;
/// Ids of the reader's own themes: `user-1`, `user-2`, …
const USER_PREFIX: &str = "user-";

/// A passage of a document, as links name it: `doc/passage`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PassageRef {
    /// Document id.
    pub doc: String,
    /// Passage id inside that document.
    pub passage: String,
}

impl PassageRef {
    /// A reference to `passage` of `doc`.
    pub fn new(doc: impl Into<String>, passage: impl Into<String>) -> Self {
        PassageRef {
            doc: doc.into(),
            passage: passage.into(),
        }
    }

    pub(crate) fn parse(s: &str) -> Option<PassageRef> {
        let (doc, passage) = s.trim().split_once('/')?;
        (is_doc_id(doc) && is_passage_id(passage)).then(|| PassageRef::new(doc, passage))
    }
}

/// The view the fragment describes. `docs` empty means the library.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ViewState {
    /// Open documents, one column each, in order (at most [`MAX_COLUMNS`], no repeats).
    pub docs: Vec<String>,
    /// The marked passage (its document is one of `docs`).
    pub focus: Option<PassageRef>,
    /// The first characters of the focused passage, to re-find it if ids moved (only with `focus`).
    pub quote: Option<String>,
    /// Per column: the passage at the top of the column (documents in `docs`, in column order).
    pub at: Vec<PassageRef>,
    /// Highlighted themes, in the order they were turned on (no repeats, at most
    /// [`MAX_ACTIVE_THEMES`]). Ad-hoc ids (`user-N`) always name an entry of `adhoc`.
    pub themes: Vec<String>,
    /// Themes the link defines itself (typed by a reader), in order.
    pub adhoc: Vec<AdHocTheme>,
    /// The cited source whose mentions are picked out (a citation id such as
    /// `statement-1a2b3c4d`, as the export names it). Only in the reader.
    pub source: Option<String>,
    /// What is open beside and over the columns (only in the reader; its passages are of open
    /// documents).
    pub layout: Layout,
    /// What is searched for, and how the results are shown (in the library and the reader).
    pub search: Search,
}

/// Whether `s` can be a document id: `[a-z0-9-]`, not empty, not too long.
pub fn is_doc_id(s: &str) -> bool {
    s.len() <= MAX_ID_LEN && yomikurabe_core::manifest::is_valid_slug(s)
}

/// Whether `s` can be a passage id (`s3`, `s3-p2`, `n7`): ASCII letters, digits, `-`, `_`.
pub fn is_passage_id(s: &str) -> bool {
    !s.is_empty() && s.len() <= MAX_ID_LEN && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The 1-based number of an ad-hoc theme id (`user-2` → 2).
pub(crate) fn adhoc_ref(id: &str) -> Option<usize> {
    let n = id.strip_prefix(USER_PREFIX)?;
    let ok = !n.is_empty() && n.len() <= 3 && n.bytes().all(|b| b.is_ascii_digit()) && !n.starts_with('0');
    if ok {
        n.parse().ok()
    } else {
        None
    }
}

/// A piece of user input, shortened for a message.
pub(crate) fn shown(s: &str) -> String {
    const MAX: usize = 40;
    if s.chars().count() > MAX {
        format!("“{}…”", s.chars().take(MAX).collect::<String>())
    } else {
        format!("“{s}”")
    }
}

impl ViewState {
    /// The library view.
    pub fn library() -> ViewState {
        ViewState::default()
    }

    /// A reader view of these documents (first [`MAX_COLUMNS`], repeats dropped).
    pub fn reader<S: AsRef<str>>(docs: &[S]) -> ViewState {
        let mut v = ViewState::default();
        for d in docs {
            let d = d.as_ref();
            if v.docs.len() < MAX_COLUMNS && !v.docs.iter().any(|x| x == d) {
                v.docs.push(d.to_string());
            }
        }
        v
    }

    /// Whether this is the library (no document open).
    pub fn is_library(&self) -> bool {
        self.docs.is_empty()
    }

    /// Parse a fragment (with or without the leading `#`). Total: any input gives a state and
    /// the list of things that were dropped, in words a reader understands.
    pub fn parse(fragment: &str) -> (ViewState, Vec<String>) {
        let raw = fragment.strip_prefix('#').unwrap_or(fragment);
        let mut problems = Vec::new();
        let mut v = ViewState::default();
        let (mut docs, mut focus, mut quote, mut at, mut themes, mut src) = (None, None, None, None, None, None);
        let mut layout = LayoutText::default();
        let mut search = SearchText::default();
        let mut adhoc_dropped = 0;
        for (key, value) in form_urlencoded::parse(raw.as_bytes()) {
            if key == "u" {
                match AdHocTheme::parse(&value) {
                    // A repeat is kept until `themes` is read (its id still counts), then merged.
                    Some(t) if v.adhoc.iter().any(|x| x.same_as(&t)) && v.adhoc.len() < 4 * MAX_ADHOC_THEMES => {
                        v.adhoc.push(t)
                    }
                    Some(t) if distinct(&v.adhoc) < MAX_ADHOC_THEMES && v.adhoc.len() < 4 * MAX_ADHOC_THEMES => {
                        v.adhoc.push(t)
                    }
                    Some(_) => adhoc_dropped += 1,
                    None => problems.push(format!(
                        "The link defines a theme of your own with no words to look for ({}); it was left out.",
                        shown(&value)
                    )),
                }
                continue;
            }
            let slot = match key.as_ref() {
                "" if value.is_empty() => continue,
                "docs" => &mut docs,
                "focus" => &mut focus,
                "q" => &mut quote,
                "at" => &mut at,
                "themes" => &mut themes,
                "src" => &mut src,
                other => match layout.slot(other).or_else(|| search.slot(other)) {
                    Some(slot) => slot,
                    None => {
                        problems.push(format!(
                            "The link contains {}, which this reader does not understand; it was ignored.",
                            shown(other)
                        ));
                        continue;
                    }
                },
            };
            if slot.is_some() {
                problems.push(format!("The link gives “{key}” twice; only the first was used."));
                continue;
            }
            *slot = Some(value.into_owned());
        }
        let given = |s: &Option<String>| s.as_deref().is_some_and(|s| !s.trim().is_empty());
        let in_reader = given(&themes) || given(&src) || given(&at) || !v.adhoc.is_empty() || layout.any();

        if adhoc_dropped > 0 {
            problems.push(format!(
                "Only {MAX_ADHOC_THEMES} themes of your own fit in a link; {adhoc_dropped} left out."
            ));
        }
        v.search = search.read(&mut problems);
        v.docs = parse_docs(docs.as_deref().unwrap_or(""), &mut problems);
        v.themes = parse_themes(themes.as_deref().unwrap_or(""), &v.adhoc, &mut problems);
        let merged = v.dedup_adhoc();
        if merged > 0 {
            problems.push(format!(
                "The link defines the same theme of your own more than once ({merged} repeat(s)); it is used once."
            ));
        }
        if let Some(f) = focus.as_deref().filter(|f| !f.trim().is_empty()) {
            match PassageRef::parse(f) {
                Some(p) if v.docs.contains(&p.doc) => v.focus = Some(p),
                Some(p) => problems.push(format!(
                    "The link marks a passage of {}, which is not one of the open documents; the mark was left out.",
                    shown(&p.doc)
                )),
                None => problems.push(format!(
                    "The link marks {}, which is not a passage (expected document/passage); no passage is marked.",
                    shown(f)
                )),
            }
        }
        let quote = quote.as_deref().and_then(clean_quote);
        if v.focus.is_some() {
            v.quote = quote;
        } else if quote.is_some() && !given(&focus) {
            problems.push("The link quotes a passage but does not say which; the quote was ignored.".to_string());
        }
        if v.docs.is_empty() {
            // Themes, positions and panels belong to the reader; the library has none to show.
            v.adhoc.clear();
            v.themes.clear();
            if in_reader {
                problems.push(
                    "No document is open, so the link's themes, reading positions and panels were left out."
                        .to_string(),
                );
            }
            return (v, problems);
        }
        v.at = parse_at(at.as_deref().unwrap_or(""), &v.docs, &mut problems);
        if let Some(s) = src.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            if is_passage_id(s) {
                v.source = Some(s.to_string());
            } else {
                problems.push(format!(
                    "The link picks out {} as a source, but that does not name a source; it was ignored.",
                    shown(s)
                ));
            }
        }
        v.layout = layout.read(&v.docs, &mut problems);
        (v, problems)
    }

    /// The canonical fragment, without `#`; empty for the library (unless it searches).
    pub fn to_fragment(&self) -> String {
        if self.docs.is_empty() {
            let mut out = String::new();
            self.search.print(&mut out);
            return out.strip_prefix('&').unwrap_or(&out).to_string();
        }
        let mut out = String::from("docs=");
        for (i, d) in self.docs.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.extend(form_urlencoded::byte_serialize(d.as_bytes()));
        }
        if let Some(f) = &self.focus {
            out.push_str("&focus=");
            push_ref(&mut out, f);
            if let Some(q) = &self.quote {
                out.push_str("&q=");
                out.extend(form_urlencoded::byte_serialize(q.as_bytes()));
            }
        }
        if !self.at.is_empty() {
            out.push_str("&at=");
            for (i, p) in self.at.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                push_ref(&mut out, p);
            }
        }
        if !self.themes.is_empty() {
            out.push_str("&themes=");
            for (i, t) in self.themes.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.extend(form_urlencoded::byte_serialize(t.as_bytes()));
            }
        }
        for t in &self.adhoc {
            out.push('&');
            t.print(&mut out);
        }
        if let Some(src) = &self.source {
            out.push_str("&src=");
            out.extend(form_urlencoded::byte_serialize(src.as_bytes()));
        }
        self.layout.print(&mut out);
        self.search.print(&mut out);
        out
    }
}

pub(crate) fn push_ref(out: &mut String, p: &PassageRef) {
    // Ids are `[A-Za-z0-9_-]` once parsed; encoding keeps odd ones (made by hand) safe anyway.
    out.extend(form_urlencoded::byte_serialize(p.doc.as_bytes()));
    out.push('/');
    out.extend(form_urlencoded::byte_serialize(p.passage.as_bytes()));
}

fn parse_docs(value: &str, problems: &mut Vec<String>) -> Vec<String> {
    let mut docs: Vec<String> = Vec::new();
    let mut left_out = Vec::new();
    for id in value.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        if !is_doc_id(id) {
            problems.push(format!(
                "{} in the link does not name a document; it was left out.",
                shown(id)
            ));
        } else if docs.iter().any(|d| d == id) {
            problems.push(format!("Document {} was named twice; it is shown once.", shown(id)));
        } else if docs.len() >= MAX_COLUMNS {
            left_out.push(id.to_string());
        } else {
            docs.push(id.to_string());
        }
    }
    if !left_out.is_empty() {
        let mut msg = format!("Only {MAX_COLUMNS} documents fit side by side; left out:");
        for id in &left_out {
            let _ = write!(msg, " {}", shown(id));
        }
        msg.push('.');
        problems.push(msg);
    }
    docs
}

fn parse_at(value: &str, docs: &[String], problems: &mut Vec<String>) -> Vec<PassageRef> {
    let mut at: Vec<PassageRef> = Vec::new();
    let mut bad = 0;
    for part in value.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        match PassageRef::parse(part) {
            Some(p) if !docs.contains(&p.doc) => problems.push(format!(
                "The link gives a reading position in {}, which is not one of the open documents; it was left out.",
                shown(&p.doc)
            )),
            Some(p) if at.iter().any(|q| q.doc == p.doc) => {
                if !at.contains(&p) {
                    problems.push(format!(
                        "The link gives {} more than one reading position; the first was used.",
                        shown(&p.doc)
                    ));
                }
            }
            Some(p) => at.push(p),
            None => bad += 1,
        }
    }
    if bad > 0 {
        problems.push(format!(
            "{bad} reading position(s) in the link could not be read (expected document/passage); those columns open at the start."
        ));
    }
    at
}

/// How many themes of `adhoc` have spellings no earlier one has.
fn distinct(adhoc: &[AdHocTheme]) -> usize {
    (0..adhoc.len())
        .filter(|&i| !adhoc[..i].iter().any(|t| t.same_as(&adhoc[i])))
        .count()
}

fn parse_themes(value: &str, adhoc: &[AdHocTheme], problems: &mut Vec<String>) -> Vec<String> {
    let probe = ViewState {
        adhoc: adhoc.to_vec(),
        ..ViewState::default()
    };
    let mut themes: Vec<String> = Vec::new();
    let mut left_out = 0;
    for id in value.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        if !yomikurabe_core::themes::is_valid_theme_id(id) {
            problems.push(format!(
                "{} in the link does not name a theme; it was left out.",
                shown(id)
            ));
        } else if adhoc_ref(id).is_some() && probe.adhoc_by_id(id).is_none() {
            problems.push(format!(
                "Theme {} was not found: the link does not define it.",
                shown(id)
            ));
        } else if themes.iter().any(|t| t == id) {
            // A repeat adds nothing.
        } else if themes.len() >= MAX_ACTIVE_THEMES {
            left_out += 1;
        } else {
            themes.push(id.to_string());
        }
    }
    if left_out > 0 {
        problems.push(format!(
            "Only {MAX_ACTIVE_THEMES} themes can be highlighted at once; {left_out} left out."
        ));
    }
    themes
}

/// A quote as links carry it: trimmed, at most [`MAX_QUOTE_CHARS`] characters, `None` if empty.
pub(crate) fn clean_quote(q: &str) -> Option<String> {
    let q: Cow<'_, str> = if q.chars().count() > MAX_QUOTE_CHARS {
        Cow::Owned(q.chars().take(MAX_QUOTE_CHARS).collect())
    } else {
        Cow::Borrowed(q)
    };
    let q = q.trim();
    (!q.is_empty()).then(|| q.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docs(v: &ViewState) -> Vec<&str> {
        v.docs.iter().map(String::as_str).collect()
    }

    #[test]
    fn empty_and_library() {
        for f in ["", "#", "#&", "&&&", "#docs=", "#docs=,,"] {
            let (v, problems) = ViewState::parse(f);
            assert!(v.is_library(), "{f}");
            assert!(problems.is_empty(), "{f}: {problems:?}");
        }
        assert_eq!(ViewState::library().to_fragment(), "");
    }

    #[test]
    fn parses_the_contract_example() {
        let (v, problems) =
            ViewState::parse("#docs=a,b-2&focus=a/s3-p2&q=%E5%8C%97%E6%9C%9D%E9%AE%AE%20x&at=a/s1,b-2/s0-p4");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(docs(&v), ["a", "b-2"]);
        assert_eq!(v.focus, Some(PassageRef::new("a", "s3-p2")));
        assert_eq!(v.quote.as_deref(), Some("北朝鮮 x"));
        assert_eq!(v.at, vec![PassageRef::new("a", "s1"), PassageRef::new("b-2", "s0-p4")]);
        assert_eq!(v.focus_in("a"), Some("s3-p2"));
        assert_eq!(v.focus_in("b-2"), None);
        assert_eq!(v.at_for("b-2"), Some("s0-p4"));
    }

    #[test]
    fn prints_readable_canonical_fragments() {
        let v = ViewState {
            docs: vec!["a".into(), "b".into()],
            focus: Some(PassageRef::new("b", "s1-p2")),
            quote: Some("日米 韓&=+%".into()),
            at: vec![PassageRef::new("a", "s2")],
            ..ViewState::default()
        };
        let f = v.to_fragment();
        assert!(f.starts_with("docs=a,b&focus=b/s1-p2&q="), "{f}");
        assert!(f.ends_with("&at=a/s2"), "{f}");
        assert!(!f.contains(' ') && !f.contains('日'), "{f}");
        assert_eq!(ViewState::parse(&f), (v, vec![]));
    }

    #[test]
    fn reports_garbage_and_keeps_what_it_can() {
        let (v, problems) = ViewState::parse("#docs=a,B%20C,a,b,c,d,e&focus=zz&q=x&what=1&at=a/s1,??,b");
        assert_eq!(docs(&v), ["a", "b", "c", "d"]);
        assert_eq!(v.focus, None);
        assert_eq!(v.quote, None, "a quote without a focus is dropped");
        assert_eq!(v.at, vec![PassageRef::new("a", "s1")]);
        let all = problems.join("\n");
        for needle in [
            "“B C”",
            "named twice",
            "left out: “e”",
            "“zz”",
            "“what”",
            "2 reading position(s)",
        ] {
            assert!(all.contains(needle), "{needle} not in {all}");
        }
    }

    #[test]
    fn focus_must_be_open_and_repeats_are_reported() {
        let (v, problems) = ViewState::parse("docs=a&focus=b/s1&docs=c");
        assert_eq!(docs(&v), ["a"]);
        assert_eq!(v.focus, None);
        assert_eq!(problems.len(), 2, "{problems:?}");
        // Without docs there is nothing to mark: the library, with a word about it.
        let (v, problems) = ViewState::parse("focus=a/s1");
        assert!(v.is_library());
        assert_eq!(problems.len(), 1);
    }

    #[test]
    fn bad_percent_encoding_and_invalid_utf8_do_not_panic() {
        for f in [
            "docs=%zz",
            "docs=%",
            "docs=a&q=%FF%FE",
            "docs=a&focus=a/s1&q=%E5%8C",
            "%%%=%%%",
            "docs=a%2",
        ] {
            let (v, _) = ViewState::parse(f);
            let again = ViewState::parse(&v.to_fragment());
            assert_eq!(again, (v, vec![]), "{f}");
        }
        let (v, _) = ViewState::parse("docs=a&focus=a/s1&q=%FF");
        assert_eq!(v.quote.as_deref(), Some("\u{FFFD}"));
    }

    #[test]
    fn quotes_are_trimmed_and_capped() {
        let long = "あ".repeat(200);
        let (v, _) = ViewState::parse(&format!("docs=a&focus=a/s1&q={long}"));
        assert_eq!(v.quote.as_ref().map(|q| q.chars().count()), Some(MAX_QUOTE_CHARS));
        let (v, _) = ViewState::parse("docs=a&focus=a/s1&q=+++");
        assert_eq!(v.quote, None);
    }

    #[test]
    fn themes_and_adhoc_themes_in_links() {
        let (v, problems) = ViewState::parse(
            "docs=a&themes=sanctions,user-1,term-0a1b2c3d,user-2&u=%E4%B8%89%E3%81%8B%E5%9B%BD|%E6%97%A5%E7%B1%B3%E9%9F%93&u=%E6%8B%A1%E5%A4%A7%E6%8A%91%E6%AD%A2",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(v.themes, ["sanctions", "user-1", "term-0a1b2c3d", "user-2"]);
        assert_eq!(
            v.adhoc,
            vec![
                AdHocTheme::new("", &["三か国", "日米韓"]).unwrap(),
                AdHocTheme::new("拡大抑止", &["拡大抑止"]).unwrap(),
            ]
        );
        assert_eq!(v.adhoc[0].label, "三か国");
        assert_eq!(v.adhoc_id(0).as_deref(), Some("user-1"));
        assert_eq!(v.adhoc_id(1).as_deref(), Some("user-2"));
        assert_eq!(v.adhoc_id(2), None);
        assert_eq!(v.adhoc_by_id("user-2").map(|(i, _)| i), Some(1));
        assert_eq!(v.adhoc_by_id("term-0a1b2c3d"), None);
        assert_eq!(v.adhoc_by_id("user-3"), None);
        assert_eq!(v.adhoc_by_id("user-01"), None);
        assert_eq!(v.adhoc_by_id("user-0"), None);
        let f = v.to_fragment();
        assert!(
            f.ends_with("&themes=sanctions,user-1,term-0a1b2c3d,user-2&u=%E4%B8%89%E3%81%8B%E5%9B%BD|%E6%97%A5%E7%B1%B3%E9%9F%93&u=%E6%8B%A1%E5%A4%A7%E6%8A%91%E6%AD%A2"),
            "{f}"
        );
        assert_eq!(ViewState::parse(&f), (v, vec![]));

        // A label of its own; literal or encoded separators; spaces.
        let (v, _) = ViewState::parse("docs=a&u=my+theme~a+b|c&u=%E6%97%A5%7E%E6%9C%88%7C%E7%81%AB");
        assert_eq!(v.adhoc[0].label, "my theme");
        assert_eq!(v.adhoc[0].variants, ["a b", "c"]);
        assert_eq!(v.adhoc[1].label, "日");
        assert_eq!(v.adhoc[1].variants, ["月", "火"]);
        assert!(v
            .to_fragment()
            .contains("&u=my+theme~a+b|c&u=%E6%97%A5~%E6%9C%88|%E7%81%AB"));
        // Only a label: it is the spelling too.
        let (v, _) = ViewState::parse("docs=a&u=lab~");
        assert_eq!(v.adhoc[0].variants, ["lab"]);
    }

    #[test]
    fn theme_problems_are_reported() {
        let (v, problems) = ViewState::parse("docs=a&themes=Bad,user-2,ok,ok,user-1&u=x&u=~|~&t=1");
        assert_eq!(v.themes, ["ok", "user-1"]);
        assert_eq!(v.adhoc.len(), 1);
        let all = problems.join("\n");
        for needle in ["“Bad”", "“user-2” was not found", "no words to look for", "“t”"] {
            assert!(all.contains(needle), "{needle} not in {all}");
        }
        let many: String = (0..12).map(|i| format!("&u=w{i}")).collect();
        let list: Vec<String> = (1..=10).map(|i| format!("user-{i}")).collect();
        let (v, problems) = ViewState::parse(&format!("docs=a{many}&themes={}", list.join(",")));
        assert_eq!(v.adhoc.len(), MAX_ADHOC_THEMES);
        assert_eq!(v.themes.len(), MAX_ACTIVE_THEMES);
        assert!(problems.iter().any(|p| p.contains("4 left out")), "{problems:?}");
        assert!(problems.iter().any(|p| p.contains("user-9")), "{problems:?}");
        // The library shows no themes: they are dropped, and the reader is told.
        let (v, problems) = ViewState::parse("themes=a&u=x");
        assert_eq!(v, ViewState::library());
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("No document is open"));
    }

    #[test]
    fn repeated_adhoc_themes_merge_and_keep_their_highlight() {
        let (v, problems) = ViewState::parse("docs=a&u=x&u=y&u=x&themes=user-3,user-2");
        assert_eq!(problems.len(), 1, "the repeat is reported: {problems:?}");
        assert_eq!(v.adhoc.len(), 2);
        assert_eq!(v.themes, ["user-2", "user-1"]);
        assert_eq!(ViewState::parse(&v.to_fragment()), (v, vec![]));
    }

    #[test]
    fn source_travels_in_the_link_and_bad_ones_are_reported() {
        let (v, problems) = ViewState::parse("docs=a&src=report-12345678");
        assert_eq!(v.source.as_deref(), Some("report-12345678"));
        assert!(problems.is_empty());
        let (v, problems) = ViewState::parse("docs=a&src=%3Cb%3E");
        assert_eq!(v.source, None);
        assert_eq!(problems.len(), 1);
        assert_eq!(ViewState::parse("src=report-1").0, ViewState::library());
    }

    #[test]
    fn the_layout_travels_in_the_link() {
        let f = "docs=a,b&focus=a/s1&p=notes&tl=1&al=1&r=b/s2&c=a/s1&n=b/s3-p1/12";
        let (v, problems) = ViewState::parse(f);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            v.layout,
            Layout {
                panel: Some(Panel::Notes),
                timeline: true,
                aligned: true,
                related: Some(PassageRef::new("b", "s2")),
                cite: Some(PassageRef::new("a", "s1")),
                note: Some(NoteRef::new("b", "s3-p1", 12)),
            }
        );
        assert_eq!(v.to_fragment(), f, "printed back in the same order");
        // Keys in another order, switches off, nothing open: the same view, shorter.
        let (w, problems) = ViewState::parse("n=b/s3-p1/12&al=0&docs=a,b&tl=&focus=a/s1&p=notes&r=b/s2&c=a/s1&al=1");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(w.layout.related, v.layout.related);
        assert!(!w.layout.aligned && !w.layout.timeline);
        assert_eq!(ViewState::reader(&["a"]).to_fragment(), "docs=a");
    }

    #[test]
    fn what_a_link_cannot_open_is_said() {
        let (v, problems) = ViewState::parse("docs=a&p=index&al=yes&c=b/s1&n=a/s1&r=%FF/s1");
        assert_eq!(v.layout, Layout::default());
        let all = problems.join("\n");
        for needle in ["“index”", "al=“yes”", "“b”", "“a/s1”", "“\u{FFFD}/s1”"] {
            assert!(all.contains(needle), "{needle} not in {all}");
        }
        assert_eq!(problems.len(), 5, "{problems:?}");
        let (v, problems) = ViewState::parse("p=notes&al=1");
        assert!(v.is_library());
        assert_eq!(problems.len(), 1, "{problems:?}");
    }

    #[test]
    fn dropped_positions_and_quotes_are_said() {
        let (v, problems) = ViewState::parse("docs=a,b&at=a/s1,c/s2,a/s3,a/s1&q=x");
        assert_eq!(v.at, [PassageRef::new("a", "s1")]);
        assert_eq!(v.quote, None);
        let all = problems.join("\n");
        for needle in ["in “c”, which is not one", "“a” more than one", "quotes a passage"] {
            assert!(all.contains(needle), "{needle} not in {all}");
        }
        assert_eq!(problems.len(), 3, "{problems:?}");
        let (_, problems) = ViewState::parse("docs=a&src=&p=&c=&focus=&q=");
        assert!(problems.is_empty(), "empty values ask for nothing: {problems:?}");
    }

    /// Generated states and fragments (proptest runs natively only).
    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::super::arbitrary;
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig { cases: 5000, failure_persistence: None, ..ProptestConfig::default() })]

            #[test]
            fn round_trip_over_generated_states(v in arbitrary::view()) {
                let f = v.to_fragment();
                prop_assert_eq!(ViewState::parse(&f), (v.clone(), vec![]), "fragment {:?}", f);
                prop_assert_eq!(ViewState::parse(&format!("#{f}")).0, v);
            }

            #[test]
            fn garbage_never_panics_and_normalises_in_one_step(f in arbitrary::garbage()) {
                let (v, _) = ViewState::parse(&f);
                prop_assert!(v.docs.len() <= MAX_COLUMNS);
                prop_assert!(v.focus.as_ref().is_none_or(|p| v.docs.contains(&p.doc)), "{:?}", f);
                prop_assert!(v.quote.is_none() || v.focus.is_some());
                let printed = v.to_fragment();
                prop_assert_eq!(ViewState::parse(&printed), (v, vec![]), "garbage {:?} printed as {:?}", f, printed);
            }
        }
    }
}
