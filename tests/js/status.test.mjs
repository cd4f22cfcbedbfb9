// The publisher states (status.js) in Node: each failure of attach() read as its kind, with the
// short sentence the badge shows; the root's selector and the HTTP status named when known.
import test from 'node:test';
import assert from 'node:assert/strict';
import { STATUS_WORDS, showsStatus, statusKind, statusOf } from '../../www/status.js';
import { CSP_MESSAGE, NO_WASM_MESSAGE } from '../../www/csp.js';

test('each failure the shell, its worker or the engine reports has its kind', () => {
  const cases = [
    ['corroborate: could not load the corpus http://x/a.json: HTTP 404', 'not-found'],
    ['corroborate: could not load the corpus http://x/a.json: HTTP 500', 'unreachable'],
    ['corroborate: Failed to fetch', 'unreachable'],
    ['NetworkError when attempting to fetch resource.', 'unreachable'],
    ['corroborate: malformed JSON at line 2, column 14: expected value', 'malformed'],
    ['corroborate: the JSON has no "sources" list (expected {"sources": [...]}, a list of sources or one source)', 'malformed'],
    ['corroborate: a corpus is {sources: [...]}', 'malformed'],
    ['corroborate: the corpus has no sources', 'empty'],
    ['corroborate: no element matches the root #story', 'root'],
    [CSP_MESSAGE, 'csp'],
    [NO_WASM_MESSAGE, 'no-wasm'],
    ['something else entirely', 'other'],
  ];
  for (const [message, kind] of cases) assert.equal(statusKind(new Error(message)), kind, message);
});

test('the badge\'s words: short, plain, naming the root and the HTTP status', () => {
  assert.deepEqual(statusOf(new Error('corroborate: no element matches the root #story'), { root: '#story' }),
    { kind: 'root', text: 'no element on the page matches the root “#story”' });
  assert.equal(statusOf(new Error('could not load the corpus u: HTTP 404')).text, 'the corpus was not found (HTTP 404)');
  assert.equal(statusOf(new Error(CSP_MESSAGE)).text, STATUS_WORDS.csp);
  for (const text of Object.values(STATUS_WORDS)) {
    assert.ok(text.length < 70 && !/[<>]/.test(text), text);
  }
});

test('only "show" (or true) shows the status; the default is quiet', () => {
  assert.ok(showsStatus('show') && showsStatus(true));
  for (const v of [undefined, '', 'false', 'hide', false]) assert.ok(!showsStatus(v), String(v));
});
