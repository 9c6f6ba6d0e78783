//! Key terms: the terms the open documents share and each one's most distinctive terms
//! (`core::terms`, computed the first time the panel shows them), each a button that turns the
//! term into a theme (the automatic theme `term-<hash>`, as in the export).

use crate::i18n::{fill, use_lang};
use yew::prelude::*;
use yomikurabe_core::similarity::terms::Term;

use crate::browser;
use crate::components::theme_panel::{short_title, TOGGLE_MARK};
use crate::components::AppContext;
use crate::reading;
use crate::state::{Action, ThemeMove};
use crate::view_state::MAX_ACTIVE_THEMES;

/// Shared terms listed.
const SHARED: usize = 12;
/// Key terms listed per document.
const PER_DOC: usize = 8;

/// The key-terms section of the themes panel.
#[component]
pub fn KeyTerms() -> Html {
    let lang = use_lang();
    let tr = lang.t();
    let Some(state) = use_context::<AppContext>() else {
        return html! {};
    };
    let analysis = state.analysis.0.clone();
    let table = analysis.terms();
    let open: Vec<usize> = state
        .view
        .docs
        .iter()
        .filter_map(|d| state.corpus.0.documents.iter().position(|x| &x.id == d))
        .collect();
    // Shared by two or more of the open documents (by the whole corpus when one is open).
    let need = open.len().clamp(1, 2);
    let shared: Vec<&Term> = table
        .shared_terms(2)
        .into_iter()
        .filter(|t| open.len() < 2 || open.iter().filter(|&&d| t.count(d) > 0).count() >= need)
        .take(SHARED)
        .collect();
    let full = state.view.themes.len() >= MAX_ACTIVE_THEMES;
    let chip = |t: &Term, count: u32| {
        let id = yomikurabe_core::pipeline::term_theme(t).id;
        let active = state.view.theme_active(&id);
        let d = state.dispatcher();
        let theme = id.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            browser::performance_mark(TOGGLE_MARK);
            d.dispatch(Action::Theme(ThemeMove::Toggle(theme.clone())))
        });
        let label = if active {
            fill(tr.stop_highlighting, &[&t.display])
        } else {
            fill(tr.highlight_as_theme, &[&t.display])
        };
        html! {
            <li>
                <button
                    type="button"
                    class={classes!("term", active.then_some("active"))}
                    data-testid="term-to-theme"
                    data-term={t.display.clone()}
                    data-theme={id}
                    aria-pressed={if active { "true" } else { "false" }}
                    aria-label={label.clone()}
                    title={label}
                    disabled={full && !active}
                    {onclick}
                >
                    <span lang="ja">{ t.display.clone() }</span>
                    <span class="term-count">{ count }</span>
                </button>
            </li>
        }
    };
    html! {
        <section class="panel-section key-terms" data-testid="key-terms">
            <h3>{ tr.key_terms }</h3>
            <p class="hint">{ tr.key_terms_hint }</p>
            <h4>{ if open.len() >= 2 { tr.shared_by_open } else { tr.shared_across } }</h4>
            if shared.is_empty() {
                <p class="hint">{ tr.no_terms_shared }</p>
            } else {
                <ul class="terms" data-testid="shared-terms">
                    { for shared.iter().map(|t| chip(t, open.iter().map(|&d| t.count(d)).sum::<u32>().max(if open.len() < 2 { t.total() } else { 0 }))) }
                </ul>
            }
            { for open.iter().map(|&d| {
                let doc = &state.corpus.0.documents[d];
                let top = table.top_terms(d, PER_DOC);
                html! {
                    <>
                        <h4 lang="ja" title={reading::title(doc, lang).to_string()}>{ short_title(reading::title(doc, lang), 18) }</h4>
                        <ul class="terms" data-testid="doc-terms" data-doc={doc.id.clone()}>
                            { for top.iter().map(|t| chip(t, t.count(d))) }
                        </ul>
                    </>
                }
            }) }
        </section>
    }
}
