// Where the background parses feeds and articles. DOMParser (and so Readability) needs a DOM:
// Firefox's event page has one, and so do the extension's pages; Chromium's service worker has
// none, so there the work goes to an offscreen document (chrome.offscreen, reason DOM_PARSER:
// offscreen.html), made on first use and closed after a minute without work.

import { parseHere } from './parsers.js';

const api = globalThis.browser ?? globalThis.chrome;
export const OFFSCREEN = 'corroborate-offscreen';
const IDLE_MS = 60_000;

let making = null;
let idle = 0;

async function offscreenReady() {
  const url = api.runtime.getURL('offscreen.html');
  const open = await api.runtime.getContexts?.({ contextTypes: ['OFFSCREEN_DOCUMENT'], documentUrls: [url] })
    .catch(() => null);
  if (open?.length) return;
  making ??= api.offscreen.createDocument({ url: 'offscreen.html', reasons: ['DOM_PARSER'],
    justification: 'Parse RSS, Atom and OPML feeds and read articles with DOMParser and Readability' })
    .catch((e) => { if (!/single offscreen|already/i.test(String(e?.message ?? e))) throw e; })
    .finally(() => { making = null; });
  await making;
}

/**
 * Parse {kind: 'feed' | 'opml' | 'article', text, url} where a DOM is: here when there is a
 * DOMParser, else in the offscreen document. Resolves to the value or rejects with an Error.
 */
export async function parse(job) {
  if (typeof globalThis.DOMParser === 'function') return parseHere(job);
  if (!api.offscreen) throw new Error('no DOMParser and no offscreen document here');
  clearTimeout(idle);
  await offscreenReady();
  let r;
  try {
    r = await api.runtime.sendMessage({ target: OFFSCREEN, ...job });
  } finally {
    clearTimeout(idle);
    idle = setTimeout(() => api.offscreen.closeDocument().catch(() => {}), IDLE_MS);
  }
  if (!r) throw new Error('the offscreen document did not answer');
  if (r.error) throw new Error(r.error);
  return r.value;
}
