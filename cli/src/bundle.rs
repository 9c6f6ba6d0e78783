//! How does the web app become one file? Trunk's release output (`dist/index.html`, a CSS file,
//! a favicon, the wasm-bindgen JS glue and the `_bg.wasm`) → one self-contained HTML page that
//! works from `file://` and requests nothing.
//!
//! - `<link rel="stylesheet">` → `<style>` with the CSS (which must not reference other files);
//! - `<link rel="icon">` → the same link with a `data:` URI;
//! - `<link rel="preload">`, `modulepreload`, `prefetch`… → dropped;
//! - Trunk's module `<script>` (`import init, * as bindings from './x.js'; … init({ module_or_path:
//!   './x_bg.wasm' })`) → one inline module script: the glue with its `export`s turned into plain
//!   declarations, then Trunk's loader in a block, with its import replaced by local bindings and
//!   the wasm path replaced by the wasm bytes (base64 in the page, decoded with `atob`).
//!
//! Anything else that would make the page request a file (a `<script src>`, another `<link href>`,
//! `url()` in the CSS, glue that imports snippets) is an error naming it: never a silently
//! broken file.

use base64::Engine as _;
use std::fmt::Write as _;
use std::path::{Component, Path, PathBuf};

/// The single file's Content-Security-Policy: its own inline script, wasm and style, images
/// from `data:`/`blob:` URIs, and nothing from any origin (no fetch, no frame, no form target).
pub(crate) const CSP: &str = "default-src 'none'; script-src 'unsafe-inline' 'wasm-unsafe-eval'; \
     style-src 'unsafe-inline'; img-src data: blob:; font-src data:; connect-src 'none'; \
     base-uri 'none'; form-action 'none'";

/// What the bundler puts first in `<head>`: the policy, and the mark by which the reader knows
/// it is the single file (a reading pack it saves starts from the page itself).
fn head_meta() -> String {
    format!(
        "\n<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\" />\n<meta name=\"yomikurabe-single-file\" content=\"1\" />"
    )
}

/// Prefix of every name the bundler adds to the module scope.
const PREFIX: &str = "__yomikurabe_";

/// The bundled page and what went into it.
#[derive(Debug)]
pub(crate) struct Bundle {
    pub(crate) html: String,
    pub(crate) wasm_bytes: usize,
    pub(crate) glue_bytes: usize,
    pub(crate) css_bytes: usize,
}

/// Bundle `dist/index.html` and the files it references.
pub(crate) fn bundle(dist: &Path) -> Result<Bundle, String> {
    if !dist.is_dir() {
        return Err(format!(
            "{}: no such folder (run `trunk build --release` first)",
            dist.display()
        ));
    }
    let index_path = dist.join("index.html");
    let html = std::fs::read_to_string(&index_path).map_err(|e| format!("{}: {e}", index_path.display()))?;
    if contains_ignore_case(&html, "content-security-policy") {
        return Err(format!(
            "{}: has a Content-Security-Policy; the bundle's inline script and style would need it relaxed",
            index_path.display()
        ));
    }
    let elements = scan(&html).map_err(|e| format!("{}: {e}", index_path.display()))?;

    let mut out = String::with_capacity(html.len());
    let mut copied_to = 0;
    let mut loaders = 0;
    let mut stats = Bundle {
        html: String::new(),
        wasm_bytes: 0,
        glue_bytes: 0,
        css_bytes: 0,
    };
    for element in &elements {
        out.push_str(&html[copied_to..element.start]);
        copied_to = element.end;
        let source = &html[element.start..element.end];
        match &element.kind {
            ElementKind::Link { attrs } => {
                out.push_str(&rewrite_link(dist, attrs, source, &mut stats)?);
            }
            ElementKind::Script { attrs, body } => {
                if let Some(src) = attr(attrs, "src") {
                    if !src.trim_start().to_ascii_lowercase().starts_with("data:") {
                        return Err(format!(
                            "{source}: a script file other than Trunk's loader is not supported"
                        ));
                    }
                    out.push_str(source);
                } else if let Some(loader) = TrunkLoader::find(body)? {
                    loaders += 1;
                    out.push_str(&inline_app(dist, attrs, body, &loader, &mut stats)?);
                } else {
                    out.push_str(source);
                }
            }
        }
    }
    out.push_str(&html[copied_to..]);
    let head = find_ignore_case(&out, "<head")
        .and_then(|at| out[at..].find('>').map(|end| at + end + 1))
        .ok_or_else(|| format!("{}: no <head> element", index_path.display()))?;
    out.insert_str(head, &head_meta());
    match loaders {
        1 => {}
        0 => {
            return Err(format!(
            "{}: no Trunk loader script (a <script type=\"module\"> importing the JS glue and naming the .wasm) found",
            index_path.display()
        ))
        }
        n => {
            return Err(format!(
                "{}: {n} Trunk loader scripts; expected one",
                index_path.display()
            ))
        }
    }
    stats.html = out;
    Ok(stats)
}

// ---------------------------------------------------------------------------------------------
// Links

fn rewrite_link(dist: &Path, attrs: &[(String, String)], source: &str, stats: &mut Bundle) -> Result<String, String> {
    let rel = attr(attrs, "rel").unwrap_or("").to_ascii_lowercase();
    let rels: Vec<&str> = rel.split_ascii_whitespace().collect();
    let href = attr(attrs, "href");
    let local_href = href.filter(|h| !h.trim_start().to_ascii_lowercase().starts_with("data:"));
    if rels.iter().any(|r| {
        matches!(
            *r,
            "preload" | "modulepreload" | "prefetch" | "preconnect" | "dns-prefetch"
        )
    }) {
        return Ok(String::new());
    }
    let Some(href) = local_href else {
        return Ok(source.to_string()); // no href, or already a data: URI
    };
    if rels.contains(&"stylesheet") {
        let path = resolve(dist, href)?;
        let css = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        check_css(&css).map_err(|e| format!("{}: {e}", path.display()))?;
        stats.css_bytes += css.len();
        let media = attr(attrs, "media")
            .map(|m| format!(" media=\"{}\"", escape_attr(m)))
            .unwrap_or_default();
        return Ok(format!("<style{media}>\n{}\n</style>", css.trim_end()));
    }
    if rels.iter().any(|r| r.ends_with("icon")) {
        let path = resolve(dist, href)?;
        let mime = image_mime(&path).ok_or_else(|| format!("{}: unknown icon type", path.display()))?;
        let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let data = base64::engine::general_purpose::STANDARD.encode(bytes);
        let mut tag = format!("<link rel=\"{}\" href=\"data:{mime};base64,{data}\"", escape_attr(&rel));
        for keep in ["type", "sizes"] {
            if let Some(v) = attr(attrs, keep) {
                let _ = write!(tag, " {keep}=\"{}\"", escape_attr(v));
            }
        }
        tag.push('>');
        return Ok(tag);
    }
    Err(format!(
        "{source}: unsupported <link>; the bundled page would request {href}"
    ))
}

fn check_css(css: &str) -> Result<(), String> {
    let lower = css.to_ascii_lowercase();
    if lower.contains("@import") {
        return Err("CSS @import would request another file".into());
    }
    if lower.contains("</style") {
        return Err("CSS contains \"</style\", which would end the inline <style> early".into());
    }
    let mut rest = lower.as_str();
    while let Some(i) = rest.find("url(") {
        let arg = rest[i + 4..].trim_start().trim_start_matches(['"', '\'']);
        if !(arg.starts_with("data:") || arg.starts_with('#')) {
            let shown: String = arg.chars().take_while(|c| !matches!(c, ')' | '"' | '\'')).collect();
            return Err(format!(
                "CSS url({shown}) would request another file; inline it as a data: URI"
            ));
        }
        rest = &rest[i + 4..];
    }
    Ok(())
}

fn image_mime(path: &Path) -> Option<&'static str> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "gif" => "image/gif",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        _ => return None,
    })
}

/// A dist-relative path from an `href`/import specifier: `./x`, `x`, `/x` (public_url `/`);
/// falls back to the file name alone (Trunk puts every asset at the top of dist/).
fn resolve(dist: &Path, href: &str) -> Result<PathBuf, String> {
    let clean = href.split(['?', '#']).next().unwrap_or("").trim();
    if clean.contains("://") || clean.starts_with("//") {
        return Err(format!(
            "{href}: a remote resource; the bundled page must request nothing"
        ));
    }
    let relative = Path::new(clean.trim_start_matches('/'));
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
        || clean.is_empty()
    {
        return Err(format!("{href}: not a file inside {}", dist.display()));
    }
    let path = dist.join(relative);
    if path.is_file() {
        return Ok(path);
    }
    if let Some(name) = relative.file_name() {
        let flat = dist.join(name);
        if flat.is_file() {
            return Ok(flat);
        }
    }
    Err(format!("{href}: no such file in {}", dist.display()))
}

// ---------------------------------------------------------------------------------------------
// The app script

/// What Trunk's loader script says: `import DEFAULT[, * as NS] from 'GLUE'` and `'WASM'`.
#[derive(Debug, PartialEq)]
struct TrunkLoader {
    /// Byte range of the whole `import … ;` statement in the script body.
    import: std::ops::Range<usize>,
    default_name: String,
    namespace: Option<String>,
    glue: String,
    /// Byte range of the quoted wasm path (quotes included).
    wasm_literal: std::ops::Range<usize>,
    wasm: String,
}

impl TrunkLoader {
    /// `Ok(None)`: not a loader (no import of a `.js` file). `Err`: looks like one but the pieces
    /// cannot all be found.
    fn find(body: &str) -> Result<Option<TrunkLoader>, String> {
        let Some(import_at) = find_statement_start(body, "import") else {
            return Ok(None);
        };
        let rest = &body[import_at..];
        let Some(from_at) = rest.find(" from ") else {
            return Ok(None);
        };
        let clause = rest["import".len()..from_at].trim();
        let after_from = &rest[from_at + " from ".len()..];
        let Some((glue, glue_len)) = quoted(after_from.trim_start()) else {
            return Ok(None);
        };
        if !glue.ends_with(".js") {
            return Err(format!(
                "an inline module script imports {glue}, which the bundled page could not load"
            ));
        }
        let skipped = after_from.len() - after_from.trim_start().len();
        let mut end = import_at + from_at + " from ".len() + skipped + glue_len;
        if body[end..].starts_with(';') {
            end += 1;
        }
        if find_statement_start(&body[end..], "import").is_some() {
            return Err(format!(
                "Trunk loader imports more than the glue {glue} (a data-initializer?); not supported by the bundler"
            ));
        }
        let (default_part, namespace) = match clause.split_once(',') {
            Some((d, ns)) => (d.trim(), Some(ns.trim())),
            None => (clause, None),
        };
        if !is_identifier(default_part) {
            return Err(format!(
                "Trunk loader imports `{clause}` from {glue}; expected `init` or `init, * as bindings`"
            ));
        }
        let namespace = match namespace {
            None => None,
            Some(ns) => match ns
                .strip_prefix('*')
                .map(str::trim_start)
                .and_then(|s| s.strip_prefix("as "))
            {
                Some(name) if is_identifier(name.trim()) => Some(name.trim().to_string()),
                _ => {
                    return Err(format!(
                        "Trunk loader imports `{clause}` from {glue}; expected `* as NAME`"
                    ))
                }
            },
        };
        let mut wasm_literal = None;
        for (i, c) in body.char_indices() {
            if c == '\'' || c == '"' {
                if let Some((s, len)) = quoted(&body[i..]) {
                    if s.ends_with(".wasm") && !(import_at..end).contains(&i) {
                        wasm_literal = Some((i..i + len, s));
                        break;
                    }
                }
            }
        }
        let Some((wasm_literal, wasm)) = wasm_literal else {
            return Err(format!("Trunk loader imports {glue} but names no .wasm file"));
        };
        Ok(Some(TrunkLoader {
            import: import_at..end,
            default_name: default_part.to_string(),
            namespace,
            glue,
            wasm_literal,
            wasm,
        }))
    }
}

/// The glue with its exports rewritten into plain declarations.
#[derive(Debug, PartialEq)]
struct Glue {
    code: String,
    /// Local name of the default export (the init function).
    default_local: String,
    /// (exported name, local name) of the named exports.
    named: Vec<(String, String)>,
}

fn strip_exports(glue: &str) -> Result<Glue, String> {
    let mut code = String::with_capacity(glue.len());
    let mut default_local = None;
    let mut named = Vec::new();
    let mut lines = glue.split_inclusive('\n');
    while let Some(line) = lines.next() {
        if line.starts_with("import ")
            || line.starts_with("import{")
            || line.starts_with("import\"")
            || line.starts_with("import'")
        {
            return Err(format!(
                "glue imports another module (`{}`); wasm-bindgen snippets are not supported by the bundler",
                line.trim()
            ));
        }
        let Some(rest) = line.strip_prefix("export ") else {
            code.push_str(line);
            continue;
        };
        let rest_trim = rest.trim_start();
        if let Some(list) = rest_trim.strip_prefix('{') {
            let mut statement = list.to_string();
            while !statement.contains('}') {
                match lines.next() {
                    Some(more) => statement.push_str(more),
                    None => return Err("glue ends inside an `export { … }` list".into()),
                }
            }
            let (inside, after) = statement.split_once('}').unwrap_or((&statement, ""));
            if after.trim_start().starts_with("from") {
                return Err(format!(
                    "glue re-exports from another module (`export {{{inside}}}{}`)",
                    after.trim_end()
                ));
            }
            for item in inside.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                let (local, exported) = match item.split_once(" as ") {
                    Some((l, e)) => (l.trim(), e.trim()),
                    None => (item, item),
                };
                if !is_identifier(local) {
                    return Err(format!("glue exports `{item}`, which the bundler cannot rewrite"));
                }
                if exported == "default" {
                    default_local = Some(local.to_string());
                } else {
                    named.push((exported.trim_matches(['"', '\'']).to_string(), local.to_string()));
                }
            }
            code.push('\n');
        } else if let Some(value) = rest_trim.strip_prefix("default ") {
            let value = value.trim();
            let declared = ["async function ", "function ", "class "]
                .iter()
                .find_map(|kw| value.strip_prefix(kw))
                .map(|s| {
                    s.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
                        .next()
                        .unwrap_or("")
                });
            match declared {
                Some(name) if is_identifier(name) => {
                    default_local = Some(name.to_string());
                    code.push_str(rest_trim.strip_prefix("default ").unwrap_or(rest_trim));
                }
                Some(_) => return Err("glue has an anonymous default export".into()),
                None => {
                    let name = value.trim_end_matches(';').trim();
                    if !is_identifier(name) {
                        return Err(format!("glue's default export `{value}` is not a plain name"));
                    }
                    default_local = Some(name.to_string());
                    code.push('\n');
                }
            }
        } else if rest_trim.starts_with('*') {
            return Err(format!("glue re-exports another module (`{}`)", line.trim()));
        } else {
            let declared = [
                "async function ",
                "function* ",
                "function ",
                "class ",
                "const ",
                "let ",
                "var ",
            ]
            .iter()
            .find_map(|kw| rest_trim.strip_prefix(kw))
            .map(|s| {
                s.trim_start()
                    .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
                    .next()
                    .unwrap_or("")
            });
            match declared {
                Some(name) if is_identifier(name) => {
                    named.push((name.to_string(), name.to_string()));
                    code.push_str(rest);
                }
                _ => {
                    return Err(format!(
                        "glue has an export the bundler cannot rewrite: `{}`",
                        line.trim()
                    ))
                }
            }
        }
    }
    let default_local = default_local.ok_or("glue has no default export (the init function)")?;
    Ok(Glue {
        code,
        default_local,
        named,
    })
}

fn inline_app(
    dist: &Path,
    attrs: &[(String, String)],
    body: &str,
    loader: &TrunkLoader,
    stats: &mut Bundle,
) -> Result<String, String> {
    let glue_path = resolve(dist, &loader.glue)?;
    let wasm_path = resolve(dist, &loader.wasm)?;
    let glue_text = std::fs::read_to_string(&glue_path).map_err(|e| format!("{}: {e}", glue_path.display()))?;
    let wasm = std::fs::read(&wasm_path).map_err(|e| format!("{}: {e}", wasm_path.display()))?;
    if !wasm.starts_with(b"\0asm") {
        return Err(format!("{}: not a WebAssembly module", wasm_path.display()));
    }
    if glue_text.contains(PREFIX) || body.contains(PREFIX) {
        return Err(format!(
            "{}: already uses the name prefix {PREFIX}; bundling it again is not supported",
            glue_path.display()
        ));
    }
    let glue = strip_exports(&glue_text).map_err(|e| format!("{}: {e}", glue_path.display()))?;
    stats.wasm_bytes = wasm.len();
    stats.glue_bytes = glue_text.len();

    let mut script = String::new();
    script.push_str("<script type=\"module\"");
    if attr(attrs, "type").map(|t| t.trim().to_ascii_lowercase()) != Some("module".into()) {
        return Err("Trunk's loader script is not a module script".into());
    }
    script.push_str(">\n");
    script.push_str(&escape_script(&glue.code));
    script.push('\n');
    // The glue's module scope is kept apart from Trunk's loader (which declares e.g. `wasm`, as
    // the glue does) by running the loader in a block that sees only these names.
    let _ = writeln!(script, "const {PREFIX}default = {};", glue.default_local);
    let mut ns = format!(
        "const {PREFIX}exports = Object.freeze({{ __proto__: null, default: {}",
        glue.default_local
    );
    for (exported, local) in &glue.named {
        let _ = write!(ns, ", {}: {local}", serde_json::Value::String(exported.clone()));
    }
    ns.push_str(" });\n");
    script.push_str(&ns);
    let _ = writeln!(
        script,
        "const {PREFIX}wasm = (() => {{ const s = atob(\"{}\"); const b = new Uint8Array(s.length); for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i); return b; }})();",
        base64::engine::general_purpose::STANDARD.encode(&wasm)
    );
    script.push_str("{\n");
    let _ = writeln!(script, "const {} = {PREFIX}default;", loader.default_name);
    if let Some(ns) = &loader.namespace {
        let _ = writeln!(script, "const {ns} = {PREFIX}exports;");
    }
    // Trunk's loader, import removed, wasm path → bytes.
    let mut rest = String::new();
    let (first, second) = if loader.import.start < loader.wasm_literal.start {
        (
            (loader.import.clone(), String::new()),
            (loader.wasm_literal.clone(), format!("{PREFIX}wasm")),
        )
    } else {
        (
            (loader.wasm_literal.clone(), format!("{PREFIX}wasm")),
            (loader.import.clone(), String::new()),
        )
    };
    rest.push_str(&body[..first.0.start]);
    rest.push_str(&first.1);
    rest.push_str(&body[first.0.end..second.0.start]);
    rest.push_str(&second.1);
    rest.push_str(&body[second.0.end..]);
    script.push_str(&escape_script(rest.trim()));
    script.push_str("\n}\n</script>");
    Ok(script)
}

// ---------------------------------------------------------------------------------------------
// A small HTML scanner: finds <link> and <script> elements, skipping comments and raw text.

#[derive(Debug)]
enum ElementKind {
    Link { attrs: Vec<(String, String)> },
    Script { attrs: Vec<(String, String)>, body: String },
}

#[derive(Debug)]
struct Element {
    start: usize,
    end: usize,
    kind: ElementKind,
}

fn scan(html: &str) -> Result<Vec<Element>, String> {
    let bytes = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        let start = i + off;
        let rest = &html[start..];
        if rest.starts_with("<!--") {
            i = match rest.find("-->") {
                Some(e) => start + e + 3,
                None => return Err("unterminated <!-- comment".into()),
            };
            continue;
        }
        let name_len = rest[1..].bytes().take_while(|b| b.is_ascii_alphanumeric()).count();
        let name = rest[1..1 + name_len].to_ascii_lowercase();
        if name.is_empty() {
            i = start + 1;
            continue;
        }
        let (attrs, tag_end) = parse_tag(html, start + 1 + name_len)?;
        match name.as_str() {
            "link" => {
                out.push(Element {
                    start,
                    end: tag_end,
                    kind: ElementKind::Link { attrs },
                });
                i = tag_end;
            }
            "script" | "style" | "textarea" | "title" => {
                let close = format!("</{name}");
                let body_end = find_ignore_case(&html[tag_end..], &close)
                    .map(|e| tag_end + e)
                    .ok_or_else(|| format!("<{name}> without </{name}>"))?;
                let close_end = html[body_end..]
                    .find('>')
                    .map(|e| body_end + e + 1)
                    .ok_or_else(|| format!("unterminated </{name}"))?;
                if name == "script" {
                    let body = html[tag_end..body_end].to_string();
                    out.push(Element {
                        start,
                        end: close_end,
                        kind: ElementKind::Script { attrs, body },
                    });
                }
                i = close_end;
            }
            _ => i = tag_end,
        }
        debug_assert!(i <= bytes.len());
    }
    Ok(out)
}

/// Attributes from just after the tag name to the closing `>`; returns them and the index after `>`.
fn parse_tag(html: &str, mut i: usize) -> Result<(Vec<(String, String)>, usize), String> {
    let bytes = html.as_bytes();
    let mut attrs = Vec::new();
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() {
            return Err("unterminated tag".into());
        }
        if bytes[i] == b'>' {
            return Ok((attrs, i + 1));
        }
        let name_start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !matches!(bytes[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let name = html[name_start..i].to_ascii_lowercase();
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if i < bytes.len() && bytes[i] == b'=' {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < bytes.len() && (bytes[i] == b'"' || bytes[i] == b'\'') {
                let quote = bytes[i];
                let end = html[i + 1..]
                    .find(quote as char)
                    .ok_or("unterminated attribute value")?;
                value = unescape_attr(&html[i + 1..i + 1 + end]);
                i += end + 2;
            } else {
                let start = i;
                while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                    i += 1;
                }
                value = unescape_attr(&html[start..i]);
            }
        }
        attrs.push((name, value));
    }
}

fn attr<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
}

fn unescape_attr(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn escape_attr(s: &str) -> String {
    s.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;")
}

/// Keep script text from ending the element early or opening a comment state.
fn escape_script(js: &str) -> String {
    let mut out = String::with_capacity(js.len());
    let mut rest = js;
    while let Some(i) = find_ignore_case(rest, "</script")
        .into_iter()
        .chain(rest.find("<!--"))
        .min()
    {
        out.push_str(&rest[..i]);
        out.push_str("<\\");
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
    out
}

fn find_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
    let n = needle.len();
    haystack
        .as_bytes()
        .windows(n)
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

fn contains_ignore_case(haystack: &str, needle: &str) -> bool {
    find_ignore_case(haystack, needle).is_some()
}

/// Start of a statement beginning with `keyword` (at the start of the text or of a line).
fn find_statement_start(body: &str, keyword: &str) -> Option<usize> {
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with(keyword) && trimmed[keyword.len()..].starts_with(|c: char| c.is_whitespace()) {
            return Some(offset + (line.len() - trimmed.len()));
        }
        offset += line.len();
    }
    None
}

/// A JS string literal at the start of `s`: its content and its length with quotes.
fn quoted(s: &str) -> Option<(String, usize)> {
    let quote = s.chars().next().filter(|c| *c == '\'' || *c == '"')?;
    let end = s[1..].find([quote, '\\', '\n'])?;
    (s.as_bytes()[1 + end] == quote as u8).then(|| (s[1..1 + end].to_string(), end + 2))
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_alphanumeric() || c == '_' || c == '$')
}

#[cfg(test)]
mod tests {
    use super::*;

    const INDEX: &str = r#"<!DOCTYPE html><html lang="ja"><head>
    <meta charset="utf-8">
    <title>yomikurabe 読み比べ</title>
    <!-- <link rel="stylesheet" href="commented-out.css"> -->
    <link rel="stylesheet" href="./style-0a1b.css" integrity="sha384-abc"/>
    <link rel="icon" href="./favicon-2c3d.svg" integrity="sha384-def"/>
<script type="module">
import init, * as bindings from './app-4e5f.js';
const wasm = await init({ module_or_path: './app-9a8b_bg.wasm' });


window.wasmBindings = bindings;


dispatchEvent(new CustomEvent("TrunkApplicationStarted", {detail: {wasm}}));

</script>
  <link rel="modulepreload" href="./app-4e5f.js" crossorigin="anonymous" integrity="sha384-x"><link rel="preload" href="./app-9a8b_bg.wasm" crossorigin="anonymous" integrity="sha384-y" as="fetch" type="application/wasm"></head>
  <body>
    <noscript>needs JavaScript</noscript>
  </body>
</html>"#;

    const GLUE: &str = "let wasm;\n\nexport function greet(name) {\n    return 'hi ' + name;\n}\n\nfunction initSync(module) { return wasm; }\n\nasync function __wbg_init(module_or_path) {\n    if (typeof module_or_path === 'undefined') { module_or_path = new URL('app_bg.wasm', import.meta.url); }\n    return wasm;\n}\n\nexport { initSync, __wbg_init as default };\n";

    struct TempDist(PathBuf);

    impl TempDist {
        fn new(tag: &str) -> TempDist {
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0);
            let dir = std::env::temp_dir().join(format!("yomikurabe-bundle-{tag}-{}-{nanos}", std::process::id()));
            std::fs::create_dir_all(&dir).unwrap();
            TempDist(dir)
        }
        fn write(&self, name: &str, bytes: &[u8]) {
            std::fs::write(self.0.join(name), bytes).unwrap();
        }
        fn standard(tag: &str) -> TempDist {
            let d = TempDist::new(tag);
            d.write("index.html", INDEX.as_bytes());
            d.write("style-0a1b.css", b"body { color: #222; }\n");
            d.write("favicon-2c3d.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>");
            d.write("app-4e5f.js", GLUE.as_bytes());
            d.write("app-9a8b_bg.wasm", b"\0asm\x01\0\0\0fake");
            d
        }
    }

    impl Drop for TempDist {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    #[test]
    fn bundles_a_trunk_dist() {
        let dist = TempDist::standard("ok");
        let b = bundle(&dist.0).unwrap();
        let html = &b.html;
        assert!(html.contains("<style>\nbody { color: #222; }\n</style>"), "{html}");
        assert!(
            html.contains("<link rel=\"icon\" href=\"data:image/svg+xml;base64,"),
            "{html}"
        );
        assert!(!html.contains("preload"), "{html}");
        assert!(!html.contains("integrity"), "{html}");
        assert!(!html.contains("./app-"), "{html}");
        assert!(!html.contains("style-0a1b.css\""), "{html}");
        // The commented-out link stays a comment.
        assert!(html.contains("<!-- <link rel=\"stylesheet\" href=\"commented-out.css\"> -->"));
        let wasm_b64 = base64::engine::general_purpose::STANDARD.encode(b"\0asm\x01\0\0\0fake");
        assert!(html.contains(&format!("atob(\"{wasm_b64}\")")), "{html}");
        assert!(!html.lines().any(|l| l.starts_with("export ")), "{html}");
        assert!(html.contains("function greet(name)"), "{html}");
        assert!(html.contains("const init = __yomikurabe_default;"), "{html}");
        assert!(html.contains("const bindings = __yomikurabe_exports;"), "{html}");
        assert!(html.contains("init({ module_or_path: __yomikurabe_wasm })"), "{html}");
        assert!(
            html.contains("default: __wbg_init, \"greet\": greet, \"initSync\": initSync"),
            "{html}"
        );
        assert!(html.contains("TrunkApplicationStarted"), "{html}");
        assert_eq!(html.matches("<script").count(), 1, "{html}");
        assert!(html.contains("<noscript>needs JavaScript</noscript>"));
        assert_eq!(b.wasm_bytes, 12);
    }

    #[test]
    fn bundled_script_parses_as_a_module_in_node() {
        // Syntax check of the generated module with node, where node is installed.
        let Ok(out) = std::process::Command::new("node").arg("--version").output() else {
            eprintln!("node not found; skipping the syntax check");
            return;
        };
        if !out.status.success() {
            return;
        }
        let dist = TempDist::standard("node");
        let html = bundle(&dist.0).unwrap().html;
        let start = html.find("<script type=\"module\">").unwrap() + "<script type=\"module\">".len();
        let end = html.rfind("</script>").unwrap();
        dist.write("check.mjs", &html.as_bytes()[start..end]);
        let check = std::process::Command::new("node")
            .arg("--check")
            .arg(dist.0.join("check.mjs"))
            .output()
            .unwrap();
        assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stderr));
    }

    #[test]
    fn missing_pieces_are_errors() {
        let dist = TempDist::new("missing");
        assert!(bundle(&dist.0).unwrap_err().contains("index.html"));

        let dist = TempDist::standard("noglue");
        std::fs::remove_file(dist.0.join("app-4e5f.js")).unwrap();
        assert!(bundle(&dist.0).unwrap_err().contains("app-4e5f.js: no such file"));

        let dist = TempDist::standard("nowasm");
        std::fs::remove_file(dist.0.join("app-9a8b_bg.wasm")).unwrap();
        assert!(bundle(&dist.0).unwrap_err().contains("app-9a8b_bg.wasm: no such file"));

        let dist = TempDist::standard("noloader");
        dist.write(
            "index.html",
            INDEX
                .replace("import init, * as bindings from './app-4e5f.js';", "")
                .as_bytes(),
        );
        assert!(bundle(&dist.0).unwrap_err().contains("no Trunk loader"));

        let dist = TempDist::standard("nodefault");
        dist.write("app-4e5f.js", GLUE.replace(", __wbg_init as default", "").as_bytes());
        assert!(bundle(&dist.0).unwrap_err().contains("no default export"));

        let dist = TempDist::standard("snippet");
        dist.write(
            "app-4e5f.js",
            format!("import {{ x }} from './snippets/a/inline0.js';\n{GLUE}").as_bytes(),
        );
        assert!(bundle(&dist.0).unwrap_err().contains("snippets"));

        let dist = TempDist::standard("notwasm");
        dist.write("app-9a8b_bg.wasm", b"<html>404</html>");
        assert!(bundle(&dist.0).unwrap_err().contains("not a WebAssembly module"));

        assert!(bundle(Path::new("/nonexistent/dist"))
            .unwrap_err()
            .contains("no such folder"));
    }

    #[test]
    fn requests_the_bundle_cannot_inline_are_errors() {
        let dist = TempDist::standard("cssurl");
        dist.write("style-0a1b.css", b"body { background: url(bg.png) }");
        assert!(bundle(&dist.0).unwrap_err().contains("url(bg.png)"));

        let dist = TempDist::standard("cssdata");
        dist.write(
            "style-0a1b.css",
            b"body { background: url(\"data:image/png;base64,AA==\") }",
        );
        assert!(bundle(&dist.0).is_ok());

        let dist = TempDist::standard("script");
        dist.write(
            "index.html",
            INDEX
                .replace("<body>", "<body><script src=\"x.js\"></script>")
                .as_bytes(),
        );
        assert!(bundle(&dist.0).unwrap_err().contains("x.js"));

        let dist = TempDist::standard("remote");
        dist.write(
            "index.html",
            INDEX
                .replace("./style-0a1b.css", "https://example.org/a.css")
                .as_bytes(),
        );
        assert!(bundle(&dist.0).unwrap_err().contains("remote"));

        let dist = TempDist::standard("manifest");
        dist.write(
            "index.html",
            INDEX
                .replace("<title>", "<link rel=\"manifest\" href=\"m.json\"><title>")
                .as_bytes(),
        );
        assert!(bundle(&dist.0).unwrap_err().contains("unsupported <link>"));
    }

    #[test]
    fn loader_with_an_initializer_is_an_error() {
        let dist = TempDist::standard("initializer");
        dist.write(
            "index.html",
            INDEX
                .replace(
                    "import init, * as bindings from './app-4e5f.js';",
                    "import init, * as bindings from './app-4e5f.js';\nimport initializer from './init.js';",
                )
                .as_bytes(),
        );
        assert!(bundle(&dist.0).unwrap_err().contains("initializer"));
    }

    #[test]
    fn script_text_cannot_close_the_element() {
        assert_eq!(
            escape_script("a = '</script>'; b = '<!--';"),
            "a = '<\\/script>'; b = '<\\!--';"
        );
    }

    #[test]
    fn export_rewriting() {
        let g = strip_exports(
            "export class Handle {}\nexport const x = 1;\nexport {\n  a,\n  b as c\n};\nexport default async function go() {}\n",
        )
        .unwrap();
        assert_eq!(g.default_local, "go");
        assert_eq!(
            g.named,
            [("Handle", "Handle"), ("x", "x"), ("a", "a"), ("c", "b")].map(|(a, b)| (a.to_string(), b.to_string()))
        );
        assert_eq!(g.code, "class Handle {}\nconst x = 1;\n\nasync function go() {}\n");
        let g = strip_exports("async function __wbg_init() {}\nexport default __wbg_init;\n").unwrap();
        assert_eq!(
            (g.default_local.as_str(), g.code.as_str()),
            ("__wbg_init", "async function __wbg_init() {}\n\n")
        );
        assert!(strip_exports("export * from './a.js';\nexport default f;\n").is_err());
        assert!(strip_exports("export { a } from './a.js';\nexport default f;\n").is_err());
    }
}
