// A hostile page against the extension, in Chromium and Firefox ESR. The reader saved two
// sources of a story, one of them private (its title, outlet, sentence and URL carry the token
// "Quorvant" / "7731"). The page (tests/e2e/fixtures/extension/hostile.html, whose hostile.js runs
// in <head> before the content script) patches Element.prototype.attachShadow,
// EventTarget.prototype.addEventListener and more, dispatches synthetic Alt+Shift+↓ keys and
// clicks, calls any listener it could steal with forged events, walks the DOM, shadow roots and
// frames (after each of its events, too), reads the style sheets, resource timing, the highlight
// registry and the computed look of any highlight, injects ::part and ::highlight rules for every
// name it finds or guesses and rules that hide anything added to the page, and probes the
// extension's URLs. The test asserts that the page learned nothing of the private source,
// that its synthetic events opened nothing, and that the verdict the reader sees, read inside the
// extension's frame through the browser automation (which the page cannot do), is the true one,
// visible on top. Screenshots: target/e2e/hostile-*.png.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ARTEFACTS, CHROMIUM, CHROMIUM_ARGS, REPO, mkdirp, playwright, popover, serve, textPoint,
  until } from './lib.mjs';
import { UUID, buildFor, firefox, firefoxAvailable, saveWithPopup, tabFinder } from './extension-lib.mjs';

const FIXTURES = join(REPO, 'tests/e2e/fixtures/extension');
const STORY = 'Brennholm library fire';
const PRIVATE = 'private-ledger.html?token=Quorvant7731';
const SOURCES = ['valley-courier.html', PRIVATE];
// What must never reach the page: the private source's title, outlet, sentence, URL and id.
const SECRETS = /quorvant|7731|412 rare|private.?ledger/i;
// Nor the verdict's words (the page's own text has none of them).
const VERDICT_WORDS = /contradict|confirm|disputed|unique to|related only/i;
const PLANTED = '300 rare maps were moved';

let site;
let strict; // the same pages under a CSP without 'unsafe-inline' or 'wasm-unsafe-eval'

before(async () => {
  site = await serve(FIXTURES);
  strict = await serve(FIXTURES, ['--header',
    "Content-Security-Policy: default-src 'self'; script-src 'self'; style-src 'self'"]);
});
after(async () => {
  await site?.stop();
  await strict?.stop();
});

/** The checks on what the page collected; `label` names the run. */
function assertLearnedNothing(loot, label) {
  const read = JSON.stringify(loot.read);
  assert.ok(!SECRETS.test(read), `${label}: the page read ${read.match(SECRETS)?.[0]}: ${read.slice(0, 2000)}`);
  assert.ok(!VERDICT_WORDS.test(read), `${label}: the page read the verdict words "${read.match(VERDICT_WORDS)?.[0]}"`);
  assert.equal(loot.read.shadowRoots, 0, `${label}: the patched attachShadow saw the extension's root`);
  assert.deepEqual(loot.read.listeners, [], `${label}: the patched addEventListener saw the extension's listeners`);
  assert.deepEqual(loot.read.iframeSrcs, [], `${label}: the patched src setter saw the frames' URLs`);
  assert.deepEqual(loot.read.highlights, [], `${label}: the patched registry saw the names being set`);
  assert.ok(loot.read.probes.length > 0, `${label}: the page probed`);
  for (const p of loot.read.probes) assert.ok(p.error || p.status !== 200, `${label}: ${p.url} answered ${p.status}`);
  for (const r of loot.read.resources) assert.ok(!/frame\.html|^(chrome|moz)-extension:/.test(r), `${label}: resource timing shows ${r}`);
  console.log(`  ${label}: the page sees ${loot.read.windowLength} child frames, ${loot.read.texts.length} strings, ` +
    `${loot.read.seen?.length ?? 0} seen after its events, ${loot.read.probes.length} probes`);
  for (const f of loot.read.frames) assert.ok(!/frame\.html/.test(`${f.href}${f.text}`), `${label}: frame ${JSON.stringify(f)}`);
  // The marks are not in the page: no highlight whose look (getComputedStyle of ::highlight)
  // would tell a claim's verdict, and no style rule of the extension that the page can read.
  assert.deepEqual(loot.read.registry, [], `${label}: highlights in the page's registry`);
  assert.deepEqual(loot.read.sheets, [], `${label}: style rules the page can read`);
}

// ---- Chromium ----

test('Chromium: a hostile page learns nothing of a saved private source and cannot forge or drive the verdict', async () => {
  const dir = buildFor('chromium');
  const { chromium } = await playwright();
  const profile = mkdtempSync(join(tmpdir(), 'corroborate-hostile-'));
  const ctx = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true,
    args: [...CHROMIUM_ARGS, `--disable-extensions-except=${dir}`, `--load-extension=${dir}`] });
  try {
    const sw = ctx.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
      await ctx.waitForEvent('serviceworker', { timeout: 15000 });
    const extId = new URL(sw.url()).host;
    const tabOf = (url) => until(() => sw.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id, url));
    const popup = async (tabId) => {
      const p = await ctx.newPage();
      await p.goto(`chrome-extension://${extId}/popup.html?tab=${tabId}`);
      return p;
    };

    for (const name of SOURCES) { // saved through the popup, as a reader does
      const page = await ctx.newPage();
      await page.goto(`${site.url}/${name}`);
      const p = await popup(await tabOf(`${site.url}/${name}`));
      await p.fill('#story', STORY);
      await p.click('#add');
      const said = await until(async () => (await p.locator('#message').textContent()) || null, 15000);
      assert.match(said ?? '', /^Saved /, name);
      await p.close();
      await page.close();
    }

    for (const base of [site.url, strict.url]) {
      const label = base === site.url ? 'plain' : 'strict CSP';
      // The page probes the extension's static id (public for a store extension) and guesses.
      const url = `${base}/hostile.html?probe=chrome-extension://${extId},chrome-extension://corroborate`;
      const page = await ctx.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(url);
      const tabId = await tabOf(url);
      const p = await popup(tabId); // opening the popup checks the page
      await until(async () => (await p.locator('#state').getAttribute('data-state')) === 'done', 30000);
      assert.equal(await p.locator('#state').getAttribute('data-state'), 'done', await p.locator('#state').textContent());
      await p.close();
      await page.bringToFront();
      // The extension's frames, as they are now (the page takes their host out of the document,
      // and they come back reloaded).
      const frameNow = (view) => until(() => page.frames().find((f) => f.url().includes(`/frame.html?view=${view}`) &&
        !f.isDetached()), 10000);
      const inFrame = (view, fn) => until(async () => {
        const f = await frameNow(view);
        try { return { v: await f.evaluate(fn) }; } catch { return null; } // reloading
      }, 10000).then((r) => r?.v);
      const popoverNow = async () => popover(await frameNow('popover')).catch(() => null);
      const claimShown = () => inFrame('popover', () => document.documentElement.dataset.claim ?? null);
      assert.ok(await frameNow('popover') && await frameNow('badge'), `${label}: the extension's frames`);

      // The page's attack, with no popover open: its synthetic events open nothing.
      let loot = await page.evaluate(() => window.__attack());
      assertLearnedNothing(loot, `${label}, before`);
      assert.equal(await claimShown(), null, `${label}: synthetic keys and clicks opened a claim`);
      // (A hidden iframe has no viewport; asked inside it, so that the automation adds nothing to the page.)
      assert.equal(await inFrame('popover', () => innerWidth * innerHeight), 0,
        `${label}: synthetic keys and clicks showed the popover frame`);
      const panelHidden = await inFrame('badge', () => document.querySelector('corroborate-ui').shadowRoot
        .querySelector('[part~="panel"]').hidden);
      assert.equal(panelHidden, true, `${label}: synthetic clicks opened the panel`);
      const host = await page.evaluate(() => [...document.documentElement.children]
        .find((e) => /-ui$/.test(e.localName))?.localName ?? null);
      assert.ok(host, `${label}: the frames' host is in the page`);

      // The reader hovers the planted claim: the true verdict, from the private source, in the frame.
      const at = await textPoint(page, PLANTED);
      assert.ok(at, `${label}: the planted claim is marked`);
      await page.mouse.move(at.x, at.y);
      const pop = await until(async () => {
        const v = await popoverNow();
        return v?.visible && v.text.includes('Quorvant') ? v : null;
      }, 8000);
      assert.ok(pop, `${label}: the popover shows the private source's evidence to the reader`);
      assert.match(pop.text, /Contradicted by \d+ source/);
      assert.ok(!/Confirmed by every source/.test(pop.text));
      assert.ok(pop.evidence.some((e) => /Quorvant Private Ledger/.test(e.outlet) && /contradicts/.test(e.relation)),
        JSON.stringify(pop.evidence));

      // The page attacks again while the evidence is open: still nothing learned, verdict intact,
      // and the frame is on top where it should be (not hidden by the page's rules).
      loot = await page.evaluate(() => window.__attack());
      assertLearnedNothing(loot, `${label}, open`);
      // (The page took the frames' host out of the document: it came back, its frames reloaded.)
      const again = await until(async () => {
        const v = await popoverNow();
        return v?.visible && /Contradicted by/.test(v.text) ? v : null;
      }, 8000);
      assert.ok(again, `${label}: the verdict after the attack`);
      const box = await (await (await frameNow('popover')).frameElement()).boundingBox();
      assert.ok(box && box.width > 100 && box.height > 100, `${label}: the popover frame is laid out: ${JSON.stringify(box)}`);
      const onTop = await page.evaluate(({ x, y }) => /-ui$/.test(document.elementFromPoint(x, y)?.localName ?? ''),
        { x: box.x + box.width / 2, y: box.y + box.height / 2 });
      assert.ok(onTop, `${label}: the popover frame is what the reader sees there`);
      await page.screenshot({ path: join(mkdirp(ARTEFACTS), `hostile-chromium-${base === site.url ? 'plain' : 'csp'}.png`) });

      // The reader's own keys still work: Escape closes, Alt+Shift+↓ opens the first claim.
      await page.keyboard.press('Escape');
      await until(async () => (await claimShown()) === null, 3000);
      await page.mouse.move(2, 2);
      await page.keyboard.press('Alt+Shift+ArrowDown');
      const first = await until(async () => { const v = await popoverNow(); return v?.visible ? v : null; }, 5000);
      assert.ok(first, `${label}: a trusted Alt+Shift+↓ opens a claim`);
      assert.equal(await claimShown(), '0');

      // The badge frame: its summary, out of the page's reach.
      const badge = await inFrame('badge', () => document.querySelector('corroborate-ui').shadowRoot
        .querySelector('[part~="badge"]').textContent);
      assert.match(badge, /✗ \d/);
      assert.deepEqual(errors, []);
      await page.close();
    }

    // "Add this page" takes the URL from the browser: a page that moved itself with pushState
    // onto a saved source's address cannot overwrite that source.
    const page = await ctx.newPage();
    await page.goto(`${site.url}/hostile.html`);
    const tabId = await tabOf(`${site.url}/hostile.html`);
    await page.evaluate(() => history.pushState({}, '', '/private-ledger.html?token=Quorvant7731'));
    const p = await popup(tabId);
    await p.click('#add');
    const said = await until(async () => (await p.locator('#message').textContent()) || null, 15000);
    assert.match(said ?? '', /changed its address/);
    const privateSource = await sw.evaluate(async () => Object.values(await chrome.storage.local.get(null))
      .find((s) => s?.url?.includes('private-ledger')));
    assert.equal(privateSource.outlet, 'Quorvant Private Ledger', 'the private source is untouched');
    await p.close();
    await page.close();
  } finally {
    await ctx.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

// ---- Firefox ESR ----

test('Firefox: a hostile page learns nothing of a saved private source and cannot forge or drive the verdict', async (t) => {
  if (!firefoxAvailable(t)) return;
  const ff = await firefox(buildFor('firefox'));
  const { ext, run, to, openTab, openExtTab, waitFor } = ff;
  try {
    const home = await openExtTab(`${ext}/options.html`);
    const tabOf = tabFinder(ff, home);
    await saveWithPopup(ff, tabOf, SOURCES.map((name) => `${site.url}/${name}`), STORY);

    // The probes: the add-on's id (which a page can know) and the installation's UUID (which it
    // cannot: the test fixed it, so it shows that the frame alone would answer there).
    const url = `${site.url}/hostile.html?probe=moz-extension://corroborate@corroborate.example,moz-extension://${UUID}`;
    const page = await openTab(url);
    const tab = await tabOf(url);
    await openExtTab(`${ext}/popup.html?tab=${tab}`);
    const state = await waitFor(`const s = document.getElementById('state');
      if (s.dataset.state !== 'done') throw new Error(s.textContent); return s.textContent;`, [], 30000);
    assert.match(state ?? '', /checked against 2 sources/);
    await to(page);
    const attack = () => run('return JSON.parse(JSON.stringify(await window.__attack()))');
    let loot = await attack();
    // With the UUID given to it, only frame.html (the one web-accessible file) could answer.
    const answered = loot.read.probes.filter((p) => p.status === 200).map((p) => p.url);
    assert.ok(answered.every((u) => u === `moz-extension://${UUID}/frame.html`), JSON.stringify(answered));
    loot.read.probes = loot.read.probes.filter((p) => !answered.includes(p.url) || (p.body = ''));
    assertLearnedNothing(loot, 'Firefox, before');
    assert.ok(await ff.intoFrame('popover'));
    assert.equal(await run('return document.documentElement.dataset.claim ?? null'), null, 'synthetic events opened a claim');
    await ff.top();

    // The reader moves the pointer onto the planted claim (a real, trusted pointer move).
    const at = await run(`for (const p of document.querySelectorAll('article p')) {
        if (!p.textContent.includes(args[0])) continue;
        p.scrollIntoView({ block: 'center' });
        const r = document.createRange();
        r.selectNodeContents(p);
        const q = r.getClientRects()[0];
        return { x: Math.round(q.left + 20), y: Math.round(q.top + q.height / 2) };
      } return null;`, [PLANTED]);
    assert.ok(at, 'the planted claim is marked');
    await ff.actions([{ type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' },
      actions: [{ type: 'pointerMove', x: at.x, y: at.y, duration: 50 }, { type: 'pause', duration: 400 }] }]);
    assert.ok(await ff.intoFrame('popover'));
    const shown = await waitFor(`const p = document.querySelector('corroborate-ui').shadowRoot.querySelector('[part~="popover"]');
      if (p.hidden || !p.textContent.includes('Quorvant')) throw new Error('not yet'); return p.textContent;`, [], 8000);
    await ff.top();
    assert.ok(shown, 'the popover shows the private source\'s evidence to the reader');
    assert.match(shown, /Contradicted by \d+ source/);
    assert.match(shown, /Quorvant Private Ledger/);

    loot = await attack();
    loot.read.probes = loot.read.probes.filter((p) => p.url !== `moz-extension://${UUID}/frame.html`);
    assertLearnedNothing(loot, 'Firefox, open');
    assert.ok(await ff.intoFrame('popover'));
    const after = await run(`const p = document.querySelector('corroborate-ui').shadowRoot.querySelector('[part~="popover"]');
      return { hidden: p.hidden, text: p.textContent };`);
    await ff.top();
    assert.ok(!after.hidden && /Contradicted by/.test(after.text) && !/every source/.test(after.text), JSON.stringify(after));
    const onTop = await run(`const host = [...document.documentElement.children].find((e) => /-ui$/.test(e.localName));
      const r = [...document.elementsFromPoint(args[0], args[1] + 60)];
      return { host: host?.localName, top: r[0]?.localName, display: getComputedStyle(host).display };`, [at.x, at.y]);
    assert.equal(onTop.display, 'block', 'the page\'s rules did not hide the host');
    assert.equal(onTop.top, onTop.host, `the popover frame is what the reader sees there: ${JSON.stringify(onTop)}`);
    await ff.screenshot(join(mkdirp(ARTEFACTS), 'hostile-firefox.png'));

    // "Add this page" on a page that moved itself onto the private source's address.
    await run("history.pushState({}, '', '/private-ledger.html?token=Quorvant7731'); return true;");
    await to(home);
    const moved = await run('return (await browser.tabs.get(args[0])).url', [tab]);
    assert.match(moved, /private-ledger\.html/, 'the browser reports the pushed address');
    await openExtTab(`${ext}/popup.html?tab=${tab}`);
    const refused = await run(`const add = document.getElementById('add');
      for (let i = 0; i < 200 && add.disabled; i++) await new Promise((r) => setTimeout(r, 50));
      add.click();
      const m = document.getElementById('message');
      for (let i = 0; i < 200 && !m.textContent; i++) await new Promise((r) => setTimeout(r, 50));
      return m.textContent;`);
    assert.match(refused, /changed its address/);
    await to(home);
    const kept = await run(`return Object.values(await browser.storage.local.get(null))
      .find((s) => s?.url?.includes('private-ledger'))?.outlet ?? null;`);
    assert.equal(kept, 'Quorvant Private Ledger', 'the private source is untouched');
  } finally {
    await ff.close();
  }
});
