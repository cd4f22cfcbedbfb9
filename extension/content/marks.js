// The extension's marks on the page's text. The page shares the document's highlight registry
// (CSS.highlights) with the content script, so it can list the highlights and restyle any it can
// name. Therefore: every claim is its own Highlight under a name drawn at random for this run (the
// registry shows a list of single ranges, not groups by verdict), the looks are a user-origin
// style sheet the background inserts (scripting.insertCSS: invisible to the page's CSSOM, and its
// !important rules beat any of the page's), and no mark carries the verdict's words: those live
// only in the extension's frames.

/** A name the page cannot guess: a letter and 24 random hex digits (a CSS identifier). */
export function randomName(prefix = 'c') {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return prefix + [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

// One look per verdict, told apart by line style as well as colour (as the shell's paint.js);
// [style, light colour, dark colour, light background, dark background].
export const LOOKS = {
  confirmed: ['solid', '#1a7f37', '#3fb950', 'transparent', 'transparent'],
  contradicted: ['wavy', '#c0182b', '#ff7b72', '#c0182b14', '#ff7b7224'],
  disputed: ['double', '#9a5b00', '#e3b341', '#9a5b0012', '#e3b3411f'],
  related: ['dotted', '#0b61c9', '#79c0ff', 'transparent', 'transparent'],
  unique: ['dashed', '#6e7781', '#9ea7b3', 'transparent', 'transparent'],
};

const decl = (style, colour, bg) => `text-decoration:underline ${style} ${colour}!important;` +
  'text-decoration-thickness:2px!important;text-decoration-skip-ink:none!important;' +
  `text-underline-offset:3px!important;background-color:${bg}!important;text-shadow:none!important`;

/**
 * The style sheet of the marks: `names` maps verdict → the highlight names painted with it;
 * `active` is the name of the open claim's highlight; `host` the tag name of the frames' host
 * element, pinned in place so that no page rule can hide, move or cover it with its own styles.
 */
export function marksCss(names, active, host) {
  const light = [];
  const dark = [];
  for (const [verdict, [style, c, cd, bg, bgd]] of Object.entries(LOOKS)) {
    const list = names[verdict] ?? [];
    if (!list.length) continue;
    const sel = list.map((n) => `::highlight(${n})`).join(',');
    light.push(`${sel}{${decl(style, c, bg)}}`);
    dark.push(`${sel}{${decl(style, cd, bgd)}}`);
  }
  const act = `::highlight(${active}){background-color:#ffd33d66!important}`;
  const actDark = `::highlight(${active}){background-color:#bb800966!important}`;
  const pin = host ? `${host}{all:initial!important;display:block!important;position:fixed!important;` +
    'inset:0 auto auto 0!important;width:0!important;height:0!important;overflow:visible!important;' +
    'z-index:2147483647!important;visibility:visible!important;opacity:1!important;' +
    'pointer-events:none!important;contain:none!important}' : '';
  return `${light.join('')}${act}@media (prefers-color-scheme: dark){${dark.join('')}${actDark}}${pin}`;
}

/**
 * The marks of one page: `paint(verdicts, ranges)` registers one highlight per painted claim
 * (verdicts[i] for ranges[i]) and returns the style sheet to insert; `setActive(range)` marks the
 * open claim; `clear()` removes every highlight of ours.
 */
export function createMarks(registry = CSS.highlights) {
  let mine = []; // names registered
  let byIndex = []; // the name of claim i, or undefined
  const active = randomName('a');
  const activeHighlight = new Highlight();
  activeHighlight.priority = 1;
  let host = null;
  return {
    active,
    setHost(tag) { host = tag; },
    paint(verdicts, ranges) {
      this.clear();
      const names = {};
      verdicts.forEach((v, i) => {
        if (!ranges[i] || !LOOKS[v]) return;
        const name = randomName();
        registry.set(name, new Highlight(ranges[i]));
        mine.push(name);
        byIndex[i] = name;
        (names[v] ??= []).push(name);
      });
      registry.set(active, activeHighlight);
      return marksCss(names, active, host);
    },
    /** The same claims over new ranges (the page changed its nodes, not its text). */
    move(ranges) {
      byIndex.forEach((name, i) => {
        const h = registry.get(name);
        if (!h) return;
        h.clear();
        if (ranges[i]) h.add(ranges[i]);
      });
    },
    setActive(range) {
      activeHighlight.clear();
      if (range) activeHighlight.add(range);
    },
    clear() {
      for (const n of mine) registry.delete(n);
      mine = [];
      byIndex = [];
      activeHighlight.clear();
    },
    get names() { return [...mine]; },
  };
}
