// The extension's engine, in its background (a service worker in Chromium, an event page in
// Firefox): the WebAssembly module imported statically (a service worker may not use import(),
// which the shell's own hosts use so that nothing compiles before the page's CSP check; the
// extension's pages have their own CSP, which allows it) and its data files loaded from the
// extension's package by the shell's data.js, once.
//
// `open(corpus)` gives an Engine over a corpus (the background holds one over every saved
// source: the core groups them into stories and compares a page with its own story's
// sources; and short-lived ones over candidate pages, to ask which of them are on a page's
// story). `host` is the shell's main-thread host over the shell's request handler
// (www/client.js, www/wire.js), for code that speaks the shell's engine protocol.

import init, * as wasm from './shell/pkg/corroborate.js';
import { mainThreadHost } from './shell/client.js';
import { loadData, prefetchData } from './shell/data.js';
import { engineHost } from './shell/wire.js';

let ready;
/** The initialised module with its data (read while it compiles): resolves to its exports
 * ({Engine, ...}). */
export const boot = () => (ready ??= ((read) => init().then(() => loadData(wasm, read)))(prefetchData()));

/** An Engine over `corpus` ({sources: [...]}), once the module is ready. */
export async function open(corpus) {
  const { Engine } = await boot();
  return new Engine(JSON.stringify(corpus)); // the engine reads JSON text faster than JS objects
}

const engines = engineHost(boot);
/** The shell's engine host on this thread: {call(request)} (annotations as the engine gives them). */
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
