// The toolbar popup: the current page's summary (counts per verdict and a bar chart), the
// per-site switch, and "Add this page as a source". It acts on the active tab; for tests (and for
// opening it in a tab) popup.html?tab=ID acts on tab ID instead.

import { api, corpusFor, getSources, setSite, siteEnabled, siteOf, sitePattern, storiesOf } from './lib/store.js';
import { addPage, check, send, status, withBackground } from './lib/tabs.js';
import { inline } from './shell/text.js';
import { countWords, summaryWords } from './shell/ui.js';

const $ = (id) => document.getElementById(id);
const VERDICTS = [ // the shell's verdicts, in its order (ui.js's VERDICTS), with its markers' colours
  ['confirmed', '#1a7f37'], ['contradicted', '#c0182b'], ['disputed', '#9a5b00'],
  ['related', '#0b61c9'], ['unique', '#6e7781'],
];
const SVG = 'http://www.w3.org/2000/svg';

let tabId;
let host = null;

function say(text, bad = false) {
  $('message').textContent = text;
  $('message').classList.toggle('bad', bad);
}

function svg(name, attrs, text) {
  const el = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text != null) el.textContent = text;
  return el;
}

/** The bar chart of the claims per verdict (built as SVG elements; no markup from data). */
function chart(summary) {
  const box = $('chart');
  for (const el of [...box.children]) if (el.localName !== 'title') el.remove();
  if (!summary) { box.setAttribute('height', '0'); return; }
  // The chart's name says its numbers, in the shell's words, for screen readers.
  $('chart-title').textContent = `Claims by verdict: ${countWords(summary)}`;
  const row = 20;
  const max = Math.max(1, ...VERDICTS.map(([v]) => summary[v] ?? 0));
  VERDICTS.forEach(([v, colour], i) => {
    const n = summary[v] ?? 0;
    const y = i * row;
    const g = svg('g', { 'data-verdict': v });
    g.append(svg('text', { x: 0, y: y + 14, class: 'label' }, v));
    g.append(svg('rect', { x: 96, y: y + 4, height: 12, rx: 2, fill: colour,
      width: Math.max(n ? 3 : 0, Math.round((n / max) * 124)) }));
    g.append(svg('text', { x: 256, y: y + 14, 'text-anchor': 'end', class: 'count' }, n));
    box.append(g);
  });
  box.setAttribute('height', String(VERDICTS.length * row));
}

/** Show a content script status: {state, summary, sources, story, exclude, error}. */
function show(st) {
  const state = st?.state ?? 'idle';
  const s = st?.summary;
  const text = {
    idle: 'Not checked yet.',
    working: st?.progress ?? 'Checking…', // e.g. "Gathering 3 articles from your feeds…" (feeds.js)
    empty: st?.exclude ? 'This page is your only source: add other articles on its story.'
      : 'No sources yet: add articles on the same story first.',
    error: `Could not check this page: ${st?.error}`,
    done: s && summaryWords(s, st.sources) + // the shell's words: "12 claims checked against 3 sources"
      `${st.story ? ` of the story “${inline(st.story)}”` : ''}${st.exclude ? ' (this page itself left out)' : ''}.`,
  }[state];
  $('state').textContent = text ?? '';
  $('state').classList.toggle('bad', state === 'error');
  $('state').dataset.state = state;
  chart(state === 'done' ? s : null);
  $('check').hidden = ['done', 'working'].includes(state) || !host;
}

async function refreshStories(url) {
  const sources = await getSources();
  const list = $('stories');
  list.replaceChildren(...storiesOf(sources).map((s) => Object.assign(document.createElement('option'), { value: s })));
  const { self } = await corpusFor(url ?? '');
  $('add').textContent = self ? 'Update this source' : 'Add this page as a source';
  if (self?.story && !$('story').value) $('story').value = self.story;
  $('manage').textContent = `Sources (${sources.length})`;
  return sources;
}

async function run() {
  const want = new URLSearchParams(location.search).get('tab');
  const tab = want ? await api.tabs.get(Number(want))
    : (await api.tabs.query({ active: true, currentWindow: true }))[0];
  if (!tab) { say('No tab to act on.', true); return; }
  tabId = tab.id;
  host = siteOf(tab.url ?? '');
  $('where').textContent = host ?? 'This page cannot be checked (not a web page).';
  $('site-label').textContent = host ? `Annotate pages on ${host}` : 'Annotate pages on this site';
  $('site').checked = Boolean(host) && await siteEnabled(host) &&
    await api.permissions.contains({ origins: [sitePattern(host)] });
  const sources = await refreshStories(tab.url);
  // The controls work once the tab is known (they start disabled in popup.html).
  $('site').disabled = !host;
  $('add').disabled = !host;

  // The content script reports every new result; keep the view in step.
  api.runtime.onMessage.addListener((msg, sender) => {
    if (msg?.type === 'summary' && sender.tab?.id === tabId) withBackground(tabId, msg.status).then(show);
    if (msg?.type === 'progress' && msg.tabId === tabId && msg.text) show({ state: 'working', progress: msg.text });
    return false;
  });

  let st = host ? await status(tabId) : null;
  show(st);
  // Opening the popup checks the page once (the reader asked, by clicking the toolbar button).
  if (host && !st && sources.length) {
    show({ state: 'working' });
    st = await check(tabId).catch((e) => ({ state: 'error', error: e.message }));
    show(st);
  }
}

$('check').addEventListener('click', async () => {
  show({ state: 'working' });
  show(await check(tabId).catch((e) => ({ state: 'error', error: e.message })));
});

$('add').addEventListener('click', async () => {
  $('add').disabled = true;
  try {
    const s = await addPage(tabId, $('story').value);
    say(`Saved “${inline(s.title ?? s.url)}” (${inline(s.outlet, 80)})${s.story ? ` in the story “${inline(s.story)}”` : ''}.`);
    await refreshStories(s.url);
  } catch (e) {
    say(`Could not save this page: ${e.message}`, true);
  } finally {
    $('add').disabled = false;
  }
});

$('site').addEventListener('change', async () => {
  const on = $('site').checked;
  const origins = [sitePattern(host)];
  try {
    if (on) {
      // Ask for this one site's permission at once, inside the click (it needs the gesture).
      // The switch is stored at the same time: should the prompt close the popup, the
      // background still registers the site when the permission arrives (permissions.onAdded).
      const asked = api.permissions.request({ origins });
      const saved = setSite(host, true);
      if (!(await asked)) {
        await saved;
        await setSite(host, false);
        $('site').checked = false;
        say(`Permission for ${host} was not given.`, true);
        return;
      }
      await saved;
      say(`Pages on ${host} are annotated as they load.`);
      if (!(await status(tabId))?.summary) show(await check(tabId));
    } else {
      await setSite(host, false);
      await api.permissions.remove({ origins }).catch(() => {}); // e.g. a permission the build requires
      await send(tabId, { type: 'detach' }).catch(() => {});
      show({ state: 'idle' });
      say(`Pages on ${host} are no longer annotated.`);
    }
  } catch (e) {
    say(e.message, true);
  }
});

run().catch((e) => say(e.message, true));

$('manage').addEventListener('click', (e) => {
  e.preventDefault();
  api.runtime.openOptionsPage();
});
