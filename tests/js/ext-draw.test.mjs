// The marks frame's drawing (extension/src/lib/draw.js) with a stand-in document: one look per
// verdict (line style and colour), a background on contradicted claims, the open claim shaded.
import test from 'node:test';
import assert from 'node:assert/strict';
import { LOOKS, drawMarks, markOf, wavePath } from '../../extension/src/lib/draw.js';

class Node {
  constructor(name) { this.name = name; this.attrs = {}; this.kids = []; }
  setAttribute(k, v) { this.attrs[k] = v; }
  replaceChildren(...k) { this.kids = k; }
}
const doc = { createElementNS: (ns, name) => { assert.equal(ns, 'http://www.w3.org/2000/svg'); return new Node(name); } };

test('a wavy line spans its width in curves that alternate about the line', () => {
  const d = wavePath(10, 20, 60);
  assert.ok(d.startsWith('M10 20 Q13.00 18.50 16.00 20 Q19.00 21.50 22.00 20'), d);
  assert.equal(d.match(/Q/g).length, 10);
  assert.ok(d.endsWith(' 70.00 20'));
  assert.equal(wavePath(0, 0, 1).match(/Q/g).length, 1, 'at least one curve');
});

test('each verdict has its own line style and colour, in light and dark', () => {
  const styles = new Set();
  for (const v of Object.keys(LOOKS)) {
    const [light] = markOf(doc, [3, 10, 20, 100, 18], v, false, false).filter((n) => n.name !== 'rect');
    const [dark] = markOf(doc, [3, 10, 20, 100, 18], v, false, true).filter((n) => n.name !== 'rect');
    assert.equal(light.attrs.stroke, LOOKS[v][1]);
    assert.equal(dark.attrs.stroke, LOOKS[v][2]);
    assert.equal(light.attrs['data-verdict'], v);
    assert.equal(light.attrs['data-claim'], '3');
    styles.add(`${light.name}:${light.attrs['stroke-dasharray'] ?? ''}:${markOf(doc, [0, 0, 0, 9, 9], v).length}`);
  }
  assert.equal(styles.size, 5, [...styles].join(' '));
  assert.deepEqual(markOf(doc, [0, 0, 0, 9, 9], 'no-such-verdict'), []);
});

test('contradicted claims get a faint background; the open claim is shaded', () => {
  const [bg] = markOf(doc, [0, 1, 2, 3, 4], 'contradicted', false, false);
  assert.equal(bg.name, 'rect');
  assert.equal(bg.attrs.fill, LOOKS.contradicted[3]);
  assert.equal(markOf(doc, [0, 1, 2, 3, 4], 'confirmed', false, false).filter((n) => n.name === 'rect').length, 0);
  const [open] = markOf(doc, [0, 1, 2, 3, 4], 'confirmed', true, false);
  assert.equal(open.name, 'rect');
  assert.equal(open.attrs.fill, '#ffd33d66');
});

test('drawMarks draws each box by its claim\'s verdict', () => {
  const svg = new Node('svg');
  svg.ownerDocument = doc;
  drawMarks(svg, { boxes: [[0, 0, 0, 50, 18], [0, 0, 20, 30, 18], [1, 0, 40, 50, 18]],
    verdicts: ['unique', 'disputed'], active: 1 });
  const verdicts = svg.kids.map((k) => `${k.name}:${k.attrs['data-verdict']}:${k.attrs['data-claim']}`);
  assert.deepEqual(verdicts, ['line:unique:0', 'line:unique:1'.replace(':1', ':0'), 'rect:disputed:1',
    'line:disputed:1', 'line:disputed:1']);
});
