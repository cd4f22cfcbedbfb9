// Where the extension's marks go. The marks are not drawn in the page: the page shares the
// document's highlight registry (CSS.highlights) and can read any highlight's computed look, so
// highlights would tell it each claim's verdict (and so whether the reader saved an article that
// confirms or contradicts a sentence it planted). Instead the content script measures each
// claim's line boxes and sends them (with no verdict) to the extension's marks frame, a
// transparent extension page laid over the document, which draws the underlines; the page sees
// an iframe the size of the document and nothing in it.

/** A name the page cannot guess: a letter and 24 random hex digits (a CSS identifier). */
export function randomName(prefix = 'c') {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return prefix + [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const round = (v) => Math.round(v * 2) / 2;

/**
 * The line boxes of each claim, relative to `origin` ({left, top}: the viewport position of the
 * marks frame's corner): [[claim index, x, y, width, height], ...], empty boxes left out.
 * `rectsOf(range)` gives a range's client rects (Range.getClientRects in the browser).
 */
export function claimBoxes(ranges, origin, rectsOf = (r) => r.getClientRects()) {
  const out = [];
  ranges.forEach((range, i) => {
    if (!range) return;
    for (const q of rectsOf(range)) {
      if (!(q.width > 0.5 && q.height > 0.5)) continue;
      out.push([i, round(q.left - origin.left), round(q.top - origin.top), round(q.width), round(q.height)]);
    }
  });
  return out;
}

/**
 * The user-origin style rule that pins the frames' host element (tag `tag`): inserted by the
 * background (scripting.insertCSS, origin USER), so its !important declarations beat every rule
 * of the page, and it is not in the page's CSSOM.
 */
export function hostCss(tag) {
  return `${tag}{all:initial!important;display:block!important;position:absolute!important;` +
    'inset:0 auto auto 0!important;width:0!important;height:0!important;overflow:visible!important;' +
    'z-index:2147483647!important;visibility:visible!important;opacity:1!important;' +
    'pointer-events:none!important;contain:none!important;transform:none!important;' +
    'filter:none!important;clip-path:none!important;mask:none!important;margin:0!important}';
}
