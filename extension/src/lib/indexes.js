// Published indexes (`corroborate index`: a manifest.json and its content-addressed shards on
// any static host) that the reader added by URL in the options page. Which URLs are accepted,
// their storage (`indexes`, in storage.local: read and written by the extension's own pages and
// background, never by the content script), and the fetches of an index read a page at a time
// (the manifest, then the shards the core asks for, round by round). Only the background fetches
// an index's files (background.js); the options page asks it to check a manifest by message.

export const api = globalThis.browser ?? globalThis.chrome;

/** The storage key of the list of added indexes. */
export const KEY = 'indexes';
/** How long one request may take (ms), and the most a manifest or a shard may weigh (bytes). */
export const TIMEOUT_MS = 20_000;
export const MAX_BYTES = 64_000_000;
/** At most this many indexes (each one's shards are fetched for every page checked). */
export const MAX_INDEXES = 20;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The URL of an index's manifest as the extension stores it: https (or http on this machine:
 * 127.0.0.1, localhost, [::1]), no user name or password, no fragment; a URL ending in "/" gets
 * "manifest.json". Throws an Error that says what is wrong.
 *
 *   indexUrl('https://news.example/archive/') → 'https://news.example/archive/manifest.json'
 */
export function indexUrl(input) {
  const text = String(input ?? '').trim();
  if (!text) throw new Error('enter the URL of the index’s manifest.json');
  let u;
  try { u = new URL(text); } catch { throw new Error(`not a URL: ${text.slice(0, 200)}`); }
  if (u.protocol === 'http:' && !LOOPBACK.has(u.hostname)) {
    throw new Error(`an index is fetched over https only (http only from this machine: 127.0.0.1 or localhost): ${u.host}`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error(`an index is fetched over https only, not ${u.protocol}`);
  if (u.username || u.password) throw new Error('an index URL with a user name or password is not fetched');
  u.hash = '';
  if (u.pathname.endsWith('/')) u.pathname += 'manifest.json';
  return u.href;
}

/** The host-permission pattern that lets the background fetch an index's files (its scheme and host). */
export const indexOrigin = (url) => {
  const u = new URL(url);
  return `${u.protocol}//${u.hostname}/*`;
};

/** A short name of an index for messages: its host and path, without "/manifest.json". */
export function indexName(url) {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname.replace(/\/manifest\.json$/, '') || '/'}`;
  } catch { return String(url); }
}

/** Whether a storage change touches the list of indexes. */
export const touchesIndexes = (changes) => KEY in changes;

/** The added indexes: [{url, sources, stories, added}], in the order they were added. */
export async function getIndexes(storage = api.storage.local) {
  const list = (await storage.get(KEY))[KEY];
  return Array.isArray(list) ? list.filter((e) => typeof e?.url === 'string') : [];
}

function locked(job) {
  if (globalThis.navigator?.locks?.request) return navigator.locks.request('corroborate-indexes', job);
  return job();
}

/**
 * Add (or update) an index: `entry` {url, sources, stories, granted (whether adding it asked for
 * its host's permission: removing it gives that back)}; resolves to the list. Refuses a list
 * longer than MAX_INDEXES.
 */
export function putIndex(entry, storage = api.storage.local, now = () => new Date().toISOString()) {
  return locked(async () => {
    const list = await getIndexes(storage);
    const at = list.findIndex((e) => e.url === entry.url);
    const kept = { url: entry.url, sources: entry.sources, stories: entry.stories, added: at >= 0 ? list[at].added : now(),
      granted: Boolean(entry.granted || (at >= 0 && list[at].granted)) };
    if (at >= 0) list[at] = kept;
    else if (list.length >= MAX_INDEXES) throw new Error(`at most ${MAX_INDEXES} indexes can be added`);
    else list.push(kept);
    await storage.set({ [KEY]: list });
    return list;
  });
}

/** Remove the index with this URL; resolves to whether it was there. */
export function removeIndex(url, storage = api.storage.local) {
  return locked(async () => {
    const list = await getIndexes(storage);
    const rest = list.filter((e) => e.url !== url);
    if (rest.length === list.length) return false;
    await storage.set({ [KEY]: rest });
    return true;
  });
}

/**
 * Fetch one of an index's files: the manifest as text (`as: 'text'`, revalidated with the server
 * each time: `cache: 'no-cache'`), a shard as bytes (the browser's HTTP cache as the server's
 * headers say: a shard's name is its checksum, so it is immutable). No cookies, no referrer.
 * Rejects with an Error naming the file and what went wrong.
 */
export async function fetchFile(url, { as = 'bytes', what = 'file', fetcher = globalThis.fetch } = {}) {
  let res;
  try {
    res = await fetcher(url, { credentials: 'omit', referrerPolicy: 'no-referrer', redirect: 'follow',
      cache: as === 'text' ? 'no-cache' : 'default', signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (e) {
    if (e?.name === 'TimeoutError' || e?.name === 'AbortError') throw new Error(`${what} ${url}: no answer within ${TIMEOUT_MS / 1000} s`);
    throw new Error(`${what} ${url}: network error (${e?.message ?? e})`);
  }
  if (!res.ok) throw new Error(`${what} ${url}: HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`);
  const length = Number(res.headers.get('content-length'));
  if (length > MAX_BYTES) throw new Error(`${what} ${url}: too large (${Math.round(length / 1e6)} MB)`);
  if (as === 'text') {
    const text = await res.text();
    if (text.length > MAX_BYTES) throw new Error(`${what} ${url}: too large`);
    return text;
  }
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (bytes.length > MAX_BYTES) throw new Error(`${what} ${url}: too large`);
  return bytes;
}

/**
 * Read an index's manifest: fetch it and hand its text to the core (`make`: the module's
 * IndexEngine constructor, which throws when it is not an index or of another version).
 * Resolves to {engine, text}.
 */
export async function openIndex(url, make, { fetcher } = {}) {
  const text = await fetchFile(url, { as: 'text', what: 'the index manifest', fetcher });
  try {
    return { engine: make(text), text };
  } catch (e) {
    throw new Error(`${url} is not an index this extension reads: ${e?.message ?? e}`);
  }
}

/**
 * Fetch and add the shards that checking `text` needs from an index (its IndexEngine `engine`,
 * its manifest at `base`), round by round, each round's shards in parallel; the core asks for
 * at most three rounds. A missing or damaged shard rejects with an Error naming it (the core
 * checks each shard's length and checksum in `add`).
 */
export async function fetchShards(engine, base, text, options = {}, { fetcher } = {}) {
  for (let round = 0; ; round++) {
    const files = engine.wants(text, options);
    if (!files.length) return round;
    if (round > 3) throw new Error(`the index ${base} keeps asking for shards`);
    const got = await Promise.all(files.map(async (file) =>
      [file, await fetchFile(new URL(file, base).href, { what: 'the index shard', fetcher })]));
    for (const [file, bytes] of got) engine.add(file, bytes);
  }
}
