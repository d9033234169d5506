use super::pattern::{compile, Slots};
use super::{program::*, run::*};
use crate::text::{tokens::*, vocab::*};

fn program(patterns: &[&str]) -> (Program, Vocab) {
    let mut slots = Slots::new();
    slots.insert("mom".into(), "mom|mother|mum|sorry excuse for a mom".into());
    slots.insert("bad".into(), "bad|terrible|worst|irresponsib*".into());
    let mut vocab = Vocab::default();
    let mut b = ProgramBuilder::default();
    for p in patterns {
        b.add(&compile(p, &slots).unwrap().elems, &mut vocab);
    }
    (b.finish(&vocab), vocab)
}

fn spans(patterns: &[&str], text: &str) -> Vec<(u32, String)> {
    let (p, vocab) = program(patterns);
    let mut tokens = Vec::new();
    tokenize(text, &vocab, &mut tokens);
    let mut hits = Vec::new();
    p.find(text, &tokens, &mut Scratch::default(), &mut hits);
    hits.iter()
        .map(|h| (h.entry, text[h.start as usize..h.end as usize].to_string()))
        .collect()
}

#[test]
fn table() {
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "{bad} {mom}",
            "you are a terrible mother",
            &["terrible mother"],
        ),
        ("{bad} {mom}", "a bad. mom", &[]),
        ("{bad} {mom}", "bad, mom", &["bad, mom"]),
        (
            "{bad} {mom}",
            "irresponsible mum and bad mom",
            &["irresponsible mum", "bad mom"],
        ),
        (
            "{bad} {mom}",
            "the worst sorry excuse for a mom",
            &["worst sorry excuse for a mom"],
        ),
        (
            "should ~3 ashamed",
            "you should really be so ashamed",
            &["should really be so ashamed"],
        ),
        ("should ~1 ashamed", "you should really be so ashamed", &[]),
        ("should ~3 ashamed", "you should. be ashamed", &[]),
        (
            "(so|very)? selfish",
            "very selfish and selfish",
            &["very selfish", "selfish"],
        ),
        (
            "who is watching (the|your) baby ?",
            "who is watching the baby ? no",
            &["who is watching the baby ?"],
        ),
        (
            "who is watching (the|your) baby ?",
            "who is watching the baby. no",
            &[],
        ),
        ("formula ? really", "formula? really", &["formula? really"]),
        ("mom", "mommy", &[]),
        ("mom", "'mom'", &["mom"]),
    ];
    for (pattern, text, want) in cases {
        let got: Vec<String> = spans(&[pattern], text)
            .into_iter()
            .map(|(_, s)| s)
            .collect();
        assert_eq!(&got, want, "{pattern:?} on {text:?}");
    }
}

#[test]
fn possessives_fall_back_to_their_stem() {
    assert_eq!(spans(&["{bad} {mom}"], "bad mom's fault").len(), 1);
}

#[test]
fn hostile_patterns_stay_within_the_step_budget() {
    // Without the budget this would try ~9^7 paths from each start.
    let p = ["a ~8 a ~8 a ~8 a ~8 a ~8 a ~8 a ~8 b"];
    let text = format!("{}. b", "a ".repeat(200));
    assert!(spans(&p, &text).is_empty());
}
