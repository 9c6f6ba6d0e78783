//! Parse the given files once (for profiling): `cargo run --release -p yomikurabe-core --example parse_once FILE…`.
fn main() {
    let texts: Vec<(String, String)> = std::env::args()
        .skip(1)
        .filter_map(|p| std::fs::read_to_string(&p).ok().map(|t| (p, t)))
        .collect();
    let sources: Vec<yomikurabe_core::Source<'_>> = texts
        .iter()
        .map(|(p, t)| yomikurabe_core::Source {
            id: p,
            file: p,
            text: t,
            entry: None,
        })
        .collect();
    let corpus = yomikurabe_core::parse_corpus(&sources);
    println!(
        "{} passages",
        corpus.documents.iter().map(|d| d.passages.len()).sum::<usize>()
    );
}
