// The extension's storage: the saved sources (the corpus) and the per-site switch, in
// chrome.storage.local. Shared by the background, the popup and the options page.
//
// Keys:  "source:<id>" → {id, title, outlet, url, published, text, story, sample, added}
//        "index" → {v: 1, rev, sources: {<id>: {title, outlet, url, published, story, words, sample, added}}}
//        "index-rev" → the index's rev (a change of the sources, told in a few bytes)
//        "site:<hostname>" → true when the extension annotates that site by itself
// One key per source, so that two writers (the context menu and the options page, say) never
// overwrite each other's sources, and a change touches one entry. The index is the sources
// without their text: what the popup and the options page list and count, so that neither reads
// thousands of texts to show a number. Every write of sources goes through this module, which
// updates the index under one lock (navigator.locks: shared by the background and the pages
// of the extension); an index that is missing (a store from an older version) is rebuilt once.

export const api = globalThis.browser ?? globalThis.chrome;

const SOURCE = 'source:';
const SITE = 'site:';
export const INDEX = 'index';
// The index's revision alone, written with it: a reader that only needs to know whether the
// sources changed (the background, before each check) reads this one number.
const REV = 'index-rev';
/** The fields of the core's corpus JSON, and the extension's own `story` label. */
const FIELDS = ['id', 'title', 'outlet', 'url', 'published', 'text', 'story'];
// Query parameters that only track the reader; they never select a different article.
const TRACKING = /^(utm_[a-z]+|fbclid|gclid|dclid|mc_cid|mc_eid|igshid|ref_src)$/i;

/**
 * A page's URL as the corpus knows it: without the fragment, without tracking parameters, the
 * host in lower case. Returns null for what is not an http(s) URL.
 *
 *   normaliseUrl('https://News.example/a?utm_source=x&p=2#top') → 'https://news.example/a?p=2'
 */
export function normaliseUrl(url) {
  let u;
  try { u = new URL(url); } catch { return null; }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  u.hash = '';
  for (const key of [...u.searchParams.keys()]) if (TRACKING.test(key)) u.searchParams.delete(key);
  u.search = u.searchParams.toString() ? `?${u.searchParams}` : '';
  return u.href;
}

/** The URL when it is http(s), else null: what may become a link (the shell's check as well). */
export function webUrl(url) {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch { return null; }
}

/** FNV-1a, 32 bits, as 8 hex digits: a short stable fingerprint of a string. */
function fnv(s) {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/**
 * The id of the source saved from `url`: the host and path as a readable slug plus a
 * fingerprint of the normalised URL, so the same article always gets the same id.
 *
 *   sourceId('https://www.news.example/2025/ferry.html') → 'news-example-2025-ferry-html-1a2b3c4d'
 */
export function sourceId(url) {
  const norm = normaliseUrl(url) ?? String(url);
  let slug = norm;
  try {
    const u = new URL(norm);
    slug = u.hostname.replace(/^www\./, '') + u.pathname;
  } catch { /* keep the text */ }
  slug = slug.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
  return `${slug || 'page'}-${fnv(norm)}`;
}

/** The host name a site switch is stored under (null when the URL is not http(s)). */
export function siteOf(url) {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.hostname : null;
  } catch { return null; }
}

/** The host-permission pattern of a site, e.g. "*://news.example/*" (any port, http and https). */
export const sitePattern = (host) => `*://${host}/*`;

/** Keep only the corpus fields with non-empty string values; trims the story label. */
export function clean(source) {
  const out = {};
  for (const k of FIELDS) {
    const v = source?.[k];
    if (typeof v === 'string' && v.trim()) out[k] = k === 'text' ? v : v.trim();
  }
  return out;
}

/** A stored source's index entry: everything but its text, plus its word count. */
export function entryOf(s) {
  const e = { words: (s.text ?? '').split(/\s+/).filter(Boolean).length };
  for (const k of ['title', 'outlet', 'url', 'published', 'story', 'added']) if (s[k]) e[k] = s[k];
  if (s.sample) e.sample = true;
  return e;
}

// Read-modify-write of the index, one writer at a time across the extension's pages and its
// background (Web Locks; within one context a queue where they are missing).
let queue = Promise.resolve();
function locked(job) {
  if (globalThis.navigator?.locks?.request) return navigator.locks.request('corroborate-store', job);
  const run = queue.then(job, job);
  queue = run.catch(() => {});
  return run;
}

async function readIndex() {
  const { [INDEX]: index } = await api.storage.local.get(INDEX);
  if (index?.v === 1 && index.sources && typeof index.sources === 'object') return index;
  // No index yet (sources saved by an older version): build it from the sources, once.
  const all = await api.storage.local.get(null);
  const sources = {};
  for (const [k, v] of Object.entries(all)) if (k.startsWith(SOURCE) && v?.id) sources[v.id] = entryOf(v);
  return { v: 1, rev: 0, sources };
}

async function write(items) {
  try {
    await api.storage.local.set(items);
  } catch (e) {
    if (/quota/i.test(String(e?.message ?? e))) {
      throw new Error('the extension storage is full (about 10 MB): remove or export some sources first');
    }
    throw e;
  }
}

/**
 * The index of the saved sources, without their texts: [{id, title, outlet, url, published,
 * story, words, sample, added}] sorted by story, outlet, title, and the index's revision `rev`
 * (it changes with every write of sources).
 */
export async function sourceIndex() {
  const index = await readIndex();
  const list = Object.entries(index.sources).map(([id, e]) => ({ id, ...e }))
    .sort((a, b) => (a.story ?? '').localeCompare(b.story ?? '') ||
      (a.outlet ?? '').localeCompare(b.outlet ?? '') || (a.title ?? '').localeCompare(b.title ?? ''));
  return { rev: index.rev ?? 0, sources: list };
}

/** The saved sources with their texts, for the given ids (default: all), in the index's order. */
export async function getSources(ids) {
  const order = ids ?? (await sourceIndex()).sources.map((s) => s.id);
  if (!order.length) return [];
  const got = await api.storage.local.get(order.map((id) => SOURCE + id));
  return order.map((id) => got[SOURCE + id]).filter(Boolean);
}

/**
 * Save sources (new ids are added, known ids replaced). Each needs an id and a non-empty text;
 * `sample: true` marks the demo's sample sources. A full storage is reported as a clear Error.
 */
export async function putSources(list) {
  const items = {};
  for (const s of list) {
    const c = clean(s);
    if (!c.id || !c.text?.trim()) throw new Error('a source needs an "id" and a non-empty "text"');
    if (s.sample) c.sample = true;
    c.added = s.added ?? new Date().toISOString();
    items[SOURCE + c.id] = c;
  }
  if (!Object.keys(items).length) return;
  await locked(async () => {
    const index = await readIndex();
    for (const c of Object.values(items)) index.sources[c.id] = entryOf(c);
    index.rev = (index.rev ?? 0) + 1;
    await write({ ...items, [INDEX]: index, [REV]: index.rev });
  });
}

/** The revision of the sources: it changes with every write of sources (0 for an older store). */
export async function sourcesRev() {
  return (await api.storage.local.get(REV))[REV] ?? 0;
}

export async function removeSources(ids) {
  if (!ids.length) return;
  await locked(async () => {
    const index = await readIndex();
    for (const id of ids) delete index.sources[id];
    index.rev = (index.rev ?? 0) + 1;
    await api.storage.local.remove(ids.map((id) => SOURCE + id));
    await write({ [INDEX]: index, [REV]: index.rev });
  });
}

/**
 * Set (or clear, with an empty label) the story label of sources: `labels` maps id → label.
 * This is how a story is renamed (its sources get the new label), merged (two stories' sources
 * get one label) and split (a source gets another or a new label).
 */
export async function setStories(labels) {
  const ids = Object.keys(labels);
  if (!ids.length) return;
  await locked(async () => {
    const got = await api.storage.local.get(ids.map((id) => SOURCE + id));
    const index = await readIndex();
    const items = {};
    for (const id of ids) {
      const s = got[SOURCE + id];
      if (!s) continue;
      const label = String(labels[id] ?? '').trim();
      if (label) s.story = label; else delete s.story;
      items[SOURCE + id] = s;
      index.sources[id] = entryOf(s);
    }
    index.rev = (index.rev ?? 0) + 1;
    await write({ ...items, [INDEX]: index, [REV]: index.rev });
  });
}

/** Set (or clear, with an empty label) the story label of one source. */
export const setStory = (id, story) => setStories({ [id]: story });

/** The story labels in use, sorted. */
export const storiesOf = (sources) =>
  [...new Set(sources.map((s) => s.story).filter(Boolean))].sort((a, b) => a.localeCompare(b));

/** Whether a storage change touched the sources. */
export const touchesSources = (changes) => Object.keys(changes).some((k) => k === INDEX || k === REV || k.startsWith(SOURCE));
/** Whether a storage change touched the site switches. */
export const touchesSites = (changes) => Object.keys(changes).some((k) => k.startsWith(SITE));

/** The saved source at `url` (same normalised URL), as its index entry {id, ...}, or null. */
export async function sourceAt(url, index) {
  const norm = normaliseUrl(url);
  if (!norm) return null;
  const { sources } = index ?? await sourceIndex();
  return sources.find((s) => s.url && normaliseUrl(s.url) === norm) ?? null;
}

/**
 * What the page at `url` is compared with: every saved source (the engine compares the page
 * with the sources of its own story), and, when the page is itself a saved source, its id as
 * `exclude` (never compared with itself). Returns {sources, exclude, self, rev}.
 */
export async function corpusFor(url) {
  const index = await sourceIndex();
  const self = await sourceAt(url, index);
  const sources = (await getSources(index.sources.map((s) => s.id))).map(clean);
  return { sources, exclude: self?.id, self, rev: index.rev };
}

// ---- The sample sources (the demo story, offered by the welcome page) ----

/**
 * Save the demo corpus's sources as sample sources (marked `sample`, so that they can be
 * removed in one click). Loading them again changes nothing but their texts; a source of the
 * reader's own with the same id is left alone. Resolves to how many were written.
 */
export async function loadSamples(corpus) {
  const list = parseCorpus(typeof corpus === 'string' ? corpus : JSON.stringify(corpus));
  const { sources } = await sourceIndex();
  const own = new Set(sources.filter((s) => !s.sample).map((s) => s.id));
  const samples = list.filter((s) => !own.has(s.id)).map((s) => ({ ...s, sample: true,
    added: sources.find((x) => x.id === s.id)?.added }));
  await putSources(samples);
  return samples.length;
}

/** Remove every sample source; resolves to how many were removed. */
export async function removeSamples() {
  const ids = (await sourceIndex()).sources.filter((s) => s.sample).map((s) => s.id);
  await removeSources(ids);
  return ids.length;
}

// ---- The per-site switch ----

export async function siteEnabled(host) {
  if (!host) return false;
  const key = SITE + host;
  return Boolean((await api.storage.local.get(key))[key]);
}

export const setSite = (host, on) =>
  on ? api.storage.local.set({ [SITE + host]: true }) : api.storage.local.remove(SITE + host);

export async function enabledSites() {
  const all = await api.storage.local.get(null);
  return Object.keys(all).filter((k) => k.startsWith(SITE)).map((k) => k.slice(SITE.length)).sort();
}

// ---- Corpus files ----

/** The core's corpus JSON for a list of sources (with each source's story label kept). */
export function toCorpusJson(sources) {
  return `${JSON.stringify({ sources: sources.map(clean) }, null, 2)}\n`;
}

/**
 * Read a corpus file: {sources: [...]}, a bare array, or one source object, as the core accepts.
 * Sources without an id get one from their URL (or their text). Throws an Error naming the
 * problem; returns the cleaned sources.
 */
export function parseCorpus(json) {
  let data;
  try { data = JSON.parse(json); } catch (e) { throw new Error(`not JSON: ${e.message}`); }
  const list = Array.isArray(data) ? data : Array.isArray(data?.sources) ? data.sources
    : data && typeof data === 'object' && 'text' in data ? [data] : null;
  if (!list) throw new Error('a corpus file is {"sources": [...]}');
  if (!list.length) throw new Error('the corpus has no sources');
  const seen = new Set();
  return list.map((raw, i) => {
    if (!raw || typeof raw !== 'object') throw new Error(`source ${i + 1} is not an object`);
    const s = clean({ ...raw, id: raw.id == null ? undefined : String(raw.id) });
    if (!s.text?.trim()) throw new Error(`source ${i + 1} has no text`);
    s.id ??= sourceId(s.url ?? `text:${s.text.slice(0, 200)}`);
    if (seen.has(s.id)) throw new Error(`two sources have the id "${s.id}"`);
    seen.add(s.id);
    return s;
  });
}
