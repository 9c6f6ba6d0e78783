//! The glossary panel: every acronym of the corpus with what it stands for (definitions merged
//! across documents), links to the passages that define it, where it is used, and the acronyms
//! no document defines. A filter narrows the list.

use crate::i18n::{fill, s, use_lang};
use yew::prelude::*;
use yomikurabe_core::extract::glossary::Acronym;

use crate::components::notes_panel::{panel_head, place};
use crate::components::theme_panel::short_title;
use crate::components::AppContext;
use crate::reading;
use crate::state::{Action, LayoutAction, Move, Panel};

/// Whether `a` matches what the reader typed (short form or expansion, case-insensitive).
pub fn matches_filter(a: &Acronym, filter: &str) -> bool {
    let f = filter.trim().to_lowercase();
    f.is_empty() || a.short.to_lowercase().contains(&f) || a.expansions.iter().any(|e| e.to_lowercase().contains(&f))
}

/// The panel.
#[component]
pub fn GlossaryPanel() -> Html {
    let lang = use_lang();
    let tr = lang.t();
    let Some(state) = use_context::<AppContext>() else {
        return html! {};
    };
    let filter = use_state(String::new);
    let dispatcher = state.dispatcher();
    let on_close = {
        let d = dispatcher.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::Layout(LayoutAction::ShowPanel(Panel::Glossary))))
    };
    let Some(x) = state.extracts.clone() else {
        return html! {
            <aside id="side-panel" data-testid="glossary-panel" class="themes-panel side-panel" aria-labelledby="glossary-panel-title">
                { panel_head(Panel::Glossary, lang, on_close.clone(), &dispatcher) }
                <p class="hint panel-section">{ tr.collecting_acronyms }</p>
            </aside>
        };
    };
    let corpus = &state.corpus.0;
    let open: Vec<usize> = state
        .view
        .docs
        .iter()
        .filter_map(|id| corpus.documents.iter().position(|d| d.id == *id))
        .collect();
    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |e: InputEvent| {
            let input: Option<web_sys::HtmlInputElement> = e.target_dyn_into();
            if let Some(i) = input {
                filter.set(i.value());
            }
        })
    };
    let entry = |a: &Acronym| {
        let defs = a.definitions.iter().filter_map(|s| {
            let doc = corpus.documents.get(s.document)?;
            let p = doc.passages.get(s.passage)?;
            let (id, passage, d) = (doc.id.clone(), p.id.clone(), dispatcher.clone());
            let onclick = Callback::from(move |_: MouseEvent| {
                d.dispatch(Action::Move(Move::OpenPassage {
                    doc: id.clone(),
                    passage: passage.clone(),
                }))
            });
            Some(html! {
                <button type="button" class="link-button" data-testid="glossary-definition" data-doc={doc.id.clone()} data-passage={p.id.clone()} {onclick}
                    title={fill(tr.open_defining_passage, &[&reading::title(doc, lang)])}>
                    <span lang="ja">{ format!("{} — {}", short_title(reading::title(doc, lang), 14), place(doc, &p.id)) }</span>
                </button>
            })
        });
        let uses_here = a.uses.iter().filter(|u| open.contains(&u.document)).count();
        let docs = a.documents().len();
        html! {
            <div class="glossary-entry" data-testid="glossary-entry" data-short={a.short.clone()} data-defined={a.is_defined().then_some("true")}>
                <dt lang="en">{ a.short.clone() }</dt>
                <dd>
                    if a.expansions.is_empty() {
                        <span class="missing-text">{ tr.no_definition }</span>
                    } else {
                        <span lang="ja">{ a.expansions.join(" / ") }</span>
                    }
                    <div class="hint">
                        { fill(tr.used_n_times, &[&a.uses.len(), &s(a.uses.len()), &docs, &s(docs)]) }
                        if uses_here > 0 { { fill(tr.in_open_ones, &[&uses_here]) } }
                    </div>
                    if a.is_defined() {
                        <div class="glossary-defs"><span class="hint">{ tr.defined_in }</span>{ for defs }</div>
                    }
                </dd>
            </div>
        }
    };
    let shown: Vec<&Acronym> = x
        .glossary
        .acronyms
        .iter()
        .filter(|a| matches_filter(a, &filter))
        .collect();
    let defined: Vec<&&Acronym> = shown.iter().filter(|a| a.is_defined()).collect();
    let undefined: Vec<&&Acronym> = shown.iter().filter(|a| !a.is_defined()).collect();
    html! {
        <aside id="side-panel" data-testid="glossary-panel" class="themes-panel side-panel" aria-labelledby="glossary-panel-title">
            { panel_head(Panel::Glossary, lang, on_close.clone(), &dispatcher) }
            <section class="panel-section">
                <p class="hint">{ tr.glossary_hint }</p>
                <label class="visually-hidden" for="glossary-filter">{ tr.filter_glossary }</label>
                <input id="glossary-filter" data-testid="glossary-filter" type="search" placeholder={tr.glossary_placeholder} value={(*filter).clone()} oninput={on_filter} autocomplete="off" />
            </section>
            <section class="panel-section">
                <h3>{ fill(tr.defined_n, &[&defined.len()]) }</h3>
                <dl class="glossary">{ for defined.iter().map(|a| entry(a)) }</dl>
            </section>
            <section class="panel-section" data-testid="glossary-undefined">
                <h3>{ fill(tr.undefined_n, &[&undefined.len()]) }</h3>
                if undefined.is_empty() {
                    <p class="hint">{ tr.none }</p>
                } else {
                    <dl class="glossary">{ for undefined.iter().map(|a| entry(a)) }</dl>
                }
            </section>
        </aside>
    }
}
