//! One document in the library: what it is, how long, how it opens; a box to pick it.

use std::rc::Rc;

use yew::prelude::*;
use yomikurabe_core::model::DocumentSummary;

use crate::reading;
use crate::state::{Action, AppState, PickAction};

/// Props of [`DocCard`].
#[derive(Properties, PartialEq)]
pub struct DocCardProps {
    /// What the card shows: the document's facts and opening (no parse needed).
    pub summary: Rc<DocumentSummary>,
    /// Whether it is picked.
    pub picked: bool,
    /// Where actions go.
    pub dispatcher: UseReducerDispatcher<AppState>,
}

/// A library card.
#[component]
pub fn DocCard(props: &DocCardProps) -> Html {
    let doc = &props.summary;
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
            <h2 class="doc-title" id={title_id.clone()} lang="ja">{ reading::title_of(doc.title.as_deref()) }</h2>
            if let Some(subtitle) = doc.subtitle.as_deref() {
                <p class="doc-subtitle" lang="ja">{ subtitle }</p>
            }
            <p class="doc-facts">
                if let Some(author) = doc.author.as_deref() {
                    <span class="doc-author" lang="ja">{ author }</span>
                }
                if let Some(date) = reading::date_line_of(doc.date.as_ref()) {
                    <span class="doc-date">{ date }</span>
                }
                <span class="doc-length">{ reading::length_line(doc.body_chars) }</span>
            </p>
            <p class="doc-opening" lang="ja">{ doc.opening.clone() }</p>
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
