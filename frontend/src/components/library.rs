//! The library: one card per document; pick 1–4 and read them side by side.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::doc_card::DocCard;
use crate::components::notices::Notices;
use crate::components::AppContext;
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
    html! {
        <main data-testid="library" class="library">
            <header class="library-head">
                <h1><span lang="ja">{"読み比べ"}</span>{" yomikurabe"}</h1>
                <p class="lede">{"Pick two to four documents and read them side by side."}</p>
            </header>
            <Notices notices={state.effects.notices.clone()} {on_dismiss} />
            if docs.is_empty() {
                <p class="empty">{"No documents to show."}</p>
            }
            <ul class="cards">
                { for docs.iter().map(|doc| html! {
                    <DocCard
                        key={doc.id.clone()}
                        summary={Rc::new(doc.clone())}
                        picked={state.picks.picked.contains(&doc.id)}
                        dispatcher={dispatcher.clone()}
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
        </main>
    }
}
