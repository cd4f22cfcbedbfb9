//! The stored index (`corroborate::store`): a corpus written as shards and read back gives the
//! same reports as the corpus itself (the demo story, the seeds, a synthetic corpus); a rebuild
//! after adding sources rewrites only the shards of the stories they touch; indexes built batch
//! by batch merge into the index of the whole; and no damage to a shard makes the reader panic.

// Native only: reads files (the browser tests are tests/web.rs).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use corroborate::store::{self, Built, Manifest};
use corroborate::{Corpus, Engine, ErrorKind, Source};
use std::collections::HashSet;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The index's corpus, read back through its manifest's JSON.
fn read_back(built: &Built) -> Corpus {
    let manifest = Manifest::from_json(&built.manifest.to_json()).expect("manifest reads");
    store::read(&manifest, &mut |shard| {
        let (_, bytes) = built
            .shards
            .iter()
            .find(|(s, _)| s.file == shard.file)
            .expect("listed shard");
        Ok(bytes.clone())
    })
    .expect("index reads")
}

/// Every source of `corpus` checked as a page against the rest, through the corpus itself and
/// through its index: the same reports.
fn same_reports(corpus: &Corpus) {
    let read = read_back(&store::build(corpus).expect("index builds"));
    assert_eq!(&read, corpus);
    let direct = Engine::new(corpus.clone()).expect("engine");
    let indexed = Engine::new(read).expect("engine of the index");
    for page in &corpus.sources {
        let a = direct
            .check_excluding(&page.text, Some(&page.id))
            .expect("check");
        let b = indexed
            .check_excluding(&page.text, Some(&page.id))
            .expect("check through the index");
        let json = |r: &corroborate::Report| serde_json::to_string(r).expect("report JSON");
        assert_eq!(json(&a), json(&b), "page {}", page.id);
    }
}

#[test]
fn the_demo_story_reads_back_with_the_same_reports() {
    let mut corpus =
        corroborate_cli::read::load_corpus(&[root().join("demo/story")]).expect("demo story");
    corpus.sources.extend(
        corroborate_cli::read::load_path(&root().join("demo/unrelated.txt")).expect("unrelated"),
    );
    same_reports(&corpus);
}

#[test]
fn the_seeds_read_back_with_the_same_reports() {
    let Some(seeds) = common::seeds() else { return };
    let corpus = Corpus {
        sources: seeds
            .into_iter()
            .map(|(id, text)| Source::new(&id, &text))
            .collect(),
    };
    same_reports(&corpus);
}

#[test]
fn text_in_every_script_and_every_optional_field_survives() {
    let mut full = Source::new(
        "é/🦀",
        "Rain fell in Kyōto 東京 on Monday.\r\nThe e\u{301}cole shut.",
    );
    full.title = Some("Rain in Kyōto".into());
    full.outlet = Some("Wire".into());
    full.url = Some("https://wire.example/a?b=1".into());
    full.published = Some("2025-11-19".into());
    full.story = Some("Kyōto rain".into());
    let bare = Source::new("bare", "Nothing else is known.");
    let corpus = Corpus {
        sources: vec![full, bare],
    };
    assert_eq!(read_back(&store::build(&corpus).unwrap()), corpus);
}

/// The synthetic corpus of the benches, in stories of three to six articles.
fn synth(sentences: usize) -> Corpus {
    corroborate_synth::corpus(7, sentences)
}

fn files(built: &Built) -> HashSet<String> {
    built
        .manifest
        .shards
        .iter()
        .map(|s| s.file.clone())
        .collect()
}

#[test]
fn the_same_corpus_gives_the_same_bytes() {
    let corpus = synth(3_000);
    let (a, b) = (
        store::build(&corpus).unwrap(),
        store::build(&corpus).unwrap(),
    );
    assert_eq!(a.manifest, b.manifest);
    assert_eq!(a.shards, b.shards);
    assert_eq!(a.manifest.sources as usize, corpus.sources.len());
    assert!(a.manifest.stories > 20, "{} stories", a.manifest.stories);
}

/// Adding the newest sources (a day of articles, appended to the archive) rewrites the shards
/// of the stories they join or start, not the others.
#[test]
fn adding_sources_rewrites_only_the_shards_of_their_stories() {
    let all = synth(20_000);
    let n = all.sources.len();
    let day = n / 50;
    let base = Corpus {
        sources: all.sources[..n - day].to_vec(),
    };
    let before = files(&store::build(&base).unwrap());
    let after_built = store::build(&all).unwrap();
    let after = files(&after_built);
    let new = after.difference(&before).count();
    let share = new as f64 / after.len() as f64;
    println!(
        "index of {n} sources; adding the last {day}: {new} of {} shards new ({:.1}%)",
        after.len(),
        100.0 * share
    );
    assert!(new > 0);
    assert!(
        share < 0.08,
        "{:.1}% of the shards rewritten",
        100.0 * share
    );
    assert_eq!(read_back(&after_built), all);
}

/// Indexes built batch by batch (each by its own job), read back and built again as one, give
/// the index of the whole corpus, byte for byte.
#[test]
fn batches_merge_into_the_index_of_the_whole() {
    let all = synth(4_000);
    let half = all.sources.len() / 2;
    let parts: Vec<Corpus> = [&all.sources[..half], &all.sources[half..]]
        .iter()
        .map(|s| Corpus {
            sources: s.to_vec(),
        })
        .collect();
    let mut merged = Corpus::default();
    for part in &parts {
        merged
            .sources
            .extend(read_back(&store::build(part).unwrap()).sources);
    }
    let merged = store::build(&merged).unwrap();
    let whole = store::build(&all).unwrap();
    assert_eq!(merged.manifest, whole.manifest);
    assert_eq!(merged.shards, whole.shards);
}

#[test]
fn a_corpus_the_engine_refuses_is_refused() {
    let e = store::build(&Corpus::default()).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::NoSources);
    let twice = Corpus {
        sources: vec![Source::new("a", "One."), Source::new("a", "Two.")],
    };
    assert_eq!(store::build(&twice).unwrap_err().kind(), ErrorKind::Corpus);
}

/// Every damage to a shard is one clear error naming the shard, never a panic or a wrong
/// corpus: each byte flipped, each length cut, bytes added.
#[test]
fn a_damaged_shard_is_a_clear_error() {
    let corpus = Corpus {
        sources: vec![
            Source::new("a", "The ferry struck the pier on Tuesday evening."),
            Source::new("b", "A ferry hit the pier on Tuesday evening."),
        ],
    };
    let built = store::build(&corpus).unwrap();
    let (shard, bytes) = &built.shards[0];
    let decode = |b: &[u8]| store::decode_shard(shard, b);
    assert_eq!(decode(bytes).unwrap().len(), 2);
    let expect_error = |b: &[u8], what: &str| {
        let e = decode(b).expect_err(what);
        assert_eq!(e.kind(), ErrorKind::Index, "{what}");
        assert!(e.to_string().contains(&shard.file), "{what}: {e}");
        e.to_string()
    };
    for cut in 0..bytes.len() {
        expect_error(&bytes[..cut], &format!("cut at {cut}"));
    }
    assert!(expect_error(&bytes[..bytes.len() - 1], "cut").contains("truncated"));
    for at in 0..bytes.len() {
        for bit in [0x01u8, 0x80] {
            let mut b = bytes.clone();
            b[at] ^= bit;
            expect_error(&b, &format!("bit {bit:#x} of byte {at} flipped"));
        }
    }
    let mut longer = bytes.clone();
    longer.push(0);
    expect_error(&longer, "a byte added");
    // A well-formed shard that is not the one the manifest names.
    let other = &built.shards.get(1).unwrap_or(&built.shards[0]).1;
    let mut renamed = shard.clone();
    renamed.file = "s/0000000000000000.bin".into();
    assert!(store::decode_shard(&renamed, other)
        .unwrap_err()
        .to_string()
        .contains("checksum"));
}

#[test]
fn a_manifest_that_is_not_an_index_is_a_clear_error() {
    for (json, says) in [
        ("not json", "not JSON"),
        (r#"{"sources": []}"#, "not a corroborate index"),
        (
            r#"{"format":"corroborate-index","version":2,"sources":0,"stories":0,"shards":[]}"#,
            "version 2",
        ),
        (
            r#"{"format":"corroborate-index","version":1,"sources":3,"stories":1,"shards":[]}"#,
            "says 3 sources",
        ),
        (
            r#"{"format":"corroborate-index","version":1,"sources":1,"stories":1,"shards":[{"file":"s/../../x.bin","story":"a","sources":1,"bytes":1}]}"#,
            "not a shard's name",
        ),
    ] {
        let e = Manifest::from_json(json).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Index);
        assert!(e.to_string().contains(says), "{json}: {e}");
    }
}
