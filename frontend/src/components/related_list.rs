//! The passages related to one passage, in the other open columns (or, with one column, in the
//! rest of the corpus), ranked, each with its score and the shared terms and themes that explain
//! it; choosing one marks it in its column.

use crate::i18n::use_lang;
use yew::prelude::*;

use crate::components::theme_panel::short_title;
use crate::components::AppContext;
use crate::reading;
use crate::related::{related_items, score_text, search_docs, LIST_SIZE};
use crate::state::{Action, LayoutAction, Move};
use crate::view_state::PassageRef;

/// Props of [`RelatedList`].
#[derive(Properties, PartialEq)]
pub struct RelatedListProps {
    /// Document id of the passage asked about.
    pub doc: AttrValue,
    /// Its passage id.
    pub passage: AttrValue,
}

/// The list, shown under the passage.
#[component]
pub fn RelatedList(props: &RelatedListProps) -> Html {
    let lang = use_lang();
    let tr = lang.t();
    let Some(state) = use_context::<AppContext>() else {
        return html! {};
    };
    let items = {
        let analysis = state.analysis.0.clone();
        let key = (props.doc.clone(), props.passage.clone(), state.view.docs.clone());
        use_memo(key, move |(doc, passage, open)| {
            let in_docs = search_docs(&analysis, open, doc);
            related_items(&analysis, doc, passage, &in_docs, LIST_SIZE)
        })
    };
    let dispatcher = state.dispatcher();
    let on_close = {
        let d = dispatcher.clone();
        let (doc, passage) = (props.doc.to_string(), props.passage.to_string());
        Callback::from(move |_: MouseEvent| {
            d.dispatch(Action::Layout(LayoutAction::ToggleRelated(PassageRef::new(
                &doc, &passage,
            ))))
        })
    };
    let alone = state.view.docs.len() < 2;
    html! {
        <aside data-testid="related-list" class="related-list" aria-label={tr.related_passages}>
            <div class="related-head">
                <span class="related-title">{ if alone { tr.related_in_other_docs } else { tr.related_in_other_columns } }</span>
                <button type="button" class="quiet" onclick={on_close} aria-label={tr.close_related}>{"✕"}</button>
            </div>
            if items.is_empty() {
                <p class="hint">{ tr.no_related }</p>
            } else {
                <ol class="related-items">
                    { for items.iter().map(|item| {
                        let title = state.corpus.document(&item.doc).map(|d| reading::title(d, lang)).unwrap_or_default().to_string();
                        let onclick = {
                            let d = dispatcher.clone();
                            let (doc, passage) = (item.doc.clone(), item.passage.clone());
                            Callback::from(move |_: MouseEvent| d.dispatch(Action::Move(Move::OpenPassage { doc: doc.clone(), passage: passage.clone() })))
                        };
                        html! {
                            <li>
                                <button
                                    type="button"
                                    class="related-item"
                                    data-testid="related-item"
                                    data-doc={item.doc.clone()}
                                    data-passage={item.passage.clone()}
                                    data-score={item.score.to_string()}
                                    {onclick}
                                >
                                    <span class="related-where">
                                        <span class="related-doc" lang="ja" title={title.clone()}>{ short_title(&title, 14) }</span>
                                        <span class="related-score" title={tr.similarity}>{ score_text(item.score) }</span>
                                    </span>
                                    <span class="related-snippet" lang="ja">{ item.snippet.clone() }</span>
                                    <span class="related-why">
                                        { for item.themes.iter().map(|t| html! { <span class="why theme-why" lang="ja">{ t.clone() }</span> }) }
                                        { for item.terms.iter().map(|t| html! { <span class="why" lang="ja">{ t.clone() }</span> }) }
                                    </span>
                                </button>
                            </li>
                        }
                    }) }
                </ol>
            }
        </aside>
    }
}
