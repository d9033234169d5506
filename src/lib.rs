//! MamaLens scores replies on social sites for shaming of mothers and for
//! support of them, on the device.
//!
//! ```
//! let scorer = mamalens::Scorer::new();
//! let verdict = scorer.score("You are a bad mom.");
//! assert_eq!(verdict.label, mamalens::Label::Shaming);
//! ```
//!
//! # Layout: the folders are the pipeline
//!
//! A reply goes text → words → cues → rules → model → verdict, and each
//! stage is a folder that uses only the stages before it:
//!
//! * `text/`: the reply folded (`fast`, the one-pass common case; `full`,
//!   every repair; `fold`, `contractions`), the folded bytes' origins
//!   (`spans`), and its words as ids (`tokens`, `vocab`, `hash`);
//! * `lexicon/`: the data files (`data`), the pattern language (`pattern`),
//!   patterns compiled to a program over word ids (`program`), run over a
//!   reply (`run`), saved as `lexicon/en/compiled.bin` (`codec`), and the topic
//!   words (`topics`);
//! * `rules/`: what a cue means in its sentence (`apply`, over `view`), with
//!   the words the rules look for (`words`);
//! * `model/`: the learned weights (`weights`) over a reply's features
//!   (`features`);
//! * `scorer/`: the pipeline itself, with the user's options (`options`),
//!   overlapping matches (`overlaps`), original-text offsets (`locate`) and
//!   the sort they share (`sort`);
//! * `verdict.rs`: what comes out (`Label`, `Cue`, `Verdict`, `Polarity`,
//!   `Rule`) and its explanation in words; `tuning.rs`: every tuning number;
//!   `lang.rs`: which language a reply is read in (English, Spanish,
//!   Portuguese, or another, left unscored). They sit at the bottom: any
//!   stage may use them.
//!
//! # Languages
//!
//! English is read as described below. Spanish and Portuguese have their
//! own lexicon, rule words and model (`lexicon/es/`, `lexicon/pt/`), built
//! the first time a reply needs them and read by the same pipeline
//! (`scorer/other_replies.rs`); a few of the decision's bars differ, since
//! their models learned from 1,100 to 1,450 replies each rather than 3,400
//! (`Gates` in `scorer/mod.rs`, the numbers in `tuning.rs`). Most English replies are
//! told at a glance (most of their words are the English lexicon's) and
//! never pay for language detection; the rest go through `whatlang`
//! (`lang.rs` has the policy, `tuning.rs` its measured numbers).
//!
//! `wasm.rs` is the JavaScript facade. Modules are private; the public
//! surface is what is re-exported below. `tests/layout.rs` fails on an import
//! cycle or a file over 800 lines.
//!
//! # Design
//!
//! * **A lexicon of phrase patterns first.** Shaming of mothers is narrow in
//!   topic and wide in wording. Patterns with slots
//!   (`{you} (let|leave) {your} {kid} ~2 (nanny|daycare)`) generalise over
//!   wording, are readable by a reviewer and explain themselves in the UI.
//!   The patterns live in `lexicon/*.tsv`, compiled in (see `lexicon::data`
//!   and `lexicon::pattern`); a small learned model weighs them (below).
//! * **Matched on words, not bytes.** Every pattern is a sequence of words,
//!   so the reply is cut into words once, each looked up once in one
//!   vocabulary, and patterns are indexed by their rarest required word
//!   (`lexicon::program`). A pattern's meaning is still defined as a regex
//!   over the normalised text (`lexicon::pattern::regex_source`); the tests hold the matcher
//!   to it with the `regex` crate. Per-pattern regexes were the first design:
//!   correct, but several scans per reply, compilation on first use, and most
//!   of the `.wasm` (288 KB gzipped with 521 patterns; the whole `.wasm`,
//!   model included, was 249 KB with some 830 English ones, and is 331 KB
//!   with language identification in it; BENCHMARKS.md).
//! * **Normalise first, remember where from.** Matching runs on a folded copy
//!   of the reply that undoes disguises (`b@d m0m`, `m*ther`, fullwidth);
//!   every byte of it maps back to the original so highlights land on the
//!   words the user sees (`text`).
//! * **Rules over matches.** Negation, reported speech, quotation, sarcasm,
//!   mocked outrage, who is judged, context, but-clauses and intensity adjust
//!   each cue (`rules`); every tuning number sits in [`tuning`] with its
//!   origin. Beside the phrases, lone evaluative words ("proud", "filthy")
//!   count when their own sentence names a mother, a child or the person
//!   addressed: phrases alone missed much of the praise in new wording.
//! * **A learned model over the lexicon.** Real shaming is mostly said
//!   without a cue word ("So just sugar.", "Where's his hat?"), and phrase
//!   families made for one thread carried little to the next. A logistic
//!   regression over the reply's words, pairs, word classes, shape and the
//!   lexicon's own verdict (`model`) makes the final call, trained by
//!   `cargo xtask train` (`xtask/src/training.rs`) from replies written for it.
//!   It is linear so that it stays small, fast and explainable: its weights
//!   are readable text, and the words it weighed most are shown as cues.
//!   Gates keep it from flagging on the prior alone (`scorer`).
//! * **Cheap per reply, cheap to build.** The common reply (no disguise, any
//!   emoji or curly quotes) takes one pass that folds it and hands its words
//!   to the tokenizer; buffers are reused from reply to reply; slots are
//!   parsed once however many patterns use them, and the built-in lexicon is
//!   read precompiled (`lexicon/en/compiled.bin`), so a [`Scorer`] builds in
//!   about 2 ms (2.5 ms in Wasm) and scores a typical reply in about 10 µs
//!   natively (`BENCHMARKS.md`).
//!   In Wasm, results cross to JavaScript as rows of numbers that a small
//!   decoder (`src/decode.js`) turns into objects: one boundary call per
//!   batch instead of one per field.
//! * **Plain Rust core.** Nothing here knows about JavaScript; the cfg-gated
//!   `wasm` module is the only facade, and the `mamalens` binary the CLI.

mod lang;
mod lexicon;
mod model;
mod rules;
mod scorer;
mod text;
pub mod tuning;
mod verdict;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use lang::{Decision, Lang, LangChoice, LangFiles};
pub use lexicon::data::LEXICON_VERSION;
pub use scorer::{ConfigError, Options, Scorer};
pub use verdict::{explain, Cue, Label, Polarity, Rule, Verdict};

/// Internals for the repository's own tests and developer tools (`xtask`):
/// not a stable interface.
#[doc(hidden)]
pub mod dev {
    pub mod lexicon {
        pub use crate::lexicon::data::*;
        pub use crate::text::contractions::{parse as parse_contractions, CONTRACTIONS_TSV};
        pub use crate::text::lists::{
            parse as parse_word_lists, parse_partial as parse_partial_word_lists, MASKED_TSV,
            WORDS_TSV,
        };
        pub use crate::verdict::Polarity;

        /// The built-in lexicon compiled, as `lexicon/en/compiled.bin` holds it.
        pub fn compile_builtin() -> Result<Vec<u8>, LexiconError> {
            crate::lexicon::data::compile_builtin(crate::rules::words::rule_vocab)
        }

        /// The built-in lexicon plus `extra` entries.
        pub fn build(extra: &[RawEntry<'_>]) -> Result<Lexicon, LexiconError> {
            Lexicon::build(extra, crate::rules::words::rule_vocab)
        }
    }
    pub mod pattern {
        pub use crate::lexicon::pattern::{compile, Slots};
    }
    pub mod matcher {
        pub use crate::lexicon::program::Hit;
        pub use crate::lexicon::run::Scratch;
        pub use crate::text::tokens::{tokenize, Token};
    }
    pub mod model {
        pub use crate::model::weights::*;
    }
    pub mod topics {
        pub use crate::lexicon::topics::*;
    }

    use crate::{ConfigError, Label, Options, Scorer};

    /// The lexicon with no model (every reply's probabilities even): for the
    /// trainer, which must run whatever `model.tsv` holds, even a damaged or
    /// stale one.
    pub fn lexicon_only() -> Scorer {
        Scorer::lexicon_only()
    }

    /// A scorer with the model's weights given as the text of a `model.tsv`:
    /// the trainer scores held-out replies through the same decision.
    pub fn with_model_tsv(options: &Options, tsv: &str) -> Result<Scorer, ConfigError> {
        Scorer::with_model_tsv(options, tsv)
    }

    /// The model's features of a reply, as text with their values (with the
    /// lexicon's verdict among them or not).
    pub fn features(scorer: &Scorer, text: &str, with_lexicon: bool) -> Vec<(String, f32)> {
        scorer.features(text, with_lexicon)
    }

    /// As [`with_model_tsv`], with the model of `lang` (Spanish or
    /// Portuguese) given.
    pub fn with_lang_model_tsv(
        options: &Options,
        lang: crate::Lang,
        tsv: &str,
    ) -> Result<Scorer, String> {
        Scorer::with_lang_model_tsv(options, lang, tsv)
    }

    /// As [`features`], for a reply read in Spanish or Portuguese by that
    /// language's lexicon and rules; `None` when the language has no files.
    pub fn features_in(
        scorer: &Scorer,
        lang: crate::Lang,
        text: &str,
        with_lexicon: bool,
    ) -> Option<Vec<(String, f32)>> {
        scorer.features_in(lang, text, with_lexicon)
    }

    /// The label and scores the lexicon alone gives.
    pub fn lexicon_verdict(scorer: &Scorer, text: &str) -> (Label, f32, f32) {
        scorer.lexicon_verdict(text)
    }

    /// The folded text the lexicon is matched against.
    pub fn normalized(scorer: &Scorer, text: &str) -> String {
        scorer.normalized(text)
    }
}
