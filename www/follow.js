// Following a dynamic page: the text under a root changes (a live blog, a comment loaded late),
// the page replaces the root element itself (an SPA's navigation), or the history moves. Each
// such change is told, debounced, to `changed()`, which decides between repainting and
// annotating anew; the caller's own changes to the DOM are taken out with takeRecords().
// Used by attach() and by the browser extension's content script.

export const DEBOUNCE_MS = 400;
const TEXT = { characterData: true, childList: true, subtree: true };

/**
 * Watch `root`. Options:
 * - changed(): called once the changes have settled for `wait` ms;
 * - relevant(records): whether a batch of mutations counts (default: all do);
 * - find(): when given, the root is found again with it once the page has taken the old one out
 *   of the document (it throws or returns an element); replaced(old, fresh) says whether to
 *   follow (returning false keeps the old), and the new root is then watched and changed() told;
 * - history: also tell changed() of popstate and Navigation API navigations.
 * Returns {root, takeRecords(), schedule(), stop()}.
 */
export function follow(root, { changed, relevant = () => true, find, replaced = () => true,
  history = false, wait = DEBOUNCE_MS } = {}) {
  let timer = 0;
  let stopped = false;
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => { if (!stopped) changed(); }, wait);
  };
  const text = new MutationObserver((records) => { if (relevant(records)) schedule(); });
  text.observe(root, TEXT);

  // An SPA may replace the article element itself (replaceWith, innerHTML on a container), which
  // the observer above cannot see: a cheap document-wide check finds the root again.
  const again = find && new MutationObserver(() => {
    if (stopped || root.isConnected) return;
    let fresh;
    try { fresh = find(); } catch { return; } // not back (yet)
    if (!fresh || fresh === root || replaced(root, fresh) === false) return;
    text.disconnect();
    root = fresh;
    text.observe(root, TEXT);
    schedule();
  });
  again?.observe(document, { childList: true, subtree: true });

  if (history) {
    addEventListener('popstate', schedule);
    globalThis.navigation?.addEventListener?.('navigatesuccess', schedule);
  }
  return {
    get root() { return root; },
    takeRecords: () => text.takeRecords(),
    schedule,
    stop() {
      stopped = true;
      clearTimeout(timer);
      text.disconnect();
      again?.disconnect();
      if (history) {
        removeEventListener('popstate', schedule);
        globalThis.navigation?.removeEventListener?.('navigatesuccess', schedule);
      }
    },
  };
}
