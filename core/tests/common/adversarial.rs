//! Adversarial texts of any size for the no-quadratic-blow-up figures (`benches/adversarial.rs`)
//! and the check that every stage takes them (`tests/adversarial.rs`): the shapes a fuzzer
//! reaches only slowly, made big at once.
#![allow(dead_code, unreachable_pub)]

/// Makes a text of at least `bytes` bytes (a few more).
pub type Generator = fn(usize) -> String;

/// `(name, generator)`.
pub const CASES: &[(&str, Generator)] = &[
    ("long line", long_line),
    ("one paragraph", one_paragraph),
    ("open brackets 「「「", open_brackets),
    ("close brackets 」」」", close_brackets),
    ("nested brackets", nested_brackets),
    ("digits", digits),
    ("spaced digits", spaced_digits),
    ("note markers", note_markers),
    ("repeated lines", repeated_lines),
    ("similar paragraphs", similar_paragraphs),
    ("headings", headings),
    ("dates", dates),
    ("relative dates", relative_dates),
    ("acronyms", acronyms),
    ("citations", citations),
    ("urls", urls),
    ("blank lines", blank_lines),
    ("latin words", latin_words),
    ("aozora notation", aozora_notation),
    ("page furniture", page_furniture),
    ("layout columns", layout_columns),
];

/// Ruby, unclosed and closed editorial notes, heading notes, on long lines and short ones.
pub fn aozora_notation(bytes: usize) -> String {
    repeat(
        "［＃ここから２字下げ］\n本文《ほんぶん》｜漢字《かんじ》［＃「漢字」に傍点］《［＃［＃中見出し］一［＃中見出し終わり］。\n",
        bytes,
    )
}

/// Pages of running heads, page numbers and pieces of titles, with form feeds.
pub fn page_furniture(bytes: usize) -> String {
    let mut s = String::new();
    let mut page = 1;
    while s.len() < bytes {
        s.push_str(&format!(
            "本文の一行がここにある。\n第\n第1\n1章\n第1章 国際情勢\nBLUEBOOK 2025\n{page}\n\u{c}"
        ));
        page += 1;
    }
    s
}

/// Two columns side by side on every line, with page breaks.
pub fn layout_columns(bytes: usize) -> String {
    repeat(
        "     左の段の文がここに続いている、日本の                              右の段の文もここに続いている。\n\u{c}",
        bytes,
    )
}

/// `unit` repeated to at least `bytes` bytes.
fn repeat(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes / unit.len().max(1) + 1)
}

/// Whole sentences, no line break at all.
pub fn long_line(bytes: usize) -> String {
    repeat(
        "日米韓の安全保障協力は北朝鮮の核・ミサイル問題に対応するため拡大抑止を強化した。",
        bytes,
    )
}

/// A different short word sequence for every `i` (so lines are not dropped as running headers).
fn unique(mut i: usize) -> String {
    const WORDS: [&str; 7] = ["安保", "経済", "外交", "同盟", "制裁", "対話", "抑止"];
    let mut s = String::new();
    loop {
        s.push_str(WORDS[i % 7]);
        i /= 7;
        if i == 0 {
            return s;
        }
    }
}

/// Lines made by `line(i)` for i = 0, 1, … up to at least `bytes` bytes.
fn lines(bytes: usize, line: impl Fn(usize) -> String) -> String {
    let mut s = String::new();
    let mut i = 0;
    while s.len() < bytes {
        s.push_str(&line(i));
        i += 1;
    }
    s
}

/// Hard-wrapped lines of one paragraph that never ends a sentence (the reflow joins them all).
pub fn one_paragraph(bytes: usize) -> String {
    lines(bytes, |i| format!("日米韓協力と北朝鮮の核問題そして{}の\n", unique(i)))
}

/// Unclosed opening brackets, then text (sentence splitting and titles track nesting).
pub fn open_brackets(bytes: usize) -> String {
    let mut s = repeat("「", bytes / 2);
    s.push_str(&repeat("共同声明と宣言。", bytes / 2));
    s
}

/// Closing brackets without openers.
pub fn close_brackets(bytes: usize) -> String {
    repeat("」声明」。", bytes)
}

/// Brackets of every kind, deeply nested and closed, with source words inside.
pub fn nested_brackets(bytes: usize) -> String {
    let depth = bytes / 40;
    let mut s = String::new();
    for _ in 0..depth {
        s.push_str("「『（(");
    }
    s.push_str("日米首脳共同声明");
    for _ in 0..depth {
        s.push_str(")）』」");
    }
    s.push('。');
    s
}

/// One line of digits (marker, date and resolution-number candidates everywhere).
pub fn digits(bytes: usize) -> String {
    repeat("1234567890", bytes)
}

/// Digits separated by spaces, in lines (spaced dates, note markers, list numbers).
pub fn spaced_digits(bytes: usize) -> String {
    repeat("1 2 3 4 5 6 7 8 9 10 11 12 年 月 日\n", bytes)
}

/// A body citing notes 1…n, then the notes region 1…n (the marker chain).
pub fn note_markers(bytes: usize) -> String {
    let n = bytes / 60 + 1;
    let mut s = String::new();
    for i in 1..=n {
        s.push_str(&format!("北朝鮮の核問題である{i}。"));
    }
    s.push_str("\n\n注\n");
    for i in 1..=n {
        s.push_str(&format!("{i} 注記の本文。\n"));
    }
    s
}

/// The same paragraph again and again (dropped as a running header or footer).
pub fn repeated_lines(bytes: usize) -> String {
    repeat("日米韓協力と北朝鮮の核問題について拡大抑止協議が開かれた。\n\n", bytes)
}

/// Paragraphs that differ in one word: thousands of passages alike in both documents (the
/// alignment's candidate pairs).
pub fn similar_paragraphs(bytes: usize) -> String {
    lines(bytes, |i| {
        format!("日米韓協力と北朝鮮の核問題について{}協議が開かれた。\n\n", unique(i))
    })
}

/// Heading after heading, of several styles.
pub fn headings(bytes: usize) -> String {
    repeat("1.日米韓協力\n(1)北朝鮮\n第2章 核問題\n● 拡大抑止\n## 協議\n", bytes)
}

/// Explicit dates of every form.
pub fn dates(bytes: usize) -> String {
    repeat(
        "2024年11月15日、令和7年3月、2016年 9月 9日、2024/5/7、June 21, 2021、24年7月。",
        bytes,
    )
}

/// Relative dates resolved against the one before them.
pub fn relative_dates(bytes: usize) -> String {
    let mut s = String::from("2024年3月2日。");
    s.push_str(&repeat("同年翌月前日、翌年同月、昨年今年来年、3月2日。", bytes));
    s
}

/// Acronym definitions and uses.
pub fn acronyms(bytes: usize) -> String {
    repeat(
        "核協議グループ(NCG: Nuclear Consultative Group)とNCG、核不拡散条約（NPT）、IAEA(国際原子力機関)。",
        bytes,
    )
}

/// Titles, resolutions and statements to cite.
pub fn citations(bytes: usize) -> String {
    repeat(
        "「日米首脳共同声明」と国連安保理決議2321号、決議第1718号、『防衛白書』、キャンプ・デービッド共同宣言。",
        bytes,
    )
}

/// URLs back to back and in text.
pub fn urls(bytes: usize) -> String {
    repeat(
        "https://www.mofa.go.jp/mofaj/a_o/na/page1_001.html 参照。http://example.org/(a)",
        bytes,
    )
}

/// Nothing but line breaks.
pub fn blank_lines(bytes: usize) -> String {
    repeat("\n", bytes)
}

/// English prose (Latin word spacing, hyphenation, acronym candidates).
pub fn latin_words(bytes: usize) -> String {
    repeat(
        "The Camp David Principles (CDP) re-affirm trilateral co- operation; Verifi able. ",
        bytes,
    )
}

/// The text as two documents (its halves, cut at a char boundary), so cross-document stages
/// (alignment, shared citations) have work.
pub fn halves(text: &str) -> [&str; 2] {
    let mut mid = text.len() / 2;
    while !text.is_char_boundary(mid) {
        mid += 1;
    }
    [&text[..mid], &text[mid..]]
}
