// axe-core (a root devDependency, installed by `npm ci`) run in a page of the end-to-end tests:
// the accessibility rules of WCAG 2.x A and AA over the page and the open shadow root of the UI.
// The script is evaluated through the DevTools protocol, so a page's strict CSP does not stop it.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './lib.mjs';

const AXE = join(REPO, 'node_modules/axe-core/axe.min.js');

/** The violations of impact serious or critical: [{id, impact, help, nodes: [html...]}]. */
export async function axeViolations(page) {
  if (!existsSync(AXE)) throw new Error(`${AXE} is missing: run npm ci (axe-core is a devDependency)`);
  if (!(await page.evaluate(() => typeof globalThis.axe === 'object'))) {
    await page.evaluate(readFileSync(AXE, 'utf8'));
  }
  const violations = await page.evaluate(async () => (await globalThis.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    resultTypes: ['violations'],
  })).violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n')[1] ?? ''}`) })));
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
