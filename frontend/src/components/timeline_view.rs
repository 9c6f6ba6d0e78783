//! When do the open documents say things happened? The corpus timeline: one SVG strip with a
//! lane per open document (coloured by column, `doc-0`…`doc-3`) on one shared time axis, then
//! per document the expressions that could not be dated. Layout is [`crate::timeline_layout`]'s;
//! this component draws it (at the strip's own width in CSS pixels, so text keeps its size) and
//! turns choices into `on_open` calls.
//!
//! A mark of one mention opens its passage at once (click, Enter or Space). A mark of several
//! (the same date in several passages, or a cluster of close dates) lists its mentions under
//! the strip instead — date, the words around it — and each of those opens its passage.

use crate::i18n::{fill, use_lang, Lang};
use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;
use yomikurabe_core::extract::timeline::DatedExpression;

use crate::browser;
use crate::state::SharedCorpus;
use crate::timeline_layout::{
    header_counts_in, layout, Compressed, Entry, Lane, Mark, Shape, Tick, TimelineLayout, AXIS_FONT, BREAK_GAP,
    COUNT_FONT, HEADER_FONT, HEADER_H, ROW_H,
};

/// Narrowest layout (CSS pixels); a narrower strip scrolls sideways.
const MIN_WIDTH: i32 = 900;
/// Layout width before the strip has been measured.
const DEFAULT_WIDTH: i32 = 1200;

/// Props of [`TimelineView`].
#[derive(Properties, PartialEq)]
pub struct TimelineViewProps {
    /// The corpus.
    pub corpus: SharedCorpus,
    /// Open document ids, in column order.
    pub docs: Vec<String>,
    /// Every dated expression of the corpus (`yomikurabe_core::extract::timeline::timeline`).
    pub dates: Rc<[DatedExpression]>,
    /// Open a passage: (document id, passage id).
    pub on_open: Callback<(String, String)>,
}

/// The mark whose mentions are listed: (document id, its earliest date).
type Chosen = Option<(String, String)>;

/// The timeline strip.
#[component]
pub fn TimelineView(props: &TimelineViewProps) -> Html {
    let lang = use_lang();
    let tr = lang.t();
    let scroller = use_node_ref();
    let choices = use_node_ref();
    let width = use_state_eq(|| DEFAULT_WIDTH);
    let chosen = use_state_eq(|| None::<(String, String)>);

    let laid = {
        let corpus = props.corpus.clone();
        use_memo(
            (props.docs.clone(), props.dates.clone(), *width, props.corpus.clone()),
            move |(docs, dates, width, _)| layout(&corpus.0, docs, dates, *width),
        )
    };

    // Lay out at the strip's width in CSS pixels (1 unit = 1 px): measured when the strip
    // appears and on resize.
    {
        let scroller = scroller.clone();
        let width = width.clone();
        use_effect_with(laid.is_empty(), move |_| {
            let measure = move || {
                if let Some(el) = scroller.cast::<web_sys::HtmlElement>() {
                    let w = el.client_width();
                    if w > 0 {
                        width.set(w.max(MIN_WIDTH));
                    }
                }
            };
            measure();
            let listener = web_sys::window().map(|w| EventListener::new(&w, "resize", move |_| measure()));
            move || drop(listener)
        });
    }

    // A newly chosen mark: focus the first of its mentions.
    {
        let choices = choices.clone();
        use_effect_with((*chosen).clone(), move |chosen| {
            if chosen.is_some() {
                let first = choices
                    .cast::<web_sys::Element>()
                    .and_then(|d| d.query_selector("button[data-passage]").ok().flatten())
                    .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok());
                browser::focus(first);
            }
        });
    }

    if laid.is_empty() {
        let message = if laid.lanes.is_empty() {
            tr.tl_open_a_document
        } else {
            tr.tl_no_dates
        };
        return html! {
            <section data-testid="timeline" aria-label={tr.timeline} class="timeline">
                <p class="empty" data-testid="timeline-empty">{ message }</p>
            </section>
        };
    }

    let open = |doc: &str, passage: &str| {
        let on_open = props.on_open.clone();
        let args = (doc.to_string(), passage.to_string());
        Callback::from(move |_: MouseEvent| on_open.emit(args.clone()))
    };

    html! {
        <section data-testid="timeline" aria-label={tr.timeline} class="timeline">
            <div class="timeline-scroll" ref={scroller}>
                if laid.placed > 0 {
                    { svg(&laid, &props.on_open, &chosen, lang) }
                } else {
                    <p class="empty">{ tr.tl_none_placed }</p>
                }
            </div>
            { chooser(&laid, &chosen, &choices, &open, lang) }
            { key_line(&laid, lang) }
            <div class="tl-unresolved-lists">
                { for laid.lanes.iter().map(|lane| unresolved_list(lane, &open, lang)) }
            </div>
        </section>
    }
}

/// The CSS class giving a lane its colour.
fn doc_class(column: usize) -> String {
    format!("doc-{}", column % 4)
}

/// `2016-09-09` or `2025-01-21 – 2025-04-16`.
fn date_range(mark: &Mark) -> String {
    if mark.iso == mark.iso_end {
        mark.iso.clone()
    } else {
        format!("{} – {}", mark.iso, mark.iso_end)
    }
}

/// The words of a mark for its label: the distinct expressions, the first few.
fn mark_words(mark: &Mark) -> String {
    let mut words: Vec<&str> = Vec::new();
    for e in &mark.entries {
        if !words.contains(&e.mention.text.as_str()) {
            words.push(&e.mention.text);
        }
    }
    let more = words.len() > 3;
    let mut s = words.into_iter().take(3).collect::<Vec<_>>().join("、");
    if more {
        s.push('…');
    }
    s
}

/// What a screen reader says for a mark (and its tooltip's first line).
fn mark_label(mark: &Mark, title: &str, lang: Lang) -> String {
    let n = mark.entries.len();
    if n == 1 {
        fill(lang.t().tl_mark_one, &[&mark.iso, &mark_words(mark), &title])
    } else {
        fill(
            lang.t().tl_mark_many,
            &[&date_range(mark), &mark_words(mark), &title, &n],
        )
    }
}

fn svg(
    laid: &TimelineLayout,
    on_open: &Callback<(String, String)>,
    chosen: &UseStateHandle<Chosen>,
    lang: Lang,
) -> Html {
    let (w, h) = (laid.width, laid.height);
    html! {
        <svg
            class="timeline-svg"
            width="100%"
            viewBox={format!("0 0 {w} {h}")}
            role="group"
            aria-label={lang.t().tl_svg_label}
        >
            { for laid.compressed.iter().map(|z| compressed_zone(z, laid, lang)) }
            { axis(laid) }
            { for laid.lanes.iter().map(|lane| lane_view(lane, laid, on_open, chosen, lang)) }
            { for laid.compressed.iter().map(|z| break_marker(z, laid, lang)) }
        </svg>
    }
}

fn compressed_zone(z: &Compressed, laid: &TimelineLayout, lang: Lang) -> Html {
    html! {
        <rect
            class="tl-compressed"
            x={z.x0.to_string()}
            y={laid.axis_y.to_string()}
            width={(z.x1 - z.x0).max(0).to_string()}
            height={(laid.height - laid.axis_y).max(0).to_string()}
        >
            <title>{ fill(lang.t().tl_compressed_title, &[&z.from, &z.to]) }</title>
        </rect>
    }
}

fn break_marker(z: &Compressed, laid: &TimelineLayout, lang: Lang) -> Html {
    let (x, y) = (z.break_x, laid.axis_y);
    let half = BREAK_GAP / 2;
    html! {
        <g class="tl-break" data-testid="timeline-break" data-from={z.from.to_string()} data-to={z.to.to_string()}>
            <rect class="tl-break-gap" x={(x - half + 2).to_string()} y={(y - 8).to_string()} width={(BREAK_GAP - 4).to_string()} height="16" />
            <line x1={(x - half).to_string()} y1={(y + 7).to_string()} x2={(x - 1).to_string()} y2={(y - 7).to_string()} />
            <line x1={(x + 1).to_string()} y1={(y + 7).to_string()} x2={(x + half).to_string()} y2={(y - 7).to_string()} />
            <line class="tl-break-line" x1={x.to_string()} y1={(y + 8).to_string()} x2={x.to_string()} y2={laid.height.to_string()} />
            <title>{ fill(lang.t().tl_axis_break, &[&z.from, &z.to]) }</title>
        </g>
    }
}

fn axis(laid: &TimelineLayout) -> Html {
    let y = laid.axis_y;
    let tick = |t: &Tick| {
        let len = if t.labelled {
            8
        } else if t.month.is_some() {
            3
        } else {
            5
        };
        html! {
            <>
                if t.labelled {
                    <line class="tl-grid" x1={t.x.to_string()} y1={y.to_string()} x2={t.x.to_string()} y2={laid.height.to_string()} />
                    <text class="tl-tick-label" x={t.x.to_string()} y={(y - 10).to_string()} text-anchor="middle" font-size={AXIS_FONT.to_string()}>
                        { t.year.to_string() }
                    </text>
                }
                <line class="tl-tick" x1={t.x.to_string()} y1={y.to_string()} x2={t.x.to_string()} y2={(y + len).to_string()} />
            </>
        }
    };
    html! {
        <g class="tl-axis" aria-hidden="true">
            <line class="tl-axis-line" x1={laid.plot_x0.to_string()} y1={y.to_string()} x2={laid.plot_x1.to_string()} y2={y.to_string()} />
            { for laid.ticks.iter().map(tick) }
        </g>
    }
}

fn lane_view(
    lane: &Lane,
    laid: &TimelineLayout,
    on_open: &Callback<(String, String)>,
    chosen: &UseStateHandle<Chosen>,
    lang: Lang,
) -> Html {
    let top = lane.y;
    let baseline = top + HEADER_H - 5;
    html! {
        <g class={classes!("tl-lane", doc_class(lane.column))} data-testid="timeline-lane" data-doc={lane.doc_id.clone()}>
            <rect
                class="tl-lane-bg"
                x="0"
                y={top.to_string()}
                width={laid.width.to_string()}
                height={lane.height.to_string()}
            />
            <g class="tl-legend" data-testid="timeline-legend" data-doc={lane.doc_id.clone()}>
                <rect class="tl-swatch" x={laid.plot_x0.to_string()} y={(baseline - 13).to_string()} width="16" height="16" rx="3" />
                <text class="tl-title" x={(laid.plot_x0 + 24).to_string()} y={baseline.to_string()} font-size={HEADER_FONT.to_string()}>
                    <tspan lang="ja">{ lane.label.clone() }</tspan>
                    <tspan class="tl-counts">{ header_counts_in(lang, lane.placed, lane.unresolved.len()) }</tspan>
                    <title>{ lane.title.clone() }</title>
                </text>
            </g>
            { for lane.marks.iter().map(|m| mark_view(m, lane, on_open, chosen, lang)) }
        </g>
    }
}

fn mark_view(
    mark: &Mark,
    lane: &Lane,
    on_open: &Callback<(String, String)>,
    chosen: &UseStateHandle<Chosen>,
    lang: Lang,
) -> Html {
    let Some(first) = mark.entries.first() else {
        return html! {};
    };
    let n = mark.entries.len();
    let label = mark_label(mark, &lane.title, lang);
    let tooltip = if n == 1 {
        format!(
            "{label}\n…{}{}{}…",
            first.mention.before, first.mention.text, first.mention.after
        )
    } else {
        label.clone()
    };
    let activate: Rc<dyn Fn()> = {
        let on_open = on_open.clone();
        let chosen = chosen.clone();
        let doc = lane.doc_id.clone();
        let passage = first.mention.passage_id.clone();
        let iso = mark.iso.clone();
        Rc::new(move || {
            if n == 1 {
                on_open.emit((doc.clone(), passage.clone()));
            } else {
                chosen.set(Some((doc.clone(), iso.clone())));
            }
        })
    };
    let onclick = {
        let activate = activate.clone();
        Callback::from(move |_: MouseEvent| activate())
    };
    let onkeydown = Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Enter" || e.key() == " " {
            e.prevent_default();
            activate();
        }
    });
    let cy = mark.cy;
    let (x0, x1) = (mark.x0, mark.x1);
    let w = (x1 - x0).max(1).to_string();
    let shape = match mark.shape {
        Shape::Day => html! { <circle class="tl-shape tl-day" cx={mark.cx().to_string()} cy={cy.to_string()} r="6" /> },
        Shape::Month => html! {
            <rect class="tl-shape tl-month" x={x0.to_string()} y={(cy - 5).to_string()} width={w} height="10" rx="2" />
        },
        Shape::Year => html! {
            <rect class="tl-shape tl-year" x={x0.to_string()} y={(cy - 4).to_string()} width={w} height="8" rx="4" />
        },
        Shape::Cluster => html! {
            <rect class="tl-shape tl-cluster" x={x0.to_string()} y={(cy - 7).to_string()} width={w} height="14" rx="7" />
        },
    };
    let is_chosen = chosen
        .as_ref()
        .is_some_and(|(d, iso)| d == &lane.doc_id && iso == &mark.iso && n > 1);
    html! {
        <g
            class={classes!("tl-event", is_chosen.then_some("chosen"))}
            data-testid="timeline-event"
            data-doc={lane.doc_id.clone()}
            data-passage={first.mention.passage_id.clone()}
            data-iso={mark.iso.clone()}
            data-iso-end={(mark.iso_end != mark.iso).then(|| mark.iso_end.clone())}
            data-count={n.to_string()}
            data-shape={mark.shape.as_str()}
            tabindex="0"
            role="button"
            aria-label={label}
            aria-expanded={(n > 1).then(|| is_chosen.to_string())}
            {onclick}
            {onkeydown}
        >
            <title>{ tooltip }</title>
            <rect
                class="tl-hit"
                x={(x0 - 3).to_string()}
                y={(cy - ROW_H / 2).to_string()}
                width={(mark.x_end - x0 + 6).max(1).to_string()}
                height={ROW_H.to_string()}
            />
            { shape }
            if n > 1 {
                <text class="tl-count" x={mark.count_x().to_string()} y={(cy + 5).to_string()} font-size={COUNT_FONT.to_string()}>
                    { n.to_string() }
                </text>
            }
        </g>
    }
}

/// What the shapes mean, and where the axis is compressed.
fn key_line(laid: &TimelineLayout, lang: Lang) -> Html {
    let tr = lang.t();
    if laid.placed == 0 {
        return html! {};
    }
    let glyph = |shape: Html| {
        html! { <svg class="tl-glyph" width="26" height="14" viewBox="0 0 26 14" aria-hidden="true">{ shape }</svg> }
    };
    html! {
        <p class="tl-key">
            <span>{ glyph(html! { <circle class="tl-day" cx="13" cy="7" r="6" /> }) }{ tr.tl_day }</span>
            <span>{ glyph(html! { <rect class="tl-month" x="6" y="2" width="14" height="10" rx="2" /> }) }{ tr.tl_month }</span>
            <span>{ glyph(html! { <rect class="tl-year" x="1" y="3" width="24" height="8" rx="4" /> }) }{ tr.tl_year }</span>
            <span>{ glyph(html! { <rect class="tl-cluster" x="1" y="0" width="24" height="14" rx="7" /> }) }{ tr.tl_several }</span>
            { for laid.compressed.iter().map(|z| html! {
                <span class="tl-key-break">{ fill(tr.tl_compressed, &[&z.from, &z.to]) }</span>
            }) }
        </p>
    }
}

fn entry_words(e: &Entry) -> Html {
    html! {
        <span class="tl-context" lang="ja">
            { if e.mention.before.is_empty() { String::new() } else { format!("…{}", e.mention.before) } }
            <strong>{ e.mention.text.clone() }</strong>
            { if e.mention.after.is_empty() { String::new() } else { format!("{}…", e.mention.after) } }
        </span>
    }
}

fn chooser(
    laid: &TimelineLayout,
    chosen: &UseStateHandle<Chosen>,
    node: &NodeRef,
    open: &dyn Fn(&str, &str) -> Callback<MouseEvent>,
    lang: Lang,
) -> Html {
    let Some((doc, iso)) = chosen.as_ref() else {
        return html! {};
    };
    let Some(lane) = laid.lanes.iter().find(|l| &l.doc_id == doc) else {
        return html! {};
    };
    let Some(mark) = lane.marks.iter().find(|m| &m.iso == iso) else {
        return html! {};
    };
    let close = {
        let chosen = chosen.clone();
        Callback::from(move |_: MouseEvent| chosen.set(None))
    };
    html! {
        <div
            class={classes!("tl-choices", doc_class(lane.column))}
            data-testid="timeline-choices"
            data-doc={lane.doc_id.clone()}
            data-iso={mark.iso.clone()}
            ref={node.clone()}
        >
            <div class="tl-choices-head">
                <h3>
                    { fill(lang.t().tl_mentions_in, &[&date_range(mark), &mark.entries.len()]) }
                    <span lang="ja">{ lane.title.clone() }</span>
                </h3>
                <button class="quiet" type="button" aria-label={lang.t().close_the_list} onclick={close}>{ "×" }</button>
            </div>
            <ul>
                { for mark.entries.iter().map(|e| html! {
                    <li>
                        <button
                            type="button"
                            class="tl-choice"
                            data-testid="timeline-choice"
                            data-doc={lane.doc_id.clone()}
                            data-passage={e.mention.passage_id.clone()}
                            data-iso={e.iso.clone()}
                            onclick={open(&lane.doc_id, &e.mention.passage_id)}
                        >
                            <span class="tl-iso">{ e.iso.clone() }</span>
                            { entry_words(e) }
                        </button>
                    </li>
                }) }
            </ul>
        </div>
    }
}

fn unresolved_list(lane: &Lane, open: &dyn Fn(&str, &str) -> Callback<MouseEvent>, lang: Lang) -> Html {
    html! {
        <div class={classes!("tl-unresolved", doc_class(lane.column))} data-testid="timeline-unresolved" data-doc={lane.doc_id.clone()}>
            <h3>
                <span class="tl-swatch-box" aria-hidden="true"></span>
                { lang.t().tl_unresolved }
                <span class="tl-unresolved-doc" lang="ja">{ format!(" — {}", lane.label) }</span>
            </h3>
            if lane.unresolved.is_empty() {
                <p class="empty">{ lang.t().tl_none }</p>
            } else {
                <ul>
                    { for lane.unresolved.iter().map(|u| {
                        let m = &u.mention;
                        html! {
                            <li>
                                <button
                                    type="button"
                                    class="tl-unresolved-item"
                                    data-passage={m.passage_id.clone()}
                                    lang="ja"
                                    title={format!("…{}{}{}…", m.before, m.text, m.after)}
                                    onclick={open(&lane.doc_id, &m.passage_id)}
                                >
                                    { m.text.clone() }
                                </button>
                            </li>
                        }
                    }) }
                </ul>
            }
        </div>
    }
}
