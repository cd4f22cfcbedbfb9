// www/text.js in Node: bidirectional controls balanced inside their own string, long strings
// clamped by whole code points, and the <bdi> that carries both (with a stand-in document).
import test from 'node:test';
import assert from 'node:assert/strict';
import { balanceBidi, bdi, clampText, inline } from '../../www/text.js';

const [LRE, RLE, PDF, LRO, RLO] = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e'];
const [LRI, RLI, FSI, PDI] = ['\u2066', '\u2067', '\u2068', '\u2069'];

test('an override left open is closed at the end of its own string', () => {
  assert.equal(balanceBidi(`Evil${RLO} Times`), `Evil${RLO} Times${PDF}`);
  assert.equal(balanceBidi(`${RLI}a${LRE}b`), `${RLI}a${LRE}b${PDF}${PDI}`);
  assert.equal(balanceBidi(`${FSI}x`), `${FSI}x${PDI}`);
});

test('a closer without its opener is dropped, so it cannot close what encloses the string', () => {
  assert.equal(balanceBidi(`a${PDI}b${PDF}c`), 'abc');
  // A PDF may not close an embedding outside the innermost isolate.
  assert.equal(balanceBidi(`${RLE}${LRI}x${PDF}y${PDI}z${PDF}`), `${RLE}${LRI}xy${PDI}z${PDF}`);
  // A PDI closes the embeddings opened inside its isolate.
  assert.equal(balanceBidi(`${RLI}${LRO}x${PDI}`), `${RLI}${LRO}x${PDF}${PDI}`);
});

test('text without controls is returned as it is; balanced text is unchanged', () => {
  for (const s of ['', 'The Harbour Herald', 'صحيفة الميناء', `${RLE}a${PDF}`, `${LRI}b${PDI}`, null]) {
    assert.equal(balanceBidi(s), s ?? '');
  }
});

test('clamping cuts whole code points and says so', () => {
  assert.deepEqual(clampText('short', 10), { text: 'short', cut: false });
  assert.deepEqual(clampText('abcdefghij', 5), { text: 'abcd…', cut: true });
  const emoji = '😀'.repeat(10);
  const { text, cut } = clampText(emoji, 4);
  assert.ok(cut);
  assert.equal(text, '😀😀😀…', 'no half surrogate pair');
  assert.equal(clampText('x'.repeat(10000), 160).text.length, 160);
});

test('inline text is isolated between FSI and PDI, balanced and clamped', () => {
  assert.equal(inline(`Evil${RLO} News`), `${FSI}Evil${RLO} News${PDF}${PDI}`);
  assert.equal(inline(`a${PDI}b`), `${FSI}ab${PDI}`, 'a stray PDI cannot close the isolate early');
  const long = inline('t'.repeat(10000), 50);
  assert.equal([...long].length, 52);
  assert.ok(long.endsWith(`…${PDI}`));
});

test('a <bdi> holds the balanced, clamped text and the whole in its title', () => {
  class El {
    constructor(tag) { this.tagName = tag; this.attrs = {}; this.kids = []; }
    setAttribute(k, v) { this.attrs[k] = v; }
    append(...k) { this.kids.push(...k); }
    get textContent() { return this.kids.join(''); }
  }
  globalThis.document = { createElement: (t) => new El(t) };
  const b = bdi(`Evil${RLO} Times`);
  assert.equal(b.tagName, 'bdi');
  assert.equal(b.textContent, `Evil${RLO} Times${PDF}`);
  assert.equal(b.attrs.title, undefined);
  const long = bdi(`${RLO}${'t'.repeat(10000)}`, 100);
  assert.equal([...long.textContent].length, 101, '99 characters, the ellipsis and the PDF');
  assert.ok(long.textContent.endsWith(`…${PDF}`));
  assert.equal(long.attrs.title, `${RLO}${'t'.repeat(10000)}${PDF}`);
  delete globalThis.document;
});
