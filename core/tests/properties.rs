//! Property tests: parsing is total and every span it reports is valid, on any input; every
//! line of a text of document-shaped lines ends up somewhere the user can see.

mod common;

use proptest::prelude::*;
use yomikurabe_core::anchor::{link_quote, resolve, Resolution};
use yomikurabe_core::export::export;
use yomikurabe_core::text::normalize::fold_with_map;
use yomikurabe_core::{parse_corpus, parse_document, Document, Source};

/// Pieces that exercise every stage: markers, headings, bullets, brackets, dates, captions,
/// note lines, page breaks, half/full width, combining marks, CR/LF, BOM and controls.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("北朝鮮".to_string()),
        Just("の核".to_string()),
        Just("協力である".to_string()),
        Just("。".to_string()),
        Just("、".to_string()),
        Just("「".to_string()),
        Just("」".to_string()),
        Just("（".to_string()),
        Just("）".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("\r\n".to_string()),
        Just(" ".to_string()),
        Just("　".to_string()),
        Just("1".to_string()),
        Just("12".to_string()),
        Just(" 3".to_string()),
        Just("２".to_string()),
        Just("2016年 9月 9日".to_string()),
        Just("1、2年".to_string()),
        Just("●".to_string()),
        Just("◆◆".to_string()),
        Just("## ".to_string()),
        Just("1.".to_string()),
        Just("（1）".to_string()),
        Just("• ".to_string()),
        Just("- ".to_string()),
        Just("①".to_string()),
        Just("【図】".to_string()),
        Just("（写真：X/Y）".to_string()),
        Just("掲載日：2024年5月7日".to_string()),
        Just("Verifi able".to_string()),
        Just("North ".to_string()),
        Just("Korea".to_string()),
        Just("か\u{3099}".to_string()),
        Just("\u{0336}".to_string()),
        Just("\u{FEFF}".to_string()),
        Just("\u{0000}".to_string()),
        Just("\u{000C}".to_string()),
        Just("注".to_string()),
        Just("はじめに".to_string()),
        Just("第 12章".to_string()),
        Just("―".to_string()),
        Just("令和元年".to_string()),
        any::<char>().prop_map(|c| c.to_string()),
    ]
}

/// Whole lines of the shapes documents have: headings, bylines, dates, page numbers, running
/// heads, notes, Aozora and Markdown notation, speaker labels, enumerations, rules.
fn line() -> impl Strategy<Value = String> {
    let shape = prop_oneof![
        Just("北朝鮮の核・ミサイル開発は新たな段階に突入しており、".to_string()),
        Just("日米韓三か国の政策協調が問われている。".to_string()),
        Just("同盟の強化が課題である1。".to_string()),
        Just("対話も続く（2）。".to_string()),
        Just("1 山田太郎『安全保障論』2020年、12頁。".to_string()),
        Just("（1）第一に、同盟の強化である。".to_string()),
        Just("＊注".to_string()),
        Just("東アジア研究 第3号".to_string()),
        Just("12".to_string()),
        Just("- 3 -".to_string()),
        Just("司会：".to_string()),
        Just("（拍手）".to_string()),
        Just("【論点】".to_string()),
        Just("山田太郎（2024年5月7日）".to_string()),
        Just("令和６年３月 15 日".to_string()),
        Just("第１章　総論".to_string()),
        Just("●拡大抑止".to_string()),
        Just("南蠻｜鴃舌《けきぜつ》の人［＃「人」に傍点］".to_string()),
        Just("［＃ここから２字下げ］".to_string()),
        Just("-------------------------------------------------------".to_string()),
        Just("底本：「本」出版社".to_string()),
        Just("+++".to_string()),
        Just("title = \"題\"".to_string()),
        Just("本文[^a]。".to_string()),
        Just("[^a]: 注の本文。".to_string()),
        Just("×　×　×".to_string()),
        Just("Verifiable nuclear test".to_string()),
        Just("会談の様子（写真：筆者撮影）".to_string()),
    ];
    let sep = prop_oneof![
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("\r\n".to_string()),
        Just("\n\u{c}".to_string()),
        Just("\n　".to_string()),
    ];
    (prop::collection::vec(shape, 1..3), sep).prop_map(|(parts, sep)| parts.concat() + &sep)
}

fn document_text() -> impl Strategy<Value = String> {
    prop::collection::vec(line(), 0..60).prop_map(|v| v.concat())
}

fn messy_text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..120).prop_map(|v| v.concat())
}

fn check(doc: &Document) {
    let mut ids = std::collections::HashSet::new();
    for p in &doc.passages {
        assert!(ids.insert(p.id.clone()), "duplicate id {}", p.id);
        for r in &p.note_refs {
            assert!(
                r.offset <= p.text.len() && p.text.is_char_boundary(r.offset),
                "bad offset {} in {:?}",
                r.offset,
                p.text
            );
        }
        let mut at = 0;
        for s in &p.sentences {
            assert_eq!(s.start, at, "sentences are contiguous");
            assert!(s.end > s.start && p.text.is_char_boundary(s.end));
            at = s.end;
        }
        assert_eq!(at, p.text.len(), "sentences cover the text");
        let q = link_quote(p);
        assert!(
            matches!(resolve(doc, &p.id, Some(&q)), Resolution::Exact(_)),
            "own link resolves exactly"
        );
    }
    for n in &doc.notes {
        assert_eq!(n.passage.is_some(), n.text.is_some());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn parsing_is_total_and_spans_are_valid(text in messy_text()) {
        let doc = parse_document(Source { id: "d", file: "d.txt", text: &text, entry: None });
        check(&doc);
    }

    #[test]
    fn every_line_ends_up_somewhere_visible(text in document_text()) {
        let doc = parse_document(Source { id: "d", file: "d.txt", text: &text, entry: None });
        check(&doc);
        common::assert_every_line_accounted_for(&text, &doc);
    }

    #[test]
    fn arbitrary_unicode_never_panics(text in any::<String>()) {
        let doc = parse_document(Source { id: "d", file: "d.txt", text: &text, entry: None });
        check(&doc);
    }

    #[test]
    fn export_offsets_are_within_text(text in messy_text()) {
        let corpus = parse_corpus(&[Source { id: "d", file: "d.txt", text: &text, entry: None }]);
        let e = export(&corpus);
        for p in &e.documents[0].passages {
            let n = p.text.chars().count();
            for r in &p.note_refs {
                prop_assert!(r.offset <= n);
            }
            for s in &p.sentences {
                prop_assert!(s[0] < s[1] && s[1] <= n);
            }
        }
    }

    #[test]
    fn fold_map_points_at_char_starts(text in messy_text()) {
        let f = fold_with_map(&text);
        prop_assert_eq!(f.source_offsets.len(), f.text.len() + 1);
        let mut last = 0;
        for &o in &f.source_offsets {
            prop_assert!(o >= last && text.is_char_boundary(o));
            last = o;
        }
    }
}
