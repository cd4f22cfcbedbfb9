// An article's text, one way for every path that saves a source: Mozilla's Readability (npm
// @mozilla/readability, bundled by extension/build.mjs) finds the article in a document, and the
// shell's extraction rules (www/extract.js: blocks, lines, cells; then plainText) turn what it
// kept into the text a source keeps. "Add this page as a source" runs it on a clone of the tab's
// document (the content script); a feed's article and a URL of a list run it on the fetched
// page, parsed with DOMParser (lib/parse.js). Both documents have no window, so the same rules
// apply to both (only attributes and inline styles hide anything) and the same page gives the
// same text either way. Bundled into the classic content script as well: imports and exports
// of declarations only.

import { Readability } from '../vendor/readability.js';
import { extract, pageMeta, plainText } from '../shell/extract.js';

/** The element the shell's own extraction reads: the article, else main, else the body. */
export const articleRoot = (doc) => doc.querySelector('article') ?? doc.querySelector('main') ?? doc.body;

/**
 * The text of the article Readability finds in `doc` (a document it may change: a clone or a
 * parsed one), as a saved source keeps it; null when it finds none (the caller then uses the
 * shell's extraction of the whole article element).
 */
export function readableText(doc) {
  let found = null;
  try { found = new Readability(doc).parse(); } catch { found = null; }
  if (!found?.content) return null;
  const out = new DOMParser().parseFromString(found.content, 'text/html');
  const text = plainText(extract(out.body).text);
  return text.trim() ? text : null;
}

/**
 * A fetched HTML page as a source's fields: {text, title, outlet, published} (the metadata by
 * the rules of docs/extraction.md, the outlet falling back to the host name; the text from
 * readableText, else the shell's extraction of the article element).
 */
export function articleOf(html, url) {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  if (!doc.querySelector('base') && url) { // relative links resolve against the article's address
    const base = doc.createElement('base');
    base.href = url;
    doc.head.prepend(base);
  }
  const meta = pageMeta(doc); // before Readability changes the document
  const text = readableText(doc) ?? plainText(extract(articleRoot(new DOMParser().parseFromString(html, 'text/html'))).text);
  let host = '';
  try { host = new URL(url).hostname.replace(/^www\./, ''); } catch { /* no URL */ }
  return { text, title: meta.title, outlet: meta.outlet ?? host, published: meta.published };
}
