//! Bytes → text for native tools: [`detect`] decides the encoding (the same decision the browser
//! makes before its `TextDecoder`), `encoding_rs` decodes strictly.
//!
//! Nothing is decoded with replacement characters: a file that does not decode cleanly, or that
//! holds control characters rather than text, is a [`DecodeError`] that says why. Line endings
//! are left as they are (the parser handles CRLF and CR).

pub use super::detect::DecodeError;
use super::detect::{detect, malformed, Encoding};
use encoding_rs::DecoderResult;

/// Decoded text and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, BOM removed, line endings untouched.
    pub text: String,
    /// WHATWG name of the encoding found: `UTF-8`, `UTF-16LE`, `UTF-16BE`, `Shift_JIS`,
    /// `EUC-JP` or `ISO-2022-JP`.
    pub encoding: &'static str,
    /// Whether the file started with a byte-order mark.
    pub had_bom: bool,
}

/// Detect the encoding of `bytes` ([`detect`]) and decode them strictly.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let detected = detect(bytes)?;
    decode_as(bytes, detected.encoding, detected.bom_len)
}

/// Decode `bytes[bom_len..]` strictly in `encoding` (e.g. an override of a wrong guess).
pub fn decode_as(bytes: &[u8], encoding: Encoding, bom_len: usize) -> Result<Decoded, DecodeError> {
    let body = bytes.get(bom_len..).unwrap_or_default();
    let text = strict(encoding_rs(encoding), body).map_err(|offset| malformed(encoding, bytes, bom_len + offset))?;
    Ok(Decoded {
        text,
        encoding: encoding.whatwg_name(),
        had_bom: bom_len > 0,
    })
}

fn encoding_rs(encoding: Encoding) -> &'static encoding_rs::Encoding {
    match encoding {
        Encoding::Utf8 => encoding_rs::UTF_8,
        Encoding::Utf16Le => encoding_rs::UTF_16LE,
        Encoding::Utf16Be => encoding_rs::UTF_16BE,
        Encoding::ShiftJis => encoding_rs::SHIFT_JIS,
        Encoding::EucJp => encoding_rs::EUC_JP,
        Encoding::Iso2022Jp => encoding_rs::ISO_2022_JP,
    }
}

/// Decode without replacement; `Err(byte offset)` of the first malformed sequence.
fn strict(encoding: &'static encoding_rs::Encoding, bytes: &[u8]) -> Result<String, usize> {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len());
    let mut out = String::with_capacity(capacity);
    let mut read_total = 0;
    loop {
        let (result, read) = decoder.decode_to_string_without_replacement(&bytes[read_total..], &mut out, true);
        read_total += read;
        match result {
            DecoderResult::InputEmpty => return Ok(out),
            DecoderResult::OutputFull => out.reserve(bytes.len() - read_total + 16),
            DecoderResult::Malformed(bad, after) => {
                return Err(read_total.saturating_sub(usize::from(bad) + usize::from(after)));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{EUC_JP, ISO_2022_JP, SHIFT_JIS};

    const SAMPLE: &str = "北朝鮮の核実験と日米韓協力\r\n\r\n２０１６年９月、第５回目の核実験が行われた。\n「制裁」は続く（注１）。\nABC 123 ですね。\n";

    fn encode(encoding: &'static encoding_rs::Encoding, text: &str) -> Vec<u8> {
        let (bytes, used, had_errors) = encoding.encode(text);
        assert_eq!(used, encoding);
        assert!(!had_errors, "sample must be encodable in {}", encoding.name());
        bytes.into_owned()
    }

    fn utf16(text: &str, little: bool) -> Vec<u8> {
        text.encode_utf16()
            .flat_map(|u| if little { u.to_le_bytes() } else { u.to_be_bytes() })
            .collect()
    }

    fn ok(bytes: &[u8]) -> Decoded {
        decode(bytes).unwrap_or_else(|e| panic!("should decode: {e}"))
    }

    #[test]
    fn empty_file_is_empty_utf8() {
        assert_eq!(
            ok(b""),
            Decoded {
                text: String::new(),
                encoding: "UTF-8",
                had_bom: false
            }
        );
    }

    #[test]
    fn utf8_with_and_without_bom() {
        let d = ok(SAMPLE.as_bytes());
        assert_eq!((d.text.as_str(), d.encoding, d.had_bom), (SAMPLE, "UTF-8", false));
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(SAMPLE.as_bytes());
        let d = ok(&bytes);
        assert_eq!((d.text.as_str(), d.encoding, d.had_bom), (SAMPLE, "UTF-8", true));
    }

    #[test]
    fn line_endings_are_kept() {
        assert!(ok(SAMPLE.as_bytes()).text.contains("\r\n\r\n"));
        assert_eq!(ok(&encode(SHIFT_JIS, "一行目\r二行目\r")).text, "一行目\r二行目\r");
    }

    #[test]
    fn override_decodes_strictly_or_says_where_not() {
        let bytes = encode(SHIFT_JIS, SAMPLE);
        assert_eq!(decode_as(&bytes, Encoding::ShiftJis, 0).unwrap().text, SAMPLE);
        let e = decode_as(&bytes, Encoding::EucJp, 0).unwrap_err();
        assert!(
            matches!(
                e,
                DecodeError::Malformed {
                    encoding: "EUC-JP",
                    offset: 0,
                    line: Some(1)
                }
            ),
            "{e:?}"
        );
        let mut with_bom = b"\xEF\xBB\xBF".to_vec();
        with_bom.extend_from_slice(SAMPLE.as_bytes());
        let d = decode_as(&with_bom, Encoding::Utf8, 3).unwrap();
        assert_eq!((d.text.as_str(), d.had_bom), (SAMPLE, true));
    }

    #[test]
    fn shift_jis() {
        let d = ok(&encode(SHIFT_JIS, SAMPLE));
        assert_eq!((d.text.as_str(), d.encoding, d.had_bom), (SAMPLE, "Shift_JIS", false));
    }

    #[test]
    fn cp932_extensions_decode_as_shift_jis() {
        // ① and Ⅳ are NEC/IBM extensions found only in CP932, which encoding_rs's Shift_JIS covers.
        let text = "①北朝鮮はⅣ号機を公開した。②日本は抗議した。";
        let d = ok(&encode(SHIFT_JIS, text));
        assert_eq!((d.text.as_str(), d.encoding), (text, "Shift_JIS"));
    }

    #[test]
    fn short_shift_jis_line() {
        let d = ok(&encode(SHIFT_JIS, "日本語のテキスト"));
        assert_eq!((d.text.as_str(), d.encoding), ("日本語のテキスト", "Shift_JIS"));
    }

    #[test]
    fn euc_jp() {
        let d = ok(&encode(EUC_JP, SAMPLE));
        assert_eq!((d.text.as_str(), d.encoding, d.had_bom), (SAMPLE, "EUC-JP", false));
    }

    #[test]
    fn iso_2022_jp() {
        let d = ok(&encode(ISO_2022_JP, SAMPLE));
        assert_eq!((d.text.as_str(), d.encoding), (SAMPLE, "ISO-2022-JP"));
    }

    #[test]
    fn utf16_with_bom() {
        for (little, bom, name) in [(true, [0xFF, 0xFE], "UTF-16LE"), (false, [0xFE, 0xFF], "UTF-16BE")] {
            let mut bytes = bom.to_vec();
            bytes.extend(utf16(SAMPLE, little));
            let d = ok(&bytes);
            assert_eq!((d.text.as_str(), d.encoding, d.had_bom), (SAMPLE, name, true));
        }
    }

    #[test]
    fn utf16_without_bom_by_nul_pattern() {
        for (little, name) in [(true, "UTF-16LE"), (false, "UTF-16BE")] {
            let d = ok(&utf16(SAMPLE, little));
            assert_eq!((d.text.as_str(), d.encoding, d.had_bom), (SAMPLE, name, false));
        }
    }

    #[test]
    fn utf16_without_bom_or_nuls() {
        // Kana and kanji only: no byte is zero.
        let text = "日本語の文章です。北朝鮮の核実験について。";
        for (little, name) in [(true, "UTF-16LE"), (false, "UTF-16BE")] {
            let bytes = utf16(text, little);
            assert!(!bytes.contains(&0));
            let d = ok(&bytes);
            assert_eq!((d.text.as_str(), d.encoding), (text, name));
        }
    }

    #[test]
    fn truncated_utf16_is_malformed_not_binary() {
        let mut bytes = utf16(SAMPLE, true);
        bytes.push(b'x');
        let e = decode(&bytes).unwrap_err();
        assert!(
            matches!(
                e,
                DecodeError::Malformed {
                    encoding: "UTF-16LE",
                    line: None,
                    ..
                }
            ),
            "{e:?}"
        );
    }

    #[test]
    fn malformed_after_bom_is_an_error() {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice("日本\n語".as_bytes());
        bytes.push(0xFF);
        let e = decode(&bytes).unwrap_err();
        assert_eq!(
            e,
            DecodeError::Malformed {
                encoding: "UTF-8",
                offset: bytes.len() - 1,
                line: Some(2)
            }
        );
        assert_eq!(
            e.to_string(),
            format!("malformed UTF-8 at byte {} (line 2)", bytes.len() - 1)
        );
    }

    #[test]
    fn damaged_utf8_names_utf8() {
        let mut bytes = SAMPLE.as_bytes().to_vec();
        let at = SAMPLE.find("ABC").unwrap();
        bytes.insert(at, 0x81);
        let e = decode(&bytes).unwrap_err();
        assert!(
            matches!(e, DecodeError::Malformed { encoding: "UTF-8", offset, .. } if offset == at),
            "{e:?}"
        );
    }

    #[test]
    fn binary_garbage_is_rejected() {
        // A PNG header and a pseudo-random body with NUL bytes on both parities.
        let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        let mut x: u32 = 12345;
        for _ in 0..4096 {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            bytes.push((x >> 16) as u8);
        }
        assert_eq!(decode(&bytes), Err(DecodeError::Binary));
        assert_eq!(decode(&[0, 0, 0, 0]), Err(DecodeError::Binary));
    }

    #[test]
    fn random_high_bytes_are_rejected() {
        let mut bytes = Vec::new();
        let mut x: u32 = 7;
        for _ in 0..4096 {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            bytes.push(((x >> 16) as u8) | 1); // no NULs, so the NUL test does not decide
        }
        assert!(decode(&bytes).is_err());
    }

    #[test]
    fn control_characters_are_binary() {
        let bytes: Vec<u8> = (1u8..32).cycle().take(200).collect();
        assert_eq!(decode(&bytes), Err(DecodeError::Binary));
        // One stray control character in real text is tolerated.
        let mut text = SAMPLE.repeat(3);
        text.push('\x07');
        assert!(decode(text.as_bytes()).is_ok());
    }

    #[test]
    fn non_japanese_legacy_text_is_unrecognized() {
        let bytes = encode(
            encoding_rs::WINDOWS_1251,
            "Это русский текст, а не японский. Ещё одна строка текста.",
        );
        // No Cyrillic guess without chardetng: the guess is the Japanese encoding that fits longest.
        let e = decode(&bytes).unwrap_err();
        assert!(matches!(e, DecodeError::Unrecognized { .. }), "{e:?}");
        let DecodeError::Unrecognized { guess } = e else {
            unreachable!()
        };
        assert_eq!(
            e.to_string(),
            format!("not UTF-8, UTF-16, Shift_JIS or EUC-JP text (closest guess: {guess})")
        );
    }
}
