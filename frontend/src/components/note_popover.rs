//! A footnote's text, opened from its marker; says so plainly when the source lacks it.

use yew::prelude::*;

use crate::browser;

/// Props of [`NotePopover`].
#[derive(Properties, PartialEq)]
pub struct NotePopoverProps {
    /// The note number.
    pub number: u32,
    /// Its text, `None` when the source has a marker but no note text.
    pub text: Option<AttrValue>,
    /// Close it.
    pub on_close: Callback<()>,
    /// Go to the note in the Notes list, when it is there.
    pub on_show: Option<Callback<()>>,
}

/// The popover.
#[component]
pub fn NotePopover(props: &NotePopoverProps) -> Html {
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with(props.number, move |_| {
            browser::focus(node.cast::<web_sys::HtmlElement>())
        });
    }
    let on_close = props.on_close.reform(|_: MouseEvent| ());
    let missing = props.text.is_none();
    html! {
        <aside
            data-testid="note-popover"
            data-missing={missing.then_some("true")}
            class={classes!("note-popover", missing.then_some("missing"))}
            role="dialog"
            aria-label={format!("Note {}", props.number)}
            tabindex="-1"
            ref={node}
        >
            <div class="note-popover-head">
                <span class="note-popover-title">{ format!("Note {}", props.number) }</span>
                <button type="button" class="quiet" onclick={on_close} aria-label="Close note (Esc)">{"✕"}</button>
            </div>
            if let Some(text) = props.text.clone() {
                <p lang="ja">{ text }</p>
            } else {
                <p class="missing-text">{"note text not in the source"}</p>
            }
            if let Some(on_show) = props.on_show.clone() {
                <button type="button" class="link-button" onclick={on_show.reform(|_: MouseEvent| ())}>{"Show in the notes"}</button>
            }
        </aside>
    }
}
