// The Vite build of tests/npm/vite.sh in headless Chromium: the page that imports { attach }
// from 'corroborate' paints the story's markers, with the engine in the bundled Worker, and
// logs no errors. SITE is the built folder; REPO the repository.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const lib = await import(pathToFileURL(join(process.env.REPO, 'tests/e2e/lib.mjs')).href);

test("a Vite 7 build of `import { attach } from 'corroborate'` paints the markers", async (t) => {
  const server = await lib.serve(process.env.SITE,
    ['--header', "Content-Security-Policy: script-src 'self' 'wasm-unsafe-eval'"]);
  t.after(() => server.stop());
  const browser = await lib.launch();
  t.after(() => browser.close());
  const page = await browser.newPage();
  const errors = lib.watchErrors(page);
  const workers = [];
  page.on('worker', (w) => workers.push(w.url()));
  await page.goto(`${server.url}/index.html`);
  await page.waitForFunction(() => document.documentElement.dataset.claims ||
    document.documentElement.dataset.error, null, { timeout: 30000 });
  const error = await page.evaluate(() => document.documentElement.dataset.error);
  assert.equal(error, undefined, `attach() failed: ${error}`);
  const painted = await lib.highlights(page);
  for (const v of ['confirmed', 'contradicted', 'disputed', 'unique']) {
    assert.ok(painted[v].size > 0, `${v} is painted`);
  }
  assert.equal(await page.evaluate(() => document.querySelectorAll('corroborate-ui').length), 1);
  assert.ok(workers.length > 0, 'the engine ran in the bundled Worker');
  assert.deepEqual(errors, []);
});
