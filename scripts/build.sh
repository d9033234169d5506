#!/usr/bin/env bash
# Builds the Wasm core (pkg/) and the extension for both browsers (dist/).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
[ "${MAMALENS_SKIP_SETUP:-}" = 1 ] || bash scripts/setup.sh

# wasm-pack with the toolchain that has the wasm32 target (see env.sh).
PATH="$(wasm_toolchain_path)" wasm_linker_env wasm-pack --quiet build --target web --release --out-dir pkg --no-pack >/dev/null
# Size: -Oz plus stripping; the features are those of Rust 1.96's wasm32 default.
# wasm-opt takes ~30 s, so its output is cached by the hash of its input.
raw_hash=$(sha256sum pkg/mamalens_bg.wasm | cut -c1-16)
cache="target/wasm-opt-cache/$raw_hash.wasm"
if [ ! -f "$cache" ]; then
  mkdir -p target/wasm-opt-cache
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    --strip-debug --strip-producers pkg/mamalens_bg.wasm -o "$cache.tmp"
  mv "$cache.tmp" "$cache"
fi
cp "$cache" pkg/mamalens_bg.wasm
node tools/build-extension.mjs

# The end-to-end tests' crash drill: the same core built with the crash-drill
# feature (scoring a marked reply panics), with its own glue, in target/. It is
# never packaged; unoptimised, as wasm-opt would add half a minute.
PATH="$(wasm_toolchain_path)" wasm_linker_env wasm-pack --quiet build --target web --release --out-dir target/e2e-drill-wasm --no-pack -- --features crash-drill >/dev/null
node tools/build-extension.mjs --drill target/e2e-drill-wasm target/e2e-drill-pkg
