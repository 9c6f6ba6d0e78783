//! What the parser found in one document, said as what it is: where the title, author and date
//! came from, the structure it built, and every repair it made or line it set aside (so a
//! person can check a guess and correct it). Shown in a library card's details.

use yew::prelude::*;
use yomikurabe_core::model::{Document, FactSource, PassageKind, RemovalReason};
use yomikurabe_core::pack::Corrections;

use crate::components::AppContext;
use crate::reading;
use crate::shelf::ShelfAction;
use crate::state::{Action, AppState};

/// Props of [`ParseReport`].
#[derive(Properties, PartialEq)]
pub struct ParseReportProps {
    /// The document id.
    pub doc: AttrValue,
    /// What a person corrected on it.
    pub corrected: Corrections,
}

fn source_words(source: Option<FactSource>) -> &'static str {
    match source {
        Some(FactSource::Text) => "found in the text",
        Some(FactSource::Manifest) => "from the manifest (the text gives none)",
        Some(FactSource::Corrected) => "corrected by hand",
        None => "not found",
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn reason_words(reason: RemovalReason) -> &'static str {
    match reason {
        RemovalReason::PageNumber => "page number",
        RemovalReason::RunningHead => "running head or foot",
        RemovalReason::Rule => "rule",
        RemovalReason::TableOfContents => "table of contents",
        RemovalReason::NotationLegend => "notation legend",
        RemovalReason::Colophon => "colophon (底本)",
        RemovalReason::FrontMatter => "front matter",
        RemovalReason::Markup => "markup",
        RemovalReason::Ruby => "ruby reading",
    }
}

fn report(doc: &Document, corrected: &Corrections, dispatcher: &UseReducerDispatcher<AppState>) -> Html {
    let content = |line: usize, content: bool| {
        let d = dispatcher.clone();
        let id = doc.id.clone();
        Callback::from(move |_: MouseEvent| {
            d.dispatch(Action::Shelf(ShelfAction::Content {
                id: id.clone(),
                line,
                content,
            }))
        })
    };
    let set_aside = if doc.removed.is_empty() && corrected.content_lines.is_empty() {
        html! { <p class="parse-clean">{"No line was set aside: every line is in the reading text."}</p> }
    } else {
        html! {
            <>
                <p class="parse-repairs-title">{ format!("Set aside ({} line{})", doc.removed.len(), if doc.removed.len() == 1 { "" } else { "s" }) }</p>
                <ul class="parse-removed" data-testid="parse-removed">
                    { for doc.removed.iter().map(|r| html! {
                        <li data-line={r.line.to_string()}>
                            <span class="line">{ format!("line {} · {}: ", r.line, reason_words(r.reason)) }</span>
                            <span lang="ja">{ r.text.clone() }</span>
                            {" "}
                            <button type="button" class="quiet" data-testid="keep-line" onclick={content(r.line, true)}>{"This line is content"}</button>
                        </li>
                    }) }
                    { for corrected.content_lines.iter().map(|&line| html! {
                        <li data-line={line.to_string()} class="kept">
                            <span class="line">{ format!("line {line} · content, as you said ") }</span>
                            <button type="button" class="quiet" data-testid="unkeep-line" onclick={content(line, false)}>{"Set it aside again"}</button>
                        </li>
                    }) }
                </ul>
            </>
        }
    };
    let kinds = |k: PassageKind| doc.passages.iter().filter(|p| p.kind == k).count();
    let title_source = if doc.title.is_some() { doc.title_source } else { None };
    let author_source = match (&doc.author, &corrected.author) {
        (_, Some(_)) => Some(FactSource::Corrected),
        (Some(_), None) => Some(FactSource::Text),
        (None, None) => None,
    };
    let date = doc.date.as_ref().map(|d| {
        let words = if d.source == FactSource::Text {
            format!(" — the text says “{}”", d.text)
        } else {
            String::new()
        };
        format!("{}{words} ({})", d.iso, source_words(Some(d.source)))
    });
    let noted = doc.notes.iter().filter(|n| n.text.is_some()).count();
    let markers: usize = doc.passages.iter().map(|p| p.note_refs.len()).sum();
    html! {
        <div class="parse-report" data-testid="parse-report">
            <dl>
                <dt>{"Title"}</dt>
                <dd lang="ja">{ reading::title(doc) }<span class="fact-source">{ format!(" — {}", source_words(title_source)) }</span></dd>
                <dt>{"Author"}</dt>
                <dd lang="ja">{ doc.author.clone().unwrap_or_else(|| "—".into()) }<span class="fact-source">{ format!(" — {}", source_words(author_source)) }</span></dd>
                <dt>{"Date"}</dt>
                <dd>{ date.unwrap_or_else(|| "— not found".into()) }</dd>
                <dt>{"Structure"}</dt>
                <dd data-testid="parse-structure">{ format!(
                    "{}, {}, {}; {} ({} in the text)",
                    count(doc.sections.len(), "heading", "headings"),
                    count(kinds(PassageKind::Paragraph), "paragraph", "paragraphs"),
                    count(kinds(PassageKind::Meta), "front-matter line", "front-matter lines"),
                    count(noted, "note", "notes"),
                    count(markers, "marker", "markers"),
                ) }</dd>
            </dl>
            { set_aside }
            if doc.diagnostics.is_empty() {
                <p class="parse-clean">{"Nothing was repaired or set aside."}</p>
            } else {
                <p class="parse-repairs-title">{"Repaired or set aside"}</p>
                <ul class="parse-repairs" data-testid="parse-repairs">
                    { for doc.diagnostics.iter().map(|d| html! {
                        <li>
                            if d.line > 0 { <span class="line">{ format!("line {}: ", d.line) }</span> }
                            { d.message.clone() }
                        </li>
                    }) }
                </ul>
            }
        </div>
    }
}

/// The report, computed when first shown (the document is parsed then, if it was not yet).
#[component]
pub fn ParseReport(props: &ParseReportProps) -> Html {
    let Some(state) = use_context::<AppContext>() else {
        return html! {};
    };
    let corpus = state.analysis.0.corpus().clone();
    match corpus.document(&props.doc) {
        Some(doc) => report(doc, &props.corrected, &state.dispatcher()),
        None => html! {},
    }
}
