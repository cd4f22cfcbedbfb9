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
//           {type: 'setCorpus', key, index}         → {sources: how many the index holds}
//           {type: 'annotate', key, text, exclude, allSources?}  → {claims, summary, story}
//           {type: 'drop', key}                     → true
//
// An index (`corroborate index`: a manifest URL) is read a page at a time: its manifest and the
// shards every page needs (its statistics) when it is set, then for each page only the shards
// the page needs, fetched in parallel (the browser's HTTP cache keeps them: a shard's name is
// its checksum, so it never changes).

/**
 * An engine host: `handle(request)` answers one request (or throws an Error with a clear
 * message) with the engines it holds, one per corpus key; `boot()` resolves to the WebAssembly
 * module's exports once it is initialised. Annotations are returned as they come from the
 * engine; `compact` them before they cross a thread.
 */
export function engineHost(boot) {
  const engines = new Map(); // corpus key → Engine, or {index: IndexEngine, base: manifest URL}
  async function handle({ type, key, url, corpus, index, text, exclude, allSources }) {
    // The manifest or the corpus is fetched while the module starts, not after; so are the
    // shards that every page of an index needs, which its manifest names.
    let loading = type === 'setCorpus' && (index || url)
      ? fetchText(index || url, index ? 'index' : 'corpus') : null;
    if (index) {
      loading = loading.then((text) => [text, Promise.all(everyPageNeeds(text)
        .map((file) => fetchShard(index, file)))]);
    }
    loading?.catch(() => {}); // awaited below, once the module is there
    const { Engine, IndexEngine } = await boot();
    if (type === 'setCorpus' && index) {
      const [manifest, shards] = await loading;
      const engine = new IndexEngine(manifest);
      try {
        for (const [file, bytes] of await shards) engine.add(file, bytes);
      } catch (e) {
        engine.free();
        throw e;
      }
      free(engines.get(key));
      engines.set(key, { index: engine, base: index });
      return { sources: engine.sources() };
    }
    if (type === 'setCorpus') {
      if (url) corpus = await loading; // the engine parses JSON text faster than JS objects
      const engine = new Engine(corpus);
      free(engines.get(key));
      engines.set(key, engine);
      return engine.sourceIds();
    }
    if (type === 'annotate') {
      const engine = engines.get(key);
      if (!engine) throw new Error(`no corpus loaded under ${key}`);
      const options = { exclude: exclude ?? undefined, allSources: allSources === true };
      if (engine.index) await fetchShards(engine, text, options);
      return (engine.index ?? engine).annotate(text, options);
    }
    if (type === 'drop') {
      free(engines.get(key));
      return engines.delete(key);
    }
    throw new Error(`unknown request ${type}`);
  }
  return { handle, has: (key) => engines.has(key) };
}

const free = (engine) => (engine?.index ?? engine)?.free();

/** The text at `url`, or an Error naming what it is (`what`: 'corpus' or 'index'). */
async function fetchText(url, what) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`could not load the ${what} ${url}: HTTP ${res.status}`);
  return res.text();
}

/**
 * The shard files of an index that every page needs, from its manifest's text: the statistics
 * (`parts.stats`, see docs/index.md). None when the text is not such a manifest: the engine
 * says what is wrong with it.
 */
export function everyPageNeeds(manifest) {
  try {
    const stats = JSON.parse(manifest)?.parts?.stats;
    return Array.isArray(stats) ? stats.filter((p) => Array.isArray(p) && /^[0-9a-f]{16}$/.test(p[0]))
      .map(([name]) => `s/${name}.bin`) : [];
  } catch {
    return [];
  }
}

/** The bytes of one shard of the index whose manifest is at `base`: [file, bytes]. */
async function fetchShard(base, file) {
  const url = new URL(file, base).href;
  const res = await fetch(url);
  if (!res.ok) throw new Error(`could not load the index shard ${url}: HTTP ${res.status}`);
  return [file, new Uint8Array(await res.arrayBuffer())];
}

/** Fetch and add the shards an index needs for a page, round by round (at most three), each
 * added as it arrives. */
async function fetchShards({ index, base }, text, options) {
  for (let round = 0; ; round++) {
    const files = index.wants(text, options);
    if (!files.length) return;
    if (round > 3) throw new Error(`the index ${base} keeps asking for shards`);
    await Promise.all(files.map(async (file) => index.add(...await fetchShard(base, file))));
  }
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
