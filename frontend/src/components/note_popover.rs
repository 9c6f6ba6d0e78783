//! A footnote's text, opened from its marker; says so plainly when the source lacks it.

use crate::i18n::{fill, use_lang};
use yew::prelude::*;

use crate::browser;
use crate::reading::{link_pieces, Piece};

/// A note text with its web addresses as links that open in a new tab (and tell the page
/// nothing about where the reader came from).
pub fn linked_text(text: &str) -> Html {
    link_pieces(text)
        .into_iter()
        .map(|p| match p {
            Piece::Text(t) => html! { { t.to_string() } },
            Piece::Link(shown, href) => html! {
                <a class="note-link" data-testid="note-link" {href} target="_blank" rel="noopener noreferrer" lang="en">{ shown.to_string() }</a>
            },
        })
        .collect()
}

/// Props of [`NotePopover`].
#[derive(Properties, PartialEq)]
pub struct NotePopoverProps {
    /// The note number.
    pub number: u32,
    /// Its text, `None` when the source has a marker but no note text.
    pub text: Option<AttrValue>,
    /// Close it.
    pub on_close: Callback<()>,
    /// Whether the text looks cut off in the source.
    #[prop_or_default]
    pub cut_off: bool,
    /// Go to the note in the Notes list, when it is there.
    pub on_show: Option<Callback<()>>,
}

/// The popover.
#[component]
pub fn NotePopover(props: &NotePopoverProps) -> Html {
    let lang = use_lang();
    let tr = lang.t();
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
            aria-label={fill(tr.note_n, &[&props.number])}
            tabindex="-1"
            ref={node}
        >
            <div class="note-popover-head">
                <span class="note-popover-title">{ fill(tr.note_n, &[&props.number]) }</span>
                <button type="button" class="quiet" onclick={on_close} aria-label={tr.close_note}>{"✕"}</button>
            </div>
            if let Some(text) = props.text.clone() {
                <p lang="ja">{ linked_text(&text) }</p>
                if props.cut_off {
                    <p class="missing-text" data-testid="note-cut-off">{ tr.note_cut_off }</p>
                }
            } else {
                <p class="missing-text">{ tr.note_absent }</p>
            }
            if let Some(on_show) = props.on_show.clone() {
                <button type="button" class="link-button" onclick={on_show.reform(|_: MouseEvent| ())}>{ tr.show_in_notes }</button>
            }
        </aside>
    }
}
