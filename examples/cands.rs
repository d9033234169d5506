//! Profiling helper: where a reply's time goes (normalise, prefilter, score).
fn main() {
    let s = mamalens::Scorer::new();
    let path = std::env::args()
        .nth(1)
        .expect("usage: cands CORPUS.jsonl [normalize]");
    let only_normalize = std::env::args().nth(2).is_some();
    let texts: Vec<String> = std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["text"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    let mut total = 0;
    for t in &texts {
        let n = s.normalized(t);
        total += s.lexicon().candidates(&n).len();
    }
    println!("avg candidates {}", total as f64 / texts.len() as f64);
    if std::env::args().nth(2).as_deref() == Some("anchors") {
        let mut rows: Vec<(usize, usize, &str)> = s
            .lexicon()
            .anchors()
            .map(|(lit, ids)| {
                let hits = texts
                    .iter()
                    .filter(|t| s.normalized(t).contains(lit))
                    .count();
                (hits * ids.len(), ids.len(), lit)
            })
            .collect();
        rows.sort_unstable_by(|a, b| b.cmp(a));
        for (cost, n, lit) in rows.iter().take(40) {
            println!("{cost:>8} {n:>3} {lit}");
        }
        return;
    }
    let rounds = if only_normalize { 20 } else { 1 };
    let t0 = std::time::Instant::now();
    for _ in 0..rounds {
        for t in &texts {
            std::hint::black_box(s.normalized(t));
        }
    }
    println!(
        "normalize: {:?} per reply",
        t0.elapsed() / (rounds * texts.len()) as u32
    );
    if only_normalize {
        return;
    }
    let t0 = std::time::Instant::now();
    for t in &texts {
        std::hint::black_box(s.score(t));
    }
    println!("score: {:?} per reply", t0.elapsed() / texts.len() as u32);
}
