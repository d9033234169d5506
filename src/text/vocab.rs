//! The words the lexicon and the rules know: as dense ids with rule flags
//! ([`Vocab`], looked up for every word of a reply), and as a set for the
//! repairs of the full normalisation path ([`WordSet`]).

use super::hash::*;

/// The word id of a token no pattern or rule knows.
pub const NO_WORD: u32 = u32::MAX;
pub(crate) const NO_ENDER: u32 = u32::MAX;

/// Every word the lexicon and the rules know, as a dense id, with the rule
/// flags of each (see [`crate::rules::words::flag`]).
///
/// Every word of every reply is looked up here, so it is its own hash table:
/// open addressing, at most half full. A slot holds the word's first 8 bytes
/// as an integer and its length, so a word of up to 8 bytes (nearly all) is
/// hashed and compared without a loop or a call. Measured with callgrind on
/// the benchmark corpus: 112 instructions per lookup with a `HashMap`, about
/// 74 with this (the call included).
#[derive(Default)]
pub struct Vocab {
    pub(crate) words: Vec<Box<str>>,
    pub(crate) flags: Vec<u16>,
    pub(crate) slots: Vec<Slot>,
}

#[derive(Clone, Copy, Default)]
pub(crate) struct Slot {
    /// The word's first 8 bytes, as [`pack8`] reads them.
    pub(crate) head: u64,
    pub(crate) len: u32,
    /// The id plus one; 0 is an empty slot.
    pub(crate) id: u32,
}

impl Vocab {
    pub fn intern(&mut self, word: &str) -> u32 {
        if let Some(id) = self.get(word) {
            return id;
        }
        let id = self.words.len() as u32;
        self.words.push(word.into());
        self.flags.push(0);
        if self.words.len() * 2 > self.slots.len() {
            let size = (self.words.len() * 4).next_power_of_two().max(64);
            self.slots = vec![Slot::default(); size];
            for id in 0..self.words.len() {
                self.place(id as u32);
            }
        } else {
            self.place(id);
        }
        id
    }

    pub(crate) fn place(&mut self, id: u32) {
        let word = self.words[id as usize].as_bytes();
        let head = pack8(word);
        let len = word.len() as u32;
        let mut i = self.home(word_hash(word, head));
        let mask = self.slots.len() - 1;
        while self.slots[i].id != 0 {
            i = (i + 1) & mask;
        }
        self.slots[i] = Slot {
            head,
            len,
            id: id + 1,
        };
    }

    /// The slot a word's probe starts at: the hash's top bits, which the
    /// multiply mixes best.
    #[inline(always)]
    pub(crate) fn home(&self, hash: u64) -> usize {
        let bits = self.slots.len().trailing_zeros();
        (hash >> (64 - bits)) as usize
    }

    #[cfg(test)]
    pub(crate) fn from_words<'w>(words: impl IntoIterator<Item = &'w str>) -> Vocab {
        let mut vocab = Vocab::default();
        for w in words {
            vocab.add_flags(w, 1);
        }
        vocab
    }

    pub fn add_flags(&mut self, word: &str, flags: u16) {
        let id = self.intern(word);
        self.flags[id as usize] |= flags;
    }

    pub fn get(&self, word: &str) -> Option<u32> {
        self.get_bytes(word.as_bytes())
    }

    #[inline]
    pub fn get_bytes(&self, word: &[u8]) -> Option<u32> {
        let head = pack8(word);
        self.get_hashed(word, head, word_hash(word, head))
    }

    /// [`Vocab::get_bytes`] with the word's [`pack8`] and [`word_hash`]
    /// already worked out (the tokenizer keeps the hash for the model).
    #[inline(always)]
    pub(crate) fn get_hashed(&self, word: &[u8], head: u64, hash: u64) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let len = word.len() as u32;
        let mut i = self.home(hash);
        let mask = self.slots.len() - 1;
        loop {
            let slot = self.slots[i];
            if slot.id == 0 {
                return None;
            }
            if slot.head == head
                && slot.len == len
                && (len <= 8 || self.words[slot.id as usize - 1].as_bytes() == word)
            {
                return Some(slot.id - 1);
            }
            i = (i + 1) & mask;
        }
    }

    pub fn word(&self, id: u32) -> &str {
        &self.words[id as usize]
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// Words the lexicon knows. Masked and elongated words are repaired only into
/// one of these, so `m*ther` becomes `mother` but a stray `*` stays what it is.
pub trait Vocabulary {
    fn contains(&self, word: &str) -> bool;
    /// The known words of exactly this many bytes, for mask repair.
    fn words_of_len(&self, len: usize) -> &[String];
}

/// A vocabulary backed by a set, bucketed by length for mask repair.
#[derive(Debug, Default, Clone)]
pub struct WordSet {
    /// The words by length, each bucket sorted and without repeats once
    /// [`WordSet::finish`] has run: one string per word, and a lookup is a
    /// binary search in one bucket (only the full normalisation path looks
    /// words up, for a few replies in a thousand).
    pub(crate) by_len: Vec<Vec<String>>,
}

impl WordSet {
    pub fn insert(&mut self, word: &str) {
        if word.is_empty() || word.len() > crate::tuning::MAX_WORD_BYTES {
            return;
        }
        if self.by_len.len() <= word.len() {
            self.by_len.resize(word.len() + 1, Vec::new());
        }
        self.by_len[word.len()].push(word.to_string());
    }

    /// Sorts each bucket (so mask repair is deterministic) and drops repeats.
    pub fn finish(&mut self) {
        for bucket in &mut self.by_len {
            bucket.sort_unstable();
            bucket.dedup();
        }
    }

    pub fn len(&self) -> usize {
        self.by_len.iter().map(Vec::len).sum()
    }

    /// The words, a bucket per length.
    pub fn buckets(&self) -> &[Vec<String>] {
        &self.by_len
    }

    pub fn is_empty(&self) -> bool {
        self.by_len.iter().all(Vec::is_empty)
    }
}

impl Vocabulary for WordSet {
    fn contains(&self, word: &str) -> bool {
        self.words_of_len(word.len())
            .binary_search_by(|w| w.as_str().cmp(word))
            .is_ok()
    }
    fn words_of_len(&self, len: usize) -> &[String] {
        self.by_len.get(len).map(|v| v.as_slice()).unwrap_or(&[])
    }
}
