//! Print what the parser makes of a text file: `cargo run -p yomikurabe-core --example dump FILE`.
fn main() {
    for path in std::env::args().skip(1) {
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        let doc = yomikurabe_core::parse_document(yomikurabe_core::Source {
            id: "doc",
            file: &path,
            text: &text,
            entry: None,
        });
        println!(
            "== {path}\ntitle: {:?}\nsubtitle: {:?}\nauthor: {:?}\naffiliation: {:?}\ndate: {:?}",
            doc.title, doc.subtitle, doc.author, doc.affiliation, doc.date
        );
        for s in &doc.sections {
            println!("  section {} L{} {} (parent {:?})", s.id, s.level, s.title, s.parent);
        }
        for p in &doc.passages {
            let refs: Vec<String> = p
                .note_refs
                .iter()
                .map(|r| format!("{}@{}", r.number, p.text[..r.offset].chars().count()))
                .collect();
            let head: String = p.text.chars().take(60).collect();
            let tail: String = {
                let v: Vec<char> = p.text.chars().collect();
                v[v.len().saturating_sub(20)..].iter().collect()
            };
            println!(
                "{:>8} {:<9} L{:<4} [{}] {} … {} {}",
                p.id,
                p.kind.as_str(),
                p.source_line,
                p.sentences.len(),
                head,
                tail,
                refs.join(",")
            );
        }
        for n in &doc.notes {
            println!(
                "  note {} {:?}",
                n.number,
                n.text.as_ref().map(|t| t.chars().take(50).collect::<String>())
            );
        }
        for d in &doc.diagnostics {
            println!("  diag L{} {:?} {}", d.line, d.kind, d.message);
        }
    }
}
