//! The word hash, and hash maps keyed by words.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

/// A hash map keyed by words (the lexicon's and the contractions).
pub(crate) type WordMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHash>>;

/// The hash of the word maps: [`word_hash`], since every word of the
/// lexicon is hashed at start-up. Only lexicon words (the user's included)
/// and contractions are ever inserted, so a reply cannot collide keys.
#[derive(Default)]
pub(crate) struct WordHash(u64);

impl std::hash::Hasher for WordHash {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = (self.0.rotate_left(5) ^ word_hash(bytes, pack8(bytes))).wrapping_mul(WORD_HASH_K);
    }
    fn write_u8(&mut self, b: u8) {
        self.0 = (self.0.rotate_left(5) ^ b as u64).wrapping_mul(WORD_HASH_K);
    }
}

pub(crate) const WORD_HASH_K: u64 = 0x9E37_79B9_7F4A_7C15;

/// Up to the first 8 bytes of `w`, little-endian, zero-padded, read without
/// a loop (overlapping reads for 4 to 7 bytes).
#[inline(always)]
pub(crate) const fn pack8(w: &[u8]) -> u64 {
    pack_at(w, 0, if w.len() < 8 { w.len() } else { 8 })
}

/// [`pack8`] of `w[at..at + n]`, `n` ≤ 8, as a const fn (no range slicing).
#[inline(always)]
const fn pack_at(w: &[u8], at: usize, n: usize) -> u64 {
    let w = w.split_at(at).1;
    if n >= 8 {
        u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]])
    } else if n >= 4 {
        let lo = u32::from_le_bytes([w[0], w[1], w[2], w[3]]) as u64;
        let hi = u32::from_le_bytes([w[n - 4], w[n - 3], w[n - 2], w[n - 1]]) as u64;
        lo | hi << (8 * (n - 4))
    } else if n > 0 {
        w[0] as u64 | (w[n / 2] as u64) << (8 * (n / 2)) | (w[n - 1] as u64) << (8 * (n - 1))
    } else {
        0
    }
}

/// Multiply-rotate hash over [`pack8`] (`head`, which the vocabulary has
/// already read) and, for longer words, the rest in 8-byte steps. The one
/// word hash: the vocabulary, the word maps and the model's features
/// ([`crate::model::weights::word_hash`]) all use it.
#[inline(always)]
pub(crate) const fn word_hash(w: &[u8], head: u64) -> u64 {
    let mut h = (head ^ (w.len() as u64).rotate_right(8)).wrapping_mul(WORD_HASH_K);
    let mut i = 8;
    while i < w.len() {
        let n = if w.len() - i < 8 { w.len() - i } else { 8 };
        h = (h.rotate_left(23) ^ pack_at(w, i, n)).wrapping_mul(WORD_HASH_K);
        i += n;
    }
    h
}
