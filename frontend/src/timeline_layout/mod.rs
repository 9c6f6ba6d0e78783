//! Where does each dated expression go on the timeline? Pure layout (no web-sys) for
//! [`crate::components::timeline_view::TimelineView`]: one lane per open document, one time axis
//! shared by all lanes, integer SVG coordinates (the view formats no floats).
//!
//! **Marks.** The expressions of a lane that have the same ISO date are one mark listing every
//! passage that mentions it; identical (document, ISO, passage) duplicates are one mention. The
//! shape says the precision: a full date is a dot, a month a short filled bar spanning the
//! month, a year a long hollow bar spanning the year (each at least [`MIN_MARK_W`] wide, so a
//! pointer can reach it). A mark of more than one mention carries its count beside it. Marks
//! that would overlap (with their count) go to the next sub-row of the lane, greedily in time
//! order, up to a number of rows that keeps the strip near [`TARGET_HEIGHT`] (3 to 8 per lane).
//! Where a run of touching marks needs more rows, its day and month marks are merged into
//! *clusters* ([`Shape::Cluster`]: a dashed bar over the dates with their count) over windows
//! of 32 units, then 64, 128… until the run fits (year bars stay apart; at worst the run is one
//! cluster). On the default corpus that happens where day-precise dates crowd a few months
//! (2016, 2018, late 2024 to 2025) when four documents are open.
//! Nothing is lost: every mark, cluster or not, lists its mentions (the view shows them when
//! it is chosen), so every expression stays one click away.
//!
//! **Axis.** Years are laid on one linear scale over the *dense range*: the years left after
//! setting aside up to a tenth of the mentions at each end (the start rounded down to the tick
//! step). When the years set aside before it span at least [`MIN_COMPRESSED_YEARS`] and at
//! least half the dense range (the default corpus: 1954–2004 before 2005–2025), they go to a
//! narrow *compressed zone* (at most [`COMPRESSED_SHARE`] of the width) on a logarithmic scale
//! of the distance to the dense range — recent years keep more room than remote ones — behind a
//! break marker; the same holds for late outliers after it. Without such outliers the axis is
//! linear from the first to the last year. Ticks fall on 1 January: every year while a year is
//! at least [`MIN_LABEL_GAP`] wide and the dense range spans at most 12 years, else every 2, 5,
//! 10… (unlabelled minor ticks for the other years when there is room, months when a year is
//! very wide); in a compressed zone, its first year and the round decades that fit.
//!
//! **Unresolved** expressions (no ISO date, or an ISO string that does not parse) are returned
//! per lane, in document order, one per (passage, text).
//!
//! Everything is deterministic (ties broken by ISO string and passage order) and total: bad
//! document or passage indexes are skipped, odd ISO strings become unresolved, nothing panics.

use yomikurabe_core::extract::timeline::DatedExpression;
use yomikurabe_core::model::Corpus;
use yomikurabe_core::text::dates::{days_in_month, Date};

/// Height of the axis band at the top.
pub const AXIS_H: i32 = 40;
/// Height of a lane's header line (swatch, title, counts).
pub const HEADER_H: i32 = 22;
/// Height of one sub-row of marks.
pub const ROW_H: i32 = 17;
/// Height the strip aims at (sub-rows per lane are limited to fit it).
pub const TARGET_HEIGHT: i32 = 350;
/// Sub-rows a lane may always use.
pub const MIN_ROWS: i32 = 3;
/// Sub-rows a lane never exceeds.
pub const MAX_ROWS: i32 = 8;
/// Space below a lane.
pub const LANE_GAP: i32 = 4;
/// Horizontal padding on each side of the plot (room for the first and last labels).
pub const PAD_X: i32 = 30;
/// Narrowest mark (a dot's diameter).
pub const MIN_MARK_W: i32 = 12;
/// Font size of the axis labels (the view uses the same).
pub const AXIS_FONT: i32 = 17;
/// Font size of lane headers.
pub const HEADER_FONT: i32 = 17;
/// Font size of a group's count.
pub const COUNT_FONT: i32 = 14;
/// Least distance between two labelled ticks.
pub const MIN_LABEL_GAP: i32 = 56;
/// Least span (years) set aside before a compressed zone is drawn.
pub const MIN_COMPRESSED_YEARS: i32 = 8;
/// Largest share of the plot width a compressed zone takes (percent).
pub const COMPRESSED_SHARE: i32 = 16;
/// Space between a compressed zone and the dense range (the break marker sits there).
pub const BREAK_GAP: i32 = 16;
/// Space kept between two marks of a row.
const MARK_PAD: i32 = 3;

/// How precise a date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    /// `YYYY`.
    Year,
    /// `YYYY-MM`.
    Month,
    /// `YYYY-MM-DD`.
    Day,
}

impl Precision {
    /// Its name (`year`, `month`, `day`).
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Year => "year",
            Precision::Month => "month",
            Precision::Day => "day",
        }
    }
}

/// One passage's mention of a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Index of the passage in its document.
    pub passage: usize,
    /// The passage's id (for links).
    pub passage_id: String,
    /// The expression as written.
    pub text: String,
    /// Up to [`CONTEXT_CHARS`] characters of the passage before the expression.
    pub before: String,
    /// Up to [`CONTEXT_CHARS`] characters of the passage after the expression.
    pub after: String,
}

/// Characters of context kept on each side of a mention.
pub const CONTEXT_CHARS: usize = 16;

/// What a mark looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Shape {
    /// A hollow bar spanning the year.
    Year,
    /// A filled bar spanning the month.
    Month,
    /// A dot.
    Day,
    /// Several dates too close to draw apart: a bar over them with their count.
    Cluster,
}

impl Shape {
    /// The name used in the DOM (`data-shape`) and CSS.
    pub fn as_str(self) -> &'static str {
        match self {
            Shape::Year => "year",
            Shape::Month => "month",
            Shape::Day => "day",
            Shape::Cluster => "cluster",
        }
    }
}

impl From<Precision> for Shape {
    fn from(p: Precision) -> Shape {
        match p {
            Precision::Year => Shape::Year,
            Precision::Month => Shape::Month,
            Precision::Day => Shape::Day,
        }
    }
}

/// A mention with its date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The date, `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub iso: String,
    /// Where it is mentioned.
    pub mention: Mention,
}

/// One mark of a lane: every mention of one ISO date in one document, or (a cluster) of several
/// dates too close together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    /// Its shape (the date's precision, or a cluster).
    pub shape: Shape,
    /// The earliest date in it.
    pub iso: String,
    /// The latest date in it (equal to `iso` unless a cluster).
    pub iso_end: String,
    /// The mentions, by date then document order (never empty).
    pub entries: Vec<Entry>,
    /// Left edge of the shape.
    pub x0: i32,
    /// Right edge of the shape (`x1 - x0 >= MIN_MARK_W`).
    pub x1: i32,
    /// Right edge of the mark with its count (what the row packing keeps free).
    pub x_end: i32,
    /// Sub-row within the lane (0 = top).
    pub row: usize,
    /// Vertical centre of the mark.
    pub cy: i32,
}

impl Mark {
    /// Horizontal centre of the shape.
    pub fn cx(&self) -> i32 {
        (self.x0 + self.x1) / 2
    }

    /// Where the count is written (left end of its text), when there is more than one mention.
    pub fn count_x(&self) -> i32 {
        self.x1 + 3
    }

    fn end_with_count(&self) -> i32 {
        let n = self.entries.len();
        if n > 1 {
            self.count_x() + text_width(&n.to_string(), COUNT_FONT)
        } else {
            self.x1
        }
    }

    /// Take `other`'s mentions (the mark becomes a cluster when the dates differ).
    fn absorb(&mut self, other: Mark) {
        if other.iso != self.iso || other.iso_end != self.iso_end {
            self.shape = Shape::Cluster;
        }
        self.x0 = self.x0.min(other.x0);
        self.x1 = self.x1.max(other.x1);
        if other.iso < self.iso {
            self.iso = other.iso;
        }
        if other.iso_end > self.iso_end {
            self.iso_end = other.iso_end;
        }
        self.entries.extend(other.entries);
        yomikurabe_core::text::sort::by(&mut self.entries, |a, b| {
            (&a.iso, a.mention.passage).cmp(&(&b.iso, b.mention.passage))
        });
        self.x_end = self.end_with_count();
    }
}

/// An expression with no place on the axis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unresolved {
    /// The mention (passage and text as written).
    pub mention: Mention,
    /// The ISO string when there was one that did not parse.
    pub iso: Option<String>,
}

/// One open document's lane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lane {
    /// Column index of the document (its colour: `doc-{column % 4}`).
    pub column: usize,
    /// Document id.
    pub doc_id: String,
    /// The document's full title.
    pub title: String,
    /// The title shortened (with `…`) to fit the header line.
    pub label: String,
    /// Top of the lane.
    pub y: i32,
    /// Height of the lane (header and rows, gap excluded).
    pub height: i32,
    /// Number of sub-rows (at least 1).
    pub rows: usize,
    /// Marks, in time order (the keyboard's order).
    pub marks: Vec<Mark>,
    /// Number of mentions placed.
    pub placed: usize,
    /// Expressions without a date, in document order.
    pub unresolved: Vec<Unresolved>,
}

/// One tick of the axis, on 1 January of `year` (or the first of a month for month ticks).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tick {
    /// The year.
    pub year: i32,
    /// Month (1–12) of a month tick, `None` for a year tick.
    pub month: Option<u32>,
    /// Position.
    pub x: i32,
    /// Whether the year is printed.
    pub labelled: bool,
}

/// A compressed stretch of the axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Compressed {
    /// Left edge.
    pub x0: i32,
    /// Right edge.
    pub x1: i32,
    /// First year in it.
    pub from: i32,
    /// Last year in it.
    pub to: i32,
    /// Where the break marker goes (in the gap next to the dense range).
    pub break_x: i32,
}

/// The whole picture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineLayout {
    /// Width (as asked).
    pub width: i32,
    /// Height.
    pub height: i32,
    /// Left edge of the plot.
    pub plot_x0: i32,
    /// Right edge of the plot.
    pub plot_x1: i32,
    /// The axis line's y.
    pub axis_y: i32,
    /// One lane per open document, in column order.
    pub lanes: Vec<Lane>,
    /// Axis ticks, left to right.
    pub ticks: Vec<Tick>,
    /// Compressed zones (before and/or after the dense range).
    pub compressed: Vec<Compressed>,
    /// First and last year of the dense (linear) range, inclusive; `None` without placed dates.
    pub dense: Option<(i32, i32)>,
    /// Mentions placed, all lanes.
    pub placed: usize,
    /// Expressions without a date, all lanes.
    pub unresolved: usize,
}

impl TimelineLayout {
    /// Whether any open document has any dated expression at all.
    pub fn is_empty(&self) -> bool {
        self.placed == 0 && self.unresolved == 0
    }
}

/// A date's precision.
pub fn precision(d: &Date) -> Precision {
    match (d.month, d.day) {
        (Some(_), Some(_)) => Precision::Day,
        (Some(_), None) => Precision::Month,
        _ => Precision::Year,
    }
}

/// The time a date covers, in fractional years: `[start, end]` (equal for a day).
fn span(d: &Date) -> (f64, f64) {
    let y = f64::from(d.year);
    match (d.month, d.day) {
        (Some(m), Some(day)) => {
            let dim = f64::from(days_in_month(d.year, m));
            let t = y + (f64::from(m) - 1.0 + (f64::from(day) - 0.5) / dim) / 12.0;
            (t, t)
        }
        (Some(m), None) => (y + (f64::from(m) - 1.0) / 12.0, y + f64::from(m) / 12.0),
        _ => (y, y + 1.0),
    }
}

/// Width of a text in units, roughly: full-width characters 1 em, others 0.6 em.
pub fn text_width(s: &str, font: i32) -> i32 {
    let tenths: i64 = s.chars().map(|c| if (c as u32) < 0x2E80 { 6 } else { 10 }).sum();
    i32::try_from(tenths * i64::from(font) / 10).unwrap_or(i32::MAX)
}

/// `s` shortened with `…` to fit `width` units at `font`.
pub fn fit_text(s: &str, width: i32, font: i32) -> String {
    if text_width(s, font) <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let budget = width - font;
    for c in s.chars() {
        out.push(c);
        if text_width(&out, font) > budget {
            out.pop();
            break;
        }
    }
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

/// The header's count line after the title (shared with the view).
pub fn header_counts(placed: usize, unresolved: usize) -> String {
    header_counts_in(crate::i18n::Lang::En, placed, unresolved)
}

/// [`header_counts`] in the interface language.
pub fn header_counts_in(lang: crate::i18n::Lang, placed: usize, unresolved: usize) -> String {
    crate::i18n::fill(lang.t().tl_counts, &[&placed, &unresolved])
}

fn mention(corpus: &Corpus, e: &DatedExpression) -> Option<Mention> {
    let passage = corpus.documents.get(e.document)?.passages.get(e.passage)?;
    let text = &passage.text;
    let (before, after) = match (text.get(..e.range.start), text.get(e.range.end..)) {
        (Some(b), Some(a)) if e.range.start <= e.range.end => {
            let b: Vec<char> = b.chars().rev().take(CONTEXT_CHARS).collect();
            (
                b.into_iter().rev().collect::<String>(),
                a.chars().take(CONTEXT_CHARS).collect(),
            )
        }
        _ => (String::new(), String::new()),
    };
    Some(Mention {
        passage: e.passage,
        passage_id: passage.id.clone(),
        text: e.text.clone(),
        before,
        after,
    })
}

mod axis;
mod pack;

use self::axis::{axis, round};
use self::pack::place;

/// Lay out the timeline of the documents `docs` (ids, in column order) from `dates`, `width`
/// units wide.
pub fn layout(corpus: &Corpus, docs: &[String], dates: &[DatedExpression], width: i32) -> TimelineLayout {
    let width = width.max(4 * PAD_X + 8 * MIN_LABEL_GAP);
    let plot_x0 = PAD_X;
    let plot_x1 = width - PAD_X;

    // Which lane each document index goes to (first column wins when an id repeats).
    let mut lane_docs: Vec<(usize, usize)> = Vec::new(); // (column, document index)
    for (column, id) in docs.iter().enumerate() {
        if let Some(d) = corpus.documents.iter().position(|doc| &doc.id == id) {
            if !lane_docs.iter().any(|&(_, e)| e == d) {
                lane_docs.push((column, d));
            }
        }
    }

    // Group the mentions: per lane, per ISO date.
    struct Group {
        iso: String,
        date: Date,
        mentions: Vec<Mention>,
    }
    let mut groups: Vec<Vec<Group>> = lane_docs.iter().map(|_| Vec::new()).collect();
    let mut unresolved: Vec<Vec<Unresolved>> = lane_docs.iter().map(|_| Vec::new()).collect();
    for e in dates {
        let Some(lane) = lane_docs.iter().position(|&(_, d)| d == e.document) else {
            continue;
        };
        let Some(m) = mention(corpus, e) else { continue };
        let parsed = e.iso.as_deref().and_then(|s| Date::from_iso(s).map(|d| (s, d)));
        match parsed {
            Some((iso, date)) => {
                let Some(lane_groups) = groups.get_mut(lane) else {
                    continue;
                };
                match lane_groups.iter_mut().find(|g| g.iso == iso) {
                    Some(g) => {
                        if !g.mentions.iter().any(|x| x.passage == m.passage) {
                            g.mentions.push(m);
                        }
                    }
                    None => lane_groups.push(Group {
                        iso: iso.to_string(),
                        date,
                        mentions: vec![m],
                    }),
                }
            }
            None => {
                let Some(list) = unresolved.get_mut(lane) else { continue };
                if !list
                    .iter()
                    .any(|u| u.mention.passage == m.passage && u.mention.text == m.text)
                {
                    list.push(Unresolved {
                        mention: m,
                        iso: e.iso.clone(),
                    });
                }
            }
        }
    }
    for g in groups.iter_mut().flatten() {
        yomikurabe_core::text::sort::by_key(&mut g.mentions, |m| m.passage);
    }
    for list in &mut unresolved {
        yomikurabe_core::text::sort::by_key(list, |u| u.mention.passage);
    }

    // The axis, from the years of every mention.
    let mut years: Vec<i32> = groups
        .iter()
        .flatten()
        .flat_map(|g| std::iter::repeat_n(g.date.year, g.mentions.len()))
        .collect();
    yomikurabe_core::text::sort::ascending(&mut years);
    let placed = years.len();
    let (scale, ticks, compressed, dense) = match (years.first(), years.last()) {
        (Some(&first), Some(&last)) => {
            let (scale, ticks, compressed, a, b) = axis(&years, first, last, plot_x0, plot_x1);
            (Some(scale), ticks, compressed, Some((a, b - 1)))
        }
        _ => (None, Vec::new(), Vec::new(), None),
    };

    // Lanes.
    let lane_count = i32::try_from(lane_docs.len()).unwrap_or(i32::MAX).max(1);
    let max_rows = ((TARGET_HEIGHT - AXIS_H) / lane_count - HEADER_H - LANE_GAP) / ROW_H;
    let max_rows = usize::try_from(max_rows.clamp(MIN_ROWS, MAX_ROWS)).unwrap_or(1);
    let mut lanes = Vec::new();
    let mut y = AXIS_H;
    for (lane, &(column, d)) in lane_docs.iter().enumerate() {
        let Some(doc) = corpus.documents.get(d) else { continue };
        // Shown in lang="ja" (a document's title); an untitled one is said in Japanese too.
        let title = crate::reading::title(doc, crate::i18n::Lang::Ja).to_string();
        let lane_groups = groups.get_mut(lane).map(std::mem::take).unwrap_or_default();
        let lane_unresolved = unresolved.get_mut(lane).map(std::mem::take).unwrap_or_default();
        let mut singles: Vec<Mark> = lane_groups
            .into_iter()
            .map(|g| {
                let (t0, t1) = span(&g.date);
                let (x0, x1) = scale.map_or((plot_x0, plot_x0), |s| (round(s.x(t0)), round(s.x(t1))));
                let (x0, x1) = if x1 - x0 < MIN_MARK_W {
                    let c = (x0 + x1) / 2;
                    (c - MIN_MARK_W / 2, c - MIN_MARK_W / 2 + MIN_MARK_W)
                } else {
                    (x0, x1)
                };
                let entries: Vec<Entry> = g
                    .mentions
                    .into_iter()
                    .map(|mention| Entry {
                        iso: g.iso.clone(),
                        mention,
                    })
                    .collect();
                let mut m = Mark {
                    shape: precision(&g.date).into(),
                    iso_end: g.iso.clone(),
                    iso: g.iso,
                    entries,
                    x0,
                    x1,
                    x_end: x1,
                    row: 0,
                    cy: 0,
                };
                m.x_end = m.end_with_count();
                m
            })
            .collect();
        yomikurabe_core::text::sort::by(&mut singles, |p, q| (p.x0, p.x1, &p.iso).cmp(&(q.x0, q.x1, &q.iso)));
        let (mut marks, rows) = place(singles, max_rows);
        let rows_i = i32::try_from(rows).unwrap_or(1);
        for m in &mut marks {
            let r = i32::try_from(m.row).unwrap_or(0);
            m.cy = y + HEADER_H + r * ROW_H + ROW_H / 2;
        }
        let placed_here = marks.iter().map(|m| m.entries.len()).sum();
        let counts = header_counts(placed_here, lane_unresolved.len());
        let room = plot_x1 - plot_x0 - 24 - text_width(&counts, HEADER_FONT);
        let label = fit_text(&title, room.max(4 * HEADER_FONT), HEADER_FONT);
        let height = HEADER_H + rows_i * ROW_H;
        lanes.push(Lane {
            column,
            doc_id: doc.id.clone(),
            title,
            label,
            y,
            height,
            rows,
            marks,
            placed: placed_here,
            unresolved: lane_unresolved,
        });
        y = y.saturating_add(height + LANE_GAP);
    }
    let unresolved_count = lanes.iter().map(|l| l.unresolved.len()).sum();
    TimelineLayout {
        width,
        height: y,
        plot_x0,
        plot_x1,
        axis_y: AXIS_H - 8,
        lanes,
        ticks,
        compressed,
        dense,
        placed,
        unresolved: unresolved_count,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use yomikurabe_core::model::{Document, Passage, PassageKind};

    fn passage(id: &str, text: &str) -> Passage {
        Passage {
            id: id.to_string(),
            kind: PassageKind::Paragraph,
            section: None,
            text: text.to_string(),
            note_refs: vec![],
            sentences: vec![],
            caption_of: None,
            normalized: String::new(),
            anchor: Default::default(),
            source_line: 1,
        }
    }

    fn doc(id: &str, title: &str, passages: usize) -> Document {
        Document {
            id: id.to_string(),
            title: Some(title.to_string()),
            passages: (0..passages)
                .map(|i| passage(&format!("s0-p{i}"), "前置き2016年9月9日の話"))
                .collect(),
            ..Default::default()
        }
    }

    fn corpus() -> Corpus {
        Corpus {
            documents: vec![doc("a", "文書A", 5), doc("b", "文書B", 5), doc("c", "文書C", 5)],
        }
    }

    fn e(document: usize, passage: usize, text: &str, iso: Option<&str>) -> DatedExpression {
        DatedExpression {
            document,
            passage,
            range: 9..9 + text.len(),
            text: text.to_string(),
            iso: iso.map(str::to_string),
            resolved_from: None,
        }
    }

    fn ids(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    fn mark<'a>(l: &'a TimelineLayout, doc: &str, iso: &str) -> &'a Mark {
        let lane = l.lanes.iter().find(|lane| lane.doc_id == doc).expect("lane");
        lane.marks
            .iter()
            .find(|m| m.iso == iso && m.iso_end == iso)
            .expect("mark")
    }

    #[test]
    fn parses_iso_strictly() {
        assert_eq!(
            Date::from_iso("2024-11-15"),
            Some(Date {
                year: 2024,
                month: Some(11),
                day: Some(15)
            })
        );
        assert_eq!(Date::from_iso("2024-02").map(|d| precision(&d)), Some(Precision::Month));
        assert_eq!(Date::from_iso("1954").map(|d| precision(&d)), Some(Precision::Year));
        assert_eq!(Date::from_iso("2024-02-29").map(|d| d.day), Some(Some(29)));
        for bad in [
            "",
            "24",
            "２０２４",
            "2024-13",
            "2023-02-29",
            "2024-00",
            "2024-1",
            "2024-01-1",
            "2024-01-01-01",
            "2024-",
            "-2024",
            "+202",
            "abcd",
            "2024/01",
            "2024-01-32",
            "99999",
        ] {
            assert_eq!(Date::from_iso(bad), None, "{bad}");
        }
    }

    #[test]
    fn lanes_follow_the_columns_and_skip_what_is_not_open() {
        let c = corpus();
        let dates = vec![
            e(0, 0, "2016年", Some("2016")),
            e(1, 1, "2020年3月", Some("2020-03")),
            e(2, 2, "2024年", Some("2024")),
        ];
        let l = layout(&c, &ids(&["b", "a", "zz", "a"]), &dates, 1200);
        let lanes: Vec<(&str, usize)> = l.lanes.iter().map(|l| (l.doc_id.as_str(), l.column)).collect();
        assert_eq!(lanes, vec![("b", 0), ("a", 1)]);
        assert_eq!(l.placed, 2);
        // The axis spans only the open documents' years.
        assert_eq!(l.dense, Some((2016, 2020)));
        assert!(l.lanes[0].y < l.lanes[1].y);
        assert_eq!(l.lanes[1].title, "文書A");
    }

    #[test]
    fn precision_is_visible_and_time_runs_left_to_right() {
        let c = corpus();
        let dates = vec![
            e(0, 0, "2016年", Some("2016")),
            e(0, 1, "2016年9月", Some("2016-09")),
            e(0, 2, "2016年9月9日", Some("2016-09-09")),
            e(0, 3, "2020年", Some("2020")),
        ];
        let l = layout(&c, &ids(&["a"]), &dates, 1200);
        let y = mark(&l, "a", "2016");
        let m = mark(&l, "a", "2016-09");
        let d = mark(&l, "a", "2016-09-09");
        let later = mark(&l, "a", "2020");
        assert_eq!((y.shape, m.shape, d.shape), (Shape::Year, Shape::Month, Shape::Day));
        // A year bar covers its months, a month bar is shorter, a day is a dot.
        assert!(y.x1 - y.x0 > m.x1 - m.x0, "{y:?} {m:?}");
        assert_eq!(d.x1 - d.x0, MIN_MARK_W);
        assert!(y.x0 <= m.x0 && m.x1 <= y.x1);
        assert!(m.x0 <= d.cx() && d.cx() <= m.x1);
        assert!(later.x0 > y.x1);
        // Overlapping marks are stacked in separate rows.
        assert_ne!(y.row, m.row);
        assert_ne!(m.row, d.row);
        assert_eq!(later.row, 0);
        assert!(l.lanes[0].rows >= 3);
        assert!(y.cy != m.cy);
        // Every mark lies inside the plot and its lane.
        let lane = &l.lanes[0];
        for mk in &lane.marks {
            assert!(
                mk.x0 >= l.plot_x0 - MIN_MARK_W && mk.x_end <= l.plot_x1 + MIN_MARK_W,
                "{mk:?}"
            );
            assert!(mk.cy > lane.y && mk.cy < lane.y + lane.height);
        }
        assert!(l.height >= lane.y + lane.height);
    }

    #[test]
    fn same_date_is_one_mark_with_every_passage_and_duplicates_merge() {
        let c = corpus();
        let dates = vec![
            e(0, 3, "2016年", Some("2016")),
            e(0, 1, "2016年", Some("2016")),
            e(0, 1, "同年", Some("2016")),
            e(1, 1, "2016年", Some("2016")),
        ];
        let l = layout(&c, &ids(&["a", "b"]), &dates, 1200);
        let m = mark(&l, "a", "2016");
        let passages: Vec<&str> = m.entries.iter().map(|x| x.mention.passage_id.as_str()).collect();
        assert_eq!(passages, vec!["s0-p1", "s0-p3"]);
        assert!(m.x_end > m.x1, "a group leaves room for its count");
        assert_eq!(l.lanes[0].marks.len(), 1);
        assert_eq!(l.lanes[1].marks.len(), 1);
        assert_eq!(l.placed, 3);
        assert_eq!(m.entries[0].mention.before, "前置き");
        assert_eq!(m.entries[0].mention.after, "9月9日の話");
    }

    #[test]
    fn unresolved_and_odd_input_never_panic() {
        let c = corpus();
        let dates = vec![
            e(0, 2, "今年", None),
            e(0, 0, "昨年", None),
            e(0, 0, "昨年", None),
            e(0, 1, "変", Some("20x6-01")),
            e(0, 99, "2016年", Some("2016")),
            e(99, 0, "2016年", Some("2016")),
            DatedExpression {
                range: std::ops::Range { start: 50, end: 2 },
                ..e(1, 0, "逆", Some("2016"))
            },
            DatedExpression {
                range: 1..2,
                ..e(1, 1, "割", Some("2017"))
            },
        ];
        let l = layout(&c, &ids(&["a", "b"]), &dates, 1200);
        let texts: Vec<(&str, &str)> = l.lanes[0]
            .unresolved
            .iter()
            .map(|u| (u.mention.passage_id.as_str(), u.mention.text.as_str()))
            .collect();
        assert_eq!(texts, vec![("s0-p0", "昨年"), ("s0-p1", "変"), ("s0-p2", "今年")]);
        assert_eq!(l.lanes[0].unresolved[1].iso.as_deref(), Some("20x6-01"));
        assert!(l.lanes[0].marks.is_empty());
        assert_eq!(l.lanes[0].rows, 1);
        assert_eq!(l.lanes[1].marks.len(), 2);
        assert_eq!(l.lanes[1].marks[0].entries[0].mention.before, "");
        assert_eq!(l.unresolved, 3);
        assert!(!l.is_empty());

        let none = layout(&c, &ids(&["c"]), &dates, 1200);
        assert!(none.is_empty());
        assert_eq!(none.lanes.len(), 1);
        assert!(none.ticks.is_empty());
        let nothing = layout(&c, &[], &dates, -5);
        assert!(nothing.lanes.is_empty() && nothing.is_empty());
        assert!(nothing.width > 0);
        let extreme = vec![e(0, 0, "x", Some("0001")), e(0, 1, "y", Some("9999-12-31"))];
        let l = layout(&c, &ids(&["a"]), &extreme, 1200);
        assert_eq!(l.placed, 2);
        assert!(l.lanes[0].marks.iter().all(|m| m.x0 >= 0 && m.x1 <= l.width));
    }

    #[test]
    fn ticks_every_year_for_a_short_span_and_every_five_for_a_long_one() {
        let c = corpus();
        let short = vec![e(0, 0, "", Some("2016-03")), e(0, 1, "", Some("2025-10-01"))];
        let l = layout(&c, &ids(&["a"]), &short, 1200);
        let labelled: Vec<i32> = l.ticks.iter().filter(|t| t.labelled).map(|t| t.year).collect();
        assert_eq!(labelled, (2016..=2026).collect::<Vec<_>>());
        assert!(l.compressed.is_empty());

        let long: Vec<DatedExpression> = (1990..=2025)
            .map(|y| e(0, 0, "", Some(&y.to_string())).clone())
            .collect();
        let l = layout(&c, &ids(&["a"]), &long, 1200);
        let labelled: Vec<i32> = l.ticks.iter().filter(|t| t.labelled).map(|t| t.year).collect();
        assert!(labelled.iter().all(|y| y % 5 == 0), "{labelled:?}");
        assert!(labelled.contains(&1990) && labelled.contains(&2025));
        let xs: Vec<i32> = l.ticks.iter().map(|t| t.x).collect();
        assert!(xs.windows(2).all(|w| w[0] <= w[1]));
        let lx: Vec<i32> = l.ticks.iter().filter(|t| t.labelled).map(|t| t.x).collect();
        assert!(lx.windows(2).all(|w| w[1] - w[0] >= MIN_LABEL_GAP), "{lx:?}");
    }

    #[test]
    fn remote_years_are_compressed_behind_a_break() {
        let c = corpus();
        // Thirty dates in 2016–2025 and two far earlier ones.
        let mut dates: Vec<DatedExpression> = (0..30)
            .map(|i| e(0, i % 5, "", Some(&format!("{}-06", 2016 + i / 3))))
            .collect();
        dates.push(e(1, 0, "", Some("1954")));
        dates.push(e(1, 1, "", Some("1987")));
        let l = layout(&c, &ids(&["a", "b"]), &dates, 1200);
        assert_eq!(l.dense, Some((2016, 2025)));
        assert_eq!(l.compressed.len(), 1);
        let z = l.compressed[0];
        assert_eq!((z.from, z.to), (1954, 2015));
        let plot = l.plot_x1 - l.plot_x0;
        assert!(z.x1 - z.x0 <= plot * COMPRESSED_SHARE / 100);
        let early = mark(&l, "b", "1954");
        let mid = mark(&l, "b", "1987");
        let dense = mark(&l, "a", "2016-06");
        assert!(early.x1 <= mid.x0 && mid.x1 < z.break_x && z.break_x < dense.x0);
        // Log-ish: years next to the dense range get more room than remote ones.
        let mut years: Vec<i32> = (0..30).map(|i| 2016 + i / 3).collect();
        years.splice(0..0, [1954, 1987]);
        let (scale, ..) = axis(&years, 1954, 2025, l.plot_x0, l.plot_x1);
        let width_of = |y: i32| scale.x(f64::from(y + 1)) - scale.x(f64::from(y));
        assert!(
            width_of(2014) > 3.0 * width_of(1955),
            "{} {}",
            width_of(2014),
            width_of(1955)
        );
        assert!(width_of(1955) > 0.0);
        // The dense range gets most of the width.
        let d2016 = mark(&l, "a", "2016-06").x0;
        let d2025 = mark(&l, "a", "2025-06").x0;
        assert!(d2025 - d2016 > plot * 2 / 3);
        let labelled: Vec<i32> = l.ticks.iter().filter(|t| t.labelled).map(|t| t.year).collect();
        assert!(labelled.contains(&1954) && labelled.contains(&2016), "{labelled:?}");
        // Without the outliers, no break.
        let l = layout(&c, &ids(&["a"]), &dates, 1200);
        assert!(l.compressed.is_empty());
    }

    #[test]
    fn late_outliers_are_compressed_too_and_layout_is_deterministic() {
        let c = corpus();
        let mut dates: Vec<DatedExpression> = (0..20)
            .map(|i| e(0, i % 5, "", Some(&format!("{}", 2010 + i % 6))))
            .collect();
        dates.push(e(0, 0, "", Some("2050")));
        let l = layout(&c, &ids(&["a"]), &dates, 1000);
        assert_eq!(l.compressed.len(), 1);
        assert_eq!((l.compressed[0].from, l.compressed[0].to), (2016, 2050));
        assert!(mark(&l, "a", "2050").x1 <= l.plot_x1 + MIN_MARK_W);
        assert_eq!(l, layout(&c, &ids(&["a"]), &dates, 1000));
    }

    #[test]
    fn long_titles_are_shortened() {
        assert_eq!(fit_text("短い", 200, 17), "短い");
        let s = fit_text(&"長".repeat(100), 170, 17);
        assert!(s.ends_with('…'));
        assert!(text_width(&s, 17) <= 170, "{s}");
    }

    #[test]
    fn the_default_corpus_fits_a_compact_strip() {
        let c = crate::corpus::default_corpus();
        let dates = yomikurabe_core::extract::timeline::timeline(&c);
        let all: Vec<String> = c.documents.iter().map(|d| d.id.clone()).collect();
        for window in all.windows(4.min(all.len())) {
            let l = layout(&c, window, &dates, 1200);
            let mentions: usize = l.lanes.iter().flat_map(|l| &l.marks).map(|m| m.entries.len()).sum();
            assert_eq!(mentions, l.placed);
            assert!(l.height <= TARGET_HEIGHT + 40, "{window:?}: {} high", l.height);
            for lane in &l.lanes {
                // No two marks of a row overlap.
                for (i, p) in lane.marks.iter().enumerate() {
                    for q in lane.marks.iter().skip(i + 1).filter(|q| q.row == p.row) {
                        assert!(p.x_end < q.x0 || q.x_end < p.x0, "{p:?} {q:?}");
                    }
                }
                // Clusters are the exception, not the rule.
                let clusters = lane.marks.iter().filter(|m| m.shape == Shape::Cluster).count();
                assert!(clusters * 2 <= lane.marks.len(), "{}: {clusters} clusters", lane.doc_id);
            }
            let labelled: Vec<i32> = l.ticks.iter().filter(|t| t.labelled).map(|t| t.x).collect();
            assert!(labelled.windows(2).all(|w| w[1] - w[0] >= MIN_LABEL_GAP));
        }
    }

    #[test]
    fn crowded_days_become_one_cluster_and_the_rest_stays_apart() {
        let c = corpus();
        let mut dates: Vec<DatedExpression> = (1..=30)
            .map(|d| e(0, d % 5, "", Some(&format!("2016-01-{d:02}"))))
            .collect();
        dates.push(e(0, 0, "", Some("2025-05-05")));
        dates.push(e(0, 1, "", Some("2020")));
        // Another document spreads the dense range over 2000–2025.
        dates.extend((2000..=2025).map(|y| e(1, 0, "", Some(&format!("{y}-07")))));
        let l = layout(&c, &ids(&["a", "b"]), &dates, 1000);
        assert_eq!(l.dense, Some((2000, 2025)));
        let lane = &l.lanes[0];
        assert!(lane.rows <= MAX_ROWS as usize);
        let clusters: Vec<&Mark> = lane.marks.iter().filter(|m| m.shape == Shape::Cluster).collect();
        assert_eq!(clusters.len(), 1, "{:?}", lane.marks);
        let cl = clusters[0];
        assert_eq!(
            (cl.iso.as_str(), cl.iso_end.as_str(), cl.entries.len()),
            ("2016-01-01", "2016-01-30", 30)
        );
        let isos: Vec<&str> = cl.entries.iter().map(|e| e.iso.as_str()).collect();
        assert!(isos.windows(2).all(|w| w[0] <= w[1]));
        assert_eq!(mark(&l, "a", "2025-05-05").shape, Shape::Day);
        assert_eq!(mark(&l, "a", "2020").shape, Shape::Year);
        assert!(cl.x_end > cl.x1);
    }
}
