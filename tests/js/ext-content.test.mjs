// The extension's content-script modules in Node, without a browser: names, the claims' boxes
// and the host's pin (marks.js), where the frames go (frames.js), and the build's assembly of the
// modules into one classic script.
import test from 'node:test';
import assert from 'node:assert/strict';
import { claimBoxes, hostCss, randomName } from '../../extension/content/marks.js';
import { BADGE, PANEL, POPOVER, placeBadge, placePopover } from '../../extension/content/frames.js';
import { CONTENT, bundle } from '../../extension/build.mjs';

test('random names are CSS identifiers, never the same twice', () => {
  const names = new Set(Array.from({ length: 1000 }, () => randomName()));
  assert.equal(names.size, 1000);
  for (const n of names) assert.match(n, /^c[0-9a-f]{24}$/);
  assert.match(randomName('n'), /^n[0-9a-f]{24}$/);
});

test('the claims\' line boxes are measured from the marks frame\'s corner; empty boxes are left out', () => {
  const rects = { a: [{ left: 110.3, top: 220.2, width: 300, height: 18 }, { left: 10, top: 240, width: 0, height: 18 }],
    b: [{ left: 10, top: 260, width: 80.26, height: 18 }] };
  const boxes = claimBoxes(['a', null, 'b'], { left: 10, top: -100 }, (r) => rects[r]);
  assert.deepEqual(boxes, [[0, 100.5, 320, 300, 18], [2, 0, 360, 80.5, 18]]);
  assert.deepEqual(claimBoxes([], { left: 0, top: 0 }, () => []), []);
});

test('the host\'s pin overrides every property and puts it at the document\'s corner', () => {
  const css = hostCss('xabc-ui');
  assert.match(css, /^xabc-ui\{all:initial!important;display:block!important;position:absolute!important;/);
  for (const d of css.slice(css.indexOf('{') + 1, -1).split(';').filter(Boolean)) assert.match(d, /!important$/, d);
});

test('the popover frame goes below its claim, or above when there is more room, inside the viewport', () => {
  const below = placePopover({ top: 100, bottom: 120, left: 50 }, 1280, 800);
  assert.deepEqual(below, { top: 128, left: 50, width: POPOVER.width, height: POPOVER.height });
  const above = placePopover({ top: 700, bottom: 720, left: 50 }, 1280, 800);
  assert.equal(above.top, 700 - POPOVER.height - 8);
  const right = placePopover({ top: 100, bottom: 120, left: 1200 }, 1280, 800);
  assert.equal(right.left + right.width, 1280 - 8, 'not past the right edge');
  const small = placePopover({ top: 10, bottom: 30, left: 0 }, 300, 200);
  assert.deepEqual([small.width, small.height], [284, 184]);
  assert.ok(small.top >= 8 && small.top + small.height <= 200 - 8);
});

test('the badge frame sits at the bottom right; its size depends on the panel alone', () => {
  const closed = placeBadge(false, 1280, 800);
  assert.deepEqual(closed, { top: 800 - BADGE.height - 8, left: 1280 - BADGE.width - 8, width: BADGE.width,
    height: BADGE.height });
  const open = placeBadge(true, 1280, 800);
  assert.deepEqual([open.width, open.height], [PANEL.width, PANEL.height]);
  const tiny = placeBadge(true, 320, 400);
  assert.deepEqual([tiny.left, tiny.width, tiny.top, tiny.height], [8, 304, 8, 384]);
});

test('the build assembles the content script into one classic script', () => {
  const code = bundle(CONTENT);
  assert.ok(!/^\s*(import|export)\s/m.test(code), 'no module syntax left');
  assert.ok(code.startsWith('// The extension\'s content script'));
  // The shell's own modules, as they are: extraction, following the page, the reader's keys.
  for (const f of ['www/extract.js', 'www/follow.js', 'www/interact.js']) assert.ok(CONTENT.includes(f), f);
  for (const name of ['function extract(', 'function follow(', 'function interact(', 'function claimBoxes(',
    'function createFrames(', '__corroborateContent']) {
    assert.ok(code.includes(name), name);
  }
  const files = { 'a.js': "import { x } from './b.js';\nexport const y = 1;\nexport function f() {}\n" };
  assert.equal(bundle(['a.js'], (f) => files[f]).includes('const y = 1;\nfunction f() {}'), true);
  const bad = { 'd.js': 'export default 1;\n', 'm.js': 'const u = import.meta.url;\n', 'i.js': "await import('./x.js');\n",
    'twice.js': 'const a = 1;\nconst a = 2;\n' };
  assert.throws(() => bundle(['d.js'], (f) => bad[f]), /cannot bundle "export"/);
  assert.throws(() => bundle(['m.js'], (f) => bad[f]), /cannot bundle "import\.meta"/);
  assert.throws(() => bundle(['i.js'], (f) => bad[f]), /cannot bundle "import\("/);
  assert.throws(() => bundle(['twice.js'], (f) => bad[f]), SyntaxError);
});
