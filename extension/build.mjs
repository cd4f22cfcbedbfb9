// Assemble the unpacked extension for each browser from one source tree (called by
// scripts/extension): extension/src/ (background, frame, popup, options), the content script
// (one classic script assembled from the shell's extract.js, follow.js, interact.js and
// extension/content/), the shell modules the frames and the background import as they are
// (www/ui.js, text.js, interact.js; client.js, data.js, wire.js) and the WebAssembly module with its data
// files (www/pkg) under shell/, the icons, and a manifest made from
// extension/manifest.template.json plus each browser's few differences, and the demo story as a
// corpus (demo/corpus.json: the welcome page's sample sources). Nothing of the shell is
// replaced: the extension's own parts (its engine host, its frames) are its own files that use it.
// Usage: node extension/build.mjs OUT_DIR [--test] [chromium|firefox...]

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Script } from 'node:vm';
import { fileURLToPath } from 'node:url';
import { icon } from './icons.mjs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SRC = join(REPO, 'extension/src');
const WWW = join(REPO, 'www');

// Mozilla's Readability (npm @mozilla/readability, pinned by package-lock.json): a classic script
// that defines the function Readability. The content script bundles it as it is; the extension's
// pages and background import it as the module vendor/readability.js, made from it here.
const READABILITY = 'node_modules/@mozilla/readability/Readability.js';
// The content script's modules, in order: a content script cannot be a module (nor import one
// without making it web-accessible), so they are assembled into one classic script.
export const CONTENT = ['www/extract.js', 'www/follow.js', 'www/interact.js', READABILITY, 'extension/src/lib/article.js',
  'extension/content/marks.js', 'extension/content/frames.js', 'extension/content/main.js'];
// The shell's modules that the extension's own pages use (frame.js: ui.js, text.js and the keys
// of interact.js; the background: the engine client client.js, with wire.js's engine host and
// data.js's data files).
const SHELL = ['ui.js', 'text.js', 'interact.js', 'client.js', 'wire.js', 'data.js', 'extract.js'];
// The WebAssembly module and the data files it loads (the .d.ts types are for developers).
const PKG = ['corroborate.js', 'corroborate_bg.wasm', 'wordnet.bin', 'stance.bin'];
// The extension's frame document is the only web-accessible resource: the content script puts it
// into the page as an iframe.
const FRAME = ['frame.html'];
const PAGES = ['http://*/*', 'https://*/*'];

// What differs between the browsers: Chromium runs the background as a service worker, Firefox
// (MV3) as an event page; Firefox needs an add-on id and says which data it collects (none).
// Chromium serves the frame only under a per-session random id (use_dynamic_url), so a page
// cannot tell the extension is there by fetching it; Firefox's moz-extension:// host is a random
// id per installation already (and Firefox does not know use_dynamic_url).
const BROWSERS = {
  chromium: {
    background: { service_worker: 'background.js', type: 'module' },
    minimum_chrome_version: '111',
    permissions: ['offscreen'], // added to the template's: the feeds' DOMParser (lib/parse.js)
    web_accessible_resources: [{ resources: FRAME, matches: PAGES, use_dynamic_url: true }],
  },
  firefox: {
    background: { scripts: ['background.js'], type: 'module' },
    web_accessible_resources: [{ resources: FRAME, matches: PAGES }],
    browser_specific_settings: {
      gecko: {
        id: 'corroborate@corroborate.example',
        strict_min_version: '140.0',
        data_collection_permissions: { required: ['none'] },
      },
      // Firefox for Android knows data_collection_permissions from version 142.
      gecko_android: { strict_min_version: '142.0' },
    },
  },
};

function version() {
  const m = readFileSync(join(REPO, 'Cargo.toml'), 'utf8').match(/^version\s*=\s*"([^"]+)"/m);
  if (!m) throw new Error('no version in Cargo.toml');
  return m[1];
}

export function manifest(browser) {
  const m = JSON.parse(readFileSync(join(REPO, 'extension/manifest.template.json'), 'utf8'));
  const { permissions = [], ...rest } = BROWSERS[browser];
  return { ...m, version: version(), ...rest, permissions: [...m.permissions, ...permissions] };
}

/**
 * One classic script from ES modules: each module's `import` lines are dropped and `export`
 * taken off its declarations, and the whole is wrapped in one function scope. Only those forms
 * are allowed (no default, re-exports, import() or import.meta), and the result must parse, so a
 * name defined twice fails the build.
 */
export function bundle(files, read = (f) => readFileSync(join(REPO, f), 'utf8')) {
  const parts = files.map((f) => {
    const src = read(f);
    const out = src
      .replace(/^import\s[^;]*?\sfrom\s+'[^']+';\n/gms, '')
      .replace(/^export (?=(async )?function |const |let |class )/gm, '');
    const bad = /^\s*(import|export)\b|\bimport\(|import\.meta/m.exec(out.replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, ''));
    if (bad) throw new Error(`${f}: cannot bundle "${bad[0]}" (only import … from and export of declarations)`);
    return `// ---- ${f} ----\n${out}`;
  });
  const code = `// The extension's content script, assembled by extension/build.mjs from ${files.join(', ')}.\n` +
    `(() => {\n'use strict';\n${parts.join('\n')}\n})();\n`;
  new Script(code, { filename: 'content.js' }); // throws a SyntaxError with its line
  return code;
}

/**
 * The demo story (demo/story/) as corpus JSON, made as scripts/site makes www/demo/corpus.json:
 * by the CLI (`corroborate corpus demo/story`: the release build, else the debug one); where
 * neither is built, that file as scripts/site left it. The welcome page offers it as sample sources.
 */
export function demoCorpus() {
  const cli = ['target/release/corroborate', 'target/debug/corroborate'].map((f) => join(REPO, f)).find(existsSync);
  let json;
  if (cli) {
    const run = spawnSync(cli, ['corpus', join(REPO, 'demo/story'), '-o', '-', '--quiet'], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`corroborate corpus demo/story failed: ${run.stderr.trim()}`);
    json = run.stdout;
  } else if (existsSync(join(WWW, 'demo/corpus.json'))) {
    json = readFileSync(join(WWW, 'demo/corpus.json'), 'utf8');
  } else {
    throw new Error('the demo corpus needs target/release/corroborate (cargo build --release -p corroborate-cli) or www/demo/corpus.json (scripts/site)');
  }
  const sources = JSON.parse(json).sources;
  if (!Array.isArray(sources) || !sources.length) throw new Error('the demo corpus has no sources');
  return `${JSON.stringify({ sources })}\n`;
}

/**
 * Build one browser's extension into OUT/browser. `test`: the end-to-end tests' build, whose feed
 * fetcher may also fetch from 127.0.0.1 (lib/flags.js); never a build that ships.
 */
export function build(out, browser, { test = false } = {}) {
  const dir = join(out, browser);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'shell/pkg'), { recursive: true });
  cpSync(SRC, dir, { recursive: true });
  if (browser !== 'chromium') for (const f of ['offscreen.html', 'offscreen.js']) rmSync(join(dir, f));
  if (test) {
    writeFileSync(join(dir, 'lib/flags.js'), '// The end-to-end tests\' build (extension/build.mjs --test): the fixtures on 127.0.0.1 may be fetched.\n' +
      "export const TEST_HOSTS = ['127.0.0.1'];\n");
  }
  mkdirSync(join(dir, 'vendor'));
  const readability = join(REPO, READABILITY);
  if (!existsSync(readability)) throw new Error(`${readability} is missing: run scripts/setup (npm ci)`);
  writeFileSync(join(dir, 'vendor/readability.js'), `${readFileSync(readability, 'utf8')}\nexport { Readability };\n`);
  writeFileSync(join(dir, 'content.js'), bundle(CONTENT));
  mkdirSync(join(dir, 'demo'));
  writeFileSync(join(dir, 'demo/corpus.json'), demoCorpus());
  for (const f of SHELL) cpSync(join(WWW, f), join(dir, 'shell', f));
  for (const f of PKG) {
    const from = join(WWW, 'pkg', f);
    if (!existsSync(from)) throw new Error(`${from} is missing: run scripts/build web`);
    cpSync(from, join(dir, 'shell/pkg', f));
  }
  mkdirSync(join(dir, 'icons'));
  for (const n of [16, 32, 48, 128]) writeFileSync(join(dir, `icons/icon-${n}.png`), icon(n));
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest(browser), null, 2)}\n`);
  return dir;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const test = args.includes('--test');
  const [out, ...which] = args.filter((a) => a !== '--test');
  if (!out) { console.error('usage: node extension/build.mjs OUT_DIR [--test] [chromium|firefox...]'); process.exit(2); }
  for (const b of which.length ? which : Object.keys(BROWSERS)) {
    if (!BROWSERS[b]) { console.error(`unknown browser ${b}`); process.exit(2); }
    console.log(build(resolve(out), b, { test }));
  }
}
