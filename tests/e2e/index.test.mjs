// A page checked against a static index (corroborate index), served from 127.0.0.1: the shell's
// `index` option and the script tag's data-index give the claims and verdicts that the whole
// corpus gives; the worker fetches only the shards the page needs (never the short pages'
// table for a long page), each once; a corrupt shard is a clear error and leaves the page
// untouched. The index is built at test time from demo/story with the release CLI.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import { ARTEFACTS, REPO, articlePage, baseURL, esc, highlights, indexFiles, launch, mkdirp, recordReady,
  siteDir, waitReady, watchErrors } from './lib.mjs';

const CLI = join(REPO, 'target/release/corroborate');
const PAGE = 'harbour-herald';

/** The index of the demo story under the served folder, a damaged copy, and the pages. */
function build() {
  const dir = mkdirp(join(siteDir(), 'e2e-index'));
  execFileSync(CLI, ['--quiet', 'index', join(REPO, 'demo/story'), join(REPO, 'demo/unrelated.txt'),
    '-o', join(dir, 'ix')], { stdio: 'inherit' });
  const manifest = JSON.parse(readFileSync(join(dir, 'ix/manifest.json'), 'utf8'));
  Object.assign(manifest, indexFiles(manifest));
  cpSync(join(dir, 'ix'), join(dir, 'bad'), { recursive: true });
  const pack = manifest.files.sources[0];
  const bytes = readFileSync(join(dir, 'bad', pack));
  bytes[bytes.length - 1] ^= 0x20;
  writeFileSync(join(dir, 'bad', pack), bytes);
  execFileSync(CLI, ['corpus', join(REPO, 'demo/story'), join(REPO, 'demo/unrelated.txt'),
    '-o', join(dir, 'corpus.json')], { stdio: 'ignore' });
  const corpus = JSON.parse(readFileSync(join(dir, 'corpus.json'), 'utf8'));
  const text = corpus.sources.find((s) => s.id === PAGE).text;
  const attach = (what) => `    window.handle = await corroborate.attach({ root: 'article', ${what}, exclude: '${PAGE}' })
      .catch((e) => { window.failed = String(e.message); });`;
  writeFileSync(join(dir, 'corpus.html'), articlePage({ title: 'Against the corpus', text,
    script: attach("corpus: 'corpus.json'") }));
  writeFileSync(join(dir, 'index.html'), articlePage({ title: 'Against the index', text,
    script: attach("index: 'ix/manifest.json'") }));
  writeFileSync(join(dir, 'bad.html'), articlePage({ title: 'Against a damaged index', text,
    script: attach("index: 'bad/manifest.json'") }));
  // The script-tag form: data-index.
  writeFileSync(join(dir, 'tag.html'), articlePage({ title: 'The script tag', text, script: '' })
    .replace('</body>', `  <script type="module" src="/corroborate.js" data-index="ix/manifest.json" data-root="article" data-exclude="${esc(PAGE)}"></script>\n</body>`));
  return { manifest, pack };
}

async function open(browser, path) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = watchErrors(page);
  const fetched = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  await recordReady(page);
  await page.goto(baseURL() + path);
  return { page, errors, fetched };
}

const verdicts = (page) => page.evaluate(() => window.__ready[0].detail.claims
  .map((c) => `${c.verdict}: ${c.text}`));

test('a page against a served index gets the verdicts of the whole corpus, fetching only what it needs', async (t) => {
  const { manifest } = build();
  const browser = await launch();
  t.after(() => browser.close());

  const direct = await open(browser, '/e2e-index/corpus.html');
  await waitReady(direct.page);
  const want = await verdicts(direct.page);
  assert.ok(want.length > 5, `the corpus gives claims: ${want}`);
  assert.ok(want.some((v) => v.startsWith('contradicted')), want.join('\n'));

  const lazy = await open(browser, '/e2e-index/index.html');
  await waitReady(lazy.page);
  assert.deepEqual(await verdicts(lazy.page), want, 'the index gives the corpus\'s verdicts');
  const summary = await lazy.page.evaluate(() => window.handle.summary);
  assert.equal(summary.available, manifest.sources - 1, 'the page itself is left out');
  const painted = await highlights(lazy.page);
  assert.ok(painted.contradicted.texts.length > 0, 'contradicted claims are painted');

  const shards = lazy.fetched.filter((p) => p.startsWith('/e2e-index/ix/s/'));
  const listed = new Set(manifest.all.map((f) => `/e2e-index/ix/${f}`));
  assert.ok(shards.every((p) => listed.has(p)), shards.join(', '));
  assert.equal(new Set(shards).size, shards.length, `each shard once: ${shards}`);
  const held = manifest.files.held.map((f) => `/e2e-index/ix/${f}`);
  assert.ok(!shards.some((p) => held.includes(p)), 'a long page never needs the held table');
  assert.ok(shards.length < manifest.all.length, `${shards.length} of ${manifest.all.length} shards`);
  assert.ok(lazy.fetched.includes('/e2e-index/ix/manifest.json'));
  console.log(`index: ${shards.length} of ${manifest.all.length} shards fetched`);

  const tag = await open(browser, '/e2e-index/tag.html');
  await waitReady(tag.page);
  assert.deepEqual(await verdicts(tag.page), want, 'data-index gives the same verdicts');

  mkdirp(ARTEFACTS);
  await lazy.page.screenshot({ path: join(ARTEFACTS, 'index.png') });
  for (const { errors } of [direct, lazy, tag]) assert.deepEqual(errors, []);
});

test('a corrupt shard is a clear error, and the page is left untouched', async (t) => {
  const { pack } = build();
  const browser = await launch();
  t.after(() => browser.close());
  const { page } = await open(browser, '/e2e-index/bad.html');
  const failed = await page.waitForFunction(() => window.failed, null, { timeout: 30000 })
    .then((h) => h.jsonValue());
  assert.match(failed, new RegExp(`index shard ${pack.replace('.', '\\.')}: corrupt`), failed);
  const painted = await highlights(page);
  for (const [verdict, got] of Object.entries(painted)) {
    assert.equal(got.texts.length, 0, `nothing painted ${verdict}`);
  }
  const marks = await page.evaluate(() => document.querySelectorAll('mark, [data-corroborate]').length);
  assert.equal(marks, 0, 'no marks in the page');
});
