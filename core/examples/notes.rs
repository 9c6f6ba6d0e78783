//! Print the end of every note text: `cargo run -p yomikurabe-core --example notes FILE…`.
fn main() {
    for path in std::env::args().skip(1) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let doc = yomikurabe_core::parse_document(yomikurabe_core::Source {
            id: "doc",
            file: &path,
            text: &text,
            entry: None,
        });
        for n in &doc.notes {
            let end: String = match &n.text {
                Some(t) => t.chars().rev().take(24).collect::<Vec<_>>().into_iter().rev().collect(),
                None => "(none)".into(),
            };
            println!(
                "{:>3} {} …{}",
                n.number,
                if n.is_cut_off() { "CUT" } else { "   " },
                end
            );
        }
    }
}
