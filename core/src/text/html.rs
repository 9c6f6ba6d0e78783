//! A web page saved from the browser → the text a person reads on it. The main text (the
//! page's `<main>` or `<article>` where it has one, else its `<body>`), without what is not
//! reading text: scripts, styles, navigation, headers, footers, asides, forms, ruby readings.
//! Headings become Markdown headings (`#`…`######`) so the parser sees them as headings;
//! paragraphs, list items, table rows and line breaks become lines; character references are
//! decoded. Tolerant of any input (a tag soup is still read, never an error).

/// What a page gives: its title (`<title>`), and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageText {
    /// The `<title>`, whitespace collapsed, if the page has one.
    pub title: Option<String>,
    /// The reading text, one block per paragraph (blank lines between).
    pub text: String,
}

/// Whether a file looks like an HTML page: its name (`.html`, `.htm`, `.xhtml`) or its opening.
pub fn is_html(file: &str, text: &str) -> bool {
    let lower = file.to_ascii_lowercase();
    if [".html", ".htm", ".xhtml"].iter().any(|e| lower.ends_with(e)) {
        return true;
    }
    let start: String = text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .take(15)
        .collect::<String>()
        .to_ascii_lowercase();
    start.starts_with("<!doctype html") || start.starts_with("<html")
}

/// Elements whose content is never reading text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "nav", "header", "footer", "aside", "form", "button",
    "select", "textarea", "iframe", "object", "rt", "rp", "head", "dialog", "canvas",
];

/// Elements that end a line (a block).
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "blockquote",
    "li",
    "dt",
    "dd",
    "tr",
    "table",
    "ul",
    "ol",
    "dl",
    "pre",
    "figure",
    "figcaption",
    "caption",
    "address",
    "hr",
    "body",
    "td",
    "th",
];

/// One tag: its lower-case name, whether it closes, and where it ends in the page.
struct Tag {
    name: String,
    closing: bool,
    end: usize,
}

/// The tag starting at `i` (`html[i] == '<'`), if it is one.
fn tag_at(html: &str, i: usize) -> Option<Tag> {
    let rest = &html[i + 1..];
    let closing = rest.starts_with('/');
    let name_start = usize::from(closing);
    let name: String = rest[name_start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    if name.is_empty() || !rest[name_start..].starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    // The tag ends at the first `>` outside a quoted attribute value.
    let mut quote = None;
    for (j, c) in rest.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => {
                return Some(Tag {
                    name,
                    closing,
                    end: i + 1 + j + 1,
                })
            }
            _ => {}
        }
    }
    None
}

/// The byte range of the content of the first `<name …>` element, if the page has one.
fn content_of(html: &str, lower: &str, name: &str) -> Option<(usize, usize)> {
    let open = format!("<{name}");
    let mut from = 0;
    while let Some(at) = lower[from..].find(&open).map(|a| a + from) {
        if let Some(tag) = tag_at(html, at).filter(|t| t.name == name && !t.closing) {
            let close = format!("</{name}");
            let end = lower[tag.end..].rfind(&close).map_or(html.len(), |e| e + tag.end);
            return Some((tag.end, end));
        }
        from = at + open.len();
    }
    None
}

/// Decode one character reference starting at `s` (after the `&`); returns it and its length.
fn reference(s: &str) -> Option<(String, usize)> {
    let end = s.char_indices().take(12).find(|&(_, c)| c == ';')?.0;
    let body = &s[..end];
    let decoded = if let Some(num) = body.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        char::from_u32(code).filter(|c| *c != '\0')?.to_string()
    } else {
        match body {
            "amp" => "&",
            "lt" => "<",
            "gt" => ">",
            "quot" => "\"",
            "apos" => "'",
            "nbsp" | "ensp" | "emsp" | "thinsp" => " ",
            "hellip" => "…",
            "mdash" => "—",
            "ndash" => "–",
            "lsquo" => "‘",
            "rsquo" => "’",
            "ldquo" => "“",
            "rdquo" => "”",
            "laquo" => "«",
            "raquo" => "»",
            "middot" => "·",
            "bull" => "•",
            "copy" => "©",
            "reg" => "®",
            "yen" => "¥",
            "times" => "×",
            "divide" => "÷",
            "deg" => "°",
            "para" => "¶",
            "sect" => "§",
            _ => return None,
        }
        .to_string()
    };
    Some((decoded, end + 1))
}

/// Text being written: whitespace collapsed (none kept between two characters of Japanese),
/// blocks on their own lines.
struct Writer {
    out: String,
    space: bool,
    /// Whether the pending whitespace held a line break (source wrapping, not a space).
    wrapped: bool,
    pre: usize,
}

impl Writer {
    fn push_char(&mut self, c: char) {
        if self.pre == 0 && c.is_whitespace() {
            self.space = true;
            self.wrapped |= c == '\n' || c == '\r';
            return;
        }
        if self.space {
            self.space = false;
            let prev = self.out.chars().last();
            let wide = |c: char| !c.is_ascii() && !c.is_whitespace();
            if let Some(p) = prev.filter(|p| *p != '\n') {
                // A line break in the source between two Japanese characters is wrapping.
                if !(self.wrapped && wide(p) && wide(c)) {
                    self.out.push(' ');
                }
            }
        }
        self.wrapped = false;
        self.out.push(c);
    }

    fn push_str(&mut self, s: &str) {
        for c in s.chars() {
            self.push_char(c);
        }
    }

    /// End the current line; `blank`: with a blank line after it.
    fn break_line(&mut self, blank: bool) {
        self.space = false;
        self.wrapped = false;
        while self.out.ends_with(' ') {
            self.out.pop();
        }
        if self.out.is_empty() {
            return;
        }
        let want = if blank { "\n\n" } else { "\n" };
        if !self.out.ends_with(want) {
            if self.out.ends_with('\n') && blank {
                self.out.push('\n');
            } else if !self.out.ends_with('\n') {
                self.out.push_str(want);
            }
        }
    }
}

/// The reading text of a page (see the module docs).
pub fn page_text(html: &str) -> PageText {
    let lower = html.to_ascii_lowercase();
    let title = content_of(html, &lower, "title").map(|(s, e)| {
        let mut w = Writer {
            out: String::new(),
            space: false,
            wrapped: false,
            pre: 0,
        };
        w.push_str(&decode_references(&html[s..e]));
        w.out.trim().to_string()
    });
    let (start, end) = content_of(html, &lower, "main")
        .or_else(|| content_of(html, &lower, "article"))
        .or_else(|| content_of(html, &lower, "body"))
        .unwrap_or((0, html.len()));
    let mut w = Writer {
        out: String::new(),
        space: false,
        wrapped: false,
        pre: 0,
    };
    let mut skipping: Vec<String> = Vec::new();
    let mut i = start;
    let bytes = html.as_bytes();
    while i < end {
        let rest = &html[i..end];
        if rest.starts_with("<!--") {
            i += rest.find("-->").map_or(rest.len(), |e| e + 3);
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            i += rest.find('>').map_or(rest.len(), |e| e + 1);
            continue;
        }
        if bytes[i] == b'<' {
            if let Some(tag) = tag_at(html, i) {
                let name = tag.name.as_str();
                i = tag.end.min(end);
                if let Some(top) = skipping.last() {
                    if tag.closing && top == name {
                        skipping.pop();
                    } else if !tag.closing && SKIPPED.contains(&name) && !html[..tag.end].ends_with("/>") {
                        skipping.push(tag.name.clone());
                    }
                    continue;
                }
                if !tag.closing && SKIPPED.contains(&name) {
                    if !html[..tag.end].ends_with("/>") {
                        skipping.push(tag.name.clone());
                    }
                    continue;
                }
                match name {
                    "br" => w.break_line(false),
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                        w.break_line(true);
                        if !tag.closing {
                            let level = usize::from(name.as_bytes()[1] - b'0');
                            w.out.push_str(&"#".repeat(level));
                            w.out.push(' ');
                        }
                    }
                    "li" if !tag.closing => {
                        w.break_line(false);
                        w.out.push('・');
                    }
                    "td" | "th" if !tag.closing => w.push_char(' '),
                    "pre" => {
                        w.break_line(true);
                        w.pre = if tag.closing {
                            w.pre.saturating_sub(1)
                        } else {
                            w.pre + 1
                        };
                    }
                    "p" | "blockquote" | "table" | "ul" | "ol" | "dl" | "figure" | "section" | "article" | "hr" => {
                        w.break_line(true)
                    }
                    n if BLOCKS.contains(&n) => w.break_line(false),
                    _ => {}
                }
                continue;
            }
        }
        let c = rest.chars().next().unwrap_or(' ');
        i += c.len_utf8();
        if !skipping.is_empty() {
            continue;
        }
        if c == '&' {
            if let Some((s, len)) = reference(&html[i..end]) {
                w.push_str(&s);
                i += len;
                continue;
            }
        }
        w.push_char(c);
    }
    let mut text = w.out.trim_end().to_string();
    if !text.is_empty() {
        text.push('\n');
    }
    PageText {
        title: title.filter(|t| !t.is_empty()),
        text,
    }
}

/// `s` with its character references decoded.
pub(crate) fn decode_references(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while let Some(at) = s[i..].find('&').map(|a| a + i) {
        out.push_str(&s[i..at]);
        match reference(&s[at + 1..]) {
            Some((r, len)) => {
                out.push_str(&r);
                i = at + 1 + len;
            }
            None => {
                out.push('&');
                i = at + 1;
            }
        }
    }
    out.push_str(&s[i..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>外交と世論 &#x7C;  研究所</title>
<style>p { color: red }</style><script>var x = "<p>not text</p>";</script></head>
<body>
<header><nav><a href="/">ホーム</a> | <a href="/about">概要</a></nav></header>
<aside>関連記事</aside>
<main>
  <h1>外交と
  世論</h1>
  <p class="byline">山田 花子（2024年5月7日）</p>
  <p>世論は外交に<ruby>影響<rt>えいきょう</rt></ruby>を与える。
  本稿は &ldquo;事例&rdquo; から検討する&hellip;</p>
  <h2>事例</h2>
  <ul><li>一つ目</li><li>二つ目 &amp; 三つ目</li></ul>
  <p>表示されるべき &lt;script&gt; の文字列。<br>改行の後。</p>
  <!-- a comment <p>hidden</p> -->
  <form><button>送信</button></form>
</main>
<footer>© 2024</footer>
</body></html>"#;

    #[test]
    fn main_text_without_navigation() {
        let p = page_text(PAGE);
        assert_eq!(p.title.as_deref(), Some("外交と世論 | 研究所"));
        assert_eq!(
            p.text,
            "# 外交と世論\n\n山田 花子（2024年5月7日）\n\n世論は外交に影響を与える。本稿は “事例” から検討する…\n\n\
             ## 事例\n\n・一つ目\n・二つ目 & 三つ目\n\n表示されるべき <script> の文字列。\n改行の後。\n"
        );
    }

    #[test]
    fn recognises_pages() {
        assert!(is_html("page.HTM", ""));
        assert!(is_html("saved", "\u{feff}  <!doctype html><html>"));
        assert!(!is_html("notes.txt", "本文 <b>太字</b>"));
    }

    #[test]
    fn tag_soup_is_still_read() {
        for soup in [
            "<p>開いたまま",
            "<",
            "<<>>",
            "<p a=\"unterminated>本文",
            "&#xZZ; &#0; &unknown; &",
            "</p></div>本文<br/>",
        ] {
            let _ = page_text(soup);
        }
        assert_eq!(page_text("<p>開いたまま").text, "開いたまま\n");
        assert_eq!(page_text("a &unknown; b &#12354;").text, "a &unknown; b あ\n");
        assert_eq!(page_text("<div>一<script>x</script>二</div>").text, "一二\n");
    }
}
