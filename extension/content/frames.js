// The extension's surfaces in the page: three iframes whose documents are the extension's own
// frame.html (another origin: the page can neither read nor script nor style what they show),
// inside a closed shadow root of a host element with a random tag name. `marks` lies over the
// whole document, transparent to the pointer, and draws the claims' underlines; `badge` holds the
// badge and the summary panel at the bottom right; `popover` the evidence of one claim, placed by
// its claim. Their sizes never depend on what they show (the page can measure an iframe, so a
// size would tell it something); their documents get their content from the background.

export const POPOVER = { width: 448, height: 400 }; // at most; less in a small viewport
export const BADGE = { width: 340, height: 48 }; // the badge alone
export const PANEL = { width: 520, height: 560 }; // the badge and the open panel
const GAP = 8;

/**
 * Where the popover goes for a claim whose box is `r` ({top, bottom, left}) in a viewport of
 * `vw` × `vh`: below the claim, or above it when there is more room there, never past an edge.
 * Returns {top, left, width, height} in viewport pixels.
 */
export function placePopover(r, vw, vh) {
  const width = Math.max(0, Math.min(POPOVER.width, vw - 2 * GAP));
  const height = Math.max(0, Math.min(POPOVER.height, vh - 2 * GAP));
  const below = vh - r.bottom - GAP >= height || vh - r.bottom >= r.top;
  const top = below ? r.bottom + GAP : r.top - height - GAP;
  return {
    top: Math.round(Math.max(GAP, Math.min(top, vh - height - GAP))),
    left: Math.round(Math.max(GAP, Math.min(r.left, vw - width - GAP))),
    width: Math.round(width),
    height: Math.round(height),
  };
}

/** The badge frame's box: the badge alone, or with the panel open; at the bottom right. */
export function placeBadge(open, vw, vh) {
  const size = open ? PANEL : BADGE;
  const width = Math.max(0, Math.min(size.width, vw - 2 * GAP));
  const height = Math.max(0, Math.min(size.height, vh - 2 * GAP));
  return { top: Math.round(vh - height - GAP), left: Math.round(vw - width - GAP), width: Math.round(width),
    height: Math.round(height) };
}

const SHADOW_CSS = `iframe{position:fixed;border:0;margin:0;padding:0;background:transparent;
color-scheme:normal;pointer-events:auto;display:block;visibility:visible;opacity:1;
z-index:2147483647;box-shadow:none;transform:none}iframe[hidden]{display:none}
iframe.marks{position:absolute;top:0;left:0;pointer-events:none;z-index:2147483646}`;

/**
 * Make the host and its three frames. `url(view)` is the frame document's URL for a view;
 * `tag` the host's tag name; `on` has pointerenter() and pointerleave() for the popover frame
 * (where the browser tells the page's document; the popover frame also says so itself).
 */
export function createFrames({ url, tag, on = {} }) {
  const host = document.createElement(tag);
  const shadow = host.attachShadow({ mode: 'closed' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(SHADOW_CSS);
  shadow.adoptedStyleSheets = [sheet];
  const frame = (view, title) => {
    const f = document.createElement('iframe');
    f.src = url(view);
    f.title = title;
    f.setAttribute('scrolling', 'no');
    f.setAttribute('allowtransparency', 'true');
    return f;
  };
  let marks = frame('marks', 'corroborate marks');
  marks.className = 'marks';
  marks.tabIndex = -1;
  marks.setAttribute('aria-hidden', 'true');
  let badge = frame('badge', 'corroborate summary');
  let popover = frame('popover', 'corroborate evidence');
  popover.hidden = true;
  const listen = (f) => {
    f.addEventListener('pointerenter', (e) => { if (e.isTrusted) on.pointerenter?.(); });
    f.addEventListener('pointerleave', (e) => { if (e.isTrusted) on.pointerleave?.(); });
  };
  listen(popover);
  shadow.append(marks, badge, popover);
  let panelOpen = false;
  let anchor = null; // () => the claim's box, while the popover is shown

  const put = (f, box) => {
    f.style.top = `${box.top}px`;
    f.style.left = `${box.left}px`;
    f.style.width = `${box.width}px`;
    f.style.height = `${box.height}px`;
  };
  const placeBadgeFrame = () => put(badge, placeBadge(panelOpen, innerWidth, innerHeight));
  placeBadgeFrame();
  // The host is in the browser's top layer (a manual popover), above anything the page stacks
  // with z-index. The page may take it out of the document, or out of the top layer: put it back.
  const canTop = typeof host.showPopover === 'function';
  if (canTop) host.setAttribute('popover', 'manual');
  const raise = () => {
    if (!canTop) return;
    try {
      if (host.getAttribute('popover') !== 'manual') host.setAttribute('popover', 'manual');
      if (host.matches(':popover-open')) host.hidePopover();
      host.showPopover();
    } catch { /* not connected yet */ }
  };
  const keep = new MutationObserver(() => {
    if (!host.isConnected) document.documentElement.append(host);
    if (canTop && !host.matches(':popover-open')) raise();
  });
  document.documentElement.append(host);
  raise();
  keep.observe(document.documentElement, { childList: true });
  keep.observe(host, { attributes: true });
  host.addEventListener('toggle', () => { if (canTop && !host.matches(':popover-open')) raise(); });

  return {
    tag,
    /** Show the popover frame by its claim (`rect()` gives the claim's box); false when out of view. */
    show(rect) {
      anchor = rect;
      popover.hidden = false;
      raise(); // last into the top layer, so above whatever the page put there before
      return this.place();
    },
    hide() { anchor = null; popover.hidden = true; },
    get shown() { return !popover.hidden; },
    /** Follow the claim (scroll, resize); false when it is out of view. */
    place() {
      placeBadgeFrame();
      if (popover.hidden || !anchor) return true;
      const r = anchor();
      if (!r || r.bottom < 0 || r.top > innerHeight) return false;
      put(popover, placePopover(r, innerWidth, innerHeight));
      return true;
    },
    setPanel(open) { panelOpen = open; placeBadgeFrame(); },
    /** The viewport position of the marks frame's corner (the host's), for the claims' boxes. */
    origin() { const r = host.getBoundingClientRect(); return { left: r.left, top: r.top }; },
    /** Size the marks frame to cover `width` × `height` pixels from its corner. */
    setMarksSize(width, height) {
      marks.style.width = `${Math.ceil(width)}px`;
      marks.style.height = `${Math.ceil(height)}px`;
    },
    focusPopover() { popover.focus(); },
    hasFocus: () => shadow.activeElement === popover,
    /** Load a frame again (the page navigated it away from the extension's document). */
    reload(view) {
      const old = { badge, popover, marks }[view];
      if (!old) return;
      const fresh = frame(view, old.title);
      fresh.hidden = old.hidden;
      fresh.className = old.className;
      fresh.style.cssText = old.style.cssText;
      if (view === 'popover') { listen(fresh); popover = fresh; } else if (view === 'badge') badge = fresh;
      else { fresh.tabIndex = -1; fresh.setAttribute('aria-hidden', 'true'); marks = fresh; }
      old.replaceWith(fresh);
    },
    contains: (node) => node === host,
    destroy() { keep.disconnect(); host.remove(); },
  };
}
