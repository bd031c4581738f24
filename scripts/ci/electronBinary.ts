import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The Electron binary `npm ci` downloads (node_modules/electron/dist), or null when it is not
 * there: the electron package's install script did not run or could not download it.
 */
export function electronBinary(): string | null {
  const require = createRequire(import.meta.url);
  const dir = dirname(require.resolve('electron/package.json'));
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}
