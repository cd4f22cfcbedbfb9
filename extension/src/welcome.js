// The welcome page, opened once on install (background.js, runtime.onInstalled): the three steps,
// the marker looks (the marks frame's own: lib/draw.js's LOOKS, the shell's glyphs and words),
// and the demo story offered as sample sources (demo/corpus.json, packaged by build.mjs; stored
// marked `sample`, removed in one click). Built with DOM calls; no markup from data.

import { api, loadSamples, removeSamples, sourceIndex, touchesSources } from './lib/store.js';
import { LOOKS } from './lib/draw.js';
import { GLYPH, MEANING, VERDICTS } from './shell/ui.js';

const $ = (id) => document.getElementById(id);
const dark = matchMedia('(prefers-color-scheme: dark)');
// One example sentence per look, in the demo story's words.
const EXAMPLE = {
  confirmed: 'The ferry struck the main pier.',
  contradicted: '3 passengers were injured.',
  disputed: 'It happened on Monday evening.',
  related: 'There were 212 passengers on board.',
  unique: 'A crew member waved from the deck.',
};

function say(text, bad = false) {
  $('message').textContent = text;
  $('message').classList.toggle('bad', bad);
}

function looks() {
  $('looks').replaceChildren(...VERDICTS.map((v) => {
    const [style, light, night, bg, bgDark] = LOOKS[v];
    const look = Object.assign(document.createElement('span'), { className: 'look', textContent: EXAMPLE[v] });
    look.style.textDecorationStyle = style;
    look.style.textDecorationColor = dark.matches ? night : light;
    if (bg) look.style.background = dark.matches ? bgDark : bg;
    const li = document.createElement('li');
    li.dataset.verdict = v;
    li.append(Object.assign(document.createElement('span'), { className: 'glyph', textContent: GLYPH[v] }),
      Object.assign(document.createElement('span'), { textContent: v[0].toUpperCase() + v.slice(1) }),
      Object.assign(document.createElement('span'), {}));
    li.lastChild.append(look, ` ${MEANING[v]}.`);
    return li;
  }));
}

async function refresh() {
  const { sources } = await sourceIndex();
  const samples = sources.filter((s) => s.sample);
  $('remove-sample').hidden = !samples.length;
  $('load-sample').textContent = samples.length ? 'Load the demo story again' : 'Load the demo story as sample sources';
  $('sample-list').replaceChildren(...samples.map((s) => Object.assign(document.createElement('li'),
    { textContent: `${s.outlet ?? s.id}: ${s.title ?? ''}` })));
}

$('load-sample').addEventListener('click', async () => {
  $('load-sample').disabled = true;
  try {
    const res = await fetch(api.runtime.getURL('demo/corpus.json'));
    if (!res.ok) throw new Error(`the demo corpus is missing from this build (HTTP ${res.status})`);
    const n = await loadSamples(await res.text());
    say(n ? `Loaded ${n} sample source${n === 1 ? '' : 's'}: the demo story, one story of ${n} outlets. ` +
      'Open the Sources page to see it, or read any article: it is checked against them.'
      : 'The demo story’s sources are already among your own sources.');
  } catch (e) {
    say(`Could not load the demo story: ${e.message}`, true);
  } finally {
    $('load-sample').disabled = false;
    await refresh();
  }
});

$('remove-sample').addEventListener('click', async () => {
  try {
    const n = await removeSamples();
    say(`Removed ${n} sample source${n === 1 ? '' : 's'}; your own sources are kept.`);
    $('load-sample').focus();
  } catch (e) {
    say(`Could not remove the sample sources: ${e.message}`, true);
  }
  await refresh();
});

$('sources-link').addEventListener('click', (e) => {
  e.preventDefault();
  api.runtime.openOptionsPage();
});

dark.addEventListener('change', looks);
api.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && touchesSources(changes)) refresh().catch(() => {});
});
looks();
refresh().catch((e) => say(e.message, true));
