//! Each language's bars in the decision ([`super::Scorer::decide`]), and
//! whom a reply is about.

use crate::tuning::*;

/// A language's bars in [`super::Scorer::decide`] beyond the label's probability:
/// the evidence a label needs from words, and the rise in the shaming bar
/// for a reply that names nobody.
pub(crate) struct Gates {
    /// The shaming label's probability threshold, before the sensitivity.
    pub(crate) shaming_probability: f32,
    pub(crate) min_evidence: f32,
    pub(crate) no_context: f32,
    /// A lexicon verdict at least this clear stands where the model reads
    /// the opposite label.
    pub(crate) contradicted_stands: f32,
    /// A shaming cue at least this strong stands where the model only
    /// dilutes it to neutral (see [`super::Scorer::lexicon_stands`]).
    pub(crate) shaming_stands: f32,
    /// The same for a support cue.
    pub(crate) support_stands: f32,
}

impl Gates {
    pub(crate) const ENGLISH: Gates = Gates {
        shaming_probability: SHAMING_PROBABILITY,
        contradicted_stands: LEXICON_STANDS,
        min_evidence: MIN_EVIDENCE_LOGIT,
        no_context: NO_CONTEXT_LOGIT,
        shaming_stands: f32::INFINITY,
        support_stands: LEXICON_SUPPORT_STANDS,
    };
    pub(crate) const OTHER_LANGUAGES: Gates = Gates {
        shaming_probability: LANG_SHAMING_PROBABILITY,
        contradicted_stands: LANG_LEXICON_STANDS,
        min_evidence: LANG_MIN_EVIDENCE_LOGIT,
        no_context: LANG_NO_CONTEXT_LOGIT,
        shaming_stands: LANG_LEXICON_SHAMING_STANDS,
        support_stands: LANG_LEXICON_SUPPORT_STANDS,
    };
}

/// Whom a reply is about, as far as its words say: a mother, a child or a
/// person named; nobody; or only an off-topic subject (a player, a film).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Target {
    Named,
    Unnamed,
    OffTopic,
}
