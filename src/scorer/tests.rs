//! The built-in lexicon as the scorer builds it, on the rules' words: the
//! compiled form reads back as compiling would make it.

use crate::lexicon::data::*;
use crate::rules::words::rule_vocab;

#[test]
fn the_compiled_lexicon_is_read_not_compiled() {
    let (entries, _, words, vocab) =
        load_builtin(rule_vocab).expect("lexicon/en/compiled.bin reads back");
    let parts = compile_parts(&parse_slots(SLOTS_TSV).unwrap(), &[], rule_vocab).unwrap();
    assert_eq!(entries.len(), parts.entries.len());
    assert_eq!(words.len(), parts.words.len());
    assert_eq!(vocab.buckets(), parts.vocab.buckets());
}

/// Truncated or altered, the file is refused (the lexicon is then
/// compiled from its sources), never read wrong and never a panic.
#[test]
fn a_damaged_compiled_lexicon_is_refused() {
    let good = COMPILED.to_vec();
    assert!(load_compiled(&good, rule_vocab).is_some());
    for cut in [
        0,
        10,
        COMPILED_MAGIC.len() + 3,
        good.len() / 3,
        good.len() - 1,
    ] {
        assert!(
            load_compiled(&good[..cut], rule_vocab).is_none(),
            "cut at {cut}"
        );
    }
    let mut extra = good.clone();
    extra.push(0);
    assert!(
        load_compiled(&extra, rule_vocab).is_none(),
        "a trailing byte"
    );
    // A changed id may still read as a valid program; a changed byte must
    // at least never panic.
    for at in (COMPILED_MAGIC.len()..good.len()).step_by(997) {
        let mut bad = good.clone();
        bad[at] ^= 0x5a;
        let _ = load_compiled(&bad, rule_vocab);
    }
}
