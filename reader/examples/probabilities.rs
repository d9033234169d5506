//! Prints each reply's probabilities (neutral, shaming, supportive), one
//! JSON array per line, for JSON Lines with "text" on standard input.
//!
//! ```sh
//! cargo run -p mamalens-reader --release --example probabilities -- lexicon/reader.en.bin < replies.jsonl
//! ```
use std::io::{BufRead, Write};

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: probabilities WEIGHTS < replies.jsonl");
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut model =
        mamalens_reader::Model::from_bytes(&bytes).unwrap_or_else(|e| panic!("{path}: {e}"));
    let out = std::io::stdout();
    let mut out = out.lock();
    let mut p = vec![0.0f32; model.config.classes];
    for line in std::io::stdin().lock().lines() {
        let line = line.unwrap();
        let row: serde_json::Value = serde_json::from_str(&line).expect("a JSON line");
        model.probabilities(row["text"].as_str().unwrap_or(""), &mut p);
        writeln!(
            out,
            "[{}]",
            p.iter()
                .map(|x| format!("{x:.5}"))
                .collect::<Vec<_>>()
                .join(",")
        )
        .unwrap();
    }
}
