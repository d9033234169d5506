//! `cargo xtask <command>`: MamaLens developer tools, kept out of the library.

mod verdict_hash;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <command>

commands:
  verdict-hash [--dump FILE]   one hash of every verdict on every corpus and
                               case text, at sensitivities 0, 0.5 and 1";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("verdict-hash") => verdict_hash::run(&args[1..]),
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
