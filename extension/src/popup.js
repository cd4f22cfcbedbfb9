// The toolbar popup: the current page's summary (counts per verdict and a bar chart, or "no
// coverage of this story"), what to do next in every empty state, the per-site switch, "Add this
// page as a source" and "Add all open tabs on this story". It acts on the active tab; for tests
// (and for opening it in a tab) popup.html?tab=ID acts on tab ID instead. It reads the sources'
// index (counts, labels), never their texts.

import { api, normaliseUrl, putSources, setSite, siteEnabled, siteOf, sitePattern, sourceAt, sourceIndex,
  storiesOf } from './lib/store.js';
import { addPage, check, readPage, send, status, withBackground } from './lib/tabs.js';
import { coverageWords } from './lib/view.js';
import { getIndexes, indexName } from './lib/indexes.js';
import { inline } from './shell/text.js';
import { countWords, summaryWords } from './shell/ui.js';

const $ = (id) => document.getElementById(id);
const VERDICTS = [ // the shell's verdicts, in its order (ui.js's VERDICTS), with its markers' colours
  ['confirmed', '#1a7f37'], ['contradicted', '#c0182b'], ['disputed', '#9a5b00'],
  ['related', '#0b61c9'], ['unique', '#6e7781'],
];
const SVG = 'http://www.w3.org/2000/svg';
const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

let tab;
let tabId;
let host = null;
let count = 0; // saved sources
let indexes = 0; // published indexes added

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

const ADD_MORE = 'Open other outlets’ articles on this story and press “Add this page as a source” on each, ' +
  'or “Add all open tabs on this story” here.';

/**
 * Show a status: {state, summary, sources, available, story, exclude, error}. Every state that
 * shows nothing says what to do next (#next).
 */
function show(st) {
  let state = st?.state ?? 'idle';
  const s = st?.summary;
  if (!count && !indexes && state !== 'working') state = 'empty';
  const none = state === 'done' ? coverageWords(st.story, st.available) : null;
  if (none) state = 'no-coverage';
  let next = null;
  let text;
  switch (state) {
    case 'empty':
      if (count && st?.exclude) {
        text = 'This page is your only source.';
        next = `Add other articles on its story to compare it with. ${ADD_MORE}`;
      } else {
        text = 'No sources yet.';
        next = 'corroborate compares the article you read with other articles on the same story that you saved. ' +
          'Open one and press “Add this page as a source” below, or load the sample story from the welcome page.';
      }
      break;
    case 'idle':
      text = 'Not checked yet.';
      next = host ? `Press “Check this page” to compare it with your ${plural(count, 'source')}` +
        `${indexes ? ` and ${plural(indexes, 'published index', 'published indexes')}` : ''}.` : null;
      break;
    case 'working': text = st?.progress ?? 'Checking…'; break; // e.g. "Gathering 3 articles from your feeds…" (feeds.js)
    case 'error': text = `Could not check this page: ${st?.error}`; break;
    case 'no-coverage':
      text = `${none}.`;
      next = `Nothing on this page is marked: none of your sources is on its story. ${ADD_MORE}`;
      break;
    default: // done: the shell's words, "12 claims checked against 3 sources", and the story
      text = s ? summaryWords(s, st.sources) +
        `${st.story?.label ? ` of the story “${inline(st.story.label)}”` : ''}${st.exclude ? ' (this page itself left out)' : ''}.`
        : '';
  }
  $('state').textContent = text;
  $('state').classList.toggle('bad', state === 'error');
  $('state').dataset.state = state;
  $('next').hidden = !next;
  $('next').textContent = next ?? '';
  if (state === 'empty' && !(count && st?.exclude)) {
    const a = Object.assign(document.createElement('a'), { href: 'welcome.html', textContent: 'Open the welcome page' });
    a.addEventListener('click', (e) => { e.preventDefault(); api.tabs.create({ url: api.runtime.getURL('welcome.html') }); });
    $('next').append(' ', a, '.');
  }
  chart(state === 'done' ? s : null);
  showIndexes(['done', 'no-coverage', 'error'].includes(state) ? st?.indexes : null);
  $('check').hidden = ['done', 'working', 'empty', 'no-coverage'].includes(state) || !host;
}

/**
 * What each published index gave for this page, one line each (text only): how many of its
 * sources the page was compared with and on which story, or why it could not be read (the page
 * is then marked from the rest alone).
 */
function showIndexes(list) {
  const rows = (Array.isArray(list) ? list : []).map((ix) => {
    const li = document.createElement('li');
    const name = inline(ix.name ?? indexName(ix.url), 80);
    if (ix.error) {
      li.className = 'bad';
      li.dataset.state = 'error';
      li.textContent = `The published index ${name} could not be read: ${ix.error}. ` +
        (count ? 'This page is marked from your saved sources only.' : 'This page is not marked from it.');
    } else {
      const n = ix.summary?.sources ?? 0;
      li.dataset.state = 'done';
      li.textContent = ix.story ? `Published index ${name}: ${plural(n, 'source')} of the story “${inline(ix.story.label)}”.`
        : `Published index ${name}: no coverage of this story among its ${plural(ix.summary?.available ?? 0, 'source')}.`;
    }
    return li;
  });
  $('indexes').replaceChildren(...rows);
  $('indexes').hidden = !rows.length;
}

/** The index's counts and labels: the link's count, the story list, the add button's words. */
async function refreshSources(url) {
  const index = await sourceIndex();
  count = index.sources.length;
  indexes = (await getIndexes()).length;
  $('stories').replaceChildren(...storiesOf(index.sources).map((s) => Object.assign(document.createElement('option'), { value: s })));
  const self = await sourceAt(url ?? '', index);
  $('add').textContent = self ? 'Update this source' : 'Add this page as a source';
  if (self?.story && !$('story').value) $('story').value = self.story;
  $('manage').textContent = `Sources (${count})`;
  return index;
}

async function run() {
  const want = new URLSearchParams(location.search).get('tab');
  tab = want ? await api.tabs.get(Number(want))
    : (await api.tabs.query({ active: true, currentWindow: true }))[0];
  if (!tab) { say('No tab to act on.', true); return; }
  tabId = tab.id;
  host = siteOf(tab.url ?? '');
  $('where').textContent = host ?? 'This page cannot be checked (not a web page).';
  $('site-label').textContent = host ? `Annotate pages on ${host}` : 'Annotate pages on this site';
  await refreshSources(tab.url);
  // At once: the empty state, or that the page is being checked (opening the popup checks it).
  show(host && (count || indexes) ? { state: 'working' } : null);
  $('site').checked = Boolean(host) && await siteEnabled(host) &&
    await api.permissions.contains({ origins: [sitePattern(host)] });
  // The controls work once the tab is known (they start disabled in popup.html).
  $('site').disabled = !host;
  $('add').disabled = !host;
  $('add-tabs').disabled = !host;
  planTabs().catch(() => {});

  // The content script reports every new result; keep the view in step.
  api.runtime.onMessage.addListener((msg, sender) => {
    if (msg?.type === 'summary' && sender.tab?.id === tabId) withBackground(tabId, msg.status).then(show);
    if (msg?.type === 'progress' && msg.tabId === tabId && msg.text) show({ state: 'working', progress: msg.text });
    return false;
  });

  let st = host ? await status(tabId) : null;
  show(st);
  // Opening the popup checks the page once (the reader asked, by clicking the toolbar button);
  // also with no saved source yet, since the check first gathers the page's story from the
  // feeds (its progress shows as it comes; with no feed either, the answer stays "No sources").
  if (host && (!st || st.state === 'empty')) { // "empty" is no answer once sources may have come
    if (count || indexes) show({ state: 'working' });
    st = await check(tabId).catch((e) => ({ state: 'error', error: e.message }));
    if (!count) await refreshSources(tab.url);
    show(st);
  }
}

$('check').addEventListener('click', async () => {
  show({ state: 'working' });
  const st = await check(tabId).catch((e) => ({ state: 'error', error: e.message }));
  await refreshSources(tab.url); // the check may have gathered sources from the feeds
  show(st);
});

$('add').addEventListener('click', async () => {
  $('add').disabled = true;
  try {
    const s = await addPage(tabId, $('story').value);
    say(`Saved “${inline(s.title ?? s.url)}” (${inline(s.outlet, 80)})${s.story ? ` in the story “${inline(s.story)}”` : ''}.`);
    await refreshSources(s.url);
    const st = await status(tabId);
    show(st);
  } catch (e) {
    say(`Could not save this page: ${e.message}`, true);
  } finally {
    $('add').disabled = false;
  }
});

// ---- "Add all open tabs on this story" ----
// The other tabs of the window whose page is on this page's story become sources. Which tabs:
// those whose address the extension may see (the `tabs` permission, optional, asked for on the
// first press when some tab's address is hidden); each is read with the same injection as "Add
// this page" (host permission for their sites, optional, asked for in the press and given back
// afterwards); the core decides which are on the story (an Engine over their texts, asked for the
// story of this page's text).
let plan = null; // {tabs: [tab], hidden, missing: [origin patterns not granted]}

async function planTabs() {
  const all = await api.tabs.query({ windowId: tab.windowId });
  const others = all.filter((t) => t.id !== tabId);
  const seen = new Set([normaliseUrl(tab.url ?? '')]); // one tab per page (a page open twice is read once)
  const tabs = others.filter((t) => {
    const url = siteOf(t.url ?? '') ? normaliseUrl(t.url) : null;
    if (!url || seen.has(url)) return false;
    seen.add(url);
    return true;
  });
  const hidden = others.filter((t) => t.url == null).length;
  const origins = [...new Set(tabs.map((t) => sitePattern(siteOf(t.url))))];
  const missing = [];
  for (const o of origins) if (!(await api.permissions.contains({ origins: [o] }))) missing.push(o);
  plan = { tabs, hidden: hidden && !(await api.permissions.contains({ permissions: ['tabs'] })) ? hidden : 0, missing };
  return plan;
}

$('add-tabs').addEventListener('click', () => {
  const button = $('add-tabs');
  if (!plan || button.getAttribute('aria-disabled') === 'true') return;
  // A permission prompt needs the reader's gesture: ask first, before anything else is awaited.
  const asked = plan.hidden ? api.permissions.request({ permissions: ['tabs'] })
    : plan.missing.length ? api.permissions.request({ origins: plan.missing }) : Promise.resolve(true);
  const granted = plan.hidden ? [] : plan.missing;
  button.setAttribute('aria-disabled', 'true');
  asked.then(async (ok) => {
    if (!ok) { say('Permission was not given: no tab was read.', true); return; }
    if (plan.hidden) { // the addresses are known now: the sites' permission is the next question
      await planTabs();
      if (plan.missing.length) {
        const hosts = plan.missing.map((o) => o.slice(4, -2));
        say(`Press again to read ${plural(plan.tabs.length, 'open tab')}: the browser asks to let corroborate read ${hosts.join(', ')}.`);
        return;
      }
    }
    await addTabs(granted);
  }).catch((e) => say(`Could not add the open tabs: ${e.message}`, true))
    .finally(() => button.removeAttribute('aria-disabled'));
});

async function addTabs(granted) {
  try {
    const index = await sourceIndex();
    const fresh = [];
    let saved = 0;
    let failed = 0;
    for (const t of plan.tabs) {
      if (await sourceAt(t.url, index)) { saved++; continue; }
      say(`Reading open tabs: ${fresh.length + failed + 1} of ${plan.tabs.length - saved}…`);
      try { fresh.push(await readPage(t.id)); } catch { failed++; }
    }
    if (!fresh.length) {
      say(plan.tabs.length ? `No other open tab to add (${saved} ${saved === 1 ? 'is' : 'are'} already saved${failed ? `, ${failed} could not be read` : ''}).`
        : 'No other open web page in this window.');
      return;
    }
    say('Finding the tabs on this story…');
    const page = await readPage(tabId);
    const r = await api.runtime.sendMessage({ type: 'story-members', text: page.text,
      candidates: fresh.map(({ id, title, text }) => ({ id, title, text })) });
    if (r?.error) throw new Error(r.error);
    // On a story with a label, the new sources get that label; otherwise the core groups them.
    const label = r.story?.id?.startsWith('story:') ? r.story.label : $('story').value.trim() || undefined;
    const members = fresh.filter((s) => r.members.includes(s.id)).map((s) => ({ ...s, story: label }));
    await putSources(members);
    const rest = fresh.length - members.length;
    say(`Added ${plural(members.length, 'open tab')} on this story${label ? ` (“${inline(label)}”)` : ''}` +
      `${rest ? `; ${plural(rest, 'other tab')} ${rest === 1 ? 'is' : 'are'} not on it` : ''}` +
      `${saved ? `; ${saved} already saved` : ''}${failed ? `; ${failed} could not be read` : ''}.`);
    await refreshSources(tab.url);
    if (members.length) show(await check(tabId).catch((e) => ({ state: 'error', error: e.message })));
  } finally {
    // The sites' permission was for reading these tabs once: give it back (a site switched on
    // keeps its own).
    const keep = [];
    for (const o of granted) if (await siteEnabled(o.slice(4, -2))) keep.push(o);
    const drop = granted.filter((o) => !keep.includes(o));
    if (drop.length) await api.permissions.remove({ origins: drop }).catch(() => {});
    await planTabs().catch(() => {});
  }
}

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

// The sources may change elsewhere (the options page, the welcome page's sample story).
api.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && ('index' in changes || 'indexes' in changes) && tab) refreshSources(tab.url).then(() => status(tabId)).then(show).catch(() => {});
});
