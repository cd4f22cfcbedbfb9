// Types of the page shell (corroborate.js). The engine's own types (Claim, Evidence, Summary, ...)
// come from the WebAssembly module: import them from 'corroborate/engine'.

import type { Claim, CorpusInput, Relation, StoryRef, Summary } from './pkg/corroborate.js';

export type { Claim, CorpusInput, Evidence, Reason, DiffSpan, Relation, Summary, Verdict,
  SourceInput, Annotation, StoryRef } from './pkg/corroborate.js';

/** A claim as the shell holds it: the engine's claim plus its position on the page. */
export interface PageClaim extends Claim {
  index: number;
  /** Each source that speaks of the claim: its id, outlet (else title, else id) and relation. */
  sources: [id: string, outlet: string, relation: Relation][];
}

export interface AttachOptions {
  /** The element whose text is checked, or a CSS selector (default: article, else main, else body). */
  root?: Element | string;
  /** The corpus: the URL of a corpus JSON file, or the object itself (or give `index`). */
  corpus?: string | CorpusInput;
  /**
   * Instead of `corpus`: the URL of an index's `manifest.json` (`corroborate index`). Only the
   * shards each page needs are fetched. A page is compared with its story's sources
   * (`allSources` is an error with an index).
   */
  index?: string;
  /** The id of a source never compared with: the page itself, when it is in the corpus. */
  exclude?: string;
  /** Re-annotate when the article's text changes (default true). */
  observe?: boolean;
  /** Run the engine in a Web Worker (default true; falls back to the page's thread). */
  worker?: boolean;
  /** Show the badge, panel and popover (default true). */
  ui?: boolean;
  /** 'show': when the page cannot be checked, the badge says why (default: the console only). */
  status?: 'show';
  /** An engine host of your own (default: the shell's worker host; `worker` is then not used). */
  host?: EngineHost;
  /** Compare the page with every source, not only those of its own story (default false). */
  allSources?: boolean;
}

/**
 * The shell's summary: the engine's (counts per verdict, how many sources were compared,
 * `sources`, and are usable, `available`) and the story the page matched (`null`: none of the
 * sources is on its story, and nothing is marked; absent when the page has no text).
 */
export type PageSummary = Summary & { story?: StoryRef | null };

/** A request of the engine host protocol (wire.js). */
export type EngineRequest =
  | { type: 'setCorpus'; key: string; url?: string; corpus?: CorpusInput; index?: string }
  | { type: 'annotate'; key: string; text: string; exclude?: string; allSources?: boolean }
  | { type: 'drop'; key: string };

/** Runs the engine: answers each request (setCorpus → the source ids, annotate → the result, drop → true). */
export interface EngineHost {
  call(request: EngineRequest): Promise<unknown>;
}

export interface Timings {
  extract: number;
  annotate: number;
  paint: number;
}

export interface Handle {
  /** The element being annotated (a replaced article found again by its selector). */
  readonly root: Element;
  readonly claims: PageClaim[];
  readonly summary: PageSummary;
  readonly timings: Timings;
  /** How many sources the page was compared with: those of its story (after `exclude`). */
  readonly sources: number;
  /** How many usable sources the corpus has (after `exclude`). */
  readonly available: number;
  /** The story the page matched; `null` when none of the sources is on its story. */
  readonly story?: StoryRef | null;
  /** Annotate the current text again. */
  refresh(): Promise<Handle>;
  /** Remove the marks, the UI and the listeners. */
  detach(): void;
  /** Open the next / previous claim's popover (scrolling it into view). */
  next(): PageClaim | null;
  prev(): PageClaim | null;
}

/** The detail of the `corroborate:ready` event dispatched on `document` after each annotation. */
export interface ReadyDetail {
  claims: PageClaim[];
  summary: PageSummary;
  story?: StoryRef | null;
  sources: number;
  available: number;
  root: Element;
  timings: Timings;
}

/**
 * Annotate the text under a root against a corpus, paint it and show the evidence. Rejects with
 * an Error when the page's Content-Security-Policy forbids WebAssembly (the message names the
 * directive to add: 'wasm-unsafe-eval' in script-src) or the corpus cannot be loaded.
 */
export function attach(options: AttachOptions): Promise<Handle>;

/** Initialise the WebAssembly engine on this thread, once. */
export function load(): Promise<typeof import('./pkg/corroborate.js')>;

/** Fetch a corpus JSON (cached per URL), or check and return a corpus object. */
export function loadCorpus(corpus: string | CorpusInput): Promise<CorpusInput>;

/** The package version. */
export const version: string;

declare global {
  interface DocumentEventMap {
    'corroborate:ready': CustomEvent<ReadyDetail>;
  }
  /** The one global name corroborate sets: the first loaded copy's API. */
  var corroborate: Readonly<{ version: string; attach: typeof attach; load: typeof load;
    loadCorpus: typeof loadCorpus }> | undefined;
}
