// The engine's data files: the WordNet table and the stance model live beside the .wasm
// (pkg/wordnet.bin, pkg/stance.bin) rather than inside it, and the module's loadData() must have
// them once before the first `new Engine(...)`. Every host loads them here: the worker, the
// main-thread fallback, the extension's background and the npm package's engine entry.
//
// The URLs are written out next to import.meta.url so that bundlers (Vite, webpack) see the two
// files and emit them as assets; in Node (file: URLs, which fetch does not read) they are read
// with fs.

const loading = new WeakMap(); // module exports → the promise of its data being loaded

/** The bytes at `url`: fetched, or read from disk for a file: URL (Node). */
export async function readBytes(url) {
  if (url.protocol === 'file:') {
    const fs = 'node:fs/promises'; // a name, not a literal: bundlers for the browser leave it alone
    const { readFile } = await import(/* @vite-ignore */ /* webpackIgnore: true */ fs);
    return new Uint8Array(await readFile(url));
  }
  const res = await fetch(url);
  if (!res.ok) throw new Error(`corroborate: could not load the engine's data ${url}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

/**
 * Give the initialised WebAssembly module `wasm` its data, once; resolves to `wasm`. A module
 * built without loadData() (the data inside the .wasm) is returned as it is.
 */
export function loadData(wasm, read = readBytes) {
  if (typeof wasm.loadData !== 'function') return Promise.resolve(wasm);
  if (!loading.has(wasm)) {
    const lexicon = read(new URL('./pkg/wordnet.bin', import.meta.url));
    const model = read(new URL('./pkg/stance.bin', import.meta.url));
    const done = Promise.all([lexicon, model]).then(([l, m]) => { wasm.loadData(l, m); return wasm; });
    loading.set(wasm, done);
    done.catch(() => loading.delete(wasm)); // a failed fetch may be tried again
  }
  return loading.get(wasm);
}
