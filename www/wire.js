// The engine host's protocol: the requests it answers, one engine per corpus, and the form in
// which an annotation crosses from the engine's thread to the page's.
//
// A long page's annotation is megabytes of evidence (sentences, reasons, diff spans), and
// neither structured-cloning nor parsing all of it fits in one short task on the page's thread.
// So each claim crosses with its relations per source (all that painting and the panel need)
// and its evidence as JSON text, which the page parses only when that claim's popover opens.
// Used by worker.js and by the browser extension's background engine.
//
// Requests: {type: 'setCorpus', key, url | corpus} → the source ids
//           {type: 'annotate', key, text, exclude, allSources?}  → {claims, summary, story}
//           {type: 'drop', key}                     → true

/**
 * An engine host: `handle(request)` answers one request (or throws an Error with a clear
 * message) with the engines it holds, one per corpus key; `boot()` resolves to the WebAssembly
 * module's exports once it is initialised. Annotations are returned as they come from the
 * engine; `compact` them before they cross a thread.
 */
export function engineHost(boot) {
  const engines = new Map(); // corpus key → Engine
  async function handle({ type, key, url, corpus, text, exclude, allSources }) {
    const { Engine } = await boot();
    if (type === 'setCorpus') {
      if (url) {
        const res = await fetch(url);
        if (!res.ok) throw new Error(`could not load the corpus ${url}: HTTP ${res.status}`);
        corpus = await res.text(); // the engine parses JSON text faster than JS objects
      }
      const engine = new Engine(corpus);
      engines.get(key)?.free();
      engines.set(key, engine);
      return engine.sourceIds();
    }
    if (type === 'annotate') {
      const engine = engines.get(key);
      if (!engine) throw new Error(`no corpus loaded under ${key}`);
      return engine.annotate(text, { exclude: exclude ?? undefined, allSources: allSources === true });
    }
    if (type === 'drop') {
      engines.get(key)?.free();
      return engines.delete(key);
    }
    throw new Error(`unknown request ${type}`);
  }
  return { handle, has: (key) => engines.has(key) };
}

/** The wire form of `engine.annotate(...)`'s result. */
export function compact({ claims, summary, story }) {
  return {
    summary,
    story, // {id, label} or null (undefined from an engine that does not group stories)
    claims: claims.map(({ evidence, ...claim }) => ({
      ...claim,
      sources: evidence.map(relationOf),
      evidence: JSON.stringify(evidence),
    })),
  };
}

/** A claim of a result (wire form or plain) with its index, its `sources` and its `evidence`
 * (parsed on first read when it came as JSON text). */
export function expand(claim, index) {
  if (typeof claim.evidence !== 'string') {
    return { ...claim, sources: claim.evidence.map(relationOf), index };
  }
  const json = claim.evidence;
  let evidence;
  return Object.defineProperty({ ...claim, index }, 'evidence', {
    enumerable: true,
    get: () => (evidence ??= JSON.parse(json)),
  });
}

const relationOf = (e) => [e.source, e.outlet ?? e.title ?? e.source, e.relation];
