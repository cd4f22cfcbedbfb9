// Shared by the extension's end-to-end tests (extension.test.mjs, hostile.test.mjs): the build
// with the test's host permission, and Firefox ESR driven through geckodriver (WebDriver over
// HTTP, no dependency).

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ARTEFACTS, REPO, freePort, until } from './lib.mjs';

/**
 * The unpacked extension for one browser, built by scripts/extension --test under target/e2e
 * (its feed fetcher may fetch from 127.0.0.1, which no shipped build does); its manifest grants
 * *://127.0.0.1/*, which stands in for activeTab (a test cannot click the toolbar button that
 * grants it). Returns the folder.
 */
export function buildFor(browser) {
  const out = join(ARTEFACTS, 'extension');
  const built = spawnSync(join(REPO, 'scripts/extension'), ['--no-wasm', '--no-zip', '--no-lint', '--test', '--out', out,
    browser], { stdio: ['ignore', 'inherit', 'inherit'] });
  assert.equal(built.status, 0, 'scripts/extension failed');
  const dir = join(out, browser);
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  manifest.host_permissions = ['*://127.0.0.1/*'];
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

const onPath = (name) => (process.env.PATH ?? '').split(':').map((dir) => join(dir, name)).find(existsSync);
export const FIREFOX = process.env.FIREFOX ?? ['/usr/bin/firefox-esr', '/usr/bin/firefox'].find(existsSync) ??
  '/usr/bin/firefox-esr';
export const GECKODRIVER = process.env.GECKODRIVER ?? [join(homedir(), '.cargo/bin/geckodriver')].find(existsSync) ??
  onPath('geckodriver') ?? 'geckodriver';
const GECKO_ID = 'corroborate@corroborate.example';
export const UUID = '8a6f2c1e-5b7d-4e3a-9c0f-c0220b0a7e01';

/**
 * Whether Firefox can run; when it cannot, skips the test `t` with a "skipping:" line (a
 * failure under CI=true, where scripts/setup --browsers installed both) and returns false.
 */
export function firefoxAvailable(t) {
  if (existsSync(FIREFOX) && existsSync(GECKODRIVER)) return true;
  const missing = existsSync(FIREFOX) ? GECKODRIVER : FIREFOX;
  if (process.env.CI === 'true') throw new Error(`${missing} not found, and CI=true: the Firefox run must run`);
  console.log(`skipping: ${missing} not found (scripts/setup --browsers installs it): the Firefox run of the extension does not run`);
  t.skip(`${missing} not found`);
  return false;
}

/**
 * Firefox ESR, headless, with the extension in `dir` installed as a temporary add-on under a
 * fixed UUID (the extensions.webextensions.uuids preference). WebDriver may not navigate to
 * moz-extension:// pages, so those are opened as tabs from the browser's chrome context
 * (geckodriver --allow-system-access). Resolves to helpers; call close() at the end.
 */
export async function firefox(dir) {
  const port = await freePort();
  const driver = spawn(GECKODRIVER, ['--port', String(port), '--allow-system-access'], { stdio: 'ignore' });
  const W = `http://127.0.0.1:${port}`;
  const wd = async (method, path, body) => {
    const r = await fetch(W + path, { method, headers: { 'content-type': 'application/json' },
      body: body && JSON.stringify(body) });
    const { value } = await r.json();
    if (value?.error) throw new Error(`WebDriver ${path}: ${value.error}: ${value.message}`);
    return value;
  };
  let S = null;
  const close = async () => {
    if (S) await wd('DELETE', S).catch(() => {});
    driver.kill();
  };
  try {
    await until(() => fetch(`${W}/status`).then(() => true, () => false), 10000);
    const session = await wd('POST', '/session', { capabilities: { alwaysMatch: { browserName: 'firefox',
      'moz:firefoxOptions': { binary: FIREFOX, args: ['-headless'],
        prefs: { 'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: UUID }) } } } } });
    S = `/session/${session.sessionId}`;
    assert.equal(await wd('POST', `${S}/moz/addon/install`, { path: dir, temporary: true }), GECKO_ID);
  } catch (e) {
    await close();
    throw e;
  }
  const ext = `moz-extension://${UUID}`;
  // Run an async function body in the current tab (or frame); resolves to its value.
  const run = (body, args = []) => wd('POST', `${S}/execute/async`, { args, script:
    `const done = arguments[arguments.length - 1];
     (async (...args) => { ${body} })(...[...arguments].slice(0, -1)).then(done, (e) => done({ failed: String(e) }));` });
  const handles = () => wd('GET', `${S}/window/handles`);
  const to = (handle) => wd('POST', `${S}/window`, { handle });
  async function openTab(url) {
    const { handle } = await wd('POST', `${S}/window/new`, { type: 'tab' });
    await to(handle);
    await wd('POST', `${S}/url`, { url });
    return handle;
  }
  async function openExtTab(url) {
    const before = await handles();
    await wd('POST', `${S}/moz/context`, { context: 'chrome' });
    await wd('POST', `${S}/execute/sync`, { args: [url], script: `
      const w = Services.wm.getMostRecentWindow('navigator:browser');
      w.gBrowser.selectedTab = w.gBrowser.addTab(arguments[0],
        { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });` });
    await wd('POST', `${S}/moz/context`, { context: 'content' });
    const handle = await until(async () => (await handles()).find((h) => !before.includes(h)));
    await to(handle);
    await until(async () => (await wd('GET', `${S}/url`)).startsWith(url) &&
      (await run('return document.readyState')) === 'complete');
    return handle;
  }
  const waitFor = (body, args, timeout = 20000) => until(async () => {
    const v = await run(body, args);
    return v?.failed ? null : v;
  }, timeout, 100);
  /**
   * Switch into the extension's frame of `view` in the current tab (through the host's closed
   * shadow root, which WebDriver, unlike the page, may open); returns false when it is not there.
   * `top()` switches back.
   */
  async function intoFrame(view) {
    const host = await run(`return [...document.documentElement.children].find((e) => /-ui$/.test(e.localName)) ?? null`);
    if (!host || host.failed) return false;
    const hostId = Object.values(host)[0];
    const shadow = await wd('GET', `${S}/element/${hostId}/shadow`);
    const frame = await wd('POST', `${S}/shadow/${Object.values(shadow)[0]}/element`,
      { using: 'css selector', value: `iframe[src*="view=${view}"]` });
    await wd('POST', `${S}/frame`, { id: frame });
    return true;
  }
  const top = () => wd('POST', `${S}/frame`, { id: null });
  const screenshot = async (file) => writeFileSync(file, Buffer.from(await wd('GET', `${S}/screenshot`), 'base64'));
  const click = async (selector) => {
    const el = await wd('POST', `${S}/element`, { using: 'css selector', value: selector });
    await wd('POST', `${S}/element/${Object.values(el)[0]}/click`, {});
  };
  /** Real (trusted) input: a pointer move to (x, y) of the viewport, or keys with modifiers. */
  const actions = (list) => wd('POST', `${S}/actions`, { actions: list });
  return { wd, S, ext, run, handles, to, openTab, openExtTab, waitFor, intoFrame, top, screenshot, click,
    actions, close };
}

/** The id of the tab that shows `url`, asked from the extension page `home` (Firefox). */
export function tabFinder(ff, home) {
  return async (url) => {
    await ff.to(home);
    return ff.run('return (await browser.tabs.query({})).find((t) => t.url === args[0])?.id', [url]);
  };
}

/** Open each URL in a tab and save it as a source of `story` with the popup's "Add" (Firefox). */
export async function saveWithPopup(ff, tabOf, urls, story) {
  for (const url of urls) {
    await ff.openTab(url);
    await ff.openExtTab(`${ff.ext}/popup.html?tab=${await tabOf(url)}`);
    const said = await ff.run(`const add = document.getElementById('add');
      for (let i = 0; i < 200 && add.disabled; i++) await new Promise((r) => setTimeout(r, 50));
      document.getElementById('story').value = args[0];
      add.click();
      const m = document.getElementById('message');
      for (let i = 0; i < 200 && !m.textContent; i++) await new Promise((r) => setTimeout(r, 50));
      return m.textContent;`, [story]);
    assert.match(said, /^Saved /, `${url}: ${said}`);
  }
}
