// The content script: injected into a tab by the popup or the context menu (activeTab), or
// registered for the sites the reader switched on. It runs in the browser's isolated world (the
// page's scripts cannot reach its variables, and the page's patches of DOM prototypes do not
// apply to it). It extracts the article's text and sends it to the background, which compares it
// with the saved sources (the sender's tab URL chooses them) and answers with each claim's range
// only: no verdict, no source text, title, outlet or URL ever comes here. It places the
// extension's frames (frames.js) and measures where the claims' lines are (marks.js): the marks
// frame draws the underlines, the others show the evidence, all fed by the background. Only
// trusted events (the reader's own) open, step or close anything.
// A classic script, assembled by extension/build.mjs from the shell's extract.js, follow.js and
// interact.js, marks.js, frames.js and this file; injected more than once into the same page,
// only the first run sets up.
//
// Why this is not the shell's attach(): attach() paints CSS highlights (the page can read their
// looks, and so the verdicts), shows its UI in the page's own DOM, dispatches corroborate:ready
// on the page's document and keeps the claims with their evidence, all of which the page could
// read. Here the text goes to the background, which runs the engine (the shell's engine client
// on the extension's own host, background.js), and only ranges come back; what the shell's
// modules do without seeing a verdict, the content script takes from them: the extraction, the
// following of a changing page and the reader's pointer and keys.

/* global extract, plainText, pageMeta, readableText, rangeFor, claimAt, claimBoxes, hostCss, createFrames, randomName,
   follow, interact, claimRect, reveal, stepIndex */

const api = globalThis.browser ?? globalThis.chrome;

if (!globalThis.__corroborateContent) {
  globalThis.__corroborateContent = true;

  // What the popup shows: state is idle | working | done | empty | error.
  let status = { state: 'idle' };
  let map = null; // the extraction the claims' offsets refer to
  let offsets = []; // per claim: [start, end]
  let ranges = [];
  let hits = [];
  let frames = null;
  let running = null;
  let again = false;
  let lastText = null;
  let active = -1;
  let pinned = false;
  let lastFocus = null;
  let overFrame = false; // the pointer is over the popover frame
  const closeUnlessOver = () => { if (!overFrame) close(); };
  // The pointer over the evidence keeps it open (the frame says so; the page's document does
  // not see the pointer inside it).
  function hoverFrame(over) {
    overFrame = over;
    keys.cancel();
    if (!over && !pinned && active >= 0) keys.closeSoon();
  }
  const nonce = randomName('n'); // ties the frames to this page in the background
  const hostTag = `${randomName('x')}-ui`;

  const root = () => document.querySelector('article') ?? document.querySelector('main') ?? document.body;

  function report(next) {
    status = next;
    api.runtime.sendMessage({ type: 'summary', status }).catch(() => {});
  }

  // The claims' line boxes go to the marks frame (through the background), whenever they move.
  let sent = '';
  let measureQueued = false;
  function measure() {
    if (!frames || measureQueued) return;
    measureQueued = true;
    requestAnimationFrame(() => {
      measureQueued = false;
      if (!frames) return;
      const boxes = claimBoxes(ranges, frames.origin());
      const width = Math.max(0, ...boxes.map(([, x, , w]) => x + w)) + 4;
      const height = Math.max(0, ...boxes.map(([, , y, , h]) => y + h)) + 4;
      const key = JSON.stringify(boxes);
      if (key === sent) return;
      sent = key;
      frames.setMarksSize(width, height);
      api.runtime.sendMessage({ type: 'geometry', boxes }).catch(() => {});
    });
  }
  const resized = new ResizeObserver(() => measure());
  let ticking = 0;

  function paint() {
    ranges = offsets.map(([s, e]) => rangeFor(map, s, e));
    hits = ranges.map((r, i) => [i, r]).filter(([, r]) => r);
    sent = '';
    measure();
  }

  function ensureFrames() {
    if (frames) return;
    // The host's pin: a user-origin rule the page's CSS cannot override (see marks.js).
    api.runtime.sendMessage({ type: 'css', css: hostCss(hostTag) }).catch(() => {});
    resized.observe(document.documentElement);
    resized.observe(root());
    // Layout also moves without a resize (web fonts, images above the article): look again now and then.
    ticking = setInterval(measure, 1000);
    frames = createFrames({
      tag: hostTag,
      url: (view) => api.runtime.getURL(`frame.html?view=${view}#${nonce}`),
      on: { pointerenter: () => hoverFrame(true), pointerleave: () => hoverFrame(false) },
    });
  }

  function teardown() {
    close();
    frames?.destroy();
    frames = null;
    resized.disconnect();
    clearInterval(ticking);
    sent = '';
    offsets = [];
    ranges = [];
    hits = [];
    api.runtime.sendMessage({ type: 'css', css: '' }).catch(() => {});
  }

  /** Annotate the page against the saved sources (again, if it already was). */
  function annotate() {
    if (running) { again = true; return running; }
    running = (async () => {
      do {
        again = false;
        if (status.state !== 'done') report({ state: 'working' });
        try {
          const t0 = performance.now();
          const got = extract(root());
          const t1 = performance.now();
          const r = await api.runtime.sendMessage({ type: 'check', text: got.text, nonce });
          const t2 = performance.now();
          if (!r || r.error) throw new Error(r?.error ?? 'the extension background did not answer');
          if (r.state === 'empty') { teardown(); report({ state: 'empty' }); continue; }
          const openClaim = active >= 0 ? offsets[active] : null;
          map = got;
          lastText = got.text;
          offsets = r.claims.map(([s, e]) => [s, e]);
          ensureFrames();
          close();
          paint();
          observe();
          report({ state: 'done', timings: {
            extract: Math.round((t1 - t0) * 10) / 10, annotate: Math.round((t2 - t1) * 10) / 10,
            paint: Math.round((performance.now() - t2) * 10) / 10 } });
          if (openClaim) { // keep the evidence open on its claim when it is still there
            const i = offsets.findIndex(([s, e]) => s === openClaim[0] && e === openClaim[1]);
            if (i >= 0) open(i, { pin: true });
          }
        } catch (e) {
          console.error('corroborate:', e);
          report({ state: 'error', error: `${e?.name ?? 'Error'}: ${e?.message ?? e}` });
        }
      } while (again);
    })().finally(() => { running = null; });
    return running;
  }

  // ---- Dynamic pages: annotate again when the article's text changes (the shell's follow.js,
  // over the whole document: the article is found again by its tag each time) ----
  let watch = null;
  function observe() {
    watch ??= follow(document.documentElement, {
      relevant(records) {
        const article = root();
        return records.some((r) => article.contains(r.target) || r.target.contains?.(article));
      },
      changed() {
        if (!frames) return;
        const got = extract(root());
        if (got.text === lastText) { // same text, new nodes: the same marks over new ranges
          map = got;
          paint();
        } else annotate();
      },
    });
  }

  // ---- The evidence: shown in the popover frame, by the reader's own actions only ----
  async function open(i, { pin = false, focus = false, x, y, announce = false } = {}) {
    if (!frames || !ranges[i]) return;
    pinned = pin;
    active = i;
    if (focus && !frames.hasFocus()) lastFocus = document.activeElement;
    frames.show(claimRect(ranges[i], x, y));
    if (focus) frames.focusPopover();
    const r = await api.runtime.sendMessage({ type: 'show', index: i, focus, announce }).catch(() => null);
    if (r?.missing) { // the background restarted and forgot this page: check it again
      await annotate();
      if (active === i) api.runtime.sendMessage({ type: 'show', index: i, focus, announce }).catch(() => {});
    }
  }

  function close() {
    if (!frames?.shown) return;
    frames.hide();
    overFrame = false;
    active = -1;
    pinned = false;
    api.runtime.sendMessage({ type: 'hide' }).catch(() => {});
    if (lastFocus?.isConnected) lastFocus.focus({ preventScroll: true });
    lastFocus = null;
  }

  function go(i) {
    const n = offsets.length;
    if (!n || !frames) return;
    i = ((i % n) + n) % n;
    reveal(ranges[i]);
    open(i, { pin: true, focus: true, announce: true });
  }
  const step = (dir) => go(stepIndex(active, offsets.length, dir));

  // Listeners of the page's events (the shell's interact.js): the reader's own (isTrusted) only.
  // A page's script can dispatch synthetic events, but never trusted ones. Capturing, so that
  // the page cannot stop them before they come here.
  const keys = interact({
    live: () => Boolean(frames),
    // The page's document gets the pointer's moves only when it is not over one of our frames.
    moved: (e) => { if (overFrame && !frames.contains(e.target)) hoverFrame(false); },
    hold: () => overFrame, // this move came before the pointer entered the evidence
    claimAt: (x, y) => claimAt(hits, root(), x, y),
    openIndex: () => active,
    pinned: () => pinned,
    open,
    close,
    leave: closeUnlessOver,
    step,
    escape: () => { if (active >= 0) close(); },
    inside: (t) => frames.contains(t),
    place: () => frames.place(),
    scrolled: (e) => { // an inner scroller (or a resize) moved the text
      if (e.type === 'resize' || (e.target !== document && e.target !== window)) measure();
    },
  }, { trusted: true, capture: true });

  function detach() {
    teardown();
    watch?.stop();
    watch = null;
    report({ state: 'idle' });
  }

  // New or removed sources: annotate again (only a page that is annotated).
  let changed = 0;
  api.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local' || !frames || !Object.keys(changes).some((k) => k.startsWith('source:'))) return;
    clearTimeout(changed);
    changed = setTimeout(annotate, 300);
  });

  // ---- Reading the page for "Add this page as a source" (the URL comes from the browser) ----

  // The title, outlet, url and date by the rules of docs/extraction.md (www/extract.js's
  // pageMeta, which the command line's HTML reader shares); the text as a saved source keeps it.
  function readPage() {
    const meta = pageMeta(document);
    // The article as Readability finds it in a clone of the document (without the extension's
    // own host), by the same rules as an article gathered from a feed (lib/article.js), so that
    // both give the same source; when it finds none, the shell's extraction of the article.
    const clone = document.cloneNode(true);
    clone.querySelector(hostTag)?.remove();
    const text = readableText(clone) ?? plainText(extract(root()).text);
    // No outlet named: the site's host stands for it.
    const outlet = meta.outlet ?? location.hostname.replace(/^www\./, '');
    // The address the document was loaded from (the browser's navigation entry, which the page
    // cannot rewrite), so that a page that moved itself with history.pushState can be told apart.
    const loaded = performance.getEntriesByType('navigation')[0]?.name ?? null;
    return { title: meta.title, outlet, published: meta.published, text, loaded };
  }

  // ---- Messages from the extension (the popup, the background relaying the frames) ----
  // Only the extension can send these (runtime messaging; no page can).

  const ui = (msg) => {
    switch (msg.action) {
      case 'go': go(Number(msg.index)); break;
      case 'step': step(msg.dir < 0 ? -1 : 1); break;
      case 'close': close(); break;
      case 'panel': frames?.setPanel(Boolean(msg.open)); break;
      case 'hover': hoverFrame(Boolean(msg.over)); break;
      case 'frame-gone': frames?.reload(msg.view === 'badge' ? 'badge' : 'popover'); break;
      case 'annotate': annotate(); break;
      default: break;
    }
  };

  api.runtime.onMessage.addListener((msg, sender, reply) => {
    // From the extension's own pages and background only (a page cannot send these at all).
    if (sender.id !== api.runtime.id || (sender.url && !sender.url.startsWith(api.runtime.getURL('')))) return false;
    const answer = (p) => { Promise.resolve(p).then(reply, (e) => reply({ error: String(e?.message ?? e) })); return true; };
    switch (msg?.type) {
      case 'extract': return answer(readPage());
      case 'annotate': return answer(annotate().then(() => status));
      case 'status': return answer(status);
      case 'detach': detach(); return answer(status);
      case 'ui': ui(msg); return false;
      default: return false;
    }
  });

  // Registered on an enabled site, or injected: ask the background whether to annotate now.
  api.runtime.sendMessage({ type: 'hello' })
    .then((r) => { if (r?.annotate) annotate(); })
    .catch(() => {});
}
