//! The app's components, one per file. `App` owns the state (one reducer) and shares it through
//! one context; the rest take props and dispatch actions.

use yew::UseReducerHandle;

use crate::state::AppState;

pub mod app;
pub mod cite_dialog;
pub mod column;
pub mod column_header;
pub mod copy_toast;
pub mod doc_card;
pub mod glossary_panel;
pub mod key_terms;
pub mod library;
pub mod note_popover;
pub mod notes_panel;
pub mod notices;
pub mod outline;
pub mod parse_report;
pub mod passage_view;
pub mod reader;
pub mod related_list;
pub mod ribbon;
pub mod search_box;
pub mod search_panel;
pub mod shelf_panel;
pub mod sources_panel;
pub mod theme_matrix;
pub mod theme_panel;
pub mod timeline_view;

/// The app-wide context: the state and its dispatcher.
pub type AppContext = UseReducerHandle<AppState>;
