//! Exercises `yomikurabe_core::text::decode::decode` (feature "decode"): bytes in any encoding → text.
//! Checks: never panics; valid UTF-8 (no BOM, no NUL) is accepted as itself (or as ISO-2022-JP,
//! or refused as control-heavy binary), never "malformed"; a BOM result starts with that BOM;
//! legacy encodings never yield U+FFFD (nothing is decoded with replacement); error offsets
//! and lines lie inside the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yomikurabe_core::text::decode::{decode, DecodeError};

const BOMS: [(&str, &[u8]); 3] = [
    ("UTF-8", b"\xEF\xBB\xBF"),
    ("UTF-16LE", b"\xFF\xFE"),
    ("UTF-16BE", b"\xFE\xFF"),
];

fuzz_target!(|data: &[u8]| {
    let result = yomikurabe_fuzz::timed(data, || decode(data));
    let has_bom = BOMS.iter().any(|(_, b)| data.starts_with(b));
    match &result {
        Ok(d) => {
            assert!(
                matches!(
                    d.encoding,
                    "UTF-8" | "UTF-16LE" | "UTF-16BE" | "Shift_JIS" | "EUC-JP" | "ISO-2022-JP"
                ),
                "unexpected encoding {}",
                d.encoding
            );
            if d.had_bom {
                let bom = BOMS.iter().find(|(name, _)| *name == d.encoding).expect("BOM encoding");
                assert!(data.starts_with(bom.1), "had_bom but no {} BOM", d.encoding);
            } else if d.encoding == "UTF-8" {
                assert_eq!(d.text.as_bytes(), data, "UTF-8 without BOM is the input itself");
            }
            if matches!(d.encoding, "Shift_JIS" | "EUC-JP" | "ISO-2022-JP") {
                assert!(
                    !d.text.contains('\u{FFFD}'),
                    "replacement character from {}",
                    d.encoding
                );
            }
        }
        Err(DecodeError::Malformed { offset, line, .. }) => {
            assert!(*offset < data.len(), "malformed offset {offset} of {}", data.len());
            if let Some(line) = line {
                let lines = data.iter().filter(|&&b| b == b'\n').count() + 1;
                assert!((1..=lines).contains(line), "malformed line {line} of {lines}");
            }
        }
        Err(_) => {}
    }
    if !has_bom && !data.contains(&0) && std::str::from_utf8(data).is_ok() {
        assert!(
            matches!(&result, Ok(d) if d.encoding == "UTF-8" || d.encoding == "ISO-2022-JP")
                || result == Err(DecodeError::Binary),
            "valid UTF-8 refused: {result:?}"
        );
    }
});
