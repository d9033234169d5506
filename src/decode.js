// Builds the plain result objects of the Wasm Scorer from the rows src/wasm.rs
// writes (see `Scorer::write_row` there): strings come from `names` and
// `patterns` (one table per language: en, es, pt) by index, scores are
// thousandths, and each cue's text is sliced from the reply it came from by
// its UTF-16 offsets.
const NO_RULE = 0xffffffff;

export function decodeVerdicts(texts, rows, names, patterns) {
  const out = new Array(texts.length);
  let n = 0;
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i];
    const label = names[rows[n++]];
    const shaming = rows[n++] / 1000;
    const support = rows[n++] / 1000;
    const truncated = rows[n++] === 1;
    const lang = names[rows[n++]];
    const langConfidence = rows[n++] / 1000;
    const table = patterns[rows[n++]];
    const categories = new Array(rows[n++]);
    for (let k = 0; k < categories.length; k++) categories[k] = names[rows[n++]];
    const cues = new Array(rows[n++]);
    for (let k = 0; k < cues.length; k++) {
      const start = rows[n++];
      const end = rows[n++];
      const polarity = names[rows[n++]];
      const category = names[rows[n++]];
      const weight = rows[n++] / 1000;
      const rule = rows[n++];
      const pattern = table[rows[n++]];
      cues[k] = { start, end, text: text.slice(start, end), polarity, category, weight, rule: rule === NO_RULE ? null : names[rule], pattern };
    }
    out[i] = { label, shaming, support, categories, cues, truncated, lang, langConfidence };
  }
  return out;
}
