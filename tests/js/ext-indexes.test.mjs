// The extension's published indexes without a browser (extension/src/lib/indexes.js): which
// URLs are accepted, the storage of the list, the fetches (errors named, caching per file) and
// the rounds of shards. Where the WebAssembly module (www/pkg, scripts/build web) and the
// release CLI are built, the last tests read a real index (demo/story, built here) through the
// module's IndexEngine and merge its report with a saved-sources Engine's (Report.merge). The
// options page, the popup and the background are tested in Chromium and Firefox by
// tests/e2e/ext-index.test.mjs.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KEY, MAX_INDEXES, fetchFile, fetchShards, getIndexes, indexName, indexOrigin, indexUrl, openIndex, putIndex,
  removeIndex } from '../../extension/src/lib/indexes.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

test('an index URL is https, or http on this machine', () => {
  const ok = [
    ['https://news.example/index/manifest.json', 'https://news.example/index/manifest.json'],
    ['  https://news.example/index/  ', 'https://news.example/index/manifest.json'],
    ['https://news.example/ix/manifest.json#top', 'https://news.example/ix/manifest.json'],
    ['http://127.0.0.1:8123/ix/manifest.json', 'http://127.0.0.1:8123/ix/manifest.json'],
    ['http://localhost/ix/', 'http://localhost/ix/manifest.json'],
    ['http://[::1]:9000/manifest.json', 'http://[::1]:9000/manifest.json'],
  ];
  for (const [input, want] of ok) assert.equal(indexUrl(input), want, input);
  const refused = [
    ['', /enter the URL/],
    ['news.example/manifest.json', /not a URL/],
    ['http://news.example/manifest.json', /https only \(http only from this machine/],
    ['http://10.0.0.2/manifest.json', /https only/],
    ['ftp://news.example/manifest.json', /https only, not ftp:/],
    ['file:///tmp/manifest.json', /https only, not file:/],
    ['https://user:pw@news.example/manifest.json', /user name or password/],
  ];
  for (const [input, message] of refused) assert.throws(() => indexUrl(input), message, input);
});

test('an index asks for its scheme and host, and is named by host and path', () => {
  assert.equal(indexOrigin('https://news.example:8443/a/manifest.json'), 'https://news.example/*');
  assert.equal(indexOrigin('http://127.0.0.1:8123/ix/manifest.json'), 'http://127.0.0.1/*');
  assert.equal(indexName('https://news.example/archive/manifest.json'), 'news.example/archive');
  assert.equal(indexName('http://127.0.0.1:8123/manifest.json'), '127.0.0.1:8123/');
});

/** An in-memory storage.local. */
function memory() {
  const data = {};
  return { data, get: async (k) => (k in data ? { [k]: structuredClone(data[k]) } : {}),
    set: async (o) => { Object.assign(data, structuredClone(o)); } };
}

test('the list of indexes: added once per URL, in order, capped, removed', async () => {
  const s = memory();
  let t = 0;
  const now = () => `2026-01-0${++t}`;
  await putIndex({ url: 'https://a.example/manifest.json', sources: 3, stories: 1, granted: true }, s, now);
  await putIndex({ url: 'https://b.example/manifest.json', sources: 5, stories: 2 }, s, now);
  await putIndex({ url: 'https://a.example/manifest.json', sources: 4, stories: 1, granted: false }, s, now);
  // Updated in place: its first date, and the permission its first add asked for (given back on removal).
  assert.deepEqual((await getIndexes(s)).map((e) => [e.url, e.sources, e.added, e.granted]),
    [['https://a.example/manifest.json', 4, '2026-01-01', true], ['https://b.example/manifest.json', 5, '2026-01-02', false]]);
  assert.equal(await removeIndex('https://a.example/manifest.json', s), true);
  assert.equal(await removeIndex('https://a.example/manifest.json', s), false);
  assert.deepEqual((await getIndexes(s)).map((e) => e.url), ['https://b.example/manifest.json']);
  for (let i = 1; i < MAX_INDEXES; i++) await putIndex({ url: `https://n${i}.example/manifest.json` }, s, now);
  await assert.rejects(putIndex({ url: 'https://more.example/manifest.json' }, s, now), /at most 20 indexes/);
  s.data[KEY] = 'not a list';
  assert.deepEqual(await getIndexes(s), []);
});

/** A fetch over a table of url → {status, body} (or an Error to throw), recording each request's options. */
function fakeFetch(table) {
  const seen = [];
  const fetcher = async (url, options) => {
    seen.push({ url, ...options });
    const r = table[url];
    if (!r) return new Response('missing', { status: 404, statusText: 'Not Found' });
    if (r instanceof Error) throw r;
    return new Response(r.body, { status: r.status ?? 200 });
  };
  return { fetcher, seen };
}

test('a manifest is revalidated, a shard cached as HTTP says; errors name the file', async () => {
  const { fetcher, seen } = fakeFetch({
    'https://x.example/manifest.json': { body: '{"format": "corroborate-index"}' },
    'https://x.example/s/1.bin': { body: new Uint8Array([1, 2, 3]) },
    'https://x.example/s/2.bin': { status: 500, body: 'oops' },
    'https://x.example/s/3.bin': new TypeError('Failed to fetch'),
  });
  assert.equal(await fetchFile('https://x.example/manifest.json', { as: 'text', fetcher }), '{"format": "corroborate-index"}');
  assert.deepEqual([...await fetchFile('https://x.example/s/1.bin', { fetcher })], [1, 2, 3]);
  assert.deepEqual(seen.map((r) => [r.cache, r.credentials, r.referrerPolicy]),
    [['no-cache', 'omit', 'no-referrer'], ['default', 'omit', 'no-referrer']]);
  await assert.rejects(fetchFile('https://x.example/s/2.bin', { what: 'the index shard', fetcher }),
    /^Error: the index shard https:\/\/x\.example\/s\/2\.bin: HTTP 500$/);
  await assert.rejects(fetchFile('https://x.example/s/4.bin', { fetcher }), /s\/4\.bin: HTTP 404 Not Found/);
  await assert.rejects(fetchFile('https://x.example/s/3.bin', { fetcher }), /s\/3\.bin: network error \(Failed to fetch\)/);
  await assert.rejects(openIndex('https://x.example/manifest.json', () => { throw new Error('not a corroborate index manifest'); },
    { fetcher }), /^Error: https:\/\/x\.example\/manifest\.json is not an index this extension reads: not a corroborate index manifest$/);
});

test('shards come round by round, each round in parallel, until the core asks for none', async () => {
  const { fetcher, seen } = fakeFetch(Object.fromEntries(['a', 'b', 'c'].map((f) => [`https://x.example/ix/s/${f}.bin`,
    { body: new Uint8Array([f.charCodeAt(0)]) }])));
  const rounds = [['s/a.bin', 's/b.bin'], ['s/c.bin'], []];
  const added = [];
  const engine = { wants: () => rounds.shift(), add: (file, bytes) => added.push([file, bytes[0]]) };
  assert.equal(await fetchShards(engine, 'https://x.example/ix/manifest.json', 'text', {}, { fetcher }), 2);
  assert.deepEqual(added, [['s/a.bin', 97], ['s/b.bin', 98], ['s/c.bin', 99]]);
  assert.equal(seen.length, 3);
  const greedy = { wants: () => ['s/a.bin'], add() {} };
  await assert.rejects(fetchShards(greedy, 'https://x.example/ix/manifest.json', 't', {}, { fetcher }), /keeps asking for shards/);
  const missing = { wants: () => ['s/z.bin'], add() { throw new Error('never reached'); } };
  await assert.rejects(fetchShards(missing, 'https://x.example/ix/manifest.json', 't', {}, { fetcher }),
    /the index shard https:\/\/x\.example\/ix\/s\/z\.bin: HTTP 404/);
});

// ---- With the real module and a real index ----
const PKG = join(REPO, 'www/pkg/corroborate.js');
const CLI = join(REPO, 'target/release/corroborate');
const ready = existsSync(PKG) && existsSync(CLI);

async function module() {
  const wasm = await import(PKG);
  wasm.initSync({ module: readFileSync(join(REPO, 'www/pkg/corroborate_bg.wasm')) });
  wasm.loadData(readFileSync(join(REPO, 'www/pkg/wordnet.bin')), readFileSync(join(REPO, 'www/pkg/stance.bin')));
  return wasm;
}

/** The demo story's index in a temporary folder, served by a fake fetch at https://ix.example/. */
function demoIndex(t) {
  const dir = mkdtempSync(join(tmpdir(), 'corroborate-ext-index-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  execFileSync(CLI, ['--quiet', 'index', join(REPO, 'demo/story'), '-o', join(dir, 'ix')]);
  execFileSync(CLI, ['--quiet', 'corpus', join(REPO, 'demo/story'), '-o', join(dir, 'corpus.json')]);
  const fetcher = async (url) => {
    const path = join(dir, 'ix', new URL(url).pathname);
    return existsSync(path) ? new Response(readFileSync(path)) : new Response('', { status: 404 });
  };
  return { dir, fetcher, corpus: JSON.parse(readFileSync(join(dir, 'corpus.json'), 'utf8')) };
}

test('a real index, read a page at a time, merged with the saved sources into one judgement', { skip: !ready &&
  'needs www/pkg (scripts/build web) and target/release/corroborate' }, async (t) => {
  const wasm = await module();
  const { dir, fetcher, corpus } = demoIndex(t);
  const page = corpus.sources.find((s) => s.id === 'harbour-herald');
  const others = corpus.sources.filter((s) => s.id !== page.id);
  const base = 'https://ix.example/manifest.json';
  const { engine: index } = await openIndex(base, (text) => new wasm.IndexEngine(text), { fetcher });
  t.after(() => index.free());
  assert.equal(index.sources(), corpus.sources.length);
  const rounds = await fetchShards(index, base, page.text, {}, { fetcher });
  assert.ok(rounds >= 1 && rounds <= 3, `${rounds} rounds`);
  const fromIndex = index.annotate(page.text);
  // The index alone gives what an Engine over the same corpus gives.
  const whole = new wasm.Engine(corpus);
  t.after(() => whole.free());
  const verdicts = (a) => a.claims.map((c) => `${c.verdict}: ${c.text}`);
  assert.deepEqual(verdicts(fromIndex), verdicts(whole.annotate(page.text)));

  // Saved sources: two of the other outlets; the index: all of them. Merged: the saved copies of
  // those two speak (one id, one source), the index adds the rest, and the verdicts are decided
  // over the union: those of one engine over every source.
  const saved = new wasm.Engine({ sources: others.slice(0, 2) });
  t.after(() => saved.free());
  const alone = saved.annotate(page.text);
  const merged = saved.report(page.text, {});
  merged.merge(index.report(page.text));
  const one = merged.annotation();
  merged.free();
  assert.equal(one.claims.length, fromIndex.claims.length);
  const savedIds = new Set(others.slice(0, 2).map((s) => s.id));
  for (const [i, c] of one.claims.entries()) {
    const ids = c.evidence.map((e) => e.source).sort();
    assert.equal(new Set(ids).size, ids.length, `claim ${i}: one evidence per source`);
    assert.ok(!ids.includes(page.id), 'never the page itself');
    // The union: the saved sources' evidence, and the index's of the sources not saved.
    const want = [...alone.claims[i].evidence.map((e) => e.source),
      ...fromIndex.claims[i].evidence.map((e) => e.source).filter((id) => !savedIds.has(id))].sort();
    assert.deepEqual(ids, want, `claim ${i}`);
    for (const e of c.evidence) {
      const from = (savedIds.has(e.source) ? alone : fromIndex).claims[i].evidence.find((x) => x.source === e.source);
      assert.equal(e.text, from.text);
      assert.deepEqual([e.start_utf16, e.end_utf16, e.outlet, e.url], [from.start_utf16, from.end_utf16, from.outlet, from.url]);
    }
    // Judged again over all of it: the verdict follows the union's relations.
    const has = (r) => c.evidence.some((e) => e.relation === r);
    if (has('confirms') && has('contradicts')) assert.equal(c.verdict, 'disputed', `claim ${i}`);
    if (!c.evidence.length) assert.equal(c.verdict, 'unique', `claim ${i}`);
    if (!has('contradicts')) assert.notEqual(c.verdict, 'contradicted', `claim ${i}`);
    if (!has('confirms') && !has('contradicts')) assert.ok(['related', 'unique'].includes(c.verdict), `claim ${i}`);
  }
  const counted = ['confirmed', 'contradicted', 'disputed', 'related', 'unique'].reduce((n, v) => n + one.summary[v], 0);
  assert.equal(counted, one.claims.length);
  assert.equal(one.summary.sources, alone.summary.sources + fromIndex.summary.sources);
  assert.ok(one.claims.some((c, i) => c.verdict !== alone.claims[i].verdict), 'the index changes verdicts of the saved sources alone');
  assert.ok(one.claims.some((c) => c.evidence.some((e) => !savedIds.has(e.source))), 'evidence from the index');

  // A damaged shard: the core names it, and the saved sources still give their report.
  const manifest = JSON.parse(readFileSync(join(dir, 'ix/manifest.json'), 'utf8'));
  const pack = `s/${manifest.packs[0][0]}.bin`; // format 2: packs are [name, …]
  const bytes = readFileSync(join(dir, 'ix', pack));
  bytes[bytes.length - 1] ^= 0x20;
  writeFileSync(join(dir, 'ix', pack), bytes);
  const { engine: fresh } = await openIndex(base, (text) => new wasm.IndexEngine(text), { fetcher });
  t.after(() => fresh.free());
  await assert.rejects(fetchShards(fresh, base, page.text, {}, { fetcher }), new RegExp(`index shard ${pack.replace('.', '\\.')}: corrupt`));
  // Reports of another page do not merge.
  const a = saved.report(page.text, {});
  assert.throws(() => a.merge(saved.report(`${page.text} One more sentence about the harbour.`, {})), /not of the same page/);
  assert.deepEqual(verdicts(a.annotation()), verdicts(saved.annotate(page.text)), 'a failed merge leaves the report as it was');
  a.free();
});
