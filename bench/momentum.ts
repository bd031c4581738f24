/**
 * `npm run bench:momentum`: the momentum figures alone (Node, no browser), written into
 * bench/results.json as `momentumMs` beside the browser figures of the last full run
 * (`--local`: bench/results.local.json). `npm run bench` measures them too.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatMomentum, measureMomentum } from './node/momentum';
import { BENCH_DIR } from './node/site';

const file = join(BENCH_DIR, process.argv.includes('--local') ? 'results.local.json' : 'results.json');
const momentum = measureMomentum();
const previous: Record<string, unknown> = existsSync(file)
  ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>)
  : {};
writeFileSync(file, `${JSON.stringify({ ...previous, momentumMs: momentum }, null, 2)}\n`);
console.log(formatMomentum(momentum));
console.log(`Wrote momentumMs to ${file}`);
