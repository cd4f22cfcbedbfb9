// Painting (paint.js's painter) in Node, with stand-ins for the CSS Custom Highlight API and for
// Range: each claim goes into its verdict's highlight, a claim whose text is gone is not painted
// (nor hit-tested), the active claim has a highlight of its own, and unpaint takes all away.
import test from 'node:test';
import assert from 'node:assert/strict';

globalThis.Highlight = class extends Set {};
globalThis.CSS = { highlights: new Map() };
globalThis.document = {
  createRange: () => ({
    setStart(node, offset) { this.start = [node, offset]; },
    setEnd(node, offset) { this.end = [node, offset]; },
    get collapsed() { return this.start[0] === this.end[0] && this.start[1] === this.end[1]; },
  }),
};
const { HAS_HIGHLIGHTS, painter } = await import('../../www/paint.js');

const node = (data) => ({ data });
const text = 'Ferry sank. Five hurt.';
const map = { text, nodes: [node(text)], starts: [0] };
const claims = [
  { verdict: 'contradicted', start_utf16: 0, end_utf16: 11 },
  { verdict: 'confirmed', start_utf16: 12, end_utf16: 22 },
  { verdict: 'unique', start_utf16: 5, end_utf16: 5 }, // empty: nothing to paint
];
const hl = (name) => CSS.highlights.get(`corroborate-${name}`);

test('each claim is painted in its verdict\'s highlight; the active one in its own', () => {
  assert.ok(HAS_HIGHLIGHTS);
  let quiet = 0;
  const p = painter(() => 'root', () => quiet++);
  p.paint(map, claims);
  assert.equal(p.ranges.length, 3);
  assert.equal(p.ranges[2], null);
  assert.deepEqual(p.hits.map(([i]) => i), [0, 1], 'only painted claims are hit-tested');
  assert.equal(hl('contradicted').size, 1);
  assert.ok(hl('confirmed').has(p.ranges[1]));
  assert.deepEqual(p.ranges[1].start, [map.nodes[0], 12]);
  p.mark(1);
  assert.deepEqual([...hl('active')], [p.ranges[1]]);
  p.mark(-1);
  assert.equal(hl('active').size, 0);
  p.paint(map, claims, 0); // a repaint keeps the active claim marked
  assert.deepEqual([...hl('active')], [p.ranges[0]]);
  assert.equal(hl('contradicted').size, 1, 'the old ranges went before the new came');
  p.unpaint();
  assert.equal(hl('contradicted').size + hl('confirmed').size + hl('active').size, 0);
  assert.equal(quiet, 0, 'highlights change no DOM, so no records to take');
});

test('two painters (two handles) share the highlights and take away only their own', () => {
  const a = painter(() => 'a');
  const b = painter(() => 'b');
  a.paint(map, claims.slice(0, 1));
  b.paint(map, claims.slice(0, 1));
  assert.equal(hl('contradicted').size, 2);
  a.unpaint();
  assert.equal(hl('contradicted').size, 1);
  assert.ok(hl('contradicted').has(b.ranges[0]));
  b.unpaint();
});
