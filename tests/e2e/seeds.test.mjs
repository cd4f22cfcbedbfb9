// The seed story in the browser: the seed that calls Pete Hegseth "Congressman" is the page, the
// other four seeds are its corpus. The known contradiction (Congressman against Defense
// Secretary) must be painted as contradicted, and its popover must show the role words.
// The page and its corpus are written at test time under the served folder (target/e2e/...),
// from ../shared/seeds; nothing of the seeds is committed.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTEFACTS, articlePage, baseURL, claimPoint, highlights, launch, mkdirp, popover,
  recordReady, seeds, settle, siteDir, until, waitReady, watchErrors } from './lib.mjs';

/** Write the seed page and its corpus under the served folder; returns the page's URL path. */
function buildSeedPage(all) {
  const page = all.find((s) => s.text.includes('Congressman'));
  assert.ok(page, 'one seed says "Congressman"');
  const id = (s) => s.name.replace(/\.txt$/, '');
  const corpus = { sources: all.filter((s) => s !== page).map((s, i) => ({
    id: id(s), title: `Seed ${id(s)}`, outlet: `Seed outlet ${i + 1}`, text: s.text })) };
  const dir = mkdirp(join(siteDir(), 'e2e-seed'));
  writeFileSync(join(dir, 'corpus.json'), JSON.stringify(corpus));
  writeFileSync(join(dir, 'index.html'), articlePage({
    title: `Seed ${id(page)} (the page)`,
    text: page.text,
    script: "    window.handle = await corroborate.attach({ root: 'article', corpus: 'corpus.json' });",
  }));
  return '/e2e-seed/index.html';
}

test('seed page: the Congressman claim is contradicted and its popover shows the role words', async (t) => {
  const all = seeds();
  if (!all) { t.skip('../shared not found'); return; }
  const path = buildSeedPage(all);
  const browser = await launch();
  t.after(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = watchErrors(page);
  await recordReady(page);
  await page.goto(baseURL() + path);
  await waitReady(page);

  const claims = await page.evaluate(() => window.__ready[0].detail.claims
    .map(({ text, verdict, evidence }) => ({ text, verdict, evidence })));
  const claim = claims.find((c) => c.text.includes('Congressman'));
  assert.ok(claim, 'a claim mentions the Congressman');
  assert.equal(claim.verdict, 'contradicted', claim.text);
  const role = claim.evidence.flatMap((e) => e.reasons)
    .find((r) => r.kind === 'role' && r.contradicts);
  assert.ok(role, `a contradicting role reason: ${JSON.stringify(claim.evidence)}`);
  assert.match(role.page, /Congressman/);
  assert.match(role.source, /Secretary/);

  const painted = await highlights(page);
  assert.ok(painted.contradicted.texts.includes(claim.text),
    `the claim is painted contradicted: ${JSON.stringify(painted.contradicted.texts)}`);

  const at = await claimPoint(page, 'Congressman');
  assert.ok(at, 'the claim has a rectangle on screen');
  await page.mouse.move(at.x, at.y, { steps: 4 });
  const pop = await until(async () => { const p = await popover(page); return p?.visible && p; }, 5000);
  assert.ok(pop, 'the popover opens on hover');
  assert.equal(pop.role, 'dialog');
  const marked = pop.marks.map((m) => m.text).join(' | ');
  assert.ok(pop.marks.some((m) => /Secretary|Defense/.test(m.text)),
    `the source's role words are marked: ${marked}`);
  assert.ok(pop.evidence.some((e) => e.reasons.some((r) => /Congressman/.test(r) && /Secretary/.test(r))),
    `a reason names both roles: ${JSON.stringify(pop.evidence.map((e) => e.reasons))}`);

  await settle(page);
  mkdirp(ARTEFACTS);
  const shot = join(ARTEFACTS, 'seed.png');
  await page.screenshot({ path: shot });
  console.log(`screenshot: ${shot}`);
  assert.deepEqual(errors, [], 'no console errors, page errors or failed requests');
});
