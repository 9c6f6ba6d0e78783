//! Golden tests over the five default documents: facts a reader can check against the source,
//! plus a reviewed snapshot of every passage (regenerate with `UPDATE_GOLDEN=1 cargo test`).

mod common;

use common::default_corpus;
use std::fmt::Write as _;
use yomikurabe_core::model::{DateKind, Document, FactSource, PassageKind};

fn doc<'a>(c: &'a yomikurabe_core::Corpus, file_prefix: &str) -> &'a Document {
    c.documents
        .iter()
        .find(|d| d.source_file.starts_with(file_prefix))
        .expect("document present")
}

fn body_text(d: &Document) -> String {
    d.passages
        .iter()
        .filter(|p| p.kind != PassageKind::Note)
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

fn marker_numbers(d: &Document) -> Vec<u32> {
    d.passages
        .iter()
        .flat_map(|p| p.note_refs.iter().map(|r| r.number))
        .collect()
}

#[test]
fn glued_markers_and_fifteen_note_texts() {
    let c = default_corpus();
    let d = doc(&c, "000_");
    assert_eq!(marker_numbers(d), (1..=15).collect::<Vec<_>>());
    assert_eq!(d.notes.len(), 15);
    assert!(d.notes.iter().all(|n| n.text.is_some()), "every note of 000 has a text");
    assert!(
        d.notes[11].text.as_deref().unwrap().contains("INDOPACOM"),
        "note 12 spans two lines"
    );
    assert!(d.author.is_none(), "000 has no author line");
    let date = d.date.as_ref().unwrap();
    assert_eq!(
        (date.iso.as_str(), date.kind, date.source),
        ("2025-04-16", DateKind::Completed, FactSource::Text)
    );
    assert_eq!(d.title_source, Some(FactSource::Manifest));
    let levels: Vec<u8> = d.sections.iter().map(|s| s.level).collect();
    assert_eq!(levels, vec![1, 1, 2, 2, 2, 1]);
    // The marker sits right before 。 and is gone from the text.
    let p = d
        .passages
        .iter()
        .find(|p| p.note_refs.iter().any(|r| r.number == 1))
        .unwrap();
    let r = p.note_refs[0];
    assert!(p.text[r.offset..].starts_with('。'), "{}", &p.text[r.offset..]);
    assert!(p.text.ends_with("考えなければならなくなった。"));
    assert_eq!(d.passages.iter().filter(|p| p.kind == PassageKind::ListItem).count(), 4);
}

#[test]
fn pdf_chapter_reflowed_with_61_markers_and_no_note_texts() {
    let c = default_corpus();
    let d = doc(&c, "001_");
    assert_eq!(marker_numbers(d), (1..=61).collect::<Vec<_>>());
    assert!(d.notes.iter().all(|n| n.text.is_none()), "001 has no note texts");
    assert_eq!(
        d.title.as_deref(),
        Some("第12章\u{3000}北朝鮮の核・ミサイル問題をめぐる日米韓外交・安全保障協力")
    );
    assert_eq!(d.subtitle.as_deref(), Some("―北朝鮮の第五回核実験と今後の課題―"));
    assert_eq!(d.author.as_deref(), Some("阪田\u{3000}恭代"));
    assert!(d.date.is_none());
    let text = body_text(d);
    assert!(text.contains("Verifiable") && !text.contains("Verifi able"));
    assert!(text.contains("“North Korea is on the nuclear threshold.”"));
    assert!(text.contains("2016年9月9日"), "stray digit/kanji spaces removed");
    assert!(
        text.contains("北朝鮮が完全な核兵器を実践配備する"),
        "line breaks inside words joined"
    );
    assert!(text.contains("しかし半島情勢は予想以上に早く"));
    assert!(!text.contains("臨界点」とは「北朝\n"));
    // "1、2年" is a number, not marker 1.
    assert!(text.contains("1、2年しか残っていない"));
    assert!(text.contains("決議2321"));
    let headings: Vec<&str> = d.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(headings[0], "序");
    assert!(headings.iter().any(|h| h.starts_with("オバマ政権の「戦略的忍耐」")));
    assert!(headings.last().unwrap().starts_with("結び"));
    assert!(d
        .passages
        .iter()
        .any(|p| p.kind == PassageKind::Caption && p.text.starts_with("【図】")));
    // Marker 9 is glued after a closing bracket: （GSOMIA）9締結.
    let p = d
        .passages
        .iter()
        .find(|p| p.note_refs.iter().any(|r| r.number == 9))
        .unwrap();
    let r = p.note_refs.iter().find(|r| r.number == 9).unwrap();
    assert!(p.text[..r.offset].ends_with("（GSOMIA）") && p.text[r.offset..].starts_with("締結"));
}

#[test]
fn web_article_with_page_breaks_inside_words() {
    let c = default_corpus();
    let d = doc(&c, "002_");
    assert_eq!(
        d.title.as_deref(),
        Some("正念場を迎える日米韓3カ国協力——制度化へ日本の役割")
    );
    assert_eq!(d.title_source, Some(FactSource::Text));
    assert_eq!(d.author.as_deref(), Some("伊集院 敦"));
    assert_eq!(d.affiliation.as_deref(), Some("日本経済研究センター 首席研究員"));
    let date = d.date.as_ref().unwrap();
    assert_eq!((date.iso.as_str(), date.kind), ("2024-05-07", DateKind::Published));
    let text = body_text(d);
    assert!(
        text.contains("繰り返す") || text.contains("繰り返し"),
        "word broken by a blank line is joined"
    );
    assert!(text.contains("技術標準をめぐる協力"));
    assert!(d.sections.iter().any(|s| s.title == "執筆者プロフィール"));
    assert!(d.notes.is_empty() && marker_numbers(d).is_empty());
}

#[test]
fn policy_brief_with_photo_caption_inside_a_sentence() {
    let c = default_corpus();
    let d = doc(&c, "003_");
    assert!(d.author.is_none());
    assert_eq!(d.date.as_ref().map(|x| x.iso.as_str()), Some("2024-12-06"));
    let text = body_text(d);
    assert!(text.contains("米韓両国とも日本が北朝鮮と直接対話を行うことを忌避することはないだろう。"));
    let cap = d
        .passages
        .iter()
        .find(|p| p.kind == PassageKind::Caption)
        .expect("caption");
    assert!(cap.text.contains("写真：YONHAP NEWS/アフロ"));
    let of = cap.caption_of.as_deref().expect("caption belongs to a passage");
    assert!(d.passage(of).unwrap().text.contains("米韓両国とも日本が"));
    assert_eq!(d.sections.len(), 4);
    assert_eq!(d.sections[3].title, "提言");
    assert_eq!(d.passages.iter().filter(|p| p.kind == PassageKind::ListItem).count(), 4);
    assert!(marker_numbers(d).is_empty());
}

#[test]
fn clean_essay_without_author_or_date() {
    let c = default_corpus();
    let d = doc(&c, "004_");
    assert!(d.author.is_none() && d.date.is_none());
    let titles: Vec<&str> = d.sections.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(titles.first(), Some(&"はじめに"));
    assert_eq!(titles.last(), Some(&"おわりに"));
    assert_eq!(titles.len(), 7);
    assert!(marker_numbers(d).is_empty(), "トラック2 / トラック1.5 are not markers");
}

#[test]
fn every_document_is_well_formed() {
    let c = default_corpus();
    for d in &c.documents {
        let mut ids = std::collections::HashSet::new();
        for p in &d.passages {
            assert!(ids.insert(&p.id), "{}: duplicate id {}", d.id, p.id);
            assert!(!p.text.is_empty(), "{} {} empty", d.id, p.id);
            assert!(!p.text.contains('\n'), "{} {} has a line break", d.id, p.id);
            assert!(p.anchor.exact.chars().count() <= 16 && p.text.starts_with(&p.anchor.exact));
            if let Some(s) = &p.section {
                assert!(d.section(s).is_some());
            }
        }
    }
}

fn snapshot(d: &Document) -> String {
    let mut s = String::new();
    writeln!(
        s,
        "id: {}\ntitle: {:?} ({:?})\nsubtitle: {:?}\nauthor: {:?}\naffiliation: {:?}",
        d.id, d.title, d.title_source, d.subtitle, d.author, d.affiliation
    )
    .unwrap();
    writeln!(s, "date: {:?}", d.date.as_ref().map(|x| (&x.iso, x.kind))).unwrap();
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
        writeln!(
            s,
            "{} {} ({} sentences){}: {}",
            p.id,
            p.kind.as_str(),
            p.sentences.len(),
            p.caption_of.as_ref().map(|c| format!(" of {c}")).unwrap_or_default(),
            text
        )
        .unwrap();
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
    s
}

#[test]
fn snapshots_match() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    for d in &default_corpus().documents {
        common::check_snapshot(&d.id, &dir.join(format!("{}.txt", d.id)), &snapshot(d));
    }
}
