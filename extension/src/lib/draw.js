// The marks frame's drawing (frame.html?view=marks): one SVG over the whole document, an
// underline per line box of each claim, one look per verdict told apart by line style as well as
// colour (as the shell's paint.js: solid, wavy, double, dotted, dashed), a faint background on
// contradicted and disputed claims, and the open claim shaded. Built with DOM calls only.

const SVG = 'http://www.w3.org/2000/svg';

// [style, light colour, dark colour, light background, dark background]
export const LOOKS = {
  confirmed: ['solid', '#1a7f37', '#3fb950', null, null],
  contradicted: ['wavy', '#c0182b', '#ff7b72', '#c0182b14', '#ff7b7224'],
  disputed: ['double', '#9a5b00', '#e3b341', '#9a5b0012', '#e3b3411f'],
  related: ['dotted', '#0b61c9', '#79c0ff', null, null],
  unique: ['dashed', '#6e7781', '#9ea7b3', null, null],
};
const ACTIVE = ['#ffd33d66', '#bb800966'];

/** A wavy line from (x, y) over `w` pixels: quadratic curves of `period` pixels, `amp` high. */
export function wavePath(x, y, w, amp = 1.5, period = 6) {
  const n = Math.max(1, Math.round(w / period));
  const step = w / n;
  let d = `M${x} ${y}`;
  for (let k = 0; k < n; k++) {
    const x0 = x + k * step;
    d += ` Q${(x0 + step / 2).toFixed(2)} ${(k % 2 ? y + amp : y - amp).toFixed(2)} ${(x0 + step).toFixed(2)} ${y}`;
  }
  return d;
}

const node = (doc, name, attrs) => {
  const e = doc.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) if (v != null) e.setAttribute(k, String(v));
  return e;
};

/** The SVG elements of one line box of a claim with `verdict`. */
export function markOf(doc, [i, x, y, w, h], verdict, active, dark) {
  const look = LOOKS[verdict];
  if (!look) return [];
  const [style, c, cd, bg, bgd] = look;
  const colour = dark ? cd : c;
  const out = [];
  const fill = active ? ACTIVE[dark ? 1 : 0] : dark ? bgd : bg;
  if (fill) out.push(node(doc, 'rect', { x, y, width: w, height: h, fill, 'data-claim': i }));
  const base = y + h - 1.5; // just under the text
  const line = (yy, extra = {}) => node(doc, 'line', { x1: x, y1: yy, x2: x + w, y2: yy, stroke: colour,
    'stroke-width': 2, 'data-claim': i, ...extra });
  if (style === 'wavy') {
    out.push(node(doc, 'path', { d: wavePath(x, base, w), fill: 'none', stroke: colour, 'stroke-width': 1.6,
      'data-claim': i }));
  } else if (style === 'double') {
    out.push(line(base - 2, { 'stroke-width': 1 }), line(base + 1, { 'stroke-width': 1 }));
  } else if (style === 'dotted') {
    out.push(line(base, { 'stroke-dasharray': '2 2' }));
  } else if (style === 'dashed') {
    out.push(line(base, { 'stroke-dasharray': '6 3' }));
  } else {
    out.push(line(base));
  }
  for (const e of out) e.setAttribute('data-verdict', verdict);
  return out;
}

/** Draw every claim's boxes into `svg`: `verdicts[i]` for claim i; `active` the open claim or -1. */
export function drawMarks(svg, { boxes, verdicts, active = -1, dark = false }) {
  const doc = svg.ownerDocument;
  svg.replaceChildren(...boxes.flatMap((b) => markOf(doc, b, verdicts[b[0]], b[0] === active, dark)));
}
