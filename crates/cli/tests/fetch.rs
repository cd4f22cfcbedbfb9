//! Web inputs of the command line: `check` and `corpus` with http(s) addresses, and `corpus
//! --feed`, against a small HTTP server on 127.0.0.1 serving the fixtures in
//! `tests/fixtures/fetch/` (a fictional story: an RSS 2.0 and an Atom feed, four articles, a
//! text page, a PDF, a malformed feed; routes that 404, redirect, loop, stall or are too big).
//! Nothing here reaches beyond the loopback address.

#![cfg(not(target_arch = "wasm32"))]

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;
use std::time::Duration;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fetch")
}

fn fixture(name: &str) -> PathBuf {
    fixtures().join(name)
}

/// The server's base address, `http://127.0.0.1:PORT`: one server for the whole test binary.
fn base() -> &'static str {
    static BASE: OnceLock<String> = OnceLock::new();
    BASE.get_or_init(|| {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let base = format!("http://{}", listener.local_addr().unwrap());
        let b = base.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let b = b.clone();
                std::thread::spawn(move || serve(stream, &b));
            }
        });
        base
    })
}

/// Answer one request (one per connection).
fn serve(mut stream: TcpStream, base: &str) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    let mut user_agent = String::new();
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => return,
            Ok(_) if line.trim().is_empty() => break,
            Ok(_) => {
                if let Some(v) = line
                    .strip_prefix("user-agent:")
                    .or(line.strip_prefix("User-Agent:"))
                {
                    user_agent = v.trim().to_string();
                }
            }
        }
    }
    let path = request_line
        .split_whitespace()
        .nth(1)
        .unwrap_or("/")
        .to_string();
    let file = |name: &str| std::fs::read(fixture(name)).unwrap();
    let feed = |name: &str| {
        String::from_utf8(file(name))
            .unwrap()
            .replace("{base}", base)
            .into_bytes()
    };
    let (status, headers, body): (&str, Vec<String>, Vec<u8>) = match path.as_str() {
        "/feeds/rss.xml" => (
            "200 OK",
            vec!["Content-Type: application/rss+xml".into()],
            feed("rss.xml"),
        ),
        "/feeds/atom.xml" => (
            "200 OK",
            vec!["Content-Type: application/atom+xml; charset=utf-8".into()],
            feed("atom.xml"),
        ),
        "/feeds/broken.xml" => (
            "200 OK",
            vec!["Content-Type: application/rss+xml".into()],
            file("broken.xml"),
        ),
        "/feeds/page.html" => (
            "200 OK",
            vec!["Content-Type: text/html".into()],
            file("courier-1.html"),
        ),
        "/articles/report.pdf" => (
            "200 OK",
            vec!["Content-Type: application/pdf".into()],
            file("report.pdf"),
        ),
        "/articles/notes.txt" => (
            "200 OK",
            vec!["Content-Type: text/plain; charset=utf-8".into()],
            file("notes.txt"),
        ),
        "/ua" => (
            "200 OK",
            vec!["Content-Type: text/plain".into()],
            format!("Title: Agent\n\nThe agent was {user_agent}.").into_bytes(),
        ),
        "/slow" => {
            // Far longer than the tests' short timeouts: the client gives up first (had it
            // waited, the source would be read and the test would see no error line).
            std::thread::sleep(Duration::from_secs(10));
            (
                "200 OK",
                vec!["Content-Type: text/plain".into()],
                b"Too late.".to_vec(),
            )
        }
        "/big" | "/big-stream" => (
            "200 OK",
            vec!["Content-Type: text/html".into()],
            format!("<p>{}</p>", "Word. ".repeat(2000)).into_bytes(),
        ),
        p if p.starts_with("/old/") => (
            "301 Moved Permanently",
            vec![format!("Location: /articles/{}", &p[5..])],
            Vec::new(),
        ),
        p if p.starts_with("/loop/") => {
            let n: u32 = p[6..].parse().unwrap_or(0);
            (
                "302 Found",
                vec![format!("Location: /loop/{}", n + 1)],
                Vec::new(),
            )
        }
        p if p.starts_with("/articles/") && p.ends_with(".html") => {
            match std::fs::read(fixture(&p[10..])) {
                Ok(bytes) if !p[10..].contains('/') => (
                    "200 OK",
                    vec!["Content-Type: text/html; charset=utf-8".into()],
                    bytes,
                ),
                _ => (
                    "404 Not Found",
                    vec!["Content-Type: text/plain".into()],
                    b"no such page".to_vec(),
                ),
            }
        }
        _ => (
            "404 Not Found",
            vec!["Content-Type: text/plain".into()],
            b"no such page".to_vec(),
        ),
    };
    // "/big-stream" has no Content-Length: its end is the connection's, and its size is
    // known only while it is read.
    let length = if path == "/big-stream" {
        String::new()
    } else {
        format!("Content-Length: {}\r\n", body.len())
    };
    let mut head = format!("HTTP/1.1 {status}\r\n{length}Connection: close\r\n");
    for h in headers {
        head.push_str(&h);
        head.push_str("\r\n");
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
    let _ = stream.flush();
}

fn url(path: &str) -> String {
    format!("{}{path}", base())
}

fn run(args: &[&str]) -> Output {
    run_env(args, &[])
}

fn run_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_corroborate"));
    cmd.args(args);
    for var in [
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
        "CORROBORATE_TIMEOUT",
    ] {
        cmd.env_remove(var);
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run corroborate")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "JSON on stdout: {e}\n{}",
            String::from_utf8_lossy(&o.stdout)
        )
    })
}

/// The id a fetched page gets: its address without the scheme.
fn id_of(path: &str) -> String {
    url(path).strip_prefix("http://").unwrap().to_string()
}

/// The text the file reader extracts from a fixture.
fn text_of(name: &str) -> String {
    let sources = corroborate_cli::read::load_path(&fixture(name)).unwrap();
    sources[0].text.clone()
}

#[test]
fn corpus_from_rss_and_atom_feeds() {
    let (rss, atom) = (url("/feeds/rss.xml"), url("/feeds/atom.xml"));
    let (missing, broken, html) = (
        url("/feeds/missing.xml"),
        url("/feeds/broken.xml"),
        url("/feeds/page.html"),
    );
    let o = run(&[
        "corpus", "--feed", &rss, "--feed", &atom, "--feed", &missing, "--feed", &broken, "--feed",
        &html, "-o", "-", "--quiet",
    ]);
    let err = stderr(&o);
    // Written, but some inputs failed: exit code 1, one line per failure, nothing else with
    // --quiet.
    assert_eq!(o.status.code(), Some(1), "{err}");
    let lines: Vec<&str> = err.lines().collect();
    let want = [
        // Items: a PDF, a page that is gone, an entry without a link.
        format!(
            "error: {}: not HTML or text: content type application/pdf",
            url("/articles/report.pdf")
        ),
        format!("error: {}: HTTP 404 Not Found", url("/articles/gone.html")),
        format!("error: {atom} (item 3): the item has no link"),
        // Feeds: one that 404s, a malformed one, a page that is not a feed.
        format!("error: {missing}: HTTP 404 Not Found"),
        format!("error: {broken}: not an RSS or Atom feed: unable to parse XML: "),
        format!(
            "error: {html}: not an RSS or Atom feed: unable to parse feed: no root element (content type text/html)"
        ),
    ];
    assert_eq!(lines.len(), want.len(), "{err}");
    for (line, want) in lines.iter().zip(&want) {
        assert!(
            line.starts_with(want.as_str()),
            "{line:?} should start with {want:?}"
        );
    }
    assert!(
        lines[4].ends_with("(content type application/rss+xml)"),
        "{err}"
    );
    let v = json(&o);
    let sources = v["sources"].as_array().expect("sources");
    let got: Vec<[&str; 5]> = sources
        .iter()
        .map(|s| {
            [
                s["id"].as_str().unwrap(),
                s["outlet"].as_str().unwrap(),
                s["title"].as_str().unwrap(),
                s["published"].as_str().unwrap(),
                s["url"].as_str().unwrap(),
            ]
        })
        .collect();
    let (c1, c2, l1, l2) = (
        id_of("/articles/courier-1.html"),
        id_of("/articles/courier-2.html"),
        id_of("/articles/lakeside-1.html"),
        id_of("/old/lakeside-2.html"),
    );
    let (u1, u2, u3, u4) = (
        url("/articles/courier-1.html"),
        url("/articles/courier-2.html"),
        url("/articles/lakeside-1.html"),
        url("/old/lakeside-2.html"),
    );
    assert_eq!(
        got,
        vec![
            [
                c1.as_str(),
                "The Varnhollow Courier",
                "Lakemere footbridge closed after cracks found",
                "2026-03-02T09:15:00Z",
                u1.as_str()
            ],
            // A relative link, made absolute against the feed.
            [
                c2.as_str(),
                "The Varnhollow Courier",
                "Ferry service added while Lakemere bridge is shut",
                "2026-03-03T07:40:00Z",
                u2.as_str()
            ],
            // Atom: the published date, not the updated one.
            [
                l1.as_str(),
                "Lakeside Daily",
                "Cracks shut Varnhollow footbridge",
                "2026-03-02T11:00:00Z",
                u3.as_str()
            ],
            // An HTML title made plain; no published date: the updated one; followed through a
            // redirect, the address the feed gave is kept.
            [
                l2.as_str(),
                "Lakeside Daily",
                "Council defends Lakemere bridge inspections",
                "2026-03-04T08:00:00Z",
                u4.as_str()
            ],
        ]
    );
    // The text is what the file reader extracts from the same page on disk.
    for (s, file) in sources.iter().zip([
        "courier-1.html",
        "courier-2.html",
        "lakeside-1.html",
        "lakeside-2.html",
    ]) {
        assert_eq!(s["text"].as_str().unwrap(), text_of(file), "{file}");
    }
    assert!(
        !sources[0]["text"].as_str().unwrap().contains("Home"),
        "the nav is dropped"
    );
}

#[test]
fn feed_limit_progress_and_a_written_file() {
    let dir = std::env::temp_dir().join(format!("corroborate-fetch-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("corpus.json");
    let rss = url("/feeds/rss.xml");
    let atom = url("/feeds/atom.xml");
    let o = run(&[
        "corpus",
        "--feed",
        &rss,
        "--feed",
        &atom,
        "--limit",
        "1",
        "-o",
        out.to_str().unwrap(),
    ]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let ids: Vec<&str> = v["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            id_of("/articles/courier-1.html"),
            id_of("/articles/lakeside-1.html")
        ]
    );
    // stderr is not a terminal: plain progress lines for each feed, then what was written.
    assert!(
        err.contains(&format!("reading {rss}: 100% (1 of 1)")),
        "{err}"
    );
    assert!(
        err.contains(&format!("reading {atom}: 100% (1 of 1)")),
        "{err}"
    );
    assert!(err.trim_end().ends_with("(2 sources)"), "{err}");
    assert!(!err.contains("error"), "{err}");
    // With failures, the last line counts them.
    let o = run(&["corpus", "--feed", &rss, "-o", out.to_str().unwrap()]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.trim_end()
            .ends_with("(2 sources; 2 failed, each said above)"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
    // A limit of 0 is refused by the argument parser.
    let o = run(&["corpus", "--feed", &rss, "--limit", "0", "-o", "-"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn corpus_mixes_files_addresses_and_feeds_and_reads_a_link_once() {
    let notes = url("/articles/notes.txt");
    let page = url("/articles/courier-1.html");
    let o = run(&[
        "corpus",
        fixture("lakeside-2.html").to_str().unwrap(),
        &notes,
        &page,
        "--feed",
        &url("/feeds/rss.xml"),
        "-o",
        "-",
        "--quiet",
    ]);
    let err = stderr(&o);
    assert_eq!(
        o.status.code(),
        Some(1),
        "the PDF item and the gone page fail: {err}"
    );
    assert_eq!(err.lines().count(), 2, "{err}");
    let v = json(&o);
    let s = v["sources"].as_array().unwrap();
    let ids: Vec<&str> = s.iter().map(|s| s["id"].as_str().unwrap()).collect();
    // courier-1 was given as an address: its feed item is not read again.
    assert_eq!(
        ids,
        [
            "lakeside-2".to_string(),
            id_of("/articles/notes.txt"),
            id_of("/articles/courier-1.html"),
            id_of("/articles/courier-2.html")
        ]
    );
    // A text page: the text reader's headers; a page given as an address: the page's own
    // metadata, and the address as its url (not the canonical link).
    assert_eq!(s[1]["title"], "Lakemere footbridge: what we know");
    assert_eq!(s[1]["outlet"], "Northmarch Radio");
    assert_eq!(s[1]["url"].as_str(), Some(notes.as_str()));
    assert_eq!(s[2]["outlet"], "The Varnhollow Courier");
    assert_eq!(s[2]["published"], "2026-03-02T09:15:00Z");
    assert_eq!(s[2]["url"].as_str(), Some(page.as_str()));
    assert_eq!(s[2]["text"].as_str().unwrap(), text_of("courier-1.html"));
}

/// Replace each fetched source's id by its file's in a JSON report.
fn with_file_ids(report: &str, paths: &[&str]) -> String {
    let mut out = report.to_string();
    for p in paths {
        let name = p.rsplit('/').next().unwrap().trim_end_matches(".html");
        out = out.replace(&format!("\"{}\"", id_of(p)), &format!("\"{name}\""));
    }
    out
}

#[test]
fn check_of_addresses_equals_check_of_the_same_files() {
    let names = ["courier-2.html", "lakeside-1.html", "lakeside-2.html"];
    let files: Vec<String> = names
        .iter()
        .map(|n| fixture(n).to_str().unwrap().to_string())
        .collect();
    // One source through a redirect.
    let paths = [
        "/articles/courier-2.html",
        "/old/lakeside-1.html",
        "/articles/lakeside-2.html",
    ];
    let urls: Vec<String> = paths.iter().map(|p| url(p)).collect();
    let page_file = fixture("courier-1.html");
    let page_url = url("/articles/courier-1.html");
    let mut from_disk = vec![
        "check",
        page_file.to_str().unwrap(),
        "--format",
        "json",
        "--sources",
    ];
    from_disk.extend(files.iter().map(String::as_str));
    let mut from_web = vec!["check", page_url.as_str(), "--format", "json", "--sources"];
    from_web.extend(urls.iter().map(String::as_str));
    let disk = run(&from_disk);
    let web = run(&from_web);
    assert_eq!(disk.status.code(), Some(0), "{}", stderr(&disk));
    assert_eq!(web.status.code(), Some(0), "{}", stderr(&web));
    assert!(stderr(&web).is_empty(), "{}", stderr(&web));
    let disk_v = json(&disk);
    let mut web_v: serde_json::Value = serde_json::from_str(&with_file_ids(
        &String::from_utf8(web.stdout.clone()).unwrap(),
        &paths,
    ))
    .unwrap();
    // The only difference: a fetched source's evidence links to the address it came from (the
    // files have no canonical link).
    let mut links = 0;
    for claim in web_v["claims"].as_array_mut().unwrap() {
        for e in claim["evidence"].as_array_mut().unwrap() {
            let e = e.as_object_mut().unwrap();
            let link = e.remove("url").expect("a fetched source's url");
            let id = e["source"].as_str().unwrap();
            let at = paths
                .iter()
                .find(|p| p.ends_with(&format!("/{id}.html")))
                .unwrap();
            assert_eq!(link.as_str(), Some(url(at).as_str()));
            links += 1;
        }
    }
    assert!(links > 0);
    // A story found automatically is named by a hash of its smallest member's id, which is
    // the file name on one side and the address on the other; its label and members match.
    let mut disk_v = disk_v;
    for v in [&mut web_v, &mut disk_v] {
        if let Some(story) = v.get_mut("story").and_then(|s| s.as_object_mut()) {
            story.remove("id");
        }
    }
    assert_eq!(web_v, disk_v);
    // The report is about something: the page's claims meet confirmations and contradictions.
    let summary = &disk_v["summary"];
    assert!(summary["confirmed"].as_u64().unwrap() > 0, "{summary}");
    assert!(
        summary["contradicted"].as_u64().unwrap() + summary["disputed"].as_u64().unwrap() > 0,
        "{summary}"
    );
    // The text report names the page by its address and the outlets of the sources fetched.
    let mut text = from_web.clone();
    text.retain(|a| *a != "--format" && *a != "json");
    let o = run(&text);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains(&page_url), "{out}");
    assert!(out.contains("Lakeside Daily"), "{out}");
    // The page's own address among the sources is the page itself: skipped, not compared.
    let mut with_itself = text.clone();
    with_itself.push(page_url.as_str());
    let o = run(&with_itself);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains(&format!(
            "skipped: {} (the page itself)",
            id_of("/articles/courier-1.html")
        )),
        "{out}"
    );
}

#[test]
fn a_failing_source_is_one_line_and_left_out() {
    let page = fixture("courier-1.html");
    let good = url("/articles/lakeside-1.html");
    let cases: Vec<(&str, String, Vec<&str>, String)> = vec![
        (
            "404",
            url("/articles/nope.html"),
            vec![],
            "HTTP 404 Not Found".into(),
        ),
        (
            "not HTML",
            url("/articles/report.pdf"),
            vec![],
            "not HTML or text: content type application/pdf".into(),
        ),
        (
            "redirect loop",
            url("/loop/0"),
            vec![],
            "too many redirects (more than 5)".into(),
        ),
        (
            "too large",
            url("/big"),
            vec!["--max-file-bytes", "5000"],
            "too large: more than the limit of 5000 bytes (see --max-file-bytes)".into(),
        ),
        (
            "too large, found while reading",
            url("/big-stream"),
            vec!["--max-file-bytes", "5000"],
            "too large: more than the limit of 5000 bytes (see --max-file-bytes)".into(),
        ),
        (
            "bad URL",
            "http://".into(),
            vec![],
            "bad URL: empty host".into(),
        ),
        (
            "refused",
            refused(),
            vec![],
            "cannot connect: connection refused".into(),
        ),
        (
            "timeout",
            url("/slow"),
            vec!["--timeout", "0.3"],
            "timed out (no answer within 0.3 s; see --timeout)".into(),
        ),
    ];
    for (what, bad, extra, says) in cases {
        let mut args = vec![
            "check",
            page.to_str().unwrap(),
            "--format",
            "json",
            "--sources",
            &good,
            &bad,
        ];
        args.extend(extra.iter());
        let o = run(&args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{what}: {err}");
        assert_eq!(err, format!("error: {bad}: {says}\n"), "{what}");
        // The report was still written, against the source that could be read.
        let v = json(&o);
        assert!(v["summary"]["claims"].as_u64().unwrap() > 0, "{what}: {v}");
        let sources: Vec<&str> = v["claims"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|c| {
                c["evidence"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|e| e["source"].as_str().unwrap())
            })
            .collect();
        assert!(
            !sources.is_empty()
                && sources
                    .iter()
                    .all(|s| *s == id_of("/articles/lakeside-1.html")),
            "{what}: {sources:?}"
        );
    }
}

/// An address where nothing listens.
fn refused() -> String {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap();
    drop(l);
    format!("http://{addr}/")
}

#[test]
fn the_timeout_comes_from_the_environment_too() {
    let page = fixture("courier-1.html");
    let slow = url("/slow");
    let o = run_env(
        &["check", page.to_str().unwrap(), "--sources", &slow],
        &[("CORROBORATE_TIMEOUT", "0.3")],
    );
    let err = stderr(&o);
    // The only source failed: nothing to compare with, the exit-2 error after its line.
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert_eq!(
        err,
        format!(
            "error: {slow}: timed out (no answer within 0.3 s; see --timeout)\n\
             corroborate: no sources could be read (1 failed, each said above)\n"
        )
    );
    assert!(o.stdout.is_empty());
    let o = run_env(
        &["check", page.to_str().unwrap(), "--sources", &slow],
        &[("CORROBORATE_TIMEOUT", "soon")],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("not a number of seconds"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_page_that_cannot_be_fetched_is_the_error() {
    let source = fixture("lakeside-1.html");
    for (page, says) in [
        (url("/articles/nope.html"), "HTTP 404 Not Found".to_string()),
        (
            url("/articles/report.pdf"),
            "not HTML or text: content type application/pdf".to_string(),
        ),
        ("https://".to_string(), "bad URL: empty host".to_string()),
    ] {
        let o = run(&["check", &page, "--sources", source.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2), "{page}");
        assert_eq!(stderr(&o), format!("corroborate: {page}: {says}\n"));
        assert!(o.stdout.is_empty());
    }
    // A file that cannot be read stays the error, as before, even among addresses.
    let o = run(&[
        "check",
        &url("/articles/courier-1.html"),
        "--sources",
        &url("/articles/lakeside-1.html"),
        "/no/such/file.html",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "corroborate: /no/such/file.html: no such file or folder\n"
    );
}

#[test]
fn the_user_agent_names_the_tool() {
    let o = run(&["corpus", &url("/ua"), "-o", "-"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json(&o);
    let text = v["sources"][0]["text"].as_str().unwrap();
    assert_eq!(
        text,
        format!("The agent was {}.", corroborate_cli::fetch::user_agent())
    );
    assert!(text.starts_with(&format!(
        "The agent was corroborate/{} (",
        env!("CARGO_PKG_VERSION")
    )));
}
