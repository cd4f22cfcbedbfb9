// The options page: the saved sources grouped by story (outlet, title, date, URL, story label),
// remove, and import / export of corpus files (the core's corpus JSON, with a `story` label per
// source, which the core ignores). Everything is built with DOM calls; no markup from data.

import { api, getSources, parseCorpus, putSources, removeSources, setStory, storiesOf, toCorpusJson, webUrl,
  touchesSources } from './lib/store.js';
import { inline } from './shell/text.js';

const $ = (id) => document.getElementById(id);
const NONE = ''; // the filter value of sources without a story

function el(name, props = {}, ...children) {
  const e = document.createElement(name);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'dataset') Object.assign(e.dataset, v);
    else if (k in e) e[k] = v;
    else e.setAttribute(k, v);
  }
  e.append(...children.filter((c) => c != null));
  return e;
}

function say(text, bad = false) {
  $('message').textContent = text;
  $('message').classList.toggle('bad', bad);
}

/** The date part of a stated date ("2025-11-19T08:00:00Z" → "2025-11-19"), else the text. */
const day = (d) => (d && /^\d{4}-\d{2}-\d{2}/.test(d) ? d.slice(0, 10) : d ?? '');

let sources = [];
const shown = () => {
  const f = $('filter').value;
  return f === '*' ? sources : sources.filter((s) => (s.story ?? NONE) === f);
};

function row(s) {
  const story = el('input', { value: s.story ?? '', placeholder: 'no story', autocomplete: 'off',
    'aria-label': `Story of ${s.title ?? s.id}` });
  story.setAttribute('list', 'stories');
  story.addEventListener('change', () => setStory(s.id, story.value)
    .then(() => say(`Story of “${inline(s.title ?? s.id)}” set to ${story.value.trim() ? `“${inline(story.value.trim())}”` : 'none'}.`)));
  const remove = el('button', { type: 'button', textContent: 'Remove', 'aria-label': `Remove ${s.title ?? s.id}` });
  remove.addEventListener('click', () => removeSources([s.id])
    .then(() => say(`Removed “${inline(s.title ?? s.id)}”.`)));
  // Only an http(s) URL becomes a link (an imported corpus may say javascript: or data:).
  const title = webUrl(s.url) ? el('a', { href: webUrl(s.url), target: '_blank', rel: 'noopener noreferrer',
    textContent: s.title ?? s.url }) : el('span', { textContent: s.title ?? s.id });
  return el('tr', { dataset: { id: s.id } },
    el('td', { textContent: s.outlet ?? '' }),
    el('td', {}, title, el('div', { className: 'muted small', textContent: s.url ?? s.id })),
    el('td', { textContent: day(s.published) }),
    el('td', {}, story),
    el('td', { className: 'num', textContent: `${s.text.split(/\s+/).filter(Boolean).length}` }),
    el('td', {}, remove));
}

function render() {
  const stories = storiesOf(sources);
  $('stories').replaceChildren(...stories.map((s) => el('option', { value: s })));
  const filter = $('filter');
  const keep = filter.value;
  filter.replaceChildren(el('option', { value: '*', textContent: `all stories (${sources.length})` }),
    ...stories.map((s) => el('option', { value: s, textContent: `${s} (${sources.filter((x) => x.story === s).length})` })),
    el('option', { value: NONE, textContent: `no story (${sources.filter((x) => !x.story).length})` }));
  filter.value = [...filter.options].some((o) => o.value === keep) ? keep : '*';

  const list = shown();
  if (!sources.length) {
    $('list').replaceChildren(el('p', { textContent: 'No sources yet. Open an article and use “Add this page as a source” in the toolbar popup or the page’s context menu.' }));
    return;
  }
  // One table per story group; ungrouped sources last.
  const groups = new Map();
  for (const s of list) {
    const g = s.story ?? NONE;
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g).push(s);
  }
  const order = [...groups.keys()].sort((a, b) => (a === NONE) - (b === NONE) || a.localeCompare(b));
  $('list').replaceChildren(...order.map((g) => el('section', { className: 'group', dataset: { story: g } },
    el('h2', { textContent: g === NONE ? 'No story' : `Story: ${g}` }),
    el('table', {},
      el('thead', {}, el('tr', {}, ...['Outlet', 'Title', 'Date', 'Story', 'Words', ''].map((h) => el('th', { scope: 'col', textContent: h })))),
      el('tbody', {}, ...groups.get(g).map((s) => row(s)))))));
}

async function load() {
  sources = await getSources();
  render();
  // Storage use, where the browser can tell (Chromium's storage.local holds about 10 MB).
  const used = await api.storage.local.getBytesInUse?.(null).catch(() => null);
  $('usage').textContent = used == null ? '' : `${(used / 1e6).toFixed(2)} MB of about 10 MB of extension storage used.`;
}

$('filter').addEventListener('change', render);

$('export').addEventListener('click', () => {
  const list = shown();
  if (!list.length) { say('Nothing to export.', true); return; }
  const f = $('filter').value;
  const name = f === '*' ? 'corroborate-corpus' : `corroborate-${(f || 'no-story').toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  const href = URL.createObjectURL(new Blob([toCorpusJson(list)], { type: 'application/json' }));
  const a = el('a', { href, download: `${name}.json` });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10000);
  say(`Exported ${list.length} source${list.length === 1 ? '' : 's'}.`);
});

$('import').addEventListener('change', async () => {
  const file = $('import').files[0];
  if (!file) return;
  try {
    const got = parseCorpus(await file.text());
    const story = $('import-story').value.trim();
    if (story) for (const s of got) s.story ??= story;
    await putSources(got);
    say(`Imported ${got.length} source${got.length === 1 ? '' : 's'} from ${file.name}.`);
  } catch (e) {
    say(`Could not import ${file.name}: ${e.message}`, true);
  } finally {
    $('import').value = '';
  }
});

api.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && touchesSources(changes)) load();
});

load().catch((e) => say(e.message, true));
