// Talking to a tab's content script: inject it (activeTab or a granted site), read the page,
// annotate it. Shared by the popup and the background (context menu).

import { api, normaliseUrl, putSources, sourceAt, sourceId } from './store.js';

/** Inject the content script into a tab (a no-op when it is already there). */
export async function inject(tabId) {
  await api.scripting.executeScript({ target: { tabId }, files: ['content.js'] });
}

/** Send a message to a tab's content script; resolves to its answer (an {error} becomes an Error). */
export async function send(tabId, message) {
  const r = await api.tabs.sendMessage(tabId, message);
  if (r?.error) throw new Error(r.error);
  return r;
}

/** The background's part of a tab's status: {summary, sources, story, available, exclude, evidence}, or null. */
export const backgroundStatus = (tabId) => api.runtime.sendMessage({ type: 'tab-status', tabId })
  .catch(() => null);

/** A content script status with the background's part added (what the popup shows). */
export async function withBackground(tabId, st) {
  if (!st) return st;
  const bg = await backgroundStatus(tabId);
  return bg ? { ...st, summary: bg.summary, sources: bg.sources, story: bg.story, available: bg.available,
    exclude: bg.exclude, evidence: bg.evidence, progress: bg.progress, indexes: bg.indexes } : st;
}

/** The content script's status in a tab (with the background's part), or null when it is not there. */
export async function status(tabId) {
  let st;
  try {
    st = await api.tabs.sendMessage(tabId, { type: 'status' });
  } catch {
    return null; // no content script in that tab
  }
  return withBackground(tabId, st);
}

/**
 * Save the page in a tab as a source, with an optional story label. A page saved before keeps its
 * id (and its story, unless a new one is given). The URL is the tab's, from the browser: the
 * page gives its text and metadata, never the URL it is saved under. Resolves to the saved source.
 */
export async function addPage(tabId, story) {
  const source = await readPage(tabId);
  const self = await sourceAt(source.url);
  source.id = self?.id ?? source.id;
  source.story = story?.trim() || self?.story;
  await putSources([source]);
  return source;
}

/**
 * Read the page in a tab as a source, without saving it: {id, url, title, outlet, published,
 * text} (what "Add this page" saves; "Add all open tabs" reads each tab this way). The URL is the
 * tab's, from the browser: the page gives its text and metadata, never the URL it is saved under.
 */
export async function readPage(tabId) {
  await inject(tabId);
  const page = await send(tabId, { type: 'extract' });
  if (!page?.text) throw new Error('this page has no article text to save');
  const url = normaliseUrl((await api.tabs.get(tabId)).url ?? '');
  if (!url) throw new Error('only http and https pages can be saved');
  // A page may move itself onto another address of its site (history.pushState) to overwrite
  // the source saved there: the tab's URL must be the one the document was loaded from.
  if (page.loaded && normaliseUrl(page.loaded) !== url) {
    throw new Error('this page changed its address after it loaded (history.pushState): reload it, then add it');
  }
  return { id: sourceId(url), url, title: page.title, outlet: page.outlet, published: page.published, text: page.text };
}

/** Annotate the page in a tab now; resolves to the content script's status (with the background's part). */
export async function check(tabId) {
  await inject(tabId);
  return withBackground(tabId, await send(tabId, { type: 'annotate' }));
}
