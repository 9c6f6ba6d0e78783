//! One passage: shown by its kind (heading, paragraph, list item, caption, note, meta line),
//! with superscript footnote markers where they stood, theme highlights (`<mark>`, laid out by
//! [`crate::highlight::layer`]), and a button to copy a link to it. Clicking a highlight steps
//! to the theme's next occurrence.

use std::ops::Range;
use std::rc::Rc;

use yew::prelude::*;
use yomikurabe_core::model::{Document, Passage, PassageKind};

use crate::browser;
use crate::components::note_popover::NotePopover;
use crate::components::related_list::RelatedList;
use crate::highlight::{layer, Node};
use crate::reading;
use crate::state::{Action, AppState, LayoutAction, Move, NoteRef, SharedCorpus, ThemeMove};
use crate::themes::OccurrenceAt;
use crate::view_state::PassageRef;

/// A highlight to show in a passage.
#[derive(Debug, Clone, PartialEq)]
pub struct MarkSpan {
    /// Theme id.
    pub theme: AttrValue,
    /// Theme label (the tooltip).
    pub label: AttrValue,
    /// Palette slot.
    pub slot: usize,
    /// Byte range into the passage text.
    pub range: Range<usize>,
}

/// A span found by the extractors, as the passage shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ExtraSpan {
    /// What it is.
    pub kind: ExtraKind,
    /// Byte range into the passage text.
    pub range: Range<usize>,
}

/// What an [`ExtraSpan`] is.
#[derive(Debug, Clone, PartialEq)]
pub enum ExtraKind {
    /// A mention of a cited source.
    Source {
        /// Citation id.
        id: AttrValue,
        /// What the tooltip says.
        title: AttrValue,
        /// Cited by two or more documents.
        shared: bool,
        /// The source the link picks out.
        selected: bool,
        /// For a web address: the link to open (in a new tab).
        href: Option<AttrValue>,
    },
    /// An acronym.
    Acronym {
        /// As written, in ASCII.
        short: AttrValue,
        /// What it stands for (or that no document says).
        gloss: AttrValue,
        /// Whether some document defines it.
        defined: bool,
        /// Whether it takes keyboard focus (its first use in the passage does; repeats would
        /// only lengthen the way through the text).
        focusable: bool,
    },
    /// A dated expression.
    Date {
        /// ISO date, when resolved.
        iso: Option<AttrValue>,
    },
    /// A match of the search.
    Found,
}

/// Props of [`PassageView`].
#[derive(Properties, PartialEq)]
pub struct PassageViewProps {
    /// The corpus.
    pub corpus: SharedCorpus,
    /// Document id.
    pub doc: AttrValue,
    /// Index of the passage in the document.
    pub index: usize,
    /// Whether it is the marked passage.
    pub focused: bool,
    /// Index (in `note_refs`) of the marker whose popover is open.
    pub open_note: Option<usize>,
    /// Where actions go.
    pub dispatcher: UseReducerDispatcher<AppState>,
    /// Theme highlights in this passage.
    #[prop_or_default]
    pub marks: Option<Rc<[MarkSpan]>>,
    /// Sources, acronyms and dates in this passage.
    #[prop_or_default]
    pub extras: Option<Rc<[ExtraSpan]>>,
    /// The current occurrence, when it is in this passage: (theme id, start).
    #[prop_or_default]
    pub current: Option<(AttrValue, usize)>,
    /// Whether its related passages are listed.
    #[prop_or_default]
    pub related_open: bool,
}

/// A passage.
#[component]
pub fn PassageView(props: &PassageViewProps) -> Html {
    // When this passage's popover closes (Esc, ✕), keyboard focus returns to its marker.
    let root = use_node_ref();
    let was_open = use_mut_ref(|| None::<usize>);
    {
        let root = root.clone();
        use_effect_with(props.open_note, move |open| {
            let before = was_open.replace(*open);
            if let (Some(index), None) = (before, open) {
                browser::refocus_marker(root.cast::<web_sys::Element>(), index);
            }
        });
    }
    let Some(doc) = props.corpus.document(&props.doc) else {
        return html! {};
    };
    let Some(p) = doc.passages.get(props.index) else {
        return html! {};
    };
    let on_copy = {
        let d = props.dispatcher.clone();
        let (doc, passage) = (props.doc.to_string(), p.id.clone());
        Callback::from(move |_: MouseEvent| {
            d.dispatch(Action::Move(Move::CopyLink {
                doc: doc.clone(),
                passage: passage.clone(),
            }))
        })
    };
    let on_related = {
        let d = props.dispatcher.clone();
        let (doc, passage) = (props.doc.to_string(), p.id.clone());
        Callback::from(move |_: MouseEvent| {
            d.dispatch(Action::Layout(LayoutAction::ToggleRelated(PassageRef::new(
                &doc, &passage,
            ))))
        })
    };
    let on_cite = {
        let d = props.dispatcher.clone();
        let (doc, passage) = (props.doc.to_string(), p.id.clone());
        Callback::from(move |_: MouseEvent| {
            d.dispatch(Action::Layout(LayoutAction::Cite(PassageRef::new(&doc, &passage))))
        })
    };
    let related_button = (p.kind != PassageKind::Meta).then(|| {
        html! {
            <button
                type="button"
                data-testid="related-button"
                class={classes!("related-button", props.related_open.then_some("on"))}
                aria-label="Related passages in the other documents"
                aria-expanded={if props.related_open { "true" } else { "false" }}
                title="Related passages in the other documents"
                onclick={on_related}
            >
                <svg viewBox="0 0 24 24" width="15" height="15" aria-hidden="true" focusable="false">
                    <path d="M4 7h12M13 3.5 16.5 7 13 10.5M20 17H8m3-3.5L7.5 17l3.5 3.5" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round"/>
                </svg>
            </button>
        }
    });
    // The button sits at the end of the text, inside the passage's own element.
    let text = html! { <>{ text_with_highlights(props, doc, p) }{ for related_button }</> };
    let on_click = {
        let d = props.dispatcher.clone();
        let (doc, passage) = (props.doc.to_string(), p.id.clone());
        Callback::from(move |e: MouseEvent| {
            if let Some((theme, start)) = browser::highlight_of(e.target()) {
                d.dispatch(Action::Theme(ThemeMove::StepOccurrence {
                    theme,
                    from: Some(OccurrenceAt {
                        doc: doc.clone(),
                        passage: passage.clone(),
                        start,
                    }),
                    back: e.shift_key(),
                }));
            }
        })
    };
    let body = match p.kind {
        PassageKind::Heading => {
            let tag = reading::heading_tag(doc, p);
            html! { <@{tag} class="passage-text" lang="ja">{ text }</@> }
        }
        PassageKind::Paragraph => html! { <p class="passage-text" lang="ja">{ text }</p> },
        PassageKind::ListItem => html! { <p class="passage-text" lang="ja">{ text }</p> },
        PassageKind::Caption => html! {
            <figure class="caption-figure"><figcaption class="passage-text" lang="ja">{ text }</figcaption></figure>
        },
        PassageKind::Meta => html! { <p class="passage-text" lang="ja">{ text }</p> },
        PassageKind::Note => {
            let number = reading::note_number(doc, p);
            let label = number.map_or_else(|| p.id.clone(), |n| n.to_string());
            // Back to every marker that cites it (numbered when there are several).
            let cited = number.map(|n| reading::references(doc, n)).unwrap_or_default();
            let total = cited.len();
            let many = total > 1;
            let back: Vec<Html> = cited
                .iter()
                .enumerate()
                .map(|(k, cited)| {
                    let d = props.dispatcher.clone();
                    let doc = props.doc.to_string();
                    let passage = cited.id.clone();
                    let onclick = Callback::from(move |_: MouseEvent| {
                        d.dispatch(Action::Move(Move::Focus { doc: doc.clone(), passage: passage.clone() }))
                    });
                    let shown = if many { format!("↩{}", k + 1) } else { "↩".to_string() };
                    html! {
                        <button type="button" class="link-button back-to-text" data-testid="note-back" {onclick} aria-label={format!("Back to where note {label} is cited ({} of {})", k + 1, total)}>{ shown }</button>
                    }
                })
                .collect();
            let cut_off = number.and_then(|n| doc.note(n)).is_some_and(|n| n.is_cut_off());
            html! {
                <p class="passage-text" lang="ja">
                    <span class="note-number">{ label.clone() }{ "." }</span>{ " " }{ text }{ " " }{ for back }
                    if cut_off {
                        <span class="cut-off-flag" data-testid="note-cut-off">{ crate::components::note_popover::CUT_OFF }</span>
                    }
                </p>
            }
        }
    };
    let popover = props.open_note.and_then(|i| p.note_refs.get(i)).map(|r| {
        let note = doc.note(r.number);
        let d = props.dispatcher.clone();
        let on_close = Callback::from(move |_| d.dispatch(Action::Layout(LayoutAction::CloseNote)));
        let on_show = note
            .and_then(|n| n.passage.clone())
            .filter(|id| doc.passage(id).is_some())
            .map(|passage| {
                let d = props.dispatcher.clone();
                let doc = props.doc.to_string();
                Callback::from(move |_| {
                    d.dispatch(Action::Move(Move::Focus {
                        doc: doc.clone(),
                        passage: passage.clone(),
                    }))
                })
            });
        html! {
            <NotePopover
                number={r.number}
                text={reading::note_text(doc, r.number).map(AttrValue::from)}
                cut_off={note.is_some_and(|n| n.is_cut_off())}
                {on_close}
                {on_show}
            />
        }
    });
    html! {
        <div
            data-testid="passage"
            data-doc={props.doc.clone()}
            data-passage={p.id.clone()}
            data-kind={p.kind.as_str()}
            data-focused={props.focused.then_some("true")}
            class={classes!("passage", format!("kind-{}", p.kind.as_str()), props.focused.then_some("focused"))}
            ref={root}
            onclick={on_click}
        >
            <button
                type="button"
                data-testid="copy-link"
                class="copy-link"
                aria-label="Copy link to this passage"
                title="Copy link to this passage"
                onclick={on_copy}
            >
                <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
                    <path d="M10 14a5 5 0 0 0 7 0l3-3a5 5 0 0 0-7-7l-1 1" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round"/>
                    <path d="M14 10a5 5 0 0 0-7 0l-3 3a5 5 0 0 0 7 7l1-1" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round"/>
                </svg>
            </button>
            <button
                type="button"
                data-testid="cite-button"
                class="copy-link cite-button"
                aria-label="Cite this passage"
                title="Cite this passage (SIST 02, APA, Chicago; QR code)"
                onclick={on_cite}
            >
                <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
                    <path d="M4 17c0-5 1.5-8 5-10M13 17c0-5 1.5-8 5-10M4 17h4v-4H4zM13 17h4v-4h-4z" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"/>
                </svg>
            </button>
            { body }
            { for popover }
            if props.related_open {
                <RelatedList doc={props.doc.clone()} passage={AttrValue::from(p.id.clone())} />
            }
        </div>
    }
}

/// The passage text as nodes: text pieces, superscript marker buttons and highlights.
fn text_with_highlights(props: &PassageViewProps, doc: &Document, p: &Passage) -> Html {
    let marks: &[MarkSpan] = props.marks.as_deref().unwrap_or(&[]);
    let extras: &[ExtraSpan] = props.extras.as_deref().unwrap_or(&[]);
    let ranges: Vec<Range<usize>> = marks
        .iter()
        .map(|m| m.range.clone())
        .chain(extras.iter().map(|x| x.range.clone()))
        .collect();
    let nodes = layer(&p.text, &p.note_refs, &ranges);
    render_nodes(props, doc, p, (marks, extras), &nodes)
}

type Spans<'s> = (&'s [MarkSpan], &'s [ExtraSpan]);

fn render_nodes(props: &PassageViewProps, doc: &Document, p: &Passage, spans: Spans<'_>, nodes: &[Node<'_>]) -> Html {
    let (marks, extras) = spans;
    nodes
        .iter()
        .map(|n| match n {
            Node::Text(t) => html! { { *t } },
            Node::Marker { number, index } => marker(props, doc, p, *number, *index),
            Node::Mark { span, first, children } => {
                let inner = render_nodes(props, doc, p, spans, children);
                let Some(m) = marks.get(*span) else {
                    return match span.checked_sub(marks.len()).and_then(|i| extras.get(i)) {
                        Some(x) => extra(props, x, *first, inner),
                        None => inner,
                    };
                };
                let current = *first
                    && props
                        .current
                        .as_ref()
                        .is_some_and(|(t, start)| *t == m.theme && *start == m.range.start);
                html! {
                    <mark
                        class="theme"
                        data-theme={m.theme.clone()}
                        data-slot={m.slot.to_string()}
                        data-start={m.range.start.to_string()}
                        data-cont={(!*first).then_some("true")}
                        data-current={current.then_some("true")}
                        title={m.label.clone()}
                    >
                        { inner }
                    </mark>
                }
            }
        })
        .collect()
}

/// A source mention, an acronym or a date around `inner`. A click on a mention (outside any
/// theme highlight, which steps to the theme's next occurrence) opens every document citing a
/// shared source side by side, or the sources panel for one only this document cites.
fn extra(props: &PassageViewProps, x: &ExtraSpan, first: bool, inner: Html) -> Html {
    let cont = (!first).then_some("true");
    match &x.kind {
        ExtraKind::Source {
            id,
            title,
            shared,
            selected,
            href,
        } => {
            let inner = match href {
                Some(href) => html! {
                    <a class="note-link" data-testid="note-link" href={href.clone()} target="_blank" rel="noopener noreferrer">{ inner }</a>
                },
                None => inner,
            };
            let d = props.dispatcher.clone();
            let (id2, shared2) = (id.to_string(), *shared);
            let onclick = Callback::from(move |e: MouseEvent| {
                if browser::highlight_of(e.target()).is_some() || browser::inside_control(e.target()) {
                    return;
                }
                e.stop_propagation();
                if shared2 {
                    d.dispatch(Action::Move(Move::OpenSource(id2.clone())));
                } else {
                    d.dispatch(Action::Move(Move::ShowSource(Some(id2.clone()))));
                }
            });
            html! {
                <cite
                    class={classes!("source-mention", shared.then_some("shared"))}
                    data-testid="source-mention"
                    data-source={id.clone()}
                    data-shared={shared.then_some("true")}
                    data-selected={selected.then_some("true")}
                    data-cont={cont}
                    title={title.clone()}
                    {onclick}
                >
                    { inner }
                </cite>
            }
        }
        ExtraKind::Acronym {
            short,
            gloss,
            defined,
            focusable,
        } => html! {
            <abbr
                class={classes!("acronym", (!defined).then_some("undefined"))}
                data-testid="acronym"
                data-short={short.clone()}
                data-gloss={gloss.clone()}
                aria-description={gloss.clone()}
                tabindex={(first && *focusable).then_some("0")}
            >
                { inner }
            </abbr>
        },
        ExtraKind::Date { iso } => html! {
            <time class="date" datetime={iso.clone()} data-cont={cont}>{ inner }</time>
        },
        ExtraKind::Found => html! {
            <mark class="found" data-testid="found" data-cont={cont}>{ inner }</mark>
        },
    }
}

/// How much of a note its marker shows on hover or focus.
const PREVIEW_CHARS: usize = 140;

/// A footnote marker: a superscript button that opens the note.
fn marker(props: &PassageViewProps, doc: &Document, p: &Passage, number: u32, index: usize) -> Html {
    let open = props.open_note == Some(index);
    let missing = reading::note_text(doc, number).is_none();
    let d = props.dispatcher.clone();
    let note = NoteRef::new(props.doc.to_string(), p.id.clone(), number);
    let onclick =
        Callback::from(move |_: MouseEvent| d.dispatch(Action::Layout(LayoutAction::ToggleNote(note.clone()))));
    // Hover or keyboard focus shows the note's opening; a click or tap opens all of it.
    let preview = match reading::note_text(doc, number) {
        Some(t) if t.chars().count() > PREVIEW_CHARS => {
            format!("{}…", t.chars().take(PREVIEW_CHARS).collect::<String>())
        }
        Some(t) => t.to_string(),
        None => crate::components::note_popover::ABSENT.to_string(),
    };
    html! {
        <sup class="note-ref-wrap">
            <button
                type="button"
                data-testid="note-ref"
                data-note={number.to_string()}
                data-ref-index={index.to_string()}
                class={classes!("note-ref", missing.then_some("missing"))}
                aria-expanded={if open { "true" } else { "false" }}
                aria-label={format!("Note {number}")}
                data-preview={(!open).then_some(preview)}
                {onclick}
            >
                { number }
            </button>
        </sup>
    }
}
