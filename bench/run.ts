/**
 * `npm run bench`: runs every bench/*.bench.ts file, one after another, each in its own process (tsx), and
 * passes its output through. Exits non-zero if any benchmark fails.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const dir = __dirname;
const files = readdirSync(dir)
  .filter((name) => name.endsWith('.bench.ts'))
  .sort();

if (files.length === 0) {
  console.log('no benchmarks registered');
  process.exit(0);
}

const tsx = require.resolve('tsx/cli');
const failed: string[] = [];
for (const file of files) {
  console.log(`\n== bench/${file}`);
  const run = spawnSync(process.execPath, [tsx, path.join(dir, file)], { stdio: 'inherit' });
  if (run.status !== 0) failed.push(`bench/${file} (${run.signal ?? `exit ${run.status}`})`);
}
if (failed.length > 0) {
  console.error(`\nfailed: ${failed.join(', ')}`);
  process.exit(1);
}
