#!/usr/bin/env bash
# Installs what building and testing MamaLens needs, and nothing twice.
# Unattended and idempotent: every step checks before it acts, so a second run
# takes seconds. Facts behind the offline route: shared/notes/wasm-toolchain.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

log() { printf '[setup] %s\n' "$*" >&2; }

apt_missing() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  echo "${missing[@]:-}"
}

apt_install() {
  local missing
  missing=$(apt_missing "$@")
  [ -z "$missing" ] && return 0
  log "apt-get install $missing"
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends $missing >/dev/null
}

# --- 1. Browsers (tests and demo) and tools from Debian (poppler-utils: the
# report test reads its PDF with pdftotext; Firefox's Brazilian Portuguese
# language pack: the e2e test of the browser's UI language choosing
# MamaLens's) -------------------------------------------------------------------
apt_install chromium firefox-esr firefox-esr-l10n-pt-br python3 ca-certificates poppler-utils

# --- 2. A Rust toolchain that can target wasm32 ---------------------------------
if ! command -v cargo >/dev/null 2>&1; then
  log "installing Debian's Rust"
  apt_install rustc-web cargo-web
fi

wasm_std_present() {
  ls /usr/lib/rustlib/wasm32-unknown-unknown/lib/libstd-*.rlib >/dev/null 2>&1
}

if rustup_has_wasm32; then
  :
elif command -v rustup >/dev/null 2>&1 && [ ! -f target/.rustup-target-add-failed ] \
    && timeout 40 rustup target add wasm32-unknown-unknown >/dev/null 2>&1; then
  log "wasm32 target added by rustup"
else
  # rustup's own server is out of reach here (remembered, so later runs do not
  # wait on it again): use Debian's Rust, its source and its wasm linker, and
  # build wasm32's std once into Debian's sysroot (about 1-2 minutes).
  mkdir -p target && touch target/.rustup-target-add-failed
  apt_install rustc-web cargo-web rust-web-src lld-22
  if ! wasm_std_present; then
    log "building the wasm32 standard library from Debian's Rust source"
    scratch=$(mktemp -d)
    (
      cd "$scratch"
      mkdir src && echo '' > src/lib.rs
      printf '[package]\nname = "stdscratch"\nversion = "0.0.0"\nedition = "2021"\n' > Cargo.toml
      RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 /usr/bin/cargo build -q --release \
        --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort,panic_unwind,test
      dest=/usr/lib/rustlib/wasm32-unknown-unknown/lib
      rm -rf "$dest" && mkdir -p "$dest"
      find target/wasm32-unknown-unknown/release/deps -name '*.rlib' ! -name 'libstdscratch-*' -exec cp {} "$dest"/ \;
    )
    rm -rf "$scratch"
  fi
fi

# --- 3. wasm-pack and wasm-bindgen-cli (exactly the version in Cargo.lock) -----
WASM_PACK_VERSION=0.15.1
if ! wasm-pack --version 2>/dev/null | grep -q "$WASM_PACK_VERSION"; then
  log "cargo install wasm-pack $WASM_PACK_VERSION (about 5 minutes, once)"
  cargo install -q wasm-pack --version "$WASM_PACK_VERSION"
fi
bindgen_version=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/"/, "", $3); print $3; exit}' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -q " $bindgen_version\$"; then
  log "cargo install wasm-bindgen-cli $bindgen_version (about 4 minutes, once)"
  cargo install -q wasm-bindgen-cli --version "$bindgen_version" --force
fi

# --- 4. Node packages: wasm-opt (binaryen), web-ext, puppeteer-core ------------
if ! command -v node >/dev/null 2>&1; then apt_install nodejs npm; fi
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "npm ci"
  PUPPETEER_SKIP_DOWNLOAD=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
fi
log "ready"
