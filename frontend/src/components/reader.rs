//! The reader: 1–4 documents in columns that scroll on their own (tabs on a phone). After each
//! navigation it brings every column to its mark or remembered position; when the reader stops
//! scrolling it records where each column stands (in the URL, without a history entry).

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use yew::prelude::*;

use crate::browser::{self, Landing};
use crate::components::column::Column;
use crate::components::notices::Notices;
use crate::components::theme_panel::ThemePanel;
use crate::components::AppContext;
use crate::reading;
use crate::state::Action;
use crate::themes::PALETTE;
use crate::view_state::MAX_COLUMNS;

/// How long the columns must be still before their position is recorded.
const SCROLL_SETTLE_MS: u32 = 300;

/// Where one column must land after a navigation.
#[derive(Debug, Clone, PartialEq)]
enum Target {
    Mark(String),
    Top(String),
    Start,
}

/// The reader view.
#[component]
pub fn Reader() -> Html {
    let Some(state) = use_context::<AppContext>() else {
        return html! {};
    };
    let dispatcher = state.dispatcher();

    // After each navigation, once the columns are laid out: the mark, else the remembered place.
    {
        let current = state.current.clone();
        let plan: Vec<(String, Target)> = state
            .view
            .docs
            .iter()
            .map(|d| {
                let target = match (state.view.focus_in(d), state.view.at_for(d)) {
                    (Some(p), _) => Target::Mark(p.to_string()),
                    (None, Some(p)) => Target::Top(p.to_string()),
                    (None, None) => Target::Start,
                };
                (d.clone(), target)
            })
            .collect();
        use_effect_with(state.nav_seq, move |_| {
            Timeout::new(0, move || {
                for (doc, target) in plan {
                    match target {
                        Target::Mark(p) => {
                            // A highlight stepped to: that highlight in view, else its passage.
                            let on_highlight = current.as_ref().is_some_and(|(theme, at)| {
                                at.doc == doc
                                    && at.passage == p
                                    && browser::scroll_to_highlight(&doc, &p, theme, at.start)
                            });
                            if !on_highlight {
                                browser::scroll_to_passage(&doc, &p, Landing::Centre);
                            }
                        }
                        Target::Top(p) => {
                            browser::scroll_to_passage(&doc, &p, Landing::Top);
                        }
                        Target::Start => browser::scroll_to_start(&doc),
                    }
                }
            })
            .forget();
        });
    }

    // Phones: keep the active tab in view.
    use_effect_with(state.active_column, |_| {
        Timeout::new(0, browser::reveal_active_tab).forget();
    });

    // Scrolling: wait until it settles, then record each column's top passage.
    let settle: Rc<RefCell<Option<Timeout>>> = use_mut_ref(|| None);
    let on_scroll = {
        let dispatcher = dispatcher.clone();
        use_callback(state.view.docs.clone(), move |_doc: AttrValue, docs: &Vec<String>| {
            let docs = docs.clone();
            let dispatcher = dispatcher.clone();
            let timeout = Timeout::new(SCROLL_SETTLE_MS, move || {
                dispatcher.dispatch(Action::ScrollSettled(browser::top_passages(&docs)));
            });
            // Replacing the pending timeout cancels it (dropping a `Timeout` clears it).
            settle.borrow_mut().replace(timeout);
        })
    };

    let on_dismiss = {
        let d = dispatcher.clone();
        Callback::from(move |_| d.dispatch(Action::DismissNotices))
    };
    let on_add = {
        let d = dispatcher.clone();
        Callback::from(move |e: Event| {
            let select: Option<web_sys::HtmlSelectElement> = e.target_dyn_into();
            if let Some(select) = select {
                let doc = select.value();
                select.set_value("");
                if !doc.is_empty() {
                    d.dispatch(Action::AddColumn(doc));
                }
            }
        })
    };

    let docs: Vec<_> = state.open_documents().collect();
    let count = docs.len();
    let closed: Vec<_> = state
        .corpus
        .0
        .documents
        .iter()
        .filter(|d| !state.view.docs.contains(&d.id))
        .collect();

    let on_themes = {
        let d = dispatcher.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::TogglePanel))
    };
    let active = state.themes.active.len();

    html! {
        <div data-testid="reader" class={classes!("reader", state.panel_open.then_some("with-panel"))}>
            <header class="reader-bar">
                <a data-testid="home" class="home" href="#">{"← Library"}</a>
                <span class="brand" lang="ja">{"読み比べ"}</span>
                <button
                    type="button"
                    data-testid="themes-button"
                    class={classes!("bar-toggle", state.panel_open.then_some("on"))}
                    aria-expanded={if state.panel_open { "true" } else { "false" }}
                    aria-controls="themes-panel"
                    onclick={on_themes}
                >
                    {"Themes"}
                    if active > 0 {
                        <span class="badge" aria-label={format!("{active} highlighted")}>{ active }</span>
                    }
                </button>
                if count < MAX_COLUMNS && !closed.is_empty() {
                    <select class="add-doc" aria-label="Add a document as a new column" onchange={on_add}>
                        <option value="" selected=true>{"+ Add a document…"}</option>
                        { for closed.iter().map(|d| html! {
                            <option value={d.id.clone()} lang="ja">{ reading::title(d) }</option>
                        }) }
                    </select>
                }
            </header>
            <Notices notices={state.notices.clone()} {on_dismiss} />
            if count > 1 {
                <nav class="tabs" aria-label="Documents">
                    { for docs.iter().enumerate().map(|(i, d)| {
                        let d2 = dispatcher.clone();
                        let active = i == state.active_column;
                        html! {
                            <button
                                type="button"
                                class={classes!("tab", active.then_some("active"))}
                                aria-pressed={if active { "true" } else { "false" }}
                                onclick={Callback::from(move |_: MouseEvent| d2.dispatch(Action::ShowColumn(i)))}
                                lang="ja"
                            >
                                { reading::title(d) }
                            </button>
                        }
                    }) }
                </nav>
            }
            if active > 0 {
                <ul class="print-legend" aria-hidden="true">
                    { for state.themes.active.iter().map(|t| html! {
                        <li><mark class="theme" data-slot={t.slot.to_string()} lang="ja">{ t.info.label_ja.clone() }</mark>{ format!(" — {}", PALETTE[t.slot % PALETTE.len()].1) }</li>
                    }) }
                </ul>
            }
            <div class="reader-body">
            <div class={classes!("columns", format!("columns-{count}"))}>
                { for docs.iter().enumerate().map(|(column, d)| {
                    let open_note = state.open_note.clone().filter(|n| n.doc == d.id);
                    html! {
                        <Column
                            key={d.id.clone()}
                            corpus={state.corpus.clone()}
                            doc={d.id.clone()}
                            {column}
                            columns={count}
                            focus={state.view.focus_in(&d.id).map(str::to_string)}
                            {open_note}
                            active={column == state.active_column}
                            on_scroll={on_scroll.clone()}
                            dispatcher={dispatcher.clone()}
                            themes={state.themes.clone()}
                            current={state.current.clone().filter(|(_, at)| at.doc == d.id)}
                        />
                    }
                }) }
            </div>
            if state.panel_open {
                <ThemePanel />
            }
            </div>
        </div>
    }
}
