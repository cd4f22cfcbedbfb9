# Sourced by the build, test and benchmark scripts: checks that the tools a script needs are
# installed and, when one is not, stops it with one line that names what is missing and the
# scripts/setup command that installs it. Nothing here installs anything: that is
# scripts/setup's job alone, so that a build never changes the machine behind one's back.
# need_who (default: the script's name) prefixes the line.

need_who=${need_who:-${0##*/}}
need_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# cargo install puts wasm-pack, wasm-bindgen and geckodriver here, which a login shell may
# not have on its PATH yet.
case ":$PATH:" in *":$HOME/.cargo/bin:"*) ;; *) PATH=$PATH:$HOME/.cargo/bin ;; esac

need_stop() { printf '[%s] %s\n' "$need_who" "$*" >&2; exit 1; }

# The wasm-bindgen version Cargo.lock resolves: the CLI must match it exactly.
wasm_bindgen_locked() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' "$need_root/Cargo.lock"
}

# need_js NAME...: npm packages of the root package.json, at their package-lock.json versions
# (with no NAME: only a Node.js that satisfies package.json's engines).
need_js() {
  command -v node >/dev/null 2>&1 ||
    need_stop "node not found: install Node.js (package.json engines), then run scripts/setup"
  local problems
  if ! problems=$(node "$need_root/scripts/tools.mjs" "${@:---engines}"); then
    case $problems in
      node:*) need_stop "$problems: install a newer Node.js" ;;
      *) need_stop "missing: $(paste -sd, - <<<"$problems" | sed 's/,/, /g') in node_modules/ (as package-lock.json pins): run scripts/setup" ;;
    esac
  fi
}

# need_wasm: the WebAssembly toolchain of wasm-pack build and wasm-pack test.
need_wasm() {
  local fix="run scripts/setup --wasm"
  if command -v rustup >/dev/null 2>&1; then
    rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown ||
      need_stop "missing: the Rust target wasm32-unknown-unknown: $fix"
  fi
  command -v wasm-pack >/dev/null 2>&1 || need_stop "missing: wasm-pack: $fix"
  local want have
  want=$(wasm_bindgen_locked)
  have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
  [ "$have" = "$want" ] ||
    need_stop "missing: wasm-bindgen-cli $want (Cargo.lock's; found: ${have:-none}): $fix"
}

# need_wasm_opt: binaryen's wasm-opt, which wasm-pack build runs on the release module.
need_wasm_opt() {
  local fix="run scripts/setup --wasm"
  command -v node >/dev/null 2>&1 || need_stop "node not found (binaryen's wasm-opt runs on it): install Node.js, then $fix"
  [ -x "$need_root/node_modules/.bin/wasm-opt" ] && node "$need_root/scripts/tools.mjs" binaryen >/dev/null ||
    need_stop "missing: binaryen's wasm-opt (node_modules/.bin, package-lock.json's version): $fix"
}

# need_browser NAME...: chromium, chromedriver, firefox, geckodriver (the system's browsers
# and drivers; CHROMIUM, CHROMEDRIVER and GECKODRIVER override where they are).
need_browser() {
  local b fix="run scripts/setup --browsers"
  for b in "$@"; do
    case $b in
      chromium) [ -x "${CHROMIUM:-/usr/bin/chromium}" ] || need_stop "missing: ${CHROMIUM:-/usr/bin/chromium}: $fix" ;;
      chromedriver) [ -x "${CHROMEDRIVER:-/usr/bin/chromedriver}" ] ||
        need_stop "missing: ${CHROMEDRIVER:-/usr/bin/chromedriver}: $fix" ;;
      firefox) command -v firefox-esr >/dev/null 2>&1 || command -v firefox >/dev/null 2>&1 ||
        need_stop "missing: firefox-esr: $fix" ;;
      geckodriver) [ -n "${GECKODRIVER:-}" ] || command -v geckodriver >/dev/null 2>&1 ||
        need_stop "missing: geckodriver: $fix" ;;
      *) need_stop "need_browser: unknown name $b" ;;
    esac
  done
}
