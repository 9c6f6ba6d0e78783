//! Embeds the default corpus: reads `corpus/manifest.toml` through `yomikurabe-core` (the one
//! definition of the manifest format) and writes `default_corpus.rs`, which `include_str!`s each
//! text so the app needs no request to show them, and the library cards (document summaries) of
//! the same parse, so the library shows before anything is parsed in the browser. Reads `corpus/themes.toml` with
//! `ThemeSet::from_toml` too (a broken themes file fails the build, not the reader) and writes the
//! themes as static Rust data (`default_themes.rs`), so the browser needs no TOML parser: that
//! saved ~40 KB of gzipped wasm.

use std::fmt::Write as _;
use std::path::PathBuf;

use yomikurabe_core::themes::Scope;

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap())
        .join("..")
        .join("corpus");
    let manifest_path = root.join("manifest.toml");
    println!("cargo:rerun-if-changed={}", manifest_path.display());
    let text = std::fs::read_to_string(&manifest_path).expect("corpus/manifest.toml is readable");
    let manifest = yomikurabe_core::Manifest::from_toml(&text).unwrap_or_else(|e| panic!("{e}"));
    let mut out = String::from(
        "/// The default corpus, embedded at build time from `corpus/`.\npub static DEFAULT_CORPUS: &[DefaultSource] = &[\n",
    );
    for e in &manifest.documents {
        let path = root.join(&e.file);
        println!("cargo:rerun-if-changed={}", path.display());
        assert!(path.exists(), "manifest names {} but it is not in corpus/", e.file);
        writeln!(
            out,
            "    DefaultSource {{ id: {:?}, file: {:?}, title: {:?}, author: {:?}, date: {:?}, text: include_str!({:?}) }},",
            e.id(),
            e.file,
            e.title,
            e.author,
            e.date,
            path.canonicalize().unwrap().display().to_string()
        )
        .unwrap();
    }
    out.push_str("];\n");

    // The library cards of the default corpus, from the same parse the app runs, so the library
    // shows without parsing anything at start-up (`corpus::tests` checks they agree).
    let texts: Vec<String> = manifest
        .documents
        .iter()
        .map(|e| std::fs::read_to_string(root.join(&e.file)).expect("corpus text is readable"))
        .collect();
    let ids: Vec<String> = manifest.documents.iter().map(|e| e.id()).collect();
    let sources: Vec<yomikurabe_core::Source<'_>> = manifest
        .documents
        .iter()
        .zip(&texts)
        .zip(&ids)
        .map(|((e, text), id)| yomikurabe_core::Source {
            id,
            file: &e.file,
            text,
            entry: Some(e),
        })
        .collect();
    let corpus = yomikurabe_core::parse_corpus(&sources);
    out.push_str("/// The library cards of the default corpus, computed at build time.\npub static DEFAULT_SUMMARIES: &[StaticSummary] = &[\n");
    for d in &corpus.documents {
        let s = d.summary();
        let date = s.date.as_ref().map(|d| {
            format!(
                "({:?}, DateKind::{:?}, {:?}, FactSource::{:?})",
                d.iso, d.kind, d.text, d.source
            )
        });
        writeln!(
            out,
            "    StaticSummary {{ id: {:?}, title: {:?}, subtitle: {:?}, author: {:?}, date: {}, body_chars: {}, opening: {:?} }},",
            s.id,
            s.title,
            s.subtitle,
            s.author,
            date.map_or("None".to_string(), |d| format!("Some({d})")),
            s.body_chars,
            s.opening
        )
        .unwrap();
    }
    out.push_str("];\n");
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    std::fs::write(out_dir.join("default_corpus.rs"), out).unwrap();

    let themes_path = root.join("themes.toml");
    println!("cargo:rerun-if-changed={}", themes_path.display());
    let text = std::fs::read_to_string(&themes_path).expect("corpus/themes.toml is readable");
    let themes =
        yomikurabe_core::themes::ThemeSet::from_toml(&text).unwrap_or_else(|e| panic!("corpus/themes.toml: {e}"));
    let mut out = String::from(
        "/// The curated themes of the default corpus (`corpus/themes.toml`, read and checked at build time).\n\
         pub static DEFAULT_THEMES: &[StaticTheme] = &[\n",
    );
    let strs = |v: &[String]| format!("&{v:?}");
    let groups = |v: &[Vec<String>]| {
        let inner: Vec<String> = v.iter().map(|g| strs(g)).collect();
        format!("&[{}]", inner.join(", "))
    };
    let rule = |terms: &[String], all: &[Vec<String>], within: Scope, exclude: &[String], exclude_scope: Scope| {
        format!(
            "StaticRule {{ terms: {}, all: {}, within: Scope::{within:?}, exclude: {}, exclude_scope: Scope::{exclude_scope:?} }}",
            strs(terms),
            groups(all),
            strs(exclude)
        )
    };
    for t in themes.themes() {
        let rules: Vec<String> = t
            .rules
            .iter()
            .map(|r| rule(&r.terms, &r.all, r.within, &r.exclude, r.exclude_scope))
            .collect();
        writeln!(
            out,
            "    StaticTheme {{ id: {:?}, label_ja: {:?}, label_en: {:?}, description: {:?}, kind: ThemeKind::{:?}, first: {}, rules: &[{}] }},",
            t.id,
            t.label_ja,
            t.label_en,
            t.description,
            t.kind,
            rule(&t.terms, &t.all, t.within, &t.exclude, t.exclude_scope),
            rules.join(", ")
        )
        .unwrap();
    }
    out.push_str("];\n");
    std::fs::write(out_dir.join("default_themes.rs"), out).unwrap();
}
