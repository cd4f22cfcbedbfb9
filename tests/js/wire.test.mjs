// The engine host's protocol (wire.js) in Node, with a stand-in engine: one engine per corpus
// key, the annotate options passed on (exclude, allSources), and the wire form of a result: the
// summary and the story as they are, each claim's relations per source, its evidence as JSON
// text parsed when first read.
import test from 'node:test';
import assert from 'node:assert/strict';
import { compact, engineHost, expand } from '../../www/wire.js';

class Engine {
  constructor(corpus) { this.corpus = corpus; this.calls = []; Engine.made.push(this); }
  sourceIds() { return this.corpus.sources.map((s) => s.id); }
  annotate(text, options) { this.calls.push([text, options]); return { text, options }; }
  free() { this.freed = true; }
}
Engine.made = [];
const boot = async () => ({ Engine });

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
