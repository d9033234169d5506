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

use crate::normalize::WordSet;
use crate::pattern::{self, Slots};
use aho_corasick::AhoCorasick;
use once_cell::unsync::OnceCell;
use regex::bytes::{Regex, RegexBuilder};
use std::fmt;

pub const SLOTS_TSV: &str = include_str!("../lexicon/slots.tsv");
pub const SHAMING_TSV: &str = include_str!("../lexicon/shaming.tsv");
pub const SUPPORT_TSV: &str = include_str!("../lexicon/support.tsv");

/// Bumped whenever a data file changes meaningfully; exported records carry it.
pub const LEXICON_VERSION: &str = "2026.11.22";

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
                _ => return Err(format!("unknown flag '{c}' (flags are n, c, j, s or -)")),
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
    pub category: String,
    pub weight: f32,
    pub flags: Flags,
    pub source: String,
    regex_source: String,
    regex: OnceCell<Regex>,
}

impl Entry {
    /// The regex the pattern compiled to (syntax common to Rust and JavaScript).
    pub fn regex_source(&self) -> &str {
        &self.regex_source
    }

    /// Compiled on first use: most entries never match a given page.
    pub fn regex(&self) -> &Regex {
        self.regex.get_or_init(|| {
            build_regex(&self.regex_source).expect("checked when the entry was made")
        })
    }
}

fn build_regex(src: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(src)
        .unicode(false)
        .size_limit(1 << 20)
        .build()
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
    prefilter: Prefilter,
    pub vocab: WordSet,
    pub slots: Slots,
}

/// Which patterns can match a reply: each pattern lists, for up to three of
/// its required elements, the words one of which must be in the reply
/// ("groups"). One Aho-Corasick pass finds the words present; a pattern is a
/// candidate only if every one of its groups has a word present.
struct Prefilter {
    /// Over the distinct literal strings.
    searcher: AhoCorasick,
    /// Per literal string: the literal id as a whole word, and as a prefix.
    ids: Vec<(Option<u32>, Option<u32>)>,
    literal_count: usize,
    /// Per group: a bitset over literal ids, `words` u64s each.
    group_masks: Vec<u64>,
    words: usize,
    /// Per entry: its group ids.
    entry_groups: Vec<Vec<u32>>,
    /// For `anchors()`: each literal's text and the entries whose groups hold it.
    report: Vec<(String, Vec<u32>)>,
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
        if slots.insert(name.to_string(), body.to_string()).is_some() {
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
        let mut required = Vec::with_capacity(raw.len() + extra.len());
        let mut vocab = WordSet::default();
        for body in slots.values() {
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
            for w in &compiled.words {
                vocab.insert(w);
            }
            required.push(compiled.required);
            entries.push(Entry {
                polarity: r.polarity,
                category: r.category.to_string(),
                weight: r.weight,
                flags: r.flags,
                source: r.pattern.to_string(),
                regex_source: compiled.regex,
                regex: OnceCell::new(),
            });
        }
        vocab.finish();
        let prefilter = Prefilter::build(&required).map_err(|message| LexiconError {
            place: "lexicon".into(),
            entry: String::new(),
            message,
        })?;
        Ok(Lexicon {
            entries,
            prefilter,
            vocab,
            slots,
        })
    }

    /// Entries that may match `text` (normalised), in order.
    pub fn candidates(&self, text: &str) -> Vec<u32> {
        self.prefilter.candidates(text)
    }

    /// The prefilter's literals and the entries each one gates (for tuning).
    pub fn anchors(&self) -> impl Iterator<Item = (&str, &[u32])> {
        self.prefilter
            .report
            .iter()
            .map(|(t, ids)| (t.as_str(), ids.as_slice()))
    }

    /// Compiles every regex now; the lint test uses it, and a custom entry is
    /// checked this way before it is accepted.
    pub fn check_regexes(&self) -> Result<(), LexiconError> {
        for e in &self.entries {
            build_regex(&e.regex_source).map_err(|err| LexiconError {
                place: "lexicon".into(),
                entry: e.source.clone(),
                message: err.to_string(),
            })?;
        }
        Ok(())
    }

    pub fn count(&self, polarity: Polarity) -> usize {
        self.entries
            .iter()
            .filter(|e| e.polarity == polarity)
            .count()
    }
}

impl Prefilter {
    fn build(required: &[Vec<Vec<pattern::Literal>>]) -> Result<Prefilter, String> {
        use std::collections::HashMap;
        let mut strings: Vec<String> = Vec::new();
        let mut string_index: HashMap<String, usize> = HashMap::new();
        let mut ids: Vec<(Option<u32>, Option<u32>)> = Vec::new();
        let mut literal_count = 0u32;
        let mut literal_id = |lit: &pattern::Literal,
                              strings: &mut Vec<String>,
                              ids: &mut Vec<(Option<u32>, Option<u32>)>|
         -> u32 {
            let k = *string_index.entry(lit.text.clone()).or_insert_with(|| {
                strings.push(lit.text.clone());
                ids.push((None, None));
                strings.len() - 1
            });
            let slot = if lit.prefix {
                &mut ids[k].1
            } else {
                &mut ids[k].0
            };
            *slot.get_or_insert_with(|| {
                literal_count += 1;
                literal_count - 1
            })
        };
        let mut group_lists: Vec<Vec<u32>> = Vec::new();
        let mut group_index: HashMap<Vec<u32>, u32> = HashMap::new();
        let mut entry_groups = Vec::with_capacity(required.len());
        let mut report: Vec<(String, Vec<u32>)> = Vec::new();
        for (entry, groups) in required.iter().enumerate() {
            let mut mine = Vec::with_capacity(groups.len());
            for group in groups {
                let mut lits: Vec<u32> = group
                    .iter()
                    .map(|l| literal_id(l, &mut strings, &mut ids))
                    .collect();
                lits.sort_unstable();
                lits.dedup();
                let next = group_lists.len() as u32;
                let g = *group_index.entry(lits.clone()).or_insert_with(|| {
                    group_lists.push(lits);
                    next
                });
                mine.push(g);
            }
            for lit in groups.first().into_iter().flatten() {
                match report.iter_mut().find(|(t, _)| *t == lit.text) {
                    Some((_, v)) => v.push(entry as u32),
                    None => report.push((lit.text.clone(), vec![entry as u32])),
                }
            }
            entry_groups.push(mine);
        }
        let literal_count = literal_count as usize;
        let words = literal_count.div_ceil(64).max(1);
        let mut group_masks = vec![0u64; group_lists.len() * words];
        for (g, lits) in group_lists.iter().enumerate() {
            for &l in lits {
                group_masks[g * words + l as usize / 64] |= 1 << (l % 64);
            }
        }
        let searcher = AhoCorasick::new(&strings).map_err(|e| e.to_string())?;
        Ok(Prefilter {
            searcher,
            ids,
            literal_count,
            group_masks,
            words,
            entry_groups,
            report,
        })
    }

    fn candidates(&self, text: &str) -> Vec<u32> {
        let bytes = text.as_bytes();
        let is_word = |i: usize| {
            bytes
                .get(i)
                .is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'_')
        }; // regex's ASCII \b
        let mut hits = vec![0u64; self.words];
        debug_assert!(self.literal_count <= self.words * 64);
        for m in self.searcher.find_overlapping_iter(text) {
            if m.start() > 0 && is_word(m.start() - 1) {
                continue; // literals start words
            }
            let (word, prefix) = self.ids[m.pattern().as_usize()];
            if let Some(p) = prefix {
                hits[p as usize / 64] |= 1 << (p % 64);
            }
            if let Some(w) = word.filter(|_| !is_word(m.end())) {
                hits[w as usize / 64] |= 1 << (w % 64);
            }
        }
        let words = self.words;
        let group_hit: Vec<bool> = self
            .group_masks
            .chunks_exact(words)
            .map(|mask| mask.iter().zip(&hits).any(|(m, h)| m & h != 0))
            .collect();
        (0..self.entry_groups.len() as u32)
            .filter(|&e| {
                self.entry_groups[e as usize]
                    .iter()
                    .all(|&g| group_hit[g as usize])
            })
            .collect()
    }
}

/// Compiles one pattern alone, for validating a user's entry.
pub fn check_pattern(pattern: &str, slots: &Slots) -> Result<(), String> {
    let c = pattern::compile(pattern, slots).map_err(|e| e.message)?;
    build_regex(&c.regex)
        .map(|_| ())
        .map_err(|e| format!("too complex: {e}"))
}
