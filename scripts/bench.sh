#!/usr/bin/env bash
# The benchmark (not a test): MamaLens against peer scorers on one corpus, the
# .wasm size, construction time, memory, and a 1,000-reply page in Chromium.
# Pass --write to record the figures in BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
bash scripts/build.sh
cargo build --quiet --release --example bench --bin mamalens
node bench/run.mjs "$@"
