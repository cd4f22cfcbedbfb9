// The popover's pure parts in Node (node --test tests/js/), without a browser: which diff runs
// are function-word churn, which words a reason names, a reason's words and tone, and (with a
// minimal stand-in for document.createElement) the marks of an evidence sentence.
import test from 'node:test';
import assert from 'node:assert/strict';
import { isQuiet, names, reasonParts, sentence, evidenceItem, conflictWords, titleLine, verdictWords,
  countWords, summaryWords, coverageWords, announcement, legend, VERDICTS, MEANING, GLYPH } from '../../www/ui.js';

// Just enough of the DOM for el(): attributes, children (strings as text nodes), textContent.
class Element {
  constructor(tag) { this.tagName = tag.toUpperCase(); this.attributes = {}; this.childNodes = []; }
  setAttribute(k, v) { this.attributes[k] = String(v); }
  getAttribute(k) { return this.attributes[k] ?? null; }
  hasAttribute(k) { return k in this.attributes; }
  addEventListener(type, fn) { (this.listeners ??= {})[type] = fn; }
  click() { this.listeners?.click?.(); }
  replaceChildren(...kids) { this.childNodes = []; this.append(...kids); }
  append(...kids) {
    for (const k of kids) this.childNodes.push(typeof k === 'string' ? { textContent: k } : k);
  }
  get lastChild() { return this.childNodes.at(-1) ?? null; }
  get textContent() { return this.childNodes.map((c) => c.textContent).join(''); }
  normalize() {}
  all(tag) {
    return this.childNodes.filter((c) => c instanceof Element).flatMap((c) =>
      [...(c.tagName === tag.toUpperCase() ? [c] : []), ...c.all(tag)]);
  }
}
globalThis.document = { createElement: (tag) => new Element(tag) };

const substitution = (cls, page, source) => ({
  kind: 'substitution', class: cls, page, source,
  contradicts: cls === 'reversal' || cls === 'incompatible',
  message: source ? `this page says “${page}”; the source says “${source}”: opposite meaning`
    : `only this page says “${page}”: the source does not back it`,
});

test('a run of only function words is quiet; a run with any other word is not', () => {
  for (const run of ['the', 'was ', 'of the', 'In the', 'has been', 'it, and', 'which is']) {
    assert.ok(isQuiet(run), run);
  }
  for (const run of ['inhibits', 'the drug', 'not', 'was not', '5', '', ' , ', 'Monday']) {
    assert.ok(!isQuiet(run), run);
  }
});

test('a run names a reason\'s words as whole words, or is part of them unless it is churn', () => {
  assert.ok(names('inhibits ', 'inhibits'));
  assert.ok(names('inhibits tumour', 'Inhibits'));
  assert.ok(names('5', '5 passengers'));
  assert.ok(!names('in', 'inhibits'), 'not inside a word');
  assert.ok(!names('on', 'on Monday'), 'a function word of the reason is not the difference');
  assert.ok(!names('Lyon', ''));
});

test('a substitution reads as its whole message, its tone from its class', () => {
  const rev = reasonParts(substitution('reversal', 'induce', 'inhibit'));
  assert.deepEqual(rev, { label: null, tone: 'contradicts',
    text: 'this page says “induce”; the source says “inhibit”: opposite meaning' });
  assert.equal(reasonParts(substitution('incompatible', 'Airbus', 'Boeing')).tone, 'contradicts');
  const unv = reasonParts(substitution('unverifiable', 'Monday', ''));
  assert.equal(unv.tone, 'noted');
  assert.equal(unv.text, 'only this page says “Monday”: the source does not back it');
  // Other kinds keep their label apart; a hedge the source backs is backed.
  const date = reasonParts({ kind: 'date', contradicts: true, page: 'Monday', source: 'Tuesday',
    message: 'date: this page says "Monday"; the source says "Tuesday"' });
  assert.equal(date.label, 'date: ');
  assert.equal(date.text, 'this page says "Monday"; the source says "Tuesday"');
  assert.equal(reasonParts({ kind: 'hedge', class: 'equivalent', contradicts: false, page: 'up to 40',
    source: '40', message: 'hedge (differs, not contradictory): this page says "up to 40"' }).tone, 'backed');
});

// "The drug inhibits tumour growth in mice." vs "The drug was found to induce tumour growth in mice."
const ev = {
  source: 'lab', outlet: 'Lab News', title: 'Drug found to induce tumour growth', relation: 'contradicts',
  text: 'The drug was found to induce tumour growth in mice.',
  reasons: [substitution('reversal', 'inhibits', 'induce')],
  diff: [
    { op: 'equal', text: 'The drug ', source_start_utf16: 0, source_end_utf16: 9 },
    { op: 'removed', text: 'inhibits ' },
    { op: 'added', text: 'was ', source_start_utf16: 9, source_end_utf16: 13 },
    { op: 'added', text: 'found to induce ', source_start_utf16: 13, source_end_utf16: 29 },
    { op: 'equal', text: 'tumour growth in mice.', source_start_utf16: 29, source_end_utf16: 51 },
  ],
};

test('the sentence marks the substituted words on both sides and keeps churn quiet', () => {
  const p = sentence(ev);
  const marks = p.all('mark').map((m) => ({ op: m.getAttribute('data-op'), text: m.textContent,
    key: m.getAttribute('class') === 'key', quiet: m.hasAttribute('data-quiet') }));
  assert.deepEqual(marks, [
    { op: 'removed', text: 'inhibits', key: true, quiet: false },
    { op: 'added', text: 'was', key: false, quiet: true },
    { op: 'added', text: 'found to induce', key: true, quiet: false },
  ]);
  assert.match(p.textContent, /The drug inhibits was found to induce tumour growth in mice\./);
  const churn = sentence({ ...ev, text: 'Growth in mice rose.', reasons: [], diff: [
    { op: 'removed', text: 'of the ' },
    { op: 'equal', text: 'Growth in mice rose.', source_start_utf16: 0, source_end_utf16: 20 }] });
  const [quiet] = churn.all('mark');
  assert.equal(quiet.getAttribute('data-op'), 'removed');
  assert.ok(quiet.hasAttribute('data-quiet'), 'removed function words are not struck through');
});

test('an evidence item shows its reasons with their class, and (headline) for a title', () => {
  const item = evidenceItem(ev);
  const [li] = item.all('li');
  assert.equal(li.getAttribute('data-class'), 'reversal');
  assert.equal(li.getAttribute('data-kind'), 'substitution');
  assert.equal(li.getAttribute('data-contradicts'), 'true');
  assert.equal(li.textContent, ev.reasons[0].message);
  assert.ok(!item.textContent.includes('(headline)'));
  assert.ok(item.textContent.includes(ev.title), 'the title line, as it is not the sentence');
  const headline = evidenceItem({ ...ev, from_title: true, text: ev.title, diff: [],
    reasons: [substitution('unverifiable', 'Monday', '')] });
  assert.ok(headline.textContent.includes('(headline)'));
  assert.equal(headline.textContent.split(ev.title).length, 2, 'the title once, as the sentence');
  assert.equal(headline.all('li')[0].getAttribute('data-class'), 'unverifiable');
});

test('outlet names, titles and link labels are each in a <bdi>, their bidi controls balanced', () => {
  const RLO = '\u202e';
  const item = evidenceItem({ ...ev, outlet: `Evil${RLO} News`, url: 'https://lab.example/a' });
  const bdis = item.all('bdi');
  assert.ok(bdis.length >= 3, 'the outlet, the title and the link label');
  assert.equal(bdis[0].textContent, `Evil${RLO} News\u202c`, 'the override ends with the name');
  assert.ok(!item.textContent.includes(`${RLO} News ✗`), 'nothing after the name is overridden');
  // No override is left open anywhere in the item.
  for (const b of bdis) assert.ok(!b.textContent.includes(RLO) || b.textContent.endsWith('\u202c'));
});

test('the conflict line isolates each quoted word', () => {
  const claim = { evidence: [{ source: 'a', reasons: [{ contradicts: true, page: '3\u202e', source: '5' }] }] };
  assert.equal(conflictWords(claim),
    'This page says “\u20683\u202e\u202c\u2069”; 1 source says “\u20685\u2069”.');
});

test('a long title is clamped, and the whole title is one click away', () => {
  const title = `Title ${'word '.repeat(2000)}end`;
  const line = titleLine(title);
  const [more] = line.all('button');
  assert.ok(more, 'a button for the full title');
  assert.ok(line.textContent.length < 200, `clamped: ${line.textContent.length} characters`);
  assert.equal(more.getAttribute('aria-expanded'), 'false');
  more.click();
  assert.ok(line.textContent.includes('word end'), 'the whole title');
  assert.equal(more.getAttribute('aria-expanded'), 'true');
  more.click();
  assert.ok(line.textContent.length < 200, 'clamped again');
  const short = titleLine('A short title');
  assert.equal(short.all('button').length, 0);
  assert.equal(short.textContent, 'A short title');
});

// A claim with `n` sources of each relation.
const claimWith = (verdict, counts, extra = {}) => ({ verdict, index: 2, text: 'The ferry carried 212 passengers.',
  evidence: Object.entries(counts).flatMap(([relation, n]) =>
    Array.from({ length: n }, (_, i) => ({ source: `${relation}${i}`, relation, reasons: [] }))), ...extra });

test('a verdict in grammatical words, singular and plural', () => {
  assert.equal(verdictWords(claimWith('disputed', { confirms: 1, contradicts: 1 })),
    'Disputed: 1 source confirms it, 1 contradicts it');
  assert.equal(verdictWords(claimWith('disputed', { confirms: 2, contradicts: 3 })),
    'Disputed: 2 sources confirm it, 3 contradict it');
  assert.equal(verdictWords(claimWith('confirmed', { confirms: 1 })), 'Confirmed by 1 source');
  assert.equal(verdictWords(claimWith('contradicted', { contradicts: 2 })), 'Contradicted by 2 sources');
  assert.equal(verdictWords(claimWith('related', { related: 1 })), 'Related: 1 source speaks of it without confirming it');
  assert.equal(verdictWords(claimWith('unique', {}), 3), 'Unique to this page: none of 3 sources reports it');
});

test('one rule for counts: all five verdicts, in order, zeros included, in the legend too', () => {
  const summary = { claims: 1, confirmed: 1, contradicted: 0, disputed: 0, related: 0, unique: 0 };
  assert.equal(countWords(summary), '1 confirmed, 0 contradicted, 0 disputed, 0 related, 0 unique');
  assert.equal(summaryWords(summary, 1), '1 claim checked against 1 source');
  assert.equal(summaryWords({ claims: 12 }, 3), '12 claims checked against 3 sources');
  const key = legend(summary);
  const items = key.all('li');
  assert.deepEqual(items.map((li) => li.getAttribute('data-verdict')), VERDICTS);
  assert.deepEqual(items.map((li) => li.textContent),
    VERDICTS.map((v) => `${GLYPH[v]} ${summary[v]} ${v}: ${MEANING[v]}`));
});

test('what is read out is the popover\'s lines: position, the claim, the verdict, the conflict', () => {
  const claim = claimWith('contradicted', { contradicts: 1 });
  claim.evidence[0].reasons = [{ contradicts: true, page: '212', source: '200' }];
  assert.equal(announcement(claim, 17, 3), 'Claim 3 of 17: The ferry carried 212 passengers. ' +
    'Contradicted by 1 source. This page says “\u2068212\u2069”; 1 source says “\u2068200\u2069”.');
  assert.equal(announcement({ ...claimWith('unique', {}), text: 'No stop ' }, 0, 2),
    'Claim 3: No stop. Unique to this page: none of 2 sources reports it.');
});

test('no coverage: said when the page\'s story has none of the sources, "1 source" singular', () => {
  const none = (available, extra = {}) => coverageWords({ story: null, sources: 0, available, ...extra });
  assert.equal(none(14), 'No coverage of this story among your 14 sources');
  assert.equal(none(1), 'No coverage of this story among your 1 source');
  // A story matched, an engine that says nothing of stories, sources compared all the same
  // (allSources), or no sources at all: not this state.
  assert.equal(none(14, { story: { id: 'auto:0a1b2c3d', label: 'Brennholm · library · fire' }, sources: 3 }), null);
  assert.equal(none(14, { story: undefined }), null);
  assert.equal(none(14, { sources: 14 }), null);
  assert.equal(none(0), null);
  assert.equal(none(undefined), null);
  assert.equal(coverageWords(), null);
});
