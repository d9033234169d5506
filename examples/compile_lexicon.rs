//! Writes the built-in lexicon, compiled, to standard output: the generated
//! `lexicon/compiled.bin` that start-up reads instead of parsing every
//! pattern (see `mamalens::dev::lexicon`). Run after changing a data file:
//! `cargo run --release --example compile_lexicon > lexicon/compiled.bin`.
use std::io::Write;

fn main() {
    let bytes = mamalens::dev::lexicon::compile_builtin().unwrap_or_else(|e| {
        eprintln!("the lexicon does not compile: {e}");
        std::process::exit(1)
    });
    std::io::stdout()
        .write_all(&bytes)
        .expect("standard output");
}
