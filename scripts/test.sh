#!/usr/bin/env bash
# Every test: formatting, lints, Rust unit and integration tests, the Wasm
# facade in Node, the JavaScript unit tests, web-ext lint, and the end-to-end
# tests in real headless Chromium and Firefox. Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

logs=out/test-logs
mkdir -p "$logs"
passed=0
failed=0
failed_steps=()

# count NAME LOG: add the step's own test counts (cargo, wasm-bindgen-test, node).
count() {
  local p f
  p=$(grep -Eo 'test result: [a-zA-Z]+\. [0-9]+ passed' "$2" | awk '{s+=$4} END {print s+0}')
  f=$(grep -Eo '[0-9]+ failed' "$2" | awk '{s+=$1} END {print s+0}')
  if grep -q '^# pass ' "$2"; then
    p=$((p + $(awk '/^# pass /{s+=$3} END {print s+0}' "$2")))
    f=$((f + $(awk '/^# fail /{s+=$3} END {print s+0}' "$2")))
  fi
  echo "$p $f"
}

step() {
  local name=$1; shift
  local log="$logs/$name.log"
  local start=$SECONDS
  if "$@" >"$log" 2>&1; then status=0; else status=1; fi
  read -r p f < <(count "$name" "$log")
  if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then
    # A step with no test counts of its own (fmt, clippy, lint) counts as one.
    if [ $status -eq 0 ]; then p=1; else f=1; fi
  elif [ $status -ne 0 ] && [ "$f" -eq 0 ]; then
    f=1 # it failed without saying which test: count the failure
  fi
  passed=$((passed + p))
  failed=$((failed + f))
  printf '%-14s %s  (%d passed, %d failed, %ds)\n' "$name" "$([ $status -eq 0 ] && echo ok || echo FAILED)" "$p" "$f" $((SECONDS - start))
  if [ $status -ne 0 ]; then
    failed_steps+=("$name")
    echo "----- $log (last 60 lines) -----"
    tail -n 60 "$log"
    echo "-----"
  fi
}

wasm_clippy() {
  PATH="$(wasm_toolchain_path)" wasm_linker_env cargo clippy --target wasm32-unknown-unknown --lib -- -D warnings
}
wasm_tests() {
  PATH="$(wasm_toolchain_path)" wasm_linker_env wasm-pack test --node -- --lib
}

step setup bash scripts/setup.sh
step build env MAMALENS_SKIP_SETUP=1 bash scripts/build.sh
step fmt cargo fmt --check
step clippy cargo clippy --all-targets -- -D warnings
step clippy-wasm wasm_clippy
step cargo-test cargo test
step wasm-test wasm_tests
step js-unit node --test tests/js/
step web-ext-lint web-ext lint --source-dir dist/firefox --self-hosted
step e2e-chromium env MAMALENS_BROWSERS=chrome node --test tests/e2e/
step e2e-firefox env MAMALENS_BROWSERS=firefox node --test tests/e2e/

[ ${#failed_steps[@]} -gt 0 ] && echo "failed steps: ${failed_steps[*]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
