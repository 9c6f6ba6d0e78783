//! The themes panel (opened from the reader bar): the legend of the highlighted themes with
//! steps to their occurrences, every theme with a box to turn it on and its count in each open
//! document, a box to make a theme of one's own, the key terms, and the theme × document
//! overview of the whole corpus.

use yew::prelude::*;
use yomikurabe_core::themes::ThemeKind;

use crate::browser;
use crate::components::key_terms::KeyTerms;
use crate::components::notes_panel::panel_tabs;
use crate::components::theme_matrix::ThemeMatrix;
use crate::components::AppContext;
use crate::reading;
use crate::shelf::ShelfAction;
use crate::state::{Action, LayoutAction, Panel, ThemeMove};
use crate::themes::{self, ThemeInfo, PALETTE};
use crate::view_state::{MAX_ACTIVE_THEMES, MAX_ADHOC_THEMES};

/// Mark set when a theme is turned on or off from the panel (the app measures from it to the
/// next render of the highlights).
pub const TOGGLE_MARK: &str = "yomikurabe:theme-toggle";

/// A title cut to `n` characters for a narrow header.
pub fn short_title(title: &str, n: usize) -> String {
    if title.chars().count() > n {
        let mut s: String = title.chars().take(n).collect();
        s.push('…');
        s
    } else {
        title.to_string()
    }
}

/// The panel.
#[component]
pub fn ThemePanel() -> Html {
    let Some(state) = use_context::<AppContext>() else {
        return html! {};
    };
    let input = use_node_ref();
    let dispatcher = state.dispatcher();
    let analysis = state.analysis.0.clone();
    let view = &state.view;
    let docs: Vec<_> = state.open_documents().collect();
    let doc_index = |id: &str| state.corpus.0.documents.iter().position(|d| d.id == id);

    let on_close = {
        let d = dispatcher.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::Layout(LayoutAction::ClosePanel)))
    };
    let on_add = {
        let d = dispatcher.clone();
        let input = input.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(el) = input.cast::<web_sys::HtmlInputElement>() {
                let text = el.value();
                if !text.trim().is_empty() {
                    browser::performance_mark(TOGGLE_MARK);
                    d.dispatch(Action::Theme(ThemeMove::AddUserTheme(text)));
                    el.set_value("");
                }
            }
        })
    };

    // The legend: highlighted themes, in palette order.
    let legend = state.themes.active.iter().map(|t| {
        let (colour, line) = PALETTE[t.slot % PALETTE.len()];
        let step = |back: bool| {
            let d = dispatcher.clone();
            let theme = t.info.id.clone();
            Callback::from(move |_: MouseEvent| {
                d.dispatch(Action::Theme(ThemeMove::StepOccurrence { theme: theme.clone(), from: None, back }));
                if browser::is_narrow() {
                    d.dispatch(Action::Layout(LayoutAction::ClosePanel)); // the sheet would hide where it went
                }
            })
        };
        let (prev, next) = (step(true), step(false));
        let total: usize = docs.iter().filter_map(|d| doc_index(&d.id)).map(|i| t.matches.count(i)).sum();
        html! {
            <li class="legend-item" data-testid="legend-item" data-theme={t.info.id.clone()} data-slot={t.slot.to_string()}>
                <span class="swatch" data-slot={t.slot.to_string()} aria-hidden="true">{"あA"}</span>
                <span class="legend-label" lang="ja" title={t.info.label_en.clone()}>{ t.info.label_ja.clone() }</span>
                <span class="visually-hidden">{ format!(" ({colour}, {line}), {total} in the open documents") }</span>
                <span class="legend-total" aria-hidden="true">{ total }</span>
                <button type="button" class="quiet step" data-testid="theme-prev" aria-label={format!("Previous occurrence of {}", t.info.label_ja)} title="Previous occurrence" onclick={prev}>{"◀"}</button>
                <button type="button" class="quiet step" data-testid="theme-next" aria-label={format!("Next occurrence of {}", t.info.label_ja)} title="Next occurrence" onclick={next}>{"▶"}</button>
            </li>
        }
    });

    // Every theme: curated ones in file order, then the link's own.
    let full = view.themes.len() >= MAX_ACTIVE_THEMES;
    let mut rows: Vec<(ThemeInfo, Option<usize>)> = analysis
        .curated()
        .themes()
        .iter()
        .filter_map(|t| themes::theme_info(&analysis, view, &t.id).map(|i| (i, None)))
        .collect();
    for i in 0..view.adhoc.len() {
        if let Some(info) = view.adhoc_id(i).and_then(|id| themes::theme_info(&analysis, view, &id)) {
            rows.push((info, Some(i)));
        }
    }
    let row = |(info, adhoc): &(ThemeInfo, Option<usize>)| {
        let active = view.theme_active(&info.id);
        let slot = view.themes.iter().position(|t| *t == info.id);
        let counts = themes::theme_matches(&analysis, view, &info.id).and_then(Result::ok);
        let on_toggle = {
            let d = dispatcher.clone();
            let id = info.id.clone();
            Callback::from(move |_: Event| {
                browser::performance_mark(TOGGLE_MARK);
                d.dispatch(Action::Theme(ThemeMove::Toggle(id.clone())))
            })
        };
        let kept = adhoc.is_none() && state.shelf.0.pack.themes.iter().any(|t| t.id == info.id);
        let remove = adhoc.map(|i| {
            let d = dispatcher.clone();
            let onclick = Callback::from(move |_: MouseEvent| d.dispatch(Action::Theme(ThemeMove::RemoveAdHoc(i))));
            let k = dispatcher.clone();
            let on_keep = Callback::from(move |_: MouseEvent| k.dispatch(Action::Theme(ThemeMove::KeepAdHoc(i))));
            html! {
                <>
                    <button type="button" class="quiet keep" data-testid="theme-keep" data-theme={info.id.clone()} aria-label={format!("Keep the theme {} with these documents (saved in the pack)", info.label_ja)} title="Keep with these documents" onclick={on_keep}>{"Keep"}</button>
                    <button type="button" class="quiet remove" data-testid="theme-remove" data-theme={info.id.clone()} aria-label={format!("Remove the theme {}", info.label_ja)} title="Remove" {onclick}>{"✕"}</button>
                </>
            }
        });
        let unkeep = kept.then(|| {
            let d = dispatcher.clone();
            let id = info.id.clone();
            let onclick = Callback::from(move |_: MouseEvent| d.dispatch(Action::Shelf(ShelfAction::RemoveTheme(id.clone()))));
            html! {
                <button type="button" class="quiet remove" data-testid="theme-unkeep" data-theme={info.id.clone()} aria-label={format!("Remove the kept theme {}", info.label_ja)} title="Remove from these documents" {onclick}>{"✕"}</button>
            }
        });
        let input_id = format!("theme-{}", info.id);
        let kind = match info.kind {
            ThemeKind::Curated => None,
            ThemeKind::Automatic => Some("key term"),
            ThemeKind::User => Some("yours"),
        };
        let title = if info.description.is_empty() {
            info.variants.join(" / ")
        } else {
            info.description.clone()
        };
        html! {
            <tr class={classes!("theme-row", active.then_some("active"))} data-theme={info.id.clone()}>
                <th scope="row">
                    <label for={input_id.clone()} title={title}>
                        <input
                            type="checkbox"
                            id={input_id}
                            data-testid="theme-toggle"
                            data-theme={info.id.clone()}
                            checked={active}
                            disabled={!active && full}
                            onchange={on_toggle}
                        />
                        if let Some(slot) = slot {
                            <span class="swatch small" data-slot={slot.to_string()} aria-hidden="true"></span>
                        }
                        <span class="theme-name">
                            <span lang="ja">{ info.label_ja.clone() }</span>
                            if info.label_en != info.label_ja {
                                <span class="theme-en">{ info.label_en.clone() }</span>
                            }
                            if let Some(kind) = kind {
                                <span class="theme-kind">{ kind }</span>
                            }
                        </span>
                    </label>
                    { for remove }
                    { for unkeep }
                </th>
                { for docs.iter().map(|d| {
                    let n = doc_index(&d.id).and_then(|i| counts.as_ref().map(|m| m.count(i))).unwrap_or(0);
                    html! {
                        <td data-testid="theme-count" data-theme={info.id.clone()} data-doc={d.id.clone()} class={classes!((n == 0).then_some("zero"))}>{ n }</td>
                    }
                }) }
            </tr>
        }
    };

    html! {
        <aside id="side-panel" data-testid="themes-panel" class="themes-panel" aria-labelledby="themes-panel-title">
            <header class="panel-head">
                <h2 id="themes-panel-title">{"Themes"}</h2>
                <button type="button" class="quiet" onclick={on_close} aria-label="Close the themes panel">{"✕"}</button>
            </header>
            { panel_tabs(Panel::Themes, &dispatcher) }
            <section class="panel-section" aria-label="Highlighted themes">
                if state.themes.active.is_empty() {
                    <p class="hint">{"Tick a theme to highlight it in every column. Click a highlight to go to the theme's next occurrence (Shift-click: the previous one)."}</p>
                } else {
                    <ul class="legend" data-testid="theme-legend">{ for legend }</ul>
                }
            </section>
            <section class="panel-section">
                <form class="user-theme" onsubmit={on_add}>
                    <label for="user-theme-input">{"Your own theme"}</label>
                    <div class="user-theme-row">
                        <input
                            id="user-theme-input"
                            data-testid="user-theme-input"
                            type="text"
                            lang="ja"
                            placeholder="e.g. 三か国, 日米韓"
                            autocomplete="off"
                            ref={input}
                        />
                        <button type="submit" class="primary small" data-testid="user-theme-add">{"Add"}</button>
                    </div>
                    <p class="hint">{ format!("Several spellings: separate them with commas. Width, か/カ/ヶ, 三/3 and ・ are matched loosely. Up to {MAX_ADHOC_THEMES} of your own; they travel with the link.") }</p>
                </form>
            </section>
            <section class="panel-section">
                <h3>{"All themes"}</h3>
                if full {
                    <p class="hint">{ format!("{MAX_ACTIVE_THEMES} themes are highlighted: turn one off to turn on another.") }</p>
                }
                <table class="theme-table" data-testid="theme-table">
                    <caption class="visually-hidden">{"Themes and how often each occurs in the open documents"}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{"Theme"}</th>
                            { for docs.iter().map(|d| html! {
                                <th scope="col" class="doc-head" lang="ja" title={reading::title(d).to_string()}>
                                    <span>{ short_title(reading::title(d), 7) }</span>
                                </th>
                            }) }
                        </tr>
                    </thead>
                    <tbody>{ for rows.iter().map(row) }</tbody>
                </table>
            </section>
            <KeyTerms />
            <section class="panel-section">
                <details open=true class="overview">
                    <summary><h3>{"Overview: themes × documents"}</h3></summary>
                    <p class="hint">{"Occurrences of each theme in every document of the corpus. Choose a cell to open that document at the theme's first occurrence."}</p>
                    <ThemeMatrix />
                </details>
            </section>
        </aside>
    }
}
