// Text from a page or a corpus, made safe to show beside other text: bidirectional controls
// balanced so that they cannot reach past their own string, each string in its own <bdi>
// (isolated from its neighbours), and long strings clamped with the whole on demand.

// Openers: LRE RLE LRO RLO (embeddings and overrides) and LRI RLI FSI (isolates); closers: PDF, PDI.
const EMBED = new Set(['\u202a', '\u202b', '\u202d', '\u202e']);
const ISOLATE = new Set(['\u2066', '\u2067', '\u2068']);
const PDF = '\u202c';
const PDI = '\u2069';

/**
 * `text` with its bidirectional controls balanced: a closer without its opener is dropped, and
 * openers left open are closed at the end. Nothing else changes, so the text reads as its author
 * meant it inside, and the text after it is untouched.
 */
export function balanceBidi(text) {
  const s = String(text ?? '');
  if (!/[\u202a-\u202e\u2066-\u2069]/.test(s)) return s;
  const stack = []; // 'e' (embedding or override) or 'i' (isolate)
  let out = '';
  for (const ch of s) {
    if (EMBED.has(ch)) stack.push('e');
    else if (ISOLATE.has(ch)) stack.push('i');
    else if (ch === PDF) {
      // A PDF closes the last embedding, but never one outside the innermost open isolate.
      if (stack.at(-1) !== 'e') continue;
      stack.pop();
    } else if (ch === PDI) {
      // A PDI closes the innermost isolate and every embedding opened inside it.
      const i = stack.lastIndexOf('i');
      if (i < 0) continue;
      out += PDF.repeat(stack.length - 1 - i);
      stack.length = i;
    }
    out += ch;
  }
  for (let i = stack.length - 1; i >= 0; i--) out += stack[i] === 'i' ? PDI : PDF;
  return out;
}

/** At most `max` characters (whole code points) of `text`, with "…" when cut; and whether it was. */
export function clampText(text, max) {
  const chars = [...String(text ?? '')];
  if (chars.length <= max) return { text: chars.join(''), cut: false };
  return { text: `${chars.slice(0, Math.max(1, max - 1)).join('').trimEnd()}…`, cut: true };
}

/**
 * `text` for a line of plain text (a message, a label): balanced, clamped to `max` characters,
 * between FSI and PDI so that it cannot reorder the words around it.
 */
export const inline = (text, max = 160) => `\u2068${balanceBidi(clampText(balanceBidi(text), max).text)}\u2069`;

/**
 * A <bdi> holding `text` balanced (see balanceBidi), clamped to `max` characters when given; a
 * clamped one carries the whole text in its `title`.
 */
export function bdi(text, max = Infinity) {
  const e = document.createElement('bdi');
  const { text: shown, cut } = clampText(balanceBidi(text), max);
  if (cut) e.setAttribute('title', balanceBidi(text));
  e.append(cut ? balanceBidi(shown) : shown);
  return e;
}
