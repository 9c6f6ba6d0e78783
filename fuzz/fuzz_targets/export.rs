//! Exercises the export: `yomikurabe_core::analysis::Analysis::new` (the whole analysis, with
//! the automatic themes only: building the curated themes' matcher cost ~6 ms a unit, 90% of a
//! small one; the `themes` target matches them) and `yomikurabe_core::export::export_analysed`,
//! then JSON.
//! Checks: every exported span and mention has start < end ≤ the passage length in chars, names
//! an exported document and passage; offsets of sentences and note markers too; the JSON
//! serialises and parses back.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::collections::HashMap;
use yomikurabe_core::analysis::Analysis;
use yomikurabe_core::export::export_analysed;
use yomikurabe_core::themes::ThemeSet;

fuzz_target!(|data: &[u8]| {
    let corpus = yomikurabe_fuzz::corpus(data);
    let (export, json) = yomikurabe_fuzz::timed(data, || {
        let analysis = Analysis::new(&corpus, ThemeSet::default());
        let export = export_analysed(&corpus, &analysis);
        let json = serde_json::to_string(&export).expect("export serialises");
        (export, json)
    });
    let value: serde_json::Value = serde_json::from_str(&json).expect("export JSON parses");
    assert_eq!(value["schema"], export.schema);
    let mut chars: HashMap<(&str, &str), usize> = HashMap::new();
    for d in &export.documents {
        for p in &d.passages {
            let n = p.text.chars().count();
            chars.insert((&d.id, &p.id), n);
            for r in &p.note_refs {
                assert!(r.offset <= n, "note marker {} of {n}", r.offset);
            }
            for s in &p.sentences {
                assert!(s[0] < s[1] && s[1] <= n, "sentence {s:?} of {n}");
            }
        }
    }
    let check = |doc: &str, passage: &str, start: usize, end: usize, what: &str| {
        let n = chars
            .get(&(doc, passage))
            .unwrap_or_else(|| panic!("{what}: no passage {doc}/{passage}"));
        assert!(start < end && end <= *n, "{what}: {start}..{end} of {n} chars");
    };
    for t in &export.themes {
        for s in &t.occurrences {
            check(&s.document, &s.passage, s.start, s.end, "theme occurrence");
        }
    }
    for c in &export.citations {
        for m in &c.mentions {
            check(&m.document, &m.passage, m.start, m.end, "citation mention");
        }
    }
    for a in &export.acronyms {
        for s in a.definitions.iter().chain(&a.uses) {
            check(&s.document, &s.passage, s.start, s.end, "acronym span");
        }
    }
    for d in &export.dates {
        check(&d.document, &d.passage, d.start, d.end, "date");
    }
    for a in &export.alignments {
        check(&a.from.document, &a.from.passage, 0, 1, "alignment from");
        check(&a.to.document, &a.to.passage, 0, 1, "alignment to");
    }
});
