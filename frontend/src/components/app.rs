//! The root: owns the state, listens to the address bar and the keyboard, carries out the
//! effects the reducer records (URL writes, clipboard), and shows the library or the reader.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::browser;
use crate::components::copy_toast::CopyToast;
use crate::components::library::Library;
use crate::components::reader::Reader;
use crate::components::search_box::SEARCH_INPUT_ID;
use crate::components::AppContext;
use crate::corpus::{default_pack, default_summaries};
use crate::i18n::{Lang, Notice};
use crate::search::{self, SharedFound};
use crate::shelf::{Shelf, ShelfAction};
use crate::state::{
    Action, AppState, ClipboardStatus, EffectAction, Feedback, LayoutAction, SharedExtracts, UrlWrite, UrlWriteMode,
};
use crate::{files, storage};
use yomikurabe_core::pack::Pack;
use yomikurabe_core::pipeline::{Part, Pipeline};

/// The mark end-to-end tests and measurements wait for.
const FIRST_DOCUMENT_MARK: &str = "yomikurabe:first-document";
/// Mark set when the pipeline's start-up steps are all done (the parse, marked by the pipeline
/// itself as `yomikurabe:parse-start/-end`, the extractions, the themes analysis).
const STARTUP_DONE_MARK: &str = "yomikurabe:startup-done";
/// Marks around the extraction of sources, acronyms and dates (dates, citations, glossary and
/// their index: several idle periods), and its measure, from the first to the last.
const EXTRACT_START_MARK: &str = "yomikurabe:extract-start";
const EXTRACT_END_MARK: &str = "yomikurabe:extract-end";
const EXTRACT_MEASURE: &str = "yomikurabe:extract";
/// Mark set each time the shelf was written to (or cleared from) the browser's storage.
const SHELF_STORED_MARK: &str = "yomikurabe:shelf-stored";
/// Mark set after the highlights of a new set of themes are on screen.
const THEMES_RENDERED_MARK: &str = "yomikurabe:themes-rendered";
/// Measure from a theme toggled in the panel to its highlights on screen.
const TOGGLE_MEASURE: &str = "yomikurabe:theme-toggle-to-render";

/// Compute the rest of the pipeline, one part per idle period: the documents the library showed
/// without (one each), the extractions (handed to the view once indexed), and what the themes
/// panel and related lists need; then mark the start-up done.
/// `live` says whether this analysis is still the one shown (a changed shelf brings a new one).
fn warm(analysis: Rc<Pipeline>, step: usize, dispatcher: UseReducerDispatcher<AppState>, live: Rc<dyn Fn() -> bool>) {
    browser::when_idle(move || {
        if !live() {
            return;
        }
        if analysis.part_at(step) == Some(Part::Dates) {
            browser::performance_mark(EXTRACT_START_MARK);
        }
        match analysis.warm(step) {
            Some(part) => {
                if part == Part::Extracts {
                    browser::performance_mark(EXTRACT_END_MARK);
                    browser::performance_measure(EXTRACT_MEASURE, EXTRACT_START_MARK, EXTRACT_END_MARK);
                    dispatcher.dispatch(Action::Extracted(SharedExtracts(analysis.extracts().clone())));
                }
                warm(analysis, step + 1, dispatcher, live);
            }
            None => {
                browser::performance_mark(STARTUP_DONE_MARK);
                // Last, in an idle period of its own: the search index, so that the first
                // keystroke in the search box is answered at once.
                browser::when_idle(move || {
                    if live() {
                        analysis.search_index();
                    }
                });
            }
        }
    });
}

/// The shelf the page comes with: the reading pack it holds, else the default corpus (whose
/// library cards were made at build time); and what to say if its pack cannot be read.
fn carried_shelf() -> (Shelf, Option<Notice>) {
    let default = || Shelf::new(default_pack(), Some(default_summaries()), true);
    match files::embedded_pack().map(|text| Pack::from_toml(&text)) {
        Some(Ok(pack)) => (Shelf::new(pack, None, false), None),
        Some(Err(why)) => (default(), Some(Notice::PackUnreadable { why: why.to_string() })),
        None => (default(), None),
    }
}

/// The app.
#[component]
pub fn App() -> Html {
    // The address as the page opened: a link to documents kept in this browser can only be
    // shown once they are back from storage.
    let opened_at = use_memo((), |_| browser::current_fragment());
    // The fragment the address bar showed when the app last wrote or heard of it. A replace
    // written for a view the person has since left (back, forward: the bar moved under us
    // before the write ran) would overwrite the entry they went to: it is not written.
    let address = use_mut_ref(browser::current_fragment);
    let state = use_reducer(|| {
        // Parsed on first need: at once for a link to documents, after the first paint for the
        // library (which shows the cards it has, parsing only documents without one).
        let (shelf, problem) = carried_shelf();
        let mut state = AppState::with_shelf(
            shelf,
            browser::performance_mark,
            browser::base_url(),
            &browser::current_fragment(),
            browser::stored_lang().unwrap_or_default(),
        );
        if let Some(p) = problem {
            state.effects = state.effects.apply(EffectAction::AlsoSay(p));
        }
        state
    });

    // What this browser kept of the shelf from an earlier visit comes back first; only then
    // are changes written (so an early write cannot wipe what was kept).
    let stored_ready = use_mut_ref(|| false);
    {
        let dispatcher = state.dispatcher();
        let key = state.shelf.0.storage_key().to_string();
        let ready = stored_ready.clone();
        let opened_at = (*opened_at).clone();
        let address = address.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let restore = match storage::load(&key).await {
                    Ok(Some(text)) => match Pack::from_toml(&text) {
                        Ok(pack) => Some(ShelfAction::Restore(Box::new(pack))),
                        Err(why) => Some(ShelfAction::Problem(Notice::KeptUnreadable { why: why.to_string() })),
                    },
                    Ok(None) => None,
                    Err(problem) => Some(ShelfAction::Problem(Notice::Storage { problem })),
                };
                *ready.borrow_mut() = true;
                if let Some(a) = restore {
                    let restored = matches!(a, ShelfAction::Restore(_));
                    dispatcher.dispatch(Action::Shelf(a));
                    if restored && !opened_at.is_empty() {
                        // What the address asked for, now over the documents kept here: back in
                        // the address bar (the first look, without them, wrote the library there).
                        browser::write_url(&UrlWrite {
                            seq: 0,
                            fragment: opened_at.trim_start_matches('#').to_string(),
                            mode: UrlWriteMode::Replace,
                        });
                        *address.borrow_mut() = browser::current_fragment();
                        dispatcher.dispatch(Action::Navigate(opened_at));
                    }
                }
            });
        });
    }
    {
        let dispatcher = state.dispatcher();
        let ready = stored_ready.clone();
        use_effect_with(state.shelf.clone(), move |shelf| {
            if *ready.borrow() {
                let shelf = shelf.0.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let key = shelf.storage_key();
                    let written = if shelf.is_changed() {
                        storage::save(key, &shelf.pack.to_toml()).await
                    } else {
                        storage::forget(key).await
                    };
                    match written {
                        Ok(()) => browser::performance_mark(SHELF_STORED_MARK),
                        Err(problem) => {
                            dispatcher.dispatch(Action::Shelf(ShelfAction::Problem(Notice::NotKept { problem })))
                        }
                    }
                });
            }
        });
    }

    // Back/forward and followed links change the fragment; Esc closes a footnote popover.
    {
        let dispatcher = state.dispatcher();
        let address = address.clone();
        use_effect_with((), move |_| {
            let listeners = web_sys::window().map(|window| {
                let d = dispatcher.clone();
                let hash = EventListener::new(&window, "hashchange", move |_| {
                    *address.borrow_mut() = browser::current_fragment();
                    d.dispatch(Action::Navigate(browser::current_fragment()));
                });
                // Not passive: `/` is kept from being typed where focus goes.
                let active = gloo::events::EventListenerOptions::enable_prevent_default();
                let keys = EventListener::new_with_options(&window, "keydown", active, move |e| {
                    let Some(k) = e.dyn_ref::<KeyboardEvent>() else { return };
                    match k.key().as_str() {
                        "Escape" => dispatcher.dispatch(Action::Layout(LayoutAction::Escape)),
                        // `/` goes to the search box, unless it is typed into a field.
                        "/" if !k.ctrl_key()
                            && !k.meta_key()
                            && !k.alt_key()
                            && !browser::typing_in_field(e.target()) =>
                        {
                            k.prevent_default();
                            browser::focus_by_id(SEARCH_INPUT_ID);
                        }
                        _ => {}
                    }
                });
                (hash, keys)
            });
            move || drop(listeners)
        });
    }

    // The rest of the pipeline, just after the first paint (so the first document is on screen
    // before it), one part per idle period: the corpus if the library did without it, sources,
    // acronyms and dates, then what the themes panel and related lists need.
    let generation = use_mut_ref(|| 0_usize);
    {
        let dispatcher = state.dispatcher();
        use_effect_with(state.analysis.clone(), move |analysis| {
            *generation.borrow_mut() += 1;
            let current = *generation.borrow();
            let live: Rc<dyn Fn() -> bool> = Rc::new(move || *generation.borrow() == current);
            let analysis = analysis.0.clone();
            browser::after_paint(move || warm(analysis, 0, dispatcher, live));
        });
    }

    // The address bar follows the state.
    {
        let address = address.clone();
        // A typing write waiting for the next paint, with the address it replaces; any later
        // write takes its place, and a move of the address meanwhile (back, a link) cancels it.
        let waiting = use_mut_ref(|| None::<(UrlWrite, String)>);
        use_effect_with(state.effects.url_write.clone(), move |write| {
            let Some(w) = write else { return };
            let scheduled = waiting.borrow().is_some();
            if w.mode == UrlWriteMode::Typing {
                *waiting.borrow_mut() = Some((w.clone(), address.borrow().clone()));
                if !scheduled {
                    browser::after_paint(move || {
                        let Some((w, from)) = waiting.borrow_mut().take() else {
                            return;
                        };
                        if browser::current_fragment() == from {
                            write_address(&address, &w);
                        }
                    });
                }
            } else {
                waiting.borrow_mut().take();
                write_address(&address, w);
            }
        });
    }

    // A new copied link goes to the clipboard; the toast then says whether it took it.
    {
        let dispatcher = state.dispatcher();
        let pending = state
            .effects
            .toast
            .as_ref()
            .filter(|t| t.clipboard == ClipboardStatus::Pending)
            .map(|t| (t.id, t.url.clone()));
        use_effect_with(pending, move |pending| {
            if let Some((id, url)) = pending.clone() {
                wasm_bindgen_futures::spawn_local(async move {
                    let ok = browser::write_clipboard(&url).await;
                    dispatcher.dispatch(Action::Effect(Feedback::ClipboardDone { toast: id, ok }));
                });
            }
        });
    }

    // New highlights are on screen: measure from the toggle that asked for them.
    use_effect_with(state.themes.clone(), |_| {
        browser::performance_mark(THEMES_RENDERED_MARK);
        browser::performance_measure(
            TOGGLE_MEASURE,
            crate::components::theme_panel::TOGGLE_MARK,
            THEMES_RENDERED_MARK,
        );
    });

    // Once the first card or passage is on screen, say so (once).
    let marked = use_mut_ref(|| false);
    use_effect(move || {
        if !*marked.borrow() && browser::shows_document_content() {
            *marked.borrow_mut() = true;
            browser::performance_mark(FIRST_DOCUMENT_MARK);
        }
    });

    // The page speaks the interface's language.
    let lang: Lang = state.view.lang;
    use_effect_with(lang, |&lang| browser::set_page_lang(lang));
    // The view's search, run once per query (and again over a changed shelf), for the search
    // panel and the columns' highlights.
    let found = {
        let deps = (state.analysis.clone(), state.view.search.query.clone());
        use_memo(deps, |(analysis, query)| search::run(&analysis.0, query))
    };

    let on_close_toast = {
        let dispatcher = state.dispatcher();
        Callback::from(move |id| dispatcher.dispatch(Action::Effect(Feedback::HideToast(id))))
    };

    html! {
        <ContextProvider<AppContext> context={state.clone()}>
        <ContextProvider<Lang> context={lang}>
        <ContextProvider<SharedFound> context={(*found).clone()}>
            // `data-nav` counts the navigations shown and `data-fragment` is the link they show:
            // end-to-end tests wait on them after changing the address.
            <div class="app" lang={lang.code()} data-nav={state.effects.nav_seq.to_string()} data-fragment={state.fragment.clone()}>
                if state.view.is_library() {
                    <Library />
                } else {
                    <Reader />
                }
                if let Some(toast) = state.effects.toast.clone() {
                    <CopyToast {toast} on_close={on_close_toast} />
                }
            </div>
        </ContextProvider<SharedFound>>
        </ContextProvider<Lang>>
        </ContextProvider<AppContext>>
    }
}

/// Bring the address bar to `w`, unless it is a replacement and the address moved on since the
/// app last wrote it (back, forward, a link followed): the address the app wrote is `address`.
fn write_address(address: &Rc<RefCell<String>>, w: &UrlWrite) {
    let moved = browser::current_fragment() != *address.borrow();
    if !(moved && w.mode != UrlWriteMode::Push) {
        browser::write_url(w);
    }
    *address.borrow_mut() = browser::current_fragment();
}
