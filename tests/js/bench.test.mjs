// The browser benchmark's helpers (benches/browser/): the Pagefind queries' rule, the static
// pages it writes, and the accounting of bytes, requests and rounds.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { queries, words } from '../../benches/browser/pagefind-site.mjs';
import { rounds, traffic } from '../../benches/browser/measure.mjs';

const SCRIPT = fileURLToPath(new URL('../../benches/browser/pagefind-site.mjs', import.meta.url));

test('words: lower-cased runs of at least three letters', () => {
  assert.deepEqual(words('The Ferry, at 8pm: Caldmoor\'s pier; ox Östra'), ['the', 'ferry', 'caldmoor', 'pier', 'östra']);
});

test('queries rank by count times rarity, and the short query keeps words some source holds together', () => {
  const corpus = { sources: [{ text: 'alpha beta gamma' }, { text: 'alpha delta' }, { text: 'zeta eta alpha' }] };
  const q = queries(corpus, 'alpha alpha delta zeta gamma beta omega');
  // omega: no source holds it. alpha: 2 × ln(3/3) = 0; the others 1 × ln 3, in alphabetical order.
  assert.deepEqual(q.page, ['beta', 'delta', 'gamma', 'zeta', 'alpha']);
  // beta (source 0), not delta (source 1 only), gamma (source 0), not zeta, alpha (source 0).
  assert.deepEqual(q.short, ['beta', 'gamma', 'alpha']);
  assert.equal(q.sources, 1);
});

test('the short query stops at ten words', () => {
  const names = Array.from({ length: 14 }, (_, i) => `word${String.fromCharCode(97 + i)}x`);
  const corpus = { sources: [{ text: names.join(' ') }, { text: 'other text' }] };
  const q = queries(corpus, names.join(' '));
  assert.equal(q.short.length, 10);
  assert.equal(q.page.length, 14);
});

test('the static pages are text only, escaped, one per source', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-pages-'));
  try {
    writeFileSync(join(dir, 'corpus.json'), JSON.stringify({ sources: [
      { id: 'a', title: '<script>alert(1)</script>', text: 'One & two.\n\n<b>Three</b> "four"' },
      { id: 'b', text: 'Plain.' },
    ] }));
    writeFileSync(join(dir, 'page.txt'), 'two three plain');
    execFileSync(process.execPath, [SCRIPT, join(dir, 'corpus.json'), join(dir, 'page.txt'), join(dir, 'out')], { stdio: 'ignore' });
    assert.deepEqual(readdirSync(join(dir, 'out/html')), ['000000.html', '000001.html']);
    const first = readFileSync(join(dir, 'out/html/000000.html'), 'utf8');
    assert.ok(!first.includes('<script>') && !first.includes('<b>'), first);
    assert.match(first, /<title>&#60;script&#62;alert\(1\)&#60;\/script&#62;<\/title>/);
    assert.match(first, /<p>One &#38; two\.<\/p>\n<p>&#60;b&#62;Three&#60;\/b&#62; &#34;four&#34;<\/p>/);
    assert.match(readFileSync(join(dir, 'out/html/000001.html'), 'utf8'), /<title>b<\/title>/);
    const q = JSON.parse(readFileSync(join(dir, 'out/query.json'), 'utf8'));
    assert.deepEqual(q.page.sort(), ['plain', 'three', 'two']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('traffic counts the network and the cache apart', () => {
  const got = traffic([
    { path: '/a', transfer: 1300, body: 1000, decoded: 1000 },
    { path: '/b', transfer: 300, body: 50, decoded: 50 },
    { path: '/c', transfer: 0, body: 700, decoded: 700 },
  ]);
  assert.deepEqual(got, { requests: 2, bytes: 1050, wire: 1600, cached: 1, cachedBytes: 700, gzip: null });
});

test('rounds: requests made after all earlier ones ended start a round', () => {
  const e = (start, end) => ({ start, end });
  assert.equal(rounds([]), 0);
  assert.equal(rounds([e(0, 10), e(1, 30), e(2, 20)]), 1);
  assert.equal(rounds([e(0, 10), e(1, 30), e(31, 40), e(31, 50), e(50, 60)]), 3);
  assert.equal(rounds([e(25, 40), e(0, 30)]), 1, 'order of the entries does not matter');
});
