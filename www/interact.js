// The reader's pointer and keys over the marked claims: hovering a claim opens its evidence after
// a short pause, and leaving it closes an evidence that was not pinned; a click pins it (or
// closes it, off any claim); Alt+Shift+↓/↑ steps through the claims, Escape closes; scrolling
// keeps the evidence by its claim. What "open", "close" and "step" mean is the caller's:
// attach() shows the shell's popover, the browser extension's content script its frames.

export const HOVER_OPEN_MS = 120;
export const HOVER_CLOSE_MS = 350;

/** Whether a key press is the reader typing (then no key of ours applies). */
export const typing = (t) => Boolean(t?.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t?.tagName ?? ''));

/** Alt+Shift+↓ → 1, Alt+Shift+↑ → -1, anything else 0. */
export const stepOf = (e) => (e.altKey && e.shiftKey && (e.key === 'ArrowDown' || e.key === 'ArrowUp')
  ? (e.key === 'ArrowDown' ? 1 : -1) : 0);

/** The claim to step to from `active` (-1: none yet) among `n`, by `dir` (1 or -1); wraps around. */
export function stepIndex(active, n, dir) {
  const i = dir > 0 ? active + 1 : active < 0 ? n - 1 : active - 1;
  return ((i % n) + n) % n;
}

/**
 * The box an evidence is placed by, for a claim's Range, as a function (the claim moves when the
 * page scrolls): the whole claim vertically, the line under the pointer (x, y) horizontally, or
 * its first line; null when it has no box.
 */
export const claimRect = (range, x, y) => () => {
  const all = range.getBoundingClientRect();
  const rects = [...range.getClientRects()];
  const line = (x != null && rects.find((q) => y >= q.top && y <= q.bottom)) || rects[0];
  return line ? { top: all.top, bottom: all.bottom, left: line.left } : null;
};

/** Scroll a claim's Range to the middle of the view (smoothly unless the reader asks for less motion). */
export function reveal(range) {
  range?.startContainer.parentElement?.scrollIntoView({ block: 'center',
    behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
}

/**
 * Listen to the document's pointer, click, key, scroll and resize events. `on` has:
 * - live(): whether to act now at all (e.g. this handle owns the UI);
 * - claimAt(x, y): the claim index under a viewport point, or -1;
 * - openIndex(), pinned(): the claim whose evidence is open (-1: none) and whether it is pinned;
 * - open(i, {pin, x, y}), close(), step(dir), escape(); leave(): the close after the pointer
 *   left a claim (default close());
 * - inside(target): the pointer is over our own UI (nothing changes); moved(e): told first;
 * - hold(): the evidence is being read elsewhere (a frame): leave it as it is;
 * - place(): follow the claim, false when it scrolled out of view; scrolled(e): told first.
 * Options: trusted (ignore events a script made: the page is not trusted), capture.
 * Returns {cancel() (the pending hover), closeSoon(), stop()}.
 */
export function interact(on, { trusted = false, capture = false } = {}) {
  const ok = (e) => (!trusted || e.isTrusted) && on.live();
  let timer = 0;
  const cancel = () => clearTimeout(timer);
  const closeSoon = () => { cancel(); timer = setTimeout(on.leave ?? on.close, HOVER_CLOSE_MS); };

  let moveQueued = false;
  const onMove = (e) => {
    if (!ok(e)) return;
    on.moved?.(e);
    if (moveQueued || e.pointerType === 'touch') return;
    moveQueued = true;
    requestAnimationFrame(() => {
      moveQueued = false;
      if (!on.live() || on.hold?.()) return;
      cancel();
      if (on.inside(e.target)) return; // over the popover or badge: keep it
      const i = on.claimAt(e.clientX, e.clientY);
      if (i >= 0 && i === on.openIndex()) return;
      if (i >= 0) timer = setTimeout(() => on.open(i, { x: e.clientX, y: e.clientY }), HOVER_OPEN_MS);
      else if (!on.pinned() && on.openIndex() >= 0) closeSoon();
    });
  };
  const onClick = (e) => {
    if (!ok(e) || on.inside(e.target)) return;
    if (!getSelection()?.isCollapsed) return; // selecting text, not pointing at a claim
    const i = on.claimAt(e.clientX, e.clientY);
    if (i >= 0) { cancel(); on.open(i, { pin: true, x: e.clientX, y: e.clientY }); } else on.close();
  };
  const onKey = (e) => {
    if (!ok(e) || typing(e.target)) return;
    const dir = stepOf(e);
    if (!dir && e.key !== 'Escape') return;
    cancel(); // the reader's key comes before a hover's pending open or close
    if (dir) {
      e.preventDefault();
      on.step(dir);
    } else on.escape();
  };
  let placeQueued = false;
  const onScroll = (e) => { // follow the claim; a hover evidence closes when it scrolls away
    if (!ok(e)) return;
    on.scrolled?.(e);
    if (placeQueued) return;
    placeQueued = true;
    requestAnimationFrame(() => {
      placeQueued = false;
      if (on.live() && !on.place() && !on.pinned()) on.close();
    });
  };
  document.addEventListener('pointermove', onMove, { passive: true, capture });
  document.addEventListener('click', onClick, { capture });
  document.addEventListener('keydown', onKey, { capture });
  addEventListener('scroll', onScroll, { passive: true, capture: true });
  addEventListener('resize', onScroll, { passive: true });
  return {
    cancel,
    closeSoon,
    stop() {
      cancel();
      document.removeEventListener('pointermove', onMove, { capture });
      document.removeEventListener('click', onClick, { capture });
      document.removeEventListener('keydown', onKey, { capture });
      removeEventListener('scroll', onScroll, { capture: true });
      removeEventListener('resize', onScroll);
    },
  };
}
