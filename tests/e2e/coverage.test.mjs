// Issue 12 in the shell, in headless Chromium: a page whose story has none of the sources.
// - an invented article on another story (tests/e2e/fixtures/shell/unrelated.html), checked
//   against the demo corpus (the ferry at Caldmoor): nothing is marked; the handle, its summary
//   and the corroborate:ready event carry `story: null`, `sources: 0` and `available: 4`; the
//   badge, the panel and the live region say "No coverage of this story among your 4 sources"
//   ("1 source" with a one-source corpus); axe-core finds no serious or critical violation;
// - the same page with data-all-sources="true" is compared with every source, and marked;
// - the demo page still marks its claims, and names the story it matched.
// Screenshots: target/e2e/coverage-*.png. The fixture and its variants are written under the
// served folder (target/e2e/site/shell-fixtures/).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTEFACTS, REPO, VERDICTS, highlights, launch, mkdirp, recordReady, serve, settle,
  siteDir, until, waitReady, watchErrors } from './lib.mjs';
import { axeViolations } from './axe.mjs';

const ALLOWED = "Content-Security-Policy: script-src 'self' 'wasm-unsafe-eval'";
const WIDE = { width: 1280, height: 900 };
const NARROW = { width: 390, height: 844 };
const NONE = (n) => `No coverage of this story among your ${n} ${n === 1 ? 'source' : 'sources'}`;

let browser;
let site;
before(async () => {
  browser = await launch();
  site = await serve(siteDir(), ['--header', ALLOWED]);
  const dir = mkdirp(join(siteDir(), 'shell-fixtures'));
  const fixture = join(REPO, 'tests/e2e/fixtures/shell/unrelated.html');
  copyFileSync(fixture, join(dir, 'unrelated.html'));
  const html = readFileSync(fixture, 'utf8');
  const demo = JSON.parse(readFileSync(join(siteDir(), 'demo/corpus.json'), 'utf8'));
  writeFileSync(join(dir, 'one-source.json'), JSON.stringify({ sources: demo.sources.slice(0, 1) }));
  writeFileSync(join(dir, 'one-source.html'), html.replace('data-corpus="/demo/corpus.json"',
    'data-corpus="one-source.json"'));
  writeFileSync(join(dir, 'all-sources.html'), html.replace('data-status="show"',
    'data-status="show" data-all-sources="true"'));
  // The demo page (its own copy of the shell) with the article as one more outlet of its corpus:
  // read as that outlet, the page's sources are the four ferry reports.
  const copy = mkdirp(join(siteDir(), 'shell-fixtures/demo'));
  for (const f of readdirSync(siteDir())) {
    if (/\.(js|css|html|svg)$/.test(f)) cpSync(join(siteDir(), f), join(copy, f));
  }
  cpSync(join(siteDir(), 'pkg'), join(copy, 'pkg'), { recursive: true });
  const article = html.slice(html.indexOf('<article'), html.indexOf('</article>'));
  const paras = [...article.matchAll(/<(?:h1|p)>([^<]*)<\/(?:h1|p)>/g)].map((m) => m[1].replace(/&#39;/g, "'"));
  mkdirp(join(copy, 'demo'));
  writeFileSync(join(copy, 'demo/corpus.json'), JSON.stringify({ sources: [...demo.sources, {
    id: 'upland-bulletin', outlet: 'The Upland Bulletin', title: paras[0], text: paras.join('\n\n') }] }));
});
after(async () => {
  await browser?.close();
  await site?.stop();
});

async function open(t, path, { viewport = WIDE, colorScheme = 'light' } = {}) {
  const page = await browser.newPage({ viewport, colorScheme });
  t.after(() => page.close());
  const errors = watchErrors(page);
  await recordReady(page);
  await page.goto(site.url + path);
  await waitReady(page);
  return { page, errors };
}

/** The last ready event's story, counts and claims. */
const ready = (page) => page.evaluate(() => {
  const { story, sources, available, summary, claims } = window.__ready.at(-1).detail;
  return { story, sources, available, summary, claims: claims.length };
});

/** The badge, the panel and the live region, wherever the badge and panel are docked. */
const ui = (page) => page.evaluate(() => {
  const roots = ['corroborate-ui', 'corroborate-slot'].map((t) => document.querySelector(t)?.shadowRoot);
  const q = (s) => roots.map((r) => r?.querySelector(s)).find(Boolean);
  const badge = q('[part~="badge"]');
  const panel = q('[part~="panel"]');
  const text = (e) => e.textContent.replace(/\s+/g, ' ').trim();
  return { badge: text(badge), state: badge.dataset.state ?? null, panel: panel.hidden ? null : text(panel),
    live: q('[part~="live"]').textContent, html: badge.innerHTML };
});
const press = (page, part) => page.evaluate((part) => {
  const roots = ['corroborate-ui', 'corroborate-slot'].map((t) => document.querySelector(t)?.shadowRoot);
  roots.map((r) => r?.querySelector(`[part~="${part}"]`)).find(Boolean).click();
}, part);

async function shot(page, name) {
  await settle(page);
  const path = join(mkdirp(ARTEFACTS), `coverage-${name}.png`);
  await page.screenshot({ path });
  console.log(`  screenshot: ${path}`);
}

const painted = async (page) => Object.values(await highlights(page)).reduce((n, h) => n + h.size, 0);

test('an article on another story: nothing marked, and "no coverage" said everywhere, the same words', async (t) => {
  const { page, errors } = await open(t, '/shell-fixtures/unrelated.html');
  const got = await ready(page);
  assert.equal(got.story, null, 'no story among the sources');
  assert.equal(got.sources, 0, 'no source compared');
  assert.equal(got.available, 4, 'the demo corpus has 4 usable sources');
  assert.equal(got.summary.story, null, 'the summary carries the story too');
  assert.equal(got.summary.sources, 0);
  assert.equal(got.summary.available, 4);
  assert.equal(got.claims, 0, 'no claim is marked unique');
  assert.equal(await painted(page), 0, 'no marks on the page');
  // The handle says the same.
  const handle = await page.evaluate(async () => {
    const m = await import('/corroborate.js');
    const h = await m.attach({ root: 'article', corpus: '/demo/corpus.json', status: 'show' });
    return { story: h.story, sources: h.sources, available: h.available, summary: h.summary, claims: h.claims.length };
  });
  assert.deepEqual(handle, { story: null, sources: 0, available: 4, summary: got.summary, claims: 0 });

  const u = await until(async () => { const x = await ui(page); return x.live && x; }, 3000);
  assert.equal(u.state, 'coverage');
  assert.match(u.badge, new RegExp(`^corroborate ${NONE(4)} `), u.badge);
  assert.equal(u.live, `corroborate: ${NONE(4)}`, 'read out: the badge\'s words');
  assert.ok(!/<(?!\/?(b|span)[ >])/.test(u.html), `only text in the badge: ${u.html}`);
  await press(page, 'badge');
  const p = await until(async () => (await ui(page)).panel, 3000);
  assert.ok(p?.startsWith(NONE(4)), `the panel says it first: ${p}`);
  assert.doesNotMatch(p, /could not check/, 'not a failure');
  assert.deepEqual(await axeViolations(page), [], 'axe: the no-coverage state, panel open');
  await shot(page, 'none');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, 'none-dark');
  assert.deepEqual(errors, []);
});

test('at 390 px, the no-coverage badge sits after the article and covers no text', async (t) => {
  const { page } = await open(t, '/shell-fixtures/unrelated.html', { viewport: NARROW });
  const u = await until(async () => { const x = await ui(page); return x.state === 'coverage' && x; }, 3000);
  assert.ok(u, 'the badge says it');
  const overlaps = await page.evaluate(() => {
    const badge = document.querySelector('corroborate-slot')?.shadowRoot?.querySelector('[part~="badge"]');
    if (!badge) return null;
    badge.scrollIntoView({ block: 'center' });
    const b = badge.getBoundingClientRect();
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.data.trim()) continue;
      const r = document.createRange();
      r.selectNodeContents(n);
      for (const q of r.getClientRects()) {
        if (q.left < b.right && b.left < q.right && q.top < b.bottom && b.top < q.bottom) out.push(n.data.trim().slice(0, 30));
      }
    }
    return out;
  });
  assert.deepEqual(overlaps, [], 'in the flow after the article, over no text');
  await shot(page, 'none-390');
});

test('one source: "among your 1 source"', async (t) => {
  const { page } = await open(t, '/shell-fixtures/one-source.html');
  const got = await ready(page);
  assert.equal(got.story, null);
  assert.equal(got.available, 1);
  const u = await until(async () => { const x = await ui(page); return x.live && x; }, 3000);
  assert.match(u.badge, new RegExp(`^corroborate ${NONE(1)} `));
  assert.equal(u.live, `corroborate: ${NONE(1)}`);
});

test('data-all-sources="true": the same article is compared with every source, and marked', async (t) => {
  const { page, errors } = await open(t, '/shell-fixtures/all-sources.html');
  const got = await ready(page);
  assert.ok(got.claims > 3, `claims: ${got.claims}`);
  assert.equal(got.sources, 4, 'every source compared');
  assert.equal(await painted(page), got.claims, 'each claim marked');
  const u = await ui(page);
  assert.equal(u.state, null, 'the counts, not "no coverage"');
  assert.equal((u.badge.match(/[✓✗±≈◇] \d+/g) ?? []).length, 5, u.badge);
  assert.deepEqual(errors, []);
});

test('the demo page still marks its claims against its story\'s sources, and the panel names the story', async (t) => {
  const { page, errors } = await open(t, '/index.html#harbour-herald');
  const got = await ready(page);
  assert.ok(got.story && typeof got.story.id === 'string' && got.story.label, `a story: ${JSON.stringify(got.story)}`);
  assert.equal(got.sources, 3, 'the other three outlets');
  assert.equal(got.available, 3);
  assert.ok(got.claims > 10);
  const sizes = await highlights(page);
  for (const v of VERDICTS) assert.ok(sizes[v].size > 0, `${v} claims are painted`);
  const status = await page.evaluate(() => document.querySelector('#status').textContent);
  assert.match(status, /^\d+ claims checked against 3 sources in \d+ ms: \d+ confirmed, /);
  await press(page, 'badge');
  const p = await until(async () => (await ui(page)).panel, 3000);
  assert.ok(p.includes(`Story: ${got.story.label}`), `the panel names the story: ${p}`);
  assert.deepEqual(errors, []);
});

test('the demo read as an outlet of another story: its status line says "no coverage" too, in the badge\'s words', async (t) => {
  const { page, errors } = await open(t, '/shell-fixtures/demo/index.html#upland-bulletin');
  const got = await ready(page);
  assert.equal(got.story, null);
  assert.equal(got.available, 4, 'the four ferry reports (the page itself left out)');
  assert.equal(await painted(page), 0, 'nothing marked');
  const status = await page.evaluate(() => document.querySelector('#status').textContent);
  assert.equal(status, `${NONE(4)}.`);
  const u = await until(async () => { const x = await ui(page); return x.live && x; }, 3000);
  assert.match(u.badge, new RegExp(`^corroborate ${NONE(4)} `));
  assert.equal(u.live, `corroborate: ${NONE(4)}`);
  await shot(page, 'demo-none');
  assert.deepEqual(errors, []);
});
