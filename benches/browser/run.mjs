// The browser benchmark (not a timed test): for each case (a page and its corpus), in headless
// Chromium, measure
//   - attach → painted: from calling attach() to the frame after the markers are painted
//     (cold: the engine host also loads the corpus and builds its index; warm: refresh() with the
//     engine ready, i.e. extract + annotate in the worker + paint);
//   - engine ready: the cold run minus its extract, annotate and paint (worker start, wasm init,
//     corpus fetch, parse and index);
//   - the longest main-thread task in each window (PerformanceObserver 'longtask' entries, which
//     Chromium reports from 50 ms up), cross-checked by the longest gap between animation frames;
//   - a baseline in the same run, on a fresh page: the bare engine on the main thread
//     (`new Engine(corpusText)` then `annotate(text)`, no worker, no extraction, no painting).
// Prints a table of medians and writes it to target/bench-browser.md.
//
// Usage (through scripts/bench-browser, which builds the pages and serves them):
//   BENCH_BASE=http://127.0.0.1:PORT BENCH_SITE=DIR node benches/browser/run.mjs CASE...
// where each CASE is a folder under BENCH_SITE holding page.txt, corpus.json and about.json.

import { readFileSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, articlePage, launch } from '../../tests/e2e/lib.mjs';

const base = process.env.BENCH_BASE?.replace(/\/$/, '');
const site = process.env.BENCH_SITE;
const runs = Number(process.env.RUNS ?? 5);
const cases = process.argv.slice(2);
if (!base || !site || !cases.length) {
  console.error('usage: BENCH_BASE=URL BENCH_SITE=DIR node benches/browser/run.mjs CASE...');
  process.exit(2);
}

// Runs before any other script of a bench page: long tasks and animation-frame gaps, timestamped.
const PROBES = `
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

/** Write the bench page of a case: the article, the probes, the shell imported (not attached). */
function writePage(name) {
  const dir = join(site, name);
  const about = JSON.parse(readFileSync(join(dir, 'about.json'), 'utf8'));
  const text = readFileSync(join(dir, 'page.txt'), 'utf8');
  const html = articlePage({ title: about.title, text, shell: '/corroborate.js' })
    .replace('<head>', `<head>\n  <script>${PROBES}</script>`);
  writeFileSync(join(dir, 'index.html'), html);
  return { ...about, words: text.split(/\s+/).filter(Boolean).length,
    corpusBytes: statSync(join(dir, 'corpus.json')).size };
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

async function shellRun(browser, name) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${base}/${name}/index.html`);
  await page.waitForFunction(() => window.corroborate);
  await page.waitForTimeout(300); // let the page settle
  const got = await page.evaluate(async () => {
    // After the next frame is produced: rAF, then a task after it.
    const next = () => new Promise((r) => requestAnimationFrame(() => {
      const c = new MessageChannel();
      c.port1.onmessage = r;
      c.port2.postMessage(0);
    }));
    performance.mark('attach');
    const t0 = performance.now();
    const handle = await window.corroborate.attach({ root: 'article', corpus: 'corpus.json' });
    await next();
    const t1 = performance.now();
    performance.mark('painted');
    const cold = handle.timings;
    const painted = ['confirmed', 'contradicted', 'disputed', 'related', 'unique']
      .reduce((n, v) => n + (CSS.highlights.get(`corroborate-${v}`)?.size ?? 0), 0);
    await new Promise((r) => setTimeout(r, 300));
    const t2 = performance.now();
    await handle.refresh();
    await next();
    const t3 = performance.now();
    await new Promise((r) => setTimeout(r, 100));
    return { t0, t1, t2, t3, cold, warm: handle.timings, claims: handle.claims.length, painted,
      probes: { long: window.__long, gaps: window.__gaps, loaf: window.__loaf } };
  });
  await context.close();
  if (errors.length) throw new Error(`${name}: ${errors.join('; ')}`);
  return {
    claims: got.claims,
    painted: got.painted,
    coldTotal: got.t1 - got.t0,
    // The cold run does what the warm one does, after the engine host is ready.
    engineReady: got.t1 - got.t0 - (got.t3 - got.t2),
    warmTotal: got.t3 - got.t2,
    warm: got.warm,
    coldStats: windowStats(got.probes, got.t0, got.t1),
    warmStats: windowStats(got.probes, got.t2, got.t3),
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

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
const task = (x) => (x > 0 ? ms(x) : '< 50');

const browser = await launch();
const rows = [];
const version = browser.version();
try {
  for (const name of cases) {
    const about = writePage(name);
    const shell = [];
    const bare = [];
    process.stderr.write(`${name}: `);
    for (let i = 0; i < runs; i++) {
      shell.push(await shellRun(browser, name));
      bare.push(await baselineRun(browser, name));
      process.stderr.write('.');
    }
    process.stderr.write('\n');
    const m = (f, xs = shell) => median(xs.map(f));
    rows.push({
      name, about, claims: shell[0].claims, painted: shell[0].painted,
      engineReady: m((r) => r.engineReady),
      cold: m((r) => r.coldTotal),
      warm: m((r) => r.warmTotal),
      extract: m((r) => r.warm.extract), annotate: m((r) => r.warm.annotate), paint: m((r) => r.warm.paint),
      coldTask: m((r) => r.coldStats.longest), warmTask: m((r) => r.warmStats.longest),
      coldGap: m((r) => r.coldStats.gap), warmGap: m((r) => r.warmStats.gap),
      maxTask: Math.max(...shell.map((r) => Math.max(r.coldStats.longest, r.warmStats.longest))),
      bareEngine: m((r) => r.engine, bare), bareAnnotate: m((r) => r.annotate, bare),
      bareFirst: m((r) => r.annotateFirst, bare),
      culprit: shell.map((r) => r.warmStats.culprit).find(Boolean) ?? null,
      coldCulprit: shell.map((r) => r.coldStats.culprit).find(Boolean) ?? null,
      bareTask: m((r) => r.annotateStats.longest, bare),
    });
  }
} finally {
  await browser.close();
}

const lines = [];
lines.push(`# Browser benchmark`, '');
lines.push(`Chromium ${version}, headless; ${runs} runs per case, medians (ms). ` +
  `Machine: ${process.env.BENCH_MACHINE ?? 'this machine'}; written by scripts/bench-browser.`, '');
lines.push('| case | words | corpus | claims | engine ready | attach → painted, cold | attach → painted, warm | warm: extract / annotate / paint | longest main-thread task, cold / warm | longest frame gap, cold / warm | baseline: bare engine on the main thread: new / 1st annotate / annotate (its longest task) | warm ÷ bare annotate |');
lines.push('|---|---:|---|---:|---:|---:|---:|---|---|---|---|---:|');
for (const r of rows) {
  lines.push(`| ${r.name} | ${r.about.words} | ${r.about.corpus} (${(r.about.corpusBytes / 1e6).toFixed(1)} MB) | ` +
    `${r.claims} | ${ms(r.engineReady)} | ${ms(r.cold)} | ${ms(r.warm)} | ` +
    `${ms(r.extract)} / ${ms(r.annotate)} / ${ms(r.paint)} | ${task(r.coldTask)} / ${task(r.warmTask)} | ` +
    `${ms(r.coldGap)} / ${ms(r.warmGap)} | ${ms(r.bareEngine)} / ${ms(r.bareFirst)} / ${ms(r.bareAnnotate)} (${task(r.bareTask)}) | ` +
    `${(r.warm / r.bareAnnotate).toFixed(2)} |`);
}
lines.push('');
for (const r of rows) {
  lines.push(`- ${r.name}: longest main-thread task over all runs ${task(r.maxTask)} ms; ` +
    `longest animation frame's main script: cold ${r.coldCulprit ?? 'none over 50 ms'}, warm ${r.culprit ?? 'none over 50 ms'}.`);
}
lines.push('', '- engine ready: worker start, wasm init, corpus fetch, parse and index: the cold run minus the warm one.',
  '- attach → painted: from the attach() call (cold) or refresh() (warm: the engine is ready) to the task after the next animation frame once the markers are painted. extract / annotate / paint: the handle\'s timings of the warm run (annotate includes the round trip to the worker).',
  '- longest main-thread task: PerformanceObserver \'longtask\' entries overlapping the window (median over runs); "< 50" means none (Chromium reports tasks from 50 ms up). Frame gap: the longest time between two requestAnimationFrame callbacks in the window (16.7 ms when nothing blocks).',
  '- baseline, in the same run on a fresh page: the same engine on the main thread without the shell (no worker, no extraction, no painting): new Engine(corpus JSON text) including the fetch, the first annotate (which also compiles the wasm code it reaches), and a second annotate (the one compared with).');
const md = lines.join('\n') + '\n';
process.stdout.write('\n' + md);
writeFileSync(join(REPO, 'target/bench-browser.md'), md);
console.error(`wrote ${join(REPO, 'target/bench-browser.md')}`);
// scripts/bench-browser --variants reads the medians of each module variant from here.
if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify(rows));
