//! `yomikurabe search` and `yomikurabe kwic` end to end: hits point at the passages' text (checked
//! against the export), spelling variants are found, `-word` is a query word, empty and
//! malformed queries give empty output and exit 0, KWIC lines are TSV in the order asked for.

use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use yomikurabe_core::text::normalize::match_key;

const BIN: &str = env!("CARGO_BIN_EXE_yomikurabe");

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .output()
        .expect("the yomikurabe binary runs")
}

fn stdout(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}, stderr: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

fn hits(args: &[&str]) -> Vec<Value> {
    let v: Value = serde_json::from_str(&stdout(&run(args))).expect("stdout is JSON");
    v.as_array().expect("an array").clone()
}

/// Passage texts of the default corpus by (document id, passage id), from the export.
fn passages() -> HashMap<(String, String), String> {
    let export: Value = serde_json::from_str(&stdout(&run(&["export"]))).unwrap();
    let mut out = HashMap::new();
    for d in export["documents"].as_array().unwrap() {
        for p in d["passages"].as_array().unwrap() {
            out.insert(
                (
                    d["id"].as_str().unwrap().to_string(),
                    p["id"].as_str().unwrap().to_string(),
                ),
                p["text"].as_str().unwrap().to_string(),
            );
        }
    }
    out
}

fn chars(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

fn field<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key].as_str().unwrap_or_else(|| panic!("{key} is a string in {v}"))
}

/// Every hit's offsets slice its passage's text to the hit's text, inside its sentence.
fn check_hits(hits: &[Value], texts: &HashMap<(String, String), String>) {
    for h in hits {
        let text = texts
            .get(&(field(h, "document").to_string(), field(h, "passage").to_string()))
            .unwrap_or_else(|| panic!("a hit in an unknown passage: {h}"));
        let (start, end) = (
            h["start"].as_u64().unwrap() as usize,
            h["end"].as_u64().unwrap() as usize,
        );
        assert!(start < end && end <= text.chars().count(), "{h}");
        assert_eq!(chars(text, start, end), field(h, "text"), "{h}");
        assert!(field(h, "sentence").contains(field(h, "text")), "{h}");
        assert!(text.contains(field(h, "sentence")), "{h}");
    }
}

#[test]
fn search_finds_every_spelling_and_points_at_the_text() {
    let texts = passages();
    let found = hits(&["search", "三か国"]);
    // 3カ国 24 times, 三か国 28, 三ヶ国 once in the texts (grep can count them).
    assert_eq!(found.len(), 53);
    assert!(found.iter().all(|h| match_key(field(h, "text")).text == "3か国"));
    check_hits(&found, &texts);
    let variants: std::collections::HashSet<&str> = found.iter().map(|h| field(h, "text")).collect();
    assert_eq!(variants, ["3カ国", "三か国", "三ヶ国"].into_iter().collect());
    // Multiple words are one query: AND, with `|` and `-word` as words of it.
    let both = hits(&["search", "日米韓", "拡大抑止"]);
    check_hits(&both, &texts);
    let and_passages: std::collections::HashSet<(&str, &str)> = both
        .iter()
        .map(|h| (field(h, "document"), field(h, "passage")))
        .collect();
    for (d, p) in &and_passages {
        let key = match_key(&texts[&(d.to_string(), p.to_string())]).text;
        assert!(key.contains("日米韓") && key.contains("拡大抑止"));
    }
    let without = hits(&["search", "北朝鮮", "-核"]);
    assert!(!without.is_empty());
    for h in &without {
        let key = match_key(&texts[&(field(h, "document").to_string(), field(h, "passage").to_string())]).text;
        assert!(!key.contains('核'), "{h}");
    }
}

#[test]
fn the_best_passages_come_first() {
    let found = hits(&["search", "日米", "|", "米国"]);
    // Passages with both alternatives before those with one.
    let texts = passages();
    let both = |h: &Value| {
        let key = match_key(&texts[&(field(h, "document").to_string(), field(h, "passage").to_string())]).text;
        key.contains("日米") && key.contains("米国")
    };
    let first_single = found.iter().position(|h| !both(h)).expect("some passage has one");
    assert!(first_single > 0);
    assert!(found[first_single..].iter().all(|h| !both(h)));
}

#[test]
fn empty_and_malformed_queries_print_nothing_and_succeed() {
    for q in ["", "存在しない語", "\"", "-", "|", "\"|-", "-核", "・", "\"\" | \"\""] {
        assert_eq!(hits(&["search", "--", q]), Vec::<Value>::new(), "{q:?}");
        let tsv = stdout(&run(&["kwic", "--", q]));
        assert_eq!(tsv.lines().count(), 1, "{q:?}: only the header");
    }
    let huge = "抑止 ".repeat(10_000);
    assert!(!hits(&["search", &huge]).is_empty());
    let out = run(&["search"]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["kwic", "抑止", "--sort", "up"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn kwic_prints_tsv_sorted_as_asked() {
    let header = "document\ttitle\tauthor\tdate\tpassage\tstart\tend\tleft\tkeyword\tright";
    let rows = |sort: &str| -> Vec<Vec<String>> {
        let tsv = stdout(&run(&["kwic", "拡大抑止", "--width", "6", "--sort", sort]));
        let mut lines = tsv.lines();
        assert_eq!(lines.next(), Some(header));
        lines.map(|l| l.split('\t').map(str::to_string).collect()).collect()
    };
    let by_document = rows("document");
    assert_eq!(by_document.len(), 11);
    let texts = passages();
    for r in &by_document {
        assert_eq!(r.len(), 10, "{r:?}");
        assert_eq!(match_key(&r[8]).text, "拡大抑止");
        assert!(r[7].chars().count() <= 6 && r[9].chars().count() <= 6);
        let text = &texts[&(r[0].clone(), r[4].clone())];
        let (start, end): (usize, usize) = (r[5].parse().unwrap(), r[6].parse().unwrap());
        assert_eq!(chars(text, start, end), r[8]);
    }
    let left = rows("left");
    let keys: Vec<String> = left.iter().map(|r| r[7].chars().rev().collect()).collect();
    assert!(keys.windows(2).all(|w| w[0] <= w[1]), "{keys:?}");
    let right = rows("right");
    assert!(right.windows(2).all(|w| w[0][9] <= w[1][9]));
    let mut sorted = left.clone();
    sorted.sort();
    let mut again = by_document.clone();
    again.sort();
    assert_eq!(sorted, again, "the same lines in another order");
}

/// A fresh folder under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let dir = std::env::temp_dir().join(format!("yomikurabe-search-{tag}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn a_folder_is_searched_with_dir() {
    let dir = TempDir::new("dir");
    std::fs::write(
        dir.path().join("a.txt"),
        "題名\n\n本文です。\n\nキャンプ・デービッドで國際協力を話した。\n",
    )
    .unwrap();
    let d = dir.path().to_str().unwrap();
    let found = hits(&["search", "キャンプデービッド", "国際", "--dir", d]);
    let texts: Vec<&str> = found.iter().map(|h| field(h, "text")).collect();
    assert_eq!(texts, ["キャンプ・デービッド", "國際"]);
    assert_eq!(field(&found[0], "sentence"), "キャンプ・デービッドで國際協力を話した。");
    assert_eq!(found[0]["start"], 0);
    assert_eq!(found[0]["end"], 10);
    let tsv = stdout(&run(&["kwic", "協力", "--width", "3", "--dir", d]));
    let line: Vec<&str> = tsv.lines().nth(1).unwrap().split('\t').collect();
    assert_eq!(&line[7..], ["で國際", "協力", "を話し"]);
}
