//! The top of a column (stays in view): title, what is known of author and date, a select to
//! swap or close the document, and a way back to the top.

use yew::prelude::*;

use crate::i18n::use_lang;
use crate::reading;
use crate::state::{Action, AppState, Move, SharedCorpus};

/// The select's value that closes the column.
const CLOSE: &str = "";

/// Props of [`ColumnHeader`].
#[derive(Properties, PartialEq)]
pub struct ColumnHeaderProps {
    /// The corpus.
    pub corpus: SharedCorpus,
    /// The document shown.
    pub doc: AttrValue,
    /// Its column index.
    pub column: usize,
    /// How many columns are open.
    pub columns: usize,
    /// Where actions go.
    pub dispatcher: UseReducerDispatcher<AppState>,
}

/// A column's header.
#[component]
pub fn ColumnHeader(props: &ColumnHeaderProps) -> Html {
    let lang = use_lang();
    let t = lang.t();
    let node = use_node_ref();
    let Some(doc) = props.corpus.document(&props.doc) else {
        return html! {};
    };
    let on_change = {
        let d = props.dispatcher.clone();
        let column = props.column;
        Callback::from(move |e: Event| {
            let select: Option<web_sys::HtmlSelectElement> = e.target_dyn_into();
            if let Some(select) = select {
                let value = select.value();
                if value == CLOSE {
                    d.dispatch(Action::Move(Move::RemoveColumn(column)));
                } else {
                    d.dispatch(Action::Move(Move::SwapColumn { column, doc: value }));
                }
            }
        })
    };
    let on_top = {
        let node = node.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(col) = node.cast::<web_sys::Element>().and_then(|h| h.parent_element()) {
                col.set_scroll_top(0);
            }
        })
    };
    let facts: Vec<String> = [
        doc.author.clone(),
        doc.affiliation.clone(),
        reading::date_line(doc, lang),
    ]
    .into_iter()
    .flatten()
    .collect();
    html! {
        <header class="column-header" ref={node}>
            <div class="column-title-row">
                <h2 data-testid="column-title" class="column-title" id={format!("column-title-{}", props.doc)} lang="ja" title={reading::title(doc, lang).to_string()}>
                    { reading::title(doc, lang) }
                </h2>
                <button type="button" class="quiet to-top" onclick={on_top} aria-label={t.back_to_top_label} title={t.back_to_top}>{"↑"}</button>
            </div>
            if !facts.is_empty() {
                <p class="column-facts" lang="ja">{ facts.join(" · ") }</p>
            }
            <label class="swap">
                <span class="visually-hidden">{ crate::i18n::column_label(lang, props.column + 1) }</span>
                <select onchange={on_change}>
                    { for props.corpus.0.documents.iter().map(|d| html! {
                        <option value={d.id.clone()} selected={d.id == props.doc.as_str()} lang="ja">{ reading::title(d, lang) }</option>
                    }) }
                    <option value={CLOSE}>{ if props.columns > 1 { t.close_column } else { t.close_last_column } }</option>
                </select>
            </label>
        </header>
    }
}
