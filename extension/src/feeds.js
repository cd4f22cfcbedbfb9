// The feeds, in the background (Chromium's service worker, Firefox's event page): refreshing
// them (on a schedule with chrome.alarms, when one is added, on the browser's start and on
// "Refresh now"), and, when a page is read, gathering the articles of the page's story from
// their items before the page is checked. Also "Add from a list of URLs". Every fetch goes to a
// public feed or article URL (lib/net.js); the text of the page being read stays here: it only
// chooses, in the engine, which items are of its story.
//
// Writes: one feed record at a time, through one queue (a refresh of a feed and the gathering of
// its articles never overwrite each other), and only after the work succeeded: a failure writes
// its error and the time of the next try, never fewer items or sources than were there.

import { api, normaliseUrl, putSources, sourceId } from './lib/store.js';
import { CAP, GATHER_MAX, REFRESH_MS, backoff, capTotal, feedId, feedKey, getFeed, getFeeds, itemTime,
  mergeItems, touchesFeeds } from './lib/feedstore.js';
import { fetchText, htmlType, publicUrl } from './lib/net.js';
import { parse } from './lib/parse.js';
import { storyOf } from './engine.js';

const ALARM = 'corroborate-feeds';
const PERIOD_MIN = 15; // the alarm looks for due feeds and articles this often
const FEED_ACCEPT = 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1';
const PAGE_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.1';
const iso = (ms) => new Date(ms).toISOString();
const message = (e) => String(e?.message ?? e);

// ---- One writer: read-modify-write of a feed record, one at a time ----
let queue = Promise.resolve();
function serial(fn) {
  const run = queue.then(fn);
  queue = run.catch(() => {});
  return run;
}
/** Change a stored feed (nothing when it was removed meanwhile); resolves to the new record. */
const update = (id, change) => serial(async () => {
  const feed = await getFeed(id);
  if (!feed) return null;
  const next = change(feed);
  await api.storage.local.set({ [feedKey(id)]: next });
  return next;
});
/** Change one item of a feed. */
const updateItem = (feedIdOf, itemId, change) => update(feedIdOf, (f) => ({ ...f,
  items: f.items.map((i) => (i.id === itemId ? { ...i, ...change(i) } : i)) }));

// The feeds as last read, for the check of every page (reading them means reading all of
// storage.local, sources included); forgotten whenever a feed changes. A read that a change
// overtook is not kept.
let cached = null;
let version = 0;
api.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && touchesFeeds(changes)) { version++; cached = null; }
});
async function feedsNow() {
  if (cached) return cached;
  const v = version;
  const feeds = await getFeeds();
  if (v === version) cached = feeds;
  return feeds;
}

// ---- The schedule ----
async function schedule() {
  if (!(await api.alarms.get(ALARM))) await api.alarms.create(ALARM, { periodInMinutes: PERIOD_MIN, delayInMinutes: 1 });
}
api.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === ALARM) refreshDue().then(retryItems).catch((e) => console.error('corroborate: feeds:', e));
});
api.runtime.onStartup.addListener(() => { schedule(); refreshDue().catch(() => {}); });
api.runtime.onInstalled.addListener(() => { schedule(); });

// ---- Refreshing a feed ----
async function refreshOne(id) {
  const feed = await getFeed(id);
  if (!feed) return null;
  const now = Date.now();
  try {
    const got = await fetchText(feed.url, { accept: FEED_ACCEPT });
    const parsed = await parse({ kind: 'feed', text: got.text, url: got.url });
    const done = await update(id, (f) => ({ ...f, title: parsed.title || f.title, site: parsed.site ?? f.site,
      items: mergeItems(f.items, parsed.items, now), refreshed: iso(now), due: iso(now + REFRESH_MS),
      error: null, errorAt: null, failures: 0 }));
    await serial(async () => { // the cap over all feeds
      const changed = capTotal(await getFeeds(), CAP.total);
      if (changed.length) await api.storage.local.set(Object.fromEntries(changed.map((f) => [feedKey(f.id), f])));
    });
    return done;
  } catch (e) {
    return update(id, (f) => ({ ...f, error: message(e), errorAt: iso(now), failures: (f.failures ?? 0) + 1,
      due: iso(now + backoff((f.failures ?? 0) + 1)) }));
  }
}

/** Refresh the feeds whose time has come (or every feed, with `all`). */
async function refreshDue(all = false) {
  const now = Date.now();
  const feeds = (await getFeeds()).filter((f) => all || !f.due || Date.parse(f.due) <= now);
  const done = [];
  for (const f of feeds) done.push(await refreshOne(f.id)); // one at a time: a gentle client
  return done.filter(Boolean);
}

/** Add feeds ([{url, title, site}]), then fetch each new one. Resolves to {added, known, errors}. */
async function addFeeds(list) {
  const added = [];
  const known = [];
  const errors = [];
  const count = (await getFeeds()).length;
  for (const want of list.slice(0, CAP.feeds)) {
    let url;
    try { url = publicUrl(want?.url); } catch (e) { errors.push({ url: String(want?.url ?? ''), error: message(e) }); continue; }
    const id = feedId(url);
    if (await getFeed(id)) { known.push(url); continue; }
    if (count + added.length >= CAP.feeds) { errors.push({ url, error: `at most ${CAP.feeds} feeds` }); continue; }
    await serial(() => api.storage.local.set({ [feedKey(id)]: { id, url, title: want.title || new URL(url).hostname,
      site: want.site ?? null, added: iso(Date.now()), refreshed: null, due: null, error: null, errorAt: null,
      failures: 0, items: [] } }));
    added.push(id);
  }
  const feeds = [];
  for (const id of added) feeds.push(await refreshOne(id));
  return { added: feeds.filter(Boolean).map((f) => ({ id: f.id, url: f.url, title: f.title, items: f.items.length,
    error: f.error })), known, errors };
}

// ---- Articles ----

/** Fetch a page and read it as a source's fields (throws an Error that says what failed). */
async function readArticle(url) {
  const got = await fetchText(url, { accept: PAGE_ACCEPT });
  if (!htmlType(got.type)) throw new Error(`not an HTML page (${got.type})`);
  const a = await parse({ kind: 'article', text: got.text, url: got.url });
  if (!a?.text?.trim()) throw new Error('no article text in the page');
  return a;
}

/** Gather one item's article as a source; records the item's error (and next try) on failure. */
async function gatherItem(feed, item) {
  const now = Date.now();
  try {
    const url = normaliseUrl(publicUrl(item.link));
    const a = await readArticle(url);
    const source = { id: sourceId(url), url, title: item.title || a.title, outlet: feed.title || a.outlet,
      published: item.published ?? a.published, text: a.text };
    const key = `source:${source.id}`;
    const before = (await api.storage.local.get(key))[key];
    if (before?.story) source.story = before.story;
    await putSources([source]);
    await updateItem(feed.id, item.id, () => ({ source: source.id, error: null, failures: 0, retry: null }));
    return source;
  } catch (e) {
    await updateItem(feed.id, item.id, (i) => ({ error: message(e), failures: (i.failures ?? 0) + 1,
      retry: iso(now + backoff((i.failures ?? 0) + 1)) }));
    return null;
  }
}

/** Run `fn` over `list`, `n` at a time. */
async function pool(list, n, fn) {
  const out = [];
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(n, list.length) }, async () => {
    while (next < list.length) { const i = next++; out[i] = await fn(list[i]); }
  }));
  return out;
}

/** The articles whose gathering failed and whose next try has come (the alarm tries them again). */
async function retryItems() {
  const now = Date.now();
  const due = (await getFeeds()).flatMap((f) => f.items.filter((i) => i.error && !i.source && i.retry &&
    Date.parse(i.retry) <= now).map((i) => [f, i]));
  await pool(due.slice(0, GATHER_MAX), 2, ([f, i]) => gatherItem(f, i));
}

/**
 * Before a page is checked: the feed items of the page's story (the engine's storyOf over the
 * items' titles and descriptions) whose articles are not stored yet are fetched and stored as
 * sources. `progress(text | null)` tells the popup. Resolves to the number of articles stored.
 */
export async function gather(pageUrl, text, progress = () => {}) {
  if (typeof text !== 'string' || !text.trim()) return 0;
  const page = normaliseUrl(pageUrl);
  const feeds = await feedsNow();
  const candidates = [];
  for (const f of feeds) {
    for (const i of f.items) if (normaliseUrl(i.link) !== page) candidates.push({ feed: f, item: i, id: `${f.id} ${i.id}` });
  }
  if (!candidates.length) return 0;
  const sources = candidates.map(({ feed, item, id }) => ({ id, title: item.title, outlet: feed.title,
    published: item.published ?? undefined, text: `${item.title}\n\n${item.summary ?? ''}`.trim() }));
  // The engine over the items is kept while they stay the same (ids and dates identify them).
  const key = candidates.map((c) => `${c.id}\u0000${c.item.published ?? ''}\u0000${c.item.summary?.length ?? 0}`).join('\u0001');
  const story = await storyOf(key, sources, text);
  if (!story?.sources?.length) return 0;
  const inStory = new Set(story.sources);
  const now = Date.now();
  const wanted = candidates.filter((c) => inStory.has(c.id) && !c.item.source &&
    !(c.item.retry && Date.parse(c.item.retry) > now));
  const keys = wanted.map((c) => `source:${sourceId(normaliseUrl(c.item.link) ?? c.item.link)}`);
  const have = keys.length ? await api.storage.local.get(keys) : {};
  const links = new Set();
  const todo = wanted.filter((c, k) => {
    const link = normaliseUrl(c.item.link);
    if (have[keys[k]] || links.has(link)) return false; // stored already, or the same article in two feeds
    links.add(link);
    return true;
  }).sort((a, b) => itemTime(b.item) - itemTime(a.item)).slice(0, GATHER_MAX);
  if (!todo.length) return 0;
  progress(`Gathering ${todo.length} article${todo.length === 1 ? '' : 's'} from your feeds…`);
  try {
    const got = await pool(todo, 3, (c) => gatherItem(c.feed, c.item));
    return got.filter(Boolean).length;
  } finally {
    progress(null);
  }
}

/** "Add from a list of URLs": each page fetched, read and stored. Resolves to [{url, title} | {url, error}]. */
async function addUrls(urls) {
  const list = [...new Set(urls.map((u) => String(u).trim()).filter(Boolean))].slice(0, 100);
  return pool(list, 3, async (raw) => {
    try {
      const url = normaliseUrl(publicUrl(raw));
      const a = await readArticle(url);
      const source = { id: sourceId(url), url, title: a.title, outlet: a.outlet, published: a.published, text: a.text };
      const key = `source:${source.id}`;
      const before = (await api.storage.local.get(key))[key];
      if (before?.story) source.story = before.story;
      await putSources([source]);
      return { url, title: source.title ?? url };
    } catch (e) {
      return { url: raw, error: message(e) };
    }
  });
}

/**
 * The options page's requests: {type: 'feeds', action: 'add', feeds: [{url, title, site}]} |
 * {action: 'remove', id} | {action: 'refresh'} | {action: 'add-urls', urls: [...]}.
 */
export async function feedsMessage(msg) {
  await schedule();
  switch (msg?.action) {
    case 'add': return addFeeds(Array.isArray(msg.feeds) ? msg.feeds : []);
    case 'remove':
      await serial(() => api.storage.local.remove(feedKey(String(msg.id))));
      return { ok: true };
    case 'refresh': {
      const done = await refreshDue(true);
      await retryItems();
      return { refreshed: done.length, failed: done.filter((f) => f.error).length };
    }
    case 'add-urls': return { results: await addUrls(Array.isArray(msg.urls) ? msg.urls : []) };
    default: throw new Error(`unknown feeds request ${msg?.action}`);
  }
}
