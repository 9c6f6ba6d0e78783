//! Exercises `yomikurabe_core::extract::glossary::glossary` (acronyms, their expansions, definitions, uses).
//! Checks: acronyms are unique, non-empty ASCII; definitions and uses are non-empty char ranges
//! of their passages; a use spells the acronym (after width folding); `get` finds each acronym.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yomikurabe_core::extract::glossary::glossary;

fuzz_target!(|data: &[u8]| {
    let corpus = yomikurabe_fuzz::corpus(data);
    let g = yomikurabe_fuzz::timed(data, || glossary(&corpus));
    let mut seen = std::collections::HashSet::new();
    for a in &g.acronyms {
        assert!(seen.insert(a.short.as_str()), "duplicate acronym {}", a.short);
        assert!(!a.short.is_empty() && a.short.is_ascii(), "acronym {:?}", a.short);
        assert!(g.get(&a.short).is_some_and(|b| b.short == a.short), "get({})", a.short);
        for e in &a.expansions {
            assert!(!e.trim().is_empty(), "empty expansion of {}", a.short);
        }
        for s in &a.definitions {
            yomikurabe_fuzz::span(&corpus, s.document, s.passage, &s.range, "definition");
        }
        for s in &a.uses {
            let text = yomikurabe_fuzz::span(&corpus, s.document, s.passage, &s.range, "use");
            let ascii: String = text
                .chars()
                .map(|c| match c {
                    '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap(),
                    c => c,
                })
                .collect();
            assert!(
                ascii.eq_ignore_ascii_case(&a.short) || ascii.contains(&a.short),
                "use {text:?} of {}",
                a.short
            );
        }
    }
});
