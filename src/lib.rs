//! MamaLens scores replies on social sites for shaming of mothers and for
//! support of them, on the device.
//!
//! # Design
//!
//! * **A lexicon of phrase patterns, not a model.** Shaming of mothers is
//!   narrow in topic and wide in wording. Patterns with slots
//!   (`{you} (let|leave) {your} {kid} ~2 (nanny|daycare)`) generalise over
//!   wording, are readable by a reviewer, explain themselves in the UI, and
//!   run in a few microseconds with no model weights to ship. The patterns
//!   live in `lexicon/*.tsv`, compiled in (see [`lexicon`] and [`pattern`]).
//! * **Normalise first, remember where from.** Matching runs on a folded copy
//!   of the reply that undoes disguises (`b@d m0m`, `m*ther`, fullwidth);
//!   every byte of it maps back to the original so highlights land on the
//!   words the user sees ([`normalize`]).
//! * **Rules over matches.** Negation, reported speech, quotation, sarcasm,
//!   who is judged, context, but-clauses and intensity adjust each cue
//!   ([`rules`]); every tuning number sits in [`tuning`] with its origin.
//! * **Cheap per reply.** An Aho-Corasick prefilter over one literal of each
//!   pattern picks the few patterns that can match; only their regexes run,
//!   compiled on first use. Building a [`Scorer`] compiles no regex at all.
//! * **Plain Rust core.** Nothing here knows about JavaScript; the cfg-gated
//!   `wasm` module is the only facade, and the `mamalens` binary the CLI.

pub mod explain;
pub mod lexicon;
pub mod matcher;
pub mod normalize;
pub mod pattern;
pub mod rules;
pub mod scorer;
pub mod tuning;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use lexicon::Polarity;
pub use rules::Rule;
pub use scorer::{ConfigError, Cue, Label, Options, Scorer, Verdict};
