#!/usr/bin/env python3
"""Sorts lexicon/shaming.tsv and lexicon/support.tsv in place (by category,
then pattern), keeping the header comments. The lint test demands this order."""
import sys, pathlib
for name in ["shaming.tsv", "support.tsv"]:
    p = pathlib.Path(__file__).resolve().parent.parent / "lexicon" / name
    lines = p.read_text().splitlines()
    header = [l for l in lines if l.startswith("#")]
    rows = sorted({l for l in lines if l.strip() and not l.startswith("#")}, key=lambda l: (l.split("\t")[0], l.split("\t")[3]))
    p.write_text("\n".join(header + rows) + "\n")
