// The extension's content-script modules in Node, without a browser: the marks (random names,
// one highlight per claim, a style sheet without verdict words), where the frames go, and the
// build's assembly of the modules into one classic script.
import test from 'node:test';
import assert from 'node:assert/strict';
import { LOOKS, createMarks, marksCss, randomName } from '../../extension/content/marks.js';
import { BADGE, PANEL, POPOVER, placeBadge, placePopover } from '../../extension/content/frames.js';
import { CONTENT, bundle } from '../../extension/build.mjs';

class Highlight extends Set {
  constructor(...ranges) { super(ranges); this.priority = 0; }
}
globalThis.Highlight = Highlight;

test('random names are CSS identifiers, never the same twice, and name no verdict', () => {
  const names = new Set(Array.from({ length: 1000 }, () => randomName()));
  assert.equal(names.size, 1000);
  for (const n of names) assert.match(n, /^c[0-9a-f]{24}$/);
  assert.match(randomName('n'), /^n[0-9a-f]{24}$/);
});

test('each claim is its own highlight; the registry shows no grouping by verdict', () => {
  const registry = new Map();
  const marks = createMarks(registry);
  marks.setHost('xabc-ui');
  const verdicts = ['contradicted', 'confirmed', 'contradicted', 'unique', 'confirmed'];
  const ranges = ['r0', 'r1', null, 'r3', 'r4'];
  const css = marks.paint(verdicts, ranges);
  const mine = marks.names;
  assert.equal(mine.length, 4, 'the claim without a range is not painted');
  for (const n of mine) assert.equal(registry.get(n).size, 1);
  assert.deepEqual(mine.map((n) => [...registry.get(n)][0]), ['r0', 'r1', 'r3', 'r4']);
  for (const n of registry.keys()) assert.ok(!/corroborate|confirm|contradict|unique|disput|relat/i.test(n), n);
  // The style sheet: a rule per verdict listing its claims' names, !important, and the host pinned.
  for (const v of Object.keys(LOOKS)) assert.ok(!css.includes(v), `no verdict word "${v}" in the sheet`);
  assert.match(css, new RegExp(`::highlight\\(${mine[0]}\\)[^{]*\\{text-decoration:underline wavy`));
  assert.match(css, new RegExp(`::highlight\\(${mine[1]}\\)[^{]*\\{text-decoration:underline solid`));
  assert.ok(css.includes(`::highlight(${marks.active})`));
  assert.match(css, /xabc-ui\{all:initial!important;display:block!important;position:fixed!important/);
  // Painting again draws new names; the old ones are gone.
  marks.paint(['confirmed'], ['r9']);
  for (const n of mine) assert.ok(!registry.has(n));
  assert.equal(marks.names.length, 1);
  // Same claims, new nodes: the same names over new ranges.
  const [only] = marks.names;
  marks.move(['r10']);
  assert.deepEqual([...registry.get(only)], ['r10']);
  marks.setActive('r10');
  assert.deepEqual([...registry.get(marks.active)], ['r10']);
  marks.clear();
  assert.deepEqual([...registry.keys()], [marks.active]);
  assert.equal(registry.get(marks.active).size, 0);
});

test('the sheet of no claims still styles the active claim and pins the host', () => {
  const css = marksCss({}, 'aX', 'h-ui');
  assert.ok(css.startsWith('::highlight(aX){background-color:'));
  assert.ok(css.includes('h-ui{'));
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
  for (const name of ['function extract(', 'function createMarks(', 'function createFrames(', '__corroborateContent']) {
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
