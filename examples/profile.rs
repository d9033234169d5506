//! Profiling helper: scores the benchmark corpus (`out/bench/corpus.jsonl`)
//! over and over, for `perf record`.
fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or("out/bench/corpus.jsonl".into());
    let texts: Vec<String> = std::fs::read_to_string(path)
        .expect("corpus (run scripts/bench.sh once)")
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(String::from))
        .collect();
    let scorer = mamalens::Scorer::new();
    let t = std::time::Instant::now();
    let mut cues = 0;
    for _ in 0..5 {
        for text in &texts {
            cues += scorer.score(text).cues.len();
        }
    }
    let s = t.elapsed().as_secs_f64();
    println!(
        "{:.0} replies/s ({cues} cues)",
        5.0 * texts.len() as f64 / s
    );
}
