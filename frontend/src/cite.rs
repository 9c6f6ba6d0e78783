//! How is a passage cited? Three reference forms built from the facts the document states
//! (title, subtitle, author, date) and the passage's place in it, pointing at the passage's
//! permalink:
//!
//! - **SIST 02** (科学技術情報流通技術基準, web page form):
//!   `著者名. “題名：副題”. 日付, 箇所. URL, (参照 YYYY-MM-DD).`
//! - **APA 7** (web page): `Author. (Year, Month Day). *Title*. URL` — `(n.d.)` without a date, the
//!   title in the author's place without an author — plus the in-text citation with the passage
//!   (`(Author, Year, “Heading” section, para. 2)`).
//! - **Chicago** (notes-bibliography, web page):
//!   `Author. “Title.” Month D, YYYY. Locator. Accessed Month D, YYYY. URL.`
//!
//! Nothing is guessed: a fact the document lacks is left out the way each style leaves it out and
//! named in [`Citations::missing`]. The document model has no publisher or site name, so
//! `"publisher"` is always missing. Titles and names stay as written (Japanese is not romanised).
//! Pure: no web APIs, today's date is passed in.

use yomikurabe_core::model::{DateKind, FactSource, PassageKind};
use yomikurabe_core::text::dates::{Date, MONTH_NAMES};
use yomikurabe_core::{Document, Passage};

/// A run of citation text: plain, or italic (APA titles).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Upright text.
    Text(String),
    /// Text to set in italics.
    Italic(String),
}

/// One citation as runs of text, so the UI can render italics as `<i>` and copy plain text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Formatted {
    /// The runs, in order; adjacent runs of the same kind are merged.
    pub pieces: Vec<Piece>,
}

impl Formatted {
    /// The citation as plain text (italics dropped).
    pub fn plain(&self) -> String {
        self.pieces
            .iter()
            .map(|p| match p {
                Piece::Text(s) | Piece::Italic(s) => s.as_str(),
            })
            .collect()
    }

    fn text(&mut self, s: &str) -> &mut Self {
        if s.is_empty() {
            return self;
        }
        match self.pieces.last_mut() {
            Some(Piece::Text(t)) => t.push_str(s),
            _ => self.pieces.push(Piece::Text(s.to_string())),
        }
        self
    }

    fn italic(&mut self, s: &str) -> &mut Self {
        if s.is_empty() {
            return self;
        }
        match self.pieces.last_mut() {
            Some(Piece::Italic(t)) => t.push_str(s),
            _ => self.pieces.push(Piece::Italic(s.to_string())),
        }
        self
    }
}

/// The citations of one passage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citations {
    /// SIST 02 (Japanese).
    pub sist: Formatted,
    /// APA 7 reference-list entry.
    pub apa: Formatted,
    /// APA 7 in-text citation naming the passage, e.g. `(伊集院 敦, 2024, “はじめに” section, para. 2)`.
    pub apa_in_text: Formatted,
    /// Chicago notes-bibliography entry.
    pub chicago: Formatted,
    /// Facts the citation styles ask for that the document does not state, in this order:
    /// `"author"`, `"title"`, `"date"`, `"publisher"`.
    pub missing: Vec<&'static str>,
    /// Facts used with a reservation (e.g. the date is a completion date).
    pub caveats: Vec<Caveat>,
}

/// A fact a citation uses with a reservation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caveat {
    /// The title is the manifest's.
    TitleFromManifest,
    /// The date is the manifest's.
    DateFromManifest,
    /// The date is a completion date.
    DateCompleted,
    /// The text does not say what the date is.
    DateUnclear,
}

impl Caveat {
    /// The reservation, as a sentence.
    pub fn text(self, lang: crate::i18n::Lang) -> &'static str {
        let t = lang.t();
        match self {
            Caveat::TitleFromManifest => t.caveat_title_manifest,
            Caveat::DateFromManifest => t.caveat_date_manifest,
            Caveat::DateCompleted => t.caveat_date_completed,
            Caveat::DateUnclear => t.caveat_date_unclear,
        }
    }
}

/// Cite `passage` of `doc`, linked by `url` (absolute permalink), accessed on `accessed` =
/// (year, month 1–12, day 1–31).
pub fn cite(doc: &Document, passage: &Passage, url: &str, accessed: (i32, u32, u32)) -> Citations {
    let facts = Facts::of(doc);
    let place = Place::of(doc, passage);
    let url = url.trim();

    let mut missing = Vec::new();
    if facts.author.is_none() {
        missing.push("author");
    }
    if facts.title.is_none() {
        missing.push("title");
    }
    if facts.date.is_none() {
        missing.push("date");
    }
    missing.push("publisher");

    let mut caveats = Vec::new();
    if facts.title.is_some() && doc.title_source == Some(FactSource::Manifest) {
        caveats.push(Caveat::TitleFromManifest);
    }
    if let (Some(date), Some(_)) = (&doc.date, &facts.date) {
        if date.source == FactSource::Manifest {
            caveats.push(Caveat::DateFromManifest);
        }
        match date.kind {
            DateKind::Published => {}
            DateKind::Completed => caveats.push(Caveat::DateCompleted),
            DateKind::Other => caveats.push(Caveat::DateUnclear),
        }
    }

    Citations {
        sist: sist(&facts, &place, url, accessed),
        apa: apa(&facts, url),
        apa_in_text: apa_in_text(&facts, &place),
        chicago: chicago(&facts, &place, url, accessed),
        missing,
        caveats,
    }
}

/// The document facts the styles use, cleaned.
struct Facts {
    author: Option<String>,
    /// Title and subtitle joined.
    title: Option<String>,
    date: Option<Date>,
}

impl Facts {
    fn of(doc: &Document) -> Facts {
        let author = doc.author.as_deref().and_then(clean);
        let title = doc.title.as_deref().and_then(clean);
        let subtitle = doc.subtitle.as_deref().and_then(clean).and_then(|s| {
            let s = s.trim_matches(|c: char| SUBTITLE_DASHES.contains(&c) || c.is_whitespace());
            (!s.is_empty()).then(|| s.to_string())
        });
        let title = match (title, subtitle) {
            (Some(t), Some(s)) => Some(join_subtitle(&t, &s)),
            (t, s) => t.or(s),
        };
        let date = doc.date.as_ref().and_then(|d| Date::from_iso_lenient(&d.iso));
        Facts { author, title, date }
    }
}

/// Dashes a subtitle line is wrapped in (`―副題―`); dropped when the subtitle is joined with a colon.
const SUBTITLE_DASHES: &[char] = &['―', '—', '–', '-', '－', '─', '━', '〜', '～', '~', '‐'];

/// `題名：副題` for Japanese titles, `Title: Subtitle` for others.
fn join_subtitle(title: &str, subtitle: &str) -> String {
    if title.ends_with([':', '：']) {
        return format!("{title}{subtitle}");
    }
    match title.chars().last() {
        Some(c) if !c.is_ascii() => format!("{title}：{subtitle}"),
        _ => format!("{title}: {subtitle}"),
    }
}

/// Trimmed, line breaks and tabs as spaces; `None` when nothing is left.
fn clean(s: &str) -> Option<String> {
    let s: String = s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

/// The date from today's `(year, month, day)` (an access date).
fn date_of((year, month, day): (i32, u32, u32)) -> Date {
    Date::from_iso_lenient(&format!("{year:04}-{month}-{day}")).unwrap_or(Date::year_only(year))
}

/// APA: `2024, May 7`, `2024, May`, `2024`.
fn apa_date(d: Date) -> String {
    match (month_name(d), d.day) {
        (Some(m), Some(day)) => format!("{}, {m} {day}", d.year),
        (Some(m), None) => format!("{}, {m}", d.year),
        _ => d.year.to_string(),
    }
}

/// Chicago: `May 7, 2024`, `May 2024`, `2024`.
fn chicago_date(d: Date) -> String {
    match (month_name(d), d.day) {
        (Some(m), Some(day)) => format!("{m} {day}, {}", d.year),
        (Some(m), None) => format!("{m} {}", d.year),
        _ => d.year.to_string(),
    }
}

fn month_name(d: Date) -> Option<&'static str> {
    MONTH_NAMES
        .get(usize::try_from(d.month?).ok()?.checked_sub(1)?)
        .copied()
}

/// Where the passage is in the document.
enum Place {
    /// A section heading (its text).
    Heading(String),
    /// The `n`th paragraph (list items count as paragraphs; captions and meta lines do not) of
    /// a section, or of the text before any heading.
    Paragraph { section: Option<String>, n: usize },
    /// A figure or photo caption in a section.
    Caption { section: Option<String> },
    /// A byline, affiliation or date line.
    Front,
    /// Footnote `n`.
    Note(u32),
    /// A passage the document does not hold: named by its id.
    Other(String),
}

fn counts_as_paragraph(kind: PassageKind) -> bool {
    matches!(kind, PassageKind::Paragraph | PassageKind::ListItem)
}

impl Place {
    fn of(doc: &Document, passage: &Passage) -> Place {
        let id = passage.id.as_str();
        let section = passage
            .section
            .as_deref()
            .and_then(|sid| doc.section(sid))
            .and_then(|s| clean(&s.title));
        match passage.kind {
            PassageKind::Heading => {
                let own = doc.section(id).and_then(|s| clean(&s.title));
                if let Some(t) = own.or_else(|| clean(&passage.text)) {
                    return Place::Heading(t);
                }
            }
            PassageKind::Note => {
                if let Some(n) = id.strip_prefix('n').and_then(|n| n.parse().ok()) {
                    return Place::Note(n);
                }
            }
            PassageKind::Caption => return Place::Caption { section },
            PassageKind::Meta => return Place::Front,
            PassageKind::Paragraph | PassageKind::ListItem => {
                let Some(at) = doc.passage_index(id) else {
                    return Place::Other(id.to_string());
                };
                let n = doc
                    .passages
                    .get(..=at)
                    .unwrap_or_default()
                    .iter()
                    .filter(|p| p.section == passage.section && counts_as_paragraph(p.kind))
                    .count();
                return Place::Paragraph { section, n };
            }
        }
        Place::Other(id.to_string())
    }

    /// `“はじめに” section, para. 2`, `para. 4`, `note 7`, `passage x`.
    fn english(&self) -> String {
        match self {
            Place::Heading(h) => format!("“{h}” section"),
            Place::Paragraph { section: Some(h), n } => format!("“{h}” section, para. {n}"),
            Place::Paragraph { section: None, n } => format!("para. {n}"),
            Place::Caption { section: Some(h) } => format!("“{h}” section, caption"),
            Place::Caption { section: None } => "caption".to_string(),
            Place::Front => "front matter".to_string(),
            Place::Note(n) => format!("note {n}"),
            Place::Other(id) => format!("passage {id}"),
        }
    }

    /// `「はじめに」第2段落`, `第4段落`, `注7`.
    fn japanese(&self) -> String {
        match self {
            Place::Heading(h) => format!("「{h}」"),
            Place::Paragraph { section: Some(h), n } => format!("「{h}」第{n}段落"),
            Place::Paragraph { section: None, n } => format!("第{n}段落"),
            Place::Caption { section: Some(h) } => format!("「{h}」キャプション"),
            Place::Caption { section: None } => "キャプション".to_string(),
            Place::Front => "前付".to_string(),
            Place::Note(n) => format!("注{n}"),
            Place::Other(id) => id.clone(),
        }
    }
}

/// `s` followed by `.` unless it already ends a sentence.
fn sentence(s: &str) -> String {
    if s.ends_with(['.', '?', '!', '。', '？', '！']) {
        s.to_string()
    } else {
        format!("{s}.")
    }
}

/// `.` to close a quoted title inside the quotes, unless the title already ends a sentence.
fn closing_period(title: &str) -> &'static str {
    if title.ends_with(['.', '?', '!', '。', '？', '！']) {
        ""
    } else {
        "."
    }
}

/// `s` with its first letter upper-cased (a locator opening a sentence: `Para. 2.`).
fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn sist(facts: &Facts, place: &Place, url: &str, accessed: (i32, u32, u32)) -> Formatted {
    let mut f = Formatted::default();
    if let Some(author) = &facts.author {
        f.text(&sentence(author)).text(" ");
    }
    match &facts.title {
        Some(t) => f.text(&format!("“{t}”. ")),
        None => f.text("[無題]. "),
    };
    let mut tail = Vec::new();
    if let Some(d) = facts.date {
        tail.push(d.iso());
    }
    tail.push(place.japanese());
    f.text(&sentence(&tail.join(", ")));
    if url.is_empty() {
        f.text(&format!(" (参照 {}).", date_of(accessed).iso()));
    } else {
        f.text(&format!(" {url}, (参照 {}).", date_of(accessed).iso()));
    }
    f
}

fn apa(facts: &Facts, url: &str) -> Formatted {
    let mut f = Formatted::default();
    let date = match facts.date {
        Some(d) => format!("({}).", apa_date(d)),
        None => "(n.d.).".to_string(),
    };
    match (&facts.author, &facts.title) {
        (Some(author), title) => {
            f.text(&sentence(author)).text(" ").text(&date).text(" ");
            match title {
                Some(t) => f.italic(t).text(closing_period(t)),
                None => f.text("[Untitled document]."),
            };
        }
        (None, Some(t)) => {
            f.italic(t).text(closing_period(t)).text(" ").text(&date);
        }
        (None, None) => {
            f.text("[Untitled document]. ").text(&date);
        }
    }
    if !url.is_empty() {
        f.text(" ").text(url);
    }
    f
}

fn apa_in_text(facts: &Facts, place: &Place) -> Formatted {
    let mut f = Formatted::default();
    f.text("(");
    match (&facts.author, &facts.title) {
        (Some(a), _) => f.text(a),
        (None, Some(t)) => f.italic(t),
        (None, None) => f.text("[Untitled document]"),
    };
    let year = facts.date.map_or_else(|| "n.d.".to_string(), |d| d.year.to_string());
    f.text(&format!(", {year}, {})", place.english()));
    f
}

fn chicago(facts: &Facts, place: &Place, url: &str, accessed: (i32, u32, u32)) -> Formatted {
    let mut parts = Vec::new();
    if let Some(a) = &facts.author {
        parts.push(sentence(a));
    }
    parts.push(match &facts.title {
        Some(t) => format!("“{t}{}”", closing_period(t)),
        None => "Untitled document.".to_string(),
    });
    if let Some(d) = facts.date {
        parts.push(sentence(&chicago_date(d)));
    }
    parts.push(sentence(&capitalised(&place.english())));
    parts.push(format!("Accessed {}.", chicago_date(date_of(accessed))));
    if !url.is_empty() {
        parts.push(sentence(url));
    }
    let mut f = Formatted::default();
    f.text(&parts.join(" "));
    f
}

#[cfg(test)]
mod tests {
    use super::*;
    use yomikurabe_core::model::{DocDate, Section};
    use yomikurabe_core::{parse_document, ManifestEntry, Source};

    const URL: &str = "https://example.org/yk/#docs=d&focus=d/s1-p2";
    const TODAY: (i32, u32, u32) = (2025, 6, 1);

    fn parse(text: &str, entry: Option<&ManifestEntry>) -> Document {
        parse_document(Source {
            id: "d",
            file: "d.txt",
            text,
            entry,
        })
    }

    fn full() -> Document {
        parse(
            "# 日韓関係の展望\n\n掲載日：2023年3月1日\n\n東京大学 教授\n田中 一郎\n\nはじめに\n第一段落である。\n\n第二段落である。\n",
            None,
        )
    }

    fn passage<'a>(doc: &'a Document, id: &str) -> &'a Passage {
        doc.passage(id).unwrap_or_else(|| {
            panic!(
                "no {id} in {:?}",
                doc.passages.iter().map(|p| &p.id).collect::<Vec<_>>()
            )
        })
    }

    #[test]
    fn full_document_all_three_forms() {
        let doc = full();
        assert_eq!(doc.author.as_deref(), Some("田中 一郎"));
        let c = cite(&doc, passage(&doc, "s1-p2"), URL, TODAY);
        assert_eq!(
            c.sist.plain(),
            format!("田中 一郎. “日韓関係の展望”. 2023-03-01, 「はじめに」第2段落. {URL}, (参照 2025-06-01).")
        );
        assert_eq!(
            c.apa.plain(),
            format!("田中 一郎. (2023, March 1). 日韓関係の展望. {URL}")
        );
        assert_eq!(
            c.apa.pieces,
            vec![
                Piece::Text("田中 一郎. (2023, March 1). ".into()),
                Piece::Italic("日韓関係の展望".into()),
                Piece::Text(format!(". {URL}")),
            ]
        );
        assert_eq!(c.apa_in_text.plain(), "(田中 一郎, 2023, “はじめに” section, para. 2)");
        assert_eq!(
            c.chicago.plain(),
            format!("田中 一郎. “日韓関係の展望.” March 1, 2023. “はじめに” section, para. 2. Accessed June 1, 2025. {URL}.")
        );
        assert!(c.chicago.pieces.iter().all(|p| matches!(p, Piece::Text(_))));
        assert_eq!(c.missing, vec!["publisher"]);
        assert!(c.caveats.is_empty(), "{:?}", c.caveats);
    }

    #[test]
    fn no_author_no_date_title_from_manifest() {
        let entry = ManifestEntry {
            file: "d.txt".into(),
            title: Some("北東アジアの安全保障".into()),
            ..ManifestEntry::default()
        };
        let doc = parse("はじめに\n近年、安全保障環境が大きく変容している。\n", Some(&entry));
        assert!(doc.author.is_none() && doc.date.is_none());
        let c = cite(&doc, passage(&doc, "s1-p1"), URL, TODAY);
        assert_eq!(c.missing, vec!["author", "date", "publisher"]);
        // SIST and Chicago begin with the title; APA moves it to the author's place.
        assert_eq!(
            c.sist.plain(),
            format!("“北東アジアの安全保障”. 「はじめに」第1段落. {URL}, (参照 2025-06-01).")
        );
        assert_eq!(c.apa.plain(), format!("北東アジアの安全保障. (n.d.). {URL}"));
        assert_eq!(
            c.apa.pieces.first(),
            Some(&Piece::Italic("北東アジアの安全保障".into()))
        );
        assert_eq!(
            c.apa_in_text.plain(),
            "(北東アジアの安全保障, n.d., “はじめに” section, para. 1)"
        );
        assert_eq!(
            c.chicago.plain(),
            format!("“北東アジアの安全保障.” “はじめに” section, para. 1. Accessed June 1, 2025. {URL}.")
        );
        assert_eq!(c.caveats, vec![Caveat::TitleFromManifest]);
    }

    #[test]
    fn nothing_known() {
        let doc = parse("北朝鮮は新型ミサイルを発射した。\n日米韓は共同声明を出した。", None);
        let p = doc.passages.first().expect("a passage");
        let c = cite(&doc, p, URL, TODAY);
        assert_eq!(c.missing, vec!["author", "title", "date", "publisher"]);
        assert!(c.sist.plain().starts_with("[無題]. 第1段落. "), "{}", c.sist.plain());
        assert_eq!(c.apa.plain(), format!("[Untitled document]. (n.d.). {URL}"));
        assert!(c
            .chicago
            .plain()
            .starts_with("Untitled document. Para. 1. Accessed June 1, 2025."));
        for form in [&c.sist, &c.apa, &c.chicago] {
            assert!(!form.plain().contains(".."), "{}", form.plain());
        }
    }

    #[test]
    fn subtitle_joined_and_heading_and_completed_date() {
        let mut doc = parse(
            " 第 3章　 東アジアの安全保\n障協力\n―北朝鮮の核実験と今後の課題―\n\n佐藤　花子\n\n序\n本文。\n",
            None,
        );
        assert_eq!(doc.subtitle.as_deref(), Some("―北朝鮮の核実験と今後の課題―"));
        doc.date = Some(DocDate {
            iso: "2016-11".into(),
            kind: DateKind::Completed,
            text: "2016年11月脱稿".into(),
            source: FactSource::Text,
        });
        let heading = doc
            .passages
            .iter()
            .find(|p| p.kind == PassageKind::Heading)
            .expect("heading");
        let c = cite(&doc, heading, URL, TODAY);
        let title = format!("{}：北朝鮮の核実験と今後の課題", doc.title.as_deref().expect("a title"));
        assert_eq!(
            c.sist.plain(),
            format!("佐藤　花子. “{title}”. 2016-11, 「序」. {URL}, (参照 2025-06-01).")
        );
        assert_eq!(c.apa.plain(), format!("佐藤　花子. (2016, November). {title}. {URL}"));
        assert!(c.chicago.plain().contains(" November 2016. “序” section. Accessed"));
        assert_eq!(c.missing, vec!["publisher"]);
        assert_eq!(c.caveats, vec![Caveat::DateCompleted]);
    }

    #[test]
    fn latin_title_note_and_odd_dates() {
        let doc = Document {
            id: "x".into(),
            title: Some("Why Alliances Last?".into()),
            subtitle: Some("A Study".into()),
            author: Some("Smith, J.".into()),
            date: Some(DocDate {
                iso: "2020-13-40".into(),
                kind: DateKind::Published,
                text: String::new(),
                source: FactSource::Manifest,
            }),
            sections: vec![Section {
                id: "s1".into(),
                title: "Intro".into(),
                level: 1,
                parent: None,
            }],
            ..Document::default()
        };
        let note = Passage {
            id: "n7".into(),
            kind: PassageKind::Note,
            section: None,
            text: "A note.".into(),
            note_refs: vec![],
            sentences: vec![],
            caption_of: None,
            normalized: String::new(),
            anchor: Default::default(),
            source_line: 1,
        };
        let c = cite(&doc, &note, "", (2025, 0, 99));
        // The subtitle of a Latin title is joined with ": "; no doubled period after "J." or "?".
        assert_eq!(c.apa.plain(), "Smith, J. (2020). Why Alliances Last?: A Study.");
        assert_eq!(
            c.sist.plain(),
            "Smith, J. “Why Alliances Last?: A Study”. 2020, 注7. (参照 2025)."
        );
        assert_eq!(
            c.chicago.plain(),
            "Smith, J. “Why Alliances Last?: A Study.” 2020. Note 7. Accessed 2025."
        );
        assert_eq!(c.apa_in_text.plain(), "(Smith, J., 2020, note 7)");
        assert_eq!(c.caveats, vec![Caveat::DateFromManifest]);
    }

    #[test]
    fn meta_lines_are_not_counted_as_paragraphs() {
        let doc = parse(
            "## 日米韓協力の行方——制度化\n\n掲載日：2024年5月7日\n\n日本経済研究センター 首席研究員\n山田 太郎\n\n本文が始まる。\n\n次の段落。\n",
            None,
        );
        let kinds: Vec<(&str, PassageKind)> = doc.passages.iter().map(|p| (p.id.as_str(), p.kind)).collect();
        let body: Vec<&Passage> = doc
            .passages
            .iter()
            .filter(|p| p.kind == PassageKind::Paragraph)
            .collect();
        assert_eq!(body.len(), 2, "{kinds:?}");
        assert!(doc.passages.iter().any(|p| p.kind == PassageKind::Meta), "{kinds:?}");
        let second = body.get(1).expect("second paragraph");
        let c = cite(&doc, second, URL, TODAY);
        assert_eq!(c.apa_in_text.plain(), "(山田 太郎, 2024, para. 2)");
        assert!(c.sist.plain().contains("2024-05-07, 第2段落. "), "{}", c.sist.plain());
        let meta = doc.passages.iter().find(|p| p.kind == PassageKind::Meta).expect("meta");
        assert!(cite(&doc, meta, URL, TODAY).sist.plain().contains(", 前付. "));
    }

    #[test]
    fn dates_parse_strictly() {
        assert_eq!(
            Date::from_iso_lenient("2024-05-07").map(apa_date).as_deref(),
            Some("2024, May 7")
        );
        assert_eq!(
            Date::from_iso_lenient("2024-5").map(chicago_date).as_deref(),
            Some("May 2024")
        );
        assert_eq!(Date::from_iso_lenient("24-05-07"), None);
        assert_eq!(Date::from_iso_lenient(""), None);
        assert_eq!(Date::from_iso_lenient("２０２４"), None);
        assert_eq!(date_of((2025, 12, 31)).iso(), "2025-12-31");
    }

    #[test]
    fn every_passage_of_a_parsed_document_cites_without_panic() {
        let doc = full();
        for p in &doc.passages {
            let c = cite(&doc, p, URL, TODAY);
            for form in [&c.sist, &c.apa, &c.chicago] {
                assert!(form.plain().contains(URL), "{}", form.plain());
            }
        }
    }
}
