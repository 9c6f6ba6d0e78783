//! No quadratic blow-up: every stage on adversarial texts (`tests/common/adversarial.rs`: long
//! lines, one huge paragraph, 「「「…, digits, note markers, repeated lines…) of 100 KB, 300 KB and
//! 1 MB, each text as two documents. A bench binary that prints figures, not a timed test.
//!
//! Prints milliseconds per 100 KB of input for each stage and size: a linear stage keeps its
//! figure as the size grows; the budget is 1000 ms per 100 KB (what `scripts/fuzz.sh` enforces
//! with libFuzzer's `-timeout=1` at `-max_len=100000`). Times are the thread's CPU time (Linux
//! `/proc/thread-self/schedstat`; wall-clock elsewhere), so a busy machine does not inflate
//! them. A stage over 20 s at one size is not run at the next. Run:
//! `cargo bench -p yomikurabe-core --bench adversarial` (`ADVERSARIAL_KB=100,1000` for other sizes).

use std::hint::black_box;
use std::time::{Duration, Instant};
use yomikurabe_core::analysis::Analysis;
use yomikurabe_core::anchor::{link_quote, resolve};
use yomikurabe_core::export::export_analysed;
use yomikurabe_core::extract::citations::citations;
use yomikurabe_core::extract::glossary::glossary;
use yomikurabe_core::extract::timeline::timeline;
use yomikurabe_core::similarity::align;
use yomikurabe_core::similarity::terms::ScriptRuns;
use yomikurabe_core::themes::matcher::Matcher;
use yomikurabe_core::themes::ThemeSet;
use yomikurabe_core::Corpus;

#[path = "../tests/common/adversarial.rs"]
mod adversarial;
#[path = "../tests/common/mod.rs"]
mod common;

const STAGES: [&str; 8] = [
    "parse",
    "themes",
    "terms+align",
    "citations",
    "glossary",
    "timeline",
    "anchor",
    "export",
];
const SKIP_AFTER: Duration = Duration::from_secs(20);

fn main() {
    let sizes: Vec<usize> = std::env::var("ADVERSARIAL_KB")
        .ok()
        .map(|v| v.split(',').filter_map(|s| s.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![100, 300, 1000]);
    let themes_toml = std::fs::read_to_string(common::corpus_dir().join("themes.toml")).expect("themes.toml");
    let themes = ThemeSet::from_toml(&themes_toml).expect("themes");
    let matcher = Matcher::new(&themes);

    println!("figure: CPU ms per 100 KB of input, per stage (adversarial texts as 2 documents; native, bench profile)");
    print!("  {:<22} {:>6}", "case", "KB");
    for s in STAGES {
        print!(" {s:>11}");
    }
    println!(" {:>9}", "all");
    // worst[size][stage] = (ms per 100 KB, case)
    let mut worst = vec![vec![(0.0f64, ""); STAGES.len()]; sizes.len()];
    for (name, make) in adversarial::CASES {
        let mut skip = [false; STAGES.len()];
        for (z, &kb) in sizes.iter().enumerate() {
            let text = make(kb * 1000);
            let bytes = text.len();
            let per_100kb = |d: Duration| d.as_secs_f64() * 1e3 * 100_000.0 / bytes as f64;
            let runs = if bytes <= 150_000 {
                10
            } else if bytes <= 400_000 {
                3
            } else {
                1
            };
            let corpus = common::parse_named(&adversarial::halves(&text));
            let mut times: Vec<Option<Duration>> = vec![None; STAGES.len()];
            for (i, stage) in STAGES.iter().enumerate() {
                if skip[i] {
                    continue;
                }
                let t = time_stage(stage, &text, &corpus, &themes, &matcher, runs);
                skip[i] = t > SKIP_AFTER;
                times[i] = Some(t);
            }
            print!("  {:<22} {:>6}", name, bytes / 1000);
            for (i, t) in times.iter().enumerate() {
                match t {
                    Some(t) => {
                        let v = per_100kb(*t);
                        print!(" {v:>11.1}");
                        if v > worst[z][i].0 {
                            worst[z][i] = (v, name);
                        }
                    }
                    None => print!(" {:>11}", "skipped"),
                }
            }
            let all: Duration = times.iter().flatten().sum();
            println!(" {:>9.1}", per_100kb(all));
        }
    }
    println!("figure: worst ms per 100 KB per stage (and its case), by size");
    for (z, &kb) in sizes.iter().enumerate() {
        for (i, stage) in STAGES.iter().enumerate() {
            let (v, case) = worst[z][i];
            println!("  {kb:>5} KB  {stage:<12} {v:>9.1}  ({case})");
        }
    }
}

/// CPU time this thread has run, if the system tells (Linux), else `None`.
fn thread_cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// Mean CPU time of `f` over `runs` runs, measured over all of them at once (the CPU time the
/// kernel reports moves in scheduler ticks of a few ms); wall-clock time where it is not known.
fn mean_cpu_time(runs: usize, mut f: impl FnMut()) -> Duration {
    let (cpu, wall) = (thread_cpu_time(), Instant::now());
    for _ in 0..runs {
        f();
    }
    let total = match (cpu, thread_cpu_time()) {
        (Some(a), Some(b)) => b.saturating_sub(a),
        _ => wall.elapsed(),
    };
    total / runs as u32
}

/// Mean CPU time of one stage (parsing included only in `parse`).
fn time_stage(stage: &str, text: &str, corpus: &Corpus, themes: &ThemeSet, matcher: &Matcher, runs: usize) -> Duration {
    mean_cpu_time(runs, || match stage {
        "parse" => {
            black_box(common::parse_named(&adversarial::halves(text)));
        }
        "themes" => {
            black_box(matcher.match_corpus(corpus));
        }
        "terms+align" => {
            let (terms, index) = align::analyse(corpus, &ScriptRuns::default(), &[]);
            black_box((terms, index.align_all(3)));
        }
        "citations" => {
            black_box(citations(corpus));
        }
        "glossary" => {
            black_box(glossary(corpus));
        }
        "timeline" => {
            black_box(timeline(corpus));
        }
        "anchor" => {
            // A link whose id has gone: re-found by its quote over the whole document.
            let doc = &corpus.documents[0];
            if let Some(p) = doc.passages.last() {
                black_box(resolve(doc, "s99999-p1", Some(&link_quote(p))));
            }
        }
        "export" => {
            let analysis = Analysis::new(corpus, themes.clone());
            let json = serde_json::to_string(&export_analysed(corpus, &analysis)).expect("json");
            black_box(json);
        }
        _ => unreachable!("stage {stage}"),
    })
}
