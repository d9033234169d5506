//! The fast normalisation path: fold, cut and hand words on in one pass.
//!
//! (From the text module docs:)
//!
//! Shamers disguise words (`b@d m0m`, `m*ther`, `S E L F I S H`, `terrrrible`,
//! `ＢＡＤ`), and the same stance is written many ways (`don't`, `dont`,
//! `do not`). Matching runs on a folded copy of the reply: ASCII lowercase,
//! disguises undone, contractions expanded, signal emoji turned into word
//! tokens (`emo_eyeroll`). Every byte of the folded copy remembers the span of
//! the original character(s) it came from, so a cue found in the copy is
//! reported at its place in the **original** text.
//!
//! Every pass is a single left-to-right scan, so the whole is linear in the
//! length of the reply.
//!
//! Nearly every reply (9,995 of the benchmark's 10,000) has nothing
//! disguised, and takes [`normalize_fast`]: one pass that folds, collapses
//! spaces, expands contractions and hands each word to the tokenizer as it
//! ends, with spans kept as runs rather than per byte. It gives up at the
//! first sign of a disguise, and [`normalize_full`] runs instead. Property
//! tests check the two agree on text, spans and words.

use super::{contractions::*, fold::*, spans::*, tokens::*};

// Byte classes for the fast path, one table lookup per byte.
pub(crate) const SPACE: u8 = 1;
pub(crate) const LETTER: u8 = 2;
pub(crate) const DIGIT: u8 = 4;
/// Symbols used as letters or masks, control characters.
pub(crate) const REPAIR: u8 = 8;
pub(crate) const APOSTROPHE: u8 = 16;
pub(crate) static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = match c {
            b' ' | b'\t' | b'\n' | b'\r' => SPACE,
            b'a'..=b'z' | b'A'..=b'Z' => LETTER,
            b'0'..=b'9' => DIGIT,
            b'\'' => APOSTROPHE,
            b'$' | b'*' | b'|' | b'_' | b'`' | 0x7f => REPAIR,
            c if c < 0x20 => REPAIR,
            _ => 0,
        };
        b += 1;
    }
    t
};

/// The common case: text with nothing disguised, whatever its emoji, quote
/// marks and dashes, folded in one pass that also hands each word to `sink`.
/// Characters are folded as [`fold_chars`] does, runs of spaces collapse,
/// contractions expand, and each word is checked as it ends. Returns `None`
/// (and the full path must run; `sink` has then seen part of the text) at
/// the first sign of anything to repair: symbols used as letters, digits
/// inside words, three letters alike in a row, single letters in a row, or
/// other characters inside a word. Tests check it agrees with the full path,
/// spans and words included.
pub fn normalize_fast<W: WordSink>(original: &str, sink: &mut W) -> Option<Normalized> {
    let mut out = Normalized::default();
    normalize_fast_into(original, sink, &mut out).then_some(out)
}

/// As [`normalize_fast`], into `out`'s buffers (their capacity kept from
/// reply to reply, so the common reply allocates nothing). On `false`,
/// `out` holds nothing of use.
pub fn normalize_fast_into<W: WordSink>(
    original: &str,
    sink: &mut W,
    out: &mut Normalized,
) -> bool {
    let mut text = std::mem::take(&mut out.text).into_bytes();
    text.clear();
    text.reserve(original.len() + 16);
    let mut spans = std::mem::take(&mut out.spans);
    spans.0.clear();
    let mut pass = FastPass {
        text,
        spans,
        identity_delta: NO_DELTA,
        single_letters: 0,
    };
    let done = fold_into(original, sink, &mut pass).is_some();
    out.spans = pass.spans;
    // Only ASCII was changed, and whole characters copied.
    match String::from_utf8(pass.text) {
        Ok(text) => {
            out.text = text;
            done
        }
        Err(e) => {
            let mut bytes = e.into_bytes();
            bytes.clear();
            out.text = String::from_utf8(bytes).unwrap_or_default();
            false
        }
    }
}

fn fold_into<W: WordSink>(original: &str, sink: &mut W, pass: &mut FastPass) -> Option<()> {
    let input = original.as_bytes();
    let mut word = FastWord::NONE;
    let mut i = 0;
    while i < input.len() {
        let b = input[i];
        if b < 0x80 {
            // The hot loop: one table lookup, one byte written, and the
            // open identity run of spans goes on by itself.
            let class = CLASS[b as usize];
            if class == SPACE {
                pass.end_word(&mut word, sink)?;
                if pass.text.last() != Some(&b' ') {
                    pass.push_identity(b' ', i);
                }
            } else {
                let folded = if class == LETTER { b | 0x20 } else { b };
                word.take(pass.text.len(), folded, class, pass.single_letters)?;
                pass.push_identity(folded, i);
                if class == LETTER {
                    i = pass.letter_run(input, i + 1, &mut word)?;
                    continue;
                }
            }
            i += 1;
            continue;
        }
        let c = original[i..].chars().next()?;
        let span = (i as u32, (i + c.len_utf8()) as u32);
        i = span.1 as usize;
        match fold_non_ascii(c) {
            Folded::Char(' ') => {
                pass.end_word(&mut word, sink)?;
                if pass.text.last() != Some(&b' ') {
                    pass.push(b' ', span);
                }
            }
            Folded::Char(ch) if ch.is_ascii() => {
                let b = ch as u8;
                let class = CLASS[b as usize];
                let folded = if class == LETTER { b | 0x20 } else { b };
                word.take(pass.text.len(), folded, class, pass.single_letters)?;
                pass.push(folded, span);
            }
            Folded::Char(ch) => {
                let mut buf = [0u8; 4];
                for &b in ch.encode_utf8(&mut buf).as_bytes() {
                    word.take(pass.text.len(), b, 0, pass.single_letters)?;
                    pass.push(b, span);
                }
            }
            Folded::Ellipsis => {
                for _ in 0..3 {
                    word.take(pass.text.len(), b'.', 0, pass.single_letters)?;
                    pass.push(b'.', span);
                }
            }
            Folded::Token(token) => {
                pass.end_word(&mut word, sink)?;
                if pass.text.last() != Some(&b' ') {
                    pass.push(b' ', span);
                }
                let start = pass.text.len();
                for &b in token.as_bytes() {
                    pass.push(b, span);
                }
                sink.word(&pass.text, start, pass.text.len());
                pass.push(b' ', span);
            }
            Folded::Dropped => {}
        }
    }
    pass.end_word(&mut word, sink)
}

/// No identity run is open.
pub(crate) const NO_DELTA: isize = isize::MIN;

/// The state of [`normalize_fast`].
pub(crate) struct FastPass {
    pub(crate) text: Vec<u8>,
    pub(crate) spans: SpanRuns,
    /// Original minus folded position in the open identity run of spans:
    /// an ASCII byte that keeps it needs no span written.
    pub(crate) identity_delta: isize,
    /// Words in a row that are a single letter: `s e l f` needs repair.
    pub(crate) single_letters: usize,
}

/// The word (a run of non-spaces) [`normalize_fast`] is reading. Its core
/// is from its first to its last letter or digit. Punctuation inside the
/// core (`c-section`, `mom/dad`) cuts it into *pieces*; the full path leaves
/// such a word as it is (unless its pieces are spaced letters, `s-e-l-f`),
/// so the fast path only has to check its pieces.
#[derive(Clone, Copy)]
pub(crate) struct FastWord {
    /// Where it starts in the folded text; `usize::MAX` between words.
    pub(crate) start: usize,
    /// `core_start == core_end` until a letter or digit comes.
    pub(crate) core_start: usize,
    pub(crate) core_end: usize,
    pub(crate) letters: bool,
    pub(crate) digits: bool,
    /// Punctuation since the last letter or digit.
    pub(crate) gap: bool,
    /// `@`, `#` or `!` since the last letter or digit: letters in disguise.
    pub(crate) gap_symbol: bool,
    /// Whether punctuation cuts the core into pieces.
    pub(crate) pieces: bool,
    /// Where the current piece starts, and whether with a letter.
    pub(crate) piece_start: usize,
    pub(crate) piece_letter: bool,
    /// Whether the first piece is a single letter.
    pub(crate) first_single: bool,
    /// Single-letter pieces in a row, the previous words' included.
    pub(crate) singles: usize,
    /// The last letter and how often it came in a row.
    pub(crate) repeat: (u8, u8),
}

impl FastWord {
    const NONE: FastWord = FastWord {
        start: usize::MAX,
        core_start: 0,
        core_end: 0,
        letters: false,
        digits: false,
        gap: false,
        gap_symbol: false,
        pieces: false,
        piece_start: 0,
        piece_letter: false,
        first_single: false,
        singles: 0,
        repeat: (0, 0),
    };

    /// Folded byte `b` of class `class` (not a space) goes at folded
    /// position `at`, after `singles` single-letter words in a row. `None`
    /// if the word needs the full path.
    #[inline(always)]
    pub(crate) fn take(&mut self, at: usize, b: u8, class: u8, singles: usize) -> Option<()> {
        if class == REPAIR {
            return None;
        }
        if self.start == usize::MAX {
            *self = FastWord {
                start: at,
                core_start: at,
                core_end: at,
                singles,
                ..FastWord::NONE
            };
        }
        if class & (LETTER | DIGIT) == 0 {
            self.repeat = (0, 0);
            self.gap |= class != APOSTROPHE;
            self.gap_symbol |= matches!(b, b'@' | b'#' | b'!');
            return Some(());
        }
        if self.core_end == self.core_start {
            self.core_start = at;
            self.piece_start = at;
            self.piece_letter = class == LETTER;
        } else if self.gap {
            self.next_piece(at, class)?;
        }
        self.core_end = at + 1;
        self.gap = false;
        if class == DIGIT {
            self.digits = true;
            self.repeat = (0, 0);
            return Some(());
        }
        self.letters = true;
        self.repeat = if self.repeat.0 == b {
            (b, self.repeat.1 + 1)
        } else {
            (b, 1)
        };
        if self.repeat.1 >= 3 {
            return None; // elongation
        }
        Some(())
    }

    /// A letter or digit after punctuation inside the word.
    #[cold]
    pub(crate) fn next_piece(&mut self, at: usize, class: u8) -> Option<()> {
        if self.gap_symbol {
            return None; // "b@d", "sh!t": symbols used as letters
        }
        let single = self.piece_single();
        self.count_single(single)?;
        if !self.pieces {
            self.first_single = single;
        }
        self.pieces = true;
        self.piece_start = at;
        self.piece_letter = class == LETTER;
        Some(())
    }

    pub(crate) fn piece_single(&self) -> bool {
        self.core_end - self.piece_start == 1 && self.piece_letter
    }

    /// Counts a piece; `None` once enough single letters in a row could be
    /// spaced-out letters (`s e l f`, `s-e-l-f`), which the full path joins.
    pub(crate) fn count_single(&mut self, single: bool) -> Option<()> {
        self.singles = if single { self.singles + 1 } else { 0 };
        (self.singles < crate::tuning::MIN_SPACED_LETTERS).then_some(())
    }
}

impl FastPass {
    /// A folded byte from original `span`.
    #[inline]
    pub(crate) fn push(&mut self, b: u8, span: (u32, u32)) {
        self.spans.push(self.text.len(), span);
        self.identity_delta = NO_DELTA;
        self.text.push(b);
    }

    /// The letters that follow a letter, from `input[i]` on, up to the next
    /// byte that is not one: all `FastWord::take` would do for each is count
    /// the same letter in a row, and the open identity run of spans goes on
    /// by itself. Returns where the run ends; `None` for an elongation.
    #[inline(always)]
    pub(crate) fn letter_run(
        &mut self,
        input: &[u8],
        from: usize,
        word: &mut FastWord,
    ) -> Option<usize> {
        let (mut last, mut count) = word.repeat;
        let mut i = from;
        while let Some(&b) = input.get(i) {
            if CLASS[b as usize] != LETTER {
                break;
            }
            let folded = b | 0x20;
            if folded == last {
                count += 1;
                if count >= 3 {
                    return None; // elongation
                }
            } else {
                (last, count) = (folded, 1);
            }
            i += 1;
        }
        self.text.extend(input[from..i].iter().map(|&b| b | 0x20));
        word.repeat = (last, count);
        word.core_end = self.text.len();
        Some(i)
    }

    /// A folded byte from original ASCII byte `i`.
    #[inline(always)]
    pub(crate) fn push_identity(&mut self, b: u8, i: usize) {
        let k = self.text.len();
        let delta = i as isize - k as isize;
        if delta != self.identity_delta {
            self.spans.push(k, (i as u32, i as u32 + 1));
            self.identity_delta = delta;
        }
        self.text.push(b);
    }

    /// Checks the word just read (if any), expands it if it is a
    /// contraction, and hands its core and the clause enders around it to
    /// `sink`.
    #[inline]
    pub(crate) fn end_word<W: WordSink>(
        &mut self,
        word: &mut FastWord,
        sink: &mut W,
    ) -> Option<()> {
        if word.start == usize::MAX {
            return Some(());
        }
        let mut word = std::mem::replace(word, FastWord::NONE);
        let end = self.text.len();
        let (a, b) = if word.core_end > word.core_start {
            (word.core_start, word.core_end)
        } else {
            (end, end)
        };
        let core_len = b - a;
        if a > word.start && matches!(self.text[a - 1], b'@' | b'#' | b'!') {
            return None; // leading symbols are handled by the full path
        }
        if word.letters && word.digits && !self.text[a].is_ascii_digit() {
            return None; // possible leetspeak
        }
        if word.pieces {
            // Kept as it is, so cut as the tokenizer cuts any text. Single
            // letters in a row, within or across words, may be spaced out.
            let last_single = word.piece_single();
            if (last_single && b < end) || (word.first_single && a > word.start) {
                return None;
            }
            word.count_single(last_single)?;
            self.single_letters = word.singles;
            cut_words(&self.text, word.start, end, sink);
            return Some(());
        }
        if core_len == 0 {
            self.single_letters = 0;
        } else {
            word.count_single(core_len == 1 && word.letters)?;
            self.single_letters = word.singles;
        }
        if b < end && core_len == 1 && end - word.start > 2 {
            return None; // "s.", "s..." may be spaced-out letters
        }
        // Around the core are only marks, of which the sink wants the clause
        // enders; the core is one word, or a contraction's words.
        self.enders(word.start, a, sink);
        let after = match contraction(&self.text[a..b]) {
            Some(expanded) => {
                self.expand(a, b, expanded);
                cut_words(&self.text, a, a + expanded.len(), sink);
                a + expanded.len()
            }
            None if core_len > 0 => {
                sink.word(&self.text, a, b);
                b
            }
            None => b,
        };
        self.enders(after, self.text.len(), sink);
        Some(())
    }

    /// The clause enders among the marks `text[from..to]`, for `sink`.
    #[inline]
    pub(crate) fn enders<W: WordSink>(&self, from: usize, to: usize, sink: &mut W) {
        for k in from..to {
            if crate::text::tokens::is_ender(self.text[k]) {
                sink.ender(k);
            }
        }
    }

    /// Replaces the core `a..b` of the word just read by `expanded`, each of
    /// its bytes standing for the whole original contraction.
    pub(crate) fn expand(&mut self, a: usize, b: usize, expanded: &str) {
        let whole = (self.spans.at(a).0, self.spans.at(b - 1).1);
        let tail: Vec<(u8, (u32, u32))> = (b..self.text.len())
            .map(|k| (self.text[k], self.spans.at(k)))
            .collect();
        self.text.truncate(a);
        self.spans.truncate(a);
        for &c in expanded.as_bytes() {
            self.push(c, whole);
        }
        for (c, span) in tail {
            self.push(c, span);
        }
    }
}
