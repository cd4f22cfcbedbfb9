// Chromium's offscreen document (reason DOM_PARSER): the DOM the service worker lacks. It
// parses what the background sends (a feed, an OPML file, a fetched article; lib/parse.js) and
// answers with plain objects. It fetches nothing and keeps nothing.

import { parseHere } from './lib/parsers.js';

const api = globalThis.chrome;
api.runtime.onMessage.addListener((msg, sender, reply) => {
  if (msg?.target !== 'corroborate-offscreen' || sender.id !== api.runtime.id) return false;
  try {
    reply({ value: parseHere(msg) });
  } catch (e) {
    reply({ error: String(e?.message ?? e) });
  }
  return false;
});
