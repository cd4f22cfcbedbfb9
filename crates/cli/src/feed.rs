//! `corroborate corpus --feed URL`: a corpus from the items of RSS and Atom feeds.
//!
//! Each feed is fetched ([`crate::fetch`], the same client and limits as pages) and parsed by
//! [`feed_rs`] (RSS 2.0 and Atom; it also reads RSS 0.9x/1.0 and JSON Feed). Its first `limit`
//! items, in the feed's order ([`DEFAULT_LIMIT`] unless `--limit` says), are fetched one by one
//! from their links and read as pages are ([`crate::fetch::page_source`]: HTML, Markdown or
//! text by content type, the extraction rules of docs/extraction.md). Each item becomes a
//! source with
//!
//! * `outlet`: the feed's title, else its host (without `www.`);
//! * `title`: the item's title, else the page's;
//! * `published`: the item's date (its `pubDate` / `published`, else `updated`) in ISO 8601,
//!   UTC (`2025-11-19T07:30:00Z`), else the page's;
//! * `url`: the item's link (made absolute against the feed's address), and the id made from it
//!   ([`crate::fetch::id_of_url`]).
//!
//! A feed that fails (fetch, not a feed, no items) and an item that fails (no link, fetch,
//! content type, no text, an id already taken) are each one error line on stderr and left out;
//! the rest of the corpus is still written. An item whose link was already read in this run
//! (by another feed, or given as a source) is read once.

use crate::fetch::{self, FetchError, Fetcher};
use crate::progress::{Progress, Show};
use crate::read::{self, Gathered};
use corroborate::{Corpus, Result, Source};
use std::cell::RefCell;
use std::collections::HashSet;
use std::path::PathBuf;

/// How many items of each feed are read unless `--limit` says otherwise.
pub const DEFAULT_LIMIT: usize = 20;

/// What a feed is asked for as (the `Accept` header).
pub const ACCEPT_FEED: &str = "application/rss+xml, application/atom+xml, application/feed+json;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1";

/// One item of a feed, as read from the feed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// The item's title, as plain text.
    pub title: Option<String>,
    /// The item's link, absolute.
    pub link: Option<String>,
    /// The item's date, ISO 8601 in UTC.
    pub published: Option<String>,
}

/// A parsed feed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Feed {
    /// The feed's title, as plain text.
    pub title: Option<String>,
    /// Its items, in the feed's order.
    pub items: Vec<Item>,
}

impl Feed {
    /// The outlet of the feed's items: its title, else the host of `feed_url` (no `www.`).
    pub fn outlet(&self, feed_url: &str) -> String {
        self.title.clone().unwrap_or_else(|| {
            let host = url::Url::parse(feed_url)
                .ok()
                .and_then(|u| u.host_str().map(str::to_string))
                .unwrap_or_else(|| feed_url.to_string());
            host.strip_prefix("www.").unwrap_or(&host).to_string()
        })
    }
}

/// One line of plain text from a feed's text (HTML made plain when it is HTML).
fn plain(text: &feed_rs::model::Text) -> Option<String> {
    let raw = if text.content_type.essence().to_string() == "text/html" {
        crate::html::html_to_text(&text.content).text
    } else {
        text.content.clone()
    };
    let line = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    (!line.is_empty()).then_some(line)
}

/// The link of an entry: the first `alternate` (or untyped) link, else the first link; made
/// absolute against `base`.
fn link_of(entry: &feed_rs::model::Entry, base: Option<&url::Url>) -> Option<String> {
    let alternate = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or_else(|| entry.links.first())?;
    let href = alternate.href.trim();
    if href.is_empty() {
        return None;
    }
    match base.and_then(|b| b.join(href).ok()) {
        Some(u) => Some(u.to_string()),
        None => Some(href.to_string()),
    }
}

/// Parse a feed's body; links are made absolute against `feed_url`.
pub fn parse(bytes: &[u8], feed_url: &str) -> std::result::Result<Feed, FetchError> {
    let parsed = feed_rs::parser::Builder::new()
        .base_uri(Some(feed_url))
        .build()
        .parse(bytes)
        .map_err(|e| {
            let why = e.to_string();
            let why = why.split_whitespace().collect::<Vec<_>>().join(" ");
            FetchError::Content(format!("not an RSS or Atom feed: {why}"))
        })?;
    let base = url::Url::parse(feed_url).ok();
    let items = parsed
        .entries
        .iter()
        .map(|e| Item {
            title: e.title.as_ref().and_then(plain),
            link: link_of(e, base.as_ref()),
            published: e
                .published
                .or(e.updated)
                .map(|d| d.format("%Y-%m-%dT%H:%M:%SZ").to_string()),
        })
        .collect();
    Ok(Feed {
        title: parsed.title.as_ref().and_then(plain),
        items,
    })
}

/// Fetch and parse a feed.
pub fn fetch_feed(fetcher: &Fetcher, feed_url: &str) -> std::result::Result<Feed, FetchError> {
    let fetched = fetcher.get(feed_url, ACCEPT_FEED)?;
    let feed =
        parse(&fetched.bytes, &fetched.final_url).map_err(|e| match (&e, &fetched.mime) {
            (FetchError::Content(why), Some(mime)) => {
                FetchError::Content(format!("{why} (content type {mime})"))
            }
            _ => e,
        })?;
    if feed.items.is_empty() {
        return Err(FetchError::Content("the feed has no items".into()));
    }
    Ok(feed)
}

/// Fetch an item's page and make it a source of the feed's `outlet`.
pub fn item_source(
    fetcher: &Fetcher,
    outlet: &str,
    item: &Item,
) -> std::result::Result<Source, FetchError> {
    let link = item
        .link
        .as_deref()
        .ok_or_else(|| FetchError::Content("the item has no link".into()))?;
    let mut source = fetcher.source(link)?;
    source.outlet = Some(outlet.to_string());
    if item.title.is_some() {
        source.title = item.title.clone();
    }
    if item.published.is_some() {
        source.published = item.published.clone();
    }
    Ok(source)
}

/// The corpus of `corroborate corpus`: the files, folders and addresses in `paths` (read as
/// [`read::load_inputs`], with progress "reading sources"), then the first `limit` items of
/// each feed (progress "reading FEED"). Every input that fails is one `error:` line on stderr
/// ([`fetch::report_failure`], shown even when `show` is quiet) and is left out; a file that
/// cannot be read, two sources with one id among `paths`, or nothing read at all is the error.
pub fn gather(
    paths: &[PathBuf],
    feeds: &[String],
    limit: usize,
    max_bytes: u64,
    show: Show,
) -> Result<Corpus> {
    let fetcher = Fetcher::of_run(max_bytes);
    let mut seen: HashSet<String> = HashSet::new();
    let mut gathered = if paths.is_empty() {
        Gathered::default()
    } else {
        for p in paths.iter().filter_map(|p| p.to_str()) {
            if fetch::is_url(p) {
                seen.insert(p.trim().to_string());
            }
        }
        let bar: RefCell<Option<Progress>> = RefCell::new(None);
        let read = read::read_inputs(
            paths,
            max_bytes,
            &mut |n, total| {
                bar.borrow_mut()
                    .get_or_insert_with(|| Progress::new("reading sources", total as u64, show))
                    .set(n as u64)
            },
            Some((
                &mut |url| fetcher.source(url).map_err(|e| e.at(url)),
                &mut |e| {
                    let bar = bar.borrow();
                    fetch::report_failure(e, &mut |line| match bar.as_ref() {
                        Some(p) => p.error(line),
                        None => eprintln!("{line}"),
                    })
                },
            )),
        );
        if let Some(p) = bar.take() {
            p.finish();
        }
        read?
    };
    for feed_url in feeds {
        let feed = match fetch_feed(&fetcher, feed_url) {
            Ok(feed) => feed,
            Err(e) => {
                fetch::report_failure(&e.at(feed_url), &mut |line| eprintln!("{line}"));
                gathered.failed();
                continue;
            }
        };
        let outlet = feed.outlet(feed_url);
        let items = &feed.items[..feed.items.len().min(limit)];
        let progress = Progress::new(
            &format!("reading {}", fetch::shown(feed_url)),
            items.len() as u64,
            show,
        );
        for (n, item) in items.iter().enumerate() {
            let origin = item.link.clone().unwrap_or_default();
            if !origin.is_empty() && !seen.insert(origin.clone()) {
                progress.inc(1);
                continue;
            }
            let at = if origin.is_empty() {
                format!("{feed_url} (item {})", n + 1)
            } else {
                origin.clone()
            };
            let added = item_source(&fetcher, &outlet, item)
                .map_err(|e| e.at(&at))
                .and_then(|s| gathered.push(s, PathBuf::from(&origin)));
            if let Err(e) = added {
                fetch::report_failure(&e, &mut |line| progress.error(line));
                gathered.failed();
            }
            progress.inc(1);
        }
        progress.finish();
    }
    gathered.into_corpus().map(|(corpus, _)| corpus)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_and_atom_items() {
        let rss = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>The  Harbour Herald</title>
            <item><title>Ferry &amp; pier</title><link>/news/ferry</link>
            <pubDate>Wed, 19 Nov 2025 08:30:00 +0100</pubDate></item>
            <item><title>No link</title></item></channel></rss>"#;
        let feed = parse(rss.as_bytes(), "https://herald.example/feed.xml").unwrap();
        assert_eq!(
            feed.outlet("https://herald.example/feed.xml"),
            "The Harbour Herald"
        );
        assert_eq!(
            feed.items,
            vec![
                Item {
                    title: Some("Ferry & pier".into()),
                    link: Some("https://herald.example/news/ferry".into()),
                    published: Some("2025-11-19T07:30:00Z".into()),
                },
                Item {
                    title: Some("No link".into()),
                    link: None,
                    published: None,
                },
            ]
        );
        let atom = r#"<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
            <id>urn:x</id><updated>2025-11-20T10:00:00Z</updated>
            <entry><id>urn:1</id><title type="html">Storm &lt;em&gt;hits&lt;/em&gt;</title>
            <link rel="enclosure" href="https://x.example/a.mp3"/><link href="https://x.example/a"/>
            <updated>2025-11-20T09:00:00Z</updated></entry></feed>"#;
        let feed = parse(atom.as_bytes(), "https://www.x.example/atom").unwrap();
        assert_eq!(feed.outlet("https://www.x.example/atom"), "x.example");
        assert_eq!(
            feed.items,
            vec![Item {
                title: Some("Storm hits".into()),
                link: Some("https://x.example/a".into()),
                published: Some("2025-11-20T09:00:00Z".into()),
            }]
        );
    }

    #[test]
    fn not_a_feed() {
        for body in [
            "<html><p>hi</p></html>",
            "<rss version=\"2.0\"><channel><item>",
            "",
        ] {
            let e = parse(body.as_bytes(), "https://x.example/f").unwrap_err();
            assert!(
                e.to_string().starts_with("not an RSS or Atom feed: "),
                "{body:?}: {e}"
            );
            assert!(!e.to_string().contains('\n'));
        }
    }
}
