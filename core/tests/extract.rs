//! Extractors (glossary, timeline, citations): fixtures of every pattern, look-alikes that must
//! not match, golden facts on the default corpus, and spans on char boundaries for messy input.

mod common;

use proptest::prelude::*;
use yomikurabe_core::extract::glossary::{glossary, Glossary};
use yomikurabe_core::text::span::Span;
use yomikurabe_core::{parse_document, Corpus, Source};

fn corpus_of(texts: &[&str]) -> Corpus {
    let ids: Vec<String> = (0..texts.len()).map(|i| format!("d{i}")).collect();
    Corpus {
        documents: texts
            .iter()
            .zip(&ids)
            .map(|(t, id)| {
                parse_document(Source {
                    id,
                    file: id,
                    text: t,
                    entry: None,
                })
            })
            .collect(),
    }
}

fn slice<'a>(corpus: &'a Corpus, s: &Span) -> &'a str {
    &corpus.documents[s.document].passages[s.passage].text[s.range.clone()]
}

fn doc_index(corpus: &Corpus, id: &str) -> usize {
    corpus.documents.iter().position(|d| d.id == id).unwrap()
}

// ---------------------------------------------------------------- glossary

#[test]
fn glossary_merges_across_documents_and_finds_uses() {
    let corpus = corpus_of(&[
        "日米では拡大抑止協議(EDD:Extended Deterrence Dialogue)を始めた。NCGの会合も開かれた。\n",
        "ワシントン宣言で「核協議グループ」（NCG）を新設した。EDDとNCGXは別物。ＮＣＧも。\n",
    ]);
    let g: Glossary = glossary(&corpus);
    let ncg = g.get("NCG").unwrap();
    assert_eq!(ncg.expansions, ["核協議グループ"]);
    assert_eq!(ncg.definitions.len(), 1);
    assert_eq!(ncg.definitions[0].document, 1);
    // Used in the first document before any definition, whole words only, full-width too.
    let uses: Vec<(usize, &str)> = ncg.uses.iter().map(|s| (s.document, slice(&corpus, s))).collect();
    assert_eq!(uses, [(0, "NCG"), (1, "NCG"), (1, "ＮＣＧ")]);
    assert_eq!(ncg.documents(), [0, 1]);
    let edd = g.get("EDD").unwrap();
    assert_eq!(edd.expansions, ["拡大抑止協議", "Extended Deterrence Dialogue"]);
    assert_eq!(
        slice(&corpus, &edd.definitions[0]),
        "拡大抑止協議(EDD:Extended Deterrence Dialogue)"
    );
    let undefined: Vec<&str> = g.undefined().map(|a| a.short.as_str()).collect();
    assert_eq!(undefined, ["NCGX"]);
}

#[test]
fn a_gloss_in_brackets_is_not_an_expansion_when_names_outvote_it() {
    let corpus = corpus_of(&[
        "大陸間弾道ミサイル（ICBM）を発射した。大陸間弾道弾(ICBM)とも。\n",
        "トランプ政権は、米本土攻撃能力（ICBM）の凍結を求めた。\n",
        // A lone definition is kept, whatever it says.
        "迎撃態勢（MDX）を強化する。\n",
    ]);
    let g = glossary(&corpus);
    let icbm = g.get("ICBM").unwrap();
    assert_eq!(icbm.expansions, ["大陸間弾道ミサイル", "大陸間弾道弾"]);
    assert!(
        icbm.definitions.iter().all(|d| d.document == 0),
        "{:?}",
        icbm.definitions
    );
    assert_eq!(icbm.uses.len(), 3);
    assert_eq!(g.get("MDX").unwrap().expansions, ["迎撃態勢"]);
}

#[test]
fn glossary_look_alikes() {
    let corpus = corpus_of(&[
        "昨年(2024年)11月15日、会談が開かれた(1)。規定（注：ロシアは認めていない）。第二期トランプ政権(トランプII)。\
         首脳会談（写真：YONHAP NEWS/アフロ）。国連安全保障理事会（UN Security Council）。\n",
    ]);
    let g = glossary(&corpus);
    assert!(g.acronyms.iter().all(|a| !a.is_defined()), "{g:?}");
    let listed: Vec<&str> = g.acronyms.iter().map(|a| a.short.as_str()).collect();
    assert_eq!(listed, ["UN"], "Roman numerals and ALL-CAPS phrases are not acronyms");
}

#[test]
fn glossary_golden_default_corpus() {
    let corpus = common::default_corpus();
    let g = glossary(&corpus);
    let trump2 = doc_index(&corpus, "trump2-cooperation");
    let fifth = doc_index(&corpus, "fifth-nuclear-test");
    let expansions = |s: &str| g.get(s).unwrap_or_else(|| panic!("{s} missing")).expansions.clone();
    assert_eq!(
        expansions("MSMT"),
        ["多国間制裁監視チーム", "Multilateral Sanctions Monitoring Team"]
    );
    assert_eq!(expansions("EDD"), ["拡大抑止協議", "Extended Deterrence Dialogue"]);
    assert!(expansions("NCG").contains(&"核協議グループ".to_string()));
    assert!(expansions("NCG").contains(&"Nuclear Consultation Group".to_string()));
    assert!(expansions("TCOG").contains(&"日米韓三か国調整グループ".to_string()));
    assert!(expansions("CVID").contains(&"完全かつ検証可能で不可逆的な核解体".to_string()));
    assert!(expansions("CVID").contains(&"Complete, Verifiable, Irreversible Dismantlement".to_string()));
    assert!(expansions("GSOMIA").contains(&"日韓軍事情報包括保護協定".to_string()));
    assert_eq!(expansions("FOIP"), ["自由で開かれたインド太平洋"]);
    assert_eq!(expansions("UNC"), ["国連軍司令部"]);
    assert_eq!(expansions("PSMX"), ["Pacific Security Maritime Exchange"]);
    assert!(expansions("ICBM").contains(&"大陸間弾道ミサイル".to_string()));
    assert!(expansions("DSC").contains(&"拡大抑止戦略委員会".to_string()));
    // Defined in one document, used in others.
    let ncg = g.get("NCG").unwrap();
    assert!(ncg.definitions.iter().any(|d| d.document == trump2));
    assert!(g.get("TCOG").unwrap().documents().len() >= 2);
    assert!(g.get("GSOMIA").unwrap().definitions.iter().any(|d| d.document == fifth));
    // Used but never defined.
    let undefined: Vec<&str> = g.undefined().map(|a| a.short.as_str()).collect();
    for s in ["APEC", "AUKUS", "CSCAP"] {
        assert!(undefined.contains(&s), "{s} should be undefined: {undefined:?}");
    }
    for s in ["MSMT", "NCG", "II", "YONHAP", "NEWS", "TCOGII"] {
        assert!(!undefined.contains(&s), "{s} should not be listed as undefined");
    }
    // Every use is the acronym itself.
    for a in &g.acronyms {
        for u in &a.uses {
            let t: String = slice(&corpus, u)
                .chars()
                .map(|c| {
                    if c.is_ascii() {
                        c
                    } else {
                        char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
                    }
                })
                .collect();
            assert_eq!(t, a.short);
        }
        for d in &a.definitions {
            assert!(slice(&corpus, d).ends_with([')', '）']));
        }
    }
}

// ---------------------------------------------------------------- properties

fn messy() -> impl Strategy<Value = String> {
    let atoms = prop::sample::select(vec![
        "(",
        ")",
        "（",
        "）",
        "「",
        "」",
        "『",
        "』",
        "NCG",
        "ＮＣＧ",
        "Nuclear Consultation Group",
        ":",
        "：",
        "年",
        "月",
        "日",
        "2024",
        "２４",
        "昨年",
        "翌年",
        "同月",
        "令和",
        "元",
        " ",
        "　",
        "\n",
        "決議",
        "2321",
        "号",
        "声明",
        "https://x.jp/a",
        "～",
        "−",
        "、",
        "。",
        "か",
        "国",
        "者",
        "é",
        "👍",
        "\u{0301}",
        "II",
        "平成30年",
        "今春",
    ]);
    prop::collection::vec(atoms, 0..60).prop_map(|v| v.concat())
}

fn check_spans(corpus: &Corpus, spans: &[Span]) {
    for s in spans {
        let text = &corpus.documents[s.document].passages[s.passage].text;
        assert!(s.range.start <= s.range.end && s.range.end <= text.len());
        assert!(text.is_char_boundary(s.range.start) && text.is_char_boundary(s.range.end));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn spans_are_on_char_boundaries(a in messy(), b in messy()) {
        let corpus = corpus_of(&[&a, &b]);
        let g = glossary(&corpus);
        for acr in &g.acronyms {
            check_spans(&corpus, &acr.definitions);
            check_spans(&corpus, &acr.uses);
        }
        let tl = yomikurabe_core::extract::timeline::timeline(&corpus);
        let spans: Vec<Span> = tl
            .iter()
            .map(|e| Span { document: e.document, passage: e.passage, range: e.range.clone() })
            .collect();
        check_spans(&corpus, &spans);
        let c = yomikurabe_core::extract::citations::citations(&corpus);
        let spans: Vec<Span> = c.iter().flat_map(|x| x.mentions.iter().map(|m| m.span.clone())).collect();
        check_spans(&corpus, &spans);
    }
}

// ---------------------------------------------------------------- timeline

fn dated<'a>(
    tl: &'a [yomikurabe_core::extract::timeline::DatedExpression],
    corpus: &Corpus,
    doc: &str,
    text: &str,
) -> &'a yomikurabe_core::extract::timeline::DatedExpression {
    let d = doc_index(corpus, doc);
    tl.iter()
        .find(|e| e.document == d && e.text == text)
        .unwrap_or_else(|| panic!("{doc}: {text} not found"))
}

#[test]
fn timeline_resolves_against_document_date_and_previous_dates() {
    use yomikurabe_core::extract::timeline::{timeline, Basis};
    let corpus = corpus_of(&[
        "掲載日：2024年5月7日\n\n2023年8月の首脳会談に続き、翌年7月に署名した。今年2月には会合、昨年(2023年)11月15日にも。\n",
        "2016年から 2017年にかけて、臨界点は 1、2年しか残っていない。今年3月上旬に結審。同年5月に選挙。60日以内、第三国、決議2321。\n",
    ]);
    let tl = timeline(&corpus);
    let got: Vec<(usize, &str, Option<&str>)> = tl
        .iter()
        .map(|e| (e.document, e.text.as_str(), e.iso.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            (0, "2024年5月7日", Some("2024-05-07")),
            (0, "2023年8月", Some("2023-08")),
            (0, "翌年7月", Some("2024-07")),
            (0, "今年2月", Some("2024-02")),
            (0, "昨年(2023年)11月15日", Some("2023-11-15")),
            (1, "2016年", Some("2016")),
            (1, "2017年", Some("2017")),
            (1, "今年3月", None),
            (1, "同年5月", None),
        ]
    );
    assert_eq!(tl[2].resolved_from, Some(Basis::Expression(1)));
    assert_eq!(tl[3].resolved_from, Some(Basis::DocumentDate));
    assert_eq!(tl[1].resolved_from, None);
    for e in &tl {
        let p = &corpus.documents[e.document].passages[e.passage].text;
        assert_eq!(&p[e.range.clone()], e.text);
    }
}

#[test]
fn month_days_take_the_passage_date_else_the_document_date() {
    use yomikurabe_core::extract::timeline::{timeline, Basis};
    let corpus = corpus_of(&[
        // Dated essay: a year recalled in one paragraph does not carry into the next.
        "掲載日：2024年5月7日\n\n2018年の会談を経て、4月29日に再会した。\n\n4月10日の総選挙で与党が敗れた。\n\n同年7月に署名。\n",
        // Undated text: the nearest date before it is all there is.
        "2016年3月2日に決議した。\n\n11月30日にも決議した。\n",
    ]);
    let tl = timeline(&corpus);
    let got: Vec<(&str, Option<&str>)> = tl.iter().map(|e| (e.text.as_str(), e.iso.as_deref())).collect();
    assert_eq!(
        got,
        [
            ("2024年5月7日", Some("2024-05-07")),
            ("2018年", Some("2018")),
            ("4月29日", Some("2018-04-29")),
            ("4月10日", Some("2024-04-10")),
            ("同年7月", Some("2024-07")),
            ("2016年3月2日", Some("2016-03-02")),
            ("11月30日", Some("2016-11-30")),
        ]
    );
    assert_eq!(tl[3].resolved_from, Some(Basis::DocumentDate));
    assert_eq!(tl[4].resolved_from, Some(Basis::Expression(3)));
    assert_eq!(tl[6].resolved_from, Some(Basis::Expression(5)));

    // An undated text that states its year once (今年2017年) resolves 昨年 before that, too.
    let corpus = corpus_of(&["昨年9月21日に実験した。\n\n今年2017年1月20日に発足した。\n"]);
    let got: Vec<Option<String>> = timeline(&corpus).into_iter().map(|e| e.iso).collect();
    assert_eq!(got, [Some("2016-09-21".to_string()), Some("2017-01-20".to_string())]);
}

#[test]
fn timeline_golden_default_corpus() {
    use yomikurabe_core::extract::timeline::{timeline, Basis};
    let corpus = common::default_corpus();
    let tl = timeline(&corpus);
    let iso = |doc: &str, text: &str| dated(&tl, &corpus, doc, text).iso.clone();
    // Relative to the document's date (2025-04-16) and to the bracketed year.
    assert_eq!(
        iso("trump2-cooperation", "昨年(2024年)11月15日").as_deref(),
        Some("2024-11-15")
    );
    assert_eq!(iso("trump2-cooperation", "翌月12月3日").as_deref(), Some("2024-12-03"));
    assert_eq!(iso("trump2-cooperation", "今年(2025年)1月").as_deref(), Some("2025-01"));
    assert_eq!(iso("trump2-cooperation", "今年2月").as_deref(), Some("2025-02"));
    assert_eq!(
        dated(&tl, &corpus, "trump2-cooperation", "今年2月").resolved_from,
        Some(Basis::DocumentDate)
    );
    // Abbreviated years, and 翌年 against the date before it (23年4月).
    assert_eq!(iso("trump2-cooperation", "24年7月").as_deref(), Some("2024-07"));
    assert_eq!(iso("trump2-cooperation", "23年4月").as_deref(), Some("2023-04"));
    assert_eq!(iso("trump2-cooperation", "翌年7月").as_deref(), Some("2024-07"));
    // Notes: era years with the Western year in brackets.
    assert_eq!(
        iso("trump2-cooperation", "令和2年(2020年)3月15日").as_deref(),
        Some("2020-03-15")
    );
    assert_eq!(
        iso("trump2-cooperation", "平成30年(2018年)3月").as_deref(),
        Some("2018-03")
    );
    assert_eq!(
        iso("trump2-cooperation", "June 21, 2021").as_deref(),
        Some("2021-06-21")
    );
    // A document without a date: 今年 takes the year the text states (今年2017年1月20日 earlier);
    // 同年 follows the date before it.
    assert_eq!(iso("fifth-nuclear-test", "2016年9月9日").as_deref(), Some("2016-09-09"));
    assert_eq!(iso("fifth-nuclear-test", "今年3月").as_deref(), Some("2017-03"));
    assert_eq!(iso("fifth-nuclear-test", "同年2月7日").as_deref(), Some("2016-02-07"));
    assert_eq!(
        iso("fifth-nuclear-test", "2017年2月18日").as_deref(),
        Some("2017-02-18")
    );
    // Spaced digits, 来年, abbreviated year after 今年.
    assert_eq!(iso("policy-brief", "2024 年 12 月6日").as_deref(), Some("2024-12-06"));
    assert_eq!(iso("trilateral-crossroads", "来年").as_deref(), Some("2025"));
    assert_eq!(iso("trilateral-crossroads", "23年9月").as_deref(), Some("2023-09"));
    // Look-alikes in the texts are not dates.
    for e in &tl {
        assert!(!e.text.ends_with("2年") || e.text.chars().count() > 3, "{}", e.text);
        if let Some(iso) = &e.iso {
            assert!(matches!(iso.len(), 4 | 7 | 10), "{iso}");
        }
    }
    assert!(tl.len() > 200, "{}", tl.len());
    let unresolved = tl.iter().filter(|e| e.iso.is_none()).count();
    assert!(unresolved < 40, "{unresolved}");
}

// ---------------------------------------------------------------- citations

#[test]
fn citations_fold_mentions_across_documents() {
    use yomikurabe_core::extract::citations::{citations, CitationKind};
    let corpus = corpus_of(&[
        "3カ国協力の指針となる「キャンプ・デービッド原則」を発表した。国連安保理決議 2270と決議2321の採択。\n",
        "「キャンプ・デービッド原則(Camp David Principles)」、決議2321号。包括的な平和協定を締結する。\n",
    ]);
    let c = citations(&corpus);
    let principle = c.iter().find(|x| x.label == "キャンプ・デービッド原則").unwrap();
    assert_eq!(principle.kind, CitationKind::Statement);
    assert_eq!(principle.mentions.len(), 2);
    assert!(principle.is_shared());
    assert_eq!(
        principle.mentions[1].text,
        "「キャンプ・デービッド原則(Camp David Principles)」"
    );
    let r2321 = c.iter().find(|x| x.label == "国連安保理決議2321").unwrap();
    assert_eq!(r2321.kind, CitationKind::Resolution);
    assert_eq!(r2321.documents(), [0, 1]);
    let r2270 = c.iter().find(|x| x.label == "国連安保理決議2270").unwrap();
    // (The parser may join the space between 決議 and the number.)
    assert!(r2270.mentions[0].text.starts_with("国連安保理決議") && r2270.mentions[0].text.ends_with("2270"));
    assert!(!r2270.is_shared());
    assert_eq!(c.len(), 3, "{c:?}");
    // Ids are stable and distinct.
    let again = citations(&corpus);
    assert_eq!(
        c.iter().map(|x| &x.id).collect::<Vec<_>>(),
        again.iter().map(|x| &x.id).collect::<Vec<_>>()
    );
    assert!(r2321.id.starts_with("resolution-") && principle.id.starts_with("statement-"));
}

#[test]
fn one_title_issued_twice_is_two_sources_when_the_dates_say_so() {
    use yomikurabe_core::extract::citations::citations;
    let corpus = corpus_of(&[
        // The 2025 statement, cited twice (one mention undated), and a named declaration.
        "「日米首脳共同声明」2025年2月7日を参照。日米首脳共同声明は重要だ。ワシントン宣言(2023年4月)も。\n",
        // The 2024 statement; the declaration again with another date nearby.
        "掲載日：2024年5月7日\n\n4月の日米首脳共同声明で決意を示した。2024年のワシントン宣言の履行。\n",
        // Undated mention in a document with no dated one: a source of its own (not guessed).
        "日米首脳共同声明が出された。\n",
    ]);
    let c = citations(&corpus);
    let statements: Vec<(&str, Vec<usize>, usize)> = c
        .iter()
        .filter(|x| x.label.starts_with("日米首脳共同声明"))
        .map(|x| (x.label.as_str(), x.documents(), x.mentions.len()))
        .collect();
    assert_eq!(
        statements,
        [
            ("日米首脳共同声明（2025年2月）", vec![0], 2),
            ("日米首脳共同声明（2024年4月）", vec![1], 1),
            ("日米首脳共同声明", vec![2], 1),
        ]
    );
    // A named declaration is one source whatever dates stand near it.
    let declaration = c.iter().find(|x| x.label == "ワシントン宣言").unwrap();
    assert_eq!(declaration.documents(), [0, 1]);
    // The same statement under one date folds across documents.
    let same = corpus_of(&[
        "「日米首脳共同声明」2025年2月7日。\n",
        "2025年2月の日米首脳共同声明。\n",
    ]);
    let c = citations(&same);
    assert_eq!(c.len(), 1, "{c:?}");
    assert!(c[0].is_shared());
}

#[test]
fn a_url_in_a_reference_is_where_its_first_title_is_found() {
    use yomikurabe_core::extract::citations::{citations, CitationKind};
    let corpus = corpus_of(&[
        "「協力に関する報告書」『研究』2024年7月号、研究所、https://a.example/x.pdf を参照。「別の報告書」; https://b.example/ も。\n",
    ]);
    let c = citations(&corpus);
    let article = c.iter().find(|x| x.label == "協力に関する報告書").expect("report");
    let texts: Vec<&str> = article.mentions.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(texts, ["「協力に関する報告書」", "https://a.example/x.pdf"]);
    // After `;` a URL starts a reference of its own.
    let web: Vec<&str> = c
        .iter()
        .filter(|x| x.kind == CitationKind::WebPage)
        .map(|x| x.label.as_str())
        .collect();
    assert_eq!(web, ["https://b.example/"]);
}

#[test]
fn citations_golden_default_corpus() {
    use yomikurabe_core::extract::citations::{citations, CitationKind};
    let corpus = common::default_corpus();
    let c = citations(&corpus);
    let by_label = |l: &str| c.iter().find(|x| x.label == l).unwrap_or_else(|| panic!("{l} missing"));
    let docs = |l: &str| -> Vec<&str> {
        by_label(l)
            .documents()
            .iter()
            .map(|&d| corpus.documents[d].id.as_str())
            .collect()
    };
    // 決議2321: one source, mentioned in many passages, in every spelling.
    let r = by_label("国連安保理決議2321");
    let passages: std::collections::BTreeSet<(usize, usize)> =
        r.mentions.iter().map(|m| (m.span.document, m.span.passage)).collect();
    assert!(passages.len() > 5, "{passages:?}");
    assert!(r.mentions.iter().any(|m| m.text == "決議2321"));
    assert!(r.mentions.iter().any(|m| m.text == "国連安保理決議2321"));
    assert_eq!(by_label("国連安保理決議2270").kind, CitationKind::Resolution);
    // キャンプ・デービッド原則, with and without its English alias: one shared source.
    assert_eq!(
        docs("キャンプ・デービッド原則"),
        ["trilateral-crossroads", "track2-northeast-asia"]
    );
    assert_eq!(
        docs("包括的戦略パートナーシップ条約"),
        ["policy-brief", "track2-northeast-asia"]
    );
    assert_eq!(by_label("包括的戦略パートナーシップ条約").kind, CitationKind::Agreement);
    // Named without quotes; the parties in front fold away.
    assert_eq!(docs("ワシントン宣言"), ["trump2-cooperation", "policy-brief"]);
    assert_eq!(by_label("A Sharper Choice on North Korea").kind, CitationKind::Report);
    assert_eq!(by_label("北朝鮮人権法").kind, CitationKind::Law);
    // Works in notes: the short form of a title joins the full one.
    // (and the URL of its reference is where it is found).
    let w = by_label("第二期トランプ政権下での北朝鮮核問題ーブレインストーミング");
    let texts: Vec<&str> = w.mentions.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(texts.len(), 3, "{texts:?}");
    assert!(texts.contains(&"https://www.jiia.or.jp/research-report/missile-fy2024-01.html"));
    let statement = by_label("日米首脳共同声明（2025年2月）");
    assert!(statement
        .mentions
        .iter()
        .any(|m| m.text == "https://www.mofa.go.jp/mofaj/files/100791692.pdf"));
    // Not sources.
    for l in ["核保有国", "共同声明", "複合事態"] {
        assert!(c.iter().all(|x| x.label != l), "{l}");
    }
    let shared = c.iter().filter(|x| x.is_shared()).count();
    assert!((3..=10).contains(&shared), "{shared}");
}
