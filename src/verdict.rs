//! What scoring says of a reply: its label, scores and cues, and the
//! explanation of it in words.

use serde::Serialize;
use std::fmt::Write;
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
    /// The language it was read in: "en", "es", "pt", or another language's
    /// code ("fr", "de"), which has no data, so the reply is left neutral.
    pub lang: &'static str,
    /// How sure that is, in [0, 1]: 1 when the language was forced; for
    /// English told at a glance, the share of its words the English lexicon
    /// knows (at least `EN_AT_A_GLANCE`); else whatlang's confidence (see
    /// [`crate::Decision::confidence`]).
    #[serde(rename = "langConfidence")]
    pub lang_confidence: f32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Polarity {
    #[serde(rename = "shaming")]
    Shaming,
    #[serde(rename = "supportive")]
    Support,
}

impl Polarity {
    pub fn as_str(self) -> &'static str {
        match self {
            Polarity::Shaming => "shaming",
            Polarity::Support => "supportive",
        }
    }
    pub fn flip(self) -> Polarity {
        match self {
            Polarity::Shaming => Polarity::Support,
            Polarity::Support => Polarity::Shaming,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Rule {
    /// "you are not a bad mom": a negator before the cue flips it.
    Negated,
    /// "people keep calling me a bad mom": shaming reported, not made.
    Reported,
    /// `the "bad mom" thing`: the cue is in quotation marks.
    Quoted,
    /// "I'm selfish about my Sundays": the writer judges herself.
    SelfDirected,
    /// "mother of the year 🙄": praise made scorn.
    Sarcasm,
    /// "The horror. Call CPS.": shaming said to mock the critics.
    Mocking,
    /// "People are being ridiculous": a judgement of the critics, not of her.
    AtCritics,
    /// A bare judgement with no mother, child or person in the reply.
    NoContext,
    /// The clause before a "but" counts less, the one after more.
    ButClause,
    /// Capitals, "!!" or an intensifier strengthened it.
    Intensified,
    /// The user allowlisted this phrase.
    Allowlisted,
    /// Not a lexicon cue: the model learned from labelled replies that these
    /// words lean this way (see [`crate::model`]).
    Learned,
}

impl Rule {
    pub const ALL: [Rule; 12] = [
        Rule::Negated,
        Rule::Reported,
        Rule::Quoted,
        Rule::SelfDirected,
        Rule::Sarcasm,
        Rule::Mocking,
        Rule::AtCritics,
        Rule::NoContext,
        Rule::ButClause,
        Rule::Intensified,
        Rule::Allowlisted,
        Rule::Learned,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Rule::Negated => "negated",
            Rule::Reported => "reported",
            Rule::Quoted => "quoted",
            Rule::SelfDirected => "selfDirected",
            Rule::Sarcasm => "sarcasm",
            Rule::Mocking => "mocking",
            Rule::AtCritics => "atCritics",
            Rule::NoContext => "noContext",
            Rule::ButClause => "butClause",
            Rule::Intensified => "intensified",
            Rule::Allowlisted => "allowlisted",
            Rule::Learned => "learned",
        }
    }

    /// Plain words for a person, used by `explain` and the popover.
    pub fn describe(self) -> &'static str {
        match self {
            Rule::Negated => "negated, so it reads as the opposite",
            Rule::Reported => "reported as what others say, not said by the writer",
            Rule::Quoted => "in quotation marks, so it is quoted, not meant",
            Rule::SelfDirected => "the writer is talking about herself",
            Rule::Sarcasm => "sarcastic: praise used as scorn",
            Rule::Mocking => "said to mock the critics' outrage, siding with her",
            Rule::AtCritics => "said of her critics, siding with her",
            Rule::NoContext => "weak: nothing in the reply is about a mother or a child",
            Rule::ButClause => "weighed by its side of a \"but\"",
            Rule::Intensified => "strengthened by capitals, \"!!\" or an intensifier",
            Rule::Allowlisted => "on your allowlist, so never flagged",
            Rule::Learned => "not a listed cue: words that lean this way in labelled replies",
        }
    }
}

/// `x` to `decimals` places (at most 3; a tie rounds away from zero), without the standard float
/// formatting: in the Wasm that machinery is bigger than the rest of this
/// module, and every number here is a score, a weight or a setting.
pub fn fixed(x: f32, decimals: u32) -> String {
    if x.is_nan() {
        return "NaN".into();
    }
    if x.abs() >= 1e9 {
        return if x > 0.0 {
            "a very large number"
        } else {
            "a very large negative number"
        }
        .into();
    }
    let scale = 10i64.pow(decimals.min(3));
    let n = (x as f64 * scale as f64).round() as i64;
    let sign = if n < 0 { "-" } else { "" };
    let (whole, frac) = (n.abs() / scale, n.abs() % scale);
    if decimals == 0 {
        format!("{sign}{whole}")
    } else {
        format!(
            "{sign}{whole}.{frac:0width$}",
            width = decimals.min(3) as usize
        )
    }
}

pub fn explain(v: &Verdict) -> String {
    let mut out = String::new();
    let headline = match v.label {
        Label::Shaming => "Shaming",
        Label::Supportive => "Supportive",
        Label::Neutral => "Neutral",
    };
    let _ = write!(
        out,
        "{headline} (shaming {}, support {})",
        fixed(v.shaming, 2),
        fixed(v.support, 2)
    );
    if !v.categories.is_empty() {
        let _ = write!(out, " — {}", v.categories.join(", "));
    }
    out.push('\n');
    if v.cues.is_empty() {
        out.push_str("  No cue matched: nothing in the reply judges or supports a mother.\n");
    }
    for c in &v.cues {
        let _ = write!(
            out,
            "  \"{}\" at {}..{}: {} cue ({}), weight {}",
            c.text,
            c.start,
            c.end,
            c.polarity.as_str(),
            c.category,
            fixed(c.weight, 2)
        );
        if let Some(rule) = c.rule {
            let _ = write!(out, "; {}", rule.describe());
        }
        out.push('\n');
    }
    if v.truncated {
        out.push_str("  Only the start of this very long reply was read.\n");
    }
    if crate::lang::Lang::parse(v.lang).is_some_and(|l| l.code() == v.lang) {
        let _ = writeln!(
            out,
            "  Read as {} (language confidence {}).",
            v.lang,
            fixed(v.lang_confidence, 2)
        );
    } else {
        let _ = writeln!(
            out,
            "  Written in \"{}\", a language MamaLens has no words for: not scored.",
            v.lang
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::fixed;

    #[test]
    fn fixed_rounds_like_the_standard_formatting() {
        for (x, d) in [
            (0.0f32, 2),
            (0.005, 2),
            (0.126, 2),
            (1.0, 2),
            (0.999, 2),
            (-0.5, 1),
            (12.3456, 3),
            (7.0, 0),
        ] {
            assert_eq!(
                fixed(x, d),
                format!("{:.*}", d as usize, x as f64),
                "{x} to {d}"
            );
        }
        assert_eq!(fixed(f32::NAN, 2), "NaN");
        assert_eq!(fixed(f32::INFINITY, 2), "a very large number");
    }
}
