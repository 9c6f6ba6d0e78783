//! Search figures (a bench binary that prints, not a timed test): building the index of the
//! default corpus, and per-query times (`Query::parse` + `SearchIndex::search`) over a fixed list
//! of realistic queries, on the default corpus and on ~10 MB synthetic corpora, against the
//! budgets (build ≤ 5 ms, p95 ≤ 1 ms on the default corpus, ≤ 50 ms on 10 MB; the wasm is about
//! twice as slow as these native figures). Also what the n-gram postings buy: the same terms
//! found by scanning every passage's key (`str::find`, no edges, no mapping: a floor).
//! Run: `cargo bench -p yomikurabe-core --bench search`.

use std::hint::black_box;
use std::time::{Duration, Instant};
use yomikurabe_core::search::{collocates, kwic, Query, SearchIndex};
use yomikurabe_core::themes::matcher::CorpusKeys;
use yomikurabe_core::Corpus;

#[path = "../tests/common/mod.rs"]
mod common;

use common::{median_time, ms, synthetic};

const BUILD_BUDGET_MS: f64 = 5.0;
const P95_BUDGET_DEFAULT_MS: f64 = 1.0;
const P95_BUDGET_10MB_MS: f64 = 50.0;

/// What a reader types: single words (frequent and rare), spelling variants, a first keystroke,
/// Latin words and a prefix (deterr: deterrence), AND, OR, phrases, negations, a word found nowhere.
const QUERIES: [&str; 31] = [
    "拡大抑止",
    "北朝鮮",
    "核",
    "北",
    "日米韓",
    "三か国",
    "3カ国",
    "キャンプ・デービッド",
    "キャンプデービッド",
    "國連",
    "NCG",
    "icbm",
    "deterr",
    "\"north korea\"",
    "\"日米韓 首脳会談\"",
    "日米 | 米国",
    "日米 | 米国 同盟",
    "北朝鮮 ミサイル",
    "北朝鮮 -核",
    "制裁 -国連",
    "非核化 トランプ",
    "インド太平洋",
    "尹錫悦 | 李在明 | 岸田 | 石破",
    "ウクライナ ロシア",
    "拉致",
    "瀬取り",
    "協力",
    "抑止",
    "核実験 五回 | 5回",
    "中国 韓国 日本",
    "存在しない語",
];

/// CPU time of this thread so far, where the system tells it (Linux; updated at scheduler
/// ticks, so good to a few milliseconds: only sums over many runs are printed). On a shared
/// machine wall time also counts the time other processes ran.
fn thread_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    Some(Duration::from_nanos(stat.split_whitespace().next()?.parse().ok()?))
}

/// The machine's load average (1 minute), to read the wall times by.
fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "?".into())
}

/// The median wall time of `runs` runs of `f`, and their mean CPU time (where known).
fn wall_and_cpu(runs: usize, mut f: impl FnMut()) -> (Duration, Option<Duration>) {
    let cpu = thread_cpu();
    let wall = median_time(runs, &mut f);
    let cpu = cpu.zip(thread_cpu()).map(|(a, b)| (b - a) / runs as u32);
    (wall, cpu)
}

fn cpu_ms(cpu: Option<Duration>) -> String {
    cpu.map_or("?".into(), |c| format!("{:.2}", ms(c)))
}

fn over(value: f64, budget: f64) -> &'static str {
    if value > budget {
        "  over budget"
    } else {
        ""
    }
}

/// The `q`-quantile of sorted `times` (nearest rank).
fn quantile(times: &[Duration], q: f64) -> Duration {
    let rank = ((q * times.len() as f64).ceil() as usize).clamp(1, times.len());
    times[rank - 1]
}

/// One query's median time, with the passages and ranges it found.
struct QueryTime {
    query: &'static str,
    wall: Duration,
    passages: usize,
    ranges: usize,
}

/// Every query's time, and the mean CPU time of a query (where known).
struct Timings {
    queries: Vec<QueryTime>,
    cpu: Option<Duration>,
}

/// Per query, the median of `runs` times of parse + search, with the number of hits; and the
/// mean CPU time of a query (where known).
fn query_times(index: &SearchIndex, runs: usize) -> Timings {
    let cpu = thread_cpu();
    let times = QUERIES
        .iter()
        .map(|&q| {
            let t = median_time(runs, || {
                black_box(index.search(&Query::parse(black_box(q))));
            });
            let r = index.search(&Query::parse(q));
            QueryTime {
                query: q,
                wall: t,
                passages: r.total(),
                ranges: r.occurrences(),
            }
        })
        .collect();
    let cpu = cpu
        .zip(thread_cpu())
        .map(|(a, b)| (b - a) / (QUERIES.len() * (runs + 1)) as u32);
    Timings { queries: times, cpu }
}

/// The floor of a search without the n-gram postings: every term of every query looked for
/// with `str::find` in every passage key.
fn scan_times(keys: &CorpusKeys, corpus: &Corpus, runs: usize) -> Vec<Duration> {
    QUERIES
        .iter()
        .map(|&q| {
            let query = Query::parse(q);
            let terms: Vec<&str> = query
                .clauses
                .iter()
                .flat_map(|c| &c.alternatives)
                .chain(&query.excluded)
                .map(|t| t.key.as_str())
                .collect();
            median_time(runs, || {
                let mut n = 0usize;
                for (d, doc) in corpus.documents.iter().enumerate() {
                    for p in 0..doc.passages.len() {
                        if let Some(k) = keys.get(d, p) {
                            n += terms.iter().filter(|t| k.text.contains(*t)).count();
                        }
                    }
                }
                black_box(n);
            })
        })
        .collect()
}

/// p50 and p95 over the queries, printed against `budget`; with the slowest queries.
fn report(label: &str, timings: &Timings, budget: f64) {
    let (times, cpu) = (&timings.queries, timings.cpu);
    let mut sorted: Vec<Duration> = times.iter().map(|t| t.wall).collect();
    sorted.sort();
    let (p50, p95) = (ms(quantile(&sorted, 0.5)), ms(quantile(&sorted, 0.95)));
    println!(
        "figure: search {label}: {} queries, per query (parse + search, median of runs) p50 {p50:.3} ms, \
         p95 {p95:.3} ms (budget p95 ≤ {budget} ms{}), max {:.3} ms; mean CPU per query {} ms",
        times.len(),
        over(p95, budget),
        ms(*sorted.last().unwrap_or(&Duration::ZERO)),
        cpu.map_or("?".into(), |c| format!("{:.3}", ms(c)))
    );
    let mut slow: Vec<&QueryTime> = times.iter().collect();
    slow.sort_by_key(|t| std::cmp::Reverse(t.wall));
    let list: Vec<String> = slow
        .iter()
        .take(4)
        .map(|t| {
            format!(
                "{} {:.3} ms ({} passages, {} ranges)",
                t.query,
                ms(t.wall),
                t.passages,
                t.ranges
            )
        })
        .collect();
    println!("  slowest: {}", list.join("; "));
}

fn passage_bytes(corpus: &Corpus) -> usize {
    corpus
        .documents
        .iter()
        .flat_map(|d| &d.passages)
        .map(|p| p.text.len())
        .sum()
}

fn main() {
    let corpus = common::default_corpus();
    let passages: usize = corpus.documents.iter().map(|d| d.passages.len()).sum();
    println!(
        "figure: search (native; load average {} on {} CPUs: wall times on a busy machine count the others' work too, \
         CPU times do not)",
        load(),
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    let (build, build_cpu) = wall_and_cpu(51, || {
        black_box(SearchIndex::build(black_box(&corpus)));
    });
    let keys = median_time(51, || {
        black_box(CorpusKeys::new(black_box(&corpus)));
    });
    let clone = median_time(51, || {
        black_box(black_box(&corpus).clone());
    });
    let shared_corpus = std::rc::Rc::new(corpus.clone());
    let shared_keys = std::rc::Rc::new(CorpusKeys::new(&corpus));
    let postings = median_time(51, || {
        black_box(SearchIndex::shared(shared_corpus.clone(), shared_keys.clone()));
    });
    println!(
        "figure: search index of the default corpus ({} docs, {passages} passages, {} bytes of passage text): \
         build {:.2} ms (budget ≤ {BUILD_BUDGET_MS} ms{}; CPU {} ms); alone: match keys {:.2} ms, corpus copy {:.2} ms, \
         n-gram postings {:.2} ms (medians of 51, native; the pipeline shares its keys and corpus, so there only \
         the postings are new)",
        corpus.documents.len(),
        passage_bytes(&corpus),
        ms(build),
        over(ms(build), BUILD_BUDGET_MS),
        cpu_ms(build_cpu),
        ms(keys),
        ms(clone),
        ms(postings),
    );
    let index = SearchIndex::build(&corpus);
    let times = query_times(&index, 51);
    report("on the default corpus", &times, P95_BUDGET_DEFAULT_MS);
    let corpus_keys = CorpusKeys::new(&corpus);
    let mut scan = scan_times(&corpus_keys, &corpus, 21);
    scan.sort();
    println!(
        "  without the n-gram postings (str::find of every term in every key, no edges or mapping): p50 {:.3} ms, p95 {:.3} ms",
        ms(quantile(&scan, 0.5)),
        ms(quantile(&scan, 0.95))
    );
    let r = index.search(&Query::parse("日米韓"));
    let t = median_time(21, || {
        black_box(kwic(&corpus, &r, 20));
    });
    let c = median_time(21, || {
        black_box(collocates(&corpus, &r, 10, 20));
    });
    println!(
        "figure: 日米韓 ({} ranges): KWIC lines {:.3} ms, collocates (window 10) {:.3} ms (median of 21, native)",
        r.occurrences(),
        ms(t),
        ms(c)
    );

    let (_, texts) = common::default_texts();
    for (own, label) in [(true, "own vocabulary per copy"), (false, "the essays repeated")] {
        let docs = synthetic(&texts, 10_000_000, own);
        let big = common::parse_named(&docs);
        let passages: usize = big.documents.iter().map(|d| d.passages.len()).sum();
        let started = Instant::now();
        let index = SearchIndex::build(&big);

        let built = started.elapsed();
        let times = query_times(&index, 5);
        report(
            &format!(
                "on {:.1} MB ({label}; {} docs, {passages} passages; index built in {:.0} ms, no budget)",
                passage_bytes(&big) as f64 / 1e6,
                big.documents.len(),
                ms(built)
            ),
            &times,
            P95_BUDGET_10MB_MS,
        );
        let big_keys = index.keys().clone();
        let mut scan = scan_times(&big_keys, &big, 3);
        scan.sort();
        println!(
            "  without the n-gram postings (str::find of every term in every key, no edges or mapping): p50 {:.1} ms, p95 {:.1} ms",
            ms(quantile(&scan, 0.5)),
            ms(quantile(&scan, 0.95))
        );
        let worst = "の";
        let t = median_time(3, || {
            black_box(index.search(&Query::parse(worst)));
        });
        let r = index.search(&Query::parse(worst));
        println!(
            "  (not in the list, the worst case: {worst}, a hiragana in nearly every passage: {:.1} ms, {} passages, {} ranges)",
            ms(t),
            r.total(),
            r.occurrences()
        );
    }
}
