//! One document in the library: what it is, how long, how it opens; a box to pick it.

use yew::prelude::*;

use crate::reading;
use crate::state::{Action, AppState, PickAction, SharedCorpus};

/// Characters of the opening shown on a card.
const OPENING_CHARS: usize = 90;

/// Props of [`DocCard`].
#[derive(Properties, PartialEq)]
pub struct DocCardProps {
    /// The corpus.
    pub corpus: SharedCorpus,
    /// Index of the document in the corpus.
    pub index: usize,
    /// Whether it is picked.
    pub picked: bool,
    /// Where actions go.
    pub dispatcher: UseReducerDispatcher<AppState>,
}

/// A library card.
#[component]
pub fn DocCard(props: &DocCardProps) -> Html {
    let Some(doc) = props.corpus.0.documents.get(props.index) else {
        return html! {};
    };
    let id = doc.id.clone();
    let on_pick = {
        let d = props.dispatcher.clone();
        let id = id.clone();
        Callback::from(move |_: Event| d.dispatch(Action::Pick(PickAction::Toggle(id.clone()))))
    };
    let pick_id = format!("pick-{id}");
    let title_id = format!("title-{id}");
    html! {
        <li data-testid="doc-card" data-doc={id.clone()} class={classes!("card", props.picked.then_some("picked"))}>
            <h2 class="doc-title" id={title_id.clone()} lang="ja">{ reading::title(doc) }</h2>
            if let Some(subtitle) = doc.subtitle.as_deref() {
                <p class="doc-subtitle" lang="ja">{ subtitle }</p>
            }
            <p class="doc-facts">
                if let Some(author) = doc.author.as_deref() {
                    <span class="doc-author" lang="ja">{ author }</span>
                }
                if let Some(date) = reading::date_line(doc) {
                    <span class="doc-date">{ date }</span>
                }
                <span class="doc-length">{ reading::length_line(doc.body_chars()) }</span>
            </p>
            <p class="doc-opening" lang="ja">{ reading::opening(doc, OPENING_CHARS) }</p>
            <div class="card-actions">
                <label class="pick" for={pick_id.clone()}>
                    <input
                        type="checkbox"
                        id={pick_id}
                        data-testid="pick"
                        data-doc={id.clone()}
                        checked={props.picked}
                        aria-describedby={title_id}
                        onchange={on_pick}
                    />
                    {" Pick"}
                </label>
                <a class="read-one" href={format!("#docs={id}")}>{"Read alone"}</a>
            </div>
        </li>
    }
}
