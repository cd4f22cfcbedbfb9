// The WebAssembly engine, in the extension's background (a service worker in Chromium, an event
// page in Firefox), for the content scripts' shells: it answers the requests that the extension's
// shell/worker.js forwards — the same messages as the shell's own engine host (www/worker.js):
//   {type: 'setCorpus', key, corpus} → the source ids
//   {type: 'annotate', key, text, exclude} → {summary, claims}, each claim's evidence as JSON text
//   {type: 'drop', key} → true
// The module is imported statically: a service worker may not use import().

import init, * as wasm from './shell/pkg/corroborate.js';
import { compact, engineHost } from './shell/wire.js';

let ready;
const host = engineHost(() => (ready ??= init().then(() => wasm)));

/** Whether an engine is loaded under `key`. */
export const has = host.has;

/** Do one request; returns its result (annotations in the wire form) or throws an Error. */
export async function handle(request) {
  const result = await host.handle(request);
  return request.type === 'annotate' ? compact(result) : result;
}
