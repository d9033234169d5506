//! The data of a language other than English: Spanish and Portuguese are
//! read by their own lexicon, rule words and model, built on first need.

use super::options::Allowlist;
use crate::lang::Lang;
use crate::lexicon::data::{self as lexicon, Lexicon, RawEntry};
use crate::model::weights::Model;
use crate::text::lists::{list, WordLists};
use crate::verdict::Polarity;

/// One language's lexicon, rule words, allowlist and model (`None`: the
/// language is read by its lexicon alone).
pub(crate) struct LangData {
    pub(crate) lexicon: Lexicon,
    pub(crate) lists: &'static WordLists,
    pub(crate) allowlist: Allowlist,
    pub(crate) model: Option<Model>,
}

/// A language's `model.tsv` read, with its own function words (a pair of
/// them, "de la", says nothing of why); empty text is no model.
pub(crate) fn parse_model(lang: Lang, tsv: &str) -> Result<Option<Model>, String> {
    if tsv.trim().is_empty() {
        return Ok(None);
    }
    Model::parse_with(tsv, WordLists::of(lang).list(list::FUNCTION_WORD))
        .map(Some)
        .map_err(|e| e.to_string())
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
    /// naming an English-only slot is left to English); `None` when there
    /// are no files for it (a build without them that was given none).
    pub(crate) fn build(lang: Lang, pending: &Pending) -> Option<LangData> {
        // Embedded files are linted by tests; given ones that fail were
        // refused by `provide`, and the language stays unread.
        let model = crate::lang::files(lang).map_or("", |f| f.model);
        LangData::build_from(lang, lexicon::sources(lang)?, model, pending).ok()
    }

    /// As [`LangData::build`], from these files.
    pub(crate) fn build_from(
        lang: Lang,
        sources: lexicon::Sources,
        model: &str,
        pending: &Pending,
    ) -> Result<LangData, String> {
        let mut slots = lexicon::parse_slots(sources.slots).map_err(|e| e.to_string())?;
        slots.set_not_english();
        let extra: Vec<RawEntry<'_>> = pending
            .custom
            .iter()
            .enumerate()
            .filter(|(_, (_, p))| lexicon::check_pattern(p, &slots).is_ok())
            .map(|(index, (polarity, pattern))| {
                RawEntry::custom(format!("custom entry {}", index + 1), *polarity, pattern)
            })
            .collect();
        let lexicon = Lexicon::compile_lang(
            sources,
            slots,
            &extra,
            crate::rules::words::rule_vocab_for(lang),
        )
        .map_err(|e| e.to_string())?;
        let allowlist = Allowlist::build_in(&pending.allowlist, &lexicon.vocab, lang)
            .map_err(|e| e.to_string())?;
        Ok(LangData {
            lexicon,
            lists: WordLists::of(lang),
            allowlist,
            model: parse_model(lang, model)?,
        })
    }

    /// Checks a language's files as given by the host, then keeps them for
    /// every Scorer: they must parse and compile, before any reply of the
    /// language was read.
    pub(crate) fn provide(lang: Lang, files: crate::lang::LangFiles) -> Result<(), String> {
        if lang == Lang::En {
            return Err("English's files are built in".into());
        }
        crate::text::lists::parse_partial(files.words).map_err(|e| format!("words.tsv: {e}"))?;
        // Its function words are English's until the language's own are read.
        if !files.model.trim().is_empty() {
            Model::parse(files.model).map_err(|e| e.to_string())?;
        }
        let sources = lexicon::Sources {
            slots: files.slots,
            shaming: files.shaming,
            support: files.support,
        };
        // Compiled to check, with English's rule words: the language's own
        // are read (once) from the files kept, which are not kept yet.
        let mut slots = lexicon::parse_slots(sources.slots).map_err(|e| e.to_string())?;
        slots.set_not_english();
        Lexicon::compile_lang(sources, slots, &[], crate::rules::words::rule_vocab)
            .map_err(|e| e.to_string())?;
        crate::lang::provide(lang, files)
    }
}

pub(crate) fn round3(x: f32) -> f32 {
    (x.clamp(0.0, 1.0) * 1000.0).round() / 1000.0
}
