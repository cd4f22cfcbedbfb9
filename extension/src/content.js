// The content script: injected into a tab by the popup or the context menu (activeTab), or
// registered for the sites the reader switched on. It loads the shell from the extension's own
// files (the WebAssembly engine itself runs in the background: see extension/shell/worker.js),
// annotates the article against the saved sources, reports the counts to the background (for
// the badge) and answers the popup. It also reads the page for "Add this page as a source".
// Nothing leaves the browser. A classic script: it may be injected more than once into the same
// page, and only the first run sets up.

(() => {
  const api = globalThis.browser ?? globalThis.chrome;
  if (globalThis.__corroborateContent) return;
  globalThis.__corroborateContent = true;

  const url = (path) => api.runtime.getURL(path);
  let shell; // the shell module, once imported
  const loadShell = () => (shell ??= import(url('shell/corroborate.js')));

  // What the popup shows: state is idle | working | done | empty | own | error.
  let status = { state: 'idle' };
  let handle = null;
  let running = null; // the annotation in progress
  let again = false; // the sources changed during a run: run once more

  const root = () => document.querySelector('article') ?? document.querySelector('main') ?? document.body;

  function report(next) {
    status = next;
    api.runtime.sendMessage({ type: 'summary', status }).catch(() => {});
  }

  // The evidence's source ids, so the popup (and the tests) can see what the page was compared with.
  // (claims carry their relations per source as [id, outlet, relation]; see shell/worker.js)
  const evidenceIds = (claims) =>
    [...new Set(claims.flatMap((c) => (c.sources ?? []).map(([id]) => id)))].filter(Boolean).sort();

  function statusOf(h, corpus) {
    return {
      state: 'done',
      summary: h.summary,
      sources: h.sources ?? 0,
      story: corpus.story ?? null,
      exclude: corpus.exclude ?? null,
      evidence: evidenceIds(h.claims),
      timings: h.timings, // {extract, annotate, paint} ms of the last run (annotate: the round trip)
    };
  }

  /** Annotate the page against the saved sources (again, if it already was). */
  function annotate() {
    if (running) { again = true; return running; }
    running = (async () => {
      do {
        again = false;
        if (status.state !== 'done') report({ state: 'working' });
        const corpus = await api.runtime.sendMessage({ type: 'corpus', url: location.href });
        if (!corpus.sources.some((s) => s.id !== corpus.exclude)) {
          handle?.detach();
          handle = null;
          report({ state: 'empty', exclude: corpus.exclude ?? null });
          continue;
        }
        // A page that runs corroborate itself (a publisher's embed) keeps its own.
        if (!handle && document.querySelector('corroborate-ui')) {
          report({ state: 'own' });
          break;
        }
        try {
          const { attach } = await loadShell();
          // worker: false, because a module Worker cannot be started from an extension URL in
          // the page's origin; the extension's shell/worker.js then sends the engine's work to
          // the background (the page's CSP cannot block the WebAssembly there).
          handle = await attach({ corpus: { sources: corpus.sources }, exclude: corpus.exclude,
            worker: false });
          report(statusOf(handle, corpus));
          lastCorpus = corpus;
        } catch (e) {
          handle = null;
          console.error('corroborate:', e);
          report({ state: 'error', error: `${e?.name ?? 'Error'}: ${e?.message ?? e}` });
        }
      } while (again);
    })().finally(() => { running = null; });
    return running;
  }
  let lastCorpus = null;

  function detach() {
    handle?.detach();
    handle = null;
    report({ state: 'idle' });
  }

  // The shell re-annotates by itself when the article's text changes: keep the badge in step.
  document.addEventListener('corroborate:ready', () => {
    if (handle && lastCorpus && !running) report(statusOf(handle, lastCorpus));
  });

  // New or removed sources: annotate again (only a page that is annotated).
  let changed = 0;
  api.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local' || !handle || !Object.keys(changes).some((k) => k.startsWith('source:'))) return;
    clearTimeout(changed);
    changed = setTimeout(annotate, 300);
  });

  // ---- Reading the page for "Add this page as a source" ----

  const meta = (sel) => document.querySelector(sel)?.getAttribute('content')?.trim() || null;

  /** Every JSON-LD object of the page, flattened (arrays and @graph lists). */
  function jsonLd() {
    const out = [];
    const walk = (v) => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') { out.push(v); if (v['@graph']) walk(v['@graph']); }
    };
    for (const s of document.querySelectorAll('script[type="application/ld+json"]')) {
      try { walk(JSON.parse(s.textContent)); } catch { /* not JSON: ignore */ }
    }
    return out;
  }

  /** The publication date the page states, or null: article:published_time, JSON-LD, <time>. */
  function published(ld, el) {
    const str = (v) => (typeof v === 'string' && v.trim() ? v.trim() : null);
    return meta('meta[property="article:published_time"], meta[name="article:published_time"]') ??
      ld.map((o) => str(o.datePublished)).find(Boolean) ??
      (document.querySelector('[itemprop="datePublished"]')?.getAttribute('datetime') ||
        meta('[itemprop="datePublished"]')) ??
      meta('meta[name="date"], meta[name="pubdate"], meta[name="publish-date"], meta[name="dc.date"], meta[name="DC.date.issued"]') ??
      (el.querySelector('time[datetime]') ?? document.querySelector('time[pubdate][datetime]'))
        ?.getAttribute('datetime')?.trim() ?? null;
  }

  async function readPage() {
    const { extract } = await import(url('shell/extract.js'));
    const el = root();
    const ld = jsonLd();
    const text = extract(el).text.replace(/[ \u00a0]+/g, ' ').replace(/ ?\n ?/g, '\n').trim();
    const title = meta('meta[property="og:title"]') ?? el.querySelector('h1')?.textContent.trim() ??
      document.querySelector('h1')?.textContent.trim() ?? (document.title.trim() || null);
    const publisher = ld.map((o) => o.publisher?.name).find((n) => typeof n === 'string' && n.trim());
    const outlet = meta('meta[property="og:site_name"]') ?? meta('meta[name="application-name"]') ??
      publisher?.trim() ?? location.hostname.replace(/^www\./, '');
    return { url: location.href, title, outlet, published: published(ld, el), text };
  }

  // ---- Messages from the popup and the background ----

  api.runtime.onMessage.addListener((msg, _sender, reply) => {
    const answer = (p) => { Promise.resolve(p).then(reply, (e) => reply({ error: String(e?.message ?? e) })); return true; };
    switch (msg?.type) {
      case 'extract': return answer(readPage());
      case 'annotate': return answer(annotate().then(() => status));
      case 'status': return answer(status);
      case 'detach': detach(); return answer(status);
      default: return false;
    }
  });

  // Registered on an enabled site, or injected: ask the background whether to annotate now.
  api.runtime.sendMessage({ type: 'hello', url: location.href })
    .then((r) => { if (r?.annotate) annotate(); })
    .catch(() => {});
})();
