//! A Word file (`.docx`) → the text a person reads in it. A `.docx` is a zip of XML parts; the
//! zip's central directory is read here (stored and deflated entries, inflated with
//! `miniz_oxide` and bounded against zip bombs; zip64 and encrypted files are refused with a
//! reason), then `word/document.xml` is scanned tag by tag: paragraphs become blocks with blank
//! lines between, headings (styles Title, Heading 1–6, by id or by name in `word/styles.xml`,
//! or an outline level) Markdown headings (`#`…`######`), table rows one line each, ruby keeps
//! its base text, deleted revisions are dropped. Footnotes and endnotes become Markdown named
//! footnotes: `[^N]` where the reference stands and `[^N]: text` lines at the end, numbered in
//! order of first reference, which the parser links like any Markdown text. Total: any bytes
//! in, a text or a reason out, never a panic.

use super::html::decode_references;
use std::collections::HashMap;

/// What a Word file gives.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocxText {
    /// `docProps/core.xml`'s `dc:title`, if it is not empty.
    pub title: Option<String>,
    /// Always `None`: `dc:creator` is the account that first saved the file (often a
    /// template's or a shared computer's), not reliably the author; the parser reads bylines.
    pub author: Option<String>,
    /// The reading text, one block per paragraph (blank lines between).
    pub text: String,
}

/// The most bytes the parts read may inflate to, all together (more is taken for a zip bomb).
pub const MAX_ENTRY_BYTES: usize = 64 * 1024 * 1024;

/// Whether a file is a Word document: its name (`.docx`), or a zip holding `word/document.xml`.
pub fn is_docx(file: &str, bytes: &[u8]) -> bool {
    file.to_ascii_lowercase().ends_with(".docx")
        || (bytes.starts_with(b"PK\x03\x04") && Zip::open(bytes).is_ok_and(|z| z.entry("word/document.xml").is_some()))
}

/// The text of a Word file, or why there is none.
pub fn docx_text(bytes: &[u8]) -> Result<DocxText, String> {
    let zip = Zip::open(bytes)?;
    let part = |name: &str| -> Result<Option<String>, String> {
        match zip.entry(name) {
            None => Ok(None),
            Some(e) => zip.read(&e).map(|b| Some(utf8(b))),
        }
    };
    let document =
        part("word/document.xml")?.ok_or("it is a zip file without word/document.xml, not a Word document (.docx)")?;
    let styles = part("word/styles.xml")
        .ok()
        .flatten()
        .map(|s| heading_styles(&s))
        .unwrap_or_default();
    let mut notes = Notes::default();
    let body = scan(&document, &styles, &mut notes, Part::Body);
    let mut texts: HashMap<(bool, String), String> = HashMap::new();
    for (endnote, name) in [(false, "word/footnotes.xml"), (true, "word/endnotes.xml")] {
        if notes.order.iter().any(|(e, _)| *e == endnote) {
            if let Ok(Some(xml)) = part(name) {
                for (id, text) in note_texts(&xml, &styles, endnote) {
                    texts.entry((endnote, id)).or_insert(text);
                }
            }
        }
    }
    // Numbered again over the notes that have a text (a reference to none is dropped).
    let mut numbers = Vec::new();
    let mut definitions = String::new();
    let mut defined = 0;
    for key in &notes.order {
        match texts.get(key).filter(|t| !t.is_empty()) {
            Some(t) => {
                defined += 1;
                definitions.push_str(&format!("[^{defined}]: {t}\n"));
                numbers.push(Some(defined));
            }
            None => numbers.push(None),
        }
    }
    let mut text = String::with_capacity(body.len());
    let mut rest = body.as_str();
    while let Some(at) = rest.find(MARK_OPEN) {
        text.push_str(&rest[..at]);
        let after = &rest[at + MARK_OPEN.len_utf8()..];
        let end = after.find(MARK_CLOSE).unwrap_or(after.len());
        let n = after[..end]
            .parse::<usize>()
            .ok()
            .and_then(|i| numbers.get(i.wrapping_sub(1)).copied().flatten());
        if let Some(n) = n {
            text.push_str(&format!("[^{n}]"));
        }
        rest = after.get(end + MARK_CLOSE.len_utf8()..).unwrap_or("");
    }
    text.push_str(rest);
    if !definitions.is_empty() {
        text.push('\n');
        text.push_str(&definitions);
    }
    let core = part("docProps/core.xml").ok().flatten().unwrap_or_default();
    let title = element_text(&core, "title").filter(|t| !t.is_empty());
    Ok(DocxText {
        title,
        author: None,
        text,
    })
}

/// Where a note reference stands in the scanned body, until the notes are numbered (control
/// characters XML text cannot hold).
const MARK_OPEN: char = '\u{1}';
const MARK_CLOSE: char = '\u{2}';

/// Bytes as text (a BOM dropped; invalid sequences replaced, never refused).
fn utf8(mut bytes: Vec<u8>) -> String {
    if bytes.starts_with(b"\xef\xbb\xbf") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

// ---------------------------------------------------------------------------------------------
// The zip container.

/// An entry of the central directory.
#[derive(Debug, Clone)]
struct Entry {
    method: u16,
    compressed: usize,
    offset: usize,
}

/// A zip file's central directory, read.
struct Zip<'a> {
    bytes: &'a [u8],
    entries: Vec<(String, Entry)>,
    /// Bytes inflated so far (bounded by [`MAX_ENTRY_BYTES`]).
    spent: std::cell::Cell<usize>,
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at.checked_add(2)?)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at.checked_add(4)?)?.try_into().ok()?))
}

const NOT_ZIP: &str = "it is not a Word document (.docx): no zip directory was found in it";

impl<'a> Zip<'a> {
    fn open(bytes: &'a [u8]) -> Result<Self, String> {
        // The end of central directory record: the last signature within the comment's reach.
        let earliest = bytes.len().saturating_sub(22 + 65_535);
        let end = (earliest..bytes.len().saturating_sub(21))
            .rev()
            .find(|&i| u32_at(bytes, i) == Some(0x0605_4b50))
            .ok_or(NOT_ZIP)?;
        let count = u16_at(bytes, end + 10).ok_or(NOT_ZIP)?;
        let dir_size = u32_at(bytes, end + 12).ok_or(NOT_ZIP)?;
        let dir_offset = u32_at(bytes, end + 16).ok_or(NOT_ZIP)?;
        if count == 0xffff || dir_size == 0xffff_ffff || dir_offset == 0xffff_ffff {
            return Err("it is a zip64 file, which is not read; save it again from Word".to_string());
        }
        let mut entries = Vec::new();
        let mut at = dir_offset as usize;
        let add = |a: usize, b: usize| a.saturating_add(b);
        for _ in 0..count {
            if u32_at(bytes, at) != Some(0x0201_4b50) {
                return Err("its zip directory is damaged".to_string());
            }
            let field16 = |o: usize| u16_at(bytes, add(at, o)).ok_or("its zip directory is cut short");
            let field32 = |o: usize| u32_at(bytes, add(at, o)).ok_or("its zip directory is cut short");
            let flags = field16(8)?;
            let method = field16(10)?;
            let compressed = field32(20)?;
            let size = field32(24)?;
            let name_len = field16(28)? as usize;
            let extra_len = field16(30)? as usize;
            let comment_len = field16(32)? as usize;
            let offset = field32(42)?;
            let name = bytes
                .get(add(at, 46)..add(at, 46 + name_len))
                .ok_or("its zip directory is cut short")?;
            let name = String::from_utf8_lossy(name).into_owned();
            if flags & 1 != 0 {
                return Err("it is encrypted (protected with a password); save it without a password".to_string());
            }
            if compressed == 0xffff_ffff || size == 0xffff_ffff || offset == 0xffff_ffff {
                return Err("it is a zip64 file, which is not read; save it again from Word".to_string());
            }
            entries.push((
                name,
                Entry {
                    method,
                    compressed: compressed as usize,
                    offset: offset as usize,
                },
            ));
            at = add(at, 46 + name_len + extra_len + comment_len);
        }
        Ok(Zip {
            bytes,
            entries,
            spent: std::cell::Cell::new(0),
        })
    }

    fn entry(&self, name: &str) -> Option<Entry> {
        self.entries
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, e)| e.clone())
    }

    /// An entry's bytes, inflated, within what is left of [`MAX_ENTRY_BYTES`].
    fn read(&self, e: &Entry) -> Result<Vec<u8>, String> {
        let b = self.bytes;
        let damaged = || "a part of it is damaged (the zip file is cut short?)".to_string();
        if u32_at(b, e.offset) != Some(0x0403_4b50) {
            return Err(damaged());
        }
        let name_len = u16_at(b, e.offset.saturating_add(26)).ok_or_else(damaged)? as usize;
        let extra_len = u16_at(b, e.offset.saturating_add(28)).ok_or_else(damaged)? as usize;
        let start = e.offset.saturating_add(30 + name_len + extra_len);
        let data = b
            .get(start..start.checked_add(e.compressed).ok_or_else(damaged)?)
            .ok_or_else(damaged)?;
        let too_big = || "it inflates beyond 64 MB (a zip bomb?)".to_string();
        let left = MAX_ENTRY_BYTES.saturating_sub(self.spent.get());
        let read = match e.method {
            0 if data.len() > left => Err(too_big()),
            0 => Ok(data.to_vec()),
            8 => miniz_oxide::inflate::decompress_to_vec_with_limit(data, left).map_err(|err| {
                if err.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput {
                    too_big()
                } else {
                    damaged()
                }
            }),
            m => Err(format!("a part of it is compressed with method {m}, which is not read")),
        }?;
        self.spent.set(self.spent.get() + read.len());
        Ok(read)
    }
}

// ---------------------------------------------------------------------------------------------
// The XML.

/// One tag: its local name (prefix dropped), whether it closes, whether it is empty, its
/// attribute text.
struct Tag<'a> {
    name: &'a str,
    close: bool,
    empty: bool,
    attrs: &'a str,
}

impl Tag<'_> {
    /// An attribute's value by local name (`w:val` → `val`), references decoded.
    fn attr(&self, local: &str) -> Option<String> {
        let mut rest = self.attrs;
        while let Some(eq) = rest.find('=') {
            let key = rest[..eq].trim();
            let key = key.rsplit(':').next().unwrap_or(key);
            let after = rest[eq + 1..].trim_start();
            let quote = after.chars().next()?;
            if quote != '"' && quote != '\'' {
                return None;
            }
            let end = after[1..].find(quote)?;
            if key == local {
                return Some(decode_references(&after[1..1 + end]));
            }
            rest = &after[1 + end + 1..];
        }
        None
    }
}

/// The XML as text runs and tags, in order.
enum Token<'a> {
    Text(&'a str),
    Tag(Tag<'a>),
}

fn tokens(xml: &str) -> impl Iterator<Item = Token<'_>> {
    let mut i = 0;
    std::iter::from_fn(move || loop {
        let rest = xml.get(i..).filter(|r| !r.is_empty())?;
        if !rest.starts_with('<') {
            let end = rest.find('<').unwrap_or(rest.len());
            i += end;
            return Some(Token::Text(&rest[..end]));
        }
        let special = [("<!--", "-->"), ("<![CDATA[", "]]>"), ("<?", "?>"), ("<!", ">")]
            .into_iter()
            .find(|(open, _)| rest.starts_with(open));
        if let Some((open, close)) = special {
            let (inner, end) = match rest.find(close) {
                Some(e) if e >= open.len() => (&rest[open.len()..e], e + close.len()),
                _ => (&rest[open.len()..], rest.len()),
            };
            i += end;
            if open == "<![CDATA[" {
                return Some(Token::Text(inner));
            }
            continue;
        }
        let end = rest.find('>').unwrap_or(rest.len());
        i += (end + 1).min(rest.len());
        let inner = &rest[1..end];
        let (close, inner) = match inner.strip_prefix('/') {
            Some(r) => (true, r),
            None => (false, inner),
        };
        let (empty, inner) = match inner.strip_suffix('/') {
            Some(r) => (true, r),
            None => (false, inner),
        };
        let name_end = inner.find(|c: char| c.is_whitespace()).unwrap_or(inner.len());
        let qname = &inner[..name_end];
        let name = qname.rsplit(':').next().unwrap_or(qname);
        return Some(Token::Tag(Tag {
            name,
            close,
            empty,
            attrs: &inner[name_end..],
        }));
    })
}

/// The text of the first element with this local name (`dc:title` → `title`).
fn element_text(xml: &str, local: &str) -> Option<String> {
    let mut inside = false;
    let mut out = String::new();
    for t in tokens(xml) {
        match t {
            Token::Tag(tag) if tag.name == local && !tag.close && !tag.empty => inside = true,
            Token::Tag(tag) if tag.name == local && tag.close && inside => break,
            Token::Text(s) if inside => out.push_str(s),
            _ => {}
        }
    }
    inside.then(|| collapse(&decode_references(&out)))
}

/// Whitespace runs as one space, trimmed.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The heading level of a style id or name: Title 1, Heading N (`heading 1`, `見出し 1`) N+… up
/// to 6. A title is a first-level heading.
fn heading_level(style: &str) -> Option<usize> {
    let s = style.to_ascii_lowercase().replace(' ', "");
    if s == "title" || s == "表題" {
        return Some(1);
    }
    let n = s
        .strip_prefix("heading")
        .or_else(|| s.strip_prefix("見出し"))?
        .parse::<usize>()
        .ok()?;
    (1..=6).contains(&n).then_some(n)
}

/// Style id → heading level, from `word/styles.xml` (ids like "1" named "heading 1").
fn heading_styles(xml: &str) -> HashMap<String, usize> {
    let mut out = HashMap::new();
    let mut id: Option<String> = None;
    for t in tokens(xml) {
        let Token::Tag(tag) = t else { continue };
        match (tag.name, tag.close) {
            ("style", false) => id = tag.attr("styleId"),
            ("style", true) => id = None,
            ("name", false) => {
                if let (Some(id), Some(level)) = (&id, tag.attr("val").as_deref().and_then(heading_level)) {
                    out.insert(id.clone(), level);
                }
            }
            _ => {}
        }
    }
    out
}

/// Which note each reference names, in order of first reference: (endnote?, id).
#[derive(Default)]
struct Notes {
    order: Vec<(bool, String)>,
}

impl Notes {
    fn number(&mut self, key: (bool, String)) -> usize {
        match self.order.iter().position(|k| *k == key) {
            Some(i) => i + 1,
            None => {
                self.order.push(key);
                self.order.len()
            }
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Part {
    Body,
    Note,
}

/// Elements whose text is not read: deleted and moved-away revisions, ruby readings, field
/// codes, and the fallback copy of a text box (Word writes each text box twice, in
/// `mc:Choice` and in `mc:Fallback`).
macro_rules! skipped {
    () => {
        "del" | "rt" | "instrText" | "delText" | "moveFrom" | "Fallback"
    };
}

/// WordprocessingML → text. In the body, paragraphs are blocks with blank lines between; in a
/// note, paragraphs are joined by a space (a note is one line).
fn scan(xml: &str, styles: &HashMap<String, usize>, notes: &mut Notes, part: Part) -> String {
    let mut out = String::new();
    let mut para = String::new();
    let mut level: Option<usize> = None;
    let mut in_text = false;
    // Depth inside elements whose text is not read (`skipped!`).
    let mut skip = 0usize;
    let mut row: Option<Vec<String>> = None;
    let mut cell: Option<String> = None;
    let mut table_depth = 0usize;
    let end_paragraph = |para: &mut String, level: &mut Option<usize>, out: &mut String, cell: &mut Option<String>| {
        let text = std::mem::take(para);
        let lvl = level.take();
        let trimmed = text.trim_matches(|c: char| c == ' ' || c == '\n');
        if trimmed.trim().is_empty() {
            return;
        }
        if let Some(cell) = cell.as_mut() {
            if !cell.is_empty() {
                cell.push(' ');
            }
            cell.push_str(&collapse(trimmed));
            return;
        }
        if part == Part::Note {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&collapse(trimmed));
            return;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        match lvl {
            Some(n) => {
                out.push_str(&"#".repeat(n));
                out.push(' ');
                out.push_str(&collapse(trimmed));
            }
            None => out.push_str(trimmed),
        }
        out.push('\n');
    };
    for t in tokens(xml) {
        match t {
            Token::Text(s) => {
                if in_text && skip == 0 {
                    para.push_str(&decode_references(s).replace([MARK_OPEN, MARK_CLOSE], ""));
                }
            }
            Token::Tag(tag) => match (tag.name, tag.close) {
                (skipped!(), false) if !tag.empty => skip += 1,
                (skipped!(), true) => skip = skip.saturating_sub(1),
                ("t", false) => in_text = !tag.empty,
                ("t", true) => in_text = false,
                ("tab", false) if skip == 0 && tag.attr("pos").is_none() => para.push('\t'),
                ("br" | "cr", false) if skip == 0 => para.push('\n'),
                ("noBreakHyphen", false) if skip == 0 => para.push('-'),
                ("pStyle", false) => {
                    if let Some(v) = tag.attr("val") {
                        level = styles.get(&v).copied().or_else(|| heading_level(&v)).or(level);
                    }
                }
                ("outlineLvl", false) => {
                    if let Some(n) = tag.attr("val").and_then(|v| v.parse::<usize>().ok()) {
                        if n < 6 && level.is_none() {
                            level = Some(n + 1);
                        }
                    }
                }
                ("footnoteReference" | "endnoteReference", false) if skip == 0 => {
                    if let Some(id) = tag.attr("id") {
                        let n = notes.number((tag.name == "endnoteReference", id));
                        para.push_str(&format!("{MARK_OPEN}{n}{MARK_CLOSE}"));
                    }
                }
                ("p", false) => {
                    if tag.empty {
                        continue;
                    }
                    if !para.trim().is_empty() {
                        end_paragraph(&mut para, &mut level, &mut out, &mut cell);
                    }
                    para.clear();
                    level = None;
                }
                ("p", true) => end_paragraph(&mut para, &mut level, &mut out, &mut cell),
                ("tbl", false) if !tag.empty => table_depth += 1,
                ("tbl", true) => table_depth = table_depth.saturating_sub(1),
                ("tr", false) if table_depth == 1 && !tag.empty => row = Some(Vec::new()),
                ("tr", true) if table_depth == 1 => {
                    if let Some(cells) = row.take() {
                        let line = cells
                            .into_iter()
                            .filter(|c| !c.is_empty())
                            .collect::<Vec<_>>()
                            .join(" ");
                        if !line.is_empty() {
                            if part == Part::Note {
                                if !out.is_empty() {
                                    out.push(' ');
                                }
                                out.push_str(&line);
                            } else {
                                if !out.is_empty() {
                                    out.push('\n');
                                }
                                out.push_str(&line);
                                out.push('\n');
                            }
                        }
                    }
                }
                ("tc", false) if table_depth == 1 && !tag.empty => cell = Some(String::new()),
                ("tc", true) if table_depth == 1 => {
                    if !para.trim().is_empty() {
                        end_paragraph(&mut para, &mut level, &mut out, &mut cell);
                    }
                    if let (Some(c), Some(r)) = (cell.take(), row.as_mut()) {
                        r.push(c);
                    }
                }
                _ => {}
            },
        }
    }
    end_paragraph(&mut para, &mut level, &mut out, &mut cell);
    out
}

/// The notes of `footnotes.xml` or `endnotes.xml`: (id, text as one line), separators skipped.
fn note_texts(xml: &str, styles: &HashMap<String, usize>, endnote: bool) -> Vec<(String, String)> {
    let element = if endnote { "endnote" } else { "footnote" };
    let mut out = Vec::new();
    let mut rest = xml;
    let open = format!(":{element} ");
    while let Some(at) = rest.find(&open) {
        let from = &rest[at..];
        let head_end = from.find('>').unwrap_or(from.len());
        let head = &from[..head_end];
        let body_end = if head.ends_with('/') {
            head_end
        } else {
            from.find(&format!(":{element}>"))
                .map_or(from.len(), |e| e + element.len() + 2)
        };
        let body = &from[head_end.min(body_end)..body_end];
        let tag = Tag {
            name: element,
            close: false,
            empty: false,
            attrs: head,
        };
        let separator = tag.attr("type").is_some_and(|t| t != "normal");
        if let (Some(id), false) = (tag.attr("id"), separator) {
            let mut nested = Notes::default();
            let text = scan(body, styles, &mut nested, Part::Note);
            out.push((id, text));
        }
        rest = &from[body_end.max(1).min(from.len())..];
    }
    out
}

#[cfg(test)]
mod tests;
