//! Print every footnote marker with its context: `cargo run -p yomikurabe-core --example markers FILE…`;
//! with `--notes`, the end of every note text instead (and whether it looks cut off).
fn main() {
    let notes = std::env::args().any(|a| a == "--notes");
    for path in std::env::args().skip(1).filter(|a| a != "--notes") {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let doc = yomikurabe_core::parse_document(yomikurabe_core::Source {
            id: "doc",
            file: &path,
            text: &text,
            entry: None,
        });
        if notes {
            for n in &doc.notes {
                let end: String = match &n.text {
                    Some(t) => t.chars().rev().take(24).collect::<Vec<_>>().into_iter().rev().collect(),
                    None => "(no text)".into(),
                };
                println!(
                    "{:>3} {} …{}",
                    n.number,
                    if n.is_cut_off() { "CUT" } else { "   " },
                    end
                );
            }
            continue;
        }
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
