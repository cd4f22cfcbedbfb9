// The background: a service worker in Chromium, an event page in Firefox (same file). It owns the
// context menu, the toolbar badge, the content script registration for enabled sites, and the
// engine: a content script sends its page's text, the background compares it with the sources
// of its story (one Engine over every saved source: the core groups them into stories, and an
// IndexEngine per published index the reader added, whose reports the core merges into one) and
// answers with the claims' ranges only; the verdicts and the evidence go to the extension's
// frames in that tab, over their ports.

import { api, clean, enabledSites, getSources, siteEnabled, siteOf, sitePattern, sourceAt, sourceIndex, sourcesRev, touchesSites,
  touchesSources } from './lib/store.js';
import { addPage } from './lib/tabs.js';
import { boxesView, claimView, coverageWords, frameOf, pageView, panelView, storyView } from './lib/view.js';
import { boot, open } from './engine.js';
import { feedsMessage, gather } from './feeds.js';
import { fetchShards, getIndexes, indexName, indexUrl, openIndex, putIndex, touchesIndexes } from './lib/indexes.js';

const MENU = 'corroborate-add-source';
const SCRIPT = 'corroborate-sites';

// ---- Install: the context menu and the welcome page; start: the registered content script ----
api.runtime.onInstalled.addListener(({ reason } = {}) => {
  api.contextMenus.create({ id: MENU, title: 'Add this page as a source', contexts: ['page'],
    documentUrlPatterns: ['http://*/*', 'https://*/*'] });
  syncSites();
  // A new user gets the three steps and the sample story (not on an update or a reload).
  if (reason === 'install') api.tabs.create({ url: api.runtime.getURL('welcome.html') }).catch(() => {});
});
api.runtime.onStartup.addListener(syncSites);

/**
 * Register the content script for the enabled sites whose host permission is granted, so that
 * their pages are annotated when they load; unregister it when there is none.
 */
let syncing = Promise.resolve();
function syncSites() {
  syncing = syncing.then(async () => {
    const matches = [];
    for (const host of await enabledSites()) {
      if (await api.permissions.contains({ origins: [sitePattern(host)] })) matches.push(sitePattern(host));
    }
    const known = await api.scripting.getRegisteredContentScripts({ ids: [SCRIPT] });
    if (known.length) await api.scripting.unregisterContentScripts({ ids: [SCRIPT] });
    if (matches.length) {
      await api.scripting.registerContentScripts([{ id: SCRIPT, matches, js: ['content.js'],
        runAt: 'document_idle', persistAcrossSessions: true }]);
    }
  }).catch((e) => console.error('corroborate: could not register the content script:', e));
  return syncing;
}
api.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && touchesSites(changes)) syncSites();
});
api.permissions.onRemoved?.addListener(syncSites);
api.permissions.onAdded?.addListener(syncSites);

// ---- The context menu ----
api.contextMenus.onClicked.addListener((info, tab) => {
  if (info.menuItemId !== MENU || tab?.id == null) return;
  addPage(tab.id).then(
    () => flash(tab.id, '+'),
    (e) => { console.error('corroborate: could not add the page:', e); flash(tab.id, '!'); });
});

// A short sign on the badge after the context menu's action, then the count again.
const counts = new Map(); // tab id → last badge text
function flash(tabId, text) {
  api.action.setBadgeText({ tabId, text }).catch(() => {});
  setTimeout(() => api.action.setBadgeText({ tabId, text: counts.get(tabId) ?? '' }).catch(() => {}), 1500);
}

// ---- The badge: contradicted claims per tab ----
async function setBadge(tabId, status) {
  let text = '';
  let title = 'corroborate';
  const none = coverageWords(status?.story, status?.available);
  if (status?.state === 'done' && none) {
    text = '–';
    title = `corroborate: ${none}: add feeds or pages on this story`;
  } else if (status?.state === 'done') {
    const s = status.summary;
    text = String(s.contradicted);
    title = `corroborate: ${s.contradicted} contradicted, ${s.disputed} disputed, ${s.confirmed} confirmed of ${s.claims} claims`;
  } else if (status?.state === 'error') {
    text = '!';
    title = `corroborate: ${status.error}`;
  }
  counts.set(tabId, text);
  await api.action.setBadgeBackgroundColor({ tabId, color: status?.summary?.contradicted ? '#c0182b' : '#57606a' });
  await api.action.setBadgeText({ tabId, text });
  await api.action.setTitle({ tabId, title });
}
api.tabs.onRemoved.addListener((tabId) => counts.delete(tabId));

// ---- The check: the page's text in, only the claims' ranges back to the page ----
// Per tab: the last annotation (with its evidence, for the frames), the corpus it used, the
// content script's status, the frames' ports and the nonce that ties the frames to the page.
const pages = new Map(); // tab id → {result, story, available, exclude, sources, evidence, status, ports, css}
const page = (tabId) => pages.get(tabId) ?? pages.set(tabId, { ports: {} }).get(tabId);
// The extension's own origin; in Chromium the frame also has a per-session dynamic one
// (use_dynamic_url), which getURL gives for it. A sender is ours when the browser says so
// (sender.id) and its document is at one of these.
const BASES = [...new Set([api.runtime.getURL(''), `${new URL(api.runtime.getURL('frame.html')).origin}/`])];
const baseOf = (url) => (typeof url === 'string' ? BASES.find((b) => url.startsWith(b)) : undefined);
const fromExtension = (sender) => sender.id === api.runtime.id && Boolean(baseOf(sender.url));
// The nonce of each tab's frames outlives a sleeping service worker (storage.session is held
// in memory and, by default, readable by the extension's own pages and background only).
const nonceKey = (tabId) => `nonce:${tabId}`;

// The corpus: one Engine over every saved source, made on first use and again when the sources
// changed (their revision, a few bytes read before each use, so that a check right after a
// write never uses the engine of before; storage.onChanged drops it too). A sleeping service
// worker forgets it; the next check makes it again.
let corpus = null; // {rev, made: Promise<{engine, index: {rev, sources}}>}
async function corpusEngine() {
  const rev = await sourcesRev();
  if (corpus?.rev !== rev) {
    drop();
    const made = (async () => {
      const index = await sourceIndex();
      if (!index.sources.length) return { engine: null, index };
      const sources = await getSources(index.sources.map((s) => s.id));
      return { engine: await open({ sources: sources.map(clean) }), index };
    })();
    const entry = { rev, made };
    corpus = entry;
    made.catch(() => { if (corpus === entry) corpus = null; }); // try again on the next check
  }
  return corpus.made;
}
/** Let the current engine go: freed once no check can still hold it (each use is one synchronous call). */
function drop() {
  const old = corpus;
  corpus = null;
  old?.made.then(({ engine }) => setTimeout(() => engine?.free(), 60000), () => {});
}
api.storage.onChanged.addListener((changes, area) => {
  if (area !== 'local' || !touchesSources(changes)) return;
  if (changes['index-rev'] && changes['index-rev'].newValue === corpus?.rev) return; // made for it already
  drop();
});

// ---- Published indexes (lib/indexes.js): one IndexEngine per manifest URL, made on first use
// (its manifest fetched then: each time the background starts again) and kept with the shards it
// has taken; the checks of one index run one after another. ----
const published = new Map(); // manifest URL → {made: Promise<IndexEngine>, queue: Promise}
function indexEngine(url) {
  let entry = published.get(url);
  if (!entry) {
    const made = boot().then(({ IndexEngine }) => openIndex(url, (text) => new IndexEngine(text))).then((r) => r.engine);
    entry = { made, queue: Promise.resolve() };
    published.set(url, entry);
    made.catch(() => { if (published.get(url) === entry) published.delete(url); }); // tried again on the next check
  }
  return entry;
}
function forgetIndex(url) {
  const entry = published.get(url);
  published.delete(url);
  entry?.made.then((engine) => entry.queue.then(() => engine.free()), () => {});
}
api.storage.onChanged.addListener((changes, area) => {
  if (area !== 'local' || !touchesIndexes(changes)) return;
  const kept = new Set((changes.indexes.newValue ?? []).map((e) => e?.url));
  for (const url of [...published.keys()]) if (!kept.has(url)) forgetIndex(url);
});

/** The report (a core `Report`) of `text` from one index: its shards fetched first. */
function indexReport(url, text) {
  const entry = indexEngine(url);
  const run = entry.queue.then(async () => {
    const engine = await entry.made;
    await fetchShards(engine, url, text);
    return engine.report(text);
  });
  entry.queue = run.then(() => {}, () => {});
  return run;
}

/**
 * Check an index's manifest for the options page and add it: the URL is checked (lib/indexes.js),
 * the manifest fetched and read by the core (not an index, or another version: an Error saying
 * so). Resolves to the stored entry {url, sources, stories, added, granted}.
 */
async function addIndex({ url, granted }) {
  const target = indexUrl(url);
  const { IndexEngine } = await boot();
  const { engine, text } = await openIndex(target, (t) => new IndexEngine(t));
  let stories = 0;
  try { stories = Number(JSON.parse(text).stories) || 0; } catch { /* the core read it: it is JSON */ }
  const entry = { url: target, sources: engine.sources(), stories, granted: Boolean(granted) };
  forgetIndex(target);
  published.set(target, { made: Promise.resolve(engine), queue: Promise.resolve() });
  await putIndex(entry);
  return entry;
}

/**
 * One annotation of a page from the saved sources (`engine`, or null) and every added index:
 * each gives the core's report of the page, and the core merges them into one (Report.merge:
 * each claim's evidence is the union, judged again as one engine's evidence is). An index that
 * fails (a missing or damaged shard, a manifest that is not an index) is left out and its error
 * kept; when nothing is left, the check fails with those errors. Resolves to {result, indexes:
 * [{url, name, summary, story} | {url, name, error}]}.
 */
async function annotateAll(text, engine, exclude, listed) {
  const indexes = await Promise.all(listed.map(async ({ url }) => {
    try {
      const report = await indexReport(url, text);
      return { url, name: indexName(url), report, summary: report.summary(), story: storyView(report.story()) };
    } catch (e) {
      return { url, name: indexName(url), error: String(e?.message ?? e) };
    }
  }));
  const reports = [];
  try {
    reports.push(...indexes.filter((ix) => ix.report).map((ix) => ix.report));
    if (engine) reports.unshift(engine.report(text, { exclude })); // first: its copy of a source id speaks
    if (!reports.length) throw new Error(indexes.map((ix) => `${ix.name}: ${ix.error}`).join('; '));
    const [first] = reports;
    while (reports.length > 1) first.merge(reports.splice(1, 1)[0]); // merge takes (frees) its argument
    return { result: first.annotation(), indexes: indexes.map(({ report, ...ix }) => ix) };
  } finally {
    for (const r of reports) r.free();
  }
}

async function checkPage(msg, sender) {
  const tabId = sender.tab.id;
  const url = sender.tab.url ?? sender.url; // the browser's, never the page's word
  const p = page(tabId);
  if (typeof msg.nonce === 'string' && /^n[0-9a-f]{24}$/.test(msg.nonce)) {
    p.nonce = msg.nonce;
    await api.storage.session?.set({ [nonceKey(tabId)]: msg.nonce }).catch(() => {});
  }
  // The feeds: the articles of this page's story not stored yet are gathered first (feeds.js).
  await gather(url, msg.text, (text) => progress(tabId, text)).catch((e) => console.error('corroborate: feeds:', e));
  const { engine, index } = await corpusEngine();
  const self = await sourceAt(url, index);
  const usable = index.sources.length - (self ? 1 : 0);
  const listed = await getIndexes();
  Object.assign(p, { exclude: self?.id ?? null, sources: usable, available: usable, story: undefined, indexes: [] });
  if (!usable && !listed.length) { p.result = null; return { state: 'empty' }; }
  const text = typeof msg.text === 'string' ? msg.text : '';
  let result = { claims: [], summary: { claims: 0, confirmed: 0, contradicted: 0, disputed: 0, related: 0, unique: 0 } };
  if (text.trim() && !listed.length) result = engine.annotate(text, { exclude: self?.id });
  else if (text.trim()) {
    let all;
    try {
      all = await annotateAll(text, usable ? engine : null, self?.id, listed);
    } catch (e) {
      p.result = null;
      throw e;
    }
    result = all.result;
    p.indexes = all.indexes;
  }
  // The core's story of the page among the sources ({id, label}, or null: none of them is on it)
  // and how many sources it compared (an engine without stories compares them all).
  p.story = result.story === undefined ? undefined : storyView(result.story);
  p.sources = result.summary.sources ?? usable;
  p.available = result.summary.available ?? usable;
  p.result = result;
  p.evidence = [...new Set(result.claims.flatMap((c) => c.evidence.map((e) => e.source)))].filter(Boolean).sort();
  p.geometry = null;
  p.active = -1;
  post(tabId, 'badge', badgeOf(p));
  post(tabId, 'popover', { type: 'close' });
  post(tabId, 'marks', { type: 'marks', boxes: [], verdicts: [], active: -1 });
  return { state: 'done', ...pageView(result) };
}

/** The badge frame's message: the counts and claims, and the page's story among the sources. */
function badgeOf(p) {
  return { type: 'summary', ...panelView(p.result, p.sources), story: p.story, available: p.available };
}

/**
 * The stories of the saved sources, as the core groups them: {rev, stories: [{id, label,
 * sources: [ids]}]} (for the options page).
 */
async function stories() {
  const { engine, index } = await corpusEngine();
  return { rev: index.rev, stories: engine ? engine.stories() : [] };
}

/**
 * Which candidate pages are on the story of a page (for "Add all open tabs on this story"): an
 * Engine over the candidates ({id, title, text}), asked for the story of `text`; and the page's
 * story among the saved sources (so that the new sources can join its label). Resolves to
 * {members: [ids], story: {id, label} | null}.
 */
async function storyMembers({ text, candidates }) {
  if (typeof text !== 'string' || !text.trim()) throw new Error('the page has no text');
  const list = (Array.isArray(candidates) ? candidates : []).filter((c) => typeof c?.id === 'string' &&
    typeof c.text === 'string' && c.text.trim()).map((c) => ({ id: c.id, text: c.text,
    ...(typeof c.title === 'string' && c.title.trim() ? { title: c.title } : {}) }));
  const { engine } = await corpusEngine();
  const story = engine ? storyView(engine.storyOf(text)) : null;
  if (!list.length) return { members: [], story };
  const temp = await open({ sources: list });
  try {
    const match = temp.storyOf(text);
    return { members: match ? match.sources.filter((id) => list.some((c) => c.id === id)) : [], story };
  } finally {
    temp.free();
  }
}

/** The marks frame's message: the claims' boxes (from the content script) and their verdicts. */
function marksOf(p) {
  return { type: 'marks', boxes: p.geometry ?? [], verdicts: p.result?.claims.map((c) => c.verdict) ?? [],
    active: p.active ?? -1 };
}

/** Send to one of a tab's frames, if it is connected. */
function post(tabId, view, msg) {
  try { pages.get(tabId)?.ports[view]?.postMessage(msg); } catch { /* gone */ }
}

/** Tell the tab's content script (the top frame) what the reader did in a frame. */
const toPage = (tabId, msg) => api.tabs.sendMessage(tabId, { type: 'ui', ...msg }, { frameId: 0 }).catch(() => {});

function show(msg, sender) {
  const tabId = sender.tab.id;
  const p = pages.get(tabId);
  if (!p?.result) return { missing: true };
  const claim = claimView(p.result, msg.index);
  if (!claim) return { missing: true };
  p.shown = { type: 'open', claim, sources: p.sources, summary: p.result.summary, focus: Boolean(msg.focus),
    announce: Boolean(msg.announce), count: p.result.claims.length };
  post(tabId, 'popover', p.shown);
  p.active = msg.index;
  post(tabId, 'marks', { type: 'active', index: msg.index });
  return { ok: true };
}

/** The marks' user-origin style sheet: replaces the tab's previous one. */
async function setCss(css, sender) {
  const tabId = sender.tab.id;
  const p = page(tabId);
  const target = { tabId, frameIds: [sender.frameId ?? 0] };
  if (p.css) await api.scripting.removeCSS({ target, css: p.css, origin: 'USER' }).catch(() => {});
  p.css = null;
  if (!css) return { ok: true };
  try {
    await api.scripting.insertCSS({ target, css, origin: 'USER' });
    p.css = css;
    return { ok: true };
  } catch (e) {
    return { error: String(e?.message ?? e) };
  }
}

// The frames connect by port; only our frame.html, with the nonce of its tab's page, is heard.
api.runtime.onConnect.addListener(async (port) => {
  if (port.name !== 'corroborate-frame') return;
  const sender = port.sender ?? {};
  const which = fromExtension(sender) ? frameOf(sender.url, baseOf(sender.url)) : null;
  const tabId = sender.tab?.id;
  const p = tabId == null ? null : page(tabId);
  let nonce = p?.nonce;
  if (p && !nonce) nonce = p.nonce = (await api.storage.session?.get(nonceKey(tabId)).catch(() => ({})))?.[nonceKey(tabId)];
  if (!which || !p || which.nonce !== nonce) {
    try { port.postMessage({ type: 'rejected' }); port.disconnect(); } catch { /* gone */ }
    return;
  }
  p.ports[which.view] = port;
  port.onDisconnect.addListener(() => {
    if (p.ports[which.view] !== port) return;
    delete p.ports[which.view];
    // The page navigated our frame away (it is its parent): load it again. (A page that unloads
    // takes its content script with it, and this message goes nowhere.)
    toPage(tabId, { action: 'frame-gone', view: which.view });
  });
  port.onMessage.addListener((m) => {
    switch (m?.type) {
      case 'go': toPage(tabId, { action: 'go', index: Number(m.index) }); break;
      case 'step': toPage(tabId, { action: 'step', dir: m.dir < 0 ? -1 : 1 }); break;
      case 'close': toPage(tabId, { action: 'close' }); break;
      case 'panel': toPage(tabId, { action: 'panel', open: Boolean(m.open) }); break;
      case 'hover': toPage(tabId, { action: 'hover', over: Boolean(m.over) }); break;
      default: break;
    }
  });
  if (!p.result) toPage(tabId, { action: 'annotate' }); // e.g. the background slept: check again
  else if (which.view === 'badge') port.postMessage(badgeOf(p));
  else if (which.view === 'marks') port.postMessage(marksOf(p));
  else if (which.view === 'popover' && p.shown && p.active >= 0) port.postMessage(p.shown); // opened before it connected
});

api.tabs.onRemoved.addListener((tabId) => {
  pages.delete(tabId);
  api.storage.session?.remove(nonceKey(tabId)).catch(() => {});
});

/** The feeds' progress in a tab ("Gathering 3 articles…", or null): in its status, and told to the popup. */
function progress(tabId, text) {
  page(tabId).progress = text;
  api.runtime.sendMessage({ type: 'progress', tabId, text }).catch(() => {});
}

/** What the popup shows for a tab: the content script's status and the background's part. */
function tabStatus(tabId) {
  const p = pages.get(tabId);
  if (!p) return null;
  return { ...(p.status ?? {}), summary: p.result?.summary, sources: p.sources ?? 0, story: p.story,
    available: p.available, exclude: p.exclude ?? null, evidence: p.evidence ?? [], progress: p.progress ?? null,
    indexes: p.indexes ?? [] };
}

// ---- Messages: from content scripts (sender.tab: trusted for which tab and URL, nothing else)
// and from the extension's own pages (the popup, the options page) ----
api.runtime.onMessage.addListener((msg, sender, reply) => {
  const answer = (p) => { Promise.resolve(p).then(reply, (e) => reply({ error: String(e?.message ?? e) })); return true; };
  if (fromExtension(sender)) { // the popup, the options page (or a frame)
    if (msg?.type === 'tab-status' && Number.isInteger(msg.tabId)) return answer(tabStatus(msg.tabId));
    if (msg?.type === 'feeds') return answer(feedsMessage(msg));
    if (msg?.type === 'stories') return answer(stories());
    if (msg?.type === 'story-members') return answer(storyMembers(msg));
    if (msg?.type === 'index-add') return answer(addIndex(msg));
    return false;
  }
  const tabId = sender.tab?.id;
  if (tabId == null || sender.id !== api.runtime.id) return false;
  if ((sender.frameId ?? 0) !== 0) return false; // the content script runs in the top frame only
  switch (msg?.type) {
    case 'hello': return answer(siteEnabled(siteOf(sender.tab.url ?? sender.url)).then((annotate) => ({ annotate })));
    case 'check': return answer(checkPage(msg, sender));
    case 'show': return answer(show(msg, sender));
    case 'hide': {
      const p = pages.get(tabId);
      if (p) p.active = -1;
      post(tabId, 'popover', { type: 'close' });
      post(tabId, 'marks', { type: 'active', index: -1 });
      return answer({ ok: true });
    }
    case 'geometry': {
      const p = pages.get(tabId);
      if (!p?.result) return answer({ missing: true });
      p.geometry = boxesView(msg.boxes, p.result.claims.length);
      post(tabId, 'marks', marksOf(p));
      return answer({ ok: true });
    }
    case 'css': return answer(setCss(typeof msg.css === 'string' ? msg.css : '', sender));
    case 'summary': { // the content script's state; the counts are the background's own
      const st = msg.status ?? {};
      const p = page(tabId);
      p.status = { state: String(st.state ?? 'idle'), timings: st.timings, error: st.error };
      // One badge update after another, so that an earlier state never lands last.
      p.badge = (p.badge ?? Promise.resolve()).then(() => setBadge(tabId, { ...p.status, summary: p.result?.summary,
        story: p.story, available: p.available }))
        .catch(() => {});
      return answer(p.badge.then(() => true));
    }
    default: return false;
  }
});
