//! What is being searched for, and how are the results shown? Part of the link, so a shared
//! link opens the same search: `find=<query>` (the words typed), `sv=kwic|coll` (the results as
//! a concordance or as collocates; hits by document when absent), `kw=<n>` (concordance context
//! in characters each side), `ks=left|right` (concordance order; document order when absent),
//! `kd=<doc>` (the concordance of one document only), `cw=<n>` (collocate window in characters).
//! Every key is optional and has a default that is not printed, so a plain search link is just
//! `find=…`. Any value is read (never panics); one that cannot be used is dropped with a notice.

use std::fmt::Write as _;

use super::{is_doc_id, shown};

/// Longest query kept from a link or the box (in characters).
pub const MAX_QUERY_CHARS: usize = 200;
/// Concordance context each side: default, least and most (characters).
pub const KWIC_WIDTH: (usize, usize, usize) = (20, 4, 60);
/// Collocate window each side: default, least and most (characters).
pub const COLLOCATE_WINDOW: (usize, usize, usize) = (10, 1, 40);

/// How the results are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SearchTab {
    /// Hits by document, each with its sentence.
    #[default]
    Hits,
    /// Keyword in context: one line per occurrence.
    Kwic,
    /// The terms found most often near the matches.
    Collocates,
}

impl SearchTab {
    /// All tabs, in order.
    pub const ALL: [SearchTab; 3] = [SearchTab::Hits, SearchTab::Kwic, SearchTab::Collocates];

    /// Its name in links and test hooks.
    pub fn key(self) -> &'static str {
        match self {
            SearchTab::Hits => "hits",
            SearchTab::Kwic => "kwic",
            SearchTab::Collocates => "coll",
        }
    }
}

/// The concordance's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum KwicOrder {
    /// As the documents run.
    #[default]
    Document,
    /// By the left context, nearest character first.
    Left,
    /// By the right context.
    Right,
}

impl KwicOrder {
    /// All orders, in the order they are offered.
    pub const ALL: [KwicOrder; 3] = [KwicOrder::Document, KwicOrder::Left, KwicOrder::Right];

    /// Its name in links and test hooks.
    pub fn key(self) -> &'static str {
        match self {
            KwicOrder::Document => "doc",
            KwicOrder::Left => "left",
            KwicOrder::Right => "right",
        }
    }
}

/// The search of a view.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Search {
    /// The query as typed (empty: no search).
    pub query: String,
    /// How the results are shown.
    pub tab: SearchTab,
    /// Concordance context each side, in characters.
    pub width: usize,
    /// Concordance order.
    pub order: KwicOrder,
    /// The concordance of this document only.
    pub only: Option<String>,
    /// Collocate window each side, in characters.
    pub window: usize,
}

impl Default for Search {
    fn default() -> Self {
        Search {
            query: String::new(),
            tab: SearchTab::default(),
            width: KWIC_WIDTH.0,
            order: KwicOrder::default(),
            only: None,
            window: COLLOCATE_WINDOW.0,
        }
    }
}

impl Search {
    /// Whether there is a query.
    pub fn is_active(&self) -> bool {
        !self.query.trim().is_empty()
    }

    /// This search with another query (settings kept; an over-long query is cut).
    pub fn with_query(&self, query: &str) -> Search {
        Search {
            query: clip(query),
            ..self.clone()
        }
    }

    /// Print the keys that differ from the defaults (`&find=…` first), for the fragment.
    pub(super) fn print(&self, out: &mut String) {
        if !self.is_active() {
            return;
        }
        out.push_str("&find=");
        out.extend(form_urlencoded::byte_serialize(self.query.as_bytes()));
        let d = Search::default();
        if self.tab != d.tab {
            let _ = write!(out, "&sv={}", self.tab.key());
        }
        if self.width != d.width {
            let _ = write!(out, "&kw={}", self.width);
        }
        if self.order != d.order {
            let _ = write!(out, "&ks={}", self.order.key());
        }
        if let Some(doc) = &self.only {
            out.push_str("&kd=");
            out.extend(form_urlencoded::byte_serialize(doc.as_bytes()));
        }
        if self.window != d.window {
            let _ = write!(out, "&cw={}", self.window);
        }
    }
}

fn clip(query: &str) -> String {
    query.chars().take(MAX_QUERY_CHARS).collect()
}

/// The search keys of a link, as given.
#[derive(Debug, Default)]
pub(super) struct SearchText {
    query: Option<String>,
    tab: Option<String>,
    width: Option<String>,
    order: Option<String>,
    only: Option<String>,
    window: Option<String>,
}

impl SearchText {
    /// Where the value of search key `key` goes.
    pub(super) fn slot(&mut self, key: &str) -> Option<&mut Option<String>> {
        match key {
            "find" => Some(&mut self.query),
            "sv" => Some(&mut self.tab),
            "kw" => Some(&mut self.width),
            "ks" => Some(&mut self.order),
            "kd" => Some(&mut self.only),
            "cw" => Some(&mut self.window),
            _ => None,
        }
    }

    /// The search these keys describe (settings without a query are dropped silently: they
    /// describe nothing to show).
    pub(super) fn read(self, problems: &mut Vec<String>) -> Search {
        let mut s = Search::default();
        let Some(query) = self.query.filter(|q| !q.trim().is_empty()) else {
            return s;
        };
        if query.chars().count() > MAX_QUERY_CHARS {
            problems.push(format!(
                "The link's search is longer than {MAX_QUERY_CHARS} characters; the rest was cut."
            ));
        }
        s.query = clip(&query);
        if let Some(v) = self.tab.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            match SearchTab::ALL.into_iter().find(|t| t.key() == v) {
                Some(t) => s.tab = t,
                None => problems.push(format!(
                    "The link asks to show the search as {}; the hits are shown instead.",
                    shown(v)
                )),
            }
        }
        if let Some(v) = self.order.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            match KwicOrder::ALL.into_iter().find(|o| o.key() == v) {
                Some(o) => s.order = o,
                None => problems.push(format!(
                    "The link asks for the concordance in an order called {}; document order is used.",
                    shown(v)
                )),
            }
        }
        let number = |v: Option<String>,
                      (default, least, most): (usize, usize, usize),
                      what: &str,
                      problems: &mut Vec<String>| {
            let Some(v) = v.filter(|v| !v.trim().is_empty()) else {
                return default;
            };
            match v.trim().parse::<usize>() {
                Ok(n) if (least..=most).contains(&n) => n,
                Ok(n) => {
                    let kept = n.clamp(least, most);
                    problems.push(format!(
                        "The link asks for {what} of {n} characters; {kept} is used ({least} to {most} can be chosen)."
                    ));
                    kept
                }
                Err(_) => {
                    problems.push(format!(
                        "The link gives {} for {what}, which is not a number; {default} characters are used.",
                        shown(&v)
                    ));
                    default
                }
            }
        };
        s.width = number(self.width, KWIC_WIDTH, "concordance context", problems);
        s.window = number(self.window, COLLOCATE_WINDOW, "a collocate window", problems);
        if let Some(v) = self.only.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            if is_doc_id(v) {
                s.only = Some(v.to_string());
            } else {
                problems.push(format!(
                    "The link limits the concordance to {}, which does not name a document; all documents are shown.",
                    shown(v)
                ));
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(pairs: &[(&str, &str)]) -> (Search, Vec<String>) {
        let mut text = SearchText::default();
        for (k, v) in pairs {
            *text.slot(k).expect("a search key") = Some(v.to_string());
        }
        let mut problems = Vec::new();
        let s = text.read(&mut problems);
        (s, problems)
    }

    #[test]
    fn a_plain_search_is_just_its_query() {
        let s = Search::default().with_query("拡大抑止");
        let mut out = String::new();
        s.print(&mut out);
        assert_eq!(out, "&find=%E6%8B%A1%E5%A4%A7%E6%8A%91%E6%AD%A2");
        let mut none = String::new();
        Search::default().print(&mut none);
        assert_eq!(none, "");
    }

    #[test]
    fn settings_round_trip_and_defaults_are_not_printed() {
        let (s, problems) = read(&[
            ("find", "日米 | 米国 -中国"),
            ("sv", "kwic"),
            ("kw", "30"),
            ("ks", "left"),
            ("kd", "policy-brief"),
            ("cw", "5"),
        ]);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(s.tab, SearchTab::Kwic);
        assert_eq!(
            (s.width, s.order, s.only.as_deref(), s.window),
            (30, KwicOrder::Left, Some("policy-brief"), 5)
        );
        let mut out = String::new();
        s.print(&mut out);
        assert_eq!(out, "&find=%E6%97%A5%E7%B1%B3+%7C+%E7%B1%B3%E5%9B%BD+-%E4%B8%AD%E5%9B%BD&sv=kwic&kw=30&ks=left&kd=policy-brief&cw=5");
    }

    #[test]
    fn bad_settings_are_dropped_or_clamped_with_a_reason() {
        let (s, problems) = read(&[
            ("find", "x"),
            ("sv", "graph"),
            ("kw", "999"),
            ("ks", "up"),
            ("kd", "../x"),
            ("cw", "ten"),
        ]);
        assert_eq!(s, Search::default().with_query("x").with_width(KWIC_WIDTH.2));
        assert_eq!(problems.len(), 5, "{problems:?}");
        // Settings without a query describe nothing: no search, no notice.
        let (s, problems) = read(&[("sv", "kwic"), ("kw", "30")]);
        assert!(!s.is_active() && problems.is_empty());
    }

    #[test]
    fn an_over_long_query_is_cut() {
        let long = "あ".repeat(MAX_QUERY_CHARS + 5);
        let (s, problems) = read(&[("find", &long)]);
        assert_eq!(s.query.chars().count(), MAX_QUERY_CHARS);
        assert_eq!(problems.len(), 1);
    }

    impl Search {
        fn with_width(mut self, width: usize) -> Search {
            self.width = width;
            self
        }
    }
}
