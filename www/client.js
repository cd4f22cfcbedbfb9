// The engine client: the page's one way to the engine, whichever host runs it. A host is any
// object with `call(request) → Promise<result>` answering the requests of wire.js; the shell has
// two: the worker host (a module Web Worker running worker.js, so that annotating a long page
// never blocks the page) and the main-thread host (the same code on this thread, the fallback
// when no Worker can be made or the worker's CSP forbids WebAssembly). An embedder brings its
// own host through attach({host}): the browser extension's background is one.

let seq = 0;

/**
 * The main-thread host: answers each request on this thread with `handle(request)`. By default
 * worker.js's handler, imported on first use (so nothing compiles before the CSP check);
 * a host whose module can only be imported statically (a service worker) passes its own.
 */
export function mainThreadHost(handle = (msg) => import('./worker.js').then((m) => m.handle(msg))) {
  return { call: async (msg) => handle(msg) };
}

/**
 * The worker host: one module Worker running worker.js, made on the first call. When it cannot be
 * made (e.g. the script is on another origin), fails to load, or says its own CSP forbids
 * WebAssembly, every pending and later request goes to `fallback` instead.
 */
export function workerHost(fallback = mainThreadHost(),
  // embed: import.meta.url written out, so that bundlers (Vite, webpack) see and bundle the worker
  spawn = () => new Worker(new URL('./worker.js', import.meta.url), { type: 'module' })) {
  let post = null; // (msg) → Promise once the worker is made; null when it failed
  let failed = false;
  function start() {
    const w = spawn();
    const pending = new Map(); // id → [request, resolve, reject]
    const fail = () => { // finish everything on the fallback
      failed = true;
      w.terminate();
      for (const [m, ok, ko] of pending.values()) fallback.call(m).then(ok, ko);
      pending.clear();
    };
    w.onerror = (e) => { e.preventDefault?.(); fail(); };
    w.onmessage = ({ data }) => {
      if (data.csp) return fail(); // embed: the worker's own CSP forbids WebAssembly
      const p = pending.get(data.id);
      pending.delete(data.id);
      if (!p) return;
      if ('error' in data) p[2](new Error(`corroborate: ${data.error}`));
      else p[1](data.result);
    };
    return (m) => new Promise((ok, ko) => {
      const id = ++seq;
      pending.set(id, [m, ok, ko]);
      w.postMessage({ ...m, id });
    });
  }
  return {
    call(msg) {
      if (!failed && !post) {
        try { post = start(); } catch { failed = true; }
      }
      return failed ? fallback.call(msg) : post(msg);
    },
  };
}

// Corpora loaded into a host, shared by the handles that use it: key → {users, ready, timer}. An
// unused one is dropped after a while, so that re-attaching (a new article) does not re-index.
export const KEEP_MS = 30000;
const objectKeys = new WeakMap(); // corpus object → its key

/** The key and the setCorpus request of a corpus (a URL, relative to `base`, {sources}, or
 * {index: the URL of an index's manifest}). */
export function corpusRequest(corpus, base) {
  if (typeof corpus?.index === 'string') {
    const index = new URL(corpus.index, base).href;
    return { type: 'setCorpus', key: `index:${index}`, index };
  }
  if (typeof corpus === 'string') {
    const key = new URL(corpus, base).href;
    return { type: 'setCorpus', key, url: key };
  }
  if (!Array.isArray(corpus?.sources)) throw new Error('corroborate: a corpus is {sources: [...]} (or a URL; an index is {index: URL})');
  if (!objectKeys.has(corpus)) objectKeys.set(corpus, `object:${++seq}`);
  return { type: 'setCorpus', key: objectKeys.get(corpus), corpus };
}

/**
 * The client of one host: `use(corpus, base)` loads the corpus into the host once for all its
 * users and gives {ready (→ the source ids; for an index, {sources: its count}),
 * annotate(text, exclude, {allSources}), release()}.
 */
export function engineClient(host, keepMs = KEEP_MS) {
  const corpora = new Map();
  // Keys of this client's own: a worker host's fallback may be another client's host too.
  const tag = `|${++seq}`;
  return {
    host,
    use(corpus, base) {
      const msg = corpusRequest(corpus, base);
      const key = msg.key += tag;
      let entry = corpora.get(key);
      if (!entry) {
        entry = { users: 0, ready: host.call(msg) };
        corpora.set(key, entry);
        entry.ready.catch(() => corpora.delete(key));
      }
      entry.users++;
      clearTimeout(entry.timer);
      return {
        ready: entry.ready,
        // allSources: every source, not only those of the page's story (sent only when set)
        annotate: (text, exclude, { allSources = false } = {}) => host.call({ type: 'annotate', key,
          text, exclude, ...(allSources ? { allSources: true } : {}) }),
        release() {
          if (--entry.users > 0 || corpora.get(key) !== entry) return;
          entry.timer = setTimeout(() => {
            corpora.delete(key);
            entry.ready.then(() => host.call({ type: 'drop', key })).catch(() => {});
          }, keepMs);
        },
      };
    },
  };
}

const clients = new WeakMap(); // host → its client, so that handles on one host share corpora
/** The client of `host`, made once per host. */
export function clientOf(host) {
  if (typeof host?.call !== 'function') throw new Error('corroborate: an engine host has call(request)');
  if (!clients.has(host)) clients.set(host, engineClient(host));
  return clients.get(host);
}

let defaults;
/** The shell's own hosts, made once per page: {worker, main} (the worker's fallback is `main`). */
export function defaultHosts() {
  if (!defaults) {
    const main = mainThreadHost();
    defaults = { main, worker: workerHost(main) };
  }
  return defaults;
}
