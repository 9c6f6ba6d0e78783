//! Embeds the default corpus: `corpus/manifest.toml` and every `*.txt`/`*.md` file beside it, as
//! bytes, so `yomikurabe export` without a folder works anywhere and means exactly the same as
//! `yomikurabe export corpus/` (the same loading, decoding and id code runs on both). Also
//! embeds the built single-file reader, when there is one, for `yomikurabe pack`.

use std::fmt::Write as _;
use std::path::PathBuf;

fn main() {
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = PathBuf::from(manifest_dir).join("..").join("corpus");
    let root = root
        .canonicalize()
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()));
    println!("cargo:rerun-if-changed={}", root.display());

    let manifest = root.join("manifest.toml");
    println!("cargo:rerun-if-changed={}", manifest.display());
    assert!(manifest.is_file(), "{} is missing", manifest.display());

    let mut files: Vec<(String, PathBuf)> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .map(|entry| entry.unwrap_or_else(|e| panic!("{}: {e}", root.display())).path())
        .filter(|path| path.is_file())
        .filter_map(|path| {
            let name = path.file_name()?.to_str()?.to_string();
            let ext = path.extension()?.to_str()?.to_ascii_lowercase();
            (!name.starts_with('.') && (ext == "txt" || ext == "md")).then_some((name, path))
        })
        .collect();
    files.sort();

    let mut out = String::new();
    writeln!(out, "/// `corpus/manifest.toml`, embedded at build time.").unwrap();
    writeln!(
        out,
        "pub(crate) static DEFAULT_MANIFEST: &str = include_str!({:?});",
        manifest.display().to_string()
    )
    .unwrap();
    let themes = root.join("themes.toml");
    println!("cargo:rerun-if-changed={}", themes.display());
    assert!(themes.is_file(), "{} is missing", themes.display());
    writeln!(out, "/// `corpus/themes.toml`, embedded at build time.").unwrap();
    writeln!(
        out,
        "pub(crate) static DEFAULT_THEMES: &str = include_str!({:?});",
        themes.display().to_string()
    )
    .unwrap();
    writeln!(
        out,
        "/// Every `*.txt`/`*.md` file in `corpus/`, by name, as raw bytes."
    )
    .unwrap();
    writeln!(out, "pub(crate) static DEFAULT_FILES: &[(&str, &[u8])] = &[").unwrap();
    for (name, path) in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        writeln!(out, "    ({name:?}, include_bytes!({:?})),", path.display().to_string()).unwrap();
    }
    out.push_str("];\n");
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let dest = out_dir.join("default_corpus.rs");
    std::fs::write(&dest, out).unwrap_or_else(|e| panic!("{}: {e}", dest.display()));
    embed_reader(&out_dir);
}

/// The single-file reader a `yomikurabe pack` writes packs into: `YOMIKURABE_READER`, else the
/// repository's `dist/yomikurabe.html` (what `yomikurabe bundle dist` wrote), when it exists at
/// build time. Without one the CLI still builds; `pack` then needs `--reader`.
fn embed_reader(out_dir: &std::path::Path) {
    println!("cargo:rerun-if-env-changed=YOMIKURABE_READER");
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let default = PathBuf::from(manifest_dir)
        .join("..")
        .join("dist")
        .join("yomikurabe.html");
    println!("cargo:rerun-if-changed={}", default.display());
    let path = std::env::var_os("YOMIKURABE_READER")
        .map(PathBuf::from)
        .unwrap_or(default);
    let code = if path.is_file() {
        let copy = out_dir.join("reader.html");
        std::fs::copy(&path, &copy).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        format!(
            "/// The single-file reader, embedded at build time.\npub(crate) static READER: Option<&str> = Some(include_str!({:?}));\n",
            copy.display().to_string()
        )
    } else {
        "/// No reader was built when this CLI was.\npub(crate) static READER: Option<&str> = None;\n".to_string()
    };
    std::fs::write(out_dir.join("reader.rs"), code).expect("write reader.rs");
}
