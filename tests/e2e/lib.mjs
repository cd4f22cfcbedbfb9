// Shared helpers of the end-to-end tests and the browser benchmark: the browser (playwright-core
// driving the system Chromium; never a downloaded browser), the static server, the ../shared
// rule, and the artefact folder.

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository root. */
export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** Where screenshots and generated pages go (never committed: target/ is ignored). */
export const ARTEFACTS = join(REPO, 'target/e2e');
/** The test data beside the repository (read at test time, never copied into it); SHARED_DIR
 * overrides it (e.g. to check the skip). */
export const SHARED = process.env.SHARED_DIR ?? resolve(REPO, '../shared');

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** playwright-core from the repository's node_modules/ (package-lock.json's version). */
export async function playwright() {
  const entry = join(REPO, 'node_modules/playwright-core/index.mjs');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run scripts/setup`);
  return import(pathToFileURL(entry).href);
}

/** Launch the system Chromium, headless. */
export async function launch() {
  const { chromium } = await playwright();
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found (apt install chromium)`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** The base URL of the server that scripts/e2e started (E2E_BASE), without a trailing slash. */
export function baseURL() {
  const base = process.env.E2E_BASE;
  if (!base) throw new Error('E2E_BASE is not set: run the tests through scripts/e2e');
  return base.replace(/\/$/, '');
}

/** The folder the server serves (E2E_SITE): tests write their generated pages under it. */
export function siteDir() {
  const dir = process.env.E2E_SITE;
  if (!dir) throw new Error('E2E_SITE is not set: run the tests through scripts/e2e');
  return dir;
}

/**
 * Collect console errors and page errors of a page and of its workers. Returns the live list
 * of messages ("console: ..." / "pageerror: ...").
 */
export function watchErrors(page) {
  const errors = [];
  const onConsole = (where) => (msg) => {
    if (msg.type() === 'error') errors.push(`${where} console: ${msg.text()} (${msg.location()?.url ?? ''})`);
  };
  page.on('console', onConsole('page'));
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('worker', (w) => w.on('console', onConsole('worker')));
  page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => { if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`); });
  return errors;
}

/**
 * The ../shared rule: returns the seed files ([{name, text}], sorted) or null after printing a
 * visible "skipping" line; under CI=true a missing ../shared throws instead.
 */
export function seeds() {
  const dir = join(SHARED, 'seeds');
  if (!existsSync(dir)) {
    if (process.env.CI === 'true') throw new Error(`${dir} not found, and CI=true: the seed tests must run`);
    console.log(`skipping: ../shared not found (${dir}): the seed-page test does not run`);
    return null;
  }
  return readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()
    .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
}

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((ok, ko) => {
    const s = createServer();
    s.once('error', ko);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

/**
 * Start scripts/serve.mjs on `root` (127.0.0.1, a free port) and wait until it answers.
 * Resolves to {url, stop()}.
 */
export async function serve(root, extraArgs = []) {
  const port = await freePort();
  const child = spawn(process.execPath, [join(REPO, 'scripts/serve.mjs'), '--root', root,
    '--port', String(port), '--host', '127.0.0.1', ...extraArgs], { stdio: ['ignore', 'pipe', 'inherit'] });
  child.stdout.resume();
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`scripts/serve.mjs exited with ${child.exitCode}`);
    try {
      await fetch(url + '/');
      break;
    } catch {
      if (Date.now() > deadline) { child.kill(); throw new Error(`${url} did not answer`); }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return { url, stop: () => new Promise((r) => { child.once('exit', r); child.kill(); }) };
}

/** Make a folder (and its parents); returns it. */
/**
 * A static index's shard files by kind, read from its manifest (format 2 lists packs as
 * [name, …] and each partitioned kind's parts as [name, bytes]): {files: {sources, stats, …},
 * all}, each a path relative to the index folder (`s/<name>.bin`).
 */
export function indexFiles(manifest) {
  const file = ([name]) => `s/${name}.bin`;
  const files = { sources: manifest.packs.map(file) };
  for (const [kind, rows] of Object.entries(manifest.parts)) files[kind] = rows.map(file);
  return { files, all: Object.values(files).flat() };
}

export function mkdirp(dir) {
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Escape text for an HTML text node or attribute of a generated page. */
export function esc(s) {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * An article page: a heading, then paragraphs of `text` (one per line) in <article>, the
 * shell imported from `shell` (a URL path) as `window.corroborate`, and `script` (module code; may be empty).
 */
export function articlePage({ title, text, shell = '/corroborate.js', script = '' }) {
  const paras = text.split(/\r?\n/).map((p) => p.trim()).filter(Boolean)
    .map((p) => `    <p>${esc(p)}</p>`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <link rel="icon" href="data:,">
  <title>${esc(title)}</title>
</head>
<body>
  <h1>${esc(title)}</h1>
  <article>
${paras}
  </article>
  <script type="module">
    import * as corroborate from ${JSON.stringify(shell)};
    window.corroborate = corroborate;
${script}
  </script>
</body>
</html>
`;
}

// ---- In-page probes ----

export const VERDICTS = ['confirmed', 'contradicted', 'disputed', 'related', 'unique'];

/**
 * Before any page script runs, record every `corroborate:ready` event in `window.__ready`
 * ({at, detail}), so that no event is missed however early it fires.
 */
export async function recordReady(page) {
  await page.addInitScript(() => {
    window.__ready = [];
    document.addEventListener('corroborate:ready', (e) => {
      window.__ready.push({ at: performance.now(), detail: e.detail });
    });
  });
}

/** Wait until at least `n` ready events were recorded; resolves to their count. */
export async function waitReady(page, n = 1, timeout = 30000) {
  await page.waitForFunction((k) => (window.__ready?.length ?? 0) >= k, n, { timeout });
  return page.evaluate(() => window.__ready.length);
}

/**
 * The painted highlights: {verdict: {size, texts}} with each range's text (control white space
 * read as a space, as the shell's extraction does), for the five verdicts and `active`.
 */
export function highlights(page) {
  return page.evaluate((verdicts) => {
    const out = {};
    for (const v of [...verdicts, 'active']) {
      const h = globalThis.CSS?.highlights?.get(`corroborate-${v}`);
      out[v] = { size: h?.size ?? 0,
        texts: h ? [...h].map((r) => r.toString().replace(/[\t\n\r\f\v]/g, ' ')) : [] };
    }
    return out;
  }, VERDICTS);
}

/**
 * Scroll the painted range of the claim whose text contains `needle` into view and return the
 * middle of its first line's rectangle (viewport coordinates), or null.
 */
export function claimPoint(page, needle) {
  return page.evaluate((needle) => {
    for (const [, h] of globalThis.CSS?.highlights ?? []) {
      for (const r of h) {
        if (!r.toString().replace(/\s+/g, ' ').includes(needle)) continue;
        r.startContainer.parentElement.scrollIntoView({ block: 'center' });
        const q = [...r.getClientRects()].find((q) => q.width > 4 && q.height > 4);
        if (q) return { x: q.left + q.width / 2, y: q.top + q.height / 2 };
      }
    }
    return null;
  }, needle);
}

/** The open popover, read through the open shadow root of <corroborate-ui>, or null. */
export function popover(page) {
  return page.evaluate(() => {
    const root = document.querySelector('corroborate-ui')?.shadowRoot;
    const p = root?.querySelector('[part~="popover"]');
    if (!p) return null;
    const r = p.getBoundingClientRect();
    const style = getComputedStyle(p);
    const visible = !p.hidden && style.display !== 'none' && style.visibility !== 'hidden' &&
      Number(style.opacity) > 0 && r.width > 0 && r.height > 0;
    const all = (sel) => [...p.querySelectorAll(sel)];
    return {
      visible,
      role: p.getAttribute('role'),
      text: p.textContent.replace(/\s+/g, ' ').trim(),
      marks: all('mark[data-op]').map((m) => ({ op: m.dataset.op, text: m.textContent.trim() })),
      evidence: all('[part~="evidence"]').map((e) => ({
        outlet: e.querySelector('[part~="outlet"]')?.textContent.trim() ?? null,
        relation: e.querySelector('[part~="relation"]')?.textContent.trim() ?? null,
        sentence: e.querySelector('[part~="sentence"]')?.textContent.trim() ?? null,
        reasons: [...e.querySelectorAll('[part~="reason"]')].map((x) => x.textContent.trim()),
        link: e.querySelector('a[part~="source-link"]')?.getAttribute('href') ?? null,
      })),
    };
  });
}

/** Poll `fn` (async) until it returns a truthy value or `timeout` ms pass; returns the last value. */
export async function until(fn, timeout = 5000, every = 50) {
  const end = Date.now() + timeout;
  let v;
  while (!(v = await fn()) && Date.now() < end) await new Promise((r) => setTimeout(r, every));
  return v;
}

/** Wait for the page's and the UI's running animations (e.g. the popover fading in) to end. */
export function settle(page) {
  return page.evaluate(() => Promise.all([
    ...document.getAnimations(),
    ...(document.querySelector('corroborate-ui')?.shadowRoot?.getAnimations() ?? []),
  ].map((a) => a.finished.catch(() => {}))));
}

/**
 * Scroll the first text node of the page that contains `needle` into view and return the middle
 * of the needle's first line box (viewport coordinates), or null. (For the extension, whose marks
 * are not in the page.)
 */
export function textPoint(page, needle) {
  return page.evaluate((needle) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const at = n.data.indexOf(needle);
      if (at < 0) continue;
      n.parentElement.scrollIntoView({ block: 'center' });
      const r = document.createRange();
      r.setStart(n, at);
      r.setEnd(n, at + needle.length);
      const q = [...r.getClientRects()].find((q) => q.width > 4 && q.height > 4);
      if (q) return { x: q.left + Math.min(q.width / 2, 40), y: q.top + q.height / 2 };
    }
    return null;
  }, needle);
}
