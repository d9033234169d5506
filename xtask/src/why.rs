//! Prints every feature the model found in a reply, with its two weights,
//! largest first, and the logits: a debugging aid for the learned layer.
//!
//! ```sh
//! cargo xtask why "This mother of a storm is going to delay play."
//! ```
use mamalens::dev::model::{feature_hash, Model};

pub fn run(args: &[String]) {
    let text = args.first().cloned().unwrap_or_default();
    let scorer = mamalens::Scorer::new();
    let model = Model::builtin().expect("model.tsv parses");
    let mut rows: Vec<(String, [f32; 2])> = Vec::new();
    let mut logits = model.bias;
    for (name, value) in mamalens::dev::features(&scorer, &text, true) {
        let (kind, words) = name.split_once(':').unwrap_or(("", ""));
        let parts: Vec<&[u8]> = words.split(' ').map(str::as_bytes).collect();
        if let Some(slot) = model.slot(feature_hash(kind.as_bytes()[0], &parts)) {
            let w = model.weights(slot);
            logits[0] += w[0] * value;
            logits[1] += w[1] * value;
            rows.push((name, [w[0] * value, w[1] * value]));
        }
    }
    rows.sort_by(|a, b| (b.1[0].abs() + b.1[1].abs()).total_cmp(&(a.1[0].abs() + a.1[1].abs())));
    println!("bias {:>7.3} {:>7.3}", model.bias[0], model.bias[1]);
    for (name, w) in &rows {
        println!("{:<40} {:>7.3} {:>7.3}", name, w[0], w[1]);
    }
    let p = mamalens::dev::model::probabilities(logits);
    println!(
        "logits {:.3} {:.3}; shaming {:.3}, support {:.3}",
        logits[0], logits[1], p[0], p[1]
    );
    println!("{}", mamalens::explain(&scorer.score(&text)));
}
