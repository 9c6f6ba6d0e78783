//! How does raw text become a document? The parsing pipeline (total: never fails, never panics).
//!
//! `lines` (split, classify) → `notes` (find the note texts at the end) → `front` (title, byline,
//! dates) → `reflow` (join hard breaks, page breaks, ligatures into blocks) → `notes` (markers:
//! the 1, 2, 3… chain) → `reflow::finalize` (clean text) → `sentences` → ids and anchors.
//! Each stage is its own module and knows nothing of any particular document.

use crate::anchor::assign_anchors;
use crate::manifest::ManifestEntry;
use crate::model::{
    Corpus, DateKind, Diagnostic, DiagnosticKind, DocDate, Document, FactSource, Note, NoteRef, Passage, PassageKind,
    RemovalReason, RemovedLine, Section,
};
use crate::text::normalize::fold;
use std::collections::{BTreeMap, BTreeSet};

mod aozora;
mod front;
mod lines;
mod markdown;
mod notes;
mod reflow;
pub mod sentences;

use lines::HeadingStyle;
use reflow::{Item, Removal};

/// One input text with what the manifest says about it.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    /// Document id (slug).
    pub id: &'a str,
    /// Source file name.
    pub file: &'a str,
    /// The decoded text.
    pub text: &'a str,
    /// Manifest facts, if any.
    pub entry: Option<&'a ManifestEntry>,
}

/// Parse every source into a corpus, in order.
pub fn parse_corpus(sources: &[Source<'_>]) -> Corpus {
    Corpus {
        documents: sources.iter().map(|s| parse_document(*s)).collect(),
    }
}

/// Builds passages with ids in document order.
struct Assembler {
    passages: Vec<Passage>,
    sections: Vec<Section>,
    styles: Vec<HeadingStyle>,
    in_section: usize,
    /// By level (1–6): the index in `sections` of the latest section of that level.
    latest: [Option<usize>; 7],
}

impl Assembler {
    fn section_id(&self) -> Option<String> {
        self.sections.last().map(|s| s.id.clone())
    }

    fn push(
        &mut self,
        kind: PassageKind,
        text: String,
        line: usize,
        note_refs: Vec<NoteRef>,
        caption_of: Option<String>,
    ) -> String {
        self.in_section += 1;
        let sec = self.sections.len();
        let id = format!("s{sec}-p{}", self.in_section);
        self.passages.push(Passage {
            id: id.clone(),
            kind,
            section: self.section_id(),
            sentences: sentences::split(&text),
            normalized: fold(&text),
            text,
            note_refs,
            caption_of,
            anchor: Default::default(),
            source_line: line,
        });
        id
    }

    fn heading(&mut self, style: HeadingStyle, title: String, line: usize) {
        let level = if style == HeadingStyle::Named {
            1
        } else {
            let pos = self.styles.iter().position(|s| *s == style).unwrap_or_else(|| {
                self.styles.push(style.clone());
                self.styles.len() - 1
            });
            (pos + 1).min(6) as u8
        };
        let id = format!("s{}", self.sections.len() + 1);
        // The nearest section before of a higher level (a lower number): the latest of those
        // levels, not a walk back over every section (quadratic with thousands of headings).
        let parent = self.latest[..usize::from(level)]
            .iter()
            .flatten()
            .max()
            .map(|&i| self.sections[i].id.clone());
        self.latest[usize::from(level)] = Some(self.sections.len());
        self.sections.push(Section {
            id: id.clone(),
            title: title.clone(),
            level,
            parent,
        });
        self.in_section = 0;
        self.passages.push(Passage {
            id,
            kind: PassageKind::Heading,
            section: self.section_id(),
            sentences: sentences::split(&title),
            normalized: fold(&title),
            text: title,
            note_refs: vec![],
            caption_of: None,
            anchor: Default::default(),
            source_line: line,
        });
    }
}

/// Text of a few lines joined with the reflow rules (no marker removal).
fn joined(lines: &[String]) -> String {
    let mut chars: Vec<char> = Vec::new();
    for l in lines {
        if let (Some(&last), Some(first)) = (chars.last(), l.chars().next()) {
            if reflow::needs_space_pub(last, first) {
                chars.push(' ');
            }
        }
        chars.extend(l.chars());
    }
    reflow::finalize(&chars, &[], &mut 0).0
}

/// Parse one text into a document. Total: any string in, a document (maybe empty) out.
pub fn parse_document(src: Source<'_>) -> Document {
    let mut diag: Vec<(usize, DiagnosticKind, String)> = Vec::new();
    // Aozora-style notation (ruby, editorial notes) is dropped line by line; line numbers stay.
    // Named Markdown footnotes are numbered; Aozora-style notation (ruby, editorial notes) is
    // dropped line by line. Line numbers do not move.
    let numbered = markdown::number_footnotes(src.text);
    // TeX math in a Markdown source is read without its delimiters.
    let numbered = if markdown::opens_with_front_matter(&numbered) {
        std::borrow::Cow::Owned(markdown::strip_tex(&numbered).into_owned())
    } else {
        numbered
    };
    let cleaned = aozora::clean(&numbered);
    // Two columns side by side on the same lines are read one after the other.
    let mut all_lines = lines::unfold_columns(lines::split_lines(&cleaned));
    // Each line as the source has it.
    let source_lines = lines::unfold_columns(lines::split_lines(src.text));
    let originals: Vec<&str> = if source_lines.len() == all_lines.len() {
        source_lines.iter().map(|l| l.text).collect()
    } else {
        all_lines.iter().map(|l| l.text).collect()
    };
    let original = |i: usize| originals[i].to_string();
    let mut removed: Vec<RemovedLine> = Vec::new();
    let mut gone = vec![false; all_lines.len()];
    let mut remove = |all_lines: &mut [lines::Line<'_>], i: usize, reason: RemovalReason| {
        if !gone[i] {
            removed.push(RemovedLine {
                line: all_lines[i].no,
                text: original(i),
                reason,
            });
        }
        gone[i] = true;
        all_lines[i].text = "";
    };
    // An Aozora Bunko layout: the header gives the facts, the legend and colophon are removed.
    let mut header = aozora::Header::default();
    let layout = aozora::layout(&all_lines);
    if let Some(layout) = &layout {
        header = aozora::header(&all_lines, layout);
        for &i in &layout.header {
            all_lines[i].text = "";
        }
        for i in layout.legend.clone() {
            if !all_lines[i].text.is_empty() {
                remove(&mut all_lines, i, RemovalReason::NotationLegend);
            }
        }
        if let Some(start) = layout.colophon {
            for i in start..all_lines.len() {
                if !all_lines[i].text.is_empty() {
                    remove(&mut all_lines, i, RemovalReason::Colophon);
                }
            }
        }
    }
    // Markdown front matter: its title and date are the facts, the block is listed.
    let mut markdown_source = false;
    if header.title.is_none() {
        if let Some(fm) = markdown::front_matter(&all_lines) {
            markdown_source = true;
            // Link reference definitions (`[name]: https://…`) are markup, not text.
            for i in fm.lines.end..all_lines.len() {
                // Hugo shortcode lines too (a paired one's text between stays).
                if markdown::link_definition(all_lines[i].text) || markdown::shortcode_line(all_lines[i].text) {
                    remove(&mut all_lines, i, RemovalReason::Markup);
                }
            }
            header.title = fm.title;
            header.dates.extend(fm.date);
            for i in fm.lines {
                if !all_lines[i].text.is_empty() {
                    remove(&mut all_lines, i, RemovalReason::FrontMatter);
                }
            }
        }
    }
    // Lines that were nothing but notation (［＃ここから２字下げ］).
    if originals.len() == all_lines.len() {
        for i in 0..all_lines.len() {
            if all_lines[i].text.is_empty() && !originals[i].is_empty() && !header.lines.contains(&i) {
                remove(&mut all_lines, i, RemovalReason::Markup);
            }
        }
    }
    for i in lines::table_of_contents(&all_lines) {
        remove(&mut all_lines, i, RemovalReason::TableOfContents);
    }
    // Page numbers and running headers/footers become page breaks (blank lines), which the
    // reflow joins across when a sentence continues.
    let mut furniture = lines::page_furniture(&all_lines);
    // Notes printed at the foot of each page: their lines (and number lines taken for page
    // numbers) are the notes'.
    let (foot_notes, foot_lines) = notes::page_feet(&all_lines, &mut furniture);
    for &i in &foot_lines {
        all_lines[i].text = "";
    }
    // The chapter heading printed on the first page and repeated as the pages' running head
    // (`第1章 国際情勢認識と…`): the chapter's title, should the text state no other.
    let chapter_title = lines::first_page_chapter(&all_lines, &furniture);
    let mut pages = 0;
    for (i, f) in furniture.iter().enumerate() {
        if let Some(reason) = *f {
            remove(&mut all_lines, i, reason);
            pages += 1;
        }
    }
    if pages > 0 {
        diag.push((
            0,
            DiagnosticKind::Cleaned,
            format!("{pages} page number or running header/footer line(s) removed"),
        ));
    }
    // Markdown footnote definitions may stand anywhere (after the paragraph that cites them).
    let definitions = markdown::definitions(&all_lines);
    for (i, _) in &definitions {
        all_lines[*i].text = "";
    }
    // A text with Markdown footnote definitions has its notes there.
    let mut region = if definitions.is_empty() && foot_notes.is_empty() {
        notes::split_region(&all_lines)
    } else {
        (all_lines.len(), all_lines.len(), Vec::new())
    };
    let (diag_len, removed_len) = (diag.len(), removed.len());
    // Notes set across the page in a text of narrow columns, once looked for.
    let mut across: Option<Vec<notes::NoteText>> = None;
    let (front, items, note_texts, chain) = loop {
        let (notes_start, notes_end, mut note_texts) = std::mem::take(&mut region);
        let from_region = !note_texts.is_empty();
        note_texts.extend(definitions.iter().map(|(_, n)| n.clone()));
        note_texts.extend(foot_notes.iter().cloned());
        note_texts.extend(across.iter().flatten().cloned());
        crate::text::sort::by_key(&mut note_texts, |n| n.number);
        note_texts.dedup_by_key(|n| n.number);
        let body_lines = &all_lines[..notes_start];
        let mut wrap = reflow::Wrap::measure(body_lines);
        // An Aozora Bunko text is never wrapped: each line is a paragraph.
        wrap.line_per_paragraph = layout.is_some();
        wrap.blank_is_break = markdown_source;
        let mut front = front::parse(body_lines, &wrap, header.title.is_some());
        if header.title.is_some() {
            front.title = header.title.clone();
            front.subtitle = header.subtitle.clone();
        }
        let mut items = reflow::build(
            &body_lines[front.body_start.min(body_lines.len())..],
            &wrap,
            &mut diag,
            &mut removed,
        );
        // What closes the text after the notes (a publication line).
        items.extend(reflow::build(&all_lines[notes_end..], &wrap, &mut diag, &mut removed));

        // Markers: candidates over all blocks, then the 1, 2, 3… chain.
        let mut cands = Vec::new();
        for (i, item) in items.iter().enumerate() {
            if let Item::Block(b) = item {
                notes::candidates(i, &b.chars, &b.boundary, &mut cands);
            }
        }
        let text_numbers: BTreeSet<u32> = note_texts.iter().map(|n| n.number).collect();
        let chain = notes::choose_chain(&cands, !note_texts.is_empty(), &text_numbers);
        // Numbered paragraphs at the end that nothing refers to and no notes heading announces
        // are an enumeration of the body ((1)…(2)…(3)…), not notes: read them again as body.
        if from_region && chain.is_empty() && !notes::announced(&all_lines[..notes_start]) {
            diag.truncate(diag_len);
            removed.truncate(removed_len);
            region = (all_lines.len(), all_lines.len(), Vec::new());
            continue;
        }
        // Markers but no note texts in a hard-wrapped text: notes may stand across the page.
        if note_texts.is_empty() && !chain.is_empty() && wrap.hard && across.is_none() {
            let numbers: BTreeSet<u32> = chain.iter().map(|c| c.number).collect();
            let found = notes::set_across(&all_lines[..notes_start], wrap.width, &numbers);
            across = Some(Vec::new());
            if !found.is_empty() {
                for (range, note) in found {
                    for line in &mut all_lines[range] {
                        line.text = "";
                    }
                    across.get_or_insert_with(Vec::new).push(note);
                }
                diag.truncate(diag_len);
                removed.truncate(removed_len);
                region = (notes_start, notes_end, Vec::new());
                continue;
            }
        }
        break (front, items, note_texts, chain);
    };
    let mut removals: BTreeMap<usize, Vec<Removal>> = BTreeMap::new();
    for c in &chain {
        removals.entry(c.block).or_default().push(Removal {
            start: c.start,
            end: c.end,
            space_before: c.space_before,
            number: c.number,
        });
    }

    let mut asm = Assembler {
        passages: Vec::new(),
        sections: Vec::new(),
        styles: Vec::new(),
        in_section: 0,
        latest: [None; 7],
    };
    // Front matter lines that stand in the text (byline, affiliation, dates) are meta passages.
    let mut meta: Vec<(usize, String)> = Vec::new();
    meta.extend(front.author.iter().cloned());
    meta.extend(front.affiliation.iter().cloned());
    // A date taken out of the byline (line 0) is in the byline's passage already.
    meta.extend(
        front
            .dates
            .iter()
            .filter(|d| d.0 > 0)
            .map(|(l, t, _, _)| (*l, t.clone())),
    );
    crate::text::sort::ascending(&mut meta);
    for (line, text) in meta {
        asm.push(PassageKind::Meta, text, line, vec![], None);
    }
    let mut dates: Vec<(String, String, DateKind)> = front
        .dates
        .iter()
        .map(|(_, t, iso, k)| (t.clone(), iso.clone(), *k))
        .chain(header.dates.iter().cloned())
        .collect();
    let mut ligatures = 0usize;
    for (i, item) in items.into_iter().enumerate() {
        match item {
            Item::Heading { line, heading } => asm.heading(heading.style, joined(&[heading.title]), line),
            Item::Date { line, text, iso, kind } => {
                dates.push((text.clone(), iso, kind));
                asm.push(PassageKind::Meta, text, line, vec![], None);
            }
            Item::Caption { line, text } => {
                let of = asm
                    .passages
                    .last()
                    .filter(|p| p.kind != PassageKind::Heading)
                    .map(|p| p.id.clone());
                asm.push(PassageKind::Caption, text, line, vec![], of);
            }
            Item::Block(b) => {
                let rem = removals.remove(&i).unwrap_or_default();
                let (text, refs) = reflow::finalize(&b.chars, &rem, &mut ligatures);
                let refs = refs
                    .into_iter()
                    .map(|(number, offset)| NoteRef { number, offset })
                    .collect();
                let id = if text.is_empty() {
                    None
                } else {
                    Some(asm.push(b.kind, text, b.line, refs, None))
                };
                for (line, cap) in b.captions {
                    let cap = joined(&[cap]);
                    asm.push(PassageKind::Caption, cap, line, vec![], id.clone());
                }
            }
        }
    }
    if ligatures > 0 {
        diag.push((
            0,
            DiagnosticKind::LigatureJoined,
            format!("{ligatures} Latin word(s) broken after a ligature (fi/fl) were joined"),
        ));
    }

    // Notes: every number that has a marker or a text.
    let texts: BTreeMap<u32, &notes::NoteText> = note_texts.iter().map(|n| (n.number, n)).collect();
    let referenced: BTreeSet<u32> = chain.iter().map(|c| c.number).collect();
    let numbers: BTreeSet<u32> = referenced.iter().copied().chain(texts.keys().copied()).collect();
    let mut notes_out = Vec::new();
    let mut missing = Vec::new();
    for n in numbers {
        match texts.get(&n) {
            Some(t) => {
                let text = joined(&t.lines);
                let id = format!("n{n}");
                asm.passages.push(Passage {
                    id: id.clone(),
                    kind: PassageKind::Note,
                    section: None,
                    sentences: sentences::split(&text),
                    normalized: fold(&text),
                    text: text.clone(),
                    note_refs: vec![],
                    caption_of: None,
                    anchor: Default::default(),
                    source_line: t.line,
                });
                if !referenced.contains(&n) {
                    diag.push((
                        t.line,
                        DiagnosticKind::UnreferencedNote,
                        format!("note {n} has no marker in the text"),
                    ));
                }
                notes_out.push(Note {
                    number: n,
                    text: Some(text),
                    passage: Some(id),
                });
            }
            None => {
                missing.push(n);
                notes_out.push(Note {
                    number: n,
                    text: None,
                    passage: None,
                });
            }
        }
    }
    if !missing.is_empty() {
        diag.push((
            0,
            DiagnosticKind::MissingNoteText,
            format!(
                "{} note marker(s) have no note text in the source ({})",
                missing.len(),
                ranges(&missing)
            ),
        ));
    }
    assign_anchors(&mut asm.passages);
    if asm.passages.is_empty() {
        diag.push((0, DiagnosticKind::Empty, "the text has no readable content".into()));
    }

    // Facts: the text first, then the manifest, never a guess.
    let entry = src.entry;
    let (title, title_source) = match (front.title.or(chapter_title), entry.and_then(|e| e.title.clone())) {
        (Some(t), _) => (Some(joined(&[t])), Some(FactSource::Text)),
        (None, Some(t)) => (Some(t), Some(FactSource::Manifest)),
        (None, None) => (None, None),
    };
    // The first line of the text, for a speaker's mark.
    let first_line = all_lines.iter().map(|l| l.text).find(|t| !t.is_empty());
    let author = header
        .author
        .or(front.author_name)
        .or(front.author.map(|(_, a)| a))
        .or(front.issuer)
        .or_else(|| speaker(first_line))
        .or_else(|| entry.and_then(|e| e.author.clone()));
    let date = pick_date(&dates).or_else(|| {
        let iso = entry.and_then(|e| e.date.clone())?;
        Some(DocDate {
            text: iso.clone(),
            iso,
            kind: DateKind::Other,
            source: FactSource::Manifest,
        })
    });
    crate::text::sort::by_key(&mut diag, |d| d.0);
    Document {
        id: src.id.to_string(),
        source_file: src.file.to_string(),
        title,
        title_source,
        subtitle: front.subtitle,
        author,
        affiliation: front.affiliation.map(|(_, a)| a),
        date,
        sections: asm.sections,
        passages: asm.passages,
        notes: notes_out,
        diagnostics: diag
            .into_iter()
            .map(|(line, kind, message)| Diagnostic { line, kind, message })
            .collect(),
        removed: {
            crate::text::sort::by_key(&mut removed, |r| r.line);
            removed
        },
    }
}

/// A speaker's mark opening a record of proceedings (`○山田太郎君　…`): the speaker's name.
fn speaker(first_line: Option<&str>) -> Option<String> {
    let rest = first_line?.strip_prefix('○')?;
    let (mark, _) = rest.split_once(['\u{3000}', ' '])?;
    let name = mark.strip_suffix('君')?;
    let n = name.chars().count();
    ((2..=12).contains(&n)
        && name
            .chars()
            .all(|c| crate::text::chars::is_kanji(c) || crate::text::chars::is_kana(c)))
    .then(|| name.to_string())
}

/// The document's date: the first publication date, else the first completion date, else any.
fn pick_date(dates: &[(String, String, DateKind)]) -> Option<DocDate> {
    [DateKind::Published, DateKind::Completed, DateKind::Other]
        .iter()
        .find_map(|k| {
            dates.iter().find(|d| d.2 == *k).map(|(text, iso, kind)| DocDate {
                iso: iso.clone(),
                kind: *kind,
                text: text.clone(),
                source: FactSource::Text,
            })
        })
}

/// `1–3, 5` style summary of sorted numbers.
fn ranges(ns: &[u32]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < ns.len() {
        let mut j = i;
        while j + 1 < ns.len() && ns[j + 1] == ns[j] + 1 {
            j += 1;
        }
        out.push(if i == j {
            ns[i].to_string()
        } else {
            format!("{}–{}", ns[i], ns[j])
        });
        i = j + 1;
    }
    out.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by the adversarial figures (benches/adversarial.rs): every level-1 heading walked
    /// back over all sections for a parent (1 MB of headings: 2.6 s to parse). Parents are still
    /// the nearest section before of a higher level.
    #[test]
    fn section_parents_are_the_nearest_higher_section() {
        let text = "1.日米韓協力\n\n(1)北朝鮮の核\n\n● 拡大抑止\n\n(2)制裁\n\nはじめに\n\n● 対話\n\n".repeat(100);
        let doc = parse_document(Source {
            id: "d",
            file: "d.txt",
            text: &text,
            entry: None,
        });
        assert!(doc.sections.len() >= 500, "{} sections", doc.sections.len());
        for (i, s) in doc.sections.iter().enumerate() {
            let nearest = doc.sections[..i]
                .iter()
                .rev()
                .find(|p| p.level < s.level)
                .map(|p| p.id.clone());
            assert_eq!(s.parent, nearest, "parent of {} ({})", s.id, s.title);
        }
        assert!(doc.sections.iter().any(|s| s.parent.is_some()));
    }
}
