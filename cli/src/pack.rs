//! `yomikurabe pack`: a folder of documents → one reading pack (the single-file reader with the
//! documents and themes in it, in core's pack format). The same pack the reader saves.

use std::path::Path;

use crate::corpus;
use yomikurabe_core::pack::{with_pack, Pack, PackDocument, PackTheme};
use yomikurabe_core::themes::ThemeSet;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/reader.rs"));
}

/// The mark of a single-file reader (`bundle` writes it); a pack must start from one.
const SINGLE_FILE_MARK: &str = "name=\"yomikurabe-single-file\"";

/// The pack of these documents and themes; and what was left out, one line each.
pub(crate) fn pack_of(loaded: corpus::Loaded, published: Option<String>) -> (Pack, Vec<String>) {
    let mut warnings = Vec::new();
    let mut documents: Vec<PackDocument> = Vec::new();
    for d in loaded.documents {
        if let Some(same) = documents.iter().find(|x| x.text == d.text) {
            warnings.push(format!("skipped {}: the same text as {}", d.file, same.file));
            continue;
        }
        let entry = d.entry.unwrap_or_default();
        documents.push(PackDocument {
            file: d.file,
            slug: Some(d.id),
            title: entry.title,
            author: entry.author,
            date: entry.date,
            encoding: d.encoding,
            text: d.text,
            ..Default::default()
        });
    }
    let themes = pack_themes(&loaded.themes, &mut warnings);
    let pack = Pack {
        version: yomikurabe_core::pack::PACK_VERSION,
        title: None,
        published,
        documents,
        themes,
    };
    (pack, warnings)
}

/// The themes as a pack carries them: label and spellings. A theme's other rules (spellings
/// that must occur together, exclusions) cannot travel yet: said, and the spellings kept.
fn pack_themes(themes: &ThemeSet, warnings: &mut Vec<String>) -> Vec<PackTheme> {
    themes
        .themes()
        .iter()
        .map(|t| {
            if !t.all.is_empty() || !t.exclude.is_empty() || !t.rules.is_empty() {
                warnings.push(format!(
                    "theme {}: a pack keeps its spellings only; its other rules (all, exclude, rule) are left out",
                    t.id
                ));
            }
            PackTheme {
                id: t.id.clone(),
                label_ja: t.label_ja.clone(),
                terms: t.terms.clone(),
            }
        })
        .collect()
}

/// The reader to put the pack in: `reader` if given, else the one built in.
fn reader_page(reader: Option<&Path>) -> Result<String, String> {
    let page = match reader {
        Some(path) => std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?,
        None => embedded::READER
            .ok_or_else(|| {
                "this yomikurabe was built without the reader; give one with --reader dist/yomikurabe.html \
                 (made by `trunk build --release` and `yomikurabe bundle dist`)"
                    .to_string()
            })?
            .to_string(),
    };
    if !page.contains(SINGLE_FILE_MARK) {
        return Err("the reader is not a single file made by `yomikurabe bundle` (it lacks its mark)".into());
    }
    Ok(page)
}

/// Run `yomikurabe pack`.
pub(crate) fn run(
    dir: Option<&Path>,
    output: Option<&Path>,
    published: Option<String>,
    reader: Option<&Path>,
) -> Result<(), String> {
    if let Some(url) = &published {
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            return Err(format!("--published {url:?}: not a web address (https://…)"));
        }
    }
    let page = reader_page(reader)?;
    let loaded = match dir {
        None => corpus::load_default()?,
        Some(dir) => corpus::load_dir(dir)?,
    };
    for warning in &loaded.warnings {
        eprintln!("yomikurabe: {warning}");
    }
    let (pack, warnings) = pack_of(loaded, published);
    for warning in &warnings {
        eprintln!("yomikurabe: {warning}");
    }
    if pack.documents.is_empty() {
        return Err("no document to pack (looked for *.txt, *.md, *.html and *.docx files)".into());
    }
    let html = with_pack(&page, &pack);
    crate::emit(&html, output, || {
        format!(
            "a reading pack of {} documents ({} KiB)",
            pack.documents.len(),
            html.len() / 1024
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packs_the_default_corpus_with_its_facts_and_themes() {
        let (pack, warnings) = pack_of(
            corpus::load_default().unwrap(),
            Some("https://example.org/p.html".into()),
        );
        assert_eq!(pack.documents.len(), 5);
        assert!(pack.documents.iter().all(|d| d.slug.is_some() && !d.text.is_empty()));
        assert!(pack.documents[0].title.is_some(), "the manifest's title travels");
        assert!(!pack.themes.is_empty());
        assert!(warnings.iter().all(|w| w.starts_with("theme ")), "{warnings:?}");
        let back = Pack::from_toml(&pack.to_toml()).unwrap();
        assert_eq!(back, pack);
        // Each document parses as the export parses it.
        let corpus = yomikurabe_core::parse_corpus(
            &corpus::load_default()
                .unwrap()
                .documents
                .iter()
                .map(corpus::LoadedDocument::source)
                .collect::<Vec<_>>(),
        );
        for (d, p) in corpus.documents.iter().zip(&pack.documents) {
            assert_eq!(&p.parse(), d);
        }
    }

    #[test]
    fn a_reader_must_be_a_single_file() {
        let dir = std::env::temp_dir().join(format!("yk-pack-reader-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let plain = dir.join("index.html");
        std::fs::write(&plain, "<html><head></head><body></body></html>").unwrap();
        assert!(reader_page(Some(&plain)).unwrap_err().contains("single file"));
        let single = dir.join("single.html");
        std::fs::write(
            &single,
            "<html><head><meta name=\"yomikurabe-single-file\" content=\"1\" /></head></html>",
        )
        .unwrap();
        assert!(reader_page(Some(&single)).is_ok());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
