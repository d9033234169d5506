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

use super::codec::{Reader, Writer};
use super::pattern::{self, Slots};
use super::program::{Program, ProgramBuilder};
use crate::lang::Lang;
use crate::text::vocab::{Vocab, WordSet};
use crate::verdict::Polarity;
use std::fmt;

pub const SLOTS_TSV: &str = include_str!("../../lexicon/en/slots.tsv");
pub const SHAMING_TSV: &str = include_str!("../../lexicon/en/shaming.tsv");
pub const SUPPORT_TSV: &str = include_str!("../../lexicon/en/support.tsv");

/// A language's lexicon files: slots, shaming and support patterns.
#[derive(Clone, Copy)]
pub struct Sources {
    pub slots: &'static str,
    pub shaming: &'static str,
    pub support: &'static str,
}

/// The lexicon files of `lang`, if there are any. English's are built in,
/// and also precompiled ([`COMPILED`]); Spanish and Portuguese are embedded
/// or given by the host (`crate::lang::files`), compiled when first needed.
pub fn sources(lang: Lang) -> Option<Sources> {
    match lang {
        Lang::En => Some(Sources {
            slots: SLOTS_TSV,
            shaming: SHAMING_TSV,
            support: SUPPORT_TSV,
        }),
        _ => crate::lang::files(lang).map(|f| Sources {
            slots: f.slots,
            shaming: f.shaming,
            support: f.support,
        }),
    }
}

/// Bumped whenever a data file changes meaningfully; exported records carry it.
pub const LEXICON_VERSION: &str = "2026.12.01.5";

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
    pub(crate) fn parse(s: &str) -> Result<Flags, String> {
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

impl<'a> RawEntry<'a> {
    /// A user's own cue: custom category, the weight that lets one match
    /// decide, and negatable like the lexicon's phrases.
    pub fn custom(place: String, polarity: Polarity, pattern: &'a str) -> RawEntry<'a> {
        RawEntry {
            place,
            polarity,
            category: CUSTOM_CATEGORY,
            weight: crate::tuning::CUSTOM_CUE_WEIGHT,
            flags: Flags {
                negatable: true,
                ..Flags::default()
            },
            pattern,
        }
    }
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

/// A weight written as digits with at most four decimals ("0.55", "1",
/// ".8"), read without the standard float parser (whose code, in the Wasm,
/// is larger than this whole module's).
pub fn parse_weight(s: &str) -> Option<f32> {
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    let digits = |d: &str| d.bytes().all(|b| b.is_ascii_digit());
    if (whole.is_empty() && frac.is_empty())
        || !digits(whole)
        || !digits(frac)
        || frac.len() > 4
        || whole.len() > 4
    {
        return None;
    }
    let whole: u32 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let mut f: u32 = if frac.is_empty() {
        0
    } else {
        frac.parse().ok()?
    };
    for _ in frac.len()..4 {
        f *= 10;
    }
    Some(whole as f32 + f as f32 / 10_000.0)
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
        let weight = parse_weight(cols[1])
            .ok_or_else(|| bad(format!("weight '{}' is not a number", cols[1])))?;
        if !(weight > 0.0 && weight <= 1.0) {
            return Err(bad(format!("weight '{}' is outside (0, 1]", cols[1])));
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

/// The built-in lexicon compiled (generated: `cargo xtask lexicon` after
/// changing a data file or the compiler; the test
/// `the_compiled_lexicon_is_current` fails until then). Start-up reads it
/// instead of parsing every pattern; if it was made from other data files
/// than these (its header says which), or does not read back, the lexicon is
/// compiled from the data files instead.
pub const COMPILED: &[u8] = include_bytes!("../../lexicon/en/compiled.bin");

/// The header of [`COMPILED`]: what it is, the format, and which sources.
pub(crate) const COMPILED_MAGIC: &[u8] = b"MamaLens compiled lexicon, generated: do not edit\n";
pub(crate) const COMPILED_FORMAT: u32 = 1;

/// A fingerprint of the data files (FNV-1a, 64 bits): a compiled lexicon
/// from other sources is not used.
pub(crate) fn sources_fingerprint() -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for source in [
        SLOTS_TSV,
        SHAMING_TSV,
        SUPPORT_TSV,
        crate::text::lists::WORDS_TSV,
        crate::text::contractions::CONTRACTIONS_TSV,
    ] {
        for &b in source.as_bytes().iter().chain(&[0xff]) {
            h = (h ^ b as u64).wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// What compiling the data files (and any extra entries) makes, before the
/// program is laid out.
pub(crate) struct Parts {
    pub(crate) entries: Vec<Entry>,
    pub(crate) program: ProgramBuilder,
    pub(crate) words: Vocab,
    pub(crate) vocab: WordSet,
}

pub(crate) fn entry(r: &RawEntry<'_>) -> Entry {
    Entry {
        polarity: r.polarity,
        category: static_category(r.category),
        weight: r.weight,
        flags: r.flags,
        source: r.pattern.into(),
    }
}

pub(crate) fn builtin_raw() -> Result<Vec<RawEntry<'static>>, LexiconError> {
    raw_of(Sources {
        slots: SLOTS_TSV,
        shaming: SHAMING_TSV,
        support: SUPPORT_TSV,
    })
}

/// The entries of a language's two data files.
pub(crate) fn raw_of(sources: Sources) -> Result<Vec<RawEntry<'static>>, LexiconError> {
    let mut raw = parse_data_file("shaming.tsv", sources.shaming, Polarity::Shaming)?;
    raw.extend(parse_data_file(
        "support.tsv",
        sources.support,
        Polarity::Support,
    )?);
    Ok(raw)
}

pub(crate) fn compile_parts(
    slots: &Slots,
    extra: &[RawEntry<'_>],
    rule_words: RuleWords,
) -> Result<Parts, LexiconError> {
    compile_raw(slots, builtin_raw()?, extra, rule_words)
}

/// Compiles `raw` (a language's data files) and `extra` entries.
pub(crate) fn compile_raw(
    slots: &Slots,
    raw: Vec<RawEntry<'_>>,
    extra: &[RawEntry<'_>],
    rule_words: RuleWords,
) -> Result<Parts, LexiconError> {
    let mut entries = Vec::with_capacity(raw.len() + extra.len());
    let mut vocab = WordSet::default();
    let mut words = rule_words();
    let mut program = ProgramBuilder::default();
    slot_words(slots, &mut vocab);
    for r in raw.iter().chain(extra.iter()) {
        let compiled = pattern::compile(r.pattern, slots).map_err(|e| LexiconError {
            place: r.place.clone(),
            entry: r.pattern.to_string(),
            message: e.message,
        })?;
        program.add(&compiled.elems, &mut words);
        entries.push(entry(r));
    }
    for &id in program.named_words() {
        vocab.insert(words.word(id));
    }
    vocab.finish();
    Ok(Parts {
        entries,
        program,
        words,
        vocab,
    })
}

/// Makes the vocabulary the lexicon builds on: the rules' words, with their
/// flags, first (given by the caller, so that the lexicon does not depend on
/// the rules that read it).
pub type RuleWords = fn() -> Vocab;

/// The slots' words, for the normalisation vocabulary.
pub(crate) fn slot_words(slots: &Slots, vocab: &mut WordSet) {
    for body in slots.bodies() {
        for w in body.split(['|', ' ']) {
            vocab.insert(w.trim_end_matches('*'));
        }
    }
}

/// The built-in lexicon compiled, in the format of [`COMPILED`].
pub fn compile_builtin(rule_words: RuleWords) -> Result<Vec<u8>, LexiconError> {
    let parts = compile_parts(&parse_slots(SLOTS_TSV)?, &[], rule_words)?;
    let rules = rule_words().len();
    let mut w = Writer::default();
    w.0.extend_from_slice(COMPILED_MAGIC);
    w.u32(COMPILED_FORMAT);
    let fingerprint = sources_fingerprint();
    w.u32(fingerprint as u32);
    w.u32((fingerprint >> 32) as u32);
    w.u32(parts.entries.len() as u32);
    parts.words.encode(rules, &mut w);
    // The normalisation vocabulary is the slots' words (read again from
    // slots.tsv) and the words the patterns name, as ids.
    let named = parts.program.named_words();
    w.u32(named.len() as u32);
    named.iter().for_each(|&id| w.u32(id));
    parts.program.encode(&mut w);
    Ok(w.0)
}

/// The built-in lexicon read from [`COMPILED`], if it is current and whole.
pub(crate) fn load_builtin(rule_words: RuleWords) -> Option<(Vec<Entry>, Program, Vocab, WordSet)> {
    load_compiled(COMPILED, rule_words)
}

pub(crate) fn load_compiled(
    bytes: &[u8],
    rule_words: RuleWords,
) -> Option<(Vec<Entry>, Program, Vocab, WordSet)> {
    let mut r = Reader::new(bytes.strip_prefix(COMPILED_MAGIC)?);
    let fingerprint = sources_fingerprint();
    if r.u32()? != COMPILED_FORMAT
        || r.u32()? != fingerprint as u32
        || r.u32()? != (fingerprint >> 32) as u32
    {
        return None;
    }
    let raw = builtin_raw().ok()?;
    if r.u32()? as usize != raw.len() {
        return None;
    }
    let words = rule_words().decode(&mut r)?;
    let mut vocab = WordSet::default();
    slot_words(&parse_slots(SLOTS_TSV).ok()?, &mut vocab);
    let n = r.u32()?;
    for _ in 0..n {
        let id = r.u32()?;
        (id < words.len() as u32).then_some(())?;
        vocab.insert(words.word(id));
    }
    vocab.finish();
    let program = ProgramBuilder::decode(&mut r, words.len() as u32)?;
    if !r.is_empty() || program.len() != raw.len() {
        return None;
    }
    let program = program.finish(&words);
    Some((raw.iter().map(entry).collect(), program, words, vocab))
}

impl Lexicon {
    /// The built-in lexicon plus `extra` entries (the user's own cues).
    pub fn build(extra: &[RawEntry<'_>], rule_words: RuleWords) -> Result<Lexicon, LexiconError> {
        Lexicon::build_with_slots(parse_slots(SLOTS_TSV)?, extra, rule_words)
    }

    /// As [`Lexicon::build`], with the slots already parsed (the Scorer parses
    /// them once to check the user's entries, and passes them on). With no
    /// extra entries, the compiled built-in lexicon is read, not compiled.
    pub fn build_with_slots(
        slots: Slots,
        extra: &[RawEntry<'_>],
        rule_words: RuleWords,
    ) -> Result<Lexicon, LexiconError> {
        if extra.is_empty() && !COMPILED.is_empty() {
            if let Some((entries, program, words, vocab)) = load_builtin(rule_words) {
                return Ok(Lexicon {
                    entries,
                    program,
                    words,
                    vocab,
                    slots,
                });
            }
        }
        let parts = compile_parts(&slots, extra, rule_words)?;
        Ok(Lexicon::of_parts(parts, slots))
    }

    /// A compiled lexicon, its program laid out over its final vocabulary.
    fn of_parts(parts: Parts, slots: Slots) -> Lexicon {
        Lexicon {
            entries: parts.entries,
            program: parts.program.finish(&parts.words),
            words: parts.words,
            vocab: parts.vocab,
            slots,
        }
    }

    /// The lexicon of a language other than English, compiled from its data
    /// files (`sources`, whose slots are `slots`) and `extra` entries.
    pub fn compile_lang(
        sources: Sources,
        slots: Slots,
        extra: &[RawEntry<'_>],
        rule_words: RuleWords,
    ) -> Result<Lexicon, LexiconError> {
        let parts = compile_raw(&slots, raw_of(sources)?, extra, rule_words)?;
        Ok(Lexicon::of_parts(parts, slots))
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
pub(crate) fn static_category(name: &str) -> &'static str {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_read_as_the_standard_parser_reads_them() {
        for w in ["0.55", "1", "1.0", ".8", "0.3333", "0"] {
            assert_eq!(parse_weight(w), Some(w.parse::<f32>().unwrap()), "{w}");
        }
        for w in ["", ".", "-0.5", "1e3", "0.12345", "abc", "0.5x", " 0.5"] {
            assert_eq!(parse_weight(w), None, "{w:?}");
        }
    }
}
