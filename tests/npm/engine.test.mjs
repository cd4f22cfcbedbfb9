// The installed npm package, imported by name from a bundler-free Node script (run by
// tests/npm/run.sh from a scratch app that installed the tarball; Node needs
// --experimental-wasm-modules to import the bundler build's .wasm):
// - `corroborate/engine` annotates the demo story as demo/expected.json says (strict cases), its
//   data files read from the package with fs;
// - `corroborate` resolves to the page shell, with its types, and the package is complete.
// REPO (the repository root) is given in the environment.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Engine } from 'corroborate/engine';

const REPO = process.env.REPO;
assert.ok(REPO, 'REPO is set (run tests/npm/run.sh)');
const read = (p) => readFileSync(join(REPO, p), 'utf8');
const story = JSON.parse(read('www/embed/sources.json')); // built from demo/story
const expected = JSON.parse(read('demo/expected.json'));

test('corroborate/engine annotates the demo story as demo/expected.json says', () => {
  const engine = new Engine(story);
  assert.deepEqual(engine.sourceIds().sort(), story.sources.map((s) => s.id).sort());
  const failures = [];
  let strict = 0;
  for (const c of expected.cases) {
    const page = story.sources.find((s) => s.id === c.page);
    if (!page || c.soft) continue;
    strict++;
    const { claims, summary } = engine.annotate(page.text, page.id);
    assert.equal(summary.claims, claims.length);
    const claim = claims.find((x) => x.text.includes(c.claim));
    if (!claim) { failures.push(`${c.name}: no claim contains ${c.claim}`); continue; }
    // The offsets are UTF-16 offsets into the text.
    assert.equal(page.text.slice(claim.start_utf16, claim.end_utf16), claim.text);
    if (c.verdict && claim.verdict !== c.verdict) failures.push(`${c.name}: verdict ${claim.verdict} (want ${c.verdict})`);
    for (const [source, want] of Object.entries(c.sources ?? {})) {
      const got = claim.evidence.find((e) => e.source === source)?.relation ?? 'unrelated';
      if (got !== want) failures.push(`${c.name}: ${source} ${got} (want ${want})`);
    }
    if (c.reason) {
      const ok = claim.evidence.flatMap((e) => e.reasons).some((r) => r.kind === c.reason.kind &&
        (c.reason.contradicts == null || r.contradicts === c.reason.contradicts) &&
        (c.reason.page == null || r.page.includes(c.reason.page)) &&
        (c.reason.source == null || r.source.includes(c.reason.source)));
      if (!ok) failures.push(`${c.name}: no ${c.reason.kind} reason like ${JSON.stringify(c.reason)}`);
    }
    assert.ok(claims.every((x) => x.evidence.every((e) => e.source !== page.id)), 'exclude works');
  }
  engine.free();
  assert.ok(strict >= 10, `the strict cases of the demo story are checked (${strict})`);
  assert.deepEqual(failures, []);
  console.log(`checked ${strict} strict cases of demo/expected.json`);
});

test('bad input gives Error objects with clear messages', () => {
  assert.throws(() => new Engine('{"sources": [{"id": ""}]}'), (e) => e instanceof Error && e.message.length > 0);
  assert.throws(() => new Engine('not json'), Error);
});

test("'corroborate' resolves to the page shell, with types; the package is complete", () => {
  const shell = fileURLToPath(import.meta.resolve('corroborate'));
  assert.match(shell, /node_modules[\\/]corroborate[\\/]corroborate\.js$/);
  const root = dirname(shell);
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const cargo = read('Cargo.toml').match(/^version = "(.*)"/m)[1];
  assert.equal(pkg.name, 'corroborate');
  assert.equal(pkg.version, cargo);
  assert.equal(pkg.type, 'module');
  for (const [, entry] of Object.entries(pkg.exports)) {
    for (const file of typeof entry === 'string' ? [entry] : Object.values(entry)) {
      assert.ok(existsSync(join(root, file)), `${file} is in the package`);
    }
  }
  const types = readFileSync(join(root, pkg.exports['.'].types), 'utf8');
  for (const name of ['function attach', 'function load', 'function loadCorpus', 'interface Handle']) {
    assert.ok(types.includes(name), `the types declare ${name}`);
  }
  const shellText = readFileSync(shell, 'utf8');
  assert.match(shellText, /export async function attach/);
  // The engine entry point loads the data files into the bundler build, which imports the .wasm
  // itself (no init()).
  const engine = fileURLToPath(import.meta.resolve('corroborate/engine'));
  assert.match(readFileSync(engine, 'utf8'), /from '\.\/pkg\/corroborate\.js'/);
  assert.match(readFileSync(join(root, 'pkg/corroborate.js'), 'utf8'), /from "\.\/corroborate_bg\.wasm"/);
  for (const f of ['pkg/wordnet.bin', 'pkg/stance.bin']) assert.ok(existsSync(join(root, f)), `${f} is in the package`);
  assert.ok(existsSync(join(root, 'worker.js')) && existsSync(join(root, 'csp.js')));
});
