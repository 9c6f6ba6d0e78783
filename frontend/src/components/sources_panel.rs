//! The sources panel: what each open document cites (statements, resolutions, agreements,
//! reports, laws, web pages), each source once however it is spelled, and the sources two or
//! more documents cite — one click opens every document citing it side by side at the mention.

use crate::i18n::{fill, s, use_lang, Lang};
use yew::prelude::*;
use yomikurabe_core::extract::citations::{Citation, CitationKind};

use crate::components::notes_panel::panel_head;
use crate::components::theme_panel::short_title;
use crate::components::AppContext;
use crate::reading;
use crate::state::{Action, LayoutAction, Move, Panel};

/// What a kind of source is called in the panel.
pub fn kind_label(lang: Lang, kind: CitationKind) -> &'static str {
    crate::i18n::kind_label(lang, kind)
}

/// The panel.
#[component]
pub fn SourcesPanel() -> Html {
    let lang = use_lang();
    let tr = lang.t();
    let Some(state) = use_context::<AppContext>() else {
        return html! {};
    };
    let dispatcher = state.dispatcher();
    let on_close = {
        let d = dispatcher.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::Layout(LayoutAction::ShowPanel(Panel::Sources))))
    };
    // The source picked in the text: its entry in view.
    use_effect_with(state.view.source.clone(), |source| {
        if source.is_some() {
            crate::browser::reveal("[data-testid=sources-panel] [data-testid=source-item][data-selected=\"true\"]");
        }
    });
    let Some(x) = state.extracts.clone() else {
        return html! {
            <aside id="side-panel" data-testid="sources-panel" class="themes-panel side-panel" aria-labelledby="sources-panel-title">
                { panel_head(Panel::Sources, lang, on_close.clone(), &dispatcher) }
                <p class="hint panel-section">{ tr.finding_sources }</p>
            </aside>
        };
    };
    let corpus = &state.corpus.0;
    let selected = state.view.source.clone();
    let side_by_side = |c: &Citation| {
        let d = dispatcher.clone();
        let id = c.id.clone();
        let n = c.documents().len();
        let onclick = Callback::from(move |_: MouseEvent| d.dispatch(Action::Move(Move::OpenSource(id.clone()))));
        html! {
            <button type="button" class="small" data-testid="open-shared-source" data-source={c.id.clone()} {onclick}
                title={fill(tr.open_citing_side_by_side, &[&n])}>
                { fill(tr.read_n_side_by_side, &[&n]) }
            </button>
        }
    };
    let citing = |c: &Citation| {
        let titles: Vec<String> = c
            .documents()
            .iter()
            .filter_map(|&d| corpus.documents.get(d))
            .map(|d| short_title(reading::title(d, lang), 12))
            .collect();
        titles.join(" · ")
    };
    let item = |c: &Citation, count: Option<(usize, usize)>| {
        let shared = c.is_shared();
        let is_selected = selected.as_deref() == Some(c.id.as_str());
        let pick = {
            let d = dispatcher.clone();
            let id = (!is_selected).then(|| c.id.clone());
            Callback::from(move |_: MouseEvent| d.dispatch(Action::Move(Move::ShowSource(id.clone()))))
        };
        // Go to the first mention in this document.
        let first = count.and_then(|(doc, _)| {
            let m = c.mentions.iter().find(|m| m.span.document == doc)?;
            let d = corpus.documents.get(doc)?;
            let p = d.passages.get(m.span.passage)?;
            let (id, passage, disp) = (d.id.clone(), p.id.clone(), dispatcher.clone());
            Some(Callback::from(move |_: MouseEvent| {
                disp.dispatch(Action::Move(Move::Focus {
                    doc: id.clone(),
                    passage: passage.clone(),
                }))
            }))
        });
        html! {
            <li class={classes!("source-item", shared.then_some("shared"), is_selected.then_some("selected"))}
                data-testid="source-item" data-source={c.id.clone()} data-kind={c.kind.as_str()}
                data-shared={shared.then_some("true")} data-selected={is_selected.then_some("true")}>
                <div class="source-line">
                    <button type="button" class="link-button source-label" lang="ja" onclick={pick}
                        aria-pressed={if is_selected { "true" } else { "false" }}
                        title={if is_selected { tr.stop_picking_mentions } else { tr.pick_mentions }}>
                        { c.label.clone() }
                    </button>
                    <span class="source-kind">{ kind_label(lang, c.kind) }</span>
                    if shared {
                        <span class="shared-badge" title={fill(tr.cited_by_n, &[&c.documents().len()])}>{ fill(tr.shared_n, &[&c.documents().len()]) }</span>
                    }
                </div>
                <div class="source-actions">
                    if let Some(href) = c.mentions.iter().find_map(|m| reading::href(&m.text)) {
                        <a class="note-link" data-testid="source-link" {href} target="_blank" rel="noopener noreferrer">{ tr.open_web_page }</a>
                    }
                    if let (Some(onclick), Some((_, n))) = (first, count) {
                        <button type="button" class="link-button" data-testid="source-goto" {onclick}>
                            { if n == 1 { tr.go_to_mention.to_string() } else { fill(tr.go_to_first_of, &[&n]) } }
                        </button>
                    }
                    if shared {
                        <span class="hint" lang="ja">{ citing(c) }</span>
                        { side_by_side(c) }
                    }
                </div>
            </li>
        }
    };
    let shared: Vec<&Citation> = x.citations.iter().filter(|c| c.is_shared()).collect();
    let docs: Vec<(usize, &yomikurabe_core::model::Document)> = state
        .view
        .docs
        .iter()
        .filter_map(|id| corpus.documents.iter().enumerate().find(|(_, d)| d.id == *id))
        .collect();
    html! {
        <aside id="side-panel" data-testid="sources-panel" class="themes-panel side-panel" aria-labelledby="sources-panel-title">
            { panel_head(Panel::Sources, lang, on_close.clone(), &dispatcher) }
            <section class="panel-section">
                <p class="hint">{ tr.sources_hint }</p>
                if selected.is_some() {
                    <button type="button" class="small" data-testid="clear-source" onclick={
                        let d = dispatcher.clone();
                        Callback::from(move |_: MouseEvent| d.dispatch(Action::Move(Move::ShowSource(None))))
                    }>{ tr.stop_picking_source }</button>
                }
            </section>
            <section class="panel-section" data-testid="shared-sources">
                <h3>{ fill(tr.shared_sources, &[&shared.len()]) }</h3>
                if shared.is_empty() {
                    <p class="hint">{ tr.no_shared_source }</p>
                } else {
                    <ul class="source-list">{ for shared.iter().map(|c| item(c, None)) }</ul>
                }
            </section>
            { for docs.iter().map(|&(d, doc)| {
                let list = x.sources_of(d);
                html! {
                    <section class="panel-section" data-testid="document-sources" data-doc={doc.id.clone()}>
                        <h3 lang="ja">{ reading::title(doc, lang).to_string() }</h3>
                        <p class="hint">{ fill(tr.n_sources_cited, &[&list.len(), &s(list.len())]) }</p>
                        <ul class="source-list">
                            { for list.iter().filter_map(|&(i, n)| Some(item(x.citations.get(i)?, Some((d, n))))) }
                        </ul>
                    </section>
                }
            }) }
        </aside>
    }
}
