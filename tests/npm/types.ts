// Compiled by tsc (--noEmit) in the scratch app of tests/npm/run.sh: the package's types let a
// site use the shell and the engine as the README shows.
import { attach, loadCorpus, version, type EngineHost, type Handle, type PageClaim } from 'corroborate';
import { Engine, type Annotation, type Verdict } from 'corroborate/engine';

export async function run(root: Element): Promise<number> {
  const handle: Handle = await attach({ root, corpus: '/sources.json', exclude: 'me' });
  const first: PageClaim | undefined = handle.claims[0];
  const verdict: Verdict | undefined = first?.verdict;
  document.addEventListener('corroborate:ready', (e) => console.log(e.detail.summary.contradicted));
  // The page's story ({id, label}, or null: no coverage among `available` sources).
  const story: string = handle.story?.label ?? `no coverage among ${handle.available}`;
  const corpus = await loadCorpus('/sources.json');
  const result: Annotation = new Engine(corpus).annotate('text', undefined);
  handle.detach();
  // An engine host of one's own: here the engine on the page's thread, loaded by the package.
  const engines = new Map<string, Engine>();
  const host: EngineHost = {
    async call(r) {
      if (r.type === 'setCorpus') { engines.set(r.key, new Engine(r.corpus ?? { sources: [] })); return []; }
      if (r.type === 'annotate') return engines.get(r.key)?.annotate(r.text, r.exclude);
      return engines.delete(r.key);
    },
  };
  (await attach({ root, corpus, host })).detach();
  return result.claims.length + (verdict ? 1 : 0) + version.length + story.length + handle.summary.sources;
}
