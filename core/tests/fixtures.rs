//! Data-driven tests: small messy texts written for this purpose (not from the corpus),
//! each checked against the passages a reader should see (`[^n]` marks a footnote marker).

use yomikurabe_core::{parse_document, Document, Source};

fn parse(text: &str) -> Document {
    parse_document(Source {
        id: "t",
        file: "t.txt",
        text,
        entry: None,
    })
}

/// Passages as `kind: text` lines with markers shown as `[^n]`.
fn summary(d: &Document) -> Vec<String> {
    d.passages
        .iter()
        .map(|p| {
            let mut t = p.text.clone();
            for r in p.note_refs.iter().rev() {
                t.insert_str(r.offset, &format!("[^{}]", r.number));
            }
            format!("{}: {}", p.kind.as_str(), t)
        })
        .collect()
}

fn check(input: &str, expected: &[&str]) {
    let got = summary(&parse(input));
    assert_eq!(got, expected, "\ninput:\n{input}");
}

#[test]
fn page_break_inside_a_word() {
    check(
        "尹政権は日本との関係改善に大きく舵を切り、首脳間の往来を繰\n\nり返している。\n\n次の段落である。",
        &[
            "paragraph: 尹政権は日本との関係改善に大きく舵を切り、首脳間の往来を繰り返している。",
            "paragraph: 次の段落である。",
        ],
    );
}

#[test]
fn glued_markers_with_note_texts() {
    check(
        "同盟の強化が課題である1。制裁の履行も重要だ2。\n1 山田太郎『安全保障論』2020年、12頁。\n2 同上、\n15頁。\n",
        &[
            "paragraph: 同盟の強化が課題である[^1]。制裁の履行も重要だ[^2]。",
            "note: 山田太郎『安全保障論』2020年、12頁。",
            "note: 同上、15頁。",
        ],
    );
}

#[test]
fn spaced_markers_without_note_texts() {
    let d = parse("抑止力の強化が議論されている 1。制裁は強化された 2、また対話も模索された 3。");
    assert_eq!(
        summary(&d),
        vec!["paragraph: 抑止力の強化が議論されている[^1]。制裁は強化された[^2]、また対話も模索された[^3]。"]
    );
    assert_eq!(d.notes.len(), 3);
    assert!(d.notes.iter().all(|n| n.text.is_none()));
    assert!(d.diagnostics.iter().any(|x| x.message.contains("no note text")));
}

#[test]
fn numbers_that_are_not_markers() {
    check(
        "決議 2321は2016年に採択され、最長60日以内の報告を求めた。第47段落 2。残りは 1、2年しかない。",
        &["paragraph: 決議2321は2016年に採択され、最長60日以内の報告を求めた。第47段落2。残りは1、2年しかない。"],
    );
}

#[test]
fn caption_inside_a_sentence() {
    let d = parse("両国はいずれも日 2023 年 8 月の首脳会談（写真：共同通信）\n 本が対話に臨むことを支持するだろう。\n");
    assert_eq!(
        summary(&d),
        vec![
            "paragraph: 両国はいずれも日本が対話に臨むことを支持するだろう。",
            "caption: 2023年8月の首脳会談（写真：共同通信）"
        ]
    );
    assert_eq!(d.passages[1].caption_of.as_deref(), Some(d.passages[0].id.as_str()));
}

#[test]
fn note_spanning_lines_and_url() {
    let d = parse(
        "本文である1。\n1 \"Joint Statement,\" Ministry of Foreign Affairs,\nhttps://example.org/statement.html\n",
    );
    assert_eq!(
        d.notes[0].text.as_deref(),
        Some("\"Joint Statement,\" Ministry of Foreign Affairs, https://example.org/statement.html")
    );
}

#[test]
fn structure_title_byline_headings_lists() {
    let d = parse("# 日韓関係の展望\n\n公開日：2023年3月1日\n\n東京大学 教授\n田中 一郎\n\nはじめに\n本文。\n\n1．背景\n• 第一の点。\n• 第二の点。\n(1)細目\n細目の本文。\nおわりに\n結論。");
    assert_eq!(d.title.as_deref(), Some("日韓関係の展望"));
    assert_eq!(d.author.as_deref(), Some("田中 一郎"));
    assert_eq!(d.affiliation.as_deref(), Some("東京大学 教授"));
    assert_eq!(d.date.as_ref().map(|x| x.iso.as_str()), Some("2023-03-01"));
    let secs: Vec<(String, u8)> = d.sections.iter().map(|s| (s.title.clone(), s.level)).collect();
    assert_eq!(
        secs,
        vec![
            ("はじめに".into(), 1),
            ("1．背景".into(), 1),
            ("(1)細目".into(), 2),
            ("おわりに".into(), 1)
        ]
    );
    assert_eq!(d.sections[2].parent.as_deref(), Some("s2"));
    assert_eq!(d.passages.iter().filter(|p| p.kind.as_str() == "list_item").count(), 2);
}

#[test]
fn nothing_is_guessed() {
    let d = parse("北朝鮮は新型ミサイルを発射した。\n日米韓は共同声明を出した。");
    assert!(d.title.is_none() && d.author.is_none() && d.date.is_none());
}

#[test]
fn empty_and_garbage_inputs() {
    for text in ["", "\n\n\n", "\u{FEFF}", "\u{0}\u{1}\u{2}", "。。。", "1\n2\n3\n"] {
        let d = parse(text);
        assert!(d.passages.iter().all(|p| !p.text.is_empty()), "{text:?}");
    }
    assert!(parse("")
        .diagnostics
        .iter()
        .any(|x| x.message.contains("no readable content")));
}

#[test]
fn crlf_and_full_width_digits() {
    check(
        "本文である１。\r\n次の文２。\r\n",
        &["paragraph: 本文である[^1]。", "paragraph: 次の文[^2]。"],
    );
}

#[test]
fn running_headers_and_page_numbers_inside_a_sentence() {
    let page = "北朝鮮の核・ミサイル開発は新たな段階に突入しており、日米韓三か国の政策協調が\n";
    let text = format!("{page}東アジア研究 第3号\n- 12 -\n問われている。\n次の段落の文である。\n東アジア研究 第3号\n最後の文。\n東アジア研究 第3号\n");
    check(
        &text,
        &[
            "paragraph: 北朝鮮の核・ミサイル開発は新たな段階に突入しており、日米韓三か国の政策協調が問われている。",
            "paragraph: 次の段落の文である。",
            "paragraph: 最後の文。",
        ],
    );
}

#[test]
fn enumerated_paragraphs_at_the_end_stay_body_text() {
    let text = "本文である。\n\n（1）第一に、同盟の強化である。\n（2）第二に、対話の継続である。\n（3）第三に、制裁の履行である。\n";
    let d = parse(text);
    assert!(d.notes.is_empty(), "{:?}", d.notes);
    assert!(d.diagnostics.iter().all(|x| !x.message.contains("no marker")));
    assert_eq!(
        summary(&d),
        [
            "paragraph: 本文である。",
            "paragraph: （1）第一に、同盟の強化である。",
            "paragraph: （2）第二に、対話の継続である。",
            "paragraph: （3）第三に、制裁の履行である。",
        ]
    );
}

#[test]
fn notes_headed_by_a_symbol_and_chu() {
    let d = parse(
        "同盟の強化が課題である（1）。対話も続く（2）。\n\n＊注\n（1）山田太郎『安全保障論』2020年。\n（2）同上。\n",
    );
    assert_eq!(d.notes.len(), 2);
    assert!(d.notes.iter().all(|n| n.text.is_some()));
    let refs: Vec<u32> = d
        .passages
        .iter()
        .flat_map(|p| p.note_refs.iter().map(|r| r.number))
        .collect();
    assert_eq!(refs, [1, 2]);
}

#[test]
fn byline_with_a_date_in_brackets_and_a_masthead() {
    let d = parse("日米協力の現在\n\n山田太郎（2024年5月7日）\n\n本文である。\n");
    assert_eq!(d.title.as_deref(), Some("日米協力の現在"));
    assert_eq!(d.author.as_deref(), Some("山田太郎"));
    assert_eq!(d.date.as_ref().map(|x| x.iso.as_str()), Some("2024-05-07"));
    let d = parse("東アジア研究ニュースレター 第12号 ２０２４年６月１０日\n\n日米韓協力の新段階\n\n本文である。\n");
    assert_eq!(
        d.title.as_deref(),
        Some("日米韓協力の新段階"),
        "the masthead is no title"
    );
    assert_eq!(d.date.as_ref().map(|x| x.iso.as_str()), Some("2024-06-10"));
}

#[test]
fn repeated_speaker_labels_and_applause_are_text() {
    let turn = "司会：\n次の方どうぞ。\n（拍手）\n【質疑】\n";
    let d = parse(&turn.repeat(5));
    assert!(d.removed.is_empty(), "{:?}", d.removed);
    assert_eq!(
        d.passages.iter().filter(|p| p.text.contains("（拍手）")).count(),
        5,
        "{:?}",
        summary(&d)
    );
}
