//! `cargo xtask profile [FILE]`: scores the benchmark corpus (`out/bench/corpus.jsonl`)
//! `ROUNDS` times (5), for `perf record` or, with `ROUNDS=1`, for
//! `valgrind --tool=callgrind` (instruction counts, which unlike timings do
//! not vary on a shared machine). `STAGES=1` also times normalisation,
//! tokenising and matching on their own.
pub fn run(args: &[String]) {
    let path = args.first().cloned().unwrap_or_else(|| {
        crate::root()
            .join("out/bench/corpus.jsonl")
            .display()
            .to_string()
    });
    let texts: Vec<String> = std::fs::read_to_string(path)
        .expect("corpus (run scripts/bench.sh once)")
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(String::from))
        .collect();
    let scorer = mamalens::Scorer::new();
    if std::env::var_os("STAGES").is_some() {
        stages(&scorer, &texts);
        stages(&scorer, &texts);
    }
    let t = std::time::Instant::now();
    let mut cues = 0;
    let rounds: usize = std::env::var("ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    for _ in 0..rounds {
        for text in &texts {
            cues += scorer.score(text).cues.len();
        }
    }
    let s = t.elapsed().as_secs_f64();
    println!(
        "{:.0} replies/s ({cues} cues)",
        rounds as f64 * texts.len() as f64 / s
    );
}

fn stages(scorer: &mamalens::Scorer, texts: &[String]) {
    use mamalens::dev::matcher::{tokenize, Scratch};
    let lex = scorer.lexicon();
    let t = std::time::Instant::now();
    let norms: Vec<String> = texts
        .iter()
        .map(|x| mamalens::dev::normalized(scorer, x))
        .collect();
    let n = t.elapsed().as_secs_f64();
    let t = std::time::Instant::now();
    let mut tokens = Vec::new();
    let mut all = 0;
    for x in &norms {
        tokens.clear();
        tokenize(x, &lex.words, &mut tokens);
        all += tokens.len();
    }
    let tk = t.elapsed().as_secs_f64();
    let t = std::time::Instant::now();
    let mut hits = Vec::new();
    let mut scratch = Scratch::default();
    let mut nh = 0;
    for x in &norms {
        tokens.clear();
        hits.clear();
        tokenize(x, &lex.words, &mut tokens);
        lex.program.find(x, &tokens, &mut scratch, &mut hits);
        nh += hits.len();
    }
    let f = t.elapsed().as_secs_f64() - tk;
    let per = |s: f64| s / texts.len() as f64 * 1e6;
    eprintln!(
        "normalize {:.2} µs, tokenize {:.2} µs ({} tokens), find {:.2} µs ({} hits) per reply",
        per(n),
        per(tk),
        all / texts.len(),
        per(f),
        nh / texts.len()
    );
}
