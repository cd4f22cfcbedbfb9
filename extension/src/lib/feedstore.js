// The feeds' state in chrome.storage.local, and the pure rules it follows: which items are
// kept (the storage cap), when a failing feed or article is tried again (the backoff). Shared by
// the background (feeds.js, the only writer) and the options page (the list).
//
// Key: "feed:<id>" → {id, url, title, site, added, refreshed, due, error, errorAt, failures,
//       items: [{id, title, link, published, summary, seen, source, error, failures, retry}]}
// One key per feed: a refresh writes its feed's record once, after it succeeded (a failure
// writes only its error and the time of the next try: the items kept stay as they were).

import { api, sourceId } from './store.js';

export const FEED = 'feed:';
/** The storage cap of feed items (the articles themselves become ordinary sources once gathered). */
export const CAP = {
  perFeed: 50, // items kept per feed, newest first
  days: 30, // items older than this (by their date, else when first seen) are dropped
  total: 1000, // items kept over all feeds: the oldest go first
  feeds: 200, // feeds
};
/** How often a feed is fetched again after a success (ms). */
export const REFRESH_MS = 60 * 60_000;
/** The first wait after a failure (ms); it doubles with each failure in a row, up to MAX_WAIT_MS. */
export const RETRY_MS = 5 * 60_000;
export const MAX_WAIT_MS = 24 * 60 * 60_000;
/** At most this many articles are gathered when a page is read. */
export const GATHER_MAX = 8;

export const feedKey = (id) => FEED + id;
/** A feed's id: from its URL (a readable slug plus a hash), as a source's is. */
export const feedId = (url) => sourceId(url);

/** The wait before try number `failures + 1` after `failures` failures in a row (ms). */
export const backoff = (failures) => Math.min(MAX_WAIT_MS, RETRY_MS * 2 ** Math.max(0, failures - 1));

/** An item's date for the cap: its own, else when it was first seen (ms since the epoch). */
export function itemTime(item) {
  const t = Date.parse(item.published ?? '');
  return Number.isNaN(t) ? Date.parse(item.seen ?? '') || 0 : t;
}

const newestFirst = (a, b) => itemTime(b) - itemTime(a);

/**
 * A feed's items after a refresh: the fresh items (with what the extension knew of each: first
 * seen, gathered source, last error), the earlier items no longer listed, those older than
 * CAP.days dropped, newest first, at most CAP.perFeed.
 */
export function mergeItems(old = [], fresh = [], now = Date.now(), cap = CAP) {
  const before = new Map(old.map((i) => [i.id, i]));
  const seen = new Date(now).toISOString();
  const out = fresh.map((f) => {
    const o = before.get(f.id);
    return { ...(o ?? {}), ...f, seen: o?.seen ?? seen };
  });
  const listed = new Set(fresh.map((f) => f.id));
  for (const o of old) if (!listed.has(o.id)) out.push(o);
  const oldest = now - cap.days * 86_400_000;
  return out.filter((i) => itemTime(i) >= oldest).sort(newestFirst).slice(0, cap.perFeed);
}

/**
 * The feeds with at most `total` items over all of them, the oldest dropped first. Returns the
 * feeds whose items changed (the others need no write).
 */
export function capTotal(feeds, total = CAP.total) {
  const all = feeds.flatMap((f) => f.items.map((i) => [f.id, i]));
  if (all.length <= total) return [];
  all.sort(([, a], [, b]) => newestFirst(a, b));
  const keep = new Set(all.slice(0, total).map(([, i]) => i));
  const changed = [];
  for (const f of feeds) {
    const items = f.items.filter((i) => keep.has(i));
    if (items.length !== f.items.length) changed.push({ ...f, items });
  }
  return changed;
}

/** All feeds, by title. */
export async function getFeeds() {
  const all = await api.storage.local.get(null);
  return Object.entries(all).filter(([k]) => k.startsWith(FEED)).map(([, v]) => v)
    .sort((a, b) => (a.title ?? a.url).localeCompare(b.title ?? b.url));
}

export async function getFeed(id) {
  const key = feedKey(id);
  return (await api.storage.local.get(key))[key] ?? null;
}

/** Whether a storage change touched the feeds. */
export const touchesFeeds = (changes) => Object.keys(changes).some((k) => k.startsWith(FEED));

/** The host-permission patterns an item list needs for its articles: [pattern], sorted. */
export function articleOrigins(items) {
  const out = new Set();
  for (const i of items) {
    try { out.add(`*://${new URL(i.link).hostname}/*`); } catch { /* not a URL */ }
  }
  return [...out].sort();
}
