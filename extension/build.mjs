// Assemble the unpacked extension for each browser from one source tree (called by
// scripts/extension): extension/src/ (content script, background, popup, options), the shell
// (www/*.js but the demo) and the WebAssembly module (www/pkg) under shell/, the icons, and a
// manifest made from extension/manifest.template.json plus each browser's few differences.
// Usage: node extension/build.mjs OUT_DIR [chromium|firefox...]

import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { icon } from './icons.mjs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SRC = join(REPO, 'extension/src');
const WWW = join(REPO, 'www');

// What differs between the browsers: Chromium runs the background as a service worker, Firefox
// (MV3) as an event page; Firefox needs an add-on id and says which data it collects (none).
const BROWSERS = {
  chromium: {
    background: { service_worker: 'background.js', type: 'module' },
    minimum_chrome_version: '111',
  },
  firefox: {
    background: { scripts: ['background.js'], type: 'module' },
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
  return { ...m, version: version(), ...BROWSERS[browser] };
}

export function build(out, browser) {
  const dir = join(out, browser);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'shell/pkg'), { recursive: true });
  cpSync(SRC, dir, { recursive: true });
  // The shell: every module of www/ but the demo page's own, then the extension's replacements
  // (extension/shell/): worker.js forwards the engine's work to the background (src/engine.js),
  // and csp.js lets the shell run under a page CSP that forbids WebAssembly (the page's own
  // csp.js is kept as csp-page.js, for its messages).
  for (const f of readdirSync(WWW)) {
    if (f.endsWith('.js') && !f.startsWith('demo')) {
      cpSync(join(WWW, f), join(dir, 'shell', f === 'csp.js' ? 'csp-page.js' : f));
    }
  }
  cpSync(join(REPO, 'extension/shell'), join(dir, 'shell'), { recursive: true });
  // The WebAssembly module (the .d.ts types are for developers, not the browser).
  for (const f of ['corroborate.js', 'corroborate_bg.wasm']) {
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
  const [out, ...which] = process.argv.slice(2);
  if (!out) { console.error('usage: node extension/build.mjs OUT_DIR [chromium|firefox...]'); process.exit(2); }
  for (const b of which.length ? which : Object.keys(BROWSERS)) {
    if (!BROWSERS[b]) { console.error(`unknown browser ${b}`); process.exit(2); }
    console.log(build(resolve(out), b));
  }
}
