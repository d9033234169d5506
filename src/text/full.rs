//! The full normalisation path: every repair, for text the fast path declined.

use super::{contractions::*, fast::*, fold::*, spans::*, tokens::*, vocab::*};
use crate::lang::Lang;

/// One character of the folded text and the original UTF-8 span it stands for.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Unit {
    pub(crate) ch: char,
    pub(crate) start: u32,
    pub(crate) end: u32,
}

/// Folds `original` for matching. See the module docs.
pub fn normalize(original: &str, vocab: &dyn Vocabulary) -> Normalized {
    normalize_fast(original, &mut NoWords).unwrap_or_else(|| normalize_full(original, vocab))
}

/// Every repair, for text the fast path declined.
pub fn normalize_full(original: &str, vocab: &dyn Vocabulary) -> Normalized {
    normalize_full_in(original, vocab, Lang::En)
}

/// As [`normalize_full`], with the repairs of `lang`: contractions and the
/// words most often masked are English data, applied to English alone
/// (Spanish "ya" is not "you").
pub fn normalize_full_in(original: &str, vocab: &dyn Vocabulary, lang: Lang) -> Normalized {
    let units = fold_chars(original);
    let units = join_spaced_letters(units);
    let units = repair_tokens_in(units, vocab, lang);
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

/// Per character: [`fold_ascii`] and [`fold_non_ascii`], with each
/// character's original byte span.
pub(crate) fn fold_chars(original: &str) -> Vec<Unit> {
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

/// `s e l f i s h`, `s.e.l.f.i.s.h`: runs of at least
/// [`crate::tuning::MIN_SPACED_LETTERS`] single letters with one separator
/// between each become one word.
pub(crate) fn join_spaced_letters(units: Vec<Unit>) -> Vec<Unit> {
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
#[cfg(test)]
pub(crate) fn repair_tokens(units: Vec<Unit>, vocab: &dyn Vocabulary) -> Vec<Unit> {
    repair_tokens_in(units, vocab, Lang::En)
}

pub(crate) fn repair_tokens_in(units: Vec<Unit>, vocab: &dyn Vocabulary, lang: Lang) -> Vec<Unit> {
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
        repair_token(&units[i..j], vocab, lang, &mut out);
        i = j;
    }
    out
}

pub(crate) fn repair_token(
    token: &[Unit],
    vocab: &dyn Vocabulary,
    lang: Lang,
    out: &mut Vec<Unit>,
) {
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
        unmask(&mut out[start..], vocab, lang);
    }
    if out[start..]
        .windows(3)
        .any(|w| w[0].ch == w[1].ch && w[1].ch == w[2].ch)
    {
        let core = out.split_off(start);
        out.extend(unelongate(core, vocab));
    }
    let len = out.len() - start;
    if lang == Lang::En
        && len <= MAX_CONTRACTION_BYTES
        && out[start..].iter().all(|u| u.ch.is_ascii())
    {
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
pub(crate) fn undo_leet(core: &mut [Unit]) {
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

/// `m*ther`, `b#tch`: a word with mask characters between letters becomes the
/// first known word of the same length that agrees on every unmasked letter.
pub(crate) fn unmask(core: &mut [Unit], vocab: &dyn Vocabulary, lang: Lang) {
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
    let masked: &[&str] = if lang == Lang::En {
        super::lists::masked()
    } else {
        &[]
    };
    let found = masked
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
pub(crate) fn unelongate(core: Vec<Unit>, vocab: &dyn Vocabulary) -> Vec<Unit> {
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
