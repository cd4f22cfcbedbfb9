// The reader's pointer and keys (interact.js) in Node, with a stand-in document: hover opens
// after a pause and leaving closes an unpinned evidence, a click pins, Alt+Shift+↓/↑ steps,
// Escape is told, typing is left alone, and with `trusted` a script's events do nothing.
import test from 'node:test';
import assert from 'node:assert/strict';

const on = (target) => {
  const map = {};
  target.addEventListener = (type, fn, opts) => { map[type] = { fn, opts }; };
  target.removeEventListener = (type) => { delete map[type]; };
  return map;
};
globalThis.document = {};
const doc = on(globalThis.document);
const win = on(globalThis);
globalThis.requestAnimationFrame = (fn) => fn(); // the next frame is now
let selection = { isCollapsed: true };
globalThis.getSelection = () => selection;
const { interact, stepOf, typing, HOVER_CLOSE_MS, HOVER_OPEN_MS } = await import('../../www/interact.js');
// Mocked timers (the frames and the hover pauses), so that a busy machine does not change the
// order of events: each test's time moves only by tick().
let tick;
test.beforeEach((t) => { t.mock.timers.enable({ apis: ['setTimeout'] }); tick = (ms) => t.mock.timers.tick(ms); });

/** A claim at x in [0, 100), another at [100, 200); nothing beyond. */
function reader(extra = {}) {
  const log = [];
  const state = { open: -1, pinned: false, live: true, placed: true };
  const hooks = {
    live: () => state.live,
    claimAt: (x) => (x < 100 ? 0 : x < 200 ? 1 : -1),
    openIndex: () => state.open,
    pinned: () => state.pinned,
    open: (i, o) => { log.push(['open', i, Boolean(o.pin)]); state.open = i; state.pinned = Boolean(o.pin); },
    close: () => { log.push(['close']); state.open = -1; state.pinned = false; },
    step: (d) => log.push(['step', d]),
    escape: () => log.push(['escape']),
    inside: (t) => t === 'ui',
    place: () => state.placed,
    ...extra,
  };
  return { log, state, hooks };
}
const ev = (o) => ({ isTrusted: true, target: 'page', pointerType: 'mouse', preventDefault() { this.prevented = true; }, ...o });

test('hover opens after a pause; leaving closes an unpinned evidence; over our UI nothing changes', () => {
  const { log, hooks } = reader();
  const it = interact(hooks);
  doc.pointermove.fn(ev({ clientX: 50 }));
  tick(HOVER_OPEN_MS + 30);
  assert.deepEqual(log, [['open', 0, false]]);
  doc.pointermove.fn(ev({ clientX: 50 }));
  tick(10);
  assert.equal(log.length, 1, 'the same claim: nothing');
  doc.pointermove.fn(ev({ clientX: 300, target: 'ui' }));
  tick(HOVER_CLOSE_MS + 30);
  assert.equal(log.length, 1, 'over the popover: kept');
  doc.pointermove.fn(ev({ clientX: 300 }));
  tick(HOVER_CLOSE_MS + 30);
  assert.deepEqual(log.at(-1), ['close']);
  doc.pointermove.fn(ev({ clientX: 50, pointerType: 'touch' }));
  tick(HOVER_OPEN_MS + 30);
  assert.equal(log.length, 2, 'touch moves do not hover');
  it.stop();
});

test('a click pins a claim, a click elsewhere closes, a selection is not a click', () => {
  const { log, state, hooks } = reader();
  const it = interact(hooks);
  doc.click.fn(ev({ clientX: 150 }));
  assert.deepEqual(log, [['open', 1, true]]);
  doc.pointermove.fn(ev({ clientX: 300 }));
  tick(HOVER_CLOSE_MS + 30);
  assert.equal(state.open, 1, 'pinned: leaving does not close');
  selection = { isCollapsed: false };
  doc.click.fn(ev({ clientX: 300 }));
  selection = { isCollapsed: true };
  assert.equal(state.open, 1);
  doc.click.fn(ev({ clientX: 300, target: 'ui' }));
  assert.equal(state.open, 1, 'a click in our UI is the UI\'s');
  doc.click.fn(ev({ clientX: 300 }));
  assert.deepEqual(log.at(-1), ['close']);
  it.stop();
});

test('Alt+Shift+↓/↑ step, Escape is told, typing is left alone', () => {
  const { log, hooks } = reader();
  const it = interact(hooks);
  const down = ev({ key: 'ArrowDown', altKey: true, shiftKey: true });
  doc.keydown.fn(down);
  assert.ok(down.prevented);
  doc.keydown.fn(ev({ key: 'ArrowUp', altKey: true, shiftKey: true }));
  doc.keydown.fn(ev({ key: 'ArrowDown', altKey: true }));
  doc.keydown.fn(ev({ key: 'Escape' }));
  doc.keydown.fn(ev({ key: 'Escape', target: { tagName: 'INPUT' } }));
  doc.keydown.fn(ev({ key: 'ArrowDown', altKey: true, shiftKey: true, target: { isContentEditable: true } }));
  assert.deepEqual(log, [['step', 1], ['step', -1], ['escape']]);
  doc.pointermove.fn(ev({ clientX: 50 })); // a hover about to open...
  doc.keydown.fn(ev({ key: 'ArrowDown', altKey: true, shiftKey: true })); // ...and the reader steps
  tick(HOVER_OPEN_MS + 30);
  assert.deepEqual(log.at(-1), ['step', 1], 'the step is not undone by the hover');
  assert.equal(stepOf({ key: 'ArrowUp', altKey: true, shiftKey: true }), -1);
  assert.equal(stepOf({ key: 'ArrowUp', shiftKey: true }), 0);
  assert.ok(typing({ tagName: 'TEXTAREA' }) && !typing({ tagName: 'P' }) && !typing(null));
  it.stop();
});

test('a scroll that takes an unpinned claim out of view closes it; a pinned one stays', () => {
  const { log, state, hooks } = reader();
  const scrolled = [];
  const it = interact({ ...hooks, scrolled: (e) => scrolled.push(e.type) });
  state.open = 0;
  state.placed = false;
  win.scroll.fn(ev({ type: 'scroll' }));
  tick(10);
  assert.deepEqual(log, [['close']]);
  state.open = 0;
  state.pinned = true;
  win.resize.fn(ev({ type: 'resize' }));
  tick(10);
  assert.equal(log.length, 1);
  assert.deepEqual(scrolled, ['scroll', 'resize']);
  it.stop();
});

test('trusted: a script\'s events do nothing; not live: nothing; stop() removes every listener', () => {
  const { log, state, hooks } = reader();
  const it = interact(hooks, { trusted: true, capture: true });
  assert.equal(doc.click.opts.capture, true);
  doc.click.fn(ev({ clientX: 50, isTrusted: false }));
  doc.keydown.fn(ev({ key: 'Escape', isTrusted: false }));
  state.live = false;
  doc.click.fn(ev({ clientX: 50 }));
  assert.deepEqual(log, []);
  state.live = true;
  doc.click.fn(ev({ clientX: 50 }));
  assert.deepEqual(log, [['open', 0, true]]);
  it.stop();
  assert.deepEqual(Object.keys(doc), []);
  assert.deepEqual(Object.keys(win).filter((k) => k === 'scroll' || k === 'resize'), []);
});
