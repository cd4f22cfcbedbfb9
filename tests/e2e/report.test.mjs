// The HTML report of `corroborate check --format html`, opened as a journalist would: from
// file://, with no server and no network. Every claim marked in the article links to its
// evidence, and the evidence holds each source the JSON report lists for it; axe-core finds no
// serious or critical violation. Screenshots (light, dark, 390 px) land in target/e2e/.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { axeViolations } from './axe.mjs';
import { ARTEFACTS, REPO, launch } from './lib.mjs';

const CLI = join(REPO, 'target/release/corroborate');
const PAGE = join(REPO, 'demo/story/coastline-news.md');
const SOURCES = join(REPO, 'demo/story');

const check = (format) => execFileSync(CLI, ['check', PAGE, '--sources', SOURCES, '--format', format],
  { encoding: 'utf8', env: { ...process.env, SOURCE_DATE_EPOCH: '1764633600' } });

test('the HTML report opens from file:// with every claim\'s evidence, and fetches nothing', async () => {
  mkdirSync(ARTEFACTS, { recursive: true });
  const file = join(ARTEFACTS, 'report.html');
  writeFileSync(file, check('html'));
  const json = JSON.parse(check('json'));
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const requests = [];
    page.on('request', (r) => { if (!r.url().startsWith('file://')) requests.push(r.url()); });
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(pathToFileURL(file).href);

    // (Each mark ends in its verdict for screen readers, visually hidden: `.sr`.)
    const marks = await page.$$eval('.article a.claim', (as) => as.map((a) => ({
      text: a.textContent.slice(0, a.textContent.length - (a.querySelector('.sr')?.textContent.length ?? 0)),
      verdict: a.dataset.verdict, href: a.getAttribute('href') })));
    assert.deepEqual(marks.map((m) => m.text), json.claims.map((c) => c.text), 'the article marks every claim');
    assert.deepEqual(marks.map((m) => m.verdict), json.claims.map((c) => c.verdict));
    for (const [i, claim] of json.claims.entries()) {
      // Following the mark reaches the claim's evidence: one block per source, each with the
      // source's name and relation, and the reasons the JSON gives.
      await page.click(`.article a.claim >> nth=${i}`);
      const target = await page.evaluate(() => location.hash);
      assert.equal(target, marks[i].href);
      const evidence = await page.$$eval(`${target} .evidence`, (els) => els.map((el) => ({
        heading: el.querySelector('h4').textContent,
        reasons: [...el.querySelectorAll('.reasons li')].map((li) => li.textContent),
        sentence: el.querySelector('blockquote').textContent })));
      assert.equal(evidence.length, claim.evidence.length, `claim ${i + 1}: one block per source`);
      for (const [j, e] of claim.evidence.entries()) {
        assert.ok(evidence[j].heading.includes(e.outlet ?? e.source), `claim ${i + 1}: ${evidence[j].heading}`);
        assert.ok(evidence[j].heading.includes(e.relation), evidence[j].heading);
        assert.deepEqual(evidence[j].reasons, e.reasons.map((r) => r.message));
      }
    }
    const grid = await page.$$eval('#grid ~ table tbody tr', (rows) => rows.length);
    assert.equal(grid, json.claims.length, 'one grid row per claim');
    assert.deepEqual(requests, [], 'the report fetches nothing');
    assert.deepEqual(errors, []);

    // Accessibility (axe-core: no serious or critical violation), in light and dark.
    assert.deepEqual(await axeViolations(page), [], 'axe, light');
    await page.emulateMedia({ colorScheme: 'dark' });
    assert.deepEqual(await axeViolations(page), [], 'axe, dark');
    await page.emulateMedia({ colorScheme: 'light' });

    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(ARTEFACTS, 'report-light.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(ARTEFACTS, 'report-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: join(ARTEFACTS, 'report-390.png') });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `no sideways scrolling at 390 px (${overflow} px)`);
    await page.emulateMedia({ media: 'print' });
    await page.pdf?.({ path: join(ARTEFACTS, 'report.pdf') });
  } finally {
    await browser.close();
  }
});
