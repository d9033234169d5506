//! The lexicon's generated files: the data files sorted, `compiled.bin`
//! compiled from them, and each language's `model.tsv` trained on them.

use std::path::Path;
use std::process::Command;

/// The data files the lint tests want sorted, below their header comments,
/// without repeats: the cues by category, then pattern (fields 1 and 4); the
/// word lists by list, then word (fields 1 and 2).
const SORTED: [(&str, usize); 3] = [("shaming.tsv", 3), ("support.tsv", 3), ("words.tsv", 1)];

pub fn sort(root: &Path) -> Result<(), String> {
    for (name, second) in SORTED {
        let path = root.join("lexicon/en").join(name);
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let header: Vec<&str> = text.lines().filter(|l| l.starts_with('#')).collect();
        let mut rows: Vec<&str> = text
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .collect();
        let key = |l: &str| {
            let f: Vec<&str> = l.split('\t').collect();
            (f[0].to_string(), f.get(second).unwrap_or(&"").to_string())
        };
        rows.sort_by_key(|l| key(l));
        rows.dedup();
        let mut out = header.join("\n");
        for r in rows {
            out.push('\n');
            out.push_str(r);
        }
        out.push('\n');
        if out != text {
            std::fs::write(&path, out).map_err(|e| format!("{}: {e}", path.display()))?;
            eprintln!("sorted lexicon/{name}");
        }
    }
    Ok(())
}

/// `lexicon/en/compiled.bin` as the data files compiled into this binary make it.
pub fn compile(root: &Path) -> Result<(), String> {
    let bytes = mamalens::dev::lexicon::compile_builtin()
        .map_err(|e| format!("the lexicon does not compile: {e}"))?;
    write_if_changed(&root.join("lexicon/en/compiled.bin"), &bytes)
}

/// `lexicon/<lang>/model.tsv`, trained, for English, Spanish and Portuguese.
pub fn train(root: &Path) -> Result<(), String> {
    let tsv = crate::train::model_tsv(root);
    write_if_changed(&root.join("lexicon/en/model.tsv"), tsv.as_bytes())?;
    for lang in [mamalens::Lang::Es, mamalens::Lang::Pt] {
        let tsv = crate::train_lang::model_tsv(root, lang)?;
        let path = root.join("lexicon").join(lang.code()).join("model.tsv");
        write_if_changed(&path, tsv.as_bytes())?;
    }
    Ok(())
}

fn write_if_changed(path: &Path, bytes: &[u8]) -> Result<(), String> {
    if std::fs::read(path).ok().as_deref() == Some(bytes) {
        return Ok(());
    }
    let tmp = path.with_extension("new");
    std::fs::write(&tmp, bytes)
        .and_then(|()| std::fs::rename(&tmp, path))
        .map_err(|e| format!("{}: {e}", path.display()))?;
    eprintln!("wrote {}", path.display());
    Ok(())
}

/// Sorts, compiles and trains. The library holds the data files it was built
/// with, so each later step runs in a fresh `cargo xtask`, built on what the
/// step before wrote.
pub fn all(root: &Path) -> Result<(), String> {
    sort(root)?;
    for step in ["compile-lexicon", "train-in-place"] {
        let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .current_dir(root)
            .args(["xtask", step])
            .status()
            .map_err(|e| format!("cargo xtask {step}: {e}"))?;
        if !status.success() {
            return Err(format!("cargo xtask {step} failed"));
        }
    }
    Ok(())
}
