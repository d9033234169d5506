//! Contractions and their one spelling (`don't` -> `do not`).

use super::hash::WordMap;

/// One spelling for the patterns to name: `don't` and `dont` are `do not`,
/// `you're` is `you are`, `u` is `you`. Sorted by key for binary search.
pub(crate) const CONTRACTIONS: &[(&str, &str)] = &[
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
pub(crate) const MAX_CONTRACTION_BYTES: usize = 10;

/// A bit per (length, first letter, last letter) of the [`CONTRACTIONS`]
/// keys: nearly every word misses it and skips the hashing.
pub(crate) const fn contraction_key(w: &[u8]) -> usize {
    w.len() << 9 | (w[0] as usize & 31) << 4 | (w[w.len() - 1] as usize & 15)
}
pub(crate) static CONTRACTION_FILTER: [u64; 8 * (MAX_CONTRACTION_BYTES + 1)] = {
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
