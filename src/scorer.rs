//! Scoring one reply: match cues, apply the rules, decide the label.

use crate::lexicon::{self, Flags, Lexicon, LexiconError, Polarity, RawEntry};
use crate::matcher::TokenWriter;
use crate::matcher::{self, Hit, Scratch, Token, WordMap};
use crate::model::{self, Model, ModelError};
use crate::normalize::{
    normalize, normalize_fast, normalize_full, Normalized, Vocabulary, WordSet,
};
use crate::rules::{self, Rule, TextView};
use crate::topics::Topics;
use crate::tuning::*;
use serde::Serialize;
use std::cell::RefCell;
use std::rc::Rc;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Label {
    Shaming,
    Supportive,
    Neutral,
}

impl Label {
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Shaming => "shaming",
            Label::Supportive => "supportive",
            Label::Neutral => "neutral",
        }
    }
}

/// One matched cue, located in the original text.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Cue {
    /// Offsets in UTF-16 code units of the original text (JavaScript indices).
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// The polarity the cue counts for after the rules.
    pub polarity: Polarity,
    pub category: &'static str,
    /// The weight it contributes after the rules, in [0, 1].
    pub weight: f32,
    /// The rule that changed it, if any.
    pub rule: Option<Rule>,
    /// The lexicon pattern that matched, and its index in the lexicon.
    pub pattern: Rc<str>,
    #[serde(skip)]
    pub entry: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Verdict {
    pub label: Label,
    pub shaming: f32,
    pub support: f32,
    pub categories: Vec<&'static str>,
    pub cues: Vec<Cue>,
    /// True when the reply was longer than [`MAX_REPLY_BYTES`] and only its
    /// start was scored.
    pub truncated: bool,
}

/// The user's own cues and allowlist.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// 0 (flag only the clearest) to 1 (flag anything suspicious); 0.5 default.
    pub sensitivity: Option<f32>,
    pub custom_shaming: Vec<String>,
    pub custom_support: Vec<String>,
    /// Phrases (or whole replies) never to flag as shaming.
    pub allowlist: Vec<String>,
}

/// A bad option, naming the list, the entry's position and the entry.
#[derive(Debug, Clone, PartialEq)]
pub enum ConfigError {
    Sensitivity(f32),
    Entry {
        list: &'static str,
        index: usize,
        entry: String,
        message: String,
    },
    TooMany {
        list: &'static str,
        count: usize,
    },
    Lexicon(LexiconError),
    Model(ModelError),
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ConfigError::Sensitivity(s) => {
                write!(
                    f,
                    "sensitivity must be a number from 0 to 1, got {}",
                    crate::explain::fixed(*s, 3)
                )
            }
            ConfigError::Entry {
                list,
                index,
                entry,
                message,
            } => {
                write!(f, "{list} entry {} \"{entry}\": {message}", index + 1)
            }
            ConfigError::TooMany { list, count } => {
                write!(
                    f,
                    "{list} has {count} entries; at most {MAX_CUSTOM_ENTRIES} are allowed"
                )
            }
            ConfigError::Lexicon(e) => write!(f, "built-in lexicon: {e}"),
            ConfigError::Model(e) => write!(f, "built-in model: {e}"),
        }
    }
}

impl std::error::Error for ConfigError {}

/// Whom a reply is about, as far as its words say: a mother, a child or a
/// person named; nobody; or only an off-topic subject (a player, a film).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    Named,
    Unnamed,
    OffTopic,
}

pub struct Scorer {
    lexicon: Lexicon,
    /// The word ids of [`rules::OFF_TOPIC_WORDS`], sorted.
    off_topic: Vec<u32>,
    model: Model,
    topics: Topics,
    allowlist: Allowlist,
    sensitivity: f32,
    /// Buffers reused from reply to reply.
    scratch: RefCell<Buffers>,
}

#[derive(Default)]
struct Buffers {
    tokens: Vec<Token>,
    hits: Vec<Hit>,
    matcher: Scratch,
    /// The model's features found in the reply, and its per-slot stamps.
    found: Vec<model::Found>,
    seen: Vec<u32>,
    stamp: u32,
}

impl Scorer {
    /// A scorer with the built-in lexicon and default sensitivity.
    pub fn new() -> Scorer {
        Scorer::with_options(&Options::default()).expect("the built-in lexicon is linted by tests")
    }

    /// The lexicon with no model (every reply's probabilities even): for the
    /// trainer, which must run whatever `model.tsv` holds, even a damaged
    /// or stale one.
    pub fn lexicon_only() -> Scorer {
        Scorer::with_model(&Options::default(), Some(Model::empty()))
            .expect("the built-in lexicon is linted by tests")
    }

    pub fn with_options(options: &Options) -> Result<Scorer, ConfigError> {
        Scorer::with_model(options, None)
    }

    /// As [`Scorer::with_options`], with the model's weights given as the
    /// text of a `model.tsv` instead of the built-in one: the trainer scores
    /// held-out replies through the same decision as the extension.
    pub fn with_model_tsv(options: &Options, tsv: &str) -> Result<Scorer, ConfigError> {
        let model = Model::parse(tsv).map_err(ConfigError::Model)?;
        Scorer::with_model(options, Some(model))
    }

    fn with_model(options: &Options, model: Option<Model>) -> Result<Scorer, ConfigError> {
        let sensitivity = options.sensitivity.unwrap_or(DEFAULT_SENSITIVITY);
        if !(0.0..=1.0).contains(&sensitivity) {
            return Err(ConfigError::Sensitivity(sensitivity));
        }
        let slots = lexicon::parse_slots(lexicon::SLOTS_TSV).map_err(ConfigError::Lexicon)?;
        let mut extra: Vec<RawEntry<'_>> = Vec::new();
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
                extra.push(RawEntry {
                    place: format!("{list} entry {}", index + 1),
                    polarity,
                    category: lexicon::CUSTOM_CATEGORY,
                    weight: CUSTOM_CUE_WEIGHT,
                    flags: Flags {
                        negatable: true,
                        ..Flags::default()
                    },
                    pattern,
                });
            }
        }
        let lexicon = Lexicon::build_with_slots(slots, &extra).map_err(ConfigError::Lexicon)?;
        // The rules put them in the vocabulary (`rules::add_rule_words`).
        let mut off_topic: Vec<u32> = rules::OFF_TOPIC_WORDS
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
            scratch: RefCell::default(),
        })
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    pub fn model(&self) -> &Model {
        &self.model
    }

    pub fn sensitivity(&self) -> f32 {
        self.sensitivity
    }

    /// The folded text the lexicon sees, for `explain` and debugging.
    pub fn normalized(&self, text: &str) -> String {
        normalize(truncate(text).0, &self.lexicon.vocab).text
    }

    pub fn score(&self, text: &str) -> Verdict {
        let (text, truncated) = truncate(text);
        // A re-entrant call (none today) would get fresh buffers, not a panic.
        let mut own = Buffers::default();
        let mut borrowed = self.scratch.try_borrow_mut();
        let buffers = borrowed.as_deref_mut().unwrap_or(&mut own);
        let Buffers {
            tokens,
            hits,
            matcher: scratch,
            found,
            seen,
            stamp,
        } = buffers;
        hits.clear();
        let (norm, flags) = self.fold(text, tokens);
        // Test builds only: the extension's end-to-end tests need the Wasm to
        // trap inside a real scoring call, with this Scorer's buffers taken.
        #[cfg(feature = "crash-drill")]
        if text.contains(CRASH_DRILL_MARKER) {
            panic!("MamaLens crash drill: a deliberate panic inside score");
        }
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
        let mut scoring = model::Scoring {
            model: &self.model,
            logits: self.model.bias,
            evidence: [0.0; 2],
            found,
            seen,
            stamp: *stamp,
        };
        let all_allowed = !allowed.is_empty() && covers_all(&allowed, tokens);
        if allowed.is_empty() {
            model::extract(&norm.text, text, tokens, Some(&engine), &mut scoring);
        } else {
            let mut outside = OutsideAllowlist {
                inner: &mut scoring,
                allowed: &allowed,
            };
            model::extract(&norm.text, text, tokens, Some(&engine), &mut outside);
        }
        let (logits, evidence) = (scoring.logits, scoring.evidence);
        let [p_shaming, p_support] = model::probabilities(logits);
        let custom_cue = cues
            .iter()
            .any(|(c, _, _)| c.category == lexicon::CUSTOM_CATEGORY && c.weight > 0.0);
        let target = if flags & crate::rules::flag::CONTEXT != 0 {
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
            let lexicon = engine_label(engine.shaming, engine.support, 0.0);
            let label = self.lexicon_stands(
                self.decide(logits, evidence, target, all_allowed || tokens.is_empty()),
                lexicon,
                &engine,
                all_allowed,
            );
            // Where the lexicon reads the same label, its score for it
            // stands too: a reply labelled support never shows a support
            // score below the one that made it so.
            match label {
                Label::Shaming if lexicon == label => {
                    (label, p_shaming.max(engine.shaming), p_support)
                }
                Label::Supportive if lexicon == label => {
                    (label, p_shaming, p_support.max(engine.support))
                }
                _ => (label, p_shaming, p_support),
            }
        };
        let shaming = if all_allowed { 0.0 } else { shaming };
        self.learned_cues(label, found, &mut cues, &norm);
        locate_in_original(&norm, text, &mut cues);
        let cues: Vec<Cue> = cues.into_iter().map(|(c, _, _)| c).collect();
        self.verdict(label, shaming, support, cues, truncated, &norm.text, tokens)
    }

    /// How far the sensitivity moves the lexicon's own thresholds.
    fn lexicon_shift(&self) -> f32 {
        (self.sensitivity - DEFAULT_SENSITIVITY) * SENSITIVITY_SPAN
    }

    /// Where the lexicon's label (`lexicon`) overrides the model's (`label`):
    /// a clear lexicon verdict the model contradicts outright (the model
    /// read support where a rule turned a cue into shaming, or the reverse)
    /// stands, since the rules read word order and the model does not ("You
    /// are not a good mom"); and so does a clear support cue the model only
    /// dilutes to neutral ("Well said! ... Good for you!"). Not so a shaming
    /// cue the model dilutes: there it gained nothing and flagged more
    /// neutral replies (see `LEXICON_SUPPORT_STANDS`).
    fn lexicon_stands(
        &self,
        label: Label,
        lexicon: Label,
        engine: &model::EngineView,
        all_allowed: bool,
    ) -> Label {
        let clear = engine.shaming.max(engine.support) >= LEXICON_STANDS;
        let contradicted = clear
            && lexicon != Label::Neutral
            && label != Label::Neutral
            && label != lexicon
            && !(all_allowed && lexicon == Label::Shaming);
        let diluted = label == Label::Neutral
            && lexicon == Label::Supportive
            && engine.support >= LEXICON_SUPPORT_STANDS - self.lexicon_shift();
        if contradicted || diluted {
            lexicon
        } else {
            label
        }
    }

    /// The label from the model's logits (shaming, support; neutral is 0).
    /// A label needs its probability at its threshold, in log-odds, moved
    /// by the sensitivity; more than the other label's; and some of its
    /// logit from words or the lexicon (`evidence`), not only from the prior
    /// and the reply's shape. A reply that names no mother, child or person
    /// (`Target::Unnamed`) needs a higher threshold to be shaming, and one
    /// that names only an off-topic subject (`Target::OffTopic`, "What a
    /// selfish player.") a much higher one.
    fn decide(
        &self,
        logits: [f32; 2],
        evidence: [f32; 2],
        target: Target,
        never_shaming: bool,
    ) -> Label {
        let shift = (self.sensitivity - DEFAULT_SENSITIVITY) * SENSITIVITY_LOGIT_SPAN;
        // Each label's log-odds against the other two.
        let odds = |k: usize| {
            let others = (logits[1 - k].exp() + 1.0).ln();
            logits[k] - others
        };
        let logit = |p: f32| (p / (1.0 - p)).ln();
        let shaming_at = logit(SHAMING_PROBABILITY)
            + match target {
                Target::Named => 0.0,
                Target::Unnamed => NO_CONTEXT_LOGIT,
                Target::OffTopic => OFF_TOPIC_LOGIT,
            }
            - shift;
        let support_at = logit(SUPPORT_PROBABILITY) - shift;
        if !never_shaming
            && odds(0) >= shaming_at
            && logits[0] >= logits[1]
            && evidence[0] >= MIN_EVIDENCE_LOGIT
        {
            Label::Shaming
        } else if odds(1) >= support_at
            && logits[1] > logits[0]
            && evidence[1] >= MIN_EVIDENCE_LOGIT
        {
            Label::Supportive
        } else {
            Label::Neutral
        }
    }

    /// The lexicon's cues after the rules, with their byte ranges in the
    /// normalised text.
    fn lexicon_cues(
        &self,
        norm: &str,
        original: &str,
        tokens: &[Token],
        flags: u16,
        hits: &mut Vec<Hit>,
        allowed: &[(usize, usize)],
    ) -> Vec<(Cue, usize, usize)> {
        if hits.is_empty() {
            return Vec::new();
        }
        let view = TextView::new(norm, original, tokens, flags);
        resolve_overlaps(hits, &self.lexicon);
        let mut cues: Vec<(Cue, usize, usize)> = Vec::with_capacity(hits.len());
        for hit in hits.iter() {
            let entry = &self.lexicon.entries[hit.entry as usize];
            let applied = rules::apply(&view, entry, hit, allowed);
            cues.push((
                Cue {
                    start: 0,
                    end: 0,
                    text: String::new(),
                    polarity: applied.polarity,
                    category: applied.category,
                    weight: applied.weight.clamp(0.0, 1.0),
                    rule: applied.rule,
                    pattern: Rc::clone(&entry.source),
                    entry: hit.entry,
                },
                hit.start as usize,
                hit.end as usize,
            ));
        }
        rules::apply_contrast(&view, &mut cues);
        rules::apply_judgement_of_critics(&mut cues, &self.lexicon.entries);
        rules::apply_scornful_praise(&mut cues, &self.lexicon.entries);
        for (c, _, _) in &mut cues {
            c.weight = c.weight.clamp(0.0, 1.0);
        }
        // Strongest first; keep a bounded number.
        sort_by_packed(&mut cues, |c| milli_desc(c.0.weight));
        cues.truncate(MAX_CUES_PER_REPLY);
        cues
    }

    /// The words the model weighed most toward the label, as cues: at most
    /// [`MAX_LEARNED_CUES`], each worth at least [`MIN_LEARNED_WEIGHT`], not
    /// overlapping another cue in the original text ("shouldn't" is two
    /// words once normalised, and one cue).
    fn learned_cues(
        &self,
        label: Label,
        found: &[model::Found],
        cues: &mut Vec<(Cue, usize, usize)>,
        normalized: &Normalized,
    ) {
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
                let w = self.model.weights(f.slot as usize);
                // Toward this label and away from the other one.
                let toward = w[index] * f.value - (w[1 - index] * f.value).max(0.0);
                if toward < MIN_LEARNED_WEIGHT {
                    return None;
                }
                // Words say why; the first word of a reply ("s:first ...")
                // or a pair of function words ("for a") does not: of the
                // features with a span, those are the ones that are not
                // evidence (worked out once, when the model is read).
                if !self.model.is_evidence(f.slot as usize) {
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
                    pattern: self.model.shared_name(slot as usize),
                    // Past the lexicon's entries: the model's features, in
                    // the order of `model.tsv` (the Wasm names patterns so).
                    entry: self.lexicon.entries.len() as u32 + self.model.name_index(slot as usize),
                },
                s,
                e,
            ));
            added += 1;
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn verdict(
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
        }
    }

    /// Folds a reply and cuts it into `tokens` (cleared first): the one-pass
    /// fast path when it takes the reply, else the full normalisation.
    /// Returns the folded text and the rule flags its words carry.
    fn fold(&self, text: &str, tokens: &mut Vec<Token>) -> (Normalized, u16) {
        tokens.clear();
        let mut writer = TokenWriter::new(&self.lexicon.words, tokens);
        match normalize_fast(text, &mut writer) {
            Some(norm) => (norm, writer.flags),
            None => {
                tokens.clear();
                let norm = normalize_full(text, &self.lexicon.vocab);
                let flags = matcher::tokenize(&norm.text, &self.lexicon.words, tokens);
                (norm, flags)
            }
        }
    }

    /// A reply's folded text, its words and the lexicon's cues after the
    /// rules (no allowlist), with fresh buffers: for the trainer and tools.
    fn lexicon_pass(&self, text: &str) -> (Normalized, Vec<Token>, Vec<(Cue, usize, usize)>) {
        let mut tokens = Vec::new();
        let mut hits = Vec::new();
        let (norm, flags) = self.fold(text, &mut tokens);
        self.lexicon
            .program
            .find(&norm.text, &tokens, &mut Scratch::default(), &mut hits);
        let cues = self.lexicon_cues(&norm.text, text, &tokens, flags, &mut hits, &[]);
        (norm, tokens, cues)
    }

    /// The normalised text of a reply and its words, as the model sees them.
    pub fn normalized_tokens(&self, text: &str) -> (String, Vec<Token>) {
        let mut tokens = Vec::new();
        let (norm, _) = self.fold(truncate(text).0, &mut tokens);
        (norm.text, tokens)
    }

    /// The features the model sees in a reply, by name, for the trainer.
    /// With `with_lexicon` false the lexicon's verdict is left out (see
    /// [`model`]).
    pub fn features(&self, text: &str, with_lexicon: bool) -> Vec<(String, f32)> {
        let (text, _) = truncate(text);
        let (norm, tokens, cues) = self.lexicon_pass(text);
        let engine = engine_view(&cues);
        let mut names = model::Names::default();
        model::extract(
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
    pub fn lexicon_verdict(&self, text: &str) -> (Label, f32, f32) {
        let (_, _, cues) = self.lexicon_pass(truncate(text).0);
        let e = engine_view(&cues);
        (
            engine_label(e.shaming, e.support, 0.0),
            e.shaming,
            e.support,
        )
    }
}

/// The lexicon's scores (each the noisy-or of its cues' weights), label and
/// rules, as the model's `e:` features.
fn engine_view(cues: &[(Cue, usize, usize)]) -> model::EngineView {
    let noisy_or = |p: Polarity| {
        1.0 - cues
            .iter()
            .filter(|(c, _, _)| c.polarity == p)
            .fold(1.0f32, |acc, (c, _, _)| acc * (1.0 - c.weight))
    };
    let shaming = noisy_or(Polarity::Shaming).clamp(0.0, 1.0);
    let support = noisy_or(Polarity::Support).clamp(0.0, 1.0);
    let mut rules = 0u32;
    for (c, _, _) in cues {
        if let Some(r) = c.rule {
            if let Some(i) = Rule::ALL.iter().position(|x| *x == r) {
                rules |= 1 << (i * 2 + (c.polarity == Polarity::Support) as usize);
            }
        }
    }
    model::EngineView {
        shaming,
        support,
        label: engine_label(shaming, support, 0.0).as_str(),
        rules,
    }
}

/// The label the lexicon alone gives: a score at or above its threshold and
/// above the other.
fn engine_label(shaming: f32, support: f32, shift: f32) -> Label {
    if shaming >= SHAMING_THRESHOLD - shift && shaming > support {
        Label::Shaming
    } else if support >= SUPPORT_THRESHOLD - shift && support >= shaming {
        Label::Supportive
    } else {
        Label::Neutral
    }
}

/// Whether the allowlisted spans hold every word of the reply.
fn covers_all(allowed: &[(usize, usize)], tokens: &[Token]) -> bool {
    tokens.iter().all(|t| {
        allowed
            .iter()
            .any(|&(s, e)| s <= t.start as usize && t.end as usize <= e)
    })
}

/// Passes on the features of words outside the allowlisted spans: an
/// allowlisted phrase counts for nothing, toward either label.
struct OutsideAllowlist<'a, S> {
    inner: &'a mut S,
    allowed: &'a [(usize, usize)],
}

impl<S: model::FeatureSink> model::FeatureSink for OutsideAllowlist<'_, S> {
    fn feature(
        &mut self,
        kind: u8,
        parts: &[&[u8]],
        hash: u32,
        value: f32,
        span: Option<(u32, u32)>,
    ) {
        if let Some((s, e)) = span {
            let (s, e) = (s as usize, e as usize);
            if self.allowed.iter().any(|&(a, b)| s < b && a < e) {
                return;
            }
        }
        self.inner.feature(kind, parts, hash, value, span);
    }
}

impl Default for Scorer {
    fn default() -> Self {
        Scorer::new()
    }
}

/// Where two matches overlap, a phrase wins over a lone evaluative word
/// (flag `t`), then the stronger cue, then the longer: "the
/// comments calling her selfish are disgusting" (defence) over "selfish";
/// "put the phone down" over the weaker "phone ... attention". Ties keep the
/// earlier entry, so the outcome never depends on hash order.
fn resolve_overlaps(hits: &mut Vec<Hit>, lexicon: &Lexicon) {
    let weight = |h: &Hit| (lexicon.entries[h.entry as usize].weight * 1000.0) as u32;
    // A lone evaluative word yields to any phrase it is part of.
    let lone = |h: &Hit| lexicon.entries[h.entry as usize].flags.needs_target;
    // lone (1 bit), weight descending (32), length descending (32), start
    // (20: a reply is at most 64 KiB), entry (11 bits, in the room the
    // index leaves; ties past it keep the order hits came in).
    sort_by_packed(hits, |h| {
        (lone(h) as u128) << 95
            | ((u32::MAX - weight(h)) as u128) << 63
            | ((u32::MAX - (h.end - h.start)) as u128) << 31
            | ((h.start as u128) & 0xf_ffff) << 11
            | (h.entry as u128).min(0x7ff)
    });
    let mut kept = 0;
    for i in 0..hits.len() {
        let h = hits[i];
        if hits[..kept]
            .iter()
            .all(|k| h.end <= k.start || h.start >= k.end)
        {
            hits[kept] = h;
            kept += 1;
        }
        if kept >= MAX_CUES_PER_REPLY {
            break;
        }
    }
    hits.truncate(kept);
    sort_by_packed(hits, |h| h.start as u128);
}

/// Sorts `v` by a key of at most 96 bits, stably (the index breaks ties).
/// Every runtime sort goes through here so that the standard sort is
/// instantiated once, for `u128`: each `sort_by` with its own closure
/// instantiated it again, about 4 KB of Wasm apiece.
fn sort_by_packed<T>(v: &mut Vec<T>, key: impl Fn(&T) -> u128) {
    if v.len() < 2 {
        return;
    }
    if v.len() <= SMALL_SORT {
        // Insertion sort, in place: most replies have a handful of cues, and
        // this allocates nothing (stable: an element moves past greater
        // keys only).
        for i in 1..v.len() {
            let mut j = i;
            while j > 0 && key(&v[j - 1]) > key(&v[j]) {
                v.swap(j - 1, j);
                j -= 1;
            }
        }
        return;
    }
    let mut keys: Vec<u128> = v
        .iter()
        .enumerate()
        .map(|(i, x)| key(x) << 32 | i as u128)
        .collect();
    sort_keys(&mut keys);
    let mut items: Vec<Option<T>> = v.drain(..).map(Some).collect();
    v.extend(
        keys.iter()
            .filter_map(|k| items[(k & 0xffff_ffff) as usize].take()),
    );
}

/// Up to this many elements are insertion-sorted in place.
const SMALL_SORT: usize = 16;

/// With the `crash-drill` feature (never in a build that ships), scoring a
/// reply that contains this panics.
#[cfg(feature = "crash-drill")]
pub const CRASH_DRILL_MARKER: &str = "mamalens-crash-drill";

#[inline(never)]
fn sort_keys(keys: &mut [u128]) {
    keys.sort_unstable();
}

/// A weight in [0, 1] (or a sum of a few), in thousandths, descending as a
/// sort key.
fn milli_desc(x: f32) -> u128 {
    (u32::MAX - (x.max(0.0) * 1000.0).round() as u32) as u128
}

/// Cuts at most [`MAX_REPLY_BYTES`], at a character boundary.
fn truncate(text: &str) -> (&str, bool) {
    if text.len() <= MAX_REPLY_BYTES {
        return (text, false);
    }
    let mut cut = MAX_REPLY_BYTES;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    (&text[..cut], true)
}

/// Fills each cue's original text and UTF-16 offsets, in one pass over the
/// original however many cues there are.
fn locate_in_original(norm: &Normalized, original: &str, cues: &mut [(Cue, usize, usize)]) {
    let mut points: Vec<(usize, usize, bool)> = Vec::with_capacity(cues.len() * 2); // (utf8, cue, is_end)
    let mut ranges = Vec::with_capacity(cues.len());
    for (i, (_, s, e)) in cues.iter().enumerate() {
        let (os, oe) = norm.original_range(*s, *e);
        ranges.push((os, oe));
        points.push((os, i, false));
        points.push((oe, i, true));
    }
    sort_by_packed(&mut points, |&(at, i, end)| {
        (at as u128) << 32 | (i as u128) << 1 | end as u128
    });
    // UTF-16 units from UTF-8 bytes without decoding: every byte but a
    // continuation byte starts a unit, and a 4-byte character is two.
    let bytes = original.as_bytes();
    let mut utf16 = 0usize;
    let mut utf8 = 0usize;
    for (target, i, is_end) in points {
        let target = target.min(bytes.len());
        utf16 += bytes[utf8.min(target)..target]
            .iter()
            .map(|&b| (b & 0xC0 != 0x80) as usize + (b >= 0xF0) as usize)
            .sum::<usize>();
        utf8 = utf8.max(target);
        if is_end {
            cues[i].0.end = utf16;
        } else {
            cues[i].0.start = utf16;
        }
    }
    for (i, (os, oe)) in ranges.into_iter().enumerate() {
        cues[i].0.text = original.get(os..oe).unwrap_or_default().to_string();
    }
}

/// Phrases never to flag, as sequences of normalised words. A phrase matches
/// where its words follow one another in a reply, whatever the punctuation
/// between them, so "bad mom" covers "bad, mom" too.
#[derive(Default)]
struct Allowlist {
    /// Phrase word lists by their first word.
    by_first: WordMap<Box<str>, Vec<Vec<Box<str>>>>,
}

impl Allowlist {
    fn build(items: &[String], vocab: &WordSet) -> Result<Allowlist, ConfigError> {
        let mut list = Allowlist::default();
        if items.len() > MAX_CUSTOM_ENTRIES {
            return Err(ConfigError::TooMany {
                list: "allowlist",
                count: items.len(),
            });
        }
        for (index, item) in items.iter().enumerate() {
            let bad = |message: &str| ConfigError::Entry {
                list: "allowlist",
                index,
                entry: item.clone(),
                message: message.into(),
            };
            if item.len() > MAX_ALLOWLIST_ENTRY_BYTES {
                return Err(bad("is too long (at most 2000 bytes)"));
            }
            if item.trim().is_empty() {
                return Err(bad("is empty"));
            }
            let folded = normalize(item, vocab as &dyn Vocabulary).text;
            let mut tokens = Vec::new();
            matcher::tokenize(&folded, &Default::default(), &mut tokens);
            let words: Vec<Box<str>> = tokens
                .iter()
                .map(|t| folded[t.start as usize..t.end as usize].into())
                .collect();
            let Some(first) = words.first().cloned() else {
                return Err(bad("has no words to match"));
            };
            list.by_first.entry(first).or_default().push(words);
        }
        Ok(list)
    }

    /// Byte spans of the normalised text the allowlist covers.
    fn spans(&self, tokens: &[Token], text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        if self.by_first.is_empty() {
            return out;
        }
        let word = |t: &Token| &text[t.start as usize..t.end as usize];
        for (k, t) in tokens.iter().enumerate() {
            let Some(phrases) = self.by_first.get(word(t)) else {
                continue;
            };
            for phrase in phrases {
                let rest = &tokens[k..];
                if rest.len() >= phrase.len()
                    && phrase.iter().zip(rest).all(|(p, t)| **p == *word(t))
                {
                    out.push((t.start as usize, rest[phrase.len() - 1].end as usize));
                }
            }
        }
        out
    }
}
