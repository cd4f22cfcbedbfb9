// The shared extraction fixtures (tests/fixtures/extraction/NAME.html with the expected
// NAME.json) read by the browser's extractor, www/extract.js, in Chromium: the page's text
// (extract on the body, then plainText, as a saved source is kept) and its metadata (pageMeta).
// The command line's reader is held to the same files by crates/cli/tests/extraction.rs; the
// rules both follow are in docs/extraction.md. Needs no server: each page is set as the
// content of a blank tab. Run: node --test tests/e2e/extraction.test.mjs (or scripts/e2e).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, launch } from './lib.mjs';

const FIXTURES = join(REPO, 'tests/fixtures/extraction');
// extract.js as a classic script (its exports become globals), as extension/build.mjs does.
const EXTRACT = readFileSync(join(REPO, 'www/extract.js'), 'utf8')
  .replace(/^export (?=(async )?function |const |let |class )/gm, '');

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const names = readdirSync(FIXTURES).filter((f) => f.endsWith('.html')).map((f) => f.slice(0, -5)).sort();

test('there are enough fixtures', () => {
  assert.ok(names.length >= 10, `only ${names.length} fixtures`);
});

for (const name of names) {
  test(`the browser's extractor reads ${name}.html as ${name}.json says`, async () => {
    const html = readFileSync(join(FIXTURES, `${name}.html`), 'utf8');
    const want = JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8'));
    const page = await browser.newPage();
    try {
      await page.setContent(html, { waitUntil: 'load' });
      await page.addScriptTag({ content: EXTRACT });
      const got = await page.evaluate(() => {
        /* global extract, plainText, pageMeta */
        const map = extract(document.body);
        // The offset table still points into the page: every node's text is where it says.
        const offsetsHold = map.nodes.every((n, i) =>
          map.text.slice(map.starts[i], map.starts[i] + n.data.length).length === n.data.length);
        return { text: plainText(map.text), ...pageMeta(document), offsetsHold };
      });
      assert.equal(got.offsetsHold, true, 'the offset table');
      delete got.offsetsHold;
      assert.deepEqual(got, { text: want.text, title: want.title, outlet: want.outlet,
        url: want.url, published: want.published });
    } finally {
      await page.close();
    }
  });
}
