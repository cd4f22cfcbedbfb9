// Reading feeds and OPML files: RSS 2.0 (also RSS 0.9x and RDF/RSS 1.0, whose items look alike)
// and Atom 1.0, from an XML Document (DOMParser's), into plain objects. Text only: an item's
// HTML description is parsed into a detached document and only its text is kept. Runs wherever
// there is a DOMParser (the options page, Firefox's event page, Chromium's offscreen document:
// lib/parse.js picks).

/** How much of an item's description is kept (characters): enough to tell its story. */
export const SUMMARY_CHARS = 600;

const children = (el, name) => [...(el?.children ?? [])].filter((c) => c.localName === name);
const child = (el, name) => children(el, name)[0] ?? null;
const collapse = (s) => (s ?? '').replace(/\s+/g, ' ').trim();
const textOf = (el) => collapse(el?.textContent);

/** The text of a piece of HTML (entities decoded, tags dropped), collapsed. */
export function htmlToText(html) {
  if (!html) return '';
  const doc = new DOMParser().parseFromString(`<body>${html}`, 'text/html');
  for (const e of doc.querySelectorAll('script, style, template, noscript')) e.remove();
  return collapse(doc.body.textContent);
}

/** A date as an ISO string, or null when it is not one. */
export function isoDate(s) {
  const t = collapse(s);
  if (!t) return null;
  const d = new Date(t);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

function clip(s, n = SUMMARY_CHARS) {
  if (s.length <= n) return s;
  const cut = s.slice(0, n);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), n - 40))}…`;
}

function resolve(href, base) {
  if (!collapse(href)) return null;
  try { return new URL(collapse(href), base).href; } catch { return null; }
}

function xml(text) {
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  if (doc.getElementsByTagName('parsererror').length || !doc.documentElement) {
    if (/^\s*(<!doctype html|<html)/i.test(text)) throw new Error('not an RSS 2.0 or Atom feed: an HTML page');
    throw new Error('not an RSS 2.0 or Atom feed: the XML does not parse');
  }
  return doc;
}

/** An Atom element's text (type text, html or xhtml). */
function atomText(el) {
  if (!el) return '';
  const type = (el.getAttribute('type') ?? 'text').toLowerCase();
  if (type === 'html' || type === 'text/html') return htmlToText(el.textContent);
  return textOf(el);
}

/**
 * A feed's text (RSS or Atom) as {title, site, items: [{id, title, link, published, summary}]},
 * newest first as the feed lists them; links resolved against the feed's URL. Items without a
 * link to an http(s) article are left out. Throws an Error when the text is not a feed.
 */
export function parseFeed(text, url) {
  const doc = xml(text);
  const root = doc.documentElement;
  const name = root.localName.toLowerCase();
  const items = [];
  let title;
  let site = null;
  if (name === 'feed') { // Atom
    title = atomText(child(root, 'title'));
    const base = resolve(root.getAttribute('xml:base') ?? '', url) ?? url;
    const alt = children(root, 'link').find((l) => (l.getAttribute('rel') ?? 'alternate') === 'alternate');
    site = alt ? resolve(alt.getAttribute('href'), base) : null;
    for (const e of children(root, 'entry')) {
      const links = children(e, 'link');
      const link = links.find((l) => (l.getAttribute('rel') ?? 'alternate') === 'alternate') ?? links[0];
      items.push({ id: textOf(child(e, 'id')), title: atomText(child(e, 'title')),
        link: link ? resolve(link.getAttribute('href'), resolve(e.getAttribute('xml:base') ?? '', base) ?? base) : null,
        published: isoDate(textOf(child(e, 'published')) || textOf(child(e, 'updated'))),
        summary: atomText(child(e, 'summary')) || atomText(child(e, 'content')) });
    }
  } else if (name === 'rss' || name === 'rdf') { // RSS 2.0 (0.9x), RDF/RSS 1.0
    const channel = child(root, 'channel');
    if (!channel) throw new Error('not an RSS 2.0 or Atom feed: no <channel>');
    title = htmlToText(textOf(child(channel, 'title')));
    site = resolve(textOf(children(channel, 'link').find((l) => !l.namespaceURI || !/Atom/.test(l.namespaceURI))), url);
    const list = name === 'rss' ? children(channel, 'item') : children(root, 'item');
    for (const e of list) {
      const guid = child(e, 'guid');
      const permalink = guid && (guid.getAttribute('isPermaLink') ?? 'true') !== 'false' ? textOf(guid) : '';
      const linkEl = children(e, 'link').find((l) => textOf(l));
      items.push({ id: textOf(guid),
        title: htmlToText(textOf(child(e, 'title'))),
        link: resolve(textOf(linkEl) || permalink || e.getAttribute('rdf:about') || '', url),
        published: isoDate(textOf(child(e, 'pubDate')) || textOf(child(e, 'date'))),
        summary: htmlToText(child(e, 'description')?.textContent ?? '') ||
          htmlToText(child(e, 'encoded')?.textContent ?? '') });
    }
  } else {
    throw new Error(`not an RSS 2.0 or Atom feed: the document is <${root.localName}>`);
  }
  const out = [];
  const seen = new Set(); // ids and links: the same article listed twice is one item
  for (const it of items) {
    if (!it.link || !/^https?:/.test(it.link)) continue;
    const id = it.id || it.link;
    if (seen.has(id) || seen.has(it.link)) continue;
    seen.add(id);
    seen.add(it.link);
    out.push({ id, title: clip(it.title || it.link, 300), link: it.link, published: it.published,
      summary: clip(it.summary) });
  }
  let host = '';
  try { host = new URL(url).hostname; } catch { /* no URL */ }
  return { title: clip(title || host || 'feed', 200), site, items: out };
}

/**
 * The feeds of an OPML file: [{url, title, site}] (every outline with an xmlUrl, at any depth).
 * Throws an Error when it is not OPML or names no feed.
 */
export function parseOpml(text) {
  let doc;
  try { doc = xml(text); } catch { throw new Error('not an OPML file: the XML does not parse'); }
  if (doc.documentElement.localName.toLowerCase() !== 'opml') {
    throw new Error(`not an OPML file: the document is <${doc.documentElement.localName}>`);
  }
  const feeds = [];
  const seen = new Set();
  for (const o of doc.getElementsByTagName('outline')) {
    const url = collapse(o.getAttribute('xmlUrl'));
    if (!url || seen.has(url)) continue;
    seen.add(url);
    feeds.push({ url, title: collapse(o.getAttribute('title') || o.getAttribute('text')) || null,
      site: collapse(o.getAttribute('htmlUrl')) || null });
  }
  if (!feeds.length) throw new Error('the OPML file names no feed (no outline with an xmlUrl)');
  return feeds;
}
