//! The final label once the reader has read a reply: its own log-odds of
//! shaming and of support against neutral, each moved by a bias, plus a
//! share of the first stage's log-odds, and sensitivity moving both as it
//! moves the first stage's thresholds.
//!
//! Every number here was chosen together, by a grid over the four, on 207
//! real replies quoted in articles (their own threads) and the corpus's dev
//! split (1,298 labelled replies and 1,500 from its neutral pool), and then
//! scored once on 223 more article replies from 66 other threads
//! (`tests/corpus/README.md`, session 8).

/// Added to the reader's log-odds of shaming: it reads shaming a little too
/// readily on replies naming a child with no judgement.
pub const SHAMING_BIAS: f32 = -0.5;
/// Added to the reader's log-odds of support: support is much rarer in the
/// corpus it learned from than under a mother's post.
pub const SUPPORT_BIAS: f32 = 1.0;
/// How much of the first stage's log-odds is added: its lexicon and word
/// model know phrases the reader has seen too few times.
pub const FIRST_STAGE_SHARE: f32 = 0.25;
/// Sensitivity 0 to 1 moves both biases by up to half this, as
/// `mamalens::tuning::SENSITIVITY_LOGIT_SPAN` moves the first stage.
pub const SENSITIVITY_LOGIT_SPAN: f32 = 4.0;

/// The label, as an index into (neutral, shaming, supportive), from the
/// reader's probabilities (same order) and the first stage's probabilities
/// of shaming and of support.
pub fn decide(
    reader: &[f32; 3],
    first_shaming: f32,
    first_support: f32,
    sensitivity: f32,
) -> usize {
    let logit = |p: f32| {
        let p = p.clamp(1e-4, 1.0 - 1e-4);
        (p / (1.0 - p)).ln()
    };
    let ln = |p: f32| (p + 1e-6).ln();
    let shift = (sensitivity.clamp(0.0, 1.0) - 0.5) * SENSITIVITY_LOGIT_SPAN;
    let shaming = ln(reader[1]) - ln(reader[0])
        + SHAMING_BIAS
        + shift
        + FIRST_STAGE_SHARE * logit(first_shaming);
    let support = ln(reader[2]) - ln(reader[0])
        + SUPPORT_BIAS
        + shift
        + FIRST_STAGE_SHARE * logit(first_support);
    if shaming <= 0.0 && support <= 0.0 {
        0
    } else if shaming >= support {
        1
    } else {
        2
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_confident_reader_decides_and_sensitivity_moves_the_line() {
        // The reader sure of shaming, the first stage unsure: shaming.
        assert_eq!(decide(&[0.05, 0.9, 0.05], 0.5, 0.1, 0.5), 1);
        assert_eq!(decide(&[0.05, 0.05, 0.9], 0.1, 0.5, 0.5), 2);
        assert_eq!(decide(&[0.95, 0.03, 0.02], 0.1, 0.1, 0.5), 0);
        // On the line at the default, either side of it at the extremes.
        let p = [0.6, 0.36, 0.04];
        assert_eq!(decide(&p, 0.5, 0.01, 0.5), 0);
        assert_eq!(decide(&p, 0.5, 0.01, 1.0), 1);
        assert_eq!(decide(&p, 0.5, 0.01, 0.0), 0);
    }

    #[test]
    fn the_first_stage_tips_a_close_call() {
        let p = [0.5, 0.34, 0.16];
        assert_eq!(decide(&p, 0.5, 0.5, 0.5), 0);
        assert_eq!(decide(&p, 0.99, 0.5, 0.5), 1);
    }
}
