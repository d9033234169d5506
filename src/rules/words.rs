//! The flags of the words the rules look for (the words are the language's
//! data: `lexicon/en/words.tsv`), set in the vocabulary.

use crate::lang::Lang;
use crate::text::lists::{list, WordLists};
use crate::text::vocab::Vocab;

/// Rule flags of a word, set in the lexicon's [`Vocab`] so a rule tests a
/// token with one AND instead of comparing strings.
pub mod flag {
    pub const NEGATOR: u16 = 1 << 0;
    pub const FALSE_NEGATION: u16 = 1 << 1;
    pub const REPORT_VERB: u16 = 1 << 2;
    pub const MENTION_BEFORE: u16 = 1 << 3;
    pub const MENTION_AFTER: u16 = 1 << 4;
    pub const FIRST_PERSON: u16 = 1 << 5;
    pub const INTENSIFIER: u16 = 1 << 6;
    pub const SARCASM: u16 = 1 << 7;
    pub const CONTRAST: u16 = 1 << 8;
    pub const CONTEXT: u16 = 1 << 9;
    pub const FAMILY: u16 = 1 << 10;
    pub const PERSON: u16 = 1 << 11;
    pub const FIRST_PERSON_POSSESSIVE: u16 = 1 << 12;
    pub const THING: u16 = 1 << 13;
    pub const AGE_UNIT: u16 = 1 << 14;
    pub const MOCKING_HINT: u16 = 1 << 15;
}

/// A vocabulary of the rules' words alone, with their flags: the lexicon
/// builds on it.
pub(crate) fn rule_vocab() -> Vocab {
    rule_vocab_of(Lang::En)
}

/// [`rule_vocab`] of `lang`, as the lexicon takes it.
pub(crate) fn rule_vocab_for(lang: Lang) -> fn() -> Vocab {
    match lang {
        Lang::En => rule_vocab,
        Lang::Es => || rule_vocab_of(Lang::Es),
        Lang::Pt => || rule_vocab_of(Lang::Pt),
    }
}

/// As [`rule_vocab`], for the rules' words of `lang`.
pub(crate) fn rule_vocab_of(lang: Lang) -> Vocab {
    let mut words = Vocab::default();
    add_rule_words(&mut words, WordLists::of(lang));
    words
}

/// Puts the rules' words of one language into the vocabulary with their flags.
pub(crate) fn add_rule_words(vocab: &mut Vocab, lists: &WordLists) {
    let list = |i| lists.list(i);
    for (words, f) in [
        (list(list::NEGATOR), flag::NEGATOR),
        (list(list::FALSE_NEGATION), flag::FALSE_NEGATION),
        (list(list::REPORT_VERB), flag::REPORT_VERB),
        (list(list::MENTION_BEFORE), flag::MENTION_BEFORE),
        (list(list::MENTION_AFTER), flag::MENTION_AFTER),
        (list(list::FIRST_PERSON), flag::FIRST_PERSON),
        (list(list::INTENSIFIER), flag::INTENSIFIER),
        (list(list::SARCASM_WORD), flag::SARCASM),
        (list(list::CONTRAST), flag::CONTRAST),
        (list(list::FAMILY), flag::CONTEXT | flag::FAMILY),
        (list(list::PERSON), flag::CONTEXT | flag::PERSON),
        (list(list::CHILD_THING), flag::CONTEXT),
        (
            list(list::FIRST_PERSON_POSSESSIVE),
            flag::FIRST_PERSON_POSSESSIVE,
        ),
        (list(list::THING), flag::THING),
        (list(list::AGE_UNIT), flag::AGE_UNIT),
        (list(list::MOCKING_HINT), flag::MOCKING_HINT),
    ] {
        for w in words {
            vocab.add_flags(w, f);
        }
    }
    // No flag bit is free; the scorer looks these up by id, so they must be
    // in the vocabulary before the program is laid out over it.
    for w in list(list::OFF_TOPIC) {
        vocab.intern(w);
    }
}
