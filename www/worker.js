// corroborate's engine host. Runs as a module Web Worker (so annotating a long page never blocks
// the page), and is also imported on the main thread as the fallback when no Worker can be made:
// in both cases `handle(message)` does the work; only in a worker does it listen for messages.
//
// Messages: the requests of wire.js, each with an `id`.
// Replies:  {id, result} (an annotation in the wire form of wire.js) or {id, error: message}.

import { wasmBlocked } from './csp.js'; // embed: the CSP check
import { loadData, prefetchData } from './data.js';
import { compact, engineHost } from './wire.js';

let ready;
/**
 * Initialise the WebAssembly module once; resolves to the module's exports. Rejects with the
 * CSP message when WebAssembly is forbidden. embed: the module is imported here, not statically,
 * so that nothing compiles before the CSP check and a worker answers messages at once: the
 * `bundler` build (the npm package) instantiates itself when imported (in a bundle, a top-level
 * await) and has no init(); the `web` build (www/pkg) has a default export init(). Then the
 * module gets its data files (data.js, fetched while the module compiles), before any Engine is
 * made.
 */
export const boot = () => (ready ??= wasmBlocked() ? Promise.reject(new Error(wasmBlocked()))
  : start());

function start() {
  const read = prefetchData();
  return import('./pkg/corroborate.js').then(async (wasm) => {
    if (typeof wasm.default === 'function') await wasm.default();
    return loadData(wasm, read);
  });
}

/** Do one request (see wire.js); returns its result or throws an Error with a clear message. */
export const { handle } = engineHost(boot);

// In a worker: answer messages in order of arrival.
if (typeof WorkerGlobalScope !== 'undefined' && self instanceof WorkerGlobalScope) {
  self.onmessage = async ({ data }) => {
    // embed: this worker may have its own CSP; if it forbids WebAssembly, the page does the work.
    if (wasmBlocked()) return self.postMessage({ id: data.id, csp: true });
    try {
      const result = await handle(data);
      self.postMessage({ id: data.id, result: data.type === 'annotate' ? compact(result) : result });
    } catch (e) {
      self.postMessage({ id: data.id, error: String(e?.message ?? e) });
    }
  };
}
