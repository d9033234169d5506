//! Normalisation: the text the lexicon is matched against.
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

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

/// One character of the folded text and the original UTF-8 span it stands for.
#[derive(Clone, Copy, Debug)]
struct Unit {
    ch: char,
    start: u32,
    end: u32,
}

/// The folded text, and where each of its bytes came from in the original.
#[derive(Debug, Clone)]
pub struct Normalized {
    pub text: String,
    spans: SpanRuns,
}

impl Normalized {
    /// The original UTF-8 byte range covered by folded bytes `start..end`.
    pub fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        debug_assert!(start < end && end <= self.text.len());
        let first = self.spans.at(start);
        let last = self.spans.at(end - 1);
        (first.0 as usize, (last.1.max(first.0)) as usize)
    }

    /// The original span of every folded byte, for tests.
    #[cfg(test)]
    fn byte_spans(&self) -> Vec<(u32, u32)> {
        (0..self.text.len()).map(|k| self.spans.at(k)).collect()
    }
}

/// The original span of each folded byte, stored as runs rather than a span
/// per byte: an *identity* run maps folded byte `norm + d` to original byte
/// `start + d`, a *fixed* run maps all its bytes to `start..end` (a folded
/// non-ASCII character, an expanded contraction, an emoji's token). Plain
/// text is one run, so the common case writes a few runs, not 8 bytes of
/// span for every byte of the reply.
#[derive(Debug, Clone, Default)]
struct SpanRuns(Vec<SpanRun>);

#[derive(Debug, Clone, Copy)]
struct SpanRun {
    norm: u32,
    start: u32,
    /// [`IDENTITY`] for an identity run.
    end: u32,
}

const IDENTITY: u32 = u32::MAX;

impl SpanRuns {
    /// Records that folded byte `k` (the next one) came from `span`.
    #[inline]
    fn push(&mut self, k: usize, span: (u32, u32)) {
        let (k, (start, end)) = (k as u32, span);
        if let Some(last) = self.0.last() {
            let continues = if last.end == IDENTITY {
                end == start + 1 && last.start + (k - last.norm) == start
            } else {
                last.start == start && last.end == end
            };
            if continues {
                return;
            }
        }
        let end = if end == start + 1 { IDENTITY } else { end };
        self.0.push(SpanRun {
            norm: k,
            start,
            end,
        });
    }

    fn at(&self, k: usize) -> (u32, u32) {
        let i = self.0.partition_point(|r| r.norm as usize <= k) - 1;
        let r = self.0[i];
        if r.end == IDENTITY {
            let o = r.start + (k as u32 - r.norm);
            (o, o + 1)
        } else {
            (r.start, r.end)
        }
    }

    /// Forgets the spans of folded bytes `k..`.
    fn truncate(&mut self, k: usize) {
        while self.0.last().is_some_and(|r| r.norm as usize >= k) {
            self.0.pop();
        }
    }
}

/// Words the lexicon knows. Masked and elongated words are repaired only into
/// one of these, so `m*ther` becomes `mother` but a stray `*` stays what it is.
pub trait Vocabulary {
    fn contains(&self, word: &str) -> bool;
    /// The known words of exactly this many bytes, for mask repair.
    fn words_of_len(&self, len: usize) -> &[String];
}

/// Receives the words of the folded text as the fast path finds them, so the
/// matcher's tokens need no second scan: each word (`text[start..end]`, no
/// leading or trailing `'`) and each clause ender (`. ! ? ;`) outside words,
/// in text order. [`crate::matcher::tokenize`] cuts the full path's text into
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

/// Folds `original` for matching. See the module docs.
pub fn normalize(original: &str, vocab: &dyn Vocabulary) -> Normalized {
    normalize_fast(original, &mut NoWords).unwrap_or_else(|| normalize_full(original, vocab))
}

/// Every repair, for text the fast path declined.
pub fn normalize_full(original: &str, vocab: &dyn Vocabulary) -> Normalized {
    let units = fold_chars(original);
    let units = join_spaced_letters(units);
    let units = repair_tokens(units, vocab);
    let mut text = String::with_capacity(units.len());
    let mut spans = SpanRuns::default();
    for u in units {
        for _ in 0..u.ch.len_utf8() {
            spans.push(text.len(), (u.start, u.end));
        }
        text.push(u.ch);
    }
    Normalized { text, spans }
}

// Byte classes for the fast path, one table lookup per byte.
const SPACE: u8 = 1;
const LETTER: u8 = 2;
const DIGIT: u8 = 4;
/// Symbols used as letters or masks, control characters.
const REPAIR: u8 = 8;
const APOSTROPHE: u8 = 16;
static CLASS: [u8; 256] = {
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
    let input = original.as_bytes();
    let mut pass = FastPass {
        text: Vec::with_capacity(input.len() + 16),
        spans: SpanRuns::default(),
        identity_delta: NO_DELTA,
        single_letters: 0,
    };
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
    pass.end_word(&mut word, sink)?;
    // Only ASCII was changed, and whole characters copied.
    let text = String::from_utf8(pass.text).ok()?;
    Some(Normalized {
        text,
        spans: pass.spans,
    })
}

/// No identity run is open.
const NO_DELTA: isize = isize::MIN;

/// The state of [`normalize_fast`].
struct FastPass {
    text: Vec<u8>,
    spans: SpanRuns,
    /// Original minus folded position in the open identity run of spans:
    /// an ASCII byte that keeps it needs no span written.
    identity_delta: isize,
    /// Words in a row that are a single letter: `s e l f` needs repair.
    single_letters: usize,
}

/// The word (a run of non-spaces) [`normalize_fast`] is reading. Its core
/// is from its first to its last letter or digit. Punctuation inside the
/// core (`c-section`, `mom/dad`) cuts it into *pieces*; the full path leaves
/// such a word as it is (unless its pieces are spaced letters, `s-e-l-f`),
/// so the fast path only has to check its pieces.
#[derive(Clone, Copy)]
struct FastWord {
    /// Where it starts in the folded text; `usize::MAX` between words.
    start: usize,
    /// `core_start == core_end` until a letter or digit comes.
    core_start: usize,
    core_end: usize,
    letters: bool,
    digits: bool,
    /// Punctuation since the last letter or digit.
    gap: bool,
    /// `@`, `#` or `!` since the last letter or digit: letters in disguise.
    gap_symbol: bool,
    /// Whether punctuation cuts the core into pieces.
    pieces: bool,
    /// Where the current piece starts, and whether with a letter.
    piece_start: usize,
    piece_letter: bool,
    /// Whether the first piece is a single letter.
    first_single: bool,
    /// Single-letter pieces in a row, the previous words' included.
    singles: usize,
    /// The last letter and how often it came in a row.
    repeat: (u8, u8),
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
    fn take(&mut self, at: usize, b: u8, class: u8, singles: usize) -> Option<()> {
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
    fn next_piece(&mut self, at: usize, class: u8) -> Option<()> {
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

    fn piece_single(&self) -> bool {
        self.core_end - self.piece_start == 1 && self.piece_letter
    }

    /// Counts a piece; `None` once enough single letters in a row could be
    /// spaced-out letters (`s e l f`, `s-e-l-f`), which the full path joins.
    fn count_single(&mut self, single: bool) -> Option<()> {
        self.singles = if single { self.singles + 1 } else { 0 };
        (self.singles < crate::tuning::MIN_SPACED_LETTERS).then_some(())
    }
}

impl FastPass {
    /// A folded byte from original `span`.
    #[inline]
    fn push(&mut self, b: u8, span: (u32, u32)) {
        self.spans.push(self.text.len(), span);
        self.identity_delta = NO_DELTA;
        self.text.push(b);
    }

    /// A folded byte from original ASCII byte `i`.
    #[inline(always)]
    fn push_identity(&mut self, b: u8, i: usize) {
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
    fn end_word<W: WordSink>(&mut self, word: &mut FastWord, sink: &mut W) -> Option<()> {
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
    fn enders<W: WordSink>(&self, from: usize, to: usize, sink: &mut W) {
        for k in from..to {
            if crate::matcher::is_ender(self.text[k]) {
                sink.ender(k);
            }
        }
    }

    /// Replaces the core `a..b` of the word just read by `expanded`, each of
    /// its bytes standing for the whole original contraction.
    fn expand(&mut self, a: usize, b: usize, expanded: &str) {
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
/// Hands the words (runs of letters, digits, `'` and `_`, without leading or
/// trailing `'`) and clause enders of `text[from..to]` to `sink`.
pub fn cut_words<W: WordSink>(text: &[u8], from: usize, to: usize, sink: &mut W) {
    let mut i = from;
    while i < to {
        let b = text[i];
        if !crate::matcher::is_word_byte(b) {
            if crate::matcher::is_ender(b) {
                sink.ender(i);
            }
            i += 1;
            continue;
        }
        let mut start = i;
        while i < to && crate::matcher::is_word_byte(text[i]) {
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

/// What one original character folds to.
enum Folded {
    Char(char),
    /// `…`: three full stops.
    Ellipsis,
    /// A signal emoji's word token, with a space either side.
    Token(&'static str),
    Dropped,
}

/// Case, spaces and the backtick, for one ASCII byte.
const fn fold_ascii(b: u8) -> u8 {
    match b {
        b if b.is_ascii_whitespace() || b.is_ascii_control() => b' ',
        b'`' => b'\'',
        b => b.to_ascii_lowercase(),
    }
}

/// Compatibility folding, homoglyphs, invisible characters, quotes and
/// dashes, signal emoji, for one non-ASCII character.
fn fold_non_ascii(c: char) -> Folded {
    if let Some(token) = emoji_token(c) {
        return Folded::Token(token);
    }
    match c {
        // Invisible characters used to split words: dropped.
        '\u{00AD}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{FEFF}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{E0100}'..='\u{E01EF}' => Folded::Dropped,
        // Combining marks (accents typed separately, Zalgo text): dropped.
        '\u{0300}'..='\u{036F}' => Folded::Dropped,
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' | '\u{00B4}' => Folded::Char('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{2033}' | '\u{00AB}' | '\u{00BB}' => {
            Folded::Char('"')
        }
        '\u{2010}'..='\u{2015}' | '\u{2212}' => Folded::Char('-'),
        '\u{2026}' => Folded::Ellipsis,
        c if c.is_whitespace() || c.is_control() => Folded::Char(' '),
        c => Folded::Char(fold_char(c).to_ascii_lowercase()),
    }
}

/// Per character: [`fold_ascii`] and [`fold_non_ascii`], with each
/// character's original byte span.
fn fold_chars(original: &str) -> Vec<Unit> {
    let mut out = Vec::with_capacity(original.len());
    for (i, c) in original.char_indices() {
        let (start, end) = (i as u32, (i + c.len_utf8()) as u32);
        let folded = if c.is_ascii() {
            Folded::Char(fold_ascii(c as u8) as char)
        } else {
            fold_non_ascii(c)
        };
        match folded {
            Folded::Char(ch) => out.push(Unit { ch, start, end }),
            Folded::Ellipsis => out.extend(
                [Unit {
                    ch: '.',
                    start,
                    end,
                }; 3],
            ),
            Folded::Token(token) => {
                out.push(Unit {
                    ch: ' ',
                    start,
                    end,
                });
                out.extend(token.chars().map(|ch| Unit { ch, start, end }));
                out.push(Unit {
                    ch: ' ',
                    start,
                    end,
                });
            }
            Folded::Dropped => {}
        }
    }
    out
}

/// Compatibility folding of one character to ASCII where there is an obvious
/// ASCII twin: fullwidth forms, mathematical and enclosed letters, Latin
/// letters with diacritics, and the Cyrillic and Greek letters that look Latin.
fn fold_char(c: char) -> char {
    let u = c as u32;
    match u {
        0xFF01..=0xFF5E => char::from_u32(u - 0xFEE0).unwrap_or(c),
        // Mathematical alphanumeric letters: 13 styles of A-Z a-z in a row.
        0x1D400..=0x1D6A3 => {
            let k = (u - 0x1D400) % 52;
            char::from_u32(if k < 26 {
                'a' as u32 + k
            } else {
                'a' as u32 + k - 26
            })
            .unwrap_or(c)
        }
        0x1D7CE..=0x1D7FF => char::from_u32('0' as u32 + (u - 0x1D7CE) % 10).unwrap_or(c),
        0x24B6..=0x24CF => char::from_u32('a' as u32 + u - 0x24B6).unwrap_or(c),
        0x24D0..=0x24E9 => char::from_u32('a' as u32 + u - 0x24D0).unwrap_or(c),
        0x1F130..=0x1F149 => char::from_u32('a' as u32 + u - 0x1F130).unwrap_or(c),
        0x1F150..=0x1F169 => char::from_u32('a' as u32 + u - 0x1F150).unwrap_or(c),
        0x1F170..=0x1F189 => char::from_u32('a' as u32 + u - 0x1F170).unwrap_or(c),
        0x1F1E6..=0x1F1FF => char::from_u32('a' as u32 + u - 0x1F1E6).unwrap_or(c),
        _ => fold_table(c).unwrap_or(c),
    }
}

fn fold_table(c: char) -> Option<char> {
    Some(match c {
        'À'..='Å' | 'à'..='å' | 'Ā' | 'ā' | 'Ă' | 'ă' | 'Ą' | 'ą' => 'a',
        'Ç' | 'ç' | 'Ć' | 'ć' | 'Č' | 'č' => 'c',
        'È'..='Ë' | 'è'..='ë' | 'Ē' | 'ē' | 'Ė' | 'ė' | 'Ę' | 'ę' | 'Ě' | 'ě' => 'e',
        'Ì'..='Ï' | 'ì'..='ï' | 'Ī' | 'ī' | 'Į' | 'į' | 'İ' | 'ı' => 'i',
        'Ñ' | 'ñ' | 'Ń' | 'ń' | 'Ň' | 'ň' => 'n',
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' | 'Ō' | 'ō' | 'Ő' | 'ő' => 'o',
        'Ù'..='Ü' | 'ù'..='ü' | 'Ū' | 'ū' | 'Ů' | 'ů' | 'Ű' | 'ű' => 'u',
        'Ý' | 'ý' | 'ÿ' | 'Ÿ' => 'y',
        'Š' | 'š' | 'Ś' | 'ś' | 'ß' => 's',
        'Ž' | 'ž' | 'Ź' | 'ź' | 'Ż' | 'ż' => 'z',
        'Ł' | 'ł' => 'l',
        // Cyrillic look-alikes.
        'а' | 'А' => 'a',
        'в' | 'В' => 'b',
        'е' | 'Е' | 'ё' | 'Ё' => 'e',
        'к' | 'К' => 'k',
        'м' | 'М' => 'm',
        'н' | 'Н' => 'h',
        'о' | 'О' => 'o',
        'р' | 'Р' => 'p',
        'с' | 'С' => 'c',
        'т' | 'Т' => 't',
        'у' | 'У' => 'y',
        'х' | 'Х' => 'x',
        'і' | 'І' => 'i',
        'ј' | 'Ј' => 'j',
        'ѕ' | 'Ѕ' => 's',
        'ԁ' => 'd',
        // Greek look-alikes.
        'α' | 'Α' => 'a',
        'β' | 'Β' => 'b',
        'ε' | 'Ε' => 'e',
        'η' | 'Η' => 'h',
        'ι' | 'Ι' => 'i',
        'κ' | 'Κ' => 'k',
        'μ' | 'Μ' => 'm',
        'ν' | 'Ν' => 'n',
        'ο' | 'Ο' => 'o',
        'ρ' | 'Ρ' => 'p',
        'τ' | 'Τ' => 't',
        'υ' | 'Υ' => 'y',
        'χ' | 'Χ' => 'x',
        'ζ' | 'Ζ' => 'z',
        // Small capitals used as "fancy text".
        'ᴀ' => 'a',
        'ʙ' => 'b',
        'ᴄ' => 'c',
        'ᴅ' => 'd',
        'ᴇ' => 'e',
        'ғ' => 'f',
        'ɢ' => 'g',
        'ʜ' => 'h',
        'ɪ' => 'i',
        'ᴊ' => 'j',
        'ᴋ' => 'k',
        'ʟ' => 'l',
        'ᴍ' => 'm',
        'ɴ' => 'n',
        'ᴏ' => 'o',
        'ᴘ' => 'p',
        'ʀ' => 'r',
        'ꜱ' => 's',
        'ᴛ' => 't',
        'ᴜ' => 'u',
        'ᴠ' => 'v',
        'ᴡ' => 'w',
        'ʏ' => 'y',
        'ᴢ' => 'z',
        _ => return None,
    })
}

/// Emoji that carry stance become word tokens, so the lexicon and the rules
/// can name them. Others stay as they are (kept, but not words).
fn emoji_token(c: char) -> Option<&'static str> {
    Some(match c {
        '🙄' => "emo_eyeroll",
        '😒' | '😑' | '🤨' => "emo_unamused",
        '🤦' => "emo_facepalm",
        '🤡' => "emo_clown",
        '😂' | '🤣' | '😆' => "emo_laugh",
        '❤' | '♥' | '💕' | '💖' | '💗' | '💓' | '💞' | '💜' | '💙' | '💚' | '🧡' | '🤍' | '💛'
        | '🩷' | '💘' | '😘' | '💋' => "emo_heart",
        '🤗' | '🫂' => "emo_hug",
        '💪' => "emo_strong",
        '👏' | '🙌' => "emo_clap",
        '🙏' => "emo_pray",
        '😍' | '🥰' | '🥹' | '😊' | '☺' => "emo_love",
        '😢' | '😭' | '😓' | '😥' | '🥺' => "emo_sad",
        '🤢' | '🤮' => "emo_disgust",
        '😡' | '🤬' | '😠' => "emo_angry",
        '👎' => "emo_thumbsdown",
        '👍' => "emo_thumbsup",
        '💀' => "emo_skull",
        '😳' | '😬' | '😱' => "emo_shock",
        _ => return None,
    })
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '\'' || c == '_'
}

/// `s e l f i s h`, `s.e.l.f.i.s.h`: runs of at least
/// [`crate::tuning::MIN_SPACED_LETTERS`] single letters with one separator
/// between each become one word.
fn join_spaced_letters(units: Vec<Unit>) -> Vec<Unit> {
    let n = units.len();
    let is_letter = |i: usize| i < n && units[i].ch.is_ascii_alphabetic();
    let is_sep = |i: usize| i < n && matches!(units[i].ch, ' ' | '.' | '-' | '_');
    let boundary = |i: isize| i < 0 || i as usize >= n || !is_word_char(units[i as usize].ch);
    let mut drop: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < n {
        // A run starts at a single letter with a boundary before it.
        if is_letter(i)
            && boundary(i as isize - 1)
            && (i + 1 >= n || !is_word_char(units[i + 1].ch))
        {
            let mut j = i; // last letter of the run
            let mut count = 1;
            // One separator throughout: "a s.e.l.f" is "a" then "self".
            let sep = units.get(i + 1).map(|u| u.ch);
            while is_sep(j + 1)
                && Some(units[j + 1].ch) == sep
                && is_letter(j + 2)
                && boundary(j as isize + 3)
            {
                j += 2;
                count += 1;
            }
            if count >= crate::tuning::MIN_SPACED_LETTERS {
                drop.extend((i + 1..j).step_by(2));
                i = j + 1;
            } else {
                i += 1;
            }
        } else {
            i += 1;
        }
    }
    if drop.is_empty() {
        return units;
    }
    let mut next_drop = drop.into_iter().peekable();
    let mut kept = Vec::with_capacity(units.len());
    for (k, u) in units.into_iter().enumerate() {
        if next_drop.peek() == Some(&k) {
            next_drop.next();
        } else {
            kept.push(u);
        }
    }
    kept
}

/// Token-level repairs: leetspeak, masked letters, elongation, contractions.
/// A token here is a maximal run of non-space characters.
fn repair_tokens(units: Vec<Unit>, vocab: &dyn Vocabulary) -> Vec<Unit> {
    let mut out = Vec::with_capacity(units.len() + 16);
    let mut i = 0;
    while i < units.len() {
        if units[i].ch == ' ' {
            // Collapse runs of spaces: patterns never depend on their count.
            if out.last().map(|u: &Unit| u.ch) != Some(' ') {
                out.push(units[i]);
            }
            i += 1;
            continue;
        }
        let mut j = i;
        while j < units.len() && units[j].ch != ' ' {
            j += 1;
        }
        repair_token(&units[i..j], vocab, &mut out);
        i = j;
    }
    out
}

fn repair_token(token: &[Unit], vocab: &dyn Vocabulary, out: &mut Vec<Unit>) {
    // A signal emoji's token is already what the patterns name.
    if token.len() > 4 && token[..4].iter().map(|u| u.ch).eq("emo_".chars()) {
        out.extend_from_slice(token);
        return;
    }
    // Split off leading and trailing punctuation; repairs apply to the core.
    let is_core = |c: char| {
        c.is_ascii_alphanumeric() || matches!(c, '@' | '$' | '*' | '#' | '\'' | '!' | '|' | '_')
    };
    let mut a = 0;
    let mut b = token.len();
    while a < b
        && !token[a].ch.is_ascii_alphanumeric()
        && !(matches!(token[a].ch, '@' | '$')
            && a + 1 < b
            && token[a + 1].ch.is_ascii_alphanumeric())
    {
        a += 1;
    }
    while b > a && !token[b - 1].ch.is_ascii_alphanumeric() && token[b - 1].ch != '*' {
        b -= 1;
    }
    if a >= b || !token[a..b].iter().all(|u| is_core(u.ch)) {
        out.extend_from_slice(token);
        return;
    }
    out.extend_from_slice(&token[..a]);
    // Repairs work in place on the output; only elongation (rare) reallocates.
    let start = out.len();
    out.extend_from_slice(&token[a..b]);
    if out[start..]
        .iter()
        .any(|u| !u.ch.is_ascii_lowercase() && u.ch != '\'')
    {
        undo_leet(&mut out[start..]);
        unmask(&mut out[start..], vocab);
    }
    if out[start..]
        .windows(3)
        .any(|w| w[0].ch == w[1].ch && w[1].ch == w[2].ch)
    {
        let core = out.split_off(start);
        out.extend(unelongate(core, vocab));
    }
    let len = out.len() - start;
    if len <= MAX_CONTRACTION_BYTES && out[start..].iter().all(|u| u.ch.is_ascii()) {
        let mut buf = [0u8; MAX_CONTRACTION_BYTES];
        for (k, u) in out[start..].iter().enumerate() {
            buf[k] = u.ch as u8;
        }
        if let Some(expansion) = contraction(&buf[..len]) {
            // The expansion maps to the whole original token.
            let (s, e) = (out[start].start, out[out.len() - 1].end);
            out.truncate(start);
            out.extend(expansion.bytes().map(|b| Unit {
                ch: b as char,
                start: s,
                end: e,
            }));
        }
    }
    out.extend_from_slice(&token[b..]);
}

/// `b@d m0m`, `$elfish`, `h0rr1ble`: symbols and digits inside a word that has
/// letters become the letters they imitate. A token that starts with a digit
/// (`1st`, `2pm`, `10yo`) or an `@handle` is left alone.
fn undo_leet(core: &mut [Unit]) {
    let has_letter = core.iter().any(|u| u.ch.is_ascii_alphabetic());
    if !has_letter || core[0].ch.is_ascii_digit() || (core[0].ch == '@' && core.len() > 1) {
        return;
    }
    let n = core.len();
    for k in 0..n {
        let letter_beside = (k > 0 && core[k - 1].ch.is_ascii_alphabetic())
            || (k + 1 < n && core[k + 1].ch.is_ascii_alphabetic());
        if !letter_beside {
            continue;
        }
        let mapped = match core[k].ch {
            '@' | '4' => 'a',
            '0' => 'o',
            '3' => 'e',
            '1' | '!' | '|' => 'i',
            '$' | '5' => 's',
            '7' => 't',
            '8' => 'b',
            _ => continue,
        };
        core[k].ch = mapped;
    }
}

/// Words that are masked far more often than others of their shape.
const MASKED_WORDS: &[&str] = &[
    "fuck", "fucking", "fucked", "shit", "bitch", "bitches", "mother", "slut", "whore", "skank",
    "damn", "hell", "cunt", "bastard", "asshole", "dumbass", "stupid", "idiot", "selfish",
];

/// `m*ther`, `b#tch`: a word with mask characters between letters becomes the
/// first known word of the same length that agrees on every unmasked letter.
fn unmask(core: &mut [Unit], vocab: &dyn Vocabulary) {
    let is_mask = |c: char| matches!(c, '*' | '#' | '_');
    if !core.iter().any(|u| is_mask(u.ch)) || !core.iter().any(|u| u.ch.is_ascii_alphabetic()) {
        return;
    }
    if core.len() > crate::tuning::MAX_WORD_BYTES || !core[0].ch.is_ascii_alphabetic() {
        return;
    }
    let fits = |w: &str| {
        w.len() == core.len()
            && w.bytes().zip(core.iter()).all(|(b, u)| {
                if is_mask(u.ch) {
                    b.is_ascii_alphabetic()
                } else {
                    b as char == u.ch
                }
            })
    };
    // People mask the words they feel they should not write; prefer those.
    let found = MASKED_WORDS
        .iter()
        .find(|w| fits(w))
        .map(|w| w.to_string())
        .or_else(|| {
            vocab
                .words_of_len(core.len())
                .iter()
                .find(|w| fits(w))
                .cloned()
        });
    if let Some(word) = found {
        for (u, b) in core.iter_mut().zip(word.bytes()) {
            u.ch = b as char;
        }
    }
}

/// `terrrrible` -> `terrible`, `mommmm` -> `mom`: runs of three or more of
/// one letter shrink to two or to one, whichever makes a known word (one when
/// neither does).
fn unelongate(core: Vec<Unit>, vocab: &dyn Vocabulary) -> Vec<Unit> {
    let n = core.len();
    let mut runs = Vec::new(); // (start, len) of runs >= 3
    let mut k = 0;
    while k < n {
        let mut m = k + 1;
        while m < n && core[m].ch == core[k].ch {
            m += 1;
        }
        if m - k >= 3 && core[k].ch.is_ascii_alphabetic() {
            runs.push((k, m - k));
        }
        k = m;
    }
    if runs.is_empty() {
        return core;
    }
    // Each run keeps a unit covering the whole run so the span stays exact.
    let build = |keep_two: u32| -> Vec<Unit> {
        let mut v = Vec::with_capacity(n);
        let mut k = 0;
        let mut r = 0;
        while k < n {
            if r < runs.len() && runs[r].0 == k {
                let (s, len) = runs[r];
                let first = core[s];
                let last = core[s + len - 1];
                let mut merged = first;
                merged.end = last.end;
                if keep_two & (1 << r) != 0 {
                    v.push(first);
                    let mut second = last;
                    second.start = core[s + 1].start;
                    v.push(second);
                } else {
                    v.push(merged);
                }
                k = s + len;
                r += 1;
            } else {
                v.push(core[k]);
                k += 1;
            }
        }
        v
    };
    let to_word = |v: &[Unit]| v.iter().map(|u| u.ch).collect::<String>();
    let limit = runs.len().min(crate::tuning::MAX_ELONGATED_RUNS);
    for mask in 0..(1u32 << limit) {
        let v = build(mask);
        if vocab.contains(&to_word(&v)) {
            return v;
        }
    }
    build(0)
}

/// One spelling for the patterns to name: `don't` and `dont` are `do not`,
/// `you're` is `you are`, `u` is `you`. Sorted by key for binary search.
const CONTRACTIONS: &[(&str, &str)] = &[
    ("ain't", "is not"),
    ("aint", "is not"),
    ("aren't", "are not"),
    ("arent", "are not"),
    ("can't", "can not"),
    ("cannot", "can not"),
    ("cant", "can not"),
    ("could've", "could have"),
    ("coulda", "could have"),
    ("couldn't", "could not"),
    ("couldnt", "could not"),
    ("couldve", "could have"),
    ("didn't", "did not"),
    ("didnt", "did not"),
    ("doesn't", "does not"),
    ("doesnt", "does not"),
    ("don't", "do not"),
    ("dont", "do not"),
    ("gonna", "going to"),
    ("gotta", "got to"),
    ("hadn't", "had not"),
    ("hadnt", "had not"),
    ("hasn't", "has not"),
    ("hasnt", "has not"),
    ("haven't", "have not"),
    ("havent", "have not"),
    ("he's", "he is"),
    ("here's", "here is"),
    ("i'd", "i would"),
    ("i'll", "i will"),
    ("i'm", "i am"),
    ("i've", "i have"),
    ("im", "i am"),
    ("isn't", "is not"),
    ("isnt", "is not"),
    ("it's", "it is"),
    ("ive", "i have"),
    ("let's", "let us"),
    ("lets", "let us"),
    ("must've", "must have"),
    ("mustn't", "must not"),
    ("needn't", "need not"),
    ("r", "are"),
    ("she'd", "she would"),
    ("she'll", "she will"),
    ("she's", "she is"),
    ("shes", "she is"),
    ("should've", "should have"),
    ("shoulda", "should have"),
    ("shouldn't", "should not"),
    ("shouldnt", "should not"),
    ("shouldve", "should have"),
    ("that's", "that is"),
    ("thats", "that is"),
    ("there's", "there is"),
    ("theres", "there is"),
    ("they'd", "they would"),
    ("they'll", "they will"),
    ("they're", "they are"),
    ("they've", "they have"),
    ("theyre", "they are"),
    ("u", "you"),
    ("u're", "you are"),
    ("ur", "your"),
    ("wanna", "want to"),
    ("wasn't", "was not"),
    ("wasnt", "was not"),
    ("we'll", "we will"),
    ("we're", "we are"),
    ("we've", "we have"),
    ("weren't", "were not"),
    ("werent", "were not"),
    ("what's", "what is"),
    ("whats", "what is"),
    ("who's", "who is"),
    ("won't", "will not"),
    ("wont", "will not"),
    ("would've", "would have"),
    ("woulda", "would have"),
    ("wouldn't", "would not"),
    ("wouldnt", "would not"),
    ("wouldve", "would have"),
    ("y'all", "you all"),
    ("ya", "you"),
    ("yall", "you all"),
    ("you'd", "you would"),
    ("you'll", "you will"),
    ("you're", "you are"),
    ("you've", "you have"),
    ("youd", "you would"),
    ("youll", "you will"),
    ("youre", "you are"),
    ("youve", "you have"),
];

/// Longest key in [`CONTRACTIONS`], in bytes.
const MAX_CONTRACTION_BYTES: usize = 10;

/// A bit per (length, first letter, last letter) of the [`CONTRACTIONS`]
/// keys: nearly every word misses it and skips the hashing.
const fn contraction_key(w: &[u8]) -> usize {
    w.len() << 9 | (w[0] as usize & 31) << 4 | (w[w.len() - 1] as usize & 15)
}
static CONTRACTION_FILTER: [u64; 8 * (MAX_CONTRACTION_BYTES + 1)] = {
    let mut filter = [0u64; 8 * (MAX_CONTRACTION_BYTES + 1)];
    let mut i = 0;
    while i < CONTRACTIONS.len() {
        let key = contraction_key(CONTRACTIONS[i].0.as_bytes());
        filter[key / 64] |= 1 << (key % 64);
        i += 1;
    }
    filter
};

#[inline]
pub(crate) fn contraction(word: &[u8]) -> Option<&'static str> {
    type Table = WordMap<&'static [u8], &'static str>;
    static TABLE: once_cell::sync::Lazy<Table> = once_cell::sync::Lazy::new(|| {
        CONTRACTIONS
            .iter()
            .map(|(k, v)| (k.as_bytes(), *v))
            .collect()
    });
    if word.is_empty() || word.len() > MAX_CONTRACTION_BYTES {
        return None;
    }
    let key = contraction_key(word);
    if CONTRACTION_FILTER[key / 64] >> (key % 64) & 1 == 0 {
        return None;
    }
    TABLE.get(word).copied()
}

/// A hash map keyed by words (the lexicon's and [`CONTRACTIONS`]).
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

const WORD_HASH_K: u64 = 0x9E37_79B9_7F4A_7C15;

/// Up to the first 8 bytes of `w`, little-endian, zero-padded, read without
/// a loop (overlapping reads for 4 to 7 bytes).
#[inline(always)]
pub(crate) fn pack8(w: &[u8]) -> u64 {
    let n = w.len();
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

/// Multiply-rotate hash over [`pack8`] and, for longer words, the rest in
/// 8-byte steps.
#[inline(always)]
pub(crate) fn word_hash(w: &[u8], head: u64) -> u64 {
    let mut h = (head ^ (w.len() as u64).rotate_right(8)).wrapping_mul(WORD_HASH_K);
    let mut i = 8;
    while i < w.len() {
        let end = (i + 8).min(w.len());
        h = (h.rotate_left(23) ^ pack8(&w[i..end])).wrapping_mul(WORD_HASH_K);
        i = end;
    }
    h
}

/// A vocabulary backed by a set, bucketed by length for mask repair.
#[derive(Debug, Default, Clone)]
pub struct WordSet {
    /// The words by length, each bucket sorted and without repeats once
    /// [`WordSet::finish`] has run: one string per word, and a lookup is a
    /// binary search in one bucket (only the full normalisation path looks
    /// words up, for a few replies in a thousand).
    by_len: Vec<Vec<String>>,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fast_path_agrees_with_the_full_path() {
        let v = vocab();
        let cases = [
            "You are NOT a bad mom!! Don't worry, it's fine.",
            "  spaces   and\ttabs\nand lines  ",
            "1st child at 2pm, 23 grand slams; #workingmomsrock @serena",
            "Cover up... nobody wants to see that. Youre a good mom?",
            "a b c d e",
            "s.e.l.f",
            "u r a bad mom",
            "wow!!! ok",
            "it's his mom's",
            "You’re a GREAT mom 🙄🙄 “really” — ok… 🔥✨ à la carte",
            "so bad🙄 ok",
            "Ｍоthеr ＢＡＤ",
            "TERRrible",
        ];
        for text in cases {
            let slow = {
                let units = repair_tokens(join_spaced_letters(fold_chars(text)), &v);
                units.iter().map(|u| u.ch).collect::<String>()
            };
            if let Some(fast) = normalize_fast(text, &mut NoWords) {
                assert_eq!(fast.text, slow, "{text:?}");
                assert_eq!(normalize(text, &v).text, slow);
            }
            #[cfg(not(target_arch = "wasm32"))]
            check_agreement(text).unwrap();
        }
        assert!(normalize_fast("You are NOT a bad mom!! Don't worry.", &mut NoWords).is_some());
        assert!(normalize_fast("b@d m0m", &mut NoWords).is_none());
        assert!(normalize_fast("Don’t worry 🙄 “mama” … 🔥", &mut NoWords).is_some());
    }

    #[cfg(not(target_arch = "wasm32"))] // proptest is a native dev-dependency
    proptest::proptest! {
        #[test]
        fn fast_and_full_paths_agree(text in "[a-zA-Z0-9 '.,!?@#$*_\\n\t\u{1}-’‘“”…—🙄😂🔥❤\u{FE0F}\u{200B}éÉＡаο日]{0,60}") {
            check_agreement(&text)?;
        }

        // Words cut by punctuation, and single letters: "c-section", "s-e-l-f".
        #[test]
        fn fast_and_full_paths_agree_on_words_with_pieces(text in "([a-zA-Z]{1,4}([-./,'\"@!…—][a-zA-Z0-9]{1,3}){0,3}[.,!?]? ){0,8}") {
            check_agreement(&text)?;
        }

        // Single letters in a row, some of them spaced-out words.
        #[test]
        fn fast_and_full_paths_agree_on_single_letters(text in "(([a-zA-Z] ){1,5}|([a-z]-){1,5}|([a-z]\\.){1,5}|[a-z]{2,3}[ .-]){1,4}[a-z]{0,3}") {
            check_agreement(&text)?;
        }

        // Mostly text the fast path takes, so its output is compared often.
        #[test]
        fn fast_and_full_paths_agree_on_plain_replies(text in "([A-Za-z]{2,7}[,.!?’”…🙄😂🔥❤日é]? [“🙄—]?){0,12}") {
            check_agreement(&text)?;
        }
    }

    /// Whether the fast path took `text`; fails if it disagrees with the full path.
    #[cfg(not(target_arch = "wasm32"))]
    fn check_agreement(text: &str) -> Result<bool, proptest::test_runner::TestCaseError> {
        let v = vocab();
        let words =
            crate::matcher::Vocab::from_words(["mom", "bad", "do", "not", "emo_eyeroll", "x"]);
        let mut fast_tokens = Vec::new();
        let mut writer = crate::matcher::TokenWriter::new(&words, &mut fast_tokens);
        let Some(fast) = normalize_fast(text, &mut writer) else {
            return Ok(false);
        };
        let units = repair_tokens(join_spaced_letters(fold_chars(text)), &v);
        let slow: String = units.iter().map(|u| u.ch).collect();
        proptest::prop_assert_eq!(&fast.text, &slow);
        let slow_spans: Vec<(u32, u32)> = units
            .iter()
            .flat_map(|u| std::iter::repeat_n((u.start, u.end), u.ch.len_utf8()))
            .collect();
        proptest::prop_assert_eq!(fast.byte_spans(), slow_spans);
        let mut slow_tokens = Vec::new();
        crate::matcher::tokenize(&slow, &words, &mut slow_tokens);
        proptest::prop_assert_eq!(fast_tokens, slow_tokens);
        Ok(true)
    }

    fn vocab() -> WordSet {
        let mut v = WordSet::default();
        for w in [
            "mother", "mom", "terrible", "selfish", "bad", "bitch", "loves", "good",
        ] {
            v.insert(w);
        }
        v.finish();
        v
    }

    fn norm(s: &str) -> String {
        normalize(s, &vocab()).text
    }

    #[test]
    fn folds_disguises() {
        let cases = [
            ("b@d m0m", "bad mom"),
            ("S E L F I S H mother", "selfish mother"),
            ("s.e.l.f.i.s.h", "selfish"),
            ("terrrrible mommmm", "terrible mom"),
            ("ＢＡＤ　ＭＯＴＨＥＲ", "bad mother"),
            ("ur a horrible m*ther", "your a horrible mother"),
            ("Ｍоthеr", "mother"), // Cyrillic o and e
            ("goooood", "good"),
            ("don’t", "do not"),
            ("1st child at 2pm", "1st child at 2pm"),
            ("@serena is fine", "@serena is fine"),
            ("bad\u{200B}mom", "badmom"),
            ("so bad 🙄", "so bad emo_eyeroll "),
            ("$elfish", "selfish"),
            ("u r a bad mom", "you are a bad mom"),
        ];
        for (input, want) in cases {
            assert_eq!(norm(input), want, "input: {input:?}");
        }
    }

    #[test]
    fn spans_map_back_to_original() {
        let input = "ur a horrible m*ther!!";
        let n = normalize(input, &vocab());
        let at = n.text.find("mother").unwrap();
        let (s, e) = n.original_range(at, at + "mother".len());
        assert_eq!(&input[s..e], "m*ther");
        let input = "ＢＡＤ　ＭＯＴＨＥＲ";
        let n = normalize(input, &vocab());
        let (s, e) = n.original_range(0, 3);
        assert_eq!(&input[s..e], "ＢＡＤ");
        let input = "terrrrible";
        let n = normalize(input, &vocab());
        let (s, e) = n.original_range(0, n.text.len());
        assert_eq!(&input[s..e], "terrrrible");
    }
}
