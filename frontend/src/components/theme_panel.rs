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
use crate::i18n::{fill, palette, use_lang};
use crate::reading;
use crate::shelf::ShelfAction;
use crate::state::{Action, LayoutAction, Panel, ThemeMove};
use crate::themes::{self, ThemeInfo};
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
    let lang = use_lang();
    let tr = lang.t();
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
        let (colour, line) = palette(lang, t.slot);
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
                <span class="visually-hidden">{ fill(tr.legend_sr, &[&colour, &line, &total]) }</span>
                <span class="legend-total" aria-hidden="true">{ total }</span>
                <button type="button" class="quiet step" data-testid="theme-prev" aria-label={fill(tr.prev_occurrence_of, &[&t.info.label_ja])} title={tr.prev_occurrence} onclick={prev}>{"◀"}</button>
                <button type="button" class="quiet step" data-testid="theme-next" aria-label={fill(tr.next_occurrence_of, &[&t.info.label_ja])} title={tr.next_occurrence} onclick={next}>{"▶"}</button>
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
                    <button type="button" class="quiet keep" data-testid="theme-keep" data-theme={info.id.clone()} aria-label={fill(tr.keep_theme_label, &[&info.label_ja])} title={tr.keep_title} onclick={on_keep}>{ tr.keep }</button>
                    <button type="button" class="quiet remove" data-testid="theme-remove" data-theme={info.id.clone()} aria-label={fill(tr.remove_theme_label, &[&info.label_ja])} title={tr.remove} {onclick}>{"✕"}</button>
                </>
            }
        });
        let unkeep = kept.then(|| {
            let d = dispatcher.clone();
            let id = info.id.clone();
            let onclick = Callback::from(move |_: MouseEvent| d.dispatch(Action::Shelf(ShelfAction::RemoveTheme(id.clone()))));
            html! {
                <button type="button" class="quiet remove" data-testid="theme-unkeep" data-theme={info.id.clone()} aria-label={fill(tr.remove_kept_label, &[&info.label_ja])} title={tr.remove_kept_title} {onclick}>{"✕"}</button>
            }
        });
        let input_id = format!("theme-{}", info.id);
        let kind = match info.kind {
            ThemeKind::Curated => None,
            ThemeKind::Automatic => Some(tr.kind_key_term),
            ThemeKind::User => Some(tr.kind_yours),
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
                                <span class="theme-en" lang="en">{ info.label_en.clone() }</span>
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
                <h2 id="themes-panel-title">{ tr.panel_themes }</h2>
                <button type="button" class="quiet" onclick={on_close} aria-label={tr.close_themes_panel}>{"✕"}</button>
            </header>
            { panel_tabs(Panel::Themes, lang, &dispatcher) }
            <section class="panel-section" aria-label={tr.highlighted_themes}>
                if state.themes.active.is_empty() {
                    <p class="hint">{ tr.themes_hint }</p>
                } else {
                    <ul class="legend" data-testid="theme-legend">{ for legend }</ul>
                }
            </section>
            <section class="panel-section">
                <form class="user-theme" onsubmit={on_add}>
                    <label for="user-theme-input">{ tr.your_own_theme }</label>
                    <div class="user-theme-row">
                        <input
                            id="user-theme-input"
                            data-testid="user-theme-input"
                            type="text"
                            lang="ja"
                            placeholder={tr.user_theme_placeholder}
                            autocomplete="off"
                            ref={input}
                        />
                        <button type="submit" class="primary small" data-testid="user-theme-add">{ tr.add }</button>
                    </div>
                    <p class="hint">{ fill(tr.user_theme_hint, &[&MAX_ADHOC_THEMES]) }</p>
                </form>
            </section>
            <section class="panel-section">
                <h3>{ tr.all_themes }</h3>
                if full {
                    <p class="hint">{ fill(tr.max_themes_on, &[&MAX_ACTIVE_THEMES]) }</p>
                }
                <table class="theme-table" data-testid="theme-table">
                    <caption class="visually-hidden">{ tr.themes_table_caption }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ tr.theme }</th>
                            { for docs.iter().map(|d| html! {
                                <th scope="col" class="doc-head" lang="ja" title={reading::title(d, lang).to_string()}>
                                    <span>{ short_title(reading::title(d, lang), 7) }</span>
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
                    <summary><h3>{ tr.overview }</h3></summary>
                    <p class="hint">{ tr.overview_hint }</p>
                    <ThemeMatrix />
                </details>
            </section>
        </aside>
    }
}
