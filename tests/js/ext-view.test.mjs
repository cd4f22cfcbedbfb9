// What the extension's background hands to whom (extension/src/lib/view.js), and the options
// page's link check (store.js webUrl): the page's share of an annotation holds no verdict, source
// text, title, outlet, URL or id.
import test from 'node:test';
import assert from 'node:assert/strict';
import { claimView, corpusKey, frameOf, pageView, panelView } from '../../extension/src/lib/view.js';
import { webUrl } from '../../extension/src/lib/store.js';

const SECRET = 'zq7private';
const result = {
  summary: { claims: 2, confirmed: 1, contradicted: 1, disputed: 0, related: 0, unique: 0, extra: SECRET },
  claims: [
    { text: 'Five were hurt.', start_utf16: 0, end_utf16: 15, verdict: 'contradicted', evidence: [
      { source: `id-${SECRET}`, outlet: `Outlet ${SECRET}`, title: `Title ${SECRET}`, url: `https://x.example/${SECRET}`,
        relation: 'contradicts', text: `Two were hurt ${SECRET}.`, reasons: [], diff: [] }] },
    { text: 'It rained.', start_utf16: 16, end_utf16: 26, verdict: 'confirmed', evidence: [
      { source: 's2', title: 'Only a title', relation: 'confirms', text: 'It rained.', reasons: [], diff: [] }] },
  ],
};

test('the page gets the claims\' ranges alone: no verdict, no count, nothing of the sources', () => {
  const v = pageView(result);
  assert.deepEqual(v, { claims: [[0, 15], [16, 26]] });
  assert.ok(!JSON.stringify(v).includes(SECRET));
});

test('the badge frame gets the claims by source; the popover frame one claim with its evidence', () => {
  const p = panelView(result, 3);
  assert.equal(p.sources, 3);
  assert.deepEqual(p.claims[1], { index: 1, text: 'It rained.', verdict: 'confirmed',
    sources: [['s2', 'Only a title', 'confirms']] });
  assert.equal(claimView(result, 0).evidence[0].outlet, `Outlet ${SECRET}`);
  assert.equal(claimView(result, 1).index, 1);
  for (const bad of [2, -1, '0', 0.5, null]) assert.equal(claimView(result, bad), null, String(bad));
});

test('a frame is ours only with our URL, a known view and a nonce', () => {
  const base = 'chrome-extension://abc/';
  const nonce = `n${'0a'.repeat(12)}`;
  assert.deepEqual(frameOf(`${base}frame.html?view=popover#${nonce}`, base), { view: 'popover', nonce });
  assert.deepEqual(frameOf(`${base}frame.html?view=badge#${nonce}`, base), { view: 'badge', nonce });
  for (const url of [`${base}frame.html?view=popover`, `${base}frame.html?view=other#${nonce}`,
    `chrome-extension://evil/frame.html?view=badge#${nonce}`, `${base}popup.html?view=badge#${nonce}`,
    `https://page.example/frame.html?view=badge#${nonce}`, `${base}frame.html?view=badge#n123`, undefined]) {
    assert.equal(frameOf(url, base), null, String(url));
  }
});

test('the corpus fingerprint changes with a source or the excluded id', () => {
  const a = [{ id: 'a', title: 'T', text: 'one two' }];
  assert.equal(corpusKey(a, null), corpusKey([{ ...a[0] }], null));
  assert.notEqual(corpusKey(a, null), corpusKey(a, 'a'));
  assert.notEqual(corpusKey(a, null), corpusKey([{ ...a[0], text: 'one three' }], null));
  assert.notEqual(corpusKey(a, null), corpusKey([...a, { id: 'b', text: 'x' }], null));
});

test('only http(s) URLs become links', () => {
  assert.equal(webUrl('https://news.example/a?b=1'), 'https://news.example/a?b=1');
  assert.equal(webUrl('http://news.example/'), 'http://news.example/');
  for (const bad of ['javascript:alert(1)', 'data:text/html,x', 'JaVaScRiPt:alert(1)', 'file:///etc/passwd',
    'chrome://settings', 'not a url', '', null, undefined]) {
    assert.equal(webUrl(bad), null, String(bad));
  }
});
