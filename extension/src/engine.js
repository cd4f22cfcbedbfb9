// The extension's engine host, in its background (a service worker in Chromium, an event page in
// Firefox): the shell's main-thread host (www/client.js) over the shell's request handler
// (www/wire.js), with the WebAssembly module imported statically (a service worker may not use
// import(), which the shell's own hosts use so that nothing compiles before the page's CSP check;
// the extension's pages have their own CSP, which allows it) and its data files loaded from the
// extension's package by the shell's data.js. background.js gives it to the shell's engine client.

import init, * as wasm from './shell/pkg/corroborate.js';
import { mainThreadHost } from './shell/client.js';
import { loadData } from './shell/data.js';
import { engineHost } from './shell/wire.js';

let ready;
const engines = engineHost(() => (ready ??= init().then(() => loadData(wasm))));

/** The background's engine host: {call(request)} (annotations as the engine gives them). */
export const host = mainThreadHost(engines.handle);
