// The reader's UI in every state, in headless Chromium (issue 11, parts 3 to 5):
// - publisher states: with data-status="show" the badge says why a page was not checked (the
//   corpus not found, unreachable, malformed, empty; no element for data-root; WebAssembly
//   blocked by the CSP), as text; without it the page stays quiet (console only);
// - the popover never hides evidence without a cue; the panel docks beside or below the article
//   (1280 px) and the badge never covers text (390 px); the legend is one key from the badge;
//   the counts are the same everywhere; the words read out are the popover's own;
// - axe-core: no serious or critical violation on the demo with a popover open (light, dark,
//   390 px), with the panel open, on the embed example and on a publisher state;
// - a keyboard-only walk through every claim of a page.
// Screenshots: target/e2e/ui-*.png. Variant pages are written under the served folder.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTEFACTS, claimPoint, highlights, launch, mkdirp, popover, recordReady, serve, settle,
  siteDir, until, waitReady } from './lib.mjs';
import { axeViolations } from './axe.mjs';

const STRICT = "Content-Security-Policy: script-src 'self'";
const ALLOWED = "Content-Security-Policy: script-src 'self' 'wasm-unsafe-eval'";
const TAG = /<script type="module" src="\.\.\/corroborate\.js"[^>]*><\/script>/;
const WIDE = { width: 1280, height: 900 };
const NARROW = { width: 390, height: 844 };

let browser;
let site; // the site, WebAssembly allowed
let strict; // the site, WebAssembly forbidden by its CSP
before(async () => {
  browser = await launch();
  site = await serve(siteDir(), ['--header', ALLOWED]);
  strict = await serve(siteDir(), ['--header', STRICT]);
  writeVariants();
});
after(async () => {
  await browser?.close();
  await site?.stop();
  await strict?.stop();
});

/** The example page with other script-tag attributes, and the corpus files they point at. */
function writeVariants() {
  const dir = join(siteDir(), 'embed');
  const original = readFileSync(join(dir, 'index.html'), 'utf8');
  assert.match(original, /data-status="show"/, 'the embed example shows its failures');
  const tag = (attrs) => `<script type="module" src="../corroborate.js" ${attrs}></script>`;
  const write = (name, attrs) => writeFileSync(join(dir, name), original.replace(TAG, tag(attrs)));
  writeFileSync(join(dir, 't-bad.json'), '{"sources": [{"id": "a", "text": "x"},]}');
  writeFileSync(join(dir, 't-empty.json'), '{"sources": []}');
  writeFileSync(join(dir, 't-only-self.json'), JSON.stringify({ sources: [{ id: 'harbour-herald',
    text: 'The ferry was carrying 212 passengers and 14 crew.' }] }));
  const ok = 'data-root="article" data-exclude="harbour-herald"';
  write('t-missing.html', `data-corpus="no-such.json" ${ok} data-status="show"`);
  write('t-missing-quiet.html', `data-corpus="no-such.json" ${ok}`);
  write('t-unreachable.html', `data-corpus="http://127.0.0.1:9/sources.json" ${ok} data-status="show"`);
  write('t-malformed.html', `data-corpus="t-bad.json" ${ok} data-status="show"`);
  write('t-empty.html', `data-corpus="t-empty.json" ${ok} data-status="show"`);
  write('t-only-self.html', `data-corpus="t-only-self.json" ${ok} data-status="show"`);
  write('t-no-root.html', 'data-corpus="sources.json" data-root="#no-such-root" data-exclude="harbour-herald" data-status="show"');
}

async function open(t, server, path, { viewport = WIDE, colorScheme = 'light' } = {}) {
  const page = await browser.newPage({ viewport, colorScheme });
  t.after(() => page.close());
  const messages = [];
  page.on('console', (m) => messages.push({ type: m.type(), text: m.text() }));
  page.on('pageerror', (e) => messages.push({ type: 'pageerror', text: e.message }));
  await recordReady(page);
  await page.goto(server.url + path);
  return { page, messages };
}

/**
 * The UI's parts as the reader sees them: text and boxes (viewport coordinates). The badge and
 * panel are in <corroborate-ui>'s shadow root, or, docked below the article, in the shadow root of
 * <corroborate-slot>, in the page's flow after it (`slotted`).
 */
function ui(page) {
  return page.evaluate(() => {
    const main = document.querySelector('corroborate-ui')?.shadowRoot;
    if (!main) return null;
    const slot = document.querySelector('corroborate-slot')?.shadowRoot;
    const box = (e) => {
      if (!e || e.hidden || !e.checkVisibility()) return null;
      const r = e.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, left: r.left, right: r.right, width: r.width, height: r.height };
    };
    const q = (s) => main.querySelector(s) ?? slot?.querySelector(s);
    const root = { activeElement: main.activeElement ?? slot?.activeElement,
      querySelectorAll: (s) => [...main.querySelectorAll(s), ...(slot?.querySelectorAll(s) ?? [])] };
    return {
      slotted: Boolean(slot?.querySelector('[part~="badge"]')),
      panelSlotted: Boolean(slot?.querySelector('[part~="panel"]')),
      panelDock: q('[part~="panel"]').dataset.dock ?? null,
      slot: document.querySelectorAll('corroborate-slot').length,
      dock: q('[part~="badge"]').dataset.dock ?? null,
      badge: { text: q('[part~="badge"]').textContent.replace(/\s+/g, ' ').trim(), box: box(q('[part~="badge"]')),
        state: q('[part~="badge"]').dataset.state ?? null, label: q('[part~="badge"]').getAttribute('aria-label'),
        html: q('[part~="badge"]').innerHTML },
      panel: { text: q('[part~="panel"]').textContent.replace(/\s+/g, ' ').trim(), box: box(q('[part~="panel"]')),
        legend: [...root.querySelectorAll('[part~="legend"] li')].map((li) => li.textContent.trim()) },
      live: q('[part~="live"]').textContent,
      focus: root.activeElement?.getAttribute('part') ?? null,
    };
  });
}

/** Click a part of the UI (the badge, ...), wherever it is docked. */
const press = (page, part) => page.evaluate((part) => {
  const roots = ['corroborate-ui', 'corroborate-slot'].map((t) => document.querySelector(t)?.shadowRoot);
  roots.map((r) => r?.querySelector(`[part~="${part}"]`)).find(Boolean).click();
}, part);

/** Scroll a part of the UI into view, wherever it is docked. */
const scrollToPart = (page, part) => page.evaluate((part) => {
  const roots = ['corroborate-ui', 'corroborate-slot'].map((t) => document.querySelector(t)?.shadowRoot);
  roots.map((r) => r?.querySelector(`[part~="${part}"]`)).find(Boolean).scrollIntoView({ block: 'center' });
}, part);

const overlap = (a, b) => a && b && a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** The boxes of every line of text on the page outside the UI (document coordinates). */
function textLines(page) {
  return page.evaluate(() => {
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.data.trim() || !n.parentElement.checkVisibility()) continue;
      const r = document.createRange();
      r.selectNodeContents(n);
      for (const q of r.getClientRects()) {
        if (q.width > 1 && q.height > 1) out.push({ text: n.data.trim().slice(0, 30), top: q.top + scrollY,
          bottom: q.bottom + scrollY, left: q.left + scrollX, right: q.right + scrollX });
      }
    }
    return out;
  });
}

/** A box in viewport coordinates moved to document coordinates. */
const inDocument = async (page, b) => {
  const { x, y } = await page.evaluate(() => ({ x: scrollX, y: scrollY }));
  return b && { top: b.top + y, bottom: b.bottom + y, left: b.left + x, right: b.right + x };
};

async function shot(page, name) {
  await settle(page);
  const path = join(mkdirp(ARTEFACTS), `ui-${name}.png`);
  await page.screenshot({ path });
  console.log(`  screenshot: ${path}`);
}

// ---- Publisher states ----

const STATES = [
  ['t-missing.html', 'not-found', /corpus was not found \(HTTP 404\)/],
  ['t-unreachable.html', 'unreachable', /corpus could not be fetched/],
  ['t-malformed.html', 'malformed', /corpus is not a valid corpus file/],
  ['t-empty.html', 'empty', /corpus has no sources to compare with/],
  ['t-only-self.html', 'only-self', /corpus has no sources to compare with/],
  ['t-no-root.html', 'no-root', /no element on the page matches the root “#no-such-root”/],
];

for (const [file, name, words] of STATES) {
  test(`data-status="show": the badge says ${name}, as text, and the console has the detail`, async (t) => {
    const { page, messages } = await open(t, site, `/embed/${file}`);
    const got = await until(async () => { const u = await ui(page); return u?.badge.state === 'error' && u; }, 15000);
    assert.ok(got, `the badge shows a failure: ${JSON.stringify(await ui(page))}`);
    assert.match(got.badge.text, words);
    assert.match(got.badge.text, /^corroborate /);
    assert.ok(got.badge.box, 'the badge is visible');
    assert.ok(got.badge.box.bottom <= WIDE.height && got.badge.box.right <= WIDE.width, 'in the window, without scrolling');
    assert.ok(!/<(?!\/?(b|span)[ >])/.test(got.badge.html), `only text in the badge: ${got.badge.html}`);
    assert.ok(messages.some((m) => (m.type === 'error' || m.type === 'warning') && /corroborate/.test(m.text)),
      `the console says it too: ${JSON.stringify(messages)}`);
    // The badge opens the details, and the live region said it.
    await press(page, 'badge');
    const opened = await until(async () => { const u = await ui(page); return u.panel.box && u; });
    assert.match(opened.panel.text, /could not check this page/);
    const article = await page.evaluate(() => { const r = document.querySelector('article').getBoundingClientRect(); return { top: r.top, bottom: r.bottom, left: r.left, right: r.right }; });
    assert.ok(!overlap(opened.panel.box, article), 'the panel keeps off the article');
    assert.ok(!overlap(opened.badge.box, article), 'the badge keeps off the article');
    // (the live region is filled a moment after the badge, so that it is heard as a change)
    const live = await until(async () => words.test((await ui(page)).live) && (await ui(page)).live, 2000);
    assert.ok(live, `the live region says it: ${(await ui(page)).live}`);
    await shot(page, `status-${name}`);
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot(page, `status-${name}-dark`);
    // 390 px: the badge below the article, in the page; scrolled to, it covers no text.
    const narrow = await open(t, site, `/embed/${file}`, { viewport: NARROW });
    await until(async () => (await ui(narrow.page))?.badge.state === 'error', 15000);
    await scrollToPart(narrow.page, 'badge');
    const lines = await textLines(narrow.page);
    const badge = await inDocument(narrow.page, (await ui(narrow.page)).badge.box);
    assert.deepEqual(lines.filter((l) => overlap(l, badge)), [], '390 px: the badge covers no text');
    assert.match((await ui(narrow.page)).badge.text, words, '390 px: the same words');
    await shot(narrow.page, `status-${name}-390`);
  });
}

test('data-status="show": "no sources to compare with" stays at every re-check while it holds, and goes when it does not', async (t) => {
  const { page } = await open(t, site, '/embed/t-only-self.html');
  await waitReady(page);
  const words = /the corpus has no sources to compare with/;
  const first = await until(async () => { const u = await ui(page); return u?.badge.state === 'error' && u; }, 15000);
  assert.ok(first, 'the badge shows the state');
  assert.ok(await until(async () => words.test((await ui(page)).live), 2000), 'read out when it begins');
  // Record what the live region says from now on.
  await page.evaluate(() => {
    window.__live = [];
    const live = document.querySelector('corroborate-ui').shadowRoot.querySelector('[part~="live"]');
    new MutationObserver(() => { if (live.textContent) window.__live.push(live.textContent); })
      .observe(live, { childList: true, characterData: true, subtree: true });
  });
  // Two re-checks (the article's text changes): the state holds, and so does the message.
  for (const [k, text] of [[2, 'The ferry was carrying 200 passengers and 14 crew.'], [3, 'The ferry was late.']]) {
    await page.evaluate((text) => { document.querySelector('article p').textContent = text; }, text);
    await waitReady(page, k, 10000);
    await page.waitForTimeout(300);
    const u = await ui(page);
    assert.equal(u.badge.state, 'error', `re-check ${k - 1}: still shown`);
    assert.match(u.badge.text, words);
  }
  assert.deepEqual(await page.evaluate(() => window.__live), [], 'not read out again while it holds');
  // It no longer holds: the article is attached again with a corpus that has sources.
  await page.evaluate(() => import('/corroborate.js').then((m) => m.attach({ root: 'article',
    corpus: '/embed/sources.json', exclude: 'harbour-herald', status: 'show' })));
  const counts = await until(async () => { const u = await ui(page); return u.badge.state === null && u; }, 15000);
  assert.ok(counts, 'the message is gone');
  assert.equal((counts.badge.text.match(/[✓✗±≈◇] \d+/g) ?? []).length, 5, `the counts instead: ${counts.badge.text}`);
  assert.doesNotMatch(counts.badge.text, words);
  await press(page, 'badge');
  const panel = await until(async () => { const u = await ui(page); return u.panel.box && u; });
  assert.doesNotMatch(panel.panel.text, /could not check this page/);
  assert.match(panel.panel.text, /claims? checked against \d+ sources?/);
});

test('the demo shows its failures too: its corpus not found, on the badge and in its status line', async (t) => {
  const page = await browser.newPage({ viewport: WIDE });
  t.after(() => page.close());
  await page.route('**/demo/corpus.json', (r) => r.fulfill({ status: 404, body: 'not found' }));
  await page.goto(`${site.url}/index.html`);
  const got = await until(async () => { const u = await ui(page); return u?.badge.state === 'error' && u; }, 15000);
  assert.ok(got, `the badge shows the failure: ${JSON.stringify(await ui(page))}`);
  assert.match(got.badge.text, /the corpus was not found \(HTTP 404\)/);
  const status = await page.evaluate(() => document.querySelector('#status').textContent);
  assert.match(status, /could not start: .*HTTP 404/);
  await shot(page, 'status-demo-not-found');
});

test('without data-status the page stays quiet: no UI, a console message', async (t) => {
  const { page, messages } = await open(t, site, '/embed/t-missing-quiet.html');
  await until(() => messages.some((m) => /HTTP 404/.test(m.text) && m.type === 'error'), 10000);
  await page.waitForTimeout(500);
  assert.equal(await page.evaluate(() => document.querySelectorAll('corroborate-ui').length), 0, 'no UI host');
  assert.ok(messages.some((m) => m.type === 'error' && /corpus/.test(m.text)), JSON.stringify(messages));
});

test('data-status="show" under a CSP forbidding WebAssembly: the badge says so', async (t) => {
  const { page, messages } = await open(t, strict, '/embed/index.html');
  const got = await until(async () => { const u = await ui(page); return u?.badge.state === 'error' && u; }, 10000);
  assert.ok(got, 'the badge shows the failure');
  assert.match(got.badge.text, /WebAssembly is blocked by this page’s Content-Security-Policy/);
  assert.ok(got.badge.box?.bottom <= WIDE.height, 'in the window, without scrolling');
  const article = await page.evaluate(() => { const r = document.querySelector('article').getBoundingClientRect(); return { top: r.top, bottom: r.bottom, left: r.left, right: r.right }; });
  assert.ok(!overlap(got.badge.box, article), 'the badge keeps off the article');
  assert.equal(messages.filter((m) => m.text.includes("'wasm-unsafe-eval'")).length, 1, 'one console message');
  assert.equal(await page.evaluate(() => CSS.highlights.size), 0, 'nothing painted');
  await shot(page, 'status-csp');
  assert.deepEqual(await axeViolations(page), [], 'axe: a publisher state');
  for (const [scheme, viewport, name] of [['dark', WIDE, 'status-csp-dark'], ['light', NARROW, 'status-csp-390']]) {
    const other = await open(t, strict, '/embed/index.html', { viewport, colorScheme: scheme });
    await until(async () => (await ui(other.page))?.badge.state === 'error', 10000);
    await shot(other.page, name);
  }
});

// ---- The demo: popover, panel, legend, counts, announcements ----

async function demo(t, options) {
  const got = await open(t, site, '/index.html#harbour-herald', options);
  await waitReady(got.page);
  return got;
}

const claimsOf = (page) => page.evaluate(() => window.__ready.at(-1).detail.claims
  .map(({ index, text, verdict, sources }) => ({ index, text, verdict, sources })));

/** The popover's evidence items: how many, and how many lie wholly within its visible box. */
const fit = (page) => page.evaluate(() => {
  const root = document.querySelector('corroborate-ui').shadowRoot;
  const p = root.querySelector('[part~="popover"]');
  const more = root.querySelector('[part~="more-sources"]');
  const cue = more && !more.hidden ? more.getBoundingClientRect() : null;
  const box = p.getBoundingClientRect();
  const bottom = cue ? cue.top : box.bottom;
  const items = [...p.querySelectorAll('[part~="evidence"]')];
  return { items: items.length, inView: items.filter((e) => e.getBoundingClientRect().bottom <= bottom + 1).length,
    cue: cue ? more.textContent : null, inViewport: box.top >= 0 && box.bottom <= innerHeight && box.left >= 0 && box.right <= innerWidth };
});

test('the popover never hides evidence without a cue, and the cue shows it', async (t) => {
  const { page } = await demo(t, { viewport: { width: 1280, height: 420 } }); // a short window
  const claims = await claimsOf(page);
  const many = claims.filter((c) => c.sources.length >= 2).sort((a, b) => b.sources.length - a.sources.length)[0];
  assert.ok(many, 'a claim with several sources');
  const at = await claimPoint(page, many.text.slice(0, 30));
  await page.mouse.click(at.x, at.y);
  await until(async () => (await popover(page))?.visible);
  let f = await fit(page);
  assert.ok(f.inViewport, 'the popover fits in the viewport');
  assert.ok(f.items >= 2);
  if (f.inView < f.items) {
    const hiddenCount = f.items - f.inView;
    assert.match(f.cue ?? '', new RegExp(`^${hiddenCount} more sources? below`), `a cue names what is hidden: ${JSON.stringify(f)}`);
    await shot(page, 'popover-more-sources');
    // Each click brings more into view, until all was seen and the cue is gone.
    const scrolled = () => page.evaluate(() => document.querySelector('corroborate-ui').shadowRoot.querySelector('[part~="popover"]').scrollTop);
    for (let i = 0; i < 20 && f.cue; i++) {
      const was = await scrolled();
      await page.evaluate(() => document.querySelector('corroborate-ui').shadowRoot.querySelector('[part~="more-sources"]').click());
      await page.waitForTimeout(500);
      assert.ok(await scrolled() > was, 'the cue scrolls on');
      f = await fit(page);
    }
    assert.equal(f.cue, null, 'the cue leads to the last source');
  } else {
    assert.equal(f.cue, null, 'no cue when all is in view');
  }
  void f;
  // Scrolled to the end, everything has been in view and the cue is gone.
  await page.evaluate(() => { const p = document.querySelector('corroborate-ui').shadowRoot.querySelector('[part~="popover"]'); p.scrollTop = p.scrollHeight; });
  await page.waitForTimeout(200);
  assert.equal((await fit(page)).cue, null, 'no cue at the end');
});

test('the panel docks beside the article at 1280 px, and shows the legend one key from the badge', async (t) => {
  const { page } = await demo(t);
  // Keyboard: Tab to the badge, Enter.
  let onBadge = false;
  for (let i = 0; i < 20 && !onBadge; i++) {
    await page.keyboard.press('Tab');
    onBadge = (await ui(page)).focus === 'badge';
  }
  assert.ok(onBadge, 'Tab reaches the badge');
  const article = await page.evaluate(() => { const r = document.querySelector('#story').getBoundingClientRect(); return { top: r.top, bottom: r.bottom, left: r.left, right: r.right }; });
  const closed = await ui(page);
  assert.ok(!overlap(closed.badge.box, article), 'the badge is beside the article');
  await page.keyboard.press('Enter');
  const got = await until(async () => { const u = await ui(page); return u.panel.box && u; });
  assert.ok(got, 'Enter opens the panel');
  assert.ok(!overlap(got.panel.box, article), `the panel does not cover the article: ${JSON.stringify([got.panel.box, article])}`);
  assert.equal(got.panel.legend.length, 5, 'the legend: one line per verdict');
  assert.match(got.panel.text, /How to read the marks/);
  // One rule for counts: all five, the same numbers in the badge, the panel and the page's status line.
  const summary = await page.evaluate(() => window.__ready.at(-1).detail.summary);
  const status = await page.evaluate(() => document.querySelector('#status').textContent);
  for (const [i, v] of ['confirmed', 'contradicted', 'disputed', 'related', 'unique'].entries()) {
    assert.ok(got.badge.text.includes(`${summary[v]}`), `badge: ${v}`);
    assert.ok(got.badge.text.includes(`${summary[v]} ${v}`), `the badge's name has the words: ${v}`);
    assert.ok(got.panel.legend[i].startsWith(`${['✓', '✗', '±', '≈', '◇'][i]} ${summary[v]} ${v}`), `legend: ${got.panel.legend[i]}`);
    assert.ok(status.includes(`${summary[v]} ${v}`), `status line: ${v}`);
  }
  assert.equal((got.badge.text.match(/[✓✗±≈◇] \d+/g) ?? []).length, 5, `the badge shows all five counts: ${got.badge.text}`);
  // The same words for what was checked: the panel's heading opens the status line, and the
  // badge's name (what a screen reader says) has it too.
  const heading = await page.evaluate(() => document.querySelector('corroborate-ui').shadowRoot
    .querySelector('[part~="panel"] h2').textContent);
  assert.match(heading, /^\d+ claims checked against 3 sources$/);
  assert.ok(status.startsWith(`${heading} in `), `the status line: ${status}`);
  assert.ok(got.badge.text.includes(`(${heading};`), `the badge's name: ${got.badge.text}`);
  await shot(page, 'panel-1280');
  assert.deepEqual(await axeViolations(page), [], 'axe: the demo with the panel open');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, 'panel-1280-dark');
  assert.deepEqual(await axeViolations(page), [], 'axe: the demo with the panel open, dark');
  await page.emulateMedia({ colorScheme: 'light' });
  // Escape closes the panel and focus is on the badge.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Escape');
  const back = await until(async () => { const u = await ui(page); return !u.panel.box && u; });
  assert.ok(back, 'Escape closes the panel');
  assert.equal(back.focus, 'badge', 'focus returns to the badge');
});

test('at 390 px the badge covers no text, wherever the reader has scrolled', async (t) => {
  const { page } = await demo(t, { viewport: NARROW });
  const lines = await textLines(page);
  for (const y of [0, 600, 1200, 2400, 99999]) { // anywhere the reader has scrolled to
    await page.evaluate((y) => scrollTo(0, y), y);
    await page.waitForTimeout(100);
    const badge = await inDocument(page, (await ui(page)).badge.box);
    const under = lines.filter((l) => overlap(l, badge));
    assert.deepEqual(under, [], `the badge covers no text at scrollY ${y}: ${JSON.stringify(badge)}`);
  }
  await shot(page, 'badge-390');
  // The embed example too.
  const embed = await open(t, site, '/embed/index.html', { viewport: NARROW });
  await waitReady(embed.page);
  const embedLines = await textLines(embed.page);
  for (const y of [0, 99999]) {
    await embed.page.evaluate((y) => scrollTo(0, y), y);
    await embed.page.waitForTimeout(100);
    const badge = await inDocument(embed.page, (await ui(embed.page)).badge.box);
    assert.deepEqual(embedLines.filter((l) => overlap(l, badge)), [], `embed: the badge covers no text at scrollY ${y}`);
  }
  await shot(embed.page, 'embed-badge-390');
});

/**
 * The boxes of every line of text in the root and after it, in document order (document
 * coordinates), with `after` set on those that follow the root.
 */
function textFrom(page, selector) {
  return page.evaluate((selector) => {
    const root = document.querySelector(selector);
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const after = Boolean(root.compareDocumentPosition(n) & Node.DOCUMENT_POSITION_FOLLOWING) && !root.contains(n);
      if (!(after || root.contains(n)) || !n.data.trim() || !n.parentElement.checkVisibility()) continue;
      const r = document.createRange();
      r.selectNodeContents(n);
      for (const q of r.getClientRects()) {
        if (q.width > 1 && q.height > 1) out.push({ text: n.data.trim().slice(0, 30), after, top: q.top + scrollY,
          bottom: q.bottom + scrollY, left: q.left + scrollX, right: q.right + scrollX });
      }
    }
    return out;
  }, selector);
}

// The open panel never covers text: docked beside the article (fixed) on a wide screen, in the
// page's flow right after the article otherwise, where it pushes what follows down.
// (The panel docks beside when the margin has 292 px: the demo's has 324 px at 1280 px, the
// embed example's 288 px.)
const PANEL_CASES = [
  ['demo', '390', NARROW, 'below'],
  ['demo', '1000', { width: 1000, height: 800 }, 'below'], // a wide screen whose margin is too narrow
  ['demo', '1280', WIDE, 'side'],
  ['embed', '390', NARROW, 'below'],
  ['embed', '1280', WIDE, 'below'],
];
const PAGES = { demo: ['/index.html#harbour-herald', '#story'], embed: ['/embed/index.html', 'article'] };
for (const [name0, width, viewport, dock] of PANEL_CASES) {
  const [page0, selector] = PAGES[name0];
  {
    test(`${name0}, ${width} px: the open panel (docked ${dock}) covers no text in or after the article`, async (t) => {
      const { page } = await open(t, site, page0, { viewport });
      await waitReady(page);
      await press(page, 'badge');
      const got = await until(async () => { const u = await ui(page); return u.panel.box && u; });
      assert.ok(got, 'the badge opens the panel');
      assert.equal(got.panelDock, dock, `docked ${dock}`);
      assert.equal(got.panelSlotted, dock === 'below', 'in the page\'s flow exactly when docked below');
      assert.equal(got.slot, got.slotted || got.panelSlotted ? 1 : 0, 'one slot element, only when something is docked below');
      const lines = await textFrom(page, selector);
      assert.ok(lines.filter((l) => l.after).length > 3, 'there is text after the article');
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      for (let y = 0; y <= height; y += Math.round(viewport.height / 2)) { // wherever the reader scrolls
        await page.evaluate((y) => scrollTo(0, y), y);
        await page.waitForTimeout(60);
        const u = await ui(page);
        const panel = await inDocument(page, u.panel.box);
        const badge = await inDocument(page, u.badge.box);
        assert.deepEqual(lines.filter((l) => overlap(l, panel)), [], `the panel covers no text at scrollY ${y}: ${JSON.stringify(panel)}`);
        if (badge) assert.deepEqual(lines.filter((l) => overlap(l, badge)), [], `the badge covers no text at scrollY ${y}`);
      }
      if (dock === 'below') {
        // In the flow: below the article's last line, and what followed the article now follows the panel.
        await scrollToPart(page, 'panel');
        const panel = await inDocument(page, (await ui(page)).panel.box);
        const inRoot = lines.filter((l) => !l.after);
        const next = lines.find((l) => l.after);
        assert.ok(panel.top >= Math.max(...inRoot.map((l) => l.bottom)), 'the panel is after the article');
        assert.ok(next.top >= panel.bottom, `the text after the article is pushed below the panel: ${JSON.stringify([next, panel])}`);
      }
      const right = await page.evaluate((s) => innerWidth - document.querySelector(s).getBoundingClientRect().right, selector);
      assert.equal(dock === 'side', right >= 292, `the margin (${right} px) decides`);
      if (width === '1000') return;
      await scrollToPart(page, 'panel');
      await shot(page, `${name0}-panel-${width}`);
      await page.emulateMedia({ colorScheme: 'dark' });
      await shot(page, `${name0}-panel-${width}-dark`);
      if (name0 === 'demo' && width === '390') {
        const v = await axeViolations(page);
        assert.deepEqual(v, [], `axe: the panel in the page's flow: ${JSON.stringify(v, null, 1)}`);
      }
    });
  }
}

test('the panel follows the window: from 390 px to 1600 px it leaves the flow and docks beside, and back, focus kept', async (t) => {
  const { page } = await demo(t, { viewport: NARROW });
  await press(page, 'badge');
  assert.ok(await until(async () => (await ui(page)).panelSlotted), 'in the flow at 390 px');
  await page.evaluate(() => document.querySelector('corroborate-slot').shadowRoot.querySelector('[part~="badge"]').focus());
  await page.setViewportSize({ width: 1600, height: 900 });
  const wide = await until(async () => { const u = await ui(page); return u.panelDock === 'side' && u.dock === 'side' && u; }, 3000);
  assert.ok(wide, 'docked beside at 1600 px');
  assert.equal(wide.slot, 0, 'the slot is gone');
  assert.ok(wide.panel.box, 'the panel is still open');
  assert.equal(wide.focus, 'badge', 'focus stays on the badge');
  await page.setViewportSize(NARROW);
  const back = await until(async () => { const u = await ui(page); return u.panelSlotted && u.slotted && u; }, 3000);
  assert.ok(back, 'back in the flow');
  assert.equal(back.focus, 'badge', 'focus still on the badge');
});

test('wording: a disputed claim in grammatical words; what is read out is what the popover shows', async (t) => {
  const { page } = await demo(t);
  const claims = await claimsOf(page);
  const disputed = claims.find((c) => c.verdict === 'disputed');
  assert.ok(disputed, 'the demo page has a disputed claim');
  for (let i = 0; i <= disputed.index; i++) await page.keyboard.press('Alt+Shift+ArrowDown');
  await until(async () => (await popover(page))?.text.includes('Disputed'));
  const parts = await page.evaluate(() => {
    const r = document.querySelector('corroborate-ui').shadowRoot;
    const t = (s) => r.querySelector(s)?.textContent.trim() ?? '';
    return { position: t('[part~="position"]'), verdict: t('[part~="verdict"]'), conflict: t('[part~="conflict"]') };
  });
  assert.match(parts.verdict, /^± Disputed: (1 source confirms|\d+ sources confirm) it, (1 contradicts|\d+ contradict) it$/);
  assert.equal(parts.position, `Claim ${disputed.index + 1} of ${claims.length}`);
  const live = await until(async () => { const u = await ui(page); return u.live.startsWith(parts.position) && u.live; }, 2000);
  assert.ok(live, 'announced');
  assert.ok(live.includes(parts.verdict.slice(2)), `the verdict as shown: ${live}`);
  if (parts.conflict) assert.ok(live.includes(parts.conflict), `the conflict as shown: ${live}`);
  assert.ok(live.includes(disputed.text.trim()), 'the claim marked on the page');
});

// ---- axe-core on the demo with a popover open, and on the embed example ----

for (const [name, options] of [['light', {}], ['dark', { colorScheme: 'dark' }], ['390', { viewport: NARROW }]]) {
  test(`axe: the demo with a popover open (${name}): no serious or critical violations`, async (t) => {
    const { page } = await demo(t, options);
    await page.keyboard.press('Alt+Shift+ArrowDown');
    await page.keyboard.press('Alt+Shift+ArrowDown');
    await until(async () => (await popover(page))?.visible);
    await shot(page, `popover-${name}`);
    const v = await axeViolations(page);
    assert.deepEqual(v, [], JSON.stringify(v, null, 1));
  });
}

test('axe: the embed example, annotated, with a popover open: no serious or critical violations', async (t) => {
  const { page } = await open(t, site, '/embed/index.html');
  await waitReady(page);
  assert.deepEqual(await axeViolations(page), [], 'the page with its badge');
  const at = await claimPoint(page, '5 passengers were injured');
  await page.mouse.click(at.x, at.y);
  await until(async () => (await popover(page))?.visible);
  await shot(page, 'embed-popover');
  const v = await axeViolations(page);
  assert.deepEqual(v, [], JSON.stringify(v, null, 1));
});

// ---- A keyboard-only walk through a page's claims ----

test('keyboard only: every claim in turn, Enter and Escape, focus back where it was', async (t) => {
  const { page } = await open(t, site, '/embed/index.html');
  await waitReady(page);
  const claims = await claimsOf(page);
  // Start from a link of the page's own navigation, reached with Tab.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  const start = await page.evaluate(() => document.activeElement.outerHTML);
  assert.match(start, /^<a /, 'focus on a link of the page');
  for (let i = 0; i < claims.length; i++) {
    await page.keyboard.press('Alt+Shift+ArrowDown');
    const active = await until(async () => { const a = (await highlights(page)).active.texts[0]; return a === claims[i].text && a; }, 2000);
    assert.ok(active, `claim ${i + 1} is the active one`);
    const state = await until(async () => { const u = await ui(page); return u.focus === 'popover' && u; }, 2000);
    assert.ok(state, `focus is in claim ${i + 1}'s popover`);
    const live = await until(async () => { const u = await ui(page); return u.live.startsWith(`Claim ${i + 1} of ${claims.length}:`) && u.live; }, 2000);
    assert.ok(live, `claim ${i + 1} is announced`);
  }
  await page.keyboard.press('Alt+Shift+ArrowDown'); // wraps to the first
  assert.equal(await until(async () => (await highlights(page)).active.texts[0] === claims[0].text), true, 'wraps around');
  await page.keyboard.press('Alt+Shift+ArrowUp'); // and back to the last
  assert.equal(await until(async () => (await highlights(page)).active.texts[0] === claims.at(-1).text), true, 'back to the last');
  // Tab within the popover reaches its controls; Enter on the close button closes it.
  await page.keyboard.press('Tab');
  const inPopover = await page.evaluate(() => {
    const r = document.querySelector('corroborate-ui').shadowRoot;
    return r.querySelector('[part~="popover"]').contains(r.activeElement);
  });
  assert.ok(inPopover, 'Tab stays in the popover');
  await page.keyboard.press('Escape');
  assert.ok(await until(async () => !(await popover(page))?.visible), 'Escape closes the popover');
  assert.equal(await page.evaluate(() => document.activeElement.outerHTML), start, 'focus returns to the link');
  // The panel's claim list: Tab to the badge, Enter, Tab to a claim, Enter opens it, Escape twice.
  let onBadge = false;
  for (let i = 0; i < 30 && !onBadge; i++) {
    await page.keyboard.press('Tab');
    onBadge = (await ui(page)).focus === 'badge';
  }
  assert.ok(onBadge, 'Tab reaches the badge');
  await page.keyboard.press('Enter');
  for (let i = 0; i < 5 && (await ui(page)).focus !== 'claim'; i++) await page.keyboard.press('Tab');
  assert.equal((await ui(page)).focus, 'claim', 'Tab reaches the panel\'s claim list');
  await page.keyboard.press('Enter');
  assert.ok(await until(async () => (await popover(page))?.visible), 'Enter on a claim opens its popover');
  await page.keyboard.press('Escape');
  assert.ok(await until(async () => !(await popover(page))?.visible), 'Escape closes it');
  assert.equal((await ui(page)).focus, 'claim', 'focus back on the claim in the panel');
  await page.keyboard.press('Escape');
  assert.ok(await until(async () => { const u = await ui(page); return !u.panel.box && u.focus === 'badge'; }),
    'Escape closes the panel, focus on the badge');
});
