// The engine's data files (data.js): read once per module from pkg/ beside the shell and given
// to the module's loadData(); a failed read says which file and may be tried again.
import test from 'node:test';
import assert from 'node:assert/strict';
import { fetchBytes, loadData, prefetchData } from '../../www/data.js';

test('the lexicon and the model are read from pkg/ and given to loadData() once', async () => {
  const given = [];
  const wasm = { loadData: (l, m) => given.push([l, m]) };
  const read = async (url) => new TextEncoder().encode(url.pathname.split('/').slice(-2).join('/'));
  const [a, b] = await Promise.all([loadData(wasm, read), loadData(wasm, read)]);
  assert.equal(a, wasm);
  assert.equal(b, wasm);
  await loadData(wasm, read);
  assert.equal(given.length, 1);
  const [lexicon, model] = given[0].map((bytes) => new TextDecoder().decode(bytes));
  assert.deepEqual([lexicon, model], ['pkg/wordnet.bin', 'pkg/stance.bin']);
});

test('a failed read rejects, and the next call tries again', async () => {
  let n = 0;
  const wasm = { loadData() { n++; } };
  await assert.rejects(loadData(wasm, async () => { throw new Error('HTTP 404'); }), /HTTP 404/);
  await loadData(wasm, async () => new Uint8Array(1));
  assert.equal(n, 1);
});

test('the files are fetched; an HTTP error names the file', async () => {
  const fetched = [];
  const saved = globalThis.fetch;
  globalThis.fetch = async (url) => {
    fetched.push(String(url));
    return url.pathname.endsWith('wordnet.bin')
      ? { ok: true, arrayBuffer: async () => new Uint8Array([1, 2, 3]).buffer } : { ok: false, status: 404 };
  };
  try {
    assert.deepEqual([...await fetchBytes(new URL('https://x.example/pkg/wordnet.bin'))], [1, 2, 3]);
    await assert.rejects(loadData({ loadData() {} }), /engine's data .*pkg\/stance\.bin: HTTP 404/);
  } finally { globalThis.fetch = saved; }
  assert.equal(fetched.length, 3);
  assert.ok(fetched.at(-1).endsWith('/www/pkg/stance.bin'), 'beside the shell, in pkg/');
});

test('prefetchData starts both reads at once and hands each to loadData once', async () => {
  const reads = [];
  const read = (url) => { reads.push(url.pathname.split('/').at(-1)); return Promise.resolve(new Uint8Array([reads.length])); };
  const early = prefetchData(read);
  assert.deepEqual(reads, ['wordnet.bin', 'stance.bin'], 'read before the module is there');
  const given = [];
  await loadData({ loadData: (l, m) => given.push([...l, ...m]) }, early);
  assert.equal(reads.length, 2, 'loadData used the reads already started');
  assert.deepEqual(given, [[1, 2]]);
  await loadData({ loadData() {} }, early); // another module: the handed-over reads are spent
  assert.deepEqual(reads.slice(2), ['wordnet.bin', 'stance.bin']);
});

test('a prefetch that failed is not handed over twice: the retry reads again', async () => {
  let n = 0;
  const read = async () => { if (n++ < 2) throw new Error('HTTP 503'); return new Uint8Array(1); };
  const early = prefetchData(read);
  const wasm = { loaded: 0, loadData() { this.loaded++; } };
  await assert.rejects(loadData(wasm, early), /HTTP 503/);
  await loadData(wasm, early);
  assert.equal(wasm.loaded, 1);
  assert.equal(n, 4);
});
