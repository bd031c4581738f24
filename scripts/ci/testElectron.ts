/**
 * `npm run test:electron`: smoke tests of the real app in real Electron (test/electron), run by
 * CI on each OS. Without the Electron binary it says so in one line and fails; it is not part of
 * `npm test`.
 */
import { spawnSync } from 'node:child_process';
import { electronBinary } from './electronBinary';

const binary = electronBinary();
if (binary === null) {
  console.error(
    'test:electron needs the Electron binary, which is not installed here (run `npm ci` with install scripts).',
  );
  process.exit(1);
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const run = (command: string, args: string[]): void => {
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    shell: process.platform === 'win32',
    env: { ...process.env, KINETIC_ELECTRON_PATH: binary },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
};
run(npm, ['run', 'build']);
run(npx, ['vitest', 'run', '-c', 'vitest.electron.config.ts']);
