//! The `yomikurabe` binary end to end: export of the built-in corpus and of folders in several
//! encodings, and its failures. Assertions are on structure, not on what the parser makes of
//! the texts (that is core's business).

use serde_json::Value;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_yomikurabe");

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("corpus")
}

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .output()
        .expect("the yomikurabe binary runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn json(out: &Output) -> Value {
    assert!(out.status.success(), "exit {:?}, stderr: {}", out.status, stderr(out));
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

/// A fresh folder under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let dir = std::env::temp_dir().join(format!("yomikurabe-cli-{tag}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
    fn write(&self, name: &str, bytes: &[u8]) {
        std::fs::write(self.0.join(name), bytes).unwrap();
    }
    fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn corpus_text(name: &str) -> String {
    std::fs::read_to_string(corpus_dir().join(name)).unwrap()
}

/// `text` in `encoding`, and the text those bytes stand for. They can differ: encoding_rs follows
/// the WHATWG tables, which encode e.g. U+2212 MINUS SIGN as 0x817C, which decodes to U+FF0D.
fn encode(encoding: &'static encoding_rs::Encoding, text: &str) -> (Vec<u8>, String) {
    // WAVE DASH has no WHATWG Shift_JIS code; CP932 files hold FULLWIDTH TILDE instead.
    let text = text.replace('\u{301C}', "\u{FF5E}");
    let (bytes, _, had_errors) = encoding.encode(&text);
    assert!(!had_errors, "{} cannot hold this text", encoding.name());
    let (meant, had_errors) = encoding.decode_without_bom_handling(&bytes);
    assert!(!had_errors);
    (bytes.to_vec(), meant.into_owned())
}

fn utf16le(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

fn str_field<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key].as_str().unwrap_or_else(|| panic!("{key} is a string in {v}"))
}

/// Structural invariants every export must keep.
fn check_structure(export: &Value) {
    assert_eq!(export["schema"], "yomikurabe.export/3");
    let documents = export["documents"].as_array().expect("documents is an array");
    let mut doc_ids = HashSet::new();
    for doc in documents {
        let id = str_field(doc, "id");
        assert!(doc_ids.insert(id.to_string()), "document id {id} twice");
        assert!(
            !id.is_empty()
                && id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "document id {id:?} is a slug"
        );
        str_field(doc, "source_file");
        for key in ["title", "subtitle", "author", "affiliation", "date"] {
            assert!(
                doc[key].is_null() || doc[key].is_string(),
                "{id}.{key} is a string or null"
            );
        }
        let sections: HashSet<&str> = doc["sections"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| str_field(s, "id"))
            .collect();
        let passages = doc["passages"].as_array().expect("passages is an array");
        assert!(!passages.is_empty(), "{id} has passages");
        let mut passage_ids = HashSet::new();
        for p in passages {
            let pid = str_field(p, "id");
            assert!(passage_ids.insert(pid), "{id}: passage id {pid} twice");
            let text = str_field(p, "text");
            let len = text.chars().count();
            for r in p["note_refs"].as_array().unwrap() {
                let offset = r["offset"].as_u64().unwrap() as usize;
                assert!(offset <= len, "{id}/{pid}: note offset {offset} > {len} chars");
                assert!(r["number"].as_u64().is_some());
            }
            for s in p["sentences"].as_array().unwrap() {
                let (start, end) = (s[0].as_u64().unwrap() as usize, s[1].as_u64().unwrap() as usize);
                assert!(start <= end && end <= len, "{id}/{pid}: sentence {s}");
            }
            if let Some(section) = p["section"].as_str() {
                assert!(sections.contains(section), "{id}/{pid}: unknown section {section}");
            }
            assert!(p["source_line"].as_u64().unwrap() >= 1);
        }
        for n in doc["notes"].as_array().unwrap() {
            if let Some(holder) = n["passage"].as_str() {
                assert!(passage_ids.contains(holder), "{id}: note in unknown passage {holder}");
            }
        }
    }
    // Theme occurrences point at real passages, within their text.
    for theme in export["themes"].as_array().expect("themes is an array") {
        let tid = str_field(theme, "id");
        assert!(["curated", "automatic", "user"].contains(&str_field(theme, "kind")));
        for o in theme["occurrences"].as_array().unwrap() {
            let text = passage_text(export, str_field(o, "document"), str_field(o, "passage"))
                .unwrap_or_else(|| panic!("{tid}: occurrence in an unknown passage: {o}"));
            let (start, end) = (
                o["start"].as_u64().unwrap() as usize,
                o["end"].as_u64().unwrap() as usize,
            );
            assert!(start < end && end <= text.chars().count(), "{tid}: bad span {o}");
        }
    }
    let doc_ids: HashSet<&str> = documents.iter().map(|d| str_field(d, "id")).collect();
    for term in export["terms"].as_array().expect("terms is an array") {
        assert!(!str_field(term, "term").is_empty());
        for (doc, n) in term["counts"].as_object().unwrap() {
            assert!(doc_ids.contains(doc.as_str()) && n.as_u64().unwrap() > 0, "{term}");
        }
    }
    // Citations, acronyms and dates: every span is a real slice of its passage.
    let check_span = |what: &str, o: &Value| -> String {
        let text = passage_text(export, str_field(o, "document"), str_field(o, "passage"))
            .unwrap_or_else(|| panic!("{what}: span in an unknown passage: {o}"));
        let (start, end) = (
            o["start"].as_u64().unwrap() as usize,
            o["end"].as_u64().unwrap() as usize,
        );
        assert!(start < end && end <= text.chars().count(), "{what}: bad span {o}");
        char_slice(text, start, end)
    };
    for c in export["citations"].as_array().expect("citations is an array") {
        let kind = str_field(c, "kind");
        assert!(
            ["statement", "resolution", "agreement", "report", "law", "web_page"].contains(&kind),
            "{c}"
        );
        for m in c["mentions"].as_array().unwrap() {
            assert_eq!(check_span("citation", m), str_field(m, "text"));
        }
    }
    for a in export["acronyms"].as_array().expect("acronyms is an array") {
        let short = str_field(a, "short");
        for u in a["uses"].as_array().unwrap() {
            let used = check_span("acronym use", u);
            assert!(
                yomikurabe_core::text::normalize::fold(&used).eq_ignore_ascii_case(short),
                "{short} use is {used}"
            );
        }
        for d in a["definitions"].as_array().unwrap() {
            check_span("acronym definition", d);
        }
    }
    for d in export["dates"].as_array().expect("dates is an array") {
        assert_eq!(check_span("date", d), str_field(d, "text"));
        if let Some(iso) = d["iso"].as_str() {
            assert!(
                matches!(iso.len(), 4 | 7 | 10) && iso[..4].bytes().all(|b| b.is_ascii_digit()),
                "{d}"
            );
        }
    }
    for a in export["alignments"].as_array().expect("alignments is an array") {
        let (from, to) = (&a["from"], &a["to"]);
        assert!(
            passage_text(export, str_field(from, "document"), str_field(from, "passage")).is_some(),
            "{a}"
        );
        assert!(
            passage_text(export, str_field(to, "document"), str_field(to, "passage")).is_some(),
            "{a}"
        );
        assert_ne!(from["document"], to["document"], "alignments join different documents");
        let score = a["score"].as_f64().unwrap();
        assert!(score > 0.0 && score <= 1.0, "{a}");
        assert!(a["shared"].is_array());
    }
}

/// The text of a passage of the export.
fn passage_text<'a>(export: &'a Value, document: &str, passage: &str) -> Option<&'a str> {
    let doc = export["documents"].as_array()?.iter().find(|d| d["id"] == document)?;
    let p = doc["passages"].as_array()?.iter().find(|p| p["id"] == passage)?;
    p["text"].as_str()
}

fn char_slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

#[test]
fn default_export_has_the_curated_themes_and_the_matrix_agrees() {
    let export = json(&run(&["export"]));
    let themes = export["themes"].as_array().unwrap();
    let curated = themes.iter().filter(|t| t["kind"] == "curated").count();
    assert!(
        (15..=20).contains(&curated),
        "the default corpus ships 15–20 curated themes"
    );
    assert!(
        themes.iter().any(|t| t["kind"] == "automatic"),
        "shared key terms become automatic themes"
    );
    assert!(!export["terms"].as_array().unwrap().is_empty() && !export["alignments"].as_array().unwrap().is_empty());
    let csv_out = run(&["matrix"]);
    assert!(csv_out.status.success(), "{}", stderr(&csv_out));
    let csv = String::from_utf8(csv_out.stdout).unwrap();
    let rows: Vec<Vec<&str>> = csv.lines().map(|l| l.split(',').collect()).collect();
    let docs: Vec<&str> = export["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| str_field(d, "id"))
        .collect();
    assert_eq!(&rows[0][rows[0].len() - docs.len()..], docs.as_slice());
    for theme in themes {
        let id = str_field(theme, "id");
        let row = rows
            .iter()
            .find(|r| r[0] == id)
            .unwrap_or_else(|| panic!("{id} missing from the CSV"));
        for (i, doc) in docs.iter().enumerate() {
            let n = theme["occurrences"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|o| o["document"] == *doc)
                .count();
            assert_eq!(row[row.len() - docs.len() + i], n.to_string(), "{id} × {doc}");
        }
    }
}

#[test]
fn match_folds_spelling_variants_and_reports_exact_spans() {
    let out = run(&["match", "3カ国"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let matches = json(&out);
    let export = json(&run(&["export"]));
    let mut spellings = HashSet::new();
    for m in matches.as_array().unwrap() {
        let text = passage_text(&export, str_field(m, "document"), str_field(m, "passage")).unwrap();
        let (start, end) = (
            m["start"].as_u64().unwrap() as usize,
            m["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(char_slice(text, start, end), str_field(m, "text"));
        spellings.insert(str_field(m, "text").to_string());
    }
    // Only the query's own matches, each once.
    let spans: HashSet<String> = matches.as_array().unwrap().iter().map(|m| m.to_string()).collect();
    assert_eq!(spans.len(), matches.as_array().unwrap().len(), "no duplicate matches");
    assert!(
        spellings
            .iter()
            .all(|s| yomikurabe_core::text::normalize::match_key(s).text == "3か国"),
        "{spellings:?}"
    );
    // The corpus writes it both ways; one query finds both.
    assert!(
        spellings.contains("三か国") && spellings.contains("3カ国"),
        "{spellings:?}"
    );
    // Look-alikes do not match.
    assert!(!spellings.iter().any(|s| s.contains("第三国")));
}

#[test]
fn match_needs_terms_and_folder_themes_are_read() {
    let out = run(&["match"]);
    assert_eq!(out.status.code(), Some(2));
    let dir = TempDir::new("themes");
    dir.write("a.txt", "日米韓の拡大抑止協議が開かれた。\n".as_bytes());
    let export = json(&run(&["export", dir.path()]));
    assert_eq!(
        export["themes"].as_array().unwrap().len(),
        0,
        "no themes.toml: no curated themes"
    );
    dir.write(
        "themes.toml",
        "[[theme]]\nid = \"deterrence\"\nlabel_ja = \"抑止\"\nlabel_en = \"Deterrence\"\nterms = [\"拡大抑止\"]\n"
            .as_bytes(),
    );
    let export = json(&run(&["export", dir.path()]));
    let occ = export["themes"][0]["occurrences"].as_array().unwrap();
    assert_eq!(occ.len(), 1);
    assert_eq!((occ[0]["start"].as_u64(), occ[0]["end"].as_u64()), (Some(4), Some(8)));
    dir.write("themes.toml", b"[[theme]]\nid = \"Bad Id\"\n");
    let out = run(&["export", dir.path()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("themes.toml"), "{}", stderr(&out));
}

#[test]
fn default_export_is_the_corpus_with_manifest_ids() {
    let export = json(&run(&["export"]));
    check_structure(&export);
    let manifest_text = std::fs::read_to_string(corpus_dir().join("manifest.toml")).unwrap();
    let manifest = yomikurabe_core::Manifest::from_toml(&manifest_text).unwrap();
    let expected: Vec<String> = manifest.documents.iter().map(|e| e.id()).collect();
    let got: Vec<&str> = export["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| str_field(d, "id"))
        .collect();
    assert_eq!(got.len(), 5);
    assert_eq!(got, expected);
    for (doc, entry) in export["documents"].as_array().unwrap().iter().zip(&manifest.documents) {
        assert_eq!(str_field(doc, "source_file"), entry.file);
    }
}

#[test]
fn default_export_equals_exporting_the_corpus_folder() {
    let embedded = run(&["export"]);
    let folder = run(&["export", corpus_dir().to_str().unwrap()]);
    assert!(folder.status.success(), "{}", stderr(&folder));
    assert!(embedded.stdout == folder.stdout, "embedded corpus differs from corpus/");
    assert_eq!(stderr(&embedded), "");
}

#[test]
fn legacy_encodings_decode_like_utf8_and_binary_is_skipped() {
    let files = [
        ("a.txt", "000_2fd219bc52c45eb8.txt"),
        ("b.txt", "004_f29c3ff97e8ff266.txt"),
        ("c.md", "002_0df6e27ae437e1b9.txt"),
    ];
    let utf8 = TempDir::new("utf8");
    let mixed = TempDir::new("mixed");
    let (sjis, sjis_text) = encode(encoding_rs::SHIFT_JIS, &corpus_text(files[0].1));
    let (euc, euc_text) = encode(encoding_rs::EUC_JP, &corpus_text(files[1].1));
    let utf16_text = corpus_text(files[2].1);
    mixed.write(files[0].0, &sjis);
    mixed.write(files[1].0, &euc);
    mixed.write(files[2].0, &utf16le(&utf16_text));
    utf8.write(files[0].0, sjis_text.as_bytes());
    utf8.write(files[1].0, euc_text.as_bytes());
    utf8.write(files[2].0, utf16_text.as_bytes());
    let mut binary = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0".to_vec();
    binary.extend((0u32..2000).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    mixed.write("d.txt", &binary);
    mixed.write("ignored.png", &binary);

    let out = run(&["export", mixed.path()]);
    let export = json(&out);
    check_structure(&export);
    let ids: Vec<&str> = export["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| str_field(d, "id"))
        .collect();
    assert_eq!(ids, ["a", "b", "c"]);
    let err = stderr(&out);
    assert!(err.contains("skipped d.txt: binary"), "stderr: {err}");
    assert!(!err.contains("ignored.png"), "stderr: {err}");
    assert!(
        !err.contains("a.txt") && !err.contains("b.txt") && !err.contains("c.md"),
        "stderr: {err}"
    );

    // Decoding is exact: the same texts stored as UTF-8 export identically.
    let reference = json(&run(&["export", utf8.path()]));
    for (got, want) in export["documents"]
        .as_array()
        .unwrap()
        .iter()
        .zip(reference["documents"].as_array().unwrap())
    {
        if got != want {
            let id = str_field(want, "id");
            let first = got["passages"]
                .as_array()
                .unwrap()
                .iter()
                .zip(want["passages"].as_array().unwrap())
                .find(|(a, b)| a != b);
            panic!("{id} differs from its UTF-8 twin; first differing passage: {first:#?}");
        }
    }
    assert_eq!(export, reference);
}

#[test]
fn folder_manifest_gives_slugs_titles_and_order() {
    let dir = TempDir::new("manifest");
    dir.write("x.txt", "本文です。\n".as_bytes());
    dir.write("y.txt", "別の本文です。\n".as_bytes());
    dir.write("日本語.txt", "三つ目の本文。\n".as_bytes());
    dir.write(
        "manifest.toml",
        b"[[document]]\nfile = \"y.txt\"\nslug = \"why\"\ntitle = \"Y title\"\n",
    );
    let export = json(&run(&["export", dir.path()]));
    check_structure(&export);
    let docs = export["documents"].as_array().unwrap();
    let ids: Vec<&str> = docs.iter().map(|d| str_field(d, "id")).collect();
    assert_eq!(ids.len(), 3);
    assert_eq!(&ids[..2], ["why", "x"]);
    assert!(ids[2].starts_with("doc-"), "{ids:?}");
    assert_eq!(docs[0]["title"], "Y title");
    assert_eq!(docs[1]["title"], Value::Null);
}

#[test]
fn bad_folder_manifest_is_an_error() {
    let dir = TempDir::new("badmanifest");
    dir.write("x.txt", "本文です。\n".as_bytes());
    dir.write("manifest.toml", b"[[document]\n");
    let out = run(&["export", dir.path()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("manifest.toml"), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
}

#[test]
fn output_file() {
    let dir = TempDir::new("output");
    let target = dir.0.join("out.json");
    let out = run(&["export", "-o", target.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    assert!(stderr(&out).contains("wrote 5 documents"), "{}", stderr(&out));
    let written: Value = serde_json::from_slice(&std::fs::read(&target).unwrap()).unwrap();
    check_structure(&written);

    let out = run(&["export", "-o", dir.0.join("no/such/dir/out.json").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("out.json"), "{}", stderr(&out));
}

#[test]
fn missing_or_empty_folder_fails_with_a_message() {
    let out = run(&["export", "/no/such/folder/for/yomikurabe"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = stderr(&out);
    assert!(
        err.contains("/no/such/folder/for/yomikurabe") && err.contains("no such folder"),
        "{err}"
    );

    let dir = TempDir::new("onlybinary");
    dir.write("a.txt", &[0, 159, 146, 150, 0, 0, 1, 2, 3]);
    let out = run(&["export", dir.path()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("skipped a.txt") && err.contains("no document in"), "{err}");
}

#[test]
fn command_line_errors_and_help() {
    let out = run(&["export", "--bogus"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--bogus"), "{}", stderr(&out));
    let out = run(&["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));

    let out = run(&["--help"]);
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).unwrap();
    assert!(help.contains("yomikurabe export [DIR] [-o FILE]") && help.contains("bundle DIST_DIR"));
}

#[test]
fn bundle_of_a_missing_dist_fails_with_a_message() {
    let out = run(&["bundle", "/no/such/dist/for/yomikurabe"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("trunk build --release"), "{}", stderr(&out));
}
