// The shell's CSP check, as the extension ships it: this file replaces www/csp.js in the
// extension's shell/ folder. In the page, the shell probes whether the page's
// Content-Security-Policy allows compiling WebAssembly and refuses to run when it does not. In
// the extension that question does not arise: the engine runs in the extension's background
// (see worker.js here), under the extension's own CSP ('wasm-unsafe-eval'), so a page's strict
// CSP must not stop the content script. Same exports as www/csp.js.

export { CSP_MESSAGE, NO_WASM_MESSAGE } from './csp-page.js';

/** Always null: the page's CSP does not govern the extension's engine. */
export const wasmBlocked = () => null;
