// Can this page (or worker) compile WebAssembly? A Content-Security-Policy whose script-src lacks
// 'wasm-unsafe-eval' (or 'unsafe-eval') forbids it, and then corroborate cannot run at all: the
// shell checks this first and, when it is forbidden, says so once and leaves the page untouched.
//
//   import { wasmBlocked } from './csp.js';
//   const why = wasmBlocked(); // null when WebAssembly can be compiled, else the message to show
//
// The probe compiles the smallest valid module (8 bytes: the magic number and version 1),
// synchronously and once per realm. WebAssembly.validate() is no help: it does not compile, so a
// CSP never blocks it. A blocked probe is a CSP violation like any other: the browser fires
// `securitypolicyviolation` and sends the site's CSP report (report-uri / report-to), if it has one.

/** The message when a Content-Security-Policy forbids compiling WebAssembly. */
export const CSP_MESSAGE = "corroborate: this page's Content-Security-Policy forbids compiling " +
  "WebAssembly, so corroborate did not run and left the page unchanged. To allow it, add " +
  "'wasm-unsafe-eval' to the script-src directive, e.g. " +
  "Content-Security-Policy: script-src 'self' 'wasm-unsafe-eval'";

/** The message when the browser has no WebAssembly at all (e.g. turned off by the user). */
export const NO_WASM_MESSAGE = 'corroborate: this browser has WebAssembly turned off or lacks it, ' +
  'so corroborate did not run and left the page unchanged.';

const EMPTY_MODULE = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]; // "\0asm", version 1

let verdict; // undefined until probed; then null (allowed) or a message

/** null when this realm may compile WebAssembly; else a message naming what to change. */
export function wasmBlocked() {
  if (verdict !== undefined) return verdict;
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.Module !== 'function') {
    return (verdict = NO_WASM_MESSAGE);
  }
  try {
    new WebAssembly.Module(new Uint8Array(EMPTY_MODULE));
    verdict = null;
  } catch {
    // The module is valid, so any failure is the policy's (Chromium: CompileError; Firefox and
    // Safari: CompileError or EvalError, both naming the CSP).
    verdict = CSP_MESSAGE;
  }
  return verdict;
}
