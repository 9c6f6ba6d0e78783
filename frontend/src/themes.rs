//! Which themes are highlighted, in which colours, and where do they occur in the view?
//!
//! Where each theme occurs is computed by core's [`Pipeline`] (once per theme, memoised); this
//! module only arranges its results for the view: the curated themes shipped with the app, the
//! palette, and what each active theme looks like.
//!
//! [`ThemeView`] is the view's themes resolved: the active ones in the order they were turned on
//! (their palette slot), with their occurrences, and the highlight spans of each passage of the
//! open documents. Pure Rust, tested natively.

use crate::i18n::Notice;
use std::collections::BTreeMap;
use std::ops::Range;
use std::rc::Rc;

use yomikurabe_core::model::{Corpus, Document};
use yomikurabe_core::pipeline::Pipeline;
use yomikurabe_core::themes::matches::{Occ, ThemeMatches};
use yomikurabe_core::themes::{Rule, Scope, Theme, ThemeKind, ThemeSet};

use crate::reading::reading_order;
use crate::view_state::{AdHocTheme, ViewState};

/// A rule of a curated theme as `build.rs` writes it.
#[derive(Debug)]
pub struct StaticRule {
    /// See [`yomikurabe_core::themes::Rule`].
    pub terms: &'static [&'static str],
    /// Co-occurring groups.
    pub all: &'static [&'static [&'static str]],
    /// Co-occurrence scope.
    pub within: Scope,
    /// Exclusions.
    pub exclude: &'static [&'static str],
    /// Exclusion scope.
    pub exclude_scope: Scope,
}

/// A curated theme as `build.rs` writes it (from `corpus/themes.toml`).
#[derive(Debug)]
pub struct StaticTheme {
    /// Id.
    pub id: &'static str,
    /// Japanese label.
    pub label_ja: &'static str,
    /// English label.
    pub label_en: &'static str,
    /// Description.
    pub description: &'static str,
    /// Kind.
    pub kind: ThemeKind,
    /// The top-level rule.
    pub first: StaticRule,
    /// Further rules.
    pub rules: &'static [StaticRule],
}

include!(concat!(env!("OUT_DIR"), "/default_themes.rs"));

fn owned(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

impl StaticRule {
    fn rule(&self) -> Rule {
        Rule {
            terms: owned(self.terms),
            all: self.all.iter().map(|g| owned(g)).collect(),
            within: self.within,
            exclude: owned(self.exclude),
            exclude_scope: self.exclude_scope,
        }
    }
}

impl StaticTheme {
    fn theme(&self) -> Theme {
        let first = self.first.rule();
        Theme {
            id: self.id.to_string(),
            label_ja: self.label_ja.to_string(),
            label_en: self.label_en.to_string(),
            description: self.description.to_string(),
            kind: self.kind,
            terms: first.terms,
            all: first.all,
            within: first.within,
            exclude: first.exclude,
            exclude_scope: first.exclude_scope,
            rules: self.rules.iter().map(StaticRule::rule).collect(),
        }
    }
}

/// The curated themes shipped with the default corpus (checked when the app is built, so this
/// never fails in practice; a broken set would give no themes rather than no reader).
pub fn default_themes() -> ThemeSet {
    ThemeSet::new(DEFAULT_THEMES.iter().map(StaticTheme::theme).collect()).unwrap_or_default()
}

/// The themes of a shelf: the curated ones where they apply, then those its pack defines (a
/// pack theme whose id a curated theme has is left out).
pub fn shelf_themes(shelf: &crate::shelf::Shelf) -> ThemeSet {
    let mut set = if shelf.curated_themes {
        default_themes()
    } else {
        ThemeSet::default()
    };
    for t in &shelf.pack.themes {
        let _ = set.push(t.theme());
    }
    set
}

/// A theme of the reader's own as a pack keeps it: its label and spellings, with an id made
/// from them (the same theme saved twice is one theme).
pub fn pack_theme(t: &AdHocTheme) -> yomikurabe_core::pack::PackTheme {
    let key = format!("{}|{}", t.label, t.variants.join("|"));
    yomikurabe_core::pack::PackTheme {
        id: yomikurabe_core::text::hash::hashed_id("mine", &key),
        label_ja: t.label.clone(),
        terms: t.variants.clone(),
    }
}

/// Colours and underline styles of the palette slots, for words next to the swatches (the
/// colours themselves are in `style.css`, `[data-slot]`). Okabe–Ito colours, which stay apart
/// for the common colour-vision deficiencies; the underline style tells them apart in a
/// black-and-white printout.
pub const PALETTE: [(&str, &str); 8] = [
    ("blue", "solid underline"),
    ("vermillion", "dashed underline"),
    ("bluish green", "dotted underline"),
    ("reddish purple", "double underline"),
    ("orange", "wavy underline"),
    ("sky blue", "thick solid underline"),
    ("black", "thick dashed underline"),
    ("yellow", "thick dotted underline"),
];

/// Occurrences of a theme of the reader's own; `Err` says why it cannot match anything.
pub fn adhoc_matches(pipeline: &Pipeline, theme: &AdHocTheme) -> Result<Rc<ThemeMatches>, Notice> {
    pipeline
        .user_matches(&theme.label, &theme.variants)
        .ok_or_else(|| Notice::ThemeNothingToFind {
            label: theme.label.clone(),
        })
}

/// The core theme for an ad-hoc theme of a link.
pub fn adhoc_theme(id: &str, theme: &AdHocTheme) -> Theme {
    Theme::user(id, &theme.label, &theme.variants)
}

/// A theme as the legend shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ThemeInfo {
    /// Id as in links.
    pub id: String,
    /// Japanese label.
    pub label_ja: String,
    /// English label.
    pub label_en: String,
    /// One line on what it covers (curated themes).
    pub description: String,
    /// Curated, automatic (a key term) or the reader's own.
    pub kind: ThemeKind,
    /// The spellings it looks for (ad-hoc themes).
    pub variants: Vec<String>,
}

/// A highlighted theme.
#[derive(Debug, Clone, PartialEq)]
pub struct ActiveTheme {
    /// What it is.
    pub info: ThemeInfo,
    /// Palette slot (its position among the active themes).
    pub slot: usize,
    /// Where it occurs.
    pub matches: Rc<ThemeMatches>,
}

/// A highlight inside one passage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PassageSpan {
    /// Index into [`ThemeView::active`] (= palette slot).
    pub theme: usize,
    /// Byte range into the passage text.
    pub range: Range<usize>,
}

/// The view's themes, resolved against the analysis.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ThemeView {
    /// Active themes in palette order.
    pub active: Vec<ActiveTheme>,
    /// Highlights of each passage of the open documents that has any: (doc, passage) → spans.
    pub spans: BTreeMap<(usize, usize), Rc<[PassageSpan]>>,
}

fn info_of(t: &Theme) -> ThemeInfo {
    ThemeInfo {
        id: t.id.clone(),
        label_ja: t.label_ja.clone(),
        label_en: t.label_en.clone(),
        description: t.description.clone(),
        kind: t.kind,
        variants: if t.kind == ThemeKind::Curated {
            Vec::new()
        } else {
            t.variants().into_iter().map(String::from).collect()
        },
    }
}

/// The theme with this id, described: curated, automatic (a key term), or defined by the view.
pub fn theme_info(analysis: &Pipeline, view: &ViewState, id: &str) -> Option<ThemeInfo> {
    if let Some((_, t)) = view.adhoc_by_id(id) {
        return Some(info_of(&adhoc_theme(id, t)));
    }
    if let Some(t) = analysis.curated().by_id(id) {
        return Some(info_of(t));
    }
    analysis.term_theme(id).map(|t| info_of(&t))
}

/// Occurrences of theme `id` (curated, automatic, or defined by the view).
pub fn theme_matches(analysis: &Pipeline, view: &ViewState, id: &str) -> Option<Result<Rc<ThemeMatches>, Notice>> {
    if let Some((_, t)) = view.adhoc_by_id(id) {
        return Some(adhoc_matches(analysis, t));
    }
    if let Some(i) = analysis.curated().index_of(id) {
        return analysis.curated_matches().get(i).cloned().map(Ok);
    }
    analysis.term_matches(id).map(Ok)
}

/// Resolve the view's themes: the active ones with their occurrences and the highlights of the
/// open documents. Returns the view without what cannot be shown (unknown ids, themes with
/// nothing to look for) and what was dropped, in words.
pub fn resolve(analysis: &Pipeline, view: &ViewState) -> (ThemeView, ViewState, Vec<Notice>) {
    let mut view = view.clone();
    let mut problems = Vec::new();
    // Ad-hoc themes that cannot match anything go (with their highlight).
    while let Some((i, why)) = view
        .adhoc
        .iter()
        .enumerate()
        .find_map(|(i, t)| adhoc_matches(analysis, t).err().map(|why| (i, why)))
    {
        problems.push(why);
        view = view.remove_adhoc(i);
    }
    let mut active = Vec::new();
    let mut kept = Vec::new();
    for id in &view.themes {
        match (theme_info(analysis, &view, id), theme_matches(analysis, &view, id)) {
            (Some(info), Some(Ok(matches))) => {
                kept.push(id.clone());
                active.push(ActiveTheme {
                    info,
                    slot: active.len(),
                    matches,
                });
            }
            _ => problems.push(Notice::ThemeNotFound { id: id.clone() }),
        }
    }
    view.themes = kept;
    let corpus = analysis.corpus();
    let open: Vec<usize> = view
        .docs
        .iter()
        .filter_map(|d| corpus.documents.iter().position(|x| &x.id == d))
        .collect();
    let mut spans: BTreeMap<(usize, usize), Vec<PassageSpan>> = BTreeMap::new();
    for (i, t) in active.iter().enumerate() {
        for &d in &open {
            for o in t.matches.in_doc(d) {
                spans.entry((o.doc, o.passage)).or_default().push(PassageSpan {
                    theme: i,
                    range: o.range.clone(),
                });
            }
        }
    }
    let spans = spans
        .into_iter()
        .map(|(k, mut v)| {
            yomikurabe_core::text::sort::by_key(&mut v, |s| (s.range.start, s.range.end, s.theme));
            (k, Rc::from(v))
        })
        .collect();
    (ThemeView { active, spans }, view, problems)
}

/// Reading position of each passage of `doc` (body in reading order, then notes).
pub fn reading_positions(doc: &Document) -> Vec<usize> {
    let order = reading_order(doc);
    let mut pos = vec![usize::MAX; doc.passages.len()];
    for (k, &i) in order.body.iter().chain(&order.notes).enumerate() {
        if let Some(p) = pos.get_mut(i) {
            *p = k;
        }
    }
    pos
}

/// Where an occurrence is: a passage of an open document and the start of the span.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OccurrenceAt {
    /// Document id.
    pub doc: String,
    /// Passage id.
    pub passage: String,
    /// Byte offset of the span's start in the passage text.
    pub start: usize,
}

/// The occurrences of `matches` in the open document `doc`, in reading order.
fn in_reading_order<'a>(corpus: &'a Corpus, matches: &'a ThemeMatches, doc: &str) -> Vec<(usize, &'a Occ)> {
    let Some(d) = corpus.documents.iter().position(|x| x.id == doc) else {
        return Vec::new();
    };
    let pos = reading_positions(&corpus.documents[d]);
    let mut list: Vec<(usize, &Occ)> = matches
        .in_doc(d)
        .iter()
        .map(|o| (pos.get(o.passage).copied().unwrap_or(usize::MAX), o))
        .collect();
    yomikurabe_core::text::sort::by_key(&mut list, |&(p, o)| (p, o.range.start));
    list
}

fn at(corpus: &Corpus, o: &Occ) -> Option<OccurrenceAt> {
    let doc = corpus.documents.get(o.doc)?;
    Some(OccurrenceAt {
        doc: doc.id.clone(),
        passage: doc.passages.get(o.passage)?.id.clone(),
        start: o.range.start,
    })
}

/// The occurrence to go to from `from` (a highlight, or nothing: the start): the next one in
/// reading order in the same column, else the first in the next column that has one (to the
/// right, wrapping round), else the first of the same column again. `back` walks the other way.
pub fn step_occurrence(
    corpus: &Corpus,
    docs: &[String],
    matches: &ThemeMatches,
    from: Option<&OccurrenceAt>,
    back: bool,
) -> Option<OccurrenceAt> {
    if docs.is_empty() {
        return None;
    }
    let column = from.and_then(|f| docs.iter().position(|d| *d == f.doc)).unwrap_or(0);
    let here = in_reading_order(corpus, matches, &docs[column]);
    if let Some(f) = from.filter(|f| f.doc == docs[column]) {
        let key = corpus
            .document(&f.doc)
            .and_then(|doc| Some((doc, doc.passage_index(&f.passage)?)))
            .map(|(doc, i)| (reading_positions(doc).get(i).copied().unwrap_or(usize::MAX), f.start));
        if let Some(key) = key {
            let found = if back {
                here.iter().rev().find(|(p, o)| (*p, o.range.start) < key)
            } else {
                here.iter().find(|(p, o)| (*p, o.range.start) > key)
            };
            if let Some((_, o)) = found {
                return at(corpus, o);
            }
        }
    } else if let Some((_, o)) = if back { here.last() } else { here.first() } {
        return at(corpus, o);
    }
    let n = docs.len();
    for k in 1..=n {
        let c = if back {
            (column + n * 2 - k) % n
        } else {
            (column + k) % n
        };
        let list = in_reading_order(corpus, matches, &docs[c]);
        if let Some((_, o)) = if back { list.last() } else { list.first() } {
            return at(corpus, o);
        }
    }
    None
}

/// The first occurrence of `matches` in document `doc`, in reading order.
pub fn first_in(corpus: &Corpus, matches: &ThemeMatches, doc: &str) -> Option<OccurrenceAt> {
    in_reading_order(corpus, matches, doc)
        .first()
        .and_then(|(_, o)| at(corpus, o))
}

/// A tick of a column's ribbon: where a theme occurs along the document.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    /// Index into the active themes (= palette slot).
    pub theme: usize,
    /// Passage index.
    pub passage: usize,
    /// Start of the first occurrence in that passage.
    pub start: usize,
    /// How many occurrences in that passage.
    pub count: usize,
    /// Position along the document, 0 (start) to 1 (end), by text length in reading order.
    pub at: f32,
}

/// One tick per active theme and passage where it occurs, for document `doc`.
pub fn ribbon_ticks(corpus: &Corpus, doc: &str, active: &[ActiveTheme]) -> Vec<Tick> {
    let Some(d) = corpus.documents.iter().position(|x| x.id == doc) else {
        return Vec::new();
    };
    let document = &corpus.documents[d];
    let order = reading_order(document);
    let mut offset = vec![0usize; document.passages.len()];
    let mut total = 0usize;
    for &i in order.body.iter().chain(&order.notes) {
        if let Some(p) = document.passages.get(i) {
            offset[i] = total;
            total += p.text.len().max(1);
        }
    }
    let total = total.max(1) as f32;
    let mut ticks = Vec::new();
    for (t, theme) in active.iter().enumerate() {
        for group in theme.matches.in_doc(d).chunk_by(|a, b| a.passage == b.passage) {
            let first = &group[0];
            ticks.push(Tick {
                theme: t,
                passage: first.passage,
                start: first.range.start,
                count: group.len(),
                at: (offset.get(first.passage).copied().unwrap_or(0) + first.range.start) as f32 / total,
            });
        }
    }
    ticks
}

/// A row of the theme × document matrix.
#[derive(Debug, Clone, PartialEq)]
pub struct MatrixRow {
    /// The theme.
    pub info: ThemeInfo,
    /// Its palette slot, when active.
    pub slot: Option<usize>,
    /// Occurrences per document (corpus order).
    pub counts: Vec<usize>,
}

/// Every curated and automatic theme, every key-term theme that is on and every theme the view
/// defines, with its count in each document.
pub fn matrix(analysis: &Pipeline, view: &ViewState) -> Vec<MatrixRow> {
    let docs = analysis.corpus().documents.len();
    let slot = |id: &str| view.themes.iter().position(|t| t == id);
    let mut rows = Vec::new();
    let curated = analysis.curated_matches();
    for (t, m) in analysis.curated().themes().iter().zip(curated) {
        if let Some(info) = theme_info(analysis, view, &t.id) {
            rows.push(MatrixRow {
                slot: slot(&t.id),
                counts: (0..docs).map(|d| m.count(d)).collect(),
                info,
            });
        }
    }
    let mut term_ids: Vec<String> = analysis.automatic().iter().map(|t| t.id.clone()).collect();
    for id in &view.themes {
        if yomikurabe_core::pipeline::is_term_id(id) && !term_ids.contains(id) {
            term_ids.push(id.clone());
        }
    }
    for id in &term_ids {
        let (Some(info), Some(m)) = (theme_info(analysis, view, id), analysis.term_matches(id)) else {
            continue;
        };
        rows.push(MatrixRow {
            slot: slot(id),
            counts: (0..docs).map(|d| m.count(d)).collect(),
            info,
        });
    }
    for i in 0..view.adhoc.len() {
        let Some(id) = view.adhoc_id(i) else { continue };
        let (Some(info), Ok(m)) = (theme_info(analysis, view, &id), adhoc_matches(analysis, &view.adhoc[i])) else {
            continue;
        };
        rows.push(MatrixRow {
            slot: slot(&id),
            counts: (0..docs).map(|d| m.count(d)).collect(),
            info,
        });
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use yomikurabe_core::{parse_corpus, Source};

    fn corpus() -> Rc<Corpus> {
        Rc::new(parse_corpus(&[
            Source {
                id: "a",
                file: "a.txt",
                text: "拡大抑止が議論された。\n\n制裁と拡大抑止。\n\n三か国の協力。",
                entry: None,
            },
            Source {
                id: "b",
                file: "b.txt",
                text: "3カ国の制裁。\n\n拡大抑止の話。",
                entry: None,
            },
            Source {
                id: "c",
                file: "c.txt",
                text: "関係のない文書。",
                entry: None,
            },
        ]))
    }

    fn curated() -> ThemeSet {
        ThemeSet::from_toml(
            r#"
[[theme]]
id = "deterrence"
label_ja = "拡大抑止"
label_en = "Extended deterrence"
terms = ["拡大抑止"]

[[theme]]
id = "sanctions"
label_ja = "制裁"
label_en = "Sanctions"
terms = ["制裁"]
"#,
        )
        .unwrap()
    }

    fn analysis() -> Pipeline {
        Pipeline::new(corpus(), curated())
    }

    fn view(fragment: &str) -> ViewState {
        ViewState::parse(fragment).0
    }

    #[test]
    fn the_embedded_themes_are_the_themes_file() {
        let set = default_themes();
        let file = ThemeSet::from_toml(include_str!("../../corpus/themes.toml")).unwrap();
        assert_eq!(set, file, "build.rs wrote every field of every theme");
        assert!(set.len() >= 15, "{} curated themes", set.len());
    }

    #[test]
    fn curated_matches_are_per_theme_and_document() {
        let a = analysis();
        let m = a.curated_matches();
        assert_eq!(m.len(), 2);
        assert_eq!(m[0].per_doc, vec![2, 1, 0]);
        assert_eq!(m[1].per_doc, vec![1, 1, 0]);
        assert_eq!(m[0].in_doc(1).len(), 1);
        assert!(m[0].in_doc(2).is_empty());
        assert!(std::ptr::eq(a.curated_matches(), m), "computed once");
    }

    #[test]
    fn adhoc_themes_match_variants_and_are_memoised() {
        let a = analysis();
        let t = AdHocTheme::from_input("三か国").unwrap();
        let m = adhoc_matches(&a, &t).unwrap();
        assert_eq!(m.per_doc, vec![1, 1, 0], "三か国 finds 3カ国");
        assert!(Rc::ptr_eq(&m, &adhoc_matches(&a, &t).unwrap()));
        let nothing = AdHocTheme::from_input("・").unwrap();
        assert!(adhoc_matches(&a, &nothing)
            .unwrap_err()
            .to_string()
            .contains("nothing to look for"));
    }

    #[test]
    fn resolve_orders_slots_and_drops_the_unknown() {
        let a = analysis();
        let v = view("docs=b,a&themes=sanctions,nope,user-1,deterrence&u=%E4%B8%89%E3%81%8B%E5%9B%BD&u=%E3%83%BB");
        let (tv, cleaned, problems) = resolve(&a, &v);
        assert_eq!(cleaned.themes, ["sanctions", "user-1", "deterrence"]);
        assert_eq!(cleaned.adhoc.len(), 1, "the theme with nothing to look for went");
        assert_eq!(problems.len(), 2, "{problems:?}");
        let ids: Vec<&str> = tv.active.iter().map(|t| t.info.id.as_str()).collect();
        assert_eq!(ids, ["sanctions", "user-1", "deterrence"]);
        assert_eq!(tv.active.iter().map(|t| t.slot).collect::<Vec<_>>(), [0, 1, 2]);
        assert_eq!(tv.active[1].info.kind, ThemeKind::User);
        // Spans only for the open documents; passage 1 of a has sanctions and deterrence.
        assert!(tv.spans.keys().all(|&(d, _)| d < 2));
        let s = &tv.spans[&(0, 1)];
        assert_eq!(s.iter().map(|s| s.theme).collect::<Vec<_>>(), [0, 2]);
        let text = &a.corpus().documents[0].passages[1].text;
        assert_eq!(&text[s[1].range.clone()], "拡大抑止");
    }

    #[test]
    fn stepping_through_occurrences_goes_on_to_the_next_column() {
        let a = analysis();
        let c = a.corpus().clone();
        let docs: Vec<String> = vec!["a".into(), "b".into(), "c".into()];
        let m = &a.curated_matches()[0];
        let first = step_occurrence(&c, &docs, m, None, false).unwrap();
        assert_eq!(
            (first.doc.as_str(), first.passage.as_str(), first.start),
            ("a", "s0-p1", 0)
        );
        let second = step_occurrence(&c, &docs, m, Some(&first), false).unwrap();
        assert_eq!((second.doc.as_str(), second.passage.as_str()), ("a", "s0-p2"));
        let third = step_occurrence(&c, &docs, m, Some(&second), false).unwrap();
        assert_eq!(third.doc, "b", "then the next column");
        let wrap = step_occurrence(&c, &docs, m, Some(&third), false).unwrap();
        assert_eq!(wrap, first, "c has none: round to the first column");
        let back = step_occurrence(&c, &docs, m, Some(&first), true).unwrap();
        assert_eq!(
            back, third,
            "backwards from the first: the last of the previous column with one"
        );
        // From the start of a column without any: the next column's first.
        let from_c = OccurrenceAt {
            doc: "c".into(),
            passage: "s0-p1".into(),
            start: 0,
        };
        assert_eq!(step_occurrence(&c, &docs, m, Some(&from_c), false).unwrap(), first);
        // Only one occurrence in one column: it is its own next.
        let only_b: Vec<String> = vec!["b".into()];
        let o = step_occurrence(&c, &only_b, m, None, false).unwrap();
        assert_eq!(step_occurrence(&c, &only_b, m, Some(&o), false), Some(o));
        assert_eq!(step_occurrence(&c, &[], m, None, false), None);
        assert_eq!(first_in(&c, m, "b").unwrap().doc, "b");
        assert_eq!(first_in(&c, m, "c"), None);
    }

    #[test]
    fn ribbon_and_matrix() {
        let a = analysis();
        let v = view("docs=a&themes=deterrence,user-1&u=%E4%B8%89%E3%81%8B%E5%9B%BD");
        let (tv, v, _) = resolve(&a, &v);
        let ticks = ribbon_ticks(a.corpus(), "a", &tv.active);
        assert_eq!(ticks.len(), 3, "{ticks:?}");
        assert!(ticks.iter().all(|t| (0.0..1.0).contains(&t.at)));
        assert!(ticks[0].at < ticks[1].at);
        assert_eq!(ticks[2].theme, 1);
        assert!(ribbon_ticks(a.corpus(), "zz", &tv.active).is_empty());
        let rows = matrix(&a, &v);
        assert_eq!(rows[0].counts, vec![2, 1, 0]);
        assert_eq!(rows[0].slot, Some(0));
        assert_eq!(rows[1].slot, None);
        let auto: Vec<&MatrixRow> = rows.iter().filter(|r| r.info.kind == ThemeKind::Automatic).collect();
        assert!(!auto.is_empty(), "shared key terms are automatic themes");
        assert!(auto
            .iter()
            .all(|r| yomikurabe_core::pipeline::is_term_id(&r.info.id)
                && r.counts.iter().filter(|&&n| n > 0).count() >= 2));
        let last = rows.last().unwrap();
        assert_eq!(last.info.id, "user-1");
        assert_eq!(last.slot, Some(1));
    }

    #[test]
    fn term_themes_resolve_by_id() {
        let a = analysis();
        let term = a.terms().get("拡大抑止").expect("a key term");
        let id = yomikurabe_core::pipeline::term_theme(term).id;
        assert!(yomikurabe_core::pipeline::is_term_id(&id), "{id}");
        let v = view(&format!("docs=a,b&themes={id},term-00000000"));
        let (tv, cleaned, problems) = resolve(&a, &v);
        assert_eq!(cleaned.themes, std::slice::from_ref(&id));
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(tv.active[0].info.kind, ThemeKind::Automatic);
        assert_eq!(tv.active[0].matches.per_doc, vec![2, 1, 0]);
        assert!(
            !yomikurabe_core::pipeline::is_term_id("term-1")
                && !yomikurabe_core::pipeline::is_term_id("term-0A1B2C3D")
                && !yomikurabe_core::pipeline::is_term_id("x")
        );
    }
}
