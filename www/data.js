// The engine's data files: the WordNet table and the stance model live beside the .wasm
// (pkg/wordnet.bin, pkg/stance.bin) rather than inside it, and the module's loadData() must have
// them once before the first `new Engine(...)`. Every host loads them here: the worker, the
// main-thread fallback, the extension's background and the npm package's engine entry.
//
// The URLs are written out next to import.meta.url so that bundlers (Vite, webpack) see the two
// files and emit them as assets. Where fetch cannot read them (Node: file: URLs), the host
// passes its own `read` (npm/engine.js reads them with fs).

const loading = new WeakMap(); // module exports → the promise of its data being loaded

/** The bytes at `url`, fetched. */
export async function fetchBytes(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`corroborate: could not load the engine's data ${url}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

/** The data files' URLs (written out here, for bundlers). */
const urls = () => [new URL('./pkg/wordnet.bin', import.meta.url), new URL('./pkg/stance.bin', import.meta.url)];

/**
 * Start reading the data files now, while the module is still being fetched and compiled;
 * returns a `read` for loadData() that hands over those reads once each (a later call, after a
 * failure, reads again).
 */
export function prefetchData(read = fetchBytes) {
  const started = new Map(urls().map((url) => {
    const bytes = read(url);
    bytes.catch(() => {}); // loadData() reports it
    return [url.href, bytes];
  }));
  return (url) => {
    const bytes = started.get(url.href);
    started.delete(url.href);
    return bytes ?? read(url);
  };
}

/** Give the initialised WebAssembly module `wasm` its data, once; resolves to `wasm`. */
export function loadData(wasm, read = fetchBytes) {
  if (!loading.has(wasm)) {
    const [lexicon, model] = urls().map((url) => read(url));
    const done = Promise.all([lexicon, model]).then(([l, m]) => { wasm.loadData(l, m); return wasm; });
    loading.set(wasm, done);
    done.catch(() => loading.delete(wasm)); // a failed fetch may be tried again
  }
  return loading.get(wasm);
}
