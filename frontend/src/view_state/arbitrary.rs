//! Generated views and fragments for the property tests (proptest strategies, native only).
//!
//! [`view`] makes every kind of state the app can put in a link: 0–4 columns, a mark with its
//! quote, scroll positions, themes of the reader's own (with awkward characters) and others,
//! a cited source and a layout (panel, timeline, aligned, related list, citation, footnote).
//! [`garbage`] makes fragments out of the pieces links are made of, in any order.

use proptest::option;
use proptest::prelude::*;
use proptest::sample::{select, Index};

use super::search::{COLLOCATE_WINDOW, KWIC_WIDTH};
use super::{
    clean_quote, AdHocTheme, KwicOrder, Layout, NoteRef, Panel, PassageRef, Search, SearchTab, ViewState, MAX_COLUMNS,
};

const ID_CHARS: &[&str] = &["a", "z", "0", "9", "-"];
const PASSAGE_CHARS: &[&str] = &["s", "p", "n", "1", "7", "-", "_", "A"];
const QUOTE_CHARS: &[&str] = &[
    "北", "朝", "鮮", "。", "「", " ", "&", "=", "+", "%", "#", ",", "/", "a", "Ａ", "\u{3000}", "😀", "\n",
];
/// Theme ids: curated-looking, automatic, the reader's own (some the link lacks).
pub(crate) const THEME_IDS: &[&str] = &[
    "sanctions",
    "camp-david",
    "x1",
    "user-1",
    "user-2",
    "term-0a1b2c3d",
    "user-9",
];
pub(crate) const TERM_CHARS: &[&str] = &[
    "拡", "大", "抑", "止", "3", "カ", "国", " ", "~", "|", "&", "=", "+", "%", "a", "Ｂ",
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
    "&p=",
    "notes",
    "&tl=",
    "&al=",
    "1",
    "0",
    "&r=",
    "&c=",
    "&n=",
    "a/s1/3",
];

/// Strings of up to `max` pieces of `alphabet`.
pub(crate) fn text(alphabet: &'static [&'static str], max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(select(alphabet), 0..=max).prop_map(|v| v.concat())
}

/// A document id (`[a-z0-9-]`, not empty).
pub(crate) fn doc_id() -> impl Strategy<Value = String> {
    text(ID_CHARS, 8).prop_map(|s| if s.is_empty() { "d".to_string() } else { s })
}

/// A passage id (`[A-Za-z0-9_-]`, not empty).
pub(crate) fn passage_id() -> impl Strategy<Value = String> {
    text(PASSAGE_CHARS, 8).prop_map(|s| if s.is_empty() { "s0".to_string() } else { s })
}

/// A quote as a reader's text may start (with characters links must escape).
pub(crate) fn quote() -> impl Strategy<Value = String> {
    text(QUOTE_CHARS, 20)
}

/// A theme of the reader's own: a label (maybe none) and up to three spellings.
fn adhoc() -> impl Strategy<Value = Option<AdHocTheme>> {
    (
        option::of(text(TERM_CHARS, 5)),
        prop::collection::vec(text(TERM_CHARS, 6), 0..4),
    )
        .prop_map(|(label, variants)| AdHocTheme::new(label.as_deref().unwrap_or(""), &variants))
}

/// What a layout is made from: panel, timeline, aligned, and related list, citation and
/// footnote as (which open document, passage[, note number]).
type LayoutSeed = (
    Option<Panel>,
    bool,
    bool,
    Option<(Index, String)>,
    Option<(Index, String)>,
    Option<(Index, String, u32)>,
);

fn layout() -> impl Strategy<Value = LayoutSeed> {
    (
        option::of(select(Panel::ALL.to_vec())),
        any::<bool>(),
        any::<bool>(),
        option::of((any::<Index>(), passage_id())),
        option::of((any::<Index>(), passage_id())),
        option::of((any::<Index>(), passage_id(), 0u32..1000)),
    )
}

/// The layout of `seed` over the open documents `docs` (not empty).
fn build_layout(seed: LayoutSeed, docs: &[String]) -> Layout {
    let (panel, timeline, aligned, related, cite, note) = seed;
    let at = |(i, p): (Index, String)| PassageRef::new(i.get(docs), p);
    Layout {
        panel,
        timeline,
        aligned,
        related: related.map(at),
        cite: cite.map(at),
        note: note.map(|(i, p, n)| NoteRef::new(i.get(docs), p, n)),
    }
}

/// A view the app can produce: built the way the app builds them, from its helpers.
pub(crate) fn view() -> impl Strategy<Value = ViewState> {
    (
        prop::collection::vec(doc_id(), 0..=MAX_COLUMNS + 1),
        option::of((any::<Index>(), passage_id(), quote())),
        prop::collection::vec(option::of(passage_id()), MAX_COLUMNS),
        prop::collection::vec(adhoc(), 0..4),
        prop::collection::vec(select(THEME_IDS), 0..4),
        option::of(passage_id()),
        layout(),
        search(),
    )
        .prop_map(|(docs, focus, at, adhoc, toggles, source, layout, search)| {
            let mut v = ViewState::reader(&docs);
            v.search = search;
            if v.is_library() {
                return v;
            }
            if let Some((i, passage, q)) = focus {
                let doc = i.get(&v.docs).clone();
                v.focus = Some(PassageRef::new(doc, passage));
                v.quote = clean_quote(&q);
            }
            v.at = v
                .docs
                .iter()
                .zip(at)
                .filter_map(|(d, p)| Some(PassageRef::new(d, p?)))
                .collect();
            for t in adhoc.into_iter().flatten() {
                if let Some((next, _)) = v.add_adhoc(t) {
                    v = next;
                }
            }
            for id in toggles {
                v = v.toggle_theme(id);
            }
            v.source = source;
            v.layout = build_layout(layout, &v.docs);
            v
        })
}

/// A search the app can make: a query typed (any characters, `|`, `-`, quotes, spaces) or
/// none, with settings in their ranges.
fn search() -> impl Strategy<Value = Search> {
    (
        option::of("[ a-z|\"&=#%+\\-]{0,6}[a-z日米国]{1,3}[ |\"-]{0,2}"),
        select(SearchTab::ALL.to_vec()),
        KWIC_WIDTH.1..=KWIC_WIDTH.2,
        select(KwicOrder::ALL.to_vec()),
        option::of(doc_id()),
        COLLOCATE_WINDOW.1..=COLLOCATE_WINDOW.2,
    )
        .prop_map(|(query, tab, width, order, only, window)| match query {
            Some(q) => Search {
                tab,
                width,
                order,
                only,
                window,
                ..Search::default().with_query(&q)
            },
            None => Search::default(),
        })
}

/// A fragment made of link pieces in any order (keys, separators, ids, escapes, junk).
pub(crate) fn garbage() -> impl Strategy<Value = String> {
    text(GARBAGE, 14)
}
