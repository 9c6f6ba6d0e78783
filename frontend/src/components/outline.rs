//! A document's sections; choosing one scrolls its column to the heading.

use yew::prelude::*;

use crate::browser::Landing;
use crate::i18n::use_t;
use crate::state::SharedCorpus;

/// Props of [`Outline`].
#[derive(Properties, PartialEq)]
pub struct OutlineProps {
    /// The corpus.
    pub corpus: SharedCorpus,
    /// The document.
    pub doc: AttrValue,
}

/// The outline of one document.
#[component]
pub fn Outline(props: &OutlineProps) -> Html {
    let t = use_t();
    let Some(doc) = props.corpus.document(&props.doc) else {
        return html! {};
    };
    let count = doc.sections.len();
    html! {
        <nav data-testid="outline" class="outline" aria-label={t.outline}>
            <details open={count > 0}>
                <summary>{ format!("{} ({count})", t.contents) }</summary>
                if count == 0 {
                    <p class="empty">{ t.no_headings }</p>
                } else {
                    <ol>
                        { for doc.sections.iter().map(|s| {
                            let doc_id = props.doc.clone();
                            let section = s.id.clone();
                            let onclick = Callback::from(move |_: MouseEvent| {
                                crate::components::column::reveal_passage(&doc_id, &section, Landing::Top);
                            });
                            html! {
                                <li class={format!("level-{}", s.level.clamp(1, 4))}>
                                    <button type="button" data-section={s.id.clone()} {onclick} lang="ja">{ s.title.clone() }</button>
                                </li>
                            }
                        }) }
                    </ol>
                }
            </details>
        </nav>
    }
}
