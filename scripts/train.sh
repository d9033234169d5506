#!/usr/bin/env bash
# Trains both stages from the repository's files and writes their weights:
# the first stage's word model (lexicon/en/model.tsv) and the second stage's
# reader (lexicon/reader.en.bin, with reader/tests/reference.jsonl). Not part
# of the build or the tests: the weights are committed, generated files.
# The reader takes 25-50 minutes on two cores; its Python packages are pinned
# in tools/reader/requirements.txt (about 3 GB, in target/train-venv).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
cargo xtask train > lexicon/en/model.tsv.new
mv lexicon/en/model.tsv.new lexicon/en/model.tsv
venv=target/train-venv
if [ ! -x "$venv/bin/python" ] || ! cmp -s tools/reader/requirements.txt "$venv/requirements.txt"; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet -r tools/reader/requirements.txt
  cp tools/reader/requirements.txt "$venv/requirements.txt"
fi
"$venv/bin/python" tools/reader/train.py "$@"
