#!/usr/bin/env bash
# Every test: formatting, lints, Rust unit and integration tests, the Wasm
# facade in Node, the JavaScript unit tests, web-ext lint, and the end-to-end
# tests in real headless Chromium and Firefox.
#
# Setup, build, fmt, clippy, lint and the temp-folder check are stages: each
# is ok or FAILED, and none is counted as a test. The last line counts tests
# only, as the test runners report them: "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

logs=out/test-logs
mkdir -p "$logs"
passed=0
failed=0
skipped=0
stages=()
failed_steps=()

show_log() {
  echo "----- $1 (last 60 lines) -----"
  tail -n 60 "$1"
  echo "-----"
}

# stage NAME CMD...: runs a step that is not a test; ok or FAILED.
stage() {
  local name=$1; shift
  local log="$logs/$name.log" start=$SECONDS status=ok
  "$@" >"$log" 2>&1 || status=FAILED
  stages+=("$name $status")
  printf '%-20s %s  (stage, %ds)\n' "$name" "$status" $((SECONDS - start))
  if [ $status = FAILED ]; then
    failed_steps+=("$name")
    show_log "$log"
  fi
}

# counts LOG: "passed failed skipped" from the runners' own summaries: cargo
# and wasm-bindgen-test ("test result: ... N passed; N failed; N ignored"),
# node --test ("# pass N", "# fail N", "# cancelled N", "# skipped N", "# todo N").
counts() {
  awk '
    /^test result: / {
      for (i = 1; i <= NF; i++) {
        if ($(i) ~ /^passed;?$/) p += $(i - 1)
        if ($(i) ~ /^failed;?$/) f += $(i - 1)
        if ($(i) ~ /^ignored;?$/) s += $(i - 1)
      }
    }
    /^# pass [0-9]+$/ { p += $3 }
    /^# (fail|cancelled) [0-9]+$/ { f += $3 }
    /^# (skipped|todo) [0-9]+$/ { s += $3 }
    END { print p + 0, f + 0, s + 0 }
  ' "$1"
}

# tests NAME CMD...: runs a step of tests and adds up its tests. A step that
# fails without any test failing (it crashed, or never ran its tests) is a
# failed stage, since no test count says so.
tests() {
  local name=$1; shift
  local log="$logs/$name.log" start=$SECONDS status=0 p f s
  "$@" >"$log" 2>&1 || status=$?
  read -r p f s < <(counts "$log")
  passed=$((passed + p))
  failed=$((failed + f))
  skipped=$((skipped + s))
  local state=ok
  if [ $status -ne 0 ]; then
    state=FAILED
    failed_steps+=("$name")
    [ "$f" -eq 0 ] && stages+=("$name FAILED(exit $status, no test failed)")
  elif [ $((p + f)) -eq 0 ]; then
    state=FAILED
    failed_steps+=("$name")
    stages+=("$name FAILED(ran no tests)")
  fi
  printf '%-20s %s  (%d passed, %d failed, %d skipped, %ds)\n' "$name" "$state" "$p" "$f" "$s" $((SECONDS - start))
  [ $state = FAILED ] && show_log "$log"
}

wasm_clippy() {
  PATH="$(wasm_toolchain_path)" wasm_linker_env cargo clippy --target wasm32-unknown-unknown --lib -- -D warnings &&
    PATH="$(wasm_toolchain_path)" wasm_linker_env cargo clippy -p mamalens-reader --target wasm32-unknown-unknown --lib --features crash-drill -- -D warnings
}
wasm_tests() {
  PATH="$(wasm_toolchain_path)" wasm_linker_env wasm-pack test --node -- --lib &&
    PATH="$(wasm_toolchain_path)" wasm_linker_env wasm-pack test --node reader --lib
}

# The end-to-end tests for one browser, with a temp folder of their own: the
# browsers, the profiles, the extension copies and the download folders go
# there, and it must be empty when the tests are done (the harness removes
# what it made).
e2e_tmp=""
e2e() {
  e2e_tmp=$(mktemp -d "${TMPDIR:-/tmp}/mamalens-e2e-$1.XXXXXX")
  TMPDIR="$e2e_tmp" MAMALENS_BROWSERS="$1" node --test --test-concurrency=1 tests/e2e/
}
e2e_clean() {
  local left
  left=$(find "$e2e_tmp" -mindepth 1 -maxdepth 1 -printf '%f\n' | sort)
  rm -rf "$e2e_tmp"
  if [ -n "$left" ]; then
    echo "left in the temp folder:"
    echo "$left"
    return 1
  fi
}

stage setup bash scripts/setup.sh
stage build env MAMALENS_SKIP_SETUP=1 bash scripts/build.sh
stage fmt cargo fmt --all --check
# With the test-only crash-drill feature, so its code is linted too.
stage clippy cargo clippy --workspace --all-targets --features mamalens/crash-drill,mamalens-reader/crash-drill -- -D warnings
stage clippy-wasm wasm_clippy
# The core, its CLI, the second stage, and the developer tools (the model is
# current: xtask).
tests cargo-test cargo test --workspace
# The build the extension ships: Spanish and Portuguese given on first need.
tests cargo-test-lean cargo test --no-default-features --test languages_on_first_need
tests wasm-test wasm_tests
tests js-unit node --test tests/js/
# Warnings fail too: the package must be clean for desktop and Android alike.
stage web-ext-lint web-ext lint --source-dir dist/firefox --self-hosted --warnings-as-errors
tests e2e-chromium e2e chrome
stage e2e-chromium-tmp e2e_clean
tests e2e-firefox e2e firefox
stage e2e-firefox-tmp e2e_clean

echo "stages: $(IFS=,; echo "${stages[*]}" | sed 's/,/, /g')"
[ "$skipped" -gt 0 ] && echo "skipped tests: $skipped (each says why in its log)"
[ ${#failed_steps[@]} -gt 0 ] && echo "failed steps: ${failed_steps[*]}"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ ${#failed_steps[@]} -eq 0 ]
