// The page's one UI (ui.js: the badge, the panel, the popover), shared by the handles attached
// with ui: true: the last of them owns it (its claims are in the badge and panel, the keys step
// through them). Per handle: which claim is open (and pinned), opening a claim's evidence by its
// claim, closing it and giving focus back to where it was, and stepping from claim to claim.

import { claimRect, reveal, stepIndex } from './interact.js';
import { createUI } from './ui.js';

let ui = null;
const owners = []; // the handles with a UI, in the order they were attached
const owner = () => owners.at(-1);

// The UI's callbacks: the owner's claims, and its root, which the badge and panel keep off.
let statusRoot = null; // the root of a page that could not be checked, while no handle owns the UI
const callbacks = { goto: (i) => owner()?.go(i), close: () => owner()?.close(),
  root: () => owner()?.root ?? statusRoot };

/**
 * Show why a page could not be checked on the badge (ui.js's status): `text`, the short plain
 * words; `detail`, the console's message; `root`, the article the badge and panel keep off.
 * Made for a site that asked for it (status: 'show'); the UI is made for it if no handle has
 * one, and the next handle's first update replaces the words with its counts.
 */
export function showStatus(text, detail, { root = null, create = createUI } = {}) {
  statusRoot = root;
  ui ??= create(callbacks);
  ui.status(text, detail);
}

/** Whether a node is part of the page's corroborate UI. */
export const inUI = (node) => Boolean(ui?.contains(node));

// What the UI shows of a handle besides its claims and counts: its story, the usable sources,
// and a failure shown while it holds ({text, detail}, e.g. nothing to compare with).
const extra = (handle, problem) => ({ story: handle.story, available: handle.available, problem });
const problems = new WeakMap(); // handle → the failure its last update showed, or null

/**
 * The UI side of `handle` (its `claims`, `summary`, `sources`, `story`, `available`); `paint` is its painter (ranges,
 * mark(i)). With show: false, stepping still scrolls to each claim and marks it, with no UI.
 * `create` makes the UI (ui.js's createUI; a stand-in in the tests).
 */
export function presenter(handle, paint, { show = true, create = createUI } = {}) {
  let active = -1; // the claim last opened or stepped to
  let pinned = false;
  let lastFocus = null;
  if (show) {
    owners.push(handle);
    ui ??= create(callbacks);
  }
  const mine = () => Boolean(show && ui && owner() === handle);

  function open(i, { pin = false, focus = false, x, y } = {}) {
    const c = handle.claims[i];
    const range = paint.ranges[i];
    if (!ui || !c || !range) return undefined;
    pinned = pin;
    active = i;
    paint.mark(i);
    if (focus && !ui.popoverHasFocus()) { // remember where focus was, through shadow roots
      let el = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      lastFocus = el;
    }
    return ui.open(c, claimRect(range, x, y), focus);
  }
  function close() {
    if (!ui || ui.openIndex < 0) return;
    ui.close();
    paint.mark(-1);
    pinned = false;
    if (lastFocus?.isConnected) lastFocus.focus({ preventScroll: true });
    lastFocus = null;
  }
  function go(i) {
    const n = handle.claims.length;
    if (!n) return null;
    i = ((i % n) + n) % n;
    reveal(paint.ranges[i]);
    const words = open(i, { pin: true, focus: true }); // what the popover shows, as one line
    active = i;
    if (ui && words) ui.announce(words);
    return handle.claims[i];
  }

  return {
    mine,
    open,
    close,
    go,
    step: (dir) => go(stepIndex(active, handle.claims.length, dir)),
    get active() { return active; },
    get pinned() { return pinned; },
    openIndex: () => (ui ? ui.openIndex : -1),
    escape() {
      if (!ui) return;
      if (ui.openIndex >= 0) close();
      else ui.closePanel();
    },
    place: () => !ui || ui.place(),
    /** Before new claims come: the text of the open claim, if this handle's popover is open. */
    opened: () => (mine() && ui.openIndex >= 0 ? handle.claims[ui.openIndex]?.text ?? null : null),
    /**
     * New claims are painted: show them, and keep the popover on the claim that had it open.
     * `problem` ({text, detail}): a failure to keep on the badge while it holds (status: 'show').
     */
    update(openText, problem = null) {
      active = -1;
      problems.set(handle, problem);
      if (!mine()) return;
      ui.update(handle.claims, handle.summary, handle.sources ?? 0, extra(handle, problem));
      const again = openText == null ? -1 : handle.claims.findIndex((c) => c.text === openText);
      if (again >= 0) open(again, { pin: pinned });
      else close();
    },
    /** The handle is detached: the UI goes to the previous owner, or away with the last. */
    destroy() {
      close();
      const k = owners.indexOf(handle);
      if (k >= 0) owners.splice(k, 1);
      const next = owner();
      if (ui && !next) { ui.destroy(); ui = null; } else if (ui) {
        ui.update(next.claims, next.summary, next.sources ?? 0, extra(next, problems.get(next) ?? null));
      }
    },
  };
}
