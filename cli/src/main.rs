//! `yomikurabe`: export the analysed corpus as JSON (`yomikurabe.export/3`, see `docs/export.md`),
//! print theme matches, search hits (`docs/search.md`), keyword-in-context lines or the theme ×
//! document matrix, or bundle Trunk's release build into one self-contained HTML file.
//!
//! Exit codes: 0 success, 1 failure (message on stderr), 2 bad command line.

mod bundle;
mod corpus;
mod pack;

use yomikurabe_core::analysis::{matrix_csv, Analysis};
use yomikurabe_core::export::char_offset;
use yomikurabe_core::search::{kwic, kwic_table, sentence_at, sort_kwic, Delimited, KwicSort, Query, SearchIndex};
use yomikurabe_core::themes::matcher::Matcher;
use yomikurabe_core::themes::{Theme, ThemeSet};

use std::ffi::OsString;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
yomikurabe — 読み比べ: read Japanese documents side by side

Usage:
  yomikurabe export [DIR] [-o FILE]
  yomikurabe match TERM... [--dir DIR] [-o FILE]
  yomikurabe search QUERY... [--dir DIR] [-o FILE]
  yomikurabe kwic QUERY... [--width N] [--sort document|left|right] [--dir DIR] [-o FILE]
  yomikurabe matrix [DIR] [-o FILE]
  yomikurabe bundle DIST_DIR [-o FILE]
  yomikurabe pack [DIR] [-o FILE] [--published URL] [--reader FILE]
  yomikurabe --help | --version

Commands:
  export    Parse documents and print the export (schema yomikurabe.export/3, documented
            in docs/export.md) as pretty JSON, with the corpus's themes (DIR/themes.toml;
            the built-in corpus has its own) and where they occur.
            Without DIR: the built-in default corpus (the repository's corpus/ folder).
            With DIR: every *.txt, *.md, *.html and *.docx file in DIR (of a saved web
            page, its main text; of a Word file, its text, headings and footnotes);
            DIR/manifest.toml, if present, gives ids (slugs), titles and
            reading order. Files may be UTF-8, UTF-16, Shift_JIS,
            EUC-JP or ISO-2022-JP; files that cannot be read or decoded are named on stderr
            and skipped. Fails if no document could be exported.
  match     Match an ad-hoc theme made of the TERMs (any of them counts; spelling variants
            such as 三か国/3カ国 or キャンプ・デービッド/キャンプデービッド are folded, exactly as
            in the reader) over the corpus, and print the matches as JSON:
            [{ document, passage, start, end, text }] (offsets in characters).
  search    Search every passage (the QUERY words are joined with spaces into one query:
            words must all occur in a passage, `a | b` either, \"…\" an exact phrase, -word
            leaves out passages with it; spelling variants are folded as in match) and print
            the hits, best passages first, as JSON: [{ document, passage, start, end, text,
            sentence }] (one per match; offsets in characters; docs/search.md).
  kwic      Print keyword-in-context lines of the same search as TSV, one per match, with a
            header row: document, title, author, date, passage, start, end, left, keyword,
            right (--width characters of context each side, default 20; --sort by reading
            order, by the left context read backwards, or by the right context).
  matrix    Print the theme × document matrix (occurrence counts) as CSV.
  bundle    Turn Trunk's release output (run `trunk build --release` first) into one
            self-contained HTML file that works from file:// and requests nothing else:
            CSS, favicon, JS glue and wasm are inlined. Default output:
            DIST_DIR/yomikurabe.html.
  pack      Write a reading pack: one HTML file holding the reader and the documents of
            DIR (as export reads them, with DIR/manifest.toml and DIR/themes.toml), which
            opens anywhere (file://, any static host) and requests nothing. The reader is
            the one built into this program (or --reader FILE, a single file made by
            `bundle`). Without DIR: the built-in corpus.

Options:
  -o, --output FILE   write to FILE instead of stdout (bundle: instead of DIST_DIR/yomikurabe.html)
      --dir DIR       match, search, kwic: the folder of documents (default: the built-in corpus)
      --width N       kwic: characters of context on each side (default 20)
      --sort ORDER    kwic: document (default), left or right
      --published URL pack: where the pack will be published (links and QR codes use it)
      --reader FILE   pack: the single-file reader to put the documents in
  -h, --help          show this help
  -V, --version       show the version

Exit status: 0 success, 1 failure, 2 bad command line.
";

/// Characters of context on each side of a KWIC line when `--width` is not given.
const DEFAULT_KWIC_WIDTH: usize = 20;

/// What the command line asks for.
#[derive(Debug, PartialEq)]
enum Command {
    Help,
    Version,
    Export {
        dir: Option<PathBuf>,
        output: Option<PathBuf>,
    },
    Bundle {
        dist: PathBuf,
        output: Option<PathBuf>,
    },
    Match {
        terms: Vec<String>,
        dir: Option<PathBuf>,
        output: Option<PathBuf>,
    },
    Matrix {
        dir: Option<PathBuf>,
        output: Option<PathBuf>,
    },
    Search {
        query: String,
        dir: Option<PathBuf>,
        output: Option<PathBuf>,
    },
    Kwic {
        query: String,
        width: usize,
        sort: KwicSort,
        dir: Option<PathBuf>,
        output: Option<PathBuf>,
    },
    Pack {
        dir: Option<PathBuf>,
        output: Option<PathBuf>,
        published: Option<String>,
        reader: Option<PathBuf>,
    },
}

fn parse_args(args: impl IntoIterator<Item = OsString>) -> Result<Command, String> {
    let mut args = args.into_iter();
    let Some(first) = args.next() else {
        return Err("no command given".into());
    };
    let subcommand = match first.to_str() {
        Some("-h" | "--help" | "help") => return Ok(Command::Help),
        Some("-V" | "--version") => return Ok(Command::Version),
        Some(s @ ("export" | "bundle" | "match" | "matrix" | "pack" | "search" | "kwic")) => s.to_string(),
        _ => return Err(format!("unknown command {:?}", first.to_string_lossy())),
    };
    let mut positional = Vec::new();
    let mut output = None;
    let mut dir_option = None;
    let mut published = None;
    let mut reader = None;
    let mut width = None;
    let mut sort = None;
    let mut only_positional = false;
    // A search query may hold `-word` (leave out passages with it): there, a single-dash
    // argument that is not an option is a word of the query.
    let query_words = matches!(subcommand.as_str(), "search" | "kwic");
    while let Some(arg) = args.next() {
        let text = arg.to_str().unwrap_or("");
        let is_option = matches!(text, "-h" | "-o") || text.starts_with("--") || text.starts_with("-o=");
        if only_positional || !text.starts_with('-') || text == "-" || (query_words && !is_option) {
            positional.push(PathBuf::from(arg));
            continue;
        }
        let (name, inline) = match text.split_once('=') {
            Some((n @ ("--width" | "--sort"), v)) => (n, Some(v.to_string())),
            _ => (text, None),
        };
        match name {
            "--width" | "--sort" => {
                let value = match inline {
                    Some(v) => v,
                    None => args
                        .next()
                        .ok_or_else(|| format!("{name} needs a value"))?
                        .to_string_lossy()
                        .into_owned(),
                };
                if name == "--width" {
                    let n = value
                        .parse::<usize>()
                        .map_err(|_| format!("--width needs a number of characters, not {value:?}"))?;
                    if width.replace(n).is_some() {
                        return Err("--width given twice".into());
                    }
                } else {
                    let order = match value.as_str() {
                        "document" => KwicSort::Document,
                        "left" => KwicSort::Left,
                        "right" => KwicSort::Right,
                        _ => return Err(format!("--sort is document, left or right, not {value:?}")),
                    };
                    if sort.replace(order).is_some() {
                        return Err("--sort given twice".into());
                    }
                }
                continue;
            }
            _ => {}
        }
        match text {
            "--" => only_positional = true,
            "-h" | "--help" => return Ok(Command::Help),
            "--dir" => {
                let value = args.next().ok_or_else(|| "--dir needs a folder".to_string())?;
                if dir_option.replace(PathBuf::from(value)).is_some() {
                    return Err("--dir given twice".into());
                }
            }
            "--published" | "--reader" => {
                let value = args.next().ok_or_else(|| format!("{text} needs a value"))?;
                let slot = if text == "--published" {
                    &mut published
                } else {
                    &mut reader
                };
                if slot.replace(value).is_some() {
                    return Err(format!("{text} given twice"));
                }
            }
            "-o" | "--output" => {
                let value = args.next().ok_or_else(|| format!("{text} needs a file name"))?;
                if output.replace(PathBuf::from(value)).is_some() {
                    return Err(format!("{text} given twice"));
                }
            }
            _ => {
                if let Some(value) = text.strip_prefix("--output=").or_else(|| text.strip_prefix("-o=")) {
                    if output.replace(PathBuf::from(value)).is_some() {
                        return Err("-o given twice".into());
                    }
                } else {
                    return Err(format!("unknown option {text:?}"));
                }
            }
        }
    }
    if dir_option.is_some() && !matches!(subcommand.as_str(), "match" | "search" | "kwic") {
        return Err("--dir goes with match, search and kwic (export and matrix take the folder as an argument)".into());
    }
    if (width.is_some() || sort.is_some()) && subcommand != "kwic" {
        return Err("--width and --sort go with kwic".into());
    }
    if (published.is_some() || reader.is_some()) && subcommand != "pack" {
        return Err("--published and --reader go with pack".into());
    }
    match subcommand.as_str() {
        "search" | "kwic" => {
            if positional.is_empty() {
                return Err(format!("{subcommand} needs a query"));
            }
            let query = positional
                .iter()
                .map(|p| p.to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join(" ");
            if subcommand == "search" {
                Ok(Command::Search {
                    query,
                    dir: dir_option,
                    output,
                })
            } else {
                Ok(Command::Kwic {
                    query,
                    width: width.unwrap_or(DEFAULT_KWIC_WIDTH),
                    sort: sort.unwrap_or_default(),
                    dir: dir_option,
                    output,
                })
            }
        }
        "match" => {
            let terms: Vec<String> = positional
                .into_iter()
                .map(|p| p.to_string_lossy().into_owned())
                .collect();
            if terms.iter().all(|t| t.trim().is_empty()) {
                return Err("match needs at least one term".into());
            }
            Ok(Command::Match {
                terms,
                dir: dir_option,
                output,
            })
        }
        "matrix" => {
            if positional.len() > 1 {
                return Err("matrix takes at most one folder".into());
            }
            Ok(Command::Matrix {
                dir: positional.pop(),
                output,
            })
        }
        "pack" => {
            if positional.len() > 1 {
                return Err("pack takes at most one folder".into());
            }
            Ok(Command::Pack {
                dir: positional.pop(),
                output,
                published: published.map(|p| p.to_string_lossy().into_owned()),
                reader: reader.map(PathBuf::from),
            })
        }
        "export" => {
            if positional.len() > 1 {
                return Err("export takes at most one folder".into());
            }
            Ok(Command::Export {
                dir: positional.pop(),
                output,
            })
        }
        _ => match <[PathBuf; 1]>::try_from(positional) {
            Ok([dist]) => Ok(Command::Bundle { dist, output }),
            Err(p) if p.is_empty() => Err("bundle needs the folder Trunk built into (e.g. dist)".into()),
            Err(_) => Err("bundle takes one folder".into()),
        },
    }
}

fn main() -> ExitCode {
    let command = match parse_args(std::env::args_os().skip(1)) {
        Ok(command) => command,
        Err(message) => {
            eprintln!("yomikurabe: {message}\nTry `yomikurabe --help`.");
            return ExitCode::from(2);
        }
    };
    let result = match command {
        Command::Help => write_stdout(USAGE.as_bytes()),
        Command::Version => write_stdout(format!("yomikurabe {}\n", env!("CARGO_PKG_VERSION")).as_bytes()),
        Command::Export { dir, output } => run_export(dir.as_deref(), output.as_deref()),
        Command::Bundle { dist, output } => run_bundle(&dist, output.as_deref()),
        Command::Match { terms, dir, output } => run_match(&terms, dir.as_deref(), output.as_deref()),
        Command::Matrix { dir, output } => run_matrix(dir.as_deref(), output.as_deref()),
        Command::Search { query, dir, output } => run_search(&query, dir.as_deref(), output.as_deref()),
        Command::Kwic {
            query,
            width,
            sort,
            dir,
            output,
        } => run_kwic(&query, width, sort, dir.as_deref(), output.as_deref()),
        Command::Pack {
            dir,
            output,
            published,
            reader,
        } => pack::run(dir.as_deref(), output.as_deref(), published, reader.as_deref()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("yomikurabe: error: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Load and parse the corpus of `dir` (or the built-in one), reporting skipped files.
fn load_corpus(dir: Option<&Path>) -> Result<(yomikurabe_core::Corpus, ThemeSet), String> {
    let loaded = match dir {
        None => corpus::load_default()?,
        Some(dir) => corpus::load_dir(dir)?,
    };
    for warning in &loaded.warnings {
        eprintln!("yomikurabe: {warning}");
    }
    if loaded.documents.is_empty() {
        let place = dir
            .map(|d| d.display().to_string())
            .unwrap_or_else(|| "the default corpus".into());
        return Err(format!(
            "no document in {place} (looked for *.txt, *.md, *.html and *.docx files)"
        ));
    }
    let sources: Vec<_> = loaded.documents.iter().map(corpus::LoadedDocument::source).collect();
    Ok((yomikurabe_core::parse_corpus(&sources), loaded.themes))
}

/// Write `text` to `output` or stdout.
pub(crate) fn emit(text: &str, output: Option<&Path>, what: impl FnOnce() -> String) -> Result<(), String> {
    match output {
        None => write_stdout(text.as_bytes()),
        Some(path) => {
            std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))?;
            eprintln!("yomikurabe: wrote {} to {}", what(), path.display());
            Ok(())
        }
    }
}

fn run_export(dir: Option<&Path>, output: Option<&Path>) -> Result<(), String> {
    let (corpus, themes) = load_corpus(dir)?;
    let analysis = Analysis::new(&corpus, themes);
    let export = yomikurabe_core::export::export_analysed(&corpus, &analysis);
    let mut json = serde_json::to_string_pretty(&export).map_err(|e| format!("serialising the export: {e}"))?;
    json.push('\n');
    emit(&json, output, || {
        let passages: usize = export.documents.iter().map(|d| d.passages.len()).sum();
        format!("{} documents ({passages} passages)", export.documents.len())
    })
}

fn run_match(terms: &[String], dir: Option<&Path>, output: Option<&Path>) -> Result<(), String> {
    let (corpus, _) = load_corpus(dir)?;
    // The very matcher the reader uses for a user-defined theme.
    let theme = Theme::user("query", &terms.join(", "), terms);
    let themes = ThemeSet::new(vec![theme]).map_err(|e| format!("the terms give no theme: {e}"))?;
    let occurrences = Matcher::new(&themes).match_corpus(&corpus);
    let matches: Vec<serde_json::Value> = occurrences
        .iter()
        .map(|o| {
            let d = &corpus.documents[o.document];
            let p = &d.passages[o.passage];
            serde_json::json!({
                "document": d.id,
                "passage": p.id,
                "start": char_offset(&p.text, o.range.start),
                "end": char_offset(&p.text, o.range.end),
                "text": &p.text[o.range.clone()],
            })
        })
        .collect();
    let mut json = serde_json::to_string_pretty(&matches).map_err(|e| format!("serialising the matches: {e}"))?;
    json.push('\n');
    emit(&json, output, || format!("{} matches", matches.len()))
}

/// The hits of `query`, best passages first, one JSON object per match (docs/search.md).
fn run_search(query: &str, dir: Option<&Path>, output: Option<&Path>) -> Result<(), String> {
    let (corpus, _) = load_corpus(dir)?;
    let index = SearchIndex::build(&corpus);
    let results = index.search(&Query::parse(query));
    let mut hits: Vec<serde_json::Value> = Vec::new();
    for hit in results.ranked() {
        let d = &corpus.documents[hit.document];
        let p = &d.passages[hit.passage];
        for r in &hit.ranges {
            let sentence = sentence_at(p, r.start);
            hits.push(serde_json::json!({
                "document": d.id,
                "passage": p.id,
                "start": char_offset(&p.text, r.start),
                "end": char_offset(&p.text, r.end),
                "text": &p.text[r.clone()],
                "sentence": &p.text[sentence],
            }));
        }
    }
    let mut json = serde_json::to_string_pretty(&hits).map_err(|e| format!("serialising the hits: {e}"))?;
    json.push('\n');
    emit(&json, output, || {
        format!("{} matches in {} passages", hits.len(), results.total())
    })
}

/// Keyword-in-context lines of `query` as TSV with a header row (docs/search.md).
fn run_kwic(
    query: &str,
    width: usize,
    sort: KwicSort,
    dir: Option<&Path>,
    output: Option<&Path>,
) -> Result<(), String> {
    let (corpus, _) = load_corpus(dir)?;
    let index = SearchIndex::build(&corpus);
    let results = index.search(&Query::parse(query));
    let mut lines = kwic(&corpus, &results, width);
    sort_kwic(&mut lines, sort);
    let tsv = kwic_table(&corpus, &lines, Delimited::Tsv, None);
    emit(&tsv, output, || format!("{} lines", lines.len()))
}

fn run_matrix(dir: Option<&Path>, output: Option<&Path>) -> Result<(), String> {
    let (corpus, themes) = load_corpus(dir)?;
    let analysis = Analysis::new(&corpus, themes);
    let csv = matrix_csv(&corpus, &analysis);
    emit(&csv, output, || {
        format!("the {} × {} matrix", analysis.themes.len(), corpus.documents.len())
    })
}

fn run_bundle(dist: &Path, output: Option<&Path>) -> Result<(), String> {
    let bundle = bundle::bundle(dist)?;
    let path = output
        .map(Path::to_path_buf)
        .unwrap_or_else(|| dist.join("yomikurabe.html"));
    std::fs::write(&path, &bundle.html).map_err(|e| format!("{}: {e}", path.display()))?;
    eprintln!(
        "yomikurabe: wrote {} ({} KiB: wasm {} KiB, JS glue {} KiB, CSS {} KiB before inlining)",
        path.display(),
        bundle.html.len().div_ceil(1024),
        bundle.wasm_bytes.div_ceil(1024),
        bundle.glue_bytes.div_ceil(1024),
        bundle.css_bytes.div_ceil(1024),
    );
    Ok(())
}

/// Write to stdout; a closed pipe (`yomikurabe export | head`) ends quietly.
fn write_stdout(bytes: &[u8]) -> Result<(), String> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(format!("writing to stdout: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Command, String> {
        parse_args(args.iter().map(OsString::from))
    }

    #[test]
    fn commands() {
        assert_eq!(parse(&["--help"]), Ok(Command::Help));
        assert_eq!(parse(&["export", "-h"]), Ok(Command::Help));
        assert_eq!(parse(&["-V"]), Ok(Command::Version));
        assert_eq!(
            parse(&["export"]),
            Ok(Command::Export {
                dir: None,
                output: None
            })
        );
        assert_eq!(
            parse(&["export", "docs", "-o", "out.json"]),
            Ok(Command::Export {
                dir: Some("docs".into()),
                output: Some("out.json".into())
            })
        );
        assert_eq!(
            parse(&["export", "--output=o.json", "--", "-odd-dir"]),
            Ok(Command::Export {
                dir: Some("-odd-dir".into()),
                output: Some("o.json".into())
            })
        );
        assert_eq!(
            parse(&["bundle", "dist"]),
            Ok(Command::Bundle {
                dist: "dist".into(),
                output: None
            })
        );
        assert_eq!(
            parse(&["bundle", "-o", "x.html", "dist"]),
            Ok(Command::Bundle {
                dist: "dist".into(),
                output: Some("x.html".into())
            })
        );
    }

    #[test]
    fn search_and_kwic_command_lines() {
        assert_eq!(
            parse(&["search", "日米", "|", "米国", "-中国", "--dir", "d"]),
            Ok(Command::Search {
                query: "日米 | 米国 -中国".into(),
                dir: Some("d".into()),
                output: None
            })
        );
        assert_eq!(
            parse(&["kwic", "抑止", "--width=5", "--sort", "left", "-o", "x.tsv"]),
            Ok(Command::Kwic {
                query: "抑止".into(),
                width: 5,
                sort: KwicSort::Left,
                dir: None,
                output: Some("x.tsv".into())
            })
        );
        assert_eq!(
            parse(&["kwic", "--", "-o"]),
            Ok(Command::Kwic {
                query: "-o".into(),
                width: DEFAULT_KWIC_WIDTH,
                sort: KwicSort::Document,
                dir: None,
                output: None
            })
        );
        assert_eq!(
            parse(&["search", ""]),
            Ok(Command::Search {
                query: "".into(),
                dir: None,
                output: None
            })
        );
        for args in [
            &["search"][..],
            &["kwic", "--width"],
            &["kwic", "a", "--width", "x"],
            &["kwic", "a", "--sort", "up"],
            &["kwic", "a", "--sort", "left", "--sort", "right"],
            &["search", "a", "--width", "3"],
            &["search", "a", "--frobnicate"],
            &["export", "--dir", "d"],
        ] {
            assert!(parse(args).is_err(), "{args:?} should be rejected");
        }
    }

    #[test]
    fn bad_command_lines() {
        for args in [
            &[][..],
            &["frobnicate"],
            &["export", "a", "b"],
            &["export", "-o"],
            &["export", "-o", "a", "-o", "b"],
            &["export", "--verbose"],
            &["bundle"],
            &["bundle", "a", "b"],
        ] {
            assert!(parse(args).is_err(), "{args:?} should be rejected");
        }
    }
}
