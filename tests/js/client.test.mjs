// The engine client and its hosts in Node, with stand-ins for the Worker: a corpus is loaded
// once for all its users and dropped a while after the last lets go; the worker host matches
// replies to requests and hands everything to its fallback when the worker cannot run.
import test from 'node:test';
import assert from 'node:assert/strict';
import { clientOf, corpusRequest, engineClient, mainThreadHost, workerHost } from '../../www/client.js';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A host that records its requests and answers setCorpus with ids, annotate with the text. */
function recorder({ fail = false } = {}) {
  const calls = [];
  return {
    calls,
    call: async (m) => {
      calls.push(m);
      if (m.type === 'setCorpus') { if (fail) throw new Error('no corpus'); return ['a', 'b']; }
      return m.type === 'annotate' ? { text: m.text, key: m.key } : true;
    },
  };
}

test('a corpus is keyed by its absolute URL, or by the object itself; a bad one is refused', () => {
  const r = corpusRequest('sources.json', 'https://news.example/story/page.html');
  assert.deepEqual(r, { type: 'setCorpus', key: 'https://news.example/story/sources.json',
    url: 'https://news.example/story/sources.json' });
  const corpus = { sources: [] };
  assert.equal(corpusRequest(corpus).key, corpusRequest(corpus).key);
  assert.notEqual(corpusRequest(corpus).key, corpusRequest({ sources: [] }).key);
  assert.equal(corpusRequest(corpus).corpus, corpus);
  assert.throws(() => corpusRequest({ text: 'x' }), /a corpus is \{sources/);
});

test('an index is keyed by its manifest\'s absolute URL', () => {
  const r = corpusRequest({ index: 'ix/manifest.json' }, 'https://news.example/story/page.html');
  assert.deepEqual(r, { type: 'setCorpus', key: 'index:https://news.example/story/ix/manifest.json',
    index: 'https://news.example/story/ix/manifest.json' });
  assert.notEqual(r.key, corpusRequest('ix/manifest.json', 'https://news.example/story/').key);
});

test('users of one corpus share one setCorpus; the last release drops it after a while', async () => {
  const host = recorder();
  const client = engineClient(host, 20);
  const a = client.use('s.json', 'https://x.example/');
  const b = client.use('s.json', 'https://x.example/');
  assert.deepEqual(await a.ready, ['a', 'b']);
  assert.equal(a.ready, b.ready);
  assert.equal(host.calls.filter((m) => m.type === 'setCorpus').length, 1);
  const got = await a.annotate('text', 'b');
  assert.equal(got.text, 'text');
  assert.equal(got.key, host.calls[0].key, 'annotate names the corpus it was loaded under');
  assert.deepEqual(host.calls.at(-1).exclude, 'b');
  a.release();
  await sleep(40);
  assert.ok(!host.calls.some((m) => m.type === 'drop'), 'still used by b');
  b.release();
  const c = client.use('s.json', 'https://x.example/'); // back before the drop: kept
  await sleep(40);
  assert.ok(!host.calls.some((m) => m.type === 'drop'));
  c.release();
  await sleep(40);
  assert.deepEqual(host.calls.filter((m) => m.type === 'drop').map((m) => m.key), [host.calls[0].key]);
});

test('a corpus that failed to load is asked for again by the next user', async () => {
  const host = recorder({ fail: true });
  const client = engineClient(host);
  await assert.rejects(client.use({ sources: [] }).ready, /no corpus/);
  const corpus = { sources: [] };
  await client.use(corpus).ready.catch(() => {});
  await client.use(corpus).ready.catch(() => {});
  assert.equal(host.calls.length, 3);
});

test('each host has one client; two clients never share keys', () => {
  const host = recorder();
  assert.equal(clientOf(host), clientOf(host));
  assert.throws(() => clientOf({}), /engine host has call/);
  const one = engineClient(host);
  const two = engineClient(host);
  one.use('s.json', 'https://x.example/');
  two.use('s.json', 'https://x.example/');
  assert.notEqual(host.calls[0].key, host.calls[1].key);
});

test('the main-thread host answers with the handler it is given', async () => {
  const host = mainThreadHost((m) => ({ echo: m.type }));
  assert.deepEqual(await host.call({ type: 'drop' }), { echo: 'drop' });
  await assert.rejects(mainThreadHost(() => { throw new Error('bad'); }).call({}), /bad/);
});

/** A stand-in Worker: records posted messages; the test answers them with reply(). */
class FakeWorker {
  constructor() { this.posted = []; this.terminated = false; }
  postMessage(m) { this.posted.push(m); }
  terminate() { this.terminated = true; }
  reply(data) { this.onmessage({ data }); }
}

test('the worker host is made on the first call and matches replies to requests by id', async () => {
  let made = 0;
  let w;
  const host = workerHost(recorder(), () => { made++; return (w = new FakeWorker()); });
  assert.equal(made, 0, 'no worker before the first call');
  const p1 = host.call({ type: 'setCorpus', key: 'k' });
  const p2 = host.call({ type: 'annotate', key: 'k', text: 't' });
  assert.equal(made, 1);
  const [m1, m2] = w.posted;
  assert.notEqual(m1.id, m2.id);
  w.reply({ id: m2.id, error: 'no corpus loaded under k' });
  w.reply({ id: m1.id, result: ['a'] });
  assert.deepEqual(await p1, ['a']);
  await assert.rejects(p2, /^Error: corroborate: no corpus loaded under k$/);
});

test('a worker whose CSP forbids WebAssembly, or that fails, hands every request to the fallback', async () => {
  for (const how of ['csp', 'error']) {
    const fallback = recorder();
    let w;
    const host = workerHost(fallback, () => (w = new FakeWorker()));
    const pending = host.call({ type: 'setCorpus', key: 'k' });
    if (how === 'csp') w.reply({ id: w.posted[0].id, csp: true });
    else w.onerror({ preventDefault() {} });
    assert.deepEqual(await pending, ['a', 'b'], how);
    assert.ok(w.terminated, how);
    await host.call({ type: 'drop', key: 'k' });
    assert.deepEqual(fallback.calls.map((m) => m.type), ['setCorpus', 'drop'], how);
    assert.equal(w.posted.length, 1, `${how}: nothing more goes to the worker`);
  }
});

test('when no worker can be made, the fallback answers', async () => {
  const fallback = recorder();
  const host = workerHost(fallback, () => { throw new Error('SecurityError'); });
  assert.deepEqual(await host.call({ type: 'setCorpus', key: 'k' }), ['a', 'b']);
});
