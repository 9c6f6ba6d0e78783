//! The library: one card per document; pick 1–4 and read them side by side.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::search_box::SearchBox;
use crate::components::search_panel::SearchPanel;

use crate::components::doc_card::DocCard;
use crate::components::notices::Notices;
use crate::components::shelf_panel::{add_files, ShelfPanel};
use crate::components::AppContext;
use crate::files;
use crate::state::{pick_problem, Action, Feedback, Move};

/// The library view.
#[component]
pub fn Library() -> Html {
    let Some(state) = use_context::<AppContext>() else {
        return html! {};
    };
    let dispatcher = state.dispatcher();
    let picked = state.picks.picked.len();
    let problem = pick_problem(picked);
    let status = match &problem {
        Some(why) => why.clone(),
        None => format!("{picked} picked."),
    };
    let on_open = {
        let d = dispatcher.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::Move(Move::OpenPicked)))
    };
    let on_dismiss = {
        let d = dispatcher.clone();
        Callback::from(move |_| d.dispatch(Action::Effect(Feedback::DismissNotices)))
    };
    let docs = state.analysis.0.summaries().clone();
    let busy = use_state(|| None::<String>);
    let dragging = use_state(|| false);
    let on_dragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(true);
        })
    };
    let on_dragleave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let on_drop = {
        let d = dispatcher.clone();
        let busy = busy.clone();
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            let list = files::files_of(e.data_transfer().and_then(|t| t.files()));
            add_files(list, None, d.clone(), busy.clone());
        })
    };
    let pack = state.shelf.0.pack.clone();
    html! {
        <main data-testid="library" class={classes!("library", dragging.then_some("dragging"))}
            ondragover={on_dragover} ondragleave={on_dragleave} ondrop={on_drop}>
            <header class="library-head">
                <h1><span lang="ja">{"読み比べ"}</span>{" yomikurabe"}</h1>
                <p class="lede">{"Pick two to four documents and read them side by side."}</p>
                <SearchBox />
            </header>
            <Notices notices={state.effects.notices.clone()} {on_dismiss} />
            if state.view.search.is_active() {
                <SearchPanel />
            }
            if docs.is_empty() {
                <p class="empty">{"No documents to show."}</p>
            }
            <ul class="cards">
                { for docs.iter().zip(pack.documents.iter()).enumerate().map(|(i, (doc, source))| html! {
                    <DocCard
                        key={doc.id.clone()}
                        summary={Rc::new(doc.clone())}
                        picked={state.picks.picked.contains(&doc.id)}
                        dispatcher={dispatcher.clone()}
                        file={AttrValue::from(source.file.clone())}
                        encoding={source.encoding.clone().map(AttrValue::from)}
                        corrected={source.corrected.clone()}
                        position={(i, docs.len())}
                    />
                }) }
            </ul>
            <div class="pick-bar">
                <button
                    type="button"
                    data-testid="open-selected"
                    class="primary"
                    disabled={problem.is_some()}
                    aria-describedby="pick-status"
                    onclick={on_open}
                >
                    {"Read side by side"}
                </button>
                <p id="pick-status" class={classes!("pick-status", problem.is_some().then_some("why"))} aria-live="polite">
                    {status}
                </p>
            </div>
            <ShelfPanel busy={busy.clone()} />
        </main>
    }
}
