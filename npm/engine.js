// `corroborate/engine`: the engine alone, ready to use. The bundler build of the module
// instantiates itself when imported; its data files (pkg/wordnet.bin, pkg/stance.bin) are then
// given to it once, by the shell's data.js, before anything here can make an Engine: fetched in
// a bundle (Vite and webpack emit them as assets), read from disk in Node.

import * as wasm from './pkg/corroborate.js';
import { fetchBytes, loadData } from './data.js';

async function read(url) {
  if (url.protocol !== 'file:') return fetchBytes(url);
  const fs = 'node:fs/promises'; // a name, not a literal: bundlers for the browser leave it alone
  const { readFile } = await import(/* @vite-ignore */ /* webpackIgnore: true */ fs);
  return new Uint8Array(await readFile(url));
}

await loadData(wasm, read);

export * from './pkg/corroborate.js';
