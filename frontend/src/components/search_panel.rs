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
use crate::components::AppContext;
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
    let tab_button = |tab: SearchTab, label: &str| {
        let d = dispatcher.clone();
        let on = search.tab == tab;
        html! {
            <button type="button" role="tab" aria-selected={if on { "true" } else { "false" }}
                class={classes!("search-tab", on.then_some("on"))} data-testid="search-tab" data-tab={tab.key()}
                onclick={Callback::from(move |_: MouseEvent| d.dispatch(Action::Search(SearchMove::Tab(tab))))}>
                { label.to_string() }
            </button>
        }
    };

    let body = match &found.0 {
        None => {
            html! { <p class="hint">{"Type in the search box to find every place a word occurs in every document."}</p> }
        }
        Some(f) if f.results.is_empty() => html! {
            <p class="empty" data-testid="search-none">{ format!("Nothing matches {} in these documents.", quoted(&f.query)) }</p>
        },
        Some(f) => match search.tab {
            SearchTab::Hits => hits(f, &state, &expanded),
            SearchTab::Kwic => concordance(f, &state, &lines, &copied),
            SearchTab::Collocates => collocate_list(&state, &collocated, in_reader),
        },
    };
    let summary = found.0.as_ref().map(|f| {
        let r = &f.results;
        format!(
            "{} passage{} in {} document{} ({} match{})",
            r.total(),
            if r.total() == 1 { "" } else { "s" },
            r.documents().len(),
            if r.documents().len() == 1 { "" } else { "s" },
            r.occurrences(),
            if r.occurrences() == 1 { "" } else { "es" },
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
                    <button type="button" data-testid="search-prev" disabled={steps.is_empty()} onclick={prev} title="Previous hit in the open columns (Shift+Enter)">{"↑"}</button>
                    <span data-testid="search-step-count">{ match at {
                        Some(i) => format!("{} of {} in the open columns", i + 1, steps.len()),
                        None => format!("{} in the open columns", steps.len()),
                    } }</span>
                    <button type="button" data-testid="search-next" disabled={steps.is_empty()} onclick={next} title="Next hit in the open columns (Enter)">{"↓"}</button>
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
        html! { <button type="button" data-testid="search-save-theme" {onclick} title="Highlight these words as a theme of your own">{"Save as a theme"}</button> }
    });
    let head = if in_reader {
        panel_head(Panel::Search, "Search", on_close, &dispatcher)
    } else {
        html! { <header class="panel-head"><h2 id="search-panel-title">{"Search"}</h2></header> }
    };
    html! {
        <aside id={in_reader.then_some("side-panel")} data-testid="search-panel"
            class={classes!("search-panel", in_reader.then_some("side-panel"))} aria-labelledby="search-panel-title">
            { head }
            <section class="panel-section" data-testid="search-results"
                data-query={found.0.as_ref().map(|f| f.query.clone()).unwrap_or_default()}
                data-total={found.0.as_ref().map_or(0, |f| f.results.total()).to_string()}>
                if let Some(s) = summary {
                    <p class="search-summary" data-testid="search-summary" role="status">{ s }</p>
                }
                { stepper }
                <div class="search-tabs" role="tablist">
                    { tab_button(SearchTab::Hits, "Hits") }
                    { tab_button(SearchTab::Kwic, "Concordance (KWIC)") }
                    { tab_button(SearchTab::Collocates, "Collocates") }
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

fn quoted(s: &str) -> String {
    format!("“{s}”")
}

/// The link to a passage with this search (what a concordance line or hit points to).
fn passage_link(state: &AppContext, doc: &Document, passage: &Passage) -> String {
    let mut v = ViewState::reader(&[&doc.id]).with_focus(&doc.id, &passage.id, &link_quote(passage));
    v.search = state.view.search.clone();
    state.link(&v.to_fragment())
}

/// Hits by document, ranked; each document's first few, and all on request.
fn hits(f: &Rc<Found>, state: &AppContext, expanded: &UseStateHandle<Vec<usize>>) -> Html {
    let open = |doc: String, passage: String| {
        let d = state.dispatcher();
        Callback::from(move |_: MouseEvent| {
            d.dispatch(Action::Move(Move::OpenPassage {
                doc: doc.clone(),
                passage: passage.clone(),
            }))
        })
    };
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
                    <li class="search-doc" data-testid="search-doc" data-doc={doc.id.clone()}>
                        <h3>
                            <span lang="ja">{ reading::title(doc).to_string() }</span>
                            <span class="count">{ format!(" — {} passage{}, {} match{}", group.passages,
                                if group.passages == 1 { "" } else { "s" }, group.occurrences,
                                if group.occurrences == 1 { "" } else { "es" }) }</span>
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
                                { format!("Show all {} hits in this document", all.len()) }
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

/// The concordance: its settings, exports and lines.
fn concordance(
    f: &Rc<Found>,
    state: &AppContext,
    lines: &Rc<Vec<KwicLine>>,
    copied: &UseStateHandle<Option<String>>,
) -> Html {
    let search = &state.view.search;
    let d = state.dispatcher();
    let on_width = Callback::from(move |e: Event| {
        if let Some(el) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
            if let Ok(w) = el.value().trim().parse::<usize>() {
                d.dispatch(Action::Search(SearchMove::Width(w)));
            }
        }
    });
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
                    format!("{n} lines copied (tab-separated, for a spreadsheet).")
                } else {
                    "The browser did not allow copying; use a download instead.".to_string()
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
                copied.set(Some(e));
            }
        })
    };
    let open = |doc: String, passage: String| {
        let d = state.dispatcher();
        Callback::from(move |_: MouseEvent| {
            d.dispatch(Action::Move(Move::OpenPassage {
                doc: doc.clone(),
                passage: passage.clone(),
            }))
        })
    };
    let documents: Vec<&Document> = f
        .results
        .documents()
        .iter()
        .filter_map(|g| f.corpus.documents.get(g.document))
        .collect();
    html! {
        <div class="kwic" data-testid="kwic">
            <div class="kwic-controls">
                <label>{"Context "}
                    <input type="number" data-testid="kwic-width" min={KWIC_WIDTH.1.to_string()} max={KWIC_WIDTH.2.to_string()}
                        value={search.width.to_string()} onchange={on_width} />
                    {" characters"}</label>
                <label>{"Sort "}
                    <select data-testid="kwic-order" onchange={on_order}>
                        { for KwicOrder::ALL.into_iter().map(|o| html! {
                            <option value={o.key()} selected={o == search.order}>{ match o {
                                KwicOrder::Document => "in document order",
                                KwicOrder::Left => "by left context",
                                KwicOrder::Right => "by right context",
                            } }</option>
                        }) }
                    </select></label>
                <label>{"Document "}
                    <select data-testid="kwic-doc" onchange={on_only}>
                        <option value="" selected={search.only.is_none()}>{"all"}</option>
                        { for documents.iter().map(|d| html! {
                            <option value={d.id.clone()} selected={search.only.as_deref() == Some(d.id.as_str())} lang="ja">
                                { reading::title(d).to_string() }</option>
                        }) }
                    </select></label>
            </div>
            <div class="kwic-export">
                <button type="button" data-testid="kwic-copy" onclick={on_copy}>{"Copy"}</button>
                <button type="button" data-testid="kwic-csv" onclick={download(Delimited::Csv, "csv", "text/csv;charset=utf-8")}>{"Download CSV"}</button>
                <button type="button" data-testid="kwic-tsv" onclick={download(Delimited::Tsv, "tsv", "text/tab-separated-values;charset=utf-8")}>{"Download TSV"}</button>
                if let Some(m) = (**copied).clone() {
                    <span class="hint" role="status" data-testid="kwic-status">{ m }</span>
                }
            </div>
            if lines.len() > KWIC_SHOWN {
                <p class="hint">{ format!("The first {KWIC_SHOWN} of {} lines are shown; the exports have them all.", lines.len()) }</p>
            }
            <table class="kwic-lines">
                <tbody>
                    { for lines.iter().take(KWIC_SHOWN).filter_map(|l| {
                        let doc = f.corpus.documents.get(l.document)?;
                        let p = doc.passages.get(l.passage)?;
                        Some(html! {
                            <tr data-testid="kwic-line" data-doc={doc.id.clone()} data-passage={p.id.clone()}
                                onclick={open(doc.id.clone(), p.id.clone())} title={reading::title(doc).to_string()}>
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
fn collocate_list(state: &AppContext, list: &Rc<Vec<yomikurabe_core::search::Collocate>>, in_reader: bool) -> Html {
    let search = &state.view.search;
    let d = state.dispatcher();
    let on_window = Callback::from(move |e: Event| {
        if let Some(el) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
            if let Ok(w) = el.value().trim().parse::<usize>() {
                d.dispatch(Action::Search(SearchMove::Window(w)));
            }
        }
    });
    html! {
        <div class="collocates" data-testid="collocates">
            <label>{"Within "}
                <input type="number" data-testid="coll-window" min={COLLOCATE_WINDOW.1.to_string()} max={COLLOCATE_WINDOW.2.to_string()}
                    value={search.window.to_string()} onchange={on_window} />
                {" characters of a match"}</label>
            if list.is_empty() {
                <p class="empty">{"No terms occur near the matches."}</p>
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
                                    title={format!("Highlight “{}” as a theme of your own", c.term)}>{"+ theme"}</button>
                            }
                        </li>
                    }
                }) }
            </ol>
        </div>
    }
}
