/**
 * `npm run test:security` (the last step of `npm test`): Electronegativity over electron/,
 * renderer/, shared/ and the built pages (out/renderer, whose meta tags carry the CSP). Any
 * finding of medium or high severity at firm or certain confidence fails, except the ones in
 * ACCEPTED, each with the reason.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { blockingFindings, parseFindings } from './findings';

const root = join(import.meta.dirname, '../..');
const pages = join(root, 'out/renderer');
if (!existsSync(join(pages, 'main/index.html'))) {
  console.error('test:security needs the built pages: run `npm run build` first.');
  process.exit(1);
}

// One run over everything, so global checks (the CSP) see the pages.
const input = mkdtempSync(join(tmpdir(), 'kinetic-electronegativity-'));
for (const dir of ['electron', 'renderer', 'shared'])
  cpSync(join(root, dir), join(input, dir), { recursive: true });
cpSync(pages, join(input, 'out/renderer'), { recursive: true });
const report = join(input, 'findings.csv');
const require = createRequire(import.meta.url);
const electronVersion = (
  JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')) as { version: string }
).version;
const cli = require.resolve('@doyensec/electronegativity/dist/index.js');
const run = spawnSync(
  process.execPath,
  [cli, '-i', input, '-e', electronVersion, '-r', '-v', 'false', '-o', report],
  { encoding: 'utf8' },
);
if (run.status !== 0 || !existsSync(report)) {
  console.error(run.stdout, run.stderr);
  console.error('Electronegativity did not run.');
  process.exit(1);
}
const findings = parseFindings(readFileSync(report, 'utf8'));
rmSync(input, { recursive: true, force: true });
const blocking = blockingFindings(findings);
for (const f of blocking)
  console.error(`${f.issue} (${f.severity}, ${f.confidence}) ${f.file}:${f.location} ${f.sample}`);
if (blocking.length > 0) {
  console.error(
    `Electronegativity: ${blocking.length} finding(s) of medium or high severity at firm or certain confidence.`,
  );
  process.exit(1);
}
console.warn(`Electronegativity: no blocking finding (${findings.length} reviewed in all).`);
