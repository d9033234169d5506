//! MamaLens's second stage: a small sentence encoder that reads a reply as
//! a whole, for the replies the first stage (the `mamalens` crate's lexicon
//! and word model) is unsure of.
//!
//! # Design
//!
//! * **Why a second stage.** The first stage reads words and phrases; real
//!   shaming and defence often turn on the sentence ("So cute! Shame about
//!   the straps.", "How do you know he hasn't got sunscreen on?"). A
//!   transformer fine-tuned on the real labelled corpus reads those better,
//!   but costs milliseconds a reply where the first stage costs
//!   microseconds, and megabytes where the first stage fits in kilobytes. So
//!   it is a separate asset, loaded by the extension's background on first
//!   need, and it reads only the replies whose first-stage verdict is close
//!   to a threshold; the page never waits for it.
//! * **What it is.** All-MiniLM-L6-v2's first layers (Apache-2.0),
//!   fine-tuned as a three-way classifier by `tools/reader/train.py`, with
//!   the vocabulary cut to the pieces the training text uses and its word
//!   embedding factored, and every matrix quantised to 8 bits per weight
//!   with a scale per row ([`model`] documents the file). The shipped
//!   weights are generated; their file names the command.
//! * **Plain Rust, one pass per matrix row.** No BLAS or SIMD intrinsics: a
//!   weight row is widened to `f32` once and dotted with every token, with
//!   eight running sums that the compiler keeps in SIMD lanes where the
//!   target has them.
//! * **Both stages decide together.** The final label weighs the reader's
//!   log-odds with a quarter of the first stage's ([`decide`]); measured,
//!   the first stage alone flagged a quarter of real comments that name no
//!   mother, the two together fewer than one in a hundred.
//! * **Exact tokeniser.** BERT's uncased tokeniser, checked against the
//!   reference implementation on real replies ([`tokenize`]).

mod decide;
mod model;
mod tokenize;

pub use decide::{decide, FIRST_STAGE_SHARE, SENSITIVITY_LOGIT_SPAN, SHAMING_BIAS, SUPPORT_BIAS};
pub use model::{Config, Model, FORMAT};

#[cfg(target_arch = "wasm32")]
mod wasm;

/// With the `crash-drill` feature (never in a build that ships), reading a
/// reply that holds this marker panics: the end-to-end tests' trap drill.
#[cfg(feature = "crash-drill")]
pub const CRASH_DRILL_MARKER: &str = "mamalens-reader-crash-drill";
