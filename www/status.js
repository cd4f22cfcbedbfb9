// What a publisher is told when corroborate cannot check a page: the failure of attach() (or an
// annotation with nothing to compare with) read as one of a few kinds, each with a short plain
// sentence for the badge. The badge shows it only when the site asks for it (data-status="show",
// attach({status: 'show'})): a reader of a working site never sees these, and a site being set
// up sees why nothing is marked without opening the console. The full message stays in the
// console, as it always was.

/** The sentence per kind, for the badge (text only, never HTML). */
export const STATUS_WORDS = {
  'not-found': 'the corpus was not found',
  unreachable: 'the corpus could not be fetched',
  malformed: 'the corpus is not a valid corpus file',
  empty: 'the corpus has no sources to compare with',
  root: 'no element on the page matches the root',
  csp: 'WebAssembly is blocked by this page’s Content-Security-Policy',
  'no-wasm': 'this browser does not run WebAssembly',
  other: 'it could not check this page',
};

// Error messages of the shell, its worker and the engine (wasm.rs, src/text/source.rs), by kind.
// Tried in order: the first match wins.
const KINDS = [
  ['csp', /Content-Security-Policy/],
  ['no-wasm', /WebAssembly turned off|lacks it/],
  ['root', /no element matches the root/],
  ['not-found', /HTTP 404|HTTP 410/],
  ['unreachable', /could not load the corpus|Failed to fetch|NetworkError|Load failed|network/i],
  ['empty', /has no sources|no sources to compare/],
  ['malformed', /JSON|sources|corpus is \{sources|a source |duplicate|expected/i],
];

/** The kind of a failure: a key of STATUS_WORDS. */
export function statusKind(error) {
  const text = String(error?.message ?? error ?? '');
  return KINDS.find(([, re]) => re.test(text))?.[0] ?? 'other';
}

/**
 * The badge's words for a failure: {kind, text}; `text` names the root selector when there is
 * one ("no element on the page matches the root “#story”") and the HTTP status when there is one.
 */
export function statusOf(error, { root } = {}) {
  const kind = statusKind(error);
  let text = STATUS_WORDS[kind];
  const http = /HTTP (\d{3})/.exec(String(error?.message ?? ''));
  if (kind === 'root' && typeof root === 'string' && root) text += ` “${root}”`;
  if ((kind === 'not-found' || kind === 'unreachable') && http) text += ` (HTTP ${http[1]})`;
  return { kind, text };
}

/** Whether the option (`status` of attach, data-status of the tag) asks to show failures. */
export const showsStatus = (value) => value === 'show' || value === true;
