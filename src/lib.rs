//! MamaLens scores replies on social sites for shaming of mothers and for
//! support of them, on the device.
//!
//! # Design
//!
//! * **A lexicon of phrase patterns first.** Shaming of mothers is narrow in
//!   topic and wide in wording. Patterns with slots
//!   (`{you} (let|leave) {your} {kid} ~2 (nanny|daycare)`) generalise over
//!   wording, are readable by a reviewer and explain themselves in the UI.
//!   The patterns live in `lexicon/*.tsv`, compiled in (see [`lexicon`] and
//!   [`pattern`]); a small learned model weighs them (below).
//! * **Matched on words, not bytes.** Every pattern is a sequence of words,
//!   so the reply is cut into words once, each looked up once in one
//!   vocabulary, and patterns are indexed by their rarest required word
//!   ([`matcher`]). A pattern's meaning is still defined as a regex over the
//!   normalised text ([`pattern::regex_source`]); the tests hold the matcher
//!   to it with the `regex` crate. Per-pattern regexes were the first design:
//!   correct, but several scans per reply, compilation on first use, and most
//!   of the `.wasm` (288 KB gzipped with 521 patterns; the whole `.wasm`,
//!   model included, is now 239 KB with some 830).
//! * **Normalise first, remember where from.** Matching runs on a folded copy
//!   of the reply that undoes disguises (`b@d m0m`, `m*ther`, fullwidth);
//!   every byte of it maps back to the original so highlights land on the
//!   words the user sees ([`normalize`]).
//! * **Rules over matches.** Negation, reported speech, quotation, sarcasm,
//!   mocked outrage, who is judged, context, but-clauses and intensity adjust
//!   each cue ([`rules`]); every tuning number sits in [`tuning`] with its
//!   origin. Beside the phrases, lone evaluative words ("proud", "filthy")
//!   count when their own sentence names a mother, a child or the person
//!   addressed: phrases alone missed much of the praise in new wording.
//! * **A learned model over the lexicon.** Real shaming is mostly said
//!   without a cue word ("So just sugar.", "Where's his hat?"), and phrase
//!   families made for one thread carried little to the next. A logistic
//!   regression over the reply's words, pairs, word classes, shape and the
//!   lexicon's own verdict ([`model`]) makes the final call, trained by
//!   `examples/train_model.rs` ([`training`]) from replies written for it.
//!   It is linear so that it stays small, fast and explainable: its weights
//!   are readable text, and the words it weighed most are shown as cues.
//!   Gates keep it from flagging on the prior alone ([`scorer`]).
//! * **Cheap per reply, cheap to build.** The common reply (no disguise, any
//!   emoji or curly quotes) takes one pass that folds it and hands its words
//!   to the tokenizer; buffers are reused from reply to reply; slots are
//!   parsed once however many patterns use them, and the built-in lexicon is
//!   read precompiled (`lexicon/compiled.bin`), so a [`Scorer`] builds in
//!   about 2 ms (2.5 ms in Wasm) and scores a typical reply in about 10 µs
//!   natively (`BENCHMARKS.md`).
//!   In Wasm, results cross to JavaScript as rows of numbers that a small
//!   decoder (`src/decode.js`) turns into objects: one boundary call per
//!   batch instead of one per field.
//! * **Plain Rust core.** Nothing here knows about JavaScript; the cfg-gated
//!   `wasm` module is the only facade, and the `mamalens` binary the CLI.

pub mod explain;
pub mod lexicon;
pub mod matcher;
pub mod model;
pub mod normalize;
pub mod pattern;
pub mod rules;
pub mod scorer;
pub mod topics;
#[cfg(not(target_arch = "wasm32"))]
pub mod training;
pub mod tuning;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use lexicon::Polarity;
pub use rules::Rule;
pub use scorer::{ConfigError, Cue, Label, Options, Scorer, Verdict};
