// Following a dynamic page (follow.js) in Node, with a stand-in MutationObserver: changes are
// told once they settle, only relevant ones count, a replaced root is found again and watched,
// history moves count, and nothing is told after stop().
import test from 'node:test';
import assert from 'node:assert/strict';

const observers = [];
globalThis.MutationObserver = class {
  constructor(fn) { this.fn = fn; this.targets = []; this.queued = []; observers.push(this); }
  observe(target, opts) { this.targets.push([target, opts]); }
  disconnect() { this.targets = []; }
  takeRecords() { const q = this.queued; this.queued = []; return q; }
  fire(records = [{ target: 'x' }]) { if (this.targets.length) this.fn(records); }
};
const listeners = {};
globalThis.addEventListener = (type, fn) => { (listeners[type] ??= new Set()).add(fn); };
globalThis.removeEventListener = (type, fn) => listeners[type]?.delete(fn);
globalThis.document = { nodeName: '#document' };
const { follow } = await import('../../www/follow.js');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const start = () => observers.length;

test('changes are told once, after they settle; irrelevant ones are not', async () => {
  const n = start();
  let told = 0;
  const root = { isConnected: true };
  const f = follow(root, { changed: () => told++, relevant: (rs) => rs.some((r) => r.target !== 'ours'), wait: 10 });
  const text = observers[n];
  assert.deepEqual(text.targets[0], [root, { characterData: true, childList: true, subtree: true }]);
  assert.equal(observers.length, n + 1, 'no document-wide observer without find()');
  text.fire(); text.fire(); text.fire();
  await sleep(30);
  assert.equal(told, 1);
  text.fire([{ target: 'ours' }]);
  await sleep(30);
  assert.equal(told, 1, 'our own changes do not count');
  text.queued.push('record');
  assert.deepEqual(f.takeRecords(), ['record']);
  text.fire();
  f.stop();
  await sleep(30);
  assert.equal(told, 1, 'nothing after stop()');
  assert.deepEqual(text.targets, []);
});

test('a replaced root is found again, watched, and told; a refused or missing one is not', async () => {
  const n = start();
  let told = 0;
  const old = { isConnected: true };
  const fresh = { isConnected: true };
  let found = null;
  let accept = true;
  const seen = [];
  const f = follow(old, { changed: () => told++, wait: 5,
    find: () => { if (!found) throw new Error('none'); return found; },
    replaced: (a, b) => { seen.push([a, b]); return accept; } });
  const [text, doc] = [observers[n], observers[n + 1]];
  assert.equal(doc.targets[0][0], globalThis.document);
  doc.fire();
  assert.equal(f.root, old, 'still connected: nothing to do');
  old.isConnected = false;
  doc.fire();
  assert.equal(f.root, old, 'not back yet');
  found = fresh;
  accept = false;
  doc.fire();
  assert.equal(f.root, old, 'refused');
  accept = true;
  doc.fire();
  assert.equal(f.root, fresh);
  assert.deepEqual(seen.at(-1), [old, fresh]);
  assert.equal(text.targets.length, 1);
  assert.equal(text.targets[0][0], fresh, 'the new root is watched, the old one no longer');
  await sleep(20);
  assert.equal(told, 1);
  f.stop();
  assert.deepEqual(doc.targets, []);
});

test('with history, popstate counts; stop() takes the listener away', async () => {
  let told = 0;
  const f = follow({ isConnected: true }, { changed: () => told++, history: true, wait: 5 });
  assert.equal(listeners.popstate.size, 1);
  for (const fn of listeners.popstate) fn();
  await sleep(20);
  assert.equal(told, 1);
  f.stop();
  assert.equal(listeners.popstate.size, 0);
});
