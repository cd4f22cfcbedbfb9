// Text extraction: the visible text under a root as one string, with a table from UTF-16
// offsets in that string back to DOM text nodes, so that any [start, end) becomes a Range.

// Elements whose text is not part of the article as read.
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'textarea', 'input', 'select',
  'option', 'button', 'iframe', 'object', 'embed', 'video', 'audio', 'canvas', 'svg', 'math',
  'head', 'title', 'corroborate-ui']);

// Elements that start and end a block: a paragraph break keeps their sentences apart.
const BLOCK = new Set(['address', 'article', 'aside', 'blockquote', 'caption', 'dd', 'details',
  'dialog', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2',
  'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre',
  'section', 'summary', 'table', 'td', 'th', 'tr', 'ul', 'body']);

const BREAK = '\n\n';

function hidden(el) {
  if (SKIP.has(el.localName) || el.hidden || el.getAttribute('aria-hidden') === 'true') return true;
  if (el.isContentEditable) return true;
  // display:none (and content-visibility:hidden) subtrees; checkVisibility is cheap where present.
  // It is also false for display:contents (no box of its own), whose children do show.
  if (!el.checkVisibility) return getComputedStyle(el).display === 'none';
  return !el.checkVisibility() && getComputedStyle(el).display !== 'contents';
}

/**
 * Extract the text under `root`. Returns {text, nodes, starts}: `nodes[i]` is a Text node whose
 * data begins at UTF-16 offset `starts[i]` of `text`. Control whitespace inside a text node is
 * read as a space (same length, so offsets stay exact); blocks are separated by a blank line.
 */
export function extract(root) {
  const parts = [];
  const nodes = [];
  const starts = [];
  let length = 0;
  let atBreak = true; // nothing yet, or the last thing written was a break
  const brk = () => {
    if (!atBreak) { parts.push(BREAK); length += BREAK.length; atBreak = true; }
  };
  const walk = (parent) => {
    for (let n = parent.firstChild; n; n = n.nextSibling) {
      if (n.nodeType === Node.TEXT_NODE) {
        const data = n.data;
        if (!data) continue;
        if (atBreak && !data.trim()) continue; // indentation between blocks
        nodes.push(n);
        starts.push(length);
        parts.push(data.replace(/[\t\n\r\f\v]/g, ' '));
        length += data.length;
        atBreak = false;
      } else if (n.nodeType === Node.ELEMENT_NODE) {
        if (n.localName === 'br') { brk(); continue; }
        if (hidden(n)) continue;
        const block = BLOCK.has(n.localName);
        if (block) brk();
        walk(n);
        if (block) brk();
      }
    }
  };
  walk(root);
  return { text: parts.join(''), nodes, starts };
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
