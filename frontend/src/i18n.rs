//! In which language does the reader speak? Japanese by default, or English: the interface's
//! words as one hand-written catalogue ([`Strings`], two `static` instances made by one macro, so
//! a key without both translations does not compile), small functions for sentences with numbers
//! or names, and [`Notice`]: what the reducer has to say, kept as data and put into words only
//! when shown. The documents' own text is never translated (it keeps `lang="ja"`).
//!
//! The language is part of the view (`lang=en` in the link, never printed for Japanese) and is
//! remembered in this browser (`localStorage["yomikurabe:lang"]`, used when a link has no
//! `lang`). Components read it from a `ContextProvider<Lang>` ([`use_t`], [`use_lang`]).

use yew::prelude::*;

mod notice;
mod strings;

pub use notice::{FileProblem, LinkPart, Notice, SearchSetting, StorageOp, StorageProblem};
pub use strings::Strings;

/// The interface language.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default, Hash)]
pub enum Lang {
    /// 日本語 (the default).
    #[default]
    Ja,
    /// English.
    En,
}

/// Where the chosen language is kept in this browser.
pub const STORAGE_KEY: &str = "yomikurabe:lang";

impl Lang {
    /// Both, in the order the switch shows them.
    pub const ALL: [Lang; 2] = [Lang::Ja, Lang::En];

    /// The BCP 47 code (`lang` attributes, the link's `lang=`, the stored choice).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }

    /// The language with this code (`ja`, `en`, any case, trimmed).
    pub fn from_code(s: &str) -> Option<Lang> {
        let s = s.trim();
        if s.eq_ignore_ascii_case("ja") {
            Some(Lang::Ja)
        } else if s.eq_ignore_ascii_case("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The language's own name, as the switch shows it.
    pub fn name(self) -> &'static str {
        match self {
            Lang::Ja => "日本語",
            Lang::En => "English",
        }
    }

    /// The interface's words in this language.
    pub fn t(self) -> &'static Strings {
        match self {
            Lang::Ja => &strings::JA,
            Lang::En => &strings::EN,
        }
    }

    /// `lang` for English words inside Japanese text and the reverse: the attribute an element
    /// of interface text needs inside an element whose language is `outer`.
    pub fn attr_inside(self, outer: Lang) -> Option<&'static str> {
        (self != outer).then_some(self.code())
    }
}

/// The language of the interface, from the app's context.
#[hook]
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// The interface's words, from the app's context.
#[hook]
pub fn use_t() -> &'static Strings {
    use_lang().t()
}

/// A sentence of the catalogue with its blanks filled: `{0}`, `{1}`… are `args` in order (a
/// blank without an argument is left empty; a language may leave an argument out, as Japanese
/// does with the English plural `s`).
pub fn fill(template: &str, args: &[&dyn std::fmt::Display]) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        match after
            .find('}')
            .and_then(|j| after[..j].parse::<usize>().ok().map(|n| (j, n)))
        {
            Some((j, n)) => {
                if let Some(a) = args.get(n) {
                    let _ = write!(out, "{a}");
                }
                rest = &after[j + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The English plural ending for `n` things (`""` for one).
pub fn s(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The label of the document chooser of column `n` (1-based).
pub fn column_label(lang: Lang, n: usize) -> String {
    fill(lang.t().column_n, &[&n])
}

/// What a kind of cited source is called.
pub fn kind_label(lang: Lang, kind: yomikurabe_core::extract::citations::CitationKind) -> &'static str {
    use yomikurabe_core::extract::citations::CitationKind;
    let t = lang.t();
    match kind {
        CitationKind::Statement => t.kind_statement,
        CitationKind::Resolution => t.kind_resolution,
        CitationKind::Agreement => t.kind_agreement,
        CitationKind::Report => t.kind_report,
        CitationKind::Law => t.kind_law,
        CitationKind::WebPage => t.kind_web_page,
    }
}

/// The tooltip of a source mentioned in the text: its kind, its name, who cites it.
pub fn source_title(
    lang: Lang,
    kind: yomikurabe_core::extract::citations::CitationKind,
    label: &str,
    citing: usize,
    documents: usize,
) -> String {
    let t = lang.t();
    let cited = if citing >= 2 {
        fill(t.cited_by_n_of, &[&citing, &documents])
    } else {
        t.cited_by_this_only.to_string()
    };
    fill(t.source_tooltip, &[&kind_label(lang, kind), &label, &cited])
}

/// The colour and underline of highlight slot `slot`, in words (for screen readers and print).
pub fn palette(lang: Lang, slot: usize) -> (&'static str, &'static str) {
    const JA: [(&str, &str); 8] = [
        ("青", "実線の下線"),
        ("朱", "破線の下線"),
        ("青緑", "点線の下線"),
        ("赤紫", "二重下線"),
        ("橙", "波線の下線"),
        ("空色", "太い実線の下線"),
        ("黒", "太い破線の下線"),
        ("黄", "太い点線の下線"),
    ];
    let p = crate::themes::PALETTE;
    match lang {
        Lang::En => p[slot % p.len()],
        Lang::Ja => JA[slot % JA.len()],
    }
}

/// A date for the interface: `2024年3月5日` in Japanese, `5 March 2024` in English; partial
/// dates (`2024`, `2024-03`) likewise. Anything else is returned as given.
pub fn date(lang: Lang, iso: &str) -> String {
    use yomikurabe_core::text::dates::MONTH_NAMES as MONTHS;
    let mut parts = iso.split('-');
    fn num(p: Option<&str>) -> Option<&str> {
        p.filter(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
    }
    let (Some(y), m, d) = (num(parts.next()), num(parts.next()), num(parts.next())) else {
        return iso.to_string();
    };
    if parts.next().is_some() || (m.is_none() && d.is_some()) {
        return iso.to_string();
    }
    let m: Option<usize> = m.and_then(|m| m.parse().ok());
    let d: Option<u32> = d.and_then(|d| d.parse().ok());
    if m.is_some_and(|m| !(1..=12).contains(&m)) || d.is_some_and(|d| !(1..=31).contains(&d)) {
        return iso.to_string();
    }
    match lang {
        Lang::Ja => {
            let mut s = format!("{y}年");
            if let Some(m) = m {
                s.push_str(&format!("{m}月"));
            }
            if let Some(d) = d {
                s.push_str(&format!("{d}日"));
            }
            s
        }
        Lang::En => match (m, d) {
            (Some(m), Some(d)) => format!("{d} {} {y}", MONTHS[m - 1]),
            (Some(m), None) => format!("{} {y}", MONTHS[m - 1]),
            _ => y.to_string(),
        },
    }
}

/// `12345` → `12,345`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A piece of user input or a name inside a sentence, quoted and shortened.
pub fn quoted(lang: Lang, s: &str) -> String {
    const MAX: usize = 40;
    let short = if s.chars().count() > MAX {
        format!("{}…", s.chars().take(MAX).collect::<String>())
    } else {
        s.to_string()
    };
    match lang {
        Lang::Ja => format!("「{short}」"),
        Lang::En => format!("“{short}”"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for l in Lang::ALL {
            assert_eq!(Lang::from_code(l.code()), Some(l));
        }
        assert_eq!(Lang::from_code(" EN "), Some(Lang::En));
        assert_eq!(Lang::from_code("fr"), None);
        assert_eq!(Lang::default(), Lang::Ja);
        assert_eq!(Lang::En.attr_inside(Lang::Ja), Some("en"));
        assert_eq!(Lang::Ja.attr_inside(Lang::Ja), None);
    }

    #[test]
    fn dates_in_both_languages() {
        assert_eq!(date(Lang::Ja, "2024-03-05"), "2024年3月5日");
        assert_eq!(date(Lang::En, "2024-03-05"), "5 March 2024");
        assert_eq!(date(Lang::Ja, "2024-03"), "2024年3月");
        assert_eq!(date(Lang::En, "2024-12"), "December 2024");
        assert_eq!(date(Lang::Ja, "1951"), "1951年");
        assert_eq!(date(Lang::En, "1951"), "1951");
        for odd in ["", "x", "2024-13-01", "2024--05", "2024-1-2-3", "-"] {
            assert_eq!(date(Lang::Ja, odd), odd);
        }
    }

    #[test]
    fn blanks_are_filled() {
        assert_eq!(fill("{0} of {1}{2}", &[&1, &"x", &s(2)]), "1 of xs");
        assert_eq!(fill("{1}件", &[&"s", &3]), "3件");
        assert_eq!(fill("{ {9} }", &[]), "{  }");
    }

    #[test]
    fn numbers_and_quotes() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(quoted(Lang::Ja, "x"), "「x」");
        assert_eq!(quoted(Lang::En, "x"), "“x”");
        assert_eq!(quoted(Lang::En, &"a".repeat(50)).chars().count(), 43);
    }
}
