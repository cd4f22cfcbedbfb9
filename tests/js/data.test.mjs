// The engine's data files (data.js): read once per module from pkg/ beside the shell, given to
// the module's loadData(), and read from disk for file: URLs (Node).
import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadData, readBytes } from '../../www/data.js';

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

test('a module without loadData() is returned as it is; a failed read may be tried again', async () => {
  const plain = {};
  assert.equal(await loadData(plain, () => assert.fail('nothing to read')), plain);
  let n = 0;
  const wasm = { loadData() { n++; } };
  await assert.rejects(loadData(wasm, async () => { throw new Error('HTTP 404'); }), /HTTP 404/);
  await loadData(wasm, async () => new Uint8Array(1));
  assert.equal(n, 1);
});

test('a file: URL is read from disk, an http(s) one fetched', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'corroborate-data-'));
  writeFileSync(join(dir, 'x.bin'), Buffer.from([1, 2, 3]));
  const bytes = await readBytes(pathToFileURL(join(dir, 'x.bin')));
  assert.ok(bytes instanceof Uint8Array);
  assert.deepEqual([...bytes], [1, 2, 3]);
  const fetched = [];
  const saved = globalThis.fetch;
  globalThis.fetch = async (url) => { fetched.push(String(url)); return { ok: false, status: 404 }; };
  try {
    await assert.rejects(readBytes(new URL('https://x.example/pkg/stance.bin')), /HTTP 404/);
  } finally { globalThis.fetch = saved; }
  assert.deepEqual(fetched, ['https://x.example/pkg/stance.bin']);
});
