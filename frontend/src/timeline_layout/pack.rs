//! Marks into rows: greedy packing into sub-rows of a lane, and clusters where a run of marks
//! needs more rows than the lane has (see the parent module).

use super::*;

/// Room kept after a mark for the count a cluster may get (up to three digits).
pub(super) fn count_reserve() -> i32 {
    3 + text_width("999", COUNT_FONT)
}

/// Assign rows first-fit in time order; `None` if more than `max_rows` are needed.
pub(super) fn pack(marks: &mut [Mark], max_rows: usize) -> Option<usize> {
    yomikurabe_core::text::sort::by(marks, |p, q| (p.x0, p.x1, &p.iso).cmp(&(q.x0, q.x1, &q.iso)));
    let mut ends: Vec<i32> = Vec::new();
    for m in marks.iter_mut() {
        let row = match ends.iter().position(|&end| end + MARK_PAD <= m.x0) {
            Some(r) => r,
            None if ends.len() < max_rows => {
                ends.push(i32::MIN);
                ends.len() - 1
            }
            None => return None,
        };
        if let Some(end) = ends.get_mut(row) {
            *end = m.x_end;
        }
        m.row = row;
    }
    Some(ends.len())
}

/// `run`'s day and month marks merged by windows of `span` units (year bars kept apart).
pub(super) fn cluster(run: &[Mark], span: i32) -> Vec<Mark> {
    let mut out: Vec<Mark> = Vec::new();
    let mut open: Option<Mark> = None;
    for m in run {
        if m.shape == Shape::Year {
            out.push(m.clone());
            continue;
        }
        match open.as_mut() {
            Some(c) if m.x0 < c.x0.saturating_add(span) => c.absorb(m.clone()),
            _ => {
                if let Some(c) = open.replace(m.clone()) {
                    out.push(c);
                }
            }
        }
    }
    out.extend(open);
    out
}

/// Rows for a lane's marks (sorted by `x0`): runs of marks that touch are packed into at most
/// `max_rows` rows; a run that needs more has its day and month marks merged into clusters over
/// windows of 32, 64, 128… units, and at last into one cluster.
pub(super) fn place(marks: Vec<Mark>, max_rows: usize) -> (Vec<Mark>, usize) {
    let reserve = count_reserve();
    let mut runs: Vec<Vec<Mark>> = Vec::new();
    let mut reach = i32::MIN;
    for m in marks {
        let joins = m.x0 < reach.saturating_add(MARK_PAD);
        reach = if joins {
            reach.max(m.x1 + reserve)
        } else {
            m.x1 + reserve
        };
        match runs.last_mut() {
            Some(run) if joins => run.push(m),
            _ => runs.push(vec![m]),
        }
    }
    let mut out = Vec::new();
    let mut rows = 1;
    for mut run in runs {
        if let Some(r) = pack(&mut run, max_rows) {
            rows = rows.max(r);
            out.extend(run);
            continue;
        }
        let width = run.iter().map(|m| m.x1).max().unwrap_or(0) - run.first().map_or(0, |m| m.x0);
        let mut span = 32;
        let placed = loop {
            let mut merged = cluster(&run, span);
            if let Some(r) = pack(&mut merged, max_rows) {
                break Some((merged, r));
            }
            if span > width {
                break None;
            }
            span = span.saturating_mul(2);
        };
        match placed {
            Some((merged, r)) => {
                rows = rows.max(r);
                out.extend(merged);
            }
            None => {
                let mut all = run.into_iter();
                if let Some(mut one) = all.next() {
                    for m in all {
                        one.absorb(m);
                    }
                    one.row = 0;
                    out.push(one);
                }
            }
        }
    }
    (out, rows)
}
