//! `corroborate index`: the folder it writes, `check --sources DIR` through it, adding to and
//! merging indexes, and one clear line with exit code 2 for a damaged index.

// Native only: runs the CLI.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn run(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_corroborate"))
        .args(args)
        .output()
        .expect("run corroborate")
}

fn ok(args: &[&std::ffi::OsStr]) -> Output {
    let o = run(args);
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

macro_rules! args {
    ($($a:expr),* $(,)?) => { &[$(std::ffi::OsStr::new($a)),*] };
}

mod common;
use common::Scratch;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn demo_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo().join("demo/story"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    files
}

fn shards(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir.join("s"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn check_through_an_index_gives_the_report_of_its_files() {
    let s = Scratch::new("check");
    let ix = s.0.join("ix");
    let story = repo().join("demo/story");
    let unrelated = repo().join("demo/unrelated.txt");
    let o = ok(args!["--quiet", "index", &story, &unrelated, "-o", &ix]);
    let said = stderr(&o);
    assert!(said.contains("5 sources in 2 stories, "), "{said}");
    assert!(
        said.contains("(100.0% of the shards; 1 of the packs)"),
        "{said}"
    );
    for page in demo_files() {
        for format in ["json", "text"] {
            let direct = ok(args![
                "check",
                &page,
                "--sources",
                &story,
                &unrelated,
                "--format",
                format,
                "--color",
                "never"
            ]);
            let indexed = ok(args![
                "check",
                &page,
                "--sources",
                &ix,
                "--format",
                format,
                "--color",
                "never"
            ]);
            assert_eq!(
                String::from_utf8_lossy(&direct.stdout),
                String::from_utf8_lossy(&indexed.stdout),
                "{} as {format}",
                page.display()
            );
        }
    }
}

#[test]
fn a_rebuild_rewrites_only_what_changed_and_prune_removes_the_rest() {
    let s = Scratch::new("add");
    let ix = s.0.join("ix");
    let files = demo_files();
    let unrelated = repo().join("demo/unrelated.txt");
    ok(args![
        "--quiet", "index", &files[0], &files[1], &unrelated, "-o", &ix
    ]);
    let before = shards(&ix);
    // Add a source to the index (the index is one of the inputs, and the output).
    let o = ok(args!["--quiet", "index", &ix, &files[2], "-o", &ix]);
    let said = stderr(&o);
    // The pack of the ferry story is new, and so are the tables.
    assert!(said.contains("4 sources in 2 stories, "), "{said}");
    assert!(said.contains("of the shards; 1 of the packs)"), "{said}");
    let after = shards(&ix);
    assert!(
        after.len() > before.len(),
        "the old shards stay without --prune"
    );
    assert!(before.iter().all(|b| after.contains(b)));
    let manifest = std::fs::read_to_string(ix.join("manifest.json")).unwrap();
    let manifest: serde_json::Value = serde_json::from_str(&manifest).unwrap();
    let parts = manifest["parts"].as_object().unwrap();
    let named = manifest["packs"].as_array().unwrap().len()
        + parts
            .values()
            .map(|p| p.as_array().unwrap().len())
            .sum::<usize>();
    // Nothing changed: nothing written but the manifest.
    let o = ok(args!["--quiet", "index", &ix, "-o", &ix, "--prune"]);
    let said = stderr(&o);
    assert!(
        said.contains(" 0 new (0.0% of the shards; 0 of the packs)"),
        "{said}"
    );
    assert!(
        said.contains(&format!("{} old shards removed", after.len() - named)),
        "{said}"
    );
    assert_eq!(shards(&ix).len(), named);
}

#[test]
fn indexes_of_batches_merge_into_the_index_of_all() {
    let s = Scratch::new("merge");
    let files = demo_files();
    let unrelated = repo().join("demo/unrelated.txt");
    let (a, b, all, merged) = (
        s.0.join("a"),
        s.0.join("b"),
        s.0.join("all"),
        s.0.join("merged"),
    );
    ok(args!["--quiet", "index", &files[0], &files[1], "-o", &a]);
    ok(args![
        "--quiet", "index", &files[2], &files[3], &unrelated, "-o", &b
    ]);
    ok(args![
        "--quiet", "index", &files[0], &files[1], &files[2], &files[3], &unrelated, "-o", &all
    ]);
    ok(args!["--quiet", "index", &a, &b, "-o", &merged]);
    let manifest = |d: &Path| std::fs::read(d.join("manifest.json")).unwrap();
    assert_eq!(manifest(&merged), manifest(&all));
    assert_eq!(shards(&merged), shards(&all));
    // Two batches holding one source is the error it is for files.
    let o = run(args!["--quiet", "index", &a, &a, "-o", &s.0.join("twice")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("two sources have the id"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_damaged_index_is_one_clear_line_and_exit_code_2() {
    let s = Scratch::new("damage");
    let ix = s.0.join("ix");
    let page = &demo_files()[0];
    ok(args![
        "--quiet",
        "index",
        &repo().join("demo/story"),
        "-o",
        &ix
    ]);
    // A pack of sources (what the whole index's reader reads).
    let manifest = std::fs::read_to_string(ix.join("manifest.json")).unwrap();
    let manifest: serde_json::Value = serde_json::from_str(&manifest).unwrap();
    let file = format!("s/{}.bin", manifest["packs"][0][0].as_str().unwrap());
    let shard = ix.join(&file);
    let good = std::fs::read(&shard).unwrap();
    let check = || run(args!["check", page, "--sources", &ix]);
    let fails_with = |says: &str| {
        let o = check();
        assert_eq!(o.status.code(), Some(2), "{says}");
        let err = stderr(&o);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(says), "{says}: {err}");
        assert!(o.stdout.is_empty());
    };
    std::fs::write(&shard, &good[..good.len() / 2]).unwrap();
    fails_with("truncated");
    let mut flipped = good.clone();
    let last = flipped.len() - 1;
    flipped[last] ^= 0x20;
    std::fs::write(&shard, &flipped).unwrap();
    fails_with("corrupt (its checksum does not match)");
    std::fs::remove_file(&shard).unwrap();
    fails_with("is missing");
    std::fs::write(&shard, &good).unwrap();
    let manifest = ix.join("manifest.json");
    let text = std::fs::read_to_string(&manifest).unwrap();
    let version = corroborate::store::VERSION;
    let stamped = format!("\"version\": {version}");
    assert!(text.contains(&stamped), "{text}");
    std::fs::write(&manifest, text.replace(&stamped, "\"version\": 7")).unwrap();
    fails_with(&format!(
        "format version 7; this corroborate reads version {version}"
    ));
    std::fs::write(&manifest, &text).unwrap();
    assert!(check().status.success());
}

#[test]
fn index_shows_its_progress_as_plain_lines_in_a_pipe_and_none_when_quiet() {
    let s = Scratch::new("progress");
    let ix = s.0.join("ix");
    let story = repo().join("demo/story");
    let o = ok(args!["index", &story, "-o", &ix]);
    let err = stderr(&o);
    // stderr is a pipe here: a line at each tenth of the files, the last one at 100%, then
    // what was written.
    let lines: Vec<&str> = err.lines().collect();
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("reading sources: 100% (4 of 4)")),
        "{err}"
    );
    assert!(
        lines.last().is_some_and(|l| l.starts_with("wrote ")),
        "{err}"
    );
    assert!(!err.contains('\u{1b}'), "no bar drawn into a pipe: {err:?}");
    let o = ok(args!["--quiet", "index", &story, "-o", &ix]);
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "only what was written: {err}");
    assert!(err.starts_with("wrote "), "{err}");
}
