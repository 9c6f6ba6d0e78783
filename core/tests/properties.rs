//! Property tests: parsing is total and every span it reports is valid, on any input.

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
