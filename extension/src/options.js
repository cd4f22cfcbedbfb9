// The options page: the saved sources grouped into stories as the core groups them (the
// background's Engine over every source: engine.stories()), with rename (the story's sources get
// the new label), merge (two stories' sources get one label) and split (a source's Story field:
// another story's label, or a new one); remove, the sample sources removed in one click, and
// import / export of corpus files (the core's corpus JSON, with each source's `story` label). It
// lists the sources' index (no texts) and reads texts only to export. Everything is built with
// DOM calls; no markup from data.

import { api, getSources, parseCorpus, putSources, removeSamples, removeSources, setStories, sourceIndex,
  storiesOf, toCorpusJson, touchesSources, webUrl } from './lib/store.js';
import { inline } from './shell/text.js';
import { el } from './lib/dom.js';

const $ = (id) => document.getElementById(id);
const ROWS = 100; // rows shown per story until "Show all"

function say(text, bad = false) {
  $('message').textContent = text;
  $('message').classList.toggle('bad', bad);
}

/** The date part of a stated date ("2025-11-19T08:00:00Z" → "2025-11-19"), else the text. */
const day = (d) => (d && /^\d{4}-\d{2}-\d{2}/.test(d) ? d.slice(0, 10) : d ?? '');
const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

let sources = []; // the index: [{id, title, outlet, url, published, story, words, sample}]
let byId = new Map();
// The stories: the core's ({id, label, sources, auto}), or, until the background answers (or
// when it cannot), the sources' labels ("story:" + label) and one group of the rest.
let stories = [];
let grouped = false; // whether `stories` is the core's grouping
let problem = null; // why the core's grouping is not shown
const expanded = new Set(); // story ids shown in full

function byLabel() {
  const groups = new Map();
  for (const s of sources) {
    const id = s.story ? `label:${s.story}` : 'ungrouped';
    if (!groups.has(id)) groups.set(id, { id, label: s.story ?? 'Not grouped yet', sources: [], auto: !s.story });
    groups.get(id).sources.push(s.id);
  }
  return [...groups.values()];
}

/** The core's stories, each with `auto` (no source of it carries its label). */
function fromCore(list) {
  const seen = new Set();
  const out = list.map((st) => {
    const ids = st.sources.filter((id) => byId.has(id) && !seen.has(id));
    ids.forEach((id) => seen.add(id));
    return { id: st.id, label: st.label, sources: ids, auto: !st.id.startsWith('story:') };
  }).filter((st) => st.sources.length);
  const rest = sources.filter((s) => !seen.has(s.id)).map((s) => s.id);
  if (rest.length) out.push({ id: 'ungrouped', label: 'In no story', sources: rest, auto: true });
  return out;
}

const shown = () => {
  const f = $('filter').value;
  return f === '*' ? sources : (stories.find((st) => st.id === f)?.sources ?? []).map((id) => byId.get(id));
};

/** The label that puts sources into story `st`: its own; an automatic story's label is given to its sources first. */
async function labelOf(st) {
  if (st.auto && st.id !== 'ungrouped') await setStories(Object.fromEntries(st.sources.map((id) => [id, st.label])));
  return st.label;
}

function row(s) {
  const story = el('input', { value: s.story ?? '', placeholder: 'grouped automatically', autocomplete: 'off',
    'aria-label': `Story of ${s.title ?? s.id}` });
  story.setAttribute('list', 'stories');
  story.addEventListener('change', async () => {
    const want = story.value.trim();
    // Moving into an automatic story by its label: that story keeps its sources, now labelled.
    const target = stories.find((st) => st.auto && st.label === want && !st.sources.includes(s.id));
    if (target) await labelOf(target);
    await setStories({ [s.id]: want });
    say(`Story of “${inline(s.title ?? s.id)}” set to ${want ? `“${inline(want)}”` : 'none (grouped automatically)'}.`);
  });
  const remove = el('button', { type: 'button', textContent: 'Remove', 'aria-label': `Remove ${s.title ?? s.id}` });
  remove.addEventListener('click', () => removeSources([s.id])
    .then(() => say(`Removed “${inline(s.title ?? s.id)}”.`)));
  // Only an http(s) URL becomes a link (an imported corpus may say javascript: or data:).
  const title = webUrl(s.url) ? el('a', { href: webUrl(s.url), target: '_blank', rel: 'noopener noreferrer',
    textContent: s.title ?? s.url }) : el('span', { textContent: s.title ?? s.id });
  return el('tr', { dataset: { id: s.id } },
    el('td', { textContent: s.outlet ?? '' }),
    el('td', {}, title, s.sample ? el('span', { className: 'tag', textContent: 'sample' }) : null,
      el('div', { className: 'muted small', textContent: s.url ?? s.id })),
    el('td', { textContent: day(s.published) }),
    el('td', {}, story),
    el('td', { className: 'num', textContent: String(s.words ?? '') }),
    el('td', {}, remove));
}

/** A story's heading and its rename and merge controls. */
function storyHead(st) {
  const head = el('div', { className: 'story-head' },
    el('h2', { textContent: st.label }),
    el('span', { className: 'muted small', textContent: `${plural(st.sources.length, 'source')}${st.id === 'ungrouped' ? ''
      : st.auto ? ' · grouped automatically' : ' · named'}` }));
  if (st.id === 'ungrouped') return head;
  const name = el('input', { value: st.label, autocomplete: 'off', 'aria-label': `New name of the story ${st.label}` });
  const rename = el('button', { type: 'button', textContent: 'Rename', 'aria-label': `Rename the story ${st.label}` });
  rename.addEventListener('click', async () => {
    const label = name.value.trim();
    if (!label) { say('A story’s name cannot be empty (clear a source’s Story field to let it be grouped automatically).', true); return; }
    await setStories(Object.fromEntries(st.sources.map((id) => [id, label])));
    say(`Story “${inline(st.label)}” renamed to “${inline(label)}”.`);
  });
  const others = stories.filter((o) => o !== st && o.id !== 'ungrouped');
  const into = el('select', { 'aria-label': `Story to merge ${st.label} into` },
    ...others.map((o) => el('option', { value: o.id, textContent: `${o.label} (${o.sources.length})` })));
  const merge = el('button', { type: 'button', textContent: 'Merge', disabled: !others.length,
    'aria-label': `Merge the story ${st.label} into the chosen story` });
  merge.addEventListener('click', async () => {
    const target = stories.find((o) => o.id === into.value);
    if (!target) return;
    const label = await labelOf(target);
    await setStories(Object.fromEntries(st.sources.map((id) => [id, label])));
    say(`Story “${inline(st.label)}” merged into “${inline(label)}”.`);
  });
  head.append(el('span', { className: 'story-tools' },
    el('label', {}, 'Name ', name), rename,
    others.length ? el('label', {}, 'Merge into ', into) : null, others.length ? merge : null));
  return head;
}

function group(st) {
  const all = st.sources.map((id) => byId.get(id)).filter(Boolean);
  const part = expanded.has(st.id) ? all : all.slice(0, ROWS);
  const more = all.length > part.length ? el('button', { type: 'button', className: 'more',
    textContent: `Show all ${all.length} sources of this story` }) : null;
  more?.addEventListener('click', () => { expanded.add(st.id); render(); });
  return el('section', { className: 'group', dataset: { story: st.label, storyId: st.id } },
    storyHead(st),
    el('table', {},
      el('thead', {}, el('tr', {}, ...['Outlet', 'Title', 'Date', 'Story', 'Words', ''].map((h) => el('th', { scope: 'col', textContent: h })))),
      el('tbody', {}, ...part.map(row))),
    more);
}

function render() {
  const labels = [...new Set([...storiesOf(sources), ...stories.filter((st) => st.id !== 'ungrouped').map((st) => st.label)])];
  $('stories').replaceChildren(...labels.map((s) => el('option', { value: s })));
  const filter = $('filter');
  const keep = filter.value;
  filter.replaceChildren(el('option', { value: '*', textContent: `all stories (${sources.length})` }),
    ...stories.map((st) => el('option', { value: st.id, textContent: `${st.label} (${st.sources.length})` })));
  filter.value = [...filter.options].some((o) => o.value === keep) ? keep : '*';

  const samples = sources.filter((s) => s.sample).length;
  $('samples').hidden = !samples;
  $('samples-text').textContent = `${plural(samples, 'sample source')} from the demo story (loaded on the welcome page).`;

  if (!sources.length) {
    const welcome = el('a', { href: 'welcome.html', textContent: 'load the sample story' });
    welcome.addEventListener('click', (e) => { e.preventDefault(); api.tabs.create({ url: api.runtime.getURL('welcome.html') }); });
    $('list').replaceChildren(el('div', { className: 'empty' },
      el('p', { textContent: 'No sources yet.' }),
      el('p', {}, 'Open an article on a story you follow and use “Add this page as a source” in the toolbar popup or ' +
        'the page’s context menu (or “Add all open tabs on this story”), import a corpus file above, or ', welcome, '.')));
    return;
  }
  const f = filter.value;
  const list = f === '*' ? stories : stories.filter((st) => st.id === f);
  $('list').replaceChildren(
    problem ? el('p', { className: 'bad', id: 'grouping-problem', textContent: `The sources could not be grouped into stories (${problem}); they are shown by their labels.` })
      : grouped ? null : el('p', { className: 'muted', id: 'grouping', textContent: 'Grouping the sources into stories…' }),
    ...list.map(group));
}

let asked = 0;
async function load() {
  const index = await sourceIndex();
  sources = index.sources;
  byId = new Map(sources.map((s) => [s.id, s]));
  // First the sources by their labels, at once; then the core's stories when the background has them.
  if (!grouped || stories.some((st) => st.sources.some((id) => !byId.has(id)))) { stories = byLabel(); grouped = false; }
  render();
  const mine = ++asked;
  if (sources.length) {
    api.runtime.sendMessage({ type: 'stories' }).then((r) => {
      if (mine !== asked) return;
      if (!r || r.error) throw new Error(r?.error ?? 'no answer from the background');
      stories = fromCore(r.stories);
      grouped = true;
      problem = null;
      render();
    }).catch((e) => {
      if (mine !== asked) return;
      grouped = true; // by label
      problem = e.message;
      render();
    });
  }
  // Storage use, where the browser can tell (Chromium's storage.local holds about 10 MB).
  const used = await api.storage.local.getBytesInUse?.(null).catch(() => null);
  $('usage').textContent = used == null ? '' : `${(used / 1e6).toFixed(2)} MB of about 10 MB of extension storage used.`;
}

$('filter').addEventListener('change', render);

$('remove-samples').addEventListener('click', async () => {
  const n = await removeSamples();
  say(`Removed ${plural(n, 'sample source')}; your own sources are kept.`);
});

$('export').addEventListener('click', async () => {
  const list = shown();
  if (!list.length) { say('Nothing to export.', true); return; }
  const f = $('filter').value;
  const label = stories.find((st) => st.id === f)?.label;
  const name = f === '*' ? 'corroborate-corpus' : `corroborate-${(label ?? 'story').toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  const full = await getSources(list.map((s) => s.id));
  const href = URL.createObjectURL(new Blob([toCorpusJson(full)], { type: 'application/json' }));
  const a = el('a', { href, download: `${name}.json` });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10000);
  say(`Exported ${plural(full.length, 'source')}.`);
});

$('import').addEventListener('change', async () => {
  const file = $('import').files[0];
  if (!file) return;
  try {
    const got = parseCorpus(await file.text());
    const story = $('import-story').value.trim();
    if (story) for (const s of got) s.story ??= story;
    await putSources(got);
    say(`Imported ${plural(got.length, 'source')} from ${file.name}.`);
  } catch (e) {
    say(`Could not import ${file.name}: ${e.message}`, true);
  } finally {
    $('import').value = '';
  }
});

// A burst of changes (an import, a merge) is listed once it is over: each listing asks the
// background for the stories, which makes its Engine again.
let changed = 0;
api.storage.onChanged.addListener((changes, area) => {
  if (area !== 'local' || !touchesSources(changes)) return;
  clearTimeout(changed);
  changed = setTimeout(() => load().catch((e) => say(e.message, true)), 250);
});

const started = performance.now();
load().then(() => performance.measure('corroborate:options-first-render', { start: started }))
  .catch((e) => say(e.message, true));
