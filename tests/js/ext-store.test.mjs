// The extension's storage (extension/src/lib/store.js) over an in-memory storage.local: the
// sources' index kept in step by every write (put, remove, story labels), rebuilt for a store
// saved before the index existed, the sample sources (loaded once, removed alone), and the
// labels that rename, merge and split stories.
import test from 'node:test';
import assert from 'node:assert/strict';

// An in-memory chrome.storage.local (get of null, a key or keys; set; remove), installed
// before store.js reads `globalThis.chrome`.
const data = new Map();
const clone = (v) => (v === undefined ? v : structuredClone(v));
globalThis.chrome = { storage: { local: {
  async get(keys) {
    const list = keys == null ? [...data.keys()] : Array.isArray(keys) ? keys : [keys];
    return Object.fromEntries(list.filter((k) => data.has(k)).map((k) => [k, clone(data.get(k))]));
  },
  async set(items) { for (const [k, v] of Object.entries(items)) data.set(k, clone(v)); },
  async remove(keys) { for (const k of Array.isArray(keys) ? keys : [keys]) data.delete(k); },
} } };
const store = await import('../../extension/src/lib/store.js');

const src = (id, extra = {}) => ({ id, text: `Text of ${id}, four words more.`, url: `https://n.example/${id}`, ...extra });

test('every write keeps the index in step; the index has no text', async () => {
  data.clear();
  await store.putSources([src('a', { title: 'A', outlet: 'Alpha' }), src('b', { story: 'Fire' })]);
  let { rev, sources } = await store.sourceIndex();
  assert.deepEqual(sources.map((s) => [s.id, s.story ?? null, s.words]), [['a', null, 6], ['b', 'Fire', 6]]);
  assert.ok(!JSON.stringify(data.get('index')).includes('Text of'), 'no text in the index');
  const r0 = rev;
  await store.setStories({ a: 'Fire', b: '' });
  ({ rev, sources } = await store.sourceIndex());
  assert.ok(rev > r0);
  assert.deepEqual(sources.map((s) => [s.id, s.story ?? null]), [['b', null], ['a', 'Fire']]);
  assert.equal(data.get('source:a').story, 'Fire');
  assert.equal('story' in data.get('source:b'), false);
  await store.removeSources(['a']);
  assert.deepEqual((await store.sourceIndex()).sources.map((s) => s.id), ['b']);
  assert.deepEqual((await store.getSources()).map((s) => s.id), ['b']);
  assert.equal((await store.sourceAt('https://n.example/b#x')).id, 'b');
  assert.equal(await store.sourceAt('https://n.example/a'), null);
});

test('concurrent writers do not lose each other\'s index entries', async () => {
  data.clear();
  await Promise.all(Array.from({ length: 20 }, (_, i) => store.putSources([src(`s${i}`)])));
  assert.equal((await store.sourceIndex()).sources.length, 20);
});

test('a store saved before the index existed gets its index from the sources', async () => {
  data.clear();
  data.set('source:old', { id: 'old', text: 'One two three.', story: 'Kept' });
  data.set('site:news.example', true);
  const { sources } = await store.sourceIndex();
  assert.deepEqual(sources, [{ id: 'old', words: 3, story: 'Kept' }]);
  await store.putSources([src('new')]);
  assert.deepEqual((await store.sourceIndex()).sources.map((s) => s.id).sort(), ['new', 'old']);
});

test('sample sources: loaded once, never over the reader\'s own, removed alone', async () => {
  data.clear();
  await store.putSources([src('mine'), src('herald', { title: 'My own herald' })]);
  const corpus = { sources: [src('herald'), src('wire'), src('ledger')] };
  assert.equal(await store.loadSamples(corpus), 2); // "herald" is the reader's own
  const first = (await store.sourceIndex()).sources;
  assert.deepEqual(first.filter((s) => s.sample).map((s) => s.id).sort(), ['ledger', 'wire']);
  assert.equal(data.get('source:herald').title, 'My own herald');
  assert.equal(await store.loadSamples(JSON.stringify(corpus)), 2);
  const again = (await store.sourceIndex()).sources;
  assert.deepEqual(again, first, 'loading again changes nothing');
  assert.equal(await store.removeSamples(), 2);
  assert.deepEqual((await store.sourceIndex()).sources.map((s) => s.id).sort(), ['herald', 'mine']);
  // The sample mark is the extension's own: an exported corpus does not carry it.
  await store.loadSamples(corpus);
  assert.ok(!store.toCorpusJson(await store.getSources()).includes('sample'));
});

test('a full storage is a clear Error, and nothing of the index changes', async () => {
  data.clear();
  await store.putSources([src('a')]);
  const set = chrome.storage.local.set;
  chrome.storage.local.set = async () => { throw new Error('QUOTA_BYTES quota exceeded'); };
  await assert.rejects(store.putSources([src('b')]), /storage is full/);
  chrome.storage.local.set = set;
  assert.deepEqual((await store.sourceIndex()).sources.map((s) => s.id), ['a']);
});
