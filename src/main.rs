//! `mamalens`: the scoring engine on the command line.

// `wasm-pack test` builds every target for wasm32, this one too; the CLI itself
// is native only.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
include!("cli.rs");
