// Which of the pinned JavaScript tools (the root package.json's devDependencies, at the
// versions of package-lock.json) node_modules/ lacks, and whether this Node.js satisfies the
// root package.json's engines. scripts/setup runs it to decide whether `npm ci` is due; the
// other scripts (through scripts/need.sh) to fail early with one line instead of midway.
// Usage: node scripts/tools.mjs [NAME...]   (default: every devDependency)
//        node scripts/tools.mjs --engines   (only the Node.js version)
// Prints one problem a line ("NAME VERSION", or "node: ...") and exits 1 when there is any.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const json = (p) => JSON.parse(readFileSync(join(root, p), 'utf8'));
const pkg = json('package.json');
const lock = json('package-lock.json');

// Only the two forms package.json's engines uses ("^X.Y.Z" and ">=X.Y.Z", joined by "||"),
// so that this check needs no semver package (it runs before anything is installed).
const parse = (v) => v.split('.').map(Number);
const cmp = (a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
function satisfies(version, range) {
  const have = parse(version);
  return range.split('||').some((part) => {
    const m = part.trim().match(/^(\^|>=)(\d+\.\d+\.\d+)$/);
    if (!m) throw new Error(`package.json engines: cannot read "${part.trim()}"`);
    const want = parse(m[2]);
    return cmp(have, want) >= 0 && (m[1] === '>=' || have[0] === want[0]);
  });
}

const problems = [];
const engines = pkg.engines?.node;
if (engines && !satisfies(process.versions.node, engines)) {
  problems.push(`node: ${process.versions.node} does not satisfy package.json's engines (${engines})`);
}
const args = process.argv.slice(2);
const names = args[0] === '--engines' ? [] : args.length ? args : Object.keys(pkg.devDependencies);
for (const name of names) {
  const want = lock.packages[`node_modules/${name}`]?.version;
  if (!want) {
    problems.push(`${name} (not pinned by package-lock.json)`);
    continue;
  }
  const file = join(root, 'node_modules', name, 'package.json');
  const have = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).version : null;
  if (have !== want) problems.push(`${name} ${want}`);
}
if (problems.length) {
  console.log(problems.join('\n'));
  process.exit(1);
}
