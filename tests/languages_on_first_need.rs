//! The build the extension ships: Spanish's and Portuguese's files are not
//! compiled in (no `embedded-languages` feature) but given by the host on
//! first need. A reply read before they are given comes back unread (neutral,
//! its `lang` saying which); once given, the same Scorer reads the next one.
//! Run by `scripts/test.sh` as `cargo test --no-default-features --test
//! languages_on_first_need`; with the default features it has nothing to test.
#![cfg(all(not(target_arch = "wasm32"), not(feature = "embedded-languages")))]

use mamalens::{Label, Lang, LangFiles, Scorer};

const PT: &str = "Você é uma péssima mãe, que vergonha.";

#[test]
fn a_language_given_after_its_first_reply_is_read_by_the_same_scorer() {
    let scorer = Scorer::new();
    let before = scorer.score_in(PT, Some(Lang::Pt));
    assert_eq!(
        (before.label, before.lang),
        (Label::Neutral, "pt"),
        "{before:?}"
    );
    assert!(before.cues.is_empty(), "read with no files: {before:?}");
    let files = LangFiles {
        slots: include_str!("../lexicon/pt/slots.tsv"),
        shaming: include_str!("../lexicon/pt/shaming.tsv"),
        support: include_str!("../lexicon/pt/support.tsv"),
        words: include_str!("../lexicon/pt/words.tsv"),
        model: include_str!("../lexicon/pt/model.tsv"),
    };
    Scorer::provide_language(Lang::Pt, files).unwrap();
    let after = scorer.score_in(PT, Some(Lang::Pt));
    assert_eq!(
        (after.label, after.lang),
        (Label::Shaming, "pt"),
        "{after:?}"
    );
    // Giving Portuguese does not give Spanish.
    let es = scorer.score_in("Eres una pésima madre, qué vergüenza.", Some(Lang::Es));
    assert_eq!((es.label, es.lang), (Label::Neutral, "es"), "{es:?}");
    assert!(es.cues.is_empty(), "{es:?}");
}
