// The extension's feeds, end to end: fictional feeds and articles (tests/e2e/fixtures/feeds/,
// their dates set relative to today) served on 127.0.0.1, the extension's test build (whose
// fetcher may fetch from 127.0.0.1: scripts/extension --test; a shipped build refuses it, see
// tests/js/ext-feeds.test.mjs). In Chromium: feeds added in the options page (RSS 2.0, Atom, and
// an OPML file naming a feed that fails), reading a page of the story gathers the story's
// articles (an article that is not HTML records its error), the page is marked against them, a
// page saved by hand and the same page gathered give the same text, a failing refresh loses
// nothing, an unrelated page finds no coverage, and after the browser is closed and started
// again the feeds, items and sources are all there. In Firefox ESR (geckodriver): the feed flow.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ARTEFACTS, CHROMIUM, CHROMIUM_ARGS, REPO, mkdirp, playwright, serve, until, watchErrors } from './lib.mjs';
import { buildFor, firefox, firefoxAvailable, tabFinder } from './extension-lib.mjs';
import { axeViolations } from './axe.mjs';

const FIXTURES = join(REPO, 'tests/e2e/fixtures/feeds');
const DAY = 86_400_000;

let dir; // the Chromium build
let ctx;
let sw;
let extId;
let site; // the served copy of the fixtures
let served; // its folder
let profile;

/** Copy the fixtures into `to` with {{BASE}} and the dates filled in. */
function fill(to, base) {
  const now = Date.now();
  for (const f of readdirSync(FIXTURES)) {
    const text = readFileSync(join(FIXTURES, f), 'utf8')
      .replaceAll('{{BASE}}', base)
      .replace(/\{\{RFC822:(\d+)\}\}/g, (_, d) => new Date(now - d * DAY).toUTCString())
      .replace(/\{\{ISO:(\d+)\}\}/g, (_, d) => new Date(now - d * DAY).toISOString());
    writeFileSync(join(to, f), text);
  }
}

async function launchChromium() {
  const { chromium } = await playwright();
  ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true,
    args: [...CHROMIUM_ARGS, `--disable-extensions-except=${dir}`, `--load-extension=${dir}`],
  });
  sw = ctx.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
    await ctx.waitForEvent('serviceworker', { timeout: 15000 });
  extId = new URL(sw.url()).host;
}

before(async () => {
  dir = buildFor('chromium');
  served = mkdtempSync(join(tmpdir(), 'corroborate-feeds-site-'));
  // The server's port is known once it runs: serve an empty folder first, then fill it.
  site = await serve(served);
  fill(served, site.url);
  profile = mkdtempSync(join(tmpdir(), 'corroborate-feeds-'));
  await launchChromium();
});

after(async () => {
  await ctx?.close();
  await site?.stop();
  for (const d of [profile, served]) if (d) rmSync(d, { recursive: true, force: true });
});

const url = (name) => `${site.url}/${name}`;
const storage = () => sw.evaluate(() => chrome.storage.local.get(null));
const feedsIn = (all) => Object.entries(all).filter(([k]) => k.startsWith('feed:')).map(([, v]) => v);
const sourcesIn = (all) => Object.entries(all).filter(([k]) => k.startsWith('source:')).map(([, v]) => v);
const byUrl = (list) => Object.fromEntries(list.map((s) => [s.url, s]));

async function options() {
  const p = await ctx.newPage();
  await p.goto(`chrome-extension://${extId}/options.html`);
  return p;
}
/** The feeds section's message once it says something matching `re`. */
const said = (p, re, timeout = 30000) => until(async () => {
  const m = (await p.locator('#feeds-message').textContent()).replace(/[\u2066-\u2069]/g, ''); // no bidi isolates
  return re.test(m) ? m : null;
}, timeout, 100);

async function open(u) {
  const page = await ctx.newPage();
  await page.goto(u);
  const tabId = await until(() => sw.evaluate(async (x) => (await chrome.tabs.query({})).find((t) => t.url === x)?.id, u));
  assert.ok(tabId, `no tab for ${u}`);
  return { page, tabId };
}
async function popup(tabId) {
  const p = await ctx.newPage();
  // Every text the popup's state line shows, however briefly (the gathering's progress).
  await p.addInitScript(() => {
    window.__states = [];
    document.addEventListener('DOMContentLoaded', () => {
      const s = document.getElementById('state');
      new MutationObserver(() => window.__states.push(s.textContent)).observe(s, { childList: true, characterData: true, subtree: true });
    });
  });
  await p.goto(`chrome-extension://${extId}/popup.html?tab=${tabId}`);
  return p;
}
/** Check the page of `tabId` from its popup (the reader's button); resolves to the popup, once done. */
async function checkFromPopup(tabId, want = 'done') {
  const p = await popup(tabId);
  const errors = watchErrors(p);
  await p.waitForFunction(() => !document.getElementById('add').disabled);
  if (await p.locator('#check').isVisible()) await p.click('#check');
  await until(async () => ['done', 'no-coverage', 'error'].includes(await p.locator('#state').getAttribute('data-state')), 60000, 100);
  assert.equal(await p.locator('#state').getAttribute('data-state'), want, await p.locator('#state').textContent());
  assert.deepEqual(errors, []);
  return p;
}
const chart = (p) => p.$$eval('#chart g[data-verdict]', (gs) =>
  Object.fromEntries(gs.map((g) => [g.dataset.verdict, Number(g.querySelector('.count').textContent)])));
const frameOf = (page, view) => until(() => page.frames().find((f) => f.url().includes(`/frame.html?view=${view}`)), 10000);
async function drawnMarks(page) {
  const frame = await frameOf(page, 'marks');
  return until(async () => {
    const counts = await frame.evaluate(() => {
      const out = {};
      for (const e of document.querySelectorAll('svg [data-verdict]:not(rect)')) out[e.dataset.verdict] = (out[e.dataset.verdict] ?? 0) + 1;
      return out;
    }).catch(() => null);
    return counts && Object.keys(counts).length ? counts : null;
  }, 10000);
}

test('the feed parser reads RSS 2.0, RDF, Atom and OPML, and refuses what is not a feed', async () => {
  const p = await options();
  const got = await p.evaluate(async () => {
    const { parseFeed, parseOpml } = await import(chrome.runtime.getURL('lib/feedparse.js'));
    const tryIt = (f) => { try { return f(); } catch (e) { return { error: e.message }; } };
    return {
      rss: parseFeed(`<rss version="2.0"><channel><title>T &amp; Co</title><link>https://t.example/</link>
        <item><title>One</title><link>/a/1</link><pubDate>Tue, 01 Dec 2026 10:00:00 GMT</pubDate>
        <description>&lt;p&gt;Hello &lt;script&gt;x()&lt;/script&gt;&lt;b&gt;world&lt;/b&gt;&lt;/p&gt;</description></item>
        <item><title>No link</title></item>
        <item><title>Dup</title><link>https://t.example/a/1</link><guid>https://t.example/a/1</guid></item>
        <item><title>Dup again</title><guid>https://t.example/a/1</guid></item>
        <item><title>mailto</title><link>mailto:x@t.example</link></item></channel></rss>`, 'https://t.example/feed'),
      rdf: parseFeed(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
        xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>R</title><link>https://r.example/</link></channel>
        <item rdf:about="https://r.example/x"><title>X</title><link>https://r.example/x</link><dc:date>2026-11-30T08:00:00Z</dc:date>
        <description>plain</description></item></rdf:RDF>`, 'https://r.example/rss'),
      atom: parseFeed(`<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://a.example/news/"><title type="html">A &lt;b&gt;B&lt;/b&gt;</title>
        <entry><id>e1</id><title>E</title><link rel="self" href="/self"/><link href="e1.html"/><updated>2026-11-29T00:00:00Z</updated>
        <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Full <b>text</b></div></content></entry></feed>`, 'https://a.example/feed'),
      html: tryIt(() => parseFeed('<!DOCTYPE html><html><body>hi</body></html>', 'https://x.example/')),
      broken: tryIt(() => parseFeed('<rss><channel>', 'https://x.example/')),
      opml: parseOpml(`<opml version="2.0"><body><outline text="g"><outline text="F" xmlUrl="https://f.example/rss" htmlUrl="https://f.example/"/></outline>
        <outline text="F again" xmlUrl="https://f.example/rss"/></body></opml>`),
      noFeeds: tryIt(() => parseOpml('<opml><body><outline text="empty"/></body></opml>')),
      notOpml: tryIt(() => parseOpml('<rss/>')),
    };
  });
  await p.close();
  assert.equal(got.rss.title, 'T & Co');
  assert.deepEqual(got.rss.items.map((i) => [i.title, i.link]), [['One', 'https://t.example/a/1']]);
  assert.equal(got.rss.items[0].summary, 'Hello world', 'the description is text, its script dropped');
  assert.equal(got.rss.items[0].published, '2026-12-01T10:00:00.000Z');
  assert.deepEqual(got.rdf.items.map((i) => [i.link, i.published]), [['https://r.example/x', '2026-11-30T08:00:00.000Z']]);
  assert.equal(got.atom.title, 'A B');
  assert.deepEqual(got.atom.items.map((i) => [i.id, i.link, i.summary]), [['e1', 'https://a.example/news/e1.html', 'Full text']]);
  assert.match(got.html.error, /not an RSS 2\.0 or Atom feed: the document is <html>/);
  assert.match(got.broken.error, /the XML does not parse/);
  assert.deepEqual(got.opml, [{ url: 'https://f.example/rss', title: 'F', site: 'https://f.example/' }]);
  assert.match(got.noFeeds.error, /names no feed/);
  assert.match(got.notOpml.error, /not an OPML file/);
});

test('a document without a window (a fetched page) is read by the rules the command line follows', async () => {
  // The extraction fixtures (tests/fixtures/extraction/), parsed with DOMParser as a fetched
  // article is: no layout, so only attributes and inline styles hide (www/extract.js).
  const dir = join(REPO, 'tests/fixtures/extraction');
  const cases = readdirSync(dir).filter((f) => f.endsWith('.html')).sort()
    .map((f) => [f, readFileSync(join(dir, f), 'utf8'), JSON.parse(readFileSync(join(dir, f.replace(/\.html$/, '.json')), 'utf8'))]);
  assert.ok(cases.length >= 10);
  const p = await options();
  const got = await p.evaluate(async (list) => {
    const { extract, pageMeta, plainText } = await import(chrome.runtime.getURL('shell/extract.js'));
    return list.map(([name, html]) => {
      const doc = new DOMParser().parseFromString(html, 'text/html');
      return [name, { text: plainText(extract(doc.body).text), ...pageMeta(doc) }];
    });
  }, cases.map(([f, html]) => [f, html]));
  await p.close();
  for (const [[name, , want], [, have]] of cases.map((c, i) => [c, got[i]])) {
    assert.deepEqual(have, { text: want.text, title: want.title, outlet: want.outlet, url: want.url, published: want.published }, name);
  }
});

test('feeds are added in the options page: RSS, Atom, and an OPML file with a feed that fails', async () => {
  const p = await options();
  const errors = watchErrors(p);
  // Not public: refused before anything is asked or fetched (the test build allows 127.0.0.1 alone).
  for (const [bad, why] of [['http://localhost:8080/feed.xml', 'localhost is not a public address'],
    ['http://192.168.1.1/rss', '192.168.1.1 is not a public address']]) {
    await p.fill('#feed-url', bad);
    await p.click('#feed-add');
    assert.equal(await said(p, /^Not added/), `Not added: ${why}: only public feed and article URLs are fetched.`);
  }
  await p.fill('#feed-url', url('harbour-ledger.rss'));
  await p.click('#feed-add');
  assert.match(await said(p, /^Added/) ?? '(nothing)', /^Added “The Harbour Ledger” \(3 items\)\.$/); // the 90-day-old item dropped
  await p.fill('#feed-url', url('coastline.atom'));
  await p.click('#feed-add');
  assert.match(await said(p, /Coastline/) ?? '(nothing)', /^Added “Coastline News” \(2 items\)\.$/);
  // The OPML file names the RSS feed again (already there) and one that does not exist.
  const opml = join(served, 'feeds.opml');
  await p.setInputFiles('#opml', opml);
  await said(p, /2 feeds found/);
  await p.click('#opml-add');
  const opmlSaid = await said(p, /already there/);
  assert.match(opmlSaid ?? '(nothing)', /^Added “The Tarrow Tide \(gone\)”, but it could not be read: HTTP 404 Not Found\. 1 feed already there\.$/);

  // The list: outlet, last refresh, items kept, last error, next try.
  await until(async () => (await p.locator('#feeds-list tbody tr').count()) === 3);
  const rows = await p.$$eval('#feeds-list tbody tr', (trs) => trs.map((tr) => ({ state: tr.dataset.state,
    cells: [...tr.cells].map((c) => c.textContent.replace(/\s+/g, ' ').trim()) })));
  const row = (name) => rows.find((r) => r.cells[0].startsWith(name));
  assert.equal(row('The Harbour Ledger').state, 'ok');
  assert.match(row('The Harbour Ledger').cells[2], /^3/);
  assert.equal(row('The Harbour Ledger').cells[3], 'none');
  assert.match(row('The Harbour Ledger').cells[4], /^refresh /);
  assert.match(row('Coastline News').cells[2], /^2/);
  assert.equal(row('The Tarrow Tide (gone)').state, 'error');
  assert.equal(row('The Tarrow Tide (gone)').cells[1], '—');
  assert.equal(row('The Tarrow Tide (gone)').cells[3], 'HTTP 404 Not Found');
  assert.match(row('The Tarrow Tide (gone)').cells[4], /^retry /);

  const all = await storage();
  const feeds = Object.fromEntries(feedsIn(all).map((f) => [f.title, f]));
  assert.deepEqual(Object.keys(feeds).sort(), ['Coastline News', 'The Harbour Ledger', 'The Tarrow Tide (gone)']);
  assert.deepEqual(feeds['The Harbour Ledger'].items.map((i) => i.link).sort(),
    ['harbour-ledger-ferry.html', 'marrowby-cheese.html', 'orland-timetable.txt'].map(url));
  assert.equal(feeds['Coastline News'].items.find((i) => /Kittiwake/.test(i.title)).link, url('coastline-ferry.html'));
  assert.ok(feeds['Coastline News'].items.every((i) => !/</.test(i.summary)), 'summaries are text');
  const gone = feeds['The Tarrow Tide (gone)'];
  assert.equal(gone.failures, 1);
  assert.ok(Date.parse(gone.due) > Date.now(), 'the failing feed is tried again later');
  assert.deepEqual(sourcesIn(all), [], 'nothing is fetched but the feeds before a page is read');
  // The schedule.
  assert.equal((await sw.evaluate(() => chrome.alarms.get('corroborate-feeds')))?.periodInMinutes, 15);

  await p.locator('#feeds').screenshot({ path: join(mkdirp(ARTEFACTS), 'feeds-list.png') });
  const violations = await axeViolations(p);
  assert.deepEqual(violations, [], JSON.stringify(violations, null, 2));
  assert.deepEqual(errors, []);
  await p.close();
});

let gathered; // the sources gathered when the story's page was read, by URL

test('reading a page of the story gathers its articles from the feeds, and the page is marked against them', async () => {
  const { page, tabId } = await open(url('gull-gazette-ferry.html'));
  const p = await checkFromPopup(tabId);
  const states = await p.evaluate(() => window.__states);
  assert.ok(states.includes('Gathering 3 articles from your feeds…'), JSON.stringify(states));
  const state = await p.locator('#state').textContent();
  assert.match(state, /claims checked against 2 sources/);
  const bars = await chart(p);
  assert.ok(bars.contradicted >= 1 && bars.confirmed >= 1, JSON.stringify(bars)); // 240 passengers vs 212
  await p.screenshot({ path: join(ARTEFACTS, 'feeds-popup.png') });
  await p.close();
  const drawn = await drawnMarks(page);
  assert.ok(drawn?.contradicted >= 1 && drawn.confirmed >= 1, JSON.stringify(drawn));

  const all = await storage();
  gathered = byUrl(sourcesIn(all));
  // The story's two HTML articles; the unrelated items were not fetched; nor was the page itself.
  assert.deepEqual(Object.keys(gathered).sort(), [url('coastline-ferry.html'), url('harbour-ledger-ferry.html')]);
  const ledger = gathered[url('harbour-ledger-ferry.html')];
  const feeds = Object.fromEntries(feedsIn(all).map((f) => [f.title, f]));
  const item = feeds['The Harbour Ledger'].items.find((i) => i.link === ledger.url);
  assert.equal(ledger.outlet, 'The Harbour Ledger');
  assert.equal(ledger.title, 'Ferry Kittiwake runs aground off Tarrow Point');
  assert.equal(ledger.published, item.published);
  assert.equal(item.source, ledger.id);
  assert.equal(gathered[url('coastline-ferry.html')].outlet, 'Coastline News');
  // Readability's article: the boxes inside <article> that are not the story are left out.
  assert.match(ledger.text, /212 passengers and 14 crew/);
  assert.doesNotMatch(ledger.text, /More from the Ledger|Share this story|Subscribe|Home/);
  assert.doesNotMatch(gathered[url('coastline-ferry.html')].text, /Read next|All rights reserved/);
  // The article that is not HTML: its error, and a next try.
  const timetable = feeds['The Harbour Ledger'].items.find((i) => i.link === url('orland-timetable.txt'));
  assert.equal(timetable.error, 'not an HTML page (text/plain)');
  assert.equal(timetable.failures, 1);
  assert.ok(Date.parse(timetable.retry) > Date.now());

  // The options page shows it.
  const o = await options();
  const err = await until(async () => {
    const t = await o.locator('#feeds-list tr', { hasText: 'The Harbour Ledger' }).locator('.item-error').textContent().catch(() => null);
    return t?.includes('not an HTML page') ? t : null;
  }, 10000);
  assert.match(err ?? '', /Orland Ferries revises the Tarrow Point timetable.*: not an HTML page \(text\/plain\) \(next try /);
  assert.match(await o.locator('#feeds-list tr', { hasText: 'The Harbour Ledger' }).locator('td.items').textContent(), /1 gathered/);
  await o.close();

  // Read again: nothing new to gather (stored already; the failed one waits for its next try).
  const again = await checkFromPopup(tabId);
  assert.ok(!(await again.evaluate(() => window.__states)).some((s) => /Gathering/.test(s)));
  await again.close();
  await page.close();
});

test('a page saved by hand and the same page gathered from a feed or a list of URLs give the same text', async () => {
  // The gathered Ledger article, saved again by hand from its tab ("Add this page as a source").
  const target = url('harbour-ledger-ferry.html');
  const before = gathered[target];
  const { page, tabId } = await open(target);
  const p = await popup(tabId);
  await p.waitForFunction(() => !document.getElementById('add').disabled);
  await p.click('#add');
  assert.match(await until(async () => (await p.locator('#message').textContent()) || null, 15000) ?? '', /^Saved /);
  await p.close();
  await page.close();
  const after = byUrl(sourcesIn(await storage()))[target];
  assert.notEqual(after.added, before.added, 'saved again');
  assert.equal(after.id, before.id);
  assert.equal(after.text, before.text);

  // "Add from a list of URLs": an article and a file that is not HTML.
  const o = await options();
  await o.fill('#urls', `${url('marrowby-cheese.html')}\n\n${url('orland-timetable.txt')}\n`);
  await o.click('#urls-add');
  const m = await said(o, /^Added \d/);
  assert.equal(m, `Added 1 source. Not added ${url('orland-timetable.txt')}: not an HTML page (text/plain).`);
  await o.close();
  const listed = byUrl(sourcesIn(await storage()))[url('marrowby-cheese.html')];
  // The page's metadata (docs/extraction.md): no site name stated, so the title keeps its
  // " | The Harbour Ledger" and the outlet is the host.
  assert.equal(listed.title, 'Marrowby cheese fair draws record crowds | The Harbour Ledger');
  assert.equal(listed.outlet, '127.0.0.1');
  const cheese = await open(url('marrowby-cheese.html'));
  const q = await popup(cheese.tabId);
  await q.waitForFunction(() => !document.getElementById('add').disabled);
  await q.click('#add');
  await until(async () => (await q.locator('#message').textContent()) || null, 15000);
  await q.close();
  await cheese.page.close();
  const byHand = byUrl(sourcesIn(await storage()))[url('marrowby-cheese.html')];
  assert.notEqual(byHand.added, listed.added);
  assert.equal(byHand.text, listed.text);
  // Readability's article: the paragraphs (the headline, which repeats the title, left out).
  assert.equal(byHand.text, 'More than nine thousand visitors came to the Marrowby cheese fair on Saturday, the organisers said.\n\n' +
    'A blue cheese from the Fenwick dairy won the prize for the best cheese of the fair.');
  await sw.evaluate((id) => chrome.storage.local.remove(`source:${id}`), byHand.id); // not of the story: out of the way
});

test('a failing refresh keeps the items and sources stored, records its error and tries again later', async () => {
  const rss = join(served, 'harbour-ledger.rss');
  const good = readFileSync(rss, 'utf8');
  const before = await storage();
  const ledgerBefore = feedsIn(before).find((f) => f.title === 'The Harbour Ledger');
  writeFileSync(rss, '<!DOCTYPE html><title>Maintenance</title><p>Back soon.</p>');
  try {
    const o = await options();
    await o.click('#feeds-refresh');
    assert.match(await said(o, /^Refreshed/) ?? '', /^Refreshed 3 feeds: 2 failed \(see “Last error”\)\.$/);
    const all = await storage();
    const ledger = feedsIn(all).find((f) => f.id === ledgerBefore.id);
    assert.equal(ledger.error, 'not an RSS 2.0 or Atom feed: an HTML page');
    assert.equal(ledger.failures, 1);
    assert.deepEqual(ledger.items, ledgerBefore.items, 'the items kept are the same');
    assert.equal(ledger.refreshed, ledgerBefore.refreshed, 'the last success stays the last refresh');
    assert.deepEqual(Object.keys(byUrl(sourcesIn(all))).sort(), Object.keys(byUrl(sourcesIn(before))).sort());
    const cells = await until(async () => {
      const c = await o.locator('#feeds-list tr', { hasText: 'The Harbour Ledger' }).locator('td').allTextContents();
      return /not an RSS/.test(c[3]) ? c : null;
    }, 10000);
    assert.match(cells[3], /not an RSS 2\.0 or Atom feed/);
    assert.match(cells[2], /^3/);
    assert.match(cells[4], /^retry /);
    // Back to normal: the next refresh succeeds and clears the error.
    writeFileSync(rss, good);
    await o.click('#feeds-refresh');
    await said(o, /^Refreshed 3 feeds: 1 failed/);
    const ok = feedsIn(await storage()).find((f) => f.id === ledgerBefore.id);
    assert.equal(ok.error, null);
    assert.equal(ok.failures, 0);
    assert.equal(ok.items.length, 3);
    await o.close();
  } finally {
    writeFileSync(rss, good);
  }
});

test('an unrelated page gathers nothing and finds no coverage among the sources', async () => {
  const before = Object.keys(byUrl(sourcesIn(await storage()))).sort();
  const { page, tabId } = await open(url('hollin-orchards.html'));
  const p = await checkFromPopup(tabId, 'no-coverage');
  assert.equal(await p.locator('#state').textContent(), 'No coverage of this story among your 2 sources.');
  assert.ok(!(await p.evaluate(() => window.__states)).some((s) => /Gathering/.test(s)), 'nothing to gather');
  const st = await p.evaluate((id) => chrome.runtime.sendMessage({ type: 'tab-status', tabId: id }), tabId);
  // The core's story gating: no story among the sources, so nothing is compared and no claim is
  // marked (not every sentence "unique").
  assert.equal(st.summary.sources, 0, JSON.stringify(st.summary));
  assert.equal(st.summary.available, 2, JSON.stringify(st.summary));
  assert.equal(st.summary.claims, 0, JSON.stringify(st.summary));
  await p.screenshot({ path: join(ARTEFACTS, 'feeds-popup-no-coverage.png') });
  await p.close();
  assert.deepEqual(Object.keys(byUrl(sourcesIn(await storage()))).sort(), before);
  await page.close();
});

test('a feed whose articles live on another host offers to allow that host', async () => {
  // A feed record as a refresh leaves it, its items on a host the extension holds no permission for.
  const feed = { id: 'elsewhere-test', url: url('elsewhere.rss'), title: 'Elsewhere Weekly', site: null, added: new Date().toISOString(),
    refreshed: new Date().toISOString(), due: new Date(Date.now() + 3600e3).toISOString(), error: null, errorAt: null, failures: 0,
    items: [{ id: 'x', title: 'X', link: 'https://articles.example/x', published: new Date().toISOString(), summary: '' }] };
  await sw.evaluate((f) => chrome.storage.local.set({ [`feed:${f.id}`]: f }), feed);
  const o = await options();
  const allow = o.locator('#feeds-list tr', { hasText: 'Elsewhere Weekly' }).getByRole('button', { name: 'Allow articles on articles.example' });
  await allow.waitFor({ timeout: 10000 });
  // The feeds on 127.0.0.1 need none (the host is granted).
  assert.equal(await o.locator('#feeds-list tr', { hasText: 'The Harbour Ledger' }).getByRole('button', { name: /^Allow/ }).count(), 0);
  await o.getByRole('button', { name: 'Remove the feed Elsewhere Weekly' }).click();
  await until(async () => (await o.locator('#feeds-list tbody tr').count()) === 3);
  assert.equal(await o.locator('#feeds-list tbody tr').count(), 3);
  await o.close();
});

test('after the browser is closed and started again, the feeds, items and sources are all there', async () => {
  const before = await storage();
  await ctx.close();
  await launchChromium(); // the same profile
  const all = await storage();
  assert.deepEqual(feedsIn(all).map((f) => [f.id, f.items.length]).sort(), feedsIn(before).map((f) => [f.id, f.items.length]).sort());
  assert.deepEqual(sourcesIn(all).map((s) => [s.id, s.text]).sort(), sourcesIn(before).map((s) => [s.id, s.text]).sort());
  assert.ok(await sw.evaluate(() => chrome.alarms.get('corroborate-feeds')), 'the schedule is still there');
  const o = await options();
  await until(async () => (await o.locator('#feeds-list tbody tr').count()) === 3);
  assert.equal(await o.locator('#feeds-list tbody tr').count(), 3);
  await o.locator('#feeds').screenshot({ path: join(ARTEFACTS, 'feeds-list-restarted.png') });
  await o.close();
  // The story's page is checked against the gathered sources again.
  const { page, tabId } = await open(url('gull-gazette-ferry.html'));
  const p = await checkFromPopup(tabId);
  assert.match(await p.locator('#state').textContent(), /claims checked against 2 sources/);
  await p.close();
  await page.close();
});

// ---- Firefox ESR: the feed flow in the event page (its own DOMParser; no offscreen document) ----

test('Firefox: a feed is added, refreshed, its items kept and an article of the story gathered', async (t) => {
  if (!firefoxAvailable(t)) return;
  const ff = await firefox(buildFor('firefox'));
  const { ext, run, to, openTab, openExtTab, waitFor } = ff;
  try {
    const home = await openExtTab(`${ext}/options.html`);
    await run(`document.getElementById('feed-url').value = args[0];`, [url('coastline.atom')]);
    await ff.click('#feed-add'); // a WebDriver click is a user gesture: the permission request is allowed
    const added = await waitFor(`const m = document.getElementById('feeds-message').textContent;
      if (!/^Added/.test(m)) throw new Error(m); return m;`, [], 30000);
    assert.equal(added.replace(/[\u2066-\u2069]/g, ''), 'Added “Coastline News” (2 items).');
    await ff.click('#feeds-refresh');
    const refreshed = await waitFor(`const m = document.getElementById('feeds-message').textContent;
      if (!/^Refreshed/.test(m)) throw new Error(m); return m;`, [], 30000);
    assert.equal(refreshed, 'Refreshed 1 feed.');
    const feeds = await run(`return Object.entries(await browser.storage.local.get(null))
      .filter(([k]) => k.startsWith('feed:')).map(([, v]) => v);`);
    assert.equal(feeds.length, 1);
    assert.equal(feeds[0].items.length, 2);
    assert.equal(feeds[0].error, null);

    // A page of the story read: the Atom feed's article of the story is gathered.
    const tabOf = tabFinder(ff, home);
    const pageUrl = url('gull-gazette-ferry.html');
    await openTab(pageUrl);
    const tab = await tabOf(pageUrl);
    await openExtTab(`${ext}/popup.html?tab=${tab}`);
    const state = await waitFor(`const add = document.getElementById('add');
      if (add.disabled) throw new Error('not ready');
      const c = document.getElementById('check');
      if (!c.hidden && !window.__clicked) { window.__clicked = true; c.click(); }
      const s = document.getElementById('state');
      if (s.dataset.state !== 'done') throw new Error(s.textContent);
      return s.textContent;`, [], 60000);
    assert.match(state ?? '', /claims checked against 1 source/);
    await to(home);
    const sources = await run(`return Object.entries(await browser.storage.local.get(null))
      .filter(([k]) => k.startsWith('source:')).map(([, v]) => v);`);
    assert.deepEqual(sources.map((s) => [s.url, s.outlet]), [[url('coastline-ferry.html'), 'Coastline News']]);
    assert.match(sources[0].text, /212 passengers and 14 crew/);
    assert.doesNotMatch(sources[0].text, /Read next/);
    await ff.screenshot(join(ARTEFACTS, 'feeds-firefox-options.png'));
  } finally {
    await ff.close();
  }
});
