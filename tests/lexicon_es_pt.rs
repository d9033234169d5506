//! The Spanish and Portuguese lexicons (`lexicon/es/`, `lexicon/pt/`, issue
//! 17), which the engine reads for replies in those languages
//! (`src/scorer/other.rs`), linted like the English files. Every line parses, every pattern
//! compiles against its own language's slots, the files are sorted and
//! unique, written accent-free in lower case (the text is folded before
//! matching), and every category has cues.
#![cfg(not(target_arch = "wasm32"))]

use mamalens::dev::lexicon::{self, Polarity};
use mamalens::dev::pattern;
use std::path::PathBuf;

fn read(lang: &str, file: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("lexicon")
        .join(lang)
        .join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Folded text is ASCII: a pattern with an accent could never match.
fn assert_folded(place: &str, text: &str) {
    assert!(
        text.chars()
            .all(|c| c.is_ascii() && !c.is_ascii_uppercase()),
        "{place}: not accent-free lower case: {text}"
    );
}

/// The lists `lexicon/en/words.tsv` names: a language's `words.tsv` uses
/// the same names, so the rules can read it as they read the English one.
fn english_lists() -> Vec<&'static str> {
    let mut names: Vec<&str> = lexicon::data_lines(lexicon::WORDS_TSV)
        .map(|(_, l)| l.split_once('\t').map_or(l, |(name, _)| name))
        .collect();
    names.dedup();
    names
}

/// These rule lists every language needs (negation, reported speech,
/// sarcasm, intensity, mother-or-child context).
const NEEDED: [&str; 8] = [
    "family",
    "intensifier",
    "negator",
    "person",
    "report-verb",
    "sarcasm-phrase",
    "sarcasm-word",
    "contrast",
];

#[test]
fn spanish_and_portuguese_rule_word_lists_are_sorted_folded_and_named_as_in_english() {
    let english = english_lists();
    assert!(
        english.len() > 20,
        "lexicon/en/words.tsv lists: {english:?}"
    );
    for lang in ["es", "pt"] {
        let tsv = read(lang, "words.tsv");
        let mut last: Option<(&str, &str)> = None;
        let mut names = Vec::new();
        for (n, line) in lexicon::data_lines(&tsv) {
            let place = format!("{lang}/words.tsv line {n}");
            let (name, entry) = line
                .split_once('\t')
                .unwrap_or_else(|| panic!("{place}: expected list<TAB>entry"));
            assert!(
                english.contains(&name),
                "{place}: {name:?} is not a list of lexicon/en/words.tsv"
            );
            assert!(
                !entry.is_empty() && entry.trim() == entry && !entry.contains('\t'),
                "{place}: bad entry {entry:?}"
            );
            assert_folded(&place, entry);
            assert!(
                last.is_none_or(|l| l < (name, entry)),
                "{place}: not sorted, or twice"
            );
            last = Some((name, entry));
            names.push(name);
        }
        for list in NEEDED {
            assert!(names.contains(&list), "{lang}/words.tsv has no {list} list");
        }
    }
}

#[test]
fn spanish_and_portuguese_lexicons_are_sorted_valid_and_cover_every_category() {
    for lang in ["es", "pt"] {
        let slots_tsv = read(lang, "slots.tsv");
        let slot_lines: Vec<(usize, &str)> = lexicon::data_lines(&slots_tsv).collect();
        for (n, line) in &slot_lines {
            let (name, body) = line
                .split_once('\t')
                .unwrap_or_else(|| panic!("{lang}/slots.tsv line {n}: expected name<TAB>body"));
            assert_folded(&format!("{lang}/slots.tsv line {n}"), body);
            let alternatives: Vec<&str> = body.split('|').collect();
            assert!(
                alternatives
                    .iter()
                    .all(|a| !a.trim().is_empty() && a.trim() == *a),
                "{lang}/slots.tsv line {n} ({name}): an empty or padded alternative"
            );
        }
        for w in slot_lines.windows(2) {
            assert!(
                w[0].1 < w[1].1,
                "{lang}/slots.tsv not sorted at line {}",
                w[1].0
            );
        }
        // The same slot names as English, so the rules that name them read
        // every language alike.
        for name in ["bad", "good", "kid", "mom", "mom1"] {
            assert!(
                slot_lines
                    .iter()
                    .any(|(_, l)| l.split('\t').next() == Some(name)),
                "{lang}/slots.tsv has no slot {name}"
            );
        }
        let slots = lexicon::parse_slots(&slots_tsv).unwrap_or_else(|e| panic!("{lang}: {e}"));
        for (file, polarity, at_least) in [
            ("shaming.tsv", Polarity::Shaming, 200),
            ("support.tsv", Polarity::Support, 150),
        ] {
            let tsv = read(lang, file);
            let place = format!("{lang}/{file}");
            let entries =
                lexicon::parse_data_file(&place, &tsv, polarity).unwrap_or_else(|e| panic!("{e}"));
            assert!(
                entries.len() >= at_least,
                "{place}: only {} entries",
                entries.len()
            );
            for e in &entries {
                assert_folded(&e.place, e.pattern);
                pattern::compile(e.pattern, &slots)
                    .unwrap_or_else(|err| panic!("{}: {err}: {}", e.place, e.pattern));
            }
            let keys: Vec<(&str, &str)> = entries.iter().map(|e| (e.category, e.pattern)).collect();
            for (i, w) in keys.windows(2).enumerate() {
                assert!(
                    w[0] < w[1],
                    "{place}: not sorted or duplicated at entry {}: {:?}",
                    i + 2,
                    w[1]
                );
            }
            let expected = match polarity {
                Polarity::Shaming => lexicon::SHAMING_CATEGORIES,
                Polarity::Support => lexicon::SUPPORT_CATEGORIES,
            };
            for c in expected {
                let n = entries.iter().filter(|e| e.category == *c).count();
                assert!(n >= 10, "{place}: {n} cues in category {c}");
            }
        }
    }
}
