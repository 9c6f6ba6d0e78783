//! *Which passages of a long document are on the page?* A column renders every passage of a
//! document of ordinary length; of a long one (a 1 MB text has thousands of passages, and each
//! takes a millisecond or two to render), only some runs of its reading order: one around each
//! place the view must show (the marked passage, the highlight stepped to, the open note, the
//! remembered place, a heading chosen in the contents) and whatever the reader has scrolled
//! through. Between runs stand gaps; a gap coming into view grows the run beside it by one
//! [`CHUNK`], so no single render is long and nothing is ever skipped for good. Runs only grow:
//! what the reader has seen stays where it was (the browser's scroll anchoring keeps the view
//! still when a run grows above it).
//!
//! Positions are indices into the column's reading order (body, then notes). Pure, so the
//! arithmetic is tested natively; the column turns it into nodes and the browser's
//! `IntersectionObserver` into [`Shown::grow`] calls.

use std::ops::Range;

/// Documents with at most this many passages are rendered whole, at once.
pub const ALL_AT_ONCE: usize = 240;
/// How many passages a run grows by when its gap comes into view (a render of about 50 ms).
pub const CHUNK: usize = 40;
/// Passages rendered before a place the view must show (so a little context is above it).
const BEFORE: usize = 8;
/// Passages rendered from a place the view must show on (enough to fill a tall column).
const AFTER: usize = 32;
/// The first run of a long document opened at its start.
const FIRST: usize = 60;

/// Which side of a gap grows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edge {
    /// The run above the gap grows down into it (the reader scrolls down towards it).
    Above,
    /// The run below the gap grows up into it (the reader scrolls up towards it).
    Below,
}

/// The runs of a column's reading order that are rendered: sorted, disjoint, never touching.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Shown {
    total: usize,
    runs: Vec<Range<usize>>,
}

impl Shown {
    /// A column of `total` passages opened at its start: all of it, or its first run.
    pub fn start(total: usize) -> Shown {
        let end = if total <= ALL_AT_ONCE { total } else { FIRST };
        let mut shown = Shown {
            total,
            runs: Vec::new(),
        };
        shown.add(0..end);
        shown
    }

    /// How many passages the column has.
    pub fn total(&self) -> usize {
        self.total
    }

    /// The rendered runs, in order.
    pub fn runs(&self) -> &[Range<usize>] {
        &self.runs
    }

    /// Whether position `at` is rendered.
    pub fn contains(&self, at: usize) -> bool {
        self.runs.iter().any(|r| r.contains(&at))
    }

    /// Whether every passage is rendered.
    pub fn is_whole(&self) -> bool {
        self.runs.first().is_some_and(|r| r.start == 0 && r.end == self.total) || self.total == 0
    }

    /// Render a run around position `at` (a place the view must show). `false` when it was
    /// rendered already (nothing changed).
    pub fn reveal(&mut self, at: usize) -> bool {
        if at >= self.total || self.contains(at) {
            return false;
        }
        self.add(at.saturating_sub(BEFORE)..at + AFTER);
        true
    }

    /// Grow the run beside the gap that starts at `gap_start` by one chunk, on `edge`'s side
    /// (the other side when there is no run on that one: the gap at the top has no run above
    /// it, the one at the bottom none below). `false` when there is no such gap (a stale
    /// report: the gap has closed since).
    pub fn grow(&mut self, gap_start: usize, edge: Edge) -> bool {
        let Some(gap) = self.gaps().into_iter().find(|g| g.start == gap_start) else {
            return false;
        };
        let edge = match edge {
            Edge::Above if gap.start == 0 => Edge::Below,
            Edge::Below if gap.end == self.total && gap.start > 0 => Edge::Above,
            edge => edge,
        };
        match edge {
            Edge::Above => self.add(gap.start..gap.start + CHUNK),
            Edge::Below => self.add(gap.end.saturating_sub(CHUNK)..gap.end),
        }
        true
    }

    /// Render everything (printing, or a reader who asks for the whole text).
    pub fn whole(&mut self) {
        self.add(0..self.total);
    }

    /// The positions not rendered, as ranges between (and around) the runs.
    pub fn gaps(&self) -> Vec<Range<usize>> {
        let mut gaps = Vec::new();
        let mut at = 0;
        for r in &self.runs {
            if r.start > at {
                gaps.push(at..r.start);
            }
            at = r.end;
        }
        if at < self.total {
            gaps.push(at..self.total);
        }
        gaps
    }

    /// Add `range` (clamped to the document) and merge runs that overlap or touch.
    fn add(&mut self, range: Range<usize>) {
        let range = range.start.min(self.total)..range.end.min(self.total);
        if range.is_empty() {
            return;
        }
        self.runs.push(range);
        self.runs.sort_by_key(|r| r.start);
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(self.runs.len());
        for r in self.runs.drain(..) {
            match merged.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => merged.push(r),
            }
        }
        self.runs = merged;
    }
}

/// One piece of a column in reading order: a rendered run or a gap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Positions rendered.
    Run(Range<usize>),
    /// Positions not rendered yet.
    Gap(Range<usize>),
}

impl Shown {
    /// The column from top to bottom: runs and gaps alternating.
    pub fn pieces(&self) -> Vec<Piece> {
        let mut out = Vec::new();
        let mut gaps = self.gaps().into_iter().peekable();
        for r in &self.runs {
            while let Some(g) = gaps.next_if(|g| g.start < r.start) {
                out.push(Piece::Gap(g));
            }
            out.push(Piece::Run(r.clone()));
        }
        out.extend(gaps.map(Piece::Gap));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_document_is_rendered_whole() {
        let s = Shown::start(ALL_AT_ONCE);
        assert!(s.is_whole());
        assert!(s.gaps().is_empty());
        assert_eq!(s.pieces(), vec![Piece::Run(0..ALL_AT_ONCE)]);
        assert!(Shown::start(0).is_whole());
        assert!(Shown::start(0).pieces().is_empty());
    }

    #[test]
    fn a_long_document_opens_with_its_first_run_and_one_gap() {
        let s = Shown::start(5000);
        assert_eq!(s.runs(), &[0..FIRST]);
        assert_eq!(s.pieces(), vec![Piece::Run(0..FIRST), Piece::Gap(FIRST..5000)]);
        assert!(!s.is_whole());
    }

    #[test]
    fn revealing_a_far_place_adds_a_run_around_it() {
        let mut s = Shown::start(5000);
        assert!(s.reveal(3000));
        assert!(s.contains(3000) && s.contains(3000 - BEFORE) && s.contains(3000 + AFTER - 1));
        assert_eq!(
            s.pieces(),
            vec![
                Piece::Run(0..FIRST),
                Piece::Gap(FIRST..3000 - BEFORE),
                Piece::Run(3000 - BEFORE..3000 + AFTER),
                Piece::Gap(3000 + AFTER..5000),
            ]
        );
        // Already there: nothing changes.
        assert!(!s.reveal(3001));
        // Beyond the end: nothing.
        assert!(!s.reveal(5000));
    }

    #[test]
    fn runs_that_touch_merge() {
        let mut s = Shown::start(5000);
        s.reveal(FIRST + BEFORE);
        assert_eq!(s.runs(), &[0..FIRST + BEFORE + AFTER]);
    }

    #[test]
    fn a_gap_closes_from_either_side_one_chunk_at_a_time() {
        let mut s = Shown::start(1000);
        s.reveal(500);
        let gap = s.gaps()[0].clone();
        assert!(s.grow(gap.start, Edge::Above));
        assert_eq!(s.runs()[0], 0..FIRST + CHUNK);
        let gap = s.gaps()[0].clone();
        assert!(s.grow(gap.start, Edge::Below));
        assert_eq!(s.runs()[1].start, 500 - BEFORE - CHUNK);
        // A stale report names a gap that is no longer there.
        assert!(!s.grow(3, Edge::Above));
        // Growing until nothing is left gives the whole document, never more.
        let mut steps = 0;
        while let Some(g) = s.gaps().first().cloned() {
            s.grow(g.start, if steps % 2 == 0 { Edge::Above } else { Edge::Below });
            steps += 1;
            assert!(steps < 100, "gaps must close");
        }
        assert!(s.is_whole());
        assert_eq!(s.runs(), &[0..1000]);
    }

    #[test]
    fn the_end_of_the_document_bounds_every_run() {
        let mut s = Shown::start(300);
        s.reveal(299);
        assert_eq!(s.runs().last().map(|r| r.end), Some(300));
        s.whole();
        assert!(s.is_whole());
        let mut s = Shown::start(300);
        let last = s.gaps().last().cloned().unwrap_or_default();
        s.grow(last.start, Edge::Below);
        assert_eq!(s.runs().last().map(|r| r.end), Some(300));
    }

    #[test]
    fn a_gap_with_no_run_on_the_asked_side_grows_from_the_other() {
        let mut s = Shown::start(1000);
        s.reveal(500);
        // Only the run at 492.. exists beyond 60: the last gap has no run below it.
        let last = s.gaps().last().cloned().unwrap_or_default();
        assert!(s.grow(last.start, Edge::Below));
        assert_eq!(s.runs().last().map(|r| r.end), Some(500 + AFTER + CHUNK));
        // A document revealed far from its start has a first gap with no run above it.
        let mut s = Shown {
            total: 1000,
            runs: vec![],
        };
        s.add(400..440);
        assert!(s.grow(0, Edge::Above));
        assert_eq!(s.runs(), &[400 - CHUNK..440]);
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            /// Whatever is revealed or grown, runs stay sorted, disjoint, not touching, within
            /// the document, and runs plus gaps cover it exactly once.
            #[test]
            fn pieces_tile_the_document(total in 0usize..2000, moves in proptest::collection::vec((0usize..2100, 0u8..3), 0..30)) {
                let mut s = Shown::start(total);
                for (at, kind) in moves {
                    match kind {
                        0 => { s.reveal(at); }
                        1 => { s.grow(at, Edge::Above); }
                        _ => {
                            if let Some(g) = s.gaps().get(at % 3).cloned() {
                                s.grow(g.start, Edge::Below);
                            }
                        }
                    }
                    let mut next = 0;
                    for p in s.pieces() {
                        let r = match p { Piece::Run(r) | Piece::Gap(r) => r };
                        prop_assert_eq!(r.start, next);
                        prop_assert!(r.end > r.start);
                        next = r.end;
                    }
                    prop_assert_eq!(next, total);
                    for w in s.runs().windows(2) {
                        prop_assert!(w[0].end < w[1].start);
                    }
                }
            }
        }
    }
}
