// The extension's feeds without a browser: which URLs may be fetched (lib/net.js: public
// addresses only, the test build's 127.0.0.1 as the one exception), the storage cap of feed
// items and the backoff of failures (lib/feedstore.js). The parsing (DOMParser) and the flow are
// tested in Chromium and Firefox by tests/e2e/feeds.test.mjs.
import test from 'node:test';
import assert from 'node:assert/strict';
import { htmlType, privateHost, publicUrl } from '../../extension/src/lib/net.js';
import { TEST_HOSTS } from '../../extension/src/lib/flags.js';
import { CAP, MAX_WAIT_MS, RETRY_MS, articleOrigins, backoff, capTotal, itemTime, mergeItems }
  from '../../extension/src/lib/feedstore.js';

test('the source tree fetches no local address (only the --test build sets TEST_HOSTS)', () => {
  assert.deepEqual(TEST_HOSTS, []);
});

test('only public http(s) URLs are fetched', () => {
  const refused = [ // [url, message]
    ['http://127.0.0.1:8080/feed.xml', /127\.0\.0\.1 is not a public address/],
    ['http://localhost/feed', /not a public address/],
    ['http://news.localhost/feed', /not a public address/],
    ['http://10.1.2.3/a', /not a public address/],
    ['http://172.20.0.1/a', /not a public address/],
    ['http://192.168.1.10/a', /not a public address/],
    ['http://169.254.169.254/latest/meta-data', /not a public address/],
    ['http://100.100.1.1/a', /not a public address/],
    ['http://0.0.0.0/a', /not a public address/],
    ['http://2130706433/a', /not a public address/], // 127.0.0.1 written as one number
    ['http://0x7f.1/a', /not a public address/],
    ['http://[::1]/a', /not a public address/],
    ['http://[fd12::1]/a', /not a public address/],
    ['http://[fe80::1]/a', /not a public address/],
    ['http://[::ffff:127.0.0.1]/a', /not a public address/],
    ['http://router/a', /not a public address/],
    ['http://printer.local/a', /not a public address/],
    ['file:///etc/passwd', /only http and https/],
    ['javascript:alert(1)', /only http and https/],
    ['https://user:pw@news.example/feed', /user name or password/],
    ['not a url', /not a URL/],
  ];
  for (const [url, message] of refused) assert.throws(() => publicUrl(url), message, url);
  assert.equal(publicUrl('https://news.example/feed.xml#top'), 'https://news.example/feed.xml');
  assert.equal(publicUrl(' http://8.8.8.8/a '), 'http://8.8.8.8/a');
  assert.equal(publicUrl('http://[2001:db8::1]/a'), 'http://[2001:db8::1]/a');
  assert.equal(publicUrl('http://172.32.0.1/a'), 'http://172.32.0.1/a'); // outside 172.16/12
  // The test build's exception is for the hosts it names only.
  assert.equal(publicUrl('http://127.0.0.1:9/a', ['127.0.0.1']), 'http://127.0.0.1:9/a');
  assert.throws(() => publicUrl('http://localhost:9/a', ['127.0.0.1']), /not a public address/);
  assert.equal(privateHost('news.example'), false);
  assert.equal(privateHost('127.1.2.3'), true);
});

test('what counts as an HTML page', () => {
  for (const t of ['text/html', 'application/xhtml+xml', '']) assert.equal(htmlType(t), true, t);
  for (const t of ['text/plain', 'application/pdf', 'application/json', 'image/png']) assert.equal(htmlType(t), false, t);
});

const DAY = 86_400_000;
const NOW = Date.parse('2026-06-15T12:00:00Z');
const at = (days) => new Date(NOW - days * DAY).toISOString();

test('a refresh keeps what was known of each item, adds the new ones, drops the old ones', () => {
  const old = [
    { id: 'a', title: 'A', link: 'https://n.example/a', published: at(2), seen: at(2), source: 'src-a' },
    { id: 'b', title: 'B', link: 'https://n.example/b', published: at(3), seen: at(3), error: 'HTTP 500', failures: 2, retry: at(0) },
    { id: 'gone', title: 'no longer listed', link: 'https://n.example/g', published: at(5), seen: at(5) },
    { id: 'ancient', title: 'old', link: 'https://n.example/o', published: at(40), seen: at(40) },
  ];
  const fresh = [
    { id: 'new', title: 'New', link: 'https://n.example/n', published: at(0), summary: 's' },
    { id: 'a', title: 'A, updated', link: 'https://n.example/a', published: at(2), summary: 's' },
    { id: 'b', title: 'B', link: 'https://n.example/b', published: at(3), summary: 's' },
    { id: 'undated', title: 'U', link: 'https://n.example/u', published: null, summary: '' },
  ];
  const got = mergeItems(old, fresh, NOW);
  assert.deepEqual(got.map((i) => i.id), ['new', 'undated', 'a', 'b', 'gone']);
  const by = Object.fromEntries(got.map((i) => [i.id, i]));
  assert.equal(by.a.title, 'A, updated');
  assert.equal(by.a.source, 'src-a'); // the gathered source is remembered
  assert.equal(by.a.seen, at(2));
  assert.equal(by.b.error, 'HTTP 500'); // and the last error, with its next try
  assert.equal(by.undated.seen, new Date(NOW).toISOString()); // first seen now: dated by that
  assert.equal(itemTime(by.undated), NOW);
  // At most CAP.perFeed, the newest.
  const many = Array.from({ length: CAP.perFeed + 7 }, (_, i) => ({ id: `i${i}`, title: `${i}`, link: `https://n.example/${i}`,
    published: new Date(NOW - i * 60_000).toISOString() }));
  const capped = mergeItems([], many, NOW);
  assert.equal(capped.length, CAP.perFeed);
  assert.equal(capped[0].id, 'i0');
  assert.equal(capped.at(-1).id, `i${CAP.perFeed - 1}`);
});

test('the total cap drops the oldest items over all feeds, and names only the feeds it changed', () => {
  const feeds = [
    { id: 'f1', items: [{ id: '1', published: at(1) }, { id: '2', published: at(9) }] },
    { id: 'f2', items: [{ id: '3', published: at(2) }, { id: '4', published: at(3) }] },
    { id: 'f3', items: [{ id: '5', published: at(0) }] },
  ];
  assert.deepEqual(capTotal(feeds, 5), []);
  const changed = capTotal(feeds, 3);
  assert.deepEqual(changed.map((f) => [f.id, f.items.map((i) => i.id)]), [['f1', ['1']], ['f2', ['3']]]);
  assert.equal(feeds[0].items.length, 2, 'the input is not changed');
});

test('failures wait longer each time, up to a day', () => {
  assert.equal(backoff(1), RETRY_MS);
  assert.equal(backoff(2), 2 * RETRY_MS);
  assert.equal(backoff(3), 4 * RETRY_MS);
  assert.equal(backoff(30), MAX_WAIT_MS);
});

test('the article hosts an item list needs', () => {
  assert.deepEqual(articleOrigins([{ link: 'https://b.example/x' }, { link: 'https://a.example/y' },
    { link: 'https://b.example/z' }, { link: 'nope' }]), ['*://a.example/*', '*://b.example/*']);
});
