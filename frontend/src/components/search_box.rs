//! The search box, always in the bar (library and reader; `/` comes to it): every keystroke is
//! a new query, answered at once. Enter steps to the next hit in the open columns (Shift+Enter
//! the previous one).

use yew::prelude::*;

use crate::components::AppContext;
use crate::state::{Action, SearchMove};

/// Id of the box (`/` focuses it).
pub const SEARCH_INPUT_ID: &str = "search-input";

/// Props of [`SearchBox`].
#[derive(Properties, PartialEq)]
pub struct SearchBoxProps {
    /// Enter and Shift+Enter: to the next (`true`) or previous hit.
    #[prop_or_default]
    pub on_step: Option<Callback<bool>>,
}

/// The box.
#[component]
pub fn SearchBox(props: &SearchBoxProps) -> Html {
    let Some(state) = use_context::<AppContext>() else {
        return html! {};
    };
    let input = use_node_ref();
    // The box shows the view's query when the view changes under it (a link, back/forward),
    // never over what is being typed (no `value` prop: Yew would write it back on each render).
    {
        let input = input.clone();
        use_effect_with(state.view.search.query.clone(), move |q| {
            if let Some(el) = input.cast::<web_sys::HtmlInputElement>() {
                if el.value() != *q {
                    el.set_value(q);
                }
            }
        });
    }
    let d = state.dispatcher();
    let oninput = Callback::from(move |e: InputEvent| {
        if let Some(el) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
            d.dispatch(Action::Search(SearchMove::Type(el.value())));
        }
    });
    let d = state.dispatcher();
    let on_step = props.on_step.clone();
    let onkeydown = Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
        "Enter" => {
            e.prevent_default();
            if let Some(step) = &on_step {
                step.emit(!e.shift_key());
            }
        }
        "Escape" => {
            e.stop_propagation();
            d.dispatch(Action::Search(SearchMove::Clear));
        }
        _ => {}
    });
    html! {
        <form class="search-box" role="search" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
            <label class="visually-hidden" for={SEARCH_INPUT_ID}>{"Search every document"}</label>
            <input
                id={SEARCH_INPUT_ID}
                ref={input}
                data-testid="search-input"
                type="search"
                placeholder="Search all documents ( / )"
                autocomplete="off"
                spellcheck="false"
                {oninput}
                {onkeydown}
            />
        </form>
    }
}
