//! Who says so? Sources named in the texts and notes, classified and folded into one entry per
//! source, with the documents citing each.
//!
//! Found in every passage (body and notes):
//!
//! - **URLs** → web page.
//! - **UN Security Council resolutions by number**: `決議2321`, `決議 2321`, `決議2321号`,
//!   `国連安保理決議 2270`, `国連安保理制裁決議1718`, `決議第1718号`, `両決議（2270と2321）`,
//!   `Resolution 2397`, `UNSCR 2397`
//!   → resolution, folded by number.
//! - **Titles in 「」** whose inside ends with a source word (共同声明, 声明, 宣言, 原則, 報告書,
//!   指針, 条約, 協定, 憲章, 法…), or that are followed by one (`「キャンプ・デービッド精神」という
//!   共同声明`, `「…」と題する共同声明`). A bracketed alias at the end of the inside is left out of
//!   the label (`「キャンプ・デービッド原則(Camp David Principles)」` = `「キャンプ・デービッド原則」`).
//!   Quotations are not titles: an inside with `、` or `。`, or longer than 60 characters, is skipped.
//! - **Titles in 『』** (books, journals) → report/article.
//! - **Works in notes**: a 「」 title right after an author's name (`山田太郎「…」`, `山田「…」`) or
//!   followed by a date or a 『journal』; English titles in double quotes (`"Pacific Security
//!   Maritime Exchange,"`) → report/article (or the kind its last word says).
//! - **Named agreements and statements without quotes**: a term ending with a source word whose
//!   name part has katakana or Latin letters (`ワシントン宣言`, `キャンプ・デービッド共同宣言`,
//!   `MSMT運営委員会第1回会合共同声明`), starts with two country initials (`日米首脳共同声明`), names
//!   a body (国連, 首脳, 会合, 協議, 会議), or is followed by its acronym (`核不拡散条約（NPT）`);
//!   so generic `平和協定`, `脱退宣言` are not sources.
//! - **English report titles after a source word**: `報告書 A Sharper Choice on North Korea（…）`.
//!
//! Kinds come from the last source word: 声明/宣言/原則/談話 statement, 条約/協定/指針/憲章/合意
//! treaty or agreement, 報告書/白書/レポート report, 法/法律 law, 決議 resolution.
//!
//! Folding: the key is [`crate::text::normalize::match_key`] of the label (width, case, `・`, spelling
//! variants) without spaces; a title whose key begins another title's key of the same kind
//! (`戸崎「第二期トランプ政権下での北朝鮮核問題」` and the full title with its subtitle) joins it.

use crate::extract::timeline::DatedExpression;
use crate::model::{Corpus, PassageKind};
use crate::text::normalize::match_key;
use crate::text::span::Span;
use std::collections::HashMap;
use std::ops::Range;

mod find;

/// Single-kanji country names used for the parties of an agreement (日米韓, 米韓, 中露).
pub(super) const COUNTRIES: &str = "日米韓中露朝英仏独豪印欧";

pub use find::find_citations;

/// What a cited source is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CitationKind {
    /// A joint statement, declaration, set of principles.
    Statement,
    /// A UN Security Council resolution.
    Resolution,
    /// A treaty, agreement or guideline between states.
    Agreement,
    /// A report, article, book or journal.
    Report,
    /// A law.
    Law,
    /// A web page (URL).
    WebPage,
}

impl CitationKind {
    /// The name used in the export: `statement`, `resolution`, `agreement`, `report`, `law`,
    /// `web_page`.
    pub fn as_str(self) -> &'static str {
        match self {
            CitationKind::Statement => "statement",
            CitationKind::Resolution => "resolution",
            CitationKind::Agreement => "agreement",
            CitationKind::Report => "report",
            CitationKind::Law => "law",
            CitationKind::WebPage => "web_page",
        }
    }
}

/// One mention of a source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Where.
    pub span: Span,
    /// The mention as written (e.g. `「キャンプ・デービッド原則(Camp David Principles)」`).
    pub text: String,
}

/// One cited source with all its mentions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// Stable id: `<kind>-<8 hex digits of a hash of the folding key>`.
    pub id: String,
    /// A readable name: the title without brackets, `国連安保理決議2321`, or the URL.
    pub label: String,
    /// What it is.
    pub kind: CitationKind,
    /// Every mention, in corpus order.
    pub mentions: Vec<Mention>,
}

impl Citation {
    /// Indices of the documents that mention it, ascending.
    pub fn documents(&self) -> Vec<usize> {
        let mut d: Vec<usize> = self.mentions.iter().map(|m| m.span.document).collect();
        crate::text::sort::ascending(&mut d);
        d.dedup();
        d
    }

    /// Cited by two or more documents.
    pub fn is_shared(&self) -> bool {
        self.documents().len() >= 2
    }
}

/// A source mention found in one text, before folding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Byte range of the mention.
    pub range: Range<usize>,
    /// Its label.
    pub label: String,
    /// Its kind.
    pub kind: CitationKind,
    /// The folding key (kind excluded).
    pub key: String,
}

/// All cited sources of a corpus, in order of first mention.
pub fn citations(corpus: &Corpus) -> Vec<Citation> {
    citations_dated(corpus, &crate::extract::timeline::timeline(corpus))
}

/// [`citations`], given the corpus's dated expressions ([`crate::extract::timeline::timeline`]) when they
/// are at hand: the date next to a recurring statement's mention tells its editions apart.
pub fn citations_dated(corpus: &Corpus, dates: &[DatedExpression]) -> Vec<Citation> {
    let mut found: Vec<(Span, Found, String)> = Vec::new();
    for (d, doc) in corpus.documents.iter().enumerate() {
        for (p, passage) in doc.passages.iter().enumerate() {
            for f in find_citations(&passage.text, passage.kind == PassageKind::Note) {
                let span = Span {
                    document: d,
                    passage: p,
                    range: f.range.clone(),
                };
                let text = passage.text[f.range.clone()].to_string();
                found.push((span, f, text));
            }
        }
    }
    // Keys: a title whose key begins a longer one of the same kind joins it.
    let mut keys: Vec<(CitationKind, String)> = found.iter().map(|(_, f, _)| (f.kind, f.key.clone())).collect();
    crate::text::sort::ascending(&mut keys);
    keys.dedup();
    let canonical = |kind: CitationKind, key: &str| -> String {
        if matches!(kind, CitationKind::Resolution | CitationKind::WebPage) || key.chars().count() < 8 {
            return key.to_string();
        }
        keys.iter()
            .filter(|(k, other)| *k == kind && other.len() > key.len() && other.starts_with(key))
            .map(|(_, other)| other.clone())
            .max_by_key(|o| o.len())
            .unwrap_or_else(|| key.to_string())
    };
    let mut keyed: Vec<(CitationKind, String)> = found
        .iter()
        .map(|(_, f, _)| (f.kind, canonical(f.kind, &f.key)))
        .collect();
    let mut editions = editions(corpus, dates, &found, &keyed);
    // A URL after a title in the same reference (`「…」外務省、https://…`; a reference ends at `;` or
    // `。`) is where that work is found: a mention of the reference's first title, not a source
    // of its own.
    for i in 1..found.len() {
        if found[i].1.kind != CitationKind::WebPage {
            continue;
        }
        let b = &found[i].0;
        let text = corpus
            .documents
            .get(b.document)
            .and_then(|d| d.passages.get(b.passage))
            .map_or("", |p| p.text.as_str());
        let in_reference = |j: usize| {
            let a = &found[j].0;
            a.document == b.document
                && a.passage == b.passage
                && text
                    .get(a.range.end..b.range.start)
                    .is_some_and(|between| !between.contains([';', '；', '。']) && between.chars().count() <= 150)
        };
        let first = (0..i)
            .rev()
            .take_while(|&j| in_reference(j))
            .filter(|&j| !matches!(found[j].1.kind, CitationKind::WebPage | CitationKind::Resolution))
            .last();
        if let Some(j) = first {
            keyed[i] = keyed[j].clone();
            editions[i] = editions[j].clone();
        }
    }
    let mut index: HashMap<(CitationKind, String, Option<String>), usize> = HashMap::new();
    let mut out: Vec<Citation> = Vec::new();
    for (((span, f, text), (kind, key)), edition) in found.into_iter().zip(keyed).zip(editions) {
        let i = *index.entry((kind, key.clone(), edition.clone())).or_insert_with(|| {
            let id_key = match &edition {
                Some(e) => format!("{key}@{e}"),
                None => key.clone(),
            };
            out.push(Citation {
                id: format!("{}-{:08x}", kind.as_str(), crate::text::hash::fnv1a(&id_key)),
                label: f.label.clone(),
                kind,
                mentions: Vec::new(),
            });
            out.len() - 1
        });
        // The longest label names the source best (the full title with its subtitle).
        if f.key.len() > fold_key(&out[i].label).len()
            && !matches!(f.kind, CitationKind::Resolution | CitationKind::WebPage)
        {
            out[i].label = f.label;
        }
        out[i].mentions.push(Mention { span, text });
    }
    // A statement issued again and again under one title carries its date in the label.
    for ((_, _, edition), &i) in &index {
        if let (Some(e), Some(c)) = (edition, out.get_mut(i)) {
            c.label = format!("{}（{}）", c.label, japanese_date(e));
        }
    }
    out
}

/// `2025-02` → `2025年2月` (month precision at most).
fn japanese_date(iso: &str) -> String {
    crate::text::dates::Date::parse_iso(iso)
        .map(|d| d.to_month().japanese())
        .unwrap_or_default()
}

/// Titles that name a kind of document issued at every meeting (`日米首脳共同声明`), so that one
/// title may stand for several statements.
fn recurring(kind: CitationKind, key: &str) -> bool {
    kind == CitationKind::Statement
        && ["共同声明", "声明", "共同発表", "コミュニケ", "共同文書"]
            .iter()
            .any(|w| key.ends_with(w))
}

/// Which edition of a recurring statement each mention names, when the texts tell them apart:
/// a date written right next to the mention (`「日米首脳共同声明」2025年2月7日`, `4月の日米首脳共同
/// 声明`), to the month. Mentions of one title fold into one source unless their dates differ;
/// then each date is its own source, and an undated mention joins the dated one of its own
/// document (or stays apart when its document has none or several).
fn editions(
    corpus: &Corpus,
    dates: &[DatedExpression],
    found: &[(Span, Found, String)],
    keyed: &[(CitationKind, String)],
) -> Vec<Option<String>> {
    let mut out: Vec<Option<String>> = vec![None; found.len()];
    if !found.iter().zip(keyed).any(|(_, (k, key))| recurring(*k, key)) {
        return out;
    }
    let date_near = |span: &Span| -> Option<String> {
        let text = corpus
            .documents
            .get(span.document)?
            .passages
            .get(span.passage)?
            .text
            .as_str();
        let gap_ok = |gap: &str, allowed: &[char]| {
            gap.chars().count() <= 2 && gap.chars().all(|c| allowed.contains(&c) || c.is_whitespace())
        };
        dates
            .iter()
            .filter(|e| e.document == span.document && e.passage == span.passage)
            .find(|e| {
                let after = e.range.start >= span.range.end
                    && text
                        .get(span.range.end..e.range.start)
                        .is_some_and(|g| gap_ok(g, &['」', '』', '、', ',', '(', '（']));
                let before = e.range.end <= span.range.start
                    && text
                        .get(e.range.end..span.range.start)
                        .is_some_and(|g| gap_ok(g, &['の', '、', '「']));
                after || before
            })
            .and_then(|e| e.iso.as_deref())
            .map(|iso| iso.chars().take(7).collect())
    };
    let quals: Vec<Option<String>> = found
        .iter()
        .zip(keyed)
        .map(|((span, _, _), (k, key))| if recurring(*k, key) { date_near(span) } else { None })
        .collect();
    // Per title: the distinct dates, merged when one is a prefix of the other (2025 ⊃ 2025-02).
    let mut groups: HashMap<&(CitationKind, String), Vec<usize>> = HashMap::new();
    for (i, k) in keyed.iter().enumerate() {
        groups.entry(k).or_default().push(i);
    }
    for members in groups.values() {
        let mut editions: Vec<String> = Vec::new();
        let mut dated: Vec<&String> = members.iter().filter_map(|&i| quals[i].as_ref()).collect();
        crate::text::sort::by_key(&mut dated, |q| std::cmp::Reverse(q.len()));
        for q in dated {
            if !editions
                .iter()
                .any(|e| e.starts_with(q.as_str()) || q.starts_with(e.as_str()))
            {
                editions.push(q.clone());
            }
        }
        if editions.len() < 2 {
            continue;
        }
        let edition_of = |q: &str| {
            editions
                .iter()
                .find(|e| e.starts_with(q) || q.starts_with(e.as_str()))
                .cloned()
        };
        for &i in members {
            out[i] = match &quals[i] {
                Some(q) => edition_of(q),
                None => {
                    let doc = found[i].0.document;
                    let mut here: Vec<String> = members
                        .iter()
                        .filter(|&&j| found[j].0.document == doc)
                        .filter_map(|&j| quals[j].as_deref().and_then(edition_of))
                        .collect();
                    crate::text::sort::ascending(&mut here);
                    here.dedup();
                    if here.len() == 1 {
                        here.pop()
                    } else {
                        None
                    }
                }
            };
        }
    }
    out
}

/// The folding key of a label: [`match_key`] without spaces, and without the parties in front
/// (`米韓ワシントン宣言` = `ワシントン宣言`, `日韓軍事情報包括保護協定` = `軍事情報包括保護協定`) when
/// what remains is a proper name (katakana) or long enough (8 characters) to be one.
fn fold_key(label: &str) -> String {
    let key: String = match_key(label).text.chars().filter(|c| !c.is_whitespace()).collect();
    let parties = key.chars().take_while(|&c| COUNTRIES.contains(c)).count();
    if parties >= 2 {
        let rest: String = key.chars().skip(parties).collect();
        let proper = rest.chars().any(|c| matches!(c, '\u{30A1}'..='\u{30FA}'));
        if proper && rest.chars().count() >= 3 || rest.chars().count() >= 8 {
            return rest;
        }
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str, note: bool) -> Vec<(String, CitationKind, String)> {
        find_citations(text, note)
            .into_iter()
            .map(|f| (text[f.range].to_string(), f.kind, f.label))
            .collect()
    }

    fn labels(text: &str, note: bool) -> Vec<String> {
        find_citations(text, note).into_iter().map(|f| f.label).collect()
    }

    #[test]
    fn resolutions_by_number() {
        let f = found(
            "国連安保理決議2270（3月2日）と決議2321（11月30日）、決議 2094号、両決議（2270と2321）",
            false,
        );
        let got: Vec<&str> = f.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(got, ["国連安保理決議2270", "決議2321", "決議 2094号", "2270", "2321"]);
        assert!(f.iter().all(|x| x.1 == CitationKind::Resolution));
        assert_eq!(f[1].2, "国連安保理決議2321");
        assert_eq!(
            labels("国連安保理制裁決議1718（2006年）に基づき", false),
            ["国連安保理決議1718"]
        );
        // Not resolutions: a year, a generic word, a small number.
        assert!(labels("決議（2016年）、制裁決議の履行、決議第1号、決議12", false).is_empty());
        assert_eq!(
            labels("国連安全保障理事会決議第1718号、UNSCR 2397、UNSCR2375", false),
            ["国連安保理決議1718", "国連安保理決議2397", "国連安保理決議2375"]
        );
    }

    #[test]
    fn quoted_titles_with_source_words() {
        let s = "「キャンプ・デービッド原則」や「キャンプ・デービッド精神」という共同声明、\
                 「未来のためのグローバル・パートナー」と題する共同声明、「包括的戦略パートナーシップ条約」、\
                 「キャンプ・デービッド原則(Camp David Principles)」、「北朝鮮人権法」";
        let f = found(s, false);
        let got: Vec<(&str, CitationKind)> = f.iter().map(|x| (x.2.as_str(), x.1)).collect();
        assert_eq!(
            got,
            [
                ("キャンプ・デービッド原則", CitationKind::Statement),
                ("キャンプ・デービッド精神", CitationKind::Statement),
                ("未来のためのグローバル・パートナー", CitationKind::Statement),
                ("包括的戦略パートナーシップ条約", CitationKind::Agreement),
                ("キャンプ・デービッド原則", CitationKind::Statement),
                ("北朝鮮人権法", CitationKind::Law),
            ]
        );
        assert_eq!(f[4].0, "「キャンプ・デービッド原則(Camp David Principles)」");
        // A quoted name the verb after it makes a document.
        let f = found(
            "政府は「国家安全保障戦略」を閣議決定し、両国は「防衛装備品移転協力」に署名した。「2+2」共同発表、「防衛計画の大綱」。",
            false,
        );
        let got: Vec<(&str, CitationKind)> = f.iter().map(|x| (x.2.as_str(), x.1)).collect();
        assert_eq!(
            got,
            [
                ("国家安全保障戦略", CitationKind::Report),
                ("防衛装備品移転協力", CitationKind::Agreement),
                ("2+2", CitationKind::Statement),
                ("防衛計画の大綱", CitationKind::Report),
            ]
        );
    }

    #[test]
    fn quotations_and_terms_are_not_sources() {
        for s in [
            "「民主主義、主権及び法の支配の尊重を含む共通の原則」とともに",
            "「複合事態」のシナリオ",
            "「3不」の原則",
            "いわゆる「行動対行動」の原則",
            "包括的な平和協定を締結する",
            "NPTから脱退宣言し",
            "共同声明を発表した",
            "新たな方法",
            "「新しい手法」",
            "「核保有国」宣言し",
            "2005年9月「共同声明」に基づき",
            "「非核」を発表した",
            "「核の傘」の下",
        ] {
            assert_eq!(labels(s, false), Vec::<String>::new(), "{s}");
        }
    }

    #[test]
    fn named_without_quotes() {
        assert_eq!(labels("首脳会談でワシントン宣言を発表し", false), ["ワシントン宣言"]);
        assert_eq!(
            labels("キャンプ・デービッド共同宣言の具体化", false),
            ["キャンプ・デービッド共同宣言"]
        );
        assert_eq!(labels("日米首脳共同声明、2025年2月7日", true), ["日米首脳共同声明"]);
        assert_eq!(
            labels("依然として、核不拡散条約（NPT）体制の下", false),
            ["核不拡散条約"]
        );
        assert_eq!(labels("2005年六か国協議共同声明の原則", false), ["六か国協議共同声明"]);
        assert_eq!(
            labels("日本は国連軍地位協定（1954年）に基づき", false),
            ["国連軍地位協定"]
        );
    }

    #[test]
    fn folding_keys() {
        assert_eq!(fold_key("米韓ワシントン宣言"), fold_key("ワシントン宣言"));
        assert_eq!(fold_key("日韓軍事情報包括保護協定"), fold_key("軍事情報包括保護協定"));
        assert_ne!(fold_key("日米首脳共同声明"), fold_key("首脳共同声明"));
        assert_eq!(fold_key("キャンプデービッド原則"), fold_key("キャンプ・デービッド原則"));
    }

    #[test]
    fn works_in_notes() {
        let n = "詳細は、竹内舞子「多国間枠組による安保理制裁の補完―必要性とその課題」研究レポート、\
                 2025年3月12日,https://www.jiia.or.jp/research-report/missile-fy2024-02.html を参照されたい。";
        let f = found(n, true);
        assert_eq!(f[0].2, "多国間枠組による安保理制裁の補完―必要性とその課題");
        assert_eq!(f[0].1, CitationKind::Report);
        assert_eq!(f.last().unwrap().1, CitationKind::WebPage);
        assert_eq!(
            f.last().unwrap().0,
            "https://www.jiia.or.jp/research-report/missile-fy2024-02.html"
        );
        let n = "山田花子「どう続く 日米協力ー新政権と地域戦略の課題」『国際問題』12号";
        assert_eq!(
            labels(n, true),
            ["どう続く 日米協力ー新政権と地域戦略の課題", "国際問題"]
        );
        let n = "\"Pacific Security Maritime Exchange,\" Bureau of International Security, https://www.state.gov/x/";
        assert_eq!(
            labels(n, true),
            ["Pacific Security Maritime Exchange", "https://www.state.gov/x/"]
        );
        let n = "日米共同声明; 「「瀬取り」を含む違法な海上活動に対する警戒監視活動」外務省、2025年2月20日";
        assert_eq!(
            labels(n, true),
            ["日米共同声明", "「瀬取り」を含む違法な海上活動に対する警戒監視活動"]
        );
        // A term in quotes in a note is not a work.
        assert!(labels("台湾海峡と朝鮮半島の「複合事態」については、", true).is_empty());
        assert_eq!(
            labels(
                "北朝鮮政策タスクフォース報告書 A Sharper Choice on North Korea（2016年9月）",
                false
            ),
            ["A Sharper Choice on North Korea"]
        );
    }

    /// Found by the adversarial figures (benches/adversarial.rs): each mention was checked for
    /// overlap against every mention found before it (1.6 MB of titles on one line: 4.6 s). Every
    /// mention is still found once, none overlapping, URLs first.
    #[test]
    fn many_mentions_in_one_text() {
        let unit = "「日米首脳共同声明」と決議2321号、https://example.org/決議2397 の『防衛白書』。";
        let text = unit.repeat(400);
        let found = find_citations(&text, false);
        assert_eq!(found.len(), 5 * 400);
        assert!(found.windows(2).all(|w| w[0].range.end <= w[1].range.start));
        use CitationKind::*;
        let kinds: Vec<CitationKind> = found[..5].iter().map(|f| f.kind).collect();
        assert_eq!(kinds, [Statement, Resolution, WebPage, Resolution, Report]);
    }

    /// Found by fuzzing (fuzz/fuzz_targets/citations.rs): an empty 「」 after an author's name in a
    /// note was a work with an empty label.
    #[test]
    fn empty_quotes_in_a_note_are_no_work() {
        assert_eq!(found("山田「」2024年。", true), vec![]);
        assert_eq!(found("山田「 」、2024年。", true), vec![]);
        assert_eq!(found("「\u{3000}\u{3000}\u{3000}\u{3000}」を発表した。", false), vec![]);
        assert_eq!(labels("山田「北朝鮮問題、再考」2024年。", true), ["北朝鮮問題、再考"]);
    }
}
