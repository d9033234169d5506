//! The data of a language other than English: Spanish and Portuguese are
//! read by their own lexicon and rule words, compiled on first need.

use super::options::Allowlist;
use crate::lang::Lang;
use crate::lexicon::data::{self as lexicon, Flags, Lexicon, RawEntry};
use crate::text::lists::WordLists;
use crate::tuning::CUSTOM_CUE_WEIGHT;
use crate::verdict::Polarity;

/// One language's lexicon, rule words and allowlist.
pub(crate) struct LangData {
    pub(crate) lexicon: Lexicon,
    pub(crate) lists: &'static WordLists,
    pub(crate) allowlist: Allowlist,
}

/// What the Scorer keeps of the user's options to build another language's
/// data when it is first needed.
#[derive(Default)]
pub(crate) struct Pending {
    /// The user's own cues, checked against the English slots.
    pub(crate) custom: Vec<(Polarity, String)>,
    pub(crate) allowlist: Vec<String>,
}

impl LangData {
    /// `lang`'s data, with the user's cues that its slots compile (a cue
    /// naming an English-only slot is left to English).
    pub(crate) fn build(lang: Lang, pending: &Pending) -> LangData {
        let sources = lexicon::sources(lang);
        let mut slots =
            lexicon::parse_slots(sources.slots).expect("every slots.tsv is linted by tests");
        slots.set_not_english();
        let extra: Vec<RawEntry<'_>> = pending
            .custom
            .iter()
            .enumerate()
            .filter(|(_, (_, p))| lexicon::check_pattern(p, &slots).is_ok())
            .map(|(index, (polarity, pattern))| RawEntry {
                place: format!("custom entry {}", index + 1),
                polarity: *polarity,
                category: lexicon::CUSTOM_CATEGORY,
                weight: CUSTOM_CUE_WEIGHT,
                flags: Flags {
                    negatable: true,
                    ..Flags::default()
                },
                pattern,
            })
            .collect();
        let lexicon = Lexicon::compile_lang(
            lang,
            slots,
            &extra,
            crate::rules::words::rule_vocab_for(lang),
        )
        .expect("every lexicon is linted by tests, and the user's cues compile");
        let allowlist = Allowlist::build_in(&pending.allowlist, &lexicon.vocab, lang)
            .expect("the allowlist was checked when the Scorer was built");
        LangData {
            lexicon,
            lists: WordLists::of(lang),
            allowlist,
        }
    }
}

pub(crate) fn round3(x: f32) -> f32 {
    (x.clamp(0.0, 1.0) * 1000.0).round() / 1000.0
}
