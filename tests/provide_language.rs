//! A language's files given at run time (`Scorer::provide_language`), as a
//! build without them compiled in takes them: they replace the embedded
//! ones, are checked, and are given once. Its own test binary, since the
//! files given are kept for the whole process.
#![cfg(not(target_arch = "wasm32"))]

use mamalens::{Label, Lang, LangFiles, Scorer};

const SLOTS: &str = "mom\tmae|mamae\n";
const SHAMING: &str = "insult\t0.8\tnj\t{mom} pao de queijo\n";
const SUPPORT: &str = "praise\t0.8\tn\t{mom} de ouro\n";
const WORDS: &str = "negator\tnao\n";

#[test]
fn given_files_are_checked_kept_once_and_read() {
    // A bad pattern is refused, naming the file and line; the language
    // stays unread, and the files can be given again.
    let bad = LangFiles {
        slots: SLOTS,
        shaming: "insult\t0.8\tnj\t{nobody} here\n",
        support: SUPPORT,
        words: WORDS,
        model: "",
    };
    let err = Scorer::provide_language(Lang::Pt, bad).unwrap_err();
    assert!(err.contains("shaming.tsv line 1"), "{err}");
    assert!(Scorer::provide_language(Lang::En, bad).is_err());

    let good = LangFiles {
        slots: SLOTS,
        shaming: SHAMING,
        support: SUPPORT,
        words: WORDS,
        model: "",
    };
    // So is a broken model, naming its line.
    let bad_model = LangFiles {
        model: "bias\t0\t0\nw:mae\tlots\t0\n",
        ..good
    };
    let err = Scorer::provide_language(Lang::Pt, bad_model).unwrap_err();
    assert!(err.contains("model.tsv line 2"), "{err}");

    Scorer::provide_language(Lang::Pt, good).unwrap();
    assert!(
        Scorer::provide_language(Lang::Pt, good).is_err(),
        "given twice"
    );
    let s = Scorer::new();
    let v = s.score_in("Essa mãe pão de queijo", Some(Lang::Pt));
    assert_eq!((v.label, v.lang), (Label::Shaming, "pt"), "{v:?}");
    // The given rule words: "não" negates.
    let v = s.score_in("Ela não é mãe pão de queijo", Some(Lang::Pt));
    assert_eq!(v.label, Label::Supportive, "{v:?}");
    // The embedded Portuguese lexicon is not read any more.
    let v = s.score_in("Você é uma péssima mãe", Some(Lang::Pt));
    assert_eq!(v.label, Label::Neutral, "{v:?}");
}
