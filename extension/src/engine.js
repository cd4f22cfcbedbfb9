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
const boot = () => (ready ??= init().then(() => loadData(wasm)));
const engines = engineHost(boot);

/** The background's engine host: {call(request)} (annotations as the engine gives them). */
export const host = mainThreadHost(engines.handle);

// The feeds' selection (feeds.js): an Engine over candidate sources (feed items: title and
// description) and the story a page's text belongs to among them (the core's storyOf). The last
// engine is kept for the next page while the candidates stay the same (`key`).
let stories = null; // {key, engine}
/** The story of `text` among `sources`: {id, label, sources: [ids]} or null. */
export async function storyOf(key, sources, text) {
  const { Engine } = await boot();
  if (stories?.key !== key) {
    stories?.engine.free();
    stories = null;
    stories = { key, engine: new Engine({ sources }) };
  }
  return stories.engine.storyOf(text) ?? null;
}
