#!/usr/bin/env node
// `npm run bench`: runs every tests/bench/*.bench.mjs in turn, each in its own Node process (a
// bench builds, serves and drives a browser; separate processes keep one from skewing the next).
// Pass names to run only some: `npm run bench -- import`.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const benches = readdirSync(here)
  .filter((f) => f.endsWith('.bench.mjs'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();

let failed = 0;
for (const bench of benches) {
  console.log(`\n=== ${bench} ===`);
  const r = spawnSync(process.execPath, [join(here, bench)], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.log(`${bench} exited with ${r.status ?? r.signal}`);
  }
}
console.log(`\n${benches.length - failed} of ${benches.length} benches completed`);
process.exit(failed ? 1 : 0);
