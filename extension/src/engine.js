// The WebAssembly engine, in the extension's background (a service worker in Chromium, an event
// page in Firefox), for background.js: the requests of the shell's engine host (www/wire.js),
// one engine per tab:
//   {type: 'setCorpus', key, corpus} → the source ids
//   {type: 'annotate', key, text, exclude} → {summary, claims}, with their evidence
//   {type: 'drop', key} → true
// The module is imported statically: a service worker may not use import().

import init, * as wasm from './shell/pkg/corroborate.js';
import { engineHost } from './shell/wire.js';

let ready;
const host = engineHost(() => (ready ??= init().then(() => wasm)));

/** Whether an engine is loaded under `key`. */
export const has = host.has;

/** Do one request; returns its result (annotations as the engine gives them) or throws an Error. */
export const handle = host.handle;
