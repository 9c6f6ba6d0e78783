//! One document in the library: what it is, how long, how it opens; a box to pick it.

use crate::i18n::use_lang;
use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;
use yomikurabe_core::model::DocumentSummary;
use yomikurabe_core::pack::Corrections;

use crate::components::parse_report::ParseReport;
use crate::reading;
use crate::shelf::ShelfAction;
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
    /// The file it was added from, and the encoding it was decoded from.
    pub file: AttrValue,
    /// The encoding it was decoded from, where it came from bytes.
    pub encoding: Option<AttrValue>,
    /// What a person corrected.
    pub corrected: Corrections,
    /// Its place in the reading order, and how many documents there are.
    pub position: (usize, usize),
}

fn value(r: &NodeRef) -> Option<String> {
    r.cast::<HtmlInputElement>().map(|i| i.value())
}

/// A library card.
#[component]
pub fn DocCard(props: &DocCardProps) -> Html {
    let lang = use_lang();
    let tr = lang.t();
    let doc = &props.summary;
    let id = doc.id.clone();
    let on_pick = {
        let d = props.dispatcher.clone();
        let id = id.clone();
        Callback::from(move |_: Event| d.dispatch(Action::Pick(PickAction::Toggle(id.clone()))))
    };
    let pick_id = format!("pick-{id}");
    let title_id = format!("title-{id}");
    let shelf = |a: ShelfAction| {
        let d = props.dispatcher.clone();
        let a = a.clone();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::Shelf(a.clone())))
    };
    let (at, count) = props.position;
    let on_up = shelf(ShelfAction::Reorder { id: id.clone(), by: -1 });
    let on_down = shelf(ShelfAction::Reorder { id: id.clone(), by: 1 });
    let on_remove = shelf(ShelfAction::Remove(id.clone()));
    let (title_ref, author_ref, date_ref) = (use_node_ref(), use_node_ref(), use_node_ref());
    let on_correct = {
        let d = props.dispatcher.clone();
        let id = id.clone();
        let (t, a, dt) = (title_ref.clone(), author_ref.clone(), date_ref.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            d.dispatch(Action::Shelf(ShelfAction::Correct {
                id: id.clone(),
                corrections: Corrections {
                    title: value(&t),
                    author: value(&a),
                    date: value(&dt),
                    ..Default::default()
                },
            }));
        })
    };
    let open = use_state(|| false);
    let on_toggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            if let Some(d) = e.target_dyn_into::<web_sys::HtmlDetailsElement>() {
                open.set(d.open());
            }
        })
    };
    // The fields show the document's facts when they change, and are otherwise the person's (a
    // `value` prop would be written back over what they type at every render).
    {
        let (t, a, dt) = (title_ref.clone(), author_ref.clone(), date_ref.clone());
        let shown = (
            props
                .corrected
                .title
                .clone()
                .or_else(|| doc.title.clone())
                .unwrap_or_default(),
            props
                .corrected
                .author
                .clone()
                .or_else(|| doc.author.clone())
                .unwrap_or_default(),
            props
                .corrected
                .date
                .clone()
                .or_else(|| doc.date.as_ref().map(|d| d.iso.clone()))
                .unwrap_or_default(),
            *open,
        );
        use_effect_with(shown, move |(title, author, date, _)| {
            for (r, v) in [(&t, title), (&a, author), (&dt, date)] {
                if let Some(input) = r.cast::<HtmlInputElement>() {
                    input.set_value(v);
                }
            }
        });
    }
    let source_line = match &props.encoding {
        Some(enc) => format!("{} · {enc}", props.file),
        None => props.file.to_string(),
    };
    html! {
        <li data-testid="doc-card" data-doc={id.clone()} class={classes!("card", props.picked.then_some("picked"))}>
            <h2 class="doc-title" id={title_id.clone()} lang="ja">{ reading::title_of(doc.title.as_deref(), lang) }</h2>
            if let Some(subtitle) = doc.subtitle.as_deref() {
                <p class="doc-subtitle" lang="ja">{ subtitle }</p>
            }
            <p class="doc-facts">
                if let Some(author) = doc.author.as_deref() {
                    <span class="doc-author" lang="ja">{ author }</span>
                }
                if let Some(date) = reading::date_line_of(doc.date.as_ref(), lang) {
                    <span class="doc-date">{ date }</span>
                }
                <span class="doc-length">{ reading::length_line(doc.body_chars, lang) }</span>
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
                    {" "}{ tr.pick }
                </label>
                <a class="read-one" href={format!("#docs={id}")}>{ tr.read_alone }</a>
            </div>
            <details class="card-edit" data-testid="card-edit" ontoggle={on_toggle}>
                <summary>{ tr.details_and_corrections }</summary>
                <p class="doc-source" data-testid="doc-source">{ source_line }</p>
                if *open {
                    <ParseReport doc={AttrValue::from(id.clone())} corrected={props.corrected.clone()} />
                }
                <form class="correct" onsubmit={on_correct}>
                    <label>{ tr.title_label }{" "}<input ref={title_ref} data-testid="correct-title" lang="ja" /></label>
                    <label>{ tr.author_label }{" "}<input ref={author_ref} data-testid="correct-author" lang="ja" /></label>
                    <label>{ tr.date_label }{" "}<input ref={date_ref} data-testid="correct-date" placeholder="2024-03-15" /></label>
                    <button type="submit" data-testid="correct-save">{ tr.save_corrections }</button>
                </form>
                <div class="card-order">
                    <button type="button" class="quiet" data-testid="move-up" disabled={at == 0} onclick={on_up}
                        aria-label={tr.earlier_label}>{ tr.earlier }</button>
                    <button type="button" class="quiet" data-testid="move-down" disabled={at + 1 >= count} onclick={on_down}
                        aria-label={tr.later_label}>{ tr.later }</button>
                    <button type="button" class="quiet danger" data-testid="remove-doc" onclick={on_remove}>{ tr.remove_from_shelf }</button>
                </div>
            </details>
        </li>
    }
}
