use super::{features::*, weights::*};

#[test]
fn probabilities_sum_below_one_and_follow_the_logits() {
    let p = probabilities([2.0, -1.0]);
    assert!(p[0] > 0.7 && p[1] < 0.1 && p[0] + p[1] < 1.0);
    let even = probabilities([0.0, 0.0]);
    assert!((even[0] - 1.0 / 3.0).abs() < 1e-6);
    // Large logits do not overflow.
    let big = probabilities([500.0, 0.0]);
    assert!((big[0] - 1.0).abs() < 1e-6);
}

#[test]
fn a_table_finds_what_it_was_given_and_nothing_else() {
    let m = Model::parse(
        "# trained on: test\nbias\t500\t-500\nw:poor\t1250\t-500\nb:poor baby\t750\t0\n",
    )
    .unwrap();
    assert_eq!(m.len(), 2);
    assert_eq!(m.trained_on, "test");
    let slot = m.slot(feature_hash(kind::WORD, &[b"poor"])).unwrap();
    assert_eq!(m.weights(slot), [1.25, -0.5]);
    assert_eq!(m.name(slot), "w:poor");
    let pair = m
        .slot(feature_hash(kind::PAIR, &[b"poor", b"baby"]))
        .unwrap();
    assert_eq!(m.weights(pair), [0.75, 0.0]);
    assert!(m.slot(feature_hash(kind::WORD, &[b"baby"])).is_none());
    assert!(m.slot(feature_hash(kind::PAIR, &[b"poorbaby"])).is_none());
}

/// What the extractor hashes as it goes is what `model.tsv` parsing
/// hashes from a feature's text: else a trained weight would never be
/// found.
#[test]
fn a_feature_hashes_the_same_from_its_words_and_from_its_text() {
    struct Check(usize);
    impl FeatureSink for Check {
        fn feature(&mut self, kind: u8, parts: &[&[u8]], hash: u32, _: f32, _: Option<(u32, u32)>) {
            let mut names = Names::default();
            names.feature(kind, parts, hash, 1.0, None);
            let name = &names.features[0].0;
            let (k, text) = name.split_once(':').unwrap();
            let words: Vec<&[u8]> = text.split(' ').map(str::as_bytes).collect();
            assert_eq!(feature_hash(k.as_bytes()[0], &words), hash, "{name}");
            self.0 += 1;
        }
    }
    let vocab = crate::rules::words::rule_vocab();
    let mut check = Check(0);
    for text in [
        "You are not a bad mom, people keep calling her selfish!!",
        "Why is the BABY not wearing a hat?? 🙄 #sunsafe @her",
        "",
    ] {
        let norm = crate::text::full::normalize(text, &crate::text::vocab::WordSet::default()).text;
        let mut tokens = Vec::new();
        crate::text::tokens::tokenize(&norm, &vocab, &mut tokens);
        let engine = EngineView {
            label: "shaming",
            rules: 0b11,
            ..EngineView::default()
        };
        extract(&norm, text, &tokens, Some(&engine), &mut check);
    }
    assert!(check.0 > 40, "{} features", check.0);
}

#[test]
fn bad_weight_files_are_refused_with_the_line() {
    for (tsv, line) in [
        ("bias\t0\t0\nw:x\t1\n", 2),
        ("bias\t0\t0\nw:x\tone\t2\n", 2),
        ("bias\t0\t0\nword\t1\t2\n", 2),
        ("bias\t0\t0\nz:x\t1\t2\n", 2),
        ("bias\t0\t0\nw:x\t0.5\t2\n", 2),
        ("bias\t0\t0\nw:x\t100001\t2\n", 2),
        ("w:x\t1\t2\n", 0),
    ] {
        let e = Model::parse(tsv).err().expect(tsv);
        assert_eq!(e.line, line, "{tsv:?}: {e}");
    }
}
