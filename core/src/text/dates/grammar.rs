//! The one grammar of dated expressions: everything from `2024年11月15日`, `令和7年3月`,
//! `2024/5/7`, `June 21, 2021` and `24年7月` to `今年`, `翌月`, `同日` and `3月2日`, as raw
//! expressions whose relative parts are resolved later (by [`crate::extract::timeline`] against
//! the passage's and document's dates; by [`super::find_dates`] not at all: only explicit dates).

use std::ops::Range;

use super::{ERAS, MONTH_NAMES};
use crate::text::chars::{digit_value, is_digit, is_space};
use crate::text::span::url_ranges;

/// Year part of an expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Year {
    Absolute(i32),
    /// Two digits (`24年`): century from the context.
    Short(i32),
    /// Relative to the document's date (今年 0, 昨年 -1).
    Now(i32),
    /// Relative to the previous date (同年 0, 翌年 +1).
    Prev(i32),
    /// No year written (`3月2日`).
    Context,
}

/// Month or day part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    None,
    Absolute(u32),
    Now(i32),
    Prev(i32),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Raw {
    pub(crate) range: Range<usize>,
    pub(crate) year: Year,
    pub(crate) month: Part,
    pub(crate) day: Part,
    /// The document's year, when the text states it: `今年(2017年)`, `昨年2024年` → 2017, 2025.
    pub(crate) now_year: Option<i32>,
}

/// Relative year words: (word, year part).
const YEAR_WORDS: &[(&str, Year)] = &[
    ("一昨年", Year::Now(-2)),
    ("今年", Year::Now(0)),
    ("本年", Year::Now(0)),
    ("昨年", Year::Now(-1)),
    ("去年", Year::Now(-1)),
    ("来年", Year::Now(1)),
    ("翌年", Year::Prev(1)),
    ("同年", Year::Prev(0)),
    ("前年", Year::Prev(-1)),
];

/// Relative month and day words.
const MONTH_WORDS: &[(&str, Part)] = &[
    ("今月", Part::Now(0)),
    ("先月", Part::Now(-1)),
    ("来月", Part::Now(1)),
    ("翌月", Part::Prev(1)),
    ("同月", Part::Prev(0)),
    ("前月", Part::Prev(-1)),
];
const DAY_WORDS: &[(&str, Part)] = &[
    ("翌日", Part::Prev(1)),
    ("同日", Part::Prev(0)),
    ("前日", Part::Prev(-1)),
];

const RANGE_DASHES: &[char] = &['～', '〜', '~', '−', '–', '-', '－', '―', '‐'];

struct Cur<'a> {
    s: &'a str,
    pos: usize,
}

impl Cur<'_> {
    fn peek(&self) -> Option<char> {
        self.s[self.pos..].chars().next()
    }
    fn spaces(&mut self) {
        while let Some(c) = self.peek().filter(|&c| is_space(c)) {
            self.pos += c.len_utf8();
        }
    }
    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.pos += c.len_utf8();
            true
        } else {
            false
        }
    }
    fn eat_str(&mut self, w: &str) -> bool {
        if self.s[self.pos..].starts_with(w) {
            self.pos += w.len();
            true
        } else {
            false
        }
    }
    fn eat_any(&mut self, cs: &[char]) -> bool {
        match self.peek() {
            Some(c) if cs.contains(&c) => {
                self.pos += c.len_utf8();
                true
            }
            _ => false,
        }
    }
    /// A run of digits: (value, number of digits). Restores on failure.
    fn digits(&mut self) -> Option<(u32, usize)> {
        let mut n = 0u32;
        let mut k = 0;
        let start = self.pos;
        while let Some(v) = self.peek().and_then(digit_value) {
            n = n.saturating_mul(10).saturating_add(v);
            k += 1;
            self.pos += self.peek().map_or(1, char::len_utf8);
        }
        if k == 0 {
            self.pos = start;
            return None;
        }
        Some((n, k))
    }
    /// `N月` (1–12), spaces allowed before 月.
    fn month(&mut self) -> Option<u32> {
        let start = self.pos;
        if let Some((m, k)) = self.digits() {
            self.spaces();
            if k <= 2 && (1..=12).contains(&m) && self.eat('月') {
                return Some(m);
            }
        }
        self.pos = start;
        None
    }
    /// `N日` (1–31).
    fn day(&mut self) -> Option<u32> {
        let start = self.pos;
        if let Some((d, k)) = self.digits() {
            self.spaces();
            if k <= 2 && (1..=31).contains(&d) && self.eat('日') {
                return Some(d);
            }
        }
        self.pos = start;
        None
    }
}

/// The month and day after a year: `11月15日`, `11−12月` (a range, dated at its start), `同月`.
fn month_day(c: &mut Cur<'_>) -> (Part, Part) {
    let save = c.pos;
    c.spaces();
    let start = c.pos;
    if let Some((m1, k)) = c.digits() {
        if k <= 2 && (1..=12).contains(&m1) && c.eat_any(RANGE_DASHES) {
            if let Some(_m2) = c.month() {
                return (Part::Absolute(m1), Part::None);
            }
        }
        c.pos = start;
    }
    if let Some(m) = c.month() {
        let after_month = c.pos;
        c.spaces();
        if let Some(d) = c.day() {
            return (Part::Absolute(m), Part::Absolute(d));
        }
        c.pos = after_month;
        return (Part::Absolute(m), Part::None);
    }
    c.pos = save;
    (Part::None, Part::None)
}

/// A bracketed Western year right after a year word: `(2024年)`.
fn bracketed_year(c: &mut Cur<'_>) -> Option<i32> {
    let save = c.pos;
    if c.eat_any(&['(', '（']) {
        c.spaces();
        if let Some((y, 4)) = c.digits() {
            c.spaces();
            if c.eat('年') {
                c.spaces();
                if c.eat_any(&[')', '）']) {
                    return Some(y as i32);
                }
            }
        }
    }
    c.pos = save;
    None
}

/// A Western year written right after a year word: `今年2017年` (four digits and 年).
fn bare_year(c: &mut Cur<'_>) -> Option<i32> {
    let save = c.pos;
    c.spaces();
    if let Some((y, 4)) = c.digits() {
        c.spaces();
        if c.eat('年') {
            return Some(y as i32);
        }
    }
    c.pos = save;
    None
}

/// The expression starting at byte `i`, if any.
fn expression_at(s: &str, i: usize) -> Option<Raw> {
    let prev = s[..i].chars().next_back();
    let after_digit_or_latin = prev.is_some_and(|p| is_digit(p) || p.is_ascii_alphabetic() || p == '.');
    let mut c = Cur { s, pos: i };
    let rest = &s[i..];
    let first = rest.chars().next()?;

    // Era years.
    if let Some(&(name, base)) = ERAS.iter().find(|(n, _)| rest.starts_with(n)) {
        c.eat_str(name);
        c.spaces();
        let n = if c.eat('元') {
            1
        } else {
            c.digits().filter(|&(_, k)| k <= 2)?.0 as i32
        };
        c.spaces();
        if !c.eat('年') {
            return None;
        }
        let y = bracketed_year(&mut c).unwrap_or(base + n);
        let (month, day) = month_day(&mut c);
        return Some(Raw {
            range: i..c.pos,
            year: Year::Absolute(y),
            month,
            day,
            now_year: None,
        });
    }
    // Relative words.
    if let Some(&(w, year)) = YEAR_WORDS.iter().find(|(w, _)| rest.starts_with(w)) {
        c.eat_str(w);
        // 今年(2017年) or 今年2017年: the text says which year it is.
        let glossed = bracketed_year(&mut c).or_else(|| bare_year(&mut c));
        let now_year = match (year, glossed) {
            (Year::Now(off), Some(y)) => Some(y - off),
            _ => None,
        };
        let year = glossed.map_or(year, Year::Absolute);
        let (mut month, mut day) = month_day(&mut c);
        if month == Part::None {
            if let Some(&(w, part)) = MONTH_WORDS.iter().find(|(w, _)| s[c.pos..].starts_with(w)) {
                c.eat_str(w);
                month = part;
                day = Part::None;
            }
        }
        return Some(Raw {
            range: i..c.pos,
            year,
            month,
            day,
            now_year,
        });
    }
    if matches!(first, '今' | '昨' | '来') {
        let mut chars = rest.chars();
        chars.next();
        if chars.next().is_some_and(|n| matches!(n, '春' | '夏' | '秋' | '冬')) {
            let off = match first {
                '今' => 0,
                '昨' => -1,
                _ => 1,
            };
            return Some(Raw {
                range: i..i + first.len_utf8() + '春'.len_utf8(),
                year: Year::Now(off),
                month: Part::None,
                day: Part::None,
                now_year: None,
            });
        }
    }
    if let Some(&(w, part)) = MONTH_WORDS.iter().find(|(w, _)| rest.starts_with(w)) {
        // 翌月12月3日: the explicit month says which.
        c.eat_str(w);
        if let (Part::Absolute(m), day) = month_day(&mut c) {
            return Some(Raw {
                range: i..c.pos,
                year: match part {
                    Part::Now(_) => Year::Now(0),
                    _ => Year::Context,
                },
                month: Part::Absolute(m),
                day,
                now_year: None,
            });
        }
        return Some(Raw {
            range: i..i + w.len(),
            year: Year::Context,
            month: part,
            day: Part::None,
            now_year: None,
        });
    }
    if let Some(&(w, part)) = DAY_WORDS.iter().find(|(w, _)| rest.starts_with(w)) {
        return Some(Raw {
            range: i..i + w.len(),
            year: Year::Context,
            month: Part::Prev(0),
            day: part,
            now_year: None,
        });
    }
    // English month names: `June 21, 2021`, `January 2025`.
    if first.is_ascii_uppercase() && !prev.is_some_and(|p| p.is_ascii_alphanumeric()) {
        for (k, name) in MONTH_NAMES.iter().enumerate() {
            let short = &name[..3];
            if !(c.eat_str(name)
                || (c.eat_str(short) && (c.eat('.') || !c.peek().is_some_and(|n| n.is_ascii_alphabetic()))))
            {
                continue;
            }
            if c.peek().is_some_and(|n| n.is_ascii_alphabetic()) {
                return None;
            }
            c.spaces();
            let save = c.pos;
            let mut day = Part::None;
            if let Some((d, dk)) = c.digits() {
                if dk <= 2 && (1..=31).contains(&d) && c.eat(',') {
                    day = Part::Absolute(d);
                    c.spaces();
                } else {
                    c.pos = save;
                }
            }
            let (y, 4) = c.digits()? else { return None };
            return Some(Raw {
                range: i..c.pos,
                year: Year::Absolute(y as i32),
                month: Part::Absolute(k as u32 + 1),
                day,
                now_year: None,
            });
        }
        return None;
    }
    if !is_digit(first) || after_digit_or_latin || prev == Some('第') {
        return None;
    }
    let (n, k) = c.digits()?;
    let after_number = c.pos;
    // ISO-like forms: 2024/5/7, 2024-05-07, 2024.5.7 (a day is required after a dot).
    if k == 4 && (1000..=2999).contains(&n) {
        for sep in ['/', '-', '.', '／', '－', '．'] {
            if !c.eat(sep) {
                continue;
            }
            if let Some((m, mk)) = c.digits().filter(|&(m, mk)| mk <= 2 && (1..=12).contains(&m)) {
                let _ = mk;
                let before_day = c.pos;
                let day = if c.eat(sep) {
                    c.digits().filter(|&(_, dk)| dk <= 2).map(|(d, _)| d)
                } else {
                    None
                };
                if day.is_none() {
                    c.pos = before_day;
                    if matches!(sep, '.' | '．') {
                        break;
                    }
                }
                if c.peek().is_some_and(|n| is_digit(n) || n.is_ascii_alphabetic()) {
                    break;
                }
                return Some(Raw {
                    range: i..c.pos,
                    year: Year::Absolute(n as i32),
                    month: Part::Absolute(m),
                    day: day.map_or(Part::None, Part::Absolute),
                    now_year: None,
                });
            }
            break;
        }
        c.pos = after_number;
        // 2013～2015年: the start of a range of years.
        let save = c.pos;
        if c.eat_any(RANGE_DASHES) {
            if let Some((_, 4)) = c.digits() {
                c.spaces();
                if c.eat('年') {
                    return Some(Raw {
                        range: i..after_number,
                        year: Year::Absolute(n as i32),
                        month: Part::None,
                        day: Part::None,
                        now_year: None,
                    });
                }
            }
        }
        c.pos = save;
    }
    c.spaces();
    if c.eat('年') {
        if c.peek() == Some('代') || c.peek() == Some('間') {
            return None;
        }
        if k == 4 && (1000..=2999).contains(&n) {
            let (month, day) = month_day(&mut c);
            return Some(Raw {
                range: i..c.pos,
                year: Year::Absolute(n as i32),
                month,
                day,
                now_year: None,
            });
        }
        if k == 2 {
            // 24年7月: only with a month.
            let (month, day) = month_day(&mut c);
            if month != Part::None {
                return Some(Raw {
                    range: i..c.pos,
                    year: Year::Short(n as i32),
                    month,
                    day,
                    now_year: None,
                });
            }
        }
        return None;
    }
    // A month without a year: 3月2日, 7月.
    c.pos = i;
    let (month, day) = month_day(&mut c);
    if month == Part::None || c.pos == i {
        return None;
    }
    Some(Raw {
        range: i..c.pos,
        year: Year::Context,
        month,
        day,
        now_year: None,
    })
}

/// Dated expressions of one text, left to right, not overlapping, outside URLs.
pub(crate) fn scan(s: &str) -> Vec<Raw> {
    let urls = url_ranges(s);
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        // URLs are in order and disjoint: found by binary search, not a look at each per char
        // (quadratic in a text with many URLs).
        if let Ok(k) = urls.binary_search_by_key(&i, |u| u.start) {
            i = urls[k].end;
            continue;
        }
        if let Some(raw) = expression_at(s, i) {
            let first_after = urls.partition_point(|u| u.end <= raw.range.start);
            let in_url = urls.get(first_after).is_some_and(|u| u.start < raw.range.end);
            if raw.range.end > i && !in_url {
                i = raw.range.end;
                out.push(raw);
                continue;
            }
        }
        i += s[i..].chars().next().map_or(1, char::len_utf8);
    }
    out
}
