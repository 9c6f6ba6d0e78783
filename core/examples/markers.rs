//! Print every footnote marker with its context: `cargo run -p yomikurabe-core --example markers FILE`.
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
        for p in &doc.passages {
            for r in &p.note_refs {
                let before: String = p.text[..r.offset]
                    .chars()
                    .rev()
                    .take(10)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                let after: String = p.text[r.offset..].chars().take(4).collect();
                println!("{:>3} {} {}[*]{}", r.number, p.id, before, after);
            }
        }
    }
}
