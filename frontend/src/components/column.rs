//! One open document: a column that scrolls on its own, with its header, outline, passages
//! (body in reading order) and notes.

use yew::prelude::*;

use crate::components::column_header::ColumnHeader;
use crate::components::outline::Outline;
use crate::components::passage_view::PassageView;
use crate::reading::{self, reading_order};
use crate::state::{AppState, OpenNote, SharedCorpus};

/// Props of [`Column`].
#[derive(Properties, PartialEq)]
pub struct ColumnProps {
    /// The corpus.
    pub corpus: SharedCorpus,
    /// The document shown.
    pub doc: AttrValue,
    /// Its column index.
    pub column: usize,
    /// How many columns are open.
    pub columns: usize,
    /// The marked passage, if it is in this document.
    pub focus: Option<String>,
    /// The open footnote popover, if it is in this document.
    pub open_note: Option<OpenNote>,
    /// Whether this is the column shown on narrow screens.
    pub active: bool,
    /// The column scrolled.
    pub on_scroll: Callback<()>,
    /// Where actions go.
    pub dispatcher: UseReducerDispatcher<AppState>,
}

/// A reader column.
#[component]
pub fn Column(props: &ColumnProps) -> Html {
    let order = {
        let corpus = props.corpus.clone();
        use_memo(props.doc.clone(), move |d| {
            corpus.document(d).map(reading_order).unwrap_or_default()
        })
    };
    let Some(doc) = props.corpus.document(&props.doc) else {
        return html! {};
    };
    let on_scroll = props.on_scroll.reform(|_: Event| ());
    let passage = |i: usize| {
        let Some(p) = doc.passages.get(i) else {
            return html! {};
        };
        let open_note = props.open_note.as_ref().filter(|n| n.passage == p.id).map(|n| n.index);
        html! {
            <PassageView
                key={p.id.clone()}
                corpus={props.corpus.clone()}
                doc={props.doc.clone()}
                index={i}
                focused={props.focus.as_deref() == Some(p.id.as_str())}
                {open_note}
                dispatcher={props.dispatcher.clone()}
            />
        }
    };
    let title_id = format!("column-title-{}", props.doc);
    html! {
        <section
            data-testid="column"
            data-doc={props.doc.clone()}
            class={classes!("column", props.active.then_some("active"))}
            aria-labelledby={title_id}
            onscroll={on_scroll}
        >
            <ColumnHeader
                corpus={props.corpus.clone()}
                doc={props.doc.clone()}
                column={props.column}
                columns={props.columns}
                dispatcher={props.dispatcher.clone()}
            />
            <Outline corpus={props.corpus.clone()} doc={props.doc.clone()} />
            <div class="passages">
                if doc.passages.is_empty() {
                    <p class="empty">{"This document has no readable text."}</p>
                }
                { for order.body.iter().map(|&i| passage(i)) }
                if !order.notes.is_empty() {
                    <h3 class="notes-heading">{"Notes"}</h3>
                    { for order.notes.iter().map(|&i| passage(i)) }
                }
            </div>
            <p class="column-end" lang="ja">{ format!("— {} —", reading::title(doc)) }</p>
        </section>
    }
}
