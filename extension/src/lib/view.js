// What the background hands to whom, as pure functions. The content script, which lives in the
// page being read, gets only what painting needs: each claim's UTF-16 range and verdict, and the
// counts. Source text, titles, outlets, URLs and ids go only to the extension's frames.

/** The content script's share of an annotation: {claims: [[start, end, verdict]], summary}. */
export function pageView({ claims, summary }) {
  return {
    claims: claims.map((c) => [c.start_utf16, c.end_utf16, c.verdict]),
    summary: { claims: summary.claims, confirmed: summary.confirmed, contradicted: summary.contradicted,
      disputed: summary.disputed, related: summary.related, unique: summary.unique },
  };
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
 * Which of the extension's frames a sender is: {view, nonce} when `url` is `base`frame.html
 * with a view of badge or popover and a nonce, else null.
 */
export function frameOf(url, base) {
  if (typeof url !== 'string' || !url.startsWith(`${base}frame.html?`)) return null;
  let u;
  try { u = new URL(url); } catch { return null; }
  const view = u.searchParams.get('view');
  const nonce = u.hash.slice(1);
  if (!['badge', 'popover'].includes(view) || !/^n[0-9a-f]{24}$/.test(nonce)) return null;
  return { view, nonce };
}

/** A fingerprint of a corpus: each source's id, title, text length and ends; the excluded id. */
export function corpusKey(sources, exclude) {
  return JSON.stringify([exclude ?? null, ...sources.map((s) => [s.id, s.title ?? '', s.text?.length ?? 0,
    s.text?.slice(0, 64) ?? '', s.text?.slice(-64) ?? ''])]);
}
