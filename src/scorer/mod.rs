//! Scoring one reply: match cues, apply the rules, decide the label.

mod cues;
mod decide;
mod gates;
mod locate;
mod options;
mod other;
mod other_replies;
mod overlaps;
mod sort;
#[cfg(test)]
mod tests;

pub use options::{ConfigError, Options};

use crate::lang::{Decision, Identifier, Lang, LangChoice};
use crate::lexicon::data::{self as lexicon, Lexicon, RawEntry};
use crate::lexicon::program::Hit;
use crate::lexicon::run::Scratch;
use crate::lexicon::topics::Topics;
use crate::model::features::{self as model_features};
use crate::model::weights::{self as model, Model};
use crate::text::fast::normalize_fast_into;
use crate::text::full::{normalize, normalize_full};
use crate::text::lists::WordLists;
use crate::text::spans::Normalized;
use crate::text::tokens::{Token, TokenWriter};
use crate::tuning::*;
use crate::verdict::{Cue, Label, Polarity, Rule, Verdict};
pub(crate) use cues::{
    covers_all, engine_label, engine_view, english_share, lexicon_cues_in, OutsideAllowlist,
};
use gates::{Gates, Target};
use locate::locate_in_original;
use options::Allowlist;
use other::{round3, LangData, Pending};
use sort::{milli_desc, sort_by_packed};
use std::cell::{OnceCell, RefCell};

/// A language's model, and where its features' entry numbers start (past
/// its lexicon's entries: the Wasm names patterns by entry).
pub(crate) struct Learned<'a> {
    pub(crate) model: &'a Model,
    pub(crate) entry_base: u32,
}

pub struct Scorer {
    pub(crate) lexicon: Lexicon,
    /// The word ids of the off-topic words, sorted.
    pub(crate) off_topic: Vec<u32>,
    pub(crate) model: Model,
    pub(crate) topics: Topics,
    pub(crate) allowlist: Allowlist,
    pub(crate) sensitivity: f32,
    /// The language the user forced, and the page's, from the options.
    pub(crate) lang: LangChoice,
    pub(crate) identifier: Identifier,
    /// Spanish and Portuguese, built on first need from `pending`.
    pub(crate) others: [OnceCell<Option<LangData>>; 2],
    pub(crate) pending: Pending,
    /// Buffers reused from reply to reply.
    pub(crate) scratch: RefCell<Buffers>,
}

#[derive(Default)]
pub(crate) struct Buffers {
    /// The folded reply: its text and spans keep their capacity.
    pub(crate) norm: Normalized,
    pub(crate) tokens: Vec<Token>,
    pub(crate) hits: Vec<Hit>,
    pub(crate) matcher: Scratch,
    /// The model's features found in the reply, and its per-slot stamps.
    pub(crate) found: Vec<model_features::Found>,
    pub(crate) seen: Vec<u32>,
    pub(crate) stamp: u32,
}

impl Scorer {
    /// A scorer with the built-in lexicon and default sensitivity.
    pub fn new() -> Scorer {
        Scorer::with_options(&Options::default()).expect("the built-in lexicon is linted by tests")
    }

    /// The lexicon with no model (every reply's probabilities even): for the
    /// trainer, which must run whatever `model.tsv` holds, even a damaged
    /// or stale one.
    pub(crate) fn lexicon_only() -> Scorer {
        Scorer::with_model(&Options::default(), Some(Model::empty()))
            .expect("the built-in lexicon is linted by tests")
    }

    pub fn with_options(options: &Options) -> Result<Scorer, ConfigError> {
        Scorer::with_model(options, None)
    }

    /// As [`Scorer::with_options`], with the model's weights given as the
    /// text of a `model.tsv` instead of the built-in one: the trainer scores
    /// held-out replies through the same decision as the extension.
    pub(crate) fn with_model_tsv(options: &Options, tsv: &str) -> Result<Scorer, ConfigError> {
        let model = Model::parse(tsv).map_err(ConfigError::Model)?;
        Scorer::with_model(options, Some(model))
    }

    pub(crate) fn with_model(
        options: &Options,
        model: Option<Model>,
    ) -> Result<Scorer, ConfigError> {
        let sensitivity = options.sensitivity.unwrap_or(DEFAULT_SENSITIVITY);
        if !(0.0..=1.0).contains(&sensitivity) {
            return Err(ConfigError::Sensitivity(sensitivity));
        }
        let slots = lexicon::parse_slots(lexicon::SLOTS_TSV).map_err(ConfigError::Lexicon)?;
        let mut extra: Vec<RawEntry<'_>> = Vec::new();
        let mut pending = Pending {
            custom: Vec::new(),
            allowlist: options.allowlist.clone(),
        };
        for (list, polarity, items) in [
            (
                "customLexicon.shaming",
                Polarity::Shaming,
                &options.custom_shaming,
            ),
            (
                "customLexicon.support",
                Polarity::Support,
                &options.custom_support,
            ),
        ] {
            if items.len() > MAX_CUSTOM_ENTRIES {
                return Err(ConfigError::TooMany {
                    list,
                    count: items.len(),
                });
            }
            for (index, item) in items.iter().enumerate() {
                let bad = |message: String| ConfigError::Entry {
                    list,
                    index,
                    entry: item.clone(),
                    message,
                };
                let pattern = item.trim();
                if pattern.is_empty() {
                    return Err(bad("is empty".into()));
                }
                if pattern.len() > MAX_CUSTOM_PATTERN_BYTES {
                    return Err(bad(format!(
                        "is longer than {MAX_CUSTOM_PATTERN_BYTES} bytes"
                    )));
                }
                lexicon::check_pattern(pattern, &slots).map_err(bad)?;
                pending.custom.push((polarity, pattern.to_string()));
                extra.push(RawEntry::custom(
                    format!("{list} entry {}", index + 1),
                    polarity,
                    pattern,
                ));
            }
        }
        let lexicon = Lexicon::build_with_slots(slots, &extra, crate::rules::words::rule_vocab)
            .map_err(ConfigError::Lexicon)?;
        // The rules put them in the vocabulary (`rules::add_rule_words`).
        let mut off_topic: Vec<u32> = crate::text::lists::list(crate::text::lists::list::OFF_TOPIC)
            .iter()
            .filter_map(|w| lexicon.words.get(w))
            .collect();
        off_topic.sort_unstable();
        let allowlist = Allowlist::build(&options.allowlist, &lexicon.vocab)?;
        let model = match model {
            Some(m) => m,
            None => Model::builtin().map_err(ConfigError::Model)?,
        };
        let topics = Topics::builtin();
        Ok(Scorer {
            lexicon,
            off_topic,
            model,
            topics,
            allowlist,
            sensitivity,
            lang: LangChoice {
                forced: options.lang,
                hint: options.page_lang,
                english_share: 0.0,
            },
            identifier: Identifier::default(),
            others: Default::default(),
            pending,
            scratch: RefCell::default(),
        })
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// The lexicon of `lang` (Spanish's and Portuguese's built if not yet).
    pub fn lexicon_of(&self, lang: Lang) -> Option<&Lexicon> {
        match lang {
            Lang::En => Some(&self.lexicon),
            _ => self.lang_data(lang).map(|d| &d.lexicon),
        }
    }

    /// `lang`'s model, if it has one and its data is built (English's
    /// always is).
    pub fn model_of(&self, lang: Lang) -> Option<&Model> {
        match lang {
            Lang::En => Some(&self.model),
            _ => self.lang_data(lang).and_then(|d| d.model.as_ref()),
        }
    }

    /// Whether `lang`'s lexicon is built (English's always is).
    pub fn has_lexicon(&self, lang: Lang) -> bool {
        match lang {
            Lang::En => true,
            Lang::Es => self.others[0].get().is_some_and(Option::is_some),
            Lang::Pt => self.others[1].get().is_some_and(Option::is_some),
        }
    }

    pub fn model(&self) -> &Model {
        &self.model
    }

    pub fn sensitivity(&self) -> f32 {
        self.sensitivity
    }

    /// The folded text the lexicon sees, for `explain` and debugging.
    pub(crate) fn normalized(&self, text: &str) -> String {
        normalize(truncate(text).0, &self.lexicon.vocab).text
    }

    pub fn score(&self, text: &str) -> Verdict {
        self.score_in(text, self.lang.hint)
    }

    /// As [`Scorer::score`], with the language of the page the reply is on
    /// (`page_lang`, in place of the options'), for a reply too short or
    /// mixed to tell on its own.
    pub fn score_in(&self, text: &str, page_lang: Option<Lang>) -> Verdict {
        let (text, truncated) = truncate(text);
        let choice = LangChoice {
            forced: self.lang.forced,
            hint: page_lang,
            english_share: 0.0,
        };
        match choice.forced {
            Some(lang) if lang != Lang::En => {
                self.score_other(text, truncated, Decision::of(lang, 1.0))
            }
            _ => match self.score_english(text, truncated, choice) {
                Ok(verdict) => verdict,
                Err(decision) => self.score_other(text, truncated, decision),
            },
        }
    }

    /// An English reply's verdict; or, when it reads as another language,
    /// that language (the caller scores it there). Unless the page is in
    /// Spanish or Portuguese, most English replies are told at a glance, by
    /// the share of their words the English lexicon knows, and never pay for
    /// detection (`EN_AT_A_GLANCE`).
    fn score_english(
        &self,
        text: &str,
        truncated: bool,
        choice: LangChoice,
    ) -> Result<Verdict, Decision> {
        // A re-entrant call (none today) would get fresh buffers, not a panic.
        let mut own = Buffers::default();
        let mut borrowed = self.scratch.try_borrow_mut();
        let buffers = borrowed.as_deref_mut().unwrap_or(&mut own);
        let Buffers {
            norm,
            tokens,
            hits,
            matcher: scratch,
            found,
            seen,
            stamp,
        } = buffers;
        hits.clear();
        let flags = self.fold(text, tokens, norm);
        // Test builds only: the extension's end-to-end tests need the Wasm to
        // trap inside a real scoring call, with this Scorer's buffers taken
        // (before the language is decided: a drill reply is read in any).
        #[cfg(feature = "crash-drill")]
        if text.contains(CRASH_DRILL_MARKER) {
            panic!("MamaLens crash drill: a deliberate panic inside score");
        }
        let lang_confidence = if choice.forced == Some(Lang::En) {
            1.0
        } else {
            let share = english_share(tokens);
            // On a page in Spanish or Portuguese the bar is higher.
            let glance = match choice.hint {
                None | Some(Lang::En) => EN_AT_A_GLANCE,
                Some(_) => EN_AT_A_GLANCE_ON_IBERIAN_PAGE,
            };
            // Letters only Spanish or Portuguese write (ñ, ¿, ã, ç) are no
            // English reply's: such a reply is not told at a glance.
            let iberian = || !text.is_ascii() && crate::lang::letters_say(text).is_some();
            if tokens.is_empty() || (share >= glance && !iberian()) {
                share
            } else {
                let choice = LangChoice {
                    english_share: share,
                    ..choice
                };
                let decision = self.identifier.decide(text, choice);
                if decision.lang != Some(Lang::En) {
                    return Err(decision);
                }
                decision.confidence
            }
        };
        let norm = &*norm;
        self.lexicon.program.find(&norm.text, tokens, scratch, hits);
        let allowed = self.allowlist.spans(tokens, &norm.text);
        let mut cues = self.lexicon_cues(&norm.text, text, tokens, flags, hits, &allowed);

        // The lexicon's verdict, then the model's, which weighs it.
        let engine = engine_view(&cues);
        if seen.len() != self.model.slots() {
            *seen = vec![0; self.model.slots()];
        }
        *stamp = stamp.wrapping_add(1);
        if *stamp == 0 {
            seen.iter_mut().for_each(|s| *s = 0);
            *stamp = 1;
        }
        found.clear();
        let mut scoring = model_features::Scoring {
            model: &self.model,
            logits: self.model.bias,
            evidence: [0.0; 2],
            found,
            seen,
            stamp: *stamp,
        };
        let all_allowed = !allowed.is_empty() && covers_all(&allowed, tokens);
        if allowed.is_empty() {
            model_features::extract(&norm.text, text, tokens, Some(&engine), &mut scoring);
        } else {
            let mut outside = OutsideAllowlist {
                inner: &mut scoring,
                allowed: &allowed,
            };
            model_features::extract(&norm.text, text, tokens, Some(&engine), &mut outside);
        }
        let (logits, evidence) = (scoring.logits, scoring.evidence);
        let custom_cue = cues
            .iter()
            .any(|(c, _, _)| c.category == lexicon::CUSTOM_CATEGORY && c.weight > 0.0);
        let target = if flags & crate::rules::words::flag::CONTEXT != 0 {
            Target::Named
        } else if tokens
            .iter()
            .any(|t| self.off_topic.binary_search(&t.word).is_ok())
        {
            Target::OffTopic
        } else {
            Target::Unnamed
        };
        let (label, shaming, support) = if custom_cue {
            // The user's own cue decides, as they expect when they add one.
            (
                engine_label(engine.shaming, engine.support, self.lexicon_shift()),
                engine.shaming,
                engine.support,
            )
        } else {
            self.weigh(
                logits,
                evidence,
                &Gates::ENGLISH,
                target,
                &engine,
                all_allowed || tokens.is_empty(),
                all_allowed,
            )
        };
        let shaming = if all_allowed { 0.0 } else { shaming };
        self.learned_cues(label, found, &mut cues, norm);
        locate_in_original(norm, text, &mut cues);
        let cues: Vec<Cue> = cues.into_iter().map(|(c, _, _)| c).collect();
        let mut v = self.verdict(label, shaming, support, cues, truncated, &norm.text, tokens);
        v.lang_confidence = round3(lang_confidence);
        Ok(v)
    }

    /// The lexicon's cues after the rules, with their byte ranges in the
    /// normalised text.
    pub(crate) fn lexicon_cues(
        &self,
        norm: &str,
        original: &str,
        tokens: &[Token],
        flags: u16,
        hits: &mut Vec<Hit>,
        allowed: &[(usize, usize)],
    ) -> Vec<(Cue, usize, usize)> {
        lexicon_cues_in(
            &self.lexicon,
            WordLists::of(Lang::En),
            norm,
            original,
            tokens,
            flags,
            hits,
            allowed,
        )
    }

    /// The words the model weighed most toward the label, as cues: at most
    /// [`MAX_LEARNED_CUES`], each worth at least [`MIN_LEARNED_WEIGHT`], not
    /// overlapping another cue in the original text ("shouldn't" is two
    /// words once normalised, and one cue).
    pub(crate) fn learned_cues(
        &self,
        label: Label,
        found: &[model_features::Found],
        cues: &mut Vec<(Cue, usize, usize)>,
        normalized: &Normalized,
    ) {
        let english = Learned {
            model: &self.model,
            entry_base: self.lexicon.entries.len() as u32,
        };
        self.learned_cues_of(&english, label, found, cues, normalized);
    }

    /// As [`Scorer::learned_cues`], from the model and lexicon of
    /// `learned`'s language.
    pub(crate) fn learned_cues_of(
        &self,
        learned: &Learned<'_>,
        label: Label,
        found: &[model_features::Found],
        cues: &mut Vec<(Cue, usize, usize)>,
        normalized: &Normalized,
    ) {
        let model = learned.model;
        let norm = normalized.text.as_str();
        let (index, polarity) = match label {
            Label::Shaming => (model::SHAMING, Polarity::Shaming),
            Label::Supportive => (model::SUPPORT, Polarity::Support),
            Label::Neutral => return,
        };
        let mut ranked: Vec<(f32, usize, usize, u32)> = found
            .iter()
            .filter_map(|f| {
                let (s, e) = f.span?;
                let w = model.weights(f.slot as usize);
                // Toward this label and away from the other one.
                let toward = w[index] * f.value - (w[1 - index] * f.value).max(0.0);
                if toward < MIN_LEARNED_WEIGHT {
                    return None;
                }
                // Words say why; the first word of a reply ("s:first ...")
                // or a pair of function words ("for a") does not: of the
                // features with a span, those are the ones that are not
                // evidence (worked out once, when the model is read).
                if !model.is_evidence(f.slot as usize) {
                    return None;
                }
                Some((toward, s as usize, e as usize, f.slot))
            })
            .collect();
        if ranked.is_empty() {
            return;
        }
        sort_by_packed(&mut ranked, |r| milli_desc(r.0) << 32 | r.1 as u128);
        // The original text each cue covers: a lexicon cue on the same words
        // explains them better, and a learned cue names each word once.
        let mut taken: Vec<(usize, usize)> = cues
            .iter()
            .map(|&(_, s, e)| normalized.original_range(s, e))
            .collect();
        let mut added = 0;
        for (toward, s, e, slot) in ranked {
            if added == MAX_LEARNED_CUES || cues.len() >= MAX_CUES_PER_REPLY {
                break;
            }
            let (os, oe) = normalized.original_range(s, e);
            if taken.iter().any(|&(ts, te)| os < te && ts < oe) {
                continue;
            }
            taken.push((os, oe));
            let category = self.topics.category(norm, s, e, polarity);
            cues.push((
                Cue {
                    start: 0,
                    end: 0,
                    text: String::new(),
                    polarity,
                    category,
                    weight: (toward / LEARNED_WEIGHT_SCALE).clamp(0.0, 1.0),
                    rule: Some(Rule::Learned),
                    pattern: model.shared_name(slot as usize),
                    // Past the lexicon's entries: the model's features, in
                    // the order of `model.tsv` (the Wasm names patterns so).
                    entry: learned.entry_base + model.name_index(slot as usize),
                },
                s,
                e,
            ));
            added += 1;
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub(crate) fn verdict(
        &self,
        label: Label,
        shaming: f32,
        support: f32,
        mut cues: Vec<Cue>,
        truncated: bool,
        norm: &str,
        tokens: &[Token],
    ) -> Verdict {
        let mut categories: Vec<(&'static str, f32)> = Vec::new();
        let winning = match label {
            Label::Shaming => Some(Polarity::Shaming),
            Label::Supportive => Some(Polarity::Support),
            Label::Neutral => None,
        };
        for c in cues
            .iter()
            .filter(|c| Some(c.polarity) == winning && c.weight > 0.0)
        {
            match categories.iter_mut().find(|(k, _)| *k == c.category) {
                Some((_, w)) => *w += c.weight,
                None => categories.push((c.category, c.weight)),
            }
        }
        if categories.is_empty() {
            if let Some(p) = winning {
                // Nothing named one: the reply's topic, or the default.
                categories.push((self.topics.of_reply(norm, tokens, p), 0.0));
            }
        }
        sort_by_packed(&mut categories, |c| milli_desc(c.1));
        sort_by_packed(&mut cues, |c| (c.start as u128) << 32 | c.end as u128);
        let round = |x: f32| (x * 1000.0).round() / 1000.0;
        for c in &mut cues {
            c.weight = round(c.weight);
        }
        Verdict {
            label,
            shaming: round(shaming.clamp(0.0, 1.0)),
            support: round(support.clamp(0.0, 1.0)),
            categories: categories.into_iter().map(|(k, _)| k).collect(),
            cues,
            truncated,
            lang: Lang::En.code(),
            lang_confidence: 1.0,
        }
    }

    /// Folds a reply and cuts it into `tokens` (cleared first): the one-pass
    /// fast path when it takes the reply, else the full normalisation.
    /// Returns the folded text and the rule flags its words carry.
    /// Folds `text` into `norm` and its words into `tokens`; returns the
    /// union of the words' flags.
    pub(crate) fn fold(&self, text: &str, tokens: &mut Vec<Token>, norm: &mut Normalized) -> u16 {
        tokens.clear();
        let mut writer = TokenWriter::new(&self.lexicon.words, tokens);
        if normalize_fast_into(text, &mut writer, norm) {
            writer.flags
        } else {
            tokens.clear();
            *norm = normalize_full(text, &self.lexicon.vocab);
            crate::text::tokens::tokenize(&norm.text, &self.lexicon.words, tokens)
        }
    }

    /// A reply's folded text, its words and the lexicon's cues after the
    /// rules (no allowlist), with fresh buffers: for the trainer and tools.
    pub(crate) fn lexicon_pass(
        &self,
        text: &str,
    ) -> (Normalized, Vec<Token>, Vec<(Cue, usize, usize)>) {
        let mut tokens = Vec::new();
        let mut hits = Vec::new();
        let mut norm = Normalized::default();
        let flags = self.fold(text, &mut tokens, &mut norm);
        self.lexicon
            .program
            .find(&norm.text, &tokens, &mut Scratch::default(), &mut hits);
        let cues = self.lexicon_cues(&norm.text, text, &tokens, flags, &mut hits, &[]);
        (norm, tokens, cues)
    }

    /// The features the model sees in a reply, by name, for the trainer.
    /// With `with_lexicon` false the lexicon's verdict is left out (see
    /// [`model`]).
    pub(crate) fn features(&self, text: &str, with_lexicon: bool) -> Vec<(String, f32)> {
        let (text, _) = truncate(text);
        let (norm, tokens, cues) = self.lexicon_pass(text);
        let engine = engine_view(&cues);
        let mut names = model_features::Names::default();
        model_features::extract(
            &norm.text,
            text,
            &tokens,
            with_lexicon.then_some(&engine),
            &mut names,
        );
        names.features
    }

    /// The lexicon's own verdict on a reply, before the model: its label and
    /// its two scores.
    pub(crate) fn lexicon_verdict(&self, text: &str) -> (Label, f32, f32) {
        let (_, _, cues) = self.lexicon_pass(truncate(text).0);
        let e = engine_view(&cues);
        (
            engine_label(e.shaming, e.support, 0.0),
            e.shaming,
            e.support,
        )
    }
}

impl Default for Scorer {
    fn default() -> Self {
        Scorer::new()
    }
}

/// With the `crash-drill` feature (never in a build that ships), scoring a
/// reply that contains this panics.
#[cfg(feature = "crash-drill")]
pub const CRASH_DRILL_MARKER: &str = "mamalens-crash-drill";

/// Cuts at most [`MAX_REPLY_BYTES`], at a character boundary.
pub(crate) fn truncate(text: &str) -> (&str, bool) {
    if text.len() <= MAX_REPLY_BYTES {
        return (text, false);
    }
    let mut cut = MAX_REPLY_BYTES;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    (&text[..cut], true)
}
