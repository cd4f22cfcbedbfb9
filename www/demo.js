// The demo page: pick an outlet of the demo story to read; the others are its sources.
// The choice lives in the URL hash (index.html#<source id>).

import { attach, loadCorpus } from './corroborate.js';
import { countWords, coverageWords, summaryWords } from './ui.js';

const CORPUS = 'demo/corpus.json'; // written by scripts/site
const $ = (id) => document.getElementById(id);
let handle = null;

function show(source) {
  $('byline').textContent = [source.outlet, source.published].filter(Boolean).join(' · ');
  $('title').textContent = source.title || source.id;
  // The text's paragraphs and lines, each as a paragraph (textContent only).
  const paras = source.text.split(/\n+/).map((t) => t.trim()).filter(Boolean);
  if (paras[0] === source.title) paras.shift(); // the headline is shown above
  $('body').replaceChildren(...paras.map((t) => {
    const p = document.createElement('p');
    p.textContent = t;
    return p;
  }));
  document.title = `${source.outlet || source.id}: corroborate demo`;
}

async function read(corpus) {
  const id = decodeURIComponent(location.hash.slice(1));
  const source = corpus.sources.find((s) => s.id === id) ??
    corpus.sources.find((s) => s.id === 'coastline-news') ?? corpus.sources[0];
  $('outlet').value = source.id;
  handle?.detach();
  handle = null;
  show(source);
  $('status').textContent = 'Checking…';
  // status: 'show': a failure (no corpus, a bad one) is said on the badge too, as a site may ask.
  handle = await attach({ root: '#story', corpus: CORPUS, exclude: source.id, status: 'show' });
}

document.addEventListener('corroborate:ready', ({ detail: { summary, sources, timings } }) => {
  const ms = Math.round(timings.extract + timings.annotate + timings.paint);
  // The same words as the badge and panel (ui.js): no coverage of the story, or the counts in
  // the same order ("12 claims checked against 3 sources in 40 ms: 4 confirmed, …").
  $('status').textContent = `${coverageWords(summary) ??
    `${summaryWords(summary, sources)} in ${ms} ms: ${countWords(summary)}`}.`;
});

try {
  const corpus = await loadCorpus(CORPUS);
  for (const s of corpus.sources) $('outlet').append(new Option(s.outlet || s.id, s.id));
  $('outlet').addEventListener('change', (e) => { location.hash = e.target.value; });
  addEventListener('hashchange', () => read(corpus).catch(fail));
  await read(corpus);
} catch (e) {
  fail(e);
  // The badge says it too (the demo asks for failures to be shown, as a site may).
  attach({ root: '#story', corpus: CORPUS, status: 'show' }).catch(() => {});
}

function fail(e) {
  console.error(e);
  $('status').textContent = `The demo could not start: ${e.message}. Build it with scripts/site.`;
  $('status').className = 'status error';
}
