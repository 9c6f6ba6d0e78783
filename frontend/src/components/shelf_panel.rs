//! The library's shelf controls: add documents (choose files, drop them anywhere on the
//! library, paste text), save everything as one reading pack, see and clear what this browser
//! keeps. Reading and decoding happen at the browser edge (`files`); the shelf decides.

use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::components::AppContext;
use crate::files;
use crate::shelf::{Incoming, ShelfAction};
use crate::state::{Action, AppState};
use crate::storage;
use yomikurabe_core::pack::with_pack;

/// Read `files` in the background and put what decodes on the shelf; `busy` says what is
/// being done meanwhile (shown before the documents are analysed, which takes a while for long
/// ones).
pub fn add_files(
    list: Vec<web_sys::File>,
    encoding: Option<String>,
    dispatcher: UseReducerDispatcher<AppState>,
    busy: UseStateHandle<Option<String>>,
) {
    if list.is_empty() {
        return;
    }
    let n = list.len();
    let plural = if n == 1 { "" } else { "s" };
    busy.set(Some(format!("Reading {n} file{plural}…")));
    wasm_bindgen_futures::spawn_local(async move {
        let (texts, problems) = files::read_files(list, encoding).await;
        let mb = texts.iter().map(|t| t.text.len()).sum::<usize>() as f64 / 1_048_576.0;
        busy.set(Some(format!(
            "Analysing {} document{} ({mb:.1} MB of text)…",
            texts.len(),
            if texts.len() == 1 { "" } else { "s" }
        )));
        // Let the message paint before the analysis holds the page.
        crate::browser::after_paint(move || {
            dispatcher.dispatch(Action::Shelf(ShelfAction::Add { texts, problems }));
            busy.set(None);
        });
    });
}

/// Props of [`ShelfPanel`].
#[derive(Properties, PartialEq)]
pub struct ShelfPanelProps {
    /// What is being done with files being added, if anything.
    pub busy: UseStateHandle<Option<String>>,
}

fn select_value(r: &NodeRef) -> Option<String> {
    r.cast::<HtmlSelectElement>()
        .map(|s| s.value())
        .filter(|v| !v.is_empty())
}

fn size_line(bytes: f64) -> String {
    if bytes >= 1_048_576.0 {
        format!("{:.1} MB", bytes / 1_048_576.0)
    } else {
        format!("{:.0} KB", (bytes / 1024.0).ceil())
    }
}

/// The shelf controls.
#[component]
pub fn ShelfPanel(props: &ShelfPanelProps) -> Html {
    let Some(state) = use_context::<AppContext>() else {
        return html! {};
    };
    let dispatcher = state.dispatcher();
    let encoding = use_node_ref();
    let paste_name = use_node_ref();
    let paste_text = use_node_ref();
    let published = use_node_ref();
    let estimate = use_state(|| None::<(f64, f64)>);
    {
        let estimate = estimate.clone();
        use_effect_with(state.shelf.clone(), move |_| {
            wasm_bindgen_futures::spawn_local(async move { estimate.set(storage::estimate().await) });
        });
    }
    let shelf = state.shelf.0.clone();
    // The field shows the recorded address when it changes, and is otherwise the person's: a
    // `value` prop would be written back over what they type at every render.
    {
        let published = published.clone();
        use_effect_with(shelf.pack.published.clone(), move |url| {
            if let Some(input) = published.cast::<HtmlInputElement>() {
                input.set_value(url.as_deref().unwrap_or_default());
            }
        });
    }

    let on_choose = {
        let d = dispatcher.clone();
        let busy = props.busy.clone();
        let encoding = encoding.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            let list = files::files_of(input.files());
            input.set_value("");
            add_files(list, select_value(&encoding), d.clone(), busy.clone());
        })
    };
    let on_paste = {
        let d = dispatcher.clone();
        let (name, text) = (paste_name.clone(), paste_text.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (Some(name), Some(text)) = (name.cast::<HtmlInputElement>(), text.cast::<HtmlTextAreaElement>()) else {
                return;
            };
            let file = match name.value().trim() {
                "" => "pasted.txt".to_string(),
                n if n.contains('.') => n.to_string(),
                n => format!("{n}.txt"),
            };
            let incoming = Incoming {
                file,
                text: text.value(),
                encoding: None,
                title: None,
            };
            text.set_value("");
            name.set_value("");
            d.dispatch(Action::Shelf(ShelfAction::Add {
                texts: vec![incoming],
                problems: vec![],
            }));
        })
    };
    let on_save = {
        let d = dispatcher.clone();
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            let d = d.clone();
            let mut pack = (*state.shelf.0.pack).clone();
            // Themes of the reader's own in the current reading travel with the pack.
            for t in state
                .picks
                .adhoc()
                .iter()
                .chain(&state.view.adhoc)
                .map(crate::themes::pack_theme)
            {
                if !pack.themes.iter().any(|x| x.id == t.id) {
                    pack.themes.push(t);
                }
            }
            wasm_bindgen_futures::spawn_local(async move {
                let saved = match files::reader_page().await {
                    Ok(page) => files::download(
                        "yomikurabe-pack.html",
                        &with_pack(&page, &pack),
                        "text/html;charset=utf-8",
                    ),
                    Err(why) => Err(why),
                };
                if let Err(why) = saved {
                    d.dispatch(Action::Shelf(ShelfAction::Problem(why)));
                }
            });
        })
    };
    let on_publish = {
        let d = dispatcher.clone();
        let published = published.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(input) = published.cast::<HtmlInputElement>() {
                d.dispatch(Action::Shelf(ShelfAction::Publish(input.value())));
            }
        })
    };
    let on_reset = {
        let d = dispatcher.clone();
        Callback::from(move |_: MouseEvent| {
            let sure = web_sys::window()
                .and_then(|w| {
                    w.confirm_with_message(
                        "Forget the documents added and the corrections made in this browser, and go back to the documents this page came with?",
                    )
                    .ok()
                })
                .unwrap_or(false);
            if sure {
                d.dispatch(Action::Shelf(ShelfAction::Reset));
            }
        })
    };

    let n = shelf.pack.documents.len();
    let stored = if shelf.is_changed() {
        format!(
            "This browser keeps your shelf: {n} document{}, {} of text.",
            if n == 1 { "" } else { "s" },
            size_line(shelf.text_bytes() as f64)
        )
    } else {
        "Nothing of yours is stored: these are the documents the page came with.".to_string()
    };
    let room = (*estimate).map(|(usage, quota)| {
        format!(
            " The browser gives this page {} and it uses {}.",
            size_line(quota),
            size_line(usage)
        )
    });

    html! {
        <section class="shelf-panel" data-testid="shelf-panel" aria-labelledby="shelf-title">
            <h2 id="shelf-title" class="shelf-title">{"Your documents"}</h2>
            <div class="shelf-add">
                <label class="button primary file-button">
                    {"Add files…"}
                    <input type="file" multiple=true data-testid="add-files" class="visually-hidden"
                        accept=".txt,.md,.markdown,.text,.html,.htm,.docx,text/plain,text/markdown,text/html" onchange={on_choose} />
                </label>
                <label class="encoding">
                    {"Encoding "}
                    <select ref={encoding} data-testid="encoding">
                        <option value="" selected=true>{"detect"}</option>
                        { for files::encodings().map(|(label, name)| html! { <option value={label}>{ name }</option> }) }
                    </select>
                </label>
                <p class="hint">
                    {"Plain text (.txt), Markdown (.md) a web page saved from the browser (.html: its main text) or a Word file (.docx: its text, headings and footnotes), in any Japanese encoding; or drop files anywhere here. "}
                    {"From a PDF: open it, select all the text, copy it and paste it below — the reader joins broken lines and drops page numbers."}
                </p>
                if let Some(doing) = (*props.busy).clone() {
                    <p class="busy" data-testid="adding" role="status">{ doing }</p>
                }
            </div>
            <details class="shelf-paste">
                <summary>{"Paste text"}</summary>
                <form onsubmit={on_paste}>
                    <label>{"Name "}<input ref={paste_name} data-testid="paste-name" placeholder="e.g. speech-2024" /></label>
                    <textarea ref={paste_text} data-testid="paste-text" rows="6" lang="ja" aria-label="Text to add" />
                    <button type="submit" data-testid="paste-add">{"Add the text"}</button>
                </form>
            </details>
            <div class="shelf-save">
                <button type="button" data-testid="save-pack" onclick={on_save}>{"Save reading pack (one HTML file)"}</button>
                <form class="publish" onsubmit={on_publish}>
                    <label>
                        {"Published at "}
                        <input ref={published} type="url" data-testid="published" placeholder="https://…/pack.html" />
                    </label>
                    <button type="submit" data-testid="publish">{"Set"}</button>
                </form>
                <p class="hint">{"Links and QR codes point to the published address, so students can open them."}</p>
            </div>
            <p class="stored" data-testid="stored">
                { stored }{ room.unwrap_or_default() }
                if shelf.is_changed() {
                    {" "}<button type="button" class="quiet" data-testid="reset-shelf" onclick={on_reset}>{"Forget my changes"}</button>
                }
            </p>
        </section>
    }
}
