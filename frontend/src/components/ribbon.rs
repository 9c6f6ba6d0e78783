//! Where do the active themes occur along a document? A thin SVG strip beside the column: one
//! lane per active theme, one tick per passage where it occurs (at its place along the text);
//! a tick takes the column to that occurrence. Without active themes it is an empty hairline.

use crate::i18n::{fill, use_lang};
use yew::prelude::*;

use crate::state::{Action, AppState, SharedCorpus, SharedThemes, ThemeMove};
use crate::themes::{ribbon_ticks, OccurrenceAt};

/// Height of the SVG's coordinate system (it is stretched to the column's height). Whole
/// numbers: formatting floats would add their formatting code to the wasm.
const SPAN: u32 = 10_000;
/// Height of a tick, in those units.
const TICK: u32 = 80;
/// Width of one theme's lane, in pixels.
const LANE: usize = 5;

/// Props of [`Ribbon`].
#[derive(Properties, PartialEq)]
pub struct RibbonProps {
    /// The corpus.
    pub corpus: SharedCorpus,
    /// The document.
    pub doc: AttrValue,
    /// The active themes.
    pub themes: SharedThemes,
    /// Where actions go.
    pub dispatcher: UseReducerDispatcher<AppState>,
}

/// The ribbon of one column.
#[component]
pub fn Ribbon(props: &RibbonProps) -> Html {
    let lang = use_lang();
    let tr = lang.t();
    let ticks = {
        let corpus = props.corpus.clone();
        use_memo((props.themes.clone(), props.doc.clone()), move |(themes, doc)| {
            ribbon_ticks(&corpus.0, doc, &themes.active)
        })
    };
    let active = &props.themes.active;
    let Some(doc) = props.corpus.document(&props.doc) else {
        return html! {};
    };
    // Without themes, a hairline that only keeps the place.
    let width = if active.is_empty() { 3 } else { active.len() * LANE + 2 };
    let title = doc.title.clone().unwrap_or_default();
    html! {
        <svg
            data-testid="ribbon"
            data-doc={props.doc.clone()}
            class="ribbon"
            width={width.to_string()}
            viewBox={format!("0 0 {width} {SPAN}")}
            preserveAspectRatio="none"
            role="group"
            aria-label={fill(tr.ribbon_label, &[&title])}
        >
            { for active.iter().map(|t| {
                let x = 1 + t.slot * LANE;
                html! { <rect class="lane" data-slot={t.slot.to_string()} x={x.to_string()} y="0" width={(LANE - 1).to_string()} height={SPAN.to_string()} /> }
            }) }
            { for ticks.iter().map(|tick| {
                let Some(theme) = active.get(tick.theme) else { return html! {} };
                let Some(p) = doc.passages.get(tick.passage) else { return html! {} };
                let x = 1 + theme.slot * LANE;
                let y = ((tick.at * SPAN as f32) as u32).min(SPAN - TICK);
                let d = props.dispatcher.clone();
                let action = Action::Theme(ThemeMove::GoToOccurrence {
                    theme: theme.info.id.clone(),
                    at: OccurrenceAt { doc: props.doc.to_string(), passage: p.id.clone(), start: tick.start },
                });
                let onclick = Callback::from(move |_: MouseEvent| d.dispatch(action.clone()));
                let label = fill(tr.ribbon_tick, &[&theme.info.label_ja, &tick.count, &p.id]);
                html! {
                    <rect
                        data-testid="ribbon-tick"
                        data-theme={theme.info.id.clone()}
                        data-passage={p.id.clone()}
                        data-slot={theme.slot.to_string()}
                        class="tick"
                        x={x.to_string()}
                        y={y.to_string()}
                        width={(LANE - 1).to_string()}
                        height={TICK.to_string()}
                        {onclick}
                    >
                        <title>{ label }</title>
                    </rect>
                }
            }) }
        </svg>
    }
}
