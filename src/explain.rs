//! A verdict in plain words for a person.

use crate::scorer::{Label, Verdict};
use std::fmt::Write;

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
