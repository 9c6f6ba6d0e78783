//! The time axis of the timeline: one linear scale over the dense range of years, compressed
//! logarithmic zones for remote years behind a break, and the ticks (see the parent module).

use super::*;

/// The x scale: piecewise, one linear dense range between optional logarithmic zones.
#[derive(Debug, Clone, Copy)]
pub(super) struct Scale {
    /// First year (start of) and the end (exclusive) of the whole range.
    first: f64,
    end: f64,
    /// Dense range `[a, b)` in years and its x extent.
    a: f64,
    b: f64,
    dx0: f64,
    dx1: f64,
    /// Compressed zones' x extents (`None` when absent).
    before: Option<(f64, f64)>,
    after: Option<(f64, f64)>,
}

impl Scale {
    pub(super) fn x(&self, t: f64) -> f64 {
        if t < self.a {
            if let Some((x0, x1)) = self.before {
                let full = (1.0 + (self.a - self.first)).ln();
                let k = if full > 0.0 {
                    (1.0 + (self.a - t)).ln() / full
                } else {
                    0.0
                };
                return x1 - (x1 - x0) * k.clamp(0.0, 1.0);
            }
        }
        if t > self.b {
            if let Some((x0, x1)) = self.after {
                let full = (1.0 + (self.end - self.b)).ln();
                let k = if full > 0.0 {
                    (1.0 + (t - self.b)).ln() / full
                } else {
                    0.0
                };
                return x0 + (x1 - x0) * k.clamp(0.0, 1.0);
            }
        }
        let span = self.b - self.a;
        if span <= 0.0 {
            return (self.dx0 + self.dx1) / 2.0;
        }
        self.dx0 + (self.dx1 - self.dx0) * ((t - self.a) / span)
    }

    fn per_year(&self) -> f64 {
        let span = self.b - self.a;
        if span <= 0.0 {
            0.0
        } else {
            (self.dx1 - self.dx0) / span
        }
    }
}

/// Smallest "nice" step (1, 2, 5, 10, 20, 50, …) of at least `min` years.
pub(super) fn nice_step(min: f64) -> i32 {
    let mut base = 1i32;
    loop {
        for k in [1, 2, 5] {
            let s = base.saturating_mul(k);
            if f64::from(s) >= min || s == i32::MAX {
                return s;
            }
        }
        if base > i32::MAX / 10 {
            return i32::MAX;
        }
        base *= 10;
    }
}

/// Tick step for a dense range of `years` years drawn `per_year` units a year.
pub(super) fn tick_step(years: i32, per_year: f64) -> i32 {
    let fits = if per_year > 0.0 {
        f64::from(MIN_LABEL_GAP) / per_year
    } else {
        1.0
    };
    let by_span = if years <= 12 { 1.0 } else { 5.0 };
    nice_step(fits.max(by_span))
}

pub(super) fn round(x: f64) -> i32 {
    if x.is_finite() {
        x.round().clamp(f64::from(i32::MIN), f64::from(i32::MAX)) as i32
    } else {
        0
    }
}

/// The scale, ticks, compressed zones and dense range `[a, b)` for `years` (sorted, non-empty).
pub(super) fn axis(
    years: &[i32],
    first: i32,
    last: i32,
    x0: i32,
    x1: i32,
) -> (Scale, Vec<Tick>, Vec<Compressed>, i32, i32) {
    let n = years.len();
    let k = n / 10;
    let lo = years.get(k).copied().unwrap_or(first);
    let hi = years.get(n.saturating_sub(1 + k)).copied().unwrap_or(last).max(lo);
    let end = last.saturating_add(1);
    let plot_w = f64::from(x1 - x0);

    // Round the dense start down to the step the dense range would get on the whole width.
    let rough_years = hi.saturating_sub(lo).saturating_add(1);
    let rough_step = tick_step(rough_years, plot_w / f64::from(rough_years.max(1)));
    let mut a = lo.saturating_sub(lo.rem_euclid(rough_step)).max(first);
    let mut b = hi.saturating_add(1);
    let dense_years = b.saturating_sub(a);
    let lead = a.saturating_sub(first);
    let trail = end.saturating_sub(b);
    let compress_before = lead >= MIN_COMPRESSED_YEARS && lead.saturating_mul(2) >= dense_years;
    let compress_after = trail >= MIN_COMPRESSED_YEARS && trail.saturating_mul(2) >= dense_years;
    if !compress_before {
        a = first;
    }
    if !compress_after {
        b = end;
    }
    let total = f64::from(end.saturating_sub(first).max(1));
    let zone_w = |years: i32| -> f64 {
        let share = plot_w * f64::from(COMPRESSED_SHARE) / 100.0;
        share.min(plot_w * f64::from(years) / total).floor()
    };
    let gap = f64::from(BREAK_GAP);
    let mut dx0 = f64::from(x0);
    let mut dx1 = f64::from(x1);
    let before = compress_before.then(|| {
        let w = zone_w(lead);
        dx0 = f64::from(x0) + w + gap;
        (f64::from(x0), f64::from(x0) + w)
    });
    let after = compress_after.then(|| {
        let w = zone_w(trail);
        dx1 = f64::from(x1) - w - gap;
        (f64::from(x1) - w, f64::from(x1))
    });
    let scale = Scale {
        first: f64::from(first),
        end: f64::from(end),
        a: f64::from(a),
        b: f64::from(b),
        dx0,
        dx1,
        before,
        after,
    };

    // Dense ticks.
    let per_year = scale.per_year();
    let span = b.saturating_sub(a);
    let step = tick_step(span, per_year);
    let mut ticks = Vec::new();
    let mut y = a;
    while y <= b {
        let major = y.rem_euclid(step) == 0;
        if major || per_year >= 6.0 {
            ticks.push(Tick {
                year: y,
                month: None,
                x: round(scale.x(f64::from(y))),
                labelled: major,
            });
        }
        if per_year >= 120.0 && y < b {
            for m in 2..=12u32 {
                ticks.push(Tick {
                    year: y,
                    month: Some(m),
                    x: round(scale.x(f64::from(y) + f64::from(m - 1) / 12.0)),
                    labelled: false,
                });
            }
        }
        if y == i32::MAX {
            break;
        }
        y += 1;
    }
    // The dense range's ends are labelled when they are breaks and there is room.
    let mut labelled: Vec<i32> = ticks.iter().filter(|t| t.labelled).map(|t| t.x).collect();
    let room = |labelled: &[i32], x: i32| labelled.iter().all(|&l| (l - x).abs() >= MIN_LABEL_GAP);
    for (edge, on) in [(a, compress_before), (b, compress_after)] {
        if !on {
            continue;
        }
        let x = round(scale.x(f64::from(edge)));
        if let Some(t) = ticks.iter_mut().find(|t| t.year == edge && t.month.is_none()) {
            if !t.labelled && room(&labelled, x) {
                t.labelled = true;
                labelled.push(x);
            }
        }
    }

    // Compressed zones: the outermost year, then round decades that fit.
    let mut compressed = Vec::new();
    let mut zone_ticks = Vec::new();
    if let Some((zx0, zx1)) = before {
        let mut candidates = vec![first];
        let mut d = a.saturating_sub(1).div_euclid(10).saturating_mul(10);
        while d > first {
            candidates.push(d);
            d = d.saturating_sub(10);
        }
        pick_zone_ticks(&candidates, &scale, &mut labelled, &mut zone_ticks);
        compressed.push(Compressed {
            x0: round(zx0),
            x1: round(zx1),
            from: first,
            to: a.saturating_sub(1),
            break_x: round(zx1 + gap / 2.0),
        });
    }
    if let Some((zx0, zx1)) = after {
        let mut candidates = vec![last];
        let mut d = b.saturating_add(9).div_euclid(10).saturating_mul(10);
        while d < last {
            candidates.push(d);
            d = d.saturating_add(10);
        }
        pick_zone_ticks(&candidates, &scale, &mut labelled, &mut zone_ticks);
        compressed.push(Compressed {
            x0: round(zx0),
            x1: round(zx1),
            from: b,
            to: last,
            break_x: round(zx0 - gap / 2.0),
        });
    }
    ticks.extend(zone_ticks);
    yomikurabe_core::text::sort::by_key(&mut ticks, |t| (t.x, t.year, t.month));
    (scale, ticks, compressed, a, b)
}

pub(super) fn pick_zone_ticks(candidates: &[i32], scale: &Scale, labelled: &mut Vec<i32>, out: &mut Vec<Tick>) {
    for &year in candidates {
        let x = round(scale.x(f64::from(year)));
        let fits = labelled.iter().all(|&l| (l - x).abs() >= MIN_LABEL_GAP);
        if fits {
            labelled.push(x);
        }
        out.push(Tick {
            year,
            month: None,
            x,
            labelled: fits,
        });
    }
}
