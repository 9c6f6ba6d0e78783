//! When? Explicit calendar dates in Japanese and ISO forms, normalised to ISO 8601.
//!
//! Handles `2024年5月7日`, spaced digits (`2024 年 12 月6日`), full-width digits, era years
//! (`令和7年`, `平成元年`), `2024/5/7`, `2024-05-07`, `2024.5.7`, and year-month forms.
//! Only explicit dates: relative ones (今年, 翌月) are resolved elsewhere.

use crate::parse::chars::{digit_value, is_digit, is_space};
use std::ops::Range;

/// A date found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDate {
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub iso: String,
    /// Byte range of the expression in the searched text.
    pub span: Range<usize>,
}

/// Japanese eras and the Western year before their first year (令和元年 = 2019).
pub(crate) const ERAS: &[(&str, i32)] = &[
    ("令和", 2018),
    ("平成", 1988),
    ("昭和", 1925),
    ("大正", 1911),
    ("明治", 1867),
];

struct Cursor<'a> {
    s: &'a str,
    pos: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<char> {
        self.s[self.pos..].chars().next()
    }
    fn skip_spaces(&mut self) {
        while let Some(c) = self.peek() {
            if is_space(c) {
                self.pos += c.len_utf8();
            } else {
                break;
            }
        }
    }
    fn number(&mut self, max_digits: usize) -> Option<u32> {
        let start = self.pos;
        let mut n = 0u32;
        let mut digits = 0;
        while let Some(c) = self.peek() {
            match digit_value(c) {
                Some(d) if digits < max_digits => {
                    n = n * 10 + d;
                    digits += 1;
                    self.pos += c.len_utf8();
                }
                _ => break,
            }
        }
        if digits == 0 || self.peek().is_some_and(is_digit) {
            self.pos = start;
            return None;
        }
        Some(n)
    }
    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.pos += c.len_utf8();
            true
        } else {
            false
        }
    }
}

fn iso(y: i32, m: Option<u32>, d: Option<u32>) -> Option<String> {
    if !(1000..=2999).contains(&y) {
        return None;
    }
    match (m, d) {
        (None, _) => Some(format!("{y:04}")),
        (Some(m), None) if (1..=12).contains(&m) => Some(format!("{y:04}-{m:02}")),
        (Some(m), Some(d)) if (1..=12).contains(&m) && (1..=days_in_month(y, m)).contains(&d) => {
            Some(format!("{y:04}-{m:02}-{d:02}"))
        }
        _ => None,
    }
}

/// English month names, January first.
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Days in month `m` (1–12) of year `y` (Gregorian).
pub fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Try to read a date starting exactly at byte `start`.
fn date_at(s: &str, start: usize) -> Option<FoundDate> {
    let mut c = Cursor { s, pos: start };
    // Era year?
    let rest = &s[start..];
    let era = ERAS.iter().find(|(name, _)| rest.starts_with(name));
    let year: i32 = if let Some((name, base)) = era {
        c.pos += name.len();
        c.skip_spaces();
        let n = if c.eat('元') { 1 } else { c.number(2)? as i32 };
        c.skip_spaces();
        if !c.eat('年') {
            return None;
        }
        base + n
    } else {
        if start > 0 && s[..start].chars().next_back().is_some_and(is_digit) {
            return None;
        }
        let y = c.number(4)? as i32;
        if y < 1000 {
            return None;
        }
        let after_year = c.pos;
        // ISO-like separators.
        for sep in ['/', '-', '.', '／', '－', '．'] {
            if c.eat(sep) {
                let m = c.number(2)?;
                let save = c.pos;
                let d = if c.eat(sep) { c.number(2) } else { None };
                if d.is_none() {
                    c.pos = save;
                    // `2024.5` alone is too ambiguous (a decimal); require a day for '.'.
                    if matches!(sep, '.' | '．') {
                        return None;
                    }
                }
                return Some(FoundDate {
                    iso: iso(y, Some(m), d)?,
                    span: start..c.pos,
                });
            }
        }
        c.pos = after_year;
        c.skip_spaces();
        if !c.eat('年') {
            return None;
        }
        y
    };
    let year_end = c.pos;
    c.skip_spaces();
    let Some(m) = c.number(2).filter(|_| {
        let mut probe = Cursor { s, pos: c.pos };
        probe.skip_spaces();
        probe.peek() == Some('月')
    }) else {
        return Some(FoundDate {
            iso: iso(year, None, None)?,
            span: start..year_end,
        });
    };
    c.skip_spaces();
    c.eat('月');
    let month_end = c.pos;
    c.skip_spaces();
    if let Some(d) = c.number(2) {
        c.skip_spaces();
        if c.eat('日') {
            if let Some(iso) = iso(year, Some(m), Some(d)) {
                return Some(FoundDate {
                    iso,
                    span: start..c.pos,
                });
            }
        }
    }
    match iso(year, Some(m), None) {
        Some(iso) => Some(FoundDate {
            iso,
            span: start..month_end,
        }),
        None => Some(FoundDate {
            iso: iso(year, None, None)?,
            span: start..year_end,
        }),
    }
}

/// All explicit dates in `s`, left to right, not overlapping.
pub fn find_dates(s: &str) -> Vec<FoundDate> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        if let Some(found) = date_at(s, i) {
            i = found.span.end.max(i + 1);
            out.push(found);
            continue;
        }
        i += s[i..].chars().next().map_or(1, char::len_utf8);
    }
    out
}

/// The first explicit date in `s`.
pub fn find_date(s: &str) -> Option<FoundDate> {
    let mut i = 0;
    while i < s.len() {
        if let Some(found) = date_at(s, i) {
            return Some(found);
        }
        i += s[i..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso_of(s: &str) -> Option<String> {
        find_date(s).map(|d| d.iso)
    }

    #[test]
    fn japanese_forms() {
        assert_eq!(iso_of("掲載日：2024年5月7日").as_deref(), Some("2024-05-07"));
        assert_eq!(iso_of("（脱稿日2024 年 12 月6日）").as_deref(), Some("2024-12-06"));
        assert_eq!(iso_of("２０２５年４月１６日校了").as_deref(), Some("2025-04-16"));
        assert_eq!(iso_of("2016年 9月 9日").as_deref(), Some("2016-09-09"));
        assert_eq!(iso_of("2023年8月の").as_deref(), Some("2023-08"));
        assert_eq!(iso_of("2024年の春").as_deref(), Some("2024"));
        assert_eq!(iso_of("令和7年3月").as_deref(), Some("2025-03"));
        assert_eq!(iso_of("平成元年").as_deref(), Some("1989"));
        assert_eq!(iso_of("平成29年度").as_deref(), Some("2017"));
    }

    #[test]
    fn iso_forms() {
        assert_eq!(iso_of("2024/5/7").as_deref(), Some("2024-05-07"));
        assert_eq!(iso_of("on 2024-05-07.").as_deref(), Some("2024-05-07"));
        assert_eq!(iso_of("2024.5.7").as_deref(), Some("2024-05-07"));
        assert_eq!(iso_of("version 2024.5"), None);
    }

    #[test]
    fn not_dates() {
        assert_eq!(iso_of("決議 2321について"), None);
        assert_eq!(iso_of("1、2年"), None);
        assert_eq!(iso_of("12345年"), None);
        assert_eq!(iso_of("2024年13月"), Some("2024".into()));
        assert_eq!(iso_of("2023年2月30日").as_deref(), Some("2023-02"));
    }

    #[test]
    fn spans_cover_the_expression() {
        let s = "昨年(2024年)11月15日、";
        let d = find_dates(s);
        assert_eq!(&s[d[0].span.clone()], "2024年");
        let s = "掲載日：2024年5月7日";
        let d = find_date(s).unwrap();
        assert_eq!(&s[d.span], "2024年5月7日");
    }
}
