//! Scoring a reply not in English: Spanish and Portuguese by their own
//! lexicon after the rules and their own model, another language left
//! unread.

use super::cues::OutsideAllowlist;
use super::other::{round3, LangData};
use super::{
    covers_all, engine_label, engine_view, lexicon_cues_in, locate_in_original, Gates, Learned,
    Scorer, Target,
};
use crate::lang::{Decision, Lang};
use crate::lexicon::data as lexicon;
use crate::lexicon::run::Scratch;
use crate::model::features as model_features;
use crate::text::full::normalize_full_in;
use crate::text::spans::Normalized;
use crate::text::tokens::Token;
use crate::verdict::{Cue, Label, Verdict};

impl Scorer {
    /// The data of a language other than English, built on first use.
    pub(crate) fn lang_data(&self, lang: Lang) -> Option<&LangData> {
        let slot = match lang {
            Lang::En => unreachable!("English is the Scorer's own lexicon"),
            Lang::Es => &self.others[0],
            Lang::Pt => &self.others[1],
        };
        // Files not given yet are not remembered as missing: the host gives
        // them on first need, and the reply is read again.
        if slot.get().is_none() && crate::lang::files(lang).is_none() {
            return None;
        }
        slot.get_or_init(|| LangData::build(lang, &self.pending))
            .as_ref()
    }

    /// As [`Scorer::with_options`], with `lang`'s model given as the text of
    /// a `model.tsv` in place of its own: the trainer scores held-out
    /// replies through the same decision as the extension.
    pub(crate) fn with_lang_model_tsv(
        options: &super::options::Options,
        lang: Lang,
        tsv: &str,
    ) -> Result<Scorer, String> {
        let scorer = Scorer::with_options(options).map_err(|e| e.to_string())?;
        let sources = lexicon::sources(lang).ok_or("no files for the language")?;
        let data = LangData::build_from(lang, sources, tsv, &scorer.pending)?;
        let slot = match lang {
            Lang::En => return Err("English's model is the Scorer's own".into()),
            Lang::Es => &scorer.others[0],
            Lang::Pt => &scorer.others[1],
        };
        let _ = slot.set(Some(data));
        Ok(scorer)
    }

    /// Gives Spanish's or Portuguese's files (`lexicon/<lang>/slots.tsv`,
    /// `shaming.tsv`, `support.tsv`, `words.tsv`), for every Scorer, before
    /// any reply in that language is read: for a build without them
    /// compiled in (no `embedded-languages` feature). They are checked (an
    /// error says what is wrong) and kept for the life of the process.
    pub fn provide_language(lang: Lang, files: crate::lang::LangFiles) -> Result<(), String> {
        LangData::provide(lang, files)
    }

    /// A reply in a language other than English, read as English is: its
    /// lexicon's cues after the rules, weighed by its model (or, where the
    /// language has no model or the user's own cue is in it, the lexicon's
    /// verdict alone). A language with no data is neutral, with no cue.
    pub(crate) fn score_other(&self, text: &str, truncated: bool, decision: Decision) -> Verdict {
        let Some(lang) = decision.lang.filter(|l| *l != Lang::En) else {
            return self.unread(truncated, decision);
        };
        let Some(data) = self.lang_data(lang) else {
            // No files for it in this build, and none given yet.
            return self.unread(truncated, decision);
        };
        let pass = OtherPass::read(data, lang, text);
        let OtherPass {
            norm,
            tokens,
            flags,
            mut cues,
            allowed,
        } = pass;
        let engine = engine_view(&cues);
        let all_allowed = !allowed.is_empty() && covers_all(&allowed, &tokens);
        let custom_cue = cues
            .iter()
            .any(|(c, _, _)| c.category == lexicon::CUSTOM_CATEGORY && c.weight > 0.0);
        let (label, shaming, support) = match &data.model {
            Some(model) if !custom_cue => {
                let mut found = Vec::new();
                let mut seen = vec![0; model.slots()];
                let mut scoring = model_features::Scoring {
                    model,
                    logits: model.bias,
                    evidence: [0.0; 2],
                    found: &mut found,
                    seen: &mut seen,
                    stamp: 1,
                };
                let mut outside = OutsideAllowlist {
                    inner: &mut scoring,
                    allowed: &allowed,
                };
                model_features::extract(&norm.text, text, &tokens, Some(&engine), &mut outside);
                let (logits, evidence) = (scoring.logits, scoring.evidence);
                // No off-topic list of its own: a reply that names no
                // mother or child needs the higher bar, as in English.
                let target = if flags & crate::rules::words::flag::CONTEXT != 0 {
                    Target::Named
                } else {
                    Target::Unnamed
                };
                let (label, p_shaming, p_support) = self.weigh(
                    logits,
                    evidence,
                    &Gates::OTHER_LANGUAGES,
                    target,
                    &engine,
                    all_allowed || tokens.is_empty(),
                    all_allowed,
                );
                let learned = Learned {
                    model,
                    entry_base: data.lexicon.entries.len() as u32,
                };
                self.learned_cues_of(&learned, label, &found, &mut cues, &norm);
                (label, p_shaming, p_support)
            }
            _ => {
                let mut label = engine_label(engine.shaming, engine.support, self.lexicon_shift());
                if all_allowed && label == Label::Shaming {
                    label = Label::Neutral;
                }
                (label, engine.shaming, engine.support)
            }
        };
        let shaming = if all_allowed { 0.0 } else { shaming };
        locate_in_original(&norm, text, &mut cues);
        let cues: Vec<Cue> = cues.into_iter().map(|(c, _, _)| c).collect();
        let mut v = self.verdict(
            label, shaming, support, cues, truncated, &norm.text, &tokens,
        );
        v.lang = decision.code;
        v.lang_confidence = round3(decision.confidence);
        v
    }

    /// The model's features of a reply read in `lang` (Spanish or
    /// Portuguese), by name, for the trainer; `None` when the language has
    /// no files. With `with_lexicon` false the lexicon's verdict is left out.
    pub(crate) fn features_in(
        &self,
        lang: Lang,
        text: &str,
        with_lexicon: bool,
    ) -> Option<Vec<(String, f32)>> {
        let data = self.lang_data(lang)?;
        let (text, _) = super::truncate(text);
        let pass = OtherPass::read(data, lang, text);
        let engine = engine_view(&pass.cues);
        let mut names = model_features::Names::default();
        model_features::extract(
            &pass.norm.text,
            text,
            &pass.tokens,
            with_lexicon.then_some(&engine),
            &mut names,
        );
        Some(names.features)
    }

    /// The verdict on a reply in a language with no data: neutral, unread.
    fn unread(&self, truncated: bool, decision: Decision) -> Verdict {
        Verdict {
            label: Label::Neutral,
            shaming: 0.0,
            support: 0.0,
            categories: Vec::new(),
            cues: Vec::new(),
            truncated,
            lang: decision.code,
            lang_confidence: round3(decision.confidence),
        }
    }
}

/// A reply read by another language's data, up to its lexicon's cues.
struct OtherPass {
    norm: Normalized,
    tokens: Vec<Token>,
    flags: u16,
    cues: Vec<(Cue, usize, usize)>,
    allowed: Vec<(usize, usize)>,
}

impl OtherPass {
    fn read(data: &LangData, lang: Lang, text: &str) -> OtherPass {
        let norm = normalize_full_in(text, &data.lexicon.vocab, lang);
        let mut tokens = Vec::new();
        let flags = crate::text::tokens::tokenize(&norm.text, &data.lexicon.words, &mut tokens);
        let mut hits = Vec::new();
        data.lexicon
            .program
            .find(&norm.text, &tokens, &mut Scratch::default(), &mut hits);
        let allowed = data.allowlist.spans(&tokens, &norm.text);
        let cues = lexicon_cues_in(
            &data.lexicon,
            data.lists,
            &norm.text,
            text,
            &tokens,
            flags,
            &mut hits,
            &allowed,
        );
        OtherPass {
            norm,
            tokens,
            flags,
            cues,
            allowed,
        }
    }
}
