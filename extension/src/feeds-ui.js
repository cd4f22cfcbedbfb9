// The options page's "Feeds" section: add an RSS 2.0 or Atom feed (one URL at a time) or the
// feeds of an OPML file, each asking for its host's permission in the click that adds it; the
// list of feeds (outlet, last refresh, items kept, last error, next try) with Remove; "Refresh
// now"; and "Add from a list of URLs". The work itself is the background's (feeds.js): this page
// asks it by message and shows the stored state (lib/feedstore.js). Built with DOM calls only;
// nothing from a feed is ever inserted as markup.

import { api, webUrl } from './lib/store.js';
import { articleOrigins, getFeeds, touchesFeeds } from './lib/feedstore.js';
import { parseOpml } from './lib/feedparse.js';
import { publicUrl } from './lib/net.js';
import { inline } from './shell/text.js';
import { el } from './lib/dom.js';

const $ = (id) => document.getElementById(id);

function say(text, bad = false) {
  $('feeds-message').textContent = text;
  $('feeds-message').classList.toggle('bad', bad);
}

/** A time as the reader's locale writes it ("—" when there is none). */
const when = (iso) => (iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '—');
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The host-permission pattern of a URL's host, or null when the extension would not fetch it
 * (not http(s), not a public address: lib/net.js). Synchronous: it is asked inside the click.
 */
function originOf(url) {
  try {
    return `*://${new URL(publicUrl(url)).hostname}/*`;
  } catch { return null; }
}
/** Why a URL is not fetched (publicUrl's message). */
function whyNot(url) {
  try { publicUrl(url); return null; } catch (e) { return e.message; }
}

/**
 * Ask for the permissions of `origins` (inside the click: the browser needs the gesture, and
 * Firefox wants the request before anything is awaited). Resolves to true when they are granted.
 */
function ask(origins) {
  const list = [...new Set(origins.filter(Boolean))];
  if (!list.length) return Promise.resolve(true);
  return api.permissions.request({ origins: list }).catch(() => false);
}

const send = async (msg) => {
  const r = await api.runtime.sendMessage({ type: 'feeds', ...msg });
  if (r?.error) throw new Error(r.error);
  return r;
};

let granted = new Set(); // the host patterns the extension holds

async function row(f) {
  const failing = Boolean(f.error);
  const remove = el('button', { type: 'button', textContent: 'Remove', 'aria-label': `Remove the feed ${f.title ?? f.url}` });
  remove.addEventListener('click', () => send({ action: 'remove', id: f.id })
    .then(() => say(`Removed the feed “${inline(f.title ?? f.url)}” (its gathered articles stay among the sources).`),
      (e) => say(e.message, true)));
  // Article hosts other than the feed's that need their own permission (known after a refresh).
  const missing = articleOrigins(f.items).filter((o) => !granted.has(o) && !granted.has('*://*/*'));
  let allow = null;
  if (missing.length) {
    const hosts = missing.map((o) => o.slice(4, -2));
    allow = el('button', { type: 'button', textContent: `Allow articles on ${hosts.join(', ')}` });
    allow.addEventListener('click', () => ask(missing).then((ok) => {
      say(ok ? `Articles on ${hosts.join(', ')} can be gathered now.` : `Permission for ${hosts.join(', ')} was not given.`, !ok);
      render();
    }));
  }
  const gathered = f.items.filter((i) => i.source).length;
  const badItems = f.items.filter((i) => i.error && !i.source);
  const link = webUrl(f.site) ? el('a', { href: webUrl(f.site), target: '_blank', rel: 'noopener noreferrer',
    textContent: f.title ?? f.url }) : el('span', { textContent: f.title ?? f.url });
  return el('tr', { dataset: { feed: f.id, state: failing ? 'error' : f.refreshed ? 'ok' : 'new' } },
    el('td', {}, link, el('div', { className: 'muted small', textContent: f.url })),
    el('td', { className: 'refreshed', textContent: when(f.refreshed) }),
    el('td', { className: 'num items' }, `${f.items.length}`,
      gathered ? el('div', { className: 'muted small', textContent: `${gathered} gathered` }) : null),
    el('td', { className: 'error' },
      failing ? el('span', { className: 'bad', textContent: f.error }) : el('span', { className: 'muted', textContent: 'none' }),
      ...badItems.slice(0, 5).map((i) => el('div', { className: 'small item-error' },
        el('span', { textContent: `${inline(i.title, 60)}: ` }), el('span', { className: 'bad', textContent: i.error }),
        el('span', { className: 'muted', textContent: ` (next try ${when(i.retry)})` }))),
      badItems.length > 5 ? el('div', { className: 'small muted', textContent: `and ${badItems.length - 5} more` }) : null),
    el('td', { className: 'due', textContent: failing ? `retry ${when(f.due)}` : f.due ? `refresh ${when(f.due)}` : '—' }),
    el('td', {}, remove, allow));
}

let rendering = Promise.resolve();
function render() {
  rendering = rendering.then(async () => {
    const perms = await api.permissions.getAll().catch(() => ({ origins: [] }));
    granted = new Set(perms.origins ?? []);
    const feeds = await getFeeds();
    $('feeds-refresh').disabled = !feeds.length;
    if (!feeds.length) {
      $('feeds-list').replaceChildren(el('p', { className: 'muted',
        textContent: 'No feeds yet. Add the RSS or Atom feed of an outlet you read (or an OPML file of them): when you read an article, its story’s articles are gathered from them.' }));
      return;
    }
    const rows = await Promise.all(feeds.map(row));
    $('feeds-list').replaceChildren(el('table', { className: 'feeds' },
      el('caption', { className: 'muted small', textContent: `${plural(feeds.length, 'feed')}, ${plural(feeds.reduce((n, f) => n + f.items.length, 0), 'item')} kept` }),
      el('thead', {}, el('tr', {}, ...['Outlet', 'Last refresh', 'Items kept', 'Last error', 'Next fetch', '']
        .map((h) => el('th', { scope: 'col', textContent: h })))),
      el('tbody', {}, ...rows)));
  }).catch((e) => say(e.message, true));
  return rendering;
}

/** Say what an add did: {added: [{title, items, error}], known, errors}. */
function report({ added, known, errors }) {
  const parts = [];
  for (const f of added) {
    parts.push(f.error ? `Added “${inline(f.title)}”, but it could not be read: ${f.error}.`
      : `Added “${inline(f.title)}” (${plural(f.items, 'item')}).`);
  }
  if (known.length) parts.push(`${plural(known.length, 'feed')} already there.`);
  for (const e of errors) parts.push(`Not added ${inline(e.url, 80)}: ${e.error}.`);
  say(parts.join(' ') || 'Nothing added.', errors.length > 0 || added.some((f) => f.error));
}

async function addFeeds(feeds, asked) {
  if (!(await asked)) { say('The permission to read that feed was not given: nothing added.', true); return; }
  say(`Adding ${plural(feeds.length, 'feed')}…`);
  report(await send({ action: 'add', feeds }));
}

$('feed-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const url = $('feed-url').value.trim();
  const origin = originOf(url);
  if (!origin) { say(`Not added: ${whyNot(url)}.`, true); return; }
  addFeeds([{ url }], ask([origin])).then(() => { $('feed-url').value = ''; }, (err) => say(err.message, true));
});

// OPML: the file is read first, then a click on "Add N feeds" asks for their hosts' permissions
// (a file chooser's change is no gesture the permission prompt accepts).
let opml = [];
$('opml').addEventListener('change', async () => {
  const file = $('opml').files[0];
  if (!file) return;
  try {
    opml = parseOpml(await file.text());
    $('opml-add').textContent = `Add ${plural(opml.length, 'feed')} from ${file.name}`;
    $('opml-add').hidden = false;
    say(`${file.name}: ${plural(opml.length, 'feed')} found.`);
  } catch (err) {
    opml = [];
    $('opml-add').hidden = true;
    say(`Could not read ${file.name}: ${err.message}`, true);
  } finally {
    $('opml').value = '';
  }
});
$('opml-add').addEventListener('click', () => {
  const feeds = opml;
  // The feeds' hosts, and the sites' (where their articles are) when the file names them.
  const asked = ask(feeds.flatMap((f) => [originOf(f.url), f.site && originOf(f.site)]));
  $('opml-add').hidden = true;
  opml = [];
  addFeeds(feeds, asked).catch((err) => say(err.message, true));
});

$('feeds-refresh').addEventListener('click', async () => {
  $('feeds-refresh').disabled = true;
  say('Refreshing…');
  try {
    const r = await send({ action: 'refresh' });
    say(`Refreshed ${plural(r.refreshed, 'feed')}${r.failed ? `: ${r.failed} failed (see “Last error”)` : ''}.`, r.failed > 0);
  } catch (err) {
    say(err.message, true);
  } finally {
    $('feeds-refresh').disabled = false;
  }
});

$('urls-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const urls = $('urls').value.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  if (!urls.length) { say('Paste article URLs, one per line.', true); return; }
  const bad = urls.filter((u) => !originOf(u));
  if (bad.length) { say(`Nothing added: ${inline(bad[0], 80)}: ${whyNot(bad[0])}.`, true); return; }
  const asked = ask(urls.map(originOf));
  (async () => {
    if (!(await asked)) { say('The permission to read those sites was not given: nothing added.', true); return; }
    $('urls-add').disabled = true;
    say(`Adding ${plural(urls.length, 'article')}…`);
    const { results } = await send({ action: 'add-urls', urls });
    const ok = results.filter((r) => !r.error);
    const failed = results.filter((r) => r.error);
    say([`Added ${plural(ok.length, 'source')}.`, ...failed.map((r) => `Not added ${inline(r.url, 80)}: ${r.error}.`)].join(' '),
      failed.length > 0);
    if (!failed.length) $('urls').value = '';
  })().catch((err) => say(err.message, true)).finally(() => { $('urls-add').disabled = false; });
});

api.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && touchesFeeds(changes)) render();
});
api.permissions.onAdded?.addListener(render);
api.permissions.onRemoved?.addListener(render);
render();
