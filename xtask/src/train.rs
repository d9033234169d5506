//! `cargo xtask train`: trains the model (`src/model/`) from the labelled
//! replies (`training.rs`) and writes `lexicon/en/model.tsv` to standard output
//! (`cargo xtask lexicon` writes it in place).
//!
//! `--report` instead prints how the whole scorer (lexicon, model and the
//! decision) does on replies the model was not trained on: each set held
//! out in turn (five folds), and any `--eval FILE` (JSON Lines with "text"
//! and "label", such as real replies kept out of the repository) scored with
//! the model trained on everything. Per-label F1 and the neutral replies
//! flagged as shaming, at several sensitivities (0.5 is the default).
//! `--misses` lists the held-out real replies and eval replies it got wrong.
use crate::training::{self, Example, CLASSES};
use mamalens::{Label, Options, Scorer};
use std::path::Path;

/// The sensitivities reported; 0.5 is the default.
const SENSITIVITIES: [f32; 5] = [0.2, 0.35, 0.5, 0.65, 0.8];

pub fn run(args: &[String]) {
    let report = args.iter().any(|a| a == "--report");
    let misses = args.iter().any(|a| a == "--misses");
    let evals: Vec<&String> = args
        .windows(2)
        .filter(|w| w[0] == "--eval")
        .map(|w| &w[1])
        .collect();
    let root = &crate::root();
    let examples = training::load(root).unwrap_or_else(|e| fail(&e));
    let lexicon = mamalens::dev::lexicon_only();
    let training: Vec<bool> = examples.iter().map(Example::is_training).collect();
    if !report {
        print!("{}", train(&lexicon, &examples, Some(&training)));
        return;
    }
    // The real corpus's dev split (and, with --test, its test split), scored
    // with the model trained on the training split, per source.
    let splits: Vec<&str> = if args.iter().any(|a| a == "--test") {
        vec!["dev", "test"]
    } else {
        vec!["dev"]
    };
    let trained = scorers(&train(&lexicon, &examples, Some(&training)));
    for split in splits {
        println!("Real corpus, {split} split (model trained on the training split):");
        let mut by_source: std::collections::BTreeMap<&str, Vec<(usize, Vec<usize>)>> =
            Default::default();
        for e in examples
            .iter()
            .filter(|e| e.split.as_deref() == Some(split))
        {
            let p: Vec<usize> = trained
                .iter()
                .map(|s| class(s.score(&e.text).label))
                .collect();
            if misses {
                print_miss(e.label, p[2], &e.text);
            }
            let source = e.source.as_deref().unwrap_or("?");
            by_source
                .entry("all")
                .or_default()
                .push((e.label, p.clone()));
            by_source.entry(source).or_default().push((e.label, p));
        }
        for (source, rows) in &by_source {
            print_figures(source, &slices(rows));
        }
    }
    if !args.iter().any(|a| a == "--real-only") {
        // Held out by set, five folds; a set's fold is a hash of its name, so
        // adding a set moves no other set to another fold.
        let fold_of = |e: &Example| {
            e.group.bytes().fold(0x811c_9dc5u32, |h, b| {
                (h ^ b as u32).wrapping_mul(0x0100_0193)
            }) as usize
                % 5
        };
        let mut held: Vec<Vec<usize>> = vec![Vec::new(); examples.len()];
        for k in 0..5 {
            let mask: Vec<bool> = examples
                .iter()
                .map(|e| e.is_training() && fold_of(e) != k)
                .collect();
            let scorers = scorers(&train(&lexicon, &examples, Some(&mask)));
            for (i, e) in examples.iter().enumerate() {
                if e.is_training() && fold_of(e) == k {
                    held[i] = scorers
                        .iter()
                        .map(|s| class(s.score(&e.text).label))
                        .collect();
                }
            }
        }
        type Pick = fn(&Example) -> bool;
        let kinds: [(&str, Pick); 4] = [
            ("written for training", |e| e.with_lexicon),
            ("team's written sets", |e| e.group.starts_with("written")),
            ("dev.jsonl", |e| e.group == "dev"),
            ("real-dev.jsonl", |e| e.group.starts_with("real-dev")),
        ];
        println!("Held out (each set scored with a model trained without it):");
        for (name, pick) in kinds {
            let rows: Vec<(usize, &[usize])> = examples
                .iter()
                .zip(&held)
                .filter(|(e, _)| pick(e))
                .map(|(e, p)| (e.label, p.as_slice()))
                .collect();
            print_figures(name, &rows);
        }
        if misses {
            for (e, p) in examples.iter().zip(&held) {
                if e.group.starts_with("real-dev") {
                    print_miss(e.label, p[2], &e.text);
                }
            }
        }
    }
    if evals.is_empty() {
        return;
    }
    let scorers = trained;
    let mut rows: Vec<(usize, Vec<usize>)> = Vec::new();
    let mut lexicon_rows: Vec<(usize, Vec<usize>)> = Vec::new();
    let mut texts = Vec::new();
    for path in &evals {
        for (text, label, _) in training::read_jsonl(Path::new(path)).unwrap_or_else(|e| fail(&e)) {
            rows.push((
                label,
                scorers
                    .iter()
                    .map(|s| class(s.score(&text).label))
                    .collect(),
            ));
            let (l, _, _) = mamalens::dev::lexicon_verdict(&lexicon, &text);
            lexicon_rows.push((label, vec![class(l)]));
            texts.push(text);
        }
    }
    if misses {
        for ((gold, p), text) in rows.iter().zip(&texts) {
            print_miss(*gold, p[2], text);
        }
    }
    println!("\nEval files, scored with the model trained on everything:");
    print_figures("scorer", &slices(&rows));
    print_figures("lexicon alone", &slices(&lexicon_rows));
}

/// Fits the examples in `mask` (all if `None`) and returns `model.tsv`.
fn train(lexicon: &Scorer, examples: &[Example], mask: Option<&[bool]>) -> String {
    let all = vec![true; examples.len()];
    let mask = mask.unwrap_or(&all);
    let m = training::features(lexicon, examples, mask);
    let (m, fit) = training::fit_pruned(&m, examples, mask, training::l2());
    training::write_tsv(
        &m,
        &fit,
        &training::fingerprint(examples),
        &describe(examples),
    )
}

/// One scorer per reported sensitivity, with these weights.
fn scorers(tsv: &str) -> Vec<Scorer> {
    SENSITIVITIES
        .iter()
        .map(|&s| {
            mamalens::dev::with_model_tsv(
                &Options {
                    sensitivity: Some(s),
                    ..Options::default()
                },
                tsv,
            )
            .unwrap_or_else(|e| fail(&e.to_string()))
        })
        .collect()
}

/// Rows of (gold, predicted per column) as `print_figures` takes them.
fn slices(rows: &[(usize, Vec<usize>)]) -> Vec<(usize, &[usize])> {
    rows.iter().map(|(g, p)| (*g, p.as_slice())).collect()
}

fn class(l: Label) -> usize {
    CLASSES.iter().position(|c| *c == l.as_str()).unwrap_or(2)
}

fn describe(examples: &[Example]) -> String {
    let count = |pick: &dyn Fn(&Example) -> bool| examples.iter().filter(|e| pick(e)).count();
    format!(
        "{} replies ({} real from corpus/en's training split, {} written for training, {} from the team's written sets, {} from dev.jsonl, {} from real-dev.jsonl)",
        count(&|e| e.is_training()),
        count(&|e| e.split.is_some() && e.is_training()),
        count(&|e| e.with_lexicon && e.split.is_none()),
        count(&|e| e.group.starts_with("written")),
        count(&|e| e.group == "dev"),
        count(&|e| e.group.starts_with("real-dev")),
    )
}

/// Per-label F1 and neutral replies flagged, per sensitivity.
fn print_figures(name: &str, rows: &[(usize, &[usize])]) {
    training::print_figures(name, rows, &SENSITIVITIES, false);
}

fn print_miss(gold: usize, got: usize, text: &str) {
    if got != gold {
        println!(
            "MISS {:<10} got {:<10} {}",
            CLASSES[gold],
            CLASSES[got],
            text.chars().take(140).collect::<String>()
        );
    }
}

/// The text of `lexicon/en/model.tsv`, trained on the training split.
pub fn model_tsv(root: &std::path::Path) -> String {
    let examples = training::load(root).unwrap_or_else(|e| fail(&e));
    let training: Vec<bool> = examples.iter().map(Example::is_training).collect();
    train(&mamalens::dev::lexicon_only(), &examples, Some(&training))
}

fn fail(message: &str) -> ! {
    eprintln!("{message}");
    std::process::exit(1)
}
