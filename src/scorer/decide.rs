//! The decision: a label from a model's logits and the lexicon's view, with
//! each language's bars.

use super::cues::engine_label;
use super::gates::{Gates, Target};
use super::Scorer;
use crate::model::features as model_features;
use crate::model::weights as model;
use crate::tuning::*;
use crate::verdict::Label;

impl Scorer {
    /// The label and scores from a model's logits and the lexicon's view:
    /// [`Scorer::decide`], then [`Scorer::lexicon_stands`]. Where the lexicon
    /// reads the same label, its score for it stands too: a reply labelled
    /// support never shows a support score below the one that made it so.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn weigh(
        &self,
        logits: [f32; 2],
        evidence: [f32; 2],
        gates: &Gates,
        target: Target,
        engine: &model_features::EngineView,
        never_shaming: bool,
        all_allowed: bool,
    ) -> (Label, f32, f32) {
        let [p_shaming, p_support] = model::probabilities(logits);
        let lexicon = engine_label(engine.shaming, engine.support, 0.0);
        let label = self.lexicon_stands(
            self.decide(logits, evidence, gates, target, never_shaming),
            lexicon,
            engine,
            all_allowed,
            gates,
        );
        match label {
            Label::Shaming if lexicon == label => (label, p_shaming.max(engine.shaming), p_support),
            Label::Supportive if lexicon == label => {
                (label, p_shaming, p_support.max(engine.support))
            }
            _ => (label, p_shaming, p_support),
        }
    }

    /// How far the sensitivity moves the lexicon's own thresholds.
    pub(crate) fn lexicon_shift(&self) -> f32 {
        (self.sensitivity - DEFAULT_SENSITIVITY) * SENSITIVITY_SPAN
    }

    /// Where the lexicon's label (`lexicon`) overrides the model's (`label`):
    /// a clear lexicon verdict the model contradicts outright (the model
    /// read support where a rule turned a cue into shaming, or the reverse)
    /// stands, since the rules read word order and the model does not ("You
    /// are not a good mom"); and so does a clear support cue the model only
    /// dilutes to neutral ("Well said! ... Good for you!"). Not so, in
    /// English, a shaming cue the model dilutes: there it gained nothing and
    /// flagged more neutral replies (see `LEXICON_SUPPORT_STANDS`); in
    /// Spanish and Portuguese, whose models learned from far fewer replies,
    /// it stands (`gates.shaming_stands`).
    pub(crate) fn lexicon_stands(
        &self,
        label: Label,
        lexicon: Label,
        engine: &model_features::EngineView,
        all_allowed: bool,
        gates: &Gates,
    ) -> Label {
        let clear = engine.shaming.max(engine.support) >= gates.contradicted_stands;
        let contradicted = clear
            && lexicon != Label::Neutral
            && label != Label::Neutral
            && label != lexicon
            && !(all_allowed && lexicon == Label::Shaming);
        let diluted = label == Label::Neutral
            && match lexicon {
                Label::Supportive => engine.support >= gates.support_stands - self.lexicon_shift(),
                Label::Shaming => {
                    !all_allowed && engine.shaming >= gates.shaming_stands - self.lexicon_shift()
                }
                Label::Neutral => false,
            };
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
    pub(crate) fn decide(
        &self,
        logits: [f32; 2],
        evidence: [f32; 2],
        gates: &Gates,
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
        let shaming_at = logit(gates.shaming_probability)
            + match target {
                Target::Named => 0.0,
                Target::Unnamed => gates.no_context,
                Target::OffTopic => OFF_TOPIC_LOGIT,
            }
            - shift;
        let support_at = logit(SUPPORT_PROBABILITY) - shift;
        if !never_shaming
            && odds(0) >= shaming_at
            && logits[0] >= logits[1]
            && evidence[0] >= gates.min_evidence
        {
            Label::Shaming
        } else if odds(1) >= support_at
            && logits[1] > logits[0]
            && evidence[1] >= gates.min_evidence
        {
            Label::Supportive
        } else {
            Label::Neutral
        }
    }
}
