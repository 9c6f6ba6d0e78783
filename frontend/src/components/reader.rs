//! The reader: 1–4 documents in columns that scroll on their own (tabs on a phone). After each
//! navigation it brings every column to its mark or remembered position; when the reader stops
//! scrolling it records where each column stands (in the URL, without a history entry).

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use yew::prelude::*;

use crate::browser::{self, Landing};
use crate::components::cite_dialog::CiteDialog;
use crate::components::column::Column;
use crate::components::glossary_panel::GlossaryPanel;
use crate::components::notes_panel::NotesPanel;
use crate::components::notices::Notices;
use crate::components::search_box::SearchBox;
use crate::components::search_panel::SearchPanel;
use crate::components::sources_panel::SourcesPanel;
use crate::components::theme_panel::ThemePanel;
use crate::components::timeline_view::TimelineView;
use crate::components::AppContext;
use crate::reading;
use crate::related::aligned_passage;
use crate::search::{self, SharedFound};
use crate::state::{Action, Feedback, LayoutAction, Move, Panel, SharedAnalysis};
use crate::themes::PALETTE;
use crate::view_state::{PassageRef, ViewState, MAX_COLUMNS};
use yomikurabe_core::anchor::link_quote;

/// How long the columns must be still before their position is recorded.
const SCROLL_SETTLE_MS: u32 = 300;
/// Aligned mode: how long a column must be still before the others follow it.
const ALIGN_AFTER_MS: u32 = 180;
/// Aligned mode: a column the reader scrolled this recently is left where they put it.
const LEAVE_ALONE_MS: f64 = 2000.0;
/// Scroll events this soon after the app scrolled a column are the app's, not the reader's.
const OURS_MS: f64 = 700.0;
/// Aligned mode: the line (fraction of the visible height) whose passage the others follow.
const ALIGN_LINE: f64 = 0.25;

/// Who scrolled which column when (aligned mode must not fight the reader).
#[derive(Default)]
struct ScrollLog {
    /// Until when a column's scroll events are the app's own.
    ours_until: HashMap<String, f64>,
    /// When the reader last scrolled each column.
    reader_at: HashMap<String, f64>,
    /// The pending alignment.
    align: Option<Timeout>,
}

impl ScrollLog {
    fn ours(&mut self, doc: &str) {
        self.ours_until.insert(doc.to_string(), browser::now() + OURS_MS);
    }
}

/// Aligned mode: bring every other column (unless the reader is scrolling it) to the passage
/// most related to the one `doc`'s column shows.
fn align_others(analysis: &SharedAnalysis, docs: &[String], doc: &str, log: &RefCell<ScrollLog>) {
    let Some(from) = browser::passage_near(doc, ALIGN_LINE) else {
        return;
    };
    let now = browser::now();
    for other in docs.iter().filter(|d| *d != doc) {
        let busy = log
            .borrow()
            .reader_at
            .get(other)
            .is_some_and(|&t| now - t < LEAVE_ALONE_MS);
        if busy {
            continue;
        }
        if let Some(target) = aligned_passage(&analysis.0, doc, &from, other) {
            log.borrow_mut().ours(other);
            crate::components::column::reveal_passage(other, &target, Landing::Top);
            browser::mark_aligned(other, &target);
        }
    }
}

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

    let log: Rc<RefCell<ScrollLog>> = use_mut_ref(ScrollLog::default);

    // After each navigation, once the columns are laid out: the mark, else the remembered place.
    {
        let current = state.cursor.current.clone();
        let source = state.view.source.clone();
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
        let log = log.clone();
        use_effect_with(state.effects.nav_seq, move |_| {
            Timeout::new(0, move || {
                for (doc, target) in plan {
                    log.borrow_mut().ours(&doc);
                    match target {
                        Target::Mark(p) => {
                            // A highlight stepped to: that highlight in view, else its passage.
                            let on_highlight = current.as_ref().is_some_and(|(theme, at)| {
                                at.doc == doc
                                    && at.passage == p
                                    && browser::scroll_to_highlight(&doc, &p, theme, at.start)
                            });
                            let on_source = !on_highlight
                                && source
                                    .as_deref()
                                    .is_some_and(|s| browser::scroll_to_source(&doc, &p, s));
                            if !on_highlight && !on_source {
                                browser::scroll_to_passage(&doc, &p, Landing::Centre);
                            }
                        }
                        Target::Top(p) => {
                            if !source
                                .as_deref()
                                .is_some_and(|s| browser::scroll_to_source(&doc, &p, s))
                            {
                                browser::scroll_to_passage(&doc, &p, Landing::Top);
                            }
                        }
                        Target::Start => browser::scroll_to_start(&doc),
                    }
                }
            })
            .forget();
        });
    }

    // Phones: keep the active tab in view.
    use_effect_with(state.cursor.active_column, |_| {
        Timeout::new(0, browser::reveal_active_tab).forget();
    });

    // Scrolling: wait until it settles, then record each column's top passage.
    let settle: Rc<RefCell<Option<Timeout>>> = use_mut_ref(|| None);
    let on_scroll = {
        let dispatcher = dispatcher.clone();
        let log = log.clone();
        let deps = (
            state.view.docs.clone(),
            state.view.layout.aligned,
            state.analysis.clone(),
        );
        use_callback(deps, move |doc: AttrValue, (docs, aligned, analysis)| {
            let all = docs.clone();
            let dispatcher = dispatcher.clone();
            let timeout = Timeout::new(SCROLL_SETTLE_MS, move || {
                dispatcher.dispatch(Action::Move(Move::ScrollSettled(browser::top_passages(&all))));
            });
            // Replacing the pending timeout cancels it (dropping a `Timeout` clears it).
            settle.borrow_mut().replace(timeout);

            let now = browser::now();
            let ours = log.borrow().ours_until.get(doc.as_str()).is_some_and(|&t| now < t);
            if ours {
                return;
            }
            log.borrow_mut().reader_at.insert(doc.to_string(), now);
            if *aligned {
                let (docs, analysis, log2) = (docs.clone(), analysis.clone(), log.clone());
                let timer = Timeout::new(ALIGN_AFTER_MS, move || align_others(&analysis, &docs, &doc, &log2));
                log.borrow_mut().align = Some(timer);
            }
        })
    };
    let on_aligned = {
        let d = dispatcher.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::Layout(LayoutAction::ToggleAligned)))
    };

    let on_dismiss = {
        let d = dispatcher.clone();
        Callback::from(move |_| d.dispatch(Action::Effect(Feedback::DismissNotices)))
    };
    let on_add = {
        let d = dispatcher.clone();
        Callback::from(move |e: Event| {
            let select: Option<web_sys::HtmlSelectElement> = e.target_dyn_into();
            if let Some(select) = select {
                let doc = select.value();
                select.set_value("");
                if !doc.is_empty() {
                    d.dispatch(Action::Move(Move::AddColumn(doc)));
                }
            }
        })
    };

    // Next and previous hit of the search in the open columns (Enter in the box, the panel's
    // arrows): the passage marked, in its column.
    let found = use_context::<SharedFound>().unwrap_or_default();
    let on_step = {
        let d = dispatcher.clone();
        let found = found.clone();
        let docs = state.view.docs.clone();
        let at = state.view.focus.clone();
        Callback::from(move |forward: bool| {
            let Some(f) = &found.0 else { return };
            let steps = f.steps(&docs);
            let here = at.as_ref().map(|p| (p.doc.as_str(), p.passage.as_str()));
            if let Some((doc, passage)) = search::step(&steps, here, &docs, forward).and_then(|i| steps.get(i).cloned())
            {
                d.dispatch(Action::Move(Move::OpenPassage { doc, passage }));
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

    let panel_button = |panel: Panel, badge: Option<usize>| {
        let d = dispatcher.clone();
        let on = state.view.layout.panel == Some(panel);
        let onclick = Callback::from(move |_: MouseEvent| d.dispatch(Action::Layout(LayoutAction::ShowPanel(panel))));
        html! {
            <button
                type="button"
                data-testid={format!("{}-button", panel.key())}
                class={classes!("bar-toggle", on.then_some("on"))}
                aria-expanded={if on { "true" } else { "false" }}
                aria-controls="side-panel"
                {onclick}
            >
                { panel.label() }
                if let Some(n) = badge.filter(|&n| n > 0) {
                    <span class="badge" aria-label={format!("{n} highlighted")}>{ n }</span>
                }
            </button>
        }
    };
    let on_timeline = {
        let d = dispatcher.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::Layout(LayoutAction::ToggleTimeline)))
    };
    let active = state.themes.active.len();
    let layout = &state.view.layout;

    html! {
        <div data-testid="reader" class={classes!("reader", layout.panel.is_some().then_some("with-panel"))}>
            <header class="reader-bar">
                <a data-testid="home" class="home" href="#">{"← Library"}</a>
                <span class="brand" lang="ja">{"読み比べ"}</span>
                <SearchBox on_step={on_step.clone()} />
                { panel_button(Panel::Themes, Some(active)) }
                { panel_button(Panel::Notes, None) }
                { panel_button(Panel::Sources, None) }
                { panel_button(Panel::Glossary, None) }
                if state.view.search.is_active() {
                    { panel_button(Panel::Search, found.0.as_ref().map(|f| f.results.total())) }
                }
                <button
                    type="button"
                    data-testid="timeline-button"
                    class={classes!("bar-toggle", layout.timeline.then_some("on"))}
                    aria-pressed={if layout.timeline { "true" } else { "false" }}
                    onclick={on_timeline}
                >
                    {"Timeline"}
                </button>
                <button
                    type="button"
                    data-testid="aligned-toggle"
                    class={classes!("bar-toggle", layout.aligned.then_some("on"))}
                    aria-pressed={if layout.aligned { "true" } else { "false" }}
                    disabled={count < 2}
                    title={if count < 2 {
                        "Aligned scrolling needs two columns or more"
                    } else {
                        "Aligned: as you scroll one column, the others follow to the most related passage"
                    }}
                    onclick={on_aligned}
                >
                    {"Aligned"}
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
            <Notices notices={state.effects.notices.clone()} {on_dismiss} />
            if layout.timeline {
                { timeline(&state) }
            }
            if let Some(cite) = layout.cite.clone() {
                { cite_dialog(&state, cite) }
            }
            if count > 1 {
                <nav class="tabs" aria-label="Documents">
                    { for docs.iter().enumerate().map(|(i, d)| {
                        let d2 = dispatcher.clone();
                        let active = i == state.cursor.active_column;
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
                    let open_note = layout.note.clone().filter(|n| n.doc == d.id);
                    html! {
                        <Column
                            key={d.id.clone()}
                            corpus={state.corpus.clone()}
                            doc={d.id.clone()}
                            {column}
                            columns={count}
                            focus={state.view.focus_in(&d.id).map(str::to_string)}
                            {open_note}
                            active={column == state.cursor.active_column}
                            on_scroll={on_scroll.clone()}
                            dispatcher={dispatcher.clone()}
                            themes={state.themes.clone()}
                            current={state.cursor.current.clone().filter(|(_, at)| at.doc == d.id)}
                            related={layout.related.clone().filter(|r| r.doc == d.id).map(|r| r.passage)}
                            at={state.view.at_for(&d.id).map(str::to_string)}
                            extracts={state.extracts.clone()}
                            source={state.view.source.clone().map(AttrValue::from)}
                            found={found.clone()}
                        />
                    }
                }) }
            </div>
            { match layout.panel {
                Some(Panel::Themes) => html! { <ThemePanel /> },
                Some(Panel::Notes) => html! { <NotesPanel /> },
                Some(Panel::Sources) => html! { <SourcesPanel /> },
                Some(Panel::Glossary) => html! { <GlossaryPanel /> },
                Some(Panel::Search) => html! { <SearchPanel on_step={on_step.clone()} /> },
                None => html! {},
            } }
            </div>
        </div>
    }
}

/// "Cite this passage" for `at`, with the permalink to it.
fn cite_dialog(state: &AppContext, at: PassageRef) -> Html {
    let Some(p) = state.corpus.document(&at.doc).and_then(|d| d.passage(&at.passage)) else {
        return html! {};
    };
    // A permalink cites the passage alone (not the reader's columns and highlights).
    let permalink = ViewState::reader(&[&at.doc]).with_focus(&at.doc, &at.passage, &link_quote(p));
    let url = state.link(&permalink.to_fragment());
    let d = state.dispatcher();
    html! {
        <CiteDialog
            corpus={state.corpus.clone()}
            doc={AttrValue::from(at.doc)}
            passage={AttrValue::from(at.passage)}
            url={AttrValue::from(url)}
            on_close={Callback::from(move |_| d.dispatch(Action::Layout(LayoutAction::CloseCite)))}
        />
    }
}

/// The timeline strip of the open documents (or a line saying the dates are being read).
fn timeline(state: &AppContext) -> Html {
    let Some(x) = state.extracts.clone() else {
        return html! { <p class="hint timeline-wait" data-testid="timeline-wait">{"Reading the dates…"}</p> };
    };
    let d = state.dispatcher();
    let on_open = Callback::from(move |(doc, passage): (String, String)| {
        d.dispatch(Action::Move(Move::OpenPassage { doc, passage }))
    });
    let d = state.dispatcher();
    let on_close = Callback::from(move |_: MouseEvent| d.dispatch(Action::Layout(LayoutAction::ToggleTimeline)));
    html! {
        <div class="timeline-strip">
            <button type="button" class="quiet timeline-close" data-testid="timeline-close" aria-label="Close the timeline" onclick={on_close}>{"✕"}</button>
            <TimelineView
                corpus={state.corpus.clone()}
                docs={state.view.docs.clone()}
                dates={x.dates.clone()}
                {on_open}
            />
        </div>
    }
}
