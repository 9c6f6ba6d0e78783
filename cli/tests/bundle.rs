//! `yomikurabe bundle` as a command, on a folder shaped like Trunk's release output: it writes one
//! page that holds everything (no `src` or `href` leading out of it, the stylesheet, icon, JS glue
//! and wasm inline), by default beside its input as `DIST/yomikurabe.html`. No browser, no clock:
//! that the real bundle runs alone from `file://` and shows the documents is checked by the
//! end-to-end test `tests/e2e/single-file.test.mjs` (in `scripts/test.sh`).

use base64::Engine as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_yomikurabe");

/// `dist/index.html` as Trunk 0.22 writes it for this app (hashes shortened).
const INDEX: &str = r#"<!doctype html>
<html lang="ja">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>yomikurabe 読み比べ</title>
    <link rel="stylesheet" href="./style-0a1b2c.css" integrity="sha384-abc"/>
    <link rel="icon" href="./favicon-3d4e5f.svg" integrity="sha384-def"/>
    
<script type="module">
import init, * as bindings from './yomikurabe-web-6a7b.js';
const wasm = await init({ module_or_path: './yomikurabe-web-6a7b_bg.wasm' });


window.wasmBindings = bindings;


dispatchEvent(new CustomEvent("TrunkApplicationStarted", {detail: {wasm}}));

</script>
  <link rel="modulepreload" href="./yomikurabe-web-6a7b.js" crossorigin="anonymous" integrity="sha384-x"><link rel="preload" href="./yomikurabe-web-6a7b_bg.wasm" crossorigin="anonymous" integrity="sha384-y" as="fetch" type="application/wasm"></head>
  <body>
    <noscript>yomikurabe needs JavaScript.</noscript>
  </body>
</html>"#;

/// The shape of wasm-bindgen's glue: a module with named exports and a default `init`.
const GLUE: &str = "let wasm;\n\nexport function start() {\n    wasm.start();\n}\n\nfunction initSync(module) { return wasm; }\n\nasync function __wbg_init(module_or_path) {\n    if (typeof module_or_path === 'undefined') { module_or_path = new URL('yomikurabe-web_bg.wasm', import.meta.url); }\n    return wasm;\n}\n\nexport { initSync, __wbg_init as default };\n";

const CSS: &str = "body { color: #222; }\nmark.theme { background: #ffe08a; }\n";
const WASM: &[u8] = b"\0asm\x01\0\0\0 a module body";

/// A fresh folder under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let dir = std::env::temp_dir().join(format!("yomikurabe-bundle-{tag}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    /// A folder like `trunk build --release` output.
    fn trunk_dist(tag: &str) -> TempDir {
        let d = TempDir::new(tag);
        d.write("index.html", INDEX.as_bytes());
        d.write("style-0a1b2c.css", CSS.as_bytes());
        d.write("favicon-3d4e5f.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>");
        d.write("yomikurabe-web-6a7b.js", GLUE.as_bytes());
        d.write("yomikurabe-web-6a7b_bg.wasm", WASM);
        d
    }

    fn write(&self, name: &str, bytes: &[u8]) {
        std::fs::write(self.0.join(name), bytes).unwrap();
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

fn bundle(args: &[&Path]) -> Output {
    Command::new(BIN)
        .arg("bundle")
        .args(args)
        .output()
        .expect("the yomikurabe binary runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// `html` with its comments and the contents of its `<script>` and `<style>` elements left out:
/// the markup whose attributes the browser follows.
fn markup(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    loop {
        let next = ["<!--", "<script", "<style"]
            .iter()
            .filter_map(|open| rest.find(open).map(|i| (i, *open)))
            .min();
        let Some((at, open)) = next else {
            out.push_str(rest);
            return out;
        };
        out.push_str(&rest[..at]);
        let close = match open {
            "<!--" => "-->",
            "<script" => "</script>",
            _ => "</style>",
        };
        let end = rest[at..].find(close).map_or(rest.len(), |i| at + i + close.len());
        rest = &rest[end..];
    }
}

/// Every `src=`/`href=` value in `markup` (quoted or not).
fn references(markup: &str) -> Vec<String> {
    let mut out = Vec::new();
    for name in [" src=", " href="] {
        for (at, _) in markup.match_indices(name) {
            let value = &markup[at + name.len()..];
            let v = match value.chars().next() {
                Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or(""),
                _ => value.split([' ', '>']).next().unwrap_or(""),
            };
            out.push(v.to_string());
        }
    }
    out
}

/// What makes a page self-contained: nothing it would fetch, everything it needs inline.
fn assert_self_contained(html: &str) {
    let outside: Vec<String> = references(&markup(html))
        .into_iter()
        .filter(|r| !(r.starts_with("data:") || r.starts_with('#')))
        .collect();
    assert!(outside.is_empty(), "the page would fetch {outside:?}");
    assert!(
        html.contains(&format!("<style>\n{}\n</style>", CSS.trim_end())),
        "the CSS inline: {html}"
    );
    assert!(
        html.contains("<link rel=\"icon\" href=\"data:image/svg+xml;base64,"),
        "the icon inline: {html}"
    );
    let wasm = base64::engine::general_purpose::STANDARD.encode(WASM);
    assert!(html.contains(&format!("atob(\"{wasm}\")")), "the wasm inline: {html}");
    assert!(html.contains("function start()"), "the glue inline: {html}");
    assert_eq!(html.matches("<script").count(), 1, "one script: {html}");
    assert!(html.contains("<script type=\"module\">"), "{html}");
    for file in [
        "style-0a1b2c.css",
        "favicon-3d4e5f.svg",
        "yomikurabe-web-6a7b.js",
        "yomikurabe-web-6a7b_bg.wasm",
    ] {
        assert!(!html.contains(file), "{file} is still named in the page: {html}");
    }
    assert!(
        !html
            .lines()
            .any(|l| l.trim_start().starts_with("import ") || l.starts_with("export ")),
        "no module imports or exports are left: {html}"
    );
    assert!(
        html.contains("<noscript>yomikurabe needs JavaScript.</noscript>"),
        "the page's own markup is kept"
    );
}

#[test]
fn bundle_writes_one_self_contained_page_beside_the_dist_or_where_asked() {
    let dist = TempDir::trunk_dist("default");
    let out = bundle(&[dist.path()]);
    assert!(out.status.success(), "exit {:?}: {}", out.status, stderr(&out));
    assert!(out.stdout.is_empty(), "stdout stays empty");
    let page = dist.path().join("yomikurabe.html");
    assert!(
        stderr(&out).contains(&format!("wrote {}", page.display())),
        "{}",
        stderr(&out)
    );
    let html = std::fs::read_to_string(&page).expect("DIST/yomikurabe.html is written");
    assert_self_contained(&html);

    // `-o FILE`: the same page, alone in another folder.
    let elsewhere = TempDir::new("output");
    let file = elsewhere.path().join("alone.html");
    let out = bundle(&[dist.path(), Path::new("-o"), &file]);
    assert!(out.status.success(), "exit {:?}: {}", out.status, stderr(&out));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), html, "-o writes the same page");
    assert_eq!(
        std::fs::read_dir(elsewhere.path()).unwrap().count(),
        1,
        "and nothing beside it"
    );
}

#[test]
fn bundle_refuses_a_page_that_would_fetch_a_file_and_writes_nothing() {
    let dist = TempDir::trunk_dist("fetch");
    dist.write(
        "index.html",
        INDEX
            .replace("<title>", "<script src=\"./extra.js\"></script><title>")
            .as_bytes(),
    );
    let out = bundle(&[dist.path()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("extra.js"),
        "the error names the file: {}",
        stderr(&out)
    );
    assert!(!dist.path().join("yomikurabe.html").exists(), "no page is written");

    let dist = TempDir::trunk_dist("css");
    dist.write("style-0a1b2c.css", b"body { background: url(paper.png) }");
    let out = bundle(&[dist.path()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("url(paper.png)"), "{}", stderr(&out));
    assert!(!dist.path().join("yomikurabe.html").exists(), "no page is written");
}
