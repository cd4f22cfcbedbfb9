#!/usr/bin/env bash
# The npm package in a Vite 7 build (called by tests/npm/run.sh): a page whose only script is
# `import { attach } from 'corroborate'`, built with Vite 7 and vite-plugin-wasm (the ESM
# integration of the bundler build's .wasm, for the page and for the shell's Worker), served
# with a CSP that allows WebAssembly, and checked in headless Chromium (tests/npm/vite.test.mjs).
# Environment: REPO (the repository), TARBALL (the package), CHROMIUM (default /usr/bin/chromium).
# vite, vite-plugin-wasm and playwright-core are the repository's (node_modules/, pinned by
# package-lock.json; tests/npm/run.sh checked them).
set -euo pipefail
: "${REPO:?}" "${TARBALL:?}"
cd "$REPO"
say() { printf '[npm-test] %s\n' "$*" >&2; }
chromium=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
  [ "${CI:-}" = "true" ] && { say "$chromium not found, and CI=true"; exit 1; }
  say "skipping the Vite check: $chromium not found"; exit 0
fi

app=target/npm-test/vite
rm -rf "$app"
mkdir -p "$app/public"
cp www/embed/sources.json "$app/public/sources.json"
cat >"$app/package.json" <<'JSON'
{ "name": "corroborate-vite-test", "private": true, "type": "module" }
JSON
# The app lives inside the repository, so Node's resolution finds vite-plugin-wasm in the
# repository's node_modules/ by walking up from the config.
cat >"$app/vite.config.js" <<'JS'
import wasm from 'vite-plugin-wasm';

export default {
  plugins: [wasm()],
  worker: { format: 'es', plugins: () => [wasm()] },
  build: { target: 'esnext' }, // the .wasm import becomes a top-level await
};
JS
# The page: the story's first outlet's text as the article (built here from the corpus).
node -e '
const { sources } = require(process.argv[1]);
const page = sources.find((s) => s.id === "harbour-herald");
const esc = (s) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
const paras = page.text.split(/\n\s*\n/).map((p) => `<p>${esc(p.trim())}</p>`).join("\n");
require("fs").writeFileSync(process.argv[2], `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>vite test</title>
<script type="module" src="/main.js"></script></head>
<body><article>\n${paras}\n</article></body></html>\n`);
' "$PWD/$app/public/sources.json" "$app/index.html"
cat >"$app/main.js" <<'JS'
import { attach } from 'corroborate';

attach({ root: 'article', corpus: '/sources.json', exclude: 'harbour-herald' })
  .then((h) => { document.documentElement.dataset.claims = String(h.claims.length); })
  .catch((e) => { document.documentElement.dataset.error = e.message; console.error(e); });
JS
(cd "$app" && npm install --offline --no-audit --no-fund --silent "$TARBALL" &&
  "$REPO/node_modules/.bin/vite" build --logLevel warn)
say "vite build: $(cd "$app/dist" && find . -type f | sort | tr '\n' ' ')"
REPO=$REPO SITE=$PWD/$app/dist node --test --test-reporter=spec tests/npm/vite.test.mjs
