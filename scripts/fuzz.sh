#!/usr/bin/env bash
# Runs the cargo-fuzz targets (nightly Rust) for a while each; longer than the
# bounded property tests that run in CI. Usage: scripts/fuzz.sh [SECONDS per target]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
seconds=${1:-300}
command -v cargo-fuzz >/dev/null || cargo install --quiet cargo-fuzz
rustup toolchain list | grep -q nightly || rustup toolchain install nightly --profile minimal
for target in score custom_lexicon; do
  echo "== fuzz target $target for ${seconds}s"
  cargo +nightly fuzz run "$target" -- -max_total_time="$seconds" -max_len=4096 2>&1 | tail -n 5
done
