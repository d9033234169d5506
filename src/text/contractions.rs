//! Contractions and their one spelling (`don't` -> `do not`).

use super::hash::WordMap;
use once_cell::sync::Lazy;

/// The contractions (`lexicon/en/contractions.tsv`): word, then what it
/// stands for, sorted by word.
pub const CONTRACTIONS_TSV: &str = include_str!("../../lexicon/en/contractions.tsv");

static CONTRACTIONS: Lazy<Vec<(&'static str, &'static str)>> =
    Lazy::new(|| parse(CONTRACTIONS_TSV).expect("lexicon/en/contractions.tsv is linted by tests"));

/// The rows of a `contractions.tsv`: sorted, none twice, none longer than
/// [`MAX_CONTRACTION_BYTES`].
pub fn parse(tsv: &str) -> Result<Vec<(&str, &str)>, String> {
    let mut out: Vec<(&str, &str)> = Vec::new();
    for (i, line) in tsv.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let n = i + 1;
        let (word, expansion) = line
            .split_once('\t')
            .ok_or_else(|| format!("line {n}: not word<TAB>expansion"))?;
        if word.is_empty() || word.len() > MAX_CONTRACTION_BYTES || expansion.trim().is_empty() {
            return Err(format!("line {n}: bad row {line:?}"));
        }
        if out.last().is_some_and(|(last, _)| *last >= word) {
            return Err(format!("line {n}: not sorted or repeated"));
        }
        out.push((word, expansion));
    }
    Ok(out)
}

/// The longest contraction allowed, in bytes (the filter's size).
pub(crate) const MAX_CONTRACTION_BYTES: usize = 10;

/// A bit per (length, first letter, last letter) of the [`CONTRACTIONS`]
/// keys: nearly every word misses it and skips the hashing.
pub(crate) const fn contraction_key(w: &[u8]) -> usize {
    w.len() << 9 | (w[0] as usize & 31) << 4 | (w[w.len() - 1] as usize & 15)
}
static CONTRACTION_FILTER: Lazy<[u64; 8 * (MAX_CONTRACTION_BYTES + 1)]> = Lazy::new(|| {
    let mut filter = [0u64; 8 * (MAX_CONTRACTION_BYTES + 1)];
    for (word, _) in CONTRACTIONS.iter() {
        let key = contraction_key(word.as_bytes());
        filter[key / 64] |= 1 << (key % 64);
    }
    filter
});

/// What `word` stands for, if it is a contraction. Every word of a reply is
/// asked, so the filter test is inlined and the table kept out of line.
#[inline(always)]
pub(crate) fn contraction(word: &[u8]) -> Option<&'static str> {
    if word.is_empty() || word.len() > MAX_CONTRACTION_BYTES {
        return None;
    }
    let key = contraction_key(word);
    if CONTRACTION_FILTER[key / 64] >> (key % 64) & 1 == 0 {
        return None;
    }
    expansion(word)
}

#[inline(never)]
fn expansion(word: &[u8]) -> Option<&'static str> {
    type Table = WordMap<&'static [u8], &'static str>;
    static TABLE: Lazy<Table> = Lazy::new(|| {
        CONTRACTIONS
            .iter()
            .map(|(k, v)| (k.as_bytes(), *v))
            .collect()
    });
    TABLE.get(word).copied()
}
