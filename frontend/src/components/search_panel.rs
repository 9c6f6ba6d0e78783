//! The search's results: hits by document (ranked, each with its sentence, the matches
//! marked; choosing one opens its passage in a column), the keyword-in-context concordance
//! (width, order, one document, copy and export with a link to each passage) and the
//! collocates (window; any one made a theme in one click). In the reader it is the side panel
//! `p=search` with next/previous through the hits of the open columns; in the library it
//! stands above the cards.

use std::ops::Range;
use std::rc::Rc;

use yew::prelude::*;
use yomikurabe_core::anchor::link_quote;
use yomikurabe_core::model::{Document, Passage};
use yomikurabe_core::search::{collocates, kwic, kwic_table, sort_kwic, Delimited, KwicLine, KwicSort, Query};

use crate::components::notes_panel::panel_head;
use crate::components::search_box::SearchBox;
use crate::components::AppContext;
use crate::i18n::{fill, s, use_lang, Lang};
use crate::search::{Found, SharedFound, COLLOCATES_SHOWN, HITS_SHOWN, KWIC_SHOWN};
use crate::state::{Action, LayoutAction, Move, Panel, SearchMove, ThemeMove};
use crate::view_state::search::{COLLOCATE_WINDOW, KWIC_WIDTH};
use crate::view_state::{KwicOrder, SearchTab, ViewState};
use crate::{browser, files, reading};

/// Props of [`SearchPanel`].
#[derive(Properties, PartialEq)]
pub struct SearchPanelProps {
    /// Next (`true`) or previous hit in the open columns (the reader only).
    #[prop_or_default]
    pub on_step: Option<Callback<bool>>,
}

/// The panel.
#[component]
pub fn SearchPanel(props: &SearchPanelProps) -> Html {
    let Some(state) = use_context::<AppContext>() else {
        return html! {};
    };
    let found = use_context::<SharedFound>().unwrap_or_default();
    let lang = use_lang();
    let t = lang.t();
    let search = state.view.search.clone();
    let in_reader = !state.view.is_library();
    let dispatcher = state.dispatcher();
    let expanded = use_state(Vec::<usize>::new);
    let copied = use_state(|| None::<String>);

    // The concordance and the collocates, made only when shown.
    let lines = {
        let deps = (
            found.clone(),
            search.width,
            search.order,
            search.only.clone(),
            search.tab,
        );
        use_memo(deps, |(found, width, order, only, tab)| {
            let (Some(f), SearchTab::Kwic) = (&found.0, tab) else {
                return Vec::new();
            };
            let only = only.as_deref().and_then(|d| f.document_index(d));
            let mut lines: Vec<KwicLine> = kwic(&f.corpus, &f.results, *width)
                .into_iter()
                .filter(|l| only.is_none_or(|d| l.document == d))
                .collect();
            sort_kwic(&mut lines, kwic_sort(*order));
            lines
        })
    };
    let collocated = {
        let deps = (found.clone(), search.window, search.tab);
        use_memo(deps, |(found, window, tab)| match (&found.0, tab) {
            (Some(f), SearchTab::Collocates) => collocates(&f.corpus, &f.results, *window, COLLOCATES_SHOWN),
            _ => Vec::new(),
        })
    };

    let on_close = {
        let d = dispatcher.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::Layout(LayoutAction::ClosePanel)))
    };
    let tab_button = |tab: SearchTab, label: &'static str| {
        let d = dispatcher.clone();
        let on = search.tab == tab;
        html! {
            <button type="button" role="tab" aria-selected={if on { "true" } else { "false" }}
                class={classes!("search-tab", on.then_some("on"))} data-testid="search-tab" data-tab={tab.key()}
                onclick={Callback::from(move |_: MouseEvent| d.dispatch(Action::Search(SearchMove::Tab(tab))))}>
                { label }
            </button>
        }
    };

    let body = match &found.0 {
        None => {
            html! { <p class="hint">{ t.search_hint }</p> }
        }
        Some(f) if f.results.is_empty() => html! {
            <p class="empty" data-testid="search-none">{ fill(t.search_none, &[&crate::i18n::quoted(lang, &f.query)]) }</p>
        },
        Some(f) => match search.tab {
            SearchTab::Hits => hits(f, &state, &expanded, lang),
            SearchTab::Kwic => concordance(f, &state, &lines, &copied, lang),
            SearchTab::Collocates => collocate_list(&state, &collocated, in_reader, lang),
        },
    };
    let summary = found.0.as_ref().map(|f| {
        let r = &f.results;
        let docs = r.documents().len();
        fill(
            t.search_summary,
            &[&r.total(), &s(r.total()), &docs, &s(docs), &r.occurrences()],
        )
    });
    let stepper = match (&props.on_step, &found.0) {
        (Some(step), Some(f)) if in_reader => {
            let steps = f.steps(&state.view.docs);
            let at = state
                .view
                .focus
                .as_ref()
                .and_then(|p| steps.iter().position(|(d, x)| *d == p.doc && *x == p.passage));
            let (prev, next) = (step.reform(|_: MouseEvent| false), step.reform(|_: MouseEvent| true));
            html! {
                <div class="search-steps" data-testid="search-steps">
                    <button type="button" data-testid="search-prev" disabled={steps.is_empty()} onclick={prev} title={t.search_prev}>{"↑"}</button>
                    <span data-testid="search-step-count" data-at={at.map(|i| (i + 1).to_string())} data-count={steps.len().to_string()}>{ match at {
                        Some(i) => fill(t.search_step_at, &[&(i + 1), &steps.len()]),
                        None => fill(t.search_step_count, &[&steps.len()]),
                    } }</span>
                    <button type="button" data-testid="search-next" disabled={steps.is_empty()} onclick={next} title={t.search_next}>{"↓"}</button>
                </div>
            }
        }
        _ => html! {},
    };
    let save = (in_reader && found.0.as_ref().is_some_and(|f| !f.results.is_empty())).then(|| {
        let d = dispatcher.clone();
        let words: Vec<String> = Query::parse(&search.query).terms().iter().map(|t| t.text.clone()).collect();
        let onclick = Callback::from(move |_: MouseEvent| {
            d.dispatch(Action::Theme(ThemeMove::AddUserTheme(words.join(", "))))
        });
        html! { <button type="button" data-testid="search-save-theme" {onclick} title={t.search_save_theme_title}>{ t.search_save_theme }</button> }
    });
    let head = if in_reader {
        panel_head(Panel::Search, lang, on_close, &dispatcher)
    } else {
        html! { <header class="panel-head"><h2 id="search-panel-title">{ t.panel_search }</h2></header> }
    };
    html! {
        <aside id={in_reader.then_some("side-panel")} data-testid="search-panel"
            class={classes!("search-panel", in_reader.then_some("side-panel"))} aria-labelledby="search-panel-title">
            { head }
            if in_reader {
                <SearchBox in_panel=true on_step={props.on_step.clone()} />
            }
            <section class="panel-section" data-testid="search-results"
                data-query={found.0.as_ref().map(|f| f.query.clone()).unwrap_or_default()}
                data-total={found.0.as_ref().map_or(0, |f| f.results.total()).to_string()}>
                if let Some(s) = summary {
                    <p class="search-summary" data-testid="search-summary" role="status"
                        data-documents={found.0.as_ref().map_or(0, |f| f.results.documents().len()).to_string()}
                        data-matches={found.0.as_ref().map_or(0, |f| f.results.occurrences()).to_string()}>{ s }</p>
                }
                { stepper }
                <div class="search-tabs" role="tablist">
                    { tab_button(SearchTab::Hits, t.search_tab_hits) }
                    { tab_button(SearchTab::Kwic, t.search_tab_kwic) }
                    { tab_button(SearchTab::Collocates, t.search_tab_coll) }
                    { for save }
                </div>
                { body }
            </section>
        </aside>
    }
}

fn kwic_sort(order: KwicOrder) -> KwicSort {
    match order {
        KwicOrder::Document => KwicSort::Document,
        KwicOrder::Left => KwicSort::Left,
        KwicOrder::Right => KwicSort::Right,
    }
}

/// The link to a passage with this search (what a concordance line or hit points to).
fn passage_link(state: &AppContext, doc: &Document, passage: &Passage) -> String {
    let mut v =
        ViewState::reader(&[&doc.id])
            .in_lang(state.view.lang)
            .with_focus(&doc.id, &passage.id, &link_quote(passage));
    v.search = state.view.search.clone();
    state.link(&v.to_fragment())
}

/// Open a passage in a column (a hit or a concordance line chosen).
fn open_passage(state: &AppContext, doc: String, passage: String) -> Callback<MouseEvent> {
    let d = state.dispatcher();
    Callback::from(move |_: MouseEvent| {
        d.dispatch(Action::Move(Move::OpenPassage {
            doc: doc.clone(),
            passage: passage.clone(),
        }))
    })
}

/// Hits by document, ranked; each document's first few, and all on request.
fn hits(f: &Rc<Found>, state: &AppContext, expanded: &UseStateHandle<Vec<usize>>, lang: Lang) -> Html {
    let t = lang.t();
    let open = |doc: String, passage: String| open_passage(state, doc, passage);
    html! {
        <ol class="search-docs">
            { for f.results.documents().iter().map(|group| {
                let Some(doc) = f.corpus.documents.get(group.document) else { return html! {} };
                let all = f.results.hits_of(group);
                let whole = expanded.contains(&group.document);
                let shown = if whole { all } else { &all[..all.len().min(HITS_SHOWN)] };
                let more = {
                    let expanded = expanded.clone();
                    let g = group.document;
                    Callback::from(move |_: MouseEvent| {
                        let mut v = (*expanded).clone();
                        v.push(g);
                        expanded.set(v);
                    })
                };
                html! {
                    <li key={doc.id.clone()} class="search-doc" data-testid="search-doc" data-doc={doc.id.clone()}>
                        <h3>
                            <span lang="ja">{ reading::title(doc, lang).to_string() }</span>
                            <span class="count">{ fill(t.search_doc_count, &[&group.passages, &s(group.passages),
                                &group.occurrences, &if group.occurrences == 1 { "" } else { "es" }]) }</span>
                        </h3>
                        <ol class="search-hits">
                            { for shown.iter().filter_map(|h| {
                                let p = doc.passages.get(h.passage)?;
                                Some(html! {
                                    <li key={p.id.clone()}>
                                        <button type="button" class="search-hit" data-testid="search-hit"
                                            data-doc={doc.id.clone()} data-passage={p.id.clone()}
                                            onclick={open(doc.id.clone(), p.id.clone())} lang="ja">
                                            { marked(&p.text, h.sentence.clone(), &h.ranges) }
                                        </button>
                                    </li>
                                })
                            }) }
                        </ol>
                        if shown.len() < all.len() {
                            <button type="button" class="quiet" data-testid="search-more" onclick={more}>
                                { fill(t.search_more, &[&all.len()]) }
                            </button>
                        }
                    </li>
                }
            }) }
        </ol>
    }
}

/// Most characters of a hit's sentence shown.
const SENTENCE_CHARS: usize = 160;

/// `text[sentence]` with the `ranges` inside it marked; a long sentence is cut around its first
/// match.
fn marked(text: &str, sentence: Range<usize>, ranges: &[Range<usize>]) -> Html {
    let sentence = sentence.start.min(text.len())..sentence.end.min(text.len());
    let mut start = sentence.start;
    let mut end = sentence.end;
    if text
        .get(sentence.clone())
        .is_some_and(|s| s.chars().count() > SENTENCE_CHARS)
    {
        let first = ranges
            .iter()
            .find(|r| r.start >= sentence.start)
            .map_or(start, |r| r.start);
        start = back(text, first, 40).max(sentence.start);
        end = forward(text, start, SENTENCE_CHARS).min(sentence.end);
    }
    let mut out: Vec<Html> = Vec::new();
    if start > sentence.start {
        out.push(html! { {"…"} });
    }
    let mut at = start;
    for r in ranges {
        if r.start < at || r.end > end {
            continue;
        }
        if let Some(t) = text.get(at..r.start) {
            out.push(html! { { t.to_string() } });
        }
        if let Some(t) = text.get(r.clone()) {
            out.push(html! { <mark class="found">{ t.to_string() }</mark> });
        }
        at = r.end;
    }
    if let Some(t) = text.get(at..end) {
        out.push(html! { { t.to_string() } });
    }
    if end < sentence.end {
        out.push(html! { {"…"} });
    }
    out.into_iter().collect()
}

/// The byte offset `n` characters before `at` (a char boundary).
fn back(text: &str, at: usize, n: usize) -> usize {
    text[..at.min(text.len())]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i)
}

/// The byte offset `n` characters after `at`.
fn forward(text: &str, at: usize, n: usize) -> usize {
    text[at.min(text.len())..]
        .char_indices()
        .nth(n)
        .map_or(text.len(), |(i, _)| at + i)
}

/// A number field's change as a search move (what is not a number is left alone).
fn on_number(state: &AppContext, m: fn(usize) -> SearchMove) -> Callback<Event> {
    let d = state.dispatcher();
    Callback::from(move |e: Event| {
        if let Some(el) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
            if let Ok(n) = el.value().trim().parse::<usize>() {
                d.dispatch(Action::Search(m(n)));
            }
        }
    })
}

/// The concordance: its settings, exports and lines.
fn concordance(
    f: &Rc<Found>,
    state: &AppContext,
    lines: &Rc<Vec<KwicLine>>,
    copied: &UseStateHandle<Option<String>>,
    lang: Lang,
) -> Html {
    let t = lang.t();
    let search = &state.view.search;
    let on_width = on_number(state, SearchMove::Width);
    let d = state.dispatcher();
    let on_order = Callback::from(move |e: Event| {
        if let Some(el) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
            if let Some(o) = KwicOrder::ALL.into_iter().find(|o| o.key() == el.value()) {
                d.dispatch(Action::Search(SearchMove::Order(o)));
            }
        }
    });
    let d = state.dispatcher();
    let on_only = Callback::from(move |e: Event| {
        if let Some(el) = e.target_dyn_into::<web_sys::HtmlSelectElement>() {
            let v = el.value();
            d.dispatch(Action::Search(SearchMove::Only((!v.is_empty()).then_some(v))));
        }
    });
    let table = {
        let (f, lines, state) = (f.clone(), lines.clone(), state.clone());
        move |format: Delimited| {
            let link = |d: &Document, p: &Passage| passage_link(&state, d, p);
            kwic_table(&f.corpus, &lines, format, Some(&link))
        }
    };
    let name = format!("kwic-{}", file_safe(&search.query));
    let on_copy = {
        let (table, copied) = (table.clone(), copied.clone());
        let n = lines.len();
        Callback::from(move |_: MouseEvent| {
            let text = table(Delimited::Tsv);
            let copied = copied.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let ok = browser::write_clipboard(&text).await;
                copied.set(Some(if ok {
                    fill(t.kwic_copied, &[&n])
                } else {
                    t.kwic_copy_refused.to_string()
                }));
            });
        })
    };
    let download = |format: Delimited, ext: &'static str, mime: &'static str| {
        let (table, copied, name) = (table.clone(), copied.clone(), name.clone());
        Callback::from(move |_: MouseEvent| {
            // A byte-order mark, so that spreadsheets read the Japanese as UTF-8.
            let text = format!("\u{feff}{}", table(format));
            if let Err(e) = files::download(&format!("{name}.{ext}"), &text, mime) {
                copied.set(Some(e.text(lang)));
            }
        })
    };
    let open = |doc: String, passage: String| open_passage(state, doc, passage);
    let documents: Vec<&Document> = f
        .results
        .documents()
        .iter()
        .filter_map(|g| f.corpus.documents.get(g.document))
        .collect();
    html! {
        <div class="kwic" data-testid="kwic">
            <div class="kwic-controls">
                <label>{ t.kwic_context }{" "}
                    <input type="number" data-testid="kwic-width" min={KWIC_WIDTH.1.to_string()} max={KWIC_WIDTH.2.to_string()}
                        value={search.width.to_string()} onchange={on_width} />
                    {" "}{ t.kwic_characters }</label>
                <label>{ t.kwic_sort }{" "}
                    <select data-testid="kwic-order" onchange={on_order}>
                        { for KwicOrder::ALL.into_iter().map(|o| html! {
                            <option value={o.key()} selected={o == search.order}>{ match o {
                                KwicOrder::Document => t.kwic_by_document,
                                KwicOrder::Left => t.kwic_by_left,
                                KwicOrder::Right => t.kwic_by_right,
                            } }</option>
                        }) }
                    </select></label>
                <label>{ t.kwic_document }{" "}
                    <select data-testid="kwic-doc" onchange={on_only}>
                        <option value="" selected={search.only.is_none()}>{ t.kwic_all }</option>
                        { for documents.iter().map(|d| html! {
                            <option value={d.id.clone()} selected={search.only.as_deref() == Some(d.id.as_str())} lang="ja">
                                { reading::title(d, lang).to_string() }</option>
                        }) }
                    </select></label>
            </div>
            <div class="kwic-export">
                <button type="button" data-testid="kwic-copy" onclick={on_copy}>{ t.kwic_copy }</button>
                <button type="button" data-testid="kwic-csv" onclick={download(Delimited::Csv, "csv", "text/csv;charset=utf-8")}>{ t.kwic_csv }</button>
                <button type="button" data-testid="kwic-tsv" onclick={download(Delimited::Tsv, "tsv", "text/tab-separated-values;charset=utf-8")}>{ t.kwic_tsv }</button>
                if let Some(m) = (**copied).clone() {
                    <span class="hint" role="status" data-testid="kwic-status">{ m }</span>
                }
            </div>
            if lines.len() > KWIC_SHOWN {
                <p class="hint">{ fill(t.kwic_first, &[&KWIC_SHOWN, &lines.len()]) }</p>
            }
            <table class="kwic-lines">
                <tbody>
                    { for lines.iter().take(KWIC_SHOWN).filter_map(|l| {
                        let doc = f.corpus.documents.get(l.document)?;
                        let p = doc.passages.get(l.passage)?;
                        Some(html! {
                            <tr data-testid="kwic-line" data-doc={doc.id.clone()} data-passage={p.id.clone()}
                                onclick={open(doc.id.clone(), p.id.clone())} title={reading::title(doc, lang).to_string()}>
                                <td class="kwic-left" lang="ja"><span>{ l.left.clone() }</span></td>
                                <td class="kwic-key" lang="ja">
                                    <button type="button" class="quiet" data-testid="kwic-open">{ l.keyword.clone() }</button>
                                </td>
                                <td class="kwic-right" lang="ja">{ l.right.clone() }</td>
                            </tr>
                        })
                    }) }
                </tbody>
            </table>
        </div>
    }
}

/// The query as a file name: letters and digits of any script, the rest as `-`.
fn file_safe(q: &str) -> String {
    let s: String = q
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .take(40)
        .collect();
    let s = s.trim_matches('-').to_string();
    if s.is_empty() {
        "search".to_string()
    } else {
        s
    }
}

/// The collocates, each with its count and (in the reader) a button making it a theme.
fn collocate_list(
    state: &AppContext,
    list: &Rc<Vec<yomikurabe_core::search::Collocate>>,
    in_reader: bool,
    lang: Lang,
) -> Html {
    let t = lang.t();
    let search = &state.view.search;
    let on_window = on_number(state, SearchMove::Window);
    html! {
        <div class="collocates" data-testid="collocates">
            <label>{ t.coll_within }{" "}
                <input type="number" data-testid="coll-window" min={COLLOCATE_WINDOW.1.to_string()} max={COLLOCATE_WINDOW.2.to_string()}
                    value={search.window.to_string()} onchange={on_window} />
                {" "}{ t.coll_of_match }</label>
            if list.is_empty() {
                <p class="empty">{ t.coll_none }</p>
            }
            <ol class="collocate-list">
                { for list.iter().map(|c| {
                    let d = state.dispatcher();
                    let term = c.term.clone();
                    let onclick = Callback::from(move |_: MouseEvent| d.dispatch(Action::Theme(ThemeMove::AddUserTheme(term.clone()))));
                    html! {
                        <li data-testid="collocate" data-term={c.term.clone()}>
                            <span class="term" lang="ja">{ c.term.clone() }</span>
                            <span class="count">{ c.count }</span>
                            if in_reader {
                                <button type="button" class="quiet" data-testid="collocate-theme" {onclick}
                                    title={fill(t.coll_theme_title, &[&crate::i18n::quoted(lang, &c.term)])}>{ t.coll_theme }</button>
                            }
                        </li>
                    }
                }) }
            </ol>
        </div>
    }
}
