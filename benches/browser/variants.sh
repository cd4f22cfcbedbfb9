# Sourced by scripts/bench-browser --variants, after the default cases, with $site, $url,
# $machine and $chromium set. Module variants: opt-level x wasm-opt level, each built with the
# rest of wasm-pack.toml's [profile] and [cargo] args, optimised by binaryen's wasm-opt from npm,
# then benched on synth-100k with the same site, server and browser. The first is the shipped build.
need_wasm
need_wasm_opt
export PATH="$PWD/node_modules/.bin:$PATH"
while read -r k v; do export "$k=$v"; done < <(python3 -c '
import tomllib
m = tomllib.load(open("wasm-pack.toml", "rb"))
for k, v in m.get("profile", {}).items():
    v = str(v).lower() if isinstance(v, bool) else str(v)
    print("CARGO_PROFILE_RELEASE_" + k.upper().replace("-", "_"), v)
')
read -r -a cargo_args < <(python3 -c 'import tomllib; print(" ".join(tomllib.load(open("wasm-pack.toml","rb")).get("cargo",{}).get("args",[])))')
vdir=target/bench-browser/variants
rm -rf "$vdir"
mkdir -p "$vdir"
cp -R "$site/pkg" "$vdir/shipped-pkg"
results=()
for v in 'z:-Oz --converge' '3:-Oz --converge' 'z:-O3' '3:-O3'; do
  level=${v%%:*}
  opt=${v#*:}
  tag="opt-level $level, wasm-opt $opt"
  key=$level$(echo "$opt" | tr -d ' -')
  out=$vdir/$key
  say "variant: $tag"
  CARGO_PROFILE_RELEASE_OPT_LEVEL=$level wasm-pack build --release --no-opt --target web \
    --out-dir "$PWD/$out/pkg" --no-pack -- "${cargo_args[@]}" >&2
  wasm=$(ls "$out"/pkg/*_bg.wasm)
  read -r -a opt_args <<<"$opt"
  wasm-opt "$wasm" -o "$wasm.opt" "${opt_args[@]}"
  mv "$wasm.opt" "$wasm"
  cp "$out"/pkg/*.js "$wasm" "$site/pkg/"
  BENCH_JSON=$PWD/$out/rows.json BENCH_BASE=$url BENCH_SITE=$PWD/$site BENCH_MACHINE=$machine \
    CHROMIUM=$chromium node benches/browser/run.mjs synth-100k >/dev/null
  results+=("$tag|$(wc -c <"$wasm")|$(gzip -9 -c "$wasm" | wc -c)|$PWD/$out/rows.json")
done
cp -R "$vdir/shipped-pkg/." "$site/pkg/"
node - "${results[@]}" <<'JS' | tee target/bench-browser-variants.md
const { readFileSync } = require('node:fs');
const rows = process.argv.slice(2).map((s) => {
  const [tag, raw, gz, json] = s.split('|');
  const r = JSON.parse(readFileSync(json, 'utf8'))[0];
  return { tag, raw: +raw, gz: +gz, ready: r.engineReady, worker: r.annotate, annotate: r.bareAnnotate, warm: r.warm, cold: r.cold };
});
const b = rows[0];
const f = (x, y) => `${Math.round(x).toLocaleString('en')} (${(x / y).toFixed(2)})`;
console.log(`# Module variants, synth-100k (5,000 words vs 100k sentences), RUNS=${process.env.RUNS ?? 5}, medians in ms (ratio against the first row)\n`);
console.log('| variant | .wasm gzipped (B) | .wasm raw (B) | engine ready | warm annotate in the worker | warm annotate, bare engine | attach → painted, warm | attach → painted, cold |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${r.tag} | ${f(r.gz, b.gz)} | ${f(r.raw, b.raw)} | ${f(r.ready, b.ready)} | ${f(r.worker, b.worker)} | ${f(r.annotate, b.annotate)} | ${f(r.warm, b.warm)} | ${f(r.cold, b.cold)} |`);
}
JS
