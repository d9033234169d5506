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

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;

/// One character of the folded text and the original UTF-8 span it stands for.
#[derive(Clone, Copy, Debug)]
struct Unit {
    ch: char,
    start: u32,
    end: u32,
}

/// The folded text and, for each of its bytes, the original UTF-8 byte span.
#[derive(Debug, Clone)]
pub struct Normalized {
    pub text: String,
    spans: Vec<(u32, u32)>,
}

impl Normalized {
    /// The original UTF-8 byte range covered by folded bytes `start..end`.
    pub fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        debug_assert!(start < end && end <= self.spans.len());
        let first = self.spans[start];
        let last = self.spans[end - 1];
        (first.0 as usize, (last.1.max(first.0)) as usize)
    }
}

/// Words the lexicon knows. Masked and elongated words are repaired only into
/// one of these, so `m*ther` becomes `mother` but a stray `*` stays what it is.
pub trait Vocabulary {
    fn contains(&self, word: &str) -> bool;
    /// The known words of exactly this many bytes, for mask repair.
    fn words_of_len(&self, len: usize) -> &[String];
}

/// Folds `original` for matching. See the module docs.
pub fn normalize(original: &str, vocab: &dyn Vocabulary) -> Normalized {
    if let Some(fast) = normalize_fast(original) {
        return fast;
    }
    let units = fold_chars(original);
    let units = join_spaced_letters(units);
    let units = repair_tokens(units, vocab);
    let mut text = String::with_capacity(units.len());
    let mut spans = Vec::with_capacity(units.len());
    for u in units {
        text.push(u.ch);
        for _ in 0..u.ch.len_utf8() {
            spans.push((u.start, u.end));
        }
    }
    Normalized { text, spans }
}

/// Stands in the folded bytes for a signal emoji's word token, so the token
/// (which has a `_`) is not mistaken for a masked word. Control characters
/// are folded to spaces, so this byte never occurs otherwise.
const EMOJI_MARK: u8 = 0x01;

/// The common case: text with nothing disguised, whatever its emoji, quote
/// marks and dashes. Characters are folded as [`fold_chars`] does (pure ASCII
/// skips that), then words are checked and written in one pass. Returns
/// `None` (and the full path runs) at the first sign of anything to repair:
/// symbols used as letters, digits inside words, three letters alike in a
/// row, single letters in a row, or other characters inside a word. Tests
/// check it agrees with the full path, spans included.
fn normalize_fast(original: &str) -> Option<Normalized> {
    let input = original.as_bytes();
    if original.is_ascii() {
        return fast_words(input, None, &[]);
    }
    let mut bytes = Vec::with_capacity(input.len() + 8);
    let mut spans = Vec::with_capacity(input.len() + 8);
    let mut emoji = Vec::new();
    let mut i = 0;
    while i < input.len() {
        // A run of ASCII, folded by table.
        let run = input[i..]
            .iter()
            .position(|&b| b >= 0x80)
            .unwrap_or(input.len() - i);
        bytes.extend(input[i..i + run].iter().map(|&b| FOLD[b as usize]));
        spans.extend((i as u32..(i + run) as u32).map(|k| (k, k + 1)));
        i += run;
        if i == input.len() {
            break;
        }
        let c = original[i..].chars().next()?;
        let (start, end) = (i as u32, (i + c.len_utf8()) as u32);
        i += c.len_utf8();
        match fold_non_ascii(c) {
            Folded::Char(c) => {
                let mut buf = [0u8; 4];
                for &b in c.encode_utf8(&mut buf).as_bytes() {
                    bytes.push(b);
                    spans.push((start, end));
                }
            }
            Folded::Ellipsis => {
                bytes.extend_from_slice(b"...");
                spans.extend([(start, end); 3]);
            }
            Folded::Token(token) => {
                bytes.push(EMOJI_MARK);
                spans.push((start, end));
                emoji.push(token);
            }
            Folded::Dropped => {}
        }
    }
    fast_words(&bytes, Some(&spans), &emoji)
}

/// [`fold_ascii`] as a table, and anything else (UTF-8) as it is. Folding
/// twice changes nothing, so the word pass uses it to copy both the original
/// ASCII and the already folded bytes (control characters and the backtick
/// never reach a copy there: they stop the fast path).
static FOLD: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = if b < 128 {
            fold_ascii(b as u8)
        } else {
            b as u8
        };
        b += 1;
    }
    t
};

// Byte classes for the word pass, one table lookup per byte.
const SPACE: u8 = 1;
const LETTER: u8 = 2;
const DIGIT: u8 = 4;
/// Symbols used as letters or masks, control characters, the emoji mark.
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

/// The word pass of [`normalize_fast`] over `bytes`: folded, with byte `i`
/// standing for original span `folded[i]`, or (`None`) the original ASCII.
/// Words are checked one by one but copied in runs: only a collapsed space,
/// an emoji's token or a contraction interrupts a run.
fn fast_words(bytes: &[u8], folded: Option<&[(u32, u32)]>, emoji: &[&str]) -> Option<Normalized> {
    let mut text: Vec<u8> = Vec::with_capacity(bytes.len() + 16);
    let mut spans: Vec<(u32, u32)> = Vec::with_capacity(bytes.len() + 16);
    let span = |i: usize| match folded {
        Some(s) => s[i],
        None => (i as u32, i as u32 + 1),
    };
    let flush = |text: &mut Vec<u8>, spans: &mut Vec<(u32, u32)>, from: usize, to: usize| {
        text.extend(bytes[from..to].iter().map(|&b| FOLD[b as usize]));
        match folded {
            Some(s) => spans.extend_from_slice(&s[from..to]),
            None => spans.extend((from as u32..to as u32).map(|k| (k, k + 1))),
        }
    };
    let is_space = |b: u8| CLASS[b as usize] == SPACE;
    let mut emoji = emoji.iter();
    let mut single_letters = 0usize;
    let mut run = 0; // bytes[run..i] are checked and not yet copied
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if is_space(b) {
            // Runs of spaces collapse to the first.
            let after_space = if i > run {
                is_space(bytes[i - 1])
            } else {
                text.last() == Some(&b' ')
            };
            if after_space {
                flush(&mut text, &mut spans, run, i);
                run = i + 1;
            }
            i += 1;
            continue;
        }
        if b == EMOJI_MARK {
            flush(&mut text, &mut spans, run, i);
            let at = span(i);
            let token = emoji.next()?;
            if text.last() != Some(&b' ') {
                text.push(b' ');
                spans.push(at);
            }
            text.extend_from_slice(token.as_bytes());
            spans.extend(std::iter::repeat_n(at, token.len()));
            text.push(b' ');
            spans.push(at);
            i += 1;
            run = i;
            continue;
        }
        // One scan of the word: where its core (from the first to the last
        // letter or digit) is, and whether anything in it needs repair.
        let start = i;
        let (mut first, mut last) = (usize::MAX, 0);
        let (mut letters, mut digits) = (false, false);
        let mut gap = false; // punctuation since the last letter or digit
        let mut repeat = (0u8, 0usize); // letter repeated, and how often
        while i < bytes.len() {
            let c = bytes[i];
            let class = CLASS[c as usize];
            if class & (LETTER | DIGIT) != 0 {
                if gap && first != usize::MAX {
                    return None; // '!', '@', '.' or the like inside a word
                }
                gap = false;
                if first == usize::MAX {
                    first = i;
                }
                last = i;
                if class == LETTER {
                    letters = true;
                    let lower = c | 0x20;
                    repeat = if repeat.0 == lower {
                        (lower, repeat.1 + 1)
                    } else {
                        (lower, 1)
                    };
                    if repeat.1 >= 3 {
                        return None; // elongation
                    }
                } else {
                    digits = true;
                    repeat = (0, 0);
                }
            } else if class == SPACE || c == EMOJI_MARK {
                break;
            } else if class == REPAIR {
                return None;
            } else {
                repeat = (0, 0);
                gap |= class != APOSTROPHE;
            }
            i += 1;
        }
        let (a, b_end) = if first == usize::MAX {
            (i, i)
        } else {
            (first, last + 1)
        };
        let core = &bytes[a..b_end];
        if a > start && matches!(bytes[a - 1], b'@' | b'#' | b'!') {
            return None; // leading symbols are handled by the full path
        }
        if letters && digits && !core[0].is_ascii_digit() {
            return None; // possible leetspeak
        }
        single_letters = if core.len() == 1 && letters {
            single_letters + 1
        } else {
            0
        };
        if single_letters >= 2 || (b_end < i && core.len() == 1 && i - start > 2) {
            return None; // "s e l f", "s.e.l.f"
        }
        if core.len() <= MAX_CONTRACTION_BYTES && !core.is_empty() {
            let mut lower = [0u8; MAX_CONTRACTION_BYTES];
            for (k, c) in core.iter().enumerate() {
                lower[k] = c.to_ascii_lowercase();
            }
            if let Some(e) = contraction(&lower[..core.len()]) {
                flush(&mut text, &mut spans, run, a);
                let whole = (span(a).0, span(b_end - 1).1);
                text.extend_from_slice(e.as_bytes());
                spans.extend(std::iter::repeat_n(whole, e.len()));
                run = b_end;
            }
        }
    }
    flush(&mut text, &mut spans, run, bytes.len());
    // Only ASCII was changed, and whole characters copied.
    let text = String::from_utf8(text).ok()?;
    Some(Normalized { text, spans })
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

/// The hash of the word maps: FxHash's multiply-rotate over 8 bytes at a
/// time, since every token of every reply is looked up. Only lexicon words
/// (the user's included) and contractions are ever inserted, so a reply
/// cannot collide keys.
#[derive(Default)]
pub(crate) struct WordHash(u64);

impl std::hash::Hasher for WordHash {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            h = (h.rotate_left(5) ^ v).wrapping_mul(K);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut buf = [0u8; 8];
            buf[..rest.len()].copy_from_slice(rest);
            h = (h.rotate_left(5) ^ u64::from_le_bytes(buf)).wrapping_mul(K);
        }
        self.0 = h;
    }
    fn write_u8(&mut self, b: u8) {
        self.0 = (self.0.rotate_left(5) ^ b as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// A vocabulary backed by a set, bucketed by length for mask repair.
#[derive(Debug, Default, Clone)]
pub struct WordSet {
    words: HashSet<String>,
    by_len: Vec<Vec<String>>,
}

impl WordSet {
    pub fn insert(&mut self, word: &str) {
        if word.is_empty()
            || word.len() > crate::tuning::MAX_WORD_BYTES
            || !self.words.insert(word.to_string())
        {
            return;
        }
        if self.by_len.len() <= word.len() {
            self.by_len.resize(word.len() + 1, Vec::new());
        }
        self.by_len[word.len()].push(word.to_string());
    }

    /// Sorts each bucket so mask repair is deterministic.
    pub fn finish(&mut self) {
        for bucket in &mut self.by_len {
            bucket.sort();
        }
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

impl Vocabulary for WordSet {
    fn contains(&self, word: &str) -> bool {
        self.words.contains(word)
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
            if let Some(fast) = normalize_fast(text) {
                assert_eq!(fast.text, slow, "{text:?}");
                assert_eq!(fast.spans.len(), fast.text.len());
                assert_eq!(normalize(text, &v).text, slow);
            }
        }
        assert!(normalize_fast("You are NOT a bad mom!! Don't worry.").is_some());
        assert!(normalize_fast("b@d m0m").is_none());
        assert!(normalize_fast("Don’t worry 🙄 “mama” … 🔥").is_some());
    }

    #[cfg(not(target_arch = "wasm32"))] // proptest is a native dev-dependency
    proptest::proptest! {
        #[test]
        fn fast_and_full_paths_agree(text in "[a-zA-Z0-9 '.,!?@#$*_\\n\t\u{1}-’‘“”…—🙄😂🔥❤\u{FE0F}\u{200B}éÉＡаο日]{0,60}") {
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
        let Some(fast) = normalize_fast(text) else {
            return Ok(false);
        };
        let units = repair_tokens(join_spaced_letters(fold_chars(text)), &v);
        let slow: String = units.iter().map(|u| u.ch).collect();
        proptest::prop_assert_eq!(&fast.text, &slow);
        let slow_spans: Vec<(u32, u32)> = units
            .iter()
            .flat_map(|u| std::iter::repeat_n((u.start, u.end), u.ch.len_utf8()))
            .collect();
        proptest::prop_assert_eq!(fast.spans, slow_spans);
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
