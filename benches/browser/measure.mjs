// The browser benchmark's accounting of what a page fetched, from PerformanceResourceTiming
// entries ({path, start, end, transfer, body, decoded}: the URL's path, startTime, responseEnd,
// transferSize, encodedBodySize, decodedBodySize). Used by run.mjs; tested by
// tests/js/bench.test.mjs.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * Requests and body bytes of some entries: over the network (transferSize > 0) and from the HTTP
 * cache (transferSize 0). With `site` (the served folder), also what the bodies fetched over the
 * network would be gzipped.
 */
export function traffic(entries, site) {
  const net = entries.filter((e) => e.transfer > 0);
  const cached = entries.filter((e) => e.transfer === 0 && e.decoded > 0);
  const sum = (xs, f) => xs.reduce((n, e) => n + f(e), 0);
  return {
    requests: net.length, bytes: sum(net, (e) => e.body), wire: sum(net, (e) => e.transfer),
    cached: cached.length, cachedBytes: sum(cached, (e) => e.decoded),
    gzip: site ? sum(net, (e) => gzipped(join(site, decodeURIComponent(e.path)))) : null,
  };
}

const gzipCache = new Map();
/** The gzip -6 size of a file (each file read once per run). */
export function gzipped(file) {
  if (!gzipCache.has(file)) gzipCache.set(file, gzipSync(readFileSync(file)).length);
  return gzipCache.get(file);
}

/** Rounds of requests: a round starts with a request made after every earlier one had ended. */
export function rounds(entries) {
  let n = 0;
  let end = -Infinity;
  for (const e of [...entries].sort((a, b) => a.start - b.start)) {
    if (e.start >= end) n++;
    end = Math.max(end, e.end);
  }
  return n;
}
