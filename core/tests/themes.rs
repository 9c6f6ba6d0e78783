//! Themes and the matcher: match keys (spelling variants that must and must not meet), theme
//! files and their errors, rules (co-occurrence, exclusions), spans that point at exactly the
//! source text, pinned counts for the curated themes over the default corpus, and a property
//! test over messy text.

mod common;

use proptest::prelude::*;
use yomikurabe_core::text::normalize::{match_key, KANJI_VARIANTS};
use yomikurabe_core::themes::matcher::{counts_by_document, CorpusKeys, Matcher, Occurrence};
use yomikurabe_core::themes::{Scope, Theme, ThemeKind, ThemeSet};
use yomikurabe_core::{parse_document, Corpus, Document, Source};

fn key(s: &str) -> String {
    match_key(s).text
}

fn doc(text: &str) -> Document {
    parse_document(Source {
        id: "t",
        file: "t.txt",
        text,
        entry: None,
    })
}

fn corpus(texts: &[&str]) -> Corpus {
    Corpus {
        documents: texts.iter().map(|t| doc(t)).collect(),
    }
}

/// `(theme id, matched source text)` for every occurrence in `text` (after a first line and a
/// first paragraph, so that a short `text` is body text, not a title).
fn found(set: &ThemeSet, text: &str) -> Vec<(String, String)> {
    let c = corpus(&[&format!("題名\n\n本文。\n\n{text}")]);
    Matcher::new(set)
        .match_corpus(&c)
        .into_iter()
        .map(|o| {
            let p = &c.documents[o.document].passages[o.passage];
            (set.themes()[o.theme].id.clone(), p.text[o.range].to_string())
        })
        .collect()
}

/// The matched texts of a one-theme ad-hoc set made of `terms`.
fn hits(terms: &[&str], text: &str) -> Vec<String> {
    let set = ThemeSet::new(vec![Theme::user("q", "q", terms)]).unwrap();
    found(&set, text).into_iter().map(|(_, t)| t).collect()
}

fn themes_from(toml: &str) -> ThemeSet {
    ThemeSet::from_toml(toml).unwrap_or_else(|e| panic!("{e}"))
}

fn curated() -> ThemeSet {
    themes_from(&std::fs::read_to_string(common::corpus_dir().join("themes.toml")).unwrap())
}

// ---------------------------------------------------------------- match keys

#[test]
fn counter_variants_share_one_key() {
    let want = key("3か国");
    assert_eq!(want, "3か国");
    for s in [
        "三か国",
        "3カ国",
        "三ヶ国",
        "3ヵ国",
        "３カ国",
        "三カ国",
        "3ケ国",
        "三箇国",
        "3 カ国",
        "3ヶ国",
    ] {
        assert_eq!(key(s), want, "{s}");
    }
    assert_eq!(key("日米韓三か国"), "日米韓3か国");
    assert_eq!(key("六か国協議"), key("6カ国協議"));
    assert_eq!(key("十一か国"), "11か国");
    assert_eq!(key("二十か国"), "20か国");
    assert_eq!(key("国防発展五か年計画"), "国防発展5か年計画");
    assert_eq!(key("5ヶ年計画"), "5か年計画");
    assert_eq!(key("数カ月"), "数か月");
    assert_eq!(key("第五回"), key("第5回"));
    assert_eq!(key("六者会合"), key("6者会合"));
    assert_eq!(key("二国間"), key("2 国間"));
    assert_eq!(key("一つの中国"), key("1 つの中国"));
    assert_eq!(key("二〇二四年"), "2024年");
    assert_eq!(key("一万人"), key("1万人"));
    assert_eq!(key("第 12 章"), "第12章");
}

#[test]
fn look_alikes_stay_apart() {
    // Numerals inside words are not counts.
    for s in [
        "統一",
        "唯一",
        "一部",
        "一方",
        "十分",
        "三国",
        "四国",
        "万一",
        "一致",
        "一層",
        "一帯一路",
        "一か八か",
    ] {
        assert_eq!(key(s), s, "{s} must stay as written");
    }
    assert_ne!(key("十分"), key("10分"));
    assert_ne!(key("四国"), key("4か国"));
    assert_eq!(key("第三国"), "第3国");
    assert!(!key("第三国").contains(&key("三か国")));
    // か is a counter only between a number and a counted noun.
    assert_eq!(key("霞ヶ関"), "霞ヶ関");
    assert_eq!(key("3カ月"), "3か月");
    assert_eq!(key("イカ国"), "イカ国");
    // Latin words keep their space; case folds.
    assert_eq!(key("North  Korea"), "north korea");
    assert_ne!(key("Camp David"), key("CampDavid"));
}

#[test]
fn dots_spaces_width_and_old_kanji() {
    let want = key("キャンプデービッド");
    for s in [
        "キャンプ・デービッド",
        "キャンプ デービッド",
        "キャンプ　デービッド",
        "ｷｬﾝﾌﾟ･ﾃﾞｰﾋﾞｯﾄﾞ",
        "キャンプ·デービッド",
    ] {
        assert_eq!(key(s), want, "{s}");
    }
    assert_eq!(key("デ−ビッド"), key("デービッド"));
    assert_eq!(key("日・米・韓"), "日米韓");
    assert_eq!(key("ＩＣＢＭ"), "icbm");
    assert_eq!(key("2016年 9月 9日"), "2016年9月9日");
    assert_eq!(key("國際聯合"), "国際連合");
    assert_eq!(key("擴大抑止"), "拡大抑止");
    assert_eq!(key("戰爭"), "戦争");
    assert_eq!(key("彈道ミサイル"), "弾道ミサイル");
    assert_eq!(key("臺灣"), "台湾");
    assert_eq!(key("經濟安全保障"), "経済安全保障");
    assert_eq!(key("強靭化"), key("強靱化"));
    assert_eq!(key("崔龍海"), "崔竜海");
}

#[test]
fn kanji_table_is_sorted_and_final() {
    for w in KANJI_VARIANTS.windows(2) {
        assert!(w[0].0 < w[1].0, "{:?} before {:?}", w[0], w[1]);
    }
    for &(old, new) in KANJI_VARIANTS {
        assert_ne!(old, new);
        assert!(KANJI_VARIANTS.iter().all(|&(o, _)| o != new), "{new} is itself folded");
        assert_eq!(key(&old.to_string()), new.to_string());
    }
}

#[test]
fn key_offsets_map_back_to_source() {
    let src = "日米韓三か国の「キャンプ・デービッド」と 3 カ国、ＩＣＢＭ。";
    let k = match_key(src);
    assert_eq!(k.source_offsets.len(), k.text.len() + 1);
    for (needle, want) in [
        ("3か国", "三か国"),
        ("キャンプデービッド", "キャンプ・デービッド"),
        ("と3か国", "と 3 カ国"),
        ("icbm", "ＩＣＢＭ"),
        ("日米韓3か国", "日米韓三か国"),
    ] {
        let i = k.text.find(needle).unwrap();
        let r = k.source_span(src, i..i + needle.len());
        assert_eq!(&src[r], want, "{needle}");
    }
}

// ---------------------------------------------------------------- spellings through the matcher

#[test]
fn spellings_that_must_match() {
    for text in [
        "三か国協力",
        "3カ国協力",
        "三ヶ国協力",
        "3ヵ国協力",
        "３カ国協力",
        "三カ国協力",
    ] {
        assert_eq!(hits(&["3カ国協力"], text), vec![text.to_string()], "{text}");
    }
    for text in [
        "キャンプ・デービッド",
        "キャンプデービッド",
        "キャンプ デービッド",
        "ｷｬﾝﾌﾟ･ﾃﾞｰﾋﾞｯﾄﾞ",
    ] {
        assert_eq!(hits(&["キャンプ・デービッド"], text), vec![text.to_string()], "{text}");
        assert_eq!(hits(&["キャンプデービッド"], text), vec![text.to_string()], "{text}");
    }
    assert_eq!(
        hits(&["六か国協議"], "六ヶ国協議と6カ国協議"),
        vec!["六ヶ国協議", "6カ国協議"]
    );
    assert_eq!(hits(&["拡大抑止"], "擴大抑止"), vec!["擴大抑止"]);
    assert_eq!(hits(&["MSMT"], "ＭＳＭＴの報告"), vec!["ＭＳＭＴ"]);
    assert_eq!(hits(&["第5回核実験"], "第五回核実験"), vec!["第五回核実験"]);
}

#[test]
fn spellings_that_must_not_match() {
    assert!(hits(&["3カ国"], "第三国の企業").is_empty());
    assert!(hits(&["三か国"], "13カ国が参加").is_empty());
    assert!(hits(&["1か国"], "11か国から成る").is_empty());
    assert!(hits(&["3者"], "第三者制裁").is_empty());
    assert!(hits(&["10分"], "十分な対応").is_empty());
    assert!(hits(&["1"], "統一と唯一").is_empty());
    assert!(hits(&["1か国"], "統一か国家かの選択").is_empty());
    assert_eq!(hits(&["1か国"], "わずか一か国のみ"), vec!["一か国"]);
    assert!(hits(&["決議2270"], "決議22701").is_empty());
    assert!(hits(&["トラック1"], "トラック1.5").is_empty());
    assert!(hits(&["UNC"], "uncertain").is_empty());
    assert!(hits(&["MD"], "ADMM-Plus").is_empty());
    assert_eq!(hits(&["ICBM"], "ICBMs and ICBM"), vec!["ICBM", "ICBM"]);
    assert_eq!(hits(&["トラック1.5"], "トラック1.5とトラック2"), vec!["トラック1.5"]);
}

// ---------------------------------------------------------------- theme files

#[test]
fn theme_file_errors_are_clear() {
    let head = "[[theme]]\nid = \"a\"\nlabel_ja = \"あ\"\nlabel_en = \"A\"\n";
    let err = |toml: &str| ThemeSet::from_toml(toml).unwrap_err();
    let dup = format!("{head}terms = [\"x\"]\n{head}terms = [\"y\"]\n");
    assert!(err(&dup).contains("duplicate id"), "{}", err(&dup));
    assert!(err(head).contains("no terms"), "{}", err(head));
    let bad_id = head.replace("id = \"a\"", "id = \"Bad Id\"") + "terms = [\"x\"]\n";
    assert!(err(&bad_id).contains("bad id"), "{}", err(&bad_id));
    let empty_term = format!("{head}terms = [\"・\"]\n");
    assert!(err(&empty_term).contains("nothing to match"), "{}", err(&empty_term));
    let empty_group = format!("{head}all = [[\"x\"], []]\n");
    assert!(err(&empty_group).contains("group 2 is empty"), "{}", err(&empty_group));
    let typo = format!("{head}term = [\"x\"]\n");
    assert!(err(&typo).contains("unknown field"), "{}", err(&typo));
    let within = format!("{head}all = [[\"x\"], [\"y\"]]\nwithin = \"overlap\"\n");
    assert!(err(&within).contains("within"), "{}", err(&within));
    let bad_kind = format!("{head}terms = [\"x\"]\nkind = \"mine\"\n");
    assert!(err(&bad_kind).contains("kind") || err(&bad_kind).contains("unknown variant"));
    let no_label = "[[theme]]\nid = \"a\"\nlabel_en = \"A\"\nterms = [\"x\"]\n";
    assert!(err(no_label).contains("label_ja"), "{}", err(no_label));
    let toml_error = "[[theme]\nid = 1";
    assert!(err(toml_error).starts_with("themes:"));
    let dangling = format!("{head}exclude = [\"z\"]\n[[theme.rule]]\nterms = [\"x\"]\n");
    assert!(err(&dangling).contains("exclude"), "{}", err(&dangling));
    // The set is unchanged by a failed push.
    let mut set = themes_from(&format!("{head}terms = [\"x\"]\n"));
    assert!(set.push(Theme::user("a", "again", &["y"])).is_err());
    assert!(set.push(Theme::user("b", "empty", &[" "])).is_err());
    assert_eq!(set.len(), 1);
    assert_eq!(set.push(Theme::user("b", "ok", &["y"])), Ok(1));
}

#[test]
fn curated_file_is_complete() {
    let set = curated();
    assert!((15..=20).contains(&set.len()), "{} themes", set.len());
    for t in set.themes() {
        assert_eq!(t.kind, ThemeKind::Curated);
        assert!(!t.label_ja.is_empty() && !t.label_en.is_empty(), "{}", t.id);
        assert!(!t.description.is_empty() && !t.description.contains('\n'), "{}", t.id);
        assert!(t.variants().len() >= 5, "{} has few variants", t.id);
    }
    for id in [
        "extended-deterrence",
        "sanctions",
        "camp-david",
        "trilateral-cooperation",
        "denuclearization",
    ] {
        assert!(set.by_id(id).is_some(), "{id}");
    }
}

// ---------------------------------------------------------------- rules

const RULES: &str = r#"
[[theme]]
id = "summit"
label_ja = "首脳"
label_en = "Summit"
all = [["日米韓"], ["首脳会談", "首脳会合"]]

[[theme]]
id = "summit-passage"
label_ja = "首脳"
label_en = "Summit"
all = [["日米韓"], ["首脳会談"]]
within = "passage"

[[theme]]
id = "trio"
label_ja = "協力"
label_en = "Cooperation"
terms = ["日米韓協力", "日米韓"]
[[theme.rule]]
terms = ["3カ国協力"]
exclude = ["日中韓"]

[[theme]]
id = "trio-overlap"
label_ja = "協力"
label_en = "Cooperation"
all = [["日米韓"], ["協力"]]
exclude = ["日中韓協力"]
exclude_scope = "overlap"

[[theme]]
id = "trio-passage"
label_ja = "協力"
label_en = "Cooperation"
terms = ["3カ国協力"]
exclude = ["日中韓"]
exclude_scope = "passage"
"#;

fn rule_hits(id: &str, text: &str) -> Vec<String> {
    let set = themes_from(RULES);
    found(&set, text)
        .into_iter()
        .filter(|(t, _)| t == id)
        .map(|(_, s)| s)
        .collect()
}

#[test]
fn all_groups_in_one_sentence() {
    assert_eq!(
        rule_hits("summit", "日米韓の首脳会談が開かれた。"),
        vec!["日米韓", "首脳会談"]
    );
    assert!(rule_hits("summit", "日米韓が集まった。首脳会談は延期された。").is_empty());
    assert!(rule_hits("summit", "日米韓と日米韓。").is_empty());
    assert_eq!(
        rule_hits("summit-passage", "日米韓が集まった。首脳会談は延期された。"),
        vec!["日米韓", "首脳会談"]
    );
    assert!(rule_hits("summit-passage", "日米韓が集まった。\n\n首脳会談は延期された。").is_empty());
}

#[test]
fn exclusions_by_sentence_overlap_and_passage() {
    // Sentence scope: the 3カ国協力 of the 日中韓 sentence does not count, the other does.
    assert_eq!(
        rule_hits("trio", "日中韓の3カ国協力が再開した。日米韓の3カ国協力も進む。"),
        vec!["日米韓", "3カ国協力"]
    );
    // Exclusions of one rule leave the other rules alone: 日米韓協力 counts beside 日中韓.
    assert_eq!(rule_hits("trio", "日米韓協力と日中韓の協力。"), vec!["日米韓協力"]);
    // Overlap scope: only the 協力 inside 日中韓協力 is dropped.
    assert_eq!(
        rule_hits("trio-overlap", "日米韓協力と日中韓協力を比べる。"),
        vec!["日米韓", "協力"]
    );
    // A group whose only match is excluded does not satisfy the rule.
    assert!(rule_hits("trio-overlap", "日米韓と日中韓協力。").is_empty());
    // Passage scope: 日中韓 anywhere in the passage vetoes.
    assert!(rule_hits("trio-passage", "日中韓の枠組みがある。3カ国協力が再開した。").is_empty());
    assert_eq!(
        rule_hits("trio-passage", "日中韓の枠組み。\n\n3カ国協力が再開した。"),
        vec!["3カ国協力"]
    );
}

#[test]
fn one_theme_never_counts_text_twice() {
    // Leftmost-longest: 日米韓協力 wins over 日米韓 inside it.
    assert_eq!(rule_hits("trio", "日米韓協力を進める。"), vec!["日米韓協力"]);
    assert_eq!(
        hits(&["北朝鮮", "朝鮮", "北朝鮮問題"], "北朝鮮問題と朝鮮半島"),
        vec!["北朝鮮問題", "朝鮮"]
    );
    // Different themes may cover the same text.
    let set = ThemeSet::new(vec![
        Theme::user("a", "a", &["安保理決議"]),
        Theme::user("b", "b", &["安保理"]),
    ])
    .unwrap();
    assert_eq!(found(&set, "国連安保理決議").len(), 2);
}

#[test]
fn every_passage_kind_is_matched_and_results_are_sorted() {
    let text = "1. 制裁の強化\n\n北朝鮮への制裁が続く1。\n\n1 制裁決議については注を参照。\n";
    let c = corpus(&[text, "制裁"]);
    let set = ThemeSet::new(vec![Theme::user("s", "s", &["制裁", "制裁決議"])]).unwrap();
    let occ = Matcher::new(&set).match_corpus(&c);
    let kinds: Vec<&str> = occ
        .iter()
        .map(|o| c.documents[o.document].passages[o.passage].kind.as_str())
        .collect();
    assert!(kinds.contains(&"heading") && kinds.contains(&"note"), "{kinds:?}");
    let mut sorted = occ.clone();
    sorted.sort_by_key(|o| (o.document, o.passage, o.range.start, o.range.end, o.theme));
    assert_eq!(occ, sorted);
    assert_eq!(counts_by_document(&occ, 1, 2), vec![vec![occ.len() - 1, 1]]);
}

// ---------------------------------------------------------------- the default corpus

fn default_occurrences() -> (Corpus, ThemeSet, Vec<Occurrence>) {
    let c = common::default_corpus();
    let set = curated();
    let occ = Matcher::new(&set).match_corpus(&c);
    (c, set, occ)
}

#[test]
fn spans_are_exact_source_slices() {
    let (c, set, occ) = default_occurrences();
    assert!(occ.len() > 500);
    let keys = CorpusKeys::new(&c);
    assert_eq!(Matcher::new(&set).match_corpus_keyed(&c, &keys), occ);
    for o in &occ {
        let text = &c.documents[o.document].passages[o.passage].text;
        assert!(!o.range.is_empty() && o.range.end <= text.len());
        let s = &text[o.range.clone()];
        let first = s.chars().next().unwrap();
        let last = s.chars().next_back().unwrap();
        assert!(!first.is_whitespace() && !last.is_whitespace() && last != '・', "{s:?}");
        // The slice's own key is one of the theme's spellings (context-free cases).
        let k = key(s);
        let theme = &set.themes()[o.theme];
        assert!(
            theme.variants().iter().any(|v| key(v) == k),
            "{s:?} ({k}) is not a spelling of {}",
            theme.id
        );
    }
}

/// Reviewed by reading the matches: per document in manifest order (trump2-cooperation,
/// fifth-nuclear-test, trilateral-crossroads, policy-brief, track2-northeast-asia).
const PINNED: &[(&str, [usize; 5])] = &[
    ("extended-deterrence", [13, 16, 4, 7, 0]),
    ("sanctions", [57, 138, 3, 1, 0]),
    ("camp-david", [11, 0, 8, 1, 8]),
    ("un-command", [0, 22, 0, 1, 0]),
    ("indo-pacific", [33, 0, 13, 1, 3]),
    ("taiwan", [12, 0, 18, 1, 0]),
    ("abductions-human-rights", [2, 51, 0, 1, 0]),
    ("track2-multilateral", [1, 11, 6, 0, 49]),
];

#[test]
fn pinned_counts_for_the_default_corpus() {
    let (c, set, occ) = default_occurrences();
    let ids: Vec<&str> = c.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "trump2-cooperation",
            "fifth-nuclear-test",
            "trilateral-crossroads",
            "policy-brief",
            "track2-northeast-asia"
        ]
    );
    let counts = counts_by_document(&occ, set.len(), c.documents.len());
    let mut table = String::new();
    for (t, row) in counts.iter().enumerate() {
        table.push_str(&format!("{:26} {row:?}\n", set.themes()[t].id));
    }
    for (id, want) in PINNED {
        let t = set.index_of(id).unwrap();
        assert_eq!(counts[t], want.to_vec(), "{id}; all counts:\n{table}");
    }
    // Every theme occurs somewhere, and every document has several themes.
    assert!(counts.iter().all(|row| row.iter().sum::<usize>() > 0), "{table}");
    for d in 0..c.documents.len() {
        assert!(counts.iter().filter(|row| row[d] > 0).count() >= 10, "{table}");
    }
}

#[test]
fn the_japan_china_korea_exclusion_holds_in_the_corpus() {
    let (c, set, occ) = default_occurrences();
    let tri = set.index_of("trilateral-cooperation").unwrap();
    let mut checked = 0;
    for (d, doc) in c.documents.iter().enumerate() {
        for (p, passage) in doc.passages.iter().enumerate() {
            if !passage.text.contains("日中韓") {
                continue;
            }
            for o in occ
                .iter()
                .filter(|o| o.document == d && o.passage == p && o.theme == tri)
            {
                let s = &passage.text[o.range.clone()];
                assert!(
                    !matches!(key(s).as_str(), "3か国協力" | "三国協力"),
                    "{} {}: {s}",
                    doc.id,
                    passage.id
                );
                checked += 1;
            }
            checked += 1;
        }
    }
    assert!(checked >= 3, "the corpus has passages about 日中韓");
    // … while 3カ国協力 elsewhere counts.
    let d = c.document("trilateral-crossroads").unwrap();
    let di = c.documents.iter().position(|x| x.id == d.id).unwrap();
    assert!(occ.iter().any(|o| o.document == di
        && o.theme == tri
        && key(&d.passages[o.passage].text[o.range.clone()]) == "3か国協力"));
}

#[test]
fn unseen_documents_are_matched_by_the_same_rules() {
    let text = "令和の日米韓三ヶ国協力\n\nキャンプ デービッドでの合意以降、3ヵ国の首脳会談が定例化した。\
                日中韓の3カ国協力とは別の枠組みである。多国間制裁監視チーム（ＭＳＭＴ）も國連の制裁を補う。";
    let set = curated();
    let f = found(&set, text);
    let has = |id: &str, s: &str| f.iter().any(|(t, x)| t == id && x == s);
    assert!(has("trilateral-cooperation", "日米韓三ヶ国協力"), "{f:?}");
    assert!(has("camp-david", "キャンプ デービッド"), "{f:?}");
    assert!(
        has("sanctions", "多国間制裁監視チーム") && has("sanctions", "ＭＳＭＴ"),
        "{f:?}"
    );
    assert!(!has("trilateral-cooperation", "3カ国協力"), "{f:?}");
}

#[test]
fn user_themes_and_scopes() {
    let t = Theme::user("u", "3カ国", &["三か国"]);
    assert_eq!(
        (t.kind, t.within, t.exclude_scope),
        (ThemeKind::User, Scope::Sentence, Scope::Sentence)
    );
    let mut set = curated();
    let i = set.push(t).unwrap();
    let (c, _, _) = default_occurrences();
    let occ = Matcher::new(&set).match_corpus(&c);
    let per_doc = &counts_by_document(&occ, set.len(), c.documents.len())[i];
    // 三か国 (trump2, fifth), 3カ国 (trilateral), 5ヶ年 is not 3か国.
    assert!(per_doc[0] > 5 && per_doc[1] > 5 && per_doc[2] > 5, "{per_doc:?}");
}

// ---------------------------------------------------------------- properties

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("北朝鮮".to_string()),
        Just("三か国".to_string()),
        Just("3カ国".to_string()),
        Just("十三".to_string()),
        Just("第".to_string()),
        Just("・".to_string()),
        Just("･".to_string()),
        Just("ｷｬﾝﾌﾟ".to_string()),
        Just("キャンプ".to_string()),
        Just("デ−ビッド".to_string()),
        Just("。".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just(" ".to_string()),
        Just("　".to_string()),
        Just("ＩＣＢＭ".to_string()),
        Just("icbm".to_string()),
        Just("か\u{3099}".to_string()),
        Just("ﾞ".to_string()),
        Just("國".to_string()),
        Just("一".to_string()),
        Just("百".to_string()),
        Just("万".to_string()),
        Just("1.5".to_string()),
        Just("ﬁ".to_string()),
        Just("①".to_string()),
        Just("\u{FEFF}".to_string()),
        "[a-zA-Z0-9 ]{0,4}",
        "\\PC{0,3}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn ad_hoc_terms_give_valid_spans(
        pieces in proptest::collection::vec(piece(), 0..40),
        terms in proptest::collection::vec(proptest::collection::vec(piece(), 1..3), 1..4),
    ) {
        let text: String = pieces.concat();
        let terms: Vec<String> = terms.into_iter().map(|t| t.concat()).collect();
        let k = match_key(&text);
        prop_assert_eq!(k.source_offsets.len(), k.text.len() + 1);
        prop_assert!(k.source_offsets.windows(2).all(|w| w[0] <= w[1]));
        let Ok(set) = ThemeSet::new(vec![Theme::user("q", "q", &terms)]) else {
            return Ok(());
        };
        let c = corpus(&[&text]);
        let occ = Matcher::new(&set).match_corpus(&c);
        let mut last: Option<(usize, usize, usize)> = None;
        for o in &occ {
            let p = &c.documents[o.document].passages[o.passage];
            prop_assert!(o.range.start < o.range.end && o.range.end <= p.text.len());
            prop_assert!(p.text.is_char_boundary(o.range.start) && p.text.is_char_boundary(o.range.end));
            if let Some((d, pi, end)) = last {
                if (d, pi) == (o.document, o.passage) {
                    prop_assert!(o.range.start >= end, "overlap in one theme");
                }
            }
            last = Some((o.document, o.passage, o.range.end));
        }
    }
}
