//! Reading sources from files: `.txt`, `.md`, `.html` and `.json`, one file or a folder.
//!
//! Files are read by extension ([`parse_file`] works on a name and its contents; [`load_path`]
//! and [`load_corpus`] read files and folders):
//!
//! * `.txt`: plain text, with optional header lines (`Title:`, `Outlet:`, `URL:`,
//!   `Published:`, `Id:`) followed by a blank line; without a `Title:` header, a first line
//!   that looks like a headline (short, no final full stop) is the title.
//! * `.md`, `.markdown`: optional front matter between `---` lines, then Markdown made plain
//!   (see [`markdown`]).
//! * `.html`, `.htm`: the visible text and metadata of the page ([`crate::html::html_to_text`]).
//! * `.json`: a source object, an array of source objects, or a corpus
//!   ([`corroborate::sources_from_json`]).
//!
//! A folder holding an index (`manifest.json` and its shards, from `corroborate index`) is read
//! as the sources it was built from, in their order ([`crate::index::read`]).
//!
//! The id of a source is the file name without its extension unless the file gives one.
//!
//! Which crate does what: Markdown is parsed by [`pulldown_cmark`] (CommonMark with GitHub's
//! tables, strikethrough and footnotes) and HTML by [`crate::html`] (on `lol_html`); the
//! headers of `.txt` files and Markdown's front matter are small own parsers, since neither
//! is Markdown (front matter is a YAML subset of `key: value` lines, read without a YAML
//! crate because only five flat keys are used and everything else is ignored).

use crate::html::html_to_text;
use corroborate::{sources_from_json, Corpus, Error, ErrorKind, Result, Source};
use std::path::{Path, PathBuf};

/// The file extensions that are read, lower case, without the dot.
const EXTENSIONS: &[&str] = &["txt", "md", "markdown", "html", "htm", "json"];

/// The supported extensions, for messages.
const EXTENSIONS_TEXT: &str = ".txt, .md, .markdown, .html, .htm or .json";

/// Metadata fields that headers and front matter can set.
#[derive(Default)]
struct Fields {
    id: Option<String>,
    title: Option<String>,
    outlet: Option<String>,
    url: Option<String>,
    published: Option<String>,
}

/// Where a field is stored in [`Fields`].
type Slot = fn(&mut Fields) -> &mut Option<String>;

/// Which field a header or front-matter key sets: `None` for a key that is not known,
/// `Some(None)` for a known key that is ignored (`Author:`).
fn field_of(key: &str) -> Option<Option<Slot>> {
    let key = key.trim().to_ascii_lowercase();
    Some(Some(match key.as_str() {
        "id" => |f: &mut Fields| &mut f.id,
        "title" | "headline" => |f: &mut Fields| &mut f.title,
        "outlet" | "source" | "publisher" | "site" => |f: &mut Fields| &mut f.outlet,
        "url" | "link" => |f: &mut Fields| &mut f.url,
        "published" | "date" => |f: &mut Fields| &mut f.published,
        "author" | "authors" | "byline" => return Some(None),
        _ => return None,
    }))
}

/// A `key: value` line, split.
fn key_value(line: &str) -> Option<(&str, &str)> {
    let (k, v) = line.split_once(':')?;
    let k = k.trim();
    if k.is_empty() || k.contains(char::is_whitespace) {
        return None;
    }
    Some((k, v.trim()))
}

fn non_empty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

/// Strip a byte-order mark and make line ends `\n`.
fn clean(content: &str) -> String {
    let c = content.strip_prefix('\u{feff}').unwrap_or(content);
    if c.contains('\r') {
        c.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        c.to_string()
    }
}

fn with_fields(default_id: &str, f: Fields, text: String) -> Source {
    Source {
        id: f.id.unwrap_or_else(|| default_id.to_string()),
        title: f.title,
        outlet: f.outlet,
        url: f.url,
        published: f.published,
        story: None,
        text,
    }
}

/// Read a plain-text article.
///
/// Header lines at the very top (`Title:`, `Outlet:`, `URL:`, `Published:`, `Id:`; also
/// `Headline:`, `Source:`/`Publisher:`/`Site:`, `Link:`, `Date:`, and `Author:` which is
/// ignored), case-insensitive, followed by a blank line, set the metadata and are not
/// part of the text. Without a `Title:` header, a first line that looks like a headline
/// (at most 20 words and 150 characters, no final `.`, `,`, `;` or `:`, followed by more
/// text) is the title; it stays in the text. The text is kept as written otherwise.
///
/// ```
/// use corroborate_cli::read;
/// let s = read::txt("file", "Title: Storm\nOutlet: The Post\n\nRain fell.\n");
/// assert_eq!((s.id.as_str(), s.title.as_deref(), s.outlet.as_deref()), ("file", Some("Storm"), Some("The Post")));
/// assert_eq!(s.text, "Rain fell.");
/// let s = read::txt("file", "Storm hits coast\n\nRain fell.");
/// assert_eq!(s.title.as_deref(), Some("Storm hits coast"));
/// ```
pub fn txt(default_id: &str, content: &str) -> Source {
    let content = clean(content);
    let (fields, body) = match txt_header(&content) {
        Some((fields, body)) => (fields, body),
        None => (Fields::default(), content.as_str()),
    };
    let body = body.trim_start_matches(['\n', ' ', '\t']).trim_end();
    let mut fields = fields;
    if fields.title.is_none() {
        fields.title = headline(body);
    }
    with_fields(default_id, fields, body.to_string())
}

/// Read a Markdown article.
///
/// Front matter between a first line `---` and a closing `---` (or `...`) holds simple
/// `key: value` pairs (the keys of [`txt`]; values may be quoted; other keys
/// are ignored). The body, parsed by [`pulldown_cmark`], is made plain: heading marks (`#`,
/// underlines) are removed and each heading is its own paragraph; emphasis marks (`*`, `_`,
/// `~~`) are removed; links `[text](url)` become their text; images, reference definitions,
/// footnote marks, inline HTML tags and comments are dropped, and an HTML block is read as
/// an HTML page ([`crate::html::html_to_text`]); inline code keeps its text, **code blocks
/// (fenced or indented) are dropped** (code is not a claim); blockquote marks are removed;
/// list items stay on their own lines with their marker (`- ` for bullets, `1. ` for numbered
/// items, counted from the list's first number), and lists that follow each other without a
/// blank line read as one; table rows become cells joined with `" | "`; the lines of a
/// paragraph are joined with spaces and white space is collapsed.
/// Without a `title` in the front matter, the first `# Heading` is the title.
///
/// ```
/// use corroborate_cli::read;
/// let md = "---\noutlet: \"The Post\"\n---\n# Storm *hits*\n\nRain [fell](http://x) on\nthe **coast**.\n\n* one\n* two\n";
/// let s = read::markdown("file", md);
/// assert_eq!(s.title.as_deref(), Some("Storm hits"));
/// assert_eq!(s.outlet.as_deref(), Some("The Post"));
/// assert_eq!(s.text, "Storm hits\n\nRain fell on the coast.\n\n- one\n- two");
/// ```
pub fn markdown(default_id: &str, content: &str) -> Source {
    let content = clean(content);
    let (mut fields, body) = front_matter(&content);
    let (text, h1) = markdown_to_text(body);
    if fields.title.is_none() {
        fields.title = h1;
    }
    with_fields(default_id, fields, text)
}

/// Read an HTML page: its visible text, and title, outlet (`og:site_name`), url and
/// publication date from its metadata (see [`crate::html::html_to_text`]).
///
/// ```
/// use corroborate_cli::read;
/// let s = read::html("page", "<title>Storm</title><p>Rain fell.</p>");
/// assert_eq!((s.title.as_deref(), s.text.as_str()), (Some("Storm"), "Rain fell."));
/// ```
pub fn html(default_id: &str, content: &str) -> Source {
    let doc = html_to_text(content);
    Source {
        id: default_id.to_string(),
        title: doc.title,
        outlet: doc.site_name,
        url: doc.url,
        published: doc.published,
        story: None,
        text: doc.text,
    }
}

/// Load sources from files and folders ([`load_path`] each) into a checked corpus.
///
/// Fails with [`ErrorKind::NoSources`] when `paths` is empty, with the error of the first
/// file that cannot be read, and with [`ErrorKind::Corpus`] when two sources share an id
/// (naming the id and both files).
pub fn load_corpus(paths: &[PathBuf]) -> Result<Corpus> {
    load_corpus_with_origins(paths, MAX_FILE_BYTES).map(|(corpus, _)| corpus)
}

/// Like [`load_corpus`], with a size limit per file (`max_bytes`, see [`MAX_FILE_BYTES`]),
/// and also the file each source was read from (one path per source, in the same order),
/// for telling a page apart from a source with the same file name.
pub fn load_corpus_with_origins(
    paths: &[PathBuf],
    max_bytes: u64,
) -> Result<(Corpus, Vec<PathBuf>)> {
    load_corpus_with_progress(paths, max_bytes, &mut |_, _| {})
}

/// Like [`load_corpus_with_origins`], calling `progress(files read, files in all)` after each
/// file (the folders are listed first, so the total is known from the start).
pub fn load_corpus_with_progress(
    paths: &[PathBuf],
    max_bytes: u64,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<(Corpus, Vec<PathBuf>)> {
    read_inputs(paths, max_bytes, progress, None)?.into_corpus()
}

/// Reads a web address (`http://`, `https://`) into a source: [`crate::fetch`] does it for the
/// command line.
pub type UrlReader<'a> = &'a mut dyn FnMut(&str) -> Result<Source>;

/// Called with the error of an input that is left out.
pub type OnSkip<'a> = &'a mut dyn FnMut(&Error);

/// Like [`load_corpus_with_progress`], with the arguments that are web addresses
/// ([`crate::fetch::is_url`]) read by `url` in their place in the order. An address that
/// fails is given to `skipped` and left out (a file that fails is still the error); when every
/// input failed, the error is [`ErrorKind::NoSources`]. The origin of a fetched source is its
/// address.
pub fn load_inputs(
    paths: &[PathBuf],
    max_bytes: u64,
    progress: &mut dyn FnMut(usize, usize),
    url: UrlReader,
    skipped: OnSkip,
) -> Result<(Corpus, Vec<PathBuf>)> {
    read_inputs(paths, max_bytes, progress, Some((url, skipped)))?.into_corpus()
}

/// One input to read: a file, or a web address.
enum Input {
    File(PathBuf),
    Url(String),
    /// A folder holding an index (`corroborate index`): its sources, in their order.
    Index(PathBuf),
}

/// Sources being gathered, with where each came from and how many inputs failed.
#[derive(Default)]
pub struct Gathered {
    sources: Vec<Source>,
    origins: Vec<PathBuf>,
    ids: std::collections::HashMap<String, usize>,
    failed: usize,
}

impl Gathered {
    /// Add a source read from `origin`; a source whose id is taken is the error
    /// ([`ErrorKind::Corpus`], naming both origins) and is not added.
    pub fn push(&mut self, source: Source, origin: PathBuf) -> Result<()> {
        if let Some(&k) = self.ids.get(&source.id) {
            let first = self
                .origins
                .get(k)
                .map(|p| p.display().to_string())
                .unwrap_or_default();
            return Err(Error::new(
                ErrorKind::Corpus,
                format!(
                    "two sources have the id {:?} ({} and {})",
                    source.id,
                    first,
                    origin.display()
                ),
            ));
        }
        self.ids.insert(source.id.clone(), self.sources.len());
        self.sources.push(source);
        self.origins.push(origin);
        Ok(())
    }

    /// Count an input that failed and was left out.
    pub fn failed(&mut self) {
        self.failed += 1;
    }

    /// The sources gathered so far.
    pub fn sources(&self) -> &[Source] {
        &self.sources
    }

    /// The checked corpus, and each source's origin. Nothing gathered: when inputs failed,
    /// [`ErrorKind::NoSources`] saying so.
    pub fn into_corpus(self) -> Result<(Corpus, Vec<PathBuf>)> {
        if self.sources.is_empty() && self.failed > 0 {
            return Err(Error::new(
                ErrorKind::NoSources,
                format!(
                    "no sources could be read ({} failed, each said above)",
                    self.failed
                ),
            ));
        }
        let corpus = Corpus {
            sources: self.sources,
        };
        corpus.validate()?;
        Ok((corpus, self.origins))
    }
}

/// Read files, folders and (with `web`) addresses in order into a [`Gathered`]: the work of
/// [`load_inputs`], before the corpus is checked (so that more sources can be added).
pub fn read_inputs(
    paths: &[PathBuf],
    max_bytes: u64,
    progress: &mut dyn FnMut(usize, usize),
    mut web: Option<(UrlReader, OnSkip)>,
) -> Result<Gathered> {
    if paths.is_empty() {
        return Err(Error::new(
            ErrorKind::NoSources,
            "no source files or folders given",
        ));
    }
    let mut inputs = Vec::new();
    for path in paths {
        match path
            .to_str()
            .filter(|p| web.is_some() && crate::fetch::is_url(p))
        {
            Some(url) => inputs.push(Input::Url(url.to_string())),
            None if crate::index::is_index(path) => inputs.push(Input::Index(path.clone())),
            None => inputs.extend(files_of(path)?.into_iter().map(Input::File)),
        }
    }
    let mut gathered = Gathered::default();
    for (n, input) in inputs.iter().enumerate() {
        match (input, web.as_mut()) {
            (Input::Url(url), Some((reader, skipped))) => match reader(url) {
                Ok(source) => gathered.push(source, PathBuf::from(url))?,
                Err(e) => {
                    skipped(&e);
                    gathered.failed();
                }
            },
            (Input::Url(url), None) => {
                for source in load_file(Path::new(url), max_bytes)? {
                    gathered.push(source, PathBuf::from(url))?;
                }
            }
            (Input::File(file), _) => {
                for source in load_file(file, max_bytes)? {
                    gathered.push(source, file.clone())?;
                }
            }
            (Input::Index(dir), _) => {
                for source in crate::index::read(dir, max_bytes)?.sources {
                    gathered.push(source, dir.clone())?;
                }
            }
        }
        progress(n + 1, inputs.len());
    }
    Ok(gathered)
}

/// The header block of a `.txt` file and the body after it, when there is one.
fn txt_header(content: &str) -> Option<(Fields, &str)> {
    let mut fields = Fields::default();
    let mut seen = 0;
    let mut offset = 0;
    for line in content.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            return (seen > 0).then(|| (fields, content.get(offset..).unwrap_or("")));
        }
        let (k, v) = key_value(trimmed)?;
        if let Some(slot) = field_of(k)? {
            let slot = slot(&mut fields);
            if slot.is_none() {
                *slot = non_empty(v);
            }
        }
        seen += 1;
        offset += line.len();
    }
    // The whole file is a header: no text.
    (seen > 0).then_some((fields, ""))
}

/// The first line of `body` when it looks like a headline.
fn headline(body: &str) -> Option<String> {
    let mut lines = body.lines();
    let first = lines.next()?.trim();
    let next = lines.find(|l| !l.trim().is_empty())?;
    let words = first.split_whitespace().count();
    let ends_badly = first.ends_with(['.', ',', ';', ':']) && !first.ends_with("...");
    let continues = next
        .trim_start()
        .chars()
        .next()
        .is_some_and(char::is_lowercase)
        && !body.lines().nth(1).is_some_and(|l| l.trim().is_empty());
    let list_item = first.starts_with(['-', '*', '•', '+']);
    (words > 0
        && words <= 20
        && first.chars().count() <= 150
        && !ends_badly
        && !continues
        && !list_item)
        .then(|| first.to_string())
}

/// Split off YAML-like front matter.
fn front_matter(content: &str) -> (Fields, &str) {
    let mut fields = Fields::default();
    let mut lines = content.split_inclusive('\n');
    let Some(first) = lines.next() else {
        return (fields, content);
    };
    if first.trim_end() != "---" {
        return (fields, content);
    }
    let mut offset = first.len();
    let mut pairs = Vec::new();
    for line in lines {
        offset += line.len();
        let t = line.trim();
        if t == "---" || t == "..." {
            for (k, v) in pairs {
                if let Some(Some(slot)) = field_of(k) {
                    let slot = slot(&mut fields);
                    if slot.is_none() {
                        *slot = non_empty(unquote(v));
                    }
                }
            }
            return (fields, content.get(offset..).unwrap_or(""));
        }
        if t.starts_with('#') || line.starts_with([' ', '\t']) {
            continue;
        }
        if let Some(kv) = key_value(t) {
            pairs.push(kv);
        }
    }
    // No closing line: not front matter.
    (Fields::default(), content)
}

fn unquote(v: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = v.strip_prefix(q).and_then(|r| r.strip_suffix(q)) {
            return inner;
        }
    }
    v
}

/// Plain text of a Markdown body, and its first level-1 heading.
///
/// [`pulldown_cmark`] parses the body (CommonMark, with the tables, strikethrough and
/// footnotes of GitHub's dialect); this walk only decides what of each event is text.
/// HTML blocks are read by [`html_to_text`], so a `<p>` inside Markdown reads as it would in
/// a page.
fn markdown_to_text(body: &str) -> (String, Option<String>) {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES;
    let mut md = MdOut::default();
    let mut h1: Option<String> = None;
    // Inside an image (its alt text is not the article's) or a code block: nesting depth.
    let mut skip = 0usize;
    let mut heading: Option<pulldown_cmark::HeadingLevel> = None;
    let mut html = String::new();
    let mut list_numbers: Vec<Option<u64>> = Vec::new();
    let mut cells: Vec<String> = Vec::new();
    let mut in_cell = false;
    for (event, at) in Parser::new_ext(body, options).into_offset_iter() {
        match event {
            Event::Start(Tag::Image { .. } | Tag::CodeBlock(_)) => skip += 1,
            Event::End(TagEnd::Image | TagEnd::CodeBlock) => skip = skip.saturating_sub(1),
            _ if skip > 0 => {}
            Event::Start(Tag::Heading { level, .. }) => {
                md.end_block();
                heading = Some(level);
            }
            Event::End(TagEnd::Heading(_)) => {
                let text = std::mem::take(&mut md.para);
                if heading == Some(pulldown_cmark::HeadingLevel::H1) && h1.is_none() {
                    h1 = title_of(&text);
                }
                heading = None;
                md.heading(&text);
            }
            // The paragraphs of a loose list's item are joined into the item's line.
            Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) if md.para_is_item => {
                md.text(" ")
            }
            Event::Start(Tag::Paragraph | Tag::BlockQuote(_) | Tag::FootnoteDefinition(_)) => {
                md.end_block()
            }
            Event::End(TagEnd::Paragraph | TagEnd::BlockQuote(_) | TagEnd::FootnoteDefinition) => {
                md.end_block()
            }
            Event::Start(Tag::List(first)) => {
                md.flush();
                // Lists one after the other are one list to a reader, unless a blank line
                // stands between them.
                let before = body
                    .get(..at.start)
                    .unwrap_or("")
                    .trim_end_matches([' ', '\t']);
                if list_numbers.is_empty() && before.ends_with("\n\n") {
                    md.last_was_item = false;
                }
                list_numbers.push(first);
            }
            Event::End(TagEnd::List(_)) => {
                md.flush();
                list_numbers.pop();
            }
            Event::Start(Tag::Item) => {
                let marker = match list_numbers.last_mut() {
                    Some(Some(n)) => {
                        let m = format!("{n}. ");
                        *n = n.saturating_add(1);
                        m
                    }
                    _ => "- ".to_string(),
                };
                md.item(&marker);
            }
            Event::End(TagEnd::Item) => md.flush(),
            Event::Start(Tag::Table(_)) => md.end_block(),
            Event::End(TagEnd::Table) => md.end_block(),
            Event::Start(Tag::TableHead | Tag::TableRow) => cells.clear(),
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => {
                let row = std::mem::take(&mut cells);
                md.line(&row.join(" | "));
            }
            Event::Start(Tag::TableCell) => {
                in_cell = true;
                cells.push(String::new());
            }
            Event::End(TagEnd::TableCell) => in_cell = false,
            Event::Text(t) | Event::Code(t) => {
                if in_cell {
                    if let Some(c) = cells.last_mut() {
                        c.push_str(&t);
                    }
                } else {
                    md.text(&t);
                }
            }
            Event::SoftBreak => md.text(" "),
            Event::HardBreak => md.hard_break(),
            Event::Html(raw) => html.push_str(&raw),
            Event::End(TagEnd::HtmlBlock) => {
                let text = html_to_text(&std::mem::take(&mut html)).text;
                md.end_block();
                for para in text.split("\n\n") {
                    md.text(para);
                    md.end_block();
                }
            }
            // Inline tags, footnote marks, rules, task boxes and math have no text of their own.
            _ => {}
        }
    }
    md.end_block();
    (md.out, h1)
}

/// A heading as a title: one line, its white space collapsed (a setext heading's lines may
/// end in hard breaks); `None` when it has no text.
fn title_of(heading: &str) -> Option<String> {
    let title = heading.split_whitespace().collect::<Vec<_>>().join(" ");
    (!title.is_empty()).then_some(title)
}

/// The plain text being built from Markdown: blocks separated by a blank line, list items and
/// table rows by a line break.
#[derive(Default)]
struct MdOut {
    out: String,
    /// The paragraph, heading or list item being joined.
    para: String,
    /// Whether `para` is a list item.
    para_is_item: bool,
    /// The length of the item's marker (`"- "`, `"12. "`) at the start of `para`.
    marker_len: usize,
    /// The previous block was a list item or a table row.
    last_was_item: bool,
}

impl MdOut {
    /// Add a finished block: its white space collapsed within each line, its lines trimmed.
    fn emit(&mut self, block: &str, is_item: bool) {
        let lines: Vec<String> = block
            .split('\n')
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|l| !l.is_empty())
            .collect();
        if lines.is_empty() {
            return;
        }
        if !self.out.is_empty() {
            self.out.push_str(if is_item && self.last_was_item {
                "\n"
            } else {
                "\n\n"
            });
        }
        self.out.push_str(&lines.join("\n"));
        self.last_was_item = is_item;
    }

    /// End the paragraph or item being joined.
    fn flush(&mut self) {
        let para = std::mem::take(&mut self.para);
        let is_item = std::mem::take(&mut self.para_is_item);
        // An item without text (`-` alone, or one that held only a nested list) is no line.
        if is_item
            && para
                .get(self.marker_len..)
                .is_none_or(|t| t.trim().is_empty())
        {
            return;
        }
        self.emit(&para, is_item);
    }

    fn end_block(&mut self) {
        self.flush();
    }

    fn heading(&mut self, text: &str) {
        self.flush();
        self.emit(text, false);
    }

    fn line(&mut self, text: &str) {
        self.flush();
        self.emit(text, true);
    }

    /// A list item starts: what came before it in an enclosing item is its own line.
    fn item(&mut self, marker: &str) {
        let outer_is_item = self.para_is_item || self.last_was_item;
        self.flush();
        if outer_is_item {
            self.last_was_item = true;
        }
        self.para = marker.to_string();
        self.marker_len = marker.len();
        self.para_is_item = true;
    }

    fn hard_break(&mut self) {
        self.para.push('\n');
    }

    fn text(&mut self, text: &str) {
        self.para.push_str(text);
    }
}

/// File name → (stem, lower-case extension). A leading dot alone is not an extension.
fn split_name(name: &str) -> (&str, Option<String>) {
    match name.rfind('.') {
        Some(n) if n > 0 => (
            name.get(..n).unwrap_or(name),
            name.get(n + 1..).map(str::to_ascii_lowercase),
        ),
        _ => (name, None),
    }
}

/// Parse one file's contents by its extension; `label` names the file in messages.
fn parse_named(label: &str, stem: &str, ext: &str, content: &str) -> Result<Vec<Source>> {
    let prefix = |e: Error| Error::new(e.kind(), format!("{label}: {}", e.message()));
    let content = content.strip_prefix('\u{feff}').unwrap_or(content);
    if content.trim().is_empty() {
        return Err(Error::new(
            ErrorKind::Corpus,
            format!("{label}: the file is empty"),
        ));
    }
    let stem = stem.trim();
    let sources = match ext {
        "json" => sources_from_json(content, Some(stem)).map_err(prefix)?,
        "txt" => vec![txt(stem, content)],
        "md" | "markdown" => vec![markdown(stem, content)],
        "html" | "htm" => vec![html(stem, content)],
        _ => {
            return Err(Error::new(
                ErrorKind::UnsupportedFormat,
                format!("{label}: unsupported file type (expected {EXTENSIONS_TEXT})"),
            ))
        }
    };
    for s in &sources {
        if s.id.trim().is_empty() {
            return Err(Error::new(
                ErrorKind::Corpus,
                format!("{label}: the source has an empty id"),
            ));
        }
        if s.text.trim().is_empty() {
            return Err(Error::new(
                ErrorKind::Corpus,
                format!("{label}: no text found"),
            ));
        }
    }
    Ok(sources)
}

/// Parse a file's contents, choosing the format by the extension of `file_name`; the id is
/// the file name without extension unless the contents give one. Works without a file
/// system (in the browser, for dropped files).
///
/// Errors name the file: [`ErrorKind::UnsupportedFormat`] for an unknown extension,
/// [`ErrorKind::Corpus`] for an empty file or one without text, [`ErrorKind::Json`] for
/// malformed JSON.
///
/// ```
/// use corroborate_cli::read::parse_file;
/// let s = parse_file("courier.md", "---\ntitle: Storm\n---\nRain fell.")?;
/// assert_eq!((s[0].id.as_str(), s[0].title.as_deref()), ("courier", Some("Storm")));
/// assert!(parse_file("notes.pdf", "x").is_err());
/// # Ok::<(), corroborate::Error>(())
/// ```
pub fn parse_file(file_name: &str, content: &str) -> Result<Vec<Source>> {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    let (stem, ext) = split_name(base);
    parse_named(file_name, stem, ext.as_deref().unwrap_or(""), content)
}

/// Load the sources of one file, or of every supported file in a folder.
///
/// A folder is read **non-recursively**: its `.txt`, `.md`, `.markdown`, `.html`, `.htm` and
/// `.json` files (extension case-insensitive), sorted by file name; hidden files (name
/// starting with `.`), sub-folders and other files are skipped. A file named explicitly is
/// read whatever its name, but must have a supported extension.
///
/// Errors, each one line naming the file: [`ErrorKind::Io`] (missing or unreadable),
/// [`ErrorKind::NotUtf8`], [`ErrorKind::UnsupportedFormat`], [`ErrorKind::Corpus`] (empty
/// file, no text), [`ErrorKind::Json`], and [`ErrorKind::NoSources`] for a folder without
/// supported files.
///
/// Only regular files are read (a symbolic link is followed to one): a FIFO, a device or a
/// socket is an [`ErrorKind::Io`] error, as is a file over [`MAX_FILE_BYTES`] (see
/// [`load_path_limited`] for another limit).
pub fn load_path(path: &Path) -> Result<Vec<Source>> {
    load_path_limited(path, MAX_FILE_BYTES)
}

/// The largest file [`load_path`] and [`load_corpus`] read: 64 MiB.
pub const MAX_FILE_BYTES: u64 = 64 << 20;

/// [`load_path`] with a size limit of `max_bytes` per file.
pub fn load_path_limited(path: &Path, max_bytes: u64) -> Result<Vec<Source>> {
    let mut out = Vec::new();
    for file in files_of(path)? {
        out.extend(load_file(&file, max_bytes)?);
    }
    Ok(out)
}

/// What a path that is neither a folder nor a regular file is, for messages.
fn special_kind(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    let _ = meta;
    "not a regular file"
}

/// The error for a path that is not a regular file.
fn not_regular(path: &Path, meta: &std::fs::Metadata) -> Error {
    Error::new(
        ErrorKind::Io,
        format!(
            "{}: is {}; only regular files are read",
            path.display(),
            special_kind(meta)
        ),
    )
}

/// Read a regular file of at most `max_bytes` bytes. The type is checked before opening (opening
/// a FIFO would wait for a writer) and the read stops past the limit (a file may grow).
pub(crate) fn read_regular(path: &Path, max_bytes: u64) -> Result<Vec<u8>> {
    use std::io::Read;
    let meta = std::fs::metadata(path).map_err(|e| io_error(path, &e))?;
    if meta.is_dir() {
        return Err(Error::new(
            ErrorKind::Io,
            format!("{}: is a folder, not a file", path.display()),
        ));
    }
    if !meta.is_file() {
        return Err(not_regular(path, &meta));
    }
    let too_big = || {
        Error::new(
            ErrorKind::Io,
            format!(
                "{}: larger than the limit of {max_bytes} bytes",
                path.display()
            ),
        )
    };
    if meta.len() > max_bytes {
        return Err(too_big());
    }
    let file = std::fs::File::open(path).map_err(|e| io_error(path, &e))?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| io_error(path, &e))?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_big());
    }
    Ok(bytes)
}

fn io_error(path: &Path, e: &std::io::Error) -> Error {
    let what = match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => format!("cannot read: {e}"),
    };
    Error::new(ErrorKind::Io, format!("{}: {what}", path.display()))
}

/// The files a path stands for: itself, or a folder's supported files sorted by name.
fn files_of(path: &Path) -> Result<Vec<PathBuf>> {
    let meta = std::fs::metadata(path).map_err(|e| io_error(path, &e))?;
    if !meta.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let entries = std::fs::read_dir(path).map_err(|e| io_error(path, &e))?;
    let mut files: Vec<(String, PathBuf)> = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| io_error(path, &e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let p = entry.path();
        let (_, ext) = split_name(&name);
        if ext.is_some_and(|e| EXTENSIONS.contains(&e.as_str())) && p.is_file() {
            files.push((name, p));
        }
    }
    if files.is_empty() {
        return Err(Error::new(
            ErrorKind::NoSources,
            format!(
                "{}: no {EXTENSIONS_TEXT} files in this folder",
                path.display()
            ),
        ));
    }
    files.sort();
    Ok(files.into_iter().map(|(_, p)| p).collect())
}

fn load_file(path: &Path, max_bytes: u64) -> Result<Vec<Source>> {
    let label = path.display().to_string();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (stem, ext) = split_name(&name);
    let ext = ext.unwrap_or_default();
    if !EXTENSIONS.contains(&ext.as_str()) {
        return Err(Error::new(
            ErrorKind::UnsupportedFormat,
            format!("{label}: unsupported file type (expected {EXTENSIONS_TEXT})"),
        ));
    }
    let bytes = read_regular(path, max_bytes)?;
    let content = String::from_utf8(bytes).map_err(|e| {
        Error::new(
            ErrorKind::NotUtf8,
            format!(
                "{label}: not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        )
    })?;
    parse_named(&label, stem, &ext, &content)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn txt_headers() {
        type Want<'a> = (
            &'a str,
            Option<&'a str>,
            Option<&'a str>,
            Option<&'a str>,
            &'a str,
        );
        let cases: [(&str, Want); 9] = [
            (
                "Title: T\nOutlet: O\nPublished: 2025-01-02\n\nBody.",
                ("f", Some("T"), Some("O"), Some("2025-01-02"), "Body."),
            ),
            (
                "id: custom\nURL: http://x\n\nBody.",
                ("custom", None, None, None, "Body."),
            ),
            (
                "TITLE: Upper\r\nAuthor: Someone\r\n\r\nBody.\r\n",
                ("f", Some("Upper"), None, None, "Body."),
            ),
            (
                "Headline here\n\nBody sentence.",
                (
                    "f",
                    Some("Headline here"),
                    None,
                    None,
                    "Headline here\n\nBody sentence.",
                ),
            ),
            (
                "A full sentence.\nAnother.",
                ("f", None, None, None, "A full sentence.\nAnother."),
            ),
            ("Only one line", ("f", None, None, None, "Only one line")),
            (
                "Note: not a header\n\nBody.",
                (
                    "f",
                    Some("Note: not a header"),
                    None,
                    None,
                    "Note: not a header\n\nBody.",
                ),
            ),
            (
                "wrapped paragraph that goes\non and on.",
                (
                    "f",
                    None,
                    None,
                    None,
                    "wrapped paragraph that goes\non and on.",
                ),
            ),
            (
                "\u{feff}Title: T\n\n\n  Body.  \n\n",
                ("f", Some("T"), None, None, "Body."),
            ),
        ];
        for (input, (id, title, outlet, published, text)) in cases {
            let s = txt("f", input);
            assert_eq!(
                (
                    s.id.as_str(),
                    s.title.as_deref(),
                    s.outlet.as_deref(),
                    s.published.as_deref(),
                    s.text.as_str()
                ),
                (id, title, outlet, published, text),
                "{input:?}"
            );
        }
    }

    #[test]
    fn markdown_plain() {
        let cases = [
            ("# Head\n\nText *em* and **strong** and _u_ and __uu__ and ~~del~~.", "Head\n\nText em and strong and u and uu and del."),
            ("A [link](http://x.y/(z)) and ![img](i.png) and [ref][r] end.\n\n[r]: http://r", "A link and and ref end."),
            ("Line one\nline two\n\nPara two", "Line one line two\n\nPara two"),
            ("- a\n- b\n* c\n+ d\n\n1. one\n2) two", "- a\n- b\n- c\n- d\n\n1. one\n2. two"),
            ("Intro:\n- a\n  continued\n- b\n\nAfter", "Intro:\n\n- a continued\n- b\n\nAfter"),
            ("```rust\nlet x = 1;\n```\nAfter code", "After code"),
            ("~~~~\ncode\n~~~\nstill code\n~~~~\nout", "out"),
            ("Use `snake_case` and 2 * 3 and ~40 and file_name_here", "Use snake_case and 2 * 3 and ~40 and file_name_here"),
            ("> quoted\n> more", "quoted more"),
            ("Setext\n======\n\nSub\n---\n\n***\n\nend", "Setext\n\nSub\n\nend"),
            ("## Closed ##\ntext", "Closed\n\ntext"),
            ("#hashtag not heading", "#hashtag not heading"),
            ("| a | b |\n|---|:-:|\n| 1 | 2 |", "a | b\n1 | 2"),
            ("Fact[^1] here.\n\n[^1]: The note.", "Fact here.\n\nThe note."),
            ("<!-- hidden\ncomment -->\nText <br> with <span class=\"x\">tag</span> &amp; <https://a.b>", "Text with tag & https://a.b"),
            ("Escaped \\*stars\\* and \\_u\\_", "Escaped *stars* and _u_"),
            ("hard  \nbreak", "hard\nbreak"),
            ("[unclosed link( and [brackets] and `unclosed code", "[unclosed link( and [brackets] and `unclosed code"),
            ("", ""),
            // An HTML block reads as a page would; a loose list is still one line an item;
            // a nested item is a line of its own; indented code is code.
            ("<p>Para <b>one</b></p>\n\nText", "Para one\n\nText"),
            ("- a\n\n- b\n\n  more", "- a\n- b more"),
            ("- a\n  - b\n- c", "- a\n- b\n- c"),
            ("3. three\n4. four", "3. three\n4. four"),
            ("    indented code\n\nText", "Text"),
            ("-\n- x", "- x"),
        ];
        for (input, want) in cases {
            assert_eq!(markdown_to_text(input).0, want, "{input:?}");
        }
    }

    #[test]
    fn markdown_front_matter() {
        let cases = [
            (
                "---\ntitle: \"Quoted: yes\"\nid: 'x1'\noutlet: Out\ntags:\n  - a\n---\n# H1\nBody",
                ("x1", Some("Quoted: yes"), Some("Out"), "H1\n\nBody"),
            ),
            (
                "# H1 *em*\nBody",
                ("f", Some("H1 em"), None, "H1 em\n\nBody"),
            ),
            (
                "---\nnot closed\n# H1\nBody",
                ("f", Some("H1"), None, "not closed\n\nH1\n\nBody"),
            ),
            ("## Only h2\nBody", ("f", None, None, "Only h2\n\nBody")),
        ];
        for (input, (id, title, outlet, text)) in cases {
            let s = markdown("f", input);
            assert_eq!(
                (
                    s.id.as_str(),
                    s.title.as_deref(),
                    s.outlet.as_deref(),
                    s.text.as_str()
                ),
                (id, title, outlet, text),
                "{input:?}"
            );
        }
    }

    #[test]
    fn parse_file_by_extension() {
        let cases = [
            ("a.txt", "Body.", Ok(("a", "Body."))),
            ("dir/b.TXT", "Body.", Ok(("b", "Body."))),
            ("c.markdown", "# T\nBody.", Ok(("c", "T\n\nBody."))),
            ("d.htm", "<p>Body.</p>", Ok(("d", "Body."))),
            ("e.json", "{\"text\": \"Body.\"}", Ok(("e", "Body."))),
            ("f.v2.md", "Body.", Ok(("f.v2", "Body."))),
            ("g.pdf", "x", Err((ErrorKind::UnsupportedFormat, "g.pdf: unsupported file type (expected .txt, .md, .markdown, .html, .htm or .json)"))),
            ("noext", "x", Err((ErrorKind::UnsupportedFormat, "noext: unsupported file type (expected .txt, .md, .markdown, .html, .htm or .json)"))),
            ("h.txt", " \n\t", Err((ErrorKind::Corpus, "h.txt: the file is empty"))),
            ("i.html", "<script>x</script>", Err((ErrorKind::Corpus, "i.html: no text found"))),
            ("j.txt", "Title: only a header\n", Err((ErrorKind::Corpus, "j.txt: no text found"))),
            ("k.json", "[", Err((ErrorKind::Json, "k.json: malformed JSON at line 1, column 1: EOF while parsing a list"))),
        ];
        for (name, content, want) in cases {
            let got = parse_file(name, content)
                .map(|v| v.into_iter().map(|s| (s.id, s.text)).collect::<Vec<_>>())
                .map_err(|e| (e.kind(), e.message().to_string()));
            let want = want
                .map(|(id, text)| vec![(id.to_string(), text.to_string())])
                .map_err(|(k, m)| (k, m.to_string()));
            assert_eq!(got, want, "{name:?}");
        }
    }

    #[test]
    fn pathological_lines_are_fast() {
        let inputs = [
            "[".repeat(50_000),
            "[a](".repeat(20_000),
            "<".repeat(50_000),
            "`` ` ".repeat(20_000),
            "[^".repeat(30_000),
            "*_~".repeat(30_000),
        ];
        let start = std::time::Instant::now();
        for input in &inputs {
            let s = markdown("f", input);
            assert!(!s.text.is_empty());
        }
        assert!(start.elapsed().as_secs() < 20, "{:?}", start.elapsed());
    }

    #[test]
    fn markdown_title_is_one_trimmed_line() {
        // Found by fuzzing (fuzz/fuzz_targets/markdown.rs): a setext heading whose first line
        // ends in a hard break made a title "a Rain\n".
        let cases = [
            ("a  \nRain  \n===\n\nText.", "a Rain"),
            ("Storm\\\nhits\n===", "Storm hits"),
            ("#  Storm *hits*   coast  #\n\nText.", "Storm hits coast"),
        ];
        for (input, want) in cases {
            let s = markdown("f", input);
            assert_eq!(s.title.as_deref(), Some(want), "{input:?}");
        }
        assert_eq!(markdown("f", "#   #\n\nText.").title, None);
    }

    #[test]
    fn markdown_never_panics_on_prefixes() {
        let sample = "---\ntitle: \"é\"\n---\n# Tïtle *x*\n\n[a](b(c)) ![i](j) `k` ~~l~~ <m> \\* [^n]\n- o\n1. p\n> q\n```\nr\n";
        for (i, _) in sample.char_indices() {
            let _ = markdown("f", &sample[..i]);
            let _ = markdown("f", &sample[i..]);
            let _ = txt("f", &sample[i..]);
        }
    }
}
