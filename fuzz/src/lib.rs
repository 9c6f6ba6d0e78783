//! What the fuzz targets share: one fuzz input → texts → a parsed corpus, the validity checks of
//! spans and dates, and the slowest-unit figure that `scripts/fuzz.sh` reports.
//!
//! Uses only core's crate-root paths (`parse_corpus`, `Source`, `Corpus`, `Document`), so a move
//! of core's modules touches the targets, not this file.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering};
use yomikurabe_core::{parse_corpus, Corpus, Document, Source};

/// Documents in one input are separated by this character (ASCII record separator); the seeds
/// of several documents use it too.
pub const DOC_SEPARATOR: char = '\u{1E}';
/// At most this many documents (the reader shows four columns); the last takes the rest.
pub const MAX_DOCS: usize = 4;
const IDS: [&str; MAX_DOCS] = ["a", "b", "c", "d"];
const FILES: [&str; MAX_DOCS] = ["a.txt", "b.txt", "c.txt", "d.txt"];

/// The input as text (invalid UTF-8 replaced: the decoder has its own target).
pub fn text(data: &[u8]) -> Cow<'_, str> {
    String::from_utf8_lossy(data)
}

/// The documents of one input text.
pub fn split_docs(text: &str) -> Vec<&str> {
    text.splitn(MAX_DOCS, DOC_SEPARATOR).collect()
}

/// Parser inputs for `texts`, with ids `a`, `b`, `c`, `d`.
pub fn sources<'a>(texts: &[&'a str]) -> Vec<Source<'a>> {
    texts
        .iter()
        .zip(IDS.iter().zip(FILES))
        .map(|(text, (id, file))| Source {
            id,
            file,
            text,
            entry: None,
        })
        .collect()
}

/// One input as a parsed corpus of up to [`MAX_DOCS`] documents.
pub fn corpus(data: &[u8]) -> Corpus {
    let text = text(data);
    parse_corpus(&sources(&split_docs(&text)))
}

/// `range` is a non-reversed byte range on char boundaries of `text`; returns the slice.
pub fn slice<'a>(text: &'a str, range: &Range<usize>, what: &str) -> &'a str {
    assert!(
        range.start <= range.end && text.get(range.clone()).is_some(),
        "{what}: range {range:?} is not a char range of a {}-byte text",
        text.len()
    );
    &text[range.clone()]
}

/// Like [`slice`], and not empty.
pub fn nonempty<'a>(text: &'a str, range: &Range<usize>, what: &str) -> &'a str {
    let s = slice(text, range, what);
    assert!(!s.is_empty(), "{what}: empty range {range:?}");
    s
}

/// The text of passage `passage` of document `document`, both indices checked.
pub fn passage_text<'a>(corpus: &'a Corpus, document: usize, passage: usize, what: &str) -> &'a str {
    let d = corpus
        .documents
        .get(document)
        .unwrap_or_else(|| panic!("{what}: document {document} of {}", corpus.documents.len()));
    let p = d
        .passages
        .get(passage)
        .unwrap_or_else(|| panic!("{what}: passage {passage} of {} in {}", d.passages.len(), d.id));
    &p.text
}

/// A span (document, passage, byte range) of the corpus: valid and not empty; returns its text.
pub fn span<'a>(corpus: &'a Corpus, document: usize, passage: usize, range: &Range<usize>, what: &str) -> &'a str {
    nonempty(passage_text(corpus, document, passage, what), range, what)
}

/// What the parser promises of any document: unique passage ids, note markers on char
/// boundaries, sentences contiguous, non-empty and covering the text, notes with text exactly
/// when they have a passage, sections named by passages.
pub fn check_document(doc: &Document) {
    let mut ids = std::collections::HashSet::new();
    for p in &doc.passages {
        assert!(ids.insert(p.id.as_str()), "duplicate passage id {}", p.id);
        for r in &p.note_refs {
            slice(&p.text, &(r.offset..r.offset), "note marker offset");
        }
        let mut at = 0;
        for s in &p.sentences {
            assert_eq!(s.start, at, "sentences are contiguous in {}", p.id);
            nonempty(&p.text, s, "sentence");
            at = s.end;
        }
        assert_eq!(at, p.text.len(), "sentences cover passage {}", p.id);
    }
    for n in &doc.notes {
        assert_eq!(n.passage.is_some(), n.text.is_some(), "note {}", n.number);
        if let Some(id) = &n.passage {
            assert!(doc.passage(id).is_some(), "note {} names passage {id}", n.number);
        }
    }
    for s in &doc.sections {
        assert!(doc.passage(&s.id).is_some(), "section {} has its heading passage", s.id);
        assert!((1..=6).contains(&s.level), "section {} level {}", s.id, s.level);
    }
}

/// `iso` is `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with a real month and day.
pub fn check_iso(iso: &str) {
    let parts: Vec<&str> = iso.split('-').collect();
    let num = |s: &str, len: usize| -> u32 {
        assert!(
            s.len() == len && s.bytes().all(|b| b.is_ascii_digit()),
            "ISO date {iso:?}"
        );
        s.parse().unwrap()
    };
    assert!((1..=3).contains(&parts.len()), "ISO date {iso:?}");
    let y = num(parts[0], 4);
    if let Some(m) = parts.get(1) {
        let m = num(m, 2);
        assert!((1..=12).contains(&m), "ISO date {iso:?}");
        if let Some(d) = parts.get(2) {
            let d = num(d, 2);
            let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
            let days = match m {
                2 if leap => 29,
                2 => 28,
                4 | 6 | 9 | 11 => 30,
                _ => 31,
            };
            assert!((1..=days).contains(&d), "ISO date {iso:?}");
        }
    }
}

static SLOWEST_NS: AtomicU64 = AtomicU64::new(1_000_000);

/// CPU time of this thread: what a unit costs, whatever else the machine runs (wall-clock times
/// of a niced fuzzer on a shared machine mostly measure the wait for a core).
fn thread_cpu_ns() -> u64 {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: clock_gettime only writes the timespec it is given.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64
}

/// Runs one unit and prints a line when it is the slowest so far (over 1 ms of CPU time): the
/// figure `scripts/fuzz.sh` reports (libFuzzer's own slow-unit report counts whole seconds of
/// wall-clock time only; its -timeout still bounds each unit's wall-clock time). With
/// `YK_FUZZ_SLOWEST=<file>` the slowest input so far is also written there, to replay it.
pub fn timed<R>(data: &[u8], f: impl FnOnce() -> R) -> R {
    let start = thread_cpu_ns();
    let r = f();
    let ns = thread_cpu_ns().saturating_sub(start);
    if ns > SLOWEST_NS.load(Ordering::Relaxed) {
        SLOWEST_NS.store(ns, Ordering::Relaxed);
        eprintln!("#slowest unit: {:.1} ms CPU, {} bytes", ns as f64 / 1e6, data.len());
        if let Some(path) = std::env::var_os("YK_FUZZ_SLOWEST") {
            let _ = std::fs::write(path, data);
        }
    }
    r
}
