// The browser extension, end to end in Chromium: the unpacked build (scripts/extension) loaded
// with --load-extension into a persistent profile (headless), four fictional pages of one story
// served on 127.0.0.1 (tests/e2e/fixtures/extension/), three of them saved as sources through
// the extension's own popup, the fourth checked: markers, popover, badge, the popup's summary;
// the per-site switch annotating pages as they load (also under a strict CSP); a saved page
// never compared with itself; the options page's list, export, remove and import.
//
// One difference from the shipped build: the test's copy of the manifest grants
// *://127.0.0.1/* as a host permission. A test cannot click the toolbar button, which is what
// grants activeTab, so the popup is opened as popup.html?tab=ID and the host permission stands in
// for activeTab (and for the one-site permission the site switch asks for, which is then granted
// without a prompt). (The build is also the --test one, whose feed fetcher may fetch from
// 127.0.0.1: tests/e2e/feeds.test.mjs; this test adds no feed.)

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ARTEFACTS, CHROMIUM, CHROMIUM_ARGS, REPO, mkdirp, playwright,
  popover, serve, textPoint, until, watchErrors } from './lib.mjs';
import { buildFor, firefox, firefoxAvailable, saveWithPopup, tabFinder } from './extension-lib.mjs';

const FIXTURES = join(REPO, 'tests/e2e/fixtures/extension');
const STORY = 'Brennholm library fire';
const SOURCES = ['valley-courier', 'brennholm-post', 'northshore-daily'];

let ctx; // the persistent browser context with the extension
let sw; // the extension's service worker
let extId;
let site; // the fixtures, served plainly
let strict; // the same, served with a CSP that forbids WebAssembly compilation in the page
let profile;

before(async () => {
  const dir = buildFor('chromium');

  site = await serve(FIXTURES);
  strict = await serve(FIXTURES, ['--header',
    "Content-Security-Policy: default-src 'self'; script-src 'self'; style-src 'self'"]);

  const { chromium } = await playwright();
  profile = mkdtempSync(join(tmpdir(), 'corroborate-ext-'));
  ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true, // Chromium's new headless mode runs extensions
    args: [...CHROMIUM_ARGS, `--disable-extensions-except=${dir}`, `--load-extension=${dir}`],
  });
  sw = ctx.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
    await ctx.waitForEvent('serviceworker', { timeout: 15000 });
  extId = new URL(sw.url()).host;
});

after(async () => {
  await ctx?.close();
  await site?.stop();
  await strict?.stop();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** Open a page in a new tab; resolves to {page, tabId}. */
async function open(url) {
  const page = await ctx.newPage();
  await page.goto(url);
  const tabId = await until(() => sw.evaluate(async (u) =>
    (await chrome.tabs.query({})).find((t) => t.url === u)?.id, url));
  assert.ok(tabId, `no tab for ${url}`);
  return { page, tabId };
}

/** The extension's popup for a tab (popup.html?tab=ID), opened in its own tab. */
async function popup(tabId) {
  const p = await ctx.newPage();
  await p.goto(`chrome-extension://${extId}/popup.html?tab=${tabId}`);
  return p;
}

const badge = (tabId) => sw.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
/** The popup's status of a tab: the content script's, with the background's part (an extension page asks). */
async function bgStatus(tabId) {
  const ext = ctx.pages().find((p) => p.url().startsWith(`chrome-extension://${extId}/options.html`)) ??
    await (async () => { const p = await ctx.newPage(); await p.goto(`chrome-extension://${extId}/options.html`); return p; })();
  return ext.evaluate((id) => chrome.runtime.sendMessage({ type: 'tab-status', tabId: id }), tabId).catch(() => null);
}
/** The extension's frame of a view (badge or popover) in a page, once it is there. */
const frameOf = (page, view) => until(() => page.frames().find((f) => f.url().includes(`/frame.html?view=${view}`)), 10000);
/** The marks the marks frame draws: {verdict: number of line boxes}, once there are some. */
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
const stored = () => sw.evaluate(async () => Object.values(await chrome.storage.local.get(null))
  .filter((v) => v && typeof v === 'object' && 'text' in v));
const popupState = (p) => p.locator('#state').getAttribute('data-state');

test('store helpers: URL normalisation, ids, corpus files', async () => {
  const { normaliseUrl, sourceId, siteOf, parseCorpus, toCorpusJson } =
    await import(pathToFileURL(join(REPO, 'extension/src/lib/store.js')).href);
  const urls = [ // [input, normalised]
    ['https://News.example/a?utm_source=x&p=2#top', 'https://news.example/a?p=2'],
    ['https://news.example/a#comments', 'https://news.example/a'],
    ['http://127.0.0.1:8080/x.html?fbclid=1', 'http://127.0.0.1:8080/x.html'],
    ['ftp://news.example/a', null],
    ['not a url', null],
  ];
  for (const [input, want] of urls) assert.equal(normaliseUrl(input), want, input);
  assert.equal(sourceId('https://www.news.example/2025/ferry.html#x'), sourceId('https://www.news.example/2025/ferry.html'));
  assert.notEqual(sourceId('https://news.example/a?p=1'), sourceId('https://news.example/a?p=2'));
  assert.match(sourceId('https://www.news.example/2025/ferry.html'), /^news-example-2025-ferry-html-[0-9a-f]{8}$/);
  assert.equal(siteOf('https://news.example:8443/a'), 'news.example');
  assert.equal(siteOf('chrome://extensions'), null);

  const ok = [ // [file text, ids]
    ['{"sources": [{"id": "a", "text": "Rain fell."}]}', ['a']],
    ['[{"id": 7, "text": "Rain fell.", "extra": true}]', ['7']],
    ['{"text": "Rain fell.", "url": "https://n.example/r"}', [sourceId('https://n.example/r')]],
  ];
  for (const [text, ids] of ok) assert.deepEqual(parseCorpus(text).map((s) => s.id), ids, text);
  const bad = [ // [file text, message]
    ['{', /not JSON/],
    ['{"sources": []}', /no sources/],
    ['{"sources": [{"id": "a"}]}', /source 1 has no text/],
    ['[{"id": "a", "text": "x"}, {"id": "a", "text": "y"}]', /two sources have the id "a"/],
    ['42', /a corpus file is/],
  ];
  for (const [text, message] of bad) assert.throws(() => parseCorpus(text), message, text);
  const round = parseCorpus(toCorpusJson([{ id: 'a', text: 'Rain fell.', story: 'weather', added: 'x' }]));
  assert.deepEqual(round, [{ id: 'a', text: 'Rain fell.', story: 'weather' }]);
});

test('three pages of a story are saved as sources through the popup', async () => {
  for (const name of SOURCES) {
    const { page, tabId } = await open(`${site.url}/${name}.html`);
    const p = await popup(tabId);
    const pageErrors = watchErrors(p);
    await p.fill('#story', STORY);
    await p.click('#add');
    const said = await until(async () => (await p.locator('#message').textContent()) || null, 15000);
    assert.match(said ?? '(nothing)', /^Saved /, name);
    assert.deepEqual(pageErrors, []);
    await p.close();
    await page.close();
  }
  const sources = await stored();
  const by = Object.fromEntries(sources.map((s) => [new URL(s.url).pathname.slice(1, -5), s]));
  assert.deepEqual(Object.keys(by).sort(), [...SOURCES].sort());
  // Metadata, however each page states it.
  assert.equal(by['valley-courier'].outlet, 'The Valley Courier');
  assert.equal(by['valley-courier'].title, 'Fire damages Brennholm library');
  assert.equal(by['valley-courier'].published, '2025-10-12T07:30:00Z');
  assert.equal(by['brennholm-post'].outlet, 'Brennholm Post');
  assert.equal(by['brennholm-post'].published, '2025-10-12T09:15:00+01:00');
  assert.equal(by['northshore-daily'].outlet, '127.0.0.1');
  assert.equal(by['northshore-daily'].published, '2025-10-13');
  for (const s of sources) {
    assert.equal(s.story, STORY);
    assert.match(s.id, /^127-0-0-1-[a-z0-9-]+-[0-9a-f]{8}$/);
    assert.ok(!/Subscribe|Home/.test(s.text), 'navigation and footer are not part of the text');
    assert.match(s.text, /Brennholm|Ada Morrow/);
  }
});

test('another page of the story: markers, popover, badge and the popup summary', async () => {
  const { page, tabId } = await open(`${site.url}/ridge-gazette.html`);
  const pageErrors = watchErrors(page);
  const p = await popup(tabId); // opening the popup checks the page once
  await until(async () => (await popupState(p)) === 'done', 30000);
  assert.equal(await popupState(p), 'done', await p.locator('#state').textContent());
  const state = await p.locator('#state').textContent();
  // Not saved: compared with the sources of its story, as the core groups them (the label).
  assert.match(state, new RegExp(`^\\d+ claims checked against 3 sources of the story “\u2068${STORY}\u2069”\\.$`));
  const bars = await p.$$eval('#chart g[data-verdict]', (gs) =>
    Object.fromEntries(gs.map((g) => [g.dataset.verdict, Number(g.querySelector('.count').textContent)])));
  assert.deepEqual(Object.keys(bars).sort(), ['confirmed', 'contradicted', 'disputed', 'related', 'unique']);
  assert.ok(bars.contradicted >= 1 && bars.confirmed >= 1 && bars.unique >= 1, JSON.stringify(bars));
  await p.screenshot({ path: join(mkdirp(ARTEFACTS), 'extension-popup.png') });
  await p.close();

  // Markers: drawn by the extension's marks frame over the page (nothing in the page's own
  // highlight registry, where the page could read them).
  const drawn = await drawnMarks(page);
  assert.ok(drawn?.contradicted >= bars.contradicted && drawn.confirmed >= bars.confirmed && drawn.unique >= bars.unique,
    JSON.stringify(drawn));
  assert.equal(await page.evaluate(() => CSS.highlights.size), 0, 'no highlight in the page');

  // The badge: the number of contradicted claims.
  assert.equal(await badge(tabId), String(bars.contradicted));

  // The popover, on hover over the contradicted claim, in the extension's frame (read here
  // through the browser automation: the page itself cannot).
  const at = await textPoint(page, '5 firefighters were treated');
  assert.ok(at, 'the contradicted claim is painted');
  await page.mouse.move(at.x, at.y);
  const frame = await frameOf(page, 'popover');
  assert.ok(frame, 'the popover frame');
  const pop = await until(async () => { const v = await popover(frame); return v?.visible && /Contradicted/.test(v.text) ? v : null; }, 5000);
  assert.ok(pop, 'the popover opens on hover');
  assert.equal(pop.role, 'dialog');
  assert.match(pop.text, /Contradicted by \d+ source/);
  // Moving from the claim into the evidence keeps it open (the reader wants to read it).
  const popBox = await (await frame.frameElement()).boundingBox();
  await page.mouse.move(popBox.x + popBox.width / 2, popBox.y + 40, { steps: 5 });
  await new Promise((r) => setTimeout(r, 800));
  assert.ok((await popover(frame))?.visible, 'the popover stays open under the pointer');
  await page.mouse.move(1000, 60, { steps: 3 }); // and leaving it, for nothing marked, closes it
  assert.ok(await until(async () => !(await popover(frame))?.visible, 3000), 'the popover closes when the pointer leaves');
  await page.mouse.move(at.x, at.y);
  assert.ok(await until(async () => (await popover(frame))?.visible, 5000), 'and opens again on hover');
  const outlets = pop.evidence.map((e) => e.outlet).join(' | ');
  assert.match(outlets, /Valley Courier|127\.0\.0\.1/);
  assert.ok(pop.evidence.some((e) => /contradict/i.test(e.relation ?? '')), JSON.stringify(pop.evidence));
  assert.ok(pop.marks.some((m) => m.text.includes('2')), JSON.stringify(pop.marks));
  await page.screenshot({ path: join(ARTEFACTS, 'extension-page.png') });

  // The badge frame: a click opens the panel (the frame grows to hold it); a claim there opens
  // its evidence in the popover frame, with focus in it; Alt+Shift+↓ there steps on.
  const badgeFrame = await frameOf(page, 'badge');
  const small = await (await badgeFrame.frameElement()).boundingBox();
  await badgeFrame.locator('[part~="badge"]').click();
  await badgeFrame.locator('[part~="panel"]').waitFor({ state: 'visible' });
  const big = await until(async () => {
    const b = await (await badgeFrame.frameElement()).boundingBox();
    return b.height > small.height + 100 ? b : null;
  }, 5000);
  assert.ok(big, `the badge frame grows for the panel: ${JSON.stringify(small)}`);
  await badgeFrame.locator('[part~="claim"][data-index="1"]').click();
  const claimOf = () => frame.evaluate(() => document.documentElement.dataset.claim ?? null);
  assert.equal(await until(async () => ((await claimOf()) === '1' ? '1' : null), 5000), '1', 'the panel\'s claim opens');
  await page.keyboard.press('Alt+Shift+ArrowDown');
  assert.equal(await until(async () => ((await claimOf()) === '2' ? '2' : null), 5000), '2', 'Alt+Shift+↓ in the frame steps on');
  await page.keyboard.press('Escape');
  assert.equal(await until(async () => ((await claimOf()) === null ? 'closed' : null), 5000), 'closed', 'Escape in the frame closes');
  await page.screenshot({ path: join(ARTEFACTS, 'extension-panel.png') });
  assert.deepEqual(pageErrors, []);
  await page.close();
});

test('the site switch annotates pages as they load, also under a strict CSP', async () => {
  const { page, tabId } = await open(`${site.url}/ridge-gazette.html`);
  const p = await popup(tabId);
  await p.click('#site');
  const said = await until(async () => {
    const m = await p.locator('#message').textContent();
    return /annotated as they load|not|\w+/.test(m) ? m : null;
  }, 10000);
  assert.match(said ?? '', /annotated as they load/);
  assert.equal(await sw.evaluate(async () => (await chrome.storage.local.get('site:127.0.0.1'))['site:127.0.0.1']), true);
  // The background registers the content script when it hears of the switch (storage.onChanged).
  const scripts = await until(async () => {
    const list = await sw.evaluate(() => chrome.scripting.getRegisteredContentScripts());
    return list.length ? list : null;
  }, 5000) ?? [];
  assert.deepEqual(scripts.map((s) => s.matches), [['*://127.0.0.1/*']]);
  await p.close();
  await page.close();

  for (const base of [site.url, strict.url]) {
    const { page: pg, tabId: id } = await open(`${base}/ridge-gazette.html`); // no popup this time
    const st = await until(async () => {
      const s = await bgStatus(id);
      return s?.state === 'done' || s?.state === 'error' ? s : null;
    }, 30000);
    assert.equal(st?.state, 'done', `${base}: ${JSON.stringify(st)}`);
    console.log(`  ${base === site.url ? 'plain' : 'strict CSP'} page annotated on load: ${JSON.stringify(st.timings)} ms`);
    assert.ok(st.summary.contradicted >= 1);
    // The badge is set by the background when the content script reports; wait for it.
    const want = String(st.summary.contradicted);
    const shown = await until(async () => ((await badge(id)) === want ? want : null), 5000);
    assert.equal(shown ?? await badge(id), want);
    assert.ok((await drawnMarks(pg))?.contradicted >= 1, `${base}: no contradicted marker`);
    await pg.close();
  }
});

test('a saved page is compared with the other sources, never with itself', async () => {
  const sources = await stored();
  const self = sources.find((s) => s.url.endsWith('/valley-courier.html'));
  const { page, tabId } = await open(`${site.url}/valley-courier.html#comments`); // the hash does not matter
  const st = await until(async () => {
    const s = await bgStatus(tabId);
    return s?.state === 'done' ? s : null;
  }, 30000);
  assert.ok(st, 'the saved page is annotated');
  assert.equal(st.exclude, self.id);
  assert.equal(st.sources, 2);
  assert.ok(!st.evidence.includes(self.id), `compared with itself: ${st.evidence}`);
  assert.ok(st.evidence.length >= 1);
  // Its own sentences not found elsewhere stay unique (they would all be confirmed by itself).
  assert.ok(st.summary.unique >= 1, JSON.stringify(st.summary));
  await page.close();
});

test('a stopped background (an idle service worker) gets the corpus again on the next annotation', async () => {
  const { page, tabId } = await open(`${site.url}/ridge-gazette.html`); // the site is switched on
  const ext = await ctx.newPage(); // an extension page, to ask the tab while the worker is down
  await ext.goto(`chrome-extension://${extId}/options.html`);
  const ask = () => ext.evaluate((id) => chrome.runtime.sendMessage({ type: 'tab-status', tabId: id }), tabId)
    .catch(() => null);
  const first = await until(async () => { const s = await ask(); return s?.state === 'done' ? s : null; }, 30000);
  assert.ok(first, 'annotated');

  // Stop the service worker as Chromium does after 30 s idle (DevTools protocol, from an
  // extension page: the extension's origin).
  const cdp = await ctx.newCDPSession(ext);
  const versions = [];
  cdp.on('ServiceWorker.workerVersionUpdated', (e) => versions.push(...e.versions));
  const restarted = ctx.waitForEvent('serviceworker', { timeout: 5000 }).catch(() => null);
  await cdp.send('ServiceWorker.enable');
  const running = await until(() => versions.find((v) => v.scriptURL.endsWith('/background.js') &&
    v.runningStatus === 'running'));
  assert.ok(running, 'the background is running');
  await cdp.send('ServiceWorker.stopWorker', { versionId: running.versionId });
  assert.ok(await until(() => versions.some((v) => v.versionId === running.versionId && v.runningStatus === 'stopped'),
    10000), 'the background stopped');

  // A new paragraph: the content script checks again; the engine is gone and is loaded again.
  await page.evaluate(() => document.querySelector('article').append(Object.assign(document.createElement('p'),
    { textContent: 'The council said the library would reopen in the spring.' })));
  let last = null;
  const next = await until(async () => {
    const s = last = await ask();
    return s?.state === 'done' && s.summary.claims === first.summary.claims + 1 ? s : null;
  }, 30000);
  assert.ok(next, `annotated again after the worker restarted (last status: ${JSON.stringify(last)})`);
  sw = (await restarted) ?? sw; // the new service worker, for the next tests
  await ext.close();
  await page.close();
});

test('the options page lists, exports, removes and imports sources', async () => {
  const p = await ctx.newPage();
  const pageErrors = watchErrors(p);
  await p.goto(`chrome-extension://${extId}/options.html`);
  await p.waitForSelector('section.group tbody tr');
  assert.equal(await p.locator(`section.group[data-story="${STORY}"] tbody tr`).count(), 3);
  const rows = await p.$$eval('tbody tr', (trs) => trs.map((tr) => [...tr.cells].slice(0, 3).map((c) => c.textContent.trim())));
  assert.ok(rows.some(([outlet, , date]) => outlet === 'The Valley Courier' && date === '2025-10-12'), JSON.stringify(rows));

  const [download] = await Promise.all([p.waitForEvent('download'), p.click('#export')]);
  const file = join(ARTEFACTS, 'extension-corpus.json');
  await download.saveAs(file);
  const corpus = JSON.parse(readFileSync(file, 'utf8'));
  assert.equal(corpus.sources.length, 3);
  for (const s of corpus.sources) {
    assert.deepEqual(Object.keys(s).filter((k) => !['id', 'title', 'outlet', 'url', 'published', 'text', 'story'].includes(k)), []);
  }
  // The core reads the exported file (the CLI, when scripts/site built it).
  const cli = join(REPO, 'target/release/corroborate');
  if (existsSync(cli)) {
    const page = join(ARTEFACTS, 'extension-claim.txt');
    writeFileSync(page, 'The fire service said 5 firefighters were treated for smoke inhalation.\n');
    const run = spawnSync(cli, ['check', '--sources', file, '--format', 'json', page], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(JSON.parse(run.stdout).summary.contradicted, 1, run.stdout);
  } else {
    console.log(`skipping the CLI check of the exported corpus: ${cli} not built`);
  }

  await p.locator('tbody tr', { hasText: 'Brennholm Post' }).getByRole('button', { name: /Remove/ }).click();
  await until(async () => (await p.locator('tbody tr').count()) === 2);
  assert.equal(await p.locator('tbody tr').count(), 2);

  await p.setInputFiles('#import', file);
  await p.waitForFunction(() => /^Imported 3 sources/.test(document.getElementById('message').textContent));
  await until(async () => (await p.locator('tbody tr').count()) === 3);
  assert.equal(await p.locator('tbody tr').count(), 3);
  assert.equal((await stored()).length, 3);

  // A story label edited here regroups the source.
  const input = p.locator('tbody tr', { hasText: 'Brennholm Post' }).locator('input');
  await input.fill('Other story');
  await input.press('Enter');
  await p.waitForSelector('section.group[data-story="Other story"] tbody tr');
  await p.screenshot({ path: join(ARTEFACTS, 'extension-options.png'), fullPage: true });
  assert.deepEqual(pageErrors, []);
  await p.close();
});

// ---- Firefox ESR: the Firefox build, through geckodriver (extension-lib.mjs) ----

test('Firefox: the same extension saves sources, checks a page, and the site switch works under a strict CSP', async (t) => {
  if (!firefoxAvailable(t)) return;
  const ff = await firefox(buildFor('firefox'));
  const { ext, run, to, openTab, openExtTab, waitFor } = ff;
  try {
    const home = await openExtTab(`${ext}/options.html`);
    const tabOf = tabFinder(ff, home);
    await saveWithPopup(ff, tabOf, SOURCES.map((name) => `${site.url}/${name}.html`), STORY);

    // The page read: the popup's summary, the page's markers and the frames, the badge.
    const url = `${site.url}/ridge-gazette.html`;
    const page = await openTab(url);
    const tab = await tabOf(url);
    const popupTab = await openExtTab(`${ext}/popup.html?tab=${tab}`);
    const summary = await waitFor(`const s = document.getElementById('state');
      if (s.dataset.state !== 'done') throw new Error(s.textContent);
      return [s.textContent, Object.fromEntries([...document.querySelectorAll('#chart g')]
        .map((g) => [g.dataset.verdict, Number(g.querySelector('.count').textContent)]))];`);
    assert.ok(summary, 'the popup shows the summary');
    assert.match(summary[0], /claims checked against 3 sources/);
    assert.ok(summary[1].contradicted >= 1 && summary[1].confirmed >= 1, JSON.stringify(summary));
    await to(page);
    const painted = await run(`const host = [...document.documentElement.children].find((e) => /-ui$/.test(e.localName));
      return { highlights: CSS.highlights.size, host: host?.localName ?? null, open: Boolean(host?.shadowRoot) };`);
    assert.equal(painted.highlights, 0, 'no highlight in the page');
    assert.ok(painted.host, 'the frames\' host is in the page');
    assert.equal(painted.open, false, 'its shadow root is closed');
    assert.ok(await ff.intoFrame('marks'), 'the marks frame');
    const marks = await waitFor(`const n = document.querySelectorAll('svg [data-verdict=contradicted]').length;
      if (!n) throw new Error('not yet'); return n;`);
    await ff.top();
    assert.ok(marks >= summary[1].contradicted, 'the contradicted claims are marked');
    assert.ok(await ff.intoFrame('badge'), 'the badge frame');
    const badgeText = await waitFor(`const b = document.querySelector('corroborate-ui').shadowRoot.querySelector('[part~="badge"]');
      if (!/✗/.test(b.textContent)) throw new Error('not yet'); return b.textContent;`);
    await ff.top();
    assert.match(badgeText ?? '', new RegExp(`✗ ${summary[1].contradicted}`));
    await to(home);
    assert.equal(await run('return browser.action.getBadgeText({ tabId: args[0] })', [tab]), String(summary[1].contradicted));

    // The site switch (a WebDriver click is a user gesture), then a strict-CSP page annotated on load.
    await to(popupTab);
    await ff.click('#site');
    const on = await waitFor(`const m = document.getElementById('message').textContent;
      if (!m) throw new Error('not yet'); return m;`);
    assert.match(on, /annotated as they load/);
    await openTab(`${strict.url}/ridge-gazette.html`);
    const auto = await until(async () => (await ff.intoFrame('marks').catch(() => false)) &&
      await run(`const n = document.querySelectorAll('svg [data-verdict=contradicted]').length;
        return n || null;`).finally(() => ff.top()), 20000, 200);
    assert.ok(auto >= 1, 'a strict-CSP page is annotated as it loads');
  } finally {
    await ff.close();
  }
});
