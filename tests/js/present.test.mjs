// The page's one UI shared by handles (present.js) in Node, with a stand-in UI: the last handle
// attached with a UI owns it, opening marks the claim and remembers focus, closing gives focus
// back, stepping wraps around, new claims keep the open popover on its claim, and the UI goes
// to the previous owner when a handle is detached (away with the last).
import test from 'node:test';
import assert from 'node:assert/strict';

globalThis.matchMedia = () => ({ matches: true });
let focused = null;
globalThis.document = { get activeElement() { return focused; } };
const { inUI, presenter } = await import('../../www/present.js');

function fakeUI(log) {
  return (on) => {
    const ui = {
      on, openIndex: -1, claims: null,
      open(c, rect, focus) { ui.openIndex = c.index; log.push(['open', c.index, focus]); return `words ${c.index}`; },
      close() { ui.openIndex = -1; log.push(['close']); },
      closePanel() { log.push(['closePanel']); },
      update(claims, summary, sources, extra) { ui.claims = claims; ui.extra = extra; },
      announce(t) { log.push(['announce', t]); },
      place: () => true,
      contains: (n) => n === 'ui-host',
      popoverHasFocus: () => false,
      destroy() { log.push(['destroy']); },
    };
    log.ui = ui;
    return ui;
  };
}
const claimsOf = (...texts) => texts.map((text, index) => ({ text, index, verdict: 'confirmed' }));
function painted(n) {
  const scrolled = [];
  const marks = [];
  const range = (i) => ({ i, startContainer: { parentElement: { scrollIntoView: () => scrolled.push(i) } },
    getBoundingClientRect: () => ({ top: 0, bottom: 10 }), getClientRects: () => [{ top: 0, bottom: 10, left: 5 }] });
  return { ranges: Array.from({ length: n }, (_, i) => range(i)), mark: (i) => marks.push(i), scrolled, marks };
}

test('stepping wraps around and marks each claim, also without a UI', () => {
  const handle = { claims: claimsOf('a', 'b', 'c') };
  const paint = painted(3);
  const view = presenter(handle, paint, { show: false });
  assert.equal(view.step(-1).text, 'c', 'back from nowhere: the last claim');
  assert.equal(view.step(1).text, 'a');
  assert.equal(view.go(5).text, 'c');
  assert.deepEqual(paint.scrolled, [2, 0, 2]);
  assert.equal(view.mine(), false);
  assert.equal(presenter({ claims: [] }, painted(0), { show: false }).go(0), null);
});

test('the last handle with a UI owns it; detaching hands it back; the last takes it away', () => {
  const log = [];
  const one = { claims: claimsOf('a'), summary: {}, sources: 1 };
  const two = { claims: claimsOf('x', 'y'), summary: {}, sources: 2 };
  const v1 = presenter(one, painted(1), { create: fakeUI(log) });
  const v2 = presenter(two, painted(2), { create: fakeUI(log) });
  assert.ok(!v1.mine() && v2.mine());
  assert.ok(inUI('ui-host') && !inUI('page'));
  two.go = v2.go;
  log.ui.on.goto(1); // the panel's claim list goes to the owner
  // What is announced is what the UI's popover shows (ui.js's announcement), nothing else.
  assert.deepEqual(log.slice(0, 2), [['open', 1, true], ['announce', 'words 1']]);
  v2.destroy();
  assert.ok(v1.mine());
  assert.equal(log.ui.claims, one.claims, 'the UI shows the previous owner\'s claims');
  v1.destroy();
  assert.deepEqual(log.at(-1), ['destroy']);
  assert.ok(!inUI('ui-host'));
});

test('focus goes back where it was; new claims keep the popover on its claim, or close it', () => {
  const log = [];
  const handle = { claims: claimsOf('a', 'b'), summary: {}, sources: 1 };
  const paint = painted(2);
  const view = presenter(handle, paint, { create: fakeUI(log) });
  const button = { isConnected: true, focus() { log.push(['refocus']); } };
  focused = button;
  view.open(1, { pin: true, focus: true });
  assert.ok(view.pinned);
  assert.equal(view.active, 1);
  assert.equal(view.opened(), 'b');
  handle.claims = claimsOf('new', 'b'); // the page changed: "b" is still there
  view.update('b');
  assert.equal(view.openIndex(), 1);
  assert.ok(view.pinned, 'kept pinned');
  handle.claims = claimsOf('other');
  view.update('b');
  assert.equal(view.openIndex(), -1, 'gone: closed');
  assert.deepEqual(log.slice(-2), [['close'], ['refocus']]);
  view.open(0, {});
  view.escape();
  view.escape();
  assert.deepEqual(log.slice(-2), [['close'], ['closePanel']]);
  assert.equal(paint.marks.filter((i) => i < 0).length, 2, 'each close unmarks');
  view.destroy();
});

test('the UI gets the handle\'s story and usable sources, and a failure kept while it holds', () => {
  const log = [];
  const story = { id: 'story:ferry', label: 'ferry' };
  const one = { claims: claimsOf('a'), summary: {}, sources: 0, available: 0, story: null };
  const two = { claims: claimsOf('x'), summary: {}, sources: 2, available: 3, story };
  const v1 = presenter(one, painted(1), { create: fakeUI(log) });
  const problem = { text: 'the corpus has no sources to compare with', detail: 'corroborate: …' };
  v1.update(null, problem);
  assert.deepEqual(log.ui.extra, { story: null, available: 0, problem });
  const v2 = presenter(two, painted(1), { create: fakeUI(log) });
  v2.update(null);
  assert.deepEqual(log.ui.extra, { story, available: 3, problem: null });
  v2.destroy(); // the UI goes back to the first handle, with its failure still shown
  assert.deepEqual(log.ui.extra, { story: null, available: 0, problem });
  v1.update(null); // it no longer holds
  assert.equal(log.ui.extra.problem, null);
  v1.destroy();
});
