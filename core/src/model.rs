//! What a parsed document is: the one corpus model every other part reads.
//!
//! Offsets inside the model are **byte offsets into `Passage::text`** (always on a
//! `char` boundary), so Rust code can slice directly. They are converted to Unicode
//! scalar offsets only where they leave Rust (the JSON export, see `export`).

use serde::Serialize;
use std::ops::Range;

/// A whole corpus: documents in the order the manifest (or the folder) gives.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Corpus {
    /// The documents, in reading-list order.
    pub documents: Vec<Document>,
}

impl Corpus {
    /// The document with this id, if any.
    pub fn document(&self, id: &str) -> Option<&Document> {
        self.documents.iter().find(|d| d.id == id)
    }
}

/// Characters of the opening a [`DocumentSummary`] keeps.
pub const SUMMARY_OPENING_CHARS: usize = 90;

/// A document as a list shows it (a library card): its facts and opening, not its text. Small
/// enough to ship for a whole corpus ahead of parsing it.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct DocumentSummary {
    /// Document id.
    pub id: String,
    /// Title, where known.
    pub title: Option<String>,
    /// Subtitle, where the text gives one.
    pub subtitle: Option<String>,
    /// Author, where known.
    pub author: Option<String>,
    /// The document's own date, where known.
    pub date: Option<DocDate>,
    /// Characters of reading text ([`Document::body_chars`]).
    pub body_chars: usize,
    /// The opening ([`Document::opening`], [`SUMMARY_OPENING_CHARS`]).
    pub opening: String,
}

/// One source text, parsed.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Document {
    /// Stable, URL-safe id (the manifest slug, or derived from the file name).
    pub id: String,
    /// The file the text came from.
    pub source_file: String,
    /// Title: from the text where it gives one, else from the manifest, else `None`.
    pub title: Option<String>,
    /// Where the title came from.
    pub title_source: Option<FactSource>,
    /// Subtitle line under the title, where the text gives one.
    pub subtitle: Option<String>,
    /// Author as the text names it (byline), else from the manifest, else `None`. Never guessed.
    pub author: Option<String>,
    /// Affiliation line next to the byline, where the text gives one.
    pub affiliation: Option<String>,
    /// The document's own date (publication or completion), where the text or manifest gives one.
    pub date: Option<DocDate>,
    /// Section tree, flattened in document order (parents before children).
    pub sections: Vec<Section>,
    /// Reading order: every passage of the body, then the notes (kind `Note`).
    pub passages: Vec<Passage>,
    /// Footnotes by number. A note referenced in the text but absent from the source has `text: None`.
    pub notes: Vec<Note>,
    /// What the parser noticed and repaired or could not resolve.
    pub diagnostics: Vec<Diagnostic>,
    /// Source lines left out of the reading text (page furniture, notation legends, colophons…),
    /// each with its reason: every line of the input is in a passage, a note, the facts above,
    /// or here.
    pub removed: Vec<RemovedLine>,
}

impl Document {
    /// The passage with this id, if any.
    pub fn passage(&self, id: &str) -> Option<&Passage> {
        self.passages.iter().find(|p| p.id == id)
    }

    /// Index of the passage with this id, if any.
    pub fn passage_index(&self, id: &str) -> Option<usize> {
        self.passages.iter().position(|p| p.id == id)
    }

    /// The note with this number, if any.
    pub fn note(&self, number: u32) -> Option<&Note> {
        self.notes.iter().find(|n| n.number == number)
    }

    /// The section with this id, if any.
    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    /// The opening of the document: its first paragraph (else the first passage that is not a
    /// heading or meta line), cut to `max_chars` with an ellipsis.
    pub fn opening(&self, max_chars: usize) -> String {
        let body = || self.passages.iter().filter(|p| p.kind != PassageKind::Note);
        let first = body()
            .find(|p| p.kind == PassageKind::Paragraph)
            .or_else(|| body().find(|p| !matches!(p.kind, PassageKind::Heading | PassageKind::Meta)))
            .or_else(|| body().next());
        let Some(p) = first else { return String::new() };
        let text = p.text.trim();
        if text.chars().count() > max_chars {
            let mut s: String = text.chars().take(max_chars).collect();
            s.push('…');
            s
        } else {
            text.to_string()
        }
    }

    /// What a list of documents says about this one, without its text.
    pub fn summary(&self) -> DocumentSummary {
        DocumentSummary {
            id: self.id.clone(),
            title: self.title.clone(),
            subtitle: self.subtitle.clone(),
            author: self.author.clone(),
            date: self.date.clone(),
            body_chars: self.body_chars(),
            opening: self.opening(SUMMARY_OPENING_CHARS),
        }
    }

    /// Number of characters of reading text (body passages, notes excluded).
    pub fn body_chars(&self) -> usize {
        self.passages
            .iter()
            .filter(|p| p.kind != PassageKind::Note)
            .map(|p| p.text.chars().count())
            .sum()
    }
}

/// Where a fact about a document came from.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum FactSource {
    /// Stated in the text itself.
    Text,
    /// Supplied by the corpus manifest.
    Manifest,
    /// Corrected by a person in the reader (see `pack::Corrections`).
    Corrected,
}

/// The document's own date.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct DocDate {
    /// ISO 8601: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub iso: String,
    /// What the date is.
    pub kind: DateKind,
    /// The source's own words for it (e.g. `掲載日：2024年5月7日`).
    pub text: String,
    /// Where the fact came from.
    pub source: FactSource,
}

/// What a document date means.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum DateKind {
    /// 掲載日, 公開日, 発行日…
    Published,
    /// 脱稿日, 校了, 執筆…
    Completed,
    /// A date whose role the text does not say.
    Other,
}

/// A heading and the part of the document it opens.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Section {
    /// `s1`, `s2`, … in document order.
    pub id: String,
    /// Heading text without its bullet (`●`, `◆◆`, `##`), numbering kept (`1.`).
    pub title: String,
    /// 1 = top level.
    pub level: u8,
    /// Enclosing section, if any.
    pub parent: Option<String>,
}

/// What a passage is.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum PassageKind {
    /// A section heading (its id is the section id).
    Heading,
    /// Running text.
    Paragraph,
    /// An item of a bulleted list.
    ListItem,
    /// A figure or photo caption (see `Passage::caption_of`).
    Caption,
    /// A footnote text (its id is `n<number>`).
    Note,
    /// A byline, affiliation or date line shown in the flow of the text.
    Meta,
}

impl PassageKind {
    /// The name used in the export and the DOM.
    pub fn as_str(self) -> &'static str {
        match self {
            PassageKind::Heading => "heading",
            PassageKind::Paragraph => "paragraph",
            PassageKind::ListItem => "list_item",
            PassageKind::Caption => "caption",
            PassageKind::Note => "note",
            PassageKind::Meta => "meta",
        }
    }
}

/// A unit of reading: paragraph, heading, list item, caption, note or meta line.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Passage {
    /// Stable id, readable in a URL: `s3` (heading of section 3), `s3-p2` (second passage
    /// after it), `s0-p1` (before any heading), `n7` (note 7).
    pub id: String,
    /// What it is.
    pub kind: PassageKind,
    /// Enclosing section id, if any.
    pub section: Option<String>,
    /// Reflowed reading text, in the source's own characters, note markers removed.
    pub text: String,
    /// Footnote markers that stood in the text, with where they stood.
    pub note_refs: Vec<NoteRef>,
    /// Sentence spans (byte ranges into `text`), covering the text without overlap.
    pub sentences: Vec<Range<usize>>,
    /// For a caption: the passage it was taken out of, or stands beside.
    pub caption_of: Option<String>,
    /// Text folded for matching (NFKC width folding, lower case); never displayed.
    pub normalized: String,
    /// What is needed to re-find this passage after the text is edited.
    pub anchor: Anchor,
    /// 1-based line in the source where the passage starts.
    pub source_line: usize,
}

/// A footnote marker inside a passage.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct NoteRef {
    /// The note number the marker shows.
    pub number: u32,
    /// Byte offset into `Passage::text` where the marker stood (it points at the char after it).
    pub offset: usize,
}

/// A footnote.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Note {
    /// Its number.
    pub number: u32,
    /// Its text, or `None` when the source has a marker but no note text.
    pub text: Option<String>,
    /// Id of the passage holding the note text (`n<number>`), when there is one.
    pub passage: Option<String>,
}

impl Note {
    /// Whether the note text looks cut off in the source: it stops on a comma, colon, an
    /// opening bracket or quote, or with a bracket left open (e.g. a reference whose URL or
    /// page number is missing: `…声明」2025年2月15日、外務省、`). A note without text is
    /// absent, not cut off.
    pub fn is_cut_off(&self) -> bool {
        self.text.as_deref().is_some_and(text_is_cut_off)
    }
}

/// See [`Note::is_cut_off`].
pub fn text_is_cut_off(text: &str) -> bool {
    let t = text.trim_end();
    let Some(last) = t.chars().last() else {
        return false;
    };
    if matches!(
        last,
        '、' | '，' | ',' | ':' | '：' | ';' | '；' | '(' | '（' | '「' | '『' | '“' | '[' | '［' | '〔' | '・' | '＝'
    ) {
        return true;
    }
    // A bracket left open (URLs aside: they may hold brackets of their own).
    let urls = crate::text::span::url_ranges(t);
    let mut depth: i32 = 0;
    for (at, c) in t.char_indices() {
        if urls.iter().any(|u| u.contains(&at)) {
            continue;
        }
        match c {
            '「' | '『' | '（' | '(' | '“' => depth += 1,
            '」' | '』' | '）' | ')' | '”' => depth -= 1,
            _ => {}
        }
    }
    depth > 0
}

/// A W3C Web Annotation-style TextQuoteSelector for a passage.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Anchor {
    /// The first characters of the passage text.
    pub exact: String,
    /// The last characters of the previous passage.
    pub prefix: String,
    /// The first characters of the next passage.
    pub suffix: String,
}

/// A source line the reading text leaves out, and why.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct RemovedLine {
    /// 1-based source line.
    pub line: usize,
    /// The line as it stands in the source (surrounding whitespace trimmed).
    pub text: String,
    /// Why it was left out.
    pub reason: RemovalReason,
}

/// Why a source line is not reading text.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum RemovalReason {
    /// A printed page number next to a page break.
    PageNumber,
    /// A running header or footer: a line repeated next to page breaks.
    RunningHead,
    /// A horizontal rule or section-break line (`---`, `×　×　×`).
    Rule,
    /// A table of contents (a 目次 heading and lines ending in page numbers).
    TableOfContents,
    /// The legend explaining a text's notation (Aozora Bunko's ruled block after the title).
    NotationLegend,
    /// The colophon at the end (底本, 入力, 校正, the library's closing lines).
    Colophon,
    /// Metadata markup (Markdown front matter lines other than the title and date).
    FrontMatter,
    /// A line that is only markup: Aozora notes (`［＃ここから２字下げ］`), Markdown link
    /// definitions.
    Markup,
    /// A ruby reading that extraction put on a line of its own inside a sentence.
    Ruby,
}

impl RemovalReason {
    /// The name used in the export.
    pub fn as_str(self) -> &'static str {
        match self {
            RemovalReason::PageNumber => "page_number",
            RemovalReason::RunningHead => "running_head",
            RemovalReason::Rule => "rule",
            RemovalReason::TableOfContents => "table_of_contents",
            RemovalReason::NotationLegend => "notation_legend",
            RemovalReason::Colophon => "colophon",
            RemovalReason::FrontMatter => "front_matter",
            RemovalReason::Markup => "markup",
            RemovalReason::Ruby => "ruby",
        }
    }
}

/// Something the parser noticed.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Diagnostic {
    /// 1-based source line.
    pub line: usize,
    /// Machine-readable kind.
    pub kind: DiagnosticKind,
    /// Human-readable explanation.
    pub message: String,
}

/// Kinds of diagnostics.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum DiagnosticKind {
    /// Markers refer to notes whose text is not in the source.
    MissingNoteText,
    /// A note text that no marker refers to.
    UnreferencedNote,
    /// A caption was taken out of the middle of a sentence.
    CaptionExtracted,
    /// A word broken by a ligature was joined.
    LigatureJoined,
    /// Text continued across a blank line (page break).
    JoinedAcrossBlank,
    /// The input was empty or had no readable text.
    Empty,
    /// Control characters or similar were dropped.
    Cleaned,
}

#[cfg(test)]
mod tests {
    use super::text_is_cut_off;

    #[test]
    fn cut_off_notes() {
        for cut in [
            "「三か国会合共同声明」2025年2月15日、外務省、",
            "A. Author, \"A Title,\" January 23, 2025, The Endowment,",
            "詳しくは「報告書の題",
            "See: ",
            "『書名』(出版社",
        ] {
            assert!(text_is_cut_off(cut), "{cut}");
        }
        for whole in [
            "外務省、https://www.mofa.go.jp/a_(b)/files/1.pdf",
            "「声明」2025年2月7日、外務省",
            "前掲、4頁。",
            "(Polity Press, 2025)を参照されたい。",
            "",
            "「「瀬取り」を含む活動」外務省",
            "山田「題(「副題」)」『誌』研究所 (ABC 研究会)、http://a.jp/b_(c).pdf を参照されたい。",
        ] {
            assert!(!text_is_cut_off(whole), "{whole}");
        }
    }
}
