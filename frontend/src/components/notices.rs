//! What a link could not show, said plainly (never a blank page instead).

use yew::prelude::*;

/// Props of [`Notices`].
#[derive(Properties, PartialEq)]
pub struct NoticesProps {
    /// The messages (nothing is shown when empty).
    pub notices: Vec<String>,
    /// Hide them.
    pub on_dismiss: Callback<()>,
}

/// The notices box.
#[component]
pub fn Notices(props: &NoticesProps) -> Html {
    if props.notices.is_empty() {
        return html! {};
    }
    let on_dismiss = props.on_dismiss.reform(|_: MouseEvent| ());
    html! {
        <div data-testid="notice" class="notice" role="status">
            <ul>
                { for props.notices.iter().map(|n| html! { <li>{ n }</li> }) }
            </ul>
            <button type="button" class="quiet" onclick={on_dismiss} aria-label="Dismiss these messages">{"Dismiss"}</button>
        </div>
    }
}
