//! The normalised reply's words and sentences, as the rules see them.

use super::words::*;
use crate::text::lists::{list, WordLists};
use crate::text::tokens::*;
use crate::tuning::*;

/// The normalised reply's words and sentences, for the rules.
pub struct TextView<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    /// The union of the tokens' flags.
    pub(crate) flags: u16,
    /// The reply as written.
    pub(crate) original: &'a str,
    /// The word lists of the reply's language.
    pub(crate) lists: &'a WordLists,
    // Computed on first use: most replies have no cue that needs them.
    pub(crate) shouted: std::cell::OnceCell<bool>,
    pub(crate) sarcasm: std::cell::OnceCell<bool>,
    pub(crate) mocking: std::cell::OnceCell<bool>,
    pub(crate) quoted: std::cell::OnceCell<bool>,
}

impl<'a> TextView<'a> {
    pub(crate) fn new(
        text: &'a str,
        original: &'a str,
        tokens: &'a [Token],
        flags: u16,
        lists: &'a WordLists,
    ) -> TextView<'a> {
        TextView {
            text,
            original,
            lists,
            tokens,
            flags,
            shouted: Default::default(),
            sarcasm: Default::default(),
            mocking: Default::default(),
            quoted: Default::default(),
        }
    }

    /// Whether the reply is written in capitals: enough letters, enough of
    /// them capitals. Worked out on first use.
    pub fn shouted(&self) -> bool {
        *self.shouted.get_or_init(|| {
            let bytes = self.original.as_bytes();
            // Branch-free, 32 bytes at a time into byte counters, so that it
            // vectorises; then other letters decoded, if there are any.
            let (mut letters, mut caps) = (0usize, 0usize);
            let chunks = bytes.chunks_exact(32);
            let tail = chunks.remainder();
            let count = |chunk: &[u8]| {
                let (mut l, mut c) = (0u8, 0u8);
                for &b in chunk {
                    l += ((b | 0x20).wrapping_sub(b'a') < 26) as u8;
                    c += (b.wrapping_sub(b'A') < 26) as u8;
                }
                (l as usize, c as usize)
            };
            for chunk in chunks.chain(std::iter::once(tail)) {
                let (l, c) = count(chunk);
                letters += l;
                caps += c;
            }
            if let Some(first) = bytes.iter().position(|&b| b >= 0xC0) {
                for (i, &b) in bytes.iter().enumerate().skip(first) {
                    if b < 0xC0 {
                        continue;
                    }
                    let c = self.original[i..].chars().next().unwrap_or(' ');
                    if c.is_alphabetic() {
                        letters += 1;
                        caps += c.is_uppercase() as usize;
                    }
                }
            }
            letters >= CAPS_MIN_LETTERS && caps as f32 >= CAPS_MIN_RATIO * letters as f32
        })
    }

    pub fn sarcasm(&self) -> bool {
        *self.sarcasm.get_or_init(|| {
            self.flags & flag::SARCASM != 0
                || self
                    .lists
                    .list(list::SARCASM_PHRASE)
                    .iter()
                    .any(|m| contains_phrase(self.text, m))
        })
    }

    pub fn mocking(&self) -> bool {
        *self.mocking.get_or_init(|| {
            self.flags & flag::MOCKING_HINT != 0
                && self.lists.mocking_phrases().iter().any(|phrase| {
                    self.tokens.windows(phrase.len()).any(|w| {
                        w.iter()
                            .zip(phrase.iter())
                            .all(|(t, p)| &self.text[t.start as usize..t.end as usize] == *p)
                    })
                })
        })
    }

    pub(crate) fn has_context(&self) -> bool {
        self.flags & flag::CONTEXT != 0
            || (self.flags & flag::AGE_UNIT != 0 && (0..self.tokens.len()).any(|t| self.is_age(t)))
    }

    /// "year" in "a 7 year old".
    pub(crate) fn is_age(&self, t: usize) -> bool {
        self.is(t, flag::AGE_UNIT)
            && t + 1 < self.tokens.len()
            && self.lists.has(list::AGE_AFTER, self.word(t + 1))
    }

    pub(crate) fn word(&self, t: usize) -> &str {
        let tok = &self.tokens[t];
        &self.text[tok.start as usize..tok.end as usize]
    }

    pub(crate) fn is(&self, t: usize, f: u16) -> bool {
        self.tokens[t].flags & f != 0
    }

    /// Index of the first token ending after byte `pos`.
    pub(crate) fn token_at(&self, pos: usize) -> usize {
        self.tokens.partition_point(|t| t.end as usize <= pos)
    }

    /// Tokens before `first` within `window`, in the same sentence.
    pub(crate) fn before(&self, first: usize, window: usize) -> std::ops::Range<usize> {
        let lo = first.saturating_sub(window);
        let sent = self.sentence_of(first);
        let mut s = first;
        while s > lo && self.sentence_of(s - 1) == sent {
            s -= 1;
        }
        s..first
    }

    pub(crate) fn sentence_of(&self, t: usize) -> Option<u32> {
        self.tokens.get(t).map(|t| t.sentence)
    }
}

pub(crate) fn contains_phrase(text: &str, phrase: &str) -> bool {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(p) = text[from..].find(phrase) {
        let s = from + p;
        let e = s + phrase.len();
        let left_ok = s == 0 || !is_word_byte(bytes[s - 1]) || !is_word_byte(phrase.as_bytes()[0]);
        let right_ok = e >= bytes.len()
            || !is_word_byte(bytes[e])
            || !is_word_byte(phrase.as_bytes()[phrase.len() - 1]);
        if left_ok && right_ok {
            return true;
        }
        from = s + 1;
    }
    false
}
