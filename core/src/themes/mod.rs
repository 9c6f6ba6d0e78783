//! Which themes does a reader follow through the documents? Themes as data.
//!
//! A theme is a named set of matching rules in the spirit of KH Coder's coding rules: words
//! with their spellings, "A and B in the same sentence", and exclusions. Curated themes come
//! from a TOML file shipped with a corpus (`corpus/themes.toml`); automatic ones are made from
//! key terms; user themes are typed in on the spot ([`Theme::user`]). Matching is
//! [`crate::themes::matcher`]'s; every term is compared as a [`crate::text::normalize::match_key`], so one
//! spelling of a word in the file finds the others (`三か国` finds `3カ国`).
//!
//! # The file
//!
//! ```toml
//! [[theme]]
//! id = "trilateral"                  # [a-z0-9-], unique; used in URLs
//! label_ja = "日米韓協力"
//! label_en = "Japan–US–ROK cooperation"
//! description = "One line saying what the theme covers."
//! kind = "curated"                   # curated (default) | automatic | user
//! terms = ["日米韓協力", "日米韓安全保障協力"]          # any of these
//! all = [["日米韓"], ["協力", "連携"]]                # one of each group …
//! within = "sentence"                # … in one sentence (default) or "passage"
//! exclude = ["日中韓"]                 # see below
//! exclude_scope = "sentence"         # "overlap" | "sentence" (default) | "passage"
//!
//! [[theme.rule]]                     # more rules of the same theme, each with the same keys
//! terms = ["3か国協力", "三国協力"]   #   (terms, all, within, exclude, exclude_scope)
//! exclude = ["日中韓", "中日韓"]
//! exclude_scope = "passage"
//! ```
//!
//! # What counts as an occurrence
//!
//! The keys at the top level of a `[[theme]]` form its first rule; each `[[theme.rule]]`
//! adds one. A rule yields:
//! - every match of one of its `terms`;
//! - for `all = [[A…], [B…], …]`: in every sentence (or passage, with `within = "passage"`)
//!   where each group has at least one match, all those matches of every group (so both the
//!   `A` and the `B` are highlighted);
//!
//! then drops, when the rule has `exclude` patterns, every one of those matches that overlaps
//! an exclusion match or, with `exclude_scope = "sentence"` (the default), lies in the same
//! sentence as one (with `"passage"`, in the same passage; with `"overlap"`, only overlapping
//! matches are dropped). A match "lies in" the sentence where it starts. Group matches dropped
//! by an exclusion do not count towards "each group has a match". Exclusions of one rule do
//! not touch the matches of another rule, so a theme can keep unambiguous terms in one rule
//! and guard an ambiguous one (`3カ国協力`, which may be 日中韓) in another.
//!
//! The theme's occurrences are the union over its rules, with overlaps resolved leftmost-longest:
//! of two overlapping matches the one that starts first (then the longer) is kept, so the same
//! text is never counted twice for one theme. Different themes may cover the same text.

pub mod matcher;
pub mod matches;

use crate::text::normalize::match_key;
use serde::Deserialize;

/// Where a theme comes from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ThemeKind {
    /// From a themes file shipped with the corpus.
    #[default]
    Curated,
    /// Made from an automatically found key term.
    Automatic,
    /// Typed in by the reader.
    User,
}

impl ThemeKind {
    /// The name used in the export and in the themes file.
    pub fn as_str(self) -> &'static str {
        match self {
            ThemeKind::Curated => "curated",
            ThemeKind::Automatic => "automatic",
            ThemeKind::User => "user",
        }
    }
}

/// How far a rule looks: for co-occurrence (`within`) and for exclusions (`exclude_scope`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    /// Only text overlapping the match (exclusions only).
    Overlap,
    /// The sentence the match starts in (`Passage::sentences`).
    #[default]
    Sentence,
    /// The whole passage.
    Passage,
}

/// One matching rule (see the module docs for what it yields).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// Spellings of the theme's words; any one matches.
    #[serde(default)]
    pub terms: Vec<String>,
    /// Groups of spellings that must all occur within `within`.
    #[serde(default)]
    pub all: Vec<Vec<String>>,
    /// Where the groups of `all` must co-occur: `Sentence` (default) or `Passage`.
    #[serde(default)]
    pub within: Scope,
    /// Patterns that veto this rule's matches near them.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// How near: `Overlap`, `Sentence` (default) or `Passage`.
    #[serde(default)]
    pub exclude_scope: Scope,
}

impl Rule {
    fn is_empty(&self) -> bool {
        self.terms.is_empty() && self.all.is_empty()
    }
}

/// A theme: labels and rules.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    /// `[a-z0-9-]`, unique in its set; used in URLs and the export.
    pub id: String,
    /// Japanese label.
    pub label_ja: String,
    /// English label.
    pub label_en: String,
    /// One line saying what the theme covers.
    #[serde(default)]
    pub description: String,
    /// Where the theme comes from.
    #[serde(default)]
    pub kind: ThemeKind,
    /// First rule: terms.
    #[serde(default)]
    pub terms: Vec<String>,
    /// First rule: co-occurring groups.
    #[serde(default)]
    pub all: Vec<Vec<String>>,
    /// First rule: co-occurrence scope.
    #[serde(default)]
    pub within: Scope,
    /// First rule: exclusions.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// First rule: exclusion scope.
    #[serde(default)]
    pub exclude_scope: Scope,
    /// Further rules (`[[theme.rule]]`).
    #[serde(default, rename = "rule")]
    pub rules: Vec<Rule>,
}

impl Theme {
    /// An ad-hoc theme of the reader's own: any of `variants` matches (each compared as a match
    /// key, so `3カ国` also finds `三か国`). Blank and repeated variants are left out. Both labels
    /// are `label`. Never fails; [`ThemeSet::push`] checks the id and that a variant is left.
    pub fn user<S: AsRef<str>>(id: &str, label: &str, variants: &[S]) -> Theme {
        let mut terms: Vec<String> = Vec::new();
        let mut keys: Vec<String> = Vec::new();
        for v in variants {
            let v = v.as_ref().trim();
            let key = match_key(v).text;
            if !key.trim().is_empty() && !keys.contains(&key) {
                keys.push(key);
                terms.push(v.to_string());
            }
        }
        Theme {
            id: id.to_string(),
            label_ja: label.to_string(),
            label_en: label.to_string(),
            description: String::new(),
            kind: ThemeKind::User,
            terms,
            all: Vec::new(),
            within: Scope::Sentence,
            exclude: Vec::new(),
            exclude_scope: Scope::Sentence,
            rules: Vec::new(),
        }
    }

    /// All rules of the theme: the top-level one (if it has terms or groups), then `rules`.
    pub fn all_rules(&self) -> Vec<Rule> {
        let first = Rule {
            terms: self.terms.clone(),
            all: self.all.clone(),
            within: self.within,
            exclude: self.exclude.clone(),
            exclude_scope: self.exclude_scope,
        };
        let mut rules = Vec::with_capacity(1 + self.rules.len());
        if !first.is_empty() {
            rules.push(first);
        }
        rules.extend(self.rules.iter().cloned());
        rules
    }

    /// Every spelling the theme matches (terms and group members, not exclusions), in order.
    pub fn variants(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        let rules = std::iter::once((&self.terms, &self.all)).chain(self.rules.iter().map(|r| (&r.terms, &r.all)));
        for (terms, all) in rules {
            for t in terms.iter().chain(all.iter().flatten()) {
                if !out.contains(&t.as_str()) {
                    out.push(t);
                }
            }
        }
        out
    }

    /// Why this theme cannot be used, if it cannot.
    pub fn validate(&self) -> Result<(), String> {
        let name = if self.id.is_empty() {
            "(no id)"
        } else {
            self.id.as_str()
        };
        let fail = |what: String| Err(format!("theme {name:?}: {what}"));
        if !is_valid_theme_id(&self.id) {
            return fail(format!(
                "bad id {:?}: use 1–64 lower-case ASCII letters, digits and '-', starting with a letter or digit",
                self.id
            ));
        }
        if self.label_ja.trim().is_empty() || self.label_en.trim().is_empty() {
            return fail("label_ja and label_en must not be empty".to_string());
        }
        let top = Rule {
            terms: self.terms.clone(),
            all: self.all.clone(),
            within: self.within,
            exclude: self.exclude.clone(),
            exclude_scope: self.exclude_scope,
        };
        if top.is_empty() && (!top.exclude.is_empty() || self.rules.is_empty()) {
            return fail(if top.exclude.is_empty() {
                "no terms: give `terms`, `all` or a [[theme.rule]]".to_string()
            } else {
                "`exclude` without `terms` or `all` at the top level".to_string()
            });
        }
        for (i, rule) in std::iter::once(&top).chain(self.rules.iter()).enumerate() {
            let at = if i == 0 { String::new() } else { format!("rule {i}: ") };
            if i > 0 && rule.is_empty() {
                return fail(format!("{at}no terms: give `terms` or `all`"));
            }
            if rule.within == Scope::Overlap {
                return fail(format!("{at}within must be \"sentence\" or \"passage\""));
            }
            for (g, group) in rule.all.iter().enumerate() {
                if group.is_empty() {
                    return fail(format!("{at}all: group {} is empty", g + 1));
                }
            }
            for t in rule.terms.iter().chain(rule.all.iter().flatten()).chain(&rule.exclude) {
                if match_key(t).text.trim().is_empty() {
                    return fail(format!("{at}term {t:?} has nothing to match"));
                }
            }
        }
        Ok(())
    }
}

/// Whether `id` can be a theme id: 1–64 of `[a-z0-9-]`, not starting with `-`.
pub fn is_valid_theme_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && !id.starts_with('-')
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemesFile {
    #[serde(rename = "theme", default)]
    themes: Vec<Theme>,
}

/// Themes with unique, valid ids and usable rules, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ThemeSet {
    themes: Vec<Theme>,
}

impl ThemeSet {
    /// A set of these themes, checked (see [`Theme::validate`]; ids must be unique).
    pub fn new(themes: Vec<Theme>) -> Result<ThemeSet, String> {
        let mut set = ThemeSet::default();
        for theme in themes {
            set.push(theme)?;
        }
        Ok(set)
    }

    /// Parse a themes file (format: see the module docs). Errors name the theme and the problem,
    /// or the line and column of a TOML error.
    pub fn from_toml(text: &str) -> Result<ThemeSet, String> {
        let file: ThemesFile = toml::from_str(text).map_err(|e| format!("themes: {e}"))?;
        ThemeSet::new(file.themes).map_err(|e| format!("themes: {e}"))
    }

    /// Add a theme at the end; returns its index. Fails, leaving the set as it was, if the theme
    /// is not valid or its id is taken.
    pub fn push(&mut self, theme: Theme) -> Result<usize, String> {
        theme.validate()?;
        if let Some(i) = self.index_of(&theme.id) {
            return Err(format!("theme {:?}: duplicate id (also theme {})", theme.id, i + 1));
        }
        self.themes.push(theme);
        Ok(self.themes.len() - 1)
    }

    /// The themes, in order.
    pub fn themes(&self) -> &[Theme] {
        &self.themes
    }

    /// The theme at this index.
    pub fn get(&self, index: usize) -> Option<&Theme> {
        self.themes.get(index)
    }

    /// The index of the theme with this id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.themes.iter().position(|t| t.id == id)
    }

    /// The theme with this id.
    pub fn by_id(&self, id: &str) -> Option<&Theme> {
        self.themes.iter().find(|t| t.id == id)
    }

    /// How many themes.
    pub fn len(&self) -> usize {
        self.themes.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.themes.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_theme_with_all_fields() {
        let set = ThemeSet::from_toml(
            r#"
[[theme]]
id = "t1"
label_ja = "日米韓協力"
label_en = "Trilateral"
description = "d"
terms = ["日米韓協力"]
all = [["日米韓"], ["協力", "連携"]]
within = "passage"
exclude = ["日中韓"]
exclude_scope = "overlap"
[[theme.rule]]
terms = ["3か国協力"]
exclude = ["日中韓"]
exclude_scope = "passage"
"#,
        )
        .unwrap();
        let t = &set.themes()[0];
        assert_eq!(t.kind, ThemeKind::Curated);
        assert_eq!(t.within, Scope::Passage);
        assert_eq!(t.exclude_scope, Scope::Overlap);
        assert_eq!(t.all_rules().len(), 2);
        assert_eq!(t.all_rules()[1].exclude_scope, Scope::Passage);
        assert_eq!(t.variants(), vec!["日米韓協力", "日米韓", "協力", "連携", "3か国協力"]);
    }

    #[test]
    fn rule_only_theme_is_valid() {
        let set = ThemeSet::from_toml(
            "[[theme]]\nid = \"a\"\nlabel_ja = \"a\"\nlabel_en = \"a\"\n[[theme.rule]]\nterms = [\"x\"]\n",
        );
        assert_eq!(set.unwrap().themes()[0].all_rules().len(), 1);
    }

    #[test]
    fn user_theme_drops_blank_and_repeated_variants() {
        let t = Theme::user("u1", "3カ国", &["3カ国", " ", "三か国", "", "日米韓"]);
        assert_eq!(t.terms, vec!["3カ国", "日米韓"]);
        assert_eq!(t.kind, ThemeKind::User);
        assert!(t.validate().is_ok());
        assert!(Theme::user("u1", "x", &["  "]).validate().is_err());
    }
}
