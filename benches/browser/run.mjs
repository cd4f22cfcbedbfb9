// The browser benchmark (not a timed test): for each case (a page and what it is checked
// against), in headless Chromium, measure
//   - attach → painted: from calling attach() to the frame after the markers are painted
//     (cold: the engine host also loads the corpus or the index's manifest and shards; warm:
//     refresh() with the engine ready, i.e. extract + annotate in the worker + paint);
//   - engine ready: the cold run minus the warm one (worker start, wasm init, corpus fetch,
//     parse and index; for an index: the manifest, the page's shards and the story's engine);
//   - a second page in the same browser context (a new page and a new worker; the HTTP cache
//     holds what the first one fetched): attach → painted again;
//   - the bytes each page fetched, from PerformanceResourceTiming in the page and its workers
//     (transferSize 0: from the HTTP cache), the requests, and the rounds of shard requests;
//   - the longest main-thread task in each window (PerformanceObserver 'longtask' entries, which
//     Chromium reports from 50 ms up), cross-checked by the longest gap between animation frames;
//   - a baseline in the same run, on a fresh page: the bare engine on the main thread
//     (`new Engine(corpusText)` then `annotate(text)`, no worker, no extraction, no painting);
//   - Pagefind's index of the same corpus (as static pages), searched for the page's claim terms.
// Prints tables of medians and writes them to target/bench-browser.md.
//
// Usage (through scripts/bench-browser, which builds the pages and serves them):
//   BENCH_BASE=http://127.0.0.1:PORT BENCH_SITE=DIR node benches/browser/run.mjs CASE...
// where each CASE is a folder under BENCH_SITE holding page.txt and about.json, whose `kind` is
// json (with corpus.json), index (with the index folder named by `index`) or pagefind (with
// Pagefind's bundle in pagefind/ and the queries in `query`).

import { readFileSync, readdirSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { REPO, articlePage, launch } from '../../tests/e2e/lib.mjs';
import { rounds, traffic } from './measure.mjs';

const base = process.env.BENCH_BASE?.replace(/\/$/, '');
const site = process.env.BENCH_SITE;
const defaultRuns = Number(process.env.RUNS ?? 5);
const cases = process.argv.slice(2);
if (!base || !site || !cases.length) {
  console.error('usage: BENCH_BASE=URL BENCH_SITE=DIR node benches/browser/run.mjs CASE...');
  process.exit(2);
}

// Runs before any other script of a bench page: long tasks and animation-frame gaps, timestamped.
const PROBES = `
  performance.setResourceTimingBufferSize(100000);
  window.__long = [];
  try {
    new PerformanceObserver((l) => { for (const e of l.getEntries()) __long.push([e.startTime, e.duration]); })
      .observe({ type: 'longtask', buffered: true });
  } catch {}
  window.__loaf = [];
  try {
    new PerformanceObserver((l) => { for (const e of l.getEntries()) {
      const top = [...e.scripts].sort((a, b) => b.duration - a.duration)[0];
      __loaf.push([e.startTime, e.duration, top ? \`\${top.invoker} (\${Math.round(top.duration)} ms)\` : 'rendering']);
    } }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {}
  window.__gaps = [];
  let last = performance.now();
  const frame = (t) => { __gaps.push([last, t - last]); last = t; requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
`;

/** Files (count, bytes) under a folder, following symbolic links. */
function onDisk(dir, keep = () => true) {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(dir, { recursive: true })) {
    const info = statSync(join(dir, entry));
    if (info.isFile() && keep(entry)) { files++; bytes += info.size; }
  }
  return { files, bytes };
}

/** Write the bench page of a case: the article, the probes, the shell imported (not attached). */
function writePage(name) {
  const dir = join(site, name);
  const about = JSON.parse(readFileSync(join(dir, 'about.json'), 'utf8'));
  const text = readFileSync(join(dir, 'page.txt'), 'utf8');
  const html = articlePage({ title: about.title, text, shell: '/corroborate.js' })
    .replace('<head>', `<head>\n  <script>${PROBES}</script>`);
  writeFileSync(join(dir, 'index.html'), html);
  const info = { ...about, name, runs: about.runs ?? defaultRuns,
    words: text.split(/\s+/).filter(Boolean).length };
  if (about.kind === 'json') {
    const corpus = readFileSync(join(dir, 'corpus.json'));
    info.data = { files: 1, bytes: corpus.length, gzip: gzipSync(corpus).length };
  } else if (about.kind === 'index') {
    info.data = onDisk(join(dir, about.index, '..'));
  } else if (about.kind === 'pagefind') {
    info.data = onDisk(join(dir, 'pagefind'));
    info.fragments = onDisk(join(dir, 'pagefind'), (f) => f.startsWith('fragment'));
  }
  return info;
}

/** The longest long task and rAF gap overlapping [t0, t1] of a page's probes. */
function windowStats(probes, t0, t1) {
  const overlap = ([s, d]) => s < t1 && s + d > t0;
  return {
    longest: Math.max(0, ...probes.long.filter(overlap).map(([, d]) => d)),
    // The longest animation frame's main script (long-animation-frame attribution).
    culprit: probes.loaf.filter(overlap).sort((a, b) => b[1] - a[1])[0]?.[2] ?? null,
    longTasks: probes.long.filter(overlap).length,
    gap: Math.max(0, ...probes.gaps.filter(([s, d]) => overlap([s, d])).map(([, d]) => d)),
  };
}

/** The resource timing entries of a page and of its workers (each with its own time origin). */
async function resources(page) {
  const read = () => performance.getEntriesByType('resource').map((e) => ({
    path: new URL(e.name).pathname, start: e.startTime, end: e.responseEnd,
    transfer: e.transferSize, body: e.encodedBodySize, decoded: e.decodedBodySize }));
  const all = (await page.evaluate(read)).map((e) => ({ ...e, where: 'page' }));
  for (const [i, w] of page.workers().entries()) {
    all.push(...(await w.evaluate(read)).map((e) => ({ ...e, where: `worker ${i}` })));
  }
  return all;
}

/** Attach on a page of a case and wait for the painted frame; then (first page) refresh. */
async function attachOn(page, name, options, refresh) {
  await page.goto(`${base}/${name}/index.html`);
  await page.waitForFunction(() => window.corroborate);
  await page.waitForTimeout(300); // let the page settle
  return page.evaluate(async ({ options, refresh }) => {
    // After the next frame is produced: rAF, then a task after it.
    const next = () => new Promise((r) => requestAnimationFrame(() => {
      const c = new MessageChannel();
      c.port1.onmessage = r;
      c.port2.postMessage(0);
    }));
    performance.mark('attach');
    const t0 = performance.now();
    const handle = await window.corroborate.attach({ root: 'article', ...options });
    await next();
    const t1 = performance.now();
    performance.mark('painted');
    const cold = handle.timings;
    const painted = ['confirmed', 'contradicted', 'disputed', 'related', 'unique']
      .reduce((n, v) => n + (CSS.highlights.get(`corroborate-${v}`)?.size ?? 0), 0);
    window.__handle = handle;
    if (!refresh) return { t0, t1, cold, claims: handle.claims.length, painted };
    await new Promise((r) => setTimeout(r, 300));
    const t2 = performance.now();
    await handle.refresh();
    await next();
    const t3 = performance.now();
    await new Promise((r) => setTimeout(r, 100));
    return { t0, t1, t2, t3, cold, warm: handle.timings, claims: handle.claims.length, painted,
      probes: { long: window.__long, gaps: window.__gaps, loaf: window.__loaf } };
  }, { options, refresh });
}

async function shellRun(browser, about) {
  const { name } = about;
  const options = about.kind === 'index' ? { index: about.index } : { corpus: 'corpus.json' };
  const data = about.kind === 'index' ? `/${name}/${about.index.replace(/[^/]*$/, '')}` : `/${name}/corpus.json`;
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  const open = async () => {
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    return page;
  };
  const first = await open();
  const got = await attachOn(first, name, options, true);
  const firstEntries = await resources(first);
  await first.close();
  // A second page in the same context: a new worker, the HTTP cache warm.
  const second = await open();
  const again = await attachOn(second, name, options, false);
  const secondEntries = await resources(second);
  await context.close();
  if (errors.length) throw new Error(`${name}: ${errors.join('; ')}`);
  if (again.claims !== got.claims) throw new Error(`${name}: ${got.claims} claims, then ${again.claims} on the second page`);
  const ofData = (es) => es.filter((e) => e.path.startsWith(data));
  const shards = (es) => ofData(es).filter((e) => /\/s\/[0-9a-f]+\.bin$/.test(e.path));
  return {
    claims: got.claims,
    painted: got.painted,
    coldTotal: got.t1 - got.t0,
    // The cold run does what the warm one does, after the engine host is ready.
    engineReady: got.t1 - got.t0 - (got.t3 - got.t2),
    warmTotal: got.t3 - got.t2,
    secondTotal: again.t1 - again.t0,
    warm: got.warm,
    coldStats: windowStats(got.probes, got.t0, got.t1),
    warmStats: windowStats(got.probes, got.t2, got.t3),
    fetched: traffic(ofData(firstEntries), site),
    all: traffic(firstEntries),
    shards: shards(firstEntries).length,
    rounds: rounds(shards(firstEntries)),
    secondFetched: traffic(ofData(secondEntries), site),
    secondAll: traffic(secondEntries),
  };
}

async function baselineRun(browser, name) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/${name}/index.html`);
  await page.waitForFunction(() => window.corroborate);
  await page.waitForTimeout(300);
  const got = await page.evaluate(async () => {
    const wasm = await import('/pkg/corroborate.js');
    await wasm.default();
    await (await import('/data.js')).loadData(wasm); // the WordNet table and the stance model
    const text = [...document.querySelectorAll('article p')].map((p) => p.textContent).join('\n\n');
    const t0 = performance.now();
    const corpus = await (await fetch('corpus.json')).text();
    const engine = new wasm.Engine(corpus);
    const t1 = performance.now();
    engine.annotate(text); // the first call also compiles the wasm functions it reaches
    const t2 = performance.now();
    await new Promise((r) => setTimeout(r, 100));
    const t3 = performance.now();
    const result = engine.annotate(text);
    const t4 = performance.now();
    engine.free();
    await new Promise((r) => setTimeout(r, 100));
    return { t0, t1, t2, t3, t4, claims: result.claims.length,
      probes: { long: window.__long, gaps: window.__gaps, loaf: window.__loaf } };
  });
  await context.close();
  return {
    engine: got.t1 - got.t0,
    annotateFirst: got.t2 - got.t1,
    annotate: got.t4 - got.t3,
    claims: got.claims,
    annotateStats: windowStats(got.probes, got.t3, got.t4),
  };
}

/** Pagefind in a fresh context: load its JS, search for a query, then load the first results. */
async function pagefindRun(browser, about, words) {
  const { name } = about;
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${base}/${name}/index.html`);
  await page.waitForFunction(() => window.corroborate);
  await page.waitForTimeout(300);
  const got = await page.evaluate(async ({ url, query }) => {
    const t0 = performance.now();
    const pagefind = await import(url);
    await pagefind.init();
    const search = await pagefind.search(query);
    const t1 = performance.now();
    // What Pagefind's default UI shows first: the first five results' fragments.
    const shown = await Promise.all(search.results.slice(0, 5).map((r) => r.data()));
    const t2 = performance.now();
    return { search: t1 - t0, shown: t2 - t1, results: search.results.length, titles: shown.map((d) => d.meta?.title) };
  }, { url: `/${name}/pagefind/pagefind.js`, query: words.join(' ') });
  const entries = (await resources(page)).filter((e) => e.path.startsWith(`/${name}/pagefind/`));
  await context.close();
  if (errors.length) throw new Error(`${name}: ${errors.join('; ')}`);
  const fragment = (e) => e.path.includes('/pagefind/fragment/');
  return { ...got, fetched: traffic(entries.filter((e) => !fragment(e))),
    fragments: traffic(entries.filter(fragment)), all: traffic(entries) };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x) => (x == null ? '—' : x >= 100 ? x.toFixed(0) : x.toFixed(1));
const task = (x) => (x > 0 ? ms(x) : '< 50');
const mb = (b) => (b >= 1e6 ? `${(b / 1e6).toFixed(2)} MB` : `${(b / 1e3).toFixed(1)} KB`);
const ratio = (a, b) => (a != null && b ? (a / b).toFixed(3) : '—');
const int = (n) => n.toLocaleString('en-US');

const browser = await launch();
const rows = [];
const finds = [];
const version = browser.version();
try {
  for (const name of cases) {
    const about = writePage(name);
    process.stderr.write(`${name} (${about.runs} runs): `);
    if (about.kind === 'pagefind') {
      const runs = { short: [], page: [] };
      for (let i = 0; i < about.runs; i++) {
        runs.short.push(await pagefindRun(browser, about, about.query.short));
        runs.page.push(await pagefindRun(browser, about, about.query.page));
        process.stderr.write('.');
      }
      process.stderr.write('\n');
      const m = (xs, f) => median(xs.map(f));
      const sum = (xs) => ({
        words: null, results: xs[0].results, search: m(xs, (r) => r.search), shown: m(xs, (r) => r.shown),
        bytes: m(xs, (r) => r.fetched.bytes), requests: m(xs, (r) => r.fetched.requests),
        fragmentBytes: m(xs, (r) => r.fragments.bytes), fragmentRequests: m(xs, (r) => r.fragments.requests),
      });
      finds.push({ about, short: { ...sum(runs.short), words: about.query.short.length },
        page: { ...sum(runs.page), words: about.query.page.length } });
      continue;
    }
    const shell = [];
    const bare = [];
    for (let i = 0; i < about.runs; i++) {
      shell.push(await shellRun(browser, about));
      if (about.bare) bare.push(await baselineRun(browser, name));
      process.stderr.write('.');
    }
    process.stderr.write('\n');
    const m = (f, xs = shell) => (xs.length ? median(xs.map(f)) : null);
    rows.push({
      name, about, claims: shell[0].claims, painted: shell[0].painted,
      engineReady: m((r) => r.engineReady),
      cold: m((r) => r.coldTotal),
      warm: m((r) => r.warmTotal),
      second: m((r) => r.secondTotal),
      extract: m((r) => r.warm.extract), annotate: m((r) => r.warm.annotate), paint: m((r) => r.warm.paint),
      coldTask: m((r) => r.coldStats.longest), warmTask: m((r) => r.warmStats.longest),
      coldGap: m((r) => r.coldStats.gap), warmGap: m((r) => r.warmStats.gap),
      maxTask: Math.max(...shell.map((r) => Math.max(r.coldStats.longest, r.warmStats.longest))),
      bareEngine: m((r) => r.engine, bare), bareAnnotate: m((r) => r.annotate, bare),
      bareFirst: m((r) => r.annotateFirst, bare),
      culprit: shell.map((r) => r.warmStats.culprit).find(Boolean) ?? null,
      coldCulprit: shell.map((r) => r.coldStats.culprit).find(Boolean) ?? null,
      bareTask: m((r) => r.annotateStats.longest, bare),
      fetched: shell[0].fetched, all: shell[0].all, shards: shell[0].shards, rounds: shell[0].rounds,
      secondFetched: shell[0].secondFetched, secondAll: shell[0].secondAll,
      steady: shell.every((r) => r.fetched.bytes === shell[0].fetched.bytes && r.shards === shell[0].shards),
    });
  }
} finally {
  await browser.close();
}

const lines = [];
lines.push(`# Browser benchmark`, '');
lines.push(`Chromium ${version}, headless; runs per case as listed, medians (ms). ` +
  `Machine: ${process.env.BENCH_MACHINE ?? 'this machine'}; ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; ` +
  `written by \`${process.env.BENCH_COMMAND ?? 'scripts/bench-browser'}\`.`, '');
lines.push('## The shell', '');
lines.push('| case | runs | words | against | claims | engine ready | attach → painted, cold | attach → painted, warm | second page | warm: extract / annotate / paint | longest main-thread task, cold / warm | longest frame gap, cold / warm | baseline: bare engine on the main thread: new / 1st annotate / annotate (its longest task) | warm ÷ bare annotate |');
lines.push('|---|---:|---:|---|---:|---:|---:|---:|---:|---|---|---|---|---:|');
const against = (a) => (a.kind === 'index'
  ? `index of ${a.corpus} (${int(a.data.files)} files, ${mb(a.data.bytes)})`
  : `${a.corpus} as JSON (${mb(a.data.bytes)})`);
for (const r of rows) {
  const bare = r.bareAnnotate != null;
  lines.push(`| ${r.name} | ${r.about.runs} | ${r.about.words} | ${against(r.about)} | ` +
    `${r.claims} | ${ms(r.engineReady)} | ${ms(r.cold)} | ${ms(r.warm)} | ${ms(r.second)} | ` +
    `${ms(r.extract)} / ${ms(r.annotate)} / ${ms(r.paint)} | ${task(r.coldTask)} / ${task(r.warmTask)} | ` +
    `${ms(r.coldGap)} / ${ms(r.warmGap)} | ${bare ? `${ms(r.bareEngine)} / ${ms(r.bareFirst)} / ${ms(r.bareAnnotate)} (${task(r.bareTask)})` : '—'} | ` +
    `${bare ? (r.warm / r.bareAnnotate).toFixed(2) : '—'} |`);
}
lines.push('');
for (const r of rows) {
  lines.push(`- ${r.name}: longest main-thread task over all runs ${task(r.maxTask)} ms; ` +
    `longest animation frame's main script: cold ${r.coldCulprit ?? 'none over 50 ms'}, warm ${r.culprit ?? 'none over 50 ms'}.`);
}

// The index against the whole-corpus JSON, corpus by corpus.
const pairs = rows.filter((r) => r.about.kind === 'index')
  .map((ix) => [rows.find((r) => r.about.kind === 'json' && r.about.size === ix.about.size), ix])
  .filter(([json]) => json);
if (pairs.length) {
  lines.push('', '## The static index against the whole-corpus JSON', '');
  lines.push('| corpus | runs, JSON / index | claims, JSON / index | engine ready: JSON / index (÷) | attach → painted, cold: JSON / index (÷) | second page: JSON / index (÷) | fetched, cold: JSON / index (÷) | the same gzipped: JSON / index | index requests, cold: files (shard rounds) | fetched by the second page: JSON / index (from the HTTP cache) |');
  lines.push('|---|---|---|---|---|---|---|---|---|---|');
  for (const [j, x] of pairs) {
    lines.push(`| ${x.about.corpus} | ${j.about.runs} / ${x.about.runs} | ${j.claims} / ${x.claims} | ` +
      `${ms(j.engineReady)} / ${ms(x.engineReady)} (${ratio(x.engineReady, j.engineReady)}) | ` +
      `${ms(j.cold)} / ${ms(x.cold)} (${ratio(x.cold, j.cold)}) | ${ms(j.second)} / ${ms(x.second)} (${ratio(x.second, j.second)}) | ` +
      `${mb(j.fetched.bytes)} / ${mb(x.fetched.bytes)} (${ratio(x.fetched.bytes, j.fetched.bytes)}) | ` +
      `${mb(j.fetched.gzip)} / ${mb(x.fetched.gzip)} | ${x.fetched.requests}: manifest + ${x.shards} shards (${x.rounds}) | ` +
      `${mb(j.secondFetched.bytes)} / ${mb(x.secondFetched.bytes)} (${x.secondFetched.cached} files, ${mb(x.secondFetched.cachedBytes)}) |`);
  }
  lines.push('');
  for (const [j, x] of pairs) {
    lines.push(`- ${x.about.corpus}: the index: ${x.about.summary.replace(/^wrote [^:]*: /, '')}. Everything the page fetched, cold ` +
      `(the shell, the module, its data and the corpus or index): JSON ${x.all ? mb(j.all.bytes) : '—'} in ${j.all.requests} requests, ` +
      `index ${mb(x.all.bytes)} in ${x.all.requests}.` + (x.steady ? '' : ' The index bytes differed between runs (the table gives the first run).'));
  }
}

if (finds.length) {
  lines.push('', '## Pagefind against the static index', '');
  lines.push('| corpus | our index on disk | we fetch for the page | Pagefind on disk (of which fragments) | Pagefind, short query: fetched (requests), results, time | + the first 5 results\' fragments | Pagefind, page query: words, fetched (requests), results, time |');
  lines.push('|---|---|---|---|---|---|---|');
  for (const f of finds) {
    const ours = rows.find((r) => r.about.kind === 'index' && r.about.size === f.about.size);
    const o = ours ? `${mb(ours.about.data.bytes)} (${int(ours.about.data.files)} files)` : '—';
    const got = ours ? `${mb(ours.fetched.bytes)} (${ours.fetched.requests} requests)` : '—';
    lines.push(`| ${f.about.corpus} | ${o} | ${got} | ${mb(f.about.data.bytes)} in ${int(f.about.data.files)} files (${mb(f.about.fragments.bytes)}) | ` +
      `${mb(f.short.bytes)} (${f.short.requests}), ${f.short.results}, ${ms(f.short.search)} ms | ` +
      `${mb(f.short.fragmentBytes)} (${f.short.fragmentRequests}), ${ms(f.short.shown)} ms | ` +
      `${f.page.words}, ${mb(f.page.bytes)} (${f.page.requests}), ${f.page.results}, ${ms(f.page.search)} ms |`);
  }
  lines.push('');
  for (const f of finds) lines.push(`- ${f.about.corpus}: the short query was "${f.about.query.short.join(' ')}" (Pagefind ${f.about.version}).`);
  lines.push(`- the queries: ${finds[0].about.query.rule}.`);
}

lines.push('', '- engine ready: worker start, wasm init, fetching and parsing the corpus and indexing it, or for an index its manifest, the page\'s shards and the story\'s engine: the cold run minus the warm one.',
  '- attach → painted: from the attach() call (cold) or refresh() (warm: the engine is ready) to the task after the next animation frame once the markers are painted. extract / annotate / paint: the handle\'s timings of the warm run (annotate includes the round trip to the worker). Second page: attach → painted on a new page of the same browser context (a new worker; the HTTP cache holds what the first page fetched).',
  '- fetched: the response bodies that came over the network (PerformanceResourceTiming of the page and its workers, transferSize > 0), of the corpus JSON or of the index folder; from the HTTP cache: transferSize 0. The local server (scripts/serve.mjs) sends no validators and no compression: manifest.json and corpus.json (Cache-Control: no-cache) are fetched in full again by the second page, the shards (immutable) come from the cache. "Gzipped" is what the same files would be with gzip -6.',
  '- longest main-thread task: PerformanceObserver \'longtask\' entries overlapping the window (median over runs); "< 50" means none (Chromium reports tasks from 50 ms up). Frame gap: the longest time between two requestAnimationFrame callbacks in the window (16.7 ms when nothing blocks).',
  '- baseline, in the same run on a fresh page: the same engine on the main thread without the shell (no worker, no extraction, no painting): new Engine(corpus JSON text) including the fetch, the first annotate (which also compiles the wasm code it reaches), and a second annotate (the one compared with).');
if (finds.length) {
  lines.push('- Pagefind: the corpus written as one static HTML page per source (title and text), indexed by the Pagefind CLI; in a fresh context, the page imports its pagefind.js, calls init() and search(query); fetched: the files of its bundle (its JS and wasm, entry, meta and the index chunks), then the fragments of the first five results. Its files are compressed on disk already.');
}
const md = lines.join('\n') + '\n';
process.stdout.write('\n' + md);
writeFileSync(join(REPO, 'target/bench-browser.md'), md);
console.error(`wrote ${join(REPO, 'target/bench-browser.md')}`);
// scripts/bench-browser --variants reads the medians of each module variant from here.
if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify(rows));
