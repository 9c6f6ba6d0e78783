//! What the reader has to say about a link or an action, as data: the reducer records a
//! [`Notice`] with its facts (ids, titles, counts, file names) and the view puts it into words in
//! the language shown ([`Notice::text`]), so switching the language re-words what is on screen.

use super::{fill, quoted, s, Lang};
use yomikurabe_core::text::detect::DecodeError;
use yomikurabe_core::text::mojibake::Garbled;

/// What a link opens over a passage (in notices about what could not be opened).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkPart {
    /// The related passages (`r=`).
    Related,
    /// The citation dialog (`c=`).
    Cite,
    /// A footnote (`n=`).
    Note,
    /// The timeline (`tl=`).
    Timeline,
    /// Aligned scrolling (`al=`).
    Aligned,
}

impl LinkPart {
    fn name(self, lang: Lang) -> &'static str {
        let t = lang.t();
        match self {
            LinkPart::Related => t.part_related,
            LinkPart::Cite => t.part_cite,
            LinkPart::Note => t.part_note,
            LinkPart::Timeline => t.part_timeline,
            LinkPart::Aligned => t.part_aligned,
        }
    }
}

/// A setting of the search a link can give (in notices about values it cannot use).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchSetting {
    /// How the results are shown (`sv=`).
    View,
    /// The concordance's order (`ks=`).
    Order,
    /// Concordance context (`kw=`).
    Width,
    /// Collocate window (`cw=`).
    Window,
}

impl SearchSetting {
    fn name(self, lang: Lang) -> &'static str {
        let t = lang.t();
        match self {
            SearchSetting::View => t.ss_view,
            SearchSetting::Order => t.ss_order,
            SearchSetting::Width => t.ss_width,
            SearchSetting::Window => t.ss_window,
        }
    }
}

/// One thing said to the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    // What a link asked for and could not have (view_state, layout).
    /// `u=` with no words.
    AdhocNoWords { given: String },
    /// A key the reader does not know.
    UnknownKey { key: String },
    /// A key given twice.
    KeyTwice { key: String },
    /// More themes of one's own than a link carries.
    TooManyAdhoc { max: usize, dropped: usize },
    /// The same theme of one's own more than once.
    AdhocRepeated { repeats: usize },
    /// The mark is in a document that is not open.
    FocusNotOpen { doc: String },
    /// The mark is not `doc/passage`.
    FocusNotPassage { given: String },
    /// A quote without a mark.
    QuoteWithoutFocus,
    /// Reader parts in a link with no documents.
    NothingOpen,
    /// `src=` that is not an id.
    SourceNotId { given: String },
    /// `lang=` that is not a language.
    UnknownLang { given: String },
    /// `find=` longer than a link carries.
    SearchCut { max: usize },
    /// A search setting whose value is not one of its choices (or not a number).
    SearchSetting { setting: SearchSetting, given: String },
    /// A search setting's number out of its range.
    SearchClamped {
        setting: SearchSetting,
        given: usize,
        used: usize,
        least: usize,
        most: usize,
    },
    /// `kd=` that is not a document id.
    SearchDoc { given: String },
    /// Not a document id.
    NotDocId { given: String },
    /// A document named twice.
    DocTwice { doc: String },
    /// More documents than fit.
    TooManyDocs { max: usize, left_out: Vec<String> },
    /// A reading position in a document that is not open.
    AtNotOpen { doc: String },
    /// Two reading positions for one document.
    AtTwice { doc: String },
    /// Reading positions that could not be read.
    AtUnreadable { count: usize },
    /// Not a theme id.
    NotThemeId { given: String },
    /// `user-N` without its `u=`.
    AdhocUndefined { id: String },
    /// More themes than can be highlighted.
    TooManyThemes { max: usize, dropped: usize },
    /// `p=` that names no panel.
    NoSuchPanel { given: String, panels: String },
    /// A switch with a value other than 1.
    BadSwitch { key: String, part: LinkPart, given: String },
    /// A passage of a document that is not open.
    PartNotOpen { part: LinkPart, doc: String },
    /// Not `doc/passage`.
    PartNotPassage { part: LinkPart, given: String },
    /// Not `doc/passage/number`.
    NotFootnote { given: String },
    // What the documents lack (state).
    /// An unknown document.
    DocumentNotFound { doc: String },
    /// The marked passage's text changed.
    PassageChanged { passage: String, title: String },
    /// The marked passage moved.
    PassageMoved,
    /// The marked passage is gone.
    PassageNotFound { passage: String, title: String },
    /// A reading position is gone.
    PositionNotFound { passage: String, title: String },
    /// A related list or citation for a passage that is gone.
    PartPassageMissing {
        part: LinkPart,
        passage: String,
        title: String,
    },
    /// A footnote that is not marked there.
    NoteNotMarked {
        number: u32,
        passage: String,
        title: String,
    },
    /// A source the documents do not cite (from a link).
    SourceNotCited { id: String },
    /// A source the documents do not cite (picked).
    SourceNotCitedHere,
    /// An unknown theme.
    ThemeNotFound { id: String },
    /// A theme of one's own with nothing to look for.
    ThemeNothingToFind { label: String },
    /// An empty theme typed.
    TypeAWord,
    /// No room for another theme of one's own.
    AdhocFull { max: usize },
    // The shelf and its files.
    /// The page's pack cannot be read.
    PackUnreadable { why: String },
    /// What this browser kept cannot be read.
    KeptUnreadable { why: String },
    /// The browser's storage failed.
    Storage { problem: StorageProblem },
    /// The browser's storage failed to keep the shelf.
    NotKept { problem: StorageProblem },
    /// A file is too big to read.
    FileTooBig { file: String, mb: u32, max_mb: usize },
    /// The browser could not read a file.
    FileUnreadable { file: String },
    /// A file is not added (empty, binary, wrong encoding…).
    NotAdded { file: String, why: FileProblem },
    /// A text is too long.
    TextTooLong {
        file: String,
        tenths_mb: u32,
        max_mb: usize,
    },
    /// A file is the same text as one on the shelf.
    SameText { file: String, same: String },
    /// Added, but garbled.
    Garbled {
        file: String,
        how: yomikurabe_core::text::mojibake::Garbled,
    },
    /// Added, but no readable text.
    NoReadableText { file: String },
    /// The shelf is full.
    ShelfFull { max: usize, files: Vec<String> },
    /// A correction refused.
    NotCorrected { why: String },
    /// Not a web address.
    NotWebAddress { url: String },
    /// Saving a pack needs the single-file reader beside the page.
    NoSingleFile,
    /// The browser did not offer the download.
    NoDownload,
}

/// What the browser's storage was asked to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StorageOp {
    /// Open the database.
    Open,
    /// Read the shelf kept.
    Read,
    /// Keep the shelf.
    Save,
    /// Forget the shelf kept.
    Forget,
}

/// Why the browser's storage failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageProblem {
    /// No IndexedDB.
    NoStorage,
    /// A call refused, with the browser's own message (often empty; in its language).
    Refused { op: StorageOp, detail: String },
}

impl StorageProblem {
    fn text(&self, lang: Lang) -> String {
        let t = lang.t();
        match self {
            StorageProblem::NoStorage => t.st_no_storage.into(),
            StorageProblem::Refused { op, detail } => {
                let op = match op {
                    StorageOp::Open => t.st_open,
                    StorageOp::Read => t.st_read,
                    StorageOp::Save => t.st_save,
                    StorageOp::Forget => t.st_forget,
                };
                let detail = match (detail.is_empty(), lang) {
                    (true, _) => String::new(),
                    (false, Lang::En) => format!(": {detail}"),
                    (false, Lang::Ja) => format!("（{detail}）"),
                };
                fill(t.st_refused, &[&op, &detail])
            }
        }
    }
}

/// Why a file is not added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblem {
    /// No bytes.
    Empty,
    /// Control characters: not text.
    Binary,
    /// Not valid in the encoding chosen or found.
    NotValid { encoding: String },
    /// The chosen encoding does not fit.
    Chosen(DecodeError),
    /// The detector found no encoding that fits.
    Detect(DecodeError),
    /// What the Word reader said.
    Other { why: String },
    /// Only whitespace.
    NoText,
}

impl FileProblem {
    fn text(&self, lang: Lang) -> String {
        let t = lang.t();
        match self {
            FileProblem::Empty => t.fp_empty.into(),
            FileProblem::Binary => t.fp_binary.into(),
            FileProblem::NotValid { encoding } => fill(t.fp_not_valid, &[encoding]),
            FileProblem::Chosen(why) => fill(t.fp_choose_another, &[&decode_error(lang, why)]),
            FileProblem::Detect(why) => decode_error(lang, why),
            FileProblem::Other { why } => why.clone(),
            FileProblem::NoText => t.fp_no_text.into(),
        }
    }
}

/// Why bytes are not text (core's `DecodeError`, in the language shown).
fn decode_error(lang: Lang, e: &DecodeError) -> String {
    let t = lang.t();
    match e {
        DecodeError::Binary => t.de_binary.into(),
        DecodeError::Malformed {
            encoding,
            offset,
            line: Some(line),
        } => fill(t.de_malformed_line, &[encoding, offset, line]),
        DecodeError::Malformed {
            encoding,
            offset,
            line: None,
        } => fill(t.de_malformed, &[encoding, offset]),
        DecodeError::Unrecognized { guess } => fill(t.de_unrecognized, &[guess]),
    }
}

/// How a garbled text is described.
fn garbled(lang: Lang, how: Garbled) -> &'static str {
    let t = lang.t();
    match how {
        Garbled::Utf8ReadAsShiftJis => t.garbled_utf8_sjis,
        Garbled::ReadAsLatin1 => t.garbled_latin1,
        Garbled::Replacement => t.garbled_replacement,
    }
}

/// Up to five names, separated as the language separates them.
fn list(lang: Lang, items: &[String], quote: bool) -> String {
    let sep = if lang == Lang::Ja { "、" } else { ", " };
    let shown: Vec<String> = items
        .iter()
        .take(5)
        .map(|s| if quote { quoted(lang, s) } else { s.clone() })
        .collect();
    let mut out = shown.join(sep);
    if items.len() > shown.len() {
        out.push_str(sep);
        out.push('…');
    }
    out
}

impl Notice {
    /// The notice in words, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let t = lang.t();
        let q = |s: &str| quoted(lang, s);
        // A document's title, whole (quoted in Japanese, where it stands in running text);
        // empty: the document has none.
        let title = |s: &str| match lang {
            _ if s.is_empty() => t.untitled.to_string(),
            Lang::Ja => format!("「{s}」"),
            Lang::En => s.to_string(),
        };
        use Notice::*;
        match self {
            AdhocNoWords { given } => fill(t.n_adhoc_no_words, &[&q(given)]),
            UnknownKey { key } => fill(t.n_unknown_key, &[&q(key)]),
            KeyTwice { key } => fill(t.n_key_twice, &[&q(key)]),
            TooManyAdhoc { max, dropped } => fill(t.n_too_many_adhoc, &[max, dropped]),
            AdhocRepeated { repeats } => fill(t.n_adhoc_repeated, &[repeats, &s(*repeats)]),
            FocusNotOpen { doc } => fill(t.n_focus_not_open, &[&q(doc)]),
            FocusNotPassage { given } => fill(t.n_focus_not_passage, &[&q(given)]),
            QuoteWithoutFocus => t.n_quote_without_focus.into(),
            NothingOpen => t.n_nothing_open.into(),
            SourceNotId { given } => fill(t.n_source_not_id, &[&q(given)]),
            UnknownLang { given } => fill(t.n_unknown_lang, &[&q(given)]),
            SearchCut { max } => fill(t.n_search_cut, &[max]),
            SearchSetting { setting, given } => fill(t.n_search_setting, &[&setting.name(lang), &q(given)]),
            SearchClamped {
                setting,
                given,
                used,
                least,
                most,
            } => fill(t.n_search_clamped, &[&setting.name(lang), given, used, least, most]),
            SearchDoc { given } => fill(t.n_search_doc, &[&q(given)]),
            NotDocId { given } => fill(t.n_not_doc_id, &[&q(given)]),
            DocTwice { doc } => fill(t.n_doc_twice, &[&q(doc)]),
            TooManyDocs { max, left_out } => fill(t.n_too_many_docs, &[max, &list(lang, left_out, true)]),
            AtNotOpen { doc } => fill(t.n_at_not_open, &[&q(doc)]),
            AtTwice { doc } => fill(t.n_at_twice, &[&q(doc)]),
            AtUnreadable { count } => fill(t.n_at_unreadable, &[count, &s(*count)]),
            NotThemeId { given } => fill(t.n_not_theme_id, &[&q(given)]),
            AdhocUndefined { id } => fill(t.n_adhoc_undefined, &[&q(id)]),
            TooManyThemes { max, dropped } => fill(t.n_too_many_themes, &[max, dropped]),
            NoSuchPanel { given, panels } => fill(t.n_no_such_panel, &[&q(given), panels]),
            BadSwitch { key, part, given } => fill(t.n_bad_switch, &[key, &q(given), &part.name(lang)]),
            PartNotOpen { part, doc } => fill(t.n_part_not_open, &[&part.name(lang), &q(doc)]),
            PartNotPassage { part, given } => fill(t.n_part_not_passage, &[&part.name(lang), &q(given)]),
            NotFootnote { given } => fill(t.n_not_footnote, &[&q(given)]),
            DocumentNotFound { doc } => fill(t.n_document_not_found, &[&q(doc)]),
            PassageChanged { passage, title: d } => fill(t.n_passage_changed, &[passage, &title(d)]),
            PassageMoved => t.n_passage_moved.into(),
            PassageNotFound { passage, title: d } => fill(t.n_passage_not_found, &[passage, &title(d)]),
            PositionNotFound { passage, title: d } => fill(t.n_position_not_found, &[passage, &title(d)]),
            PartPassageMissing {
                part,
                passage,
                title: d,
            } => fill(t.n_part_passage_missing, &[&part.name(lang), passage, &title(d)]),
            NoteNotMarked {
                number,
                passage,
                title: d,
            } => fill(t.n_note_not_marked, &[number, passage, &title(d)]),
            SourceNotCited { id } => fill(t.n_source_not_cited, &[&q(id)]),
            SourceNotCitedHere => t.n_source_not_cited_here.into(),
            ThemeNotFound { id } => fill(t.n_theme_not_found, &[&q(id)]),
            ThemeNothingToFind { label } => fill(t.n_theme_nothing_to_find, &[&q(label)]),
            TypeAWord => t.n_type_a_word.into(),
            AdhocFull { max } => fill(t.n_adhoc_full, &[max]),
            PackUnreadable { why } => fill(t.n_pack_unreadable, &[why]),
            KeptUnreadable { why } => fill(t.n_kept_unreadable, &[why]),
            Storage { problem } => problem.text(lang),
            NotKept { problem } => fill(t.n_not_kept, &[&problem.text(lang)]),
            FileTooBig { file, mb, max_mb } => fill(t.n_file_too_big, &[file, mb, max_mb]),
            FileUnreadable { file } => fill(t.n_file_unreadable, &[file]),
            NotAdded { file, why } => fill(t.n_not_added, &[file, &why.text(lang)]),
            TextTooLong {
                file,
                tenths_mb,
                max_mb,
            } => {
                let mb = format!("{}.{}", tenths_mb / 10, tenths_mb % 10);
                fill(t.n_text_too_long, &[file, &mb, max_mb])
            }
            SameText { file, same } => fill(t.n_same_text, &[file, &q(same)]),
            Garbled { file, how } => fill(t.n_garbled, &[file, &garbled(lang, *how)]),
            NoReadableText { file } => fill(t.n_no_readable_text, &[file]),
            ShelfFull { max, files } => fill(
                t.n_shelf_full,
                &[&files.len(), &s(files.len()), max, &list(lang, files, false)],
            ),
            NotCorrected { why } => fill(t.n_not_corrected, &[why]),
            NotWebAddress { url } => fill(t.n_not_web_address, &[&q(url)]),
            NoSingleFile => t.n_no_single_file.into(),
            NoDownload => t.n_no_download.into(),
        }
    }
}

/// In English (logs and tests; the view says [`Notice::text`] in the language shown).
impl std::fmt::Display for Notice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_notice_has_both_languages() {
        let file = || "a.txt".to_string();
        let all = [
            Notice::UnknownKey { key: "x".into() },
            Notice::TooManyDocs {
                max: 4,
                left_out: vec!["e".into()],
            },
            Notice::BadSwitch {
                key: "tl".into(),
                part: LinkPart::Timeline,
                given: "yes".into(),
            },
            Notice::NotAdded {
                file: file(),
                why: FileProblem::Binary,
            },
            Notice::ShelfFull {
                max: 2,
                files: (0..7).map(|i| format!("f{i}")).collect(),
            },
            Notice::TextTooLong {
                file: file(),
                tenths_mb: 123,
                max_mb: 10,
            },
            Notice::PassageMoved,
            Notice::NotKept {
                problem: StorageProblem::Refused {
                    op: StorageOp::Save,
                    detail: "QuotaExceededError".into(),
                },
            },
            Notice::Storage {
                problem: StorageProblem::NoStorage,
            },
        ];
        for n in &all {
            let (en, ja) = (n.text(Lang::En), n.text(Lang::Ja));
            assert!(!en.is_empty() && !ja.is_empty() && en != ja, "{n:?}");
            assert!(ja.chars().any(|c| c > '\u{3000}'), "{ja}");
        }
        assert!(all[5].text(Lang::En).contains("12.3 MB"));
        assert!(all[4].text(Lang::En).ends_with("f3, f4, ….") && all[4].text(Lang::En).starts_with("7 files"));
    }
}
