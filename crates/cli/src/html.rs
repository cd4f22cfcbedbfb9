//! HTML to visible text and metadata, on well-kept crates.
//!
//! The rules (what is the article's text, its title, outlet, url and date) are written once in
//! [`docs/extraction.md`](../../../docs/extraction.md) and shared with the browser's extractor
//! (`www/extract.js`); the fixtures in `tests/fixtures/extraction/` hold both to them.
//!
//! Which crate does what:
//!
//! * [`lol_html`] tokenizes the page as a browser does: tags and their attributes, comments,
//!   the doctype and CDATA, and the raw-text elements (`script`, `style`, `title`, `textarea`,
//!   ..., and `svg`/`math` content) whose content is never read as markup. It streams, so its
//!   cost is linear in the page; a tag with 100,000 attributes or 50,000 nested elements costs
//!   its length. (html5ever, behind `scraper`, was not taken: its tokenizer checks each
//!   attribute name against all the earlier ones of its tag, a quadratic step on the
//!   100,000-attribute tag of the `scale_attributes` bench.) Measured in release: 4x more
//!   nesting (16k, 64k, 256k nested hidden blocks or lists) costs 3.4x-5x the time.
//! * [`html_escape`] decodes character references (the whole named table and numeric ones).
//! * What stays here is the reading rule itself: which elements are dropped, which end a line
//!   or a paragraph, how white space collapses, and which metadata wins. A browser's tree
//!   builder is not needed for it; an own stack of open elements (implied end tags of `p`,
//!   `li`, `td`, ... and a depth cap) is enough and keeps every step linear.
//!
//! [`html_to_text`] keeps the text a reader sees and the page's metadata:
//!
//! * **Dropped with their content:** `script`, `style`, `noscript`, `template`, `svg`, `math`,
//!   `iframe`, `object`, `embed`, `video`, `audio`, `canvas`, `map`, the form controls
//!   `textarea`, `select`, `button` and `input`, the contents of `head` (its `title`, `meta`
//!   and `link` are read for metadata), and any element with a `hidden` attribute,
//!   `aria-hidden="true"`, `contenteditable`, or an inline style with `display:none` or
//!   `visibility:hidden`.
//! * **Dropped as boilerplate:** `nav`, `footer`, `aside`, elements with `role="navigation"`,
//!   and a `header` outside any `article`, `main` or `section` (the site's masthead): menus,
//!   share bars, "related stories" and copyright lines, which are not part of the article.
//! * **Blocks** (`p`, `div`, `h1`-`h6`, `li`, `tr`, `br`, `article`, `section`, `blockquote`,
//!   `figcaption`, ...) end a line, so that sentences and list items never run together;
//!   paragraphs, headings, lists and tables are separated by a blank line (a list inside a
//!   list item only ends a line). Cells of a row
//!   (`td`, `th`) are joined with `" | "`. **Inline** elements (`a`, `b`, `em`, `span`, ...)
//!   do not break the text.
//! * White space is collapsed within a block (kept inside `pre`); character references are
//!   decoded ([`decode_entities`]); comments, CDATA sections, the doctype and processing
//!   instructions are skipped.
//!
//! Metadata: the **title** is `og:title` (or `twitter:title`), else `<title>` (without a
//! trailing " | Site name"), else the first visible `<h1>`; the **site name** is
//! `og:site_name`, else `application-name`, else the JSON-LD `publisher.name`; the **url** is
//! `<link rel="canonical">`, else `og:url`; the **published** date is
//! `article:published_time`, else the JSON-LD `datePublished`, else an
//! `itemprop="datePublished"` element, else a `date`/`pubdate`/`publish-date`/`dc.date` meta,
//! else the first `<time datetime>` of the body, kept as written. Every value is trimmed and
//! its white space collapsed.
//!
//! Malformed HTML (unclosed tags, a stray `<`, unquoted attributes, truncated input) is read as
//! well as it can be and never panics.

use std::cell::RefCell;
use std::rc::Rc;

use lol_html::html_content::{Element, TextChunk, TextType};
use lol_html::{doc_text, element, HtmlRewriter, Settings};

/// The visible text and metadata of an HTML page.
///
/// ```
/// use corroborate_cli::html::html_to_text;
/// let doc = html_to_text(
///     "<html><head><title>Flood | The Courier</title>\
///      <meta property=\"og:site_name\" content=\"The Courier\"></head>\
///      <body><nav>Home</nav><h1>Flood</h1><p>Rain fell.</p><p>Roads shut&hellip;</p></body></html>",
/// );
/// assert_eq!(doc.text, "Flood\n\nRain fell.\n\nRoads shut…");
/// assert_eq!(doc.title.as_deref(), Some("Flood"));
/// assert_eq!(doc.site_name.as_deref(), Some("The Courier"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HtmlDoc {
    /// The visible text: one block per line, paragraphs separated by a blank line.
    pub text: String,
    /// The page's headline.
    pub title: Option<String>,
    /// The outlet's name (`og:site_name`).
    pub site_name: Option<String>,
    /// The page's canonical address.
    pub url: Option<String>,
    /// The publication date, as written in the page.
    pub published: Option<String>,
}

/// Elements dropped with everything inside them (`docs/extraction.md`, "Dropped").
const DROPPED: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "textarea",
    "svg",
    "math",
    "select",
    "button",
    "input",
    "option",
    "datalist",
    "object",
    "embed",
    "iframe",
    "video",
    "audio",
    "canvas",
    "map",
    "noembed",
    "noframes",
    "xmp",
    "plaintext",
    "nav",
    "footer",
    "aside",
];

/// Elements that never have content.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param",
    "source", "track", "wbr",
];

/// Blocks separated from their neighbours by a blank line.
const PARAGRAPH: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "article",
    "section",
    "pre",
    "ul",
    "ol",
    "dl",
    "table",
    "figure",
    "main",
    "header",
    "hgroup",
    "address",
    "details",
    "fieldset",
    "center",
    "body",
    "html",
];

/// Blocks that end a line.
const LINE: &[&str] = &[
    "div",
    "li",
    "tr",
    "dt",
    "dd",
    "figcaption",
    "caption",
    "summary",
    "legend",
    "form",
    "label",
    "thead",
    "tbody",
    "tfoot",
    "dialog",
    "menu",
    "hr",
];

/// Open elements tracked at most (hiding elements are always tracked): a browser's parser
/// also flattens past a few hundred levels, and the cap keeps end tags cheap.
const MAX_DEPTH: usize = 512;

/// Elements whose end tag is optional: a new one closes the open one.
const AUTO_CLOSE: &[&str] = &["p", "li", "dt", "dd", "tr", "td", "th"];

/// Longest headline or JSON-LD script kept while reading (longer ones are not metadata).
const MAX_CAPTURE: usize = 1 << 20;

/// Convert an HTML page to its visible text and metadata.
///
/// See the [module documentation](self) for what is kept and dropped.
///
/// ```
/// use corroborate_cli::html::html_to_text;
/// let doc = html_to_text("<ul><li>One<li>Two</ul><table><tr><td>a<td>b</table>");
/// assert_eq!(doc.text, "One\nTwo\n\na | b");
/// ```
pub fn html_to_text(html: &str) -> HtmlDoc {
    let state = Rc::new(RefCell::new(Reader::default()));
    let on_element = Rc::clone(&state);
    let on_text = Rc::clone(&state);
    let settings = Settings::new()
        // Not strict: a page whose text type lol_html cannot tell for sure (markup inside
        // `<select>` or foreign content) is read on its best guess rather than refused.
        .with_strict(false)
        .append_element_content_handler(element!("*", move |el| {
            let pushed = on_element.borrow_mut().start(el, html);
            if pushed && el.can_have_content() {
                let on_end = Rc::clone(&on_element);
                let name = el.tag_name();
                // An error here means the element has no end tag after all: nothing to do.
                let _ = el.on_end_tag(Box::new(move |_| {
                    on_end.borrow_mut().end(&name);
                    Ok(())
                }));
            }
            Ok(())
        }))
        .append_document_content_handler(doc_text!(move |chunk| {
            on_text.borrow_mut().chunk(chunk);
            Ok(())
        }));
    let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
    // Our handlers never fail and no memory limit is set, so lol_html has no error to give;
    // should it give one, what was read up to there is kept.
    let _ = rewriter.write(html.as_bytes());
    let _ = rewriter.end();
    let reader = std::mem::take(&mut *state.borrow_mut());
    reader.finish()
}

#[derive(Default)]
struct Meta {
    title: Option<String>,
    og_title: Option<String>,
    site_name: Option<String>,
    app_name: Option<String>,
    canonical: Option<String>,
    og_url: Option<String>,
    published: Option<String>,
    itemprop_date: Option<String>,
    meta_date: Option<String>,
    time: Option<String>,
    /// The JSON-LD scripts, as written.
    json_ld: Vec<String>,
}

/// The text being built, with pending white space and line breaks.
#[derive(Default)]
struct Output {
    text: String,
    /// Line breaks owed before the next text (0, 1 or 2).
    breaks: u8,
    /// A space owed before the next text on this line.
    space: bool,
}

impl Output {
    fn push_text(&mut self, t: &str, pre: bool) {
        for c in t.chars() {
            if pre && c == '\n' {
                self.line_break(1);
            } else if c.is_whitespace() {
                // Right after a cell separator (" | ") a space is already there.
                self.space = !self.text.ends_with(' ');
            } else {
                self.flush();
                self.text.push(c);
            }
        }
    }

    fn push_str(&mut self, t: &str) {
        self.flush();
        self.text.push_str(t);
    }

    /// Emit what is owed before visible text.
    fn flush(&mut self) {
        if self.text.is_empty() {
            self.breaks = 0;
            self.space = false;
            return;
        }
        if self.breaks > 0 {
            // A line never ends in a space (an empty last cell leaves one after " |").
            self.text.truncate(self.text.trim_end_matches(' ').len());
            for _ in 0..self.breaks {
                self.text.push('\n');
            }
            self.breaks = 0;
            self.space = false;
        } else if self.space {
            self.text.push(' ');
            self.space = false;
        }
    }

    fn line_break(&mut self, n: u8) {
        self.breaks = self.breaks.max(n).min(2);
        self.space = false;
    }

    /// A `<br>`: each one adds a line break, up to a blank line.
    fn br(&mut self) {
        self.breaks = (self.breaks + 1).min(2);
        self.space = false;
    }
}

/// What an open element is to the reader.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Plain,
    /// Hides its content (dropped, boilerplate or hidden).
    Hidden,
    /// `<title>`, read for metadata (counted as hiding for the body's text).
    Title,
    /// `<script type="application/ld+json">`, read for metadata.
    JsonLd,
}

struct Open {
    name: String,
    kind: Kind,
}

/// The attributes the reader looks at, the first of repeated ones winning, each decoded.
#[derive(Default)]
struct Attrs {
    hidden: bool,
    aria_hidden: Option<String>,
    role: Option<String>,
    style: Option<String>,
    editable: Option<String>,
    rel: Option<String>,
    href: Option<String>,
    datetime: Option<String>,
    property: Option<String>,
    name: Option<String>,
    itemprop: Option<String>,
    content: Option<String>,
    kind: Option<String>,
}

impl Attrs {
    /// One pass over the tag's attributes, so that a tag's cost is its length.
    fn of(el: &Element<'_, '_>, html: &str) -> Attrs {
        let mut a = Attrs::default();
        for attr in el.attributes() {
            // The name as written in the page, read in place: a tag's attributes that are not
            // looked at cost no allocation (the 100,000-attribute tag of `scale_attributes`).
            let owned;
            let written = match attr
                .name_source_location()
                .and_then(|l| html.get(l.bytes()))
            {
                Some(w) => w,
                None => {
                    owned = attr.name();
                    owned.as_str()
                }
            };
            // Lower-cased on the stack: every name read is at most 15 bytes long.
            let mut buf = [0u8; 15];
            let Some(lower) = buf.get_mut(..written.len()) else {
                continue;
            };
            lower.copy_from_slice(written.as_bytes());
            lower.make_ascii_lowercase();
            let slot = match std::str::from_utf8(lower).unwrap_or("") {
                "hidden" => {
                    a.hidden = true;
                    continue;
                }
                "aria-hidden" => &mut a.aria_hidden,
                "role" => &mut a.role,
                "style" => &mut a.style,
                "contenteditable" => &mut a.editable,
                "rel" => &mut a.rel,
                "href" => &mut a.href,
                "datetime" => &mut a.datetime,
                "property" => &mut a.property,
                "name" => &mut a.name,
                "itemprop" => &mut a.itemprop,
                "content" => &mut a.content,
                "type" => &mut a.kind,
                _ => continue,
            };
            if slot.is_none() {
                *slot = Some(decode_entities(&attr.value()));
            }
        }
        a
    }

    /// True when the element hides itself: `hidden`, `aria-hidden="true"`, `display:none`,
    /// `visibility:hidden`, `role="navigation"`, or editable (a comment box, not the article).
    fn hides(&self) -> bool {
        let is = |v: &Option<String>, word: &str| {
            v.as_deref()
                .is_some_and(|v| v.trim().eq_ignore_ascii_case(word))
        };
        self.hidden
            || is(&self.aria_hidden, "true")
            || is(&self.role, "navigation")
            || is(&self.editable, "true")
            || is(&self.editable, "")
            || is(&self.editable, "plaintext-only")
            || self.style.as_deref().is_some_and(|v| {
                let s: String = v
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .flat_map(char::to_lowercase)
                    .collect();
                s.contains("display:none") || s.contains("visibility:hidden")
            })
    }
}

#[derive(Default)]
struct Reader {
    out: Output,
    stack: Vec<Open>,
    /// Number of open elements that hide their content.
    hidden: usize,
    pre: usize,
    /// Number of open `article`, `main` and `section` elements.
    content: usize,
    /// Number of open list items: a list inside one ends a line, not a paragraph.
    items: usize,
    in_head: bool,
    cell_in_row: bool,
    h1: Option<String>,
    capturing_h1: bool,
    /// The text of the `<title>` or JSON-LD script being read.
    capture: String,
    /// A text node's chunks, decoded once the node is whole (a reference may straddle two).
    pending: String,
    meta: Meta,
}

impl Reader {
    /// A start tag; returns whether the element was pushed on the stack (its end tag matters).
    fn start(&mut self, el: &Element<'_, '_>, html: &str) -> bool {
        let tag = el.tag_name();
        let name = tag.as_str();
        let void = VOID.contains(&name) || !el.can_have_content();
        let attrs = Attrs::of(el, html);
        if self.hidden == 0 {
            if let Some(p) = attrs.itemprop.as_deref() {
                if p.trim().eq_ignore_ascii_case("datepublished") && name != "meta" {
                    set_once(
                        &mut self.meta.itemprop_date,
                        attrs.datetime.as_deref().or(attrs.content.as_deref()),
                    );
                }
            }
        }
        match name {
            "head" => {
                self.in_head = true;
                return false;
            }
            "body" => self.in_head = false,
            "meta" => {
                self.read_meta(&attrs);
                return false;
            }
            "link" => {
                let rel = attrs.rel.as_deref().unwrap_or("");
                if rel
                    .split_ascii_whitespace()
                    .any(|r| r.eq_ignore_ascii_case("canonical"))
                {
                    set_once(&mut self.meta.canonical, attrs.href.as_deref());
                }
                return false;
            }
            "title" => {
                let kind = if self.hidden == 0 {
                    Kind::Title
                } else {
                    Kind::Hidden
                };
                self.capture.clear();
                self.push(tag, kind);
                return true;
            }
            "script" => {
                let ld = attrs
                    .kind
                    .as_deref()
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
                self.capture.clear();
                self.push(tag, if ld { Kind::JsonLd } else { Kind::Hidden });
                return true;
            }
            _ => {}
        }
        if self.in_head && !is_head_element(name) {
            // Body content without `</head>` or `<body>`: the head has ended.
            self.in_head = false;
        }
        if name == "time" && self.hidden == 0 && !self.in_head {
            set_once(&mut self.meta.time, attrs.datetime.as_deref());
        }
        if AUTO_CLOSE.contains(&name) {
            self.auto_close(name);
        }
        // A header outside the article's own sections is the site's masthead.
        let masthead = name == "header" && self.content == 0;
        let hides = DROPPED.contains(&name) || masthead || attrs.hides();
        if self.hidden == 0 && !hides {
            self.block_start(name);
        }
        if void {
            return false;
        }
        if self.stack.len() >= MAX_DEPTH && !hides {
            // Thousands of unclosed inline tags: stop tracking them, keeping end tags cheap.
            return false;
        }
        self.push(tag, if hides { Kind::Hidden } else { Kind::Plain });
        true
    }

    fn push(&mut self, name: String, kind: Kind) {
        if kind != Kind::Plain {
            self.hidden += 1;
        }
        if name == "pre" {
            self.pre += 1;
        }
        if is_content(&name) {
            self.content += 1;
        }
        if name == "li" {
            self.items += 1;
        }
        self.stack.push(Open { name, kind });
    }

    /// Close an open element that a new `name` implicitly ends (`<li>a<li>b`).
    fn auto_close(&mut self, name: &str) {
        let boundary: &[&str] = match name {
            "li" => &["ul", "ol", "menu"],
            "dt" | "dd" => &["dl"],
            "td" | "th" => &["tr", "table"],
            "tr" => &["table", "thead", "tbody", "tfoot"],
            _ => &["div", "section", "article", "blockquote", "td", "th", "li"],
        };
        let same: &[&str] = match name {
            "dt" | "dd" => &["dt", "dd"],
            "td" | "th" => &["td", "th"],
            _ => &[],
        };
        for k in (0..self.stack.len()).rev() {
            let Some(open) = self.stack.get(k) else { break };
            if open.name == name || same.contains(&open.name.as_str()) {
                self.pop_to(k);
                return;
            }
            if boundary.contains(&open.name.as_str()) {
                return;
            }
        }
    }

    fn end(&mut self, name: &str) {
        if let Some(k) = self.stack.iter().rposition(|o| o.name == name) {
            self.pop_to(k);
        }
        if self.hidden == 0 {
            self.block_end(name);
        }
    }

    /// Pop the stack down to (and including) index `k`.
    fn pop_to(&mut self, k: usize) {
        while self.stack.len() > k {
            let Some(open) = self.stack.pop() else { break };
            if open.kind != Kind::Plain {
                self.hidden = self.hidden.saturating_sub(1);
            }
            if open.name == "pre" {
                self.pre = self.pre.saturating_sub(1);
            }
            if is_content(&open.name) {
                self.content = self.content.saturating_sub(1);
            }
            if open.name == "li" {
                self.items = self.items.saturating_sub(1);
            }
            let captured = std::mem::take(&mut self.capture);
            match open.kind {
                Kind::Title if self.meta.title.is_none() => {
                    let t = collapse(&decode_entities(&captured));
                    if !t.is_empty() {
                        self.meta.title = Some(t);
                    }
                }
                Kind::JsonLd => self.meta.json_ld.push(captured),
                _ => {}
            }
        }
    }

    /// A piece of a text node; the node is read once whole.
    fn chunk(&mut self, chunk: &TextChunk<'_>) {
        self.pending.push_str(chunk.as_str());
        if !chunk.last_in_text_node() {
            return;
        }
        let raw = std::mem::take(&mut self.pending);
        let kind = self.stack.last().map(|o| o.kind);
        if matches!(kind, Some(Kind::Title | Kind::JsonLd)) {
            if self.capture.len() < MAX_CAPTURE {
                self.capture.push_str(&raw);
            }
            return;
        }
        if self.hidden > 0 || self.in_head || raw.is_empty() {
            return;
        }
        let decoded = match chunk.text_type() {
            TextType::Data | TextType::RCData => decode_entities(&raw),
            _ => raw,
        };
        if self.capturing_h1 {
            if let Some(h) = self.h1.as_mut() {
                if h.len() < 500 {
                    h.push_str(&decoded);
                }
            }
        }
        self.out.push_text(&decoded, self.pre > 0);
    }

    fn block_start(&mut self, name: &str) {
        if self.in_head {
            return;
        }
        match name {
            "br" => {
                if self.capturing_h1 {
                    if let Some(h) = self.h1.as_mut() {
                        h.push(' ');
                    }
                }
                self.out.br();
                return;
            }
            "td" | "th" => {
                if self.cell_in_row {
                    // The separator has its own spaces: the cell's trailing one is not kept.
                    self.out.space = false;
                    self.out.push_str(" | ");
                    self.out.space = false;
                }
                self.cell_in_row = true;
                return;
            }
            "tr" => self.cell_in_row = false,
            _ => {}
        }
        let breaks = self.breaks_of(name);
        if breaks > 0 {
            self.capturing_h1 = false;
            self.out.line_break(breaks);
        }
        if name == "h1" && self.h1.is_none() {
            self.h1 = Some(String::new());
            self.capturing_h1 = true;
        }
    }

    fn block_end(&mut self, name: &str) {
        if self.in_head {
            return;
        }
        let breaks = self.breaks_of(name);
        if breaks > 0 {
            self.capturing_h1 = false;
            self.out.line_break(breaks);
        }
        if name == "tr" || name == "table" {
            self.cell_in_row = false;
        }
    }

    /// The line breaks around a block: 2 for a paragraph, 1 for a line, 0 inline.
    fn breaks_of(&self, name: &str) -> u8 {
        let nested_list = self.items > 0 && matches!(name, "ul" | "ol" | "dl" | "menu");
        if PARAGRAPH.contains(&name) && !nested_list {
            2
        } else if LINE.contains(&name) || nested_list {
            1
        } else {
            0
        }
    }

    fn read_meta(&mut self, a: &Attrs) {
        let key = a
            .property
            .as_deref()
            .or(a.name.as_deref())
            .or(a.itemprop.as_deref())
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        let content = a.content.as_deref();
        let m = &mut self.meta;
        match key.as_str() {
            "og:title" | "twitter:title" => set_once(&mut m.og_title, content),
            "og:site_name" => set_once(&mut m.site_name, content),
            "application-name" => set_once(&mut m.app_name, content),
            "og:url" => set_once(&mut m.og_url, content),
            "article:published_time" => set_once(&mut m.published, content),
            "datepublished" => set_once(&mut m.itemprop_date, content),
            "date" | "pubdate" | "publish-date" | "publishdate" | "dc.date" | "dc.date.issued" => {
                set_once(&mut m.meta_date, content)
            }
            _ => {}
        }
    }

    fn finish(mut self) -> HtmlDoc {
        // A title or JSON-LD script left open at the end of the page still counts.
        self.pop_to(0);
        let mut text = std::mem::take(&mut self.out.text);
        text.truncate(text.trim_end().len());
        let m = self.meta;
        let ld = JsonLd::read(&m.json_ld);
        let site_name = m.site_name.or(m.app_name).or(ld.publisher);
        let h1 = self.h1.map(|h| collapse(&h)).filter(|h| !h.is_empty());
        let title = m
            .og_title
            .or_else(|| m.title.map(|t| strip_site_suffix(&t, site_name.as_deref())))
            .or(h1);
        HtmlDoc {
            text,
            title,
            site_name,
            url: m.canonical.or(m.og_url),
            published: m
                .published
                .or(ld.published)
                .or(m.itemprop_date)
                .or(m.meta_date)
                .or(m.time),
        }
    }
}

/// What the page's JSON-LD says: the first `datePublished` and `publisher.name` strings of
/// its objects, arrays and `@graph` lists, in document order.
#[derive(Default)]
struct JsonLd {
    published: Option<String>,
    publisher: Option<String>,
}

impl JsonLd {
    fn read(scripts: &[String]) -> JsonLd {
        use serde_json::Value;
        let mut ld = JsonLd::default();
        for script in scripts {
            // Not JSON (or nested past serde_json's limit): not metadata.
            let Ok(value) = serde_json::from_str::<Value>(script) else {
                continue;
            };
            // An explicit work list: the nesting of a page's JSON never reaches the call stack.
            let mut todo = vec![&value];
            while let Some(v) = todo.pop() {
                match v {
                    Value::Array(items) => todo.extend(items.iter().rev()),
                    Value::Object(o) => {
                        let text = |v: Option<&Value>| v.and_then(Value::as_str).map(collapse);
                        if ld.published.is_none() {
                            ld.published = text(o.get("datePublished")).filter(|s| !s.is_empty());
                        }
                        if ld.publisher.is_none() {
                            ld.publisher = text(o.get("publisher").and_then(|p| p.get("name")))
                                .filter(|s| !s.is_empty());
                        }
                        if let Some(g) = o.get("@graph") {
                            todo.push(g);
                        }
                    }
                    _ => {}
                }
            }
        }
        ld
    }
}

/// The elements that hold an article, inside which a `header` is the article's own.
fn is_content(name: &str) -> bool {
    matches!(name, "article" | "main" | "section")
}

fn is_head_element(name: &str) -> bool {
    matches!(
        name,
        "meta" | "link" | "title" | "base" | "script" | "style" | "noscript" | "template"
    )
}

fn set_once(slot: &mut Option<String>, value: Option<&str>) {
    if slot.is_none() {
        if let Some(v) = value.map(collapse).filter(|v| !v.is_empty()) {
            *slot = Some(v);
        }
    }
}

/// Collapse runs of white space to one space and trim.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// "Flood hits town | The Courier" → "Flood hits town" when the site is "The Courier".
fn strip_site_suffix(title: &str, site: Option<&str>) -> String {
    if let Some(site) = site {
        for sep in [" | ", " - ", " – ", " — ", " · ", " :: "] {
            if let Some(head) = title.strip_suffix(site).and_then(|h| h.strip_suffix(sep)) {
                if !head.trim().is_empty() {
                    return head.trim().to_string();
                }
            }
        }
    }
    title.to_string()
}

/// Decode HTML character references with [`html_escape`]: every named one (`&amp;`, `&nbsp;`,
/// `&rsquo;`, ...) and numeric ones (`&#8217;`, `&#x2019;`). A reference that is not
/// recognised, or has no final `;`, is kept as written. Two browser rules are added: the C1
/// controls (what `&#128;`-`&#159;` name) are the Windows-1252 punctuation pages mean by them
/// (`&#150;` is "–"), and a
/// soft hyphen (`&shy;`) disappears, so that "co&shy;op" stays one word.
///
/// ```
/// use corroborate_cli::html::decode_entities;
/// assert_eq!(decode_entities("Fish &amp; chips &#8212; &#x201C;ok&#x201D; &bogus; &#xZZ;"),
///            "Fish & chips — “ok” &bogus; &#xZZ;");
/// ```
pub fn decode_entities(s: &str) -> String {
    if !s.contains(|c: char| c == '&' || c == '\u{ad}' || ('\u{80}'..='\u{9f}').contains(&c)) {
        return s.to_string();
    }
    html_escape::decode_html_entities(s)
        .chars()
        .filter_map(|c| match c {
            '\u{ad}' => None,
            '\u{80}'..='\u{9f}' => Some(windows_1252(c)),
            c => Some(c),
        })
        .collect()
}

/// The character Windows-1252 puts at a C1 code point (the spec's table for references).
fn windows_1252(c: char) -> char {
    match c as u32 {
        0x80 => '€',
        0x82 => '‚',
        0x83 => 'ƒ',
        0x84 => '„',
        0x85 => '…',
        0x86 => '†',
        0x87 => '‡',
        0x88 => 'ˆ',
        0x89 => '‰',
        0x8A => 'Š',
        0x8B => '‹',
        0x8C => 'Œ',
        0x8E => 'Ž',
        0x91 => '‘',
        0x92 => '’',
        0x93 => '“',
        0x94 => '”',
        0x95 => '•',
        0x96 => '–',
        0x97 => '—',
        0x98 => '˜',
        0x99 => '™',
        0x9A => 'š',
        0x9B => '›',
        0x9C => 'œ',
        0x9E => 'ž',
        0x9F => 'Ÿ',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_text() {
        let cases = [
            ("<p>One.</p><p>Two.</p>", "One.\n\nTwo."),
            ("<p>A <b>bold</b> <a href='x'>link</a>.</p>", "A bold link."),
            ("a<br>b<br/>c<br><br>d", "a\nb\nc\n\nd"),
            ("<div>a</div><div>b</div>", "a\nb"),
            ("<ul><li>one</li><li>two</li></ul>after", "one\ntwo\n\nafter"),
            ("<ol><li>one<li>two</ol>", "one\ntwo"),
            ("<table><tr><th>Name<th>Age<tr><td>Ann</td><td>40</td></tr></table>", "Name | Age\nAnn | 40"),
            ("<h1>Head</h1>Body text", "Head\n\nBody text"),
            ("<blockquote>Quote</blockquote><figure><img src=x><figcaption>Cap</figcaption></figure>", "Quote\n\nCap"),
            ("  lots   of \n\t space  ", "lots of space"),
            ("<pre>line 1\nline 2</pre>", "line 1\nline 2"),
            ("<p>x<span> y </span>z</p>", "x y z"),
            ("<article><section><p>Deep</p></section></article>", "Deep"),
        ];
        for (input, want) in cases {
            assert_eq!(html_to_text(input).text, want, "{input:?}");
        }
    }

    #[test]
    fn dropped_content() {
        let cases = [
            ("a<script>var x = '<p>no</p>';</script>b", "ab"),
            ("a<SCRIPT type=x>no</SCRIPT >b", "ab"),
            ("a<style>p{}</style>b", "ab"),
            ("a<noscript><p>enable js</p></noscript>b", "ab"),
            ("a<template><p>t</p></template>b", "ab"),
            ("a<svg><title>icon</title><text>t</text></svg>b", "ab"),
            ("a<iframe src=x>frame</iframe>b", "ab"),
            ("a<textarea>typed</textarea><select><option>o</select><button>Go</button><input value=v>b", "ab"),
            ("<head><title>T</title><meta name=x content=y>junk</head><body>b</body>", "b"),
            ("<p hidden>no</p><p>yes</p>", "yes"),
            ("<div aria-hidden=\"true\">no</div><div aria-hidden=false>yes</div>", "yes"),
            ("<span style=\"color:red; DISPLAY : none\">no</span>yes", "yes"),
            ("<div style='visibility:hidden'>no</div>yes", "yes"),
            ("<nav><a>Home</a></nav><p>yes</p><aside>Related</aside><footer>(c) 2025</footer>", "yes"),
            ("<div role=navigation>menu</div>yes", "yes"),
            ("<div hidden><div>nested</div>still hidden</div>shown", "shown"),
            ("a<!-- <p>comment</p> -->b", "ab"),
            ("<!DOCTYPE html><?xml version='1.0'?>a<![CDATA[ raw ]]>b", "ab"),
        ];
        for (input, want) in cases {
            assert_eq!(html_to_text(input).text, want, "{input:?}");
        }
    }

    #[test]
    fn entities() {
        let cases = [
            ("&amp;&lt;&gt;&quot;&apos;", "&<>\"'"),
            ("a&nbsp;b", "a\u{a0}b"),
            ("&mdash;&ndash;&hellip;", "—–…"),
            ("&lsquo;x&rsquo; &ldquo;y&rdquo;", "‘x’ “y”"),
            ("caf&eacute; &Eacute;lys&eacute;e", "café Élysée"),
            ("&#8217;&#x2019;&#X2019;&#39;", "’’’'"),
            ("&#150;&#151;", "–—"),
            (
                "&bogus; &amp &#; &#x; &#xD800; &#0; &#99999999999;",
                "&bogus; &amp &#; &#x; &#xD800; &#0; &#99999999999;",
            ),
            ("AT&T & co", "AT&T & co"),
            ("&", "&"),
            ("tail&", "tail&"),
            ("é&eacute;é", "ééé"),
            ("co&shy;op", "coop"),
        ];
        for (input, want) in cases {
            assert_eq!(decode_entities(input), want, "{input:?}");
        }
    }

    #[test]
    fn metadata() {
        let page = r#"<!doctype html><html><head>
            <title>Bridge closed after crash | Valley Post</title>
            <meta property="og:site_name" content="Valley Post">
            <meta property="article:published_time" content="2025-03-04T09:00:00Z">
            <link rel="canonical" href="https://valley.example/bridge">
            <meta property="og:url" content="https://valley.example/other">
            </head><body><h1>Bridge <em>closed</em></h1><p>Text.</p></body></html>"#;
        let doc = html_to_text(page);
        assert_eq!(doc.title.as_deref(), Some("Bridge closed after crash"));
        assert_eq!(doc.site_name.as_deref(), Some("Valley Post"));
        assert_eq!(doc.url.as_deref(), Some("https://valley.example/bridge"));
        assert_eq!(doc.published.as_deref(), Some("2025-03-04T09:00:00Z"));
        assert_eq!(doc.text, "Bridge closed\n\nText.");

        let cases: [(&str, [Option<&str>; 4]); 6] = [
            (
                "<meta property=og:title content='OG &amp; title'><title>T</title>",
                [Some("OG & title"), None, None, None],
            ),
            ("<body><h1> The  <b>head</b>line </h1><p>x", [Some("The headline"), None, None, None]),
            (
                "<meta property=og:url content=u><meta name=date content=2024-01-02><time datetime=2023>x</time>",
                [None, None, Some("u"), Some("2024-01-02")],
            ),
            ("<p>x <time datetime=\"2025-05-06\">May 6</time></p>", [None, None, None, Some("2025-05-06")]),
            ("<meta name=application-name content=App>", [None, Some("App"), None, None]),
            ("<title>Only | Other</title><meta property=og:site_name content=Site>", [Some("Only | Other"), Some("Site"), None, None]),
        ];
        for (input, [title, site, url, published]) in cases {
            let doc = html_to_text(input);
            assert_eq!(doc.title.as_deref(), title, "{input:?}");
            assert_eq!(doc.site_name.as_deref(), site, "{input:?}");
            assert_eq!(doc.url.as_deref(), url, "{input:?}");
            assert_eq!(doc.published.as_deref(), published, "{input:?}");
        }
    }

    #[test]
    fn malformed() {
        let cases = [
            ("", ""),
            ("<", "<"),
            ("a < b and c > d", "a < b and c > d"),
            ("x <3 y", "x <3 y"),
            ("<p>unclosed <b>bold", "unclosed bold"),
            ("<p>a<p>b", "a\n\nb"),
            ("<div", ""),
            ("text<div class=\"unterminated", "text"),
            ("a<script>never closed", "a"),
            ("a<!-- never closed", "a"),
            ("a<![CDATA[ never closed", "a"),
            ("a</>b</ 3>c", "abc"),
            // A stray end tag is ignored, as browsers do.
            ("a</div>b", "ab"),
            ("<p>é<b>ü</b></p>", "éü"),
            ("<p title='a>b'>x</p>", "x"),
            ("<a href=/x/y>link</a>", "link"),
            ("<div =x>y</div>", "y"),
            ("<br/><br/><br/><p>x", "x"),
            ("<title>never closed", ""),
            // `</br>` is ignored: lol_html reports no element for it (browsers read a `<br>`).
            ("</br>a</br>b", "ab"),
            ("<p>日本語<br>テキスト", "日本語\nテキスト"),
        ];
        for (input, want) in cases {
            assert_eq!(html_to_text(input).text, want, "{input:?}");
        }
    }

    #[test]
    fn attributes_read_and_skipped() {
        // Names are ASCII case-insensitive; the first of repeated attributes wins, also
        // behind thousands of others; attributes that are not read cost nothing and never
        // hide an element.
        let many: String = (0..5_000)
            .map(|i| format!(" data-{i}=\"&amp;{i}\""))
            .collect();
        let cases = [
            ("<p HIDDEN>h</p><p>v</p>", "v"),
            ("<p Aria-Hidden=TRUE>h</p>v", "v"),
            ("<p aria-hidden=false aria-hidden=true>x</p>", "x"),
            ("<p aria-hidden=true aria-hidden=false>x</p>v", "v"),
            ("<div ROLE=' Navigation '>menu</div>v", "v"),
            ("<p style=\"Display : None\">h</p>v", "v"),
            ("<p data-hidden=1 class=hidden>x</p>", "x"),
            (&format!("<p{many} hidden>h</p>v"), "v"),
            (&format!("<p{many} style='visibility:hidden'>h</p>v"), "v"),
            (
                &format!("<p style=color:red{many} style=display:none>x</p>"),
                "x",
            ),
        ];
        for (input, want) in cases {
            let shown: String = input.chars().take(60).collect();
            assert_eq!(html_to_text(input).text, want, "{shown:?}");
        }
        let doc = html_to_text(&format!(
            "<meta{many} PROPERTY=og:title Content='A &amp; B' content=C><link rel=x rel=canonical href=/no>\
             <link{many} REL='Canonical' HREF=/yes href=/no>"
        ));
        assert_eq!(doc.title.as_deref(), Some("A & B"));
        assert_eq!(doc.url.as_deref(), Some("/yes"));
    }

    #[test]
    fn shared_rules() {
        // The rules that docs/extraction.md adds to the old reader, as the browser reads them.
        let cases = [
            (
                "<header>Site</header><main><header><h1>H</h1></header><p>x</p></main>",
                "H\n\nx",
            ),
            (
                "<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul>",
                "a\nb\nc",
            ),
            (
                "<table><tr><td> a </td><td>  b  </td></tr></table>",
                "a | b",
            ),
            (
                "<p contenteditable>typed</p><p contenteditable=false>kept</p>",
                "kept",
            ),
            ("<p>&#150;&#x80;</p>", "–€"),
        ];
        for (input, want) in cases {
            assert_eq!(html_to_text(input).text, want, "{input:?}");
        }
        let ld = |json: &str| {
            html_to_text(&format!(
                "<script type=' Application/LD+JSON '>{json}</script><p>x"
            ))
        };
        let doc =
            ld(r#"[{"@graph": [{"publisher": {"name": " P  Q "}}, {"datePublished": "2031"}]}]"#);
        assert_eq!(doc.site_name.as_deref(), Some("P Q"));
        assert_eq!(doc.published.as_deref(), Some("2031"));
        let deep = "[".repeat(100_000);
        assert_eq!(ld(&deep).published, None);
        let doc = html_to_text(
            "<meta name=date content=2030><p itemprop=datePublished datetime=2031>x</p><time datetime=2032>",
        );
        assert_eq!(doc.published.as_deref(), Some("2031"));
    }

    #[test]
    fn pathological_nesting_is_fast() {
        // Hostile shapes of 50-400 KB. Measured in release at 16k, 64k and 256k repetitions
        // (nested hidden blocks, nested lists, stray `<`, bare `&`), each grew about as its
        // input (3.4x-5x for 4x); this bound only catches a step that went quadratic.
        let inputs = [
            "<b>".repeat(50_000) + &"</i>".repeat(50_000),
            "<div hidden>".repeat(20_000) + "x",
            "<".repeat(100_000),
            "<a href='".repeat(10_000),
            "&".repeat(100_000),
            "<div>".repeat(50_000),
            "<li><ul>".repeat(20_000),
            "<p><span>".repeat(20_000),
            "&amp;&#x41;&bogus".repeat(20_000),
            format!("<p title='{}'>x", "&amp;".repeat(50_000)),
            format!("<p{}>x", " a".repeat(50_000)),
            "<table><tr>".to_string() + &"<td>x".repeat(20_000),
        ];
        let start = std::time::Instant::now();
        for input in &inputs {
            let _ = html_to_text(input);
        }
        assert!(start.elapsed().as_secs() < 20, "{:?}", start.elapsed());
    }

    #[test]
    fn every_prefix_is_safe() {
        let sample = "<!DOCTYPE html><html lang=fr><head><title>Été &amp; “nuit”</title>\
            <meta property='og:title' content=\"Un été\"><style>p{color:red}</style></head>\
            <body><nav>menu</nav><!-- c --><h1 class=x>Titre é</h1><p>Il a dit&nbsp;: «&#8239;oui&#8239;» &#x1F600;\
            <b>gras</b><br/>ligne</p><ul><li>un<li>deux</ul><table><tr><td>a<td>b</table>\
            <script>if (a < b) {}</script><![CDATA[x]]><div hidden>h</div><p>fin &hellip; &bogus</p></body></html>";
        for (i, _) in sample.char_indices() {
            let doc = html_to_text(&sample[..i]);
            assert!(doc.text.len() <= i * 2 + 8);
            let doc = html_to_text(&sample[i..]);
            assert!(doc.text.len() <= (sample.len() - i) * 2 + 8);
        }
        let full = html_to_text(sample);
        assert_eq!(
            full.text,
            "Titre é\n\nIl a dit : « oui » 😀gras\nligne\n\nun\ndeux\n\na | b\n\nfin … &bogus"
        );
        assert_eq!(full.title.as_deref(), Some("Un été"));
    }
}
