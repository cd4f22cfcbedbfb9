// The options page's "Published indexes" section: add an index (`corroborate index`, served from
// any static host) by the URL of its manifest.json, see the added ones (how many sources and
// stories each holds) and remove them. The URL is checked here (lib/indexes.js: https, or http
// on this machine) and the host's permission asked inside the click that adds it; the manifest
// is fetched and read by the background (the core says when it is not an index, or of another
// version), which stores the index. Built with DOM calls only: nothing from an index or its
// server is inserted as markup.

import { api, getIndexes, indexName, indexOrigin, indexUrl, removeIndex, touchesIndexes } from './lib/indexes.js';
import { el } from './lib/dom.js';

const $ = (id) => document.getElementById(id);
const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function say(text, bad = false) {
  $('indexes-message').textContent = text;
  $('indexes-message').classList.toggle('bad', bad);
}

const day = (iso) => (iso ? new Date(iso).toLocaleDateString(undefined, { dateStyle: 'medium' }) : '—');

function row(ix) {
  const remove = el('button', { type: 'button', textContent: 'Remove', 'aria-label': `Remove the index ${indexName(ix.url)}` });
  remove.addEventListener('click', () => drop(ix).catch((e) => say(e.message, true)));
  return el('tr', { dataset: { index: ix.url } },
    el('td', {}, el('span', { textContent: indexName(ix.url) }), el('div', { className: 'muted small', textContent: ix.url })),
    el('td', { className: 'num', textContent: String(ix.sources ?? '') }),
    el('td', { className: 'num', textContent: String(ix.stories ?? '') }),
    el('td', { textContent: day(ix.added) }),
    el('td', {}, remove));
}

async function render() {
  const list = await getIndexes();
  if (!list.length) {
    $('indexes-list').replaceChildren(el('p', { className: 'muted',
      textContent: 'No published index. Add the manifest.json URL of an index made with “corroborate index”: pages you read are then also compared with its sources.' }));
    return;
  }
  $('indexes-list').replaceChildren(el('table', { className: 'feeds indexes' },
    el('thead', {}, el('tr', {}, ...['Index', 'Sources', 'Stories', 'Added', ''].map((h) => el('th', { scope: 'col', textContent: h })))),
    el('tbody', {}, ...list.map(row))));
}

/** Remove an index; give back its host's permission when it was asked for it and no other index uses it. */
async function drop(ix) {
  await removeIndex(ix.url);
  const origin = indexOrigin(ix.url);
  const others = (await getIndexes()).some((o) => indexOrigin(o.url) === origin);
  if (ix.granted && !others) await api.permissions.remove({ origins: [origin] }).catch(() => {});
  say(`Removed the index ${indexName(ix.url)}.`);
}

$('index-form').addEventListener('submit', (e) => {
  e.preventDefault();
  let url;
  try { url = indexUrl($('index-url').value); } catch (err) { say(`Not added: ${err.message}.`, true); return; }
  const origins = [indexOrigin(url)];
  // Inside the click, before anything is awaited: the prompt needs the reader's gesture.
  const had = api.permissions.contains({ origins }).catch(() => false);
  const asked = api.permissions.request({ origins }).catch(() => false);
  $('index-add').disabled = true;
  (async () => {
    const held = await had;
    if (!(await asked)) { say(`The permission to fetch from ${new URL(url).host} was not given: nothing added.`, true); return; }
    say(`Reading ${url}…`);
    const r = await api.runtime.sendMessage({ type: 'index-add', url, granted: !held });
    if (!r || r.error) {
      if (!held && !(await getIndexes()).some((o) => indexOrigin(o.url) === origins[0])) {
        await api.permissions.remove({ origins }).catch(() => {});
      }
      say(`Not added: ${r?.error ?? 'no answer from the background'}.`, true);
      return;
    }
    $('index-url').value = '';
    say(`Added the index ${indexName(r.url)}: ${plural(r.sources, 'source')} in ${plural(r.stories, 'story', 'stories')}.`);
  })().catch((err) => say(`Not added: ${err.message}.`, true)).finally(() => { $('index-add').disabled = false; });
});

api.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && touchesIndexes(changes)) render().catch((e) => say(e.message, true));
});
render().catch((e) => say(e.message, true));
