import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Flags for headless Chromium on CI and locked-down machines (no background network at all). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

function log(message: string): void {
  process.stderr.write(`[kinetic e2e] ${message}\n`);
}

function playwrightChromium(): string | null {
  try {
    // playwright-core knows where its own browser download lives.
    const out = execFileSync(
      process.execPath,
      ['-e', "process.stdout.write(require('playwright-core').chromium.executablePath())"],
      {
        encoding: 'utf8',
      },
    );
    return out && existsSync(out) ? out : null;
  } catch {
    return null;
  }
}

/**
 * Finds a Chromium for the e2e tests and benchmarks: $CHROME_PATH, Debian's /usr/bin/chromium, an
 * installed Chrome, or Playwright's own. When none is there it gets one and says so
 * (`apt-get install -y chromium` as root on Debian, else Playwright's download); only when all of
 * that fails does it stop, saying how to get one. It never skips.
 */
export function findChromium(): string {
  const fromEnv = process.env['CHROME_PATH'];
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROME_PATH is set to ${fromEnv}, but there is no file there.`);
  }
  for (const candidate of CANDIDATES) if (existsSync(candidate)) return candidate;
  const own = playwrightChromium();
  if (own) return own;

  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    log('No Chromium found: installing Debian’s chromium with apt-get (this takes a minute)…');
    spawnSync('apt-get', ['update'], { stdio: 'inherit' });
    const result = spawnSync('apt-get', ['install', '-y', 'chromium'], { stdio: 'inherit' });
    if (result.status === 0 && existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
    log('apt-get could not install chromium.');
  }
  log('No Chromium found: downloading Playwright’s Chromium…');
  const cli = join(process.cwd(), 'node_modules', 'playwright-core', 'cli.js');
  const download = spawnSync(process.execPath, [cli, 'install', 'chromium'], { stdio: 'inherit' });
  const downloaded = download.status === 0 ? playwrightChromium() : null;
  if (downloaded) return downloaded;
  throw new Error(
    'The e2e tests need Chromium and none could be found or installed.\n' +
      'Install one (Debian/Ubuntu: `sudo apt-get install -y chromium`; macOS: install Google Chrome) ' +
      'or point CHROME_PATH at a Chromium or Chrome executable, then run `npm test` again.',
  );
}

export function freshProfileDir(prefix = 'kinetic-chromium-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
