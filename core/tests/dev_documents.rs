//! Golden tests over the development documents (`tests/fixtures/dev/`, sources in SOURCES.md):
//! real public texts of forms the parser was not written for (PDF extractions in three modes, a
//! Markdown blog post, a Diet record, Aozora Bunko texts in Shift_JIS). Facts a reader can check
//! against the source, that every input line ends up somewhere the user can see, and a reviewed
//! snapshot of every passage (regenerate with `UPDATE_GOLDEN=1 cargo test -p yomikurabe-core`).

mod common;

use common::{assert_every_line_accounted_for, default_texts};
use std::fmt::Write as _;
use std::path::PathBuf;
use yomikurabe_core::model::{Document, PassageKind, RemovalReason};
use yomikurabe_core::text::decode::decode;
use yomikurabe_core::{parse_document, Source};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dev")
}

/// The fixtures as (file name, decoded text), in file order. The files are the original bytes;
/// the Shift_JIS ones are decoded by the crate's own decoder.
fn texts() -> Vec<(String, String)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md"))
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(|c: char| c.is_ascii_digit())
        })
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            let text = decode(&bytes).expect("decodable").text;
            (p.file_name().unwrap().to_string_lossy().into_owned(), text)
        })
        .collect()
}

fn parse(file: &str, text: &str) -> Document {
    let id = file.split('.').next().unwrap();
    parse_document(Source {
        id,
        file,
        text,
        entry: None,
    })
}

fn dev(prefix: &str) -> (String, Document) {
    let (file, text) = texts()
        .into_iter()
        .find(|(f, _)| f.starts_with(prefix))
        .expect("fixture present");
    let d = parse(&file, &text);
    (text, d)
}

fn body_text(d: &Document) -> String {
    d.passages
        .iter()
        .filter(|p| p.kind != PassageKind::Note)
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_line_of_every_fixture_is_accounted_for() {
    for (file, text) in texts() {
        let d = parse(&file, &text);
        assert_every_line_accounted_for(&text, &d);
    }
    let (manifest, texts) = default_texts();
    for (file, text) in &texts {
        let d = parse_document(Source {
            id: file,
            file,
            text,
            entry: manifest.entry(file),
        });
        assert_every_line_accounted_for(text, &d);
    }
}

#[test]
fn removed_lines_are_the_source_lines() {
    for (file, text) in texts() {
        let d = parse(&file, &text);
        let lines: Vec<&str> = text.split('\n').collect();
        for r in &d.removed {
            assert!(
                lines[r.line - 1].contains(r.text.as_str()),
                "{file}: removed line {} {:?} is not in the source line {:?}",
                r.line,
                r.text,
                lines[r.line - 1]
            );
        }
    }
}

#[test]
fn repeated_content_lines_are_not_page_furniture() {
    // A speaker label, an applause mark and a recurring sub-heading, many times over, no pages.
    let unit = "司会：\n次の議題に移ります。\n（拍手）\n【論点】\n本文の段落である。\n";
    let text = unit.repeat(3 * 1024 * 1024 / unit.len());
    let d = parse("repeated.txt", &text);
    assert!(d.removed.is_empty(), "{:?}", &d.removed[..3.min(d.removed.len())]);
    assert!(!d.passages.is_empty());
    assert!(d.diagnostics.iter().all(|x| !x.message.contains("no readable content")));
    assert!(body_text(&d).contains("（拍手）"));
}

fn snapshot(d: &Document) -> String {
    let mut s = String::new();
    writeln!(
        s,
        "id: {}\ntitle: {:?}\nsubtitle: {:?}\nauthor: {:?}\naffiliation: {:?}",
        d.id, d.title, d.subtitle, d.author, d.affiliation
    )
    .unwrap();
    writeln!(s, "date: {:?}", d.date.as_ref().map(|x| (&x.iso, x.kind, &x.text))).unwrap();
    for sec in &d.sections {
        writeln!(
            s,
            "section {} level {} parent {:?}: {}",
            sec.id, sec.level, sec.parent, sec.title
        )
        .unwrap();
    }
    for p in &d.passages {
        let mut text = p.text.clone();
        for r in p.note_refs.iter().rev() {
            text.insert_str(r.offset, &format!("[^{}]", r.number));
        }
        writeln!(s, "{} {} L{}: {}", p.id, p.kind.as_str(), p.source_line, text).unwrap();
    }
    for n in &d.notes {
        writeln!(
            s,
            "note {}: {}",
            n.number,
            if n.text.is_some() { "text" } else { "no text in source" }
        )
        .unwrap();
    }
    for r in &d.removed {
        writeln!(s, "removed L{} {}: {}", r.line, r.reason.as_str(), r.text).unwrap();
    }
    for x in &d.diagnostics {
        writeln!(s, "diagnostic L{} {:?}: {}", x.line, x.kind, x.message).unwrap();
    }
    s
}

#[test]
fn snapshots_match() {
    let out = dir().join("snapshots");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    if update {
        std::fs::create_dir_all(&out).unwrap();
    }
    for (file, text) in texts() {
        let d = parse(&file, &text);
        let path = out.join(format!("{}.snap", d.id));
        let got = snapshot(&d);
        if update {
            std::fs::write(&path, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&path)
            .unwrap_or_else(|_| panic!("missing {}; run with UPDATE_GOLDEN=1", path.display()));
        if got != want {
            let line = got.lines().zip(want.lines()).position(|(a, b)| a != b).unwrap_or(0);
            panic!(
                "{}: snapshot differs at line {}:\n got: {}\nwant: {}\n(review and run UPDATE_GOLDEN=1 cargo test -p yomikurabe-core to accept)",
                d.id,
                line + 1,
                got.lines().nth(line).unwrap_or(""),
                want.lines().nth(line).unwrap_or("")
            );
        }
    }
}

fn removed_reasons(d: &Document) -> Vec<RemovalReason> {
    d.removed.iter().map(|r| r.reason).collect()
}

#[test]
fn page_furniture_of_the_pdf_extractions() {
    let (_, d) = dev("03_");
    let removed: Vec<&str> = d.removed.iter().map(|r| r.text.as_str()).collect();
    for furniture in ["DIPLOMATIC BLUEBOOK 2025", "014", "015", "016", "017"] {
        assert!(removed.contains(&furniture), "{furniture} not removed: {removed:?}");
    }
    assert!(
        !removed.contains(&"(5)"),
        "a note marker on its own line is no page number"
    );
    let (_, d) = dev("01_");
    assert!(removed_reasons(&d).iter().all(|r| matches!(
        r,
        RemovalReason::PageNumber | RemovalReason::RunningHead | RemovalReason::TableOfContents
    )));
    assert!(d.removed.iter().any(|r| r.text == "16"));
}
