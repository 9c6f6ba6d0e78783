//! Which documents are on the reader's shelf? The documents the page came with (the default
//! corpus, or the reading pack it holds), then what the person did: documents added, removed,
//! reordered or corrected, themes defined. The shelf *is* a [`Pack`]: saving a reading pack
//! writes it, the browser's storage keeps it, and the analysis is a lazy [`Pipeline`] over it.
//!
//! Changes go through [`Shelf::apply`] (pure; the reducer calls it). Bytes never reach the shelf:
//! files are decoded at the browser edge and arrive here as text ([`Incoming`]).

use crate::i18n::{FileProblem, Notice};
use std::cell::RefCell;
use std::rc::Rc;

use yomikurabe_core::model::{Document, DocumentSummary};
use yomikurabe_core::pack::{Corrections, Pack, PackDocument, PackTheme};
use yomikurabe_core::pipeline::{DocumentSource, Pipeline};
use yomikurabe_core::text::hash::fnv1a;
use yomikurabe_core::text::html::{is_html, page_text};
use yomikurabe_core::text::mojibake::garbled;
use yomikurabe_core::themes::ThemeSet;

/// The most documents a shelf holds (beyond it, files are refused with a notice).
pub const MAX_DOCUMENTS: usize = 200;
/// The largest text accepted, in bytes of UTF-8 (a longer one is refused with a notice).
pub const MAX_TEXT_BYTES: usize = 20 * 1024 * 1024;

/// A decoded text on its way to the shelf.
#[derive(Debug, Clone, PartialEq)]
pub struct Incoming {
    /// The file name (or a name given to pasted text).
    pub file: String,
    /// The decoded text.
    pub text: String,
    /// The encoding it was decoded from (WHATWG name), if it came from bytes; "docx" for the
    /// text of a Word file.
    pub encoding: Option<String>,
    /// A title the file names itself (a Word file's document properties), for when the text
    /// has none.
    pub title: Option<String>,
}

/// What can happen to the shelf.
#[derive(Debug, Clone, PartialEq)]
pub enum ShelfAction {
    /// Texts to add; `problems` are the files that could not be read, with why.
    Add {
        /// The decoded texts.
        texts: Vec<Incoming>,
        /// One message per file refused at the browser edge.
        problems: Vec<Notice>,
    },
    /// Take a document off the shelf.
    Remove(String),
    /// Move a document `by` places in the reading order.
    Reorder {
        /// The document id.
        id: String,
        /// Places to move (negative: earlier).
        by: isize,
    },
    /// Set what a person corrected on a document.
    Correct {
        /// The document id.
        id: String,
        /// The corrections (blank fields: no correction).
        corrections: Corrections,
    },
    /// Say whether a source line the parser set aside is content (`true`) or not.
    Content {
        /// The document id.
        id: String,
        /// The 1-based source line.
        line: usize,
        /// Whether it is content.
        content: bool,
    },
    /// Keep a theme of the reader's own on the shelf (it then travels in the pack and stays
    /// after a reload); a theme with the same id is replaced.
    KeepTheme(PackTheme),
    /// Take a kept theme off the shelf.
    RemoveTheme(String),
    /// Record where the pack is published (blank: nowhere).
    Publish(String),
    /// Back to the documents the page came with.
    Reset,
    /// What the browser's storage kept from an earlier visit.
    Restore(Box<Pack>),
    /// Something at the browser's edge failed (storage, a download): say so, change nothing.
    Problem(Notice),
}

/// A document parsed ahead of the analysis, taken by it (shared by the shelf's copies).
type Parsed = Rc<RefCell<Option<Document>>>;

fn parsed(doc: Option<Document>) -> Parsed {
    Rc::new(RefCell::new(doc))
}

/// The shelf: a pack, the pack the page came with, and the library cards known without parsing.
#[derive(Debug, Clone, PartialEq)]
pub struct Shelf {
    /// The documents and themes, in reading order.
    pub pack: Rc<Pack>,
    /// What the page came with.
    pub carried: Rc<Pack>,
    /// Library cards of documents unchanged since they were carried or added (by index of
    /// `pack.documents`); `None` where the document must be parsed to show its card.
    pub summaries: Vec<Option<DocumentSummary>>,
    /// Documents already parsed to make their card (by index of `pack.documents`), handed to
    /// the analysis on its first need so a text just added is not parsed twice.
    parsed: Vec<Parsed>,
    /// Whether the app's curated themes apply (they were written for the default corpus; a
    /// pack brings its own).
    pub curated_themes: bool,
    /// [`Shelf::storage_key`].
    key: String,
}

impl Shelf {
    /// The shelf of a page that came with `carried`, whose cards (in order) are `summaries` when
    /// known ahead of parsing.
    pub fn new(carried: Pack, summaries: Option<Vec<DocumentSummary>>, curated_themes: bool) -> Shelf {
        let n = carried.documents.len();
        let summaries = match summaries {
            Some(s) if s.len() == n => s.into_iter().map(Some).collect(),
            _ => vec![None; n],
        };
        let ids: String = carried
            .documents
            .iter()
            .map(|d| format!("{}:{:016x};", d.file, fnv1a(&d.text)))
            .collect();
        let key = format!("shelf-{:016x}", fnv1a(&ids));
        let carried = Rc::new(carried);
        Shelf {
            pack: carried.clone(),
            carried,
            parsed: (0..summaries.len()).map(|_| parsed(None)).collect(),
            summaries,
            curated_themes,
            key,
        }
    }

    /// The key the browser stores this shelf under: the identity of what the page came with,
    /// so two different packs opened from the same place keep two shelves.
    pub fn storage_key(&self) -> &str {
        &self.key
    }

    /// Whether the shelf differs from what the page came with.
    pub fn is_changed(&self) -> bool {
        self.pack != self.carried
    }

    /// Bytes of text on the shelf (UTF-8).
    pub fn text_bytes(&self) -> usize {
        self.pack.documents.iter().map(|d| d.text.len()).sum()
    }

    /// The analysis of the shelf: each document parsed when first needed (corrections applied),
    /// the library cards known ahead where every card is.
    pub fn pipeline(&self, themes: ThemeSet) -> Pipeline {
        let sources: Vec<DocumentSource> = self
            .pack
            .documents
            .iter()
            .zip(&self.parsed)
            .map(|(d, ready)| -> DocumentSource {
                let d = d.clone();
                let ready = ready.clone();
                Box::new(move || ready.borrow_mut().take().unwrap_or_else(|| d.parse()))
            })
            .collect();
        let summaries: Option<Vec<DocumentSummary>> = self.summaries.iter().cloned().collect();
        Pipeline::lazy(sources, summaries, themes)
    }

    /// The shelf after `action`, and what to tell the person.
    pub fn apply(&self, action: ShelfAction) -> (Shelf, Vec<Notice>) {
        let mut next = self.clone();
        let mut notices = Vec::new();
        match action {
            ShelfAction::Add { texts, problems } => {
                notices.extend(problems);
                let mut pack = (*next.pack).clone();
                let mut no_room = Vec::new();
                for t in texts {
                    if pack.documents.len() >= MAX_DOCUMENTS {
                        no_room.push(t.file);
                        continue;
                    }
                    if let Some(why) = next.refusal(&pack, &t) {
                        notices.push(why);
                        continue;
                    }
                    if let Some(g) = garbled(&t.text) {
                        notices.push(Notice::Garbled {
                            file: t.file.clone(),
                            how: g,
                        });
                    }
                    // A saved web page: its main text, its <title> for when the text has none.
                    let (text, page_title) = if is_html(&t.file, &t.text) {
                        let page = page_text(&t.text);
                        (page.text, page.title)
                    } else {
                        (t.text, t.title.clone())
                    };
                    let mut doc = PackDocument::new(&t.file, text, t.encoding.as_deref());
                    doc.title = page_title;
                    doc.slug = Some(pack.unique_slug(&t.file));
                    let document = doc.parse();
                    let summary = document.summary();
                    if summary.body_chars == 0 {
                        notices.push(Notice::NoReadableText { file: t.file.clone() });
                    }
                    pack.documents.push(doc);
                    next.summaries.push(Some(summary));
                    next.parsed.push(parsed(Some(document)));
                }
                if !no_room.is_empty() {
                    notices.push(Notice::ShelfFull {
                        max: MAX_DOCUMENTS,
                        files: no_room,
                    });
                }
                next.pack = Rc::new(pack);
            }
            ShelfAction::Remove(id) => {
                if let Some(i) = next.index_of(&id) {
                    let mut pack = (*next.pack).clone();
                    pack.documents.remove(i);
                    next.summaries.remove(i);
                    next.parsed.remove(i);
                    next.pack = Rc::new(pack);
                }
            }
            ShelfAction::Reorder { id, by } => {
                if let Some(i) = next.index_of(&id) {
                    let to = i.saturating_add_signed(by).min(next.pack.documents.len() - 1);
                    if to != i {
                        let mut pack = (*next.pack).clone();
                        let d = pack.documents.remove(i);
                        pack.documents.insert(to, d);
                        let s = next.summaries.remove(i);
                        next.summaries.insert(to, s);
                        let p = next.parsed.remove(i);
                        next.parsed.insert(to, p);
                        next.pack = Rc::new(pack);
                    }
                }
            }
            ShelfAction::Content { id, line, content } => {
                if let Some(i) = next.index_of(&id) {
                    let mut pack = (*next.pack).clone();
                    let lines = &mut pack.documents[i].corrected.content_lines;
                    lines.retain(|&l| l != line);
                    if content {
                        lines.push(line);
                        lines.sort_unstable();
                    }
                    let document = pack.documents[i].parse();
                    next.summaries[i] = Some(document.summary());
                    next.parsed[i] = parsed(Some(document));
                    next.pack = Rc::new(pack);
                }
            }
            ShelfAction::Correct { id, corrections } => match (next.index_of(&id), corrections.cleaned()) {
                (Some(i), Ok(mut c)) => {
                    let mut pack = (*next.pack).clone();
                    // The form corrects facts; the lines marked as content stay as they were.
                    c.content_lines = pack.documents[i].corrected.content_lines.clone();
                    pack.documents[i].corrected = c;
                    let document = pack.documents[i].parse();
                    next.summaries[i] = Some(document.summary());
                    next.parsed[i] = parsed(Some(document));
                    next.pack = Rc::new(pack);
                }
                (_, Err(why)) => notices.push(Notice::NotCorrected { why: why.to_string() }),
                (None, _) => {}
            },
            ShelfAction::Publish(url) => {
                let url = url.trim();
                if !(url.is_empty() || url.starts_with("https://") || url.starts_with("http://")) {
                    notices.push(Notice::NotWebAddress { url: url.to_string() });
                } else {
                    let mut pack = (*next.pack).clone();
                    pack.published = (!url.is_empty()).then(|| url.to_string());
                    next.pack = Rc::new(pack);
                }
            }
            ShelfAction::Reset => {
                next.summaries = self.cards_for(&next.carried);
                next.parsed = next.summaries.iter().map(|_| parsed(None)).collect();
                next.pack = next.carried.clone();
            }
            ShelfAction::Problem(why) => notices.push(why),
            ShelfAction::KeepTheme(theme) => {
                let mut pack = (*next.pack).clone();
                match pack.themes.iter_mut().find(|t| t.id == theme.id) {
                    Some(t) => *t = theme,
                    None => pack.themes.push(theme),
                }
                next.pack = Rc::new(pack);
            }
            ShelfAction::RemoveTheme(id) => {
                if next.pack.themes.iter().any(|t| t.id == id) {
                    let mut pack = (*next.pack).clone();
                    pack.themes.retain(|t| t.id != id);
                    next.pack = Rc::new(pack);
                }
            }
            ShelfAction::Restore(pack) => {
                next.summaries = self.cards_for(&pack);
                next.parsed = next.summaries.iter().map(|_| parsed(None)).collect();
                next.pack = Rc::new(*pack);
            }
        }
        (next, notices)
    }

    /// Cards for the documents of `pack`: those of documents on this shelf exactly as they are
    /// there (still right), `None` for the others.
    fn cards_for(&self, pack: &Pack) -> Vec<Option<DocumentSummary>> {
        pack.documents
            .iter()
            .map(|d| {
                let i = self.pack.documents.iter().position(|x| x == d)?;
                self.summaries[i].clone()
            })
            .collect()
    }

    fn index_of(&self, id: &str) -> Option<usize> {
        self.pack.documents.iter().position(|d| d.id() == id)
    }

    /// Why `t` cannot join `pack`, if it cannot.
    fn refusal(&self, pack: &Pack, t: &Incoming) -> Option<Notice> {
        if t.text.len() > MAX_TEXT_BYTES {
            return Some(Notice::TextTooLong {
                file: t.file.clone(),
                tenths_mb: ((t.text.len() as f64 / 1_048_576.0) * 10.0).round() as u32,
                max_mb: MAX_TEXT_BYTES / 1_048_576,
            });
        }
        if t.text.trim().is_empty() {
            return Some(Notice::NotAdded {
                file: t.file.clone(),
                why: FileProblem::NoText,
            });
        }
        if let Some(same) = pack.documents.iter().find(|d| d.text == t.text) {
            return Some(Notice::SameText {
                file: t.file.clone(),
                same: same.file.clone(),
            });
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn incoming(file: &str, text: &str) -> Incoming {
        Incoming {
            file: file.into(),
            text: text.into(),
            encoding: Some("UTF-8".into()),
            title: None,
        }
    }

    fn add(shelf: &Shelf, texts: Vec<Incoming>) -> (Shelf, Vec<Notice>) {
        shelf.apply(ShelfAction::Add {
            texts,
            problems: vec![],
        })
    }

    #[test]
    fn adds_with_unique_ids_and_refuses_with_reasons() {
        let shelf = Shelf::new(Pack::default(), None, false);
        let (s, notes) = add(
            &shelf,
            vec![
                incoming("a.txt", "題名\n\n本文です。"),
                incoming("a.txt", "別の本文です。"),
                incoming("b.txt", "題名\n\n本文です。"),
                incoming("empty.txt", " \n "),
            ],
        );
        let ids: Vec<String> = s.pack.documents.iter().map(|d| d.id()).collect();
        assert_eq!(ids, ["a", "a-2"]);
        assert_eq!(notes.len(), 2, "{notes:?}");
        assert!(notes[0].to_string().contains("same text") && notes[0].to_string().contains("a.txt"));
        assert!(notes[1].to_string().contains("no text"));
        assert!(s.is_changed());
        assert!(s.summaries.iter().all(Option::is_some));
        let pipeline = s.pipeline(ThemeSet::default());
        assert!(pipeline.summaries().len() == 2);
        // The analysis takes the documents parsed for the cards, the same as parsing anew.
        assert_eq!(pipeline.corpus().documents[0], s.pack.documents[0].parse());
        assert!(s.parsed.iter().all(|p| p.borrow().is_none()), "taken, not copied");
    }

    #[test]
    fn a_web_page_is_added_as_its_main_text() {
        let shelf = Shelf::new(Pack::default(), None, false);
        let page = "<html><head><title>頁の題</title></head><body><nav>メニュー</nav><main><p>本文である。</p></main></body></html>";
        let (s, _) = add(&shelf, vec![incoming("saved.html", page)]);
        let d = &s.pack.documents[0];
        assert_eq!(d.text, "本文である。\n");
        assert_eq!(d.title.as_deref(), Some("頁の題"));
        assert_eq!(s.summaries[0].as_ref().unwrap().title.as_deref(), Some("頁の題"));
    }

    #[test]
    fn a_title_the_file_names_is_the_fallback_title() {
        let shelf = Shelf::new(Pack::default(), None, false);
        let mut word = incoming("report.docx", "本文である。\n\n[^1]: 注の文。\n");
        word.title = Some("報告の題".into());
        word.encoding = Some("docx".into());
        let (s, _) = add(&shelf, vec![word]);
        let d = &s.pack.documents[0];
        assert_eq!(d.title.as_deref(), Some("報告の題"));
        assert_eq!(d.encoding.as_deref(), Some("docx"));
        assert_eq!(s.summaries[0].as_ref().unwrap().title.as_deref(), Some("報告の題"));
    }

    #[test]
    fn garbled_text_is_added_with_advice() {
        let shelf = Shelf::new(Pack::default(), None, false);
        let mojibake: String = "日米韓の三か国協力は、北朝鮮の核開発を背景に深まった。"
            .bytes()
            .map(char::from)
            .collect();
        let (s, notes) = add(&shelf, vec![incoming("bad.txt", &mojibake)]);
        assert_eq!(s.pack.documents.len(), 1);
        assert!(
            notes
                .iter()
                .any(|n| n.to_string().starts_with("bad.txt: added, but it looks garbled")),
            "{notes:?}"
        );
    }

    #[test]
    fn a_full_shelf_says_once_what_it_left_out() {
        let shelf = Shelf::new(Pack::default(), None, false);
        let texts = (0..MAX_DOCUMENTS + 7)
            .map(|i| incoming(&format!("d{i}.txt"), &format!("本文{i}。")))
            .collect();
        let (s, notes) = add(&shelf, texts);
        assert_eq!(s.pack.documents.len(), MAX_DOCUMENTS);
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(notes[0].to_string().starts_with("7 files not added"), "{}", notes[0]);
        assert!(
            notes[0].to_string().contains("d200.txt") && notes[0].to_string().ends_with(", …."),
            "the first five named: {}",
            notes[0]
        );
    }

    #[test]
    fn remove_reorder_correct_reset() {
        let shelf = Shelf::new(Pack::default(), None, false);
        let (s, _) = add(
            &shelf,
            vec![incoming("a.txt", "甲\n\n本文甲。"), incoming("b.txt", "乙\n\n本文乙。")],
        );
        let (s, _) = s.apply(ShelfAction::Reorder { id: "b".into(), by: -1 });
        assert_eq!(s.pack.documents[0].id(), "b");
        assert_eq!(s.summaries[0].as_ref().unwrap().id, "b");
        let (s, notes) = s.apply(ShelfAction::Correct {
            id: "a".into(),
            corrections: Corrections {
                title: Some(" 正しい題 ".into()),
                date: Some("2024-03".into()),
                ..Default::default()
            },
        });
        assert!(notes.is_empty());
        assert_eq!(s.summaries[1].as_ref().unwrap().title.as_deref(), Some("正しい題"));
        let (same, notes) = s.apply(ShelfAction::Correct {
            id: "a".into(),
            corrections: Corrections {
                date: Some("March".into()),
                ..Default::default()
            },
        });
        assert_eq!(same.pack, s.pack);
        assert_eq!(notes.len(), 1);
        let (s, _) = s.apply(ShelfAction::Remove("b".into()));
        assert_eq!(s.pack.documents.len(), 1);
        let (s, _) = s.apply(ShelfAction::Reset);
        assert!(!s.is_changed());
        assert!(s.pack.documents.is_empty());
    }

    #[test]
    fn themes_are_kept_and_removed() {
        let shelf = Shelf::new(Pack::default(), None, false);
        let theme = PackTheme {
            id: "mine-1".into(),
            label_ja: "住民".into(),
            terms: vec!["住民".into()],
        };
        let (s, _) = shelf.apply(ShelfAction::KeepTheme(theme.clone()));
        let (s, _) = s.apply(ShelfAction::KeepTheme(theme.clone()));
        assert_eq!(s.pack.themes, vec![theme]);
        assert!(s.is_changed());
        assert_eq!(crate::themes::shelf_themes(&s).len(), 1);
        let (s, _) = s.apply(ShelfAction::RemoveTheme("mine-1".into()));
        assert!(s.pack.themes.is_empty() && !s.is_changed());
    }

    #[test]
    fn publish_takes_web_addresses_only() {
        let shelf = Shelf::new(Pack::default(), None, false);
        let (s, n) = shelf.apply(ShelfAction::Publish("file:///home/t/pack.html".into()));
        assert!(s.pack.published.is_none() && n.len() == 1);
        let (s, n) = shelf.apply(ShelfAction::Publish("https://example.org/p.html".into()));
        assert_eq!(s.pack.published.as_deref(), Some("https://example.org/p.html"));
        assert!(n.is_empty());
        assert!(shelf.storage_key().starts_with("shelf-"));
    }
}
