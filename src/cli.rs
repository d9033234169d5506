// The `mamalens` command: the scoring engine on the command line (included by main.rs).

use mamalens::{explain, Label, Options, Scorer, Verdict};
use std::io::{self, BufRead, BufWriter, Read, Write};
use std::process::ExitCode;

const USAGE: &str = "\
usage:
  mamalens score [FILE] [--csv] [--sensitivity S]
      Reads JSON Lines (objects with a \"text\" member) from FILE or stdin and
      writes each row with a \"mamalens\" member added. With --csv, reads a CSV
      with a header row and a \"text\" column and writes it with mamalens_*
      columns added. A bad line is reported on stderr with its line number;
      the run goes on and the exit status is 1.
  mamalens explain TEXT [--sensitivity S]
      Prints the verdict on TEXT and the reasons, in plain words.
  mamalens lexicon
      Prints the built-in lexicon as JSON: each pattern, its category, weight
      and the regex it compiles to.
  mamalens eval [FILE...] [--split train|dev|test] [--first-stage] [--reader W]
      FILE is JSON Lines with \"text\" and \"label\" (and \"source\", else the
      file's name); --split adds the repository's real corpus (corpus/en/) of
      that split. Prints a confusion matrix, per-label precision, recall and
      F1 overall and per source, and lists the misses (not with --quiet).
      Both stages decide, as in the extension, the second read from W
      (default lexicon/reader.en.bin); --first-stage scores the first alone.
";

/// The second stage's weights in this repository.
const READER_WEIGHTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/lexicon/reader.en.bin");
const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/en");

/// The error a write to standard output gives when its reader has gone
/// (`mamalens eval FILE | head`): the run ends quietly, as ripgrep's does.
const OUTPUT_CLOSED: &str = "standard output was closed";

fn write_error(e: io::Error) -> String {
    if e.kind() == io::ErrorKind::BrokenPipe {
        OUTPUT_CLOSED.into()
    } else {
        format!("cannot write the output: {e}")
    }
}

/// Writes a whole report to standard output.
fn print_out(text: &str) -> Result<(), String> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(write_error)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(message) if message == OUTPUT_CLOSED => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("mamalens: {message}");
            ExitCode::from(2)
        }
    }
}

struct Args {
    positional: Vec<String>,
    csv: bool,
    sensitivity: Option<f32>,
    quiet: bool,
    split: Option<String>,
    first_stage: bool,
    reader: Option<String>,
}

fn parse_args(args: &[String]) -> Result<Args, String> {
    let mut out = Args {
        positional: Vec::new(),
        csv: false,
        sensitivity: None,
        quiet: false,
        split: None,
        first_stage: false,
        reader: None,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--csv" => out.csv = true,
            "--quiet" => out.quiet = true,
            "--first-stage" => out.first_stage = true,
            "--split" => {
                let v = it.next().ok_or("--split needs train, dev or test")?;
                if !["train", "dev", "test"].contains(&v.as_str()) {
                    return Err(format!("--split: '{v}' is not train, dev or test"));
                }
                out.split = Some(v.clone());
            }
            "--reader" => out.reader = Some(it.next().ok_or("--reader needs a file")?.clone()),
            "--sensitivity" => {
                let v = it.next().ok_or("--sensitivity needs a value")?;
                out.sensitivity = Some(
                    v.parse()
                        .map_err(|_| format!("--sensitivity: '{v}' is not a number"))?,
                );
            }
            "-h" | "--help" => return Err(USAGE.into()),
            s if s.starts_with("--") => return Err(format!("unknown option {s}\n{USAGE}")),
            _ => out.positional.push(a.clone()),
        }
    }
    Ok(out)
}

fn run(args: &[String]) -> Result<ExitCode, String> {
    let Some(command) = args.first() else {
        return Err(USAGE.into());
    };
    let rest = parse_args(&args[1..])?;
    let scorer = Scorer::with_options(&Options {
        sensitivity: rest.sensitivity,
        ..Options::default()
    })
    .map_err(|e| e.to_string())?;
    match command.as_str() {
        "score" => {
            let input: Box<dyn BufRead> = match rest.positional.first() {
                Some(path) if path != "-" => Box::new(io::BufReader::new(
                    std::fs::File::open(path).map_err(|e| format!("{path}: {e}"))?,
                )),
                _ => Box::new(io::BufReader::new(io::stdin())),
            };
            let stdout = io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            let failures = if rest.csv {
                score_csv(&scorer, input, &mut out)?
            } else {
                score_jsonl(&scorer, input, &mut out)?
            };
            out.flush().map_err(write_error)?;
            Ok(if failures == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        "explain" => {
            let text = match rest.positional.first() {
                Some(t) => t.clone(),
                None => {
                    let mut s = String::new();
                    io::stdin()
                        .read_to_string(&mut s)
                        .map_err(|e| e.to_string())?;
                    s
                }
            };
            print_out(&explain(&scorer.score(&text)))?;
            Ok(ExitCode::SUCCESS)
        }
        "lexicon" => {
            let lexicon = scorer.lexicon();
            let entries: Vec<serde_json::Value> = lexicon
                .entries
                .iter()
                .enumerate()
                .map(|(i, e)| {
                    serde_json::json!({
                        "polarity": e.polarity.as_str(),
                        "category": e.category,
                        "weight": e.weight,
                        "pattern": e.source,
                        "regex": lexicon.regex_source(i),
                    })
                })
                .collect();
            print_out(&format!("{}\n", serde_json::Value::Array(entries)))?;
            Ok(ExitCode::SUCCESS)
        }
        "eval" => {
            if rest.positional.is_empty() && rest.split.is_none() {
                return Err("eval needs a FILE or --split".into());
            }
            let reader = if rest.first_stage {
                None
            } else {
                let path = rest.reader.as_deref().unwrap_or(READER_WEIGHTS);
                let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
                Some(mamalens_reader::Model::from_bytes(&bytes).map_err(|e| format!("{path}: {e}"))?)
            };
            let sensitivity = rest.sensitivity.unwrap_or(0.5);
            eval(&scorer, reader, sensitivity, &rest)
        }
        other => Err(format!("unknown command '{other}'\n{USAGE}")),
    }
}

fn score_jsonl(
    scorer: &Scorer,
    input: Box<dyn BufRead>,
    out: &mut impl Write,
) -> Result<usize, String> {
    let mut failures = 0;
    for (i, line) in input.lines().enumerate() {
        let n = i + 1;
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                eprintln!("line {n}: cannot read: {e}");
                failures += 1;
                continue;
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        let mut row: serde_json::Value = match serde_json::from_str(&line) {
            Ok(v) => v,
            Err(e) => {
                eprintln!("line {n}: not valid JSON: {e}");
                failures += 1;
                continue;
            }
        };
        let Some(text) = row.get("text").and_then(|t| t.as_str()).map(str::to_owned) else {
            eprintln!("line {n}: no string member \"text\"");
            failures += 1;
            continue;
        };
        let verdict = serde_json::to_value(scorer.score(&text)).map_err(|e| e.to_string())?;
        if let Some(obj) = row.as_object_mut() {
            obj.insert("mamalens".into(), verdict);
        }
        writeln!(out, "{row}").map_err(write_error)?;
    }
    Ok(failures)
}

const CSV_COLUMNS: [&str; 5] = [
    "mamalens_label",
    "mamalens_shaming",
    "mamalens_support",
    "mamalens_categories",
    "mamalens_cues",
];

fn score_csv(
    scorer: &Scorer,
    input: Box<dyn BufRead>,
    out: &mut impl Write,
) -> Result<usize, String> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(input);
    let headers = reader
        .headers()
        .map_err(|e| format!("cannot read the CSV header: {e}"))?
        .clone();
    let Some(text_col) = headers.iter().position(|h| h.trim() == "text") else {
        return Err("the CSV has no \"text\" column".into());
    };
    let mut writer = csv::Writer::from_writer(out);
    let mut header_out: Vec<String> = headers.iter().map(str::to_owned).collect();
    header_out.extend(CSV_COLUMNS.iter().map(|s| s.to_string()));
    writer
        .write_record(&header_out)
        .map_err(csv_write_error)?;
    let mut failures = 0;
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                eprintln!("line {line}: {e}");
                failures += 1;
                continue;
            }
        };
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        if record.len() != headers.len() {
            eprintln!(
                "line {line}: {} fields, the header has {}",
                record.len(),
                headers.len()
            );
            failures += 1;
            continue;
        }
        let v = scorer.score(&record[text_col]);
        let cues: Vec<&str> = v
            .cues
            .iter()
            .filter(|c| c.weight > 0.0)
            .map(|c| c.text.as_str())
            .collect();
        let mut row: Vec<String> = record.iter().map(str::to_owned).collect();
        row.push(v.label.as_str().into());
        row.push(format!("{:.3}", v.shaming));
        row.push(format!("{:.3}", v.support));
        row.push(v.categories.join(";"));
        row.push(cues.join(" | "));
        writer.write_record(&row).map_err(csv_write_error)?;
    }
    writer.flush().map_err(write_error)?;
    Ok(failures)
}

/// `writeln!` into a `String` report, which cannot fail.
macro_rules! report_line {
    ($report:expr, $($arg:tt)*) => {{
        use std::fmt::Write as _;
        writeln!($report, $($arg)*).expect("writing to a String cannot fail");
    }};
}

fn csv_write_error(e: csv::Error) -> String {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => write_error(e),
        other => format!("cannot write the CSV: {other:?}"),
    }
}

/// One reply to score: its text, gold label and source.
struct Gold {
    text: String,
    label: Label,
    source: String,
}

fn parse_label(s: &str) -> Option<Label> {
    match s {
        "shaming" => Some(Label::Shaming),
        "supportive" => Some(Label::Supportive),
        "neutral" => Some(Label::Neutral),
        _ => None,
    }
}

/// The files' replies, then the corpus's of `split`.
fn gold_rows(files: &[String], split: Option<&str>) -> Result<Vec<Gold>, String> {
    let mut rows = Vec::new();
    let mut read = |path: &str, source: Option<&str>, split: Option<&str>| -> Result<(), String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
        let name = std::path::Path::new(path).file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let row: serde_json::Value = serde_json::from_str(line).map_err(|e| format!("{path} line {}: {e}", i + 1))?;
            if split.is_some_and(|s| row["split"].as_str() != Some(s)) {
                continue;
            }
            // The corpus's neutral pool is unlabelled: neutral by the guide.
            let label = if source.is_some() && row.get("label").is_none() { Some("neutral") } else { row["label"].as_str() };
            let (Some(t), Some(gold)) = (row["text"].as_str(), label) else {
                return Err(format!("{path} line {}: needs \"text\" and \"label\"", i + 1));
            };
            let label = parse_label(gold).ok_or_else(|| format!("{path} line {}: unknown label {gold}", i + 1))?;
            let source = source.map(str::to_string).or_else(|| row["source"].as_str().map(str::to_string)).unwrap_or_else(|| name.clone());
            rows.push(Gold { text: t.to_string(), label, source });
        }
        Ok(())
    };
    for path in files {
        read(path, None, None)?;
    }
    if let Some(split) = split {
        for kind in ["labelled", "neutral"] {
            let dir = format!("{CORPUS}/{kind}");
            let mut paths: Vec<_> = std::fs::read_dir(&dir).map_err(|e| format!("{dir}: {e}"))?.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "jsonl")).collect();
            paths.sort();
            for p in paths {
                let stem = p.file_stem().unwrap_or_default().to_string_lossy().to_string();
                let source = if kind == "neutral" { format!("{stem} (neutral pool)") } else { stem };
                read(&p.to_string_lossy(), Some(&source), Some(split))?;
            }
        }
    }
    Ok(rows)
}

/// The label both stages give, as in the extension (first alone without a reader).
fn two_stage(scorer: &Scorer, reader: Option<&mut mamalens_reader::Model>, sensitivity: f32, text: &str) -> (Verdict, Label) {
    let v = scorer.score(text);
    let Some(reader) = reader else {
        let l = v.label;
        return (v, l);
    };
    let mut p = [0.0f32; 3];
    reader.probabilities(text, &mut p);
    let label = [Label::Neutral, Label::Shaming, Label::Supportive][mamalens_reader::decide(&p, v.shaming, v.support, sensitivity)];
    (v, label)
}

fn eval(scorer: &Scorer, mut reader: Option<mamalens_reader::Model>, sensitivity: f32, args: &Args) -> Result<ExitCode, String> {
    const LABELS: [Label; 3] = [Label::Shaming, Label::Supportive, Label::Neutral];
    let idx = |l: Label| LABELS.iter().position(|x| *x == l).unwrap_or(2);
    let quiet = args.quiet;
    let mut matrix = [[0usize; 3]; 3]; // [gold][predicted]
    let mut by_source: std::collections::BTreeMap<String, [[usize; 3]; 3]> = Default::default();
    let mut misses: Vec<(String, Verdict, Label, String)> = Vec::new();
    for g in gold_rows(&args.positional, args.split.as_deref())? {
        let (v, label) = two_stage(scorer, reader.as_mut(), sensitivity, &g.text);
        matrix[idx(g.label)][idx(label)] += 1;
        by_source.entry(g.source.clone()).or_default()[idx(g.label)][idx(label)] += 1;
        if label != g.label {
            misses.push((g.label.as_str().into(), v, label, g.text));
        }
    }
    // Written whole at the end, so a closed pipe is one error, not a panic.
    let mut report = String::new();
    let total: usize = matrix.iter().flatten().sum();
    let correct: usize = (0..3).map(|i| matrix[i][i]).sum();
    report_line!(
        report,
        "{} replies, accuracy {:.3}",
        total,
        correct as f64 / total.max(1) as f64
    );
    report_line!(
        report,
        "{:<12} {:>9} {:>9} {:>9}   (rows: gold, columns: predicted)",
        "", "shaming", "support", "neutral"
    );
    for (i, l) in LABELS.iter().enumerate() {
        report_line!(
        report,
            "{:<12} {:>9} {:>9} {:>9}",
            l.as_str(),
            matrix[i][0],
            matrix[i][1],
            matrix[i][2]
        );
    }
    report_line!(
        report,
        "{:<12} {:>9} {:>9} {:>9}",
        "label", "precision", "recall", "F1"
    );
    for (i, l) in LABELS.iter().enumerate() {
        let tp = matrix[i][i] as f64;
        let predicted: usize = (0..3).map(|g| matrix[g][i]).sum();
        let gold: usize = matrix[i].iter().sum();
        let p = if predicted == 0 {
            0.0
        } else {
            tp / predicted as f64
        };
        let r = if gold == 0 { 0.0 } else { tp / gold as f64 };
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        report_line!(
        report,"{:<12} {:>9.3} {:>9.3} {:>9.3}", l.as_str(), p, r, f);
    }
    let neutral_gold: usize = matrix[2].iter().sum();
    report_line!(
        report,
        "neutral replies flagged as shaming: {} of {} ({:.1}%)",
        matrix[2][0],
        neutral_gold,
        100.0 * matrix[2][0] as f64 / neutral_gold.max(1) as f64
    );
    report_line!(report, "by source: shaming P/R/F1, support P/R/F1, neutral flagged as shaming");
    for (source, m) in &by_source {
        let prf = |k: usize| {
            let tp = m[k][k] as f64;
            let predicted: usize = (0..3).map(|g| m[g][k]).sum();
            let gold: usize = m[k].iter().sum();
            let p = if predicted == 0 { 0.0 } else { tp / predicted as f64 };
            let r = if gold == 0 { 0.0 } else { tp / gold as f64 };
            let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
            format!("{p:.3}/{r:.3}/{f:.3} (of {gold})")
        };
        let neutral: usize = m[2].iter().sum();
        report_line!(report, "  {source:<24} {}  {}  {} of {}", prf(0), prf(1), m[2][0], neutral);
    }
    if !quiet {
        for (gold, v, label, t) in &misses {
            let cues: Vec<String> = v
                .cues
                .iter()
                .map(|c| {
                    format!(
                        "{}:{}{}",
                        c.polarity.as_str(),
                        c.text,
                        c.rule
                            .map(|r| format!("[{}]", r.as_str()))
                            .unwrap_or_default()
                    )
                })
                .collect();
            report_line!(
        report,
                "MISS gold={gold} got={} (first stage {} {:.2}/{:.2}) {t:?} cues={cues:?}",
                label.as_str(),
                v.label.as_str(),
                v.shaming,
                v.support
            );
        }
    }
    print_out(&report)?;
    Ok(ExitCode::SUCCESS)
}
