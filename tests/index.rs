//! The stored index (`corroborate::store`): a corpus written as shards and read back, whole or
//! lazily a page at a time, gives the same reports as the corpus itself (the demo story, the
//! seeds, a synthetic corpus); a rebuild after adding sources rewrites only the packs of the
//! stories they touch; indexes built batch by batch merge into the index of the whole; and no
//! damage to a shard makes the reader panic.

// Native only: reads files (the browser tests are tests/web.rs).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use corroborate::store::{self, Built, Kind, Lazy, Manifest};
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

fn bytes_of<'b>(built: &'b Built, file: &str) -> &'b [u8] {
    &built
        .shards
        .iter()
        .find(|(s, _)| s.file == file)
        .expect("a shard the manifest lists")
        .1
}

/// A page checked through the lazy reader: the report, and the rounds of fetching it took.
fn lazily(lazy: &mut Lazy, built: &Built, page: &str, exclude: Option<&str>) -> (String, usize) {
    let mut rounds = 0;
    loop {
        let wanted = lazy.wants(page, exclude).expect("wants");
        if wanted.is_empty() {
            break;
        }
        rounds += 1;
        assert!(rounds <= 3, "more than three rounds of fetching");
        for file in wanted {
            lazy.add(&file, bytes_of(built, &file)).expect("shard adds");
        }
    }
    let report = lazy.check(page, exclude).expect("lazy check");
    (json(&report), rounds)
}

fn json(r: &corroborate::Report) -> String {
    serde_json::to_string(r).expect("report JSON")
}

/// Every source of `corpus` checked as a page against the rest (and, for the lazy reader,
/// against all of them, which leaves it out by its text), through the corpus itself, through
/// its index read whole, and through its index read lazily: the same reports. Also each
/// page's first sentence alone (a short page, routed by the profiles that hold its words).
fn same_reports(corpus: &Corpus) {
    let built = store::build(corpus).expect("index builds");
    let read = read_back(&built);
    assert_eq!(&read, corpus);
    let direct = Engine::new(corpus.clone()).expect("engine");
    let indexed = Engine::new(read).expect("engine of the index");
    let manifest = Manifest::from_json(&built.manifest.to_json()).unwrap();
    let mut lazy = Lazy::new(manifest);
    for page in &corpus.sources {
        let first = page
            .text
            .split(". ")
            .next()
            .unwrap_or(&page.text)
            .to_string();
        for (text, exclude) in [
            (page.text.as_str(), Some(page.id.as_str())),
            (page.text.as_str(), None),
            (first.as_str(), None),
        ] {
            let a = direct.check_excluding(text, exclude).expect("check");
            let b = indexed
                .check_excluding(text, exclude)
                .expect("check through the index");
            assert_eq!(json(&a), json(&b), "page {} read whole", page.id);
            let (c, _) = lazily(&mut lazy, &built, text, exclude);
            assert_eq!(json(&a), c, "page {} ({exclude:?}) read lazily", page.id);
        }
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

/// A manifest's counts are input: one that claims four billion story terms makes a reader
/// that allocates nothing for them (the terms it reads are what it holds), and gives the
/// same report.
#[test]
fn a_manifest_s_counts_decide_no_allocation() {
    let corpus = corroborate_cli::read::load_corpus(&[root().join("demo/story")]).unwrap();
    let built = store::build(&corpus).unwrap();
    let engine = Engine::new(corpus.clone()).unwrap();
    let text = built.manifest.to_json();
    let claimed = format!("\"terms\": {}", built.manifest.terms);
    assert!(text.contains(&claimed), "{text}");
    let manifest = Manifest::from_json(&text.replace(&claimed, "\"terms\": 4000000000")).unwrap();
    let mut lazy = Lazy::new(manifest);
    let page = &corpus.sources[0].text;
    let (report, _) = lazily(&mut lazy, &built, page, Some(&corpus.sources[0].id));
    let direct = engine
        .check_excluding(page, Some(&corpus.sources[0].id))
        .unwrap();
    assert_eq!(json(&direct), report);
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

/// Adding the newest sources (a day of articles, appended to the archive) rewrites the packs
/// of the stories they join or start, not the others (the tables of the other kinds, a few
/// shards, are rewritten whole).
#[test]
fn adding_sources_rewrites_only_the_packs_of_their_stories() {
    let all = synth(100_000);
    let n = all.sources.len();
    let day = n / 50;
    let base = Corpus {
        sources: all.sources[..n - day].to_vec(),
    };
    let before = files(&store::build(&base).unwrap());
    let after_built = store::build(&all).unwrap();
    let after = files(&after_built);
    let packs: HashSet<String> = after_built
        .manifest
        .shards
        .iter()
        .filter(|s| s.kind == Kind::Sources)
        .map(|s| s.file.clone())
        .collect();
    let new = after.difference(&before).count();
    let new_packs = packs.difference(&before).count();
    let new_bytes: u64 = after_built
        .manifest
        .shards
        .iter()
        .filter(|s| !before.contains(&s.file))
        .map(|s| s.bytes)
        .sum();
    println!(
        "index of {n} sources; adding the last {day}: {new} of {} shards new ({:.1}%), \
         {new_packs} of {} packs; {new_bytes} of {} bytes ({:.1}%)",
        after.len(),
        100.0 * new as f64 / after.len() as f64,
        packs.len(),
        after_built.manifest.bytes(),
        100.0 * new_bytes as f64 / after_built.manifest.bytes() as f64,
    );
    assert!(new_packs > 0);
    assert!(
        (new_packs as f64) < 0.1 * packs.len() as f64,
        "{new_packs} of {} packs rewritten",
        packs.len()
    );
    assert_eq!(read_back(&after_built), all);
}

/// The synthetic corpus read lazily gives the engine's reports, and a page fetches a small
/// share of the index.
#[test]
fn a_synthetic_corpus_read_lazily_gives_the_engines_reports() {
    let corpus = synth(6_000);
    let built = store::build(&corpus).unwrap();
    let engine = Engine::new(corpus.clone()).unwrap();
    let page = corroborate_synth::page(7, 600, &corpus);
    let manifest = Manifest::from_json(&built.manifest.to_json()).unwrap();
    let mut lazy = Lazy::new(manifest);
    let (report, rounds) = lazily(&mut lazy, &built, &page, None);
    assert_eq!(json(&engine.check(&page).unwrap()), report);
    assert!(rounds >= 2, "{rounds} rounds");
    let (shards, bytes) = lazy.loaded();
    println!(
        "{} sources: a 600-word page fetched {shards} of {} shards, {bytes} of {} bytes",
        corpus.sources.len(),
        built.manifest.shards.len(),
        built.manifest.bytes()
    );
    assert!(bytes < built.manifest.bytes() * 3 / 4);
    for source in corpus.sources.iter().step_by(37) {
        let (report, _) = lazily(&mut lazy, &built, &source.text, Some(&source.id));
        let direct = engine
            .check_excluding(&source.text, Some(&source.id))
            .unwrap();
        assert_eq!(json(&direct), report, "page {}", source.id);
    }
    // Pages whose heaviest words are rare (held by one source, or by none), where which of
    // them the page's vector keeps, and in what order, decides its story: a source's names
    // alone; its opening with another story's sentence and made-up names added; and a
    // headline-length page of two sources' names.
    let names = |text: &str| -> Vec<String> {
        text.split_whitespace()
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
            .collect()
    };
    let n = corpus.sources.len();
    for (i, source) in corpus.sources.iter().enumerate().step_by(53) {
        let other = &corpus.sources[(i + n / 2) % n];
        let opening: String = source.text.chars().take(400).collect();
        let aside: String = other.text.chars().take(200).collect();
        let pages = [
            names(&source.text).join(" "),
            format!("{opening} {aside} Quorvane Tilbesk and Marrowind Ospelay said so."),
            format!(
                "{} {}",
                names(&source.text)
                    .into_iter()
                    .take(3)
                    .collect::<Vec<_>>()
                    .join(" "),
                names(&other.text)
                    .into_iter()
                    .take(2)
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
        ];
        for page in pages.iter().filter(|p| !p.trim().is_empty()) {
            let (report, _) = lazily(&mut lazy, &built, page, None);
            assert_eq!(json(&engine.check(page).unwrap()), report, "page {page:?}");
        }
    }
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
    // A well-formed shard under another shard's name.
    let mut renamed = shard.clone();
    renamed.file = "s/0000000000000000.bin".into();
    assert!(store::decode_shard(&renamed, bytes)
        .unwrap_err()
        .to_string()
        .contains("checksum"));
    // Every other kind, damaged, through the lazy reader.
    for (other, good) in built.shards.iter().filter(|(s, _)| s.kind != Kind::Sources) {
        let mut lazy = Lazy::new(built.manifest.clone());
        let mut b = good.clone();
        let last = b.len() - 1;
        b[last] ^= 0x04;
        let e = lazy.add(&other.file, &b).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Index);
        assert!(e.to_string().contains("corrupt"), "{e}");
        assert!(lazy.add(&other.file, &b[..b.len() / 2]).is_err());
        lazy.add(&other.file, good).expect("the good shard adds");
    }
    let mut lazy = Lazy::new(built.manifest.clone());
    let e = lazy.add("s/0123456789abcdef.bin", bytes).unwrap_err();
    assert!(e.to_string().contains("not a shard of this index"), "{e}");
    // Checking before the shards are there is an error, not a wrong report.
    let e = lazy.check("The ferry struck the pier.", None).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Index);
    assert!(e.to_string().contains("not loaded"), "{e}");
}

#[test]
fn a_manifest_that_is_not_an_index_is_a_clear_error() {
    for (json, says) in [
        ("not json", "not JSON"),
        (r#"{"sources": []}"#, "not a corroborate index"),
        (r#"{"format":"corroborate-index","version":1}"#, "version 1"),
        (r#"{"format":"corroborate-index","version":3}"#, "version 3"),
        (
            r#"{"format":"corroborate-index","version":2,"sources":3,"stories":0,"entries":0,"terms":0,"packs":[],"parts":{}}"#,
            "says 3 sources",
        ),
        (
            r#"{"format":"corroborate-index","version":2,"sources":1,"stories":1,"entries":1,"terms":1,"packs":[["../../x",0,1,1,1]],"parts":{}}"#,
            "not a shard's name",
        ),
        (
            r#"{"format":"corroborate-index","version":2,"sources":1,"stories":1,"entries":1,"terms":1,"packs":[["0123456789abcdef",0,1,1,1]],"parts":{}}"#,
            "not partitions",
        ),
        (
            r#"{"format":"corroborate-index","version":2,"sources":1,"stories":1,"entries":1,"terms":1,"packs":[["0123456789abcdef",0,1,1,1]],"parts":{"secrets":[["0123456789abcdef",1]]}}"#,
            "unknown kind \"secrets\"",
        ),
        (
            r#"{"format":"corroborate-index","version":2,"sources":1,"stories":1,"entries":1,"terms":1,"packs":[["0123456789abcdef",0,1]],"parts":{}}"#,
            "malformed",
        ),
    ] {
        let e = Manifest::from_json(json).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Index);
        assert!(e.to_string().contains(says), "{json}: {e}");
    }
}
