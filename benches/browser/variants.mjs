// The module variants of scripts/bench-browser --variants (benches/browser/variants.sh):
//
//   BENCH_BASE=URL node benches/browser/variants.mjs init
//     the module's start in headless Chromium, INIT_RUNS (default 5) fresh browser contexts
//     (so no compiled code is cached): import of pkg/corroborate.js through init() resolved
//     (fetch, compile, instantiate), then loadData (the data files fetched and read); prints
//     the medians as JSON.
//   BENCH_BASE=URL node benches/browser/variants.mjs speed CASE...
//     the bare engine on the main thread of one fresh page: new Engine(corpus) of each case,
//     a first annotate, then REPEAT (default 5) more, each timed; prints them as JSON.
//   node benches/browser/variants.mjs table DIR KEY...
//     the Markdown table of the variants under DIR (each KEY's about.json, rows-R.json from
//     run.mjs, init-R.json and speed-R.json from above), medians over the rounds, with ratios against the
//     first KEY.

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const [mode, ...args] = process.argv.slice(2);

if (mode === 'init') {
  const { launch } = await import('../../tests/e2e/lib.mjs');
  const base = process.env.BENCH_BASE?.replace(/\/$/, '');
  if (!base) throw new Error('BENCH_BASE is not set');
  const runs = Number(process.env.INIT_RUNS ?? 5);
  const browser = await launch();
  const init = [];
  const data = [];
  try {
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${base}/init.html`);
      const got = await page.evaluate(async () => {
        const t0 = performance.now();
        const wasm = await import('/pkg/corroborate.js');
        await wasm.default();
        const t1 = performance.now();
        await (await import('/data.js')).loadData(wasm);
        const t2 = performance.now();
        return { init: t1 - t0, data: t2 - t1 };
      });
      await context.close();
      init.push(got.init);
      data.push(got.data);
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify({ init: median(init), data: median(data), runs }) + '\n');
} else if (mode === 'speed') {
  // The bare engine on the main thread of a fresh page, each case's page annotated REPEAT
  // times (default 5) after a first call: the best of them is the figure least moved by other
  // work on the machine.
  const { launch } = await import('../../tests/e2e/lib.mjs');
  const base = process.env.BENCH_BASE?.replace(/\/$/, '');
  if (!base) throw new Error('BENCH_BASE is not set');
  const repeat = Number(process.env.REPEAT ?? 5);
  const browser = await launch();
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/init.html`);
    const got = await page.evaluate(async ({ cases, repeat }) => {
      const wasm = await import('/pkg/corroborate.js');
      await wasm.default();
      await (await import('/data.js')).loadData(wasm);
      const out = {};
      for (const name of cases) {
        const corpus = await (await fetch(`/${name}/corpus.json`)).text();
        const text = await (await fetch(`/${name}/page.txt`)).text();
        const t0 = performance.now();
        const engine = new wasm.Engine(corpus);
        const t1 = performance.now();
        const claims = engine.annotate(text).claims.length;
        const t2 = performance.now();
        const annotate = [];
        for (let i = 0; i < repeat; i++) {
          const a = performance.now();
          engine.annotate(text);
          annotate.push(performance.now() - a);
        }
        engine.free();
        out[name] = { engine: t1 - t0, first: t2 - t1, annotate, claims };
      }
      return out;
    }, { cases: args, repeat });
    await context.close();
    process.stdout.write(JSON.stringify(got) + '\n');
  } finally {
    await browser.close();
  }
} else if (mode === 'table') {
  const [dir, ...keys] = args;
  const rounds = (key, prefix) => readdirSync(join(dir, key))
    .filter((f) => f.startsWith(prefix) && f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(dir, key, f), 'utf8')));
  const variants = keys.map((key) => {
    const about = JSON.parse(readFileSync(join(dir, key, 'about.json'), 'utf8'));
    const inits = rounds(key, 'init-');
    const runs = rounds(key, 'rows-');
    const cases = {};
    for (const rows of runs) {
      for (const r of rows) (cases[r.name] ??= []).push(r);
    }
    const stat = (name, f) => median(cases[name].map(f));
    return { about, init: median(inits.map((i) => i.init)), data: median(inits.map((i) => i.data)),
      rounds: runs.length, cases: Object.keys(cases), stat, claims: (name) => cases[name][0].claims,
      words: (name) => cases[name][0].about.words };
  });
  const base = variants[0];
  const ms = (x) => Math.round(x).toLocaleString('en');
  const f = (x, y) => `${ms(x)} (${(x / y).toFixed(2)})`;
  const name = (v) => `opt-level ${v.about.level === 'z' ? '"z"' : v.about.level}, wasm-opt ${v.about.opt}` +
    (v.about.shipped === 'yes' ? ' (= shipped)' : '');
  const out = [];
  out.push('# Module variants', '',
    `Chromium, headless; ${base.rounds} interleaved rounds (each measures every variant once), medians; ` +
    `ratios against the first row. Machine: ${process.env.BENCH_MACHINE ?? 'this machine'}; ` +
    'written by scripts/bench-browser --variants.', '');
  out.push('| variant | .wasm gzipped (B) | .wasm raw (B) | module init (ms) | loadData (ms) |', '|---|---:|---:|---:|---:|');
  for (const v of variants) {
    out.push(`| ${name(v)} | ${f(v.about.gz, base.about.gz)} | ${f(v.about.raw, base.about.raw)} | ` +
      `${f(v.init, base.init)} | ${f(v.data, base.data)} |`);
  }
  for (const c of base.cases) {
    out.push('', `## ${c}: ${base.words(c).toLocaleString('en')} words against 100k sentences (${base.claims(c)} claims); ms`, '');
    out.push('| variant | engine ready | attach → painted, cold | warm annotate in the worker | attach → painted, warm | bare engine: new / annotate |',
      '|---|---:|---:|---:|---:|---|');
    for (const v of variants) {
      if (v.claims(c) !== base.claims(c)) throw new Error(`${c}: ${name(v)} finds ${v.claims(c)} claims, not ${base.claims(c)}`);
      const s = (g) => f(v.stat(c, g), base.stat(c, g));
      out.push(`| ${name(v)} | ${s((r) => r.engineReady)} | ${s((r) => r.cold)} | ${s((r) => r.annotate)} | ` +
        `${s((r) => r.warm)} | ${s((r) => r.bareEngine)} / ${s((r) => r.bareAnnotate)} |`);
    }
  }
  const speeds = variants.map((v, i) => rounds(keys[i], 'speed-'));
  if (speeds[0].length) {
    const best = (i, c, f) => Math.min(...speeds[i].map((r) => f(r[c])));
    const med = (i, c, f) => median(speeds[i].map((r) => f(r[c])));
    for (const c of Object.keys(speeds[0][0])) {
      out.push('', `## ${c}, the bare engine on the main thread: best of ${speeds[0].length} rounds × ${speeds[0][0][c].annotate.length} annotate calls; ms`, '');
      out.push('| variant | new Engine, median | annotate, best | annotate, median of rounds\' best | first annotate, median |', '|---|---:|---:|---:|---:|');
      speeds.forEach((s, i) => {
        if (s[0][c].claims !== speeds[0][0][c].claims) throw new Error(`${c}: ${name(variants[i])} finds other claims`);
        const b = (f) => best(i, c, f);
        const m = (f) => med(i, c, f);
        const low = (r) => Math.min(...r.annotate);
        out.push(`| ${name(variants[i])} | ${f(m((r) => r.engine), med(0, c, (r) => r.engine))} | ` +
          `${f(b(low), best(0, c, low))} | ${f(m(low), med(0, c, low))} | ${f(m((r) => r.first), med(0, c, (r) => r.first))} |`);
      });
    }
  }
  out.push('', '- module init: a fresh browser context each time, import of pkg/corroborate.js until init() resolves (fetch, compile, instantiate); loadData: the data files fetched and installed.',
    '- engine ready, attach → painted, warm annotate (the handle\'s annotate timing: the worker\'s round trip) and the bare engine on the main thread: as in target/bench-browser.md (benches/browser/run.mjs), one run per round.');
  process.stdout.write(out.join('\n') + '\n');
} else {
  console.error('usage: variants.mjs init | variants.mjs table DIR KEY...');
  process.exit(2);
}
