//! The layout bars of the core (issue 16): no source file in `src/` over
//! [`MAX_LINES`] lines, and no import cycle among its modules, counted over
//! `use crate::…`, `use super::…`, `use self::…`, uses of a child module and
//! qualified paths (`crate::a::b::f()`) in code. Comments are not code.
#![cfg(not(target_arch = "wasm32"))] // regex is a native dev-dependency

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The issue's bar for one file.
const MAX_LINES: usize = 800;

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file of the library, with its module path (`text::fast`; the
/// crate root is empty). The binaries (`src/bin/`) are crates of their own.
fn library_files() -> Vec<(PathBuf, Vec<String>)> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                if p.file_name().unwrap() != "bin" {
                    walk(&p, out);
                }
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(&src(), &mut files);
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let rel = p.strip_prefix(src()).unwrap().with_extension("");
            let mut parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if parts.last().is_some_and(|l| l == "mod" || l == "lib") {
                parts.pop();
            }
            (p, parts)
        })
        .collect()
}

/// The code of a file without comments, and with string and char literals
/// emptied (a pattern's text is not a path).
fn code_of(text: &str) -> String {
    let b = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < b.len() {
        if b[i..].starts_with(b"//") {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if b[i..].starts_with(b"/*") {
            let end = text[i + 2..].find("*/").map_or(b.len(), |e| i + 2 + e + 2);
            i = end;
        } else if b[i] == b'"' || (b[i..].starts_with(b"r#\"") || b[i..].starts_with(b"r\"")) {
            // Raw strings: r"..." and r#"..."#.
            if b[i] == b'r' {
                let hashes = b[i + 1..].iter().take_while(|&&c| c == b'#').count();
                let close = format!("\"{}", "#".repeat(hashes));
                let from = i + 2 + hashes;
                i = text[from..]
                    .find(&close)
                    .map_or(b.len(), |e| from + e + close.len());
            } else {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            out.push_str("\"\"");
        } else if b[i] == b'\'' && i + 2 < b.len() && (b[i + 2] == b'\'' || b[i + 1] == b'\\') {
            // A char literal ('x', '\n', '\''), not a lifetime.
            i += 1;
            while i < b.len() && b[i] != b'\'' {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("' '");
        } else {
            let c = text[i..].chars().next().unwrap();
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

/// Expands a use tree (`a::{b, c::{d, e}}`) into its paths.
fn expand(tree: &str) -> Vec<String> {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        return vec![tree.split(" as ").next().unwrap().trim().to_string()];
    };
    let prefix = &tree[..open];
    let inner = &tree[open + 1..tree.rfind('}').unwrap()];
    let (mut depth, mut start, mut parts) = (0, 0, Vec::new());
    for (k, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..k]);
                start = k + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .flat_map(expand)
        .map(|p| format!("{prefix}{p}"))
        .collect()
}

/// The module a path names, as far as it names modules: the longest prefix
/// of it that is a module. `None` for paths outside the crate.
fn resolve(path: &str, from: &[String], modules: &BTreeSet<Vec<String>>) -> Option<Vec<String>> {
    let segs: Vec<&str> = path.split("::").map(str::trim).collect();
    let (mut base, rest): (Vec<String>, &[&str]) = match segs[0] {
        "crate" => (Vec::new(), &segs[1..]),
        "super" => {
            let mut b = from.to_vec();
            let mut k = 0;
            while segs.get(k) == Some(&"super") {
                b.pop();
                k += 1;
            }
            (b, &segs[k..])
        }
        "self" => (from.to_vec(), &segs[1..]),
        first => {
            // A child module named without `self::` (in `use` or in code).
            let mut child = from.to_vec();
            child.push(first.to_string());
            if !modules.contains(&child) {
                return None;
            }
            (from.to_vec(), &segs[..])
        }
    };
    for s in rest {
        let mut next = base.clone();
        next.push(s.to_string());
        if modules.contains(&next) {
            base = next;
        } else {
            break;
        }
    }
    Some(base)
}

fn module_graph() -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let files = library_files();
    let modules: BTreeSet<Vec<String>> = files.iter().map(|(_, m)| m.clone()).collect();
    let path_re = regex::Regex::new(
        r"(?:^|[^A-Za-z0-9_:])((?:crate|super|self|[a-z_][a-z0-9_]*)(?:::[A-Za-z_][A-Za-z0-9_]*)+)",
    )
    .unwrap();
    let inline_re =
        regex::Regex::new(r"(?m)^[ \t]*(?:pub(?:\([a-z]+\))? )?mod [a-z_]+ \{").unwrap();
    let use_re = regex::Regex::new(r"(?s)(?:^|[^A-Za-z0-9_])use[ \t\n]+([^;]+);").unwrap();
    let mut graph = BTreeMap::new();
    for (file, module) in &files {
        let code = code_of(&std::fs::read_to_string(file).unwrap());
        // An inline module (`mod tests { use super::*; … }`) is part of the
        // file's module: its `super` is the file's module.
        let (outer, inner) = match inline_re.find(&code) {
            Some(m) => code.split_at(m.start()),
            None => (code.as_str(), ""),
        };
        let mut inside = module.clone();
        inside.push("inline".into());
        let mut edges = BTreeSet::new();
        for (part, from) in [(outer, module), (inner, &inside)] {
            let mut paths: Vec<String> = Vec::new();
            for c in use_re.captures_iter(part) {
                paths.extend(expand(&c[1]));
            }
            let without_uses = use_re.replace_all(part, "");
            for c in path_re.captures_iter(&without_uses) {
                paths.push(c[1].to_string());
            }
            for p in paths {
                if let Some(target) = resolve(&p, from, &modules) {
                    if &target != module {
                        edges.insert(target);
                    }
                }
            }
        }
        graph.insert(module.clone(), edges);
    }
    graph
}

/// The strongly connected components of more than one node (Tarjan).
fn cycles<N: Ord + Clone>(graph: &BTreeMap<N, BTreeSet<N>>) -> Vec<Vec<N>> {
    struct T<'g, N: Ord> {
        g: &'g BTreeMap<N, BTreeSet<N>>,
        index: BTreeMap<&'g N, usize>,
        low: BTreeMap<&'g N, usize>,
        stack: Vec<&'g N>,
        on: BTreeSet<&'g N>,
        out: Vec<Vec<N>>,
    }
    impl<'g, N: Ord + Clone> T<'g, N> {
        fn visit(&mut self, v: &'g N) {
            let i = self.index.len();
            self.index.insert(v, i);
            self.low.insert(v, i);
            self.stack.push(v);
            self.on.insert(v);
            for w in self.g.get(v).into_iter().flatten() {
                let Some((w, _)) = self.g.get_key_value(w) else {
                    continue;
                };
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let l = self.low[w].min(self.low[v]);
                    self.low.insert(v, l);
                } else if self.on.contains(w) {
                    let l = self.index[w].min(self.low[v]);
                    self.low.insert(v, l);
                }
            }
            if self.low[v] == self.index[v] {
                let mut comp = Vec::new();
                while let Some(w) = self.stack.pop() {
                    self.on.remove(w);
                    comp.push(w.clone());
                    if w == v {
                        break;
                    }
                }
                if comp.len() > 1 {
                    self.out.push(comp);
                }
            }
        }
    }
    let mut t = T {
        g: graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        out: Vec::new(),
    };
    for v in graph.keys() {
        if !t.index.contains_key(v) {
            t.visit(v);
        }
    }
    t.out
}

fn name(m: &[String]) -> String {
    if m.is_empty() {
        "crate".into()
    } else {
        m.join("::")
    }
}

#[test]
fn no_source_file_is_over_the_line_limit() {
    let long: Vec<String> = library_files()
        .into_iter()
        .map(|(p, _)| p)
        .chain(
            std::fs::read_dir(src().join("bin"))
                .into_iter()
                .flatten()
                .map(|e| e.unwrap().path()),
        )
        .filter_map(|p| {
            let n = std::fs::read_to_string(&p).ok()?.lines().count();
            (n > MAX_LINES).then(|| format!("{}: {n} lines", p.display()))
        })
        .collect();
    assert!(
        long.is_empty(),
        "over {MAX_LINES} lines:\n{}",
        long.join("\n")
    );
}

#[test]
fn no_import_cycle_among_modules() {
    let graph = module_graph();
    assert!(graph.len() > 20, "only {} modules found", graph.len());
    let found: Vec<String> = cycles(&graph)
        .iter()
        .map(|c| c.iter().map(|m| name(m)).collect::<Vec<_>>().join(" <-> "))
        .collect();
    assert!(found.is_empty(), "import cycles:\n{}", found.join("\n"));
}

/// The same over the top-level modules (the folders): the pipeline reads one
/// way, `text` at the bottom (with `verdict` and `tuning`), the scorer and
/// the facades on top.
#[test]
fn no_import_cycle_among_top_level_modules() {
    let mut top: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (from, to) in module_graph() {
        let f = from.first().cloned().unwrap_or_else(|| "crate".into());
        let entry = top.entry(f.clone()).or_default();
        for t in to {
            let t = t.first().cloned().unwrap_or_else(|| "crate".into());
            if t != f {
                entry.insert(t);
            }
        }
    }
    let found: Vec<String> = cycles(&top).iter().map(|c| c.join(" <-> ")).collect();
    assert!(
        found.is_empty(),
        "import cycles between folders:\n{}",
        found.join("\n")
    );
}

/// Prints which module uses which (`cargo test --test layout -- --nocapture`).
#[test]
fn module_graph_is_printed() {
    for (from, to) in module_graph() {
        let to: Vec<String> = to.iter().map(|m| name(m)).collect();
        println!("{} -> {}", name(&from), to.join(", "));
    }
}
