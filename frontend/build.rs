//! Embeds the default corpus: reads `corpus/manifest.toml` through `yomikurabe-core` (the one
//! definition of the manifest format) and writes `default_corpus.rs`, which `include_str!`s each
//! text so the app needs no request to show them.

use std::fmt::Write as _;
use std::path::PathBuf;

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
    let dest = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("default_corpus.rs");
    std::fs::write(dest, out).unwrap();
}
