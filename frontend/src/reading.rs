//! How is a parsed document laid out for reading? Pure helpers the components call: the order
//! passages are shown in, where footnote markers split a passage's text, what a library card says.
//! No `web-sys` here, so all of it is tested natively.

use crate::i18n::{self, Lang};
use yomikurabe_core::model::{DateKind, DocDate, Document, NoteRef, Passage, PassageKind};

/// The title to show for a document (`(untitled)`, `（無題）` when it has none).
pub fn title(doc: &Document, lang: Lang) -> &str {
    title_of(doc.title.as_deref(), lang)
}

/// The title to show for a document whose title is `title`.
pub fn title_of(title: Option<&str>, lang: Lang) -> &str {
    title.filter(|t| !t.trim().is_empty()).unwrap_or(lang.t().untitled)
}

/// The document's own title, empty when it has none (for notices, which say "untitled" in the
/// language they are shown in).
pub fn own_title(doc: &Document) -> String {
    doc.title.as_deref().map(str::trim).unwrap_or_default().to_string()
}

/// The date line to show, when the document's date is known.
pub fn date_line(doc: &Document, lang: Lang) -> Option<String> {
    date_line_of(doc.date.as_ref(), lang)
}

/// The date line to show for a document dated `date`.
pub fn date_line_of(date: Option<&DocDate>, lang: Lang) -> Option<String> {
    let d = date?;
    let shown = i18n::date(lang, &d.iso);
    let t = lang.t();
    Some(match d.kind {
        DateKind::Published => i18n::fill(t.published_on, &[&shown]),
        DateKind::Completed => i18n::fill(t.completed_on, &[&shown]),
        DateKind::Other => shown,
    })
}

/// `12,345 characters` (`12,345字`).
pub fn length_line(chars: usize, lang: Lang) -> String {
    i18n::fill(lang.t().n_characters, &[&i18n::thousands(chars), &i18n::s(chars)])
}

/// Reading order: the body (captions moved right after the passage they belong to) and the notes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReadingOrder {
    /// Indexes into `Document::passages` of the body, in the order to show them.
    pub body: Vec<usize>,
    /// Indexes of the note passages, in document order.
    pub notes: Vec<usize>,
}

/// Where each passage of `doc` is shown.
pub fn reading_order(doc: &Document) -> ReadingOrder {
    let ps = &doc.passages;
    let is_body = |p: &Passage| p.kind != PassageKind::Note;
    // A caption moves after its passage only when that passage is in the body (and is not itself
    // a caption: no chains), so every passage is shown exactly once.
    let host = |p: &Passage| -> Option<usize> {
        if p.kind != PassageKind::Caption {
            return None;
        }
        let of = p.caption_of.as_deref()?;
        ps.iter()
            .position(|h| h.id == of && is_body(h) && h.kind != PassageKind::Caption)
    };
    let hosts: Vec<Option<usize>> = ps.iter().map(host).collect();
    let mut order = ReadingOrder::default();
    for (i, p) in ps.iter().enumerate() {
        if !is_body(p) {
            order.notes.push(i);
        } else if hosts[i].is_none() {
            order.body.push(i);
            order.body.extend((0..ps.len()).filter(|&c| hosts[c] == Some(i)));
        }
    }
    order
}

/// A piece of a passage's text: running text, or a footnote marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segment<'a> {
    /// Text to show as is.
    Text(&'a str),
    /// Marker of note `number`; `index` is its position in `Passage::note_refs`.
    Marker {
        /// The note number.
        number: u32,
        /// Index into `note_refs`.
        index: usize,
    },
}

/// Split `text` at its note markers. Offsets out of range or off a char boundary are moved to
/// the nearest valid place before them, never dropped; markers keep their order.
pub fn segments<'a>(text: &'a str, refs: &[NoteRef]) -> Vec<Segment<'a>> {
    let mut marks: Vec<(usize, usize, u32)> = refs
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mut at = r.offset.min(text.len());
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            (at, i, r.number)
        })
        .collect();
    yomikurabe_core::text::sort::by_key(&mut marks, |&(at, i, _)| (at, i));
    let mut out = Vec::with_capacity(marks.len() * 2 + 1);
    let mut from = 0;
    for (at, index, number) in marks {
        if at > from {
            out.push(Segment::Text(&text[from..at]));
            from = at;
        }
        out.push(Segment::Marker { number, index });
    }
    if from < text.len() {
        out.push(Segment::Text(&text[from..]));
    }
    out
}

/// HTML heading level (2–6) for a heading passage: the column title is `h2`, section level 1 is `h3`.
pub fn heading_tag(doc: &Document, p: &Passage) -> &'static str {
    let level = doc.section(&p.id).map_or(1, |s| s.level.max(1));
    match level {
        1 => "h3",
        2 => "h4",
        3 => "h5",
        _ => "h6",
    }
}

/// The note number a note passage holds (`n7` → 7), from the notes table, else from its id.
pub fn note_number(doc: &Document, p: &Passage) -> Option<u32> {
    doc.notes
        .iter()
        .find(|n| n.passage.as_deref() == Some(p.id.as_str()))
        .map(|n| n.number)
        .or_else(|| p.id.strip_prefix('n').and_then(|n| n.parse().ok()))
}

/// Every body passage whose text carries a marker for note `number`, in document order.
pub fn references(doc: &Document, number: u32) -> Vec<&Passage> {
    doc.passages
        .iter()
        .filter(|p| p.kind != PassageKind::Note && p.note_refs.iter().any(|r| r.number == number))
        .collect()
}

/// A piece of a note text: plain text or a web address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Text to show as is.
    Text(&'a str),
    /// A URL as written, and the address a link may open (`http`/`https` only).
    Link(&'a str, String),
}

/// Split `text` at its web addresses (as `core` finds them), so they can become links.
pub fn link_pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut at = 0;
    for r in yomikurabe_core::text::span::url_ranges(text) {
        let (Some(before), Some(url)) = (text.get(at..r.start), text.get(r.clone())) else {
            continue;
        };
        if !before.is_empty() {
            out.push(Piece::Text(before));
        }
        match href(url) {
            Some(h) => out.push(Piece::Link(url, h)),
            None => out.push(Piece::Text(url)),
        }
        at = r.end;
    }
    if let Some(rest) = text.get(at..).filter(|r| !r.is_empty()) {
        out.push(Piece::Text(rest));
    }
    out
}

/// The address a link to `url` may open: `http(s)://…` as is, `www.…` with `https://`; `None`
/// for anything else (no `javascript:` or `data:` links).
pub fn href(url: &str) -> Option<String> {
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        Some(url.to_string())
    } else if lower.starts_with("www.") {
        Some(format!("https://{url}"))
    } else {
        None
    }
}

/// A link as people read it: percent-escapes of non-ASCII characters decoded
/// (`q=%E9%9F%93…` → `q=韓…`), ASCII escapes (`%26`, `%25`, `%20`…) kept, so the link still parses
/// the same (browsers encode it again when it is followed).
pub fn readable_link(url: &str) -> String {
    let bytes = url.as_bytes();
    let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let mut out: Vec<u8> = Vec::with_capacity(url.len());
    let mut i = 0;
    while i < bytes.len() {
        // A run of %XX escapes of bytes >= 0x80: decode it if it is valid UTF-8.
        let mut run: Vec<u8> = Vec::new();
        let mut j = i;
        while j + 2 < bytes.len() && bytes[j] == b'%' {
            match (hex(bytes[j + 1]), hex(bytes[j + 2])) {
                (Some(h), Some(l)) if h * 16 + l >= 0x80 => {
                    run.push(h * 16 + l);
                    j += 3;
                }
                _ => break,
            }
        }
        if !run.is_empty() {
            match std::str::from_utf8(&run) {
                Ok(s) => out.extend_from_slice(s.as_bytes()),
                Err(_) => out.extend_from_slice(&bytes[i..j]),
            }
            i = j;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| url.to_string())
}

/// The text of note `number`, if the source has it.
pub fn note_text(doc: &Document, number: u32) -> Option<&str> {
    doc.note(number)
        .and_then(|n| n.text.as_deref())
        .filter(|t| !t.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readable_links_decode_japanese_and_keep_ascii_escapes() {
        let url = "http://h/#docs=a&focus=a/s1&q=%E9%9F%93%E5%9B%BD%26%25+x";
        assert_eq!(readable_link(url), "http://h/#docs=a&focus=a/s1&q=韓国%26%25+x");
        // It reads back as the same view.
        let (a, _) = crate::view_state::ViewState::parse(url.split_once('#').unwrap().1);
        let (b, _) = crate::view_state::ViewState::parse(readable_link(url).split_once('#').unwrap().1);
        assert_eq!(a, b);
        // Broken or partial escapes stay as they are.
        assert_eq!(readable_link("a%E9%9Fb%ZZ%"), "a%E9%9Fb%ZZ%");
        assert_eq!(readable_link(""), "");
    }

    #[test]
    fn note_urls_become_links_and_nothing_else_does() {
        let t = "「声明」外務省、https://www.mofa.go.jp/a.pdf; 防衛省 www.mod.go.jp/j/ を参照。";
        let pieces = link_pieces(t);
        assert_eq!(
            pieces,
            [
                Piece::Text("「声明」外務省、"),
                Piece::Link("https://www.mofa.go.jp/a.pdf", "https://www.mofa.go.jp/a.pdf".into()),
                Piece::Text("; 防衛省 "),
                Piece::Link("www.mod.go.jp/j/", "https://www.mod.go.jp/j/".into()),
                Piece::Text(" を参照。"),
            ]
        );
        let joined: String = pieces
            .iter()
            .map(|p| match p {
                Piece::Text(t) | Piece::Link(t, _) => *t,
            })
            .collect();
        assert_eq!(joined, t);
        assert_eq!(link_pieces("javascript:alert(1)"), [Piece::Text("javascript:alert(1)")]);
        assert_eq!(href("javascript:alert(1)"), None);
        assert!(link_pieces("").is_empty());
    }
    use yomikurabe_core::model::{DocDate, FactSource, Note, Section};

    fn passage(id: &str, kind: PassageKind, text: &str) -> Passage {
        Passage {
            id: id.into(),
            kind,
            section: None,
            text: text.into(),
            note_refs: vec![],
            sentences: vec![],
            caption_of: None,
            normalized: text.into(),
            anchor: Default::default(),
            source_line: 1,
        }
    }

    fn doc(passages: Vec<Passage>) -> Document {
        Document {
            id: "d".into(),
            passages,
            ..Default::default()
        }
    }

    #[test]
    fn titles_dates_lengths() {
        let mut d = doc(vec![]);
        assert_eq!(title(&d, Lang::En), "(untitled)");
        assert_eq!(title(&d, Lang::Ja), "（無題）");
        assert_eq!(own_title(&d), "");
        assert_eq!(date_line(&d, Lang::En), None);
        d.title = Some("題".into());
        d.date = Some(DocDate {
            iso: "2024-05-07".into(),
            kind: DateKind::Published,
            text: "掲載日：2024年5月7日".into(),
            source: FactSource::Text,
        });
        assert_eq!(title(&d, Lang::En), "題");
        assert_eq!(date_line(&d, Lang::En).as_deref(), Some("Published 7 May 2024"));
        assert_eq!(date_line(&d, Lang::Ja).as_deref(), Some("公開日：2024年5月7日"));
        assert_eq!(length_line(0, Lang::En), "0 characters");
        assert_eq!(length_line(1, Lang::En), "1 character");
        assert_eq!(length_line(999, Lang::En), "999 characters");
        assert_eq!(length_line(12345, Lang::En), "12,345 characters");
        assert_eq!(length_line(1234567, Lang::Ja), "1,234,567字");
    }

    #[test]
    fn opening_prefers_the_first_paragraph() {
        let d = doc(vec![
            passage("s1", PassageKind::Heading, "見出し"),
            passage("s1-p1", PassageKind::Meta, "著者"),
            passage("s1-p2", PassageKind::Paragraph, "  本文の最初の段落です。  "),
        ]);
        assert_eq!(&d.opening(100), "本文の最初の段落です。");
        assert_eq!(&d.opening(4), "本文の最…");
        let only_heading = doc(vec![passage("s1", PassageKind::Heading, "見出し")]);
        assert_eq!(&only_heading.opening(10), "見出し");
        assert_eq!(doc(vec![]).opening(10), "");
        let list = doc(vec![
            passage("s1", PassageKind::Heading, "H"),
            passage("s1-p1", PassageKind::ListItem, "項目"),
        ]);
        assert_eq!(&list.opening(10), "項目");
    }

    #[test]
    fn captions_follow_their_passage_and_notes_go_last() {
        let mut cap = passage("s0-p1", PassageKind::Caption, "写真");
        cap.caption_of = Some("s0-p3".into());
        let mut orphan = passage("s0-p4", PassageKind::Caption, "図");
        orphan.caption_of = Some("nowhere".into());
        let d = doc(vec![
            cap,
            passage("n1", PassageKind::Note, "注"),
            passage("s0-p2", PassageKind::Paragraph, "a"),
            passage("s0-p3", PassageKind::Paragraph, "b"),
            orphan,
        ]);
        let o = reading_order(&d);
        assert_eq!(o.body, vec![2, 3, 0, 4]);
        assert_eq!(o.notes, vec![1]);
    }

    #[test]
    fn every_passage_shown_once_even_with_caption_chains() {
        let mut a = passage("c1", PassageKind::Caption, "x");
        a.caption_of = Some("c2".into());
        let mut b = passage("c2", PassageKind::Caption, "y");
        b.caption_of = Some("c1".into());
        let mut to_note = passage("c3", PassageKind::Caption, "z");
        to_note.caption_of = Some("n1".into());
        let d = doc(vec![a, b, passage("n1", PassageKind::Note, "n"), to_note]);
        let o = reading_order(&d);
        let mut all: Vec<usize> = o.body.iter().chain(&o.notes).copied().collect();
        yomikurabe_core::text::sort::ascending(&mut all);
        assert_eq!(all, vec![0, 1, 2, 3]);
    }

    #[test]
    fn segments_split_at_markers() {
        let refs = |v: &[(u32, usize)]| {
            v.iter()
                .map(|&(number, offset)| NoteRef { number, offset })
                .collect::<Vec<_>>()
        };
        let text = "日米韓協力。北朝鮮";
        let mid = "日米韓協力。".len();
        assert_eq!(
            segments(text, &refs(&[(1, mid), (2, text.len())])),
            vec![
                Segment::Text("日米韓協力。"),
                Segment::Marker { number: 1, index: 0 },
                Segment::Text("北朝鮮"),
                Segment::Marker { number: 2, index: 1 },
            ]
        );
        assert_eq!(segments(text, &[]), vec![Segment::Text(text)]);
        assert_eq!(segments("", &[]), vec![]);
        // Off a char boundary, past the end, unsorted: still every marker, no panic.
        let odd = segments(text, &refs(&[(3, 10_000), (4, 1), (5, 0)]));
        assert_eq!(
            odd,
            vec![
                Segment::Marker { number: 4, index: 1 },
                Segment::Marker { number: 5, index: 2 },
                Segment::Text(text),
                Segment::Marker { number: 3, index: 0 },
            ]
        );
    }

    #[test]
    fn headings_and_notes() {
        let mut d = doc(vec![
            passage("s2", PassageKind::Heading, "節"),
            passage("n7", PassageKind::Note, "注七"),
        ]);
        d.sections.push(Section {
            id: "s2".into(),
            title: "節".into(),
            level: 2,
            parent: None,
        });
        d.notes.push(Note {
            number: 7,
            text: Some("注七".into()),
            passage: Some("n7".into()),
        });
        d.notes.push(Note {
            number: 8,
            text: None,
            passage: None,
        });
        assert_eq!(heading_tag(&d, &d.passages[0]), "h4");
        assert_eq!(note_number(&d, &d.passages[1]), Some(7));
        assert_eq!(note_text(&d, 7), Some("注七"));
        assert_eq!(note_text(&d, 8), None);
        assert_eq!(note_text(&d, 9), None);
        assert!(references(&d, 7).is_empty());
        d.passages[0].note_refs.push(NoteRef { number: 7, offset: 3 });
        let ids: Vec<&str> = references(&d, 7).iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["s2"]);
    }
}
