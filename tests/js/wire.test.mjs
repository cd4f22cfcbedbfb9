// The engine host's protocol (wire.js) in Node, with a stand-in engine: one engine per corpus
// key, the annotate options passed on (exclude, allSources), and the wire form of a result: the
// summary and the story as they are, each claim's relations per source, its evidence as JSON
// text parsed when first read.
import test from 'node:test';
import assert from 'node:assert/strict';
import { compact, engineHost, everyPageNeeds, expand } from '../../www/wire.js';

class Engine {
  constructor(corpus) { this.corpus = corpus; this.calls = []; Engine.made.push(this); }
  sourceIds() { return this.corpus.sources.map((s) => s.id); }
  annotate(text, options) { this.calls.push([text, options]); return { text, options }; }
  free() { this.freed = true; }
}
Engine.made = [];
/** A stand-in index: wants `rounds` of shards in turn, then annotates. */
class IndexEngine {
  constructor(manifest) {
    this.manifest = JSON.parse(manifest);
    this.added = [];
    IndexEngine.made.push(this);
  }
  sources() { return this.manifest.sources; }
  wants() {
    const rounds = this.manifest.rounds;
    const round = rounds.find((files) => files.some((f) => !this.added.includes(f)));
    return (round ?? []).filter((f) => !this.added.includes(f));
  }
  add(file, bytes) { this.added.push(file); this.bytes = (this.bytes ?? 0) + bytes.length; }
  annotate(text, options) {
    if (this.wants().length) throw new Error('shards missing');
    return { text, options, added: [...this.added] };
  }
  free() { this.freed = true; }
}
IndexEngine.made = [];
const boot = async () => ({ Engine, IndexEngine });

test('annotate passes exclude and allSources to the engine of its corpus', async () => {
  const { handle, has } = engineHost(boot);
  const ids = await handle({ type: 'setCorpus', key: 'k', corpus: { sources: [{ id: 'a' }, { id: 'b' }] } });
  assert.deepEqual(ids, ['a', 'b']);
  assert.ok(has('k'));
  await handle({ type: 'annotate', key: 'k', text: 'page', exclude: 'a' });
  await handle({ type: 'annotate', key: 'k', text: 'page', allSources: true });
  assert.deepEqual(Engine.made[0].calls, [
    ['page', { exclude: 'a', allSources: false }],
    ['page', { exclude: undefined, allSources: true }],
  ]);
  await assert.rejects(handle({ type: 'annotate', key: 'other', text: 'x' }), /no corpus loaded under other/);
  assert.equal(await handle({ type: 'drop', key: 'k' }), true);
  assert.ok(Engine.made[0].freed && !has('k'));
  await assert.rejects(handle({ type: 'nonsense' }), /unknown request nonsense/);
});

const evidence = [{ source: 'a', outlet: 'A News', relation: 'confirms', text: 's', reasons: [], diff: [] },
  { source: 'b', title: 'B story', relation: 'contradicts', text: 't', reasons: [], diff: [] }];
const result = (story) => ({ story, summary: { claims: 1, confirmed: 1, contradicted: 0, disputed: 0,
  related: 0, unique: 0, sources: 2, available: 5 },
claims: [{ text: 'x', start_utf16: 0, end_utf16: 1, verdict: 'confirmed', evidence }] });

test('the wire form keeps the summary and the story; the evidence crosses as JSON text', () => {
  const story = { id: 'story:ferry', label: 'ferry' };
  const wired = compact(result(story));
  assert.deepEqual(wired.story, story);
  assert.equal(wired.summary.available, 5);
  assert.equal(wired.summary.sources, 2);
  assert.equal(typeof wired.claims[0].evidence, 'string');
  assert.deepEqual(wired.claims[0].sources, [['a', 'A News', 'confirms'], ['b', 'B story', 'contradicts']]);
  // Structured clone keeps null: "no story" is not lost on the way.
  assert.equal(structuredClone(compact(result(null))).story, null);
  const claim = expand(wired.claims[0], 0);
  assert.equal(claim.index, 0);
  assert.deepEqual(claim.evidence, evidence);
  assert.deepEqual(expand(result(story).claims[0], 3).sources, wired.claims[0].sources);
});

test('an index: its manifest is fetched once, then each page\'s shards round by round, relative to it', async () => {
  const fetched = [];
  const files = { '/ix/manifest.json': JSON.stringify({ sources: 4, rounds: [['s/a.bin', 's/b.bin'], ['s/c.bin']] }),
    '/ix/s/a.bin': 'aa', '/ix/s/b.bin': 'bbb', '/ix/s/c.bin': 'c' };
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (url) => {
    const path = new URL(url).pathname;
    fetched.push(path);
    const body = files[path];
    return body === undefined ? { ok: false, status: 404 }
      : { ok: true, status: 200, text: async () => body, arrayBuffer: async () => new TextEncoder().encode(body).buffer };
  };
  try {
    const { handle } = engineHost(boot);
    const got = await handle({ type: 'setCorpus', key: 'i', index: 'https://x.example/ix/manifest.json' });
    assert.deepEqual(got, { sources: 4 });
    const r = await handle({ type: 'annotate', key: 'i', text: 'page', exclude: 'p' });
    assert.deepEqual(r.added, ['s/a.bin', 's/b.bin', 's/c.bin']);
    assert.deepEqual(r.options, { exclude: 'p', allSources: false });
    assert.deepEqual(fetched, ['/ix/manifest.json', '/ix/s/a.bin', '/ix/s/b.bin', '/ix/s/c.bin']);
    await handle({ type: 'annotate', key: 'i', text: 'page' });
    assert.equal(fetched.length, 4, 'nothing fetched again');
    assert.equal(await handle({ type: 'drop', key: 'i' }), true);
    assert.ok(IndexEngine.made.at(-1).freed);
    await assert.rejects(handle({ type: 'setCorpus', key: 'j', index: 'https://x.example/none/manifest.json' }),
      /could not load the index https:\/\/x.example\/none\/manifest.json: HTTP 404/);
    files['/iy/manifest.json'] = JSON.stringify({ sources: 1, rounds: [['s/gone.bin']] });
    await handle({ type: 'setCorpus', key: 'k', index: 'https://x.example/iy/manifest.json' });
    await assert.rejects(handle({ type: 'annotate', key: 'k', text: 'page' }),
      /could not load the index shard https:\/\/x.example\/iy\/s\/gone.bin: HTTP 404/);
  } finally {
    globalThis.fetch = realFetch;
  }
});

test('the shards every page needs (the manifest\'s stats) are fetched with the manifest, before the module is up', async () => {
  const stats = [['00000000000000aa', 10], ['00000000000000bb', 20]];
  const manifest = JSON.stringify({ sources: 2, parts: { stats, routes: [['00000000000000cc', 5]] },
    rounds: [['s/00000000000000aa.bin', 's/00000000000000bb.bin'], ['s/00000000000000cc.bin']] });
  const fetched = [];
  let up = false;
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (url) => {
    const path = new URL(url).pathname;
    fetched.push([path, up]);
    if (path.endsWith('/manifest.json')) return { ok: true, status: 200, text: async () => manifest };
    if (path.endsWith('bb.bin') && url.includes('/bad/')) return { ok: false, status: 404 };
    return { ok: true, status: 200, arrayBuffer: async () => new Uint8Array(3).buffer };
  };
  // The module comes up only after the manifest and the stats have been asked for.
  const slowBoot = async () => { await new Promise((r) => setTimeout(r, 20)); up = true; return boot(); };
  try {
    const { handle } = engineHost(slowBoot);
    await handle({ type: 'setCorpus', key: 'i', index: 'https://x.example/ix/manifest.json' });
    assert.deepEqual(fetched, [['/ix/manifest.json', false], ['/ix/s/00000000000000aa.bin', false],
      ['/ix/s/00000000000000bb.bin', false]]);
    assert.deepEqual(IndexEngine.made.at(-1).added, ['s/00000000000000aa.bin', 's/00000000000000bb.bin'],
      'added once the engine is made');
    const r = await handle({ type: 'annotate', key: 'i', text: 'page' });
    assert.deepEqual(r.added.at(-1), 's/00000000000000cc.bin');
    assert.equal(fetched.length, 4);
    // A stats shard that cannot be fetched fails the corpus, and frees the engine made for it.
    fetched.length = 0;
    const made = IndexEngine.made.length;
    await assert.rejects(engineHost(boot).handle({ type: 'setCorpus', key: 'b', index: 'https://x.example/bad/manifest.json' }),
      /could not load the index shard https:\/\/x.example\/bad\/s\/00000000000000bb.bin: HTTP 404/);
    assert.equal(IndexEngine.made.length, made + 1);
    assert.ok(IndexEngine.made.at(-1).freed);
  } finally {
    globalThis.fetch = realFetch;
  }
});

test('everyPageNeeds reads the stats shards from a manifest, and nothing from anything else', () => {
  assert.deepEqual(everyPageNeeds(JSON.stringify({ parts: { stats: [['0123456789abcdef', 9]], rare: [['fedcba9876543210', 1]] } })),
    ['s/0123456789abcdef.bin']);
  for (const text of ['', 'not json', 'null', '{"parts": {"stats": "x"}}', '{"parts": {"stats": [["../../etc", 1], [7, 1]]}}']) {
    assert.deepEqual(everyPageNeeds(text), [], text);
  }
});
