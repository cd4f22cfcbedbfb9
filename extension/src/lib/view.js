// What the background hands to whom, as pure functions. The content script, which lives in the
// page being read, gets only what it needs to measure the claims and hit-test the pointer: each
// claim's UTF-16 range, no verdict. Verdicts, counts, source text, titles, outlets, URLs and ids
// go only to the extension's frames and pages.

/** The content script's share of an annotation: {claims: [[start, end]]}. */
export function pageView({ claims }) {
  return { claims: claims.map((c) => [c.start_utf16, c.end_utf16]) };
}

/** The badge frame's share: each claim's text, verdict, index and [id, outlet, relation] per source. */
export function panelView({ claims, summary }, sources) {
  return {
    summary,
    sources,
    claims: claims.map((c, index) => ({ index, text: c.text, verdict: c.verdict,
      sources: c.evidence.map((e) => [e.source, e.outlet ?? e.title ?? e.source, e.relation]) })),
  };
}

/** The popover frame's share for one claim: the claim with its evidence and index, or null. */
export function claimView({ claims }, index) {
  const c = Number.isInteger(index) ? claims[index] : undefined;
  return c ? { ...c, index } : null;
}

/**
 * The claims' line boxes as the marks frame takes them: [[index, x, y, w, h]] of finite numbers,
 * at most `max` of them, for claims that exist (`count`).
 */
export function boxesView(boxes, count, max = 20000) {
  if (!Array.isArray(boxes)) return [];
  return boxes.slice(0, max).filter((b) => Array.isArray(b) && b.length === 5 && b.every(Number.isFinite) &&
    Number.isInteger(b[0]) && b[0] >= 0 && b[0] < count).map((b) => b.map(Number));
}

/**
 * Which of the extension's frames a sender is: {view, nonce} when `url` is `base`frame.html
 * with a view of badge, popover or marks and a nonce, else null.
 */
export function frameOf(url, base) {
  if (typeof url !== 'string' || !url.startsWith(`${base}frame.html?`)) return null;
  let u;
  try { u = new URL(url); } catch { return null; }
  const view = u.searchParams.get('view');
  const nonce = u.hash.slice(1);
  if (!['badge', 'popover', 'marks'].includes(view) || !/^n[0-9a-f]{24}$/.test(nonce)) return null;
  return { view, nonce };
}

/** A fingerprint of a corpus: each source's id, title, text length and ends; the excluded id. */
export function corpusKey(sources, exclude) {
  return JSON.stringify([exclude ?? null, ...sources.map((s) => [s.id, s.title ?? '', s.text?.length ?? 0,
    s.text?.slice(0, 64) ?? '', s.text?.slice(-64) ?? ''])]);
}

/** A story as the extension's pages show it: {id, label} (without its member ids), or null. */
export function storyView(story) {
  return story && typeof story === 'object' ? { id: String(story.id ?? ''), label: String(story.label ?? '') } : null;
}

/**
 * "No coverage of this story among your 3 sources" when the core found no story of the page
 * among the sources (`story` null) and there are some (`available`); else null: a story
 * matched, or an engine that does not group stories (`story` undefined), or no sources at all
 * (a state of its own). The popup, the toolbar badge's title and the page's badge say it.
 */
export function coverageWords(story, available) {
  if (story !== null || !(available > 0)) return null;
  return `No coverage of this story among your ${available} source${available === 1 ? '' : 's'}`;
}
