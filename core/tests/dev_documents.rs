//! Golden tests over the development documents (`tests/fixtures/dev/`, sources in SOURCES.md):
//! real public texts of forms the parser was not written for (PDF extractions in three modes, a
//! Markdown blog post, a Diet record, Aozora Bunko texts in Shift_JIS). Facts a reader can check
//! against the source, that every input line ends up somewhere the user can see, and a reviewed
//! snapshot of every passage (regenerate with `UPDATE_GOLDEN=1 cargo test -p yomikurabe-core`).

mod common;

use common::{assert_every_line_accounted_for, default_texts};
use std::fmt::Write as _;
use std::path::PathBuf;
use yomikurabe_core::model::{DateKind, Document, Passage, PassageKind, RemovalReason};
use yomikurabe_core::text::decode::decode;
use yomikurabe_core::{parse_document, Source};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dev")
}

/// The fixtures as (file name, decoded text), in file order. The files are the original bytes;
/// the Shift_JIS ones are decoded by the crate's own decoder.
fn texts() -> Vec<(String, String)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md"))
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(|c: char| c.is_ascii_digit())
        })
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            let text = decode(&bytes).expect("decodable").text;
            (p.file_name().unwrap().to_string_lossy().into_owned(), text)
        })
        .collect()
}

fn parse(file: &str, text: &str) -> Document {
    let id = file.split('.').next().unwrap();
    parse_document(Source {
        id,
        file,
        text,
        entry: None,
    })
}

fn dev(prefix: &str) -> (String, Document) {
    let (file, text) = texts()
        .into_iter()
        .find(|(f, _)| f.starts_with(prefix))
        .expect("fixture present");
    let d = parse(&file, &text);
    (text, d)
}

fn body_text(d: &Document) -> String {
    d.passages
        .iter()
        .filter(|p| p.kind != PassageKind::Note)
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_line_of_every_fixture_is_accounted_for() {
    for (file, text) in texts() {
        let d = parse(&file, &text);
        assert_every_line_accounted_for(&text, &d);
    }
    let (manifest, texts) = default_texts();
    for (file, text) in &texts {
        let d = parse_document(Source {
            id: file,
            file,
            text,
            entry: manifest.entry(file),
        });
        assert_every_line_accounted_for(text, &d);
    }
}

#[test]
fn removed_lines_are_the_source_lines() {
    for (file, text) in texts() {
        let d = parse(&file, &text);
        let lines: Vec<&str> = text.split('\n').collect();
        for r in &d.removed {
            assert!(
                lines[r.line - 1].contains(r.text.as_str()),
                "{file}: removed line {} {:?} is not in the source line {:?}",
                r.line,
                r.text,
                lines[r.line - 1]
            );
        }
    }
}

#[test]
fn repeated_content_lines_are_not_page_furniture() {
    // A speaker label, an applause mark and a recurring sub-heading, many times over, no pages.
    let unit = "司会：\n次の議題に移ります。\n（拍手）\n【論点】\n本文の段落である。\n";
    let text = unit.repeat(3 * 1024 * 1024 / unit.len());
    let d = parse("repeated.txt", &text);
    assert!(d.removed.is_empty(), "{:?}", &d.removed[..3.min(d.removed.len())]);
    assert!(!d.passages.is_empty());
    assert!(d.diagnostics.iter().all(|x| !x.message.contains("no readable content")));
    assert!(body_text(&d).contains("（拍手）"));
}

fn snapshot(d: &Document) -> String {
    let mut s = String::new();
    writeln!(
        s,
        "id: {}\ntitle: {:?}\nsubtitle: {:?}\nauthor: {:?}\naffiliation: {:?}",
        d.id, d.title, d.subtitle, d.author, d.affiliation
    )
    .unwrap();
    writeln!(s, "date: {:?}", d.date.as_ref().map(|x| (&x.iso, x.kind, &x.text))).unwrap();
    for sec in &d.sections {
        writeln!(
            s,
            "section {} level {} parent {:?}: {}",
            sec.id, sec.level, sec.parent, sec.title
        )
        .unwrap();
    }
    for p in &d.passages {
        let mut text = p.text.clone();
        for r in p.note_refs.iter().rev() {
            text.insert_str(r.offset, &format!("[^{}]", r.number));
        }
        writeln!(s, "{} {} L{}: {}", p.id, p.kind.as_str(), p.source_line, text).unwrap();
    }
    for n in &d.notes {
        writeln!(
            s,
            "note {}: {}",
            n.number,
            if n.text.is_some() { "text" } else { "no text in source" }
        )
        .unwrap();
    }
    for r in &d.removed {
        writeln!(s, "removed L{} {}: {}", r.line, r.reason.as_str(), r.text).unwrap();
    }
    for x in &d.diagnostics {
        writeln!(s, "diagnostic L{} {:?}: {}", x.line, x.kind, x.message).unwrap();
    }
    s
}

#[test]
fn snapshots_match() {
    let out = dir().join("snapshots");
    for (file, text) in texts() {
        let d = parse(&file, &text);
        common::check_snapshot(&d.id, &out.join(format!("{}.snap", d.id)), &snapshot(&d));
    }
}

fn removed_reasons(d: &Document) -> Vec<RemovalReason> {
    d.removed.iter().map(|r| r.reason).collect()
}

#[test]
fn page_furniture_of_the_pdf_extractions() {
    let (_, d) = dev("03_");
    let removed: Vec<&str> = d.removed.iter().map(|r| r.text.as_str()).collect();
    for furniture in ["DIPLOMATIC BLUEBOOK 2025", "014", "015", "016", "017"] {
        assert!(removed.contains(&furniture), "{furniture} not removed: {removed:?}");
    }
    assert!(
        !removed.contains(&"(5)"),
        "a note marker on its own line is no page number"
    );
    let (_, d) = dev("01_");
    assert!(removed_reasons(&d).iter().all(|r| matches!(
        r,
        RemovalReason::PageNumber | RemovalReason::RunningHead | RemovalReason::TableOfContents
    )));
    assert!(d.removed.iter().any(|r| r.text == "16"));
}

fn marker_numbers(d: &Document) -> Vec<u32> {
    d.passages
        .iter()
        .flat_map(|p| p.note_refs.iter().map(|r| r.number))
        .collect()
}

fn date_of(d: &Document) -> Option<(&str, DateKind)> {
    d.date.as_ref().map(|x| (x.iso.as_str(), x.kind))
}

fn titles(d: &Document) -> Vec<&str> {
    d.sections.iter().map(|s| s.title.as_str()).collect()
}

#[test]
fn government_report_pdf_text() {
    let (_, d) = dev("01_");
    assert_eq!(d.title.as_deref(), Some("AI と著作権に関する考え方について"));
    assert_eq!(
        d.author.as_deref(),
        Some("文化審議会著作権分科会法制度小委員会"),
        "the issuing body"
    );
    assert_eq!(date_of(&d), Some(("2024-03-15", DateKind::Other)), "令和６年３月 15 日");
    assert_eq!(titles(&d)[0], "１．はじめに");
    assert_eq!(titles(&d)[1], "（１）本考え方の取りまとめに至る経緯");
    // The heading scheme １． / （１） / ア / （ア）, levels in the order they appear.
    let level = |t: &str| d.sections.iter().find(|s| s.title == t).map(|s| s.level);
    assert_eq!(level("２．検討の前提として"), Some(1));
    assert_eq!(level("ア 著作権法で保護される著作物の範囲"), Some(3));
    assert_eq!(level("（ア）準拠法決定の問題"), Some(4));
    // The enumeration ア… イ… ウ… エ… announcing them is a list, not four empty sections.
    assert_eq!(
        d.passages
            .iter()
            .filter(|p| p.kind == PassageKind::ListItem && p.text.starts_with("ア 著作権法"))
            .count(),
        1
    );
    // The table of contents is listed, not read.
    let toc = d
        .removed
        .iter()
        .filter(|r| r.reason == RemovalReason::TableOfContents)
        .count();
    assert!(toc >= 20, "{toc} table-of-contents lines");
    assert!(!body_text(&d).contains("......"));
    // The cover page's three ○ paragraphs are list items, no stray ○.
    assert_eq!(
        d.passages
            .iter()
            .take(6)
            .filter(|p| p.kind == PassageKind::ListItem)
            .count(),
        3
    );
    assert!(d.passages.iter().all(|p| p.text != "○"));
    // The notes at the foot of each page are notes, each linked from its marker.
    assert_eq!(d.notes.len(), 19);
    assert!(d.notes.iter().all(|n| n.text.is_some()));
    assert_eq!(marker_numbers(&d), (1..=19).collect::<Vec<_>>());
    assert!(d.notes[2]
        .text
        .as_deref()
        .unwrap()
        .ends_with("chizaikeikaku_kouteihyo2023.pdf"));
    assert!(!body_text(&d).contains("https://www8.cao.go.jp"));
}

#[test]
fn white_paper_in_layout_mode() {
    let (_, d) = dev("02_");
    assert_eq!(d.title.as_deref(), Some("第３章 ＡＩ関連研究開発の世界の動向"));
    assert!(d.author.is_none() && d.date.is_none(), "the chapter states neither");
    let removed: Vec<&str> = d.removed.iter().map(|r| r.text.as_str()).collect();
    for page in 24..=31 {
        assert!(removed.contains(&page.to_string().as_str()), "page number {page}");
    }
    assert!(
        !titles(&d).iter().any(|t| t.starts_with("第３章")),
        "the running head is no section"
    );
    // The two columns are read one after the other (on the pages where the gutter is found).
    assert!(body_text(&d).contains("高まりを受けて、米国のバイデン政権は、2023年５月に"));
}

#[test]
fn white_paper_in_raw_mode() {
    let (_, d) = dev("03_");
    // The chapter heading printed at the first page's foot and repeated as the running head.
    assert_eq!(d.title.as_deref(), Some("第1章 国際情勢認識と日本外交の展望"));
    // Page furniture of all four pages, and the note marker on its own line kept.
    assert_eq!(
        d.removed
            .iter()
            .filter(|r| r.reason == RemovalReason::PageNumber)
            .count(),
        4
    );
    assert!(body_text(&d).contains("確証バイアス"));
    // Sections: the number set large and again with the title is one heading; a heading that
    // reached the column's margin goes on in the next short line.
    assert_eq!(titles(&d)[0], "1情勢認識");
    assert!(titles(&d).contains(&"（1）法の支配に基づく自由で開かれた国際秩序に対する挑戦"));
    assert!(titles(&d).contains(&"2日本外交の展望"));
    // The notes are set across the page between the column lines; each is linked to its marker
    // (「確証バイア／ス(5)／の形成」: the marker on a line of its own).
    assert_eq!(marker_numbers(&d), [1, 2, 3, 4, 5]);
    assert!(d.notes.iter().all(|n| n.text.is_some()));
    assert!(d.notes[4].text.as_deref().unwrap().starts_with("確証バイアス："));
    assert!(
        body_text(&d).contains("第5世代移動通信システム"),
        "a note inside a sentence taken out"
    );
    // Ruby readings on lines of their own are listed, the words are whole.
    let text = body_text(&d);
    assert!(text.contains("尖閣諸島") && text.contains("強靱化") && text.contains("脆弱性"));
    assert_eq!(d.removed.iter().filter(|r| r.reason == RemovalReason::Ruby).count(), 4);
    // The chapter title split into pieces beside the page's foot is furniture too.
    assert!(body_text(&d).contains("協力の様相が複雑に絡み合う"));
}

#[test]
fn markdown_blog_post() {
    let (_, d) = dev("04_");
    assert_eq!(d.title.as_deref(), Some("「改憲」という要求開発"));
    assert_eq!(date_of(&d), Some(("2017-10-23", DateKind::Published)));
    assert!(d.author.is_none(), "the file names no author");
    assert_eq!(titles(&d), ["ブックマーク", "参考図書"]);
    // Five named footnotes, numbered by first reference, each linked, defined after its paragraph.
    assert_eq!(marker_numbers(&d), [1, 2, 3, 4, 5]);
    assert_eq!(d.notes.len(), 5);
    assert!(d.notes.iter().all(|n| n.text.is_some()));
    assert!(d.notes[0]
        .text
        .as_deref()
        .unwrap()
        .starts_with("いや，イスラーム教徒の方は"));
    assert!(!body_text(&d).contains("[^"));
    assert!(d
        .removed
        .iter()
        .all(|r| r.reason == RemovalReason::FrontMatter && r.line <= 10 || r.reason == RemovalReason::Markup));
    assert!(d.removed.iter().any(|r| r.text.starts_with("[Scrapbox]: https://")));
    // Hugo shortcode lines are markup; the quotation a paired one wraps stays; TeX is text.
    let text = body_text(&d);
    assert!(d.passages.iter().all(|p| !p.text.starts_with("{{")) && !text.contains('$'));
    assert!(text.contains("<q>普通は逆。") && text.contains("「1+1=2である」"));
    assert_eq!(
        d.removed.iter().filter(|r| r.text.starts_with("{{")).count(),
        8,
        "three fig-quote pairs and two review-paapi lines"
    );
    // Blank lines are paragraph breaks: the footnote definition between two paragraphs leaves
    // them apart.
    assert!(d
        .passages
        .iter()
        .any(|p| p.text == "そもそも大抵の数学ライブラリに入ってるしね（笑）"));
}

#[test]
fn diet_record() {
    let (_, d) = dev("05_");
    assert_eq!(d.author.as_deref(), Some("佐藤茂樹"), "the speaker's mark");
    assert!(
        d.title.is_none() && d.date.is_none(),
        "the record's metadata is not in the text"
    );
    assert!(d.removed.is_empty(), "nothing of a speech is furniture");
    let applause = d.passages.iter().filter(|p| p.text.contains("（拍手）")).count();
    assert!(applause >= 2, "（拍手） stays in the text");
    // The stage direction announcing the next speaker stands apart.
    assert_eq!(d.passages.last().unwrap().text, "〔内閣総理大臣菅義偉君登壇〕");
}

#[test]
fn aozora_diet_question() {
    let (_, d) = dev("06_");
    assert_eq!(
        d.title.as_deref(),
        Some("亡國に至るを知らざれば之れ即ち亡國の儀に付質問")
    );
    assert_eq!(d.author.as_deref(), Some("田中正造"));
    assert_eq!(date_of(&d), Some(("1900-02-17", DateKind::Other)));
    // The question (its title repeated) and the speech, set off by full-width spaces.
    assert_eq!(titles(&d), ["亡國に至るを知らざれば之れ即ち亡國の儀に付質問", "演説"]);
    let reasons = removed_reasons(&d);
    assert!(reasons.contains(&RemovalReason::NotationLegend) && reasons.contains(&RemovalReason::Colophon));
    assert!(!body_text(&d).contains("［＃"), "editorial notes dropped");
    assert!(!body_text(&d).contains("底本"), "the colophon is no body text");
    assert!(d
        .removed
        .iter()
        .any(|r| r.reason == RemovalReason::Rule && r.text.starts_with('×')));
}

#[test]
fn aozora_paper_with_numbered_notes() {
    let (_, d) = dev("07_");
    assert_eq!(d.title.as_deref(), Some("晉室の南渡と南方の開發"));
    assert_eq!(d.author.as_deref(), Some("桑原隲蔵"));
    assert_eq!(
        date_of(&d),
        Some(("1914-10", DateKind::Published)),
        "（大正三年十月『藝文』…所載）"
    );
    assert_eq!(titles(&d), ["一", "二", "三", "參照"]);
    // 23 notes, each with a text and a marker, in order.
    assert_eq!(d.notes.len(), 23);
    assert!(d.notes.iter().all(|n| n.text.is_some()));
    assert_eq!(marker_numbers(&d), (1..=23).collect::<Vec<_>>());
    assert!(d.notes[0].text.as_deref().unwrap().starts_with("Richthofen"));
    // The in-text enumerations （１）（２）（３）（ａ）（ｂ） stay in the text.
    let text = body_text(&d);
    assert!(text.contains("（１）漢族は所謂堯舜時代") && text.contains("（ｂ）一方では彼等は"));
    // Ruby readings are gone, the base text stays.
    assert!(text.contains("南蠻鴃舌") && !text.contains("けきぜつ"));
}

#[test]
fn aozora_constitution() {
    let (_, d) = dev("08_");
    assert_eq!(d.title.as_deref(), Some("大日本帝国憲法"));
    assert!(d.author.is_none(), "the header's author line is empty");
    assert_eq!(date_of(&d), Some(("1889-02-11", DateKind::Published)), "発布");
    assert_eq!(titles(&d).len(), 7);
    assert_eq!(titles(&d)[0], "第一章　天皇");
    // Each article is its own paragraph; the (1) (2) paragraphs stay body text, no notes.
    assert!(d.passages.iter().any(|p| p.text.starts_with("第一条　")));
    assert!(d.passages.iter().any(|p| p.text.starts_with("第七十六条")));
    assert!(d.passages.iter().any(|p| p.text.starts_with("(2)　")));
    assert!(d.notes.is_empty() && marker_numbers(&d).is_empty());
    assert!(!body_text(&d).contains('《'));
    assert!(d
        .passages
        .iter()
        .any(|p| p.text == "御名御璽" && p.kind == PassageKind::Paragraph));
}

#[test]
fn aozora_dialogue() {
    let (_, d) = dev("09_");
    assert_eq!(d.title.as_deref(), Some("新時代女性問答"));
    assert_eq!(d.author.as_deref(), Some("岡本かの子"));
    assert_eq!(
        date_of(&d),
        Some(("1925-09", DateKind::Published)),
        "初出 in the colophon"
    );
    // Every turn is a paragraph that starts with its speaker.
    let turns: Vec<&Passage> = d.passages.iter().filter(|p| p.kind == PassageKind::Paragraph).collect();
    assert!(turns.len() >= 30);
    assert!(turns
        .iter()
        .all(|p| p.text.starts_with("一平　") || p.text.starts_with("かの子　")));
}
