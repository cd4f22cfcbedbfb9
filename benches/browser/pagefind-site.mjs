// The browser benchmark's Pagefind side: writes a corpus as a static site (one HTML page per
// source: its title and its text, escaped, nothing else) for the Pagefind CLI to index, and the
// queries the benchmark runs against that index, made of a page's claim terms by one fixed rule
// (see QUERY_RULE). Used by scripts/bench-browser; not a test.
//
// Usage: node benches/browser/pagefind-site.mjs CORPUS.json PAGE.txt OUT
//   writes OUT/html/NNNNNN.html (one per source, in corpus order) and OUT/query.json.

import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const QUERY_WORDS = 10;
export const QUERY_RULE = `the page's words (lower-cased runs of letters, at least 3 long) that at least one source `
  + `holds, ranked by their count on the page times ln(sources / sources holding the word), ties in `
  + `alphabetical order; the short query walks that ranking and keeps a word when some source holds it `
  + `and every word kept before it, up to ${QUERY_WORDS} words (so that it has results: Pagefind `
  + `returns the pages holding all the words); the page query is the whole ranking`;

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The words of a text, by the rule above. */
export const words = (text) => String(text).toLowerCase().match(/\p{L}{3,}/gu) ?? [];

/** The queries of a page against a corpus ({sources: [{text}]}), by QUERY_RULE. */
export function queries(corpus, page) {
  const onPage = new Map();
  for (const w of words(page)) onPage.set(w, (onPage.get(w) ?? 0) + 1);
  const holders = new Map([...onPage.keys()].map((w) => [w, []])); // word → the sources holding it
  corpus.sources.forEach((s, i) => {
    for (const w of new Set(words(`${s.title ?? ''} ${s.text}`))) holders.get(w)?.push(i);
  });
  const n = corpus.sources.length;
  const ranked = [...onPage].filter(([w]) => holders.get(w).length > 0)
    .map(([w, tf]) => [w, tf * Math.log(n / holders.get(w).length)])
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([w]) => w);
  const short = [];
  let common = null; // the sources holding every word of `short`
  for (const w of ranked) {
    if (short.length === QUERY_WORDS) break;
    const both = common ? holders.get(w).filter((i) => common.has(i)) : holders.get(w);
    if (both.length) { short.push(w); common = new Set(both); }
  }
  return { rule: QUERY_RULE, short, page: ranked, sources: common?.size ?? 0 };
}

function main([corpusFile, pageFile, out]) {
  if (!out) {
    console.error('usage: node benches/browser/pagefind-site.mjs CORPUS.json PAGE.txt OUT');
    process.exit(2);
  }
  const corpus = JSON.parse(readFileSync(corpusFile, 'utf8'));
  if (!Array.isArray(corpus.sources)) throw new Error(`${corpusFile}: no "sources" list`);
  const page = readFileSync(pageFile, 'utf8');
  const html = join(out, 'html');
  rmSync(html, { recursive: true, force: true });
  mkdirSync(html, { recursive: true });
  corpus.sources.forEach((s, i) => {
    const title = s.title ?? s.id;
    const paras = String(s.text).split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean)
      .map((p) => `<p>${esc(p)}</p>`).join('\n');
    writeFileSync(join(html, `${String(i).padStart(6, '0')}.html`),
      `<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>${esc(title)}</title></head>\n`
      + `<body><main><h1>${esc(title)}</h1>\n${paras}\n</main></body>\n</html>\n`);
  });
  writeFileSync(join(out, 'query.json'), JSON.stringify(queries(corpus, page), null, 1) + '\n');
  console.error(`pagefind-site: ${corpus.sources.length} pages -> ${html}`);
}

if (import.meta.url === `file://${process.argv[1]}`) main(process.argv.slice(2));
