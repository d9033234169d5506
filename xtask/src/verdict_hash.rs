//! The behaviour check for refactors: every text in the repository's corpora
//! and case tables (and the shared corpus, when present), scored at
//! sensitivities 0, 0.5 and 1, reduced to one hash of every verdict field.
//! A change that keeps the hash keeps every verdict byte for byte.

use mamalens::{Options, Scorer, Verdict};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Outside the repository, used when present (it is not in every checkout).
const SHARED_CORPUS: &str = "/work/shared/corpus";
const SENSITIVITIES: [f32; 3] = [0.0, 0.5, 1.0];

pub fn run(args: &[String]) -> Result<(), String> {
    let dump = match args {
        [] => None,
        [flag, file] if flag == "--dump" => Some(PathBuf::from(file)),
        _ => return Err("usage: cargo xtask verdict-hash [--dump FILE]".into()),
    };
    let root = crate::root();
    // Each folder's files sorted on their own, the folders in this order: a
    // sort over whole paths would put the shared folder before or after the
    // repository's by where the checkout is, and change the hash with it.
    let mut files = Vec::new();
    let shared = Path::new(SHARED_CORPUS);
    let folders = [
        root.join("corpus"),
        root.join("lexicon/en/training"),
        root.join("tests/cases"),
        shared.to_path_buf(),
    ];
    for dir in &folders {
        if dir.as_path() == shared && !shared.is_dir() {
            continue;
        }
        let mut group = Vec::new();
        collect(dir, &mut group)?;
        group.sort();
        files.extend(group);
    }
    let mut texts = Vec::new();
    for file in &files {
        let read = read_texts(file)?;
        if dump.is_some() {
            // Which lines of the dump are which file's, to compare dumps.
            eprintln!("{}\t{}", read.len(), file.display());
        }
        texts.extend(read);
    }
    let mut input = Fnv::new();
    for text in &texts {
        input.write(text.as_bytes());
        input.write(b"\n");
    }
    let mut hash = Fnv::new();
    let mut out = String::new();
    for &sensitivity in &SENSITIVITIES {
        let options = Options {
            sensitivity: Some(sensitivity),
            ..Options::default()
        };
        let scorer = Scorer::with_options(&options).map_err(|e| e.to_string())?;
        for text in &texts {
            out.clear();
            let _ = write!(out, "{sensitivity}\t");
            canonical(&scorer.score(text), &mut out);
            out.push('\n');
            hash.write(out.as_bytes());
            if let Some(dump) = &dump {
                append(dump, &out)?;
            }
        }
    }
    println!(
        "verdict hash {:016x} over {} texts (input hash {:016x}) from {} files x {} sensitivities",
        hash.0,
        texts.len(),
        input.0,
        files.len(),
        SENSITIVITIES.len()
    );
    Ok(())
}

fn append(path: &Path, line: &str) -> Result<(), String> {
    use std::io::Write;
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    f.write_all(line.as_bytes()).map_err(|e| e.to_string())
}

/// Every field of a verdict; floats by their bits.
fn canonical(v: &Verdict, out: &mut String) {
    let _ = write!(
        out,
        "{}\t{:08x}\t{:08x}\t{}\t{}",
        v.label.as_str(),
        v.shaming.to_bits(),
        v.support.to_bits(),
        v.categories.join(","),
        v.truncated
    );
    for c in &v.cues {
        let _ = write!(
            out,
            "\t[{}..{} {:?} {} {} {:08x} {:?} {:?} #{}]",
            c.start,
            c.end,
            c.text,
            c.polarity.as_str(),
            c.category,
            c.weight.to_bits(),
            c.rule,
            &*c.pattern,
            c.entry
        );
    }
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            collect(&path, files)?;
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("tsv" | "jsonl")
        ) {
            files.push(path);
        }
    }
    Ok(())
}

/// The texts of a file: the `text` of each JSON line; the last of the first
/// three tab-separated fields of each TSV row that is not a comment.
fn read_texts(path: &Path) -> Result<Vec<String>, String> {
    let body = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let jsonl = path.extension().is_some_and(|e| e == "jsonl");
    let mut texts = Vec::new();
    for (n, line) in body.lines().enumerate() {
        if line.trim().is_empty() || (!jsonl && line.starts_with('#')) {
            continue;
        }
        if jsonl {
            let value: serde_json::Value = serde_json::from_str(line)
                .map_err(|e| format!("{}:{}: {e}", path.display(), n + 1))?;
            if let Some(text) = value.get("text").and_then(|t| t.as_str()) {
                texts.push(text.to_string());
            }
        } else {
            texts.push(line.splitn(3, '\t').last().unwrap_or(line).to_string());
        }
    }
    Ok(texts)
}

/// FNV-1a, 64 bits: no dependency, and enough to tell two runs apart.
struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}
