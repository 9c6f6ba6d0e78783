//! Stable ids and fast maps: the one FNV-1a hash behind every id made from text (automatic
//! themes, cited sources, document slugs) and the FxHash maps of the term tables.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// 32-bit FNV-1a: a stable hash for ids (the same in every build and on every platform).
pub fn fnv1a(s: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in s.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// 64-bit FNV-1a: the hash that names a whole text (annotations key their document by it, see
/// `annotations::DocumentKey`), where 32 bits would collide too soon.
pub fn fnv1a64(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// [`fnv1a64`] of a text as 16 lower-case hex digits.
pub fn text_hash(s: &str) -> String {
    format!("{:016x}", fnv1a64(s))
}

/// `prefix-<8 hex digits>` of `key`: the id form of automatic themes, sources and documents.
pub fn hashed_id(prefix: &str, key: &str) -> String {
    format!("{prefix}-{:08x}", fnv1a(key))
}

/// A small fast hasher (FxHash) for the term maps: keys are short strings from local text, so
/// SipHash's protection against crafted keys buys nothing here and costs a third of the time.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]));
        }
        let mut last = [0u8; 8];
        let rest = chunks.remainder();
        last[..rest.len()].copy_from_slice(rest);
        self.add(u64::from_le_bytes(last) ^ bytes.len() as u64);
    }

    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }

    fn write_u32(&mut self, i: u32) {
        self.add(i as u64);
    }

    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A `HashMap` with [`FxHasher`].
pub type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_is_the_reference_function() {
        // Reference values of 32-bit FNV-1a.
        assert_eq!(fnv1a(""), 0x811c_9dc5);
        assert_eq!(fnv1a("a"), 0xe40c_292c);
        assert_eq!(hashed_id("term", "a"), "term-e40c292c");
        // Reference values of 64-bit FNV-1a.
        assert_eq!(fnv1a64(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64("a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(text_hash("a"), "af63dc4c8601ec8c");
    }
}
