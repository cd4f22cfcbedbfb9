// Painting claims on the page: the CSS Custom Highlight API where present (the page's DOM is not
// touched), else <corroborate-mark data-verdict> elements wrapped around the claims' text.
// (The browser extension does not paint in the page at all: the page can read highlights' looks,
// so its marks frame draws them; see extension/content/marks.js.)

import { extract, piecesFor, rangeFor } from './extract.js';

export const VERDICTS = ['confirmed', 'contradicted', 'disputed', 'related', 'unique'];
export const HAS_HIGHLIGHTS = typeof CSS !== 'undefined' && 'highlights' in CSS &&
  typeof Highlight === 'function';
const MARK = 'corroborate-mark';

// One look per verdict, told apart without colour by the line: solid, wavy, double, dotted,
// dashed; the colours keep contrast on light and dark backgrounds.
const LOOK = {
  confirmed: ['solid', '#1a7f37', '#3fb950', 'transparent', 'transparent'],
  contradicted: ['wavy', '#c0182b', '#ff7b72', '#c0182b14', '#ff7b7224'],
  disputed: ['double', '#9a5b00', '#e3b341', '#9a5b0012', '#e3b3411f'],
  related: ['dotted', '#0b61c9', '#79c0ff', 'transparent', 'transparent'],
  unique: ['dashed', '#6e7781', '#9ea7b3', 'transparent', 'transparent'],
};

function css() {
  const rule = (sel, style, color, bg) =>
    `${sel}{text-decoration:underline ${style} ${color};text-decoration-thickness:2px;` +
    `text-decoration-skip-ink:none;text-underline-offset:3px;background-color:${bg}}`;
  const light = [];
  const dark = [];
  for (const [v, [style, c, cd, bg, bgd]] of Object.entries(LOOK)) {
    const sel = `::highlight(corroborate-${v}),${MARK}[data-verdict="${v}"]`;
    light.push(rule(sel, style, c, bg));
    dark.push(rule(sel, style, cd, bgd));
  }
  const active = '::highlight(corroborate-active),corroborate-mark[data-active]';
  return `${light.join('')}${active}{background-color:#ffd33d66}` +
    `@media (prefers-color-scheme: dark){${dark.join('')}${active}{background-color:#bb800966}}` +
    `${MARK}{display:inline}`;
}

/**
 * Add the page-level style once: a constructed style sheet (not subject to a strict CSP's inline
 * style rule, and nothing in the DOM), else a <style id="corroborate-style"> in the head.
 */
let styled = false;
export function addPageStyle() {
  if (styled) return;
  styled = true;
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css());
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  } catch {
    const style = document.createElement('style');
    style.id = 'corroborate-style';
    style.textContent = css();
    document.head.append(style);
  }
}

// The registered highlights, shared by all handles; each handle adds and deletes its own ranges.
const registry = {};
function highlight(name) {
  let h = registry[name];
  if (!h || CSS.highlights.get(`corroborate-${name}`) !== h) {
    h = registry[name] = CSS.highlights.get(`corroborate-${name}`) ?? new Highlight();
    if (name === 'active') h.priority = 1;
    CSS.highlights.set(`corroborate-${name}`, h);
  }
  return h;
}

/** Paint `ranges[i]` with `claims[i].verdict`; returns what `unpaint` needs. */
export function paintHighlights(claims, ranges) {
  const painted = [];
  claims.forEach((c, i) => {
    if (ranges[i]) { highlight(c.verdict).add(ranges[i]); painted.push([c.verdict, ranges[i]]); }
  });
  return painted;
}

export function unpaintHighlights(painted) {
  for (const [name, range] of painted) registry[name]?.delete(range);
}

/** Mark one claim as active (the one whose popover is open), or none. */
export function setActive(range, root, index) {
  if (HAS_HIGHLIGHTS) {
    const h = highlight('active');
    h.clear();
    if (range) h.add(range);
  } else {
    for (const m of root.querySelectorAll(`${MARK}[data-active]`)) m.removeAttribute('data-active');
    if (range) for (const m of marksOf(root, index)) m.setAttribute('data-active', '');
  }
}

const marksOf = (root, i) => root.querySelectorAll(`${MARK}[data-claim="${i}"]`);

/** Fallback: wrap each claim's text pieces in marks. Changes text nodes: re-extract after. */
export function paintMarks(map, claims) {
  // Last claim first, last piece first: splitting a node keeps its head, so the earlier
  // offsets of the table stay valid.
  for (let i = claims.length - 1; i >= 0; i--) {
    const c = claims[i];
    const pieces = piecesFor(map, c.start_utf16, c.end_utf16);
    for (let k = pieces.length - 1; k >= 0; k--) {
      let { node, from, to } = pieces[k];
      if (!node.data.slice(from, to).trim()) continue;
      if (to < node.data.length) node.splitText(to);
      if (from > 0) node = node.splitText(from);
      const mark = document.createElement(MARK);
      mark.dataset.verdict = c.verdict;
      mark.dataset.claim = String(i);
      node.replaceWith(mark);
      mark.append(node);
    }
  }
}

/** Fallback: remove every mark under root, putting its text back. */
export function unpaintMarks(root) {
  for (const m of root.querySelectorAll(MARK)) {
    const parent = m.parentNode;
    m.replaceWith(...m.childNodes);
    parent?.normalize();
  }
}

/**
 * What one root has painted: `paint(map, claims, active)` paints the claims over the extraction
 * `map` (the fallback's marks change the text nodes, so it extracts again for their ranges: same
 * text, new nodes) and marks claim `active`; `ranges` (a Range or null per claim) and
 * `hits` ([index, Range] of the painted ones, in text order, for hit testing) are the last
 * paint's. `quiet()` is called after each change of the page's DOM, to take the change's own
 * mutation records out. `rootOf()` gives the root (it may be replaced).
 */
export function painter(rootOf, quiet = () => {}) {
  let painted = [];
  const state = { ranges: [], hits: [] };
  function unpaint() {
    if (HAS_HIGHLIGHTS) unpaintHighlights(painted);
    else {
      unpaintMarks(rootOf());
      quiet();
    }
    painted = [];
    setActive(null, rootOf());
  }
  function paint(map, claims, active = -1) {
    unpaint();
    const root = rootOf();
    if (!HAS_HIGHLIGHTS) {
      const fresh = extract(root); // unwrapping the old marks merged text nodes
      if (fresh.text === map.text) {
        paintMarks(fresh, claims);
        quiet();
        map = extract(root);
      }
    }
    state.ranges = claims.map((c) => rangeFor(map, c.start_utf16, c.end_utf16));
    state.hits = state.ranges.map((r, i) => [i, r]).filter(([, r]) => r);
    if (HAS_HIGHLIGHTS) painted = paintHighlights(claims, state.ranges);
    if (active >= 0) mark(active);
  }
  /** Show claim `i` as the active one (-1: none). */
  const mark = (i) => setActive(i >= 0 ? state.ranges[i] ?? null : null, rootOf(), i);
  return {
    paint,
    unpaint,
    mark,
    get ranges() { return state.ranges; },
    get hits() { return state.hits; },
  };
}
