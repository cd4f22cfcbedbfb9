//! FNC-1 evaluation of the built-in stance model on the competition test split, the loader's
//! errors, and the determinism of training.
//!
//! The data is read at test time from `$CARGO_MANIFEST_DIR/../shared/data/fnc1`; without it
//! the tests print "skipping: ../shared not found" and pass, except under `CI=true`.
//!
//! The committed `model/stance.bin` is exactly what training on the full train split
//! produces (`cargo run --release -p corroborate-cli -- train fnc1 ../shared/data/fnc1`, about half a
//! minute); the ignored test `committed_model_is_reproducible` checks it:
//! `cargo test --release --test fnc1 -- --ignored`.

// Native only: reads files or runs the CLI (the browser tests are tests/web.rs).
#![cfg(not(target_arch = "wasm32"))]

use corroborate::{ErrorKind, Relation};
use corroborate_cli::fnc1::{self, Pair, Split};
use std::path::{Path, PathBuf};

mod common;

fn data_dir() -> Option<PathBuf> {
    common::shared("data/fnc1")
}

/// Floors just under the measured figures through the page's judgement (83.62%, 0.6619,
/// 0.352: docs/quality.md; before the article rule of `stance::in_article`, the tuning
/// through `settle` and the stronger L2 on hashed stance weights, 83.53%, 0.660, 0.343).
const MIN_RELATIVE: f64 = 83.6;
const MIN_MACRO_F1: f64 = 0.66;
const MIN_DISAGREE_F1: f64 = 0.35;

#[test]
fn competition_test_meets_the_floors() {
    let Some(dir) = data_dir() else { return };
    let pairs = fnc1::load(&dir, Split::Test).expect("loading the competition test split");
    assert_eq!(pairs.len(), 25_413);
    let report = fnc1::evaluate_stance(&pairs);
    println!("{report}");
    // evaluate_stance prepares each body once; it must agree with `stance` itself.
    let sample: Vec<Pair> = pairs.iter().step_by(97).cloned().collect();
    let direct = fnc1::evaluate(&sample, corroborate::stance);
    let cached = fnc1::evaluate_stance(&sample);
    assert_eq!(direct, cached, "stance and evaluate_stance disagree");
    assert!(
        report.relative >= MIN_RELATIVE,
        "relative score {:.2}% < {MIN_RELATIVE}%",
        report.relative
    );
    assert!(
        report.macro_f1 >= MIN_MACRO_F1,
        "macro-F1 {:.4} < {MIN_MACRO_F1}",
        report.macro_f1
    );
    assert!(
        report.f1[1] >= MIN_DISAGREE_F1,
        "disagree F1 {:.4} < {MIN_DISAGREE_F1}",
        report.f1[1]
    );
}

#[test]
fn loader_errors_are_typed() {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fnc1-loader");
    std::fs::create_dir_all(&tmp).expect("temp dir");
    let write = |name: &str, text: &str| std::fs::write(tmp.join(name), text).expect("write");
    // (stances file, bodies file, expected error kind, a word the message must contain)
    let cases = [
        (None, None, ErrorKind::Io, "competition_test_bodies.csv"),
        (
            None,
            Some("Body ID,articleBody\n1,text\n"),
            ErrorKind::Io,
            "competition_test_stances.csv",
        ),
        (
            Some("Headline,Body ID,Stance\nh,1,agree\n"),
            Some("Id,Body\n1,text\n"),
            ErrorKind::Data,
            "columns",
        ),
        (
            Some("Headline,Body ID,Stance\nh,2,agree\n"),
            Some("Body ID,articleBody\n1,text\n"),
            ErrorKind::Data,
            "body id 2",
        ),
        (
            Some("Headline,Body ID,Stance\nh,1,maybe\n"),
            Some("Body ID,articleBody\n1,text\n"),
            ErrorKind::Data,
            "maybe",
        ),
        (
            Some("Headline,Body ID,Stance\nh,x,agree\n"),
            Some("Body ID,articleBody\n1,text\n"),
            ErrorKind::Data,
            "bad body id",
        ),
    ];
    for (stances, bodies, kind, word) in cases {
        for (name, text) in [
            ("competition_test_stances.csv", stances),
            ("competition_test_bodies.csv", bodies),
        ] {
            match text {
                Some(t) => write(name, t),
                None => {
                    let _ = std::fs::remove_file(tmp.join(name));
                }
            }
        }
        let err = fnc1::load(&tmp, Split::Test).expect_err("should fail");
        assert_eq!(err.kind(), kind, "{stances:?} / {bodies:?}: {err}");
        assert!(
            err.message().contains(word),
            "{err} should mention {word:?}"
        );
    }
    write(
        "competition_test_stances.csv",
        "Headline,Body ID,Stance\n\"a, b\",1,disagree\n",
    );
    write(
        "competition_test_bodies.csv",
        "Body ID,articleBody\n1,\"two\nlines\"\n",
    );
    let pairs = fnc1::load(&tmp, Split::Test).expect("valid files");
    assert_eq!(pairs.len(), 1);
    assert_eq!(
        (
            pairs[0].claim.as_str(),
            &*pairs[0].body,
            pairs[0].body_id,
            pairs[0].gold
        ),
        ("a, b", "two\nlines", 1, Relation::Contradicts)
    );
}

/// A small, fixed subset of the train split: every 25th body.
fn subset(pairs: &[Pair]) -> Vec<Pair> {
    pairs
        .iter()
        .filter(|p| p.body_id % 25 == 0)
        .cloned()
        .collect()
}

#[test]
fn training_is_deterministic() {
    let Some(dir) = data_dir() else { return };
    let pairs = subset(&fnc1::load(&dir, Split::Train).expect("loading the train split"));
    assert!(pairs.len() > 1000, "{} pairs", pairs.len());
    let (a, report) = fnc1::train_pairs(&pairs, &mut |_| {});
    let (b, _) = fnc1::train_pairs(&pairs, &mut |_| {});
    assert!(
        a == b,
        "two trainings on the same data gave different bytes"
    );
    assert!(a.len() < 100_000, "model of {} bytes", a.len());
    assert_eq!(report.pairs, pairs.len());
}

#[test]
fn minimal_pairs_are_deterministic_one_word_swaps() {
    let Some(dir) = data_dir() else { return };
    let pairs = subset(&fnc1::load(&dir, Split::Train).expect("loading the train split"));
    let a = fnc1::minimal_pairs(&pairs);
    let b = fnc1::minimal_pairs(&pairs);
    assert_eq!(fnc1::minimal_pairs_tsv(&a), fnc1::minimal_pairs_tsv(&b));
    assert!(a.len() > 50, "{} minimal pairs", a.len());
    for kind in fnc1::CONTRADICTING_SWAPS
        .iter()
        .chain(&fnc1::PARAPHRASING_SWAPS)
    {
        assert!(a.iter().any(|m| m.kind == *kind), "no {kind} pair");
    }
    for m in &a {
        let contradicting = fnc1::CONTRADICTING_SWAPS.contains(&m.kind);
        assert_ne!(m.pair.claim, m.original, "{m:?}");
        // One word replaced: the same number of words, all but one unchanged.
        let old: Vec<&str> = m.original.split_whitespace().collect();
        let new: Vec<&str> = m.pair.claim.split_whitespace().collect();
        assert_eq!(old.len(), new.len(), "{m:?}");
        assert_eq!(
            old.iter().zip(&new).filter(|(x, y)| x != y).count(),
            1,
            "{m:?}"
        );
        if contradicting {
            assert_eq!(m.pair.gold, Relation::Contradicts, "{m:?}");
        } else {
            assert!(
                matches!(m.pair.gold, Relation::Confirms | Relation::Contradicts),
                "{m:?}"
            );
        }
    }
}

#[test]
#[ignore = "retrains on the full train split: run with --release -- --ignored"]
fn committed_model_is_reproducible() {
    let Some(dir) = data_dir() else { return };
    let bytes = fnc1::train(&dir).expect("training");
    let committed = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("model/stance.bin"))
        .expect("model/stance.bin");
    assert!(
        bytes == committed,
        "model/stance.bin differs from a fresh training: retrain and commit it"
    );
}

/// The counter-claim stand-in (`corroborate eval fnc1-counter`, docs/quality.md): the agree
/// headlines of the competition test and their one-word swaps. Ceilings and floors just
/// around the measured shares, as written (54.1% of the headlines confirmed, 41.4% of the
/// counter-claims) and as sentences (15.5%, 8.1%; antonym swaps 1.7%), and against the three
/// sentences of the article closest to each headline (53.9%, 41.1%; as sentences 11.5%, 3.6%,
/// antonym swaps 1.1%).
#[test]
fn counter_claims_stay_where_measured() {
    let Some(dir) = data_dir() else { return };
    let pairs = fnc1::load(&dir, Split::Test).expect("loading the competition test split");
    let as_sentence = |c: &str, b: &str| corroborate::stance(&format!("{c}."), b);
    let written = fnc1::counter_claims(&pairs, None, corroborate::stance);
    let sentences = fnc1::counter_claims(&pairs, None, as_sentence);
    let evidence = fnc1::counter_claims(&pairs, Some(3), corroborate::stance);
    let evidence_sentences = fnc1::counter_claims(&pairs, Some(3), as_sentence);
    println!("as written:\n{written}\nas sentences:\n{sentences}");
    println!("against 3 sentences:\n{evidence}\nas sentences:\n{evidence_sentences}");
    let share = |c: [usize; 4]| c[0] as f64 / c.iter().sum::<usize>().max(1) as f64;
    for (name, report, min_true, max_counter, max_antonym) in [
        ("as written", &written, 0.53, 0.42, 0.30),
        ("as sentences", &sentences, 0.15, 0.082, 0.02),
        ("against 3 sentences", &evidence, 0.53, 0.42, 0.31),
        (
            "against 3 sentences, as sentences",
            &evidence_sentences,
            0.11,
            0.037,
            0.015,
        ),
    ] {
        let (t, c, a) = (
            report.confirmed("original"),
            share(report.counter_claims()),
            report.confirmed("antonym"),
        );
        assert!(
            t >= min_true,
            "{name}: headlines confirmed {t:.3} < {min_true}"
        );
        assert!(
            c <= max_counter,
            "{name}: counter-claims confirmed {c:.3} > {max_counter}"
        );
        assert!(
            a <= max_antonym,
            "{name}: antonym swaps confirmed {a:.3} > {max_antonym}"
        );
    }
}
