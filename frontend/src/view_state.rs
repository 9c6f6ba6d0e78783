//! What is on screen? The URL fragment, parsed and printed by one type.
//!
//! `#docs=<id>,<id>[&focus=<id>/<passage>][&q=<quote>][&at=<id>/<passage>,…][&themes=<id>,…][&src=<source>]
//! [&u=<label>~<variant>|<variant>]…` is the single source of truth for the view: [`ViewState::parse`] reads any string (never panics, reports what it
//! dropped) and [`ViewState::to_fragment`] prints the canonical form, so that
//! `parse(to_fragment(v)) == v` for every state `parse` can produce.
//!
//! `themes` lists the highlighted themes in the order they were turned on (which decides their
//! colours): curated ids from the themes file, automatic ones made from key terms (`term-<hash>`,
//! the ids the export uses) and the reader's own (`user-1`, `user-2`, … in the order of the `u=`
//! entries). Each `u=` is a theme the reader typed: a label, `~`, then its spellings separated by
//! `|` (just `u=三か国|日米韓` when the label is the first spelling). So a shared link carries
//! the reader's own themes.
//!
//! Everything here is pure Rust (no `web-sys`): the helpers that compute the next view for a user
//! action (pick a document, swap a column, focus a passage) are unit-tested natively.

use std::borrow::Cow;
use std::fmt::Write as _;

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

    fn parse(s: &str) -> Option<PassageRef> {
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
}

/// A theme defined in the link itself (typed by a reader): a label and the spellings that count.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AdHocTheme {
    /// What the legend calls it (clean: see [`AdHocTheme::new`]).
    pub label: String,
    /// The spellings, clean and distinct, at least one.
    pub variants: Vec<String>,
}

impl AdHocTheme {
    /// A theme of these spellings, cleaned: `~`, `|` and control characters become spaces,
    /// spaces are collapsed, each is cut to [`MAX_TERM_CHARS`]; blanks and repeats are left out,
    /// at most [`MAX_VARIANTS`] are kept. The label defaults to the first spelling. `None` when
    /// no spelling is left.
    pub fn new<S: AsRef<str>>(label: &str, variants: &[S]) -> Option<AdHocTheme> {
        let mut clean: Vec<String> = Vec::new();
        for v in variants {
            let v = clean_term(v.as_ref());
            if !v.is_empty() && !clean.contains(&v) && clean.len() < MAX_VARIANTS {
                clean.push(v);
            }
        }
        let first = clean.first()?.clone();
        let label = clean_term(label);
        Some(AdHocTheme {
            label: if label.is_empty() { first } else { label },
            variants: clean,
        })
    }

    /// A theme the reader typed: spellings split by [`split_variants`], labelled by the first.
    pub fn from_input(input: &str) -> Option<AdHocTheme> {
        AdHocTheme::new("", &split_variants(input))
    }

    /// Whether two themes match the same spellings (labels aside).
    pub fn same_as(&self, other: &AdHocTheme) -> bool {
        self.variants == other.variants
    }

    fn parse(value: &str) -> Option<AdHocTheme> {
        let (label, rest) = match value.split_once('~') {
            Some((label, rest)) => (label, rest),
            None => ("", value),
        };
        let mut variants: Vec<&str> = rest.split(['|', '~']).collect();
        if variants.iter().all(|v| v.trim().is_empty()) {
            variants = vec![label];
        }
        AdHocTheme::new(label, &variants)
    }

    fn print(&self, out: &mut String) {
        out.push_str("u=");
        if self.variants.first() != Some(&self.label) {
            out.extend(form_urlencoded::byte_serialize(self.label.as_bytes()));
            out.push('~');
        }
        for (i, v) in self.variants.iter().enumerate() {
            if i > 0 {
                out.push('|');
            }
            out.extend(form_urlencoded::byte_serialize(v.as_bytes()));
        }
    }
}

/// A label or spelling as links carry it: no `~`, `|` or control characters, single spaces,
/// trimmed, at most [`MAX_TERM_CHARS`] characters.
fn clean_term(s: &str) -> String {
    let mut out = String::new();
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() || c.is_control() || c == '~' || c == '|' {
            space = !out.is_empty();
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    if out.chars().count() > MAX_TERM_CHARS {
        out = out.chars().take(MAX_TERM_CHARS).collect();
        out.truncate(out.trim_end().len());
    }
    out
}

/// Split what a reader typed into spellings: at commas (`,` `、` `，`), `|`, `;`, `；`, `／`
/// and ideographic spaces, and at ordinary spaces except between two Latin words
/// (`拡大抑止 核の傘` is two spellings, `extended deterrence` one).
pub fn split_variants(input: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in input.split([',', '、', '，', '|', ';', '；', '／', '\u{3000}', '\n', '\t']) {
        let mut latin: Option<String> = None;
        for word in part.split(' ').filter(|w| !w.is_empty()) {
            if word.is_ascii() {
                match latin.as_mut() {
                    Some(l) => {
                        l.push(' ');
                        l.push_str(word);
                    }
                    None => latin = Some(word.to_string()),
                }
            } else {
                out.extend(latin.take());
                out.push(word.to_string());
            }
        }
        out.extend(latin);
    }
    out.retain(|v| !clean_term(v).is_empty());
    out
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
fn adhoc_ref(id: &str) -> Option<usize> {
    let n = id.strip_prefix(USER_PREFIX)?;
    let ok = !n.is_empty() && n.len() <= 3 && n.bytes().all(|b| b.is_ascii_digit()) && !n.starts_with('0');
    if ok {
        n.parse().ok()
    } else {
        None
    }
}

/// A piece of user input, shortened for a message.
fn shown(s: &str) -> String {
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
        let (mut seen_docs, mut seen_focus, mut seen_q, mut seen_at) = (false, false, false, false);
        let (mut seen_themes, mut seen_src) = (false, false);
        let mut focus_text = None;
        let mut quote = None;
        let mut themes_text = None;
        let mut adhoc_dropped = 0;
        for (key, value) in form_urlencoded::parse(raw.as_bytes()) {
            let seen = match key.as_ref() {
                "docs" => &mut seen_docs,
                "focus" => &mut seen_focus,
                "q" => &mut seen_q,
                "at" => &mut seen_at,
                "themes" => &mut seen_themes,
                "src" => &mut seen_src,
                "u" => {
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
                            "Ignored a theme of the link with nothing to look for ({}).",
                            shown(&value)
                        )),
                    }
                    continue;
                }
                "" if value.is_empty() => continue,
                other => {
                    problems.push(format!(
                        "Ignored {} in the link: not something this page knows.",
                        shown(other)
                    ));
                    continue;
                }
            };
            if *seen {
                problems.push(format!("Ignored a repeated “{key}” in the link."));
                continue;
            }
            *seen = true;
            match key.as_ref() {
                "docs" => v.docs = parse_docs(&value, &mut problems),
                "focus" => focus_text = Some(value),
                "q" => quote = Some(value),
                "themes" => themes_text = Some(value),
                "src" if is_passage_id(value.trim()) => v.source = Some(value.trim().to_string()),
                "src" => problems.push(format!("Ignored the source {}: not a source id.", shown(&value))),
                _ => v.at = parse_at(&value, &mut problems),
            }
        }
        if adhoc_dropped > 0 {
            problems.push(format!(
                "Only {MAX_ADHOC_THEMES} themes of your own fit in a link; {adhoc_dropped} left out."
            ));
        }
        v.themes = parse_themes(themes_text.as_deref().unwrap_or(""), &v.adhoc, &mut problems);
        v.dedup_adhoc();
        if let Some(f) = focus_text.filter(|f| !f.trim().is_empty()) {
            match PassageRef::parse(&f) {
                Some(p) if v.docs.contains(&p.doc) => v.focus = Some(p),
                Some(p) => problems.push(format!(
                    "The link marks a passage of {}, which is not open; the mark was left out.",
                    shown(&p.doc)
                )),
                None => problems.push(format!(
                    "Ignored the marked passage {}: expected document/passage.",
                    shown(&f)
                )),
            }
        }
        if v.focus.is_some() {
            v.quote = quote.and_then(|q| clean_quote(&q));
        }
        v.at.retain(|p| v.docs.contains(&p.doc));
        if v.docs.is_empty() {
            // Themes colour the reader; the library has none to show.
            v.themes.clear();
            v.adhoc.clear();
            v.source = None;
        }
        (v, problems)
    }

    /// The canonical fragment, without `#`; empty for the library.
    pub fn to_fragment(&self) -> String {
        if self.docs.is_empty() {
            return String::new();
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
        out
    }

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

    /// Ad-hoc themes that repeat an earlier one's spellings are merged into it.
    fn dedup_adhoc(&mut self) {
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
        }
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
            ..ViewState::default()
        };
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
            return ViewState::library();
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
    }

    fn sort_at(&mut self) {
        let docs = &self.docs;
        yomikurabe_core::text::sort::by_key(&mut self.at, |p| docs.iter().position(|d| *d == p.doc));
    }
}

fn push_ref(out: &mut String, p: &PassageRef) {
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
            problems.push(format!("Ignored {} in the link: not a document id.", shown(id)));
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
        problems.push(msg);
    }
    docs
}

fn parse_at(value: &str, problems: &mut Vec<String>) -> Vec<PassageRef> {
    let mut at: Vec<PassageRef> = Vec::new();
    let mut bad = 0;
    for part in value.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        match PassageRef::parse(part) {
            Some(p) if !at.iter().any(|q| q.doc == p.doc) => at.push(p),
            Some(_) => {}
            None => bad += 1,
        }
    }
    if bad > 0 {
        problems.push(format!("Ignored {bad} unreadable scroll position(s) in the link."));
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
            problems.push(format!("Ignored {} in the link: not a theme id.", shown(id)));
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
fn clean_quote(q: &str) -> Option<String> {
    let q: Cow<'_, str> = if q.chars().count() > MAX_QUOTE_CHARS {
        Cow::Owned(q.chars().take(MAX_QUOTE_CHARS).collect())
    } else {
        Cow::Borrowed(q)
    };
    let q = q.trim();
    (!q.is_empty()).then(|| q.to_string())
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
pub fn pick_problem(count: usize) -> Option<String> {
    match count {
        0 => Some("Pick 1 to 4 documents to read them side by side.".to_string()),
        n if n > MAX_COLUMNS => Some(format!(
            "{n} documents picked: at most {MAX_COLUMNS} fit side by side. Unpick {}.",
            n - MAX_COLUMNS
        )),
        _ => None,
    }
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
            "2 unreadable",
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
    fn picking() {
        let p = toggle_pick(&[], "a");
        let p = toggle_pick(&p, "b");
        assert_eq!(p, ["a", "b"]);
        assert_eq!(toggle_pick(&p, "a"), ["b"]);
        assert!(pick_problem(0).is_some());
        assert!(pick_problem(1).is_none() && pick_problem(4).is_none());
        assert!(pick_problem(5).unwrap().contains("Unpick 1"));
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
        for needle in ["“Bad”", "“user-2” was not found", "nothing to look for", "“t”"] {
            assert!(all.contains(needle), "{needle} not in {all}");
        }
        let many: String = (0..12).map(|i| format!("&u=w{i}")).collect();
        let list: Vec<String> = (1..=10).map(|i| format!("user-{i}")).collect();
        let (v, problems) = ViewState::parse(&format!("docs=a{many}&themes={}", list.join(",")));
        assert_eq!(v.adhoc.len(), MAX_ADHOC_THEMES);
        assert_eq!(v.themes.len(), MAX_ACTIVE_THEMES);
        assert!(problems.iter().any(|p| p.contains("4 left out")), "{problems:?}");
        assert!(problems.iter().any(|p| p.contains("user-9")), "{problems:?}");
        // The library shows no themes: they are dropped without a word.
        let (v, problems) = ViewState::parse("themes=a&u=x");
        assert_eq!(v, ViewState::library());
        assert!(problems.is_empty());
    }

    #[test]
    fn repeated_adhoc_themes_merge_and_keep_their_highlight() {
        let (v, problems) = ViewState::parse("docs=a&u=x&u=y&u=x&themes=user-3,user-2");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(v.adhoc.len(), 2);
        assert_eq!(v.themes, ["user-2", "user-1"]);
        assert_eq!(ViewState::parse(&v.to_fragment()), (v, vec![]));
    }

    #[test]
    fn splitting_what_a_reader_types() {
        assert_eq!(
            split_variants("拡大抑止, 核の傘、三か国"),
            ["拡大抑止", "核の傘", "三か国"]
        );
        assert_eq!(
            split_variants("拡大抑止 核の傘\u{3000}NCG"),
            ["拡大抑止", "核の傘", "NCG"]
        );
        assert_eq!(split_variants("extended deterrence"), ["extended deterrence"]);
        assert_eq!(
            split_variants("Camp David キャンプ・デービッド"),
            ["Camp David", "キャンプ・デービッド"]
        );
        assert_eq!(split_variants(" , 、 ||"), Vec::<String>::new());
        assert_eq!(AdHocTheme::from_input(" ,~| "), None);
        let t = AdHocTheme::from_input("a~b, a~b, c").unwrap();
        assert_eq!(t.variants, ["a b", "c"]);
        let long = "長".repeat(100);
        assert_eq!(
            AdHocTheme::from_input(&long).unwrap().label.chars().count(),
            MAX_TERM_CHARS
        );
        let many: Vec<String> = (0..30).map(|i| format!("w{i}")).collect();
        assert_eq!(AdHocTheme::new("", &many).unwrap().variants.len(), MAX_VARIANTS);
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
    fn source_travels_in_the_link_and_bad_ones_are_reported() {
        let (v, problems) = ViewState::parse("docs=a&src=report-12345678");
        assert_eq!(v.source.as_deref(), Some("report-12345678"));
        assert!(problems.is_empty());
        let (v, problems) = ViewState::parse("docs=a&src=%3Cb%3E");
        assert_eq!(v.source, None);
        assert_eq!(problems.len(), 1);
        assert_eq!(ViewState::parse("src=report-1").0, ViewState::library());
    }

    /// A small deterministic generator (splitmix64), so the property tests need no dependency.
    struct Gen(u64);
    impl Gen {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
        fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
            xs[self.below(xs.len())]
        }
        fn string(&mut self, alphabet: &[&str], max: usize) -> String {
            (0..self.below(max + 1)).map(|_| self.pick(alphabet)).collect()
        }
    }

    const ID_CHARS: &[&str] = &["a", "z", "0", "9", "-"];
    const PASSAGE_CHARS: &[&str] = &["s", "p", "n", "1", "7", "-", "_", "A"];
    const QUOTE_CHARS: &[&str] = &[
        "北", "朝", "鮮", "。", "「", " ", "&", "=", "+", "%", "#", ",", "/", "a", "Ａ", "\u{3000}", "😀", "\n",
    ];
    const GARBAGE: &[&str] = &[
        "docs",
        "focus",
        "q",
        "at",
        "=",
        "&",
        ",",
        "/",
        "%",
        "%2",
        "%E5",
        "%8C",
        "%FF",
        "a",
        "s1",
        "-",
        "#",
        "+",
        " ",
        "北",
        "\u{0}",
        "?",
        "docs=",
        "&focus=",
        "a/s1",
        "&themes=",
        "user-1",
        "term-0a1b2c3d",
        "&u=",
        "~",
        "|",
        "%7C",
        "%7E",
        "三か国",
        "&src=",
        "statement-0a1b2c3d",
    ];
    const THEME_IDS: &[&str] = &[
        "sanctions",
        "camp-david",
        "x1",
        "user-1",
        "user-2",
        "term-0a1b2c3d",
        "user-9",
    ];
    const TERM_CHARS: &[&str] = &[
        "拡", "大", "抑", "止", "3", "カ", "国", " ", "~", "|", "&", "=", "+", "%", "a", "Ｂ",
    ];

    fn id(g: &mut Gen) -> String {
        let s = g.string(ID_CHARS, 8);
        if s.is_empty() {
            "d".into()
        } else {
            s
        }
    }

    fn passage_id(g: &mut Gen) -> String {
        let s = g.string(PASSAGE_CHARS, 8);
        if s.is_empty() {
            "s0".into()
        } else {
            s
        }
    }

    fn state(g: &mut Gen) -> ViewState {
        let n = g.below(MAX_COLUMNS + 1);
        let mut v = ViewState::default();
        while v.docs.len() < n {
            let d = id(g);
            if !v.docs.contains(&d) {
                v.docs.push(d);
            }
        }
        if !v.docs.is_empty() {
            if g.below(2) == 0 {
                let d = v.docs[g.below(v.docs.len())].clone();
                v.focus = Some(PassageRef::new(d, passage_id(g)));
                v.quote = clean_quote(&g.string(QUOTE_CHARS, 20));
            }
            for d in v.docs.clone() {
                if g.below(2) == 0 {
                    v.at.push(PassageRef::new(d, passage_id(g)));
                }
            }
            for _ in 0..g.below(4) {
                let variants: Vec<String> = (0..g.below(4)).map(|_| g.string(TERM_CHARS, 6)).collect();
                let label = if g.below(2) == 0 {
                    g.string(TERM_CHARS, 5)
                } else {
                    String::new()
                };
                if let Some(t) = AdHocTheme::new(&label, &variants) {
                    if let Some((next, _)) = v.add_adhoc(t) {
                        v = next;
                    }
                }
            }
            for _ in 0..g.below(4) {
                v = v.toggle_theme(g.pick(THEME_IDS));
            }
            if g.below(3) == 0 {
                v.source = Some(passage_id(g));
            }
        }
        v
    }

    #[test]
    fn round_trip_over_generated_states() {
        let mut g = Gen(7);
        for _ in 0..5000 {
            let v = state(&mut g);
            let f = v.to_fragment();
            assert_eq!(ViewState::parse(&f), (v.clone(), vec![]), "fragment {f:?}");
            assert_eq!(ViewState::parse(&format!("#{f}")).0, v);
        }
    }

    #[test]
    fn garbage_never_panics_and_normalises_in_one_step() {
        let mut g = Gen(11);
        for _ in 0..5000 {
            let f = g.string(GARBAGE, 14);
            let (v, _) = ViewState::parse(&f);
            assert!(v.docs.len() <= MAX_COLUMNS);
            assert!(v.focus.as_ref().is_none_or(|p| v.docs.contains(&p.doc)), "{f:?}");
            assert!(v.quote.is_none() || v.focus.is_some());
            let printed = v.to_fragment();
            assert_eq!(
                ViewState::parse(&printed),
                (v, vec![]),
                "garbage {f:?} printed as {printed:?}"
            );
        }
    }

    #[test]
    fn helpers_keep_states_printable() {
        let mut g = Gen(3);
        for _ in 0..2000 {
            let v = state(&mut g);
            let d = id(&mut g);
            let next = match g.below(8) {
                0 => v.replace_column(g.below(5), &d),
                1 => v.remove_column(g.below(5)),
                2 => v.add_column(&d),
                5 => v.toggle_theme(g.pick(THEME_IDS)),
                6 => v.remove_adhoc(g.below(3)),
                7 => {
                    let t = AdHocTheme::new("", &[g.string(TERM_CHARS, 4)]);
                    t.and_then(|t| v.add_adhoc(t)).map_or_else(|| v.clone(), |(v, _)| v)
                }
                3 if !v.docs.is_empty() => {
                    let doc = v.docs[g.below(v.docs.len())].clone();
                    v.with_focus(&doc, &passage_id(&mut g), &g.string(QUOTE_CHARS, 20))
                }
                _ => v.without_focus(),
            };
            assert_eq!(
                ViewState::parse(&next.to_fragment()),
                (next.clone(), vec![]),
                "{v:?} -> {next:?}"
            );
        }
    }
}
