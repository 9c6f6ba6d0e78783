//! yomikurabe-web: the reader app (Yew, client-side rendered). Pure view logic in `view_state`,
//! `reading` and `state`; the browser edge in `browser`; one component per file in `components`.

pub mod browser;
pub mod cite;
pub mod components;
pub mod corpus;
pub mod files;

pub mod highlight;
pub mod passage_window;
pub mod qr;
pub mod reading;
pub mod related;
pub mod search;
pub mod shelf;
pub mod state;
pub mod storage;
pub mod themes;
pub mod timeline_layout;
pub mod view_state;
