// The network side of feeds: which URLs may be fetched (public http(s) addresses only) and the
// fetch itself (a timeout, a size cap, one clear Error per failure). Used by the background
// (feeds.js); nothing here ever sends the text of a page being read: only feed and article URLs
// are requested, as links in a feed or a list the reader typed name them.

import { TEST_HOSTS } from './flags.js';

/** The most a feed or an article may weigh (bytes of text). */
export const MAX_BYTES = 5_000_000;
/** How long one request may take (ms). */
export const TIMEOUT_MS = 20_000;

const V4_PRIVATE = [ // [first address, prefix length]
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16],
  ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 3],
];
const v4 = (s) => s.split('.').reduce((n, p) => n * 256 + Number(p), 0);

/** Whether a host name (as new URL() gives it) is a loopback, private, link-local or local name. */
export function privateHost(host) {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (/^\d+\.\d+\.\d+\.\d+$/.test(h)) {
    const n = v4(h);
    return V4_PRIVATE.some(([net, bits]) => Math.floor(n / 2 ** (32 - bits)) === Math.floor(v4(net) / 2 ** (32 - bits)));
  }
  if (h.startsWith('[')) {
    const a = h.slice(1, -1);
    if (a === '::' || a === '::1') return true;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a) ?? /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(a);
    if (mapped) {
      const ip = mapped.length === 2 ? mapped[1]
        : [parseInt(mapped[1], 16) >> 8, parseInt(mapped[1], 16) & 255, parseInt(mapped[2], 16) >> 8, parseInt(mapped[2], 16) & 255].join('.');
      return privateHost(ip);
    }
    return /^(f[cd]|fe[89ab])/.test(a) || /^ff/.test(a);
  }
  // Names that never leave the machine or the local network; a one-label name is an intranet host.
  return !h.includes('.') || /\.(localhost|local|internal|lan|home\.arpa|intranet)$/.test(h);
}

/**
 * The URL when the extension may fetch it: http(s), a public host (or one of the test build's
 * TEST_HOSTS), no user name or password. Throws an Error that says why not.
 */
export function publicUrl(url, testHosts = TEST_HOSTS) {
  let u;
  try { u = new URL(String(url).trim()); } catch { throw new Error(`not a URL: ${String(url).slice(0, 200)}`); }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error(`only http and https URLs are fetched: ${u.protocol}`);
  if (u.username || u.password) throw new Error('a URL with a user name or password is not fetched');
  if (privateHost(u.hostname) && !testHosts.includes(u.hostname)) {
    throw new Error(`${u.hostname} is not a public address: only public feed and article URLs are fetched`);
  }
  u.hash = '';
  return u.href;
}

/** The host-permission pattern that lets the extension fetch from a URL's host. */
export const originOf = (url) => `*://${new URL(url).hostname}/*`;

/**
 * Fetch a public URL as text. Resolves to {text, type (the media type, lower case), url (after
 * redirects)}; rejects with an Error naming the URL's problem: refused address, no permission,
 * network failure, timeout, HTTP status, too large.
 */
export async function fetchText(url, { accept = '*/*', api = globalThis.browser ?? globalThis.chrome } = {}) {
  const target = publicUrl(url);
  if (api?.permissions && !(await api.permissions.contains({ origins: [originOf(target)] }))) {
    throw new Error(`no permission for ${new URL(target).hostname}: allow it in the options page (Feeds)`);
  }
  let res;
  try {
    res = await fetch(target, { headers: { accept }, credentials: 'omit', cache: 'no-cache', redirect: 'follow',
      referrerPolicy: 'no-referrer', signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (e) {
    if (e?.name === 'TimeoutError' || e?.name === 'AbortError') throw new Error(`no answer within ${TIMEOUT_MS / 1000} s`);
    throw new Error(`network error (${e?.message ?? e})`);
  }
  // A redirect to a private address is not read (the request went out, but nothing of it is kept).
  if (res.url && res.url !== target) publicUrl(res.url);
  if (!res.ok) throw new Error(`HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`);
  const length = Number(res.headers.get('content-length'));
  if (length > MAX_BYTES) throw new Error(`too large (${Math.round(length / 1e6)} MB; at most ${MAX_BYTES / 1e6} MB)`);
  const text = await res.text();
  if (text.length > MAX_BYTES) throw new Error(`too large (more than ${MAX_BYTES / 1e6} MB)`);
  const type = (res.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  return { text, type, url: res.url || target };
}

/** Whether a media type is an HTML page (an empty one is read as HTML, as a browser would sniff). */
export const htmlType = (type) => !type || type === 'text/html' || type === 'application/xhtml+xml';
