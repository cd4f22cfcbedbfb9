// Text extraction: the visible text under a root as one string, with a table from UTF-16
// offsets in that string back to DOM text nodes, so that any [start, end) becomes a Range; and
// the page's metadata (title, outlet, url, publication date) for a saved source.
// The rules are written once in docs/extraction.md and shared with the command line's HTML
// reader (crates/cli/src/html.rs); tests/fixtures/extraction/ holds both to them.

// Elements whose text is not part of the article as read: code, media, form controls, and the
// boilerplate around an article (menus, related links, copyright lines).
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'textarea', 'input', 'select',
  'option', 'datalist', 'button', 'iframe', 'object', 'embed', 'video', 'audio', 'canvas', 'map',
  'svg', 'math', 'noembed', 'noframes', 'xmp', 'plaintext', 'head', 'title', 'nav', 'footer',
  'aside', 'corroborate-ui']);

// Blocks set apart by a blank line: paragraphs, headings, lists, tables, sections.
const PARAGRAPH = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'article',
  'section', 'pre', 'ul', 'ol', 'dl', 'table', 'figure', 'main', 'header', 'hgroup', 'address',
  'details', 'fieldset', 'center', 'body', 'html']);

// Blocks that end a line: list items, rows, captions, divisions.
const LINE = new Set(['div', 'li', 'tr', 'dt', 'dd', 'figcaption', 'caption', 'summary', 'legend',
  'form', 'label', 'thead', 'tbody', 'tfoot', 'dialog', 'menu', 'hr']);

// What joins the cells of a table row.
const CELL = ' | ';

const word = (el, name) => (el.getAttribute(name) ?? '').trim().toLowerCase();

function hidden(el) {
  if (SKIP.has(el.localName) || el.hidden || word(el, 'aria-hidden') === 'true' ||
    word(el, 'role') === 'navigation') return true;
  // A header outside the article's own sections is the site's masthead.
  if (el.localName === 'header' && !el.parentElement?.closest('article, main, section')) return true;
  // A document without a window (DOMParser's: a fetched article, Readability's output) has no
  // layout, so, as in the command line's reader, only the attributes and inline styles count.
  if (!el.ownerDocument.defaultView) {
    const editable = el.getAttribute('contenteditable');
    return (editable != null && word(el, 'contenteditable') !== 'false') ||
      el.style.display === 'none' || el.style.visibility === 'hidden';
  }
  if (el.isContentEditable) return true;
  // display:none, visibility:hidden and content-visibility:hidden subtrees; checkVisibility is
  // cheap where present. It is also false for display:contents (no box of its own), whose
  // children do show.
  if (!el.checkVisibility) {
    const style = getComputedStyle(el);
    return style.display === 'none' || style.visibility === 'hidden';
  }
  return !el.checkVisibility({ visibilityProperty: true }) && getComputedStyle(el).display !== 'contents';
}

/**
 * Extract the text under `root`. Returns {text, nodes, starts}: `nodes[i]` is a Text node whose
 * data begins at UTF-16 offset `starts[i]` of `text`. Control whitespace inside a text node is
 * read as a space (same length, so offsets stay exact), except line breaks inside `pre`;
 * paragraphs are separated by a blank line, lines (list items, rows, `<br>`) by a line break,
 * and the cells of a row by " | ". The breaks and separators belong to no node. White space is
 * kept as the page has it: `plainText` collapses it as the command line's reader does.
 */
export function extract(root) {
  const parts = [];
  const nodes = [];
  const starts = [];
  let length = 0;
  let owed = 0; // line breaks owed before the next text: 0, 1 or 2
  let cellInRow = false;
  let pre = 0;
  const put = (s) => { parts.push(s); length += s.length; };
  // Emit the breaks owed; nothing is owed before the first text.
  const flush = () => {
    if (owed && length) put('\n'.repeat(owed));
    owed = 0;
  };
  const walk = (parent) => {
    for (let n = parent.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === Node.TEXT_NODE) {
        const data = n.data;
        if (!data) continue;
        if ((owed || !length) && !data.trim()) continue; // indentation between blocks
        flush();
        nodes.push(n);
        starts.push(length);
        put(data.replace(pre ? /[\t\r\f\v]/g : /[\t\n\r\f\v]/g, ' '));
      } else if (n.nodeType === Node.ELEMENT_NODE) {
        const name = n.localName;
        if (name === 'br') { owed = Math.min(owed + 1, 2); continue; }
        if (hidden(n)) continue;
        if (name === 'td' || name === 'th') {
          if (cellInRow) { flush(); put(CELL); }
          cellInRow = true;
          walk(n);
          continue;
        }
        if (name === 'tr') cellInRow = false;
        // A list inside a list item ends a line, not a paragraph.
        const nested = (name === 'ul' || name === 'ol' || name === 'dl' || name === 'menu') &&
          n.parentElement?.closest('li');
        const breaks = PARAGRAPH.has(name) && !nested ? 2 : LINE.has(name) || nested ? 1 : 0;
        owed = Math.max(owed, breaks);
        if (name === 'pre') pre++;
        walk(n);
        if (name === 'pre') pre--;
        owed = Math.max(owed, breaks);
        if (name === 'tr' || name === 'table') cellInRow = false;
      }
    }
  };
  walk(root);
  return { text: parts.join(''), nodes, starts };
}

/**
 * The extracted text as the command line's reader gives it: white space collapsed within each
 * line, lines trimmed, soft hyphens dropped (for a saved source; the live text keeps the page's
 * characters, since its offsets point into the page).
 */
export function plainText(text) {
  return text.split('\n').map((l) => l.replace(/\u00ad/g, '').replace(/\s+/g, ' ').trim())
    .join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

const collapse = (v) => (typeof v === 'string' && v.replace(/\s+/g, ' ').trim()) || null;

// Where a date or headline is not part of what a reader sees.
const UNSEEN = [...SKIP].filter((t) => t !== 'corroborate-ui').join(',') +
  ',[hidden],[aria-hidden="true" i],[role="navigation" i]';

/** What a meta tag names: its property, else its name, else its itemprop. */
const metaKey = (m) => (m.getAttribute('property') ?? m.getAttribute('name') ?? m.getAttribute('itemprop') ?? '')
  .trim().toLowerCase();

/** " | Site" and the like after a title, when Site is the outlet's name. */
function withoutSite(title, site) {
  if (!title || !site) return title;
  for (const sep of [' | ', ' - ', ' – ', ' — ', ' · ', ' :: ']) {
    const tail = sep + site;
    if (title.endsWith(tail) && title.slice(0, -tail.length).trim()) return title.slice(0, -tail.length).trim();
  }
  return title;
}

/** The first datePublished and publisher.name of the page's JSON-LD (objects, arrays, @graph). */
function jsonLd(doc) {
  let published = null;
  let publisher = null;
  const walk = (v) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      published ??= collapse(v.datePublished);
      publisher ??= collapse(v.publisher?.name);
      if (v['@graph']) walk(v['@graph']);
    }
  };
  for (const s of doc.querySelectorAll('script')) {
    if (word(s, 'type') !== 'application/ld+json') continue;
    try { walk(JSON.parse(s.textContent)); } catch { /* not JSON: not metadata */ }
  }
  return { published, publisher };
}

/**
 * The page's metadata, by the rules of docs/extraction.md: {title, outlet, url, published},
 * each trimmed with its white space collapsed, or null.
 */
export function pageMeta(doc = document) {
  // The page's metas with a value, in document order; the first of the keys asked for wins.
  const metas = [...doc.querySelectorAll('meta')].map((m) => [metaKey(m), collapse(m.getAttribute('content'))])
    .filter(([key, value]) => key && value);
  const first = (...keys) => metas.find(([key]) => keys.includes(key))?.[1] ?? null;
  // (A document without a window, DOMParser's, has no layout: only the attributes count there.)
  const seen = (el) => !el.closest(UNSEEN) && (!el.ownerDocument.defaultView ||
    (el.checkVisibility?.({ visibilityProperty: true }) ?? true));
  const ld = jsonLd(doc);
  const outlet = first('og:site_name') ?? first('application-name') ?? ld.publisher;
  const h1 = [...doc.querySelectorAll('h1')].find(seen);
  const title = first('og:title', 'twitter:title') ?? withoutSite(collapse(doc.title), outlet) ??
    (h1 ? collapse(h1.innerText ?? h1.textContent) : null);
  let canonical = null;
  for (const l of doc.querySelectorAll('link[rel]')) {
    if (l.getAttribute('rel').toLowerCase().split(/\s+/).includes('canonical')) {
      canonical = collapse(l.getAttribute('href'));
      if (canonical) break;
    }
  }
  // A datePublished meta, or an element marked itemprop="datePublished" that a reader sees.
  let itemprop = null;
  for (const el of doc.querySelectorAll('meta, [itemprop]')) {
    if (el.localName === 'meta') {
      if (metaKey(el) === 'datepublished') itemprop = collapse(el.getAttribute('content'));
    } else if (word(el, 'itemprop') === 'datepublished' && seen(el)) {
      itemprop = collapse(el.getAttribute('datetime') ?? el.getAttribute('content'));
    }
    if (itemprop) break;
  }
  const time = [...(doc.body?.querySelectorAll('time[datetime]') ?? [])].filter(seen)
    .map((t) => collapse(t.getAttribute('datetime'))).find(Boolean) ?? null;
  const published = first('article:published_time') ?? ld.published ?? itemprop ??
    first('date', 'pubdate', 'publish-date', 'publishdate', 'dc.date', 'dc.date.issued') ?? time;
  return { title, outlet, url: canonical ?? first('og:url'), published };
}

/** The index of the node holding a text offset; `end` prefers the node the offset ends. */
function indexOf({ starts }, offset, end) {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) { // the last node starting at or before the offset (strictly before, for ends)
    const mid = (lo + hi + 1) >> 1;
    if (end ? starts[mid] < offset : starts[mid] <= offset) lo = mid; else hi = mid - 1;
  }
  return lo;
}

/** The DOM position of a text offset: [node, offset]. */
function locate(map, offset, end) {
  const i = indexOf(map, offset, end);
  const node = map.nodes[i];
  return [node, Math.max(0, Math.min(offset - map.starts[i], node.data.length))];
}

/** A Range over [start, end) of the extracted text, or null when the DOM no longer has it. */
export function rangeFor(map, start, end) {
  if (!map.nodes.length || end <= start) return null;
  try {
    const range = document.createRange();
    range.setStart(...locate(map, start, false));
    range.setEnd(...locate(map, end, true));
    return range.collapsed ? null : range;
  } catch {
    return null; // the nodes changed since extraction; the observer re-annotates
  }
}

/** The text-node pieces of [start, end): [{node, from, to}], for the fallback marks. */
export function piecesFor(map, start, end) {
  const out = [];
  for (let k = indexOf(map, start, false); k < map.nodes.length; k++) {
    const node = map.nodes[k];
    const s = map.starts[k];
    if (s >= end) break;
    const from = Math.max(0, start - s);
    const to = Math.min(node.data.length, end - s);
    if (to > from) out.push({ node, from, to });
  }
  return out;
}

/**
 * The claim under a viewport point: `hits` is [index, Range] of the painted claims in text
 * order; returns the index whose range holds the caret nearest (x, y), when the point is over
 * that range's own text, else -1. A binary search, so a long page costs a few comparisons.
 */
export function claimAt(hits, root, x, y) {
  let node;
  let offset;
  if (document.caretPositionFromPoint) {
    const p = document.caretPositionFromPoint(x, y);
    if (!p) return -1;
    ({ offsetNode: node, offset } = p);
  } else if (document.caretRangeFromPoint) {
    const r = document.caretRangeFromPoint(x, y);
    if (!r) return -1;
    node = r.startContainer;
    offset = r.startOffset;
  } else return -1;
  if (!root.contains(node)) return -1;
  let lo = 0;
  let hi = hits.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [i, r] = hits[mid];
    let cmp;
    try { cmp = r.comparePoint(node, offset); } catch { return -1; }
    if (cmp < 0) hi = mid - 1;
    else if (cmp > 0) lo = mid + 1;
    else {
      // The caret is the nearest one; the pointer must be over the claim's text itself.
      return [...r.getClientRects()].some((q) => x >= q.left && x <= q.right && y >= q.top &&
        y <= q.bottom) ? i : -1;
    }
  }
  return -1;
}
