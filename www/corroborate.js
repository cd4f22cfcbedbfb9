// corroborate in the page: annotate the text under a root against a corpus of sources, paint
// each claim by verdict, and show the evidence on hover, click and keyboard. No dependencies.
//
//   import { attach } from './corroborate.js';
//   const handle = await attach({ root: 'article', corpus: 'sources.json', exclude: 'this-page' });
//
// See README.md in this folder for the options, the events and the looks.

import { claimAt as claimAtPoint, extract, rangeFor } from './extract.js';
import { HAS_HIGHLIGHTS, addPageStyle, paintHighlights, unpaintHighlights, paintMarks, unpaintMarks,
  setActive } from './paint.js';
import { createUI } from './ui.js';
import { expand } from './wire.js';
import { wasmBlocked } from './csp.js'; // embed: the CSP check

const here = import.meta.url;
const DEBOUNCE_MS = 400;

let loading;
/** Initialise the WebAssembly module on this thread, once; resolves to its exports. */
export function load() {
  return (loading ??= import('./worker.js').then((m) => m.boot()));
}

const corpusCache = new Map();
/** Fetch a corpus JSON (cached per URL), or check and return a corpus object. */
export function loadCorpus(corpus) {
  if (typeof corpus !== 'string') {
    if (!Array.isArray(corpus?.sources)) return Promise.reject(new Error('corroborate: a corpus is {sources: [...]}'));
    return Promise.resolve(corpus);
  }
  const url = new URL(corpus, document.baseURI).href;
  if (!corpusCache.has(url)) {
    corpusCache.set(url, fetch(url).then((r) => {
      if (!r.ok) throw new Error(`corroborate: could not load the corpus ${url}: HTTP ${r.status}`);
      return r.json();
    }));
    corpusCache.get(url).catch(() => corpusCache.delete(url));
  }
  return corpusCache.get(url);
}

// ---- The engine: in a shared module Worker, or on this thread when no Worker can be made ----

let worker = null; // {post(msg) → Promise} once created; false when workers failed
let seq = 0;

function mainThread(msg) {
  return import('./worker.js').then((m) => m.handle(msg));
}

function viaWorker(msg) {
  if (worker === false) return mainThread(msg);
  if (!worker) {
    try {
      // embed: import.meta.url written out, so that bundlers (Vite, webpack) see and bundle the worker
      const w = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
      const pending = new Map();
      const fail = () => { // the worker could not load: finish everything on this thread
        worker = false;
        w.terminate();
        for (const [, [m, ok, ko]] of pending) mainThread(m).then(ok, ko);
        pending.clear();
      };
      w.onerror = (e) => { e.preventDefault?.(); fail(); };
      w.onmessage = ({ data }) => {
        if (data.csp) return fail(); // embed: the worker's own CSP forbids WebAssembly
        const p = pending.get(data.id);
        pending.delete(data.id);
        if (!p) return;
        if ('error' in data) p[2](new Error(`corroborate: ${data.error}`));
        else p[1](data.result);
      };
      worker = {
        post: (m) => new Promise((ok, ko) => {
          const id = ++seq;
          pending.set(id, [m, ok, ko]);
          w.postMessage({ ...m, id });
        }),
      };
    } catch {
      worker = false; // e.g. the script is on another origin
      return mainThread(msg);
    }
  }
  return worker.post(msg);
}

// Corpora loaded into the engine host, shared by handles: key → {users, ready, timer}. An
// unused one is dropped after a while, so that re-attaching (a new article) does not re-index.
const KEEP_MS = 30000;
const corpora = new Map();
const objectKeys = new WeakMap();

function useCorpus(corpus, inWorker) {
  const call = inWorker ? viaWorker : mainThread;
  let key;
  let msg;
  if (typeof corpus === 'string') {
    key = new URL(corpus, document.baseURI).href;
    msg = { type: 'setCorpus', key, url: key };
  } else {
    if (!Array.isArray(corpus?.sources)) throw new Error('corroborate: a corpus is {sources: [...]}');
    if (!objectKeys.has(corpus)) objectKeys.set(corpus, `object:${++seq}`);
    key = objectKeys.get(corpus);
    msg = { type: 'setCorpus', key, corpus };
  }
  key += inWorker ? '|w' : '|m';
  msg.key = key;
  let entry = corpora.get(key);
  if (!entry) {
    entry = { users: 0, ready: call(msg) };
    corpora.set(key, entry);
    entry.ready.catch(() => corpora.delete(key));
  }
  entry.users++;
  clearTimeout(entry.timer);
  return {
    ready: entry.ready,
    annotate: (text, exclude) => call({ type: 'annotate', key, text, exclude }),
    release() {
      if (--entry.users > 0 || corpora.get(key) !== entry) return;
      entry.timer = setTimeout(() => {
        corpora.delete(key);
        entry.ready.then(() => call({ type: 'drop', key })).catch(() => {});
      }, KEEP_MS);
    },
  };
}

// ---- Handles ----

const byRoot = new Map(); // root element → handle
const handles = []; // attached handles, in order
const withUI = new WeakSet(); // the handles attached with ui: true
const owner = () => handles.findLast((h) => withUI.has(h)); // the one the UI and keys serve
let ui = null;
const now = () => performance.now();
const round = (ms) => Math.round(ms * 10) / 10;
// Let the page's other work run between our steps, so that no one task of ours is long.
const yieldTask = () => (globalThis.scheduler?.yield ? scheduler.yield()
  : new Promise((r) => setTimeout(r, 0)));
const reducedMotion = () => matchMedia('(prefers-reduced-motion: reduce)').matches;

function resolveRoot(root) {
  if (root instanceof Element) return root;
  const el = root ? document.querySelector(root)
    : document.querySelector('article') ?? document.querySelector('main') ?? document.body;
  if (!el) throw new Error(`corroborate: no element matches the root ${root}`);
  return el;
}

/**
 * Annotate the text under a root and paint it. Options: root (Element or selector), corpus (URL
 * or {sources}), exclude (source id of the page itself), observe, worker, ui (all default true).
 * Resolves to a handle once the first annotation is painted.
 */
export async function attach(options = {}) {
  if (wasmBlocked()) throw new Error(wasmBlocked()); // embed: the CSP check, before anything else
  let root = resolveRoot(options.root); // embed: `let`: the root is followed when replaced (below)
  byRoot.get(root)?.detach();
  if (options.corpus == null) throw new Error('corroborate: attach needs a corpus (URL or {sources})');
  const engine = useCorpus(options.corpus, options.worker !== false);
  const exclude = options.exclude ?? undefined;
  const showUI = options.ui !== false;

  let map = null; // the extraction the claims' offsets refer to
  let ranges = []; // one Range (or null) per claim
  let hits = []; // [index, range] of the painted claims, in text order, for hit testing
  let painted = []; // what to unpaint
  let lastText = null;
  let sourceCount = 0;
  let generation = 0;
  let active = -1;
  let timer = 0;
  let detached = false;

  const handle = {
    root,
    claims: [],
    summary: { claims: 0, confirmed: 0, contradicted: 0, disputed: 0, related: 0, unique: 0 },
    timings: { extract: 0, annotate: 0, paint: 0 },
    refresh,
    detach,
    next: () => go(active + 1),
    prev: () => go(active < 0 ? handle.claims.length - 1 : active - 1),
  };

  function unpaint() {
    if (HAS_HIGHLIGHTS) unpaintHighlights(painted);
    else {
      unpaintMarks(root);
      observer?.takeRecords(); // our own changes
    }
    painted = [];
    setActive(null, root);
  }

  // Paint the current claims over `map`; in the fallback the marks change the text nodes, so
  // the text is extracted again (same text, new nodes) before ranges are made.
  function paint() {
    unpaint();
    if (!HAS_HIGHLIGHTS) {
      const fresh = extract(root); // unwrapping the old marks merged text nodes
      if (fresh.text === map.text) {
        paintMarks(fresh, handle.claims);
        observer?.takeRecords();
        map = extract(root);
      }
    }
    ranges = handle.claims.map((c) => rangeFor(map, c.start_utf16, c.end_utf16));
    hits = ranges.map((r, i) => [i, r]).filter(([, r]) => r);
    if (HAS_HIGHLIGHTS) painted = paintHighlights(handle.claims, ranges);
    if (active >= 0) setActive(ranges[active], root, active);
  }

  async function refresh() {
    const gen = ++generation;
    const t0 = now();
    const got = extract(root);
    const t1 = now();
    sourceCount = (await engine.ready).filter((id) => id !== exclude).length;
    handle.sources = sourceCount;
    const result = got.text.trim() ? await engine.annotate(got.text, exclude)
      : { claims: [], summary: { claims: 0, confirmed: 0, contradicted: 0, disputed: 0, related: 0,
        unique: 0 } };
    const t2 = now();
    await yieldTask(); // the result was parsed in this task; paint in the next
    if (gen !== generation || detached) return handle; // a newer run took over
    const t2b = now();
    map = got;
    lastText = got.text;
    const mine = ui && owner() === handle;
    const open = mine && ui.openIndex >= 0 ? handle.claims[ui.openIndex]?.text : null;
    handle.claims = result.claims.map(expand);
    handle.summary = result.summary;
    active = -1;
    paint();
    if (mine) { // keep the open popover on its claim when the claim is still there
      ui.update(handle.claims, handle.summary, sourceCount);
      const again = open == null ? -1 : handle.claims.findIndex((c) => c.text === open);
      if (again >= 0) openPopover(again, { pin: pinned });
      else closePopover();
    }
    const t3 = now();
    handle.timings = { extract: round(t1 - t0), annotate: round(t2 - t1), paint: round(t3 - t2b) };
    document.dispatchEvent(new CustomEvent('corroborate:ready', { detail: {
      claims: handle.claims, summary: handle.summary, root, timings: handle.timings } }));
    return handle;
  }

  // ---- Dynamic pages: re-annotate when the text changes (never on our own changes) ----
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (detached) return;
      const got = extract(root);
      if (got.text === lastText) { // same text, maybe new nodes: repaint only
        map = got;
        paint();
      } else refresh().catch((e) => console.error(e));
    }, DEBOUNCE_MS);
  };
  // (The fallback's own mark changes are taken out with takeRecords(); the UI host is only
  // under the root when the root is <html>.)
  const observer = options.observe === false ? null : new MutationObserver((records) => {
    if (records.some((r) => !ui?.contains(r.target))) schedule();
  });
  observer?.observe(root, { characterData: true, childList: true, subtree: true });

  // ---- embed: follow the root when the page replaces it (begin) ----
  // An SPA may replace the article element itself (replaceWith, innerHTML on a container), which
  // the observer above cannot see. When the root was found by selector (not given as an element),
  // a cheap document-wide check finds it again and annotates the new one.
  const follow = options.observe === false || options.root instanceof Element ? null
    : new MutationObserver(() => {
      if (detached) return follow.disconnect();
      if (root.isConnected) return;
      let fresh;
      try { fresh = resolveRoot(options.root); } catch { return; } // not back (yet)
      if (byRoot.has(fresh)) return; // another handle has it
      closePopover();
      unpaint();
      observer?.disconnect();
      if (byRoot.get(root) === handle) byRoot.delete(root);
      root = handle.root = fresh;
      byRoot.set(root, handle);
      observer?.observe(root, { characterData: true, childList: true, subtree: true });
      lastText = null; // annotate anew (and say so with a ready event), even if the text is the same
      schedule();
    });
  follow?.observe(document, { childList: true, subtree: true });
  // ---- embed: follow the root (end) ----
  const onNavigate = () => schedule();
  addEventListener('popstate', onNavigate);
  globalThis.navigation?.addEventListener?.('navigatesuccess', onNavigate);

  // ---- Popover, hover, click, keyboard ----
  const claimAt = (x, y) => claimAtPoint(hits, root, x, y);

  let pinned = false;
  let hoverTimer = 0;
  let lastFocus = null;
  function openPopover(i, { pin = false, focus = false, x, y } = {}) {
    const c = handle.claims[i];
    const range = ranges[i];
    if (!ui || !c || !range) return;
    pinned = pin;
    active = i;
    setActive(range, root, i);
    const rect = () => { // the whole claim vertically; the line under the pointer horizontally
      const all = range.getBoundingClientRect();
      const rects = [...range.getClientRects()];
      const line = (x != null && rects.find((q) => y >= q.top && y <= q.bottom)) || rects[0];
      return line ? { top: all.top, bottom: all.bottom, left: line.left } : null;
    };
    if (focus && !ui.popoverHasFocus()) { // remember where focus was, through shadow roots
      let el = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      lastFocus = el;
    }
    return ui.open(c, rect, focus);
  }
  function closePopover() {
    if (!ui || ui.openIndex < 0) return;
    ui.close();
    setActive(null, root);
    pinned = false;
    if (lastFocus?.isConnected) lastFocus.focus({ preventScroll: true });
    lastFocus = null;
  }
  function go(i) {
    const n = handle.claims.length;
    if (!n) return null;
    i = ((i % n) + n) % n;
    const range = ranges[i];
    range?.startContainer.parentElement?.scrollIntoView({ block: 'center',
      behavior: reducedMotion() ? 'auto' : 'smooth' });
    const words = openPopover(i, { pin: true, focus: true });
    active = i;
    if (ui) ui.announce(`Claim ${i + 1} of ${n}: ${handle.claims[i].text} ${words ?? ''}`);
    return handle.claims[i];
  }

  let moveQueued = false;
  const onMove = (e) => {
    if (moveQueued || e.pointerType === 'touch') return;
    moveQueued = true;
    requestAnimationFrame(() => {
      moveQueued = false;
      if (!ui || owner() !== handle) return;
      clearTimeout(hoverTimer);
      if (ui.contains(e.target)) return; // over the popover or badge: keep it
      const i = claimAt(e.clientX, e.clientY);
      if (i >= 0 && i === ui.openIndex) return;
      if (i >= 0) hoverTimer = setTimeout(() => openPopover(i, { x: e.clientX, y: e.clientY }), 120);
      else if (!pinned && ui.openIndex >= 0) hoverTimer = setTimeout(closePopover, 350);
    });
  };
  const onClick = (e) => {
    if (!ui || owner() !== handle || ui.contains(e.target)) return;
    if (!getSelection()?.isCollapsed) return; // selecting text, not pointing at a claim
    const i = claimAt(e.clientX, e.clientY);
    if (i >= 0) { clearTimeout(hoverTimer); openPopover(i, { pin: true, x: e.clientX, y: e.clientY }); }
    else closePopover();
  };
  const onKey = (e) => {
    if (owner() !== handle) return;
    const t = e.target;
    if (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)) return; // typing
    if (e.altKey && e.shiftKey && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      e.preventDefault();
      e.key === 'ArrowDown' ? handle.next() : handle.prev();
    } else if (e.key === 'Escape' && ui) {
      if (ui.openIndex >= 0) closePopover();
      else ui.closePanel();
    }
  };
  let placeQueued = false;
  const onScroll = () => { // follow the claim; a hover popover closes when it scrolls away
    if (placeQueued || !ui || owner() !== handle) return;
    placeQueued = true;
    requestAnimationFrame(() => {
      placeQueued = false;
      if (ui && !ui.place() && !pinned) closePopover();
    });
  };
  if (showUI) {
    document.addEventListener('pointermove', onMove, { passive: true });
    document.addEventListener('click', onClick);
    document.addEventListener('keydown', onKey);
    addEventListener('scroll', onScroll, { passive: true, capture: true });
    addEventListener('resize', onScroll, { passive: true });
  }

  function detach() {
    if (detached) return;
    detached = true;
    clearTimeout(timer);
    clearTimeout(hoverTimer);
    observer?.disconnect();
    removeEventListener('popstate', onNavigate);
    globalThis.navigation?.removeEventListener?.('navigatesuccess', onNavigate);
    document.removeEventListener('pointermove', onMove);
    document.removeEventListener('click', onClick);
    document.removeEventListener('keydown', onKey);
    removeEventListener('scroll', onScroll, { capture: true });
    removeEventListener('resize', onScroll);
    closePopover();
    unpaint();
    engine.release();
    if (byRoot.get(root) === handle) byRoot.delete(root);
    handles.splice(handles.indexOf(handle), 1);
    const next = owner();
    if (ui && !next) { ui.destroy(); ui = null; }
    else if (ui) ui.update(next.claims, next.summary, next.sources ?? 0);
  }

  byRoot.set(root, handle);
  handles.push(handle);
  if (showUI) withUI.add(handle);
  addPageStyle();
  if (showUI && !ui) ui = createUI({ goto: (i) => owner()?.go(i), close: () => owner()?.close() });
  handle.go = go; // used by the UI's claim list
  handle.close = closePopover;
  try {
    await refresh();
  } catch (e) {
    detach();
    throw e;
  }
  return handle;
}

// ---- embed: one copy per page (begin) ----
// A page may load this module twice from two URLs (two script tags, a tag and a bundle): the
// first copy evaluated owns the page and later copies hand every call to it, so there is one UI
// host and one set of highlights. The first copy's API is the one global name it sets:
// globalThis.corroborate = {version, attach, load, loadCorpus} (frozen).
export const version = '0.1.0';
const OWNER = Symbol.for('corroborate.owner'); // the first copy's shared state: {auto}
const firstCopy = globalThis.corroborate;
if (firstCopy?.[OWNER]) {
  // (function declarations are assignable; exports are live, so importers get the first copy's)
  attach = firstCopy.attach;
  load = firstCopy.load;
  loadCorpus = firstCopy.loadCorpus;
} else if (firstCopy === undefined || (typeof Element === 'function' && firstCopy instanceof Element)) {
  // (an element with id="corroborate" is reachable as window.corroborate: ours shadows it)
  globalThis.corroborate = Object.freeze({ version, attach, load, loadCorpus,
    [OWNER]: { auto: false } });
}
const shared = globalThis.corroborate?.[OWNER] ?? { auto: false };
// ---- embed: one copy per page (end) ----

// ---- Script-tag form: <script type="module" src=".../corroborate.js" data-corpus="..."> ----
const me = [...document.querySelectorAll('script[src][data-corpus]')]
  .find((s) => new URL(s.src, document.baseURI).href === here);
const firstTag = me && !shared.auto; // embed: one auto-attach per page, however many copies
if (me) shared.auto = true;
if (firstTag && wasmBlocked()) console.error(wasmBlocked()); // embed: CSP: log once, touch nothing
else if (firstTag) {
  const { corpus, root, exclude, observe, worker: w } = me.dataset;
  const start = () => attach({ corpus, root: root || undefined, exclude: exclude || undefined,
    observe: observe !== 'false', worker: w !== 'false' }).catch((e) => console.error(e));
  document.readyState === 'loading' ? document.addEventListener('DOMContentLoaded', start) : start();
}
