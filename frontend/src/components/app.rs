//! The root: owns the state, listens to the address bar and the keyboard, carries out the
//! effects the reducer records (URL writes, clipboard), and shows the library or the reader.

use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::browser;
use crate::components::copy_toast::CopyToast;
use crate::components::library::Library;
use crate::components::reader::Reader;
use crate::components::AppContext;
use crate::corpus::{default_sources, default_summaries};
use crate::state::{Action, AppState, ClipboardStatus, Feedback, LayoutAction, SharedExtracts};
use crate::themes::default_themes;
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
/// Mark set after the highlights of a new set of themes are on screen.
const THEMES_RENDERED_MARK: &str = "yomikurabe:themes-rendered";
/// Measure from a theme toggled in the panel to its highlights on screen.
const TOGGLE_MEASURE: &str = "yomikurabe:theme-toggle-to-render";

/// Compute the rest of the pipeline, one part per idle period: the documents the library showed
/// without (one each), the extractions (handed to the view once indexed), and what the themes
/// panel and related lists need; then mark the start-up done.
fn warm(analysis: Rc<Pipeline>, step: usize, dispatcher: UseReducerDispatcher<AppState>) {
    browser::when_idle(move || {
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
                warm(analysis, step + 1, dispatcher);
            }
            None => browser::performance_mark(STARTUP_DONE_MARK),
        }
    });
}

/// The app.
#[component]
pub fn App() -> Html {
    let state = use_reducer(|| {
        // Parsed on first need: at once for a link to documents, after the first paint for the
        // library (which shows the build-time summaries).
        let analysis = Pipeline::lazy(default_sources(), Some(default_summaries()), default_themes())
            .with_marks(browser::performance_mark);
        AppState::with_analysis(Rc::new(analysis), browser::base_url(), &browser::current_fragment())
    });

    // Back/forward and followed links change the fragment; Esc closes a footnote popover.
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            let listeners = web_sys::window().map(|window| {
                let d = dispatcher.clone();
                let hash = EventListener::new(&window, "hashchange", move |_| {
                    d.dispatch(Action::Navigate(browser::current_fragment()));
                });
                let keys = EventListener::new(&window, "keydown", move |e| {
                    if e.dyn_ref::<KeyboardEvent>().is_some_and(|k| k.key() == "Escape") {
                        dispatcher.dispatch(Action::Layout(LayoutAction::Escape));
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
    {
        let dispatcher = state.dispatcher();
        let analysis = state.analysis.0.clone();
        use_effect_with((), move |_| {
            browser::after_paint(move || warm(analysis, 0, dispatcher));
        });
    }

    // The address bar follows the state.
    use_effect_with(state.effects.url_write.clone(), |write| {
        if let Some(w) = write {
            browser::write_url(w);
        }
    });

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

    let on_close_toast = {
        let dispatcher = state.dispatcher();
        Callback::from(move |id| dispatcher.dispatch(Action::Effect(Feedback::HideToast(id))))
    };

    html! {
        <ContextProvider<AppContext> context={state.clone()}>
            // `data-nav` counts the navigations shown and `data-fragment` is the link they show:
            // end-to-end tests wait on them after changing the address.
            <div class="app" lang="en" data-nav={state.effects.nav_seq.to_string()} data-fragment={state.fragment.clone()}>
                if state.view.is_library() {
                    <Library />
                } else {
                    <Reader />
                }
                if let Some(toast) = state.effects.toast.clone() {
                    <CopyToast {toast} on_close={on_close_toast} />
                }
            </div>
        </ContextProvider<AppContext>>
    }
}
