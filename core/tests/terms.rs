//! Key terms and passage alignment: segmentation fixtures, ranking on small hand-written corpora,
//! facts about the default corpus, and candidate generation checked against brute force.

mod common;

use proptest::prelude::*;
use yomikurabe_core::similarity::align::{AlignIndex, PassageRef, MIN_SCORE};
use yomikurabe_core::similarity::terms::{key_terms, term_key, ScriptRuns, Segmenter, TermSpan};
use yomikurabe_core::{parse_corpus, Corpus, Source};

fn spans(seg: &ScriptRuns, text: &str) -> Vec<TermSpan> {
    let mut out = Vec::new();
    seg.terms(text, &mut out);
    out
}

/// (surface, key) of every term, default segmenter.
fn seg(text: &str) -> Vec<(String, String)> {
    spans(&ScriptRuns::default(), text)
        .into_iter()
        .map(|s| (text[s.range].to_string(), s.key))
        .collect()
}

fn surfaces(text: &str) -> Vec<String> {
    seg(text).into_iter().map(|s| s.0).collect()
}

fn keys(text: &str) -> Vec<String> {
    seg(text).into_iter().map(|s| s.1).collect()
}

fn corpus(docs: &[(&str, &str)]) -> Corpus {
    let sources: Vec<Source<'_>> = docs
        .iter()
        .map(|(id, text)| Source {
            id,
            file: id,
            text,
            entry: None,
        })
        .collect();
    parse_corpus(&sources)
}

// ---------------------------------------------------------------------------------------------
// Segmentation

#[test]
fn compounds_stay_whole() {
    assert_eq!(surfaces("日米は拡大抑止協議を開いた。"), ["日米", "拡大抑止協議"]);
    assert_eq!(surfaces("拡大抑止の信頼性"), ["拡大抑止", "信頼性"]);
    assert_eq!(
        surfaces("多国間制裁監視チームが発足した"),
        ["多国間制裁監視チーム", "チーム", "発足"]
    );
    assert_eq!(surfaces("国連安保理決議に違反する"), ["国連安保理決議", "違反"]);
    assert_eq!(
        surfaces("キャンプ・デービッドで会談した"),
        ["キャンプ・デービッド", "会談"]
    );
    assert_eq!(surfaces("インド太平洋地域"), ["インド太平洋地域", "インド"]);
}

#[test]
fn katakana_and_latin_parts_are_nested_in_their_compound() {
    let text = "キャンプ・デービッド首脳会談とMSMT運営委員会";
    let got = seg(text);
    assert_eq!(
        got.iter().map(|s| s.0.as_str()).collect::<Vec<_>>(),
        [
            "キャンプ・デービッド首脳会談",
            "キャンプ・デービッド",
            "MSMT運営委員会",
            "MSMT"
        ]
    );
    // Without parts, only the compounds.
    let plain: Vec<String> = spans(&ScriptRuns::joined_only(), text)
        .into_iter()
        .map(|s| text[s.range].to_string())
        .collect();
    assert_eq!(plain, ["キャンプ・デービッド首脳会談", "MSMT運営委員会"]);
    // Each script on its own.
    let unjoined: Vec<String> = spans(&ScriptRuns::unjoined(), text)
        .into_iter()
        .map(|s| text[s.range].to_string())
        .collect();
    assert_eq!(unjoined, ["キャンプ・デービッド", "首脳会談", "MSMT", "運営委員会"]);
    // A two-kana piece inside a kanji compound is not a part (南シナ海).
    assert_eq!(surfaces("南シナ海で"), ["南シナ海"]);
}

#[test]
fn particles_end_terms() {
    assert_eq!(keys("北朝鮮の核・ミサイル開発"), ["北朝鮮", "ミサイル開発", "ミサイル"]);
    assert_eq!(keys("北朝鮮は、北朝鮮が、北朝鮮を"), ["北朝鮮", "北朝鮮", "北朝鮮"]);
}

#[test]
fn counters_give_one_key() {
    for text in ["三か国", "3カ国", "三ヶ国", "3ヵ国", "３ケ国", "三箇国", "三国"] {
        assert_eq!(keys(&format!("日米韓{text}の")), ["日米韓", "3か国"], "{text}");
    }
    assert_eq!(
        keys("3カ国協力と三国協力と三か国協力"),
        ["3か国協力", "3か国協力", "3か国協力"]
    );
    assert_eq!(surfaces("日米韓3カ国協力"), ["日米韓", "3カ国協力"]);
    assert_eq!(keys("第五回核実験と5回核実験"), ["5回核実験", "5回核実験"]);
    assert_eq!(keys("六者会合と6者会合"), ["6者会合", "6者会合"]);
    // "Third party", not a count of three.
    assert_eq!(keys("第三国"), ["第三国"]);
}

#[test]
fn acronyms_and_latin_words() {
    assert_eq!(
        surfaces("NCG、MSMT、ICBM、CVIDとADMM-PlusとG7"),
        ["NCG", "MSMT", "ICBM", "CVID", "ADMM-Plus", "G7"]
    );
    assert_eq!(keys("ＩＣＢＭとICBM"), ["icbm", "icbm"]);
    assert_eq!(
        surfaces("extended deterrence and the NPT"),
        ["extended", "deterrence", "NPT"]
    );
    assert_eq!(
        surfaces("トラック2とトラック1.5の対話"),
        ["トラック2", "トラック", "トラック1.5", "トラック", "対話"]
    );
}

#[test]
fn no_single_kana_dates_numbers_or_urls() {
    assert!(seg("あ。ア、イ、そして、ほか").is_empty());
    assert!(seg("2024年5月7日、令和6年、二〇二四年、10万人、4回、3.5%").is_empty());
    assert!(seg("https://www.mofa.go.jp/mofaj/files/100.pdf").is_empty());
    assert_eq!(keys("1993年発足の機関"), ["発足", "機関"]);
}

#[test]
fn generic_words_are_stopped_but_compounds_containing_them_are_not() {
    assert!(seg("問題と関係と安全").is_empty());
    assert_eq!(keys("北朝鮮問題と安全保障"), ["北朝鮮問題", "安全保障"]);
    let no_stop = ScriptRuns {
        stop_words: false,
        ..ScriptRuns::default()
    };
    assert_eq!(spans(&no_stop, "問題と関係").len(), 2);
}

#[test]
fn keys_fold_width_case_dots_and_spaces() {
    assert_eq!(term_key("キャンプ・デービッド"), term_key("キャンプデービッド"));
    assert_eq!(term_key("ｷｬﾝﾌﾟ･ﾃﾞｰﾋﾞｯﾄﾞ"), term_key("キャンプデービッド"));
    assert_eq!(term_key("ＭＳＭＴ"), "msmt");
    assert_eq!(keys("トランプ氏"), ["トランプ"]);
}

proptest! {
    /// Segmentation is total: spans lie on char boundaries inside the text, start in order,
    /// have non-empty keys, and the segmenter never panics.
    #[test]
    fn spans_are_valid(text in "[a-zA-Z0-9０-９ぁ-んァ-ヶー・･一-龥三国第数かヶ、。 .\\-]{0,40}") {
        for seg in [ScriptRuns::default(), ScriptRuns::joined_only(), ScriptRuns::unjoined()] {
            let out = spans(&seg, &text);
            let mut last = 0;
            for s in &out {
                prop_assert!(s.range.start < s.range.end && s.range.end <= text.len());
                prop_assert!(text.is_char_boundary(s.range.start) && text.is_char_boundary(s.range.end));
                prop_assert!(s.range.start >= last);
                last = s.range.start;
                prop_assert!(s.key.chars().count() >= 2);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Key terms on small corpora

// 政府 is in every document and, in the first, more frequent than 拡大抑止.
const DETERRENCE: &str = "拡大抑止の信頼性が問われている。政府は拡大抑止を強化すると述べた。\n\n\
    米国の拡大抑止は同盟の基盤である。政府の説明では、核協議グループが拡大抑止を支える。\n\n\
    政府は同盟国と協議を続ける。政府の立場は変わらず、政府は動かない。";
const SANCTIONS: &str = "国連安保理決議に基づく制裁の履行が課題である。政府は多国間制裁監視チームに参加した。\n\n\
    制裁逃れの瀬取りを多国間制裁監視チームが報告した。国連安保理決議の履行が求められる。\n\n\
    政府は拡大抑止にも触れ、拡大抑止と制裁は補い合うと述べた。";
const SUMMIT: &str = "キャンプ・デービッドで首脳会談が開かれた。政府は三か国の協力を確認した。\n\n\
    3カ国の首脳はキャンプ・デービッド原則に合意した。定例化も決まった。\n\n\
    発表によれば、次の会談は来年である。政府は準備を進める。";

fn small() -> Corpus {
    corpus(&[("deterrence", DETERRENCE), ("sanctions", SANCTIONS), ("summit", SUMMIT)])
}

#[test]
fn a_distinctive_compound_beats_a_frequent_generic_word() {
    let c = small();
    let table = key_terms(&c, &ScriptRuns::default());
    let top: Vec<&str> = table.top_terms(0, 3).iter().map(|t| t.display.as_str()).collect();
    assert_eq!(top[0], "拡大抑止", "{top:?}");
    let gov = table.get("政府").unwrap();
    assert!(
        gov.count(0) > table.get("拡大抑止").unwrap().count(0),
        "政府 is the more frequent word"
    );
    assert!(gov.score(0) < table.get("拡大抑止").unwrap().score(0));
    let top1: Vec<&str> = table.top_terms(1, 2).iter().map(|t| t.display.as_str()).collect();
    assert!(
        top1.contains(&"多国間制裁監視チーム") && top1.contains(&"国連安保理決議"),
        "{top1:?}"
    );
    // Variants share one term, shown in the most frequent form.
    let three = table.get("三か国").unwrap();
    assert_eq!(three.key, "3か国");
    assert_eq!(three.count(2), 2);
    assert_eq!(table.get("3カ国").unwrap().key, "3か国");
    assert_eq!(table.get("キャンプデービッド").unwrap().count(2), 2);
    // Out of range is empty, not a panic.
    assert!(table.top_terms(7, 3).is_empty());
}

#[test]
fn shared_terms_are_in_two_or_more_documents() {
    let c = small();
    let table = key_terms(&c, &ScriptRuns::default());
    let shared: Vec<&str> = table.shared_terms(2).iter().map(|t| t.display.as_str()).collect();
    assert!(shared.contains(&"拡大抑止"), "{shared:?}");
    assert!(shared.contains(&"政府"), "{shared:?}");
    assert!(!shared.contains(&"多国間制裁監視チーム"), "{shared:?}");
    for t in table.shared_terms(2) {
        assert!(t.docs.len() >= 2);
    }
    // 拡大抑止 (two documents, concentrated) ranks above 政府 (everywhere).
    let pos = |s: &str| shared.iter().position(|&t| t == s).unwrap();
    assert!(pos("拡大抑止") < pos("政府"), "{shared:?}");
    let all3: Vec<&str> = table.shared_terms(3).iter().map(|t| t.display.as_str()).collect();
    assert_eq!(all3, ["政府"]);
}

// ---------------------------------------------------------------------------------------------
// Alignment on a small corpus

fn find(c: &Corpus, doc: usize, needle: &str) -> PassageRef {
    let passage = c.documents[doc]
        .passages
        .iter()
        .position(|p| p.text.contains(needle))
        .unwrap_or_else(|| panic!("no passage with {needle}"));
    PassageRef { doc, passage }
}

#[test]
fn deterrence_finds_deterrence() {
    let a = "米国は日本と韓国に対する拡大抑止を強化し、核協議グループで拡大抑止の信頼性を議論した。\n\n\
        国連安保理決議に基づく制裁の履行を多国間制裁監視チームが監視する。\n\n\
        キャンプ・デービッドでの首脳会談は三か国協力を制度化した。";
    let b = "制裁の抜け穴を塞ぐため、国連安保理決議の履行状況を各国が報告する。\n\n\
        3カ国協力の制度化はキャンプ・デービッド首脳会談の成果である。\n\n\
        拡大抑止協議では、拡大抑止の運用と核協議グループの役割が話し合われた。";
    let c = corpus(&[("a", a), ("b", b)]);
    let index = AlignIndex::build(&c, &ScriptRuns::default());
    let from = find(&c, 0, "拡大抑止を強化");
    let got = index.related(from, &[1], 3);
    assert!(!got.is_empty());
    assert_eq!(got[0].to, find(&c, 1, "拡大抑止協議"), "{got:?}");
    assert!(got[0].shared.iter().any(|s| s == "拡大抑止"), "{:?}", got[0].shared);
    assert_eq!(got[0].from, from);
    // Sanctions to sanctions, summit to summit.
    let got = index.related(find(&c, 0, "制裁の履行"), &[1], 1);
    assert_eq!(got[0].to, find(&c, 1, "抜け穴"));
    assert!(got[0].shared.iter().any(|s| s == "国連安保理決議"));
    let got = index.related(find(&c, 0, "キャンプ"), &[1], 1);
    assert_eq!(got[0].to, find(&c, 1, "3カ国協力"));
    assert!(got[0]
        .shared
        .iter()
        .any(|s| s == "3か国協力" || s == "三か国協力" || s == "3カ国協力"));
    // Scores are cosines: within (0, 1], best first.
    let all = index.related(from, &[0, 1], 10);
    assert!(all.windows(2).all(|w| w[0].score >= w[1].score));
    assert!(all
        .iter()
        .all(|a| a.score > 0.0 && a.score <= 1.0 + 1e-5 && a.to != from));
    // A passage that is not there gives nothing, not a panic.
    assert!(index.related(PassageRef { doc: 9, passage: 0 }, &[1], 3).is_empty());
    assert!(index.related(PassageRef { doc: 0, passage: 99 }, &[1], 3).is_empty());
}

#[test]
fn extra_features_are_weighted_and_reported() {
    let a = "北朝鮮の核開発が進む。\n\n韓国の政権交代が近い。";
    let b = "瀬取りが続いている。\n\n与党が大敗した。";
    let c = corpus(&[("a", a), ("b", b)]);
    let a0 = find(&c, 0, "核開発");
    let b0 = find(&c, 1, "瀬取り");
    let b1 = find(&c, 1, "与党");
    let plain = AlignIndex::build(&c, &ScriptRuns::default());
    assert!(plain.related(a0, &[1], 3).is_empty(), "no shared term, nothing related");
    // Theme 7 ("sanctions and nuclear") is in a0 and b0; theme 9 in the others.
    let themes = [(a0, 7), (b0, 7), (find(&c, 0, "政権交代"), 9), (b1, 9)];
    let index = AlignIndex::build_with_features(&c, &ScriptRuns::default(), &themes);
    let got = index.related(a0, &[1], 3);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].to, b0);
    assert_eq!(got[0].shared_features, [7]);
    assert!(got[0].shared.is_empty());
    // Out-of-range feature positions are ignored.
    let bad = [
        (PassageRef { doc: 5, passage: 0 }, 1),
        (PassageRef { doc: 0, passage: 50 }, 1),
    ];
    let _ = AlignIndex::build_with_features(&c, &ScriptRuns::default(), &bad);
}

// ---------------------------------------------------------------------------------------------
// The default corpus

#[test]
fn default_corpus_key_terms_are_compounds_not_fragments() {
    let c = common::default_corpus();
    let table = key_terms(&c, &ScriptRuns::default());
    let doc = |id: &str| c.documents.iter().position(|d| d.id == id).unwrap();
    for t in table.terms.iter() {
        let key = &t.key;
        assert!(key.chars().count() >= 2, "{key}");
        assert!(
            !key.ends_with('の') && !key.chars().any(|c| ('ぁ'..='ゖ').contains(&c) && c != 'か'),
            "{key}"
        );
        assert!(!key.chars().all(|c| c.is_ascii_digit()), "{key}");
        assert!(
            !(key.ends_with('年') && key.chars().next().unwrap().is_ascii_digit()),
            "date as a term: {key}"
        );
    }
    // The compounds the issue names are terms of their own.
    for (term, min_docs) in [
        ("拡大抑止", 3),
        ("多国間制裁監視チーム", 1),
        ("国連安保理決議", 2),
        ("キャンプ・デービッド", 4),
        ("日米韓協力", 5),
    ] {
        let t = table.get(term).unwrap_or_else(|| panic!("{term} missing"));
        assert!(t.docs.len() >= min_docs, "{term}: {:?}", t.docs);
    }
    // 三か国, 3カ国, 三ヶ国 are one term.
    let three = table.get("3カ国").unwrap();
    assert!(three.surfaces.len() >= 3, "{:?}", three.surfaces);
    let top = |id: &str| -> Vec<String> { table.top_terms(doc(id), 20).iter().map(|t| t.display.clone()).collect() };
    let t = top("trump2-cooperation");
    assert!(
        t.contains(&"MSMT".into()) && t.contains(&"多国間制裁監視チーム".into()),
        "{t:?}"
    );
    let t = top("fifth-nuclear-test");
    assert!(
        t.contains(&"政策オプション".into()) && t.contains(&"北朝鮮".into()),
        "{t:?}"
    );
    let t = top("track2-northeast-asia");
    assert!(t.contains(&"ARF".into()) && t.contains(&"CSCAP".into()), "{t:?}");
    let t = top("trilateral-crossroads");
    assert!(t.contains(&"3カ国協力".into()), "{t:?}");
}

#[test]
fn default_corpus_shared_terms() {
    let c = common::default_corpus();
    let table = key_terms(&c, &ScriptRuns::default());
    let shared: Vec<&str> = table
        .shared_terms(2)
        .iter()
        .take(30)
        .map(|t| t.display.as_str())
        .collect();
    assert_eq!(shared[0], "北朝鮮", "{shared:?}");
    for term in ["日米韓協力", "米朝対話", "非核化", "北朝鮮問題"] {
        assert!(shared.contains(&term), "{term} not in {shared:?}");
    }
    // Most of the top shared terms are compounds (three characters or more).
    let long = shared.iter().filter(|t| t.chars().count() >= 3).count();
    assert!(long >= 20, "{shared:?}");
}

#[test]
fn related_matches_brute_force_on_the_default_corpus() {
    let c = common::default_corpus();
    let mut index = AlignIndex::build(&c, &ScriptRuns::default());
    let refs: Vec<PassageRef> = c
        .documents
        .iter()
        .enumerate()
        .flat_map(|(d, doc)| (0..doc.passages.len()).map(move |p| PassageRef { doc: d, passage: p }))
        .collect();
    for min_score in [MIN_SCORE, 0.05, 0.3] {
        index.min_score = min_score;
        let mut found = 0;
        for &from in &refs {
            let others: Vec<usize> = (0..c.documents.len()).filter(|&d| d != from.doc).collect();
            let got: Vec<(PassageRef, f32)> = index
                .related(from, &others, usize::MAX)
                .into_iter()
                .map(|a| (a.to, a.score))
                .collect();
            let mut want: Vec<(PassageRef, f32)> = refs
                .iter()
                .filter(|r| r.doc != from.doc)
                .map(|&r| (r, index.similarity(from, r)))
                .filter(|&(_, s)| s >= min_score)
                .collect();
            want.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            assert_eq!(got, want, "from {from:?} at {min_score}");
            found += got.len();
        }
        assert!(found > 0, "at {min_score}");
    }
    // And the index looks at far fewer pairs than all of them.
    index.min_score = MIN_SCORE;
    let (scored, pairs) = index.candidate_stats();
    assert!(scored * 2 < pairs, "{scored} of {pairs}");
}

#[test]
fn align_all_on_the_default_corpus() {
    let c = common::default_corpus();
    let index = AlignIndex::build(&c, &ScriptRuns::default());
    let all = index.align_all(2);
    assert!(all.len() > 50, "{}", all.len());
    let mut per: std::collections::HashMap<(PassageRef, usize), usize> = Default::default();
    for a in &all {
        assert_ne!(a.from.doc, a.to.doc);
        assert!(a.score >= index.min_score);
        assert!((a.score - index.similarity(a.from, a.to)).abs() < 1e-6);
        assert!(!a.shared.is_empty() && a.shared.len() <= yomikurabe_core::similarity::align::MAX_SHARED);
        *per.entry((a.from, a.to.doc)).or_default() += 1;
    }
    assert!(per.values().all(|&n| n <= 2));
    // The heading on sanctions in one essay finds the sanctions heading of the other.
    let d = |id: &str| c.documents.iter().position(|x| x.id == id).unwrap();
    let from = find(&c, d("fifth-nuclear-test"), "制裁（sanctions）");
    let best = index.related(from, &[d("trump2-cooperation")], 1);
    assert_eq!(
        c.documents[best[0].to.doc].passages[best[0].to.passage].text,
        "(2)不拡散・制裁"
    );
    // The free functions agree with the index.
    assert_eq!(yomikurabe_core::similarity::align::align_all(&c, 2), all);
}
