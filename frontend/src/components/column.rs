//! One open document: a column that scrolls on its own, with its header, outline, passages
//! (body in reading order, with their theme highlights) and notes, and the themes' ribbon beside it.

use std::collections::HashMap;
use std::rc::Rc;

use yew::prelude::*;

use crate::components::column_header::ColumnHeader;
use crate::components::outline::Outline;
use crate::components::passage_view::{ExtraKind, ExtraSpan, MarkSpan, PassageView};
use crate::components::ribbon::Ribbon;
use crate::i18n::{use_lang, Lang};
use crate::reading::{self, reading_order};
use crate::state::{AppState, NoteRef, SharedCorpus, SharedExtracts, SharedThemes};
use crate::themes::OccurrenceAt;
use yomikurabe_core::extract::citations::CitationKind;
use yomikurabe_core::extract::ExtractKind;

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
    /// Sources, acronyms and dates (once computed).
    #[prop_or_default]
    pub extracts: Option<SharedExtracts>,
    /// The source whose mentions are picked out.
    #[prop_or_default]
    pub source: Option<AttrValue>,
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
    let extras = {
        let corpus = props.corpus.clone();
        let deps = (props.extracts.clone(), props.doc.clone(), props.source.clone(), lang);
        use_memo(deps, move |(extracts, doc, source, lang)| {
            extra_spans(&corpus, extracts.as_ref(), doc, source.as_deref(), *lang)
        })
    };
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
    let title_id = format!("column-title-{}", props.doc);
    html! {
        <div class={classes!("column-slot", props.active.then_some("active"))}>
        <section
            data-testid="column"
            data-doc={props.doc.clone()}
            class={classes!("column", props.active.then_some("active"))}
            aria-labelledby={title_id}
            onscroll={on_scroll}
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
                { for order.body.iter().map(|&i| passage(i)) }
                if !order.notes.is_empty() {
                    <h3 class="notes-heading">{ t.notes_heading }</h3>
                    { for order.notes.iter().map(|&i| passage(i)) }
                }
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
