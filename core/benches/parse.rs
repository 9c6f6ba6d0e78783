//! Parse-time figures (a bench binary that prints, not a timed test):
//! the default corpus, and synthetic corpora of growing size to show linear growth; and the
//! encoding detection that runs before parsing, on 1 and 10 MB.
//! Run: `cargo bench -p yomikurabe-core --bench parse`.

use std::hint::black_box;
use yomikurabe_core::{parse_corpus, parse_document, Source};

#[path = "../tests/common/mod.rs"]
mod common;

use common::median_time;

fn main() {
    let (manifest, texts) = common::default_texts();
    let ids: Vec<String> = manifest.documents.iter().map(|e| e.id()).collect();
    let sources = common::sources(&manifest, &texts, &ids);
    let bytes: usize = texts.iter().map(|(_, t)| t.len()).sum();
    let chars: usize = texts.iter().map(|(_, t)| t.chars().count()).sum();
    let t = median_time(51, || {
        black_box(parse_corpus(black_box(&sources)));
    });
    println!(
        "figure: parse default corpus (5 docs, {chars} chars, {bytes} bytes): {:.2} ms (median of 51, native)",
        t.as_secs_f64() * 1e3
    );

    let all: String = texts.iter().map(|(_, t)| t.as_str()).collect();
    let t = median_time(51, || {
        black_box(yomikurabe_core::text::normalize::fold(black_box(&all)));
    });
    println!(
        "figure: normalisation (NFKC fold) of the default corpus: {:.2} ms",
        t.as_secs_f64() * 1e3
    );

    // Synthetic corpora: the default texts repeated, as many documents and as one big document.
    println!("figure: synthetic corpus growth (native, median of 3)");
    println!(
        "  {:>8} {:>14} {:>12} {:>14} {:>12}",
        "MB", "many docs ms", "MB/s", "one doc ms", "MB/s"
    );
    for mb in [1usize, 2, 5, 10] {
        let target = mb * 1_000_000;
        let mut docs: Vec<String> = Vec::new();
        let mut big = String::new();
        let mut total = 0;
        let mut i = 0;
        while total < target {
            let text = &texts[i % texts.len()].1;
            docs.push(text.to_string());
            big.push_str(text);
            big.push_str("\n\n");
            total += text.len();
            i += 1;
        }
        let names: Vec<String> = (0..docs.len()).map(|i| format!("doc-{i}")).collect();
        let srcs: Vec<Source<'_>> = docs
            .iter()
            .zip(&names)
            .map(|(t, n)| Source {
                id: n,
                file: n,
                text: t,
                entry: None,
            })
            .collect();
        let many = median_time(3, || {
            black_box(parse_corpus(black_box(&srcs)));
        });
        let one = median_time(3, || {
            black_box(parse_document(Source {
                id: "big",
                file: "big",
                text: &big,
                entry: None,
            }));
        });
        let mbs = total as f64 / 1e6;
        println!(
            "  {:>8.1} {:>14.1} {:>12.1} {:>14.1} {:>12.1}",
            mbs,
            many.as_secs_f64() * 1e3,
            mbs / many.as_secs_f64(),
            one.as_secs_f64() * 1e3,
            mbs / one.as_secs_f64()
        );
    }

    detect_figures(&all);
}

/// MB/s of `text::detect::detect` on the default texts repeated to 1 and 10 MB, in the
/// encodings whose detection reads the whole input: UTF-8 (validity and control characters),
/// Shift_JIS and EUC-JP (both grammars scanned), UTF-16LE without BOM (both byte orders).
fn detect_figures(all: &str) {
    use yomikurabe_core::text::detect::{detect, Encoding};
    println!("figure: encoding detection, MB/s (native, median of 5)");
    println!(
        "  {:>6} {:>10} {:>10} {:>10} {:>10}",
        "MB", "UTF-8", "Shift_JIS", "EUC-JP", "UTF-16LE"
    );
    for mb in [1usize, 10] {
        let text = all.repeat(mb * 1_000_000 / all.len() + 1);
        let inputs = [
            text.as_bytes().to_vec(),
            encoding_rs::SHIFT_JIS.encode(&text).0.into_owned(),
            encoding_rs::EUC_JP.encode(&text).0.into_owned(),
            text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
        ];
        let expected = [Encoding::Utf8, Encoding::ShiftJis, Encoding::EucJp, Encoding::Utf16Le];
        let mut row = format!("  {mb:>6}");
        for (bytes, encoding) in inputs.iter().zip(expected) {
            assert_eq!(detect(bytes).map(|d| d.encoding), Ok(encoding));
            let t = median_time(5, || {
                black_box(detect(black_box(bytes))).ok();
            });
            row += &format!(" {:>10.0}", bytes.len() as f64 / 1e6 / t.as_secs_f64());
        }
        println!("{row}");
    }
}
