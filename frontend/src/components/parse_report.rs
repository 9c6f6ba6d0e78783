//! What the parser found in one document, said as what it is: where the title, author and date
//! came from, the structure it built, and every repair it made or line it set aside (so a
//! person can check a guess and correct it). Shown in a library card's details.

use crate::i18n::{self, fill, quoted, s, use_lang, Lang};
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

fn source_words(source: Option<FactSource>, lang: Lang) -> &'static str {
    let t = lang.t();
    match source {
        Some(FactSource::Text) => t.src_text,
        Some(FactSource::Manifest) => t.src_manifest,
        Some(FactSource::Corrected) => t.src_corrected,
        None => t.src_none,
    }
}

fn count(n: usize, template: &str) -> String {
    fill(template, &[&n, &s(n)])
}

fn reason_words(reason: RemovalReason, lang: Lang) -> &'static str {
    let t = lang.t();
    match reason {
        RemovalReason::PageNumber => t.why_page_number,
        RemovalReason::RunningHead => t.why_running_head,
        RemovalReason::Rule => t.why_rule,
        RemovalReason::TableOfContents => t.why_toc,
        RemovalReason::NotationLegend => t.why_legend,
        RemovalReason::Colophon => t.why_colophon,
        RemovalReason::FrontMatter => t.why_front_matter,
        RemovalReason::Markup => t.why_markup,
        RemovalReason::Ruby => t.why_ruby,
    }
}

fn report(doc: &Document, corrected: &Corrections, dispatcher: &UseReducerDispatcher<AppState>, lang: Lang) -> Html {
    let tr = lang.t();
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
        html! { <p class="parse-clean">{ tr.no_line_set_aside }</p> }
    } else {
        html! {
            <>
                <p class="parse-repairs-title">{ fill(tr.set_aside_n, &[&doc.removed.len(), &s(doc.removed.len())]) }</p>
                <ul class="parse-removed" data-testid="parse-removed">
                    { for doc.removed.iter().map(|r| html! {
                        <li data-line={r.line.to_string()}>
                            <span class="line">{ fill(tr.line_reason, &[&r.line, &reason_words(r.reason, lang)]) }</span>
                            <span lang="ja">{ r.text.clone() }</span>
                            {" "}
                            <button type="button" class="quiet" data-testid="keep-line" onclick={content(r.line, true)}>{ tr.line_is_content }</button>
                        </li>
                    }) }
                    { for corrected.content_lines.iter().map(|&line| html! {
                        <li data-line={line.to_string()} class="kept">
                            <span class="line">{ fill(tr.line_content_as_said, &[&line]) }</span>
                            <button type="button" class="quiet" data-testid="unkeep-line" onclick={content(line, false)}>{ tr.set_aside_again }</button>
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
            fill(tr.the_text_says, &[&quoted(lang, &d.text)])
        } else {
            String::new()
        };
        let open = if lang == Lang::Ja { "（" } else { " (" };
        let close = if lang == Lang::Ja { "）" } else { ")" };
        format!(
            "{}{words}{open}{}{close}",
            i18n::date(lang, &d.iso),
            source_words(Some(d.source), lang)
        )
    });
    let noted = doc.notes.iter().filter(|n| n.text.is_some()).count();
    let markers: usize = doc.passages.iter().map(|p| p.note_refs.len()).sum();
    html! {
        <div class="parse-report" data-testid="parse-report">
            <dl>
                <dt>{ tr.title_label }</dt>
                <dd><span lang="ja">{ reading::title(doc, lang) }</span><span class="fact-source">{ format!(" — {}", source_words(title_source, lang)) }</span></dd>
                <dt>{ tr.author_label }</dt>
                <dd><span lang="ja">{ doc.author.clone().unwrap_or_else(|| "—".into()) }</span><span class="fact-source">{ format!(" — {}", source_words(author_source, lang)) }</span></dd>
                <dt>{ tr.date_label }</dt>
                <dd>{ date.unwrap_or_else(|| tr.not_found_dash.into()) }</dd>
                <dt>{ tr.structure_label }</dt>
                <dd data-testid="parse-structure">{ fill(tr.structure, &[
                    &count(doc.sections.len(), tr.n_headings),
                    &count(kinds(PassageKind::Paragraph), tr.n_paragraphs),
                    &count(kinds(PassageKind::Meta), tr.n_front_lines),
                    &count(noted, tr.n_notes),
                    &count(markers, tr.n_markers),
                ]) }</dd>
            </dl>
            { set_aside }
            if doc.diagnostics.is_empty() {
                <p class="parse-clean">{ tr.nothing_repaired }</p>
            } else {
                <p class="parse-repairs-title">{ tr.repaired_title }</p>
                <ul class="parse-repairs" data-testid="parse-repairs">
                    { for doc.diagnostics.iter().map(|d| html! {
                        <li>
                            if d.line > 0 { <span class="line">{ fill(tr.line_n, &[&d.line]) }</span> }
                            <span lang={Lang::En.attr_inside(lang)}>{ d.message.clone() }</span>
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
    let lang = use_lang();
    let Some(state) = use_context::<AppContext>() else {
        return html! {};
    };
    let corpus = state.analysis.0.corpus().clone();
    match corpus.document(&props.doc) {
        Some(doc) => report(doc, &props.corrected, &state.dispatcher(), lang),
        None => html! {},
    }
}
