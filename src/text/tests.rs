use super::{fast::*, full::*, tokens::*, vocab::*};

#[test]
fn the_fast_path_agrees_with_the_full_path() {
    let v = vocab();
    let cases = [
        "You are NOT a bad mom!! Don't worry, it's fine.",
        "  spaces   and\ttabs\nand lines  ",
        "1st child at 2pm, 23 grand slams; #workingmomsrock @serena",
        "Cover up... nobody wants to see that. Youre a good mom?",
        "a b c d e",
        "s.e.l.f",
        "u r a bad mom",
        "wow!!! ok",
        "it's his mom's",
        "You’re a GREAT mom 🙄🙄 “really” — ok… 🔥✨ à la carte",
        "so bad🙄 ok",
        "Ｍоthеr ＢＡＤ",
        "TERRrible",
    ];
    for text in cases {
        let slow = {
            let units = repair_tokens(join_spaced_letters(fold_chars(text)), &v);
            units.iter().map(|u| u.ch).collect::<String>()
        };
        if let Some(fast) = normalize_fast(text, &mut NoWords) {
            assert_eq!(fast.text, slow, "{text:?}");
            assert_eq!(normalize(text, &v).text, slow);
        }
        #[cfg(not(target_arch = "wasm32"))]
        check_agreement(text).unwrap();
    }
    assert!(normalize_fast("You are NOT a bad mom!! Don't worry.", &mut NoWords).is_some());
    assert!(normalize_fast("b@d m0m", &mut NoWords).is_none());
    assert!(normalize_fast("Don’t worry 🙄 “mama” … 🔥", &mut NoWords).is_some());
}

#[cfg(not(target_arch = "wasm32"))] // proptest is a native dev-dependency
proptest::proptest! {
    #[test]
    fn fast_and_full_paths_agree(text in "[a-zA-Z0-9 '.,!?@#$*_\\n\t\u{1}-’‘“”…—🙄😂🔥❤\u{FE0F}\u{200B}éÉＡаο日]{0,60}") {
        check_agreement(&text)?;
    }

    // Words cut by punctuation, and single letters: "c-section", "s-e-l-f".
    #[test]
    fn fast_and_full_paths_agree_on_words_with_pieces(text in "([a-zA-Z]{1,4}([-./,'\"@!…—][a-zA-Z0-9]{1,3}){0,3}[.,!?]? ){0,8}") {
        check_agreement(&text)?;
    }

    // Single letters in a row, some of them spaced-out words.
    #[test]
    fn fast_and_full_paths_agree_on_single_letters(text in "(([a-zA-Z] ){1,5}|([a-z]-){1,5}|([a-z]\\.){1,5}|[a-z]{2,3}[ .-]){1,4}[a-z]{0,3}") {
        check_agreement(&text)?;
    }

    // Mostly text the fast path takes, so its output is compared often.
    #[test]
    fn fast_and_full_paths_agree_on_plain_replies(text in "([A-Za-z]{2,7}[,.!?’”…🙄😂🔥❤日é]? [“🙄—]?){0,12}") {
        check_agreement(&text)?;
    }
}

/// Whether the fast path took `text`; fails if it disagrees with the full path.
#[cfg(not(target_arch = "wasm32"))]
fn check_agreement(text: &str) -> Result<bool, proptest::test_runner::TestCaseError> {
    let v = vocab();
    let words =
        crate::text::vocab::Vocab::from_words(["mom", "bad", "do", "not", "emo_eyeroll", "x"]);
    let mut fast_tokens = Vec::new();
    let mut writer = crate::text::tokens::TokenWriter::new(&words, &mut fast_tokens);
    let Some(fast) = normalize_fast(text, &mut writer) else {
        return Ok(false);
    };
    let units = repair_tokens(join_spaced_letters(fold_chars(text)), &v);
    let slow: String = units.iter().map(|u| u.ch).collect();
    proptest::prop_assert_eq!(&fast.text, &slow);
    let slow_spans: Vec<(u32, u32)> = units
        .iter()
        .flat_map(|u| std::iter::repeat_n((u.start, u.end), u.ch.len_utf8()))
        .collect();
    proptest::prop_assert_eq!(fast.byte_spans(), slow_spans);
    let mut slow_tokens = Vec::new();
    crate::text::tokens::tokenize(&slow, &words, &mut slow_tokens);
    proptest::prop_assert_eq!(fast_tokens, slow_tokens);
    Ok(true)
}

fn vocab() -> WordSet {
    let mut v = WordSet::default();
    for w in [
        "mother", "mom", "terrible", "selfish", "bad", "bitch", "loves", "good",
    ] {
        v.insert(w);
    }
    v.finish();
    v
}

fn norm(s: &str) -> String {
    normalize(s, &vocab()).text
}

#[test]
fn folds_disguises() {
    let cases = [
        ("b@d m0m", "bad mom"),
        ("S E L F I S H mother", "selfish mother"),
        ("s.e.l.f.i.s.h", "selfish"),
        ("terrrrible mommmm", "terrible mom"),
        ("ＢＡＤ　ＭＯＴＨＥＲ", "bad mother"),
        ("ur a horrible m*ther", "your a horrible mother"),
        ("Ｍоthеr", "mother"), // Cyrillic o and e
        ("goooood", "good"),
        ("don’t", "do not"),
        ("1st child at 2pm", "1st child at 2pm"),
        ("@serena is fine", "@serena is fine"),
        ("bad\u{200B}mom", "badmom"),
        ("so bad 🙄", "so bad emo_eyeroll "),
        ("$elfish", "selfish"),
        ("u r a bad mom", "you are a bad mom"),
    ];
    for (input, want) in cases {
        assert_eq!(norm(input), want, "input: {input:?}");
    }
}

#[test]
fn spans_map_back_to_original() {
    let input = "ur a horrible m*ther!!";
    let n = normalize(input, &vocab());
    let at = n.text.find("mother").unwrap();
    let (s, e) = n.original_range(at, at + "mother".len());
    assert_eq!(&input[s..e], "m*ther");
    let input = "ＢＡＤ　ＭＯＴＨＥＲ";
    let n = normalize(input, &vocab());
    let (s, e) = n.original_range(0, 3);
    assert_eq!(&input[s..e], "ＢＡＤ");
    let input = "terrrrible";
    let n = normalize(input, &vocab());
    let (s, e) = n.original_range(0, n.text.len());
    assert_eq!(&input[s..e], "terrrrible");
}

#[test]
fn has_apostrophe_agrees_with_a_scan() {
    use super::tokens::has_apostrophe;
    // Every length up to past the 8-byte word, with the mark at every place,
    // and bytes on either side of `'` (0x26, 0x28) and high bytes.
    for len in 0..12 {
        for fill in [b'a', b'&', b'(', 0xa7, 0xff] {
            let plain = vec![fill; len];
            assert_eq!(has_apostrophe(&plain), plain.contains(&b'\''), "{plain:?}");
            for at in 0..len {
                let mut w = plain.clone();
                w[at] = b'\'';
                assert!(has_apostrophe(&w), "{w:?}");
            }
        }
    }
}
