//! One open document: a column that scrolls on its own, with its header, outline, passages
//! (body in reading order, with their theme highlights) and notes, and the themes' ribbon beside it.
//! A long document renders only the runs of passages the view needs
//! ([`crate::passage_window`]); its gaps fill in as they come near the view.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use yew::prelude::*;

use crate::browser::{self, GapSeen, Landing};
use crate::components::column_header::ColumnHeader;
use crate::components::outline::Outline;
use crate::components::passage_view::{ExtraKind, ExtraSpan, MarkSpan, PassageView};
use crate::components::ribbon::Ribbon;
use crate::i18n::{fill, use_lang, Lang};
use crate::passage_window::{Edge, Piece, Shown};
use crate::reading::{self, reading_order};
use crate::search::SharedFound;
use crate::state::{AppState, NoteRef, SharedCorpus, SharedExtracts, SharedThemes};
use crate::themes::OccurrenceAt;
use yomikurabe_core::extract::citations::CitationKind;
use yomikurabe_core::extract::ExtractKind;
use yomikurabe_core::model::Document;

/// Props of [`Column`].
#[derive(Properties, PartialEq)]
pub struct ColumnProps {
    /// The corpus.
    pub corpus: SharedCorpus,
    /// The document shown.
    pub doc: AttrValue,
    /// Its column index.
    pub column: usize,
    /// How many columns are open.
    pub columns: usize,
    /// The marked passage, if it is in this document.
    pub focus: Option<String>,
    /// The open footnote popover, if it is in this document.
    pub open_note: Option<NoteRef>,
    /// Whether this is the column shown on narrow screens.
    pub active: bool,
    /// The column scrolled (by the reader or by the app).
    pub on_scroll: Callback<AttrValue>,
    /// Where actions go.
    pub dispatcher: UseReducerDispatcher<AppState>,
    /// The active themes.
    pub themes: SharedThemes,
    /// The current occurrence, when it is in this document: (theme id, where).
    pub current: Option<(String, OccurrenceAt)>,
    /// The passage of this document whose related passages are listed.
    pub related: Option<String>,
    /// The passage the column was last scrolled to (from the link), if any.
    #[prop_or_default]
    pub at: Option<String>,
    /// Sources, acronyms and dates (once computed).
    #[prop_or_default]
    pub extracts: Option<SharedExtracts>,
    /// The source whose mentions are picked out.
    #[prop_or_default]
    pub source: Option<AttrValue>,
    /// The search's results (their matches in this document are marked).
    #[prop_or_default]
    pub found: SharedFound,
}

/// A reader column.
#[component]
pub fn Column(props: &ColumnProps) -> Html {
    let lang = use_lang();
    let t = lang.t();
    let order = {
        let corpus = props.corpus.clone();
        use_memo(props.doc.clone(), move |d| {
            corpus.document(d).map(reading_order).unwrap_or_default()
        })
    };
    // The highlights of each passage, rebuilt only when the themes change.
    let marks = {
        let corpus = props.corpus.clone();
        use_memo((props.themes.clone(), props.doc.clone()), move |(themes, doc)| {
            let mut by_passage: HashMap<usize, Rc<[MarkSpan]>> = HashMap::new();
            let Some(d) = corpus.0.documents.iter().position(|x| x.id == doc.as_str()) else {
                return by_passage;
            };
            let ids: Vec<(AttrValue, AttrValue)> = themes
                .active
                .iter()
                .map(|t| {
                    (
                        AttrValue::from(t.info.id.clone()),
                        AttrValue::from(t.info.label_ja.clone()),
                    )
                })
                .collect();
            for ((_, p), spans) in themes.spans.range((d, 0)..(d + 1, 0)) {
                let list: Vec<MarkSpan> = spans
                    .iter()
                    .filter_map(|s| {
                        let (theme, label) = ids.get(s.theme)?.clone();
                        Some(MarkSpan {
                            theme,
                            label,
                            slot: s.theme,
                            range: s.range.clone(),
                        })
                    })
                    .collect();
                by_passage.insert(*p, Rc::from(list));
            }
            by_passage
        })
    };
    // Source mentions, acronyms and dates of each passage.
    let extracted = {
        let corpus = props.corpus.clone();
        let deps = (props.extracts.clone(), props.doc.clone(), props.source.clone(), lang);
        use_memo(deps, move |(extracts, doc, source, lang)| {
            Same(Rc::new(extra_spans(
                &corpus,
                extracts.as_ref(),
                doc,
                source.as_deref(),
                *lang,
            )))
        })
    };
    // The search's matches on top, remade per query without remaking the rest (a keystroke in
    // the search box re-renders only the passages whose matches changed).
    let extras = {
        let deps = ((*extracted).clone(), props.found.clone(), props.doc.clone());
        use_memo(deps, |(extracted, found, doc)| {
            let mut spans = (*extracted.0).clone();
            add_found(&mut spans, found, doc);
            spans
        })
    };
    let window = use_reducer_eq(Window::default);
    // Where each passage stands in the reading order (body, then notes), and the other way.
    let places = {
        let corpus = props.corpus.clone();
        use_memo((order.clone(), props.doc.clone()), move |(order, doc)| {
            Places::new(corpus.document(doc), &order.body, &order.notes)
        })
    };
    let total = places.seq.len();
    // The places the view must show are rendered in this very render (the reader lands the
    // column on them just after); the window's state catches up in an effect.
    let targets: Vec<usize> = [
        props.focus.as_deref(),
        props.at.as_deref(),
        props.current.as_ref().map(|(_, at)| at.passage.as_str()),
        props.open_note.as_ref().map(|n| n.passage.as_str()),
        props.related.as_deref(),
    ]
    .into_iter()
    .flatten()
    .filter_map(|id| places.of(id))
    .collect();
    let mut shown = if window.shown.total() == total && total > 0 {
        window.shown.clone()
    } else {
        Shown::start(total)
    };
    for &t in &targets {
        shown.reveal(t);
    }
    {
        let d = window.dispatcher();
        use_effect_with((targets, total), move |(targets, total)| {
            d.dispatch(WindowAction::Reveal(*total, targets.clone()));
        });
    }
    // A heading chosen in the contents, or a passage aligned mode brings up, that is not
    // rendered yet: render it, then land on it.
    {
        let d = window.dispatcher();
        let places = places.clone();
        use_effect_with((props.doc.clone(), places), move |(doc, places)| {
            let places = places.clone();
            let doc = doc.to_string();
            let reveal = Callback::from(move |(id, landing): (String, Landing)| {
                if let Some(at) = places.of(&id) {
                    d.dispatch(WindowAction::RevealAndScroll(at, id, landing));
                }
            });
            REVEAL.with(|r| r.borrow_mut().insert(doc.clone(), reveal));
            move || {
                REVEAL.with(|r| r.borrow_mut().remove(&doc));
            }
        });
    }
    // After each render: land where asked, keep the view still where passages were added
    // above it, and watch the gaps that are left.
    let section = use_node_ref();
    let watch: Rc<RefCell<Option<browser::GapWatch>>> = use_mut_ref(|| None);
    {
        let (d, doc, section, places) = (window.dispatcher(), props.doc.clone(), section.clone(), places.clone());
        let corpus = props.corpus.clone();
        let (scroll, keep, whole) = (window.scroll.clone(), window.keep.clone(), shown.is_whole());
        use_effect(move || {
            if let Some((id, offset)) = &keep {
                browser::keep_passage_at(&doc, id, *offset);
            }
            if let Some((id, landing)) = &scroll {
                browser::scroll_to_passage(&doc, id, *landing);
            }
            if keep.is_some() || scroll.is_some() {
                d.dispatch(WindowAction::Settled);
            }
            let mut w = watch.borrow_mut();
            *w = None;
            if !whole {
                if let Some(el) = section.cast::<web_sys::Element>() {
                    *w = browser::watch_gaps(&el, move |seen: GapSeen| {
                        d.dispatch(grow(&corpus, &doc, &places, seen));
                    });
                }
            }
        });
    }
    // Printing prints the whole document.
    {
        let d = window.dispatcher();
        use_effect_with((), move |_| {
            let listener = web_sys::window()
                .map(|w| gloo::events::EventListener::new(&w, "beforeprint", move |_| d.dispatch(WindowAction::Whole)));
            move || drop(listener)
        });
    }
    let Some(doc) = props.corpus.document(&props.doc) else {
        return html! {};
    };
    let on_scroll = {
        let doc = props.doc.clone();
        props.on_scroll.reform(move |_: Event| doc.clone())
    };
    let passage = |i: usize| {
        let Some(p) = doc.passages.get(i) else {
            return html! {};
        };
        let open_note = props
            .open_note
            .as_ref()
            .filter(|n| n.passage == p.id)
            .and_then(|n| n.index_in(p));
        let current = props
            .current
            .as_ref()
            .filter(|(_, at)| at.passage == p.id)
            .map(|(theme, at)| (AttrValue::from(theme.clone()), at.start));
        html! {
            <PassageView
                key={p.id.clone()}
                corpus={props.corpus.clone()}
                doc={props.doc.clone()}
                index={i}
                focused={props.focus.as_deref() == Some(p.id.as_str())}
                {open_note}
                dispatcher={props.dispatcher.clone()}
                marks={marks.get(&i).cloned()}
                extras={extras.get(&i).cloned()}
                {current}
                related_open={props.related.as_deref() == Some(p.id.as_str())}
                {lang}
            />
        }
    };
    // Runs and gaps, every item keyed (the passages by id), so that a run growing moves no node.
    let mut items: Vec<Html> = Vec::new();
    for piece in shown.pieces() {
        match piece {
            Piece::Run(run) => {
                for at in run {
                    if at == order.body.len() {
                        items.push(html! { <h3 key="notes-heading" class="notes-heading">{ t.notes_heading }</h3> });
                    }
                    if let Some(&i) = places.seq.get(at) {
                        items.push(passage(i));
                    }
                }
            }
            Piece::Gap(gap) => {
                let d = window.dispatcher();
                let start = gap.start;
                let onclick =
                    Callback::from(move |_: MouseEvent| d.dispatch(WindowAction::Grow(start, Edge::Above, None)));
                items.push(html! {
                    <div
                        key={format!("gap-{}", gap.start)}
                        class="passage-gap"
                        data-testid="passage-gap"
                        data-gap-start={gap.start.to_string()}
                        data-gap-end={gap.end.to_string()}
                    >
                        <button type="button" class="quiet" {onclick}>
                            { fill(t.passage_gap, &[&gap.len(), &crate::i18n::s(gap.len())]) }
                        </button>
                    </div>
                });
            }
        }
    }
    let title_id = format!("column-title-{}", props.doc);
    html! {
        <div class={classes!("column-slot", props.active.then_some("active"))}>
        <section
            data-testid="column"
            data-doc={props.doc.clone()}
            class={classes!("column", props.active.then_some("active"))}
            aria-labelledby={title_id}
            onscroll={on_scroll}
            ref={section}
        >
            <ColumnHeader
                corpus={props.corpus.clone()}
                doc={props.doc.clone()}
                column={props.column}
                columns={props.columns}
                dispatcher={props.dispatcher.clone()}
            />
            <Outline corpus={props.corpus.clone()} doc={props.doc.clone()} />
            <div class="passages">
                if doc.passages.is_empty() {
                    <p class="empty">{ t.no_readable_text }</p>
                }
                { for items }
            </div>
            <p class="column-end" lang="ja">{ format!("— {} —", reading::title(doc, lang)) }</p>
        </section>
        <Ribbon
            corpus={props.corpus.clone()}
            doc={props.doc.clone()}
            themes={props.themes.clone()}
            dispatcher={props.dispatcher.clone()}
        />
        </div>
    }
}

thread_local! {
    /// How to render and land on a passage of each open column that is not rendered yet.
    static REVEAL: RefCell<HashMap<String, Callback<(String, Landing)>>> = RefCell::new(HashMap::new());
}

/// Scroll `doc`'s column to `passage`, rendering it first if the column has not yet (a long
/// document). `true` when it was on the page and the column has been scrolled already.
pub fn reveal_passage(doc: &str, passage: &str, landing: Landing) -> bool {
    if browser::scroll_to_passage(doc, passage, landing) {
        return true;
    }
    if let Some(reveal) = REVEAL.with(|r| r.borrow().get(doc).cloned()) {
        reveal.emit((passage.to_string(), landing));
    }
    false
}

/// Where a column's passages stand in its reading order.
#[derive(Debug, PartialEq)]
struct Places {
    /// Passage index at each position: the body, then the notes.
    seq: Vec<usize>,
    /// Position of each passage id.
    by_id: HashMap<String, usize>,
}

impl Places {
    fn new(doc: Option<&Document>, body: &[usize], notes: &[usize]) -> Places {
        let seq: Vec<usize> = body.iter().chain(notes).copied().collect();
        let by_id = doc.map_or_else(HashMap::new, |d| {
            seq.iter()
                .enumerate()
                .filter_map(|(at, &i)| Some((d.passages.get(i)?.id.clone(), at)))
                .collect()
        });
        Places { seq, by_id }
    }

    /// The id of the passage at position `at`.
    fn id_at<'a>(&self, doc: &'a Document, at: usize) -> Option<&'a str> {
        Some(doc.passages.get(*self.seq.get(at)?)?.id.as_str())
    }

    fn of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }
}

/// What a column has rendered of its document, and what it must do once it has.
#[derive(Debug, Clone, PartialEq, Default)]
struct Window {
    shown: Shown,
    /// After the next render: land on this passage.
    scroll: Option<(String, Landing)>,
    /// After the next render: keep this passage this far below the view's top (passages were
    /// added above it).
    keep: Option<(String, i32)>,
}

enum WindowAction {
    /// The places the view must show (for a column of this many passages).
    Reveal(usize, Vec<usize>),
    /// Grow beside the gap starting there; keep the view still on that passage.
    Grow(usize, Edge, Option<(String, i32)>),
    /// Render this place, then land on its passage.
    RevealAndScroll(usize, String, Landing),
    /// Render everything (printing).
    Whole,
    /// The landing asked for is done.
    Settled,
}

impl Reducible for Window {
    type Action = WindowAction;

    fn reduce(self: Rc<Self>, action: WindowAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            WindowAction::Reveal(total, targets) => {
                if next.shown.total() != total || total == 0 {
                    next.shown = Shown::start(total);
                }
                for t in targets {
                    next.shown.reveal(t);
                }
            }
            WindowAction::Grow(gap, edge, keep) => {
                if next.shown.grow(gap, edge) {
                    next.keep = keep;
                }
            }
            WindowAction::RevealAndScroll(at, id, landing) => {
                next.shown.reveal(at);
                next.scroll = Some((id, landing));
            }
            WindowAction::Whole => next.shown.whole(),
            WindowAction::Settled => {
                next.scroll = None;
                next.keep = None;
            }
        }
        Rc::new(next)
    }
}

/// The growth a gap coming near the view asks for: the run above it grows down when the reader
/// comes down to it; the run below grows up when they come up to it, keeping the view on the
/// passage at the top of that run.
fn grow(corpus: &SharedCorpus, doc: &str, places: &Places, seen: GapSeen) -> WindowAction {
    if seen.coming_down {
        return WindowAction::Grow(seen.start, Edge::Above, None);
    }
    let keep = corpus
        .document(doc)
        .and_then(|d| places.id_at(d, seen.end))
        .and_then(|id| Some((id.to_string(), browser::passage_offset(doc, id)?)));
    WindowAction::Grow(seen.start, Edge::Below, keep)
}

/// A shared value compared by identity (a memo's output used as another memo's input).
#[derive(Debug)]
struct Same<T>(Rc<T>);

impl<T> Clone for Same<T> {
    fn clone(&self) -> Self {
        Same(self.0.clone())
    }
}

impl<T> PartialEq for Same<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The search's matches in `doc`'s passages, added to what the passages mark.
fn add_found(spans: &mut HashMap<usize, Rc<[ExtraSpan]>>, found: &SharedFound, doc: &str) {
    let Some(f) = &found.0 else { return };
    for (p, ranges) in f.ranges_of(doc) {
        let mut list: Vec<ExtraSpan> = spans.get(&p).map(|s| s.to_vec()).unwrap_or_default();
        list.extend(ranges.into_iter().map(|range| ExtraSpan {
            kind: ExtraKind::Found,
            range,
        }));
        spans.insert(p, Rc::from(list));
    }
}

/// The extracted spans of every passage of `doc`, as the passages show them.
fn extra_spans(
    corpus: &SharedCorpus,
    extracts: Option<&SharedExtracts>,
    doc: &str,
    source: Option<&str>,
    lang: Lang,
) -> HashMap<usize, Rc<[ExtraSpan]>> {
    let mut out = HashMap::new();
    let (Some(x), Some(d)) = (extracts, corpus.0.documents.iter().position(|x| x.id == doc)) else {
        return out;
    };
    let documents = corpus.0.documents.len();
    let passages = corpus.0.documents.get(d).map_or(0, |d| d.passages.len());
    // Tooltips are made once per source or acronym, not once per mention.
    let mut sources: HashMap<usize, (AttrValue, AttrValue, bool)> = HashMap::new();
    let mut acronyms: HashMap<usize, (AttrValue, AttrValue, bool)> = HashMap::new();
    for p in 0..passages {
        let spans = x.spans(d, p);
        if spans.is_empty() {
            continue;
        }
        let text = corpus
            .0
            .documents
            .get(d)
            .and_then(|d| d.passages.get(p))
            .map_or("", |p| p.text.as_str());
        let mut focusable_seen: Vec<usize> = Vec::new();
        let list: Vec<ExtraSpan> = spans
            .iter()
            .filter_map(|s| {
                let kind = match s.kind {
                    ExtractKind::Source(i) => {
                        let (id, title, shared) = sources
                            .entry(i)
                            .or_insert_with(|| {
                                let c = x.citations.get(i);
                                let n = c.map_or(0, |c| c.documents().len());
                                let title = c.map_or_else(String::new, |c| {
                                    crate::i18n::source_title(lang, c.kind, &c.label, n, documents)
                                });
                                let id = c.map(|c| c.id.clone()).unwrap_or_default();
                                (AttrValue::from(id), AttrValue::from(title), n >= 2)
                            })
                            .clone();
                        let selected = source == Some(id.as_str());
                        let is_web = x.citations.get(i).is_some_and(|c| c.kind == CitationKind::WebPage);
                        let href = is_web
                            .then(|| text.get(s.range.clone()).and_then(reading::href))
                            .flatten()
                            .map(AttrValue::from);
                        ExtraKind::Source {
                            id,
                            title,
                            shared,
                            selected,
                            href,
                        }
                    }
                    ExtractKind::Acronym(i) => {
                        let (short, gloss, defined) = acronyms
                            .entry(i)
                            .or_insert_with(|| {
                                let a = x.acronym(i);
                                let defined = a.is_some_and(|a| a.is_defined() && !a.expansions.is_empty());
                                let gloss = if defined {
                                    x.expansion(i)
                                } else {
                                    lang.t().no_definition.to_string()
                                };
                                let short = a.map(|a| a.short.clone()).unwrap_or_default();
                                (AttrValue::from(short), AttrValue::from(gloss), defined)
                            })
                            .clone();
                        let focusable = !focusable_seen.contains(&i);
                        focusable_seen.push(i);
                        ExtraKind::Acronym {
                            short,
                            gloss,
                            defined,
                            focusable,
                        }
                    }
                    ExtractKind::Date(i) => ExtraKind::Date {
                        iso: x.dates.get(i)?.iso.clone().map(AttrValue::from),
                    },
                };
                Some(ExtraSpan {
                    kind,
                    range: s.range.clone(),
                })
            })
            .collect();
        out.insert(p, Rc::from(list));
    }
    out
}
