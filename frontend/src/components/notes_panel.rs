//! The notes panel: every footnote of the open documents, its text (web addresses as links
//! that open in a new tab), whether the source cut it off or lacks it, and a way back to every
//! marker that cites it.

use yew::prelude::*;
use yomikurabe_core::model::Document;

use crate::components::note_popover::linked_text;
use crate::components::AppContext;
use crate::i18n::{fill, s, use_lang, Lang};
use crate::reading;
use crate::state::{Action, AppState, LayoutAction, Move, Panel};

/// A short place name for a passage: its section heading's first characters, else its id.
pub fn place(doc: &Document, passage: &str) -> String {
    let Some(p) = doc.passage(passage) else {
        return passage.to_string();
    };
    let head: String = p.text.chars().take(14).collect();
    if p.text.chars().count() > 14 {
        format!("{head}…")
    } else {
        head
    }
}

/// The close button and title every side panel starts with, and (on phones, where the reader
/// bar has room for one panel button only) the tabs to the other panels and the timeline.
pub fn panel_head(
    panel: Panel,
    lang: Lang,
    on_close: Callback<MouseEvent>,
    dispatcher: &UseReducerDispatcher<AppState>,
) -> Html {
    let id = format!("{}-panel-title", panel.key());
    html! {
        <>
            <header class="panel-head">
                <h2 {id}>{ panel.label(lang) }</h2>
                <button type="button" class="quiet" onclick={on_close} aria-label={fill(lang.t().close_panel, &[&panel.label(lang).to_lowercase()])}>{"✕"}</button>
            </header>
            { panel_tabs(panel, lang, dispatcher) }
        </>
    }
}

/// Tabs to every panel and the timeline (shown on narrow screens only).
pub fn panel_tabs(current: Panel, lang: Lang, dispatcher: &UseReducerDispatcher<AppState>) -> Html {
    let tab = |panel: Panel| {
        let d = dispatcher.clone();
        let on = panel == current;
        let onclick = Callback::from(move |_: MouseEvent| {
            if !on {
                d.dispatch(Action::Layout(LayoutAction::ShowPanel(panel)))
            }
        });
        html! {
            <button type="button" class={classes!("panel-tab", on.then_some("on"))} data-testid="panel-tab" data-panel={panel.key()}
                aria-pressed={if on { "true" } else { "false" }} {onclick}>{ panel.label(lang) }</button>
        }
    };
    let on_timeline = {
        let d = dispatcher.clone();
        Callback::from(move |_: MouseEvent| {
            d.dispatch(Action::Layout(LayoutAction::ToggleTimeline));
            d.dispatch(Action::Layout(LayoutAction::ClosePanel)); // the sheet would hide it
        })
    };
    html! {
        <nav class="panel-tabs" aria-label={lang.t().panels}>
            { for Panel::ALL.into_iter().map(tab) }
            <button type="button" class="panel-tab" data-testid="panel-tab" data-panel="timeline" onclick={on_timeline}>{ lang.t().timeline }</button>
        </nav>
    }
}

/// The panel.
#[component]
pub fn NotesPanel() -> Html {
    let lang = use_lang();
    let tr = lang.t();
    let Some(state) = use_context::<AppContext>() else {
        return html! {};
    };
    let dispatcher = state.dispatcher();
    let on_close = {
        let d = dispatcher.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::Layout(LayoutAction::ShowPanel(Panel::Notes))))
    };
    let docs: Vec<&Document> = state.open_documents().collect();
    let section = |doc: &Document| {
        // Every number a note text or a marker gives, in order.
        let mut numbers: Vec<u32> = doc.notes.iter().map(|n| n.number).collect();
        numbers.extend(doc.passages.iter().flat_map(|p| p.note_refs.iter().map(|r| r.number)));
        yomikurabe_core::text::sort::ascending(&mut numbers);
        numbers.dedup();
        let absent = numbers
            .iter()
            .filter(|&&n| reading::note_text(doc, n).is_none())
            .count();
        let cut = doc.notes.iter().filter(|n| n.is_cut_off()).count();
        let sep = if lang == Lang::Ja { "、" } else { ", " };
        let mut summary = fill(tr.notes_summary, &[&numbers.len(), &s(numbers.len())]);
        if cut > 0 {
            summary.push_str(sep);
            summary.push_str(&fill(tr.notes_cut, &[&cut]));
        }
        if absent > 0 {
            summary.push_str(sep);
            summary.push_str(&fill(tr.notes_absent, &[&absent]));
        }
        let item = |n: u32| {
            let text = reading::note_text(doc, n);
            let cut_off = doc.note(n).is_some_and(|x| x.is_cut_off());
            let status = match (text.is_some(), cut_off) {
                (false, _) => "absent",
                (true, true) => "cut-off",
                (true, false) => "ok",
            };
            let refs = reading::references(doc, n);
            let backs = refs.iter().enumerate().map(|(k, p)| {
                let d = dispatcher.clone();
                let (id, passage) = (doc.id.clone(), p.id.clone());
                let onclick = Callback::from(move |_: MouseEvent| {
                    d.dispatch(Action::Move(Move::Focus {
                        doc: id.clone(),
                        passage: passage.clone(),
                    }))
                });
                html! {
                    <button type="button" class="link-button" data-testid="note-backlink" data-passage={p.id.clone()} {onclick}
                        aria-label={fill(tr.back_to_note_ref, &[&n, &(k + 1), &refs.len()])}>
                        {"↩ "}<span lang="ja">{ place(doc, &p.id) }</span>
                    </button>
                }
            });
            let show = doc
                .note(n)
                .and_then(|x| x.passage.clone())
                .filter(|p| doc.passage(p).is_some())
                .map(|passage| {
                    let d = dispatcher.clone();
                    let id = doc.id.clone();
                    let onclick = Callback::from(move |_: MouseEvent| {
                        d.dispatch(Action::Move(Move::Focus {
                            doc: id.clone(),
                            passage: passage.clone(),
                        }))
                    });
                    html! { <button type="button" class="link-button" {onclick}>{ tr.show_in_column }</button> }
                });
            html! {
                <li class={classes!("panel-note", status.to_string())} data-testid="panel-note" data-doc={doc.id.clone()} data-note={n.to_string()} data-status={status}>
                    <span class="note-number">{ format!("{n}.") }</span>{ " " }
                    if let Some(t) = text {
                        <span lang="ja">{ linked_text(t) }</span>
                        if cut_off {
                            <span class="cut-off-flag">{ tr.note_cut_off }</span>
                        }
                    } else {
                        <span class="missing-text">{ tr.note_absent }</span>
                    }
                    <div class="note-backlinks">
                        if refs.is_empty() {
                            <span class="hint">{ tr.no_marker }</span>
                        } else {
                            <span class="hint">{ tr.cited_at }</span>{ for backs }
                        }
                        { for show }
                    </div>
                </li>
            }
        };
        html! {
            <section class="panel-section" aria-label={fill(tr.notes_of, &[&reading::title(doc, lang)])}>
                <h3 lang="ja">{ reading::title(doc, lang).to_string() }</h3>
                <p class="hint">{ summary }</p>
                if !numbers.is_empty() {
                    <ol class="panel-notes">{ for numbers.iter().map(|&n| item(n)) }</ol>
                }
            </section>
        }
    };
    html! {
        <aside id="side-panel" data-testid="notes-panel" class="themes-panel side-panel" aria-labelledby="notes-panel-title">
            { panel_head(Panel::Notes, lang, on_close, &dispatcher) }
            { for docs.iter().map(|d| section(d)) }
        </aside>
    }
}
