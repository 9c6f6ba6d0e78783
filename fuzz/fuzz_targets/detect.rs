//! Exercises `yomikurabe_core::text::detect::detect`, the encoding decision the CLI and the
//! browser share. Checks: never panics; a detected encoding decodes the bytes (BOM skipped)
//! strictly in encoding_rs, the WHATWG decoders the browser's `TextDecoder` also runs; the
//! feature-`decode` `decode` agrees with it; `check`, the grammar behind an override, accepts
//! exactly what encoding_rs decodes strictly, for every encoding.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yomikurabe_core::text::decode::decode;
use yomikurabe_core::text::detect::{check, detect, DecodeError, Encoding};

fn strictly(encoding: Encoding, bytes: &[u8]) -> bool {
    encoding_rs::Encoding::for_label(encoding.whatwg_name().as_bytes())
        .expect("WHATWG label")
        .decode_without_bom_handling_and_without_replacement(bytes)
        .is_some()
}

fuzz_target!(|data: &[u8]| {
    let result = yomikurabe_fuzz::timed(data, || detect(data));
    match &result {
        Ok(d) => {
            assert!(d.bom_len <= data.len());
            assert!(
                strictly(d.encoding, &data[d.bom_len..]),
                "detected {} does not decode strictly",
                d.encoding
            );
        }
        Err(DecodeError::Malformed { offset, .. }) => {
            assert!(*offset < data.len(), "malformed offset {offset} of {}", data.len())
        }
        Err(_) => {}
    }
    match (&result, decode(data)) {
        (Ok(d), Ok(text)) => {
            assert_eq!(text.encoding, d.encoding.whatwg_name());
            assert_eq!(text.had_bom, d.bom_len > 0);
        }
        (Err(e), Err(f)) => assert_eq!(e, &f),
        (r, t) => panic!("detect {r:?} but decode {t:?}"),
    }
    for encoding in Encoding::ALL {
        assert_eq!(
            check(data, encoding).is_ok(),
            strictly(encoding, data),
            "check and encoding_rs disagree on {encoding}"
        );
    }
});
