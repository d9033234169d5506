//! BERT's uncased tokeniser, as the encoder was trained with it: clean,
//! split CJK ideographs, lower-case, strip accents (NFD, then drop
//! combining marks), split off punctuation, then WordPiece, greedy longest
//! match first. Agreement with the reference (Hugging Face's
//! `BertTokenizer`) is checked on real replies in the tests.

use unicode_general_category::{get_general_category, GeneralCategory as G};
use unicode_normalization::UnicodeNormalization;

/// Longest word WordPiece tries before calling it unknown (BERT's own limit).
const MAX_WORD_CHARS: usize = 100;

pub struct Vocab {
    /// Sorted pieces and their ids, for binary search; `##` marks a
    /// continuation as in BERT's vocabulary file.
    sorted: Vec<(Box<str>, u32)>,
    pub unk: u32,
    pub cls: u32,
    pub sep: u32,
}

impl Vocab {
    /// One piece per line, its id the line number.
    pub fn from_lines(text: &str) -> Result<Self, String> {
        let mut sorted: Vec<(Box<str>, u32)> = text
            .split('\n')
            .enumerate()
            .filter(|(_, l)| !l.is_empty())
            .map(|(i, l)| (l.into(), i as u32))
            .collect();
        sorted.sort_unstable();
        sorted.dedup_by(|a, b| a.0 == b.0);
        let mut v = Vocab {
            sorted,
            unk: 0,
            cls: 0,
            sep: 0,
        };
        let need = |v: &Vocab, t: &str| v.id(t).ok_or_else(|| format!("vocabulary lacks {t}"));
        v.unk = need(&v, "[UNK]")?;
        v.cls = need(&v, "[CLS]")?;
        v.sep = need(&v, "[SEP]")?;
        Ok(v)
    }

    pub fn id(&self, piece: &str) -> Option<u32> {
        self.sorted
            .binary_search_by(|(p, _)| (**p).cmp(piece))
            .ok()
            .map(|i| self.sorted[i].1)
    }

    pub fn len(&self) -> usize {
        self.sorted.len()
    }
}

fn is_whitespace(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r') || get_general_category(c) == G::SpaceSeparator
}

fn is_control(c: char) -> bool {
    if matches!(c, '\t' | '\n' | '\r') {
        return false;
    }
    matches!(
        get_general_category(c),
        G::Control | G::Format | G::PrivateUse | G::Surrogate | G::Unassigned
    )
}

fn is_punctuation(c: char) -> bool {
    let u = c as u32;
    (33..=47).contains(&u)
        || (58..=64).contains(&u)
        || (91..=96).contains(&u)
        || (123..=126).contains(&u)
        || matches!(
            get_general_category(c),
            G::ConnectorPunctuation
                | G::DashPunctuation
                | G::OpenPunctuation
                | G::ClosePunctuation
                | G::InitialPunctuation
                | G::FinalPunctuation
                | G::OtherPunctuation
        )
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0x20000..=0x2A6DF | 0x2A700..=0x2B73F
        | 0x2B740..=0x2B81F | 0x2B820..=0x2CEAF | 0xF900..=0xFAFF | 0x2F800..=0x2FA1F)
}

/// The words BERT's basic tokeniser makes of `text`, lower-cased and
/// without accents.
fn basic_words(text: &str, out: &mut Vec<String>) {
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut Vec<String>| {
        if !word.is_empty() {
            // Lower-case, then decompose and drop the combining marks.
            let folded: String = word
                .to_lowercase()
                .nfd()
                .filter(|&c| get_general_category(c) != G::NonspacingMark)
                .collect();
            // Punctuation splits the word after folding, as BERT does.
            let mut piece = String::new();
            for c in folded.chars() {
                if is_punctuation(c) {
                    if !piece.is_empty() {
                        out.push(std::mem::take(&mut piece));
                    }
                    out.push(c.to_string());
                } else {
                    piece.push(c);
                }
            }
            if !piece.is_empty() {
                out.push(piece);
            }
            word.clear();
        }
    };
    for c in text.chars() {
        if c == '\0' || c == '\u{FFFD}' || is_control(c) {
            continue;
        }
        if is_whitespace(c) {
            flush(&mut word, out);
        } else if is_cjk(c) {
            flush(&mut word, out);
            word.push(c);
            flush(&mut word, out);
        } else {
            word.push(c);
        }
    }
    flush(&mut word, out);
}

/// `[CLS]`, the reply's pieces (at most `max_len - 2`), `[SEP]`.
pub fn encode(vocab: &Vocab, text: &str, max_len: usize, ids: &mut Vec<u32>) {
    ids.clear();
    ids.push(vocab.cls);
    let mut words = Vec::new();
    basic_words(text, &mut words);
    let room = max_len.saturating_sub(1);
    let mut piece = String::new();
    'words: for w in &words {
        if ids.len() >= room {
            break;
        }
        let chars: Vec<(usize, char)> = w.char_indices().collect();
        if chars.len() > MAX_WORD_CHARS {
            ids.push(vocab.unk);
            continue;
        }
        let mark = ids.len();
        let mut start = 0;
        while start < chars.len() {
            let mut end = chars.len();
            let mut found = None;
            while start < end {
                let from = chars[start].0;
                let to = chars.get(end).map_or(w.len(), |c| c.0);
                piece.clear();
                if start > 0 {
                    piece.push_str("##");
                }
                piece.push_str(&w[from..to]);
                if let Some(id) = vocab.id(&piece) {
                    found = Some(id);
                    break;
                }
                end -= 1;
            }
            match found {
                Some(id) => ids.push(id),
                None => {
                    // A word with an unknown piece is one unknown token.
                    ids.truncate(mark);
                    ids.push(vocab.unk);
                    continue 'words;
                }
            }
            start = end;
        }
    }
    ids.truncate(room);
    ids.push(vocab.sep);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab() -> Vocab {
        Vocab::from_lines(
            "[PAD]\n[UNK]\n[CLS]\n[SEP]\nbad\nmom\n!\nun\n##want\n##ed\n,\nrun\n##ning\ncafe\n",
        )
        .unwrap()
    }

    #[test]
    fn pieces_punctuation_accents_and_unknowns() {
        let v = vocab();
        let mut ids = Vec::new();
        encode(&v, "BAD mom!! unwanted, Running CAFÉ zzz", 64, &mut ids);
        // [CLS] bad mom ! ! un ##want ##ed , run ##ning cafe [UNK] [SEP]
        assert_eq!(ids, vec![2, 4, 5, 6, 6, 7, 8, 9, 10, 11, 12, 13, 1, 3]);
    }

    #[test]
    fn long_replies_are_cut_to_the_window() {
        let v = vocab();
        let mut ids = Vec::new();
        encode(&v, &"mom ".repeat(500), 16, &mut ids);
        assert_eq!(ids.len(), 16);
        assert_eq!((ids[0], ids[15]), (v.cls, v.sep));
    }

    #[test]
    fn control_characters_and_blank_text() {
        let v = vocab();
        let mut ids = Vec::new();
        encode(&v, "\u{200B}\u{0}\u{FFFD}   ", 16, &mut ids);
        assert_eq!(ids, vec![v.cls, v.sep]);
    }
}
