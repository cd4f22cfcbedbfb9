//! Pages and sources from the web: `http://` and `https://` addresses given to `corroborate
//! check` and `corroborate corpus` wherever a file is accepted (and the items of feeds,
//! [`crate::feed`]).
//!
//! An argument is an address when it starts with `http://` or `https://` (case-insensitive);
//! anything else is a path. Only the addresses given (and, for a feed, its items' links) are
//! fetched, with [`ureq`] (rustls, no system TLS library), one request at a time:
//!
//! * connecting (name lookup, TCP, TLS) and each wait for data from the server may take at
//!   most the timeout ([`DEFAULT_TIMEOUT`], `--timeout SECS` or `CORROBORATE_TIMEOUT`), and the
//!   whole fetch, redirects included, at most [`TOTAL_TIMEOUTS`] times it;
//! * at most [`MAX_REDIRECTS`] redirects are followed;
//! * a body larger than the size limit (`--max-file-bytes`, 64 MiB by default) is refused,
//!   from its `Content-Length` or while reading (a compressed body is measured unpacked);
//! * the `User-Agent` is [`user_agent`]; a proxy is used when `ALL_PROXY`, `HTTPS_PROXY` or
//!   `HTTP_PROXY` is set (the first of them, upper or lower case), except for the hosts that
//!   `NO_PROXY` names, as `ureq` reads them.
//!
//! A page is read by its content type ([`Kind::of`]): HTML (`text/html`,
//! `application/xhtml+xml`) by the HTML reader, `text/markdown` (and `text/plain` at an
//! address ending in `.md` or `.markdown`) by the Markdown reader, `text/plain` by the text
//! reader, the same readers and rules as files ([`crate::read`], docs/extraction.md); anything
//! else is refused with its type. The text is decoded by the `charset` of the content type,
//! else (HTML) by a `<meta charset>` in its first 1024 bytes, else as UTF-8 ([`decode`]).
//! The address becomes the source's `url` and its id is [`id_of_url`] (unless a text header or
//! front matter gives one, as in a file).
//!
//! Each failure is one line `ADDRESS: WHAT` ([`FetchError`]). A failing page to check stops
//! the command; a failing source is reported on stderr (`error: ADDRESS: WHAT`), counted
//! ([`failures`]) and left out.

use crate::read;
use corroborate::{Corpus, Error, ErrorKind, Result, Source};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;

/// The timeout of connecting and of each wait for data: 30 seconds.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// A whole fetch, redirects and body included, may take this many timeouts.
pub const TOTAL_TIMEOUTS: u32 = 5;

/// The most redirects followed for one address.
pub const MAX_REDIRECTS: u32 = 5;

/// The longest id made from an address ([`id_of_url`]), in bytes.
pub const MAX_ID_BYTES: usize = 100;

/// What a page is asked for as (the `Accept` header).
pub const ACCEPT_PAGE: &str =
    "text/html, application/xhtml+xml, text/markdown;q=0.9, text/plain;q=0.8, */*;q=0.1";

/// The `User-Agent` header: the tool, its version, and what it does.
pub fn user_agent() -> String {
    format!(
        "corroborate/{} (command-line source checker; fetches only the addresses it is given)",
        env!("CARGO_PKG_VERSION")
    )
}

/// Whether a command-line argument is a web address rather than a path.
pub fn is_url(arg: &str) -> bool {
    let head = arg.get(..8).unwrap_or(arg).to_ascii_lowercase();
    head.starts_with("http://") || head.starts_with("https://")
}

/// [`is_url`] of a path argument.
pub fn path_is_url(path: &Path) -> bool {
    path.to_str().is_some_and(is_url)
}

/// Parse a timeout in seconds (`30`, `0.5`): positive and finite.
pub fn parse_seconds(s: &str) -> std::result::Result<Duration, String> {
    let secs: f64 = s
        .trim()
        .parse()
        .map_err(|_| format!("{s:?} is not a number of seconds"))?;
    if !(secs.is_finite() && secs > 0.0 && secs <= 86_400.0) {
        return Err(format!(
            "{s:?}: the timeout must be more than 0 and at most 86400 seconds"
        ));
    }
    Ok(Duration::from_secs_f64(secs))
}

/// Why a fetch failed: each is one line after the address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FetchError {
    /// The address does not parse, or is not http(s) with a host.
    BadUrl(String),
    /// The server answered with a status other than 2xx (after redirects).
    Status(u16, String),
    /// A timeout ran out (the timeout in force, for the message).
    Timeout(Duration),
    /// The body is larger than the limit (in bytes).
    TooLarge(u64),
    /// A content type that is not read (or none).
    NotText(Option<String>),
    /// The text is not in its charset (or UTF-8), or the charset is unknown.
    Encoding(String),
    /// More than [`MAX_REDIRECTS`] redirects.
    TooManyRedirects,
    /// The host name does not resolve.
    HostNotFound,
    /// No connection (refused, reset, TLS failure, ...).
    Connect(String),
    /// The page has no text, or the feed is not one.
    Content(String),
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FetchError::BadUrl(why) => write!(f, "bad URL: {why}"),
            FetchError::Status(code, reason) if reason.is_empty() => write!(f, "HTTP {code}"),
            FetchError::Status(code, reason) => write!(f, "HTTP {code} {reason}"),
            FetchError::Timeout(t) => write!(
                f,
                "timed out (no answer within {} s; see --timeout)",
                t.as_secs_f64()
            ),
            FetchError::TooLarge(limit) => write!(
                f,
                "too large: more than the limit of {limit} bytes (see --max-file-bytes)"
            ),
            FetchError::NotText(Some(t)) if t.contains("rss") || t.contains("atom") => write!(
                f,
                "not HTML or text: content type {t} (a feed: corroborate corpus --feed reads its items)"
            ),
            FetchError::NotText(Some(t)) => write!(f, "not HTML or text: content type {t}"),
            FetchError::NotText(None) => write!(f, "not HTML or text: no content type"),
            FetchError::Encoding(why) => f.write_str(why),
            FetchError::TooManyRedirects => {
                write!(f, "too many redirects (more than {MAX_REDIRECTS})")
            }
            FetchError::HostNotFound => f.write_str("host not found"),
            FetchError::Connect(why) => write!(f, "cannot connect: {why}"),
            FetchError::Content(why) => f.write_str(why),
        }
    }
}

impl FetchError {
    /// The core's error for this failure at `url`: one line, the address first.
    pub fn at(&self, url: &str) -> Error {
        let kind = match self {
            FetchError::NotText(_) => ErrorKind::UnsupportedFormat,
            FetchError::Encoding(_) => ErrorKind::NotUtf8,
            FetchError::Content(_) => ErrorKind::Corpus,
            _ => ErrorKind::Io,
        };
        Error::new(kind, format!("{}: {self}", shown(url)))
    }
}

/// An address as shown in messages: control characters replaced, so a line stays one line.
pub fn shown(url: &str) -> String {
    url.chars()
        .map(|c| if c.is_control() { '\u{fffd}' } else { c })
        .collect()
}

/// A fetched body.
#[derive(Clone, Debug)]
pub struct Fetched {
    /// The address after redirects.
    pub final_url: String,
    /// The media type, lower case, without parameters (`text/html`), when the server gave one.
    pub mime: Option<String>,
    /// The `charset` parameter of the content type, when given.
    pub charset: Option<String>,
    /// The body, decompressed.
    pub bytes: Vec<u8>,
}

/// An HTTP client with the limits above.
pub struct Fetcher {
    agent: ureq::Agent,
    timeout: Duration,
    max_bytes: u64,
}

impl Fetcher {
    /// A client with this timeout (connecting, each wait for data) and body size limit.
    pub fn new(timeout: Duration, max_bytes: u64) -> Fetcher {
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(MAX_REDIRECTS)
            .user_agent(user_agent())
            .timeout_resolve(Some(timeout))
            .timeout_connect(Some(timeout))
            .timeout_per_read(Some(timeout))
            .timeout_per_write(Some(timeout))
            .timeout_global(Some(timeout.saturating_mul(TOTAL_TIMEOUTS)))
            .build();
        Fetcher {
            agent: ureq::Agent::new_with_config(config),
            timeout,
            max_bytes,
        }
    }

    /// The client of this run: the timeout set by [`set_timeout`] (else [`DEFAULT_TIMEOUT`]).
    pub fn of_run(max_bytes: u64) -> Fetcher {
        Fetcher::new(run_timeout(), max_bytes)
    }

    /// The body limit, in bytes.
    pub fn max_bytes(&self) -> u64 {
        self.max_bytes
    }

    /// GET `url` with this `Accept` header: the body of a 2xx answer, after redirects.
    pub fn get(&self, url: &str, accept: &str) -> std::result::Result<Fetched, FetchError> {
        use ureq::ResponseExt;
        let parsed = parse_url(url)?;
        let mut response = self
            .agent
            .get(parsed.as_str())
            .header("Accept", accept)
            .call()
            .map_err(|e| self.error_of(e))?;
        let status = response.status();
        if !status.is_success() {
            return Err(FetchError::Status(
                status.as_u16(),
                status.canonical_reason().unwrap_or("").to_string(),
            ));
        }
        let final_url = response.get_uri().to_string();
        let body = response.body_mut();
        let mime = body.mime_type().map(str::to_ascii_lowercase);
        let charset = body.charset().map(str::to_ascii_lowercase);
        if body.content_length().is_some_and(|n| n > self.max_bytes) {
            return Err(FetchError::TooLarge(self.max_bytes));
        }
        let bytes = body
            .with_config()
            .limit(self.max_bytes)
            .read_to_vec()
            .map_err(|e| self.error_of(e))?;
        Ok(Fetched {
            final_url,
            mime,
            charset,
            bytes,
        })
    }

    fn error_of(&self, e: ureq::Error) -> FetchError {
        match e {
            ureq::Error::Timeout(_) => FetchError::Timeout(self.timeout),
            ureq::Error::BodyExceedsLimit(_) => FetchError::TooLarge(self.max_bytes),
            ureq::Error::TooManyRedirects => FetchError::TooManyRedirects,
            ureq::Error::HostNotFound => FetchError::HostNotFound,
            ureq::Error::BadUri(why) => FetchError::BadUrl(why),
            ureq::Error::Io(io) => match io.kind() {
                std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock => {
                    FetchError::Timeout(self.timeout)
                }
                std::io::ErrorKind::ConnectionRefused => {
                    FetchError::Connect("connection refused".into())
                }
                _ => FetchError::Connect(io.to_string()),
            },
            ureq::Error::Tls(why) => FetchError::Connect(format!("TLS: {why}")),
            ureq::Error::Protocol(why) => FetchError::Connect(format!("bad HTTP answer: {why}")),
            other => FetchError::Connect(other.to_string()),
        }
    }

    /// Fetch a page and read it as a source ([`page_source`]).
    pub fn source(&self, url: &str) -> std::result::Result<Source, FetchError> {
        let fetched = self.get(url, ACCEPT_PAGE)?;
        page_source(url, &fetched)
    }
}

/// An http(s) address with a host, parsed.
pub fn parse_url(url: &str) -> std::result::Result<url::Url, FetchError> {
    let parsed = url::Url::parse(url.trim()).map_err(|e| FetchError::BadUrl(e.to_string()))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(FetchError::BadUrl(
            "only http:// and https:// addresses are fetched".into(),
        ));
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(FetchError::BadUrl("no host".into()));
    }
    Ok(parsed)
}

/// Which reader a fetched page goes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// [`read::html`].
    Html,
    /// [`read::markdown`].
    Markdown,
    /// [`read::txt`].
    Text,
}

impl Kind {
    /// The reader for a media type (lower case, no parameters) at `url`; `None` for a type
    /// that is not read.
    pub fn of(mime: &str, url: &str) -> Option<Kind> {
        match mime {
            "text/html" | "application/xhtml+xml" => Some(Kind::Html),
            "text/markdown" | "text/x-markdown" => Some(Kind::Markdown),
            "text/plain" => {
                let path = url::Url::parse(url)
                    .map(|u| u.path().to_ascii_lowercase())
                    .unwrap_or_default();
                Some(if path.ends_with(".md") || path.ends_with(".markdown") {
                    Kind::Markdown
                } else {
                    Kind::Text
                })
            }
            _ => None,
        }
    }
}

/// Read a fetched page at `url` as a source: by its content type ([`Kind::of`]), with the
/// id [`id_of_url`] (unless the text gives one) and `url` as its address.
pub fn page_source(url: &str, fetched: &Fetched) -> std::result::Result<Source, FetchError> {
    let mime = fetched.mime.as_deref();
    let kind = mime
        .and_then(|m| Kind::of(m, &fetched.final_url))
        .ok_or_else(|| FetchError::NotText(mime.map(str::to_string)))?;
    let text = decode(
        &fetched.bytes,
        fetched.charset.as_deref(),
        kind == Kind::Html,
    )?;
    if text.trim().is_empty() {
        return Err(FetchError::Content("the page is empty".into()));
    }
    let id = id_of_url(url);
    let mut source = match kind {
        Kind::Html => read::html(&id, &text),
        Kind::Markdown => read::markdown(&id, &text),
        Kind::Text => read::txt(&id, &text),
    };
    if source.text.trim().is_empty() {
        return Err(FetchError::Content("no text found".into()));
    }
    if source.id.trim().is_empty() {
        source.id = id;
    }
    source.url = Some(url.trim().to_string());
    Ok(source)
}

/// The text of a body: a UTF-8 byte-order mark wins, then `charset` (from the content type),
/// then for HTML a `<meta charset>` in the first 1024 bytes; UTF-8 otherwise.
pub fn decode(
    bytes: &[u8],
    charset: Option<&str>,
    html: bool,
) -> std::result::Result<String, FetchError> {
    if let Some(rest) = bytes.strip_prefix(b"\xef\xbb\xbf") {
        return utf8(rest);
    }
    let label = charset
        .map(str::to_string)
        .or_else(|| html.then(|| meta_charset(bytes)).flatten());
    match label {
        Some(label) => {
            let encoding = encoding_rs::Encoding::for_label(label.trim().as_bytes())
                .ok_or_else(|| FetchError::Encoding(format!("unknown charset {label:?}")))?;
            if encoding == encoding_rs::UTF_8 {
                return utf8(bytes);
            }
            let (text, _, _) = encoding.decode(bytes);
            Ok(text.into_owned())
        }
        None => utf8(bytes),
    }
}

fn utf8(bytes: &[u8]) -> std::result::Result<String, FetchError> {
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        FetchError::Encoding(format!(
            "not UTF-8 text (invalid byte at offset {}) and no charset given",
            e.utf8_error().valid_up_to()
        ))
    })
}

/// The charset named by a `<meta charset=...>` or `<meta http-equiv content="...;
/// charset=...">` in the first 1024 bytes of a page.
fn meta_charset(bytes: &[u8]) -> Option<String> {
    let head = bytes.get(..1024).unwrap_or(bytes);
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let mut rest = head.as_str();
    while let Some(at) = rest.find("<meta") {
        rest = rest.get(at + 5..)?;
        let tag = rest.split('>').next().unwrap_or("");
        if let Some(c) = tag.find("charset") {
            let value = tag.get(c + 7..)?.trim_start();
            let value = value.strip_prefix('=')?.trim_start();
            let value = value.trim_start_matches(['"', '\'']);
            let end = value
                .find(|c: char| c == '"' || c == '\'' || c == ';' || c == '/' || c.is_whitespace())
                .unwrap_or(value.len());
            let label = value.get(..end)?.trim();
            if !label.is_empty() {
                return Some(label.to_string());
            }
        }
    }
    None
}

/// The id of a source fetched from `url`: the host in lower case without a leading `www.`,
/// the port if one is written, the path and the query, without the scheme, the fragment
/// (`#...`) and any final `/` (`https://www.Herald.example/news/ferry/?p=2#top` →
/// `herald.example/news/ferry/?p=2`). Longer than [`MAX_ID_BYTES`], it is
/// cut at a character boundary and ends in `~` and 8 hex digits of the FNV-1a hash of the
/// whole address, so different long addresses keep different ids. An address that does not
/// parse is used as written.
///
/// ```
/// use corroborate_cli::fetch::id_of_url;
/// assert_eq!(id_of_url("https://www.Herald.example/news/ferry-hits-pier/"), "herald.example/news/ferry-hits-pier");
/// assert_eq!(id_of_url("http://127.0.0.1:8080/a.html#top"), "127.0.0.1:8080/a.html");
/// let long = format!("https://x.example/{}", "a".repeat(200));
/// assert_eq!(id_of_url(&long).len(), 100);
/// assert_ne!(id_of_url(&long), id_of_url(&format!("{long}b")));
/// ```
pub fn id_of_url(url: &str) -> String {
    let url = url.trim();
    let id = match url::Url::parse(url) {
        Ok(u) => {
            let host = u.host_str().unwrap_or("");
            let host = host.strip_prefix("www.").unwrap_or(host);
            let mut id = host.to_string();
            if let Some(port) = u.port() {
                id.push_str(&format!(":{port}"));
            }
            id.push_str(u.path());
            if let Some(q) = u.query() {
                id.push('?');
                id.push_str(q);
            }
            while id.len() > host.len() && id.ends_with('/') {
                id.pop();
            }
            id
        }
        Err(_) => url.to_string(),
    };
    if id.len() <= MAX_ID_BYTES {
        return id;
    }
    let hash = fnv1a(url.as_bytes());
    let mut cut = MAX_ID_BYTES - 9;
    while !id.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}~{:08x}", &id[..cut], (hash ^ (hash >> 32)) as u32)
}

/// 64-bit FNV-1a.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

static TIMEOUT_MS: AtomicU64 = AtomicU64::new(0);
static FAILURES: AtomicUsize = AtomicUsize::new(0);

/// Set the timeout of this run's fetches ([`Fetcher::of_run`]).
pub fn set_timeout(timeout: Duration) {
    let ms = u64::try_from(timeout.as_millis())
        .unwrap_or(u64::MAX)
        .max(1);
    TIMEOUT_MS.store(ms, Ordering::Relaxed);
}

fn run_timeout() -> Duration {
    match TIMEOUT_MS.load(Ordering::Relaxed) {
        0 => DEFAULT_TIMEOUT,
        ms => Duration::from_millis(ms),
    }
}

/// How many inputs failed and were left out in this run ([`report_failure`]): the command
/// then ends with exit code 1 although its output was written.
pub fn failures() -> usize {
    FAILURES.load(Ordering::Relaxed)
}

/// Count a failure that is left out, and say it on stderr: `error: LINE` (through
/// `print`, so a progress bar is not broken).
pub fn report_failure(error: &Error, print: &mut dyn FnMut(&str)) {
    FAILURES.fetch_add(1, Ordering::Relaxed);
    print(&format!("error: {}", error.message()));
}

/// The page to check: fetched when `page` is an address (a failure is the error), else read
/// from the file ([`read::load_path_limited`]).
pub fn load_page(page: &Path, max_bytes: u64) -> Result<Vec<Source>> {
    match page.to_str().filter(|p| is_url(p)) {
        Some(url) => Fetcher::of_run(max_bytes)
            .source(url)
            .map(|s| vec![s])
            .map_err(|e| e.at(url)),
        None => read::load_path_limited(page, max_bytes),
    }
}

/// The sources of `check`: files and folders as [`read::load_corpus_with_origins`], and
/// addresses fetched; a failing address is reported on stderr and left out
/// ([`report_failure`]). The origin of a fetched source is its address.
pub fn load_sources(paths: &[PathBuf], max_bytes: u64) -> Result<(Corpus, Vec<PathBuf>)> {
    let fetcher = Fetcher::of_run(max_bytes);
    read::load_inputs(
        paths,
        max_bytes,
        &mut |_, _| {},
        &mut |url| fetcher.source(url).map_err(|e| e.at(url)),
        &mut |e| report_failure(e, &mut |line| eprintln!("{line}")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_and_paths() {
        for (arg, url) in [
            ("https://x.example/a", true),
            ("HTTP://X.EXAMPLE", true),
            ("http://", true),
            ("http:/x", false),
            ("demo/story", false),
            ("ftp://x.example/a", false),
            ("./https://x", false),
            ("", false),
            ("é", false),
        ] {
            assert_eq!(is_url(arg), url, "{arg:?}");
        }
    }

    #[test]
    fn bad_urls_are_named() {
        for (url, says) in [
            ("http://", "bad URL: empty host"),
            (
                "https://exa mple.com/",
                "bad URL: invalid international domain name",
            ),
            ("http://[::1", "bad URL: invalid IPv6 address"),
        ] {
            let e = parse_url(url).unwrap_err();
            assert_eq!(e.to_string(), says, "{url:?}");
        }
    }

    #[test]
    fn ids_from_addresses() {
        for (url, id) in [
            ("https://www.herald.example/", "herald.example"),
            ("https://herald.example", "herald.example"),
            (
                "https://herald.example/a/b?x=1&y=2",
                "herald.example/a/b?x=1&y=2",
            ),
            ("https://herald.example:8443/a//", "herald.example:8443/a"),
            ("HTTPS://HERALD.EXAMPLE/News", "herald.example/News"),
            ("not a url", "not a url"),
        ] {
            assert_eq!(id_of_url(url), id, "{url:?}");
        }
        let long = format!("https://x.example/{}", "é".repeat(100));
        let id = id_of_url(&long);
        assert!(id.len() <= MAX_ID_BYTES, "{id}");
        assert_eq!(id, id_of_url(&long), "deterministic");
    }

    #[test]
    fn readers_by_content_type() {
        let u = "https://x.example/notes.md";
        assert_eq!(Kind::of("text/html", u), Some(Kind::Html));
        assert_eq!(Kind::of("application/xhtml+xml", u), Some(Kind::Html));
        assert_eq!(Kind::of("text/plain", u), Some(Kind::Markdown));
        assert_eq!(
            Kind::of("text/plain", "https://x.example/a.txt"),
            Some(Kind::Text)
        );
        assert_eq!(Kind::of("text/markdown", u), Some(Kind::Markdown));
        assert_eq!(Kind::of("application/pdf", u), None);
        assert_eq!(Kind::of("application/json", u), None);
    }

    #[test]
    fn charsets() {
        assert_eq!(
            decode(b"caf\xe9", Some("iso-8859-1"), false).unwrap(),
            "café"
        );
        assert_eq!(
            decode(b"<meta charset=\"windows-1252\"><p>caf\xe9</p>", None, true).unwrap(),
            "<meta charset=\"windows-1252\"><p>caf\u{e9}</p>"
        );
        assert_eq!(
            decode(
                b"<meta http-equiv=content-type content='text/html; charset=latin1'>\xe9",
                None,
                true
            )
            .unwrap()
            .chars()
            .last(),
            Some('é')
        );
        assert_eq!(
            decode(b"\xef\xbb\xbfok", Some("latin1"), false).unwrap(),
            "ok"
        );
        assert!(matches!(
            decode(b"caf\xe9", None, false),
            Err(FetchError::Encoding(m)) if m.contains("offset 3")
        ));
        assert!(matches!(
            decode(b"x", Some("klingon"), false),
            Err(FetchError::Encoding(m)) if m == "unknown charset \"klingon\""
        ));
    }

    #[test]
    fn page_sources_keep_the_address() {
        let fetched = |mime: Option<&str>, body: &str| Fetched {
            final_url: "https://x.example/story".into(),
            mime: mime.map(str::to_string),
            charset: None,
            bytes: body.as_bytes().to_vec(),
        };
        let html = "<html><head><title>Storm</title><link rel=canonical href=https://elsewhere.example/s>\
            <meta property=og:site_name content=\"The Post\"></head><body><p>Rain fell.</p></body></html>";
        let s = page_source("https://x.example/story", &fetched(Some("text/html"), html)).unwrap();
        assert_eq!(
            (
                s.id.as_str(),
                s.title.as_deref(),
                s.outlet.as_deref(),
                s.url.as_deref(),
                s.text.as_str()
            ),
            (
                "x.example/story",
                Some("Storm"),
                Some("The Post"),
                Some("https://x.example/story"),
                "Rain fell."
            )
        );
        let s = page_source(
            "https://x.example/t",
            &fetched(Some("text/plain"), "Title: T\n\nBody."),
        )
        .unwrap();
        assert_eq!((s.title.as_deref(), s.text.as_str()), (Some("T"), "Body."));
        for (mime, body, says) in [
            (
                Some("application/pdf"),
                "%PDF-1.4",
                "not HTML or text: content type application/pdf",
            ),
            (None, "<p>x</p>", "not HTML or text: no content type"),
            (Some("text/html"), "  \n", "the page is empty"),
            (Some("text/html"), "<script>x</script>", "no text found"),
        ] {
            let e = page_source("https://x.example/story", &fetched(mime, body)).unwrap_err();
            assert_eq!(e.to_string(), says);
        }
    }

    #[test]
    fn messages_are_one_line() {
        assert_eq!(
            FetchError::Status(404, "Not Found".into())
                .at("https://x.example/a")
                .message(),
            "https://x.example/a: HTTP 404 Not Found"
        );
        assert_eq!(
            FetchError::Timeout(Duration::from_millis(500)).to_string(),
            "timed out (no answer within 0.5 s; see --timeout)"
        );
        assert_eq!(
            FetchError::NotText(Some("application/rss+xml".into())).to_string(),
            "not HTML or text: content type application/rss+xml (a feed: corroborate corpus --feed reads its items)"
        );
        assert_eq!(shown("https://x/\na"), "https://x/\u{fffd}a");
        assert_eq!(parse_seconds("0.5"), Ok(Duration::from_millis(500)));
        assert!(parse_seconds("0").is_err());
        assert!(parse_seconds("NaN").is_err());
        assert!(parse_seconds("x").is_err());
    }
}
