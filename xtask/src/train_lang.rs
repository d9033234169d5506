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
                print_figures(&format!("{source}, {name}"), &rows);
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
            let text =
                std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
            for (n, line) in mamalens::dev::lexicon::data_lines(&text) {
                let bad = || {
                    format!(
                        "{}:{n}: expected s|p|n<TAB>category<TAB>reply",
                        file.display()
                    )
                };
                let mut cols = line.splitn(3, '\t');
                let (Some(l), Some(_), Some(reply)) = (cols.next(), cols.next(), cols.next())
                else {
                    return Err(bad());
                };
                let label = match l {
                    "s" => 0,
                    "p" => 1,
                    "n" => 2,
                    _ => return Err(bad()),
                };
                out.push(Example {
                    text: reply.to_string(),
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
            let text =
                std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
            for (i, line) in text.lines().enumerate() {
                let bad = |m: &str| format!("{}:{}: {m}", file.display(), i + 1);
                let row: serde_json::Value =
                    serde_json::from_str(line).map_err(|e| bad(&e.to_string()))?;
                let field = |k: &str| row[k].as_str().ok_or_else(|| bad(&format!("no \"{k}\"")));
                let label = match row.get("label").and_then(|l| l.as_str()) {
                    None => 2,
                    Some(l) => training::CLASSES
                        .iter()
                        .position(|c| *c == l)
                        .ok_or_else(|| bad("no known \"label\""))?,
                };
                out.push(Example {
                    text: field("text")?.to_string(),
                    label,
                    group: format!("real-{}", field("thread")?),
                    weight,
                    with_lexicon: true,
                    with_shape: true,
                    split: Some(field("split")?.to_string()),
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

/// Per-label F1 and neutral replies flagged as shaming, per sensitivity.
fn print_figures(name: &str, rows: &[(usize, Vec<usize>)]) {
    println!("  {name}: {} replies", rows.len());
    for (c, s) in SENSITIVITIES.iter().enumerate() {
        let mut matrix = [[0usize; 3]; 3];
        for (gold, p) in rows {
            matrix[*gold][p[c]] += 1;
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
        let any = matrix[2][0] + matrix[2][1];
        println!(
            "    sensitivity {s:.2}: shaming F1 {:.3}, support F1 {:.3}, neutral flagged {} of {} ({:.1}%; {:.1}% with support)",
            f1(0),
            f1(1),
            matrix[2][0],
            neutral,
            100.0 * matrix[2][0] as f64 / neutral.max(1) as f64,
            100.0 * any as f64 / neutral.max(1) as f64,
        );
    }
}
