//! HTML to visible text: a small, forgiving scanner (no dependency, no panics on any input).
//!
//! [`html_to_text`] keeps the text a reader sees and the page's metadata:
//!
//! * **Dropped with their content:** `script`, `style`, `noscript`, `template`, `svg`, `math`,
//!   `iframe`, `object`, `video`, `audio`, `canvas`, `map`, the form controls `textarea`,
//!   `select`, `button` and `input`, the contents of `head` (its `title`, `meta` and `link` are
//!   read for metadata), and any element with a `hidden` attribute, `aria-hidden="true"`, or an
//!   inline style with `display:none` or `visibility:hidden`.
//! * **Dropped as boilerplate:** `nav`, `footer`, `aside` and elements with
//!   `role="navigation"`: menus, share bars, "related stories" and copyright lines, which are
//!   not part of the article.
//! * **Blocks** (`p`, `div`, `h1`-`h6`, `li`, `tr`, `br`, `article`, `section`, `blockquote`,
//!   `figcaption`, ...) end a line, so that sentences and list items never run together;
//!   paragraphs, headings, lists and tables are separated by a blank line. Cells of a row
//!   (`td`, `th`) are joined with `" | "`. **Inline** elements (`a`, `b`, `em`, `span`, ...)
//!   do not break the text.
//! * White space is collapsed within a block (kept inside `pre`); entities are decoded
//!   ([`decode_entities`]); comments, CDATA sections, the doctype and processing instructions
//!   are skipped.
//!
//! Metadata: the **title** is `og:title`, else `<title>` (without a trailing " | Site name"),
//! else the first `<h1>`; the **site name** is `og:site_name` (else `application-name`); the
//! **url** is `<link rel="canonical">`, else `og:url`; the **published** date is
//! `article:published_time`, else a `date`/`pubdate`/`publish-date`/`dc.date`/
//! `datePublished` meta, else the first `<time datetime>` of the body, kept as written.
//!
//! Malformed HTML (unclosed tags, a stray `<`, unquoted attributes, truncated input) is read as
//! well as it can be and never panics.

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

/// Elements whose content is raw text up to their end tag (never parsed as markup).
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noscript",
    "noembed",
    "noframes",
    "plaintext",
];

/// Elements dropped with everything inside them.
const DROPPED: &[&str] = &[
    "template", "svg", "math", "select", "button", "object", "video", "audio", "canvas", "map",
    "datalist", "nav", "footer", "aside",
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
    "option",
    "form",
    "label",
    "thead",
    "tbody",
    "tfoot",
    "dialog",
    "menu",
    "hr",
];

/// Open elements tracked at most (hiding elements are always tracked).
const MAX_DEPTH: usize = 512;

/// Elements whose end tag is optional: a new one closes the open one.
const AUTO_CLOSE: &[&str] = &["p", "li", "dt", "dd", "tr", "td", "th", "option"];

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
    let mut s = Scanner {
        src: html,
        pos: 0,
        out: Output::default(),
        stack: Vec::new(),
        hidden: 0,
        pre: 0,
        in_head: false,
        cell_in_row: false,
        h1: None,
        capturing_h1: false,
        meta: Meta::default(),
    };
    s.run();
    s.finish()
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
    meta_date: Option<String>,
    time: Option<String>,
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
                self.space = true;
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

struct Open {
    name: String,
    hidden: bool,
}

struct Scanner<'a> {
    src: &'a str,
    pos: usize,
    out: Output,
    stack: Vec<Open>,
    /// Number of open elements that hide their content.
    hidden: usize,
    pre: usize,
    in_head: bool,
    cell_in_row: bool,
    h1: Option<String>,
    capturing_h1: bool,
    meta: Meta,
}

/// The attributes the scanner reads. Only these are kept (the first of repeated ones wins);
/// every other attribute is scanned past without being copied or decoded, so that a tag's cost
/// is its length, however many attributes it has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Attr {
    Hidden,
    AriaHidden,
    Role,
    Style,
    Rel,
    Href,
    Datetime,
    Property,
    Name,
    Itemprop,
    Content,
}

impl Attr {
    const ALL: [Attr; 11] = [
        Attr::Hidden,
        Attr::AriaHidden,
        Attr::Role,
        Attr::Style,
        Attr::Rel,
        Attr::Href,
        Attr::Datetime,
        Attr::Property,
        Attr::Name,
        Attr::Itemprop,
        Attr::Content,
    ];

    fn name(self) -> &'static str {
        match self {
            Attr::Hidden => "hidden",
            Attr::AriaHidden => "aria-hidden",
            Attr::Role => "role",
            Attr::Style => "style",
            Attr::Rel => "rel",
            Attr::Href => "href",
            Attr::Datetime => "datetime",
            Attr::Property => "property",
            Attr::Name => "name",
            Attr::Itemprop => "itemprop",
            Attr::Content => "content",
        }
    }

    /// The attribute an HTML attribute name is (ASCII case-insensitive), if the scanner reads it.
    fn of(name: &str) -> Option<Attr> {
        Attr::ALL
            .into_iter()
            .find(|a| a.name().eq_ignore_ascii_case(name))
    }
}

struct Tag {
    name: String,
    end: bool,
    self_closing: bool,
    /// The values of the attributes the scanner reads, indexed by [`Attr`].
    attrs: [Option<String>; Attr::ALL.len()],
}

impl Tag {
    fn attr(&self, a: Attr) -> Option<&str> {
        self.attrs.get(a as usize).and_then(|v| v.as_deref())
    }

    /// True when the element hides itself: `hidden`, `aria-hidden="true"`, `display:none`.
    fn hides(&self) -> bool {
        let is = |a: Attr, word: &str| {
            self.attr(a)
                .is_some_and(|v| v.trim().eq_ignore_ascii_case(word))
        };
        self.attr(Attr::Hidden).is_some()
            || is(Attr::AriaHidden, "true")
            || is(Attr::Role, "navigation")
            || self.attr(Attr::Style).is_some_and(|v| {
                let s: String = v
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .flat_map(char::to_lowercase)
                    .collect();
                s.contains("display:none") || s.contains("visibility:hidden")
            })
    }
}

impl Scanner<'_> {
    fn rest(&self) -> &str {
        self.src.get(self.pos..).unwrap_or("")
    }

    fn run(&mut self) {
        while self.pos < self.src.len() {
            let rest = self.rest();
            match rest.find('<') {
                Some(0) => self.markup(),
                Some(n) => {
                    let end = self.pos + n;
                    self.text(self.pos, end);
                    self.pos = end;
                }
                None => {
                    self.text(self.pos, self.src.len());
                    self.pos = self.src.len();
                }
            }
        }
    }

    /// Visible text between `start` and `end` (byte offsets on char boundaries).
    fn text(&mut self, start: usize, end: usize) {
        if self.hidden > 0 || self.in_head {
            return;
        }
        let raw = self.src.get(start..end).unwrap_or("");
        if raw.is_empty() {
            return;
        }
        let decoded = decode_entities(raw);
        if self.capturing_h1 {
            if let Some(h) = self.h1.as_mut() {
                if h.len() < 500 {
                    h.push_str(&decoded);
                }
            }
        }
        self.out.push_text(&decoded, self.pre > 0);
    }

    /// At a `<`: a comment, doctype, CDATA, tag, or a stray `<` kept as text.
    fn markup(&mut self) {
        let rest = self.rest();
        if let Some(after) = rest.strip_prefix("<!--") {
            self.pos = match after.find("-->") {
                Some(n) => self.pos + 4 + n + 3,
                None => self.src.len(),
            };
            return;
        }
        if starts_with_ignore_case(rest, "<![CDATA[") {
            self.pos = match rest.find("]]>") {
                Some(n) => self.pos + n + 3,
                None => self.src.len(),
            };
            return;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            self.skip_past('>');
            return;
        }
        let bytes = rest.as_bytes();
        let is_end = bytes.get(1) == Some(&b'/');
        let name_at = if is_end { 2 } else { 1 };
        if !bytes.get(name_at).is_some_and(u8::is_ascii_alphabetic) {
            if is_end {
                // `</>` or `</ 3`: a bogus comment.
                self.skip_past('>');
            } else {
                // A stray `<`, as in "a < b": it is text.
                self.text_literal("<");
                self.pos += 1;
            }
            return;
        }
        let tag = self.parse_tag(is_end);
        if tag.end {
            self.end_tag(&tag.name);
        } else {
            self.start_tag(tag);
        }
    }

    fn text_literal(&mut self, t: &str) {
        if self.hidden > 0 || self.in_head {
            return;
        }
        if self.capturing_h1 {
            if let Some(h) = self.h1.as_mut() {
                h.push_str(t);
            }
        }
        self.out.push_str(t);
    }

    /// Move past the next `c`, or to the end.
    fn skip_past(&mut self, c: char) {
        self.pos = match self.rest().find(c) {
            Some(n) => self.pos + n + c.len_utf8(),
            None => self.src.len(),
        };
    }

    /// Read a tag starting at `<` (or `</`); leaves `pos` after its `>`.
    fn parse_tag(&mut self, end: bool) -> Tag {
        let src = self.src;
        let bytes = src.as_bytes();
        let mut i = self.pos + if end { 2 } else { 1 };
        let start = i;
        while bytes
            .get(i)
            .is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b':' | b'_'))
        {
            i += 1;
        }
        let name = src.get(start..i).unwrap_or("").to_ascii_lowercase();
        let mut tag = Tag {
            name,
            end,
            self_closing: false,
            attrs: Default::default(),
        };
        loop {
            // Skip white space and stray slashes.
            while let Some(&b) = bytes.get(i) {
                if b.is_ascii_whitespace() {
                    i += 1;
                } else if b == b'/' {
                    tag.self_closing = bytes.get(i + 1) == Some(&b'>');
                    i += 1;
                } else {
                    break;
                }
            }
            match bytes.get(i) {
                None => break,
                Some(b'>') => {
                    i += 1;
                    break;
                }
                Some(_) => {}
            }
            tag.self_closing = false;
            // Attribute name.
            let name_start = i;
            while let Some(&b) = bytes.get(i) {
                if b.is_ascii_whitespace() || b == b'=' || b == b'>' || b == b'/' {
                    break;
                }
                i += 1;
            }
            if i == name_start {
                // A lone `=`: skip it.
                i += 1;
                continue;
            }
            // Only a value that is read and not yet set is decoded: the first of repeated
            // attributes wins.
            let slot = Attr::of(src.get(name_start..i).unwrap_or(""))
                .and_then(|a| tag.attrs.get_mut(a as usize))
                .filter(|slot| slot.is_none());
            let mut j = i;
            while bytes.get(j).is_some_and(u8::is_ascii_whitespace) {
                j += 1;
            }
            // No `=`: an empty value.
            let mut value = i..i;
            if bytes.get(j) == Some(&b'=') {
                j += 1;
                while bytes.get(j).is_some_and(u8::is_ascii_whitespace) {
                    j += 1;
                }
                match bytes.get(j) {
                    Some(&q) if q == b'"' || q == b'\'' => {
                        let vstart = j + 1;
                        let mut k = vstart;
                        while bytes.get(k).is_some_and(|&b| b != q) {
                            k += 1;
                        }
                        value = vstart..k;
                        j = (k + 1).min(src.len());
                    }
                    _ => {
                        let vstart = j;
                        while bytes
                            .get(j)
                            .is_some_and(|&b| !b.is_ascii_whitespace() && b != b'>')
                        {
                            j += 1;
                        }
                        value = vstart..j;
                    }
                }
                i = j;
            }
            if let Some(slot) = slot {
                *slot = Some(decode_entities(src.get(value).unwrap_or("")));
            }
        }
        self.pos = i.min(src.len());
        tag
    }

    fn start_tag(&mut self, tag: Tag) {
        let name = tag.name.as_str();
        match name {
            "head" => {
                self.in_head = true;
                return;
            }
            "meta" => {
                self.read_meta(&tag);
                return;
            }
            "link" => {
                let rel = tag.attr(Attr::Rel).unwrap_or("");
                if rel
                    .split_ascii_whitespace()
                    .any(|r| r.eq_ignore_ascii_case("canonical"))
                {
                    set_once(&mut self.meta.canonical, tag.attr(Attr::Href));
                }
                return;
            }
            "title" => {
                let range = self.raw_text("title");
                if self.hidden == 0 && self.meta.title.is_none() {
                    let t = collapse(&decode_entities(self.src.get(range).unwrap_or("")));
                    if !t.is_empty() {
                        self.meta.title = Some(t);
                    }
                }
                return;
            }
            _ => {}
        }
        if self.in_head && !is_head_element(name) {
            // Body content without `</head>` or `<body>`: the head has ended.
            self.in_head = false;
        }
        if RAW_TEXT.contains(&name) {
            self.raw_text(name);
            return;
        }
        if name == "time" && self.hidden == 0 {
            set_once(&mut self.meta.time, tag.attr(Attr::Datetime));
        }
        if AUTO_CLOSE.contains(&name) {
            self.auto_close(name);
        }
        let hides = DROPPED.contains(&name) || name == "input" || tag.hides();
        if self.hidden == 0 && !hides {
            self.block_start(name);
        }
        if VOID.contains(&name) || tag.self_closing {
            return;
        }
        if hides {
            self.hidden += 1;
        }
        if self.stack.len() >= MAX_DEPTH && !hides {
            // Thousands of unclosed inline tags: stop tracking them, keeping end tags cheap.
            return;
        }
        if name == "pre" {
            self.pre += 1;
        }
        self.stack.push(Open {
            name: tag.name,
            hidden: hides,
        });
    }

    /// Close an open element that a new `name` implicitly ends (`<li>a<li>b`).
    fn auto_close(&mut self, name: &str) {
        let boundary: &[&str] = match name {
            "li" => &["ul", "ol", "menu"],
            "dt" | "dd" => &["dl"],
            "td" | "th" => &["tr", "table"],
            "tr" => &["table", "thead", "tbody", "tfoot"],
            "option" => &["select", "datalist"],
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

    fn end_tag(&mut self, name: &str) {
        if name == "head" {
            self.in_head = false;
            return;
        }
        if name == "br" {
            // `</br>` is read as `<br>`.
            if self.hidden == 0 && !self.in_head {
                self.out.br();
            }
            return;
        }
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
            if let Some(open) = self.stack.pop() {
                if open.hidden {
                    self.hidden = self.hidden.saturating_sub(1);
                }
                if open.name == "pre" {
                    self.pre = self.pre.saturating_sub(1);
                }
            }
        }
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
                    self.out.push_str(" | ");
                    self.out.space = false;
                }
                self.cell_in_row = true;
                return;
            }
            "tr" => self.cell_in_row = false,
            _ => {}
        }
        if PARAGRAPH.contains(&name) {
            self.capturing_h1 = false;
            self.out.line_break(2);
        } else if LINE.contains(&name) {
            self.capturing_h1 = false;
            self.out.line_break(1);
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
        if PARAGRAPH.contains(&name) {
            self.capturing_h1 = false;
            self.out.line_break(2);
        } else if LINE.contains(&name) {
            self.capturing_h1 = false;
            self.out.line_break(1);
        }
        if name == "tr" || name == "table" {
            self.cell_in_row = false;
        }
    }

    /// Skip the raw content of `name` up to its end tag; returns the content's byte range.
    fn raw_text(&mut self, name: &str) -> std::ops::Range<usize> {
        let src = self.src;
        let start = self.pos;
        let bytes = src.as_bytes();
        let mut i = start;
        while let Some(n) = src.get(i..).and_then(|r| r.find("</")) {
            let at = i + n;
            let name_end = at + 2 + name.len();
            let matches = src
                .get(at + 2..name_end)
                .is_some_and(|t| t.eq_ignore_ascii_case(name))
                && bytes
                    .get(name_end)
                    .is_none_or(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/');
            if matches {
                self.pos = name_end;
                self.skip_past('>');
                return start..at;
            }
            i = at + 2;
        }
        self.pos = src.len();
        start..src.len()
    }

    fn read_meta(&mut self, tag: &Tag) {
        let key = tag
            .attr(Attr::Property)
            .or_else(|| tag.attr(Attr::Name))
            .or_else(|| tag.attr(Attr::Itemprop))
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        let content = tag.attr(Attr::Content);
        let m = &mut self.meta;
        match key.as_str() {
            "og:title" | "twitter:title" => set_once(&mut m.og_title, content),
            "og:site_name" => set_once(&mut m.site_name, content),
            "application-name" => set_once(&mut m.app_name, content),
            "og:url" => set_once(&mut m.og_url, content),
            "article:published_time" => set_once(&mut m.published, content),
            "date" | "pubdate" | "publish-date" | "publishdate" | "dc.date" | "dc.date.issued"
            | "datepublished" | "sailthru.date" | "parsely-pub-date" => {
                set_once(&mut m.meta_date, content)
            }
            _ => {}
        }
    }

    fn finish(mut self) -> HtmlDoc {
        let mut text = std::mem::take(&mut self.out.text);
        text.truncate(text.trim_end().len());
        let m = self.meta;
        let site_name = m.site_name.or(m.app_name);
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
            published: m.published.or(m.meta_date).or(m.time),
        }
    }
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

fn starts_with_ignore_case(s: &str, prefix: &str) -> bool {
    s.get(..prefix.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
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

/// Decode HTML character references: the common named ones (`&amp;`, `&nbsp;`, `&rsquo;`,
/// `&eacute;`, ...) and numeric ones (`&#8217;`, `&#x2019;`). A reference that is not
/// recognised, or has no final `;`, is kept as written. `&nbsp;` becomes a plain space and
/// `&shy;` disappears.
///
/// ```
/// use corroborate_cli::html::decode_entities;
/// assert_eq!(decode_entities("Fish &amp; chips &#8212; &#x201C;ok&#x201D; &bogus; &#xZZ;"),
///            "Fish & chips — “ok” &bogus; &#xZZ;");
/// ```
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or(""));
        let after = rest.get(amp + 1..).unwrap_or("");
        // The reference runs to a `;` within 32 bytes, over ASCII alphanumerics and `#`.
        let end = after
            .bytes()
            .take(33)
            .position(|b| !(b.is_ascii_alphanumeric() || b == b'#'));
        let decoded = match end {
            Some(n) if n > 0 && after.as_bytes().get(n) == Some(&b';') => {
                let name = after.get(..n).unwrap_or("");
                decode_one(name).map(|d| (d, n + 1))
            }
            _ => None,
        };
        match decoded {
            Some((d, used)) => {
                out.push_str(&d);
                rest = after.get(used..).unwrap_or("");
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// One reference without `&` and `;`.
fn decode_one(name: &str) -> Option<String> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse::<u32>().ok()?,
        };
        // Windows-1252 punctuation that pages often write as numbers.
        let code = match code {
            0x80 => 0x20AC,
            0x82 => 0x201A,
            0x84 => 0x201E,
            0x85 => 0x2026,
            0x91 => 0x2018,
            0x92 => 0x2019,
            0x93 => 0x201C,
            0x94 => 0x201D,
            0x96 => 0x2013,
            0x97 => 0x2014,
            0x99 => 0x2122,
            0 | 0x80..=0x9F => return None,
            c => c,
        };
        return char::from_u32(code).map(String::from);
    }
    named(name).map(String::from)
}

/// The named references this scanner knows.
fn named(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" | "AMP" => "&",
        "lt" | "LT" => "<",
        "gt" | "GT" => ">",
        "quot" | "QUOT" => "\"",
        "apos" => "'",
        "nbsp" | "ensp" | "emsp" | "thinsp" | "hairsp" => " ",
        "shy" | "zwj" | "zwnj" | "lrm" | "rlm" => "",
        "mdash" => "—",
        "ndash" => "–",
        "minus" => "−",
        "hellip" => "…",
        "lsquo" => "‘",
        "rsquo" => "’",
        "sbquo" => "‚",
        "ldquo" => "“",
        "rdquo" => "”",
        "bdquo" => "„",
        "laquo" => "«",
        "raquo" => "»",
        "lsaquo" => "‹",
        "rsaquo" => "›",
        "prime" => "′",
        "Prime" => "″",
        "bull" => "•",
        "middot" => "·",
        "para" => "¶",
        "sect" => "§",
        "dagger" => "†",
        "copy" => "©",
        "reg" => "®",
        "trade" => "™",
        "deg" => "°",
        "plusmn" => "±",
        "times" => "×",
        "divide" => "÷",
        "frac12" => "½",
        "frac14" => "¼",
        "frac34" => "¾",
        "sup1" => "¹",
        "sup2" => "²",
        "sup3" => "³",
        "micro" => "µ",
        "permil" => "‰",
        "euro" => "€",
        "pound" => "£",
        "yen" => "¥",
        "cent" => "¢",
        "curren" => "¤",
        "iexcl" => "¡",
        "iquest" => "¿",
        "ordf" => "ª",
        "ordm" => "º",
        "larr" => "←",
        "rarr" => "→",
        "uarr" => "↑",
        "darr" => "↓",
        "aacute" => "á",
        "Aacute" => "Á",
        "agrave" => "à",
        "Agrave" => "À",
        "acirc" => "â",
        "Acirc" => "Â",
        "auml" => "ä",
        "Auml" => "Ä",
        "atilde" => "ã",
        "Atilde" => "Ã",
        "aring" => "å",
        "Aring" => "Å",
        "aelig" => "æ",
        "AElig" => "Æ",
        "ccedil" => "ç",
        "Ccedil" => "Ç",
        "eacute" => "é",
        "Eacute" => "É",
        "egrave" => "è",
        "Egrave" => "È",
        "ecirc" => "ê",
        "Ecirc" => "Ê",
        "euml" => "ë",
        "Euml" => "Ë",
        "iacute" => "í",
        "Iacute" => "Í",
        "igrave" => "ì",
        "Igrave" => "Ì",
        "icirc" => "î",
        "Icirc" => "Î",
        "iuml" => "ï",
        "Iuml" => "Ï",
        "ntilde" => "ñ",
        "Ntilde" => "Ñ",
        "oacute" => "ó",
        "Oacute" => "Ó",
        "ograve" => "ò",
        "Ograve" => "Ò",
        "ocirc" => "ô",
        "Ocirc" => "Ô",
        "ouml" => "ö",
        "Ouml" => "Ö",
        "otilde" => "õ",
        "Otilde" => "Õ",
        "oslash" => "ø",
        "Oslash" => "Ø",
        "oelig" => "œ",
        "OElig" => "Œ",
        "uacute" => "ú",
        "Uacute" => "Ú",
        "ugrave" => "ù",
        "Ugrave" => "Ù",
        "ucirc" => "û",
        "Ucirc" => "Û",
        "uuml" => "ü",
        "Uuml" => "Ü",
        "yacute" => "ý",
        "Yacute" => "Ý",
        "yuml" => "ÿ",
        "szlig" => "ß",
        "eth" => "ð",
        "thorn" => "þ",
        "scaron" => "š",
        "Scaron" => "Š",
        "zcaron" => "ž",
        "Zcaron" => "Ž",
        _ => return None,
    })
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
            ("a&nbsp;b", "a b"),
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
            ("a</div>b", "a\nb"),
            ("<p>é<b>ü</b></p>", "éü"),
            ("<p title='a>b'>x</p>", "x"),
            ("<a href=/x/y>link</a>", "link"),
            ("<div =x>y</div>", "y"),
            ("<br/><br/><br/><p>x", "x"),
            ("<title>never closed", ""),
            ("</br>a</br>b", "a\nb"),
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
    fn pathological_nesting_is_fast() {
        let inputs = [
            "<b>".repeat(50_000) + &"</i>".repeat(50_000),
            "<div hidden>".repeat(20_000) + "x",
            "<".repeat(100_000),
            "<a href='".repeat(10_000),
            "&".repeat(100_000),
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
