//! What a link could not show, said plainly (never a blank page instead).

use yew::prelude::*;

use crate::i18n::{use_lang, Notice};

/// Props of [`Notices`].
#[derive(Properties, PartialEq)]
pub struct NoticesProps {
    /// The messages (nothing is shown when empty).
    pub notices: Vec<Notice>,
    /// Hide them.
    pub on_dismiss: Callback<()>,
}

/// The notices box.
#[component]
pub fn Notices(props: &NoticesProps) -> Html {
    let lang = use_lang();
    let t = lang.t();
    if props.notices.is_empty() {
        return html! {};
    }
    let on_dismiss = props.on_dismiss.reform(|_: MouseEvent| ());
    html! {
        <div data-testid="notice" class="notice" role="status">
            <ul>
                { for props.notices.iter().map(|n| html! { <li>{ n.text(lang) }</li> }) }
            </ul>
            <button type="button" class="quiet" onclick={on_dismiss} aria-label={t.dismiss_label}>{ t.dismiss }</button>
        </div>
    }
}
