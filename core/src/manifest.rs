//! What the text does not state: a corpus manifest (`corpus/manifest.toml`) gives each file
//! a slug and, optionally, facts the text lacks (a readable title). It never overrides the text.

use serde::Deserialize;

/// The manifest of a corpus folder.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
pub struct Manifest {
    /// One entry per document, in reading-list order.
    #[serde(rename = "document", default)]
    pub documents: Vec<ManifestEntry>,
}

/// Facts about one file that its text does not state.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
pub struct ManifestEntry {
    /// File name inside the corpus folder.
    pub file: String,
    /// URL-safe id; derived from the file name when absent.
    #[serde(default)]
    pub slug: Option<String>,
    /// A readable title, used only when the text gives none.
    #[serde(default)]
    pub title: Option<String>,
    /// Author, used only when the text gives none and the fact is known.
    #[serde(default)]
    pub author: Option<String>,
    /// ISO date, used only when the text gives none and the fact is known.
    #[serde(default)]
    pub date: Option<String>,
}

impl Manifest {
    /// Parse a manifest from TOML text. A malformed manifest is an error with a readable message.
    pub fn from_toml(text: &str) -> Result<Manifest, String> {
        let manifest: Manifest = toml::from_str(text).map_err(|e| format!("manifest: {e}"))?;
        for entry in &manifest.documents {
            if let Some(slug) = &entry.slug {
                if !is_valid_slug(slug) {
                    return Err(format!(
                        "manifest: slug {slug:?} for {} must be lower-case ASCII letters, digits and '-'",
                        entry.file
                    ));
                }
            }
        }
        Ok(manifest)
    }

    /// The entry for this file name, if any.
    pub fn entry(&self, file: &str) -> Option<&ManifestEntry> {
        self.documents.iter().find(|e| e.file == file)
    }
}

impl ManifestEntry {
    /// The document id: the slug, or one derived from the file name.
    pub fn id(&self) -> String {
        match &self.slug {
            Some(s) => s.clone(),
            None => slug_from_file_name(&self.file),
        }
    }
}

/// Whether `s` is a valid document id: non-empty, `[a-z0-9-]`.
pub fn is_valid_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A URL-safe id from a file name: the stem, lower-cased, anything else folded to `-`.
/// Non-ASCII names (e.g. Japanese) give `doc-<hash>` so ids stay short and stable.
pub fn slug_from_file_name(file: &str) -> String {
    let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
    let stem = match name.rfind('.') {
        Some(i) if i > 0 => &name[..i],
        _ => name,
    };
    let mut out = String::new();
    for c in stem.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    let ascii_share = stem.chars().filter(|c| c.is_ascii_alphanumeric()).count();
    if out.is_empty() || ascii_share * 2 < stem.chars().count() {
        crate::text::hash::hashed_id("doc", stem)
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_entries_and_derives_ids() {
        let m = Manifest::from_toml(
            "[[document]]\nfile = \"a.txt\"\nslug = \"alpha\"\ntitle = \"T\"\n\n[[document]]\nfile = \"B Note.md\"\n",
        )
        .unwrap();
        assert_eq!(m.documents.len(), 2);
        assert_eq!(m.documents[0].id(), "alpha");
        assert_eq!(m.documents[1].id(), "b-note");
        assert_eq!(m.entry("a.txt").unwrap().title.as_deref(), Some("T"));
    }

    #[test]
    fn rejects_bad_slug_and_bad_toml() {
        assert!(Manifest::from_toml("[[document]]\nfile=\"a\"\nslug=\"A B\"\n").is_err());
        assert!(Manifest::from_toml("[[document]\n").is_err());
    }

    #[test]
    fn slugs_from_names() {
        assert_eq!(slug_from_file_name("000_2fd2.txt"), "000-2fd2");
        assert_eq!(slug_from_file_name("dir/My File.TXT"), "my-file");
        let j = slug_from_file_name("日米韓.txt");
        assert!(j.starts_with("doc-") && j.len() == 12, "{j}");
        assert_eq!(j, slug_from_file_name("日米韓.txt"));
    }
}
