#!/usr/bin/env bash
# The npm package test. Builds the package (scripts/package: wasm-pack --target bundler plus the
# shell, npm pack), installs the tarball into a scratch app (target/npm-test/app), and there:
#   1. imports it by name from a bundler-free Node script (tests/npm/engine.test.mjs; Node 20+
#      with --experimental-wasm-modules imports the bundler build's .wasm directly);
#   2. type-checks a TypeScript consumer (tests/npm/types.ts) with the repository's pinned tsc;
#   3. unless --no-vite: builds a page with Vite 7 + vite-plugin-wasm that does
#      `import { attach } from 'corroborate'`, serves it and checks in headless Chromium that the
#      markers are painted (tests/npm/vite.test.mjs; needs /usr/bin/chromium and playwright-core).
# The tools are the ones package-lock.json pins, from the repository's node_modules/ (scripts/setup
# installs them); the scratch apps install nothing but the package's tarball.
# Usage: tests/npm/run.sh [--no-build] [--no-vite]
#   --no-build   reuse the engine already built in dist/npm/pkg
set -euo pipefail
cd "$(dirname "$0")/../.."
REPO=$PWD
say() { printf '[npm-test] %s\n' "$*" >&2; }

pack_args=()
vite=1
for a in "$@"; do
  case $a in
    --no-build) pack_args+=(--no-build) ;;
    --no-vite) vite=0 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) say "unknown argument $a"; exit 2 ;;
  esac
done
# Node.js as package.json's engines say (20.19 or newer: vite 7; step 1 needs Node 20's
# --experimental-wasm-modules).
need_who=npm-test
source scripts/need.sh
if [ $vite = 1 ]; then need_js typescript vite vite-plugin-wasm playwright-core; else need_js typescript; fi

say "building the package (scripts/package ${pack_args[*]:-})"
tarball=$REPO/$(scripts/package "${pack_args[@]}" | tail -n1)

app=target/npm-test/app
rm -rf "$app"
mkdir -p "$app"
cp tests/npm/engine.test.mjs tests/npm/types.ts "$app/"
cat >"$app/package.json" <<'JSON'
{ "name": "corroborate-npm-test", "private": true, "type": "module" }
JSON
cat >"$app/tsconfig.json" <<'JSON'
{
  "compilerOptions": {
    "target": "ES2022", "module": "ESNext", "moduleResolution": "bundler", "strict": true,
    "lib": ["ESNext", "DOM"], "noEmit": true, "skipLibCheck": false, "types": []
  },
  "files": ["types.ts"]
}
JSON
say "installing $tarball into $app"
# --offline: the package has no dependencies, so this must not reach the registry.
(cd "$app" && npm install --offline --no-audit --no-fund --silent "$tarball")

say "1. import 'corroborate/engine' and 'corroborate' from Node (node --experimental-wasm-modules)"
(cd "$app" && REPO=$REPO node --experimental-wasm-modules --no-warnings --test --test-reporter=spec engine.test.mjs)

say "2. tsc --noEmit: a TypeScript consumer of the package's types"
(cd "$app" && "$REPO/node_modules/.bin/tsc" -p tsconfig.json)
say "types OK"

if [ $vite = 1 ]; then
  say "3. a Vite 7 build of a page that imports { attach } from 'corroborate', in Chromium"
  REPO=$REPO TARBALL=$tarball tests/npm/vite.sh
fi
say "all npm package tests passed"
