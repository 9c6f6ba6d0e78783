//! Loading the default corpus for integration tests.
#![allow(dead_code, unreachable_pub)]

use std::path::PathBuf;
use std::time::{Duration, Instant};
use yomikurabe_core::model::Document;
use yomikurabe_core::{parse_corpus, Corpus, Manifest, Source};

pub fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join("corpus")
}

/// The default corpus: (file, text) in manifest order, plus the manifest.
pub fn default_texts() -> (Manifest, Vec<(String, String)>) {
    let dir = corpus_dir();
    let manifest = Manifest::from_toml(&std::fs::read_to_string(dir.join("manifest.toml")).unwrap()).unwrap();
    let texts = manifest
        .documents
        .iter()
        .map(|e| (e.file.clone(), std::fs::read_to_string(dir.join(&e.file)).unwrap()))
        .collect();
    (manifest, texts)
}

/// Parser inputs for texts loaded with [`default_texts`]; `ids` are the manifest ids in order.
pub fn sources<'a>(manifest: &'a Manifest, texts: &'a [(String, String)], ids: &'a [String]) -> Vec<Source<'a>> {
    texts
        .iter()
        .zip(ids)
        .map(|((file, text), id)| Source {
            id,
            file,
            text,
            entry: manifest.entry(file),
        })
        .collect()
}

pub fn default_corpus() -> Corpus {
    let (manifest, texts) = default_texts();
    let ids: Vec<String> = manifest.documents.iter().map(|e| e.id()).collect();
    parse_corpus(&sources(&manifest, &texts, &ids))
}

/// Median of `runs` timings of `f` (for the bench binaries).
pub fn median_time(runs: usize, mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

/// Milliseconds of a duration.
pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// A corpus of `docs`, named `doc-0`, `doc-1`, … (for the benches' synthetic corpora).
pub fn parse_named<S: AsRef<str>>(docs: &[S]) -> Corpus {
    let names: Vec<String> = (0..docs.len()).map(|i| format!("doc-{i}")).collect();
    let sources: Vec<Source<'_>> = docs
        .iter()
        .zip(&names)
        .map(|(t, n)| Source {
            id: n,
            file: n,
            text: t.as_ref(),
            entry: None,
        })
        .collect();
    parse_corpus(&sources)
}

/// Letters only (kanji, kana, Latin): what must survive of a line wherever it ends up. Spaces,
/// digits (note markers are removed from passages) and punctuation are left out of the check.
pub fn letters(s: &str) -> String {
    s.chars().filter(|c| c.is_alphabetic()).collect()
}

/// Every non-blank line of `text` is in a passage, a note, the document's facts or `removed`
/// (compared by its letters, in order of the output text).
pub fn assert_every_line_accounted_for(text: &str, d: &Document) {
    let mut seen = String::new();
    for fact in [&d.title, &d.subtitle, &d.author, &d.affiliation].into_iter().flatten() {
        seen.push_str(&letters(fact));
        seen.push('|');
    }
    if let Some(date) = &d.date {
        seen.push_str(&letters(&date.text));
        seen.push('|');
    }
    for p in &d.passages {
        seen.push_str(&letters(&p.text));
        seen.push('|');
    }
    for r in &d.removed {
        seen.push_str(&letters(&strip_markup(&r.text)));
        seen.push('|');
    }
    for (i, line) in text.split('\n').enumerate() {
        for part in line.split(['\r', '\u{c}']) {
            let l = letters(&strip_markup(part));
            // A line may also be cut in two (a photo caption taken out of a sentence).
            let cut_in_two = || {
                l.char_indices()
                    .skip(1)
                    .any(|(k, _)| seen.contains(&l[..k]) && seen.contains(&l[k..]))
            };
            assert!(
                l.is_empty() || seen.contains(&l) || cut_in_two(),
                "{}: line {} is nowhere: {part:?}",
                d.id,
                i + 1
            );
        }
    }
}

/// What the parser strips from inside lines by design: Aozora ruby `《…》`, its start mark `｜`
/// and editorial notes `［＃…］`; Markdown footnote references `[^1]`, `[^name]`.
pub fn strip_markup(line: &str) -> String {
    let mut out = String::new();
    let mut chars = line.chars().peekable();
    let mut depth = 0usize;
    let mut close = ' ';
    while let Some(c) = chars.next() {
        if depth > 0 {
            if c == close {
                depth -= 1;
            }
            continue;
        }
        match c {
            '《' => {
                depth = 1;
                close = '》';
            }
            '［' if chars.peek() == Some(&'＃') => {
                depth = 1;
                close = '］';
            }
            '｜' => {}
            '[' if chars.peek() == Some(&'^') => {
                depth = 1;
                close = ']';
            }
            _ => out.push(c),
        }
    }
    out
}

/// Compare `got` with the reviewed snapshot at `path` (or write it, with `UPDATE_GOLDEN=1`);
/// a difference fails naming the first line that differs.
pub fn check_snapshot(id: &str, path: &std::path::Path, got: &str) {
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).unwrap();
        }
        std::fs::write(path, got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(path)
        .unwrap_or_else(|_| panic!("missing {}; run with UPDATE_GOLDEN=1", path.display()));
    if got != want {
        let line = got.lines().zip(want.lines()).position(|(a, b)| a != b).unwrap_or(0);
        panic!(
            "{id}: snapshot differs at line {}:\n got: {}\nwant: {}\n(review and run UPDATE_GOLDEN=1 cargo test -p yomikurabe-core to accept)",
            line + 1,
            got.lines().nth(line).unwrap_or(""),
            want.lines().nth(line).unwrap_or("")
        );
    }
}

/// The default texts repeated to `target` bytes. With `own_vocabulary`, every group of copies
/// gets its kanji and katakana shifted by a per-group offset, so the vocabulary grows with the
/// corpus (as a corpus of new essays on new topics would); without it the same essays repeat
/// verbatim (every passage has a copy in every group: the output itself grows quadratically).
pub fn synthetic(texts: &[(String, String)], target: usize, own_vocabulary: bool) -> Vec<String> {
    let mut docs = Vec::new();
    let mut total = 0;
    let mut i = 0;
    while total < target {
        let text = &texts[i % texts.len()].1;
        let group = (i / texts.len()) as u32;
        let doc: String = if own_vocabulary && group > 0 {
            text.chars()
                .map(|c| {
                    let c32 = c as u32;
                    let shifted = match c32 {
                        0x4E00..=0x9FFF => 0x4E00 + (c32 - 0x4E00 + group * 1031) % 0x5200,
                        0x30A1..=0x30F6 => 0x30A1 + (c32 - 0x30A1 + group * 7) % 0x56,
                        _ => c32,
                    };
                    char::from_u32(shifted).unwrap_or(c)
                })
                .collect()
        } else {
            text.clone()
        };
        total += doc.len();
        docs.push(doc);
        i += 1;
    }
    docs
}
