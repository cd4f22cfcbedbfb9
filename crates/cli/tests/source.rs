//! Loading sources: the demo corpus in every format, corpus JSON round trips, and every error
//! case of the file loaders.

// Native only: reads files or runs the CLI (the browser tests are tests/web.rs).
#![cfg(not(target_arch = "wasm32"))]

use corroborate::{Corpus, ErrorKind, Source};
use corroborate_cli::read::load_path;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

fn demo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../demo")
}

/// A scratch folder under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        static N: AtomicUsize = AtomicUsize::new(0);
        let n = N.fetch_add(1, Ordering::SeqCst);
        let dir = std::env::temp_dir().join(format!(
            "corroborate-source-{}-{tag}-{n}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create temp dir");
        TempDir(dir)
    }

    fn file(&self, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
        let p = self.0.join(name);
        std::fs::write(&p, content).expect("write temp file");
        p
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn one(path: &Path) -> Source {
    let mut v = load_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(v.len(), 1, "{}", path.display());
    v.remove(0)
}

#[test]
fn demo_story_files_load_with_metadata() {
    type Want = (
        &'static str,
        &'static str,
        &'static str,
        Option<&'static str>,
        &'static str,
    );
    let cases: [(&str, Want); 5] = [
        (
            "story/harbour-herald.txt",
            (
                "harbour-herald",
                "Ferry hits Caldmoor pier in high winds, five hurt",
                "The Harbour Herald",
                Some("https://harbourherald.example/news/ferry-hits-caldmoor-pier"),
                "2025-11-19",
            ),
        ),
        (
            "story/coastline-news.md",
            (
                "coastline-news",
                "Three hurt as ferry strikes pier at Caldmoor",
                "Coastline News",
                Some("https://coastline.example/2025/11/ferry-pier-caldmoor"),
                "2025-11-19",
            ),
        ),
        (
            "story/northern-wire.html",
            (
                "northern-wire",
                "Ferry strikes pier in Caldmoor as winds gust",
                "Northern Wire",
                Some("https://northernwire.example/2025/11/19/ferry-caldmoor"),
                "2025-11-19T06:15:00Z",
            ),
        ),
        (
            "story/morning-ledger.txt",
            (
                "morning-ledger",
                "Ferry crash at Caldmoor: investigation opened",
                "The Morning Ledger",
                None,
                "2025-11-20",
            ),
        ),
        (
            "unrelated.txt",
            (
                "unrelated",
                "Rovers come from behind to beat Kettle Vale",
                "Valley Sports Weekly",
                None,
                "2025-11-22",
            ),
        ),
    ];
    for (file, (id, title, outlet, url, published)) in cases {
        let s = one(&demo().join(file));
        assert_eq!(
            (
                s.id.as_str(),
                s.title.as_deref(),
                s.outlet.as_deref(),
                s.url.as_deref(),
                s.published.as_deref()
            ),
            (id, Some(title), Some(outlet), url, Some(published)),
            "{file}"
        );
        // Header lines are metadata, not text.
        assert!(!s.text.contains("Outlet:"), "{file}");
        assert!(
            !s.text.starts_with('\n') && !s.text.ends_with('\n'),
            "{file}"
        );
    }
}

#[test]
fn demo_story_texts_are_clean_and_sized() {
    let sources = load_path(&demo().join("story")).expect("load demo/story");
    let ids: Vec<&str> = sources.iter().map(|s| s.id.as_str()).collect();
    // Sorted by file name.
    assert_eq!(
        ids,
        [
            "coastline-news",
            "harbour-herald",
            "morning-ledger",
            "northern-wire"
        ]
    );
    for s in &sources {
        let words = s.text.split_whitespace().count();
        assert!((200..=350).contains(&words), "{}: {words} words", s.id);
        let sentences = s.text.matches(['.', '!', '?']).count();
        assert!(sentences >= 8, "{}: {sentences} sentences", s.id);
    }
    let get = |id: &str| sources.iter().find(|s| s.id == id).expect(id);

    let html = &get("northern-wire").text;
    let gone = [
        "Home",
        "cookies",
        "Accept",
        "Sign up",
        "Related stories",
        "tracking-pixel",
        "dataLayer",
        "©",
        "&ldquo;",
        "&nbsp;",
        "display",
        "Terms",
    ];
    for g in gone {
        assert!(
            !html.contains(g),
            "northern-wire text contains {g:?}:\n{html}"
        );
    }
    let kept = [
        "Ferry strikes pier in Caldmoor as winds gust\n\n",
        "\n\nMayor Ilse Brandt said winds were gusting at 90 km/h as the ferry approached the pier.\n\n",
        "said: “Our first thought is with the passengers who were hurt and with their families",
        "By Northern Wire staff · 19 November 2025",
        "editing by the NW desk…",
    ];
    for k in kept {
        assert!(html.contains(k), "northern-wire text lacks {k:?}:\n{html}");
    }

    let md = &get("coastline-news").text;
    for g in ["**", "](", "# ", "---", "images/", "outlet:", "*Caldmoor*"] {
        assert!(!md.contains(g), "coastline-news text contains {g:?}:\n{md}");
    }
    let kept = [
        "Three hurt as ferry strikes pier at Caldmoor\n\nThe Northern Star ferry hit the main pier",
        "according to Selkie Line.",
        "What passengers should do\n\n",
        "- check the operator's website for updated timetables\n- keep their tickets",
    ];
    for k in kept {
        assert!(md.contains(k), "coastline-news text lacks {k:?}:\n{md}");
    }
}

#[test]
fn expected_cases_point_at_real_sentences() {
    let json = std::fs::read_to_string(demo().join("expected.json")).expect("read expected.json");
    let v: serde_json::Value = serde_json::from_str(&json).expect("expected.json parses");
    let mut sources = load_path(&demo().join("story")).expect("load demo/story");
    sources.extend(load_path(&demo().join("unrelated.txt")).expect("load unrelated"));
    let cases = v["cases"].as_array().expect("cases");
    assert!(cases.len() >= 15);
    let verdicts = ["confirmed", "contradicted", "disputed", "related", "unique"];
    let relations = ["confirms", "contradicts", "related"];
    for case in cases {
        let name = case["name"].as_str().expect("name");
        let page = case["page"].as_str().expect("page");
        let claim = case["claim"].as_str().expect("claim");
        let src = sources
            .iter()
            .find(|s| s.id == page)
            .unwrap_or_else(|| panic!("{name}: no source {page}"));
        assert_eq!(
            src.text.matches(claim).count(),
            1,
            "{name}: {claim:?} in {page}"
        );
        assert!(
            verdicts.contains(&case["verdict"].as_str().unwrap_or("")),
            "{name}"
        );
        for (id, rel) in case["sources"].as_object().expect("sources") {
            assert!(
                sources.iter().any(|s| &s.id == id) && id != page,
                "{name}: {id}"
            );
            assert!(relations.contains(&rel.as_str().unwrap_or("")), "{name}");
        }
        if let Some(r) = case["reason"].as_object() {
            // The words of the reason are in the page's claim sentence's paragraph and in a source.
            let page_words = r["page"].as_str().expect("reason.page");
            assert!(src.text.contains(page_words), "{name}: {page_words:?}");
            let source_words = r["source"].as_str().expect("reason.source");
            assert!(
                sources
                    .iter()
                    .any(|s| s.id != page && s.text.contains(source_words)),
                "{name}: {source_words:?}"
            );
        }
    }
    // Every planted kind is there.
    let kinds: Vec<&str> = cases
        .iter()
        .filter_map(|c| c["reason"]["kind"].as_str())
        .collect();
    for k in [
        "number", "hedge", "place", "role", "date", "negation", "quote",
    ] {
        assert!(kinds.contains(&k), "no {k} case");
    }
}

#[test]
fn corpus_load_and_json_round_trip() {
    let paths = [demo().join("story"), demo().join("unrelated.txt")];
    let corpus = corroborate_cli::read::load_corpus(&paths).expect("load");
    assert_eq!(corpus.sources.len(), 5);
    assert_eq!(corpus.sources[4].id, "unrelated");
    let json = corpus.to_json();
    assert!(json.starts_with("{\n  \"sources\": [\n"));
    assert_eq!(Corpus::from_json(&json).expect("round trip"), corpus);

    // The corpus JSON written to a file loads again, under the ids it carries.
    let dir = TempDir::new("roundtrip");
    let file = dir.file("corpus.json", &json);
    let again = load_path(&file).expect("load corpus.json");
    assert_eq!(again, corpus.sources);

    // A source object and a bare array, without ids: ids come from the file name.
    let single = dir.file("single.json", r#"{"text": "Rain fell.", "title": "Rain"}"#);
    let got = load_path(&single).expect("single");
    assert_eq!(
        (got[0].id.as_str(), got[0].title.as_deref()),
        ("single", Some("Rain"))
    );
    let list = dir.file(
        "list.json",
        r#"[{"text": "One."}, {"id": "x", "text": "Two."}]"#,
    );
    let got: Vec<String> = load_path(&list)
        .expect("list")
        .into_iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(got, ["list-1", "x"]);
}

#[test]
fn folders_skip_hidden_other_and_nested_files() {
    let dir = TempDir::new("folder");
    dir.file("b.md", "# B\n\nBody b.");
    dir.file("a.TXT", "Body a.");
    dir.file("c.htm", "<p>Body c.</p>");
    dir.file(".hidden.txt", "Hidden.");
    dir.file("notes.pdf", "%PDF");
    dir.file("README", "No extension.");
    std::fs::create_dir_all(dir.0.join("sub")).expect("mkdir");
    dir.file("sub/d.txt", "Nested.");
    let got: Vec<String> = load_path(&dir.0)
        .expect("load")
        .into_iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(got, ["a", "b", "c"]);
    // A hidden file named explicitly is read.
    let hidden = load_path(&dir.0.join(".hidden.txt")).expect("hidden");
    assert_eq!(hidden[0].id, ".hidden");
}

#[test]
fn load_errors_name_the_file() {
    let dir = TempDir::new("errors");
    let d = dir.0.display().to_string();
    let missing = dir.0.join("missing.txt");
    let latin1 = dir.file("latin1.txt", b"caf\xe9 au lait".as_slice());
    let pdf = dir.file("paper.pdf", "%PDF-1.4");
    let empty = dir.file("empty.txt", "");
    let blank = dir.file("blank.md", " \n\n ");
    let bad_json = dir.file(
        "bad.json",
        "{\"sources\": [\n  {\"id\": \"a\" \"text\": \"x\"}\n]}",
    );
    let no_sources = dir.file("none.json", "{\"sources\": []}");
    let dup_json = dir.file(
        "dup.json",
        r#"[{"id": "a", "text": "One."}, {"id": "a", "text": "Two."}]"#,
    );
    let no_text = dir.file("no-text.json", r#"{"id": "a", "title": "T"}"#);
    let script_only = dir.file("script.html", "<html><script>x()</script></html>");
    let empty_dir = TempDir::new("empty-dir");
    empty_dir.file("skip.pdf", "x");
    let ed = empty_dir.0.display().to_string();

    let cases: Vec<(&Path, ErrorKind, String)> = vec![
        (&missing, ErrorKind::Io, format!("{d}/missing.txt: no such file or folder")),
        (
            &latin1,
            ErrorKind::NotUtf8,
            format!("{d}/latin1.txt: not UTF-8 text (invalid byte at offset 3)"),
        ),
        (
            &pdf,
            ErrorKind::UnsupportedFormat,
            format!("{d}/paper.pdf: unsupported file type (expected .txt, .md, .markdown, .html, .htm or .json)"),
        ),
        (&empty, ErrorKind::Corpus, format!("{d}/empty.txt: the file is empty")),
        (&blank, ErrorKind::Corpus, format!("{d}/blank.md: the file is empty")),
        (
            &bad_json,
            ErrorKind::Json,
            format!("{d}/bad.json: malformed JSON at line 2, column 14: expected `,` or `}}`"),
        ),
        (&no_sources, ErrorKind::Corpus, format!("{d}/none.json: the corpus has no sources")),
        (&no_text, ErrorKind::Corpus, format!("{d}/no-text.json: source \"a\" has no \"text\"")),
        (&script_only, ErrorKind::Corpus, format!("{d}/script.html: no text found")),
        (
            &empty_dir.0,
            ErrorKind::NoSources,
            format!("{ed}: no .txt, .md, .markdown, .html, .htm or .json files in this folder"),
        ),
    ];
    for (path, kind, message) in cases {
        match load_path(path) {
            Ok(v) => panic!("{} loaded: {v:?}", path.display()),
            Err(e) => {
                assert_eq!(
                    (e.kind(), e.message()),
                    (kind, message.as_str()),
                    "{}",
                    path.display()
                );
                assert!(!e.to_string().contains('\n'), "{}", path.display());
            }
        }
    }

    // Duplicate ids inside one JSON file are caught by Corpus::load.
    let e = corroborate_cli::read::load_corpus(&[dup_json]).expect_err("duplicate ids");
    assert_eq!(e.kind(), ErrorKind::Corpus);
    assert!(
        e.message().starts_with("two sources have the id \"a\""),
        "{e}"
    );
}

#[test]
fn corpus_load_errors() {
    let dir = TempDir::new("corpus");
    let a_txt = dir.file("a.txt", "One source.");
    let a_md = dir.file("a.md", "Another source.");
    let custom = dir.file("b.txt", "Id: a\n\nA third source.");
    let d = dir.0.display().to_string();

    let e = corroborate_cli::read::load_corpus(&[]).expect_err("no paths");
    assert_eq!(
        (e.kind(), e.message()),
        (ErrorKind::NoSources, "no source files or folders given")
    );

    let cases = [
        (
            vec![a_txt.clone(), a_md.clone()],
            format!("two sources have the id \"a\" ({d}/a.txt and {d}/a.md)"),
        ),
        (
            vec![a_txt.clone(), custom.clone()],
            format!("two sources have the id \"a\" ({d}/a.txt and {d}/b.txt)"),
        ),
        (
            vec![dir.0.clone()],
            format!("two sources have the id \"a\" ({d}/a.md and {d}/a.txt)"),
        ),
        (
            vec![a_txt.clone(), a_txt.clone()],
            format!("two sources have the id \"a\" ({d}/a.txt and {d}/a.txt)"),
        ),
    ];
    for (paths, message) in cases {
        let e = corroborate_cli::read::load_corpus(&paths).expect_err("duplicate");
        assert_eq!(
            (e.kind(), e.message()),
            (ErrorKind::Corpus, message.as_str()),
            "{paths:?}"
        );
    }

    // The first failing file stops the load, with its own error.
    let e =
        corroborate_cli::read::load_corpus(&[a_txt, dir.0.join("nope.md")]).expect_err("missing");
    assert_eq!(e.kind(), ErrorKind::Io);
    assert_eq!(e.message(), format!("{d}/nope.md: no such file or folder"));
}
