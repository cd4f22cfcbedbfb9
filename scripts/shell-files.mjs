// The page shell's files: www/corroborate.js and every module it imports (`import … from './x'`
// and `import('./x')`), transitively, pkg/ aside; one name a line. scripts/package and
// scripts/dist copy these, so that a new module of the shell is never left out of either.
// Usage: node scripts/shell-files.mjs
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const WWW = join(dirname(fileURLToPath(import.meta.url)), '../www');
const seen = new Set();
const todo = ['corroborate.js'];
while (todo.length) {
  const f = todo.pop();
  if (seen.has(f)) continue;
  seen.add(f);
  for (const [, dep] of readFileSync(join(WWW, f), 'utf8').matchAll(/(?:\bfrom|\bimport\()\s*'\.\/([^']+)'/g)) {
    if (!dep.startsWith('pkg/')) todo.push(dep);
  }
}
console.log([...seen].sort().join('\n'));
