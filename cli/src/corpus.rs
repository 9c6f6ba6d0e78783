//! Which documents does an export contain? Files (from a folder or embedded) → decoded texts
//! with unique ids, ready for `yomikurabe_core::parse_corpus`.

use std::collections::HashSet;
use std::path::Path;
use yomikurabe_core::manifest::slug_from_file_name;
use yomikurabe_core::text::decode::decode;
use yomikurabe_core::text::docx;
use yomikurabe_core::themes::ThemeSet;
use yomikurabe_core::{Manifest, ManifestEntry, Source};

/// The default corpus, embedded by `build.rs`.
mod embedded {
    include!(concat!(env!("OUT_DIR"), "/default_corpus.rs"));
}

/// One input file, read or not.
pub(crate) struct InputFile {
    /// File name (no folder).
    pub(crate) name: String,
    /// Its bytes, or why they could not be read.
    pub(crate) bytes: std::io::Result<Vec<u8>>,
}

/// A decoded document with its id, ready to parse.
#[derive(Debug)]
pub(crate) struct LoadedDocument {
    pub(crate) id: String,
    pub(crate) file: String,
    pub(crate) text: String,
    pub(crate) entry: Option<ManifestEntry>,
    /// The encoding the file was decoded from (WHATWG name).
    pub(crate) encoding: Option<String>,
}

impl LoadedDocument {
    pub(crate) fn source(&self) -> Source<'_> {
        Source {
            id: &self.id,
            file: &self.file,
            text: &self.text,
            entry: self.entry.as_ref(),
        }
    }
}

/// What loading found: documents, plus one line per file that was skipped or oddity noticed.
#[derive(Debug, Default)]
pub(crate) struct Loaded {
    pub(crate) documents: Vec<LoadedDocument>,
    pub(crate) warnings: Vec<String>,
    /// The corpus's curated themes (`themes.toml` beside the documents), if it has any.
    pub(crate) themes: ThemeSet,
}

/// Read `dir/themes.toml` if present. A malformed file is an error: silently dropping the
/// teacher's themes would change every count.
fn load_themes(dir: &Path) -> Result<ThemeSet, String> {
    let path = dir.join("themes.toml");
    if !path.is_file() {
        return Ok(ThemeSet::default());
    }
    let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let text = String::from_utf8(bytes).map_err(|_| format!("{}: not UTF-8", path.display()))?;
    ThemeSet::from_toml(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Whether a file name is a document: `*.txt`, `*.md`, `*.html`, `*.htm` or `*.docx` (any case), not
/// hidden.
pub(crate) fn is_document_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    !name.starts_with('.')
        && [".txt", ".md", ".html", ".htm", ".docx"]
            .iter()
            .any(|e| lower.ends_with(e))
}

/// The embedded default corpus (the repository's `corpus/` folder at build time).
pub(crate) fn load_default() -> Result<Loaded, String> {
    let manifest =
        Manifest::from_toml(embedded::DEFAULT_MANIFEST).map_err(|e| format!("built-in corpus/manifest.toml: {e}"))?;
    let files = embedded::DEFAULT_FILES
        .iter()
        .map(|(name, bytes)| InputFile {
            name: (*name).to_string(),
            bytes: Ok(bytes.to_vec()),
        })
        .collect();
    let mut loaded = load(files, Some(&manifest));
    loaded.themes =
        ThemeSet::from_toml(embedded::DEFAULT_THEMES).map_err(|e| format!("built-in corpus/themes.toml: {e}"))?;
    Ok(loaded)
}

/// Every document file in `dir`, with `dir/manifest.toml` if there is one. Errors: the folder
/// cannot be listed, or its manifest is malformed (ids would silently change).
pub(crate) fn load_dir(dir: &Path) -> Result<Loaded, String> {
    let shown = dir.display();
    if !dir.exists() {
        return Err(format!("{shown}: no such folder"));
    }
    if !dir.is_dir() {
        return Err(format!("{shown}: not a folder"));
    }
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{shown}: {e}"))?;
    let mut files = Vec::new();
    let mut listing_warnings = Vec::new();
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                listing_warnings.push(format!("skipped an entry of {shown}: {e}"));
                continue;
            }
        };
        let name = entry.file_name();
        let Some(name) = name.to_str() else {
            listing_warnings.push(format!(
                "skipped {}: file name is not valid Unicode",
                entry.path().display()
            ));
            continue;
        };
        if !is_document_name(name) {
            continue;
        }
        let path = entry.path();
        // Follows symlinks; folders named like documents are not documents.
        if path.is_dir() {
            continue;
        }
        files.push(InputFile {
            name: name.to_string(),
            bytes: std::fs::read(&path),
        });
    }

    let manifest_path = dir.join("manifest.toml");
    let manifest = if manifest_path.is_file() {
        let text = std::fs::read(&manifest_path)
            .map_err(|e| format!("{}: {e}", manifest_path.display()))
            .and_then(|bytes| {
                String::from_utf8(bytes).map_err(|_| format!("{}: not UTF-8", manifest_path.display()))
            })?;
        let manifest = Manifest::from_toml(&text).map_err(|e| format!("{}: {e}", manifest_path.display()))?;
        Some(manifest)
    } else {
        None
    };

    let mut loaded = load(files, manifest.as_ref());
    listing_warnings.append(&mut loaded.warnings);
    loaded.warnings = listing_warnings;
    loaded.themes = load_themes(dir)?;
    Ok(loaded)
}

/// Decode and order the files and give each an id.
///
/// Order: files the manifest lists, in manifest (reading-list) order, then the others by name.
/// Ids: the manifest's explicit slugs first, then ids derived from file names
/// (`slug_from_file_name`), made unique with `-2`, `-3`… Files that cannot be read or decoded,
/// and files with no text, are skipped with a warning.
pub(crate) fn load(mut files: Vec<InputFile>, manifest: Option<&Manifest>) -> Loaded {
    let mut warnings = Vec::new();
    let rank = |name: &str| {
        manifest
            .and_then(|m| m.documents.iter().position(|e| e.file == name))
            .unwrap_or(usize::MAX)
    };
    files.sort_by(|a, b| rank(&a.name).cmp(&rank(&b.name)).then_with(|| a.name.cmp(&b.name)));

    if let Some(manifest) = manifest {
        for entry in &manifest.documents {
            if !files.iter().any(|f| f.name == entry.file) {
                warnings.push(format!(
                    "manifest.toml lists {} but there is no such document file",
                    entry.file
                ));
            }
        }
    }

    let mut decoded = Vec::new();
    for file in files {
        let bytes = match file.bytes {
            Ok(bytes) => bytes,
            Err(e) => {
                warnings.push(format!("skipped {}: {e}", file.name));
                continue;
            }
        };
        // A Word file is a zip of XML: its text is read from the bytes, not decoded.
        let read = if docx::is_docx(&file.name, &bytes) {
            docx::docx_text(&bytes).map(|d| (d.text, "docx".to_string(), d.title))
        } else {
            decode(&bytes)
                .map(|d| (d.text, d.encoding.to_string(), None))
                .map_err(|e| e.to_string())
        };
        match read {
            Ok((text, _, _)) if text.trim().is_empty() => {
                warnings.push(format!("skipped {}: no text", file.name));
            }
            Ok((mut text, encoding, mut title)) => {
                if let Some(g) = yomikurabe_core::text::mojibake::garbled(&text) {
                    warnings.push(format!("{}: {}", file.name, g.advice()));
                }
                let mut entry = manifest.and_then(|m| m.entry(&file.name)).cloned();
                if encoding != "docx" && yomikurabe_core::text::html::is_html(&file.name, &text) {
                    // A saved web page: its main text; its <title> when the text gives none.
                    let page = yomikurabe_core::text::html::page_text(&text);
                    text = page.text;
                    title = page.title;
                }
                // A page's <title> or a Word file's title property, when the manifest gives none.
                if let Some(title) = title {
                    let e = entry.get_or_insert_with(|| ManifestEntry {
                        file: file.name.clone(),
                        ..Default::default()
                    });
                    e.title.get_or_insert(title);
                }
                decoded.push((file.name, text, entry, encoding));
            }
            Err(e) => warnings.push(format!("skipped {}: {e}", file.name)),
        }
    }

    // Explicit slugs are promises (links use them): they are reserved before derived ids.
    let mut used = HashSet::new();
    let mut ids: Vec<Option<String>> = vec![None; decoded.len()];
    for (i, (name, _, entry, _)) in decoded.iter().enumerate() {
        if let Some(slug) = entry.as_ref().and_then(|e| e.slug.clone()) {
            if used.insert(slug.clone()) {
                ids[i] = Some(slug);
            } else {
                warnings.push(format!(
                    "manifest.toml gives slug {slug:?} twice; {name} gets another id"
                ));
            }
        }
    }
    let mut documents = Vec::with_capacity(decoded.len());
    for ((file, text, entry, encoding), id) in decoded.into_iter().zip(ids) {
        let id = id.unwrap_or_else(|| unique(slug_from_file_name(&file), &mut used));
        documents.push(LoadedDocument {
            id,
            file,
            text,
            entry,
            encoding: Some(encoding),
        });
    }
    Loaded {
        documents,
        warnings,
        themes: ThemeSet::default(),
    }
}

/// `base`, or `base-2`, `base-3`… whichever is free; records it as used.
fn unique(base: String, used: &mut HashSet<String>) -> String {
    let mut id = base.clone();
    let mut n = 2;
    while used.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    used.insert(id.clone());
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, text: &str) -> InputFile {
        InputFile {
            name: name.to_string(),
            bytes: Ok(text.as_bytes().to_vec()),
        }
    }

    #[test]
    fn document_names() {
        assert!(is_document_name("a.txt"));
        assert!(is_document_name("B.MD"));
        assert!(is_document_name("授業.docx"));
        assert!(!is_document_name(".hidden.txt"));
        assert!(!is_document_name("manifest.toml"));
        assert!(!is_document_name("a.txt.bak"));
    }

    #[test]
    fn a_word_file_is_read_from_its_bytes() {
        let docx = include_bytes!("../../tests/e2e/fixtures/odd/report.docx");
        let files = vec![
            InputFile {
                name: "report.docx".into(),
                bytes: Ok(docx.to_vec()),
            },
            InputFile {
                name: "broken.docx".into(),
                bytes: Ok(docx[..docx.len() / 2].to_vec()),
            },
        ];
        let loaded = load(files, None);
        assert_eq!(loaded.documents.len(), 1);
        let d = &loaded.documents[0];
        assert_eq!(d.encoding.as_deref(), Some("docx"));
        assert_eq!(
            d.entry.as_ref().and_then(|e| e.title.as_deref()),
            Some("里山の四季を記録する")
        );
        assert!(d.text.contains("## わかったこと") && !d.text.contains("下書き") && !d.text.contains("さとやま"));
        let doc = yomikurabe_core::parse_document(d.source());
        assert_eq!(doc.notes.len(), 1);
        assert!(doc.notes[0].text.as_deref().unwrap_or("").contains("理科室の地図"));
        assert!(
            loaded.warnings.iter().any(|w| w.contains("broken.docx")),
            "{:?}",
            loaded.warnings
        );
    }

    #[test]
    fn ids_are_unique_and_manifest_slugs_win() {
        let manifest = Manifest::from_toml(
            "[[document]]\nfile = \"z.txt\"\nslug = \"a\"\n\n[[document]]\nfile = \"y.txt\"\nslug = \"a\"\n",
        )
        .unwrap();
        let files = vec![
            file("a.txt", "本文"),
            file("A.md", "本文"),
            file("y.txt", "本文"),
            file("z.txt", "本文"),
        ];
        let loaded = load(files, Some(&manifest));
        let got: Vec<(&str, &str)> = loaded
            .documents
            .iter()
            .map(|d| (d.file.as_str(), d.id.as_str()))
            .collect();
        // Manifest order first; z.txt keeps its slug, y.txt's duplicate slug falls back to its name.
        assert_eq!(got, [("z.txt", "a"), ("y.txt", "y"), ("A.md", "a-2"), ("a.txt", "a-3")]);
        assert!(
            loaded.warnings.iter().any(|w| w.contains("twice")),
            "{:?}",
            loaded.warnings
        );
    }

    #[test]
    fn unreadable_undecodable_and_empty_files_are_skipped_by_name() {
        let files = vec![
            InputFile {
                name: "gone.txt".into(),
                bytes: Err(std::io::Error::other("permission denied")),
            },
            InputFile {
                name: "bin.txt".into(),
                bytes: Ok(vec![0, 1, 2, 0, 0, 3]),
            },
            file("empty.txt", " \n"),
            file("ok.txt", "日本語"),
        ];
        let loaded = load(files, None);
        assert_eq!(loaded.documents.len(), 1);
        assert_eq!(loaded.documents[0].id, "ok");
        let w = loaded.warnings.join("\n");
        assert!(w.contains("skipped gone.txt: permission denied"), "{w}");
        assert!(w.contains("skipped bin.txt: binary"), "{w}");
        assert!(w.contains("skipped empty.txt: no text"), "{w}");
    }

    #[test]
    fn missing_manifest_files_are_reported() {
        let manifest = Manifest::from_toml("[[document]]\nfile = \"gone.txt\"\n").unwrap();
        let loaded = load(vec![file("a.txt", "x")], Some(&manifest));
        assert_eq!(loaded.documents.len(), 1);
        assert!(loaded.warnings[0].contains("gone.txt"), "{:?}", loaded.warnings);
    }

    #[test]
    fn default_corpus_matches_its_manifest() {
        let loaded = load_default().unwrap();
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        let manifest = Manifest::from_toml(embedded::DEFAULT_MANIFEST).unwrap();
        let ids: Vec<String> = manifest.documents.iter().map(ManifestEntry::id).collect();
        let got: Vec<String> = loaded.documents.iter().map(|d| d.id.clone()).collect();
        assert_eq!(got, ids);
    }
}
