//! Cutting the folded text into words: [`Token`]s with word ids, flags and
//! sentence numbers.

use super::vocab::*;

/// Receives the words of the folded text as the fast path finds them, so the
/// matcher's tokens need no second scan: each word (`text[start..end]`, no
/// leading or trailing `'`) and each clause ender (`. ! ? ;`) outside words,
/// in text order. [`crate::text::tokens::tokenize`] cuts the full path's text into
/// the same calls; a test checks both give the same tokens.
pub trait WordSink {
    fn word(&mut self, text: &[u8], start: usize, end: usize);
    fn ender(&mut self, at: usize);
}

/// A sink for callers that want only the text.
pub struct NoWords;

impl WordSink for NoWords {
    fn word(&mut self, _: &[u8], _: usize, _: usize) {}
    fn ender(&mut self, _: usize) {}
}

/// Hands the words (runs of letters, digits, `'` and `_`, without leading or
/// trailing `'`) and clause enders of `text[from..to]` to `sink`.
pub fn cut_words<W: WordSink>(text: &[u8], from: usize, to: usize, sink: &mut W) {
    let mut i = from;
    while i < to {
        let b = text[i];
        if !crate::text::tokens::is_word_byte(b) {
            if crate::text::tokens::is_ender(b) {
                sink.ender(i);
            }
            i += 1;
            continue;
        }
        let mut start = i;
        while i < to && crate::text::tokens::is_word_byte(text[i]) {
            i += 1;
        }
        let mut end = i;
        while start < end && text[start] == b'\'' {
            start += 1;
        }
        while end > start && text[end - 1] == b'\'' {
            end -= 1;
        }
        if start < end {
            sink.word(text, start, end);
        }
    }
}

/// One word of the normalised reply.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Token {
    /// Byte range in the normalised text.
    pub start: u32,
    pub end: u32,
    /// [`NO_WORD`] if neither the lexicon nor the rules know it.
    pub word: u32,
    /// The word's [`crate::text::hash::word_hash`], worked out for the
    /// lookup and kept for the model's features.
    pub hash: u64,
    pub flags: u16,
    /// Sentence number: clause enders (`. ! ? ;`) start a new one.
    pub sentence: u32,
    /// Where the last clause ender between the previous token and this one
    /// is, if any: a pattern may step over it only by matching it.
    pub(crate) ender: u32,
}

/// Letters, digits, `'` and `_`, as a table: tested for every byte.
pub(crate) static WORD_BYTES: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric() || c == b'\'' || c == b'_';
        b += 1;
    }
    t
};

#[inline]
pub fn is_word_byte(b: u8) -> bool {
    WORD_BYTES[b as usize]
}

pub fn is_ender(b: u8) -> bool {
    matches!(b, b'.' | b'!' | b'?' | b';')
}

/// Cuts normalised `text` into tokens (runs of letters, digits, `'` and `_`,
/// without leading or trailing `'`), appending to `out`. Returns the union of
/// the tokens' flags. The fast path of normalisation makes the same tokens as
/// it folds ([`crate::text::fast::normalize_fast`] with a [`TokenWriter`]);
/// this is for the text of the full path.
pub fn tokenize(text: &str, vocab: &Vocab, out: &mut Vec<Token>) -> u16 {
    let mut writer = TokenWriter::new(vocab, out);
    crate::text::tokens::cut_words(text.as_bytes(), 0, text.len(), &mut writer);
    writer.flags
}

/// Whether `word` holds a `'`: for a word of up to 8 bytes (nearly all),
/// one test on its bytes as an integer rather than a scan, since every word
/// of a reply is asked (callgrind, bench corpus: 0.5% of scoring saved).
#[inline(always)]
pub(crate) fn has_apostrophe(w: &[u8]) -> bool {
    // A zero byte of `x ^ 0x27…` is a `'`.
    const fn has_zero_byte(x: u64, ones: u64) -> bool {
        x.wrapping_sub(ones) & !x & (ones << 7) != 0
    }
    const Q: u64 = 0x2727_2727_2727_2727;
    const ONES: u64 = 0x0101_0101_0101_0101;
    let n = w.len();
    match n {
        0 => false,
        1..=3 => w[0] == b'\'' || w[n / 2] == b'\'' || w[n - 1] == b'\'',
        4..=7 => {
            // Two overlapping 4-byte reads cover every byte.
            let lo = u32::from_le_bytes([w[0], w[1], w[2], w[3]]) as u64;
            let hi = u32::from_le_bytes([w[n - 4], w[n - 3], w[n - 2], w[n - 1]]) as u64;
            has_zero_byte((lo | hi << 32) ^ Q, ONES)
        }
        8 => has_zero_byte(
            u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]) ^ Q,
            ONES,
        ),
        _ => w.contains(&b'\''),
    }
}

/// Turns words into [`Token`]s: looks each up in the vocabulary and numbers
/// sentences. A possessive the vocabulary does not hold counts as its stem:
/// `woman's` is `woman`.
pub struct TokenWriter<'a> {
    pub(crate) vocab: &'a Vocab,
    pub(crate) out: &'a mut Vec<Token>,
    /// The union of the tokens' flags.
    pub flags: u16,
    pub(crate) sentence: u32,
    pub(crate) last_ender: u32,
}

impl<'a> TokenWriter<'a> {
    pub fn new(vocab: &'a Vocab, out: &'a mut Vec<Token>) -> TokenWriter<'a> {
        TokenWriter {
            vocab,
            out,
            flags: 0,
            sentence: 0,
            last_ender: NO_ENDER,
        }
    }
}

impl WordSink for TokenWriter<'_> {
    #[inline]
    fn word(&mut self, text: &[u8], start: usize, end: usize) {
        let word = &text[start..end];
        let possessive = has_apostrophe(word);
        let stem = |word: &[u8]| {
            if !possessive {
                return None;
            }
            let apostrophe = word.iter().position(|&b| b == b'\'')?;
            self.vocab.get_bytes(&word[..apostrophe])
        };
        let head = crate::text::hash::pack8(word);
        let hash = crate::text::hash::word_hash(word, head);
        let (word, flags) = match self.vocab.get_hashed(word, head, hash) {
            // A possessive the lexicon names ("baby's") has its stem's rule
            // flags: it is as much about a child.
            Some(id) => (
                id,
                self.vocab.flags[id as usize]
                    | stem(word).map_or(0, |s| self.vocab.flags[s as usize]),
            ),
            None => match stem(word) {
                Some(id) => (id, self.vocab.flags[id as usize]),
                None => (NO_WORD, 0),
            },
        };
        self.flags |= flags;
        self.out.push(Token {
            start: start as u32,
            end: end as u32,
            word,
            hash,
            flags,
            sentence: self.sentence,
            ender: self.last_ender,
        });
        self.last_ender = NO_ENDER;
    }

    #[inline]
    fn ender(&mut self, at: usize) {
        self.sentence += 1;
        self.last_ender = at as u32;
    }
}
