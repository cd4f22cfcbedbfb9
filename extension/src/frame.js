// The extension's frames in a page being read: frame.html?view=badge (the badge and the summary
// panel), frame.html?view=popover (the evidence of one claim) and frame.html?view=marks (the
// claims' underlines, laid over the document), loaded by the content script into iframes. This
// document is the extension's own origin: the page can neither read it, nor script it, nor
// style it. Its content comes from the background over a port (the background
// knows this frame's tab from the browser, and checks the nonce in this frame's URL, which only
// the content script knew); what the reader does here goes back the same way. The UI is the
// shell's (shell/ui.js), one view per frame; everything is built as text nodes.

import * as shellUI from './shell/ui.js';
import { stepOf } from './shell/interact.js';
import { drawMarks } from './lib/draw.js';
import { coverageWords } from './lib/view.js';

const api = globalThis.browser ?? globalThis.chrome;
const view = ['badge', 'marks'].find((v) => v === new URLSearchParams(location.search).get('view')) ?? 'popover';
document.documentElement.dataset.view = view;
const ANCHOR = () => ({ top: 0, bottom: 0, left: 0 }); // the content script places this frame

let port = null;
let tries = 0;
const send = (msg) => { try { port?.postMessage(msg); } catch { /* reconnecting */ } };

const ui = view === 'marks' ? null : shellUI.createUI({
  goto: (index) => send({ type: 'go', index }),
  close: () => { ui.close(); send({ type: 'close' }); },
  panel: (open) => send({ type: 'panel', open }),
}, { view });

// The marks view: one SVG over the document, redrawn when the boxes, verdicts or open claim change.
const svg = view === 'marks' ? document.createElementNS('http://www.w3.org/2000/svg', 'svg') : null;
const dark = matchMedia('(prefers-color-scheme: dark)');
let drawn = { boxes: [], verdicts: [], active: -1 };
const redraw = () => drawMarks(svg, { ...drawn, dark: dark.matches });
if (svg) {
  svg.setAttribute('width', '100%');
  svg.setAttribute('height', '100%');
  document.body.append(svg);
  dark.addEventListener('change', redraw);
}

// The reader's keys while focus is in this frame: the same as in the page.
document.addEventListener('keydown', (e) => {
  if (!e.isTrusted || !ui) return;
  const dir = stepOf(e);
  if (dir) {
    e.preventDefault();
    send({ type: 'step', dir });
  } else if (e.key === 'Escape') {
    if (ui.openIndex >= 0) { ui.close(); send({ type: 'close' }); } else ui.closePanel();
  }
});

// The popover frame tells the page's content script when the reader's pointer is over it (the
// page's document does not see the pointer inside another origin's frame), so that the evidence
// stays open while it is read.
if (view === 'popover') {
  let last = 0; // when "over" was last said (said again now and then while the pointer moves here)
  document.addEventListener('pointermove', (e) => {
    if (!e.isTrusted || e.timeStamp - last < 150) return;
    last = e.timeStamp;
    send({ type: 'hover', over: true });
  }, { passive: true });
  document.documentElement.addEventListener('pointerleave', (e) => {
    if (!e.isTrusted) return;
    last = 0;
    send({ type: 'hover', over: false });
  });
}

const withIndex = (c, index) => ({ ...c, index: c.index ?? index });

function onMessage(msg) {
  if (view === 'marks') {
    if (msg?.type === 'marks') drawn = { boxes: msg.boxes, verdicts: msg.verdicts, active: msg.active };
    else if (msg?.type === 'active') drawn = { ...drawn, active: msg.index };
    else if (msg?.type === 'rejected') tries = Infinity;
    else return;
    redraw();
    return;
  }
  switch (msg?.type) {
    case 'summary': { // the badge frame: counts, the panel's claims by source, the page's story
      ui.update(msg.claims.map(withIndex), msg.summary, msg.sources, { story: msg.story, available: msg.available });
      // A shell UI that does not know stories yet says "no coverage" as the badge's status.
      const none = coverageWords(msg.story, msg.available);
      if (none && typeof shellUI.coverageWords !== 'function') {
        ui.status(`${none}.`, 'Add feeds or pages on this story (“Add this page as a source” on other outlets’ articles about it), then check again.');
      }
      document.documentElement.dataset.coverage = none ? 'none' : 'some';
      break;
    }
    case 'open': { // the popover frame: one claim's evidence
      ui.update([], msg.summary, msg.sources);
      // The popover shows "Claim i of n"; what it announces is its own lines (ui.js's announcement).
      const words = ui.open(withIndex(msg.claim, msg.claim.index), ANCHOR, msg.focus, msg.count);
      if (msg.announce) ui.announce(words);
      document.documentElement.dataset.claim = String(msg.claim.index);
      break;
    }
    case 'close':
      ui.close();
      delete document.documentElement.dataset.claim;
      break;
    case 'rejected': // not a frame of this tab's page: stay empty
      tries = Infinity;
      break;
    default: break;
  }
}

function connect() {
  port = api.runtime.connect({ name: 'corroborate-frame' });
  port.onMessage.addListener((m) => { tries = 0; onMessage(m); });
  port.onDisconnect.addListener(() => {
    port = null;
    // A sleeping service worker closes the port: connect again (it wakes up).
    if (++tries < 5) setTimeout(connect, 100 * tries);
  });
}
connect();
