//! The command-line interface: output shapes, and one clear line with exit code 2 for bad input.

// Native only: reads files or runs the CLI (the browser tests are tests/web.rs).
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_corroborate"))
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("run corroborate")
}

fn run_stdin(args: &[&str], input: &str) -> Output {
    let mut child = bin()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn corroborate");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

mod common;
use common::Scratch;

fn demo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../demo/story")
}

fn first_demo_page() -> PathBuf {
    let mut files: Vec<PathBuf> = std::fs::read_dir(demo())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    files.into_iter().next().expect("demo/story has files")
}

#[test]
fn check_json_has_the_documented_shape() {
    let page = first_demo_page();
    let o = run(&[
        "check",
        page.to_str().unwrap(),
        "--sources",
        demo().to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON output");
    let claims = v["claims"].as_array().expect("claims array");
    assert!(!claims.is_empty());
    let page_text = std::fs::read_to_string(&page).unwrap();
    let utf16: Vec<u16> = page_text.encode_utf16().collect();
    let mut saw_evidence = false;
    for c in claims {
        let (s, e) = (
            c["start_utf16"].as_u64().unwrap() as usize,
            c["end_utf16"].as_u64().unwrap() as usize,
        );
        assert!(s < e && e <= utf16.len());
        let verdict = c["verdict"].as_str().unwrap();
        assert!(
            ["confirmed", "contradicted", "disputed", "related", "unique"].contains(&verdict),
            "{verdict}"
        );
        for ev in c["evidence"].as_array().unwrap() {
            saw_evidence = true;
            for key in ["source", "relation", "text", "score", "reasons", "diff"] {
                assert!(ev.get(key).is_some(), "evidence lacks {key}: {ev}");
            }
            assert!(
                ["confirms", "contradicts", "related"].contains(&ev["relation"].as_str().unwrap())
            );
            assert_ne!(
                ev["source"].as_str().unwrap(),
                page.file_stem().unwrap().to_str().unwrap(),
                "page compared with itself"
            );
        }
    }
    assert!(saw_evidence, "the demo story should produce evidence");
}

#[test]
fn check_text_report_is_readable_and_plain_when_piped() {
    let page = first_demo_page();
    let o = run(&[
        "check",
        page.to_str().unwrap(),
        "--sources",
        demo().to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.contains(" claims: "), "{out}");
    assert!(
        !out.contains('\u{1b}'),
        "no colour when stdout is not a terminal"
    );
    let o = run(&[
        "check",
        page.to_str().unwrap(),
        "--sources",
        demo().to_str().unwrap(),
        "--color",
        "always",
    ]);
    assert!(String::from_utf8(o.stdout).unwrap().contains('\u{1b}'));
}

/// The reasons and evidence of a check as JSON: every reason with its class (when it has one)
/// and its message; the text report prints each message.
fn check_json_and_text(page: &Path, sources: &Path) -> (serde_json::Value, String) {
    let (page, sources) = (page.to_str().unwrap(), sources.to_str().unwrap());
    let o = run(&["check", page, "--sources", sources, "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let json = serde_json::from_slice(&o.stdout).expect("JSON output");
    let o = run(&["check", page, "--sources", sources]);
    assert!(o.status.success(), "{}", stderr(&o));
    (json, String::from_utf8(o.stdout).unwrap())
}

fn evidence_of(v: &serde_json::Value) -> Vec<&serde_json::Value> {
    v["claims"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["evidence"].as_array().unwrap())
        .collect()
}

#[test]
fn check_reports_a_replaced_verb_as_a_substitution_or_a_contradiction() {
    let dir = Scratch::new("substitution");
    let page = dir.file(
        "page.txt",
        "The drug inhibits tumour growth in mice, the study found.".as_bytes(),
    );
    std::fs::create_dir_all(dir.0.join("sources")).unwrap();
    dir.file(
        "sources/lab.txt",
        "The drug induces tumour growth in mice, the study found.".as_bytes(),
    );
    let (v, text) = check_json_and_text(&page, &dir.0.join("sources"));
    let evidence = evidence_of(&v);
    let reasons: Vec<&serde_json::Value> = evidence
        .iter()
        .flat_map(|e| e["reasons"].as_array().unwrap())
        .collect();
    // The judge is being reworked: either it contradicts the claim, or it names the word.
    let contradicts = evidence.iter().any(|e| e["relation"] == "contradicts");
    let names_it = reasons
        .iter()
        .any(|r| r["kind"] == "substitution" || r["kind"] == "antonym");
    assert!(contradicts || names_it, "{v:#}");
    for r in &reasons {
        if let Some(class) = r.get("class") {
            assert!(
                ["equivalent", "reversal", "incompatible", "unverifiable"]
                    .contains(&class.as_str().unwrap()),
                "{r}"
            );
        }
        let message = r["message"].as_str().unwrap();
        assert!(
            !message.is_empty() && text.contains(message),
            "{message}\n{text}"
        );
    }
}

#[test]
fn evidence_from_a_title_is_marked_as_the_headline() {
    let dir = Scratch::new("title");
    let page = dir.file(
        "page.txt",
        "The drug inhibits tumour growth in mice, the study found.".as_bytes(),
    );
    let title = "The drug induces tumour growth in mice, the study found";
    let corpus = serde_json::json!({"sources": [{
        "id": "lab",
        "outlet": "Lab News",
        "title": title,
        "text": "Researchers at the institute published the results on Tuesday. The work took three years.",
    }]});
    let corpus = dir.file("corpus.json", corpus.to_string().as_bytes());
    let (v, text) = check_json_and_text(&page, &corpus);
    for e in evidence_of(&v) {
        // The source's text does not hold the title's words: a sentence of them is the title.
        let from_title = e["text"].as_str().unwrap().trim_end_matches('.') == title;
        if from_title {
            assert_eq!(e["from_title"], true, "{e}");
            assert_eq!((&e["start_utf16"], &e["end_utf16"]), (&0.into(), &0.into()));
            assert!(text.contains("(headline)"), "{text}");
        } else {
            assert!(
                e.get("from_title").is_none(),
                "serialised only when true: {e}"
            );
        }
    }
}

#[test]
fn stance_answers_one_line_per_input_in_order() {
    let input = concat!(
        r#"{"claim": "Five people were injured in a fire in Lyon.", "source": "Officials said five people were injured when a fire broke out in Lyon on Monday. Firefighters worked through the night."}"#,
        "\n",
        r#"{"claim": "Five people were injured in a fire in Lyon.", "source": "The football season opens next week with twelve teams."}"#,
        "\n"
    );
    let o = run_stdin(&["stance"], input);
    assert!(o.status.success(), "{}", stderr(&o));
    let lines: Vec<serde_json::Value> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    for l in &lines {
        assert!(["confirms", "contradicts", "related", "unrelated"]
            .contains(&l["relation"].as_str().unwrap()));
    }
    assert_eq!(lines[1]["relation"], "unrelated");
    assert_ne!(lines[0]["relation"], "unrelated");
}

#[test]
fn corpus_round_trips_through_check() {
    let dir = Scratch::new("corpus");
    let out = dir.0.join("corpus.json");
    let o = run(&[
        "corpus",
        demo().to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert!(v["sources"].as_array().unwrap().len() >= 3);
    let page = first_demo_page();
    let o = run(&[
        "check",
        page.to_str().unwrap(),
        "--sources",
        out.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn bad_input_gets_one_line_and_exit_code_2() {
    let dir = Scratch::new("bad");
    let good = dir.file(
        "good.txt",
        b"Officials said five people were injured in Lyon on Monday.",
    );
    let empty = dir.file("empty.txt", b"   \n");
    let latin1 = dir.file(
        "latin1.txt",
        b"Caf\xe9 owners said the fire started at noon.",
    );
    let bad_json = dir.file("bad.json", b"{\"sources\": [");
    let no_sources = dir.file("none.json", b"{\"sources\": []}");
    let weird = dir.file("data.bin", b"\x00\x01");
    let empty_dir = dir.0.join("empty-dir");
    std::fs::create_dir_all(&empty_dir).unwrap();
    let missing = dir.0.join("missing.txt");
    let p = |p: &PathBuf| p.to_str().unwrap().to_string();
    let check = |page: &PathBuf, source: &PathBuf| {
        vec!["check".into(), p(page), "--sources".into(), p(source)]
    };
    let cases: Vec<(Vec<String>, &str)> = vec![
        (check(&missing, &good), "missing page"),
        (check(&good, &missing), "missing source"),
        (check(&empty, &good), "empty page"),
        (check(&latin1, &good), "page not UTF-8"),
        (check(&good, &latin1), "source not UTF-8"),
        (check(&good, &bad_json), "malformed JSON"),
        (check(&good, &no_sources), "no sources"),
        (check(&good, &empty_dir), "empty folder"),
        (check(&good, &weird), "unsupported file"),
        (
            vec![
                "corpus".into(),
                p(&missing),
                "-o".into(),
                p(&dir.0.join("x.json")),
            ],
            "corpus of missing file",
        ),
        (
            vec!["eval".into(), "fnc1".into(), p(&empty_dir)],
            "FNC-1 folder without data",
        ),
    ];
    for (args, what) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = run(&args);
        assert_eq!(o.status.code(), Some(2), "{what}: {}", stderr(&o));
        let err = stderr(&o);
        assert_eq!(
            err.trim_end().lines().count(),
            1,
            "{what}: one line expected, got {err:?}"
        );
        assert!(err.starts_with("corroborate: "), "{what}: {err:?}");
        assert!(!err.contains("panicked"), "{what}: {err:?}");
    }
    for (input, what) in [
        ("not json\n", "malformed line"),
        ("{\"claim\": \"x\"}\n", "missing field"),
    ] {
        let o = run_stdin(&["stance"], input);
        assert_eq!(o.status.code(), Some(2), "{what}: {}", stderr(&o));
        assert!(stderr(&o).contains("line 1"), "{what}: {}", stderr(&o));
    }
}

#[test]
fn synth_writes_a_deterministic_corpus_and_page() {
    let dir = Scratch::new("synth");
    let path = |name: &str| dir.0.join(name).to_str().unwrap().to_string();
    let synth = |seed: &str, sentences: &str, tag: &str| {
        let (corpus, page) = (path(&format!("c{tag}.json")), path(&format!("p{tag}.txt")));
        let o = run(&[
            "synth",
            "--sentences",
            sentences,
            "--seed",
            seed,
            "-o",
            &corpus,
            "--page-words",
            "400",
            "--page-out",
            &page,
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        (
            std::fs::read_to_string(&corpus).unwrap(),
            std::fs::read_to_string(&page).unwrap(),
        )
    };
    // (seed, sentences): the same arguments give the same bytes; another seed, other bytes.
    let cases = [("1", "200"), ("2", "200"), ("3", "1000")];
    let mut seen = Vec::new();
    for (seed, sentences) in cases {
        let (corpus, page) = synth(seed, sentences, &format!("{seed}a"));
        assert_eq!(
            (corpus.clone(), page.clone()),
            synth(seed, sentences, &format!("{seed}b")),
            "seed {seed}: deterministic"
        );
        let v: serde_json::Value = serde_json::from_str(&corpus).unwrap();
        let sources = v["sources"].as_array().unwrap();
        assert!(sources.len() >= 3, "seed {seed}");
        assert!(
            sources
                .iter()
                .all(|s| s["id"].is_string() && s["text"].is_string()),
            "seed {seed}"
        );
        assert!(page.split_whitespace().count() >= 400, "seed {seed}");
        assert!(
            !seen.contains(&corpus),
            "seed {seed}: differs from the others"
        );
        seen.push(corpus);
    }
    // The page is on the corpus's stories: checking it finds confirmations and contradictions.
    let o = run(&[
        "check",
        &path("p3a.txt"),
        "--sources",
        &path("c3a.json"),
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    for verdict in ["confirmed", "contradicted", "unique"] {
        assert!(
            report["summary"][verdict].as_u64().unwrap() > 0,
            "{verdict}: {}",
            report["summary"]
        );
    }
    // Without --page-out there is no page; zero sentences is bad input.
    let o = run(&["synth", "--sentences", "0", "-o", &path("zero.json")]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).starts_with("corroborate: "));
}

/// Runs `args` with stdout a pipe whose read end is closed before anything is written.
fn run_into_closed_pipe(args: &[&str]) -> Output {
    let mut child = bin()
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn corroborate");
    drop(child.stdout.take());
    child.wait_with_output().unwrap()
}

#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    let story = demo();
    let story = story.to_str().unwrap();
    let page = first_demo_page();
    let page = page.to_str().unwrap();
    let cases: &[(&str, Vec<&str>)] = &[
        ("corpus to stdout", vec!["corpus", story, "-o", "-"]),
        ("check text", vec!["check", page, "--sources", story]),
        (
            "check json",
            vec!["check", page, "--sources", story, "--format", "json"],
        ),
        (
            "synth to stdout",
            vec!["synth", "--sentences", "2000", "-o", "-"],
        ),
    ];
    for (what, args) in cases {
        let o = run_into_closed_pipe(args);
        let err = stderr(&o);
        assert_ne!(o.status.code(), Some(101), "{what}: {err}");
        assert!(!err.contains("panicked"), "{what}: {err}");
        assert_eq!(o.status.code(), Some(0), "{what}: {err}");
    }
}

#[cfg(unix)]
#[test]
fn only_regular_files_are_read_and_size_is_capped() {
    let dir = Scratch::new("special");
    let good = dir.file(
        "good.txt",
        b"Officials said five people were injured in Lyon on Monday.",
    );
    let fifo = dir.0.join("page.txt");
    let made = Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    let zero = dir.0.join("zero.txt");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    let linked = dir.0.join("linked.txt");
    std::os::unix::fs::symlink(&good, &linked).unwrap();
    let folder = dir.0.join("folder.txt");
    std::fs::create_dir_all(&folder).unwrap();
    let p = |p: &PathBuf| p.to_str().unwrap().to_string();
    let check = |page: &PathBuf, source: &PathBuf| {
        vec!["check".into(), p(page), "--sources".into(), p(source)]
    };
    let with_cap = |mut args: Vec<String>, cap: &str| {
        args.extend(["--max-file-bytes".into(), cap.into()]);
        args
    };
    let cases: Vec<(&str, Vec<String>, &str)> = vec![
        ("FIFO as the page", check(&fifo, &good), "FIFO"),
        ("FIFO as a source", check(&good, &fifo), "FIFO"),
        (
            "symlink to /dev/zero as the page",
            check(&zero, &good),
            "device",
        ),
        (
            "symlink to /dev/zero as a source",
            check(&good, &zero),
            "device",
        ),
        ("folder as the page", check(&folder, &good), "folder"),
        (
            "page over the cap",
            with_cap(check(&good, &linked), "10"),
            "limit of 10 bytes",
        ),
        (
            "source over the cap",
            with_cap(check(&linked, &good), "10"),
            "limit of 10 bytes",
        ),
        (
            "corpus of a FIFO",
            vec!["corpus".into(), p(&fifo), "-o".into(), "-".into()],
            "FIFO",
        ),
    ];
    for (what, args, says) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        // A FIFO opened for reading would wait for a writer: the test would hang, not fail.
        let o = run(&args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{what}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{what}: {err:?}");
        assert!(err.starts_with("corroborate: "), "{what}: {err:?}");
        assert!(err.contains(says), "{what}: {err:?}");
    }
    // A symlink to a regular file is followed; a cap the files fit under is fine.
    let o = run(&[
        "check",
        linked.to_str().unwrap(),
        "--sources",
        demo().to_str().unwrap(),
        "--max-file-bytes",
        "100000",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
}

/// Only the report's own SGR sequences: ESC followed by `[`, digits and semicolons, and `m`.
fn only_sgr(out: &str) -> bool {
    let mut rest = out;
    while let Some(i) = rest.find('\u{1b}') {
        let after = &rest[i + 1..];
        let Some(body) = after.strip_prefix('[') else {
            return false;
        };
        let n = body
            .find(|c: char| !(c.is_ascii_digit() || c == ';'))
            .unwrap_or(body.len());
        if !body[n..].starts_with('m') {
            return false;
        }
        rest = &body[n + 1..];
    }
    true
}

#[test]
fn control_characters_from_sources_do_not_reach_the_terminal() {
    let dir = Scratch::new("controls");
    let page = dir.file(
        "page.txt",
        b"Officials said five people were injured in the fire in Lyon on Monday.",
    );
    let sources = dir.0.join("sources");
    std::fs::create_dir_all(&sources).unwrap();
    std::fs::write(
        sources.join("evil.txt"),
        "Title: Fire \x1b]0;owned\x07 in Lyon\nOutlet: The \x1b[2J\x1b]0;owned\x07Post \u{202e}kcab\n\n\
         Officials said five \x1b[2J people were injured in the \x1b]0;owned\x07 fire in Lyon on Monday.\n",
    )
    .unwrap();
    std::fs::write(
        sources.join("wire.html"),
        "<html><head><meta property=\"og:site_name\" content=\"Wire&#x1b;]0;owned&#x07;\"></head>\
         <body><p>Officials said five people were hurt in the &#x1b;[2J fire in Lyon on Monday.</p></body></html>",
    )
    .unwrap();
    let (page, sources) = (page.to_str().unwrap(), sources.to_str().unwrap());
    let cases: &[(&str, &str)] = &[("never", "no ESC at all"), ("always", "only SGR")];
    for (color, what) in cases {
        let o = run(&["check", page, "--sources", sources, "--color", color]);
        assert!(o.status.success(), "{what}: {}", stderr(&o));
        let out = String::from_utf8(o.stdout).unwrap();
        assert!(out.contains("five"), "{what}: the evidence is shown: {out}");
        assert!(!out.contains('\u{7}'), "{what}: no BEL: {out:?}");
        assert!(
            !out.contains('\u{202e}'),
            "{what}: no bidi override: {out:?}"
        );
        if *color == "never" {
            assert!(!out.contains('\u{1b}'), "{what}: {out:?}");
        } else {
            assert!(out.contains('\u{1b}'), "{what}: colour is on: {out:?}");
            assert!(only_sgr(&out), "{what}: {out:?}");
        }
        assert!(out.contains('\u{241b}'), "{what}: ESC is shown as ␛: {out}");
    }
}

#[test]
fn the_page_is_skipped_by_path_or_text_not_by_file_name() {
    let dir = Scratch::new("same-name");
    let a = dir.0.join("a");
    let b = dir.0.join("b");
    std::fs::create_dir_all(&a).unwrap();
    std::fs::create_dir_all(&b).unwrap();
    let page_text = "Officials said five people were injured in the fire in Lyon on Monday.";
    std::fs::write(a.join("story.txt"), page_text).unwrap();
    std::fs::write(
        b.join("story.txt"),
        "Officials said nine people were injured in the fire in Lyon on Monday.",
    )
    .unwrap();
    std::fs::write(
        a.join("wire.txt"),
        "Officials said nine people were injured in the fire in Lyon on Monday.",
    )
    .unwrap();
    let copy = dir.0.join("copy");
    std::fs::create_dir_all(&copy).unwrap();
    std::fs::write(copy.join("copy.txt"), page_text).unwrap();
    let page = a.join("story.txt");
    let s = |p: &Path| p.to_str().unwrap().to_string();
    type Case<'a> = (&'a str, Vec<String>, &'a [&'a str], &'a [&'a str]);
    let cases: Vec<Case> = vec![
        (
            "a source with the page's file name in another folder is compared",
            vec![s(&b)],
            &["contradicted"],
            &["skipped:"],
        ),
        (
            "the page's own file among the sources is skipped and said so",
            vec![s(&a)],
            &["contradicted", "skipped: story (the page itself)"],
            &[],
        ),
        (
            "a source with the page's text is skipped and said so",
            vec![s(&copy), s(&b)],
            &["contradicted", "skipped: copy (the page itself)"],
            &[],
        ),
    ];
    for (what, sources, has, lacks) in cases {
        let mut args = vec!["check".to_string(), s(&page), "--sources".into()];
        args.extend(sources);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = run(&args);
        assert!(o.status.success(), "{what}: {}", stderr(&o));
        let out = String::from_utf8(o.stdout).unwrap();
        for h in has {
            assert!(out.contains(h), "{what}: {h:?} expected in {out}");
        }
        for l in lacks {
            assert!(!out.contains(l), "{what}: {l:?} not expected in {out}");
        }
    }
}

#[test]
fn the_text_report_says_what_was_compared_explains_the_score_once_and_keeps_its_spacing() {
    let page = demo().join("harbour-herald.txt");
    let o = run(&[
        "check",
        page.to_str().unwrap(),
        "--sources",
        demo().to_str().unwrap(),
        "--color",
        "never",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8(o.stdout).unwrap();
    let mut lines = out.lines();
    let first = lines.next().unwrap_or("");
    assert!(
        first.contains("claims against 3 sources: ")
            && first.contains("Coastline News")
            && first.contains("Northern Wire"),
        "{first}"
    );
    assert_eq!(
        lines.next(),
        Some("skipped: harbour-herald (the page itself)")
    );
    assert_eq!(
        out.matches("score: ").count(),
        1,
        "the score is explained once: {out}"
    );
    // The page's glyphs, not the old ones.
    for glyph in [
        "✓ confirmed",
        "✗ contradicted",
        "± disputed",
        "◇ unique to this page",
    ] {
        assert!(out.contains(glyph), "{glyph} in {out}");
    }
    for old in ['✔', '✘', '⚠', '○'] {
        assert!(!out.contains(old), "{old} in {out}");
    }
    // A marked run is never glued to the word before it.
    for line in out.lines() {
        for mark in ["[-", "{+"] {
            for (i, _) in line.match_indices(mark) {
                let before = line[..i].chars().last();
                assert!(
                    before.is_none_or(|c| c.is_whitespace()),
                    "a run glued to the text before it: {line}"
                );
            }
        }
    }
}

#[test]
fn checking_against_no_usable_source_is_an_error() {
    let dir = Scratch::new("no-usable-source");
    let page = dir.file(
        "page.txt",
        b"Officials said five people were injured in Lyon on Monday.",
    );
    let copy = dir.file(
        "copy.txt",
        b"Officials said five people were injured in Lyon on Monday.",
    );
    type Case<'a> = (&'a str, Vec<&'a Path>, &'a str);
    let cases: Vec<Case> = vec![
        (
            "the page's own file only",
            vec![page.as_path()],
            "the only source given is the page itself",
        ),
        (
            "the page's file and a copy of its text",
            vec![page.as_path(), copy.as_path()],
            "all 2 sources given are the page itself",
        ),
    ];
    for (what, sources, says) in cases {
        for format in ["text", "json", "html"] {
            let mut args = vec![
                "check",
                page.to_str().unwrap(),
                "--format",
                format,
                "--sources",
            ];
            args.extend(sources.iter().map(|p| p.to_str().unwrap()));
            let o = run(&args);
            let err = stderr(&o);
            assert_eq!(o.status.code(), Some(2), "{what} ({format}): {err}");
            assert!(o.stdout.is_empty(), "{what} ({format}): no report");
            assert_eq!(err.trim_end().lines().count(), 1, "{what}: {err:?}");
            assert!(
                err.starts_with("corroborate: no sources to compare"),
                "{what}: {err:?}"
            );
            assert!(err.contains(says), "{what}: {err:?}");
        }
    }
}

#[test]
fn the_html_report_is_self_contained_and_keeps_hostile_text_as_text() {
    let dir = Scratch::new("html-report");
    let page = dir.file(
        "page.html",
        b"<title>Fire &lt;script&gt;alert(1)&lt;/script&gt; in Lyon</title>\
          <p>Officials said five people were injured in the fire in Lyon on Monday \
          &lt;img src=x onerror=alert(1)&gt;.</p>",
    );
    let source = dir.file(
        "wire.json",
        br#"{"id": "wire", "outlet": "<img src=x onerror=alert(2)>", "title": "\"><script>alert(3)</script>",
            "url": "javascript:alert(4)",
            "text": "Officials said nine people were injured in the fire in Lyon on Monday <b onclick=alert(5)>x</b>."}"#,
    );
    let linked = dir.file(
        "post.json",
        br#"{"id": "post", "outlet": "The Post", "url": "https://post.example/fire?a=1&b=2",
            "text": "Five people were injured in the fire in Lyon on Monday, officials said."}"#,
    );
    let o = run(&[
        "check",
        page.to_str().unwrap(),
        "--format",
        "html",
        "--sources",
        source.to_str().unwrap(),
        linked.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = String::from_utf8(o.stdout).unwrap();
    assert!(html.starts_with("<!doctype html>"), "{html}");
    assert!(
        html.contains("content=\"default-src 'none';"),
        "a CSP that forbids any fetch"
    );
    // Nothing loads from anywhere: no script, no external style, image or frame.
    for tag in [
        "<script",
        "<img",
        "<iframe",
        "<link",
        "<b onclick",
        "<object",
    ] {
        assert!(!html.to_lowercase().contains(tag), "{tag} in the report");
    }
    assert!(
        html.contains("&lt;img src=x onerror=alert(2)&gt;"),
        "the outlet stays text"
    );
    assert!(
        html.contains("&lt;script&gt;alert(3)&lt;/script&gt;"),
        "the title stays text"
    );
    // Read as a browser shows it (the report's own tags dropped, entities decoded), the
    // source's sentence is there as text.
    let shown = {
        let mut out = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' if in_tag => in_tag = false,
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&")
    };
    // (The sentence is shown with the page's differing words struck through where they stand.)
    assert!(
        shown.contains("b onclick=alert(") && shown.contains(")>x</b>."),
        "the source's text stays text: {shown}"
    );
    assert!(
        shown.contains("Monday <img src=x onerror=alert(1)>."),
        "the page's text stays text"
    );
    assert!(
        !html.contains("javascript:"),
        "a javascript: URL is never a link"
    );
    assert!(
        html.contains("href=\"https://post.example/fire?a=1&amp;b=2\""),
        "an http(s) source links, escaped"
    );
    // The run's facts: what was compared, the version, the date.
    assert!(html.contains("claim against 2 sources: "), "{html}");
    assert!(html.contains(concat!("corroborate ", env!("CARGO_PKG_VERSION"))));
    assert!(html.contains("<time datetime=\""));
    assert!(html.contains("@media print"));
    assert!(html.contains("id=\"claim-1\""));
}

#[test]
fn long_work_shows_plain_progress_lines_when_not_a_terminal_and_none_when_quiet() {
    let dir = Scratch::new("progress");
    let out = dir.0.join("corpus.json");
    let demo = demo();
    let args = [
        "corpus",
        demo.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ];
    let o = run(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    // stderr is a pipe here: a line at each tenth of the files, the last one at 100%.
    let lines: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with("reading sources: "))
        .collect();
    assert!(!lines.is_empty(), "{err}");
    assert!(
        lines
            .last()
            .is_some_and(|l| l.starts_with("reading sources: 100% (")),
        "{err}"
    );
    assert!(!err.contains('\u{1b}'), "no bar drawn into a pipe: {err:?}");
    let mut quiet = args.to_vec();
    quiet.push("--quiet");
    let o = run(&quiet);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("reading sources"), "{}", stderr(&o));
}

/// A page whose story has no sources: the no-coverage line, exit 0; the JSON has no story and
/// no claims but counts the sources; `--all-sources` checks it against every source.
#[test]
fn a_page_without_coverage_says_so_and_all_sources_compares_anyway() {
    let unrelated = demo().join("../unrelated.txt");
    let (page, sources) = (unrelated.to_str().unwrap(), demo());
    let sources = sources.to_str().unwrap();
    let o = run(&["check", page, "--sources", sources, "--color", "never"]);
    assert!(o.status.success(), "exit {:?}: {}", o.status, stderr(&o));
    let out = String::from_utf8(o.stdout).unwrap();
    let first = out.lines().next().unwrap_or("");
    assert!(
        first.ends_with(": No coverage of this story among your 4 sources."),
        "{first}"
    );
    assert!(out.contains("--all-sources"), "{out}");
    assert!(!out.contains("unique to this page"), "{out}");
    let o = run(&["check", page, "--sources", sources, "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert!(json["story"].is_null(), "{json}");
    assert_eq!(json["claims"].as_array().map(Vec::len), Some(0));
    assert_eq!(json["summary"]["sources"], 0);
    assert_eq!(json["summary"]["available"], 4);
    let o = run(&["check", page, "--sources", sources, "--format", "html"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = String::from_utf8(o.stdout).unwrap();
    assert!(html.contains("No coverage of this story among your 4 sources"));
    // --all-sources: every source compared, every claim unique to this page.
    let o = run(&[
        "check",
        page,
        "--sources",
        sources,
        "--all-sources",
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert!(json["story"].is_null());
    assert_eq!(json["summary"]["sources"], 4);
    let claims = json["claims"].as_array().unwrap();
    assert!(!claims.is_empty());
    assert!(claims.iter().all(|c| c["verdict"] == "unique"), "{json}");
    let o = run(&[
        "check",
        page,
        "--sources",
        sources,
        "--all-sources",
        "--color",
        "never",
    ]);
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(
        out.lines()
            .next()
            .unwrap_or("")
            .contains("claims against 4 sources: "),
        "{out}"
    );
    // A single source: "1 source".
    let one = demo().join("harbour-herald.txt");
    let o = run(&[
        "check",
        page,
        "--sources",
        one.to_str().unwrap(),
        "--color",
        "never",
    ]);
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(
        out.contains("No coverage of this story among your 1 source."),
        "{out}"
    );
}

/// A page of the story: its JSON names the story and counts what was compared, and the text
/// report's first line names the story after the sources.
#[test]
fn a_page_of_the_story_names_it() {
    let page = demo().join("coastline-news.md");
    let (json, text) = check_json_and_text(&page, &demo());
    let story = &json["story"];
    assert!(
        story["id"]
            .as_str()
            .is_some_and(|id| id.starts_with("auto:")),
        "{json}"
    );
    let label = story["label"].as_str().unwrap_or("");
    assert!(label.contains("Caldmoor"), "{label}");
    assert_eq!(json["summary"]["sources"], 3);
    assert_eq!(json["summary"]["available"], 3);
    let first = text.lines().next().unwrap_or("");
    assert!(
        first.contains("claims against 3 sources: ")
            && first.ends_with(&format!("; story: {label}.")),
        "{first}"
    );
}
