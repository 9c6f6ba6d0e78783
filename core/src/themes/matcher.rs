//! Where does each theme occur? One multi-pattern automaton over match keys, then the rules.
//!
//! [`Matcher::new`] compiles every term, group member and exclusion of a [`ThemeSet`] into one
//! Aho–Corasick automaton over [`match_key`]s. Each passage's key is searched once, reporting
//! every (overlapping) pattern match; the theme rules (co-occurrence in a sentence, exclusions;
//! see [`crate::themes`]) are then applied per theme and the survivors resolved
//! leftmost-longest per theme. Searching all patterns at once with overlaps, rather than
//! leftmost-longest over the whole set, is what keeps themes independent: a longer term of one
//! theme (`国連安保理決議`) does not hide a shorter term of another (`国連安保理`), and an
//! exclusion pattern is seen even where it overlaps a term.
//!
//! Edges: Japanese terms match anywhere (there are no spaces to mark words), except that
//! - a term starting with a digit does not match after a digit, after `第`, or after a
//!   decimal point or thousands separator (`3か国` is not in `13か国`, `3者` is not in
//!   `第三者`), and a term ending with a digit not before one (`決議2270` is not `決議22701`);
//! - a term starting (ending) with a Latin letter does not match inside a Latin word: `unc`
//!   is not in `uncertain`; a plural `s` may follow (`icbm` matches `ICBMs`).
//!
//! Passages of every kind are matched (headings, captions and notes too). Nothing here knows
//! any particular document.

use crate::model::{Corpus, Passage};
use crate::text::normalize::{match_key, Folded};
use crate::themes::{Scope, ThemeSet};
use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Input, MatchKind};
use std::collections::HashMap;
use std::ops::Range;

/// One occurrence of a theme: a span of a passage's text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Occurrence {
    /// Index into `Corpus::documents`.
    pub document: usize,
    /// Index into that document's `passages`.
    pub passage: usize,
    /// Index into the `ThemeSet`.
    pub theme: usize,
    /// Byte range into `Passage::text` (on char boundaries, never empty).
    pub range: Range<usize>,
}

/// A compiled theme set.
#[derive(Debug, Clone)]
pub struct Matcher {
    automaton: Option<NFA>,
    patterns: Vec<Pattern>,
    rules: Vec<CompiledRule>,
    themes: usize,
}

#[derive(Debug, Clone)]
struct Pattern {
    first_digit: bool,
    first_latin: bool,
    last_digit: bool,
    last_latin: bool,
    uses: Vec<Use>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Use {
    rule: usize,
    role: Role,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Term,
    Group(usize),
    Exclude,
}

#[derive(Debug, Clone)]
struct CompiledRule {
    theme: usize,
    groups: usize,
    within: Scope,
    exclude_scope: Scope,
}

/// A pattern match mapped back to the passage text.
#[derive(Debug, Clone)]
struct Hit {
    rule: usize,
    role: Role,
    range: Range<usize>,
    sentence: usize,
}

/// Match keys of every passage of a corpus, to match several theme sets without re-folding.
#[derive(Debug, Clone, Default)]
pub struct CorpusKeys {
    keys: Vec<Vec<Folded>>,
}

impl CorpusKeys {
    /// The match key of every passage, by document and passage index.
    pub fn new(corpus: &Corpus) -> CorpusKeys {
        CorpusKeys {
            keys: corpus
                .documents
                .iter()
                .map(|d| d.passages.iter().map(|p| match_key(&p.text)).collect())
                .collect(),
        }
    }

    /// The key of one passage.
    pub fn get(&self, document: usize, passage: usize) -> Option<&Folded> {
        self.keys.get(document)?.get(passage)
    }
}

impl Matcher {
    /// Compile a theme set. Terms whose key is empty are ignored (a validated set has none).
    pub fn new(themes: &ThemeSet) -> Matcher {
        let mut keys: Vec<String> = Vec::new();
        let mut patterns: Vec<Pattern> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut rules: Vec<CompiledRule> = Vec::new();
        let mut add = |text: &str, use_: Use| {
            let key = match_key(text).text;
            if key.trim().is_empty() {
                return;
            }
            let id = *index.entry(key.clone()).or_insert_with(|| {
                let first = key.chars().next().unwrap_or(' ');
                let last = key.chars().next_back().unwrap_or(' ');
                patterns.push(Pattern {
                    first_digit: first.is_ascii_digit(),
                    first_latin: first.is_ascii_alphabetic(),
                    last_digit: last.is_ascii_digit(),
                    last_latin: last.is_ascii_alphabetic(),
                    uses: Vec::new(),
                });
                keys.push(key);
                patterns.len() - 1
            });
            if !patterns[id].uses.contains(&use_) {
                patterns[id].uses.push(use_);
            }
        };
        for (t, theme) in themes.themes().iter().enumerate() {
            for rule in theme.all_rules() {
                let r = rules.len();
                rules.push(CompiledRule {
                    theme: t,
                    groups: rule.all.len(),
                    within: rule.within,
                    exclude_scope: rule.exclude_scope,
                });
                for term in &rule.terms {
                    add(
                        term,
                        Use {
                            rule: r,
                            role: Role::Term,
                        },
                    );
                }
                for (g, group) in rule.all.iter().enumerate() {
                    for term in group {
                        add(
                            term,
                            Use {
                                rule: r,
                                role: Role::Group(g),
                            },
                        );
                    }
                }
                for term in &rule.exclude {
                    add(
                        term,
                        Use {
                            rule: r,
                            role: Role::Exclude,
                        },
                    );
                }
            }
        }
        let automaton = if keys.is_empty() {
            None
        } else {
            NFA::builder().match_kind(MatchKind::Standard).build(&keys).ok()
        };
        Matcher {
            automaton,
            patterns,
            rules,
            themes: themes.len(),
        }
    }

    /// How many themes were compiled.
    pub fn theme_count(&self) -> usize {
        self.themes
    }

    /// How many distinct patterns (terms, group members, exclusions) the automaton holds.
    pub fn pattern_count(&self) -> usize {
        self.patterns.len()
    }

    /// Every occurrence of every theme in the corpus, sorted by document, passage, start, end
    /// and theme. No two occurrences of one theme overlap.
    pub fn match_corpus(&self, corpus: &Corpus) -> Vec<Occurrence> {
        let mut out = Vec::new();
        for (d, doc) in corpus.documents.iter().enumerate() {
            for (p, passage) in doc.passages.iter().enumerate() {
                let key = match_key(&passage.text);
                self.push_passage(d, p, passage, &key, &mut out);
            }
        }
        out
    }

    /// As [`Matcher::match_corpus`], with the keys made beforehand by [`CorpusKeys::new`] for the
    /// same corpus (a passage without a key is keyed on the spot).
    pub fn match_corpus_keyed(&self, corpus: &Corpus, keys: &CorpusKeys) -> Vec<Occurrence> {
        let mut out = Vec::new();
        for (d, doc) in corpus.documents.iter().enumerate() {
            for (p, passage) in doc.passages.iter().enumerate() {
                match keys.get(d, p) {
                    Some(key) => self.push_passage(d, p, passage, key, &mut out),
                    None => self.push_passage(d, p, passage, &match_key(&passage.text), &mut out),
                }
            }
        }
        out
    }

    /// The occurrences in one passage as `(theme, byte range into passage.text)`, sorted by
    /// start, end and theme.
    pub fn match_passage(&self, passage: &Passage) -> Vec<(usize, Range<usize>)> {
        let mut out = Vec::new();
        self.push_passage(0, 0, passage, &match_key(&passage.text), &mut out);
        out.into_iter().map(|o| (o.theme, o.range)).collect()
    }

    fn push_passage(
        &self,
        document: usize,
        passage_index: usize,
        passage: &Passage,
        key: &Folded,
        out: &mut Vec<Occurrence>,
    ) {
        let Some(automaton) = &self.automaton else {
            return;
        };
        let text = passage.text.as_str();
        let Ok(matches) = automaton.try_find_overlapping_iter(Input::new(key.text.as_str())) else {
            return;
        };
        let mut hits: Vec<Hit> = Vec::new();
        for m in matches {
            let Some(pattern) = self.patterns.get(m.pattern().as_usize()) else {
                continue;
            };
            if !edges_ok(&key.text, m.start(), m.end(), pattern) {
                continue;
            }
            let range = key.source_span(text, m.start()..m.end());
            if range.is_empty() || !text.is_char_boundary(range.start) || !text.is_char_boundary(range.end) {
                continue;
            }
            let sentence = sentence_of(passage, range.start);
            for u in &pattern.uses {
                hits.push(Hit {
                    rule: u.rule,
                    role: u.role,
                    range: range.clone(),
                    sentence,
                });
            }
        }
        if hits.is_empty() {
            return;
        }
        crate::text::sort::by_key(&mut hits, |h| h.rule);
        let mut found: Vec<(usize, Range<usize>)> = Vec::new();
        for rule_hits in hits.chunk_by(|a, b| a.rule == b.rule) {
            let Some(rule) = self.rules.get(rule_hits[0].rule) else {
                continue;
            };
            apply_rule(rule, rule_hits, &mut found);
        }
        // Leftmost-longest per theme.
        crate::text::sort::by(&mut found, |a, b| {
            a.0.cmp(&b.0)
                .then(a.1.start.cmp(&b.1.start))
                .then(b.1.end.cmp(&a.1.end))
        });
        let first_new = out.len();
        let mut last: Option<(usize, usize)> = None; // (theme, end)
        for (theme, range) in found {
            if let Some((t, end)) = last {
                if t == theme && range.start < end {
                    continue;
                }
            }
            last = Some((theme, range.end));
            out.push(Occurrence {
                document,
                passage: passage_index,
                theme,
                range,
            });
        }
        crate::text::sort::by(&mut out[first_new..], |a, b| {
            a.range
                .start
                .cmp(&b.range.start)
                .then(a.range.end.cmp(&b.range.end))
                .then(a.theme.cmp(&b.theme))
        });
    }
}

/// A rule's surviving matches, as `(theme, range)`.
fn apply_rule(rule: &CompiledRule, hits: &[Hit], found: &mut Vec<(usize, Range<usize>)>) {
    let exclusions: Vec<&Hit> = hits.iter().filter(|h| h.role == Role::Exclude).collect();
    let excluded = |h: &Hit| {
        exclusions.iter().any(|x| {
            let overlaps = x.range.start < h.range.end && h.range.start < x.range.end;
            overlaps
                || match rule.exclude_scope {
                    Scope::Overlap => false,
                    Scope::Sentence => x.sentence == h.sentence,
                    Scope::Passage => true,
                }
        })
    };
    let kept: Vec<&Hit> = hits
        .iter()
        .filter(|h| h.role != Role::Exclude && !excluded(h))
        .collect();
    for h in &kept {
        if h.role == Role::Term {
            found.push((rule.theme, h.range.clone()));
        }
    }
    if rule.groups == 0 {
        return;
    }
    let unit = |h: &Hit| match rule.within {
        Scope::Passage => 0,
        _ => h.sentence,
    };
    let mut groups: Vec<&Hit> = kept
        .iter()
        .copied()
        .filter(|h| matches!(h.role, Role::Group(_)))
        .collect();
    crate::text::sort::by_key(&mut groups, |h| unit(h));
    for in_unit in groups.chunk_by(|a, b| unit(a) == unit(b)) {
        let mut seen = vec![false; rule.groups];
        for h in in_unit {
            if let Role::Group(g) = h.role {
                if let Some(s) = seen.get_mut(g) {
                    *s = true;
                }
            }
        }
        if seen.iter().all(|&s| s) {
            found.extend(in_unit.iter().map(|h| (rule.theme, h.range.clone())));
        }
    }
}

/// Index of the sentence of `passage` that contains byte `pos` (the last one starting at or
/// before it; 0 when the passage has no sentence spans).
fn sentence_of(passage: &Passage, pos: usize) -> usize {
    passage.sentences.partition_point(|s| s.start <= pos).saturating_sub(1)
}

/// Whether a match of `pattern` at `start..end` of `key` respects the edges (module docs).
fn edges_ok(key: &str, start: usize, end: usize, pattern: &Pattern) -> bool {
    let mut before = key[..start].chars().rev();
    let b1 = before.next();
    let b2 = before.next();
    let mut after = key[end..].chars();
    let a1 = after.next();
    let a2 = after.next();
    let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
    let alnum = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    if pattern.first_digit && (digit(b1) || b1 == Some('第') || (matches!(b1, Some('.' | ',')) && digit(b2))) {
        return false;
    }
    if pattern.last_digit && (digit(a1) || (matches!(a1, Some('.' | ',')) && digit(a2))) {
        return false;
    }
    if pattern.first_latin && alnum(b1) {
        return false;
    }
    // A letter after a Latin term continues the word, except a plural s that ends it.
    let plural = a1 == Some('s') && !alnum(a2);
    if pattern.last_latin && alnum(a1) && !plural {
        return false;
    }
    true
}

/// Occurrences counted per theme and document: `counts[theme][document]`.
pub fn counts_by_document(occurrences: &[Occurrence], themes: usize, documents: usize) -> Vec<Vec<usize>> {
    let mut counts = vec![vec![0usize; documents]; themes];
    for o in occurrences {
        if let Some(c) = counts.get_mut(o.theme).and_then(|row| row.get_mut(o.document)) {
            *c += 1;
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::themes::Theme;

    fn passage(text: &str) -> Passage {
        let mut sentences = Vec::new();
        let mut start = 0;
        for (i, c) in text.char_indices() {
            if c == '。' {
                sentences.push(start..i + c.len_utf8());
                start = i + c.len_utf8();
            }
        }
        if start < text.len() {
            sentences.push(start..text.len());
        }
        Passage {
            id: "s0-p1".into(),
            kind: crate::model::PassageKind::Paragraph,
            section: None,
            text: text.into(),
            note_refs: vec![],
            sentences,
            caption_of: None,
            normalized: String::new(),
            anchor: Default::default(),
            source_line: 1,
        }
    }

    fn spans(themes: &ThemeSet, text: &str) -> Vec<(usize, String)> {
        let p = passage(text);
        Matcher::new(themes)
            .match_passage(&p)
            .into_iter()
            .map(|(t, r)| (t, text[r].to_string()))
            .collect()
    }

    #[test]
    fn digit_edges() {
        let set = ThemeSet::new(vec![Theme::user("a", "a", &["3か国", "決議2270", "unc", "icbm"])]).unwrap();
        assert_eq!(spans(&set, "13カ国と3カ国。第三か国。"), vec![(0, "3カ国".to_string())]);
        assert_eq!(spans(&set, "決議22701と決議2270。"), vec![(0, "決議2270".to_string())]);
        assert_eq!(
            spans(&set, "uncertain UNC ICBMs ICBMx"),
            vec![(0, "UNC".into()), (0, "ICBM".into())]
        );
    }

    #[test]
    fn themes_do_not_hide_each_other() {
        let set = ThemeSet::new(vec![
            Theme::user("long", "l", &["国連安保理決議"]),
            Theme::user("short", "s", &["国連安保理"]),
        ])
        .unwrap();
        assert_eq!(
            spans(&set, "国連安保理決議2270。"),
            vec![(1, "国連安保理".to_string()), (0, "国連安保理決議".to_string())]
        );
    }
}
