//! Which encoding is this file in? Bytes → text for native tools (the browser uses `TextDecoder`).
//!
//! Japanese documents arrive as UTF-8 (with or without a BOM), UTF-16 (with or without a BOM),
//! Shift_JIS (Windows' CP932 superset), EUC-JP or ISO-2022-JP. [`decode`] tries, in order:
//!
//! 1. an empty file: empty UTF-8 text;
//! 2. a byte-order mark (UTF-8, UTF-16LE, UTF-16BE): that encoding, strictly;
//! 3. NUL bytes: UTF-16 if the NULs sit on one byte parity and the decoded text looks like text,
//!    otherwise the file is binary;
//! 4. valid UTF-8 (7-bit text with JIS escape sequences is ISO-2022-JP);
//! 5. Shift_JIS and EUC-JP, the [`chardetng`] guess (biased to Japanese) first;
//! 6. UTF-16 without NULs (e.g. kana and kanji only), if it decodes to plausible Japanese.
//!
//! Nothing is decoded with replacement characters: a file that does not decode cleanly, or that
//! holds control characters rather than text, is a [`DecodeError`] that says why. Line endings
//! are left as they are (the parser handles CRLF and CR).

use encoding_rs::{DecoderResult, Encoding, EUC_JP, ISO_2022_JP, SHIFT_JIS, UTF_16BE, UTF_16LE, UTF_8};
use std::fmt;

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

/// Why bytes are not accepted as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// NUL bytes or control characters: binary data, not a text file.
    Binary,
    /// The encoding is known (from a BOM, or the bytes are mostly in it) but a byte sequence is
    /// not valid in it.
    Malformed {
        /// WHATWG name of the encoding.
        encoding: &'static str,
        /// Byte offset of the first malformed sequence in the file.
        offset: usize,
        /// 1-based line of that byte, where lines can be counted (not in UTF-16).
        line: Option<usize>,
    },
    /// Not UTF-8 or UTF-16, and no Japanese legacy encoding decodes it into plausible text.
    Unrecognized {
        /// The detector's closest guess (which may be a non-Japanese encoding).
        guess: &'static str,
    },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Binary => f.write_str("binary data, not text (NUL bytes or control characters)"),
            DecodeError::Malformed {
                encoding,
                offset,
                line: Some(line),
            } => {
                write!(f, "malformed {encoding} at byte {offset} (line {line})")
            }
            DecodeError::Malformed {
                encoding,
                offset,
                line: None,
            } => {
                write!(f, "malformed {encoding} at byte {offset}")
            }
            DecodeError::Unrecognized { guess } => write!(
                f,
                "not UTF-8, UTF-16, Shift_JIS or EUC-JP text (closest guess: {guess})"
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Share of characters that must look like Japanese text for a legacy-encoding guess.
const LEGACY_PLAUSIBLE: f64 = 0.9;
/// Same for UTF-16 recognised by its NUL bytes.
const UTF16_NUL_PLAUSIBLE: f64 = 0.8;
/// Same for UTF-16 with no NUL byte at all (the weakest evidence).
const UTF16_BARE_PLAUSIBLE: f64 = 0.95;

/// Detect the encoding of `bytes` and decode them. See the module docs for the order of checks.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Ok(Decoded {
            text: String::new(),
            encoding: UTF_8.name(),
            had_bom: false,
        });
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        let text = strict(encoding, body).map_err(|offset| malformed(encoding, bytes, bom_len + offset))?;
        return accept(text, encoding, true);
    }
    if bytes.contains(&0) {
        return match utf16_by_nuls(bytes) {
            Some(Ok(decoded)) => Ok(decoded),
            Some(Err(e)) => Err(e),
            None => Err(DecodeError::Binary),
        };
    }
    let utf8 = std::str::from_utf8(bytes);
    if let Ok(text) = utf8 {
        if bytes.is_ascii() && has_jis_escape(bytes) {
            if let Ok(jis) = strict(ISO_2022_JP, bytes) {
                return accept(jis, ISO_2022_JP, false);
            }
        }
        return accept(text.to_string(), UTF_8, false);
    }

    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let guess = detector.guess(Some(b"jp"), true);
    let mut candidates = vec![SHIFT_JIS, EUC_JP];
    if let Some(i) = candidates.iter().position(|c| *c == guess) {
        candidates.swap(0, i);
    }
    let mut guess_failed_at = None;
    for encoding in candidates {
        match strict(encoding, bytes) {
            Ok(text) => {
                if plausibility(&text) >= LEGACY_PLAUSIBLE && !is_control_heavy(&text) {
                    return Ok(Decoded {
                        text,
                        encoding: encoding.name(),
                        had_bom: false,
                    });
                }
            }
            Err(offset) if encoding == guess => guess_failed_at = Some(offset),
            Err(_) => {}
        }
    }
    if let Some(decoded) = utf16_bare(bytes) {
        return Ok(decoded);
    }

    // Nothing fits: say what the file most likely is and where it breaks.
    if let Err(e) = utf8 {
        let valid = &bytes[..e.valid_up_to()];
        if !valid.is_ascii() {
            // Real multi-byte UTF-8 before the first bad byte: a damaged UTF-8 file.
            return Err(malformed(UTF_8, bytes, e.valid_up_to()));
        }
    }
    if let Some(offset) = guess_failed_at {
        return Err(malformed(guess, bytes, offset));
    }
    if is_control_heavy(&String::from_utf8_lossy(bytes)) {
        return Err(DecodeError::Binary);
    }
    Err(DecodeError::Unrecognized { guess: guess.name() })
}

/// Decode without replacement; `Err(byte offset)` of the first malformed sequence.
fn strict(encoding: &'static Encoding, bytes: &[u8]) -> Result<String, usize> {
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

fn malformed(encoding: &'static Encoding, bytes: &[u8], offset: usize) -> DecodeError {
    let utf16 = encoding == UTF_16LE || encoding == UTF_16BE;
    let line = (!utf16).then(|| bytes[..offset.min(bytes.len())].iter().filter(|b| **b == b'\n').count() + 1);
    DecodeError::Malformed {
        encoding: encoding.name(),
        offset,
        line,
    }
}

/// Final check shared by every path: text, not control codes.
fn accept(text: String, encoding: &'static Encoding, had_bom: bool) -> Result<Decoded, DecodeError> {
    if is_control_heavy(&text) {
        return Err(DecodeError::Binary);
    }
    Ok(Decoded {
        text,
        encoding: encoding.name(),
        had_bom,
    })
}

/// Any NUL, or more than 1% control characters other than whitespace, SUB (the old DOS end-of-file
/// mark) and ESC.
fn is_control_heavy(text: &str) -> bool {
    let mut chars = 0usize;
    let mut controls = 0usize;
    for c in text.chars() {
        chars += 1;
        match c {
            '\0' => return true,
            '\t' | '\n' | '\r' | '\x0b' | '\x0c' | '\x1a' | '\x1b' => {}
            c if c.is_control() => controls += 1,
            _ => {}
        }
    }
    controls > 0 && controls * 100 > chars
}

/// Whether 7-bit bytes hold a JIS X 0208 designation (`ESC $ @`, `ESC $ B`).
fn has_jis_escape(bytes: &[u8]) -> bool {
    bytes.windows(3).any(|w| w == b"\x1b$B" || w == b"\x1b$@")
}

/// UTF-16 recognised by its NUL bytes: ASCII-range characters have a zero high byte, which sits
/// on odd offsets in little-endian and even offsets in big-endian data. `None`: not UTF-16.
fn utf16_by_nuls(bytes: &[u8]) -> Option<Result<Decoded, DecodeError>> {
    let sample = &bytes[..bytes.len().min(1 << 16)];
    let even = sample.iter().step_by(2).filter(|b| **b == 0).count();
    let odd = sample.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
    let encoding = if odd > 0 && odd >= 4 * even {
        UTF_16LE
    } else if even > 0 && even >= 4 * odd {
        UTF_16BE
    } else {
        return None;
    };
    match strict(encoding, bytes) {
        Ok(text) if plausibility(&text) >= UTF16_NUL_PLAUSIBLE && !is_control_heavy(&text) => Some(Ok(Decoded {
            text,
            encoding: encoding.name(),
            had_bom: false,
        })),
        Ok(_) => None,
        // The NUL pattern is strong evidence: report where the UTF-16 breaks (e.g. an odd length).
        Err(offset) if plausibility(&String::from_utf16_lossy(&units(encoding, bytes))) >= UTF16_NUL_PLAUSIBLE => {
            Some(Err(malformed(encoding, bytes, offset)))
        }
        Err(_) => None,
    }
}

fn units(encoding: &'static Encoding, bytes: &[u8]) -> Vec<u16> {
    bytes
        .chunks_exact(2)
        .map(|p| {
            if encoding == UTF_16LE {
                u16::from_le_bytes([p[0], p[1]])
            } else {
                u16::from_be_bytes([p[0], p[1]])
            }
        })
        .collect()
}

/// UTF-16 without a BOM or NUL bytes (text of kana and kanji only): accepted only when one byte
/// order decodes to text that is almost entirely Japanese.
fn utf16_bare(bytes: &[u8]) -> Option<Decoded> {
    if bytes.len() % 2 != 0 || bytes.len() < 4 {
        return None;
    }
    [UTF_16LE, UTF_16BE].into_iter().find_map(|encoding| {
        let text = strict(encoding, bytes).ok()?;
        (plausibility(&text) >= UTF16_BARE_PLAUSIBLE && !is_control_heavy(&text)).then(|| Decoded {
            text,
            encoding: encoding.name(),
            had_bom: false,
        })
    })
}

/// Share of characters one expects in a Japanese document: ASCII text, Latin letters, kana,
/// kanji, CJK and full-width punctuation, common symbols, Greek and Cyrillic (in JIS X 0208).
fn plausibility(text: &str) -> f64 {
    let mut chars = 0usize;
    let mut plausible = 0usize;
    for c in text.chars() {
        chars += 1;
        let ok = matches!(u32::from(c),
            0x09 | 0x0a | 0x0d | 0x20..=0x7e
            | 0xa0..=0x24f      // Latin-1 supplement, Latin extended (romanised names)
            | 0x391..=0x3c9     // Greek
            | 0x401..=0x451     // Cyrillic
            | 0x2000..=0x22ff   // punctuation, letterlike symbols, arrows, maths
            | 0x2460..=0x27bf   // enclosed numbers, box drawing, shapes, dingbats
            | 0x3000..=0x30ff   // CJK punctuation, hiragana, katakana
            | 0x31f0..=0x33ff   // katakana extension, enclosed CJK, CJK compatibility
            | 0x3400..=0x4dbf   // CJK extension A
            | 0x4e00..=0x9fff   // CJK unified ideographs
            | 0xf900..=0xfaff   // CJK compatibility ideographs
            | 0xfe30..=0xfe4f   // CJK compatibility forms
            | 0xff00..=0xffef   // full-width and half-width forms
            | 0x20000..=0x2fa1f // CJK extensions B–F and supplement
        );
        plausible += usize::from(ok);
    }
    if chars == 0 {
        return 1.0;
    }
    plausible as f64 / chars as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "北朝鮮の核実験と日米韓協力\r\n\r\n２０１６年９月、第５回目の核実験が行われた。\n「制裁」は続く（注１）。\nABC 123 ですね。\n";

    fn encode(encoding: &'static Encoding, text: &str) -> Vec<u8> {
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
        let e = decode(&bytes).unwrap_err();
        assert_eq!(e, DecodeError::Unrecognized { guess: "windows-1251" });
        assert_eq!(
            e.to_string(),
            "not UTF-8, UTF-16, Shift_JIS or EUC-JP text (closest guess: windows-1251)"
        );
    }
}
