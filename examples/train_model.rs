//! Trains the model (`src/model.rs`) from the labelled replies
//! (`src/training.rs`) and writes `lexicon/model.tsv` to standard output:
//!
//! ```sh
//! cargo run --release --example train_model > lexicon/model.tsv
//! ```
//!
//! `--report` instead prints how the model does on replies it was not
//! trained on: each set held out in turn (five folds), and any `--eval FILE`
//! (JSON Lines with "text" and "label", such as real replies kept out of the
//! repository) scored by the model trained on everything. Figures per label,
//! and the neutral replies flagged as shaming, at several probability
//! thresholds.
use mamalens::training::{self, Example, CLASSES};
use mamalens::tuning::{SHAMING_PROBABILITY, SUPPORT_PROBABILITY};
use mamalens::Scorer;
use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let report = args.iter().any(|a| a == "--report");
    let misses = args.iter().any(|a| a == "--misses");
    let evals: Vec<&String> = args
        .windows(2)
        .filter(|w| w[0] == "--eval")
        .map(|w| &w[1])
        .collect();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let examples = training::load(root).unwrap_or_else(|e| fail(&e));
    let scorer = Scorer::new();
    if !report {
        let all = vec![true; examples.len()];
        let m = training::features(&scorer, &examples, &all);
        let fit = training::fit(&m, &examples, &all);
        let on = describe(&examples);
        print!(
            "{}",
            training::write_tsv(&m, &fit, &training::fingerprint(&examples), &on)
        );
        return;
    }
    // Held out by set, five folds.
    let mut groups: Vec<&str> = examples.iter().map(|e| e.group.as_str()).collect();
    groups.sort();
    groups.dedup();
    let fold_of = |e: &Example| groups.iter().position(|g| *g == e.group).unwrap() % 5;
    let mut held: Vec<[f64; 3]> = vec![[0.0; 3]; examples.len()];
    for k in 0..5 {
        let fit_mask: Vec<bool> = examples.iter().map(|e| fold_of(e) != k).collect();
        let m = training::features(&scorer, &examples, &fit_mask);
        let f = training::fit(&m, &examples, &fit_mask);
        for (i, e) in examples.iter().enumerate() {
            if fold_of(e) == k {
                held[i] = f.probabilities(&m.rows[i]);
            }
        }
    }
    let kinds: [(&str, fn(&Example) -> bool); 4] = [
        ("written for training", |e| e.with_lexicon),
        ("team's written sets", |e| e.group.starts_with("written")),
        ("dev.jsonl", |e| e.group == "dev"),
        ("real-dev.jsonl", |e| e.group.starts_with("real-dev")),
    ];
    println!("Held out (each set scored by a model trained without it):");
    for (name, pick) in kinds {
        let rows: Vec<(usize, [f64; 3])> = examples
            .iter()
            .zip(&held)
            .filter(|(e, _)| pick(e))
            .map(|(e, p)| (e.label, *p))
            .collect();
        print_figures(name, &rows);
    }
    if misses {
        for (e, p) in examples.iter().zip(&held) {
            if e.group.starts_with("real-dev") {
                print_miss(e.label, p, &e.text);
            }
        }
    }
    if !evals.is_empty() {
        let all = vec![true; examples.len()];
        let mut extended = examples.clone();
        let mut eval_rows = Vec::new();
        for path in &evals {
            for (text, label, _) in training::read_jsonl(Path::new(path)).unwrap_or_else(|e| fail(&e)) {
                eval_rows.push((text.clone(), label));
                extended.push(Example {
                    text,
                    label,
                    group: "eval".into(),
                    weight: 0.0,
                    with_lexicon: true,
                });
            }
        }
        let mut fit_mask = all.clone();
        fit_mask.resize(extended.len(), false);
        let m = training::features(&scorer, &extended, &fit_mask);
        let f = training::fit(&m, &extended, &fit_mask);
        let rows: Vec<(usize, [f64; 3])> = (examples.len()..extended.len())
            .map(|i| (extended[i].label, f.probabilities(&m.rows[i])))
            .collect();
        if misses {
            for (i, (text, _)) in eval_rows.iter().enumerate() {
                print_miss(rows[i].0, &rows[i].1, text);
            }
        }
        println!("\nEval files, scored by the model trained on everything:");
        print_figures("model", &rows);
        let lexicon: Vec<(usize, [f64; 3])> = eval_rows
            .iter()
            .map(|(t, l)| {
                let (label, _, _) = scorer.lexicon_verdict(t);
                let k = CLASSES.iter().position(|c| *c == label.as_str()).unwrap();
                let mut p = [0.0; 3];
                p[k] = 1.0;
                (*l, p)
            })
            .collect();
        print_figures("lexicon alone", &lexicon);
    }
}

fn describe(examples: &[Example]) -> String {
    let count = |pick: &dyn Fn(&Example) -> bool| examples.iter().filter(|e| pick(e)).count();
    format!(
        "{} replies ({} written for training, {} from the team's written sets, {} from dev.jsonl, {} from real-dev.jsonl)",
        examples.len(),
        count(&|e| e.with_lexicon),
        count(&|e| e.group.starts_with("written")),
        count(&|e| e.group == "dev"),
        count(&|e| e.group.starts_with("real-dev")),
    )
}

/// Per-label F1 and neutral replies flagged, at the built-in thresholds and
/// at a few others.
fn print_figures(name: &str, rows: &[(usize, [f64; 3])]) {
    println!("  {name}: {} replies", rows.len());
    let mut thresholds = vec![(SHAMING_PROBABILITY as f64, SUPPORT_PROBABILITY as f64)];
    for t in [0.4, 0.45, 0.55, 0.6, 0.7] {
        thresholds.push((t, SUPPORT_PROBABILITY as f64));
    }
    for (ts, tp) in thresholds {
        let mut matrix = [[0usize; 3]; 3];
        for (gold, p) in rows {
            let predicted = if p[0] >= ts && p[0] >= p[1] {
                0
            } else if p[1] >= tp && p[1] > p[0] {
                1
            } else {
                2
            };
            matrix[*gold][predicted] += 1;
        }
        let f1 = |k: usize| {
            let tp = matrix[k][k] as f64;
            let predicted: usize = (0..3).map(|g| matrix[g][k]).sum();
            let gold: usize = matrix[k].iter().sum();
            if tp == 0.0 {
                0.0
            } else {
                2.0 * tp / (predicted + gold) as f64
            }
        };
        let neutral: usize = matrix[2].iter().sum();
        println!(
            "    at {ts:.2}/{tp:.2}: shaming F1 {:.3}, support F1 {:.3}, neutral flagged {} of {} ({:.1}%)",
            f1(0),
            f1(1),
            matrix[2][0],
            neutral,
            100.0 * matrix[2][0] as f64 / neutral.max(1) as f64
        );
    }
}

fn print_miss(gold: usize, p: &[f64; 3], text: &str) {
    let got = if p[0] >= SHAMING_PROBABILITY as f64 && p[0] >= p[1] {
        0
    } else if p[1] >= SUPPORT_PROBABILITY as f64 && p[1] > p[0] {
        1
    } else {
        2
    };
    if got != gold {
        println!(
            "MISS {:<10} got {:<10} sh {:.2} su {:.2}  {}",
            CLASSES[gold],
            CLASSES[got],
            p[0],
            p[1],
            text.chars().take(140).collect::<String>()
        );
    }
}

fn fail(message: &str) -> ! {
    eprintln!("{message}");
    std::process::exit(1)
}
