# Sourced by scripts/bench-browser --variants, after the default cases, with $site, $url,
# $machine, $chromium and $cli set. The module's build variants: opt-level "z" or 3 (with the
# rest of wasm-pack.toml's [profile] and [cargo] args), each through binaryen's wasm-opt from npm
# at -Oz --converge (what wasm-pack runs for the shipped module) or -O3. Each replaces the site's
# pkg/ in turn and is measured on synth-100k (5,000 words) and synth-long (LONG_WORDS words,
# default 20,000) against the same 100k-sentence corpus (run.mjs: the shell and the bare engine;
# variants.mjs: the module's start, and the bare engine's annotate repeated), in
# interleaved rounds (round r measures every variant once) so that a change of machine load
# falls on all of them alike. The site's own pkg/ and target/bench-browser.md are put back after.
# See benches/browser/README.md; the table goes to target/bench-browser-variants.md.
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
rounds=${RUNS:-5}
long_words=${LONG_WORDS:-20000}
vdir=target/bench-browser/variants
# The two builds of an earlier run are kept when nothing they are built from changed since.
mkdir -p "$vdir"
find "$vdir" -mindepth 1 -maxdepth 1 ! -name 'raw-*' -exec rm -rf {} +
cp -R "$site/pkg" "$vdir/shipped-pkg"
[ -f target/bench-browser.md ] && cp target/bench-browser.md "$vdir/bench-browser.md"
restore() {
  cp -R "$vdir/shipped-pkg/." "$site/pkg/"
  [ -f "$vdir/bench-browser.md" ] && cp "$vdir/bench-browser.md" target/bench-browser.md
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
}
trap restore EXIT

# The two builds without wasm-opt (opt-level is all that differs; wasm-pack's own wasm-opt step
# is skipped so that each optimisation level below starts from the same bytes).
for level in z 3; do
  raw=$vdir/raw-$level/corroborate_bg.wasm
  if [ -f "$raw" ] && [ -z "$(find src Cargo.toml Cargo.lock wasm-pack.toml -newer "$raw" -print -quit)" ]; then
    say "variant builds: opt-level $level: $raw is newer than its sources, kept"
    continue
  fi
  rm -rf "$vdir/raw-$level"
  say "variant builds: opt-level $level (wasm-pack build --no-opt)"
  CARGO_PROFILE_RELEASE_OPT_LEVEL=$level wasm-pack build --release --no-opt --target web \
    --out-dir "$PWD/$vdir/raw-$level" --no-pack -- "${cargo_args[@]}" >&2
done
variants=()
for v in 'z:-Oz --converge' '3:-Oz --converge' 'z:-O3' '3:-O3'; do
  level=${v%%:*}
  opt=${v#*:}
  key=$level$(echo "$opt" | tr -d ' -')
  out=$vdir/$key
  mkdir -p "$out"
  cp -R "$vdir/raw-$level" "$out/pkg"
  cp "$site"/pkg/*.bin "$out/pkg/"
  read -r -a opt_args <<<"$opt"
  say "variant $key: wasm-opt $opt"
  wasm-opt "$vdir/raw-$level/corroborate_bg.wasm" -o "$out/pkg/corroborate_bg.wasm" "${opt_args[@]}"
  same=no
  cmp -s "$out/pkg/corroborate_bg.wasm" "$site/pkg/corroborate_bg.wasm" && same=yes
  printf '{"key": "%s", "level": "%s", "opt": "%s", "raw": %d, "gz": %d, "shipped": "%s"}\n' \
    "$key" "$level" "$opt" "$(wc -c <"$out/pkg/corroborate_bg.wasm")" \
    "$(gzip -9 -c "$out/pkg/corroborate_bg.wasm" | wc -c)" "$same" >"$out/about.json"
  variants+=("$key")
done

# The long page: LONG_WORDS words against the 100k-sentence corpus of synth-100k (the same seed
# gives the same corpus).
mkdir -p "$site/synth-long"
"$cli" synth --sentences 100000 --seed 1 -o "$site/synth-long/corpus.json" \
  --page-words "$long_words" --page-out "$site/synth-long/page.txt" 2>/dev/null
cmp -s "$site/synth-long/corpus.json" "$site/synth-100k/corpus.json" ||
  { say "synth-long's corpus differs from synth-100k's"; exit 1; }
printf '{"title": "Synthetic page, %d words", "corpus": "100k sentences"}\n' "$long_words" \
  >"$site/synth-long/about.json"
# A blank page of the site for the module's start (variants.mjs init).
printf '<!doctype html>\n<title>init</title>\n' >"$site/init.html"

for r in $(seq "$rounds"); do
  for key in "${variants[@]}"; do
    say "round $r of $rounds: variant $key"
    cp "$vdir/$key"/pkg/corroborate.js "$vdir/$key"/pkg/corroborate_bg.wasm "$site/pkg/"
    RUNS=1 BENCH_JSON=$PWD/$vdir/$key/rows-$r.json BENCH_BASE=$url BENCH_SITE=$PWD/$site \
      BENCH_MACHINE=$machine CHROMIUM=$chromium node benches/browser/run.mjs synth-100k synth-long \
      >/dev/null
    BENCH_BASE=$url CHROMIUM=$chromium node benches/browser/variants.mjs init \
      >"$vdir/$key/init-$r.json"
    BENCH_BASE=$url CHROMIUM=$chromium node benches/browser/variants.mjs speed synth-100k synth-long \
      >"$vdir/$key/speed-$r.json"
  done
done
restore
trap - EXIT
BENCH_MACHINE=$machine ROUNDS=$rounds node benches/browser/variants.mjs table "$vdir" "${variants[@]}" |
  tee target/bench-browser-variants.md
