// The extension for a new user, end to end in Chromium (the unpacked build loaded into a fresh
// profile, as extension.test.mjs does; its manifest grants *://127.0.0.1/*, which stands in for
// activeTab): the welcome page that opens on install and its sample story; the popup's states
// (no sources, not checked, checked, no coverage of the page's story) with screenshots in light
// and dark and axe-core on each; an unrelated page saying "no coverage" in the popup, the toolbar
// badge and the page's own badge; "Add all open tabs on this story"; the options page's stories
// as the core groups them, renamed, merged and split, and the check following; and 5,000 stored
// sources: the popup's and the options page's first render, timed.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ARTEFACTS, CHROMIUM, CHROMIUM_ARGS, REPO, mkdirp, playwright, serve, until, watchErrors } from './lib.mjs';
import { buildFor, firefox, firefoxAvailable, tabFinder } from './extension-lib.mjs';
import { axeViolations } from './axe.mjs';

const FIXTURES = join(REPO, 'tests/e2e/fixtures/extension');
const STORY_PAGES = ['valley-courier', 'brennholm-post', 'northshore-daily'];
const DEMO = JSON.parse(readFileSync(join(REPO, 'www/demo/corpus.json'), 'utf8')).sources; // what build.mjs packs

let ctx;
let sw;
let extId;
let site;
let profile;
const ext = (path) => `chrome-extension://${extId}/${path}`;

before(async () => {
  const dir = buildFor('chromium');
  site = await serve(FIXTURES);
  const { chromium } = await playwright();
  profile = mkdtempSync(join(tmpdir(), 'corroborate-onboard-'));
  ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS, `--disable-extensions-except=${dir}`, `--load-extension=${dir}`],
  });
  sw = ctx.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
    await ctx.waitForEvent('serviceworker', { timeout: 15000 });
  extId = new URL(sw.url()).host;
  mkdirp(ARTEFACTS);
});

after(async () => {
  await ctx?.close();
  await site?.stop();
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

/** The popup for a tab (popup.html?tab=ID) in its own tab, at a popup's size, light or dark. */
async function popup(tabId, scheme = 'light') {
  const p = await ctx.newPage();
  await p.setViewportSize({ width: 330, height: 620 });
  await p.emulateMedia({ colorScheme: scheme });
  await p.goto(ext(`popup.html?tab=${tabId}`));
  return p;
}

/** The popup's state once it settled (not loading or checking): {state, text, next}. */
async function settled(p, timeout = 30000) {
  return until(() => p.evaluate(() => {
    const s = document.getElementById('state');
    if (['loading', 'working'].includes(s.dataset.state)) return null;
    const next = document.getElementById('next');
    return { state: s.dataset.state, text: s.textContent, next: next.hidden ? null : next.textContent };
  }), timeout, 50);
}

/** A screenshot in target/e2e/ and axe-core's serious or critical violations (none allowed). */
async function shotAndAxe(p, name) {
  await p.screenshot({ path: join(ARTEFACTS, `onboard-${name}.png`), fullPage: true });
  const bad = await axeViolations(p);
  assert.deepEqual(bad, [], `${name}: ${JSON.stringify(bad, null, 1)}`);
}

/** The popup in light and dark: screenshots and axe for both. */
async function bothSchemes(p, name) {
  await shotAndAxe(p, `${name}-light`);
  await p.emulateMedia({ colorScheme: 'dark' });
  await shotAndAxe(p, `${name}-dark`);
  await p.emulateMedia({ colorScheme: 'light' });
}

/**
 * Call the store module (extension/src/lib/store.js) from an extension page: `op` is one of
 * index, put, remove, bytes, reads (the extension's CSP allows no eval, so no code is passed).
 */
let storePage;
async function store(op, arg) {
  if (!storePage || storePage.isClosed()) {
    storePage = await ctx.newPage(); // the welcome page: it reads the index alone when the sources change
    await storePage.goto(ext('welcome.html'));
  }
  return storePage.evaluate(async ([o, a]) => {
    const m = await import('/lib/store.js');
    switch (o) {
      case 'index': return (await m.sourceIndex()).sources;
      case 'put': return m.putSources(a);
      case 'remove': return m.removeSources(a);
      case 'bytes': return [await chrome.storage.local.getBytesInUse(null), await chrome.storage.local.getBytesInUse('index')];
      case 'reads': { // reading every source against reading the index alone
        const t = performance.now();
        await chrome.storage.local.get(null);
        const all = performance.now() - t;
        const u = performance.now();
        await chrome.storage.local.get('index');
        return [all, performance.now() - u];
      }
      default: throw new Error(o);
    }
  }, [op, arg]);
}
const index = () => store('index');

test('the welcome page opens on install: the three steps, the marker looks (light, dark; axe)', async () => {
  const welcome = await until(() => ctx.pages().find((p) => p.url() === ext('welcome.html')), 15000);
  assert.ok(welcome, `no welcome page among ${ctx.pages().map((p) => p.url())}`);
  // Without the tab Playwright starts with, every open tab's address is visible to the extension.
  for (const p of ctx.pages()) if (p.url() === 'about:blank') await p.close();
  await welcome.waitForSelector('#looks li');
  const steps = await welcome.$$eval('.steps > li h2', (hs) => hs.map((h) => h.textContent.trim()));
  assert.deepEqual(steps.map((s) => s.replace(/^\d\s*/, '')), ['Add feeds or pages', 'Read an article', 'Read the markers']);
  const looks = await welcome.$$eval('#looks li', (lis) => lis.map((li) => [li.dataset.verdict,
    getComputedStyle(li.querySelector('.look')).textDecorationStyle]));
  assert.deepEqual(looks, [['confirmed', 'solid'], ['contradicted', 'wavy'], ['disputed', 'double'],
    ['related', 'dotted'], ['unique', 'dashed']]);
  await welcome.setViewportSize({ width: 900, height: 1000 });
  await bothSchemes(welcome, 'welcome');
});

test('with no sources the popup says so at once, and what to do next; so does the options page', async () => {
  const { page, tabId } = await open(`${site.url}/ridge-gazette.html`);
  const p = await popup(tabId);
  const errors = watchErrors(p);
  const st = await settled(p);
  assert.equal(st.state, 'empty', JSON.stringify(st));
  assert.equal(st.text, 'No sources yet.');
  assert.match(st.next, /Add this page as a source/);
  assert.match(st.next, /Open the welcome page/);
  assert.equal(await p.locator('#check').isHidden(), true);
  assert.equal(await p.locator('#manage').textContent(), 'Sources (0)');
  await bothSchemes(p, 'popup-empty');
  assert.deepEqual(errors, []);
  await p.close();

  const o = await ctx.newPage();
  await o.goto(ext('options.html'));
  const empty = await o.locator('#list .empty').textContent();
  assert.match(empty, /No sources yet/);
  assert.match(empty, /Add this page as a source/);
  assert.match(empty, /load the sample story/);
  await o.close();
  await page.close();
});

test('"Load the demo story" writes the sample sources once; they go in one click, the reader\'s own stay', async () => {
  const welcome = ctx.pages().find((p) => p.url() === ext('welcome.html'));
  const message = () => welcome.locator('#message').textContent();
  await welcome.click('#load-sample');
  await until(async () => /^Loaded/.test(await message()), 10000);
  assert.match(await message(), new RegExp(`^Loaded ${DEMO.length} sample sources`));
  const first = await index();
  assert.deepEqual(first.map((s) => s.id).sort(), DEMO.map((s) => s.id).sort());
  assert.ok(first.every((s) => s.sample), 'marked as samples');
  // Again: the same sources, no duplicates.
  await welcome.click('#load-sample');
  await until(async () => (await welcome.locator('#load-sample').isEnabled()), 10000);
  const again = await index();
  assert.equal(again.length, DEMO.length);
  assert.deepEqual(again.map((s) => s.added), first.map((s) => s.added), 'loading again keeps them as they were');
  // One click removes them, and only them.
  await store('put', [{ id: 'mine', text: 'A source of my own about something else entirely.' }]);
  await welcome.click('#remove-sample');
  await until(async () => /^Removed/.test(await message()), 10000);
  assert.deepEqual((await index()).map((s) => s.id), ['mine']);
  await store('remove', ['mine']);
  // Loaded again for the next tests.
  await welcome.click('#load-sample');
  await until(async () => (await index()).length === DEMO.length, 10000);
  assert.equal(await welcome.locator('#remove-sample').isVisible(), true);
});

test('a page on another story says "No coverage of this story" in the popup, the toolbar badge and the page', async () => {
  const { page, tabId } = await open(`${site.url}/allotment-show.html`);
  const p = await popup(tabId);
  const st = await settled(p);
  assert.equal(st.state, 'no-coverage', JSON.stringify(st));
  assert.equal(st.text, `No coverage of this story among your ${DEMO.length} sources.`);
  assert.match(st.next, /none of your sources is on its story/);
  assert.match(st.next, /Add this page as a source/);
  assert.equal(await p.locator('#chart g').count(), 0, 'no chart: nothing was compared');
  await bothSchemes(p, 'popup-no-coverage');
  await p.close();
  const title = await until(async () => {
    const t = await sw.evaluate((id) => chrome.action.getTitle({ tabId: id }), tabId);
    return /No coverage/.test(t) ? t : null;
  }, 10000);
  assert.equal(title, `corroborate: No coverage of this story among your ${DEMO.length} sources: add feeds or pages on this story`);
  assert.equal(await sw.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId), '–');
  // The page's own badge (the extension's frame) says it too, and nothing is marked.
  const frame = await until(() => page.frames().find((f) => f.url().includes('/frame.html?view=badge')), 10000);
  const said = await until(async () => {
    const t = await frame.evaluate(() => document.querySelector('corroborate-ui')?.shadowRoot
      ?.querySelector('[part~="badge"]')?.textContent ?? '').catch(() => '');
    return /No coverage/.test(t) ? t : null;
  }, 10000);
  assert.match(said ?? '', /No coverage of this story among your 4 sources/);
  const marks = await page.frames().find((f) => f.url().includes('/frame.html?view=marks'))
    ?.evaluate(() => document.querySelectorAll('svg [data-verdict]').length);
  assert.equal(marks ?? 0, 0, 'no claim is marked');
  await page.screenshot({ path: join(ARTEFACTS, 'onboard-page-no-coverage.png') });
  await page.close();
});

test('"Add all open tabs on this story" adds the other tabs on the page\'s story, not the unrelated one', async () => {
  const tabs = [];
  for (const name of [...STORY_PAGES, 'allotment-show']) tabs.push(await open(`${site.url}/${name}.html`));
  const { page, tabId } = await open(`${site.url}/ridge-gazette.html`);
  const p = await popup(tabId);
  const errors = watchErrors(p);
  assert.equal((await settled(p)).state, 'no-coverage'); // only the demo story so far
  await p.click('#add-tabs');
  const said = await until(async () => {
    const m = await p.locator('#message').textContent();
    return /^(Added|No other|Could not|Permission)/.test(m) ? m : null;
  }, 60000);
  assert.equal(said, 'Added 3 open tabs on this story; 1 other tab is not on it.');
  const saved = (await index()).filter((s) => !s.sample);
  assert.deepEqual(saved.map((s) => new URL(s.url).pathname).sort(), STORY_PAGES.map((n) => `/${n}.html`).sort());
  // The popup checks the page again: now against the story's three sources.
  const st = await until(async () => { const s = await settled(p); return s?.state === 'done' ? s : null; }, 30000);
  assert.match(st.text, /^\d+ claims checked against 3 sources of the story “.+”\.$/);
  const bars = await p.$$eval('#chart g[data-verdict]', (gs) =>
    Object.fromEntries(gs.map((g) => [g.dataset.verdict, Number(g.querySelector('.count').textContent)])));
  assert.ok(bars.contradicted >= 1 && bars.confirmed >= 1, JSON.stringify(bars));
  await bothSchemes(p, 'popup-checked');
  assert.deepEqual(errors, []);
  await p.close();
  for (const t of tabs) await t.page.close();
  await page.close();
});

test('the popup\'s "not checked yet" state, and Check', async () => {
  const { page, tabId } = await open(`${site.url}/ridge-gazette.html`);
  const p = await popup(tabId);
  await settled(p);
  // Switching the site off detaches the page: not checked, with the way to check it.
  await p.click('#site');
  await until(async () => /annotated as they load/.test(await p.locator('#message').textContent()), 10000);
  await p.click('#site');
  await until(async () => /no longer annotated/.test(await p.locator('#message').textContent()), 10000);
  const st = await settled(p);
  assert.equal(st.state, 'idle');
  assert.equal(st.text, 'Not checked yet.');
  assert.match(st.next, /Check this page/);
  assert.equal(await p.locator('#check').isVisible(), true);
  await bothSchemes(p, 'popup-not-checked');
  await p.click('#check');
  const done = await until(async () => { const s = await settled(p); return s?.state === 'done' ? s : null; }, 30000);
  assert.ok(done, 'checked');
  await p.close();
  await page.close();
});

/** The stories as the options page shows them: {id: [label, outlets...]} once the core grouped them. */
async function shownStories(o) {
  await o.waitForFunction(() => !document.getElementById('grouping') && document.querySelector('section.group'));
  const problem = await o.locator('#grouping-problem').count();
  assert.equal(problem, 0, problem ? await o.locator('#grouping-problem').textContent() : '');
  return o.$$eval('section.group', (gs) => Object.fromEntries(gs.map((g) => [g.dataset.storyId,
    [g.dataset.story, ...[...g.querySelectorAll('tbody tr td:first-child')].map((td) => td.textContent).sort()]])));
}

/** The ridge-gazette page's check: {text, sources, story} from the popup and the background. */
async function checkRidge() {
  const { page, tabId } = await open(`${site.url}/ridge-gazette.html`);
  const p = await popup(tabId);
  const st = await until(async () => { const s = await settled(p); return s?.state === 'done' ? s : null; }, 30000);
  await p.close();
  await page.close();
  return st;
}

test('rename, merge and split on the options page: the grouping and the check follow', async () => {
  const o = await ctx.newPage();
  await o.setViewportSize({ width: 1100, height: 900 });
  const errors = watchErrors(o);
  await o.goto(ext('options.html'));
  let groups = await shownStories(o);
  const fire = Object.entries(groups).find(([, [, ...outlets]]) => outlets.includes('The Valley Courier'));
  const ferry = Object.entries(groups).find(([, [, ...outlets]]) => outlets.includes('The Harbour Herald'));
  assert.ok(fire && ferry && fire[0] !== ferry[0], JSON.stringify(groups));
  assert.equal(fire[1].length - 1, 3);
  assert.equal(ferry[1].length - 1, DEMO.length);

  // Rename the fire story: its sources get the label; the check names it.
  const fireSection = o.locator(`section.group[data-story-id="${fire[0]}"]`);
  await fireSection.locator('.story-tools input').fill('Library fire');
  await fireSection.getByRole('button', { name: /^Rename/ }).click();
  await o.waitForSelector('section.group[data-story-id="story:library-fire"]');
  groups = await shownStories(o);
  assert.deepEqual(groups['story:library-fire'], ['Library fire', ...fire[1].slice(1)]);
  assert.ok((await index()).filter((s) => !s.sample).every((s) => s.story === 'Library fire'));
  let st = await checkRidge();
  assert.match(st.text, /against 3 sources of the story “⁨Library fire⁩”/);

  // Merge the demo story into it: one story of seven sources.
  const ferrySection = o.locator(`section.group[data-story-id="${ferry[0]}"]`);
  await ferrySection.locator('select').selectOption('story:library-fire');
  await ferrySection.getByRole('button', { name: /^Merge/ }).click();
  await o.waitForFunction(() => document.querySelectorAll('section.group[data-story-id="story:library-fire"] tbody tr').length === 7);
  groups = await shownStories(o);
  assert.deepEqual(Object.keys(groups), ['story:library-fire'], JSON.stringify(groups));
  st = await checkRidge();
  assert.match(st.text, /against 7 sources of the story “⁨Library fire⁩”/);

  // Split: one source moves out into a story of its own.
  const row = o.locator('tbody tr', { hasText: 'The Harbour Herald' });
  await row.locator('input').fill('Caldmoor ferry');
  await row.locator('input').press('Enter');
  await o.waitForSelector('section.group[data-story-id="story:caldmoor-ferry"]');
  groups = await shownStories(o);
  assert.deepEqual(groups['story:caldmoor-ferry'], ['Caldmoor ferry', 'The Harbour Herald']);
  assert.equal(groups['story:library-fire'].length - 1, 6);
  const core = await o.evaluate(() => chrome.runtime.sendMessage({ type: 'stories' }));
  assert.deepEqual(core.stories.map((s) => [s.id, s.sources.length]).sort(),
    [['story:caldmoor-ferry', 1], ['story:library-fire', 6]]);
  st = await checkRidge();
  assert.match(st.text, /against 6 sources of the story “⁨Library fire⁩”/);

  // The corpus file keeps the labels.
  const [download] = await Promise.all([o.waitForEvent('download'), o.click('#export')]);
  const file = join(ARTEFACTS, 'onboard-corpus.json');
  await download.saveAs(file);
  const exported = JSON.parse(readFileSync(file, 'utf8')).sources;
  assert.equal(exported.length, 7);
  assert.deepEqual([...new Set(exported.map((s) => s.story))].sort(), ['Caldmoor ferry', 'Library fire']);
  assert.ok(exported.every((s) => !('sample' in s)), 'the sample mark is the extension\'s own');
  await bothSchemes(o, 'options');
  assert.deepEqual(errors, []);
  await o.close();
});

// ---- Firefox ESR: the same build's welcome page and empty states (extension-lib.mjs) ----

test('Firefox: the welcome page opens on install, loads the sample story; the popup\'s empty and no-coverage states', async (t) => {
  if (!firefoxAvailable(t)) return;
  const ff = await firefox(buildFor('firefox'));
  const { ext, run, to, openTab, openExtTab, waitFor, wd, S } = ff;
  try {
    const welcome = await until(async () => {
      for (const h of await ff.handles()) {
        await to(h);
        if ((await wd('GET', `${S}/url`)).startsWith(`${ext}/welcome.html`)) return h;
      }
      return null;
    }, 15000, 200);
    assert.ok(welcome, 'the welcome page opened on install');
    const steps = await waitFor(`const hs = [...document.querySelectorAll('.steps > li h2')];
      if (hs.length !== 3 || !document.querySelector('#looks li')) throw new Error('not yet');
      return hs.map((h) => h.textContent.replace(/^\\d\\s*/, '').trim());`);
    assert.deepEqual(steps, ['Add feeds or pages', 'Read an article', 'Read the markers']);
    const tabOf = tabFinder(ff, welcome);
    const url = `${site.url}/ridge-gazette.html`;
    await openTab(url);
    const tab = await tabOf(url);
    const state = () => waitFor(`const s = document.getElementById('state');
      if (['loading', 'working'].includes(s.dataset.state)) throw new Error('not yet');
      const n = document.getElementById('next');
      return [s.dataset.state, s.textContent, n.hidden ? null : n.textContent];`, [], 30000);
    await openExtTab(`${ext}/popup.html?tab=${tab}`);
    const empty = await state();
    assert.equal(empty[0], 'empty', JSON.stringify(empty));
    assert.match(empty[2], /Add this page as a source/);

    await to(welcome);
    const loaded = await run(`document.getElementById('load-sample').click();
      const m = document.getElementById('message');
      for (let i = 0; i < 200 && !m.textContent; i++) await new Promise((r) => setTimeout(r, 50));
      return m.textContent;`);
    assert.match(loaded, new RegExp(`^Loaded ${DEMO.length} sample sources`));
    await openExtTab(`${ext}/popup.html?tab=${tab}`);
    const none = await state();
    assert.deepEqual(none.slice(0, 2), ['no-coverage', `No coverage of this story among your ${DEMO.length} sources.`]);
    await ff.screenshot(join(ARTEFACTS, 'onboard-firefox-popup-no-coverage.png'));
  } finally {
    await ff.close();
  }
});

// ---- Storage at scale ----

/** A deterministic synthetic source of story `k` (of many), ~1 KB of text with the story's own names. */
function synthetic(k, i) {
  const syl = ['bra', 'dor', 'fen', 'gal', 'hur', 'kel', 'lum', 'mor', 'nes', 'pol', 'quin', 'ros', 'sal', 'tav', 'vel', 'wyn'];
  const name = (n, parts) => Array.from({ length: parts }, (_, j) => syl[(n >> (4 * j)) % 16]).join('');
  const town = name(k * 7 + 3, 3);
  const person = `${name(k * 13 + 5, 2)} ${name(k * 11 + 1, 3)}`;
  const thing = ['bridge', 'school', 'harbour wall', 'railway line', 'market hall', 'reservoir'][k % 6];
  const n = 10 + ((k * 31 + i * 7) % 90);
  const text = [
    `The ${thing} in ${town[0].toUpperCase()}${town.slice(1)} was closed on ${['Monday', 'Tuesday', 'Friday'][k % 3]} after inspectors found ${n} faults.`,
    `${person.replace(/\b\w/g, (c) => c.toUpperCase())}, who chairs the council, said repairs would take ${2 + (k % 9)} months.`,
    `Residents of ${town} were told to use the ${['north', 'south', 'east'][i % 3]} road while the work goes on.`,
    `About ${n * 12} people use the ${thing} every day, according to the council.`,
    `A public meeting about the closure of the ${thing} is planned for next week in ${town}.`,
    `Report number ${i} on the ${thing} of ${town}.`,
  ].join('\n\n');
  return { id: `synthetic-${k}-${i}`, title: `${thing} closed in ${town} (${i})`, outlet: `Outlet ${i % 40}`,
    url: `https://outlet${i % 40}.example/${town}/${i}`, published: `2025-10-${String(1 + (k % 28)).padStart(2, '0')}`, text };
}

test('storage at scale: 5,000 stored sources, the popup and the options page stay responsive', async () => {
  const N = 5000;
  const stories = 50;
  const base = (await index()).length;
  const list = Array.from({ length: N }, (_, j) => synthetic(j % stories, Math.floor(j / stories)));
  const t0 = Date.now();
  for (let j = 0; j < N; j += 500) await store('put', list.slice(j, j + 500));
  const seeded = Date.now() - t0;
  const total = (await index()).length;
  assert.equal(total, N + base);
  const bytes = await store('bytes');
  // What reading every source costs, against reading the index alone (the popup reads the index).
  const reads = await store('reads');

  const { page, tabId } = await open(`${site.url}/ridge-gazette.html`);
  const p = await ctx.newPage();
  await p.setViewportSize({ width: 330, height: 620 });
  const start = Date.now();
  await p.goto(ext(`popup.html?tab=${tabId}`));
  await p.waitForFunction(() => document.getElementById('state').dataset.state !== 'loading');
  const firstRender = Date.now() - start;
  const count = await p.locator('#manage').textContent();
  const shown = await p.locator('#state').getAttribute('data-state');
  assert.equal(count, `Sources (${N + base})`);
  assert.equal(shown, 'working', 'the popup says at once that it checks the page');
  await p.close();
  console.log(`  5,000 sources, popup: first render ${firstRender} ms`);

  const o = await ctx.newPage();
  const start3 = Date.now();
  await o.goto(ext('options.html'));
  await o.waitForSelector('section.group tbody tr');
  const optionsFirst = Date.now() - start3;
  const measured = await o.evaluate(() => performance.getEntriesByName('corroborate:options-first-render')[0]?.duration);
  console.log(`  5,000 sources, options page: first render ${optionsFirst} ms (measured in the page: ${Math.round(measured)} ms)`);
  const rows = await o.locator('tbody tr').count();
  const groups = await o.locator('section.group').count();
  await o.close();
  await page.close();

  const figures = { sources: total, seededMs: seeded, storageBytes: bytes[0], indexBytes: bytes[1],
    readAllMs: Math.round(reads[0]), readIndexMs: Math.round(reads[1]), popupFirstRenderMs: firstRender,
    optionsFirstRenderMs: optionsFirst, optionsFirstRenderMeasuredMs: Math.round(measured ?? -1), optionsRows: rows,
    optionsGroups: groups };
  console.log(`  5,000 sources: ${JSON.stringify(figures)}`);
  // Responsive: the popup's first words and the options page's first list come from the index.
  assert.ok(firstRender < 2000, `popup first render ${firstRender} ms`);
  assert.ok(optionsFirst < 3000, `options first render ${optionsFirst} ms`);
  assert.ok(rows <= groups * 100, 'long stories show their first 100 rows');
});
