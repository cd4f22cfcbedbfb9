// The shell's engine host, as the extension ships it: this file replaces www/worker.js in the
// extension's shell/ folder. The shell imports it when asked to run without a Web Worker
// (worker: false); `handle(message)` forwards each request (setCorpus / annotate / drop, the
// messages of www/worker.js) to the extension's background, where the WebAssembly engine runs
// (src/engine.js). Why not in the content script:
// Chromium subjects WebAssembly compilation in a content script to the page's CSP, so a page
// without 'wasm-unsafe-eval' (many news sites) would break it; and the engine's work then never
// blocks the page's main thread. Nothing leaves the browser.

const api = globalThis.browser ?? globalThis.chrome;

// The corpus of each key, to load again if the background was stopped (a Chromium service worker
// sleeps after 30 s idle and forgets its engines).
const corpora = new Map();

/** Nothing to initialise in the page: the engine is in the background. */
export const boot = async () => ({});

async function call(msg) {
  const r = await api.runtime.sendMessage({ type: 'engine', msg });
  if (r == null) throw new Error('the extension background did not answer');
  return r;
}

/** Do one engine request in the background; returns its result or throws its Error. */
export async function handle(msg) {
  if (msg.type === 'setCorpus') corpora.set(msg.key, msg);
  let r = await call(msg);
  if (r.missing && corpora.has(msg.key)) { // the background restarted: load the corpus again
    const again = await call(corpora.get(msg.key));
    if ('error' in again) throw new Error(again.error);
    r = await call(msg);
  }
  if (msg.type === 'drop') corpora.delete(msg.key);
  if ('error' in r) throw new Error(r.error);
  return r.result;
}
