#!/usr/bin/env bash
# Builds the Wasm core (pkg/) and the extension for both browsers (dist/).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
[ "${MAMALENS_SKIP_SETUP:-}" = 1 ] || bash scripts/setup.sh

# wasm-pack with the toolchain that has the wasm32 target (see env.sh).
# Without Spanish's and Portuguese's files compiled in: the extension ships
# them beside the .wasm and gives them to the core on first need (the .wasm
# with them in is over its size budget; README, "Languages").
PATH="$(wasm_toolchain_path)" wasm_linker_env wasm-pack --quiet build --target web --release --out-dir pkg --no-pack -- --no-default-features >/dev/null
# Size: -Oz plus stripping; the features are those of Rust 1.96's wasm32
# default and SIMD (.cargo/config.toml).
# wasm-opt takes ~30 s, so its output is cached by the hash of its input.
raw_hash=$(sha256sum pkg/mamalens_bg.wasm | cut -c1-16)
cache="target/wasm-opt-cache/$raw_hash.wasm"
if [ ! -f "$cache" ]; then
  mkdir -p target/wasm-opt-cache
  wasm-opt -Oz --enable-simd --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    --strip-debug --strip-producers pkg/mamalens_bg.wasm -o "$cache.tmp"
  mv "$cache.tmp" "$cache"
fi
cp "$cache" pkg/mamalens_bg.wasm

# The second stage (reader/), its own .wasm, loaded by the background on
# first need. Built for speed, not size (its weights are 8 MB anyway), with
# 128-bit SIMD, which every browser MamaLens supports has: its matrix rows are
# dotted in eight lanes (reader/src/model.rs). Its own target folder, since
# RUSTFLAGS differ from the core's.
reader_wasm() { # OUT_DIR [cargo args...]
  local out=$1; shift
  PATH="$(wasm_toolchain_path)" CARGO_TARGET_DIR="$PWD/target/reader-build" RUSTFLAGS="-C target-feature=+simd128" \
    wasm_linker_env wasm-pack --quiet build reader --target web --release --out-dir "$PWD/$out" --no-pack "$@" >/dev/null
}
reader_wasm target/reader-pkg
raw_hash=$(sha256sum target/reader-pkg/mamalens_reader_bg.wasm | cut -c1-16)
cache="target/wasm-opt-cache/reader-$raw_hash.wasm"
if [ ! -f "$cache" ]; then
  mkdir -p target/wasm-opt-cache
  wasm-opt -O3 --enable-simd --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    --strip-debug --strip-producers target/reader-pkg/mamalens_reader_bg.wasm -o "$cache.tmp"
  mv "$cache.tmp" "$cache"
fi
cp "$cache" target/reader-pkg/mamalens_reader_bg.wasm
node tools/build-extension.mjs

# The end-to-end tests' crash drill: the same core built with the crash-drill
# feature (scoring a marked reply panics), with its own glue, in target/. It is
# never packaged; unoptimised, as wasm-opt would add half a minute.
PATH="$(wasm_toolchain_path)" wasm_linker_env wasm-pack --quiet build --target web --release --out-dir target/e2e-drill-wasm --no-pack -- --no-default-features --features crash-drill >/dev/null
node tools/build-extension.mjs --drill target/e2e-drill-wasm target/e2e-drill-pkg
# The second stage's trap drill: reading a marked reply panics.
reader_wasm target/e2e-reader-drill-wasm -- --features crash-drill
node tools/build-extension.mjs --reader-drill target/e2e-reader-drill-wasm target/e2e-drill-pkg
