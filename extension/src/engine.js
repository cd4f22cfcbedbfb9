// The WebAssembly engine, in the extension's background (a service worker in Chromium, an event
// page in Firefox), for the content scripts' shells: it answers the requests that the extension's
// shell/worker.js forwards — the same messages as the shell's own engine host (www/worker.js):
//   {type: 'setCorpus', key, corpus} → the source ids
//   {type: 'annotate', key, text, exclude} → {summary, claims}, each claim's evidence as JSON text
//   {type: 'drop', key} → true
// The module is imported statically: a service worker may not use import().

import init, { Engine } from './shell/pkg/corroborate.js';
import { compact } from './shell/wire.js';

let ready;
const boot = () => (ready ??= init());
const engines = new Map(); // key → Engine

/** Whether an engine is loaded under `key`. */
export const has = (key) => engines.has(key);

/** Do one request; returns its result or throws an Error with a clear message. */
export async function handle({ type, key, corpus, text, exclude }) {
  await boot();
  if (type === 'setCorpus') {
    const engine = new Engine(corpus);
    engines.get(key)?.free();
    engines.set(key, engine);
    return engine.sourceIds();
  }
  if (type === 'annotate') {
    const engine = engines.get(key);
    if (!engine) throw new Error(`no corpus loaded under ${key}`);
    return compact(engine.annotate(text, exclude ?? undefined));
  }
  if (type === 'drop') {
    engines.get(key)?.free();
    return engines.delete(key);
  }
  throw new Error(`unknown request ${type}`);
}
