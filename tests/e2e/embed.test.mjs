// The embed case (www/embed/: a publisher's page with one script tag) in headless Chromium:
// - served with a strict Content-Security-Policy (script-src 'self': no WebAssembly), the script
//   logs exactly one message naming 'wasm-unsafe-eval' and leaves the page untouched, and attach()
//   rejects with that message; with 'wasm-unsafe-eval' added, markers and the popover work;
// - a worker whose own CSP forbids WebAssembly hands the work to the page;
// - the host page is not broken: one global name, no style leaks, hostile page CSS, loaded twice
//   (two copies from two URLs), and the article DOM replaced (replaceWith, innerHTML).
// Variant pages are written at test time under the served folder (target/e2e/site/embed-test/).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { ARTEFACTS, REPO, claimPoint, highlights, launch, mkdirp, popover, recordReady, serve, settle,
  siteDir, until, waitReady, watchErrors } from './lib.mjs';

const STRICT = "Content-Security-Policy: script-src 'self'";
const ALLOWED = "Content-Security-Policy: script-src 'self' 'wasm-unsafe-eval'";
const PAGE = '/embed/index.html';
const TAG = /<script type="module" src="\.\.\/corroborate\.js"[^>]*><\/script>/;

let browser;
let strict; // the site served with the strict CSP
let allowed; // ... and with 'wasm-unsafe-eval'
let original; // the example page's HTML
before(async () => {
  browser = await launch();
  strict = await serve(siteDir(), ['--header', STRICT]);
  allowed = await serve(siteDir(), ['--header', ALLOWED]);
  original = readFileSync(join(siteDir(), 'embed/index.html'), 'utf8');
  assert.match(original, TAG, 'the example page has the script tag');
  writeVariants();
});
after(async () => {
  await browser?.close();
  await strict?.stop();
  await allowed?.stop();
});

/** Variants of the example page, written beside it (so its relative URLs still work). */
function writeVariants() {
  const dir = join(siteDir(), 'embed');
  const tag = original.match(TAG)[0];
  const write = (name, html) => writeFileSync(join(dir, name), html);
  // Without corroborate: the baseline for the style-leak check.
  write('t-plain.html', original.replace(TAG, ''));
  // The default, quiet on the page: without data-status="show" (the example has it).
  write('t-quiet.html', original.replace(TAG, tag.replace(' data-status="show"', '')));
  // Hostile page CSS: everything unset, and the UI host hidden.
  write('t-hostile.html', original.replace('</head>', `  <style>
    * { all: unset; }
    body, main, article, p, h1 { display: block; }
  </style>\n</head>`));
  write('t-hidden-host.html', original.replace('</head>',
    '  <style>corroborate-ui { display: none; } corroborate-slot { display: none !important; }</style>\n</head>'));
  // Loaded twice: the same tag, and a second copy of the shell from another folder.
  const copy = mkdirp(join(siteDir(), 'embed-copy'));
  for (const f of readdirSync(siteDir())) if (f.endsWith('.js')) cpSync(join(siteDir(), f), join(copy, f));
  cpSync(join(siteDir(), 'pkg'), join(copy, 'pkg'), { recursive: true });
  write('t-twice.html', original.replace(tag, `${tag}\n  ${tag.replace('../corroborate.js',
    '../embed-copy/corroborate.js')}\n  ${tag}`));
  // Imported twice as modules from two URLs (no script-tag form), each calling attach.
  write('t-imported.html', original.replace(tag, '<script type="module" src="t-imported.js"></script>'));
  write('t-imported.js', `
    const a = await import('../corroborate.js');
    const b = await import('../embed-copy/corroborate.js');
    const opts = { root: 'article', corpus: 'sources.json', exclude: 'harbour-herald' };
    const [ha, hb] = await Promise.all([a.attach(opts), b.attach(opts)]);
    document.documentElement.dataset.same = String(a.attach === b.attach && b.attach === globalThis.corroborate.attach);
    document.documentElement.dataset.claims = String(hb.claims.length);
  `);
}

/**
 * Open `path` on `server`; records, before any page script, the console messages, the ready
 * events, the page's global names and its HTML when parsed (non-enumerable, so that they are
 * not counted as globals).
 */
async function open(t, server, path, viewport = { width: 1280, height: 900 }) {
  const page = await browser.newPage({ viewport });
  t.after(() => page.close());
  const errors = watchErrors(page);
  const messages = [];
  page.on('console', (m) => messages.push({ type: m.type(), text: m.text() }));
  page.on('worker', (w) => w.on('console', (m) => messages.push({ type: m.type(), text: m.text(), worker: true })));
  await recordReady(page);
  await page.addInitScript(() => {
    const hide = (name, value) => Object.defineProperty(window, name, { value, enumerable: false });
    hide('__keys', Object.keys(window));
    hide('__names', Object.getOwnPropertyNames(window));
    document.addEventListener('DOMContentLoaded', () => {
      hide('__html', document.documentElement.outerHTML);
    });
  });
  await page.goto(server.url + path);
  return { page, errors, messages };
}

const wasmMessages = (messages) => messages.filter((m) => m.text.includes("'wasm-unsafe-eval'"));

/** What corroborate may have changed on the page. */
function pageState(page) {
  return page.evaluate(() => ({
    html: document.documentElement.outerHTML,
    parsed: window.__html,
    hosts: document.querySelectorAll('corroborate-ui').length,
    marks: document.querySelectorAll('corroborate-mark').length,
    highlights: globalThis.CSS?.highlights?.size ?? 0,
    sheets: document.adoptedStyleSheets.length + document.styleSheets.length,
    ready: window.__ready.length,
    global: typeof window.corroborate,
  }));
}

test('strict CSP: one message naming wasm-unsafe-eval, the page untouched, attach() rejects', async (t) => {
  // (data-status="show" shows it on the badge instead: tests/e2e/ui.test.mjs)
  const { page, errors, messages } = await open(t, strict, '/embed/t-quiet.html');
  await until(() => wasmMessages(messages).length > 0, 10000);
  await page.waitForTimeout(1500); // anything more would come now
  const said = wasmMessages(messages);
  assert.equal(said.length, 1, `one message: ${JSON.stringify(messages)}`);
  assert.equal(said[0].type, 'error');
  assert.match(said[0].text, /Content-Security-Policy/);
  assert.match(said[0].text, /script-src/);
  assert.deepEqual(errors.filter((e) => !e.includes("'wasm-unsafe-eval'")), [], 'no other errors');

  const state = await pageState(page);
  assert.equal(state.html, state.parsed, 'the DOM is as parsed');
  assert.equal(state.hosts, 0, 'no UI host');
  assert.equal(state.highlights, 0, 'no highlights registered');
  assert.equal(state.marks, 0);
  assert.equal(state.sheets, 1, 'no style added (only the site\'s own site.css)');
  assert.equal(state.ready, 0, 'no ready event');

  // The module API: attach() rejects with an Error carrying the same message, and load() too.
  const api = await page.evaluate(async () => {
    const m = await import('/corroborate.js');
    const out = {};
    for (const [name, call] of [['attach', () => m.attach({ corpus: 'sources.json' })], ['load', () => m.load()]]) {
      try { await call(); out[name] = 'resolved'; } catch (e) { out[name] = { error: e instanceof Error, message: e.message }; }
    }
    return out;
  });
  for (const name of ['attach', 'load']) {
    assert.equal(api[name].error, true, `${name} rejects with an Error: ${JSON.stringify(api[name])}`);
    assert.equal(api[name].message, said[0].text, `${name}: the same message`);
  }
  const after = await pageState(page);
  assert.equal(after.html, state.parsed, 'still untouched after attach()');
  assert.equal(after.hosts + after.highlights + after.marks, 0);
  assert.equal(wasmMessages(messages).length, 1, 'attach() does not log');
  await page.screenshot({ path: join(mkdirp(ARTEFACTS), 'embed-strict-csp.png') });
});

/** Wait for the first annotation of the example page and check its markers. */
async function annotated(page) {
  await waitReady(page);
  const painted = await highlights(page);
  const total = Object.values(painted).reduce((n, h) => n + h.size, 0);
  assert.ok(total > 5, `markers painted: ${JSON.stringify(Object.fromEntries(
    Object.entries(painted).map(([k, v]) => [k, v.size])))}`);
  return painted;
}

test("CSP with 'wasm-unsafe-eval': markers painted and the popover works", async (t) => {
  const { page, errors, messages } = await open(t, allowed, PAGE);
  const painted = await annotated(page);
  for (const v of ['confirmed', 'contradicted', 'disputed', 'unique']) {
    assert.ok(painted[v].size > 0, `${v} is painted: ${JSON.stringify(painted[v].texts)}`);
  }
  const claims = await page.evaluate(() => window.__ready[0].detail.claims);
  assert.ok(claims.every((c) => c.evidence.every((e) => e.source !== 'harbour-herald')),
    'data-exclude: the page is never compared with itself');

  // Click the disputed "5 passengers" claim: its popover shows the differing number.
  const at = await claimPoint(page, '5 passengers were injured');
  assert.ok(at, 'the claim is on screen');
  await page.mouse.click(at.x, at.y);
  const pop = await until(async () => { const p = await popover(page); return p?.visible && p; });
  assert.ok(pop, 'the popover opens');
  assert.equal(pop.role, 'dialog');
  assert.ok(pop.evidence.length >= 2, JSON.stringify(pop.evidence));
  assert.ok(pop.marks.some((m) => /\b3\b|three/i.test(m.text)), `the differing number is marked: ${JSON.stringify(pop.marks)}`);
  await settle(page);
  await page.screenshot({ path: join(mkdirp(ARTEFACTS), 'embed-allowed-csp.png') });

  assert.deepEqual(wasmMessages(messages), [], 'no CSP message');
  assert.deepEqual(errors, [], 'no console errors');
});

test('a worker whose own CSP forbids WebAssembly hands the work to the page', async (t) => {
  // Per-path headers: the worker's script is served with the strict policy, the rest allows.
  const srv = await headerServer(siteDir(), (path) =>
    (path.endsWith('/worker.js') ? STRICT : ALLOWED).split(': '));
  t.after(() => srv.stop());
  const { page, errors, messages } = await open(t, srv, PAGE);
  await annotated(page);
  assert.ok(srv.served.includes('/worker.js'), 'the worker was tried');
  assert.deepEqual(errors, [], 'no console errors');
  assert.deepEqual(wasmMessages(messages), [], 'no CSP message: the page could do the work');
});

test('one global name, frozen; nothing else on window', async (t) => {
  const { page, errors } = await open(t, allowed, PAGE);
  await annotated(page);
  const g = await page.evaluate(() => ({
    added: Object.keys(window).filter((k) => !window.__keys.includes(k)),
    names: Object.getOwnPropertyNames(window).filter((k) => !window.__names.includes(k) &&
      !['__keys', '__names', '__html', '__ready'].includes(k)),
    api: Object.keys(window.corroborate).sort(),
    frozen: Object.isFrozen(window.corroborate),
    version: window.corroborate.version,
  }));
  assert.deepEqual(g.added.filter((k) => k !== '__ready'), ['corroborate']);
  assert.deepEqual(g.names, ['corroborate']);
  assert.deepEqual(g.api, ['attach', 'load', 'loadCorpus', 'version']);
  assert.equal(g.frozen, true);
  const cargo = readFileSync(join(REPO, 'Cargo.toml'), 'utf8').match(/^version = "(.*)"/m)[1];
  assert.equal(g.version, cargo, 'version is the crate version');
  assert.deepEqual(errors, []);
});

/** Every computed style of every element of the page (but corroborate's host and slot), in order. */
function styles(page) {
  return page.evaluate(() => [...document.querySelectorAll('html, html *')]
    .filter((e) => e.localName !== 'corroborate-ui' && e.localName !== 'corroborate-slot' && !e.closest('head'))
    .map((e) => {
      const s = getComputedStyle(e);
      return { el: `${e.localName}${e.id ? `#${e.id}` : ''}`,
        style: Object.fromEntries([...s].map((p) => [p, s.getPropertyValue(p)])) };
    }));
}

// The properties whose resolved value is a used length of the element's box: on a narrow screen
// the slot after the article (the badge, in the page's flow) makes its container taller.
const BOX = new Set(['height', 'block-size', 'perspective-origin', 'transform-origin']);

test('no style leaks: every page element computes the same styles with corroborate as without', async (t) => {
  // 1600 px: the badge and panel docked beside (no slot); 390 px: the badge in the slot, which
  // only makes the elements that hold it taller.
  for (const [viewport, box] of [[{ width: 1600, height: 900 }, new Set()], [{ width: 390, height: 844 }, BOX]]) {
    const plain = await open(t, allowed, '/embed/t-plain.html', viewport);
    await plain.page.waitForLoadState('load');
    const before = await styles(plain.page);
    const { page, errors } = await open(t, allowed, PAGE, viewport);
    await annotated(page);
    const slots = await page.evaluate(() => document.querySelectorAll('corroborate-slot').length);
    assert.equal(slots, box.size ? 1 : 0, `${viewport.width} px: the slot exactly when docked below`);
    const after = await styles(page);
    assert.equal(after.length, before.length);
    const changed = after.flatMap(({ el, style }, i) => Object.entries(style)
      .filter(([p, v]) => before[i].style[p] !== v && !box.has(p)).map(([p, v]) => `${el} ${p}: ${before[i].style[p]} → ${v}`));
    assert.deepEqual(changed, [], `${viewport.width} px: no element changed`);
    assert.deepEqual(errors, []);
  }
  const { page, errors } = await open(t, allowed, PAGE);
  await annotated(page);
  // The only page-level style: one constructed sheet of ::highlight rules (and the fallback marks).
  const sheets = await page.evaluate(() => document.adoptedStyleSheets.map((s) =>
    [...s.cssRules].map((r) => r.cssText)).flat());
  assert.ok(sheets.length > 0);
  for (const rule of sheets) assert.match(rule, /^(::highlight\(corroborate-|corroborate-mark|@media)/, rule);
  assert.deepEqual(errors, []);
});

/** The UI's badge and popover work: visible, and a click on a claim opens a visible popover. */
async function uiWorks(page) {
  const badge = await page.evaluate(() => {
    const b = ['corroborate-ui', 'corroborate-slot'].map((t) => document.querySelector(t)?.shadowRoot
      ?.querySelector('[part~="badge"]')).find(Boolean); // (docked below the article: in the slot)
    const r = b?.getBoundingClientRect();
    return b ? { visible: b.checkVisibility({ opacityProperty: true, visibilityProperty: true }) && r.width > 0, text: b.textContent } : null;
  });
  assert.ok(badge?.visible, `the badge is visible: ${JSON.stringify(badge)}`);
  const at = await claimPoint(page, 'collision happened');
  assert.ok(at, 'the claim is on screen');
  await page.mouse.click(at.x, at.y);
  const pop = await until(async () => { const p = await popover(page); return p?.visible && p; });
  assert.ok(pop, 'the popover opens and is visible');
  assert.ok(pop.evidence.length > 0);
}

test('hostile page CSS (* { all: unset }) does not break the UI', async (t) => {
  const { page, errors } = await open(t, allowed, '/embed/t-hostile.html');
  await annotated(page);
  await uiWorks(page);
  assert.deepEqual(errors, []);
});

test('page CSS hiding the host (corroborate-ui, corroborate-slot { display: none }) does not hide the UI',
  async (t) => {
    const { page, errors } = await open(t, allowed, '/embed/t-hidden-host.html');
    await annotated(page);
    await uiWorks(page);
    assert.deepEqual(errors, []);
  });

test('loaded twice (two tags with the same URL and a copy from another folder): one UI, one set of highlights', async (t) => {
  const once = await open(t, allowed, PAGE);
  await annotated(once.page);
  const single = await highlights(once.page);

  const { page, errors, messages } = await open(t, allowed, '/embed/t-twice.html');
  await annotated(page);
  await page.waitForTimeout(1000); // a second annotation would come now
  const state = await pageState(page);
  assert.equal(state.hosts, 1, 'one UI host');
  assert.equal(state.ready, 1, 'annotated once');
  const twice = await highlights(page);
  assert.deepEqual(Object.fromEntries(Object.entries(twice).map(([k, v]) => [k, v.texts])),
    Object.fromEntries(Object.entries(single).map(([k, v]) => [k, v.texts])), 'the same highlights as loaded once');
  assert.deepEqual(errors, []);
  assert.deepEqual(wasmMessages(messages), []);
  await uiWorks(page);
});

test('imported twice from two URLs: the second copy hands attach() to the first', async (t) => {
  const { page, errors } = await open(t, allowed, '/embed/t-imported.html');
  await page.waitForFunction(() => document.documentElement.dataset.claims, null, { timeout: 30000 });
  const state = await pageState(page);
  assert.equal(state.hosts, 1, 'one UI host');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.same), 'true');
  assert.ok(Number(await page.evaluate(() => document.documentElement.dataset.claims)) > 5);
  assert.deepEqual(errors, []);
  await uiWorks(page);
});

/** Replace the article (as an SPA does) and wait for the next annotation of the new one. */
async function replaceAndCheck(page, how) {
  const n = await page.evaluate(() => window.__ready.length);
  await page.evaluate(how);
  await waitReady(page, n + 1);
  await page.waitForTimeout(800); // no loop: nothing more comes
  const state = await page.evaluate(() => {
    const article = document.querySelector('article');
    const ranges = [...CSS.highlights].flatMap(([, h]) => [...h]);
    return {
      ready: window.__ready.length,
      root: window.__ready.at(-1).detail.root === article,
      inNew: ranges.length > 0 && ranges.every((r) => article.contains(r.startContainer)),
      texts: ranges.map((r) => r.toString()),
      hosts: document.querySelectorAll('corroborate-ui').length,
      slots: [...document.querySelectorAll('corroborate-slot')].map((s) => s.previousElementSibling === article),
    };
  });
  assert.equal(state.ready, n + 1, 'one new annotation, no loop');
  assert.ok(state.root, 'the ready event names the new article');
  assert.ok(state.inNew, 'every highlight is in the new article');
  assert.equal(state.hosts, 1);
  assert.deepEqual(state.slots, [true], 'one slot, right after the new article');
  return state;
}

test('survives the page replacing the article DOM (replaceWith, innerHTML on the container, innerHTML on the root)', async (t) => {
  const { page, errors } = await open(t, allowed, PAGE);
  await annotated(page);
  // 1. replaceWith: a new <article> (an SPA rendering the next story; here a shortened one).
  const s1 = await replaceAndCheck(page, () => {
    const old = document.querySelector('article');
    const fresh = old.cloneNode(true);
    fresh.querySelectorAll('p:nth-of-type(n+6)').forEach((p) => p.remove());
    old.replaceWith(fresh);
  });
  assert.ok(s1.texts.some((x) => x.includes('collision happened')));
  assert.ok(!s1.texts.some((x) => x.includes('café')), 'the removed paragraphs are not painted');
  // 2. innerHTML on the container: the article is parsed anew.
  await replaceAndCheck(page, () => {
    const main = document.querySelector('main');
    main.innerHTML = main.innerHTML; // eslint-disable-line no-self-assign
  });
  // 3. innerHTML on the article itself: the root stays, its content is new.
  const s3 = await replaceAndCheck(page, () => {
    const a = document.querySelector('article');
    a.innerHTML = a.innerHTML.replace('212 passengers', '200 passengers');
  });
  assert.ok(s3.texts.some((x) => x.includes('200 passengers')));
  await uiWorks(page);
  assert.deepEqual(errors, []);
});

// ---- A static server with per-path response headers (scripts/serve.mjs sets one set for all) ----

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json', '.wasm': 'application/wasm', '.css': 'text/css; charset=utf-8' };

/** Serve `root` on 127.0.0.1; `header(path)` gives [name, value] for each response. */
function headerServer(root, header) {
  const base = resolve(root);
  const served = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = resolve(join(base, path));
    served.push(path);
    const [name, value] = header(path);
    let body;
    try {
      if (!file.startsWith(base + sep)) throw new Error('outside');
      body = readFileSync(file);
    } catch {
      res.writeHead(404, { [name]: value });
      return res.end();
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', [name]: value });
    res.end(body);
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({
    url: `http://127.0.0.1:${server.address().port}`,
    served,
    stop: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }),
  })));
}
