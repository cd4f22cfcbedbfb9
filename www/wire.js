// The form in which an annotation crosses from the engine's thread to the page's.
//
// A long page's annotation is megabytes of evidence (sentences, reasons, diff spans), and
// neither structured-cloning nor parsing all of it fits in one short task on the page's thread.
// So each claim crosses with its relations per source (all that painting and the panel need)
// and its evidence as JSON text, which the page parses only when that claim's popover opens.
// Used by worker.js and by the browser extension's background engine.

/** The wire form of `engine.annotate(...)`'s result. */
export function compact({ claims, summary }) {
  return {
    summary,
    claims: claims.map(({ evidence, ...claim }) => ({
      ...claim,
      sources: evidence.map(relationOf),
      evidence: JSON.stringify(evidence),
    })),
  };
}

/** A claim of a result (wire form or plain) with its index, its `sources` and its `evidence`
 * (parsed on first read when it came as JSON text). */
export function expand(claim, index) {
  if (typeof claim.evidence !== 'string') {
    return { ...claim, sources: claim.evidence.map(relationOf), index };
  }
  const json = claim.evidence;
  let evidence;
  return Object.defineProperty({ ...claim, index }, 'evidence', {
    enumerable: true,
    get: () => (evidence ??= JSON.parse(json)),
  });
}

const relationOf = (e) => [e.source, e.outlet ?? e.title ?? e.source, e.relation];
