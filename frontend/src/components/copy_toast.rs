//! "Link copied": the link in a read-only box, so it can be copied by hand when the browser
//! refuses the clipboard (e.g. from `file://`).

use gloo::timers::callback::Timeout;
use yew::prelude::*;

use crate::i18n::use_t;
use crate::state::{ClipboardStatus, Toast};

/// How long a successful copy's message stays.
const HIDE_AFTER_MS: u32 = 10_000;

/// Props of [`CopyToast`].
#[derive(Properties, PartialEq)]
pub struct CopyToastProps {
    /// What to show.
    pub toast: Toast,
    /// Hide toast `id`.
    pub on_close: Callback<u64>,
}

/// The toast.
#[component]
pub fn CopyToast(props: &CopyToastProps) -> Html {
    let t = use_t();
    let input = use_node_ref();
    {
        let input = input.clone();
        let on_close = props.on_close.clone();
        use_effect_with((props.toast.id, props.toast.clipboard), move |&(id, status)| {
            let timer = match status {
                ClipboardStatus::Copied => Some(Timeout::new(HIDE_AFTER_MS, move || on_close.emit(id))),
                ClipboardStatus::Refused => {
                    // Ready to copy by hand.
                    if let Some(el) = input.cast::<web_sys::HtmlInputElement>() {
                        let _ = el.focus();
                        el.select();
                    }
                    None
                }
                ClipboardStatus::Pending => None,
            };
            move || drop(timer)
        });
    }
    let message = match props.toast.clipboard {
        ClipboardStatus::Pending => t.link_copied,
        ClipboardStatus::Copied => t.link_copied_clipboard,
        ClipboardStatus::Refused => t.link_copied_box,
    };
    let id = props.toast.id;
    let on_close = props.on_close.reform(move |_: MouseEvent| id);
    let on_focus = Callback::from(|e: FocusEvent| {
        let input: Option<web_sys::HtmlInputElement> = e.target_dyn_into();
        if let Some(i) = input {
            i.select();
        }
    });
    html! {
        <div data-testid="toast" class="toast" role="status" aria-live="polite">
            <p class="toast-message">{ message }</p>
            if crate::state::is_local_address(&props.toast.url) {
                <p class="toast-warning" data-testid="local-link">{ t.local_link_warning }</p>
            }
            <div class="toast-row">
                <input
                    data-testid="last-link"
                    type="text"
                    readonly=true
                    value={props.toast.url.clone()}
                    aria-label={t.link_to_passage}
                    onfocus={on_focus}
                    ref={input}
                />
                <button type="button" class="quiet" onclick={on_close}>{ t.close }</button>
            </div>
        </div>
    }
}
