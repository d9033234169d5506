//! Native side of the benchmark (`bash scripts/bench.sh` runs it): Scorer
//! construction, throughput, how throughput grows with reply length and with
//! lexicon size, and peak memory. Prints one JSON object for the report.

use mamalens::{Options, Scorer};
use std::time::Instant;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

/// Best of `rounds` passes over `texts`: (replies per second, MB per second).
fn throughput(scorer: &Scorer, texts: &[String], rounds: usize) -> (f64, f64) {
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    let mut best = f64::MAX;
    let mut sink = 0usize;
    for _ in 0..rounds {
        let t = Instant::now();
        for text in texts {
            sink += scorer.score(text).cues.len();
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    std::hint::black_box(sink);
    (texts.len() as f64 / best, bytes as f64 / best / 1e6)
}

fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

fn main() {
    let path = std::env::args().nth(1).expect("usage: bench CORPUS.jsonl");
    let texts: Vec<String> = std::fs::read_to_string(&path)
        .expect("corpus")
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["text"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();

    let build_ms = median(
        (0..21)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(Scorer::new());
                t.elapsed().as_secs_f64() * 1e3
            })
            .collect(),
    );
    let scorer = Scorer::new();
    let t = Instant::now();
    for text in &texts {
        std::hint::black_box(scorer.score(text));
    }
    let first_pass_ms = t.elapsed().as_secs_f64() * 1e3;
    let (rps, mbps) = throughput(&scorer, &texts, 5);
    // `BENCH_ONLY=throughput` (bench/run.mjs passes it on): the corpus rows
    // only, for iterating on speed.
    let only_throughput = std::env::var("BENCH_ONLY").is_ok_and(|v| v == "throughput");
    let (lengths, extras): (&[usize], &[usize]) = if only_throughput {
        (&[], &[])
    } else {
        (
            &[50, 100, 250, 500, 1000, 5000, 20000],
            &[0, 250, 500, 1000, 2000],
        )
    };

    // Throughput by reply length: the same sentences repeated to each length.
    let base =
        "You are doing a great job mama, don't let the haters tell you otherwise 🙄 honestly ";
    let by_length: Vec<serde_json::Value> = lengths
        .iter()
        .map(|&n| {
            let text: String = base.repeat(n / base.len() + 1).chars().take(n).collect();
            let batch = vec![text; (200_000 / n).max(10)];
            let (r, m) = throughput(&scorer, &batch, 3);
            serde_json::json!({ "chars": n, "repliesPerSec": r.round(), "mbPerSec": (m * 100.0).round() / 100.0 })
        })
        .collect();

    // Throughput and construction by lexicon size: the built-in lexicon plus
    // generated custom cues.
    let sample = &texts[..2000.min(texts.len())];
    let by_lexicon: Vec<serde_json::Value> = extras
        .iter()
        .map(|&extra| {
            let custom: Vec<String> = (0..extra).map(|i| format!("customword{i} (mom|mother|kid)")).collect();
            let opts = Options { custom_shaming: custom, ..Options::default() };
            let t = Instant::now();
            let s = Scorer::with_options(&opts).unwrap();
            let build = t.elapsed().as_secs_f64() * 1e3;
            let (r, m) = throughput(&s, sample, 3);
            let patterns = s.lexicon().entries.len();
            serde_json::json!({ "patterns": patterns, "buildMs": (build * 100.0).round() / 100.0, "repliesPerSec": r.round(), "mbPerSec": (m * 100.0).round() / 100.0 })
        })
        .collect();

    println!(
        "{}",
        serde_json::json!({
            "replies": texts.len(),
            "bytes": texts.iter().map(|t| t.len()).sum::<usize>(),
            "buildMs": (build_ms * 1000.0).round() / 1000.0,
            "firstPassMs": first_pass_ms.round(),
            "repliesPerSec": rps.round(),
            "mbPerSec": (mbps * 100.0).round() / 100.0,
            "peakRssKb": peak_rss_kb(),
            "byLength": by_length,
            "byLexicon": by_lexicon,
        })
    );
}
