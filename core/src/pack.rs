//! What travels when a teacher shares a reading: a **reading pack**, the documents (their
//! decoded text, where they came from, what the manifest says and what a person corrected) and
//! the themes they defined. The CLI (`yomikurabe pack`) and the reader write the same format;
//! the reader reads it back from the page it is embedded in.
//!
//! The format is TOML, a superset of `manifest.toml` and `themes.toml`: `[[document]]` entries
//! (the manifest's `file`, `slug`, `title`, `author`, `date`, plus `text`, `encoding`, a
//! `[document.corrected]` table and the teacher's prompts as `[[document.prompt]]` tables) and
//! `[[theme]]` entries (`id`, `label_ja`, `terms`). A reader's private highlights and notes are
//! never written to a pack. Inside a
//! page it sits in `<script type="application/toml" id="yomikurabe-pack">`: every `<` in the
//! text is written as `\u003C`, so no text can close the element or open a comment.
//!
//! The reader reads packs in the browser, so they are read by [`Pack::from_toml`]'s own reader
//! of the TOML subset [`Pack::to_toml`] writes (tables, `key = "string"`, integers, one-line
//! string arrays, comments): the `toml` crate would add about 100 KB gzipped to the wasm. A test
//! checks with the `toml` crate that what is written is standard TOML.

use crate::anchor::assign_anchors;
use crate::annotations::{Annotation, DocumentKey, Kind, Target};
use crate::manifest::{is_valid_slug, slug_from_file_name, ManifestEntry};
use crate::model::{DateKind, DocDate, Document, FactSource, Passage, PassageKind};
use crate::parse::{parse_document, sentences, Source};
use crate::text::dates::Date;
use crate::text::normalize::fold;
use crate::themes::{is_valid_theme_id, Theme};
use std::fmt::Write as _;

/// The id of the page element that holds a pack.
pub const PACK_ELEMENT_ID: &str = "yomikurabe-pack";
/// The version this code writes (and the highest it reads).
pub const PACK_VERSION: u32 = 1;

/// A reading pack: documents in reading order, and the themes defined for them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pack {
    /// Format version ([`PACK_VERSION`]).
    pub version: u32,
    /// The pack's name, as the library shows it.
    pub title: Option<String>,
    /// Where the pack is published (an `https://` address): shared links and QR codes point
    /// there rather than at the copy open on one computer.
    pub published: Option<String>,
    /// The documents, in reading order.
    pub documents: Vec<PackDocument>,
    /// Themes a person defined (label and spellings).
    pub themes: Vec<PackTheme>,
}

/// One document of a pack.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PackDocument {
    /// The file name it was added from.
    pub file: String,
    /// Its id in links (derived from the file name when absent).
    pub slug: Option<String>,
    /// A title used only when the text gives none (as in a manifest).
    pub title: Option<String>,
    /// An author used only when the text gives none.
    pub author: Option<String>,
    /// An ISO date used only when the text gives none.
    pub date: Option<String>,
    /// The encoding the file was decoded from (WHATWG name), for the record.
    pub encoding: Option<String>,
    /// What a person corrected: these override what the parser found.
    pub corrected: Corrections,
    /// The decoded text, exactly as decoded (line endings kept).
    pub text: String,
    /// The teacher's prompts (questions) on this document, for every student. Only annotations
    /// of kind [`Kind::Prompt`] are written; read back, their document key is this document's
    /// ([`PackDocument::key`]).
    pub prompts: Vec<Annotation>,
}

/// Facts a person set by hand; each one, when present, replaces what the parser found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Corrections {
    /// The title.
    pub title: Option<String>,
    /// The author.
    pub author: Option<String>,
    /// The date, ISO 8601 (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    pub date: Option<String>,
    /// Source lines (1-based) the parser set aside that are content: each becomes a paragraph
    /// of its own where it stands.
    pub content_lines: Vec<usize>,
}

impl Corrections {
    /// Whether nothing is corrected.
    pub fn is_empty(&self) -> bool {
        self.title.is_none() && self.author.is_none() && self.date.is_none() && self.content_lines.is_empty()
    }

    /// The corrections with blank values dropped and the date checked: an error names what is
    /// wrong.
    pub fn cleaned(self) -> Result<Corrections, String> {
        let clean = |v: Option<String>| v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        let date = clean(self.date);
        if let Some(d) = &date {
            if Date::parse_iso(d).is_none() {
                return Err(format!("{d:?} is not a date (write it as 2024, 2024-03 or 2024-03-15)"));
            }
        }
        let mut content_lines = self.content_lines;
        content_lines.sort_unstable();
        content_lines.dedup();
        content_lines.retain(|&l| l > 0);
        Ok(Corrections {
            title: clean(self.title),
            author: clean(self.author),
            date,
            content_lines,
        })
    }

    /// Put the corrections into a parsed document.
    pub fn apply(&self, doc: &mut Document) {
        if let Some(t) = &self.title {
            doc.title = Some(t.clone());
            doc.title_source = Some(FactSource::Corrected);
        }
        if let Some(a) = &self.author {
            doc.author = Some(a.clone());
        }
        if let Some(iso) = self.date.as_deref().and_then(Date::parse_iso) {
            doc.date = Some(DocDate {
                iso: iso.iso(),
                kind: DateKind::Published,
                text: iso.japanese(),
                source: FactSource::Corrected,
            });
        }
        self.keep_lines(doc);
    }

    /// The set-aside lines a person marked as content, back in the reading text: each a
    /// paragraph before the first body passage from a later source line, in that passage's
    /// section, with an id of its own (`k<line>`) so no other passage's id (and no link) moves.
    fn keep_lines(&self, doc: &mut Document) {
        let mut changed = false;
        for &line in &self.content_lines {
            let Some(at) = doc.removed.iter().position(|r| r.line == line) else {
                continue;
            };
            let removed = doc.removed.remove(at);
            let body_end = doc
                .passages
                .iter()
                .position(|p| p.kind == PassageKind::Note)
                .unwrap_or(doc.passages.len());
            let index = doc.passages[..body_end]
                .iter()
                .position(|p| p.source_line > line)
                .unwrap_or(body_end);
            let section = doc.passages[..index]
                .last()
                .or_else(|| doc.passages.get(index))
                .and_then(|p| p.section.clone());
            let text = removed.text;
            doc.passages.insert(
                index,
                Passage {
                    id: format!("k{line}"),
                    kind: PassageKind::Paragraph,
                    section,
                    sentences: sentences::split(&text),
                    normalized: fold(&text),
                    text,
                    note_refs: vec![],
                    caption_of: None,
                    anchor: Default::default(),
                    source_line: line,
                },
            );
            changed = true;
        }
        if changed {
            assign_anchors(&mut doc.passages);
        }
    }
}

/// A theme a person defined: a label and the spellings that count.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PackTheme {
    /// Stable id (links use it).
    pub id: String,
    /// The label.
    pub label_ja: String,
    /// Any of these spellings counts.
    pub terms: Vec<String>,
}

impl PackTheme {
    /// The theme to match.
    pub fn theme(&self) -> Theme {
        Theme::user(&self.id, &self.label_ja, &self.terms)
    }
}

impl PackDocument {
    /// A document added from a file: its id derived from the name.
    pub fn new(file: &str, text: String, encoding: Option<&str>) -> PackDocument {
        PackDocument {
            file: file.to_string(),
            text,
            encoding: encoding.map(String::from),
            ..Default::default()
        }
    }

    /// The document id (the slug, or derived from the file name).
    pub fn id(&self) -> String {
        self.entry().id()
    }

    /// The key annotations of this document carry: its text's hash and its id.
    pub fn key(&self) -> DocumentKey {
        DocumentKey::of_text(&self.id(), &self.text)
    }

    /// What a manifest would say about this file.
    pub fn entry(&self) -> ManifestEntry {
        ManifestEntry {
            file: self.file.clone(),
            slug: self.slug.clone(),
            title: self.title.clone(),
            author: self.author.clone(),
            date: self.date.clone(),
        }
    }

    /// Parse the text, then apply the corrections.
    pub fn parse(&self) -> Document {
        let entry = self.entry();
        let id = entry.id();
        let mut doc = parse_document(Source {
            id: &id,
            file: &self.file,
            text: &self.text,
            entry: Some(&entry),
        });
        self.corrected.apply(&mut doc);
        doc
    }
}

impl Pack {
    /// Read a pack. A malformed one is an error with a readable message; ids are checked and
    /// must be unique.
    pub fn from_toml(text: &str) -> Result<Pack, String> {
        let pack = read(text).map_err(|e| format!("reading pack: {e}"))?;
        if pack.version > PACK_VERSION {
            return Err(format!(
                "reading pack: version {} is newer than this reader understands ({PACK_VERSION})",
                pack.version
            ));
        }
        let mut seen = std::collections::HashSet::new();
        for d in &pack.documents {
            let id = d.id();
            if !is_valid_slug(&id) {
                return Err(format!("reading pack: {:?} is not a valid document id", id));
            }
            if !seen.insert(id.clone()) {
                return Err(format!("reading pack: two documents have the id {id:?}"));
            }
        }
        for t in &pack.themes {
            if !is_valid_theme_id(&t.id) {
                return Err(format!("reading pack: {:?} is not a valid theme id", t.id));
            }
        }
        Ok(pack)
    }

    /// The pack as TOML, with every `<` escaped (safe to put inside a `<script>` element).
    pub fn to_toml(&self) -> String {
        let mut out =
            String::from("# A yomikurabe reading pack: the documents, their corrections and prompts, and themes.\n");
        let _ = writeln!(out, "version = {}", self.version.max(1));
        opt(&mut out, "title", &self.title);
        opt(&mut out, "published", &self.published);
        for d in &self.documents {
            out.push_str("\n[[document]]\n");
            kv(&mut out, "file", &d.file);
            opt(&mut out, "slug", &d.slug);
            opt(&mut out, "title", &d.title);
            opt(&mut out, "author", &d.author);
            opt(&mut out, "date", &d.date);
            opt(&mut out, "encoding", &d.encoding);
            kv(&mut out, "text", &d.text);
            if !d.corrected.is_empty() {
                out.push_str("[document.corrected]\n");
                opt(&mut out, "title", &d.corrected.title);
                opt(&mut out, "author", &d.corrected.author);
                opt(&mut out, "date", &d.corrected.date);
                if !d.corrected.content_lines.is_empty() {
                    let lines: Vec<String> = d.corrected.content_lines.iter().map(usize::to_string).collect();
                    let _ = writeln!(out, "content_lines = [{}]", lines.join(", "));
                }
            }
            for p in d.prompts.iter().filter(|p| p.kind == Kind::Prompt) {
                out.push_str("[[document.prompt]]\n");
                kv(&mut out, "id", &p.id);
                kv(&mut out, "passage", &p.target.passage);
                let _ = writeln!(out, "start = {}\nend = {}", p.target.start, p.target.end);
                kv(&mut out, "exact", &p.target.exact);
                kv(&mut out, "prefix", &p.target.prefix);
                kv(&mut out, "suffix", &p.target.suffix);
                kv(&mut out, "body", &p.body);
                if !p.tags.is_empty() {
                    out.push_str("tags = ");
                    strings(&mut out, &p.tags);
                }
                kv(&mut out, "created", &p.created);
                opt(&mut out, "modified", &p.modified);
            }
        }
        for t in &self.themes {
            out.push_str("\n[[theme]]\n");
            kv(&mut out, "id", &t.id);
            kv(&mut out, "label_ja", &t.label_ja);
            out.push_str("terms = ");
            strings(&mut out, &t.terms);
        }
        out
    }

    /// The id a new document from `file` gets: its derived id, made unique in this pack with a
    /// numeric suffix.
    pub fn unique_slug(&self, file: &str) -> String {
        let base = slug_from_file_name(file);
        let taken = |s: &str| self.documents.iter().any(|d| d.id() == s);
        if !taken(&base) {
            return base;
        }
        (2..).map(|n| format!("{base}-{n}")).find(|s| !taken(s)).unwrap_or(base)
    }
}

fn kv(out: &mut String, key: &str, value: &str) {
    out.push_str(key);
    out.push_str(" = ");
    quote(out, value);
    out.push('\n');
}

/// A one-line array of strings, and the line's end.
fn strings(out: &mut String, items: &[String]) {
    out.push('[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        quote(out, item);
    }
    out.push_str("]\n");
}

fn opt(out: &mut String, key: &str, value: &Option<String>) {
    if let Some(v) = value {
        kv(out, key, v);
    }
}

/// A TOML basic string: `"`, `\` and control characters escaped, and `<` too (see the module
/// docs).
fn quote(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '<' => out.push_str("\\u003C"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Where values go while reading.
#[derive(Clone, Copy, PartialEq)]
enum Table {
    Top,
    Document,
    Corrected,
    Prompt,
    Theme,
}

/// A value of the subset.
enum Value {
    Str(String),
    Int(u32),
    Array(Vec<String>),
    Ints(Vec<usize>),
}

/// Read the TOML subset [`Pack::to_toml`] writes.
fn read(text: &str) -> Result<Pack, String> {
    let mut pack = Pack {
        version: 1,
        ..Default::default()
    };
    let mut table = Table::Top;
    let mut has_text = true;
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim();
        let at = |e: String| format!("line {}: {e}", n + 1);
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line.starts_with('[') {
            if !has_text {
                return Err(at("a document has no `text`".into()));
            }
            table = match line.split('#').next().unwrap_or("").trim() {
                "[[document]]" => {
                    pack.documents.push(PackDocument::default());
                    has_text = false;
                    Table::Document
                }
                "[document.corrected]" if !pack.documents.is_empty() => Table::Corrected,
                "[[document.prompt]]" if !pack.documents.is_empty() => {
                    if let Some(d) = pack.documents.last_mut() {
                        d.prompts.push(Annotation {
                            kind: Kind::Prompt,
                            ..Default::default()
                        });
                    }
                    Table::Prompt
                }
                "[[theme]]" => {
                    pack.themes.push(PackTheme::default());
                    Table::Theme
                }
                other => return Err(at(format!("unknown table {other}"))),
            };
            if matches!(table, Table::Corrected | Table::Prompt) {
                has_text = true; // checked when the document's table was read
            }
            continue;
        }
        let (key, rest) = line
            .split_once('=')
            .ok_or_else(|| at("expected `key = value`".into()))?;
        let key = key.trim();
        let value = value(rest.trim()).map_err(at)?;
        let wrong = || at(format!("`{key}` has the wrong kind of value"));
        let string = |v: Value| match v {
            Value::Str(s) => Ok(s),
            _ => Err(wrong()),
        };
        match (table, key) {
            (Table::Top, "version") => match value {
                Value::Int(v) => pack.version = v,
                _ => return Err(wrong()),
            },
            (Table::Top, "title") => pack.title = Some(string(value)?),
            (Table::Top, "published") => pack.published = Some(string(value)?),
            (Table::Document, _) => {
                let d = pack.documents.last_mut().ok_or_else(wrong)?;
                let v = string(value)?;
                match key {
                    "file" => d.file = v,
                    "slug" => d.slug = Some(v),
                    "title" => d.title = Some(v),
                    "author" => d.author = Some(v),
                    "date" => d.date = Some(v),
                    "encoding" => d.encoding = Some(v),
                    "text" => {
                        d.text = v;
                        has_text = true;
                    }
                    _ => return Err(at(format!("unknown key `{key}` in a document"))),
                }
            }
            (Table::Corrected, _) => {
                let c = &mut pack.documents.last_mut().ok_or_else(wrong)?.corrected;
                match (key, value) {
                    ("content_lines", Value::Ints(v)) => c.content_lines = v,
                    ("content_lines", Value::Array(v)) if v.is_empty() => c.content_lines = Vec::new(),
                    ("title", Value::Str(v)) => c.title = Some(v),
                    ("author", Value::Str(v)) => c.author = Some(v),
                    ("date", Value::Str(v)) => c.date = Some(v),
                    _ => return Err(at(format!("unknown key or value `{key}` in corrections"))),
                }
            }
            (Table::Prompt, _) => {
                let p = pack
                    .documents
                    .last_mut()
                    .and_then(|d| d.prompts.last_mut())
                    .ok_or_else(wrong)?;
                let t: &mut Target = &mut p.target;
                match (key, value) {
                    ("id", Value::Str(v)) => p.id = v,
                    ("passage", Value::Str(v)) => t.passage = v,
                    ("start", Value::Int(v)) => t.start = v as usize,
                    ("end", Value::Int(v)) => t.end = v as usize,
                    ("exact", Value::Str(v)) => t.exact = v,
                    ("prefix", Value::Str(v)) => t.prefix = v,
                    ("suffix", Value::Str(v)) => t.suffix = v,
                    ("body", Value::Str(v)) => p.body = v,
                    ("tags", Value::Array(v)) => p.tags = v,
                    ("created", Value::Str(v)) => p.created = v,
                    ("modified", Value::Str(v)) => p.modified = Some(v),
                    _ => return Err(at(format!("unknown key or value `{key}` in a prompt"))),
                }
            }
            (Table::Theme, _) => {
                let t = pack.themes.last_mut().ok_or_else(wrong)?;
                match (key, value) {
                    ("id", Value::Str(v)) => t.id = v,
                    ("label_ja", Value::Str(v)) => t.label_ja = v,
                    ("terms", Value::Array(v)) => t.terms = v,
                    _ => return Err(at(format!("unknown key or value `{key}` in a theme"))),
                }
            }
            (Table::Top, _) => return Err(at(format!("unknown key `{key}`"))),
        }
    }
    if !has_text {
        return Err("a document has no `text`".into());
    }
    if let Some(d) = pack.documents.iter().find(|d| d.file.is_empty()) {
        return Err(format!(
            "a document has no `file` (its text begins {:?})",
            d.text.chars().take(20).collect::<String>()
        ));
    }
    for d in &mut pack.documents {
        let key = d.key();
        for p in &mut d.prompts {
            if p.target.exact.is_empty() {
                return Err(format!("a prompt on {} quotes no words (`exact`)", d.file));
            }
            p.document = key.clone();
            if p.id.is_empty() {
                p.id = Annotation::new(key.clone(), p.target.clone(), Kind::Prompt, &p.body, &p.created).id;
            }
        }
    }
    Ok(pack)
}

/// One value: a basic or literal string, an integer, or an array of strings; then only a
/// comment.
fn value(s: &str) -> Result<Value, String> {
    let (v, rest) = if s.starts_with('"') || s.starts_with('\'') {
        let (v, rest) = string(s)?;
        (Value::Str(v), rest)
    } else if let Some(body) = s
        .strip_prefix('[')
        .filter(|b| b.trim_start().starts_with(|c: char| c.is_ascii_digit()))
    {
        let end = body
            .find(']')
            .ok_or_else(|| "an array is not closed on its line".to_string())?;
        let numbers = body[..end]
            .split(',')
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(|n| n.parse().map_err(|_| format!("cannot read the number {n:?}")))
            .collect::<Result<Vec<usize>, String>>()?;
        (Value::Ints(numbers), &body[end + 1..])
    } else if let Some(mut rest) = s.strip_prefix('[') {
        let mut items = Vec::new();
        loop {
            rest = rest.trim_start();
            if let Some(r) = rest.strip_prefix(']') {
                break (Value::Array(items), r);
            }
            let (v, r) = string(rest)?;
            items.push(v);
            rest = r.trim_start();
            rest = rest.strip_prefix(',').unwrap_or(rest);
        }
    } else {
        let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
        let n = s[..end].parse().map_err(|_| format!("cannot read the value {s:?}"))?;
        (Value::Int(n), &s[end..])
    };
    let rest = rest.trim_start();
    if !(rest.is_empty() || rest.starts_with('#')) {
        return Err(format!("unexpected {rest:?} after the value"));
    }
    Ok(v)
}

/// A string at the start of `s` and what follows it.
fn string(s: &str) -> Result<(String, &str), String> {
    let unterminated = || "a string is not closed on its line".to_string();
    if let Some(body) = s.strip_prefix('\'') {
        let end = body.find('\'').ok_or_else(unterminated)?;
        return Ok((body[..end].to_string(), &body[end + 1..]));
    }
    let body = s
        .strip_prefix('"')
        .ok_or_else(|| format!("expected a string at {s:?}"))?;
    let mut out = String::new();
    let mut chars = body.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Ok((out, &body[i + 1..])),
            '\\' => {
                let (_, e) = chars.next().ok_or_else(unterminated)?;
                match e {
                    'n' => out.push('\n'),
                    'r' => out.push('\r'),
                    't' => out.push('\t'),
                    'b' => out.push('\u{8}'),
                    'f' => out.push('\u{c}'),
                    '"' => out.push('"'),
                    '\\' => out.push('\\'),
                    'u' | 'U' => {
                        let len = if e == 'u' { 4 } else { 8 };
                        let hex: String = chars.by_ref().take(len).map(|(_, c)| c).collect();
                        let c = u32::from_str_radix(&hex, 16)
                            .ok()
                            .filter(|_| hex.len() == len)
                            .and_then(char::from_u32)
                            .ok_or_else(|| format!("bad escape \\{e}{hex}"))?;
                        out.push(c);
                    }
                    other => return Err(format!("unknown escape \\{other}")),
                }
            }
            c => out.push(c),
        }
    }
    Err(unterminated())
}

/// The pack in `html`, if the page holds one: `None` when it holds none, an error when the one
/// it holds cannot be read.
pub fn pack_in_html(html: &str) -> Option<Result<Pack, String>> {
    let (start, end) = element_span(html)?;
    let inner = &html[start..end];
    let body_start = inner.find('>')? + 1;
    let body_end = inner.rfind("</")?;
    Some(Pack::from_toml(&inner[body_start..body_end]))
}

/// `html` with `pack` in it: replacing the pack element it holds, else just before `</head>`
/// (else at the start).
pub fn with_pack(html: &str, pack: &Pack) -> String {
    let element = format!(
        "<script type=\"application/toml\" id=\"{PACK_ELEMENT_ID}\">\n{}</script>",
        pack.to_toml()
    );
    if let Some((start, end)) = element_span(html) {
        return format!("{}{}{}", &html[..start], element, &html[end..]);
    }
    let at = html.find("</head>").unwrap_or(0);
    format!("{}{}\n{}", &html[..at], element, &html[at..])
}

/// Byte range of the pack's `<script …id="yomikurabe-pack"…>…</script>` element.
fn element_span(html: &str) -> Option<(usize, usize)> {
    let marker = format!("id=\"{PACK_ELEMENT_ID}\"");
    let at = html.find(&marker)?;
    let start = html[..at].rfind("<script")?;
    let end = at + html[at..].find("</script>")? + "</script>".len();
    Some((start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Pack {
        Pack {
            version: 1,
            title: Some("日米韓 読み比べ".into()),
            published: Some("https://example.org/pack.html".into()),
            documents: vec![
                PackDocument {
                    file: "第一回.txt".into(),
                    slug: Some("first".into()),
                    encoding: Some("Shift_JIS".into()),
                    corrected: Corrections {
                        title: Some("正しい題".into()),
                        author: None,
                        date: Some("2024-03-15".into()),
                        content_lines: vec![3, 40],
                    },
                    text: "題\r\n\n本文「引用」\\ \"x\" </script><!-- \t\u{1}".into(),
                    ..Default::default()
                },
                with_prompt(PackDocument::new("b.md", "# B\n\nbody\n".into(), None)),
            ],
            themes: vec![PackTheme {
                id: "u1".into(),
                label_ja: "三か国".into(),
                terms: vec!["日米韓".into(), "3カ国".into()],
            }],
        }
    }

    /// The document with a teacher's prompt on its body.
    fn with_prompt(mut d: PackDocument) -> PackDocument {
        let doc = d.parse();
        let target = Target::whole_passage(&doc, &doc.passages.last().unwrap().id).unwrap();
        let mut prompt = Annotation::new(
            d.key(),
            target,
            Kind::Prompt,
            "何が\"本文\"か。</script>",
            "2025-04-01T09:00:00Z",
        );
        prompt.tags = vec!["問1".into(), "a, b".into()];
        prompt.modified = Some("2025-04-02T09:00:00Z".into());
        d.prompts.push(prompt);
        d
    }

    #[test]
    fn prompts_travel_and_private_annotations_do_not() {
        let p = sample();
        let toml = p.to_toml();
        assert!(toml.contains("[[document.prompt]]"), "{toml}");
        let back = Pack::from_toml(&toml).unwrap();
        assert_eq!(back.documents[1].prompts, p.documents[1].prompts);
        assert_eq!(back.documents[1].prompts[0].document, p.documents[1].key());
        let standard: toml::Table = toml::from_str(&toml).unwrap();
        assert_eq!(standard["document"][1]["prompt"][0]["start"].as_integer(), Some(0));
        assert_eq!(standard["document"][1]["prompt"][0]["tags"][1].as_str(), Some("a, b"));
        // A student's own note is never written.
        let mut with_note = p.clone();
        let mut note = with_note.documents[1].prompts[0].clone();
        note.kind = Kind::Note;
        note.body = "私のメモ".into();
        with_note.documents[1].prompts.push(note);
        assert_eq!(with_note.to_toml(), toml);
        // Hand-written: no id (one is made), the corrections after the prompt.
        let hand = "[[document]]\nfile = \"a.txt\"\ntext = \"本文\"\n[[document.prompt]]\nexact = \"本文\"\nbody = \"問い\"\n[document.corrected]\ntitle = \"題\"\n";
        let read = Pack::from_toml(hand).unwrap();
        let prompt = &read.documents[0].prompts[0];
        assert!(prompt.id.starts_with("a-"));
        assert_eq!((prompt.kind, prompt.body.as_str()), (Kind::Prompt, "問い"));
        assert_eq!(read.documents[0].corrected.title.as_deref(), Some("題"));
        for bad in [
            "[[document.prompt]]\nexact = \"x\"\n",
            "[[document]]\nfile = \"a\"\ntext = \"x\"\n[[document.prompt]]\nbody = \"no quote\"\n",
            "[[document]]\nfile = \"a\"\ntext = \"x\"\n[[document.prompt]]\nexact = \"x\"\nstart = \"1\"\n",
            "[[document]]\nfile = \"a\"\n[[document.prompt]]\nexact = \"x\"\n",
        ] {
            assert!(Pack::from_toml(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn round_trips_and_never_closes_its_element() {
        let p = sample();
        let toml = p.to_toml();
        assert!(!toml.contains('<'), "{toml}");
        assert_eq!(Pack::from_toml(&toml).unwrap(), p);
        // Standard TOML, as the `toml` crate reads it.
        let standard: toml::Table = toml::from_str(&toml).unwrap();
        assert_eq!(standard["document"].as_array().unwrap().len(), 2);
        assert_eq!(
            standard["document"][0]["text"].as_str(),
            Some(p.documents[0].text.as_str())
        );
        assert_eq!(
            standard["document"][0]["corrected"]["date"].as_str(),
            Some("2024-03-15")
        );
        assert_eq!(standard["theme"][0]["terms"][1].as_str(), Some("3カ国"));
    }

    #[test]
    fn reads_hand_written_packs() {
        let text = "# a pack\nversion = 1 # the first\ntitle = '読み比べ'\n\n[[document]]\n  file = \"a.txt\"\n  text = \"本文\\u3002\\U0001F600\"\n[[theme]]\nid = \"t\"\nlabel_ja = \"x\"\nterms = [ \"a\" , 'b', ]\n";
        let p = Pack::from_toml(text).unwrap();
        assert_eq!(p.title.as_deref(), Some("読み比べ"));
        assert_eq!(p.documents[0].text, "本文。😀");
        assert_eq!(p.themes[0].terms, ["a", "b"]);
        for bad in [
            "[[document]]\nfile = \"a\"\ntext = \"x\" y\n",
            "[[document]]\nfile = \"a\"\ntext = \"x\n",
            "[[document]]\nfile = \"a\"\ntext = \"\\q\"\n",
            "[[document]]\nfile = \"a\"\ncolour = \"x\"\ntext = \"x\"\n",
            "[[document]]\ntext = \"x\"\n",
            "[other]\n",
            "version = \"1\"\n",
        ] {
            assert!(Pack::from_toml(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn embeds_in_a_page_and_replaces_the_previous_pack() {
        let page = "<!DOCTYPE html><html><head><title>r</title></head><body></body></html>";
        let one = with_pack(page, &sample());
        assert_eq!(pack_in_html(&one).unwrap().unwrap(), sample());
        let mut smaller = sample();
        smaller.documents.pop();
        let two = with_pack(&one, &smaller);
        assert_eq!(two.matches(PACK_ELEMENT_ID).count(), 1);
        assert_eq!(pack_in_html(&two).unwrap().unwrap(), smaller);
        assert!(pack_in_html(page).is_none());
    }

    #[test]
    fn corrections_override_the_parser_and_are_checked() {
        let d = &sample().documents[0];
        let doc = d.parse();
        assert_eq!(doc.id, "first");
        assert_eq!(doc.title.as_deref(), Some("正しい題"));
        assert_eq!(doc.title_source, Some(FactSource::Corrected));
        assert_eq!(doc.date.as_ref().map(|d| d.iso.as_str()), Some("2024-03-15"));
        let bad = Corrections {
            date: Some("15 March".into()),
            ..Default::default()
        };
        assert!(bad.cleaned().is_err());
        let blank = Corrections {
            title: Some("  ".into()),
            ..Default::default()
        };
        assert!(blank.cleaned().unwrap().is_empty());
    }

    #[test]
    fn a_line_set_aside_can_be_content() {
        // A page number the parser sets aside (page evidence: a form feed after it).
        let text = "題名\n\n第一段落の本文である。\n\n12\n\u{c}第二段落の本文である。\n";
        let mut d = PackDocument::new("a.txt", text.into(), None);
        let before = d.parse();
        let removed = before
            .removed
            .iter()
            .find(|r| r.text == "12")
            .expect("the page number is set aside");
        d.corrected.content_lines = vec![removed.line];
        let after = d.parse();
        assert!(after.removed.iter().all(|r| r.line != removed.line));
        let kept = after
            .passages
            .iter()
            .position(|p| p.text == "12")
            .expect("back in the text");
        assert_eq!(after.passages[kept].id, format!("k{}", removed.line));
        assert!(after.passages[kept - 1].text.contains("第一段落"));
        assert!(after.passages[kept + 1].text.contains("第二段落"));
        let ids = |doc: &Document| {
            doc.passages
                .iter()
                .filter(|p| !p.id.starts_with('k'))
                .map(|p| p.id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&before), ids(&after), "no other id moves");
    }

    #[test]
    fn bad_packs_say_why() {
        assert!(Pack::from_toml("version = 99").unwrap_err().contains("newer"));
        let dup = "[[document]]\nfile=\"a.txt\"\ntext=\"x\"\n[[document]]\nfile=\"A.txt\"\ntext=\"y\"\n";
        assert!(Pack::from_toml(dup).unwrap_err().contains("two documents"));
        assert!(
            Pack::from_toml("[[document]]\nfile=\"a\"\n").is_err(),
            "text is required"
        );
        assert!(Pack::from_toml("nonsense = 1").is_err());
    }

    #[test]
    fn unique_slugs() {
        let p = sample();
        assert_eq!(p.unique_slug("b.txt"), "b-2");
        assert_eq!(p.unique_slug("c.txt"), "c");
    }
}
