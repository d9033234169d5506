//! Training the learned model (`src/model/`): the labelled replies
//! it learns from, the fit, and the held-out report.
//!
//! The replies come from four places:
//!
//! * `lexicon/en/training/*.tsv`: replies the team wrote for training, over many
//!   topics and styles, and never used to tune the hand lexicon, so the
//!   lexicon's verdict on them is what it would be on unseen text. The
//!   model's `e:` features (the lexicon's verdict) are learned from these
//!   alone.
//! * `tests/corpus/written.jsonl`, and the team's `corpus/dev.jsonl` and
//!   `corpus/real-dev.jsonl` (in `shared/`): the lexicon was tuned on these,
//!   so its verdict on them is better than it will be on new text. They
//!   teach the words, with the `e:` features left out.
//!
//! The fit is a multinomial logistic regression (neutral the reference
//! class) with an L2 penalty, by L-BFGS, in `f64`, in a fixed order: the same
//! data gives the same weights on every machine. `model.tsv` records a
//! fingerprint of everything the weights depend on (the replies, the lexicon
//! data files, the feature version), and a test fails when it is stale.

use mamalens::dev::model::FEATURE_VERSION;
use mamalens::tuning::*;
use mamalens::Scorer;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Labels as the model's classes: shaming, support, neutral (the reference).
pub const CLASSES: [&str; 3] = ["shaming", "supportive", "neutral"];

#[derive(Clone, Debug)]
pub struct Example {
    pub text: String,
    /// Index in [`CLASSES`].
    pub label: usize,
    /// The set it came from: cross-validation holds out whole sets.
    pub group: String,
    pub weight: f64,
    /// Whether the lexicon's verdict is a feature (see the module docs).
    pub with_lexicon: bool,
    /// Whether the reply's shape (capitals, "?!") is a feature: not for text
    /// published lower-cased and without punctuation (RedditBias).
    pub with_shape: bool,
    /// The real corpus's split (`corpus/`); `None` for the team's replies,
    /// which are all for training.
    pub split: Option<String>,
    /// The real corpus's source (`edos`, `misogyny`, ...), for the report.
    pub source: Option<String>,
}

impl Example {
    /// Whether the model learns from this reply: the team's replies, and
    /// the real corpus's training split when [`TRAIN_WEIGHT_REAL_CORPUS`]
    /// lets it.
    pub fn is_training(&self) -> bool {
        match self.split.as_deref() {
            None => true,
            Some(split) => split == "train" && self.weight > 0.0,
        }
    }
}

fn class_of(label: &str) -> Option<usize> {
    CLASSES.iter().position(|c| *c == label)
}

/// The team's shared folder: `MAMALENS_SHARED`, else `../shared` beside the
/// repository.
pub fn shared_dir(root: &Path) -> PathBuf {
    std::env::var_os("MAMALENS_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared"))
}

/// Every training reply, in a fixed order. `root` is the repository.
pub fn load(root: &Path) -> Result<Vec<Example>, String> {
    let mut out = Vec::new();
    let dir = root.join("lexicon/en/training");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .collect();
    files.sort();
    for file in &files {
        let group = file
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        for (label, reply) in read_written(file)? {
            out.push(Example {
                text: reply,
                label,
                group: group.clone(),
                weight: TRAIN_WEIGHT_WRITTEN,
                with_lexicon: std::env::var_os("MAMALENS_TRAIN_NO_LEXICON").is_none(),
                with_shape: true,
                split: None,
                source: None,
            });
        }
    }
    let shared = shared_dir(root).join("corpus");
    for (path, group, weight) in [
        (
            root.join("tests/corpus/written.jsonl"),
            "written",
            TRAIN_WEIGHT_WRITTEN,
        ),
        (shared.join("dev.jsonl"), "dev", TRAIN_WEIGHT_WRITTEN),
        (shared.join("real-dev.jsonl"), "real-dev", TRAIN_WEIGHT_REAL),
    ] {
        for (i, (text, label, set)) in read_jsonl(&path)?.into_iter().enumerate() {
            let group = match (group, set) {
                ("written", Some(set)) => format!("written-{set}"),
                // Real replies are held out in five folds, by line.
                ("real-dev", _) => format!("real-dev-{}", i % 5),
                _ => group.to_string(),
            };
            out.push(Example {
                text,
                label,
                group,
                weight,
                with_lexicon: false,
                with_shape: true,
                split: None,
                source: None,
            });
        }
    }
    load_real(root, &mut out)?;
    Ok(out)
}

/// The real labelled corpus (`corpus/en/`): every split, each reply marked
/// with its split and source, for the report; the model learns from them
/// only at a weight above zero ([`TRAIN_WEIGHT_REAL_CORPUS`] says why it
/// does not). The lexicon was never tuned on these, so its verdict is a
/// feature.
fn load_real(root: &Path, out: &mut Vec<Example>) -> Result<(), String> {
    for (folder, weight) in [
        ("labelled", TRAIN_WEIGHT_REAL_CORPUS),
        (
            "neutral",
            TRAIN_WEIGHT_REAL_CORPUS * TRAIN_WEIGHT_NEUTRAL_POOL,
        ),
    ] {
        let dir = root.join("corpus/en").join(folder);
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map_err(|e| format!("{}: {e}", dir.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
            .collect();
        files.sort();
        for file in &files {
            let source = file
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .to_string();
            for item in read_real(file)? {
                out.push(Example {
                    text: item.text,
                    label: item.label,
                    group: format!("real-{}", item.thread),
                    weight,
                    with_lexicon: true,
                    with_shape: source != "redditbias",
                    split: Some(item.split),
                    source: Some(source.clone()),
                });
            }
        }
    }
    Ok(())
}

/// The replies of a team-written file, `s|p|n<TAB>category<TAB>reply` below
/// its `#` comments: each one's label (an index in [`CLASSES`]) and text.
pub fn read_written(file: &Path) -> Result<Vec<(usize, String)>, String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let mut out = Vec::new();
    for (n, line) in mamalens::dev::lexicon::data_lines(&text) {
        let bad = || {
            format!(
                "{}:{n}: expected s|p|n<TAB>category<TAB>reply",
                file.display()
            )
        };
        let mut cols = line.splitn(3, '\t');
        let (Some(l), Some(_category), Some(reply)) = (cols.next(), cols.next(), cols.next())
        else {
            return Err(bad());
        };
        let label = match l {
            "s" => 0,
            "p" => 1,
            "n" => 2,
            _ => return Err(bad()),
        };
        out.push((label, reply.to_string()));
    }
    Ok(out)
}

/// One item of a real corpus file (`corpus/<lang>/labelled/`, `neutral/`).
pub struct RealItem {
    pub text: String,
    /// Index in [`CLASSES`]; neutral where the item has no label.
    pub label: usize,
    pub thread: String,
    pub split: String,
}

/// The items of a real corpus file, one JSON object per line.
pub fn read_real(file: &Path) -> Result<Vec<RealItem>, String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let bad = |m: &str| format!("{}:{}: {m}", file.display(), i + 1);
        let row: serde_json::Value = serde_json::from_str(line).map_err(|e| bad(&e.to_string()))?;
        let field = |k: &str| row[k].as_str().ok_or_else(|| bad(&format!("no \"{k}\"")));
        let label = match row.get("label") {
            None => 2,
            Some(l) => l
                .as_str()
                .and_then(class_of)
                .ok_or_else(|| bad("no known \"label\""))?,
        };
        out.push(RealItem {
            text: field("text")?.to_string(),
            label,
            thread: field("thread")?.to_string(),
            split: field("split")?.to_string(),
        });
    }
    Ok(out)
}

/// Per-label F1 and neutral replies flagged as shaming (and, with
/// `with_support`, either way), per sensitivity: one column of `rows`' predictions per
/// entry of `sensitivities`.
pub fn print_figures(
    name: &str,
    rows: &[(usize, &[usize])],
    sensitivities: &[f32],
    with_support: bool,
) {
    println!("  {name}: {} replies", rows.len());
    let columns = rows.first().map_or(0, |r| r.1.len());
    for c in 0..columns {
        let mut matrix = [[0usize; 3]; 3];
        for (gold, p) in rows {
            matrix[*gold][p[c]] += 1;
        }
        let f1 = |k: usize| {
            let tp = matrix[k][k] as f64;
            let predicted: usize = (0..3).map(|g| matrix[g][k]).sum();
            let gold: usize = matrix[k].iter().sum();
            if tp == 0.0 {
                0.0
            } else {
                2.0 * tp / (predicted + gold) as f64
            }
        };
        let neutral: usize = matrix[2].iter().sum();
        let at = if columns == 1 {
            "".to_string()
        } else {
            format!("sensitivity {:.2}: ", sensitivities[c])
        };
        let either = if with_support {
            let any = matrix[2][0] + matrix[2][1];
            format!(
                "; {:.1}% with support",
                100.0 * any as f64 / neutral.max(1) as f64
            )
        } else {
            String::new()
        };
        println!(
            "    {at}shaming F1 {:.3}, support F1 {:.3}, neutral flagged {} of {} ({:.1}%{either})",
            f1(0),
            f1(1),
            matrix[2][0],
            neutral,
            100.0 * matrix[2][0] as f64 / neutral.max(1) as f64
        );
    }
}

/// `{"text", "label"}` lines (and `"set"` if present).
pub fn read_jsonl(path: &Path) -> Result<Vec<(String, usize, Option<String>)>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let bad = |m: &str| format!("{}:{}: {m}", path.display(), i + 1);
        let row: serde_json::Value = serde_json::from_str(line).map_err(|e| bad(&e.to_string()))?;
        let text = row["text"].as_str().ok_or_else(|| bad("no \"text\""))?;
        let label = row["label"]
            .as_str()
            .and_then(class_of)
            .ok_or_else(|| bad("no known \"label\""))?;
        let set = match &row["set"] {
            serde_json::Value::Null => None,
            serde_json::Value::String(s) => Some(s.clone()),
            other => Some(other.to_string()),
        };
        out.push((text.to_string(), label, set));
    }
    Ok(out)
}

/// FNV-1a, 64 bits, over everything the weights depend on: the replies,
/// their labels and kinds, the lexicon's data files, the feature version.
pub fn fingerprint(examples: &[Example]) -> String {
    fingerprint_of(
        &[
            mamalens::dev::lexicon::SLOTS_TSV,
            mamalens::dev::lexicon::SHAMING_TSV,
            mamalens::dev::lexicon::SUPPORT_TSV,
            mamalens::dev::lexicon::WORDS_TSV,
            mamalens::dev::lexicon::MASKED_TSV,
            mamalens::dev::lexicon::CONTRACTIONS_TSV,
        ],
        examples,
    )
}

/// As [`fingerprint`], over these data files.
pub fn fingerprint_of(data_files: &[&str], examples: &[Example]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for &b in bytes {
            h ^= b as u64;
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        h ^= 0xff;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    };
    eat(FEATURE_VERSION.as_bytes());
    for data in data_files {
        eat(data.as_bytes());
    }
    for e in examples.iter().filter(|e| e.is_training()) {
        eat(e.text.as_bytes());
        eat(&[e.label as u8, e.with_lexicon as u8, e.with_shape as u8]);
        eat(&e.weight.to_le_bytes());
    }
    format!("{h:016x}")
}

/// The fingerprint `model.tsv` records.
#[cfg(test)]
pub fn recorded_fingerprint(tsv: &str) -> Option<&str> {
    tsv.lines()
        .filter_map(|l| l.strip_prefix("# fingerprint:"))
        .map(str::trim)
        .next()
}

/// The replies as rows of feature ids, with the feature names.
pub struct Matrix {
    pub names: Vec<String>,
    /// Per example: (feature id, value).
    pub rows: Vec<Vec<(usize, f64)>>,
}

/// Every reply's features. Words and pairs seen in fewer than
/// [`TRAIN_MIN_REPLIES`] replies of `fit` (the examples that will be fitted)
/// are left out.
pub fn features(scorer: &Scorer, examples: &[Example], fit: &[bool]) -> Matrix {
    features_by(
        &|text, with_lexicon| mamalens::dev::features(scorer, text, with_lexicon),
        examples,
        fit,
    )
}

/// A reply's features by name: `extract(text, with_lexicon)`.
pub type Extract<'a> = dyn Fn(&str, bool) -> Vec<(String, f32)> + 'a;

/// As [`features`], each reply's features named by `extract(text,
/// with_lexicon)`: for another language's lexicon and rules.
pub fn features_by(extract: &Extract<'_>, examples: &[Example], fit: &[bool]) -> Matrix {
    let named: Vec<Vec<(String, f32)>> = examples
        .iter()
        .map(|e| {
            let mut f = extract(&e.text, e.with_lexicon);
            if !e.with_shape {
                f.retain(|(n, _)| !n.starts_with("s:"));
            }
            f
        })
        .collect();
    let mut count: HashMap<&str, usize> = HashMap::new();
    for (f, used) in named.iter().zip(fit) {
        if *used {
            for (n, _) in f {
                *count.entry(n.as_str()).or_default() += 1;
            }
        }
    }
    let keep = |n: &str| {
        let always = matches!(n.as_bytes()[0], b'f' | b's' | b'e');
        count.get(n).copied().unwrap_or(0) >= if always { 1 } else { TRAIN_MIN_REPLIES }
    };
    let mut ids: HashMap<String, usize> = HashMap::new();
    let mut names = Vec::new();
    let mut rows = Vec::with_capacity(named.len());
    for f in &named {
        let mut row = Vec::with_capacity(f.len());
        for (n, v) in f {
            if !keep(n) {
                continue;
            }
            let id = *ids.entry(n.clone()).or_insert_with(|| {
                names.push(n.clone());
                names.len() - 1
            });
            row.push((id, *v as f64));
        }
        rows.push(row);
    }
    Matrix { names, rows }
}

/// Fitted weights: per feature, toward shaming and toward support.
pub struct Fit {
    pub bias: [f64; 2],
    pub weights: Vec<[f64; 2]>,
}

fn softmax(z: [f64; 2]) -> [f64; 3] {
    let top = z[0].max(z[1]).max(0.0);
    let e = [(z[0] - top).exp(), (z[1] - top).exp(), (-top).exp()];
    let s = e[0] + e[1] + e[2];
    [e[0] / s, e[1] / s, e[2] / s]
}

/// [`TRAIN_L2`], or `MAMALENS_TRAIN_L2` when set (for the trainer's
/// `--report`, to compare penalties).
pub fn l2() -> f64 {
    std::env::var("MAMALENS_TRAIN_L2")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(TRAIN_L2)
}

/// The mean loss, penalised by `l2`, and its gradient at `x` (biases
/// first, then two weights per feature).
fn loss(ex: &[&Example], rows: &[&Vec<(usize, f64)>], l2: f64, x: &[f64], grad: &mut [f64]) -> f64 {
    grad.iter_mut().for_each(|g| *g = 0.0);
    let total: f64 = ex.iter().map(|e| e.weight).sum();
    let mut value = 0.0;
    for (e, row) in ex.iter().zip(rows) {
        let mut z = [x[0], x[1]];
        for &(j, v) in row.iter() {
            z[0] += x[2 + 2 * j] * v;
            z[1] += x[3 + 2 * j] * v;
        }
        let p = softmax(z);
        value -= e.weight * p[e.label].max(1e-300).ln();
        // d(-log p_y)/dz_k = p_k - [y == k], for the two free classes.
        let d = [
            e.weight * (p[0] - (e.label == 0) as u8 as f64),
            e.weight * (p[1] - (e.label == 1) as u8 as f64),
        ];
        grad[0] += d[0];
        grad[1] += d[1];
        for &(j, v) in row.iter() {
            grad[2 + 2 * j] += d[0] * v;
            grad[3 + 2 * j] += d[1] * v;
        }
    }
    value /= total;
    grad.iter_mut().for_each(|g| *g /= total);
    for k in 2..x.len() {
        value += 0.5 * l2 * x[k] * x[k];
        grad[k] += l2 * x[k];
    }
    value
}

/// Fits the examples marked in `fit` by L-BFGS (memory 10, backtracking line
/// search).
pub fn fit(m: &Matrix, examples: &[Example], fit: &[bool], l2: f64) -> Fit {
    let ex: Vec<&Example> = examples
        .iter()
        .zip(fit)
        .filter(|(_, f)| **f)
        .map(|(e, _)| e)
        .collect();
    let rows: Vec<&Vec<(usize, f64)>> = m
        .rows
        .iter()
        .zip(fit)
        .filter(|(_, f)| **f)
        .map(|(r, _)| r)
        .collect();
    let n = 2 + 2 * m.names.len();
    let mut x = vec![0.0; n];
    let mut g = vec![0.0; n];
    let mut f = loss(&ex, &rows, l2, &x, &mut g);
    const MEMORY: usize = 10;
    let mut s_hist: Vec<Vec<f64>> = Vec::new();
    let mut y_hist: Vec<Vec<f64>> = Vec::new();
    let dot = |a: &[f64], b: &[f64]| a.iter().zip(b).map(|(x, y)| x * y).sum::<f64>();
    for _ in 0..TRAIN_MAX_ITERATIONS {
        if dot(&g, &g).sqrt() < TRAIN_TOLERANCE {
            break;
        }
        // Two-loop recursion: d = -H g.
        let mut q = g.clone();
        let mut alphas = Vec::with_capacity(s_hist.len());
        for (s, y) in s_hist.iter().zip(&y_hist).rev() {
            let rho = 1.0 / dot(y, s);
            let a = rho * dot(s, &q);
            q.iter_mut().zip(y).for_each(|(qi, yi)| *qi -= a * yi);
            alphas.push((a, rho));
        }
        if let (Some(s), Some(y)) = (s_hist.last(), y_hist.last()) {
            let gamma = dot(s, y) / dot(y, y);
            q.iter_mut().for_each(|qi| *qi *= gamma);
        }
        for ((s, y), (a, rho)) in s_hist.iter().zip(&y_hist).zip(alphas.into_iter().rev()) {
            let b = rho * dot(y, &q);
            q.iter_mut().zip(s).for_each(|(qi, si)| *qi += (a - b) * si);
        }
        let d: Vec<f64> = q.iter().map(|v| -v).collect();
        let slope = dot(&g, &d);
        let d = if slope >= 0.0 {
            g.iter().map(|v| -v).collect()
        } else {
            d
        };
        let slope = dot(&g, &d);
        // Backtracking (Armijo).
        let mut step = 1.0;
        let mut x_new = vec![0.0; n];
        let mut g_new = vec![0.0; n];
        let mut f_new;
        loop {
            x_new
                .iter_mut()
                .zip(&x)
                .zip(&d)
                .for_each(|((xn, xi), di)| *xn = xi + step * di);
            f_new = loss(&ex, &rows, l2, &x_new, &mut g_new);
            if f_new <= f + 1e-4 * step * slope || step < 1e-10 {
                break;
            }
            step *= 0.5;
        }
        let s: Vec<f64> = x_new.iter().zip(&x).map(|(a, b)| a - b).collect();
        let y: Vec<f64> = g_new.iter().zip(&g).map(|(a, b)| a - b).collect();
        let improved = f - f_new;
        x = x_new;
        g = g_new;
        f = f_new;
        if dot(&s, &y) > 1e-12 {
            s_hist.push(s);
            y_hist.push(y);
            if s_hist.len() > MEMORY {
                s_hist.remove(0);
                y_hist.remove(0);
            }
        }
        if improved.abs() < 1e-12 {
            break;
        }
    }
    Fit {
        bias: [x[0], x[1]],
        weights: (0..m.names.len())
            .map(|j| [x[2 + 2 * j], x[3 + 2 * j]])
            .collect(),
    }
}

/// [`TRAIN_PRUNE`], or `MAMALENS_TRAIN_PRUNE` when set.
pub fn prune_threshold() -> f64 {
    std::env::var("MAMALENS_TRAIN_PRUNE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(TRAIN_PRUNE)
}

/// Fits, drops the features whose weights are both below the prune
/// threshold, and fits again on the rest: the second fit lets the kept
/// features take up what the dropped ones carried, so a small model loses
/// less than pruning alone would cost.
pub fn fit_pruned(m: &Matrix, examples: &[Example], fit_mask: &[bool], l2: f64) -> (Matrix, Fit) {
    let first = fit(m, examples, fit_mask, l2);
    let prune = prune_threshold();
    let keep: Vec<bool> = first
        .weights
        .iter()
        .map(|w| w[0].abs() >= prune || w[1].abs() >= prune)
        .collect();
    let mut new_id = vec![usize::MAX; m.names.len()];
    let mut names = Vec::new();
    for (j, n) in m.names.iter().enumerate() {
        if keep[j] {
            new_id[j] = names.len();
            names.push(n.clone());
        }
    }
    let rows = m
        .rows
        .iter()
        .map(|r| {
            r.iter()
                .filter(|(j, _)| keep[*j])
                .map(|&(j, v)| (new_id[j], v))
                .collect()
        })
        .collect();
    let pruned = Matrix { names, rows };
    let second = fit(&pruned, examples, fit_mask, l2);
    (pruned, second)
}

/// `model.tsv`: the header, the bias, then every feature whose weights are
/// not both below the prune threshold, sorted by name, in thousandths.
pub fn write_tsv(m: &Matrix, fit: &Fit, fingerprint: &str, trained_on: &str) -> String {
    let mut out = String::new();
    out.push_str("# Generated by `cargo xtask lexicon`; do not edit.\n");
    out.push_str(&format!("# trained on: {trained_on}\n"));
    out.push_str(&format!("# fingerprint: {fingerprint}\n"));
    out.push_str("# feature<TAB>weight toward shaming<TAB>weight toward support, in thousandths (neutral is 0); see src/model/weights.rs.\n");
    let w = |x: f64| format!("{}", (x * 1000.0).round() as i64);
    out.push_str(&format!("bias\t{}\t{}\n", w(fit.bias[0]), w(fit.bias[1])));
    let prune = prune_threshold();
    let mut kept: Vec<(&str, [f64; 2])> = m
        .names
        .iter()
        .zip(&fit.weights)
        .filter(|(_, w)| w[0].abs() >= prune || w[1].abs() >= prune)
        .map(|(n, w)| (n.as_str(), *w))
        .collect();
    kept.sort_by(|a, b| a.0.cmp(b.0));
    for (name, weights) in kept {
        out.push_str(&format!("{name}\t{}\t{}\n", w(weights[0]), w(weights[1])));
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    fn root() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
    }

    /// `model.tsv`: generated from the training replies and the lexicon that are
    /// here now (its fingerprint says so), sorted by feature, every line a
    /// feature of a known kind with two weights, and no two features sharing a
    /// hash (one would shadow the other).
    #[test]
    fn the_model_is_current_sorted_and_whole() {
        let tsv = mamalens::dev::model::MODEL_TSV;
        let examples = crate::training::load(&root()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            crate::training::recorded_fingerprint(tsv),
            Some(crate::training::fingerprint(&examples).as_str()),
            "lexicon/en/model.tsv is stale: run `cargo xtask lexicon`"
        );
        let model = mamalens::dev::model::Model::builtin().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            model.collisions, 0,
            "two features of model.tsv share a hash"
        );
        assert!(model.len() >= 500, "only {} features", model.len());
        let names: Vec<&str> = mamalens::dev::lexicon::data_lines(tsv)
            .map(|(_, l)| l.split('\t').next().unwrap())
            .filter(|name| *name != "bias")
            .collect();
        assert_eq!(names.len(), model.len());
        for w in names.windows(2) {
            assert!(w[0] < w[1], "model.tsv: not sorted or duplicate at {w:?}");
        }
    }

    /// Spanish's and Portuguese's `model.tsv` the same way: current, sorted,
    /// and read by the crate's parser.
    #[test]
    fn the_language_models_are_current_and_sorted() {
        for lang in [mamalens::Lang::Es, mamalens::Lang::Pt] {
            let path = root().join("lexicon").join(lang.code()).join("model.tsv");
            let tsv = std::fs::read_to_string(&path).unwrap();
            let examples = crate::train_lang::load(&root(), lang).unwrap_or_else(|e| panic!("{e}"));
            let files = crate::train_lang::data_files(&root(), lang).unwrap();
            let files: Vec<&str> = files.iter().map(String::as_str).collect();
            assert_eq!(
                crate::training::recorded_fingerprint(&tsv),
                Some(crate::training::fingerprint_of(&files, &examples).as_str()),
                "{} is stale: run `cargo xtask lexicon`",
                path.display()
            );
            let model = mamalens::dev::model::Model::parse(&tsv).unwrap();
            assert_eq!(
                model.collisions,
                0,
                "{}: two features share a hash",
                lang.code()
            );
            assert!(
                model.len() >= 300,
                "{}: only {} features",
                lang.code(),
                model.len()
            );
            let names: Vec<&str> = mamalens::dev::lexicon::data_lines(&tsv)
                .map(|(_, l)| l.split('\t').next().unwrap())
                .filter(|name| *name != "bias")
                .collect();
            for w in names.windows(2) {
                assert!(w[0] < w[1], "{}: not sorted at {w:?}", path.display());
            }
        }
    }
}
