#!/usr/bin/env bash
# The npm package test. Builds the package (scripts/package: wasm-pack --target bundler plus the
# shell, npm pack), installs the tarball into a scratch app (target/npm-test/app), and there:
#   1. imports it by name from a bundler-free Node script (tests/npm/engine.test.mjs; Node 20+
#      with --experimental-wasm-modules imports the bundler build's .wasm directly);
#   2. type-checks a TypeScript consumer (tests/npm/types.ts) with tsc from npm;
#   3. unless --no-vite: builds a page with Vite 7 + vite-plugin-wasm that does
#      `import { attach } from 'corroborate'`, serves it and checks in headless Chromium that the
#      markers are painted (tests/npm/vite.test.mjs; needs /usr/bin/chromium and playwright-core).
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
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) say "unknown argument $a"; exit 2 ;;
  esac
done
command -v node >/dev/null || { say "node not found: install Node.js 20 or newer"; exit 1; }
major=$(node -p 'process.versions.node.split(".")[0]')
[ "$major" -ge 20 ] || { say "Node $major is too old: the test needs Node 20 or newer"; exit 1; }

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
(cd "$app" && npm install --no-audit --no-fund --silent "$tarball" typescript@5)

say "1. import 'corroborate/engine' and 'corroborate' from Node (node --experimental-wasm-modules)"
(cd "$app" && REPO=$REPO node --experimental-wasm-modules --no-warnings --test --test-reporter=spec engine.test.mjs)

say "2. tsc --noEmit: a TypeScript consumer of the package's types"
(cd "$app" && npx --no-install tsc -p tsconfig.json)
say "types OK"

if [ $vite = 1 ]; then
  say "3. a Vite 7 build of a page that imports { attach } from 'corroborate', in Chromium"
  REPO=$REPO TARBALL=$tarball tests/npm/vite.sh
fi
say "all npm package tests passed"
