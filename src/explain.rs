//! A verdict in plain words for a person.

use crate::scorer::{Label, Verdict};
use std::fmt::Write;

pub fn explain(v: &Verdict) -> String {
    let mut out = String::new();
    let headline = match v.label {
        Label::Shaming => "Shaming",
        Label::Supportive => "Supportive",
        Label::Neutral => "Neutral",
    };
    let _ = write!(
        out,
        "{headline} (shaming {:.2}, support {:.2})",
        v.shaming, v.support
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
            "  \"{}\" at {}..{}: {} cue ({}), weight {:.2}",
            c.text,
            c.start,
            c.end,
            c.polarity.as_str(),
            c.category,
            c.weight
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
