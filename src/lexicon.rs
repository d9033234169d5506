//! The lexicon: shaming cues and support cues, compiled in from the readable
//! data files in `lexicon/`, plus the user's own cues at run time.
//!
//! Data file format (tab-separated, `#` starts a comment line):
//!
//! ```text
//! category  weight  flags  pattern
//! insult    0.85    nj     {bad} {mom}
//! ```
//!
//! `weight` is in (0, 1]: how sure one match makes us on its own. `flags`
//! (or `-`) select the rules that apply to the cue (see [`Flags`]). Patterns
//! use the language of [`crate::pattern`]; slots come from `slots.tsv`.
//! A test lints the files: sorted, no duplicates, every pattern compiles.

use crate::matcher::{Program, ProgramBuilder, Vocab};
use crate::normalize::WordSet;
use crate::pattern::{self, Slots};
use std::fmt;

pub const SLOTS_TSV: &str = include_str!("../lexicon/slots.tsv");
pub const SHAMING_TSV: &str = include_str!("../lexicon/shaming.tsv");
pub const SUPPORT_TSV: &str = include_str!("../lexicon/support.tsv");

/// Bumped whenever a data file changes meaningfully; exported records carry it.
pub const LEXICON_VERSION: &str = "2026.11.22.6";

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

/// Which rules a cue is subject to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Flags {
    /// `n`: a negator before it flips it ("not a bad mom").
    pub negatable: bool,
    /// `c`: a bare judgement; weak unless the reply is about a mother or child.
    pub needs_context: bool,
    /// `j`: judges a person; "I'm selfish" (the writer herself) is neutral.
    pub judges_person: bool,
    /// `s`: praise that sarcasm turns into scorn ("mother of the year 🙄").
    pub sarcasm_flips: bool,
    /// `t`: a lone evaluative word ("filthy", "proud"); weak unless its own
    /// sentence names a mother or a child (for support, also the person
    /// addressed or spoken of), not the writer's own ("my son").
    pub needs_target: bool,
}

impl Flags {
    fn parse(s: &str) -> Result<Flags, String> {
        let mut f = Flags::default();
        if s == "-" {
            return Ok(f);
        }
        for c in s.chars() {
            match c {
                'n' => f.negatable = true,
                'c' => f.needs_context = true,
                'j' => f.judges_person = true,
                's' => f.sarcasm_flips = true,
                't' => f.needs_target = true,
                _ => return Err(format!("unknown flag '{c}' (flags are n, c, j, s, t or -)")),
            }
        }
        Ok(f)
    }
}

pub const SHAMING_CATEGORIES: &[&str] = &[
    "appearance",
    "birth",
    "body",
    "childfree",
    "feeding",
    "insult",
    "lifestyle",
    "parenting",
    "pregnancy",
    "working",
];
pub const SUPPORT_CATEGORIES: &[&str] = &["defense", "praise", "reassurance", "solidarity"];
/// The category of the user's own cues.
pub const CUSTOM_CATEGORY: &str = "custom";

pub struct Entry {
    pub polarity: Polarity,
    pub category: &'static str,
    pub weight: f32,
    pub flags: Flags,
    pub source: std::rc::Rc<str>,
}

/// An error in a lexicon entry, naming which one.
#[derive(Debug, Clone, PartialEq)]
pub struct LexiconError {
    /// Where: a data file and line, or a custom list and position.
    pub place: String,
    pub entry: String,
    pub message: String,
}

impl fmt::Display for LexiconError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} \"{}\": {}", self.place, self.entry, self.message)
    }
}

impl std::error::Error for LexiconError {}

pub struct Lexicon {
    pub entries: Vec<Entry>,
    /// The entries' patterns, compiled for the token matcher.
    pub program: Program,
    /// Every word the patterns and the rules know, with the rules' flags.
    pub words: Vocab,
    /// The patterns' words, for repairing disguised words in normalisation.
    pub vocab: WordSet,
    pub slots: Slots,
}

/// A pattern the lexicon will hold, before compilation.
pub struct RawEntry<'a> {
    pub place: String,
    pub polarity: Polarity,
    pub category: &'a str,
    pub weight: f32,
    pub flags: Flags,
    pub pattern: &'a str,
}

pub fn parse_slots(tsv: &str) -> Result<Slots, LexiconError> {
    let mut slots = Slots::new();
    for (n, line) in data_lines(tsv) {
        let mut cols = line.split('\t');
        let (Some(name), Some(body), None) = (cols.next(), cols.next(), cols.next()) else {
            return Err(LexiconError {
                place: format!("slots.tsv line {n}"),
                entry: line.into(),
                message: "expected: name<TAB>alternatives".into(),
            });
        };
        if !slots.insert(name.to_string(), body.to_string()) {
            return Err(LexiconError {
                place: format!("slots.tsv line {n}"),
                entry: name.into(),
                message: "duplicate slot".into(),
            });
        }
    }
    Ok(slots)
}

/// Non-empty, non-comment lines with their 1-based numbers.
pub fn data_lines(tsv: &str) -> impl Iterator<Item = (usize, &str)> {
    tsv.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
}

pub fn parse_data_file<'a>(
    file: &str,
    tsv: &'a str,
    polarity: Polarity,
) -> Result<Vec<RawEntry<'a>>, LexiconError> {
    let categories = match polarity {
        Polarity::Shaming => SHAMING_CATEGORIES,
        Polarity::Support => SUPPORT_CATEGORIES,
    };
    let mut out = Vec::new();
    for (n, line) in data_lines(tsv) {
        let place = format!("{file} line {n}");
        let bad = |message: String| LexiconError {
            place: place.clone(),
            entry: line.to_string(),
            message,
        };
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 4 {
            return Err(bad(format!(
                "expected 4 tab-separated columns (category, weight, flags, pattern), found {}",
                cols.len()
            )));
        }
        if !categories.contains(&cols[0]) {
            return Err(bad(format!(
                "unknown category '{}' for {}",
                cols[0],
                polarity.as_str()
            )));
        }
        let weight: f32 = cols[1]
            .parse()
            .map_err(|_| bad(format!("weight '{}' is not a number", cols[1])))?;
        if !(weight > 0.0 && weight <= 1.0) {
            return Err(bad(format!("weight {weight} is outside (0, 1]")));
        }
        let flags = Flags::parse(cols[2]).map_err(bad)?;
        out.push(RawEntry {
            place,
            polarity,
            category: cols[0],
            weight,
            flags,
            pattern: cols[3],
        });
    }
    Ok(out)
}

impl Lexicon {
    /// The built-in lexicon plus `extra` entries (the user's own cues).
    pub fn build(extra: &[RawEntry<'_>]) -> Result<Lexicon, LexiconError> {
        Lexicon::build_with_slots(parse_slots(SLOTS_TSV)?, extra)
    }

    /// As [`Lexicon::build`], with the slots already parsed (the Scorer parses
    /// them once to check the user's entries, and passes them on).
    pub fn build_with_slots(slots: Slots, extra: &[RawEntry<'_>]) -> Result<Lexicon, LexiconError> {
        let mut raw = parse_data_file("shaming.tsv", SHAMING_TSV, Polarity::Shaming)?;
        raw.extend(parse_data_file(
            "support.tsv",
            SUPPORT_TSV,
            Polarity::Support,
        )?);
        let mut entries = Vec::with_capacity(raw.len() + extra.len());
        let mut vocab = WordSet::default();
        let mut words = Vocab::default();
        crate::rules::add_rule_words(&mut words);
        let mut program = ProgramBuilder::default();
        for body in slots.bodies() {
            for w in body.split(['|', ' ']) {
                vocab.insert(w.trim_end_matches('*'));
            }
        }
        for r in raw.iter().chain(extra.iter()) {
            let compiled = pattern::compile(r.pattern, &slots).map_err(|e| LexiconError {
                place: r.place.clone(),
                entry: r.pattern.to_string(),
                message: e.message,
            })?;
            program.add(&compiled.elems, &mut words);
            entries.push(Entry {
                polarity: r.polarity,
                category: static_category(r.category),
                weight: r.weight,
                flags: r.flags,
                source: r.pattern.into(),
            });
        }
        for &id in program.named_words() {
            vocab.insert(words.word(id));
        }
        vocab.finish();
        Ok(Lexicon {
            entries,
            program: program.finish(&words),
            words,
            vocab,
            slots,
        })
    }

    /// The regex entry `index`'s pattern stands for (see
    /// [`pattern::regex_source`]); written on demand, not at start-up.
    pub fn regex_source(&self, index: usize) -> String {
        let entry = &self.entries[index];
        pattern::compile(&entry.source, &self.slots)
            .map(|c| pattern::regex_source(&c.elems))
            .unwrap_or_default()
    }

    pub fn count(&self, polarity: Polarity) -> usize {
        self.entries
            .iter()
            .filter(|e| e.polarity == polarity)
            .count()
    }
}

/// The category's name as the one static string the crate has for it
/// (categories are checked when an entry is parsed).
fn static_category(name: &str) -> &'static str {
    SHAMING_CATEGORIES
        .iter()
        .chain(SUPPORT_CATEGORIES)
        .chain([&CUSTOM_CATEGORY])
        .find(|c| **c == name)
        .copied()
        .unwrap_or(CUSTOM_CATEGORY)
}

/// Compiles one pattern alone, for validating a user's entry.
pub fn check_pattern(pattern: &str, slots: &Slots) -> Result<(), String> {
    pattern::compile(pattern, slots)
        .map(|_| ())
        .map_err(|e| e.message)
}
