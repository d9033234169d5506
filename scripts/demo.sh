#!/usr/bin/env bash
# The main job: set up, build, and show MamaLens at work in headless Chromium on
# the Serena Williams thread, then a Spanish and a Portuguese one. Screenshots
# and exported replies go to out/demo/.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
bash scripts/build.sh
node tools/demo.mjs
