//! The lexicon's cues in a reply after the rules, and what they add up to
//! before the model: the parts of scoring that do not need the Scorer.

use super::overlaps::resolve_overlaps;
use super::sort::{milli_desc, sort_by_packed};
use crate::lexicon::data::Lexicon;
use crate::lexicon::program::Hit;
use crate::model::features as model_features;
use crate::rules::apply as rules;
use crate::rules::view::TextView;
use crate::text::lists::WordLists;
use crate::text::tokens::Token;
use crate::tuning::*;
use crate::verdict::{Cue, Label, Polarity, Rule};
use std::rc::Rc;

/// The cues of `lexicon` in a reply after the rules (with the word lists of
/// its language), with their byte ranges in the normalised text.
#[allow(clippy::too_many_arguments)]
pub(crate) fn lexicon_cues_in(
    lexicon: &Lexicon,
    lists: &WordLists,
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
    let view = TextView::new(norm, original, tokens, flags, lists);
    resolve_overlaps(hits, lexicon);
    let mut cues: Vec<(Cue, usize, usize)> = Vec::with_capacity(hits.len());
    for hit in hits.iter() {
        let entry = &lexicon.entries[hit.entry as usize];
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
    rules::apply_judgement_of_critics(&mut cues, &lexicon.entries);
    rules::apply_scornful_praise(&mut cues, &lexicon.entries);
    for (c, _, _) in &mut cues {
        c.weight = c.weight.clamp(0.0, 1.0);
    }
    // Strongest first; keep a bounded number.
    sort_by_packed(&mut cues, |c| milli_desc(c.0.weight));
    cues.truncate(MAX_CUES_PER_REPLY);
    cues
}

/// The share of a reply's words the English lexicon or rules know.
pub(crate) fn english_share(tokens: &[Token]) -> f32 {
    let known = tokens
        .iter()
        .filter(|t| t.word != crate::text::vocab::NO_WORD)
        .count();
    known as f32 / tokens.len().max(1) as f32
}

/// The lexicon's scores (each the noisy-or of its cues' weights), label and
/// rules, as the model's `e:` features.
pub(crate) fn engine_view(cues: &[(Cue, usize, usize)]) -> model_features::EngineView {
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
    model_features::EngineView {
        shaming,
        support,
        label: engine_label(shaming, support, 0.0).as_str(),
        rules,
    }
}

/// The label the lexicon alone gives: a score at or above its threshold and
/// above the other.
pub(crate) fn engine_label(shaming: f32, support: f32, shift: f32) -> Label {
    if shaming >= SHAMING_THRESHOLD - shift && shaming > support {
        Label::Shaming
    } else if support >= SUPPORT_THRESHOLD - shift && support >= shaming {
        Label::Supportive
    } else {
        Label::Neutral
    }
}

/// Whether the allowlisted spans hold every word of the reply.
pub(crate) fn covers_all(allowed: &[(usize, usize)], tokens: &[Token]) -> bool {
    tokens.iter().all(|t| {
        allowed
            .iter()
            .any(|&(s, e)| s <= t.start as usize && t.end as usize <= e)
    })
}

/// Passes on the features of words outside the allowlisted spans: an
/// allowlisted phrase counts for nothing, toward either label.
pub(crate) struct OutsideAllowlist<'a, S> {
    pub(crate) inner: &'a mut S,
    pub(crate) allowed: &'a [(usize, usize)],
}

impl<S: model_features::FeatureSink> model_features::FeatureSink for OutsideAllowlist<'_, S> {
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
