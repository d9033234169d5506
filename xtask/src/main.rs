//! `cargo xtask <command>`: MamaLens developer tools, kept out of the library.

mod construct;
mod lexicon;
mod profile;
mod train;
mod train_lang;
mod training;
mod verdict_hash;
mod why;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <command>

commands:
  lexicon                      after changing lexicon/ (or the training replies):
                               sorts the data files, compiles
                               lexicon/en/compiled.bin and trains
                               lexicon/{en,es,pt}/model.tsv
  sort-lexicon                 sorts lexicon/en/shaming.tsv and support.tsv
  compile-lexicon              writes lexicon/en/compiled.bin
  train [--report [--test] [--misses] [--eval FILE]...]
                               writes the model (model.tsv) to stdout; with
                               --report, how the scorer does on held-out sets
  train --lang es|pt [--report [--test] [--misses]]
                               the same for Spanish's or Portuguese's model,
                               reported on corpus/<lang>/dev (and test)
  verdict-hash [--dump FILE]   one hash of every verdict on every corpus and
                               case text, at sensitivities 0, 0.5 and 1
  why TEXT                     the model's features of TEXT, with weights
  profile [FILE]               scores the bench corpus (ROUNDS, STAGES=1)
  construct                    times Scorer construction (ROUNDS), allocations";

/// The repository.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask sits in the repository")
        .to_path_buf()
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let rest = args.get(1..).unwrap_or_default();
    let result = match args.first().map(String::as_str) {
        Some("lexicon") => lexicon::all(&root()),
        Some("sort-lexicon") => lexicon::sort(&root()),
        Some("compile-lexicon") => lexicon::compile(&root()),
        Some("train-in-place") => lexicon::train(&root()),
        Some("train") => match rest.iter().position(|a| a == "--lang") {
            Some(i) => rest
                .get(i + 1)
                .ok_or_else(|| "--lang needs es or pt".to_string())
                .and_then(|code| train_lang::lang_of(code))
                .and_then(|lang| train_lang::run(lang, rest)),
            None => {
                train::run(rest);
                Ok(())
            }
        },
        Some("verdict-hash") => verdict_hash::run(rest),
        Some("why") => {
            why::run(rest);
            Ok(())
        }
        Some("profile") => {
            profile::run(rest);
            Ok(())
        }
        Some("construct") => {
            construct::run();
            Ok(())
        }
        Some("-h" | "--help") => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}
