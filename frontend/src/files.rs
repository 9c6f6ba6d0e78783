//! How do files become text, and a shelf a file? The browser edge of adding and saving
//! documents: read a chosen or dropped file's bytes, decode them with the browser's own
//! `TextDecoder` in the encoding core's `detect` finds (the CLI's decision) or a person chose
//! (a Word file's text is read by core's `docx`),
//! and offer the reading pack as a download. The decisions (which encoding, what is refused)
//! are not made here.

use js_sys::{Array, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, TextDecoder, TextDecoderOptions, Url};

use crate::shelf::Incoming;
use yomikurabe_core::pack::PACK_ELEMENT_ID;
use yomikurabe_core::text::detect::{check, detect, Encoding};
use yomikurabe_core::text::docx::{docx_text, is_docx};

/// The largest file read at all, in bytes (bigger ones are refused before reading): twice the
/// text a document may have, for UTF-16.
pub const MAX_FILE_BYTES: f64 = 2.0 * crate::shelf::MAX_TEXT_BYTES as f64;

/// The encodings a person can choose when the detected one is wrong: (WHATWG label, name shown).
pub fn encodings() -> impl Iterator<Item = (&'static str, &'static str)> {
    Encoding::ALL.into_iter().map(|e| {
        let shown = match e {
            Encoding::ShiftJis => "Shift_JIS (CP932)",
            Encoding::Iso2022Jp => "ISO-2022-JP (JIS)",
            e => e.whatwg_name(),
        };
        (e.whatwg_name(), shown)
    })
}

/// Decode `bytes` strictly as `encoding` with the browser's own decoder (the WHATWG decoders
/// the CLI's `encoding_rs` implements too): `None` if they are not valid in it.
fn decode_as(bytes: &[u8], encoding: Encoding) -> Option<String> {
    let options = TextDecoderOptions::new();
    options.set_fatal(true);
    // web-sys has no setter for it: `ignoreBOM`, so a second BOM stays text, as in the CLI.
    Reflect::set(&options, &"ignoreBOM".into(), &JsValue::TRUE).ok()?;
    let decoder = TextDecoder::new_with_label_and_options(encoding.whatwg_name(), &options).ok()?;
    decoder.decode_with_js_u8_array(&Uint8Array::from(bytes)).ok()
}

/// Whether decoded text is text: a few control characters at most (tabs, line and page breaks
/// do not count).
fn looks_like_text(text: &str) -> bool {
    let controls = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}'))
        .count();
    controls * 100 <= text.chars().count().max(1)
}

/// Decode a file's bytes: in the encoding `chosen` (a WHATWG label) if given, else in the one
/// core's [`detect`] finds, the CLI's decision. The error says why the file is not text.
pub fn decode(bytes: &[u8], chosen: Option<&str>) -> Result<(String, String), String> {
    if bytes.is_empty() {
        return Err("the file is empty".to_string());
    }
    let detected = detect(bytes);
    let (encoding, bom_len) = match chosen.and_then(Encoding::from_whatwg_name) {
        Some(e) => {
            let bom_len = match &detected {
                Ok(d) if d.encoding == e => d.bom_len,
                _ => 0,
            };
            check(&bytes[bom_len..], e).map_err(|why| format!("{why}; choose another encoding"))?;
            (e, bom_len)
        }
        None => {
            let d = detected.map_err(|why| why.to_string())?;
            (d.encoding, d.bom_len)
        }
    };
    let text = decode_as(&bytes[bom_len..], encoding)
        .ok_or_else(|| format!("it is not valid {encoding} text; choose another encoding"))?;
    if !looks_like_text(&text) {
        return Err("binary data, not text (it holds control characters)".to_string());
    }
    Ok((text, encoding.whatwg_name().to_string()))
}

/// Read the files and decode them (`encoding`: the one chosen, or `None` to detect). Each file
/// is either a text or a message naming it.
pub async fn read_files(files: Vec<web_sys::File>, encoding: Option<String>) -> (Vec<Incoming>, Vec<String>) {
    let mut texts = Vec::new();
    let mut problems = Vec::new();
    for file in files {
        let name = file.name();
        if file.size() > MAX_FILE_BYTES {
            problems.push(format!(
                "{name}: not added — the file is {:.0} MB; a document may have at most {} MB of text.",
                file.size() / 1_048_576.0,
                crate::shelf::MAX_TEXT_BYTES / 1_048_576
            ));
            continue;
        }
        let bytes = match JsFuture::from(file.array_buffer()).await {
            Ok(buffer) => Uint8Array::new(&buffer).to_vec(),
            Err(_) => {
                problems.push(format!("{name}: the browser could not read the file."));
                continue;
            }
        };
        // A Word file is a zip of XML: its text is core's to read, not a decoder's.
        let read = if is_docx(&name, &bytes) {
            docx_text(&bytes).map(|d| (d.text, "docx".to_string(), d.title))
        } else {
            decode(&bytes, encoding.as_deref()).map(|(text, used)| (text, used, None))
        };
        match read {
            Ok((text, used, title)) => texts.push(Incoming {
                file: name,
                text,
                encoding: Some(used),
                title,
            }),
            Err(why) => problems.push(format!("{name}: not added — {why}.")),
        }
    }
    (texts, problems)
}

/// The files of a file list (a chooser's or a drop's).
pub fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

thread_local! {
    /// The page as it arrived (before the app drew anything), kept on the JavaScript side, when
    /// the page is the single-file reader: saving a pack starts from it.
    static PAGE: std::cell::RefCell<Option<JsValue>> = const { std::cell::RefCell::new(None) };
}

/// Keep the page as it arrived, if it is a single-file reader (call before the app renders).
pub fn keep_page() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let single = document
        .query_selector("meta[name=yomikurabe-single-file]")
        .ok()
        .flatten()
        .is_some();
    if let (true, Some(root)) = (single, document.document_element()) {
        let html = Reflect::get(&root, &"outerHTML".into()).ok();
        PAGE.with(|p| *p.borrow_mut() = html);
    }
}

/// The single-file reader to save a pack into: the page itself when it is one, else
/// `yomikurabe.html` beside it (its own file).
pub async fn reader_page() -> Result<String, String> {
    if let Some(html) = PAGE.with(|p| p.borrow().as_ref().and_then(JsValue::as_string)) {
        return Ok(format!("<!DOCTYPE html>\n{html}"));
    }
    let window = web_sys::window().ok_or("no window")?;
    let missing = || {
        "Saving a pack needs the single-file reader (yomikurabe.html) beside this page; it is not there.".to_string()
    };
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str("yomikurabe.html"))
        .await
        .map_err(|_| missing())?
        .dyn_into()
        .map_err(|_| missing())?;
    if !response.ok() {
        return Err(missing());
    }
    let text = JsFuture::from(response.text().map_err(|_| missing())?)
        .await
        .map_err(|_| missing())?;
    text.as_string().ok_or_else(missing)
}

/// The pack the page holds, as its text (`None`: the page holds none).
pub fn embedded_pack() -> Option<String> {
    web_sys::window()?
        .document()?
        .get_element_by_id(PACK_ELEMENT_ID)?
        .text_content()
}

/// Offer `text` as a file named `name` of type `mime` (the browser's download).
pub fn download(name: &str, text: &str, mime: &str) -> Result<(), String> {
    let failed = |_| "The browser did not offer the file for download.".to_string();
    let parts = Array::of1(&JsValue::from_str(text));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options).map_err(failed)?;
    let url = Url::create_object_url_with_blob(&blob).map_err(failed)?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let a: HtmlAnchorElement = document.create_element("a").map_err(failed)?.unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.set_attribute("data-testid", "pack-download").map_err(failed)?;
    if let Some(body) = document.body() {
        let _ = body.append_child(&a);
        a.click();
        let _ = body.remove_child(&a);
    }
    // The download has its own copy once started; free the URL a little later.
    gloo::timers::callback::Timeout::new(60_000, move || {
        let _ = Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}
