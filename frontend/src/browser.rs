//! Where does the app touch the browser? Every `web-sys` call outside event wiring lives here:
//! the address bar, history, clipboard, scrolling, the performance mark.
//!
//! Each function degrades gracefully: a missing API or a refused call does nothing (or answers
//! "no"), never panics, so a sandboxed or `file://` page still shows its documents.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlElement, ScrollIntoViewOptions, ScrollLogicalPosition};

use crate::i18n::{self, Lang};
use crate::state::{UrlWrite, UrlWriteMode};
use crate::view_state::{is_doc_id, is_passage_id, PassageRef};

/// The fragment of the current address, without `#` (empty when there is none).
pub fn current_fragment() -> String {
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    hash.strip_prefix('#').unwrap_or(&hash).to_string()
}

/// The current address without its fragment.
pub fn base_url() -> String {
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    match href.split_once('#') {
        Some((base, _)) => base.to_string(),
        None => href,
    }
}

/// Bring the address bar to `write`: a new history entry, or a replaced one.
pub fn write_url(write: &UrlWrite) {
    let Some(window) = web_sys::window() else {
        return;
    };
    match write.mode {
        UrlWriteMode::Push => {
            let _ = window.location().set_hash(&write.fragment);
        }
        UrlWriteMode::Replace | UrlWriteMode::Typing => {
            let url = if write.fragment.is_empty() {
                base_url()
            } else {
                format!("#{}", write.fragment)
            };
            if let Ok(history) = window.history() {
                // Some hosts (file:// in some browsers) refuse: the address bar then stays as it was.
                let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
            }
        }
    }
}

/// Put `text` on the clipboard. `false` when the browser has no clipboard API or refuses.
pub async fn write_clipboard(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let navigator = window.navigator();
    // `navigator.clipboard` is undefined outside secure contexts: check before calling into it.
    let has_clipboard = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard"))
        .map(|c| c.is_object())
        .unwrap_or(false);
    if !has_clipboard {
        return false;
    }
    let promise = navigator.clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

/// `performance.mark(name)`, if the browser has it.
pub fn performance_mark(name: &str) {
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        let _ = perf.mark(name);
    }
}

/// Run `f` once the next frame has been painted (a timeout queued from an animation-frame
/// callback runs after that frame's paint); at once where there is no window.
pub fn after_paint(f: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else {
        f();
        return;
    };
    let frame = wasm_bindgen::closure::Closure::once_into_js(move || {
        gloo::timers::callback::Timeout::new(0, f).forget();
    });
    let _ = window.request_animation_frame(frame.unchecked_ref());
}

/// Run `f` when the browser is idle (`requestIdleCallback`), or after a short timeout where it
/// has no such thing.
pub fn when_idle(f: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else {
        f();
        return;
    };
    let f = std::rc::Rc::new(std::cell::Cell::new(Some(f)));
    let g = f.clone();
    let callback = wasm_bindgen::closure::Closure::once_into_js(move || {
        if let Some(f) = g.take() {
            f();
        }
    });
    if window.request_idle_callback(callback.unchecked_ref()).is_err() {
        gloo::timers::callback::Timeout::new(200, move || {
            if let Some(f) = f.take() {
                f();
            }
        })
        .forget();
    }
}

/// Bring the first element matching `selector` into view, scrolling as little as possible.
pub fn reveal(selector: &str) {
    if let Some(el) = query(selector) {
        let opts = ScrollIntoViewOptions::new();
        opts.set_block(ScrollLogicalPosition::Nearest);
        el.scroll_into_view_with_scroll_into_view_options(&opts);
    }
}

/// Whether the page shows any document content yet (a library card or a passage).
pub fn shows_document_content() -> bool {
    query("[data-testid=doc-card], [data-testid=passage]").is_some()
}

fn query(selector: &str) -> Option<Element> {
    web_sys::window()?.document()?.query_selector(selector).ok().flatten()
}

/// The scrolling column of `doc`.
fn column(doc: &str) -> Option<HtmlElement> {
    if !is_doc_id(doc) {
        return None;
    }
    query(&format!("[data-testid=column][data-doc=\"{doc}\"]"))?
        .dyn_into()
        .ok()
}

fn passage_in(column: &Element, passage: &str) -> Option<HtmlElement> {
    if !is_passage_id(passage) {
        return None;
    }
    column
        .query_selector(&format!("[data-passage=\"{passage}\"]"))
        .ok()
        .flatten()?
        .dyn_into()
        .ok()
}

/// Height of the column's sticky header (passages under it are hidden).
fn header_height(column: &Element) -> i32 {
    column
        .query_selector(".column-header")
        .ok()
        .flatten()
        .and_then(|h| h.dyn_into::<HtmlElement>().ok())
        .map_or(0, |h| h.offset_height())
}

/// Where a column should land.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Landing {
    /// The marked passage, centred (left alone when it is fully in view already).
    Centre,
    /// This passage at the top (a remembered scroll position, an outline entry).
    Top,
}

/// Scroll `doc`'s column so that `passage` is in view. `false` if either is not on the page.
pub fn scroll_to_passage(doc: &str, passage: &str, landing: Landing) -> bool {
    let Some(col) = column(doc) else { return false };
    let Some(p) = passage_in(&col, passage) else {
        return false;
    };
    let header = header_height(&col);
    let (top, bottom) = (p.offset_top(), p.offset_top() + p.offset_height());
    let view_top = col.scroll_top() + header;
    let view_bottom = col.scroll_top() + col.client_height();
    match landing {
        Landing::Centre if top >= view_top && bottom <= view_bottom => {}
        // Too tall to centre without hiding its start under the header: show its start.
        Landing::Centre if p.offset_height() > col.client_height() - 2 * header - 16 => {
            col.set_scroll_top((top - header - 8).max(0));
        }
        Landing::Centre => {
            let opts = ScrollIntoViewOptions::new();
            opts.set_block(ScrollLogicalPosition::Center);
            p.scroll_into_view_with_scroll_into_view_options(&opts);
        }
        Landing::Top => col.set_scroll_top((top - header - 4).max(0)),
    }
    true
}

/// Scroll `doc`'s column back to its start.
pub fn scroll_to_start(doc: &str) {
    if let Some(col) = column(doc) {
        col.set_scroll_top(0);
    }
}

/// For each open column, the passage at its top (columns at their very start give none).
pub fn top_passages(docs: &[String]) -> Vec<PassageRef> {
    docs.iter()
        .filter_map(|d| top_passage(d).map(|p| PassageRef::new(d.as_str(), p)))
        .collect()
}

fn top_passage(doc: &str) -> Option<String> {
    let col = column(doc)?;
    if col.scroll_top() < 8 {
        return None;
    }
    let top = col.scroll_top() + header_height(&col);
    let list = col.query_selector(".passages").ok().flatten()?;
    let mut el = list.first_element_child();
    while let Some(e) = el {
        if let Some(id) = e.get_attribute("data-passage") {
            if let Some(h) = e.dyn_ref::<HtmlElement>() {
                if h.offset_top() + h.offset_height() > top + 1 {
                    return Some(id);
                }
            }
        }
        el = e.next_element_sibling();
    }
    None
}

/// On narrow screens, scroll the tab bar so that the active tab is in view.
pub fn reveal_active_tab() {
    let Some(tab) = query(".tabs .tab.active").and_then(|e| e.dyn_into::<HtmlElement>().ok()) else {
        return;
    };
    let Some(bar) = tab.parent_element() else {
        return;
    };
    // `.tabs` is positioned, so offsets are measured from the bar.
    let (left, right) = (tab.offset_left(), tab.offset_left() + tab.offset_width());
    if left < bar.scroll_left() || right > bar.scroll_left() + bar.client_width() {
        bar.set_scroll_left((left - 8).max(0));
    }
}

/// After a footnote popover closed: give focus back to marker `index` inside `passage`, unless
/// focus already went somewhere else (another marker, another popover).
pub fn refocus_marker(passage: Option<Element>, index: usize) {
    let Some(passage) = passage else { return };
    let active = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    let focus_lost = active.is_none_or(|a| a.tag_name().eq_ignore_ascii_case("body"));
    if !focus_lost {
        return;
    }
    let marker = passage
        .query_selector(&format!("[data-ref-index=\"{index}\"]"))
        .ok()
        .flatten();
    focus(marker.and_then(|m| m.dyn_into().ok()));
}

/// Give keyboard focus to an element (e.g. a popover as it opens).
pub fn focus(el: Option<HtmlElement>) {
    if let Some(el) = el {
        let _ = el.focus();
    }
}

/// `performance.measure(name, start, end)` between two marks, if the browser has it.
pub fn performance_measure(name: &str, start: &str, end: &str) {
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        if perf.measure_with_start_mark_and_end_mark(name, start, end).is_ok() {
            // Measured once: a later change of themes not started by a toggle is not counted.
            perf.clear_marks_with_mark_name(start);
        }
    }
}

/// Whether an event happened on a button, link or field (which keep their own meaning).
pub fn inside_control(target: Option<web_sys::EventTarget>) -> bool {
    let el: Option<Element> = target.and_then(|t| t.dyn_into().ok());
    el.is_some_and(|el| el.closest("button, a, input").ok().flatten().is_some())
}

/// The highlight (theme id, start offset) an event happened in, unless it happened on a button
/// or link inside it (a footnote marker keeps its own meaning).
pub fn highlight_of(target: Option<web_sys::EventTarget>) -> Option<(String, usize)> {
    let el: Element = target?.dyn_into().ok()?;
    if el.closest("button, a, input").ok().flatten().is_some() {
        return None;
    }
    let mark = el.closest("mark.theme").ok().flatten()?;
    let theme = mark.get_attribute("data-theme")?;
    let start = mark.get_attribute("data-start")?.parse().ok()?;
    Some((theme, start))
}

/// Bring the highlight of `theme` starting at `start` in `doc`'s `passage` into view (centred,
/// unless it is in view already). `false` if it is not on the page.
pub fn scroll_to_highlight(doc: &str, passage: &str, theme: &str, start: usize) -> bool {
    let Some(col) = column(doc) else { return false };
    let Some(p) = passage_in(&col, passage) else {
        return false;
    };
    if !yomikurabe_core::themes::is_valid_theme_id(theme) {
        return false;
    }
    let selector = format!("mark[data-theme=\"{theme}\"][data-start=\"{start}\"]");
    let Some(mark) = p.query_selector(&selector).ok().flatten() else {
        return false;
    };
    let header = header_height(&col);
    let col_rect = col.get_bounding_client_rect();
    let r = mark.get_bounding_client_rect();
    let fully_visible = r.top() >= col_rect.top() + header as f64 && r.bottom() <= col_rect.bottom();
    if !fully_visible {
        let opts = ScrollIntoViewOptions::new();
        opts.set_block(ScrollLogicalPosition::Center);
        mark.scroll_into_view_with_scroll_into_view_options(&opts);
    }
    true
}

/// Bring the first mention of source `source` in `doc`'s `passage` into view (centred). `false`
/// if it is not on the page.
pub fn scroll_to_source(doc: &str, passage: &str, source: &str) -> bool {
    let Some(col) = column(doc) else { return false };
    let Some(p) = passage_in(&col, passage) else {
        return false;
    };
    if !crate::view_state::is_passage_id(source) {
        return false;
    }
    let selector = format!("cite[data-source=\"{source}\"]");
    let Some(mention) = p.query_selector(&selector).ok().flatten() else {
        return false;
    };
    let opts = ScrollIntoViewOptions::new();
    opts.set_block(ScrollLogicalPosition::Center);
    mention.scroll_into_view_with_scroll_into_view_options(&opts);
    true
}

/// `performance.now()` (0 where there is no clock).
pub fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// The passage of `doc`'s column that crosses the line `fraction` of the way down its visible
/// part (below the sticky header).
pub fn passage_near(doc: &str, fraction: f64) -> Option<String> {
    let col = column(doc)?;
    let header = header_height(&col);
    let visible = (col.client_height() - header).max(0) as f64;
    let line = col.scroll_top() + header + (visible * fraction.clamp(0.0, 1.0)) as i32;
    let list = col.query_selector(".passages").ok().flatten()?;
    let mut el = list.first_element_child();
    let mut last = None;
    while let Some(e) = el {
        if let Some(id) = e.get_attribute("data-passage") {
            if let Some(h) = e.dyn_ref::<HtmlElement>() {
                if h.offset_top() + h.offset_height() > line {
                    return Some(id);
                }
            }
            last = Some(id);
        }
        el = e.next_element_sibling();
    }
    last
}

/// Mark `passage` as the one aligned to (a brief cue in its column; the previous one loses it).
pub fn mark_aligned(doc: &str, passage: &str) {
    let Some(col) = column(doc) else { return };
    if let Ok(list) = col.query_selector_all("[data-aligned]") {
        for i in 0..list.length() {
            if let Some(e) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                let _ = e.remove_attribute("data-aligned");
            }
        }
    }
    if let Some(p) = passage_in(&col, passage) {
        let _ = p.set_attribute("data-aligned", "true");
    }
}

/// Whether the window is phone-narrow (the layout where the themes panel covers the reader).
pub fn is_narrow() -> bool {
    web_sys::window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|w| w.as_f64())
        .is_some_and(|w| w <= 700.0)
}

/// The interface language remembered in this browser (`localStorage`), if any.
pub fn stored_lang() -> Option<Lang> {
    let storage = web_sys::window()?.local_storage().ok()??;
    Lang::from_code(&storage.get_item(i18n::STORAGE_KEY).ok()??)
}

/// Remember the interface language in this browser (quietly nothing where storage is refused).
pub fn store_lang(lang: Lang) {
    if let Some(Ok(Some(storage))) = web_sys::window().map(|w| w.local_storage()) {
        let _ = storage.set_item(i18n::STORAGE_KEY, lang.code());
    }
}

/// `<html lang>`: the language the page speaks (the interface's; document text says its own).
pub fn set_page_lang(lang: Lang) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", lang.code());
    }
}

/// Where a passage stands in its column's view: its top minus the column's scroll position.
pub fn passage_offset(doc: &str, passage: &str) -> Option<i32> {
    let col = column(doc)?;
    let p = passage_in(&col, passage)?;
    Some(p.offset_top() - col.scroll_top())
}

/// Scroll `doc`'s column so that `passage` stands `offset` pixels below the view's top again
/// (after passages were rendered above it: the column opts out of the browser's anchoring).
pub fn keep_passage_at(doc: &str, passage: &str, offset: i32) {
    let Some(col) = column(doc) else { return };
    if let Some(p) = passage_in(&col, passage) {
        col.set_scroll_top((p.offset_top() - offset).max(0));
    }
}

/// A gap of a long column came near the view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GapSeen {
    /// Where it starts and ends in the column's reading order (`data-gap-start`, `-end`).
    pub start: usize,
    /// See `start`.
    pub end: usize,
    /// Whether its top is at or below the view's top (the reader is coming down to it) rather
    /// than above it (coming up to it).
    pub coming_down: bool,
}

/// Watches the not-yet-rendered gaps of a column (`.passage-gap` elements with
/// `data-gap-start`): `on_seen` is called for each one within a screen of the view, once when
/// the watch starts and again whenever one comes that near. Dropping the watch stops it.
pub struct GapWatch {
    observer: web_sys::IntersectionObserver,
    _callback: wasm_bindgen::closure::Closure<dyn FnMut(js_sys::Array)>,
}

impl Drop for GapWatch {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// Start watching the gaps inside `column` (the scrolling element). `None` where the browser
/// has no `IntersectionObserver` (the gaps' buttons still work).
pub fn watch_gaps(column: &Element, on_seen: impl Fn(GapSeen) + 'static) -> Option<GapWatch> {
    let root = column.clone();
    let callback = wasm_bindgen::closure::Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
        for entry in entries.iter() {
            let Ok(entry) = entry.dyn_into::<web_sys::IntersectionObserverEntry>() else {
                continue;
            };
            if !entry.is_intersecting() {
                continue;
            }
            let target = entry.target();
            let number = |name: &str| target.get_attribute(name).and_then(|s| s.parse::<usize>().ok());
            let (Some(start), Some(end)) = (number("data-gap-start"), number("data-gap-end")) else {
                continue;
            };
            // The column's own top (the root bounds include the margin around it).
            let top = entry.bounding_client_rect().top();
            let view_top = root.get_bounding_client_rect().top();
            on_seen(GapSeen {
                start,
                end,
                coming_down: top >= view_top,
            });
        }
    });
    let options = web_sys::IntersectionObserverInit::new();
    options.set_root(Some(column));
    // A screen's worth ahead, so passages are there before the reader reaches them.
    options.set_root_margin("100% 0px");
    let observer = web_sys::IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &options).ok()?;
    if let Ok(gaps) = column.query_selector_all(".passage-gap") {
        for i in 0..gaps.length() {
            if let Some(el) = gaps.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                observer.observe(&el);
            }
        }
    }
    Some(GapWatch {
        observer,
        _callback: callback,
    })
}

/// Whether an event happened in a text field (where a typed key is text, not a shortcut).
pub fn typing_in_field(target: Option<web_sys::EventTarget>) -> bool {
    let el: Option<Element> = target.and_then(|t| t.dyn_into().ok());
    el.is_some_and(|el| {
        let tag = el.tag_name().to_ascii_lowercase();
        tag == "input"
            || tag == "textarea"
            || tag == "select"
            || el.closest("[contenteditable]").ok().flatten().is_some()
    })
}

/// Give keyboard focus to the element with this id (and select its text, if it is a field).
pub fn focus_by_id(id: &str) {
    let el = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id));
    if let Some(input) = el.clone().and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok()) {
        let _ = input.focus();
        input.select();
    } else {
        focus(el.and_then(|e| e.dyn_into().ok()));
    }
}
