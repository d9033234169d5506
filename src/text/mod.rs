//! Text to words: the folded text the lexicon is matched against, cut into
//! word ids.
//!
//! Shamers disguise words (`b@d m0m`, `m*ther`, `S E L F I S H`, `terrrrible`,
//! `ＢＡＤ`), and the same stance is written many ways (`don't`, `dont`,
//! `do not`). Matching runs on a folded copy of the reply: ASCII lowercase,
//! disguises undone, contractions expanded, signal emoji turned into word
//! tokens (`emo_eyeroll`). Every byte of the folded copy remembers the span of
//! the original character(s) it came from ([`spans`]), so a cue found in the
//! copy is reported at its place in the **original** text.
//!
//! Nearly every reply has nothing disguised and takes [`fast`]: one pass that
//! folds, expands contractions and hands each word to the tokenizer
//! ([`tokens`]) as it ends. It gives up at the first sign of a disguise, and
//! [`full`] runs every repair instead. Words are looked up in [`vocab`] by
//! [`hash`]; single characters fold by [`fold`].

pub(crate) mod contractions;
pub(crate) mod fast;
pub(crate) mod fold;
pub(crate) mod full;
pub(crate) mod hash;
pub(crate) mod lists;
pub(crate) mod spans;
pub(crate) mod tokens;
pub(crate) mod vocab;

#[cfg(test)]
mod tests;
