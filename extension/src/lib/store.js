// The extension's storage: the saved sources (the corpus) and the per-site switch, in
// chrome.storage.local. Shared by the background, the popup and the options page.
//
// Keys:  "source:<id>" → {id, title, outlet, url, published, text, story, added}
//        "site:<hostname>" → true when the extension annotates that site by itself
// One key per source, so that two writers (the context menu and the options page, say) never
// overwrite each other's sources, and a change touches one entry.

export const api = globalThis.browser ?? globalThis.chrome;

const SOURCE = 'source:';
const SITE = 'site:';
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

/** All saved sources, sorted by story, then outlet, then title. */
export async function getSources() {
  const all = await api.storage.local.get(null);
  return Object.entries(all).filter(([k]) => k.startsWith(SOURCE)).map(([, v]) => v)
    .sort((a, b) => (a.story ?? '').localeCompare(b.story ?? '') ||
      (a.outlet ?? '').localeCompare(b.outlet ?? '') || (a.title ?? '').localeCompare(b.title ?? ''));
}

/**
 * Save sources (new ids are added, known ids replaced). Each needs an id and a non-empty text.
 * A full storage is reported as a clear Error.
 */
export async function putSources(list) {
  const items = {};
  for (const s of list) {
    const c = clean(s);
    if (!c.id || !c.text?.trim()) throw new Error('a source needs an "id" and a non-empty "text"');
    c.added = s.added ?? new Date().toISOString();
    items[SOURCE + c.id] = c;
  }
  try {
    await api.storage.local.set(items);
  } catch (e) {
    if (/quota/i.test(String(e?.message ?? e))) {
      throw new Error('the extension storage is full (about 10 MB): remove or export some sources first');
    }
    throw e;
  }
}

export const removeSources = (ids) => api.storage.local.remove(ids.map((id) => SOURCE + id));

/** Set (or clear, with an empty label) the story group of a source. */
export async function setStory(id, story) {
  const key = SOURCE + id;
  const { [key]: s } = await api.storage.local.get(key);
  if (!s) return;
  if (story.trim()) s.story = story.trim(); else delete s.story;
  await api.storage.local.set({ [key]: s });
}

/** The story labels in use, sorted. */
export const storiesOf = (sources) =>
  [...new Set(sources.map((s) => s.story).filter(Boolean))].sort((a, b) => a.localeCompare(b));

/** Whether a storage change touched the sources. */
export const touchesSources = (changes) => Object.keys(changes).some((k) => k.startsWith(SOURCE));
/** Whether a storage change touched the site switches. */
export const touchesSites = (changes) => Object.keys(changes).some((k) => k.startsWith(SITE));

/**
 * The corpus to compare the page at `url` with: if the page is itself a saved source, its id is
 * `exclude` (never compared with itself) and, when it has a story label, only the sources of the
 * same story are used; otherwise every saved source. Returns {sources, exclude, story, self}.
 */
export async function corpusFor(url) {
  const sources = await getSources();
  const norm = normaliseUrl(url);
  const self = norm ? sources.find((s) => s.url && normaliseUrl(s.url) === norm) : undefined;
  const story = self?.story;
  const pick = story ? sources.filter((s) => s.story === story) : sources;
  return { sources: pick.map(clean), exclude: self?.id, story, self: self ? clean(self) : null };
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
