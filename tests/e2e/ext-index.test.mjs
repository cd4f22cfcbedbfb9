// The extension with a published index (`corroborate index`, built here with the release CLI from
// three pages of the extension's fixture story) served from 127.0.0.1 (scripts/serve.mjs: shards
// cached as immutable). In Chromium: the options page refuses what is not an index (a plain-http
// address elsewhere, a JSON that is not a manifest, another version, a missing file) with the
// reason as text, and adds the index; a page of the story is then marked from the index alone
// (no source is saved): the popup's summary and its line for the index, the marks, the evidence
// from the index's sources, only some of the index's shards fetched, each once. A copy with a
// corrupt shard: with no saved source the check fails with the shard named and the page stays
// unmarked; with a saved source the page is marked from it alone and the popup says why. Removing
// an index in the options page. In Firefox ESR (geckodriver): an index added in the options page
// marks a page with no saved source.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM, CHROMIUM_ARGS, REPO, indexFiles, mkdirp, playwright, serve, until, watchErrors } from './lib.mjs';
import { buildFor, firefox, firefoxAvailable, tabFinder } from './extension-lib.mjs';

const FIXTURES = join(REPO, 'tests/e2e/fixtures/extension');
const CLI = join(REPO, 'target/release/corroborate');
const INDEXED = ['valley-courier', 'brennholm-post', 'northshore-daily'];

let ctx;
let sw;
let extId;
let site;
let served;
let profile;
let manifest;
let pack;
let shardFiles;

before(async () => {
  const dir = buildFor('chromium');
  served = mkdtempSync(join(tmpdir(), 'corroborate-ext-index-'));
  cpSync(FIXTURES, served, { recursive: true });
  execFileSync(CLI, ['--quiet', 'index', ...INDEXED.map((n) => join(FIXTURES, `${n}.html`)), '-o', join(served, 'ix')],
    { stdio: 'inherit' });
  manifest = JSON.parse(readFileSync(join(served, 'ix/manifest.json'), 'utf8'));
  shardFiles = indexFiles(manifest).all;
  // A copy with a damaged pack of sources (its last byte flipped: the checksum no longer matches).
  cpSync(join(served, 'ix'), join(served, 'bad'), { recursive: true });
  pack = indexFiles(manifest).files.sources[0];
  const bytes = readFileSync(join(served, 'bad', pack));
  bytes[bytes.length - 1] ^= 0x20;
  writeFileSync(join(served, 'bad', pack), bytes);
  // Not an index, and an index of another version.
  writeFileSync(join(served, 'not-index.json'), JSON.stringify({ sources: [] }));
  mkdirp(join(served, 'v9'));
  writeFileSync(join(served, 'v9/manifest.json'), JSON.stringify({ ...manifest, version: 9 }));
  site = await serve(served);

  const { chromium } = await playwright();
  profile = mkdtempSync(join(tmpdir(), 'corroborate-ext-index-profile-'));
  ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true,
    args: [...CHROMIUM_ARGS, `--disable-extensions-except=${dir}`, `--load-extension=${dir}`],
  });
  sw = ctx.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
    await ctx.waitForEvent('serviceworker', { timeout: 15000 });
  extId = new URL(sw.url()).host;
});

after(async () => {
  await ctx?.close();
  await site?.stop();
  for (const d of [profile, served]) if (d) rmSync(d, { recursive: true, force: true });
});

const url = (path) => `${site.url}/${path}`;
const storage = () => sw.evaluate(() => chrome.storage.local.get(null));
const saved = (all) => Object.keys(all).filter((k) => k.startsWith('source:'));

async function open(address) {
  const known = await sw.evaluate(async () => (await chrome.tabs.query({})).map((t) => t.id));
  const page = await ctx.newPage();
  await page.goto(address);
  const tabId = await until(() => sw.evaluate(async ([u, ids]) => (await chrome.tabs.query({}))
    .find((t) => t.url === u && !ids.includes(t.id))?.id, [address, known]));
  assert.ok(tabId, `no tab for ${address}`);
  return { page, tabId };
}

async function extPage(path) {
  const p = await ctx.newPage();
  await p.goto(`chrome-extension://${extId}/${path}`);
  return p;
}

/** Type an index URL into the options page and press "Add index"; resolves to the message it shows. */
async function addIndex(p, address) {
  await p.fill('#index-url', address);
  const before = await p.locator('#indexes-message').textContent();
  await p.click('#index-add');
  return until(async () => {
    const m = await p.locator('#indexes-message').textContent();
    return m && m !== before && !m.startsWith('Reading ') ? m : null;
  }, 20000);
}

const popupState = (p) => p.locator('#state').getAttribute('data-state');
const frameOf = (page, view) => until(() => page.frames().find((f) => f.url().includes(`/frame.html?view=${view}`)), 10000);
async function drawnMarks(page) {
  const frame = await frameOf(page, 'marks');
  return until(async () => {
    const counts = await frame.evaluate(() => {
      const out = {};
      for (const e of document.querySelectorAll('svg [data-verdict]:not(rect)')) out[e.dataset.verdict] = (out[e.dataset.verdict] ?? 0) + 1;
      return out;
    }).catch(() => null);
    return counts && Object.keys(counts).length ? counts : null;
  }, 10000);
}
const tabStatus = (p, tabId) => p.evaluate((id) => chrome.runtime.sendMessage({ type: 'tab-status', tabId: id }), tabId);
/** The index files the background fetched (its resource timing), as paths. */
const fetched = () => sw.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname));

test('the options page refuses what is not an index, with the reason, and adds an index', async () => {
  const p = await extPage('options.html');
  const errors = watchErrors(p);
  assert.match(await p.locator('#indexes-list').textContent(), /No published index/);
  const refused = [ // [URL, message]
    ['http://news.example/ix/manifest.json', /^Not added: an index is fetched over https only \(http only from this machine/],
    [url('not-index.json'), /^Not added: http:\/\/127\.0\.0\.1:\d+\/not-index\.json is not an index this extension reads: not a corroborate index manifest/],
    [url('v9/manifest.json'), /is not an index this extension reads: the index is format version 9; this corroborate reads version \d+/],
    [url('nowhere/manifest.json'), /^Not added: the index manifest http:\/\/127\.0\.0\.1:\d+\/nowhere\/manifest\.json: HTTP 404/],
  ];
  for (const [address, message] of refused) {
    const said = await addIndex(p, address);
    assert.match(said, message, address);
    assert.equal(await p.locator('#indexes-message').getAttribute('class'), 'bad');
  }
  assert.deepEqual((await storage()).indexes ?? [], [], 'nothing stored');

  const said = await addIndex(p, url('ix/'));
  assert.match(said, /^Added the index 127\.0\.0\.1:\d+\/ix: 3 sources in 1 story\.$/);
  const { indexes } = await storage();
  assert.deepEqual(indexes.map((e) => [e.url, e.sources, e.stories]), [[url('ix/manifest.json'), 3, 1]]);
  const row = await until(async () => (await p.locator('#indexes-list tbody tr').count()) === 1 &&
    p.locator('#indexes-list tbody tr').innerText(), 5000);
  assert.match(row, /127\.0\.0\.1:\d+\/ix/);
  assert.deepEqual(saved(await storage()), [], 'no source is saved');
  assert.deepEqual(errors, []);
  await p.close();
});

test('a page of the story is marked from the index alone', async () => {
  const { page, tabId } = await open(url('ridge-gazette.html'));
  const p = await extPage(`popup.html?tab=${tabId}`);
  await until(async () => ['done', 'error'].includes(await popupState(p)), 30000);
  const state = await p.locator('#state').textContent();
  assert.equal(await popupState(p), 'done', state);
  assert.match(state, /^\d+ claims checked against 3 sources of the story “\u2068.+\u2069”\.$/);
  const line = await p.locator('#indexes li').textContent();
  assert.match(line, /^Published index \u2068127\.0\.0\.1:\d+\/ix\u2069: 3 sources of the story “\u2068.+\u2069”\.$/);
  const bars = await p.$$eval('#chart g[data-verdict]', (gs) =>
    Object.fromEntries(gs.map((g) => [g.dataset.verdict, Number(g.querySelector('.count').textContent)])));
  assert.ok(bars.contradicted >= 1 && bars.confirmed >= 1, JSON.stringify(bars));

  const drawn = await drawnMarks(page);
  assert.ok(drawn?.contradicted >= bars.contradicted && drawn.confirmed >= bars.confirmed, JSON.stringify(drawn));
  const st = await tabStatus(p, tabId);
  assert.deepEqual(st.evidence, [...INDEXED].sort(), 'the evidence is the index\'s sources');
  assert.equal(st.summary.sources, 3);
  assert.deepEqual(st.indexes.map((ix) => [ix.url, ix.summary.sources, ix.error]), [[url('ix/manifest.json'), 3, undefined]]);
  assert.equal(await sw.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId), String(bars.contradicted));

  // Only the shards this page needs, each once; the manifest once (when the index was added,
  // its engine was kept for the checks).
  const files = (await fetched()).filter((f) => f.startsWith('/ix/'));
  const shards = files.filter((f) => f.startsWith('/ix/s/'));
  const listed = new Set(shardFiles.map((f) => `/ix/${f}`));
  assert.ok(shards.length > 0 && shards.every((f) => listed.has(f)), files.join(', '));
  assert.equal(new Set(shards).size, shards.length, `each shard once: ${shards}`);
  assert.ok(shards.length < shardFiles.length, `${shards.length} of ${shardFiles.length} shards`);
  assert.equal(files.filter((f) => f === '/ix/manifest.json').length, 1);
  console.log(`extension index: ${shards.length} of ${shardFiles.length} shards fetched`);
  // Served as immutable: the browser may keep them.
  const head = await fetch(url(`ix/${shardFiles[0]}`));
  assert.match(head.headers.get('cache-control'), /immutable/);
  await p.close();
  await page.close();
});

test('a corrupt shard: the page unmarked with the error, or marked from the saved sources only', async () => {
  const o = await extPage('options.html');
  await until(async () => (await o.locator('#indexes-list tbody tr').count()) === 1, 5000);
  await o.click('#indexes-list tbody tr button');
  await until(async () => ((await storage()).indexes ?? []).length === 0, 5000);
  assert.match(await o.locator('#indexes-message').textContent(), /^Removed the index 127\.0\.0\.1:\d+\/ix\.$/);
  assert.match(await addIndex(o, url('bad/manifest.json')), /^Added the index /, 'its manifest is sound');

  // No saved source: nothing to mark the page from, and the shard is named.
  const { page, tabId } = await open(url('ridge-gazette.html'));
  const p = await extPage(`popup.html?tab=${tabId}`);
  await until(async () => ['done', 'error'].includes(await popupState(p)), 30000);
  const state = await p.locator('#state').textContent();
  assert.equal(await popupState(p), 'error', state);
  assert.match(state, new RegExp(`^Could not check this page: Error: 127\\.0\\.0\\.1:\\d+/bad: index shard ${pack.replace('.', '\\.')}: corrupt`));
  const frame = page.frames().find((f) => f.url().includes('/frame.html?view=marks'));
  const marks = frame ? await frame.evaluate(() => document.querySelectorAll('svg [data-verdict]:not(rect)').length) : 0;
  assert.equal(marks, 0, 'nothing marked');
  assert.equal(await page.evaluate(() => CSS.highlights.size), 0);
  assert.equal(await sw.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId), '!');
  await p.close();

  // One saved source: the page is marked from it, and the popup says the index failed.
  const src = await open(url('valley-courier.html'));
  const add = await extPage(`popup.html?tab=${src.tabId}`);
  await add.click('#add');
  assert.match(await until(async () => (await add.locator('#message').textContent()) || null, 15000), /^Saved /);
  await add.close();
  await src.page.close();
  const again = await extPage(`popup.html?tab=${tabId}`);
  // The saved source changed the sources: the page may be checked again at once; else press "Check this page".
  await until(async () => (await popupState(again)) === 'done' || !(await again.locator('#check').isHidden()), 10000);
  if ((await popupState(again)) !== 'done') await again.click('#check');
  await until(async () => (await popupState(again)) === 'done', 30000);
  assert.match(await again.locator('#state').textContent(), /^\d+ claims checked against 1 source/);
  const failed = await again.locator('#indexes li').textContent();
  assert.match(failed, new RegExp(`^The published index \u2068127\\.0\\.0\\.1:\\d+/bad\u2069 could not be read: index shard ${pack.replace('.', '\\.')}: corrupt.*\\. This page is marked from your saved sources only\\.$`));
  assert.equal(await again.locator('#indexes li').getAttribute('class'), 'bad');
  const drawn = await drawnMarks(page);
  assert.ok(drawn && Object.values(drawn).reduce((a, b) => a + b, 0) > 0, 'marked from the saved source');
  const st = await tabStatus(again, tabId);
  assert.equal(st.evidence.length, 1, 'the saved source only');
  assert.match(st.evidence[0], /^127-0-0-1-valley-courier-html-/);
  await again.close();
  await page.close();
  await o.close();
});

test('Firefox: an index added in the options page marks a page with no saved source', async (t) => {
  if (!firefoxAvailable(t)) return;
  const ff = await firefox(buildFor('firefox'));
  const { ext, run, openTab, openExtTab, waitFor } = ff;
  try {
    // The install opens the welcome page in a tab of its own: let it come first, so that the
    // options page's tab is the one opened next.
    await until(async () => (await ff.handles()).length > 1, 5000);
    const home = await openExtTab(`${ext}/options.html`);
    assert.equal(await run(`document.getElementById('index-url').value = args[0]; return location.pathname;`,
      [url('ix/manifest.json')]), '/options.html');
    await ff.click('#index-add'); // a WebDriver click is a user gesture: the permission request is allowed
    const said = await waitFor(`const m = document.getElementById('indexes-message').textContent;
      if (!m || m.startsWith('Reading')) throw new Error('not yet'); return m;`);
    assert.match(said, /^Added the index 127\.0\.0\.1:\d+\/ix: 3 sources in 1 story\.$/);
    const tabOf = tabFinder(ff, home);
    const address = url('ridge-gazette.html');
    await openTab(address);
    await openExtTab(`${ext}/popup.html?tab=${await tabOf(address)}`);
    const summary = await waitFor(`const s = document.getElementById('state');
      if (s.dataset.state !== 'done') throw new Error(s.textContent);
      return [s.textContent, document.getElementById('indexes').textContent];`, [], 30000);
    assert.ok(summary, 'the popup shows the summary');
    assert.match(summary[0], /claims checked against 3 sources/);
    assert.match(summary[1], /Published index \u2068127\.0\.0\.1:\d+\/ix\u2069: 3 sources of the story/);
  } finally {
    await ff.close();
  }
});
