/**
 * `npm run test:package` (CI, after `npm run package:dir`, and on Linux after the .deb is built):
 * checks what electron-builder produced for this OS and launches the unpacked app once.
 * - every OS: the tray icons are in resources/tray;
 * - Linux: the .deb's desktop entry opens links (`Exec=… %U`) and lists kinetic:// once;
 * - macOS: Info.plist declares the kinetic URL scheme;
 * - then the unpacked app starts on a fresh data folder, its main page opens IndexedDB there, and
 *   it keeps running.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '../..');
const dist = join(root, 'dist');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  productName: string;
  desktopName: string;
};
const problems: string[] = [];
const check = (ok: boolean, what: string): void => {
  console.warn(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) problems.push(what);
};

function unpacked(): { binary: string; resources: string } {
  if (process.platform === 'darwin') {
    const dir = readdirSync(dist).find((d) => d.startsWith('mac')) ?? 'mac';
    const app = join(dist, dir, `${pkg.productName}.app`);
    return {
      binary: join(app, 'Contents/MacOS', pkg.productName),
      resources: join(app, 'Contents/Resources'),
    };
  }
  if (process.platform === 'win32') {
    const dir = join(dist, 'win-unpacked');
    return { binary: join(dir, `${pkg.productName}.exe`), resources: join(dir, 'resources') };
  }
  const dir = join(dist, 'linux-unpacked');
  return { binary: join(dir, 'kinetic'), resources: join(dir, 'resources') };
}

const { binary, resources } = unpacked();
check(existsSync(binary), `the app is at ${binary}`);
check(existsSync(join(resources, 'app.asar')), 'the app is packed into app.asar');
const trayIcons =
  process.platform === 'darwin'
    ? ['trayTemplate.png', 'trayTemplate@2x.png']
    : ['tray-16.png', 'tray-32.png'];
for (const icon of [...trayIcons, 'progress/ring-00.png']) {
  check(existsSync(join(resources, 'tray', icon)), `tray resource ${icon}`);
}

if (process.platform === 'linux') {
  const deb = readdirSync(dist).find((f) => f.endsWith('.deb'));
  check(deb !== undefined, 'a .deb was built');
  if (deb) {
    const out = mkdtempSync(join(tmpdir(), 'kinetic-deb-'));
    spawnSync('dpkg-deb', ['-x', join(dist, deb), out], { stdio: 'inherit' });
    const entryName = pkg.desktopName;
    const entryPath = join(out, 'usr/share/applications', entryName);
    check(existsSync(entryPath), `the desktop entry is /usr/share/applications/${entryName}`);
    const entry = existsSync(entryPath) ? readFileSync(entryPath, 'utf8') : '';
    check(/^Exec=.* %U$/m.test(entry), 'Exec= passes links to Kinetic (%U)');
    check(
      /^MimeType=x-scheme-handler\/kinetic;$/m.test(entry),
      'MimeType lists x-scheme-handler/kinetic once',
    );
    const wmClass = pkg.desktopName.replace(/\.desktop$/, '');
    check(entry.includes(`StartupWMClass=${wmClass}\n`), `StartupWMClass=${wmClass}`);
    rmSync(out, { recursive: true, force: true });
  }
}

if (process.platform === 'darwin') {
  const plist = readFileSync(join(resources, '..', 'Info.plist'), 'utf8');
  const schemes = /<key>CFBundleURLSchemes<\/key>\s*<array>([\s\S]*?)<\/array>/.exec(plist)?.[1] ?? '';
  check(schemes.includes('<string>kinetic</string>'), 'Info.plist declares the kinetic URL scheme');
}

/** Starts the app hidden on a fresh data folder: its main page must open IndexedDB there. */
async function launch(): Promise<void> {
  const userData = mkdtempSync(join(tmpdir(), 'kinetic-package-'));
  const child = spawn(binary, ['--hidden'], {
    env: { ...process.env, KINETIC_USER_DATA: userData },
    stdio: 'inherit',
  });
  let exited: number | null = null;
  child.once('exit', (code) => (exited = code ?? -1));
  // A smoke check of a real process, not a unit test: give it time to start.
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && exited === null && !existsSync(join(userData, 'IndexedDB'))) {
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  check(exited === null, 'the unpacked app keeps running after start');
  check(
    existsSync(join(userData, 'state', 'focus.json')),
    'the unpacked app wrote its state to KINETIC_USER_DATA',
  );
  child.kill();
  rmSync(userData, { recursive: true, force: true });
}

await launch();
if (problems.length > 0) {
  console.error(`${problems.length} packaging check(s) failed.`);
  process.exit(1);
}
