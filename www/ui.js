// The reader's UI: one <corroborate-ui> host with an open shadow root holding the summary badge,
// the panel (counts and a grid of claims by source), the evidence popover and a live region.
// Everything from the page or the corpus goes in as textContent, never as HTML, each name, title
// and sentence bidi-isolated (text.js) and long names and titles clamped.
//
// The extension shows the same UI in its own frames (extension pages the page cannot reach), one
// view per frame: `createUI(on, {view: 'popover'})` is the popover alone, filling its frame;
// `{view: 'badge'}` the badge and panel at the frame's bottom right.
//
// In the page, the badge and panel keep off the article (on.root() gives its box): fixed in the
// margin beside it when that has room, else in the page's flow right after it (a narrow screen):
// a <corroborate-slot> element inserted after the root, whose shadow root holds them, so that
// they push what follows down and never sit over any text. Counts follow one rule everywhere (badge,
// panel, the words read out): all five verdicts, in the same order, zeros included.

import { bdi, balanceBidi, clampText } from './text.js';

export const GLYPH = { confirmed: '✓', contradicted: '✗', disputed: '±', related: '≈', unique: '◇',
  confirms: '✓', contradicts: '✗' };
const RANK = { contradicts: 0, confirms: 1, related: 2 };
const MAX_COLS = 12; // sources shown in the panel's grid
const MAX_EVIDENCE = 12; // sources shown in a popover
const WORDS = { confirms: 'confirms', contradicts: 'contradicts', related: 'related only' };
/** The verdicts in the order they are counted and explained everywhere. */
export const VERDICTS = ['confirmed', 'contradicted', 'disputed', 'related', 'unique'];
/** What each mark means: the panel's key ("how to read the marks"). */
export const MEANING = {
  confirmed: 'another source says the same',
  contradicted: 'sources say something different',
  disputed: 'some sources confirm it, others contradict it',
  related: 'sources speak of it without confirming it',
  unique: 'no source reports it',
};
const SIDE_MIN = 260; // px of margin beside the article that the panel needs to dock there
const MAX_NAME = 80; // characters of an outlet name shown (the whole in its tooltip)
const MAX_TITLE = 160; // characters of a source's title shown until the reader asks for all

const CSS_TEXT = `
:host{all:initial!important;font:14px/1.45 system-ui,sans-serif!important;color:var(--fg)!important}
*{box-sizing:border-box}
:host,div,section{--fg:#1f2328;--muted:#59636e;--bg:#fff;--line:#d1d9e0;--soft:#f6f8fa;
 --confirmed:#1a7f37;--contradicted:#c0182b;--disputed:#9a5b00;--related:#0b61c9;--unique:#6e7781;
 --added:#dafbe1;--removed:#ffebe9;color:var(--fg);font:14px/1.45 system-ui,sans-serif}
@media (prefers-color-scheme:dark){:host,div,section{--fg:#e6edf3;--muted:#9198a1;--bg:#161b22;
 --line:#3d444d;--soft:#21262d;--confirmed:#3fb950;--contradicted:#ff7b72;--disputed:#e3b341;
 --related:#79c0ff;--unique:#9ea7b3;--added:#2ea04366;--removed:#f8514966}}
[hidden]{display:none!important}
button{font:inherit;color:inherit;cursor:pointer}
:focus-visible{outline:2px solid var(--related);outline-offset:2px}
[part~=popover]:focus-visible{outline:1px solid var(--line)}
[data-verdict=confirmed],[data-relation=confirms]{--tone:var(--confirmed)}
[data-verdict=contradicted],[data-relation=contradicts]{--tone:var(--contradicted)}
[data-verdict=disputed]{--tone:var(--disputed)}
[data-verdict=related],[data-relation=related]{--tone:var(--related)}
[data-verdict=unique]{--tone:var(--unique)}
.box{position:fixed;z-index:2147483647;background:var(--bg);border:1px solid var(--line);
 border-radius:10px;box-shadow:0 8px 28px #0003}
[part~=badge]{position:fixed;z-index:2147483646;right:16px;bottom:16px;display:flex;gap:10px;
 align-items:center;padding:6px 12px;border:1px solid var(--line);border-radius:999px;
 background:var(--bg);box-shadow:0 2px 10px #0002}
[part~=badge] b{font-weight:600;margin-right:2px}
.n{color:var(--tone);font-weight:600;white-space:nowrap}
[part~=panel]{right:16px;bottom:60px;width:min(30rem,calc(100vw - 32px));
 max-height:min(70vh,36rem);overflow:auto;padding:14px 16px}
:host(corroborate-slot){display:block!important;clear:both!important;margin:8px 0 16px!important}
.slot{display:flex;flex-direction:column;align-items:flex-end;gap:8px}
.slot [part~=badge]{position:static;max-width:100%;box-shadow:none}
.slot [part~=panel]{position:static;align-self:stretch;width:auto;max-height:none;box-shadow:none}
[part~=badge][data-state=coverage]{flex-wrap:wrap;gap:0 6px;border-radius:14px;text-align:left}
[part~=coverage]{color:var(--muted);font-weight:600}
[part~=story]{margin:-4px 0 8px;color:var(--muted);font-size:13px}
[part~=badge][data-state=error]{border-color:var(--contradicted);flex-wrap:wrap;gap:0 6px;
 border-radius:14px;text-align:left}
[part~=status]{color:var(--contradicted);font-weight:600}
[part~=legend]{list-style:none;margin:0 0 10px;padding:0;font-size:13px}
[part~=legend] li{margin:2px 0}
.look{text-decoration:underline 2px var(--tone);text-underline-offset:3px;text-decoration-skip-ink:none}
.look[data-verdict=contradicted]{text-decoration-style:wavy}
.look[data-verdict=disputed]{text-decoration-style:double}
.look[data-verdict=related]{text-decoration-style:dotted}
.look[data-verdict=unique]{text-decoration-style:dashed}
.meaning{color:var(--muted)}
h3{font-size:13px;margin:0 0 4px;color:var(--muted);font-weight:600}
h2{font-size:15px;margin:0 0 8px}
.counts{display:flex;flex-wrap:wrap;gap:4px 14px;margin:0 0 10px;padding:0;list-style:none}
table{border-collapse:collapse;width:100%;font-size:13px;table-layout:fixed}
thead th:not(:first-child){width:3.2em}
abbr{text-decoration:none}
.key{color:var(--muted);font-size:12px;margin:8px 0 0}
th,td{border-bottom:1px solid var(--line);padding:3px 4px;text-align:center}
thead th{font-weight:600;color:var(--muted);overflow:hidden;white-space:nowrap;font-size:12px}
thead th:first-child{text-align:left}
tbody th{text-align:left;font-weight:normal;overflow:hidden}
[part~=claim]{all:unset;cursor:pointer;display:block;width:100%;overflow:hidden;
 text-overflow:ellipsis;white-space:nowrap}
[part~=claim]:hover{text-decoration:underline}
[part~=claim]:focus-visible{outline:2px solid var(--related)}
td[data-relation]{color:var(--tone);font-weight:700;background:var(--soft)}
[part~=popover]{width:min(28rem,calc(100vw - 16px));overflow:auto;overscroll-behavior:contain;
 padding:12px 14px}
@media (prefers-reduced-motion:no-preference){.box:not([hidden]){animation:in .12s ease-out}}
@keyframes in{from{opacity:0;transform:translateY(4px)}}
header{display:flex;align-items:start;gap:8px}
.head{flex:1}
[part~=position]{margin:0;color:var(--muted);font-size:12px}
[part~=more-sources]{position:sticky;bottom:-12px;display:block;width:calc(100% + 28px);
 margin:8px -14px -12px;padding:6px 14px;border:0;border-top:1px solid var(--line);
 background:var(--bg);color:var(--related);text-align:left;font-size:13px;font-weight:600}
[part~=verdict]{margin:0;font-weight:650;color:var(--tone)}
[part~=close]{border:0;background:none;font-size:18px;line-height:1;padding:0 4px;color:var(--muted)}
[part~=conflict]{margin:6px 0 0;padding:6px 8px;border-left:3px solid var(--tone);
 background:var(--soft);border-radius:4px}
ol{list-style:none;margin:0;padding:0}
[part~=evidence]{border-top:1px solid var(--line);margin-top:10px;padding-top:8px}
.src{display:flex;gap:8px;align-items:baseline;justify-content:space-between}
[part~=outlet]{font-weight:600}
[part~=relation]{color:var(--tone);font-weight:600;white-space:nowrap;font-size:13px}
[part~=title]{color:var(--muted);font-size:12.5px;margin:1px 0 4px;overflow-wrap:anywhere}
[part~=more]{border:0;background:none;padding:0 2px;color:var(--related);font-size:12px;
 text-decoration:underline}
[part~=outlet]{overflow-wrap:anywhere}
bdi{unicode-bidi:isolate}
[part~=sentence]{margin:4px 0;padding-left:8px;border-left:2px solid var(--line);
 unicode-bidi:isolate;overflow-wrap:anywhere}
:host([data-view=popover]) [part~=badge],:host([data-view=popover]) [part~=panel]{display:none!important}
:host([data-view=popover]) [part~=popover]{inset:0;width:auto;max-height:none;border-radius:10px}
:host([data-view=badge]) [part~=badge]{right:4px;bottom:4px}
:host([data-view=badge]) [part~=panel]{right:4px;bottom:48px;width:calc(100vw - 8px);
 max-height:calc(100vh - 56px)}
mark{color:inherit;border-radius:3px;padding:0 2px}
mark[data-op=added]{background:var(--added)}
mark.key{font-weight:700;box-shadow:inset 0 -2px var(--tone,currentColor)}
mark[data-op=removed]{background:var(--removed);text-decoration:line-through}
mark[data-quiet]{background:none;text-decoration:none;padding:0}
mark[data-op=removed][data-quiet]{color:var(--muted)}
[part~=reasons]{margin:4px 0;padding-left:18px;font-size:13px}
[part~=reason][data-contradicts=true],[part~=reason][data-class=reversal],
[part~=reason][data-class=incompatible]{color:var(--contradicted)}
[part~=reason][data-class=unverifiable]{color:var(--muted);text-decoration:underline dashed;
 text-underline-offset:3px}
[part~=headline]{color:var(--muted);font-size:12.5px;font-weight:normal}
.kind{font-weight:600;text-transform:capitalize}
[part~=source-link]{color:var(--related);font-size:13px}
.more{color:var(--muted);font-size:13px;margin:8px 0 0}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
`;

/** Create an element: el('p', {part: 'x'}, 'text', child...). Strings become text nodes. */
export function el(tag, attrs = {}, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) if (v != null) e.setAttribute(k, v);
  return fill(e, ...kids);
}

/** Replace an element's children, leaving out null and false. */
const fill = (e, ...kids) => {
  e.replaceChildren(...kids.filter((k) => k != null && k !== false));
  return e;
};

// A column label for an outlet: its initials ("The Harbour Herald" → "HH").
const short = (name) => {
  const words = name.replace(/^the\s+/i, '').split(/[\s-]+/).filter((w) => /^\p{L}/u.test(w));
  return words.length > 1 ? words.slice(0, 3).map((w) => w[0].toUpperCase()).join('') : name.slice(0, 4);
};

const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The counts in words, all five always: "4 confirmed, 3 contradicted, 1 disputed, 0 related, 5 unique". */
export const countWords = (summary) => VERDICTS.map((v) => `${summary?.[v] ?? 0} ${v}`).join(', ');

/** The heading of a summary: "12 claims checked against 3 sources". */
export const summaryWords = (summary, sources) =>
  `${plural(summary?.claims ?? 0, 'claim')} checked against ${plural(sources ?? 0, 'source')}`;

/**
 * The words when the page's story has none of the sources, so that none was compared: "No
 * coverage of this story among your 3 sources" ("1 source"), from a summary's `story`,
 * `sources` (compared) and `available` (usable). Null when a story matched (or the engine says
 * nothing of stories: `story` undefined), when sources were compared all the same (allSources),
 * and when there are no sources at all (another state).
 */
export const coverageWords = ({ story, sources, available } = {}) =>
  (story === null && !sources && available > 0
    ? `No coverage of this story among your ${plural(available, 'source')}` : null);

/** "Claim 3 of 12" (or "Claim 3" when the count is not known). */
export const positionWords = (index, count) => `Claim ${index + 1}${count ? ` of ${count}` : ''}`;

/**
 * What is read out when a claim's evidence opens by keyboard: the popover's own lines (its
 * position, the verdict, the conflict) with the claim's text, which is the marked sentence on
 * the page: "Claim 3 of 12: The ferry … Contradicted by 3 sources. This page says …".
 */
export function announcement(claim, count, sourceCount) {
  const conflict = conflictWords(claim);
  const text = claim.text.trim();
  return `${positionWords(claim.index, count)}: ${text}${/[.!?…"”’]$/.test(text) ? '' : '.'} ` +
    `${verdictWords(claim, sourceCount)}.${conflict ? ` ${conflict}` : ''}`;
}

/** The verdict of a claim in plain words. */
export function verdictWords(claim, sourceCount) {
  const by = (rel) => claim.evidence.filter((e) => e.relation === rel).length;
  switch (claim.verdict) {
    case 'confirmed': return `Confirmed by ${plural(by('confirms'), 'source')}`;
    case 'contradicted': return `Contradicted by ${plural(by('contradicts'), 'source')}`;
    case 'disputed': { // "Disputed: 2 sources confirm it, 1 contradicts it"
      const yes = by('confirms');
      const no = by('contradicts');
      return `Disputed: ${plural(yes, 'source')} ${yes === 1 ? 'confirms' : 'confirm'} it, ` +
        `${no} ${no === 1 ? 'contradicts' : 'contradict'} it`;
    }
    case 'related': return `Related: ${by('related') === 1 ? '1 source speaks' : `${by('related')} sources speak`} of it without confirming it`;
    default: return sourceCount ? `Unique to this page: none of ${plural(sourceCount, 'source')} reports it`
      : 'Unique to this page: no source reports it';
  }
}

/** Words quoted inside a line of text, bidi-isolated in it (FSI … PDI), their controls balanced. */
export const isolated = (words) => `\u2068${balanceBidi(words)}\u2069`;

/** "this page says 3; 3 sources say 5": where sources agree against the page. */
export function conflictWords(claim) {
  const groups = new Map(); // page words → Map(source words → Set of sources)
  for (const e of claim.evidence) {
    for (const r of e.reasons) {
      if (!r.contradicts) continue;
      const bySource = groups.get(r.page) ?? groups.set(r.page, new Map()).get(r.page);
      (bySource.get(r.source) ?? bySource.set(r.source, new Set()).get(r.source)).add(e.source);
    }
  }
  const parts = [];
  for (const [page, bySource] of groups) {
    const others = [...bySource].map(([w, s]) => (w
      ? `${s.size === 1 ? '1 source says' : `${s.size} sources say`} “${isolated(w)}”`
      : `${s.size === 1 ? '1 source says' : `${s.size} sources say`} nothing of it`));
    parts.push(`this page says “${isolated(page)}”; ${others.join(', ')}`);
  }
  return parts.length ? parts.join('. ').replace(/^t/, 'T') + '.' : '';
}

/** Function words: a diff run made only of these is churn, not a difference that matters. */
export const FUNCTION_WORDS = new Set(['the', 'a', 'an', 'was', 'were', 'is', 'are', 'be', 'been',
  'when', 'as', 'of', 'to', 'in', 'on', 'at', 'by', 'for', 'with', 'and', 'that', 'which', 'it',
  'its', 'this', 'has', 'have', 'had']);

/** The lower-case words of a text ("Lyon's 5 jets," → ["lyon's", "5", "jets"]). */
export const wordsOf = (text) => text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu) ?? [];

/** A diff run made only of function words ("was", "of the"): shown quietly, not struck or marked. */
export function isQuiet(text) {
  const words = wordsOf(text);
  return words.length > 0 && words.every((w) => FUNCTION_WORDS.has(w));
}

// `inner` is a run of words of `outer`.
const within = (inner, outer) => inner.length > 0 && outer.some((_, i) =>
  inner.every((w, j) => outer[i + j] === w));

/**
 * The diff run `text` holds the words a reason names on one side, or (unless it is only
 * function words) is part of them: "inhibits" of a reason naming "inhibits tumour".
 */
export function names(text, named) {
  const run = wordsOf(text);
  const words = wordsOf(named ?? '');
  return within(words, run) || (!isQuiet(text) && within(run, words));
}

/**
 * A reason for a reader: `label` (its kind, "date: ", set apart) or null, and the rest of its
 * message. A substitution's message is whole ("this page says “induce”; the source says
 * “inhibit”: opposite meaning"); its `tone` comes from its class: `contradicts` (a reversal, an
 * incompatible word, or any contradicting reason), `noted` (a word the source does not back, or
 * another difference) or `backed` (the source backs it: "40" backs "up to 40").
 */
export function reasonParts(r) {
  const message = r.message || [r.page, r.source].filter(Boolean).join(' / ') || r.kind;
  const prefix = `${r.kind}: `;
  const label = r.kind !== 'substitution' && message.startsWith(prefix) ? prefix : null;
  const tone = r.contradicts || r.class === 'reversal' || r.class === 'incompatible' ? 'contradicts'
    : r.class === 'equivalent' ? 'backed' : 'noted';
  return { label, text: label ? message.slice(prefix.length) : message, tone };
}

/**
 * The source's sentence, its own words (added) marked, and the page's differing words (removed)
 * struck through where they stand: short replaced runs, and the words a reason names. Long runs
 * only the page has are left out, so a paraphrase stays readable. Runs made only of function
 * words ("was", "of the") are kept quiet (`data-quiet`): no strike-through, no background.
 */
export function sentence(ev) {
  const p = el('blockquote', { part: 'sentence' });
  const text = ev.text;
  const named = (side, words) => ev.reasons.some((r) => r[side] && names(words, r[side]));
  const mark = (op, words, side, title) => {
    const key = named(side, words);
    const quiet = !key && isQuiet(words);
    return el('mark', { 'data-op': op, title, class: key ? 'key' : null,
      'data-quiet': quiet ? '' : null }, words);
  };
  let pos = 0;
  const space = () => {
    const last = p.lastChild?.textContent ?? '';
    if (last && !/\s$/.test(last)) p.append(' ');
  };
  for (const d of ev.diff) {
    if (d.op === 'removed') { // the page's words, struck through where the source differs
      const words = d.text.trim();
      if (!words || (words.split(/\s+/).length > 3 && !named('page', words))) continue;
      space();
      p.append(mark('removed', words, 'page', 'only on this page'), ' ');
      continue;
    }
    const s = d.source_start_utf16;
    const e = d.source_end_utf16;
    if (s == null || e == null) { space(); p.append(d.text); continue; }
    if (s > pos) p.append(text.slice(pos, s));
    const words = text.slice(s, e);
    if (d.op !== 'added') p.append(words);
    else { // the source's own words; its surrounding spaces stay outside the mark
      const [, lead, core, tail] = /^(\s*)([\s\S]*?)(\s*)$/.exec(words);
      p.append(lead, mark('added', core, 'source', 'only in the source'), tail);
    }
    pos = Math.max(pos, e);
  }
  p.append(text.slice(pos)); // the rest (all of it when the diff has no source spans)
  p.normalize();
  return p;
}

/** A link to the source, scrolled to the sentence with a text fragment; http(s) URLs only. */
export function sourceHref(ev) {
  let url;
  try { url = new URL(ev.url, document.baseURI); } catch { return null; }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const words = ev.text.trim().split(/\s+/);
  const enc = (w) => encodeURIComponent(w.join(' ')).replace(/-/g, '%2D');
  const frag = words.length <= 8 ? enc(words) : `${enc(words.slice(0, 4))},${enc(words.slice(-4))}`;
  url.hash = '';
  return `${url.href}#:~:text=${frag}`;
}

// A reason's item: its kind ("date: ...") set apart as a label, its class and tone as data.
function reasonItem(r) {
  const { label, text, tone } = reasonParts(r);
  return el('li', { part: 'reason', 'data-kind': r.kind, 'data-contradicts': String(r.contradicts),
    'data-class': r.class ?? null, 'data-tone': tone },
  label ? el('span', { class: 'kind' }, label) : null, text);
}

/**
 * A source's title line: clamped to MAX_TITLE characters, with a button that shows the whole
 * title (and the clamped one again).
 */
export function titleLine(title) {
  const line = el('div', { part: 'title' });
  if (!clampText(title, MAX_TITLE).cut) return fill(line, bdi(title));
  const more = el('button', { part: 'more', type: 'button', 'aria-expanded': 'false' }, 'full title');
  let whole = false;
  const show = () => fill(line, whole ? bdi(title) : bdi(title, MAX_TITLE), ' ', more);
  more.addEventListener('click', () => {
    whole = !whole;
    more.setAttribute('aria-expanded', String(whole));
    fill(more, whole ? 'shorter' : 'full title');
    show();
  });
  return show();
}

export function evidenceItem(ev) {
  const name = ev.outlet || ev.title || ev.source;
  const href = ev.url ? sourceHref(ev) : null;
  return el('li', { part: 'evidence', 'data-relation': ev.relation, 'data-source': ev.source },
    el('div', { class: 'src' },
      el('span', { part: 'outlet' }, bdi(name, MAX_NAME),
        ev.from_title ? el('span', { part: 'headline', title: 'the source\'s headline' }, ' (headline)')
          : null),
      el('span', { part: 'relation', 'data-relation': ev.relation },
        `${GLYPH[ev.relation] ?? ''} ${WORDS[ev.relation] ?? ev.relation}`)),
    ev.title && ev.outlet && !ev.from_title ? titleLine(ev.title) : null,
    sentence(ev),
    ev.reasons.length ? el('ul', { part: 'reasons' }, ...ev.reasons.map(reasonItem)) : null,
    href ? el('a', { part: 'source-link', href, target: '_blank', rel: 'noopener noreferrer' },
      'Read it at ', bdi(name, MAX_NAME), ' ↗') : null);
}

/** The key of the marks, with the page's counts: one line per verdict, in the marks' looks. */
export function legend(summary) {
  return el('ul', { part: 'legend', 'aria-label': 'How to read the marks' },
    ...VERDICTS.map((v) => el('li', { 'data-verdict': v },
      el('span', { class: 'n' }, `${GLYPH[v]} ${summary?.[v] ?? 0}`), ' ',
      el('span', { class: 'look', 'data-verdict': v }, v), el('span', { class: 'meaning' }, `: ${MEANING[v]}`))));
}

/**
 * The UI host and its parts. `on` has goto(index) and close() callbacks, and optionally
 * panel(open) (the panel was opened or closed) and root() (the article's element, which the
 * badge and panel keep off). `view` is 'popover' or 'badge' in the extension's frames (see the
 * top), else the whole UI in the page.
 */
export function createUI(on, { view } = {}) {
  const host = document.createElement('corroborate-ui');
  if (view) host.dataset.view = view;
  const shadow = host.attachShadow({ mode: 'open' });
  let sheet = null;
  try {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS_TEXT);
  } catch { sheet = null; }
  const style = (root) => {
    if (sheet) root.adoptedStyleSheets = [sheet];
    else root.append(el('style', {}, CSS_TEXT));
  };
  style(shadow);
  const badge = el('button', { part: 'badge', type: 'button', 'aria-expanded': 'false',
    'aria-controls': 'corroborate-panel' }, el('b', {}, 'corroborate'), ' checking…');
  const panel = el('section', { part: 'panel', class: 'box', id: 'corroborate-panel', role: 'region',
    'aria-label': 'corroborate summary', hidden: '' });
  const popover = el('div', { part: 'popover', class: 'box', role: 'dialog', tabindex: '-1',
    hidden: '' });
  const live = el('div', { part: 'live', class: 'sr', 'aria-live': 'polite' });
  shadow.append(badge, panel, popover, live);
  document.documentElement.append(host);

  // On a narrow screen the badge and panel move into the page's flow, right after the root: into
  // the shadow root of one <corroborate-slot> element, made when first needed (see dock()).
  let slot = null;
  let slotBox = null;

  let state = { claims: [], summary: null, sources: 0, story: undefined, available: undefined };
  let problem = null; // {text, detail}: why the page could not be checked (shown on request)
  let said = null; // the state last read out by the live region (a failure, no coverage)
  let anchor = null; // function returning the claim's rect, for repositioning
  let shown = []; // the evidence items of the open popover

  badge.addEventListener('click', () => {
    const open = panel.hidden;
    panel.hidden = !open;
    badge.setAttribute('aria-expanded', String(open));
    if (open) { fillPanel(); dock(); }
    on.panel?.(open);
  });
  popover.addEventListener('click', (e) => {
    if (e.target.closest?.('[part~="close"]')) on.close();
    const more = e.target.closest?.('[part~="more-sources"]');
    if (more) showHidden();
  });
  popover.addEventListener('scroll', () => cue(), { passive: true });
  panel.addEventListener('click', (e) => {
    const b = e.target.closest?.('[part~="claim"]');
    if (b) on.goto(Number(b.dataset.index));
  });

  function fillPanel() {
    const { claims, summary } = state;
    if (problem) {
      fill(panel, el('h2', {}, 'corroborate could not check this page'),
        el('p', { part: 'status' }, problem.text),
        problem.detail ? el('p', { class: 'key' }, problem.detail) : null,
        el('p', { class: 'key' }, 'The site shows this because it set data-status="show"; the same message is in the browser console.'));
      return;
    }
    if (!summary) return;
    const none = coverageWords(state);
    if (none) {
      fill(panel, el('h2', {}, none),
        el('p', {}, 'Nothing on this page is marked: none of those sources is about the story it tells.'),
        el('p', { class: 'key' }, 'Once there are sources on its story, each of its claims is compared with them.'));
      return;
    }
    // Columns: the sources that speak of any claim (the MAX_COLS busiest), in order of appearance.
    const seen = new Map();
    for (const c of claims) for (const [id, name] of c.sources) {
      const col = seen.get(id) ?? seen.set(id, { name: name || id, n: 0 }).get(id);
      col.n++;
    }
    const busiest = new Set([...seen].sort((a, b) => b[1].n - a[1].n).slice(0, MAX_COLS).map(([id]) => id));
    const cols = new Map([...seen].filter(([id]) => busiest.has(id)).map(([id, c]) => [id, c.name]));
    const head = el('tr', {}, el('th', { scope: 'col' }, 'Claim'),
      ...[...cols].map(([id, name]) => el('th', { scope: 'col', title: name, 'data-source': id },
        el('abbr', { title: name }, bdi(short(name), 4)))));
    const rows = claims.map((c) => {
      const rel = new Map(c.sources.map(([id, , relation]) => [id, relation]));
      return el('tr', { 'data-verdict': c.verdict },
        el('th', { scope: 'row' }, el('button', { part: 'claim', type: 'button', 'data-index': c.index,
          'data-verdict': c.verdict, title: c.text },
        el('span', { class: 'n' }, GLYPH[c.verdict]), ` ${c.index + 1}. `, bdi(c.text))),
        ...[...cols.keys()].map((id) => {
          const r = rel.get(id);
          return r ? el('td', { 'data-relation': r, title: `${cols.get(id)} ${WORDS[r]}` }, GLYPH[r])
            : el('td', { title: `${cols.get(id)}: nothing on this` }, '');
        }));
    });
    fill(panel,
      el('h2', {}, summaryWords(summary, state.sources)),
      state.story?.label ? el('p', { part: 'story' }, 'Story: ', bdi(state.story.label, MAX_TITLE)) : null,
      el('h3', {}, 'How to read the marks'),
      legend(summary),
      claims.length ? el('table', { part: 'grid' }, el('caption', { class: 'sr' }, 'Claims by source'),
        el('thead', {}, head), el('tbody', {}, ...rows)) : null,
      cols.size ? el('p', { class: 'key' }, ...[...cols.values()].flatMap((n) =>
        [bdi(short(n), 4), ': ', bdi(n, MAX_NAME), ' · ']), '✓ confirms, ✗ contradicts, ≈ related')
        : null);
  }

  // Put the badge and the panel each in its box (the UI's shadow root, or the slot's), keeping
  // focus where it was; the badge names the panel it opens only when they are in one shadow root.
  function moveTo(badgeBox, panelBox) {
    if (badge.parentNode === badgeBox && panel.parentNode === panelBox) return;
    const active = badge.getRootNode().activeElement ?? panel.getRootNode().activeElement;
    const focused = active && (active === badge || panel.contains(active)) ? active : null;
    if (badgeBox === shadow) shadow.insertBefore(badge, popover);
    else badgeBox.prepend(badge);
    if (panelBox === shadow) shadow.insertBefore(panel, popover);
    else panelBox.append(panel);
    if (badgeBox === panelBox) badge.setAttribute('aria-controls', panel.id);
    else badge.removeAttribute('aria-controls');
    focused?.focus({ preventScroll: true });
  }
  // The slot right after the root, in the page's flow (after <body> when the root is <body>, at
  // the end of <body> when it is <html>). Placed again if the page moved or removed it.
  function slotAfter(root) {
    if (!slot) {
      slot = document.createElement('corroborate-slot');
      const s = slot.attachShadow({ mode: 'open' });
      style(s);
      slotBox = el('div', { class: 'slot' });
      s.append(slotBox);
    }
    const placed = root === document.documentElement
      ? slot.parentNode === document.body && !slot.nextSibling : root.nextSibling === slot;
    if (placed) return slotBox;
    // (a page that re-parsed its HTML, innerHTML = innerHTML, made empty copies of the slot)
    for (const copy of document.querySelectorAll('corroborate-slot')) if (copy !== slot) copy.remove();
    if (root === document.documentElement) document.body?.append(slot);
    else root.after(slot);
    return slotBox;
  }

  // Keep the badge and panel off the article: fixed in the margin beside it when that has room
  // (the badge at the window's bottom right, the panel beside the article), else both in the
  // page's flow right after the article (the slot), where they push what follows down and so
  // cover no text at all.
  function dock() {
    if (view) return; // the extension's frames are placed by its content script
    const root = on.root?.();
    const r = root?.isConnected ? root.getBoundingClientRect() : null;
    const set = (e, props) => { for (const [k, v] of Object.entries(props)) e.style[k] = v; };
    const clear = { top: '', left: '', right: '', bottom: '', width: '', maxHeight: '', maxWidth: '' };
    const right = r ? innerWidth - r.right : Infinity; // the margin beside the article
    set(badge, clear);
    const bw = badge.offsetWidth || 240;
    let beside = right >= bw + 32;
    if (!beside && right >= 200 && problem) {
      // A failure's words wrap in the margin rather than leave the window's sight.
      set(badge, { maxWidth: `${right - 32}px` });
      beside = true;
    }
    const panelBeside = right >= SIDE_MIN + 32;
    const below = beside && panelBeside ? null : slotAfter(root);
    moveTo(beside ? shadow : below, panelBeside ? shadow : below);
    if (!below) slot?.remove();
    badge.dataset.dock = beside ? 'side' : 'below';
    panel.dataset.dock = panelBeside ? 'side' : 'below';
    set(panel, clear);
    if (panel.hidden || !panelBeside) return;
    set(panel, { // fixed beside the article, above the badge left: `${r ? r.right + 16 : innerWidth - 16 - 480}px`,
      width: `${Math.min(480, right - 32)}px`, maxHeight: `${Math.max(160, innerHeight - 76)}px` });
  }

  // The evidence items not wholly in sight in the scrolled popover.
  function hidden() {
    if (popover.hidden || !shown.length) return [];
    const more = popover.querySelector('[part~="more-sources"]');
    const bottom = popover.getBoundingClientRect().bottom - (more && !more.hidden ? more.offsetHeight : 0) - 1;
    return shown.filter((li) => li.getBoundingClientRect().bottom > bottom);
  }
  // The cue that evidence is out of sight: "2 more sources below ↓", which scrolls to them.
  function cue() {
    const more = popover.querySelector('[part~="more-sources"]');
    if (!more) return;
    const n = hidden().length;
    more.hidden = n === 0;
    fill(more, `${plural(n, 'more source')} below ↓`);
  }
  function showHidden() {
    const next = hidden()[0];
    if (!next) return;
    const more = popover.querySelector('[part~="more-sources"]');
    let top = next.getBoundingClientRect().top - popover.getBoundingClientRect().top - 8;
    // Already at the top (a source longer than the popover): on by what the popover shows.
    if (top < 16) top = popover.clientHeight - (more?.offsetHeight ?? 0) - 24;
    popover.scrollTo({ top: popover.scrollTop + top,
      behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
    next.querySelector('a, button')?.focus({ preventScroll: true });
  }

  // Position the popover by its claim; false when the claim is out of view.
  function place() {
    dock();
    if (view === 'popover') { cue(); return true; } // the frame is placed, not the popover in it
    if (popover.hidden || !anchor) return true;
    const r = anchor();
    if (!r) return false;
    if (r.bottom < 0 || r.top > innerHeight) return false;
    // Below the claim, or above it when there is more room there; never over the claim itself.
    const room = { below: innerHeight - r.bottom - 16, above: r.top - 16 };
    const below = room.below >= Math.min(popover.scrollHeight, 240) || room.below >= room.above;
    popover.style.maxHeight = `${Math.max(120, Math.min(below ? room.below : room.above, 512))}px`;
    const w = popover.offsetWidth;
    const h = popover.offsetHeight;
    const top = below ? r.bottom + 8 : r.top - h - 8;
    popover.style.top = `${Math.max(8, Math.min(top, innerHeight - h - 8))}px`;
    popover.style.left = `${Math.max(8, Math.min(r.left, innerWidth - w - 8))}px`;
    cue();
    return true;
  }

  // The badge as the state is: a failure, no coverage of the story, or the counts. Its name is
  // its text, so what is heard is what is seen; a failure or no coverage is also read out by the
  // live region, once when it begins (not at every re-check while it holds).
  function render() {
    const { summary, sources } = state;
    const none = problem ? null : coverageWords(state);
    badge.removeAttribute('aria-label');
    if (problem) {
      badge.dataset.state = 'error';
      fill(badge, el('b', {}, 'corroborate'), ' ', el('span', { part: 'status' }, problem.text),
        el('span', { class: 'sr' }, ' (show the details)'));
    } else if (none) {
      badge.dataset.state = 'coverage';
      fill(badge, el('b', {}, 'corroborate'), ' ', el('span', { part: 'coverage' }, none),
        el('span', { class: 'sr' }, ' (show the summary)'));
    } else if (summary) {
      delete badge.dataset.state;
      // Each glyph has its word beside it, for screen readers ("4 confirmed, 3 contradicted, …").
      fill(badge, el('b', {}, 'corroborate'),
        ...VERDICTS.map((v, i) => el('span', { class: 'n', 'data-verdict': v, title: v },
          el('span', { 'aria-hidden': 'true' }, GLYPH[v]), ` ${summary[v] ?? 0}`,
          el('span', { class: 'sr' }, ` ${v}${i < VERDICTS.length - 1 ? ',' : ''}`))),
        el('span', { class: 'sr' }, ` (${summaryWords(summary, sources)}; show the summary and how to read the marks)`));
    }
    const say = problem ? `corroborate: ${problem.text}` : none ? `corroborate: ${none}` : null;
    if (say && say !== said) announce(say);
    said = say;
    if (!panel.hidden) fillPanel();
    dock();
  }
  function announce(text) { live.textContent = ''; setTimeout(() => { live.textContent = text; }, 30); }

  dock(); // "checking…" already keeps off the article

  return {
    host,
    /**
     * Show a page's result: its claims, `summary` (the counts), how many `sources` were compared,
     * and, from an engine that groups stories, `story` ({id, label}, or null: the page's story has
     * none of the sources) and `available` (the usable sources). `problem` ({text, detail}) keeps
     * a failure on the badge (see status()) while it holds.
     */
    update(claims, summary, sources, { story, available, problem: still = null } = {}) {
      state = { claims, summary, sources, story, available };
      problem = still;
      render();
    },
    /**
     * Show on the badge why the page could not be checked (`text`, short and plain; `detail`,
     * the console's message, in the panel), and say it to screen readers. Text only.
     */
    status(text, detail) {
      problem = { text, detail };
      render();
    },
    get problem() { return problem?.text ?? null; },
    /**
     * Open the popover for a claim; `rect()` gives the anchor; `focus` moves focus into it;
     * `count` is how many claims the page has (default: those of the last update). Returns what
     * to announce (see announcement()).
     */
    open(claim, rect, focus, count = state.claims.length) {
      const words = verdictWords(claim, state.sources);
      const conflict = conflictWords(claim);
      const position = positionWords(claim.index, count);
      popover.dataset.verdict = claim.verdict;
      popover.dataset.claim = String(claim.index);
      popover.setAttribute('aria-label', `${position}: ${words}`);
      const sorted = [...claim.evidence].sort((a, b) => RANK[a.relation] - RANK[b.relation]); // contradictions first
      const list = el('ol', { 'aria-label': 'What the sources say' }, ...sorted.slice(0, MAX_EVIDENCE).map(evidenceItem));
      // More than MAX_EVIDENCE: the rest one click away, never silently left out.
      const rest = sorted.length > MAX_EVIDENCE ? el('button', { part: 'all-sources', type: 'button',
        class: 'more' }, `Show all ${sorted.length} sources (${sorted.length - MAX_EVIDENCE} more)`) : null;
      rest?.addEventListener('click', () => {
        list.append(...sorted.slice(MAX_EVIDENCE).map(evidenceItem));
        shown = [...list.children];
        rest.remove();
        cue();
      });
      fill(popover,
        el('header', {}, el('div', { class: 'head' },
          el('p', { part: 'position' }, position),
          el('p', { part: 'verdict', 'data-verdict': claim.verdict }, `${GLYPH[claim.verdict]} ${words}`)),
        el('button', { part: 'close', type: 'button', 'aria-label': 'Close' }, '×')),
        conflict ? el('p', { part: 'conflict', 'data-verdict': claim.verdict }, conflict) : null,
        claim.evidence.length > 0 ? list : null,
        rest,
        el('button', { part: 'more-sources', type: 'button', hidden: '' }, ''));
      shown = [...list.children];
      popover.hidden = false;
      popover.scrollTop = 0;
      anchor = rect;
      place();
      cue();
      if (focus) popover.focus({ preventScroll: true });
      return announcement(claim, count, state.sources);
    },
    close() { popover.hidden = true; anchor = null; shown = []; },
    closePanel() {
      if (panel.hidden) return;
      const active = panel.getRootNode().activeElement;
      const inside = active && panel.contains(active);
      panel.hidden = true;
      badge.setAttribute('aria-expanded', 'false');
      if (inside) badge.focus();
      on.panel?.(false);
    },
    get openIndex() { return popover.hidden ? -1 : Number(popover.dataset.claim); },
    place,
    announce,
    contains: (node) => node === host || host.contains(node) || Boolean(slot && (node === slot || slot.contains(node))),
    popoverHasFocus: () => popover.contains(shadow.activeElement),
    destroy() { host.remove(); slot?.remove(); },
  };
}
