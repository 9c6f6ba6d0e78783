//! What did the reader ask for? A search box's text parsed into clauses of alternatives and
//! exclusions, each term folded with [`match_key`] (the theme matcher's folding).
//!
//! Syntax (total: any string parses, nothing is an error):
//! - words separated by spaces (ASCII or ideographic) must all occur in one passage (AND);
//! - `a | b` (or full-width `｜`): either; OR binds tighter than the AND between words, so
//!   `日米 | 米国 同盟` is (日米 OR 米国) AND 同盟;
//! - `"…"` (also `＂`, `“…”`): an exact phrase, spaces inside kept as part of it (still folded:
//!   between Japanese characters a space folds away, between Latin words it stays one space); a
//!   Latin phrase matches whole words only, an unquoted Latin word also as the start of a longer
//!   one (`denucl` finds `denuclearization`, `"unc"` does not find `uncertain`);
//! - `-word` or `-"…"` (also `－`): passages containing it are left out. A negated term stands
//!   alone: an `|` next to it joins nothing (`a | -b` is a AND NOT b).
//!
//! Malformed input gives the sensible reading: an unclosed quote runs to the end, a lone `-` or
//! `|` (or one with nothing on one side) is ignored, a term that folds to nothing (`・`, `""`) is
//! dropped, control characters are ignored. Only the first [`MAX_TERMS`] terms are used, each
//! cut to [`MAX_TERM_CHARS`] characters once folded. A query
//! with no positive term is empty and finds nothing (a search for "everything without X" is not
//! a search).

use crate::text::normalize::match_key;

/// At most this many terms (positive and negated) are read from a query; the rest is ignored
/// (a pasted paragraph does not become thousands of scans).
pub const MAX_TERMS: usize = 64;

/// A term's key is cut to its first this many characters: a pasted passage is found by its
/// opening, and a search never compares more than this at each place (a long term that almost
/// repeats itself, tried at every character of a long text, would take quadratic time).
pub const MAX_TERM_CHARS: usize = 256;

/// One term of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The term as typed (without its quotes or minus).
    pub text: String,
    /// Its [`match_key`] (at most [`MAX_TERM_CHARS`] characters): what is looked for in the
    /// passages' keys. Never empty.
    pub key: String,
    /// Quoted: an exact phrase (Latin words match whole).
    pub phrase: bool,
}

/// Terms of which any one must occur in a passage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    /// The alternatives (`a | b`), never empty, without repeated keys.
    pub alternatives: Vec<Term>,
}

/// A parsed query: every clause must match a passage, no excluded term may occur in it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// The clauses, in the order typed.
    pub clauses: Vec<Clause>,
    /// Negated terms (`-word`).
    pub excluded: Vec<Term>,
    /// Whether terms beyond [`MAX_TERMS`] were left out.
    pub truncated: bool,
}

/// An item of the query as typed, before grouping.
struct Item {
    text: String,
    phrase: bool,
    negated: bool,
    /// An `|` came before it (since the item before).
    or_before: bool,
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '＂' | '“' | '”')
}

fn is_or(c: char) -> bool {
    matches!(c, '|' | '｜')
}

fn is_minus(c: char) -> bool {
    matches!(c, '-' | '－')
}

/// The items of `input`: words, phrases, with their minus and the `|` before them.
fn items(input: &str) -> Vec<Item> {
    let mut out = Vec::new();
    let mut chars = input.chars().peekable();
    let mut or_before = false;
    // Items beyond the limit are still scanned (cheaply) only to say the query was truncated.
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() || c.is_control() {
            chars.next();
            continue;
        }
        if is_or(c) {
            or_before = true;
            chars.next();
            continue;
        }
        let mut negated = false;
        if is_minus(c) {
            chars.next();
            match chars.peek() {
                Some(&n) if !(n.is_whitespace() || is_or(n) || is_minus(n)) => negated = true,
                // A lone minus: nothing to negate.
                _ => continue,
            }
        }
        let mut text = String::new();
        let phrase = chars.peek().copied().is_some_and(is_quote);
        if phrase {
            chars.next();
            for c in chars.by_ref() {
                if is_quote(c) {
                    break;
                }
                // Line breaks and tabs inside a phrase are spaces; other controls are dropped.
                if c.is_whitespace() {
                    text.push(' ');
                } else if !c.is_control() {
                    text.push(c);
                }
            }
        } else {
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() || is_or(c) || is_quote(c) {
                    break;
                }
                if !c.is_control() {
                    text.push(c);
                }
                chars.next();
            }
        }
        out.push(Item {
            text,
            phrase,
            negated,
            or_before,
        });
        or_before = false;
    }
    out
}

impl Query {
    /// Parse a query (see the module docs). Never fails.
    pub fn parse(input: &str) -> Query {
        let mut query = Query::default();
        let mut terms = 0;
        // The clause the last positive item went into (an `|` after it adds to that clause).
        let mut last_positive: Option<usize> = None;
        for item in items(input) {
            let mut key = match_key(&item.text).text;
            if let Some((cut, _)) = key.char_indices().nth(MAX_TERM_CHARS) {
                key.truncate(cut);
                key.truncate(key.trim_end().len());
            }
            if key.trim().is_empty() {
                // Folds to nothing: dropped, but `a | ・ | b` stays a | b.
                continue;
            }
            if terms == MAX_TERMS {
                query.truncated = true;
                break;
            }
            terms += 1;
            let term = Term {
                text: item.text,
                key,
                phrase: item.phrase,
            };
            if item.negated {
                if !query
                    .excluded
                    .iter()
                    .any(|t| t.key == term.key && t.phrase == term.phrase)
                {
                    query.excluded.push(term);
                }
                last_positive = None;
                continue;
            }
            match last_positive.filter(|_| item.or_before) {
                Some(c) => {
                    let alternatives = &mut query.clauses[c].alternatives;
                    if !alternatives
                        .iter()
                        .any(|t| t.key == term.key && t.phrase == term.phrase)
                    {
                        alternatives.push(term);
                    }
                }
                None => {
                    query.clauses.push(Clause {
                        alternatives: vec![term],
                    });
                    last_positive = Some(query.clauses.len() - 1);
                }
            }
        }
        query
    }

    /// Whether the query has no positive term (it then finds nothing).
    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty()
    }

    /// The positive terms (every alternative of every clause), each key once, in the order
    /// typed: what a view highlights.
    pub fn terms(&self) -> Vec<&Term> {
        let mut out: Vec<&Term> = Vec::new();
        for t in self.clauses.iter().flat_map(|c| &c.alternatives) {
            if !out.iter().any(|o| o.key == t.key && o.phrase == t.phrase) {
                out.push(t);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The clauses as keys, `|`-joined, and the excluded keys.
    fn shape(input: &str) -> (Vec<String>, Vec<String>) {
        let q = Query::parse(input);
        (
            q.clauses
                .iter()
                .map(|c| {
                    c.alternatives
                        .iter()
                        .map(|t| {
                            if t.phrase {
                                format!("\"{}\"", t.key)
                            } else {
                                t.key.clone()
                            }
                        })
                        .collect::<Vec<_>>()
                        .join("|")
                })
                .collect(),
            q.excluded.iter().map(|t| t.key.clone()).collect(),
        )
    }

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn words_phrases_or_and_not() {
        assert_eq!(shape("拡大抑止 日米韓"), (s(&["拡大抑止", "日米韓"]), s(&[])));
        assert_eq!(shape("日米 | 米国 同盟"), (s(&["日米|米国", "同盟"]), s(&[])));
        assert_eq!(shape("日米|米国|日本　同盟"), (s(&["日米|米国|日本", "同盟"]), s(&[])));
        assert_eq!(shape("抑止 -核"), (s(&["抑止"]), s(&["核"])));
        assert_eq!(
            shape("\"North  Korea\" -\"キャンプ デービッド\""),
            (s(&["\"north korea\""]), s(&["キャンプデービッド"]))
        );
        assert_eq!(shape("ＮＣＧ 三ヶ国 國連"), (s(&["ncg", "3か国", "国連"]), s(&[])));
        // A quote ends a word; a word may hold a hyphen.
        assert_eq!(shape("ADMM-Plus\"a b\""), (s(&["admm-plus", "\"a b\""]), s(&[])));
        let q = Query::parse("日米 | 米国 同盟 -中国");
        assert_eq!(
            q.terms().iter().map(|t| t.text.as_str()).collect::<Vec<_>>(),
            ["日米", "米国", "同盟"]
        );
    }

    #[test]
    fn negation_stands_alone() {
        assert_eq!(shape("a | -b"), (s(&["a"]), s(&["b"])));
        assert_eq!(shape("a -b | c"), (s(&["a", "c"]), s(&["b"])));
        assert_eq!(shape("-a"), (s(&[]), s(&["a"])));
        assert!(Query::parse("-a").is_empty(), "no positive term: empty");
    }

    #[test]
    fn malformed_input_reads_sensibly() {
        assert!(Query::parse("").is_empty());
        assert!(Query::parse("   　 ").is_empty());
        assert!(Query::parse("-").is_empty());
        assert!(Query::parse("|").is_empty());
        assert!(Query::parse("\"").is_empty());
        assert!(Query::parse("\"\"").is_empty());
        assert!(Query::parse("・ ・").is_empty());
        assert!(Query::parse("- | -- ||").is_empty());
        assert_eq!(shape("\"拡大 抑止"), (s(&["\"拡大抑止\""]), s(&[])));
        assert_eq!(shape("a |"), (s(&["a"]), s(&[])));
        assert_eq!(shape("| a"), (s(&["a"]), s(&[])));
        assert_eq!(shape("a || b"), (s(&["a|b"]), s(&[])));
        assert_eq!(shape("a | ・ | b"), (s(&["a|b"]), s(&[])));
        assert_eq!(shape("a - b"), (s(&["a", "b"]), s(&[])));
        assert_eq!(shape("a\u{0}b\tc"), (s(&["ab", "c"]), s(&[])));
        assert_eq!(shape("a | a"), (s(&["a"]), s(&[])));
    }

    #[test]
    fn huge_queries_are_cut_at_the_term_limit() {
        let words: Vec<String> = (0..1000).map(|i| format!("w{i}")).collect();
        let q = Query::parse(&words.join(" "));
        assert_eq!(q.clauses.len(), MAX_TERMS);
        assert!(q.truncated);
        let long = "抑".repeat(100_000);
        let q = Query::parse(&long);
        assert_eq!(q.clauses.len(), 1);
        assert_eq!(q.clauses[0].alternatives[0].key.chars().count(), MAX_TERM_CHARS);
        assert!(!q.truncated);
        let q = Query::parse(&"\"|-".repeat(10_000));
        assert!(q.clauses.len() + q.excluded.len() <= MAX_TERMS);
    }
}
