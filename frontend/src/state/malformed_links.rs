//! Malformed links never break the reader. Ten thousand fragments — random bytes, stray and
//! broken percent-escapes, known keys with junk values, very long values, repeated keys,
//! unknown document ids, invalid UTF-8 — are opened in a reader holding the default corpus
//! (through [`ViewState::parse`] and the reducer's navigation). None may panic or leave nothing
//! to show, and whatever a link asked for that the reader left out must be said in a notice.
//!
//! "Asked for" is read here independently of the parser: every value of every key, list keys
//! split at commas ([`asks`]). The reader may tidy a link (trim, drop empty items and exact
//! repeats, order keys, cut quotes to the length links carry) without a word; anything else it
//! drops or changes must come with a notice.

use std::collections::BTreeSet;
use std::rc::Rc;

use yomikurabe_core::anchor::link_quote;

use super::*;
use crate::corpus::default_corpus;
use crate::view_state::{clean_quote, AdHocTheme, Layout, PassageRef, MAX_COLUMNS};

/// How many fragments are opened.
const CASES: usize = 10_000;

/// A small deterministic generator (splitmix64): the same fragments on every run.
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

/// Ids of the default corpus that links can name.
struct Pools {
    docs: Vec<String>,
    /// (document, passage, its quote)
    passages: Vec<(String, String, String)>,
    /// (document, passage, note number) of every footnote marker.
    notes: Vec<(String, String, u32)>,
    themes: Vec<String>,
    sources: Vec<String>,
}

impl Pools {
    fn of(s: &AppState) -> Pools {
        let corpus = &s.corpus.0;
        let mut pools = Pools {
            docs: corpus.documents.iter().map(|d| d.id.clone()).collect(),
            passages: Vec::new(),
            notes: Vec::new(),
            themes: s.analysis.0.curated().themes().iter().map(|t| t.id.clone()).collect(),
            sources: s
                .extracts
                .iter()
                .flat_map(|x| x.citations.iter().map(|c| c.id.clone()))
                .collect(),
        };
        for d in &corpus.documents {
            for p in &d.passages {
                pools.passages.push((d.id.clone(), p.id.clone(), link_quote(p)));
                for r in &p.note_refs {
                    pools.notes.push((d.id.clone(), p.id.clone(), r.number));
                }
            }
        }
        pools
    }
}

/// Pieces inserted into links: broken and stray escapes, invalid UTF-8, separators, keys.
const JUNK: &[&str] = &[
    "%",
    "%2",
    "%zz",
    "%G1",
    "%E5",
    "%E5%8C",
    "%FF%FE",
    "%C3%28",
    "%ED%A0%80",
    "%F4%90%80%80",
    "%C0%AF",
    "%00",
    "%0A",
    "%26",
    "%3D",
    "%2C",
    "%2F",
    "%23",
    "%25",
    "&",
    "=",
    ",",
    "/",
    "#",
    "+",
    " ",
    "\u{0}",
    "\u{7f}",
    "北",
    "😀",
    "\n",
    "\t",
    "~",
    "|",
    "?",
    ";",
    "<script>",
    "..",
    "&&",
    "==",
    "docs=",
    "&docs=",
    "&focus=",
    "&q=",
    "&at=",
    "&themes=",
    "&u=",
    "&src=",
    "&p=",
    "&tl=1",
    "&al=1",
    "&r=",
    "&c=",
    "&n=",
    "&zz=1",
    "&DOCS=a",
    "&p=index",
    "&al=yes",
    "no-such-doc",
    "user-1",
    "user-9",
    "s99-p99",
    "/9999",
];

/// Junk values for known keys.
fn junk_value(g: &mut Gen) -> String {
    match g.below(8) {
        0 => random_bytes(g, 40),
        1 => (0..g.below(6)).map(|_| *g.pick(JUNK)).collect(),
        2 => "no-such-doc".to_string(),
        3 => "Bad Id".to_string(),
        4 => g.pick(&["%FF", "%E5%8C", "%C3%28", "%ED%A0%80"]).to_string(),
        5 => long_value(g),
        6 => format!("{}/{}", g.pick(JUNK), g.pick(JUNK)),
        _ => String::new(),
    }
}

/// A very long value: thousands of characters, escapes or list items.
fn long_value(g: &mut Gen) -> String {
    let n = 500 + g.below(5000);
    match g.below(4) {
        0 => "あ".repeat(n),
        1 => "%E3%81%82".repeat(n / 3),
        2 => "a,".repeat(n / 2),
        _ => "x".repeat(n),
    }
}

/// Random bytes as a fragment: printable ASCII as it is, anything else percent-escaped.
fn random_bytes(g: &mut Gen, max: usize) -> String {
    let mut out = String::new();
    for _ in 0..g.below(max + 1) {
        let b = g.below(256) as u8;
        if b.is_ascii_graphic() && g.chance(80) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A link the reader itself could have written, with ids of the default corpus.
fn valid(g: &mut Gen, p: &Pools) -> ViewState {
    let n = 1 + g.below(MAX_COLUMNS);
    let docs: Vec<&String> = (0..n).map(|_| g.pick(&p.docs)).collect();
    let mut v = ViewState::reader(&docs);
    let of = |doc: &str| -> Vec<&(String, String, String)> { p.passages.iter().filter(|x| x.0 == doc).collect() };
    if g.chance(50) {
        let doc = g.pick(&v.docs).clone();
        let (d, passage, quote) = *g.pick(&of(&doc));
        v = v.with_focus(d, passage, quote);
    }
    for doc in v.docs.clone() {
        if g.chance(30) {
            let (d, passage, _) = *g.pick(&of(&doc));
            v.at.push(PassageRef::new(d, passage));
        }
    }
    v.at.retain(|a| v.focus.as_ref().is_none_or(|f| f.doc != a.doc));
    for _ in 0..g.below(3) {
        let theme: &String = g.pick(&p.themes);
        v = v.toggle_theme(theme);
    }
    if g.chance(25) {
        let words = ["制裁", "拡大抑止", "三か国", "NCG", "核"];
        let word: &&str = g.pick(&words);
        if let Some(t) = AdHocTheme::from_input(word) {
            v = v.add_adhoc(t).map_or(v, |(v, _)| v);
        }
    }
    if g.chance(15) && !p.sources.is_empty() {
        v.source = Some(g.pick(&p.sources).clone());
    }
    let mut layout = Layout {
        panel: g.chance(40).then(|| *g.pick(&Panel::ALL)),
        timeline: g.chance(20),
        aligned: g.chance(20),
        ..Layout::default()
    };
    let open_passage = |g: &mut Gen| {
        let doc = g.pick(&v.docs).clone();
        let (d, passage, _) = *g.pick(&of(&doc));
        PassageRef::new(d, passage)
    };
    if g.chance(15) {
        layout.related = Some(open_passage(g));
    }
    if g.chance(15) {
        layout.cite = Some(open_passage(g));
    }
    let notes: Vec<_> = p.notes.iter().filter(|n| v.docs.contains(&n.0)).collect();
    if g.chance(20) && !notes.is_empty() {
        let (d, passage, number) = g.pick(&notes);
        layout.note = Some(NoteRef::new(d, passage, *number));
    }
    v.layout = layout;
    v
}

/// Byte offsets of the character boundaries of `s`.
fn boundaries(s: &str) -> Vec<usize> {
    s.char_indices().map(|(i, _)| i).chain([s.len()]).collect()
}

/// `f` with one thing done wrong.
fn mutate(g: &mut Gen, p: &Pools, f: &str) -> String {
    let cuts = boundaries(f);
    let at = *g.pick(&cuts);
    let pairs: Vec<&str> = f.split('&').collect();
    match g.below(13) {
        0 => format!("{}{}{}", &f[..at], g.pick(JUNK), &f[at..]),
        1 => {
            let end = *g.pick(&cuts);
            let (a, b) = (at.min(end), at.max(end));
            format!("{}{}", &f[..a], &f[b..])
        }
        2 => f[..at].to_string(),
        3 => {
            // A known key with a junk value.
            let keys = [
                "docs", "focus", "q", "at", "themes", "u", "src", "p", "tl", "al", "r", "c", "n",
            ];
            format!("{f}&{}={}", g.pick(&keys), junk_value(g))
        }
        4 => {
            // A key given twice (the same value or another).
            let pair = *g.pick(&pairs);
            let again = if g.chance(50) {
                pair.to_string()
            } else {
                format!("{}={}", pair.split('=').next().unwrap_or(""), junk_value(g))
            };
            format!("{f}&{again}")
        }
        5 => {
            // Unknown documents among the known ones.
            let unknown = ["no-such-doc", "zz", "a", "x-1", "0"];
            let (known, unknown): (&String, &&str) = (g.pick(&p.docs), g.pick(&unknown));
            f.replacen(known.as_str(), unknown, 1 + g.below(3))
        }
        6 => format!(
            "{f}&{}={}",
            g.pick(&["q", "u", "docs", "at", "themes", "src", "zz"]),
            long_value(g)
        ),
        7 => {
            // A value replaced by junk.
            let i = g.below(pairs.len());
            let mut pairs: Vec<String> = pairs.iter().map(|s| s.to_string()).collect();
            let key = pairs[i].split('=').next().unwrap_or("").to_string();
            pairs[i] = format!("{key}={}", junk_value(g));
            pairs.join("&")
        }
        9 => {
            // One more item in a list: a document, a position in one, a theme.
            let (d, passage, _) = g.pick(&p.passages);
            let item = match g.below(3) {
                0 => ("docs", d.clone()),
                1 => ("at", format!("{d}/{passage}")),
                _ => ("themes", g.pick(&p.themes).clone()),
            };
            match pairs.iter().position(|pair| pair.starts_with(&format!("{}=", item.0))) {
                Some(i) => {
                    let mut pairs: Vec<String> = pairs.iter().map(|s| s.to_string()).collect();
                    pairs[i] = format!("{},{}", pairs[i], item.1);
                    pairs.join("&")
                }
                None => format!("{f}&{}={}", item.0, item.1),
            }
        }
        10 => {
            // A footnote a passage does not mark.
            let (d, passage, _) = g.pick(&p.passages);
            let number = g.pick(&[0, 1, 2, 7, 99, 9999]);
            format!("{f}&n={d}/{passage}/{number}")
        }
        11 => {
            // A theme of one's own given again, under another label.
            match pairs.iter().find(|pair| pair.starts_with("u=")) {
                Some(u) => format!("{f}&u=again~{}", &u[2..]),
                None => format!("{f}&u=x&u=y~x"),
            }
        }
        12 if g.chance(50) => {
            // More themes of one's own than a link carries.
            let own: String = (0..9 + g.below(4)).map(|i| format!("&u=w{i}")).collect();
            format!("{f}{own}")
        }
        12 => {
            // More themes than can be highlighted at once.
            let all = p.themes.join(",");
            match pairs.iter().position(|pair| pair.starts_with("themes=")) {
                Some(i) => {
                    let mut pairs: Vec<String> = pairs.iter().map(|s| s.to_string()).collect();
                    pairs[i] = format!("{},{all}", pairs[i]);
                    pairs.join("&")
                }
                None => format!("{f}&themes={all}"),
            }
        }
        _ => {
            // Invalid UTF-8 inside a value.
            let bad = g.pick(&["%FF", "%C3%28", "%E5%8C", "%ED%A0%80", "%F4%90%80%80", "%C0%AF"]);
            format!("{}{}{}", &f[..at], bad, &f[at..])
        }
    }
}

/// One fragment of the run.
fn fragment(g: &mut Gen, p: &Pools) -> String {
    match g.below(20) {
        0..=2 => random_bytes(g, 120),
        3 => (0..g.below(16)).map(|_| *g.pick(JUNK)).collect(),
        4 => random_bytes(g, 2000),
        _ => {
            let mut f = valid(g, p).to_fragment();
            for _ in 0..1 + g.below(3) {
                f = mutate(g, p, &f);
            }
            if g.chance(10) {
                f.insert(0, '#');
            }
            f
        }
    }
}

/// What a link asks for, read independently of the parser: `(key, item)` for every value
/// (list keys split at commas, values trimmed, empty ones and the switches' `0` left out,
/// quotes cut as links carry them, themes of the reader's own named by their spellings).
fn asks(fragment: &str) -> BTreeSet<(String, String)> {
    let raw = fragment.strip_prefix('#').unwrap_or(fragment);
    let pairs: Vec<(String, String)> = form_urlencoded::parse(raw.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let own: Vec<String> = pairs
        .iter()
        .filter(|(k, _)| k == "u")
        .filter_map(|(_, v)| AdHocTheme::parse(v))
        .map(|t| format!("{}~{}", t.label, t.variants.join("|")))
        .collect();
    let mut out = BTreeSet::new();
    for (key, value) in pairs {
        let v = value.trim();
        let items: Vec<String> = match key.as_str() {
            "" if value.is_empty() => continue,
            "docs" | "at" => v
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect(),
            "themes" => v
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|id| {
                    let n = id.strip_prefix("user-").and_then(|n| n.parse::<usize>().ok());
                    match n
                        .and_then(|n| own.get(n.wrapping_sub(1)))
                        .filter(|_| !id.starts_with("user-0"))
                    {
                        Some(t) => format!("own {t}"),
                        None => id.to_string(),
                    }
                })
                .collect(),
            "u" => vec![AdHocTheme::parse(&value)
                .map(|t| format!("{}~{}", t.label, t.variants.join("|")))
                .unwrap_or(value.clone())],
            "q" => clean_quote(&value).into_iter().collect(),
            "tl" | "al" if matches!(v, "" | "0") => continue,
            "focus" | "src" | "p" | "tl" | "al" | "r" | "c" | "n" if v.is_empty() => continue,
            "focus" | "src" | "p" | "tl" | "al" | "r" | "c" | "n" => vec![v.to_string()],
            _ => vec![value.clone()],
        };
        out.extend(items.into_iter().map(|i| (key.clone(), i)));
    }
    out
}

fn base() -> Rc<AppState> {
    let corpus = Rc::new(default_corpus());
    let s = Rc::new(AppState::new(corpus.clone(), "http://h/".into(), ""));
    let x = SharedExtracts(Rc::new(Extracts::new(&corpus)));
    s.reduce(Action::Extracted(x))
}

/// The reader shows something: the library, or columns of documents it has.
fn assert_shows_something(s: &AppState, f: &str) {
    assert!(
        s.view.docs.iter().all(|d| s.corpus.document(d).is_some()),
        "{f:?}: an unknown document is open"
    );
    assert!(s.view.docs.len() <= MAX_COLUMNS);
    assert_eq!(
        ViewState::parse(&s.fragment),
        (s.view.clone(), vec![]),
        "{f:?}: the address bar does not say what is shown"
    );
}

#[test]
fn ten_thousand_malformed_links_never_break_the_reader_and_what_is_left_out_is_said() {
    let start = base();
    let pools = Pools::of(&start);
    assert!(!pools.notes.is_empty() && !pools.sources.is_empty() && !pools.themes.is_empty());
    // Another seed explores other links: YK_MALFORMED_SEED=<number> cargo test -p yomikurabe-web.
    let seed = std::env::var("YK_MALFORMED_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5EED);
    let mut g = Gen(seed);
    let (mut ignored, mut readers) = (0, 0);
    for case in 0..CASES {
        let f = fragment(&mut g, &pools);
        let s = start.clone().reduce(Action::Navigate(f.clone()));
        assert_shows_something(&s, &f);
        let asked = asks(&f);
        let shown = asks(&s.fragment);
        let missing: Vec<_> = asked.difference(&shown).collect();
        if !missing.is_empty() {
            ignored += 1;
            assert!(
                !s.effects.notices.is_empty(),
                "seed {seed} case {case}: {f:?} became {:?} without a notice; left out: {missing:?}",
                s.fragment
            );
        }
        readers += usize::from(!s.view.is_library());
        // Every tenth also as a fresh page load (no extracts yet).
        if case % 10 == 0 {
            let fresh = AppState::with_analysis(start.analysis.0.clone(), "http://h/".into(), &f);
            assert_shows_something(&fresh, &f);
        }
    }
    // The run must exercise both outcomes a lot.
    assert!(
        ignored > CASES / 2 && ignored < CASES,
        "{ignored} of {CASES} had something left out"
    );
    assert!(readers > CASES / 3, "only {readers} of {CASES} opened documents");
    eprintln!("{CASES} malformed links: {ignored} with something left out (all said), {readers} opened documents");
}

#[test]
fn the_oracle_reads_links_as_a_reader_would() {
    let a = asks("docs=a,%20b,,&themes=x,user-2&u=%E4%B8%89&u=y&al=0&tl=&q=+%E5%8C%97+&p=notes&zz");
    let want: BTreeSet<(String, String)> = [
        ("docs", "a"),
        ("docs", "b"),
        ("themes", "x"),
        ("themes", "own y~y"),
        ("u", "三~三"),
        ("u", "y~y"),
        ("q", "北"),
        ("p", "notes"),
        ("zz", ""),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    assert_eq!(a, want);
    // A link the reader wrote asks for exactly what it shows.
    let start = base();
    let pools = Pools::of(&start);
    let mut g = Gen(1);
    for _ in 0..200 {
        let f = valid(&mut g, &pools).to_fragment();
        let s = start.clone().reduce(Action::Navigate(f.clone()));
        assert_eq!(s.fragment, f);
        assert!(s.effects.notices.is_empty(), "{f}: {:?}", s.effects.notices);
    }
}
