// What the extension parses, in a context that has a DOM: a feed, an OPML file, an article.
// lib/parse.js calls it here (Firefox's event page, an extension page) or in Chromium's
// offscreen document (offscreen.js), whose answer crosses as a message: plain objects only.

import { articleOf } from './article.js';
import { parseFeed, parseOpml } from './feedparse.js';

/** {kind: 'feed' | 'opml' | 'article', text, url} → the parsed value (throws an Error). */
export function parseHere({ kind, text, url }) {
  if (typeof text !== 'string') throw new Error('nothing to parse');
  switch (kind) {
    case 'feed': return parseFeed(text, url);
    case 'opml': return parseOpml(text);
    case 'article': return articleOf(text, url);
    default: throw new Error(`unknown kind ${kind}`);
  }
}
