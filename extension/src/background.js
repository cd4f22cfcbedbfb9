// The background: a service worker in Chromium, an event page in Firefox (same file). It owns the
// context menu, the toolbar badge, the content script registration for enabled sites, and
// answers the content script's questions (whether to annotate, and against which sources).

import { api, corpusFor, enabledSites, siteEnabled, siteOf, sitePattern, touchesSites } from './lib/store.js';
import { addPage } from './lib/tabs.js';
import { handle as engine, has as engineHas } from './engine.js';

const MENU = 'corroborate-add-source';
const SCRIPT = 'corroborate-sites';

// ---- Install: the context menu; start: the registered content script ----
api.runtime.onInstalled.addListener(() => {
  api.contextMenus.create({ id: MENU, title: 'Add this page as a source', contexts: ['page'],
    documentUrlPatterns: ['http://*/*', 'https://*/*'] });
  syncSites();
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
  if (status?.state === 'done') {
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

// ---- The engine: the content scripts' shell sends its requests here (see shell/worker.js) ----
// Keys are made per tab and frame (each page's shell numbers its corpora from 1).
const engineKeys = new Map(); // tab id → Set of keys
async function engineRequest(msg, sender) {
  const tabId = sender.tab?.id ?? -1;
  const key = `${tabId}/${sender.frameId ?? 0}/${msg.key}`;
  const keys = engineKeys.get(tabId) ?? new Set();
  engineKeys.set(tabId, keys);
  // After a restart (a Chromium service worker sleeps after 30 s idle) the engines are gone.
  if (msg.type !== 'setCorpus' && !engineHas(key)) return { missing: true, error: 'no corpus loaded' };
  try {
    const result = await engine({ ...msg, key });
    if (msg.type === 'setCorpus') keys.add(key);
    if (msg.type === 'drop') keys.delete(key);
    return { result };
  } catch (e) {
    return { error: String(e?.message ?? e) };
  }
}
api.tabs.onRemoved.addListener((tabId) => {
  for (const key of engineKeys.get(tabId) ?? []) engine({ type: 'drop', key }).catch(() => {});
  engineKeys.delete(tabId);
});

// ---- Messages from the content scripts ----
api.runtime.onMessage.addListener((msg, sender, reply) => {
  const tabId = sender.tab?.id;
  const answer = (p) => { Promise.resolve(p).then(reply, (e) => reply({ error: String(e?.message ?? e) })); return true; };
  switch (msg?.type) {
    case 'hello': return answer(siteEnabled(siteOf(msg.url)).then((annotate) => ({ annotate })));
    case 'corpus': return answer(corpusFor(msg.url));
    case 'engine': return answer(engineRequest(msg.msg ?? {}, sender));
    case 'summary': return tabId == null ? false : answer(setBadge(tabId, msg.status).then(() => true));
    default: return false;
  }
});
