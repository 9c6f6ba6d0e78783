//! Themes a link defines itself, typed by a reader: `u=<label>~<spelling>|<spelling>` (just
//! `u=三か国|日米韓` when the label is the first spelling). Labels and spellings are cleaned the
//! same way when typed and when read from a link, so what a link carries prints back unchanged.

use super::{MAX_TERM_CHARS, MAX_VARIANTS};

/// A theme defined in the link itself (typed by a reader): a label and the spellings that count.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AdHocTheme {
    /// What the legend calls it (clean: see [`AdHocTheme::new`]).
    pub label: String,
    /// The spellings, clean and distinct, at least one.
    pub variants: Vec<String>,
}

impl AdHocTheme {
    /// A theme of these spellings, cleaned: `~`, `|` and control characters become spaces,
    /// spaces are collapsed, each is cut to [`MAX_TERM_CHARS`]; blanks and repeats are left out,
    /// at most [`MAX_VARIANTS`] are kept. The label defaults to the first spelling. `None` when
    /// no spelling is left.
    pub fn new<S: AsRef<str>>(label: &str, variants: &[S]) -> Option<AdHocTheme> {
        let mut clean: Vec<String> = Vec::new();
        for v in variants {
            let v = clean_term(v.as_ref());
            if !v.is_empty() && !clean.contains(&v) && clean.len() < MAX_VARIANTS {
                clean.push(v);
            }
        }
        let first = clean.first()?.clone();
        let label = clean_term(label);
        Some(AdHocTheme {
            label: if label.is_empty() { first } else { label },
            variants: clean,
        })
    }

    /// A theme the reader typed: spellings split by [`split_variants`], labelled by the first.
    pub fn from_input(input: &str) -> Option<AdHocTheme> {
        AdHocTheme::new("", &split_variants(input))
    }

    /// Whether two themes match the same spellings (labels aside).
    pub fn same_as(&self, other: &AdHocTheme) -> bool {
        self.variants == other.variants
    }

    pub(crate) fn parse(value: &str) -> Option<AdHocTheme> {
        let (label, rest) = match value.split_once('~') {
            Some((label, rest)) => (label, rest),
            None => ("", value),
        };
        let mut variants: Vec<&str> = rest.split(['|', '~']).collect();
        if variants.iter().all(|v| v.trim().is_empty()) {
            variants = vec![label];
        }
        AdHocTheme::new(label, &variants)
    }

    pub(super) fn print(&self, out: &mut String) {
        out.push_str("u=");
        if self.variants.first() != Some(&self.label) {
            out.extend(form_urlencoded::byte_serialize(self.label.as_bytes()));
            out.push('~');
        }
        for (i, v) in self.variants.iter().enumerate() {
            if i > 0 {
                out.push('|');
            }
            out.extend(form_urlencoded::byte_serialize(v.as_bytes()));
        }
    }
}

/// A label or spelling as links carry it: no `~`, `|` or control characters, single spaces,
/// trimmed, at most [`MAX_TERM_CHARS`] characters.
fn clean_term(s: &str) -> String {
    let mut out = String::new();
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() || c.is_control() || c == '~' || c == '|' {
            space = !out.is_empty();
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    if out.chars().count() > MAX_TERM_CHARS {
        out = out.chars().take(MAX_TERM_CHARS).collect();
        out.truncate(out.trim_end().len());
    }
    out
}

/// Split what a reader typed into spellings: at commas (`,` `、` `，`), `|`, `;`, `；`, `／`
/// and ideographic spaces, and at ordinary spaces except between two Latin words
/// (`拡大抑止 核の傘` is two spellings, `extended deterrence` one).
pub fn split_variants(input: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in input.split([',', '、', '，', '|', ';', '；', '／', '\u{3000}', '\n', '\t']) {
        let mut latin: Option<String> = None;
        for word in part.split(' ').filter(|w| !w.is_empty()) {
            if word.is_ascii() {
                match latin.as_mut() {
                    Some(l) => {
                        l.push(' ');
                        l.push_str(word);
                    }
                    None => latin = Some(word.to_string()),
                }
            } else {
                out.extend(latin.take());
                out.push(word.to_string());
            }
        }
        out.extend(latin);
    }
    out.retain(|v| !clean_term(v).is_empty());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitting_what_a_reader_types() {
        assert_eq!(
            split_variants("拡大抑止, 核の傘、三か国"),
            ["拡大抑止", "核の傘", "三か国"]
        );
        assert_eq!(
            split_variants("拡大抑止 核の傘\u{3000}NCG"),
            ["拡大抑止", "核の傘", "NCG"]
        );
        assert_eq!(split_variants("extended deterrence"), ["extended deterrence"]);
        assert_eq!(
            split_variants("Camp David キャンプ・デービッド"),
            ["Camp David", "キャンプ・デービッド"]
        );
        assert_eq!(split_variants(" , 、 ||"), Vec::<String>::new());
        assert_eq!(AdHocTheme::from_input(" ,~| "), None);
        let t = AdHocTheme::from_input("a~b, a~b, c").unwrap();
        assert_eq!(t.variants, ["a b", "c"]);
        let long = "長".repeat(100);
        assert_eq!(
            AdHocTheme::from_input(&long).unwrap().label.chars().count(),
            MAX_TERM_CHARS
        );
        let many: Vec<String> = (0..30).map(|i| format!("w{i}")).collect();
        assert_eq!(AdHocTheme::new("", &many).unwrap().variants.len(), MAX_VARIANTS);
    }
}
