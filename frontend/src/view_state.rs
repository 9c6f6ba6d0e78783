//! What is on screen? The URL fragment, parsed and printed by one type.
//!
//! `#docs=<id>,<id>[&focus=<id>/<passage>][&q=<quote>][&at=<id>/<passage>,…]` is the single source
//! of truth for the view: [`ViewState::parse`] reads any string (never panics, reports what it
//! dropped) and [`ViewState::to_fragment`] prints the canonical form, so that
//! `parse(to_fragment(v)) == v` for every state `parse` can produce.
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
}

/// Whether `s` can be a document id: `[a-z0-9-]`, not empty, not too long.
pub fn is_doc_id(s: &str) -> bool {
    s.len() <= MAX_ID_LEN && yomikurabe_core::manifest::is_valid_slug(s)
}

/// Whether `s` can be a passage id (`s3`, `s3-p2`, `n7`): ASCII letters, digits, `-`, `_`.
pub fn is_passage_id(s: &str) -> bool {
    !s.is_empty() && s.len() <= MAX_ID_LEN && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
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
        let mut focus_text = None;
        let mut quote = None;
        for (key, value) in form_urlencoded::parse(raw.as_bytes()) {
            let seen = match key.as_ref() {
                "docs" => &mut seen_docs,
                "focus" => &mut seen_focus,
                "q" => &mut seen_q,
                "at" => &mut seen_at,
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
                _ => v.at = parse_at(&value, &mut problems),
            }
        }
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
        out
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
        self.at.sort_by_key(|p| docs.iter().position(|d| *d == p.doc));
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
        "docs", "focus", "q", "at", "=", "&", ",", "/", "%", "%2", "%E5", "%8C", "%FF", "a", "s1", "-", "#", "+", " ",
        "北", "\u{0}", "?", "docs=", "&focus=", "a/s1",
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
            let next = match g.below(5) {
                0 => v.replace_column(g.below(5), &d),
                1 => v.remove_column(g.below(5)),
                2 => v.add_column(&d),
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
