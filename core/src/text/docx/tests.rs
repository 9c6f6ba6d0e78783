use super::*;
use crate::parse::{parse_document, Source};
use proptest::prelude::*;

/// A zip of (name, bytes, deflate?) entries: a tiny writer (CRCs left 0: they are not checked).
fn zip(entries: &[(&str, &[u8], bool)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut dir = Vec::new();
    for (name, data, deflate) in entries {
        let body = if *deflate {
            miniz_oxide::deflate::compress_to_vec(data, 6)
        } else {
            data.to_vec()
        };
        let method: u16 = if *deflate { 8 } else { 0 };
        let offset = out.len() as u32;
        let header = |sig: u32, central: bool| {
            let mut h = Vec::new();
            h.extend(sig.to_le_bytes());
            if central {
                h.extend(20u16.to_le_bytes());
            }
            h.extend(20u16.to_le_bytes()); // version needed
            h.extend(0u16.to_le_bytes()); // flags
            h.extend(method.to_le_bytes());
            h.extend([0u8; 4]); // time, date
            h.extend(0u32.to_le_bytes()); // crc
            h.extend((body.len() as u32).to_le_bytes());
            h.extend((data.len() as u32).to_le_bytes());
            h.extend((name.len() as u16).to_le_bytes());
            h.extend(0u16.to_le_bytes()); // extra
            if central {
                h.extend([0u8; 10]); // comment length, disk, internal and external attributes
                h.extend(offset.to_le_bytes());
            }
            h.extend(name.as_bytes());
            h
        };
        out.extend(header(0x0403_4b50, false));
        out.extend(&body);
        dir.extend(header(0x0201_4b50, true));
    }
    let dir_offset = out.len() as u32;
    out.extend(&dir);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0u8; 4]);
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((entries.len() as u16).to_le_bytes());
    out.extend((dir.len() as u32).to_le_bytes());
    out.extend(dir_offset.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

fn document(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{body}</w:body></w:document>"#
    )
}

fn para(style: Option<&str>, runs: &str) -> String {
    let ppr = style.map_or(String::new(), |s| format!(r#"<w:pPr><w:pStyle w:val="{s}"/></w:pPr>"#));
    format!("<w:p>{ppr}{runs}</w:p>")
}

fn run(text: &str) -> String {
    format!(r#"<w:r><w:t xml:space="preserve">{text}</w:t></w:r>"#)
}

const FOOTNOTES: &str = r#"<?xml version="1.0"?><w:footnotes xmlns:w="x">
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>
<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> 文部科学省「学習指導要領」2017年。</w:t></w:r></w:p></w:footnote>
<w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t>同上、第二章。</w:t></w:r></w:p></w:footnote>
</w:footnotes>"#;

const CORE: &str = r#"<?xml version="1.0"?><cp:coreProperties xmlns:cp="c" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>授業の記録</dc:title><dc:creator>user</dc:creator></cp:coreProperties>"#;

const STYLES: &str = r#"<w:styles xmlns:w="x"><w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/></w:style><w:style w:type="paragraph" w:styleId="a3"><w:name w:val="Title"/></w:style></w:styles>"#;

fn sample() -> Vec<u8> {
    let body = [
        para(Some("a3"), &run("地域の川を調べる")),
        para(Some("1"), &run("はじめに")),
        para(
            None,
            &format!(
                r#"{}<w:r><w:footnoteReference w:id="1"/></w:r>{}"#,
                run("川の水は春に多くなる。"),
                run("夏には減る。")
            ),
        ),
        para(Some("Heading2"), &run("観察の方法")),
        para(
            None,
            &format!(
                r#"{}<w:r><w:footnoteReference w:id="2"/></w:r>"#,
                run("毎週&lt;水位&gt;を測った &amp; 記録した。")
            ),
        ),
    ]
    .concat();
    let document = document(&body);
    zip(&[
        ("[Content_Types].xml", b"<Types/>", false),
        ("word/document.xml", document.as_bytes(), true),
        ("word/styles.xml", STYLES.as_bytes(), false),
        ("word/footnotes.xml", FOOTNOTES.as_bytes(), true),
        ("docProps/core.xml", CORE.as_bytes(), false),
    ])
}

#[test]
fn headings_footnotes_and_title() {
    let bytes = sample();
    assert!(is_docx("x.bin", &bytes) && is_docx("授業.DOCX", b""));
    let d = docx_text(&bytes).unwrap();
    assert_eq!(d.title.as_deref(), Some("授業の記録"));
    assert_eq!(d.author, None);
    assert_eq!(
        d.text,
        "# 地域の川を調べる\n\n# はじめに\n\n川の水は春に多くなる。[^1]夏には減る。\n\n## 観察の方法\n\n\
         毎週<水位>を測った & 記録した。[^2]\n\n[^1]: 文部科学省「学習指導要領」2017年。\n[^2]: 同上、第二章。\n"
    );
    let doc = parse_document(Source {
        id: "x",
        file: "x.docx",
        text: &d.text,
        entry: None,
    });
    let titles: Vec<&str> = doc.sections.iter().map(|s| s.title.as_str()).collect();
    assert!(titles.contains(&"観察の方法"), "{titles:?}");
    assert_eq!(doc.notes.len(), 2, "{:?}", doc.notes);
    assert!(doc.notes[0].text.as_deref().unwrap().contains("学習指導要領"));
    let refs: usize = doc.passages.iter().map(|p| p.note_refs.len()).sum();
    assert_eq!(refs, 2);
    assert!(doc.passages.iter().all(|p| !p.text.contains("[^")));
}

#[test]
fn notes_are_numbered_by_first_reference_and_missing_ones_dropped() {
    let body = para(
        None,
        &format!(
            r#"{}<w:r><w:footnoteReference w:id="7"/></w:r>{}<w:r><w:footnoteReference w:id="2"/></w:r><w:r><w:endnoteReference w:id="3"/></w:r>"#,
            run("甲。"),
            run("乙。")
        ),
    );
    let notes = r#"<w:footnotes xmlns:w="x"><w:footnote w:id="2"><w:p><w:r><w:t>二つ目</w:t></w:r></w:p><w:p><w:r><w:t>続き</w:t></w:r></w:p></w:footnote></w:footnotes>"#;
    let end =
        r#"<w:endnotes xmlns:w="x"><w:endnote w:id="3"><w:p><w:r><w:t>後注</w:t></w:r></w:p></w:endnote></w:endnotes>"#;
    let bytes = zip(&[
        ("word/document.xml", document(&body).as_bytes(), false),
        ("word/footnotes.xml", notes.as_bytes(), false),
        ("word/endnotes.xml", end.as_bytes(), true),
    ]);
    let d = docx_text(&bytes).unwrap();
    assert_eq!(d.text, "甲。乙。[^1][^2]\n\n[^1]: 二つ目 続き\n[^2]: 後注\n");
    assert_eq!(d.title, None);
}

#[test]
fn ruby_revisions_tables_tabs_and_breaks() {
    let body = [
        para(
            None,
            r#"<w:r><w:ruby><w:rubyPr/><w:rt><w:r><w:t>かわ</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>川</w:t></w:r></w:rubyBase></w:ruby></w:r><w:del w:id="1"><w:r><w:delText>消した</w:delText><w:t>旧</w:t></w:r></w:del><w:ins w:id="2"><w:r><w:t>を見る</w:t></w:r></w:ins><w:r><w:tab/><w:t>次</w:t><w:br/><w:t>行</w:t></w:r>"#,
        ),
        r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>日付</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>水位</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>5月1日</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>30cm</w:t></w:r></w:p><w:p><w:r><w:t>(雨)</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#.to_string(),
        para(None, r#"<w:pPr><w:tabs><w:tab w:val="left" w:pos="840"/></w:tabs></w:pPr>"#),
        para(
            None,
            &format!(
                r#"{}<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>{}</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent>{}</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r>"#,
                run("図の前。"),
                para(None, &run("枠の中")),
                para(None, &run("枠の中"))
            ),
        ),
        para(None, &run("終わり&#x3002;")),
        "<w:p/>".to_string(),
    ]
    .concat();
    let bytes = zip(&[("word/document.xml", document(&body).as_bytes(), true)]);
    let d = docx_text(&bytes).unwrap();
    assert_eq!(
        d.text,
        "川を見る\t次\n行\n\n日付 水位\n\n5月1日 30cm (雨)\n\n図の前。\n\n枠の中\n\n終わり。\n"
    );
}

#[test]
fn refusals_say_why() {
    assert!(docx_text(b"").unwrap_err().contains("not a Word document"));
    assert!(docx_text(b"plain text, not a zip").is_err());
    let no_doc = zip(&[("a.txt", b"x", false)]);
    assert!(docx_text(&no_doc).unwrap_err().contains("word/document.xml"));
    // Encrypted: flag bit 0 in the central directory.
    let mut enc = zip(&[("word/document.xml", b"<w:p/>", false)]);
    let cd = enc.windows(4).position(|w| w == 0x0201_4b50u32.to_le_bytes()).unwrap();
    enc[cd + 8] |= 1;
    assert!(docx_text(&enc).unwrap_err().contains("encrypted"));
    // Zip64: the count in the end record is 0xffff.
    let mut z64 = zip(&[("word/document.xml", b"<w:p/>", false)]);
    let end = z64.len() - 22;
    z64[end + 10..end + 12].copy_from_slice(&[0xff, 0xff]);
    assert!(docx_text(&z64).unwrap_err().contains("zip64"));
    // A method other than stored or deflated.
    let mut other = zip(&[("word/document.xml", b"<w:p/>", false)]);
    let cd = other
        .windows(4)
        .position(|w| w == 0x0201_4b50u32.to_le_bytes())
        .unwrap();
    other[cd + 10] = 14;
    assert!(docx_text(&other).unwrap_err().contains("method 14"));
}

#[test]
fn a_zip_bomb_is_refused() {
    let huge = vec![b' '; MAX_ENTRY_BYTES + 1];
    let bytes = zip(&[("word/document.xml", &huge, true)]);
    assert!(bytes.len() < 200_000, "{}", bytes.len());
    assert!(docx_text(&bytes).unwrap_err().contains("zip bomb"));
    // Parts under the bound each but not together: the document is read, the styles beyond
    // the bound are not (they are optional).
    let mut half = b"<w:p><w:r><w:t>\xe6\x9c\xac\xe6\x96\x87</w:t></w:r></w:p>".to_vec();
    half.resize(MAX_ENTRY_BYTES / 2 + 1, b' ');
    let bytes = zip(&[("word/document.xml", &half, true), ("word/styles.xml", &half, true)]);
    assert_eq!(docx_text(&bytes).unwrap().text, "本文\n");
}

#[test]
fn truncated_files_never_panic() {
    let bytes = sample();
    for n in 0..bytes.len() {
        let _ = docx_text(&bytes[..n]);
        let _ = docx_text(&bytes[n..]);
    }
    // Damaged data inside a deflated part.
    let mut bad = bytes.clone();
    for b in bad.iter_mut().skip(60).step_by(7).take(40) {
        *b ^= 0x5a;
    }
    let _ = docx_text(&bad);
}

proptest! {
    #[test]
    fn any_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let _ = docx_text(&bytes);
        let mut z = b"PK\x03\x04".to_vec();
        z.extend(&bytes);
        let _ = is_docx("", &z);
    }

    #[test]
    fn any_xml_never_panics(xml in "[<>/a-z:=\"' &;#x0-9\u{3042}\u{1}]{0,200}") {
        let bytes = zip(&[("word/document.xml", xml.as_bytes(), false), ("word/footnotes.xml", xml.as_bytes(), true)]);
        let _ = docx_text(&bytes);
    }

    #[test]
    fn damaged_samples_never_panic(at in 0usize..2000, byte in any::<u8>()) {
        let mut bytes = sample();
        let i = at % bytes.len();
        bytes[i] = byte;
        let _ = docx_text(&bytes);
    }
}
