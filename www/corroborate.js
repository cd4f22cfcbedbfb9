// corroborate in the page: annotate the text under a root against a corpus of sources, paint
// each claim by verdict, and show the evidence on hover, click and keyboard. No dependencies.
//
//   import { attach } from './corroborate.js';
//   const handle = await attach({ root: 'article', corpus: 'sources.json', exclude: 'this-page' });
//
// See README.md in this folder for the options, the events and the looks.

import { claimAt, extract } from './extract.js';
import { addPageStyle, painter } from './paint.js';
import { inUI, presenter, showStatus } from './present.js';
import { showsStatus, statusOf } from './status.js';
import { follow } from './follow.js';
import { interact } from './interact.js';
import { clientOf, defaultHosts } from './client.js';
import { expand } from './wire.js';
import { wasmBlocked } from './csp.js'; // embed: the CSP check

const here = import.meta.url;

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

const byRoot = new Map(); // root element → handle
const now = () => performance.now();
const round = (ms) => Math.round(ms * 10) / 10;
const EMPTY = { claims: 0, confirmed: 0, contradicted: 0, disputed: 0, related: 0, unique: 0 };
// Let the page's other work run between our steps, so that no one task of ours is long.
const yieldTask = () => (globalThis.scheduler?.yield ? scheduler.yield()
  : new Promise((r) => setTimeout(r, 0)));

function resolveRoot(root) {
  if (root instanceof Element) return root;
  const el = root ? document.querySelector(root)
    : document.querySelector('article') ?? document.querySelector('main') ?? document.body;
  if (!el) throw new Error(`corroborate: no element matches the root ${root}`);
  return el;
}

// A failure shown on the badge, for a site that asked (status: 'show'); always in the console.
function tell(error, options) {
  if (!showsStatus(options.status) || options.ui === false) return;
  let root = null; // the article, which the badge keeps off: the root, else the default one
  for (const r of [options.root, undefined]) {
    try { root = resolveRoot(r); break; } catch { /* none */ }
  }
  showStatus(statusOf(error, { root: options.root }).text, String(error?.message ?? error), { root });
}

/**
 * Annotate the text under a root and paint it. Options: root (Element or selector), corpus (URL
 * or {sources}) or index (the URL of a `corroborate index` manifest: only the shards each page
 * needs are fetched), exclude (source id of the page itself), observe, worker, ui (all default true),
 * host (an engine host: {call(request)} answering wire.js's requests; default the shell's worker
 * host, or its main-thread host with worker: false), status ('show': a failure is shown on the
 * badge, not only thrown), allSources (true: compare with every source, not only those of the
 * page's story). Resolves to a handle once the first annotation is painted.
 */
export async function attach(options = {}) {
  try {
    return await attachHere(options);
  } catch (e) {
    tell(e, options);
    throw e;
  }
}

async function attachHere(options) {
  if (wasmBlocked()) throw new Error(wasmBlocked()); // embed: the CSP check, before anything else
  let root = resolveRoot(options.root); // embed: `let`: the root is followed when replaced (follow.js)
  byRoot.get(root)?.detach();
  if (options.corpus == null && options.index == null) throw new Error('corroborate: attach needs a corpus (URL or {sources}) or an index (the URL of its manifest)');
  const host = options.host ?? defaultHosts()[options.worker === false ? 'main' : 'worker'];
  const engine = clientOf(host).use(options.index != null ? { index: String(options.index) }
    : options.corpus, document.baseURI);
  const exclude = options.exclude ?? undefined;
  const allSources = options.allSources === true;
  const showUI = options.ui !== false;
  let empty = false; // nothing to compare with, at the last check

  let lastText = null; // the text the claims' offsets refer to
  let generation = 0;
  let detached = false;
  const handle = {
    root,
    claims: [],
    summary: { ...EMPTY },
    story: undefined,
    sources: 0,
    available: 0,
    timings: { extract: 0, annotate: 0, paint: 0 },
    refresh,
    detach,
    next: () => view.step(1),
    prev: () => view.step(-1),
  };
  const paint = painter(() => root, () => watch?.takeRecords());
  const view = presenter(handle, paint, { show: showUI });
  handle.go = view.go; // used by the UI's claim list
  handle.close = view.close;

  async function refresh() {
    const gen = ++generation;
    const t0 = now();
    const got = extract(root);
    const t1 = now();
    const ready = await engine.ready; // the source ids; for an index, {sources: its count}
    const usable = Array.isArray(ready) ? ready.filter((id) => id !== exclude).length : ready.sources;
    // (no text: nothing to check, and no story to match)
    const result = got.text.trim() ? await engine.annotate(got.text, exclude, { allSources })
      : { claims: [], summary: { ...EMPTY, sources: 0, available: usable } };
    const t2 = now();
    await yieldTask(); // the result was parsed in this task; paint in the next
    if (gen !== generation || detached) return handle; // a newer run took over
    const t2b = now();
    lastText = got.text;
    const open = view.opened();
    handle.claims = result.claims.map(expand);
    // An engine that groups stories says which sources it compared and how many it holds.
    handle.available = result.summary.available ?? usable;
    handle.sources = result.summary.sources ?? usable;
    handle.story = result.story;
    handle.summary = { ...result.summary, sources: handle.sources, available: handle.available,
      story: handle.story };
    paint.paint(got, handle.claims);
    view.update(open, nothingToCompare());
    const t3 = now();
    handle.timings = { extract: round(t1 - t0), annotate: round(t2 - t1), paint: round(t3 - t2b) };
    document.dispatchEvent(new CustomEvent('corroborate:ready', { detail: {
      claims: handle.claims, summary: handle.summary, story: handle.story, sources: handle.sources,
      available: handle.available, root, timings: handle.timings } }));
    return handle;
  }

  // Nothing to compare with (an empty corpus, or only the page itself) is said, not an error: a
  // console warning when it begins, and with status: 'show' a failure on the badge, kept there at
  // every re-check while it holds and gone once there are sources.
  function nothingToCompare() {
    const was = empty;
    empty = handle.available === 0;
    if (!empty) return null;
    const why = 'corroborate: the corpus has no sources to compare with (other than the excluded page)';
    if (!was) console.warn(why);
    return showsStatus(options.status) ? { text: statusOf(new Error(why)).text, detail: why } : null;
  }

  // Dynamic pages: re-annotate when the text changes (never on our own changes: the fallback's
  // marks are taken out with takeRecords(); the UI host is under the root only when it is <html>).
  const watch = options.observe === false ? null : follow(root, {
    changed() {
      const got = extract(root);
      if (got.text === lastText) paint.paint(got, handle.claims, view.active); // new nodes only
      else refresh().catch((e) => console.error(e));
    },
    relevant: (records) => records.some((r) => !inUI(r.target)),
    // embed: a root found by selector is found again when the page replaces it
    find: options.root instanceof Element ? undefined : () => resolveRoot(options.root),
    replaced(old, fresh) {
      if (byRoot.has(fresh)) return false; // another handle has it
      view.close();
      paint.unpaint();
      if (byRoot.get(old) === handle) byRoot.delete(old);
      root = handle.root = fresh;
      byRoot.set(root, handle);
      lastText = null; // annotate anew (and say so with a ready event), even if the text is the same
      return true;
    },
    history: true,
  });

  const keys = showUI ? interact({
    live: view.mine,
    claimAt: (x, y) => claimAt(paint.hits, root, x, y),
    openIndex: view.openIndex,
    pinned: () => view.pinned,
    open: view.open,
    close: view.close,
    step: view.step,
    escape: view.escape,
    inside: inUI,
    place: view.place,
  }) : null;

  function detach() {
    if (detached) return;
    detached = true;
    watch?.stop();
    keys?.stop();
    view.destroy();
    paint.unpaint();
    engine.release();
    if (byRoot.get(root) === handle) byRoot.delete(root);
  }

  byRoot.set(root, handle);
  addPageStyle();
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

// ---- Script-tag form: <script type="module" src=".../corroborate.js" data-corpus="...">
// (or data-index="URL of an index's manifest") ----
const me = [...document.querySelectorAll('script[src][data-corpus], script[src][data-index]')]
  .find((s) => new URL(s.src, document.baseURI).href === here);
const firstTag = me && !shared.auto; // embed: one auto-attach per page, however many copies
if (me) shared.auto = true;
if (firstTag && wasmBlocked()) { // embed: CSP: log once, touch nothing (unless asked to show it)
  console.error(wasmBlocked());
  if (me.dataset.status === 'show') tell(new Error(wasmBlocked()), { status: 'show', root: me.dataset.root || undefined });
} else if (firstTag) {
  const { corpus, index, root, exclude, observe, worker: w, status, allSources } = me.dataset;
  const start = () => attach({ corpus, index, root: root || undefined, exclude: exclude || undefined,
    observe: observe !== 'false', worker: w !== 'false', status, allSources: allSources === 'true' })
    .catch((e) => console.error(e));
  document.readyState === 'loading' ? document.addEventListener('DOMContentLoaded', start) : start();
}
