//! "Cite this passage": the passage's citation in three styles (SIST 02, APA 7, Chicago), each
//! with a copy button, the permalink with its own, what the document does not state, and the
//! link as a QR code big enough to scan from a projected screen.
//!
//! The citations come from [`crate::cite`], the QR modules from [`crate::qr`]; everything is
//! rendered through Yew nodes. Esc is the app's (it closes whatever is open).

use crate::i18n::{fill, use_lang, Lang};
use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::reading::readable_link;

use crate::browser;
use crate::cite::{cite, Citations, Formatted, Piece};
use crate::qr::qr_path;
use crate::state::SharedCorpus;

/// Characters of the passage shown under the heading.
const EXCERPT_CHARS: usize = 80;
/// How long "Copied" stays.
const FEEDBACK_MS: u32 = 4_000;
/// The heading's id (one dialog at a time).
const TITLE_ID: &str = "cite-dialog-title";

/// Props of [`CiteDialog`].
#[derive(Properties, PartialEq)]
pub struct CiteDialogProps {
    /// The corpus holding the document.
    pub corpus: SharedCorpus,
    /// Document id.
    pub doc: AttrValue,
    /// Passage id.
    pub passage: AttrValue,
    /// The passage's permalink (absolute URL).
    pub url: AttrValue,
    /// Close the dialog.
    pub on_close: Callback<()>,
}

/// What the last copy button did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Feedback {
    /// Which block: `sist02`, `apa`, `chicago` or `link`.
    target: &'static str,
    /// Whether the clipboard took it.
    ok: bool,
    /// Tells two copies of the same block apart (restarts the timer).
    seq: u32,
}

/// Today as (year, month, day), local time.
fn today() -> (i32, u32, u32) {
    let now = js_sys::Date::new_0();
    let year = i32::try_from(now.get_full_year()).unwrap_or(1970);
    (year, now.get_month() + 1, now.get_date())
}

/// The first `EXCERPT_CHARS` characters, with `…` when there is more.
fn excerpt(text: &str) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(EXCERPT_CHARS).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

/// A citation's runs as nodes: italics as `<i>`.
fn render(f: &Formatted) -> Html {
    f.pieces
        .iter()
        .map(|p| match p {
            Piece::Text(t) => html! { { t.clone() } },
            Piece::Italic(t) => html! { <i>{ t.clone() }</i> },
        })
        .collect()
}

/// "No author in the document." for a missing fact.
fn missing_sentence(fact: &str, lang: Lang) -> &'static str {
    let t = lang.t();
    match fact {
        "author" => t.missing_author,
        "title" => t.missing_title,
        "date" => t.missing_date,
        _ => t.missing_publisher,
    }
}

/// The dialog.
#[component]
pub fn CiteDialog(props: &CiteDialogProps) -> Html {
    let lang = use_lang();
    let tr = lang.t();
    let dialog = use_node_ref();
    let link_input = use_node_ref();
    let feedback = use_state(|| None::<Feedback>);
    let seq = use_mut_ref(|| 0u32);

    let citations = use_memo(
        (
            props.corpus.clone(),
            props.doc.clone(),
            props.passage.clone(),
            props.url.clone(),
        ),
        |(corpus, doc, passage, url)| -> Option<(Citations, String)> {
            let d = corpus.document(doc)?;
            let p = d.passage(passage)?;
            Some((cite(d, p, &readable_link(url), today()), excerpt(&p.text)))
        },
    );
    // The QR code carries the ASCII link (what every scanner reads alike); people read the
    // link with its Japanese quote as written.
    let qr = use_memo(props.url.clone(), |url| qr_path(url));
    let shown_link = readable_link(&props.url);

    // On open (and for another passage): focus the dialog's first button.
    {
        let dialog = dialog.clone();
        use_effect_with((props.doc.clone(), props.passage.clone()), move |_| {
            let first = dialog
                .cast::<web_sys::Element>()
                .and_then(|d| d.query_selector("button").ok().flatten())
                .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok());
            browser::focus(first);
        });
    }

    // "Copied" fades after a while; "Select and copy" stays until the next copy.
    {
        let feedback = feedback.clone();
        use_effect_with(*feedback, move |current| {
            let timer = current
                .filter(|f| f.ok)
                .map(|_| Timeout::new(FEEDBACK_MS, move || feedback.set(None)));
            move || drop(timer)
        });
    }

    let copy = {
        let feedback = feedback.clone();
        let link_input = link_input.clone();
        let seq = seq.clone();
        move |target: &'static str, text: String| {
            let feedback = feedback.clone();
            let link_input = link_input.clone();
            let seq = seq.clone();
            Callback::from(move |_: MouseEvent| {
                let feedback = feedback.clone();
                let link_input = link_input.clone();
                let text = text.clone();
                let n = {
                    let mut s = seq.borrow_mut();
                    *s = s.wrapping_add(1);
                    *s
                };
                wasm_bindgen_futures::spawn_local(async move {
                    let ok = browser::write_clipboard(&text).await;
                    if !ok && target == "link" {
                        // Ready to copy by hand.
                        if let Some(input) = link_input.cast::<web_sys::HtmlInputElement>() {
                            let _ = input.focus();
                            input.select();
                        }
                    }
                    feedback.set(Some(Feedback { target, ok, seq: n }));
                });
            })
        }
    };

    let feedback_for = |target: &'static str| -> Html {
        let message = match *feedback {
            Some(f) if f.target == target && f.ok => tr.copied,
            Some(f) if f.target == target => tr.select_and_copy,
            _ => "",
        };
        html! {
            <span class="cite-feedback" data-testid="copy-feedback" role="status" aria-live="polite">{ message }</span>
        }
    };

    let on_close = props.on_close.reform(|_: MouseEvent| ());
    let on_backdrop = {
        let on_close = props.on_close.clone();
        Callback::from(move |e: MouseEvent| {
            // Only a click on the backdrop itself, not one inside the dialog.
            let on_backdrop = match (e.target(), e.current_target()) {
                (Some(t), Some(c)) => t == c,
                _ => false,
            };
            if on_backdrop {
                on_close.emit(());
            }
        })
    };
    let on_link_focus = Callback::from(|e: FocusEvent| {
        if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
            input.select();
        }
    });

    let body = match citations.as_ref() {
        None => html! {
            <p class="cite-none" data-testid="cite-none">{ tr.not_in_corpus }</p>
        },
        Some((c, excerpt)) => {
            let block = |style: &'static str, label: &'static str, form: &Formatted, extra: Html| {
                let label_id = format!("cite-label-{style}");
                html! {
                    <section class="cite-block" data-testid="citation" data-style={style} aria-labelledby={label_id.clone()}>
                        <div class="cite-block-head">
                            <h3 class="cite-label" id={label_id}>{ label }</h3>
                            { feedback_for(style) }
                            <button
                                type="button"
                                class="quiet cite-copy"
                                data-testid="copy-citation"
                                aria-label={fill(tr.copy_citation_label, &[&label])}
                                onclick={copy(style, form.plain())}
                            >{ tr.copy }</button>
                        </div>
                        <p class="cite-text" data-testid="citation-text">{ render(form) }</p>
                        { extra }
                    </section>
                }
            };
            let in_text = html! {
                <p class="cite-in-text" data-testid="citation-in-text">
                    <span class="cite-in-text-label">{ tr.in_text }</span>
                    { render(&c.apa_in_text) }
                </p>
            };
            let notes: Vec<String> = c
                .missing
                .iter()
                .map(|m| missing_sentence(m, lang).to_string())
                .chain(c.caveats.iter().map(|s| s.text(lang).to_string()))
                .collect();
            html! {
                <>
                    <blockquote class="cite-excerpt" data-testid="cite-excerpt" lang="ja">{ excerpt.clone() }</blockquote>
                    if !notes.is_empty() {
                        <ul class="cite-missing" data-testid="cite-missing">
                            { for notes.into_iter().map(|n| html! { <li>{ n }</li> }) }
                        </ul>
                    }
                    { block("sist02", "SIST 02", &c.sist, Html::default()) }
                    { block("apa", "APA 7", &c.apa, in_text) }
                    { block("chicago", "Chicago", &c.chicago, Html::default()) }
                </>
            }
        }
    };

    let qr_view = match qr.as_ref() {
        Some(q) => {
            let view_box = format!("0 0 {0} {0}", q.size);
            html! {
                <figure class="cite-qr-figure">
                    <svg
                        class="cite-qr"
                        data-testid="cite-qr"
                        viewBox={view_box}
                        role="img"
                        aria-label={tr.qr_label}
                        shape-rendering="crispEdges"
                        xmlns="http://www.w3.org/2000/svg"
                    >
                        <rect width="100%" height="100%" fill="#ffffff" />
                        <path d={q.path.clone()} fill="#000000" />
                    </svg>
                    <figcaption>{ tr.scan_to_open }</figcaption>
                    if crate::state::is_local_address(&props.url) {
                        <p class="toast-warning" data-testid="local-link">{ tr.local_link_warning }</p>
                    }
                </figure>
            }
        }
        None => html! {
            <p class="cite-qr-none" data-testid="cite-qr-none">{ tr.link_too_long_qr }</p>
        },
    };

    html! {
        <div class="cite-overlay" onclick={on_backdrop}>
            <div
                class="cite-dialog"
                data-testid="cite-dialog"
                role="dialog"
                aria-modal="true"
                aria-labelledby={TITLE_ID}
                ref={dialog}
            >
                <div class="cite-head">
                    <h2 id={TITLE_ID}>{ tr.cite_passage }</h2>
                    <button type="button" class="quiet cite-close" data-testid="cite-close" onclick={on_close} aria-label={tr.close_esc}>
                        { tr.close_x }
                    </button>
                </div>
                { body }
                <section class="cite-block cite-link" aria-labelledby="cite-label-link">
                    <div class="cite-block-head">
                        <h3 class="cite-label" id="cite-label-link">{ tr.link }</h3>
                        { feedback_for("link") }
                        <button
                            type="button"
                            class="quiet cite-copy"
                            data-testid="copy-cite-link"
                            aria-label={tr.copy_the_link}
                            onclick={copy("link", shown_link.clone())}
                        >{ tr.copy }</button>
                    </div>
                    <input
                        type="text"
                        class="cite-link-input"
                        data-testid="cite-link"
                        readonly=true
                        value={shown_link.clone()}
                        aria-labelledby="cite-label-link"
                        onfocus={on_link_focus}
                        ref={link_input}
                    />
                </section>
                { qr_view }
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_cuts_at_80_characters() {
        let long = "あ".repeat(100);
        let e = excerpt(&long);
        assert_eq!(e.chars().count(), EXCERPT_CHARS + 1);
        assert!(e.ends_with('…'));
        assert_eq!(excerpt("短い。"), "短い。");
        assert_eq!(excerpt(&"い".repeat(80)), "い".repeat(80));
    }
}
