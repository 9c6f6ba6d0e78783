//! When? The one [`Date`] type, and the explicit calendar dates of a text normalised to ISO 8601.
//!
//! One grammar ([`grammar`]) reads every dated expression; [`find_dates`] keeps the explicit
//! ones: `2024年5月7日`, spaced digits (`2024 年 12 月6日`), full-width digits, era years
//! (`令和7年`, `平成元年`), `2024/5/7`, `2024-05-07`, `2024.5.7`, and year-month forms. Relative
//! ones (今年, 翌月) are resolved by the timeline.

use std::ops::Range;

use grammar::{Part, Year};

pub(crate) mod grammar;

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

/// A calendar date at the precision the text gives: a year, a month or a day. The one date type
/// of the model, the extractors, citations and the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Gregorian year.
    pub year: i32,
    /// Month 1–12, if known.
    pub month: Option<u32>,
    /// Day of the month, if known (only with a month).
    pub day: Option<u32>,
}

impl Date {
    /// A valid date in the years 1000–2999, or `None`.
    pub fn new(year: i32, month: Option<u32>, day: Option<u32>) -> Option<Date> {
        let ok = (1000..=2999).contains(&year)
            && match (month, day) {
                (None, None) => true,
                (Some(m), None) => (1..=12).contains(&m),
                (Some(m), Some(d)) => (1..=12).contains(&m) && (1..=days_in_month(year, m)).contains(&d),
                (None, Some(_)) => false,
            };
        ok.then_some(Date { year, month, day })
    }

    /// A year alone.
    pub fn year_only(year: i32) -> Date {
        Date {
            year,
            month: None,
            day: None,
        }
    }

    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (parts read as far as they are numbers; not validated:
    /// see [`Date::iso_lenient`] and [`Date::valid`]).
    pub fn parse_iso(s: &str) -> Option<Date> {
        let mut it = s.split('-');
        let year = it.next()?.parse().ok()?;
        let month = it.next().and_then(|m| m.parse().ok());
        let day = month.and(it.next().and_then(|d| d.parse().ok()));
        Some(Date { year, month, day })
    }

    /// Exactly `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (ASCII digits, two-digit month and day) naming a
    /// real date in any year 0000–9999; anything else is `None`. What links, the model and the export carry.
    pub fn from_iso(s: &str) -> Option<Date> {
        let mut parts = s.split('-');
        let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
        let year = parts.next().filter(|p| digits(p, 4))?.parse().ok()?;
        let month = match parts.next() {
            None => None,
            Some(p) if digits(p, 2) => Some(p.parse().ok()?),
            Some(_) => return None,
        };
        let day = match parts.next() {
            None => None,
            Some(p) if digits(p, 2) => Some(p.parse().ok()?),
            Some(_) => return None,
        };
        if parts.next().is_some() {
            return None;
        }
        let real = match (month, day) {
            (Some(m), d) => (1..=12).contains(&m) && d.is_none_or(|d| (1..=days_in_month(year, m)).contains(&d)),
            (None, _) => true,
        };
        real.then_some(Date { year, month, day })
    }

    /// A date as a person may have typed it (`2024-5`, ` 2024-05-07 `): a four-digit year, then a
    /// month and day of one or two digits; a month or day out of range is dropped with what
    /// follows it.
    pub fn from_iso_lenient(s: &str) -> Option<Date> {
        let mut parts = s.trim().split('-');
        let year = parts
            .next()
            .filter(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))?
            .parse()
            .ok()?;
        let number = |p: Option<&str>| -> Option<u32> {
            p.filter(|p| (1..=2).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|p| p.parse().ok())
        };
        let month = number(parts.next()).filter(|m| (1..=12).contains(m));
        let day = month
            .and(number(parts.next()))
            .filter(|&d| month.is_some_and(|m| (1..=days_in_month(year, m)).contains(&d)));
        Some(Date { year, month, day })
    }

    /// This date if it is valid, else `None` ([`Date::new`]'s rules).
    pub fn valid(self) -> Option<Date> {
        Date::new(self.year, self.month, self.day)
    }

    /// ISO 8601 at this date's precision (`2024`, `2024-05`, `2024-05-07`).
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }

    /// ISO of the valid part of this date: an impossible day falls back to the month, an
    /// impossible month to the year; `None` outside the years 1000–2999.
    pub fn iso_lenient(self) -> Option<String> {
        let month = self.month.filter(|m| (1..=12).contains(m));
        let day = month
            .and(self.day)
            .filter(|&d| month.is_some_and(|m| (1..=days_in_month(self.year, m)).contains(&d)));
        Date::new(self.year, month, day).map(|d| d.iso())
    }

    /// Japanese form at this date's precision: `2025年2月7日`, `2025年2月`, `2025年`.
    pub fn japanese(&self) -> String {
        let mut out = format!("{}年", self.year);
        if let Some(m) = self.month {
            out.push_str(&format!("{m}月"));
            if let Some(d) = self.day {
                out.push_str(&format!("{d}日"));
            }
        }
        out
    }

    /// English form at this date's precision: `7 February 2025`, `February 2025`, `2025`.
    pub fn english(&self) -> String {
        match (self.month.and_then(|m| MONTH_NAMES.get(m as usize - 1)), self.day) {
            (Some(name), Some(d)) => format!("{d} {name} {}", self.year),
            (Some(name), None) => format!("{name} {}", self.year),
            _ => self.year.to_string(),
        }
    }

    /// This date at month precision at most.
    pub fn to_month(self) -> Date {
        Date { day: None, ..self }
    }

    /// The month `months` away (year and month only), e.g. for 翌月 and 前年同月.
    pub fn add_months(year: i32, month: u32, months: i32) -> (i32, u32) {
        let total = year * 12 + month as i32 - 1 + months;
        (total.div_euclid(12), total.rem_euclid(12) as u32 + 1)
    }

    /// The day `days` away from year-month-day `p` (翌日, 前日).
    pub fn add_days(p: (i32, u32, u32), days: i32) -> (i32, u32, u32) {
        let (mut y, mut m, mut d) = p;
        let mut off = days;
        while off > 0 {
            if d < days_in_month(y, m) {
                d += 1;
            } else {
                (y, m) = Date::add_months(y, m, 1);
                d = 1;
            }
            off -= 1;
        }
        while off < 0 {
            if d > 1 {
                d -= 1;
            } else {
                (y, m) = Date::add_months(y, m, -1);
                d = days_in_month(y, m);
            }
            off += 1;
        }
        (y, m, d)
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

/// Every explicit date in `s` (no relative ones: 今年, 翌月, `3月2日` without a year), in order.
pub fn find_dates(s: &str) -> Vec<FoundDate> {
    grammar::scan(s)
        .into_iter()
        .filter_map(|raw| {
            let Year::Absolute(y) = raw.year else { return None };
            let month = match raw.month {
                Part::None => None,
                Part::Absolute(m) => Some(m),
                _ => return None,
            };
            let day = match raw.day {
                Part::None => None,
                Part::Absolute(d) => Some(d),
                _ => return None,
            };
            // An impossible day or month falls back to what is valid (2023年2月30日 → 2023-02).
            let date = Date { year: y, month, day };
            Some(FoundDate {
                iso: date.iso_lenient()?,
                span: raw.range,
            })
        })
        .collect()
}

/// The first explicit date in `s`.
pub fn find_date(s: &str) -> Option<FoundDate> {
    find_dates(s).into_iter().next()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_date_type_parses_and_formats() {
        let d = Date::from_iso("2024-02-29").expect("a leap day");
        assert_eq!(
            (d.iso(), d.japanese(), d.english()),
            ("2024-02-29".into(), "2024年2月29日".into(), "29 February 2024".into())
        );
        assert_eq!(Date::from_iso("2023-02-29"), None);
        for bad in [
            "",
            "24",
            "2024-1",
            "2024-01-1",
            "2024-13",
            "2024-01-01-01",
            "２０２４",
            "2024-01-01x",
        ] {
            assert_eq!(Date::from_iso(bad), None, "{bad}");
        }
        assert_eq!(
            Date::from_iso_lenient(" 2024-5 ").map(|d| d.iso()).as_deref(),
            Some("2024-05")
        );
        assert_eq!(
            Date::from_iso_lenient("2024-13-01").map(|d| d.iso()).as_deref(),
            Some("2024")
        );
        assert_eq!(Date::from_iso_lenient("24-05-07"), None);
        assert_eq!(
            Date::parse_iso("2024-02-30").and_then(Date::iso_lenient).as_deref(),
            Some("2024-02")
        );
        assert_eq!(
            Date::from_iso("2025-02").map(|d| d.to_month().japanese()).as_deref(),
            Some("2025年2月")
        );
        assert_eq!(Date::add_days((2024, 12, 31), 1), (2025, 1, 1));
        assert_eq!(Date::add_months(2024, 1, -2), (2023, 11));
    }

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
        // A relative year glossed with the year it means is one explicit date, the whole of it.
        let s = "昨年(2024年)11月15日、";
        let d = find_dates(s);
        assert_eq!(
            (&s[d[0].span.clone()], d[0].iso.as_str()),
            ("昨年(2024年)11月15日", "2024-11-15")
        );
        let s = "掲載日：2024年5月7日";
        let d = find_date(s).unwrap();
        assert_eq!(&s[d.span], "2024年5月7日");
    }
}
