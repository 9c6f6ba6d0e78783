//! Which encoding is this file in? Decided from byte structure alone, with no dependency, so the
//! CLI and the browser decide identically (the browser decodes with `TextDecoder`, the CLI with
//! `encoding_rs` in [`super::decode`]; both are the WHATWG decoders).
//!
//! Japanese documents arrive as UTF-8 (with or without a BOM), UTF-16 (with or without a BOM),
//! Shift_JIS (Windows' CP932 superset), EUC-JP or ISO-2022-JP. [`detect`] tries, in order:
//!
//! 1. an empty file: UTF-8;
//! 2. a byte-order mark (UTF-8, UTF-16LE, UTF-16BE): that encoding, strictly;
//! 3. NUL bytes: UTF-16 if the NULs sit on one byte parity and the text looks like text,
//!    otherwise the file is binary;
//! 4. valid UTF-8 (7-bit text with JIS escape sequences is ISO-2022-JP);
//! 5. Shift_JIS and EUC-JP: each is checked against the exact WHATWG grammar (lead and trail
//!    bytes, half-width katakana, JIS X 0212 in EUC-JP, CP932's NEC and IBM extensions; which
//!    JIS codes are mapped is two short range lists, checked exhaustively against `encoding_rs`
//!    in the tests). If both fit, plausibility statistics decide, with no character tables: kana
//!    (JIS rows 4 and 5: EUC-JP hiragana are `A4 A1`–`A4 F3`, Shift_JIS ones `82 9F`–`82 F1`),
//!    punctuation and level-1 kanji weigh most; half-width katakana next to two-byte characters
//!    and user-defined (private use) codes count against. A tie goes to Shift_JIS;
//! 6. UTF-16 without NULs (e.g. kana and kanji only), if it is plausible Japanese.
//!
//! An encoding is returned only if the bytes decode in it strictly (no replacement characters);
//! otherwise a [`DecodeError`] says why: binary data, a malformed byte (offset and line) in an
//! encoding the file clearly is in, or nothing recognised.

use std::fmt;

/// The encodings a document may be in. [`Encoding::ALL`] lists them, e.g. for an override menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Encoding {
    /// UTF-8, with or without a BOM.
    Utf8,
    /// UTF-16 little-endian, with or without a BOM.
    Utf16Le,
    /// UTF-16 big-endian, with or without a BOM.
    Utf16Be,
    /// Shift_JIS as the WHATWG decoder reads it (Windows' CP932).
    ShiftJis,
    /// EUC-JP, JIS X 0212 included.
    EucJp,
    /// ISO-2022-JP (7-bit JIS).
    Iso2022Jp,
}

impl Encoding {
    /// Every encoding, in menu order.
    pub const ALL: [Encoding; 6] = [
        Encoding::Utf8,
        Encoding::ShiftJis,
        Encoding::EucJp,
        Encoding::Iso2022Jp,
        Encoding::Utf16Le,
        Encoding::Utf16Be,
    ];

    /// The WHATWG name, the label the browser's `TextDecoder` accepts.
    pub const fn whatwg_name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::ShiftJis => "Shift_JIS",
            Encoding::EucJp => "EUC-JP",
            Encoding::Iso2022Jp => "ISO-2022-JP",
        }
    }

    /// The encoding with this WHATWG name (exactly as [`Encoding::whatwg_name`] spells it).
    pub fn from_whatwg_name(name: &str) -> Option<Encoding> {
        Encoding::ALL.into_iter().find(|e| e.whatwg_name() == name)
    }

    fn is_utf16(self) -> bool {
        matches!(self, Encoding::Utf16Le | Encoding::Utf16Be)
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.whatwg_name())
    }
}

/// What [`detect`] found: decode `bytes[bom_len..]` in `encoding`, strictly. In the browser:
/// `new TextDecoder(encoding.whatwg_name(), { fatal: true, ignoreBOM: true })` on
/// `bytes.subarray(bom_len)` (`ignoreBOM`, so that a second BOM stays text, as in `encoding_rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Detected {
    /// The encoding.
    pub encoding: Encoding,
    /// Length of the byte-order mark to skip (0, 2 or 3).
    pub bom_len: usize,
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
        /// The Japanese legacy encoding the bytes fit longest.
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

/// Detect the encoding of `bytes`. See the module docs for the order of checks.
pub fn detect(bytes: &[u8]) -> Result<Detected, DecodeError> {
    let found = |encoding, bom_len| Ok(Detected { encoding, bom_len });
    if bytes.is_empty() {
        return found(Encoding::Utf8, 0);
    }
    if let Some((encoding, bom_len)) = bom(bytes) {
        let stats = scan(encoding, &bytes[bom_len..]).map_err(|e| malformed(encoding, bytes, bom_len + e.offset))?;
        if stats.control_heavy() {
            return Err(DecodeError::Binary);
        }
        return found(encoding, bom_len);
    }
    if bytes.contains(&0) {
        return utf16_by_nuls(bytes).map(|encoding| Detected { encoding, bom_len: 0 });
    }
    let utf8 = std::str::from_utf8(bytes);
    if let Ok(text) = utf8 {
        if bytes.is_ascii() && has_jis_escape(bytes) {
            if let Ok(stats) = scan_iso_2022_jp(bytes) {
                if stats.control_heavy() {
                    return Err(DecodeError::Binary);
                }
                return found(Encoding::Iso2022Jp, 0);
            }
        }
        if text_stats(text.chars().map(u32::from)).control_heavy() {
            return Err(DecodeError::Binary);
        }
        return found(Encoding::Utf8, 0);
    }

    let sjis = scan_shift_jis(bytes);
    let euc = scan_euc_jp(bytes);
    let fits = |scan: &Result<Stats, Failure>| match scan {
        Ok(s) => (s.plausibility() >= LEGACY_PLAUSIBLE && !s.control_heavy()).then_some(s.score),
        Err(_) => None,
    };
    match (fits(&sjis), fits(&euc)) {
        (Some(s), Some(e)) if e > s => return found(Encoding::EucJp, 0),
        (Some(_), _) => return found(Encoding::ShiftJis, 0),
        (None, Some(_)) => return found(Encoding::EucJp, 0),
        (None, None) => {}
    }
    if let Some(encoding) = utf16_bare(bytes) {
        return found(encoding, 0);
    }

    // Nothing fits: say what the file most likely is and where it breaks.
    if let Err(e) = utf8 {
        if !bytes[..e.valid_up_to()].is_ascii() {
            // Real multi-byte UTF-8 before the first bad byte: a damaged UTF-8 file.
            return Err(malformed(Encoding::Utf8, bytes, e.valid_up_to()));
        }
    }
    // The legacy encoding that fits longest; a damaged file of it if that part is Japanese.
    let (encoding, failure) = match (&sjis, &euc) {
        (Ok(_), _) => (Encoding::ShiftJis, None),
        (_, Ok(_)) => (Encoding::EucJp, None),
        (Err(s), Err(e)) if e.offset > s.offset => (Encoding::EucJp, Some(e)),
        (Err(s), Err(_)) => (Encoding::ShiftJis, Some(s)),
    };
    if let Some(f) = failure {
        if f.before.double > 0 && f.before.score > 0 && f.before.plausibility() >= LEGACY_PLAUSIBLE {
            return Err(malformed(encoding, bytes, f.offset));
        }
    }
    let lossy = text_stats(String::from_utf8_lossy(bytes).chars().map(u32::from));
    if lossy.control_heavy() {
        return Err(DecodeError::Binary);
    }
    Err(DecodeError::Unrecognized {
        guess: encoding.whatwg_name(),
    })
}

/// Whether `bytes` (BOM removed) decode strictly in `encoding`: the check behind an override.
/// `Err` is [`DecodeError::Malformed`] at the first bad byte sequence.
pub fn check(bytes: &[u8], encoding: Encoding) -> Result<(), DecodeError> {
    scan(encoding, bytes)
        .map(|_| ())
        .map_err(|e| malformed(encoding, bytes, e.offset))
}

fn bom(bytes: &[u8]) -> Option<(Encoding, usize)> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        Some((Encoding::Utf8, 3))
    } else if bytes.starts_with(b"\xFF\xFE") {
        Some((Encoding::Utf16Le, 2))
    } else if bytes.starts_with(b"\xFE\xFF") {
        Some((Encoding::Utf16Be, 2))
    } else {
        None
    }
}

/// A malformed sequence at `offset` in the file `bytes`.
pub(crate) fn malformed(encoding: Encoding, bytes: &[u8], offset: usize) -> DecodeError {
    let line =
        (!encoding.is_utf16()).then(|| bytes[..offset.min(bytes.len())].iter().filter(|b| **b == b'\n').count() + 1);
    DecodeError::Malformed {
        encoding: encoding.whatwg_name(),
        offset,
        line,
    }
}

/// Whether 7-bit bytes hold a JIS X 0208 designation (`ESC $ @`, `ESC $ B`).
fn has_jis_escape(bytes: &[u8]) -> bool {
    bytes.windows(3).any(|w| w == b"\x1b$B" || w == b"\x1b$@")
}

/// Counts over the characters of a text under one encoding hypothesis.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Stats {
    chars: usize,
    /// Characters outside what a Japanese document holds (controls, private use…).
    implausible: usize,
    /// Control characters other than whitespace, SUB (the old DOS end-of-file mark) and ESC.
    controls: usize,
    nul: bool,
    /// Two- and three-byte characters of a legacy encoding.
    double: usize,
    /// How Japanese the text looks (legacy encodings only): see [`jis0208_weight`].
    score: i64,
}

impl Stats {
    fn plausibility(&self) -> f64 {
        if self.chars == 0 {
            return 1.0;
        }
        (self.chars - self.implausible) as f64 / self.chars as f64
    }

    /// Any NUL, or more than 1% control characters.
    fn control_heavy(&self) -> bool {
        self.nul || (self.controls > 0 && self.controls * 100 > self.chars)
    }

    /// A Unicode scalar value (or an unpaired surrogate, as implausible).
    fn code_point(&mut self, c: u32) {
        self.chars += 1;
        match c {
            0 => self.nul = true,
            0x09..=0x0d | 0x1a | 0x1b => {}
            0x01..=0x1f | 0x7f..=0x9f => self.controls += 1,
            _ => {}
        }
        self.implausible += usize::from(!plausible(c));
        // Which byte order of UTF-16 reads as Japanese: the same weights as `jis0208_weight`.
        self.score += match c {
            // A zero low byte: ASCII read in the wrong byte order (U+3000 read so is '0').
            0x100.. if c & 0xff == 0 => -2,
            0x3041..=0x30ff => 4,
            0x4e00..=0x9fff => 3,
            0x3000..=0x303f | 0xff01..=0xff9f => 2,
            0x20..=0x7e | 0x0a | 0x0d => 1,
            _ => 0,
        };
    }

    /// A legacy two-byte (or JIS X 0212 three-byte) character.
    fn legacy(&mut self, weight: i64, is_plausible: bool) {
        self.chars += 1;
        self.double += 1;
        self.score += weight;
        self.implausible += usize::from(!is_plausible);
    }
}

fn text_stats(chars: impl Iterator<Item = u32>) -> Stats {
    let mut stats = Stats::default();
    chars.for_each(|c| stats.code_point(c));
    stats
}

/// Characters one expects in a Japanese document: ASCII text, Latin letters, kana, kanji, CJK and
/// full-width punctuation, common symbols, Greek and Cyrillic (in JIS X 0208).
fn plausible(c: u32) -> bool {
    matches!(c,
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
    )
}

/// Where and how a scan stopped.
#[derive(Debug, Clone, Copy)]
struct Failure {
    /// Offset of the first malformed byte sequence.
    offset: usize,
    /// The statistics of the text before it.
    before: Stats,
}

fn scan(encoding: Encoding, bytes: &[u8]) -> Result<Stats, Failure> {
    match encoding {
        Encoding::Utf8 => match std::str::from_utf8(bytes) {
            Ok(text) => Ok(text_stats(text.chars().map(u32::from))),
            Err(e) => Err(Failure {
                offset: e.valid_up_to(),
                before: Stats::default(),
            }),
        },
        Encoding::Utf16Le | Encoding::Utf16Be => {
            let (stats, error) = scan_utf16(encoding, bytes);
            match error {
                None => Ok(stats),
                Some(offset) => Err(Failure { offset, before: stats }),
            }
        }
        Encoding::ShiftJis => scan_shift_jis(bytes),
        Encoding::EucJp => scan_euc_jp(bytes),
        Encoding::Iso2022Jp => scan_iso_2022_jp(bytes),
    }
}

/// UTF-16 statistics, unpaired surrogates and an odd last byte counted as implausible
/// characters (as a lossy decoding would show them), and the offset of the first such error.
fn scan_utf16(encoding: Encoding, bytes: &[u8]) -> (Stats, Option<usize>) {
    let little = encoding == Encoding::Utf16Le;
    let unit = |i: usize| {
        let pair = [bytes[i], bytes[i + 1]];
        u32::from(if little {
            u16::from_le_bytes(pair)
        } else {
            u16::from_be_bytes(pair)
        })
    };
    let mut stats = Stats::default();
    let mut error = None;
    let mut i = 0;
    while i + 1 < bytes.len() {
        let u = unit(i);
        match u {
            0xd800..=0xdbff if i + 3 < bytes.len() && (0xdc00..=0xdfff).contains(&unit(i + 2)) => {
                stats.code_point(0x10000 + ((u - 0xd800) << 10) + (unit(i + 2) - 0xdc00));
                i += 4;
                continue;
            }
            0xd800..=0xdfff => {
                error.get_or_insert(i);
                stats.code_point(0xfffd);
            }
            _ => stats.code_point(u),
        }
        i += 2;
    }
    if i < bytes.len() {
        error.get_or_insert(i);
    }
    (stats, error)
}

/// UTF-16 recognised by its NUL bytes: ASCII-range characters have a zero high byte, which sits
/// on odd offsets in little-endian and even offsets in big-endian data; the parity names the
/// byte order of a malformed file.
fn utf16_by_nuls(bytes: &[u8]) -> Result<Encoding, DecodeError> {
    // Kana and kanji with a zero low byte (U+3000, U+4E00 一…) put NULs on the other parity:
    // both byte orders are tried, and the one reading as Japanese wins.
    if let Some(best) = utf16_best(bytes, UTF16_NUL_PLAUSIBLE) {
        return Ok(best);
    }
    let sample = &bytes[..bytes.len().min(1 << 16)];
    let even = sample.iter().step_by(2).filter(|b| **b == 0).count();
    let odd = sample.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
    let encoding = if odd > 0 && odd >= 4 * even {
        Encoding::Utf16Le
    } else if even > 0 && even >= 4 * odd {
        Encoding::Utf16Be
    } else {
        return Err(DecodeError::Binary);
    };
    let (stats, error) = scan_utf16(encoding, bytes);
    match error {
        // The NUL pattern is strong evidence: report where the UTF-16 breaks (e.g. an odd length).
        Some(offset) if stats.plausibility() >= UTF16_NUL_PLAUSIBLE => Err(malformed(encoding, bytes, offset)),
        _ => Err(DecodeError::Binary),
    }
}

/// The byte order in which `bytes` are valid UTF-16 of at least `plausibility`, not control
/// characters, and most Japanese.
fn utf16_best(bytes: &[u8], plausibility: f64) -> Option<Encoding> {
    [Encoding::Utf16Le, Encoding::Utf16Be]
        .into_iter()
        .filter_map(|encoding| {
            let (stats, error) = scan_utf16(encoding, bytes);
            (error.is_none() && stats.plausibility() >= plausibility && !stats.control_heavy())
                .then_some((stats.score, encoding))
        })
        .max_by_key(|&(score, encoding)| (score, encoding == Encoding::Utf16Le))
        .map(|(_, encoding)| encoding)
}

/// UTF-16 without a BOM or NUL bytes (text of kana and kanji only): accepted only when one byte
/// order decodes to text that is almost entirely Japanese.
fn utf16_bare(bytes: &[u8]) -> Option<Encoding> {
    if bytes.len() % 2 != 0 || bytes.len() < 4 {
        return None;
    }
    utf16_best(bytes, UTF16_BARE_PLAUSIBLE)
}

/// Mapped JIS X 0208 pointers (row − 1) × 94 + (cell − 1), as the WHATWG index has them, with
/// Shift_JIS's user-defined area (8836–10715, private use) and IBM extensions (10716–11103).
const JIS0208: [(u16, u16); 24] = [
    (0, 107),
    (119, 126),
    (135, 141),
    (153, 167),
    (175, 182),
    (187, 187),
    (203, 212),
    (220, 245),
    (252, 277),
    (282, 364),
    (376, 461),
    (470, 493),
    (502, 525),
    (564, 596),
    (612, 644),
    (658, 689),
    (1128, 1157),
    (1159, 1181),
    (1190, 1219),
    (1410, 4374),
    (4418, 7807),
    (8272, 8631),
    (8634, 8647),
    (8836, 11103),
];

/// Mapped JIS X 0212 pointers (EUC-JP's `8F` three-byte codes).
const JIS0212: [(u16, u16); 23] = [
    (108, 118),
    (127, 129),
    (168, 174),
    (534, 538),
    (540, 540),
    (542, 543),
    (545, 545),
    (550, 561),
    (597, 609),
    (645, 657),
    (752, 753),
    (755, 755),
    (757, 757),
    (759, 760),
    (762, 764),
    (766, 767),
    (784, 799),
    (846, 869),
    (871, 932),
    (940, 966),
    (968, 974),
    (976, 1026),
    (1410, 7210),
];

fn mapped(ranges: &[(u16, u16)], pointer: usize) -> bool {
    ranges
        .iter()
        .any(|&(start, end)| (usize::from(start)..=usize::from(end)).contains(&pointer))
}

/// How Japanese a mapped JIS X 0208 character looks, by its row, and whether it is plausible
/// at all. Kana weigh most; level-2 kanji, symbols and extensions less; private use counts
/// against.
fn jis0208_weight(pointer: usize) -> (i64, bool) {
    match pointer {
        8836..=10715 => return (-4, false), // Shift_JIS user-defined area: private use
        10716.. => return (1, true),        // IBM extensions (kanji, a few symbols)
        _ => {}
    }
    let weight = match pointer / 94 + 1 {
        4 | 5 => 4,   // hiragana, katakana
        16..=47 => 3, // level-1 kanji
        1 => 2,       // punctuation 、。「」・ー
        _ => 1,       // symbols, alphanumerics, Greek, Cyrillic, NEC row 13, level-2 kanji
    };
    (weight, true)
}

/// How Japanese a half-width katakana `b` looks after `prev` (0: start or ASCII, 1: a two-byte
/// character, else the half-width byte before), beyond its base weight: a voiced mark ﾞ or ﾟ
/// after a kana that takes it is strong evidence, anywhere else evidence against, as is a small
/// kana or ｰ starting a run.
fn half_width_bonus(prev: u8, b: u8) -> i64 {
    match (prev, b) {
        (0xb3 | 0xb6..=0xc4 | 0xca..=0xce, 0xde) | (0xca..=0xce, 0xdf) => 3,
        (_, 0xde | 0xdf) => -2,
        (0 | 1, 0xa7..=0xb0) => -2,
        _ => 0,
    }
}

/// Shift_JIS (CP932) by the WHATWG decoder's grammar.
fn scan_shift_jis(bytes: &[u8]) -> Result<Stats, Failure> {
    let mut stats = Stats::default();
    // What came before: 0 (start, ASCII), 1 (a two-byte character) or a half-width byte.
    let mut prev = 0u8;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            // ASCII, and 0x80 as U+0080.
            0x00..=0x80 => {
                stats.code_point(u32::from(b));
                prev = 0;
                i += 1;
            }
            0xa1..=0xdf => {
                // Runs of half-width katakana sit among ASCII or each other; right after a
                // two-byte character they are more likely EUC-JP read as Shift_JIS.
                stats.chars += 1;
                stats.score += i64::from(prev != 1) + half_width_bonus(prev, b);
                prev = b;
                i += 1;
            }
            0x81..=0x9f | 0xe0..=0xfc => {
                let trail = bytes.get(i + 1).copied().unwrap_or(0);
                if !matches!(trail, 0x40..=0x7e | 0x80..=0xfc) {
                    return Err(Failure {
                        offset: i,
                        before: stats,
                    });
                }
                let lead_offset = if b < 0xa0 { 0x81 } else { 0xc1 };
                let trail_offset = if trail < 0x7f { 0x40 } else { 0x41 };
                let pointer = usize::from(b - lead_offset) * 188 + usize::from(trail - trail_offset);
                if !mapped(&JIS0208, pointer) {
                    return Err(Failure {
                        offset: i,
                        before: stats,
                    });
                }
                let (weight, is_plausible) = jis0208_weight(pointer);
                stats.legacy(weight, is_plausible);
                prev = 1;
                i += 2;
            }
            _ => {
                return Err(Failure {
                    offset: i,
                    before: stats,
                })
            }
        }
    }
    Ok(stats)
}

/// EUC-JP by the WHATWG decoder's grammar.
fn scan_euc_jp(bytes: &[u8]) -> Result<Stats, Failure> {
    let mut stats = Stats::default();
    let mut prev = 0u8; // as in `half_width_bonus`
    let mut i = 0;
    let byte = |i: usize| bytes.get(i).copied().unwrap_or(0);
    while i < bytes.len() {
        let b = bytes[i];
        let fail = Failure {
            offset: i,
            before: stats,
        };
        match b {
            0x00..=0x7f => {
                stats.code_point(u32::from(b));
                prev = 0;
                i += 1;
            }
            // Half-width katakana.
            0x8e => {
                let kana = byte(i + 1);
                if !(0xa1..=0xdf).contains(&kana) {
                    return Err(fail);
                }
                // Two bytes, weighed like a two-byte character.
                stats.legacy(2 + half_width_bonus(prev, kana), true);
                prev = kana;
                i += 2;
            }
            // JIS X 0212.
            0x8f => {
                let (lead, trail) = (byte(i + 1), byte(i + 2));
                if !(0xa1..=0xfe).contains(&lead) || !(0xa1..=0xfe).contains(&trail) {
                    return Err(fail);
                }
                let pointer = usize::from(lead - 0xa1) * 94 + usize::from(trail - 0xa1);
                if !mapped(&JIS0212, pointer) {
                    return Err(fail);
                }
                stats.legacy(1, true);
                prev = 1;
                i += 3;
            }
            0xa1..=0xfe => {
                let trail = byte(i + 1);
                if !(0xa1..=0xfe).contains(&trail) {
                    return Err(fail);
                }
                let pointer = usize::from(b - 0xa1) * 94 + usize::from(trail - 0xa1);
                if !mapped(&JIS0208, pointer) {
                    return Err(fail);
                }
                let (weight, is_plausible) = jis0208_weight(pointer);
                stats.legacy(weight, is_plausible);
                prev = 1;
                i += 2;
            }
            _ => return Err(fail),
        }
    }
    Ok(stats)
}

/// ISO-2022-JP by the WHATWG decoder's state machine (including its rule that two escape
/// sequences in a row, with no character between them, are an error).
fn scan_iso_2022_jp(bytes: &[u8]) -> Result<Stats, Failure> {
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum Mode {
        Ascii,
        Katakana,
        Double,
    }
    let mut stats = Stats::default();
    let mut mode = Mode::Ascii;
    // Whether the last thing read was an escape sequence (the spec's "output flag").
    let mut after_escape = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let fail = Failure {
            offset: i,
            before: stats,
        };
        if b == 0x1b {
            let next = match (bytes.get(i + 1), bytes.get(i + 2)) {
                (Some(b'('), Some(b'B' | b'J')) => Mode::Ascii,
                (Some(b'('), Some(b'I')) => Mode::Katakana,
                (Some(b'$'), Some(b'@' | b'B')) => Mode::Double,
                _ => return Err(fail),
            };
            if after_escape {
                return Err(fail);
            }
            mode = next;
            after_escape = true;
            i += 3;
            continue;
        }
        after_escape = false;
        match mode {
            Mode::Ascii if b <= 0x7f && b != 0x0e && b != 0x0f => {
                stats.code_point(u32::from(b));
                i += 1;
            }
            Mode::Katakana if (0x21..=0x5f).contains(&b) => {
                stats.legacy(1, true);
                i += 1;
            }
            Mode::Double if (0x21..=0x7e).contains(&b) => {
                let trail = bytes.get(i + 1).copied().unwrap_or(0);
                if !(0x21..=0x7e).contains(&trail) {
                    return Err(fail);
                }
                let pointer = usize::from(b - 0x21) * 94 + usize::from(trail - 0x21);
                if !mapped(&JIS0208, pointer) {
                    return Err(fail);
                }
                let (weight, is_plausible) = jis0208_weight(pointer);
                stats.legacy(weight, is_plausible);
                i += 2;
            }
            _ => return Err(fail),
        }
    }
    Ok(stats)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn rs(encoding: Encoding) -> &'static encoding_rs::Encoding {
        encoding_rs::Encoding::for_label(encoding.whatwg_name().as_bytes()).expect("WHATWG label")
    }

    fn encode(encoding: Encoding, text: &str) -> Vec<u8> {
        match encoding {
            Encoding::Utf16Le | Encoding::Utf16Be => text
                .encode_utf16()
                .flat_map(|u| {
                    if encoding == Encoding::Utf16Le {
                        u.to_le_bytes()
                    } else {
                        u.to_be_bytes()
                    }
                })
                .collect(),
            _ => {
                let (bytes, used, had_errors) = rs(encoding).encode(text);
                assert_eq!(used, rs(encoding));
                assert!(!had_errors, "{text:?} must be encodable in {encoding}");
                bytes.into_owned()
            }
        }
    }

    fn strictly(encoding: Encoding, bytes: &[u8]) -> Option<String> {
        rs(encoding)
            .decode_without_bom_handling_and_without_replacement(bytes)
            .map(|t| t.into_owned())
    }

    /// `text` in `encoding` is detected as that encoding (or one decoding to the same text).
    fn assert_detects(encoding: Encoding, text: &str) {
        let bytes = encode(encoding, text);
        let found = detect(&bytes).unwrap_or_else(|e| panic!("{encoding} {text:?}: {e}"));
        assert_eq!(found.bom_len, 0);
        if found.encoding != encoding {
            assert_eq!(
                strictly(found.encoding, &bytes).as_deref(),
                Some(text),
                "{encoding} {text:?} detected as {}",
                found.encoding
            );
        }
    }

    const LONG: &str = "北朝鮮の核実験と日米韓協力\r\n\r\n２０１６年９月、第５回目の核実験が行われた。\n「制裁」は続く（注１）。\nABC 123 ですね。\n";

    const SHORT: [&str; 8] = [
        "ひらがなだけのいちぎょう",
        "カタカナノタイトル",
        "日本国憲法",
        "核実験",
        "第三章　国民の権利及び義務",
        "Report on 北朝鮮 2016",
        "The G7 summit in 広島, May 2023.",
        "ﾃﾞｰﾀﾍﾞｰｽの説明",
    ];

    #[test]
    fn names_and_menu() {
        assert_eq!(Encoding::ALL.len(), 6);
        for e in Encoding::ALL {
            assert_eq!(Encoding::from_whatwg_name(e.whatwg_name()), Some(e));
            // The browser's TextDecoder takes the same labels as encoding_rs.
            assert_eq!(rs(e).name(), e.whatwg_name());
        }
        assert_eq!(Encoding::from_whatwg_name("latin1"), None);
    }

    #[test]
    fn empty_input_is_utf8() {
        assert_eq!(
            detect(b""),
            Ok(Detected {
                encoding: Encoding::Utf8,
                bom_len: 0
            })
        );
    }

    #[test]
    fn boms() {
        for (bom, encoding) in [
            (&b"\xEF\xBB\xBF"[..], Encoding::Utf8),
            (b"\xFF\xFE", Encoding::Utf16Le),
            (b"\xFE\xFF", Encoding::Utf16Be),
        ] {
            let mut bytes = bom.to_vec();
            bytes.extend(if encoding == Encoding::Utf8 {
                LONG.as_bytes().to_vec()
            } else {
                encode(encoding, LONG)
            });
            assert_eq!(
                detect(&bytes),
                Ok(Detected {
                    encoding,
                    bom_len: bom.len()
                })
            );
        }
    }

    #[test]
    fn every_encoding_long_and_short() {
        for encoding in Encoding::ALL {
            assert_detects(encoding, LONG);
            for text in SHORT {
                if encoding == Encoding::Iso2022Jp && text.contains('ﾃ') {
                    continue; // ISO-2022-JP's encoder writes half-width katakana as full-width
                }
                assert_detects(encoding, text);
            }
        }
    }

    #[test]
    fn legacy_encodings_are_told_apart() {
        for text in SHORT.into_iter().chain([LONG]) {
            for encoding in [Encoding::ShiftJis, Encoding::EucJp] {
                if text.is_ascii() {
                    continue;
                }
                let found = detect(&encode(encoding, text)).unwrap().encoding;
                assert!(
                    found == encoding || (found == Encoding::Utf8 && encoding == Encoding::ShiftJis),
                    "{text:?} in {encoding} detected as {found}"
                );
            }
        }
    }

    #[test]
    fn shift_jis_half_width_katakana() {
        // (Half-width katakana alone, in runs of even length and without voiced marks, e.g. ｶﾀｶﾅ,
        // are also valid EUC-JP kanji, and read as those: the override menu is there for that.)
        for text in ["ﾃﾞｰﾀﾍﾞｰｽ", "ｺﾝﾋﾟｭｰﾀ ｼｽﾃﾑ", "半角ｶﾅの文書です。ﾊﾟｿｺﾝ通信の時代。"]
        {
            let found = detect(&encode(Encoding::ShiftJis, text)).unwrap();
            assert_eq!(found.encoding, Encoding::ShiftJis, "{text:?}");
        }
    }

    #[test]
    fn cp932_extensions_are_shift_jis() {
        // NEC row 13 (①, ㈱, Ⅳ, ㍉, №), NEC-selected IBM extensions (row 89–92) and IBM ones (FA–FC).
        for text in [
            "①②③",
            "㈱山田商事",
            "Ⅳ号機と㍉単位、№５",
            "ⅰⅱⅲ",
            "纊褜鍈銈蓜",
            "髙橋さんと﨑",
        ] {
            assert_detects(Encoding::ShiftJis, text);
            let found = detect(&encode(Encoding::ShiftJis, text)).unwrap();
            assert_eq!(found.encoding, Encoding::ShiftJis, "{text:?}");
        }
    }

    #[test]
    fn euc_jp_jis_x_0212() {
        // 丂 and 丄 are in JIS X 0212 only: three bytes 8F xx xx in EUC-JP.
        // (encoding_rs, like the WHATWG encoder, writes none, so they are spelled out here.)
        let mut bytes = b"\x8f\xb0\xa1\x8f\xb0\xa4".to_vec();
        bytes.extend(encode(Encoding::EucJp, "の字は補助漢字です。"));
        assert_eq!(
            strictly(Encoding::EucJp, &bytes).as_deref(),
            Some("丂丌の字は補助漢字です。")
        );
        assert_eq!(detect(&bytes).unwrap().encoding, Encoding::EucJp);
        // (The two supplementary kanji alone are also valid Shift_JIS, and weigh more so.)
        // Half-width katakana are 8E xx in EUC-JP.
        assert_detects(Encoding::EucJp, "ｶﾀｶﾅとひらがな");
    }

    #[test]
    fn iso_2022_jp() {
        let bytes = encode(Encoding::Iso2022Jp, LONG);
        assert!(bytes.is_ascii());
        assert_eq!(detect(&bytes).unwrap().encoding, Encoding::Iso2022Jp);
        // Control characters around the escapes: binary, as for UTF-8.
        let mut controls = encode(Encoding::Iso2022Jp, "かな");
        controls.extend((1u8..9).cycle().take(50));
        assert_eq!(detect(&controls), Err(DecodeError::Binary));
        // An escape sequence that does not decode (two in a row) leaves plain ASCII text.
        assert_eq!(detect(b"a\x1b$B\x1b(Bb").unwrap().encoding, Encoding::Utf8);
    }

    #[test]
    fn utf16_without_bom() {
        for encoding in [Encoding::Utf16Le, Encoding::Utf16Be] {
            for text in [LONG, "日本語の文章です。北朝鮮の核実験について。", "ASCII only text"] {
                assert_eq!(detect(&encode(encoding, text)).unwrap().encoding, encoding, "{text:?}");
            }
        }
    }

    #[test]
    fn binary_headers_and_random_bytes() {
        let mut x: u32 = 99;
        let mut random = || {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            (x >> 16) as u8
        };
        let noise: Vec<u8> = (0..4096).map(|_| random()).collect();
        for header in [
            &b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"[..],
            b"PK\x03\x04\x14\0\0\0\x08\0",
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n",
            b"\x7fELF\x02\x01\x01\0",
            b"GIF89a\x01\0\x01\0",
        ] {
            let mut bytes = header.to_vec();
            bytes.extend(&noise);
            assert!(detect(&bytes).is_err(), "{header:?}");
        }
        assert_eq!(detect(&noise), Err(DecodeError::Binary));
        let no_nul: Vec<u8> = noise.iter().map(|b| b | 1).collect();
        assert!(detect(&no_nul).is_err());
        assert_eq!(detect(&[0, 0, 0, 0]), Err(DecodeError::Binary));
        let controls: Vec<u8> = (1u8..32).cycle().take(200).collect();
        assert_eq!(detect(&controls), Err(DecodeError::Binary));
    }

    #[test]
    fn damaged_legacy_text_is_malformed_there() {
        let mut bytes = encode(Encoding::ShiftJis, LONG);
        let at = bytes.len() - 3; // before the last 。
        bytes.insert(at, 0xFF);
        assert_eq!(
            detect(&bytes),
            Err(DecodeError::Malformed {
                encoding: "Shift_JIS",
                offset: at,
                line: Some(5)
            })
        );
        assert!(check(&bytes, Encoding::ShiftJis).is_err());
        assert_eq!(check(&encode(Encoding::EucJp, LONG), Encoding::EucJp), Ok(()));
    }

    /// The range lists agree with encoding_rs on every one- and two-byte sequence (and EUC-JP's
    /// three-byte JIS X 0212 codes).
    #[test]
    fn grammar_matches_encoding_rs_exhaustively() {
        for encoding in [Encoding::ShiftJis, Encoding::EucJp] {
            for a in 0..=255u8 {
                let one = [a];
                assert_eq!(
                    scan(encoding, &one).is_ok(),
                    strictly(encoding, &one).is_some(),
                    "{encoding} {one:x?}"
                );
                for b in 0..=255u8 {
                    let two = [a, b];
                    assert_eq!(
                        scan(encoding, &two).is_ok(),
                        strictly(encoding, &two).is_some(),
                        "{encoding} {two:x?}"
                    );
                }
            }
        }
        for a in 0..=255u8 {
            for b in 0..=255u8 {
                let three = [0x8f, a, b];
                let ok = strictly(Encoding::EucJp, &three).is_some();
                assert_eq!(scan_euc_jp(&three).is_ok(), ok, "{three:x?}");
                let jis = [0x1b, b'$', b'B', a, b];
                let ok = strictly(Encoding::Iso2022Jp, &jis).is_some();
                assert_eq!(scan_iso_2022_jp(&jis).is_ok(), ok, "{jis:x?}");
            }
        }
    }

    /// Japanese-looking text: kana, kanji (levels 1 and 2), punctuation, digits and some ASCII.
    fn japanese(min: usize) -> impl Strategy<Value = String> {
        let pool: Vec<char> = "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをんがぎぐげござじずぜぞだでどばびぶべぼぱぴぷぺぽゃゅょっ\
            アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲンガギグゲゴザジズゼゾダデドバビブベボパピプペポャュョッー\
            日本国人年月大中出地会自者上生時事学同方社分前政経済核実験協力制裁北朝鮮韓米首相外交防衛問題議論報告書第章節条項\
            亜唖娃阿哀愛挨姶逢葵茜穐悪握渥旭葦芦鯵梓圧斡扱宛姐虻飴絢綾鮎或粟袷安庵按暗案闇鞍杏\
            弌丐丕个丱丶丼丿乂乖乘亂亅豫亊舒弍于亞亟亠亢亰亳亶从仍仄仆仂仗仞仭仟价伉佚估\
            、。「」『』（）・…！？０１２３４５６７８９ＡＢＣ　\
            abcdefghijklmnopqrstuvwxyz0123456789 .,-\n"
            .chars()
            .collect();
        proptest::collection::vec(proptest::sample::select(pool), min..200).prop_map(|v| v.into_iter().collect())
    }

    proptest! {
        #[test]
        fn japanese_text_is_detected_in_every_encoding(text in japanese(20)) {
            for encoding in Encoding::ALL {
                let bytes = encode(encoding, &text);
                let found = detect(&bytes);
                prop_assert!(found.is_ok(), "{} {:?}: {:?}", encoding, text, found);
                let found = found.unwrap().encoding;
                prop_assert!(
                    found == encoding || strictly(found, &bytes).as_deref() == Some(text.as_str()),
                    "{} {:?} detected as {}", encoding, text, found
                );
            }
        }

        #[test]
        fn detected_encodings_decode_strictly(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            if let Ok(found) = detect(&bytes) {
                prop_assert!(strictly(found.encoding, &bytes[found.bom_len..]).is_some());
            }
        }
    }
}
