# Sourced by the scripts: puts the project's tools on PATH.
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export PUPPETEER_SKIP_DOWNLOAD=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export CARGO_TERM_COLOR=never

rustup_has_wasm32() {
  command -v rustup >/dev/null 2>&1 && rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$'
}

# The toolchain used for wasm32: rustup's when it has the target, else Debian's
# (whose sysroot holds the wasm32 std that setup.sh built).
wasm_toolchain_path() {
  if rustup_has_wasm32; then echo "$PATH"; else echo "/usr/bin:$PATH"; fi
}

# Debian's Rust ships no rust-lld; its wasm-ld (lld-22) links wasm32 instead.
wasm_linker_env() {
  if ! rustup_has_wasm32 && [ -x /usr/bin/wasm-ld-22 ]; then
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=/usr/bin/wasm-ld-22 "$@"
  else
    "$@"
  fi
}

# The team's shared folder (labelled corpus, real page markup) sits beside the
# repository. A clone made elsewhere (`git clone /work/main /tmp/x`) finds it
# beside the repository it was cloned from. MAMALENS_SHARED overrides both.
if [ -z "${MAMALENS_SHARED:-}" ]; then
  if [ -d "$PWD/../shared" ]; then
    MAMALENS_SHARED="$(cd "$PWD/../shared" && pwd)"
  else
    origin="$(git -C "$PWD" config --get remote.origin.url 2>/dev/null || true)"
    if [ -n "$origin" ] && [ -d "$origin/../shared" ]; then
      MAMALENS_SHARED="$(cd "$origin/../shared" && pwd)"
    fi
  fi
fi
if [ -n "${MAMALENS_SHARED:-}" ]; then export MAMALENS_SHARED; fi
