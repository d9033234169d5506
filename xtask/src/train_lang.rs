//! `cargo xtask train --lang es|pt`: trains Spanish's or Portuguese's model
//! (`lexicon/<lang>/model.tsv`) the way English's is trained, on that
//! language's lexicon and rules, and reports it.
//!
//! The replies, from `corpus/<lang>/`:
//!
//! * `training/*.tsv`: replies the team wrote for training, never used to
//!   tune the lexicon, so the lexicon's verdict (`e:` features) is learned
//!   from these.
//! * `written/*.tsv`: the team's written sets, which the lexicon was tuned
//!   on: they teach the words, with the `e:` features left out.
//! * `labelled/`, `neutral/` (Portuguese only): real replies, by their own
//!   split; the training split at [`LANG_TRAIN_WEIGHT_REAL`], the neutral
//!   pool at [`LANG_TRAIN_WEIGHT_NEUTRAL_POOL`] of that.
//! * `dev/*.tsv`, `test/*.tsv`: replies written blind (by team members who
//!   saw neither the lexicon nor the engine), split by thread; never
//!   trained on. Choices are made on `dev`; `test` is scored once per kept
//!   change (`--report --test`).
use crate::training::{self, Example, Fit, Matrix};
use mamalens::tuning::*;
use mamalens::{Label, Lang, Options, Scorer};
use std::path::{Path, PathBuf};

/// The sensitivities reported; 0.5 is the default.
const SENSITIVITIES: [f32; 3] = [0.35, 0.5, 0.65];

pub fn lang_of(code: &str) -> Result<Lang, String> {
    match code {
        "es" => Ok(Lang::Es),
        "pt" => Ok(Lang::Pt),
        other => Err(format!(
            "--lang {other:?}: es or pt (English is the default)"
        )),
    }
}

pub fn run(lang: Lang, args: &[String]) -> Result<(), String> {
    let root = crate::root();
    let examples = load(&root, lang)?;
    let tsv = train(&root, lang, &examples)?;
    if !args.iter().any(|a| a == "--report") {
        print!("{tsv}");
        return Ok(());
    }
    let misses = args.iter().any(|a| a == "--misses");
    let mut splits = vec!["dev"];
    if args.iter().any(|a| a == "--test") {
        splits.push("test");
    }
    let trained = scorers(lang, &tsv)?;
    let lexicon_alone = scorers(lang, "")?;
    for split in splits {
        println!(
            "{}, {split} split (model trained on the training replies):",
            lang.code()
        );
        let picked: Vec<&Example> = examples
            .iter()
            .filter(|e| e.split.as_deref() == Some(split))
            .collect();
        let mut sources: Vec<&str> = picked.iter().filter_map(|e| e.source.as_deref()).collect();
        sources.sort();
        sources.dedup();
        for source in sources {
            for (name, scorers) in [("scorer", &trained), ("lexicon alone", &lexicon_alone)] {
                let rows: Vec<(usize, Vec<usize>)> = picked
                    .iter()
                    .filter(|e| e.source.as_deref() == Some(source))
                    .map(|e| {
                        let p: Vec<usize> = scorers
                            .iter()
                            .map(|s| class(s.score(&e.text).label))
                            .collect();
                        if misses && name == "scorer" && p[1] != e.label {
                            println!(
                                "MISS {:<10} got {:<10} {}",
                                training::CLASSES[e.label],
                                training::CLASSES[p[1]],
                                e.text
                            );
                        }
                        (e.label, p)
                    })
                    .collect();
                let rows: Vec<(usize, &[usize])> =
                    rows.iter().map(|(g, p)| (*g, p.as_slice())).collect();
                training::print_figures(&format!("{source}, {name}"), &rows, &SENSITIVITIES, true);
            }
        }
    }
    Ok(())
}

/// `lexicon/<lang>/model.tsv`, trained on the training replies.
pub fn model_tsv(root: &Path, lang: Lang) -> Result<String, String> {
    let examples = load(root, lang)?;
    train(root, lang, &examples)
}

fn train(root: &Path, lang: Lang, examples: &[Example]) -> Result<String, String> {
    let mask: Vec<bool> = examples.iter().map(Example::is_training).collect();
    // The lexicon and rules of the language, with no model: the features do
    // not depend on the weights being replaced.
    let scorer = Scorer::new();
    let extract = |text: &str, with_lexicon: bool| {
        mamalens::dev::features_in(&scorer, lang, text, with_lexicon).unwrap_or_default()
    };
    let m: Matrix = training::features_by(&extract, examples, &mask);
    let l2 = env_or("MAMALENS_TRAIN_L2", LANG_TRAIN_L2);
    let (m, fit): (Matrix, Fit) = training::fit_pruned(&m, examples, &mask, l2);
    let files = data_files(root, lang)?;
    let files: Vec<&str> = files.iter().map(String::as_str).collect();
    Ok(training::write_tsv(
        &m,
        &fit,
        &training::fingerprint_of(&files, examples),
        &describe(examples),
    ))
}

/// A tuning constant, or the environment's value for it (for `--report`,
/// to compare choices on the dev split).
fn env_or(name: &str, default: f64) -> f64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The language's lexicon files, which the features depend on.
pub fn data_files(root: &Path, lang: Lang) -> Result<Vec<String>, String> {
    ["slots.tsv", "shaming.tsv", "support.tsv", "words.tsv"]
        .iter()
        .map(|name| {
            let path = root.join("lexicon").join(lang.code()).join(name);
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))
        })
        .collect()
}

fn tsv_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    if !dir.exists() {
        return Ok(Vec::new());
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tsv" || x == "jsonl"))
        .collect();
    files.sort();
    Ok(files)
}

/// Every reply of the language, in a fixed order.
pub fn load(root: &Path, lang: Lang) -> Result<Vec<Example>, String> {
    let corpus = root.join("corpus").join(lang.code());
    let mut out = Vec::new();
    // (folder, group prefix, weight, with the lexicon's verdict, split)
    let written: [(&str, f64, bool, Option<&str>); 4] = [
        ("training", TRAIN_WEIGHT_WRITTEN, true, None),
        ("written", TRAIN_WEIGHT_WRITTEN, false, None),
        ("dev", TRAIN_WEIGHT_WRITTEN, true, Some("dev")),
        ("test", TRAIN_WEIGHT_WRITTEN, true, Some("test")),
    ];
    for (folder, weight, with_lexicon, split) in written {
        for file in tsv_files(&corpus.join(folder))? {
            let stem = file.file_stem().unwrap_or_default().to_string_lossy();
            for (label, reply) in training::read_written(&file)? {
                out.push(Example {
                    text: reply,
                    label,
                    group: format!("{folder}-{stem}"),
                    weight,
                    with_lexicon,
                    with_shape: true,
                    split: split.map(String::from),
                    source: split.map(|_| "blind".to_string()),
                });
            }
        }
    }
    let real = env_or("MAMALENS_TRAIN_REAL", LANG_TRAIN_WEIGHT_REAL);
    let pool = env_or("MAMALENS_TRAIN_POOL", LANG_TRAIN_WEIGHT_NEUTRAL_POOL);
    for (folder, weight) in [("labelled", real), ("neutral", real * pool)] {
        for file in tsv_files(&corpus.join(folder))? {
            let source = file.file_stem().unwrap_or_default().to_string_lossy();
            for item in training::read_real(&file)? {
                out.push(Example {
                    text: item.text,
                    label: item.label,
                    group: format!("real-{}", item.thread),
                    weight,
                    with_lexicon: true,
                    with_shape: true,
                    split: Some(item.split),
                    source: Some(format!("real {folder} ({source})")),
                });
            }
        }
    }
    Ok(out)
}

/// One scorer per reported sensitivity, reading every reply in `lang` with
/// these weights (`""`: the lexicon alone).
fn scorers(lang: Lang, tsv: &str) -> Result<Vec<Scorer>, String> {
    SENSITIVITIES
        .iter()
        .map(|&s| {
            let options = Options {
                sensitivity: Some(s),
                lang: Some(lang),
                ..Options::default()
            };
            mamalens::dev::with_lang_model_tsv(&options, lang, tsv)
        })
        .collect()
}

fn class(l: Label) -> usize {
    training::CLASSES
        .iter()
        .position(|c| *c == l.as_str())
        .unwrap_or(2)
}

fn describe(examples: &[Example]) -> String {
    let count = |pick: &dyn Fn(&Example) -> bool| examples.iter().filter(|e| pick(e)).count();
    format!(
        "{} replies ({} written for training, {} from the team's written sets, {} real from the training split)",
        count(&|e| e.is_training()),
        count(&|e| e.is_training() && e.group.starts_with("training-")),
        count(&|e| e.is_training() && e.group.starts_with("written-")),
        count(&|e| e.is_training() && e.group.starts_with("real-")),
    )
}
