//! `mamalens`: the scoring engine on the command line.

// `wasm-pack test` builds every target for wasm32, this one too; the CLI itself
// is native only.
#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use clap::{Parser, Subcommand, ValueEnum};
    use mamalens::{explain, Label, Lang, Options, Scorer, Verdict};
    use std::io::{self, BufRead, BufWriter, Read, Write};
    use std::process::ExitCode;

    /// Scores replies for mom-shaming and support, on the device.
    #[derive(Parser)]
    #[command(name = "mamalens", version, about)]
    struct Cli {
        #[command(subcommand)]
        command: Command,
    }

    #[derive(Subcommand)]
    enum Command {
        /// Scores JSON Lines (or CSV) rows, adding the verdict to each.
        ///
        /// Reads JSON Lines (objects with a "text" member) from FILE or stdin and
        /// writes each row with a "mamalens" member added (scores to three
        /// decimals). A bad line is reported on stderr with its line number; the
        /// run goes on and the exit status is 1.
        Score {
            /// The input; stdin when absent or "-".
            file: Option<String>,
            /// Read a CSV with a header row and a "text" column instead, and
            /// write it with mamalens_* columns added.
            #[arg(long)]
            csv: bool,
            #[command(flatten)]
            sensitivity: Sensitivity,
            #[command(flatten)]
            lang: Language,
        },
        /// Prints the verdict on TEXT (or stdin) and the reasons, in plain words.
        Explain {
            text: Option<String>,
            #[command(flatten)]
            sensitivity: Sensitivity,
            #[command(flatten)]
            lang: Language,
        },
        /// Prints the built-in lexicon as JSON.
        ///
        /// Each pattern, its category, weight and the regex it compiles to.
        Lexicon,
        /// Scores labelled replies against their labels.
        ///
        /// Prints a confusion matrix, per-label
        /// precision, recall and F1 overall and per source, and the misses.
        /// Both stages decide, as in the extension.
        #[command(group(clap::ArgGroup::new("input").required(true).multiple(true).args(["files", "split"])))]
        Eval {
            /// JSON Lines with "text" and "label" (and "source", else the file's
            /// name).
            files: Vec<String>,
            /// Add the repository's real corpus (corpus/en/) of this split.
            #[arg(long, value_enum)]
            split: Option<Split>,
            /// Score with the first stage alone.
            #[arg(long)]
            first_stage: bool,
            /// The second stage's weights.
            #[arg(long, value_name = "W", default_value = READER_WEIGHTS)]
            reader: String,
            /// Do not list the misses.
            #[arg(long)]
            quiet: bool,
            #[command(flatten)]
            sensitivity: Sensitivity,
        },
    }

    #[derive(clap::Args)]
    struct Sensitivity {
        /// 0 (flag only the clearest) to 1 (flag anything suspicious).
        #[arg(long, value_name = "S", value_parser = parse_sensitivity)]
        sensitivity: Option<f32>,
    }

    #[derive(clap::Args)]
    struct Language {
        /// Read every reply in this language (en, es, pt), not the one
        /// detected.
        #[arg(long, value_name = "L", value_parser = parse_lang)]
        lang: Option<Lang>,
        /// The language of the page the replies are from (en, es, pt):
        /// replies too short to tell are read in it.
        #[arg(long, value_name = "L", value_parser = parse_lang)]
        page_lang: Option<Lang>,
    }

    fn parse_lang(s: &str) -> Result<Lang, String> {
        Lang::parse(s).ok_or_else(|| format!("'{s}' is not one of en, es, pt"))
    }

    #[derive(Clone, Copy, ValueEnum)]
    enum Split {
        Train,
        Dev,
        Test,
    }

    impl Split {
        fn as_str(self) -> &'static str {
            match self {
                Split::Train => "train",
                Split::Dev => "dev",
                Split::Test => "test",
            }
        }
    }

    fn parse_sensitivity(s: &str) -> Result<f32, String> {
        let v: f32 = s.parse().map_err(|_| format!("'{s}' is not a number"))?;
        if (0.0..=1.0).contains(&v) {
            Ok(v)
        } else {
            Err(format!("{s} is not from 0 to 1"))
        }
    }

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

    /// Usage errors are clap's: on stderr, exit status 2 (`--help` and
    /// `--version` print to stdout, status 0). Other errors are ours, also 2.
    pub fn main() -> ExitCode {
        let cli = Cli::parse();
        match run(cli.command) {
            Ok(code) => code,
            Err(message) if message == OUTPUT_CLOSED => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("mamalens: {message}");
                ExitCode::from(2)
            }
        }
    }

    fn scorer(sensitivity: &Sensitivity) -> Result<Scorer, String> {
        scorer_in(sensitivity, None)
    }

    fn scorer_in(sensitivity: &Sensitivity, lang: Option<&Language>) -> Result<Scorer, String> {
        Scorer::with_options(&Options {
            sensitivity: sensitivity.sensitivity,
            lang: lang.and_then(|l| l.lang),
            page_lang: lang.and_then(|l| l.page_lang),
            ..Options::default()
        })
        .map_err(|e| e.to_string())
    }

    /// Scores and weights to three decimals: `0.01`, not `0.009999999776482582`
    /// (an `f32` widened to `f64`).
    fn rounded(mut verdict: serde_json::Value) -> serde_json::Value {
        fn round(v: &mut serde_json::Value) {
            if let Some(x) = v.as_f64() {
                *v = serde_json::json!((x * 1000.0).round() / 1000.0);
            }
        }
        for key in ["shaming", "support"] {
            if let Some(v) = verdict.get_mut(key) {
                round(v);
            }
        }
        if let Some(cues) = verdict.get_mut("cues").and_then(|c| c.as_array_mut()) {
            for weight in cues.iter_mut().filter_map(|c| c.get_mut("weight")) {
                round(weight);
            }
        }
        verdict
    }

    fn run(command: Command) -> Result<ExitCode, String> {
        match command {
            Command::Score {
                file,
                csv,
                sensitivity,
                lang,
            } => {
                let scorer = scorer_in(&sensitivity, Some(&lang))?;
                let input: Box<dyn BufRead> = match file {
                    Some(path) if path != "-" => Box::new(io::BufReader::new(
                        std::fs::File::open(&path).map_err(|e| format!("{path}: {e}"))?,
                    )),
                    _ => Box::new(io::BufReader::new(io::stdin())),
                };
                let stdout = io::stdout();
                let mut out = BufWriter::new(stdout.lock());
                let failures = if csv {
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
            Command::Explain {
                text,
                sensitivity,
                lang,
            } => {
                let scorer = scorer_in(&sensitivity, Some(&lang))?;
                let text = match text {
                    Some(t) => t,
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
            Command::Lexicon => {
                let scorer = Scorer::new();
                let lexicon = scorer.lexicon();
                let entries: Vec<serde_json::Value> = lexicon
                    .entries
                    .iter()
                    .enumerate()
                    .map(|(i, e)| {
                        serde_json::json!({
                            "polarity": e.polarity.as_str(),
                            "category": e.category,
                            "weight": (e.weight as f64 * 1000.0).round() / 1000.0,
                            "pattern": e.source,
                            "regex": lexicon.regex_source(i),
                        })
                    })
                    .collect();
                print_out(&format!("{}\n", serde_json::Value::Array(entries)))?;
                Ok(ExitCode::SUCCESS)
            }
            Command::Eval {
                files,
                split,
                first_stage,
                reader,
                quiet,
                sensitivity,
            } => {
                let scorer = scorer(&sensitivity)?;
                let reader = if first_stage {
                    None
                } else {
                    let bytes = std::fs::read(&reader).map_err(|e| format!("{reader}: {e}"))?;
                    Some(
                        mamalens_reader::Model::from_bytes(&bytes)
                            .map_err(|e| format!("{reader}: {e}"))?,
                    )
                };
                let s = sensitivity.sensitivity.unwrap_or(0.5);
                eval(&scorer, reader, s, &files, split.map(Split::as_str), quiet)
            }
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
            let verdict =
                rounded(serde_json::to_value(scorer.score(&text)).map_err(|e| e.to_string())?);
            if let Some(obj) = row.as_object_mut() {
                obj.insert("mamalens".into(), verdict);
            }
            writeln!(out, "{row}").map_err(write_error)?;
        }
        Ok(failures)
    }

    const CSV_COLUMNS: [&str; 6] = [
        "mamalens_label",
        "mamalens_shaming",
        "mamalens_support",
        "mamalens_categories",
        "mamalens_cues",
        "mamalens_lang",
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
        writer.write_record(&header_out).map_err(csv_write_error)?;
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
            row.push(v.lang.into());
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
        let mut read =
            |path: &str, source: Option<&str>, split: Option<&str>| -> Result<(), String> {
                let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
                let name = std::path::Path::new(path)
                    .file_stem()
                    .map(|s| s.to_string_lossy().to_string())
                    .unwrap_or_default();
                for (i, line) in text.lines().enumerate() {
                    if line.trim().is_empty() {
                        continue;
                    }
                    let row: serde_json::Value = serde_json::from_str(line)
                        .map_err(|e| format!("{path} line {}: {e}", i + 1))?;
                    if split.is_some_and(|s| row["split"].as_str() != Some(s)) {
                        continue;
                    }
                    // The corpus's neutral pool is unlabelled: neutral by the guide.
                    let label = if source.is_some() && row.get("label").is_none() {
                        Some("neutral")
                    } else {
                        row["label"].as_str()
                    };
                    let (Some(t), Some(gold)) = (row["text"].as_str(), label) else {
                        return Err(format!(
                            "{path} line {}: needs \"text\" and \"label\"",
                            i + 1
                        ));
                    };
                    let label = parse_label(gold)
                        .ok_or_else(|| format!("{path} line {}: unknown label {gold}", i + 1))?;
                    let source = source
                        .map(str::to_string)
                        .or_else(|| row["source"].as_str().map(str::to_string))
                        .unwrap_or_else(|| name.clone());
                    rows.push(Gold {
                        text: t.to_string(),
                        label,
                        source,
                    });
                }
                Ok(())
            };
        for path in files {
            read(path, None, None)?;
        }
        if let Some(split) = split {
            for kind in ["labelled", "neutral"] {
                let dir = format!("{CORPUS}/{kind}");
                let mut paths: Vec<_> = std::fs::read_dir(&dir)
                    .map_err(|e| format!("{dir}: {e}"))?
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
                    .collect();
                paths.sort();
                for p in paths {
                    let stem = p
                        .file_stem()
                        .unwrap_or_default()
                        .to_string_lossy()
                        .to_string();
                    let source = if kind == "neutral" {
                        format!("{stem} (neutral pool)")
                    } else {
                        stem
                    };
                    read(&p.to_string_lossy(), Some(&source), Some(split))?;
                }
            }
        }
        Ok(rows)
    }

    /// The label both stages give, as in the extension (first alone without a reader).
    fn two_stage(
        scorer: &Scorer,
        reader: Option<&mut mamalens_reader::Model>,
        sensitivity: f32,
        text: &str,
    ) -> (Verdict, Label) {
        let v = scorer.score(text);
        let Some(reader) = reader else {
            let l = v.label;
            return (v, l);
        };
        let mut p = [0.0f32; 3];
        reader.probabilities(text, &mut p);
        let label = [Label::Neutral, Label::Shaming, Label::Supportive]
            [mamalens_reader::decide(&p, v.shaming, v.support, sensitivity)];
        (v, label)
    }

    fn eval(
        scorer: &Scorer,
        mut reader: Option<mamalens_reader::Model>,
        sensitivity: f32,
        files: &[String],
        split: Option<&str>,
        quiet: bool,
    ) -> Result<ExitCode, String> {
        const LABELS: [Label; 3] = [Label::Shaming, Label::Supportive, Label::Neutral];
        let idx = |l: Label| LABELS.iter().position(|x| *x == l).unwrap_or(2);
        let mut matrix = [[0usize; 3]; 3]; // [gold][predicted]
        let mut by_source: std::collections::BTreeMap<String, [[usize; 3]; 3]> = Default::default();
        let mut misses: Vec<(String, Verdict, Label, String)> = Vec::new();
        for g in gold_rows(files, split)? {
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
            "",
            "shaming",
            "support",
            "neutral"
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
            "label",
            "precision",
            "recall",
            "F1"
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
                report,
                "{:<12} {:>9.3} {:>9.3} {:>9.3}",
                l.as_str(),
                p,
                r,
                f
            );
        }
        let neutral_gold: usize = matrix[2].iter().sum();
        report_line!(
            report,
            "neutral replies flagged as shaming: {} of {} ({:.1}%)",
            matrix[2][0],
            neutral_gold,
            100.0 * matrix[2][0] as f64 / neutral_gold.max(1) as f64
        );
        report_line!(
            report,
            "by source: shaming P/R/F1, support P/R/F1, neutral flagged as shaming"
        );
        for (source, m) in &by_source {
            let prf = |k: usize| {
                let tp = m[k][k] as f64;
                let predicted: usize = (0..3).map(|g| m[g][k]).sum();
                let gold: usize = m[k].iter().sum();
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
                format!("{p:.3}/{r:.3}/{f:.3} (of {gold})")
            };
            let neutral: usize = m[2].iter().sum();
            report_line!(
                report,
                "  {source:<24} {}  {}  {} of {}",
                prf(0),
                prf(1),
                m[2][0],
                neutral
            );
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
}
