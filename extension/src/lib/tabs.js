// Talking to a tab's content script: inject it (activeTab or a granted site), read the page,
// annotate it. Shared by the popup and the background (context menu).

import { api, corpusFor, normaliseUrl, putSources, sourceId } from './store.js';

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

/** The content script's status in a tab, or null when it is not there. */
export async function status(tabId) {
  try {
    return await api.tabs.sendMessage(tabId, { type: 'status' });
  } catch {
    return null; // no content script in that tab
  }
}

/**
 * Save the page in a tab as a source, with an optional story label. A page saved before keeps its
 * id (and its story, unless a new one is given). Resolves to the saved source.
 */
export async function addPage(tabId, story) {
  await inject(tabId);
  const page = await send(tabId, { type: 'extract' });
  if (!page?.text) throw new Error('this page has no article text to save');
  const url = normaliseUrl(page.url);
  if (!url) throw new Error('only http and https pages can be saved');
  const { self } = await corpusFor(url);
  const source = { ...page, url, id: self?.id ?? sourceId(url), story: story?.trim() || self?.story };
  await putSources([source]);
  return source;
}

/** Annotate the page in a tab now; resolves to the content script's status. */
export async function check(tabId) {
  await inject(tabId);
  return send(tabId, { type: 'annotate' });
}
