/**
 * The app:// protocol (electron/main/adapters/protocol.ts): the privileged scheme, and the handler
 * that serves the built renderer from a folder, with the Content-Security-Policy, and nothing
 * outside it.
 */
import type * as Fs from 'node:fs/promises';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../electron/main/security';
import { FakeElectron } from './fakeElectron';

const electron = vi.hoisted(() => ({ current: null as FakeElectron | null }));
vi.mock('electron', async () => (await import('./fakeElectron')).electronModule(electron));

/** Every file the code under test reads (the test's own fs calls go to the real module too). */
const reads = vi.hoisted(() => ({ paths: [] as string[] }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof Fs>();
  return {
    ...actual,
    readFile: (...args: Parameters<typeof actual.readFile>) => {
      reads.paths.push(String(args[0]));
      return actual.readFile(...args);
    },
  };
});

const HTML = '<!doctype html><title>Kinetic</title>';
const SECRET = 'the secret outside the renderer folder';

let base = '';
let rendererDir = '';

function fake(): FakeElectron {
  if (!electron.current) throw new Error('No FakeElectron');
  return electron.current;
}

/** Registers the handler for `rendererDir` on a ready app, as runElectronApp does. */
async function serve(): Promise<void> {
  const { serveRenderer } = await import('../../../electron/main/adapters/protocol');
  fake().app.becomeReady();
  serveRenderer(rendererDir);
}

async function get(url: string): Promise<{ status: number; body: string; headers: Headers }> {
  const response = await fake().protocol.fetch(url);
  return { status: response.status, body: await response.text(), headers: response.headers };
}

beforeEach(async () => {
  vi.resetModules();
  electron.current = new FakeElectron();
  base = await mkdtemp(join(tmpdir(), 'kinetic-protocol-'));
  rendererDir = join(base, 'renderer');
  await mkdir(join(rendererDir, 'main'), { recursive: true });
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'main', 'index.html'), HTML);
  await writeFile(join(rendererDir, 'assets', 'index-abc.js'), 'console.log("kinetic")');
  await writeFile(join(rendererDir, 'assets', 'style.css'), 'body{}');
  await writeFile(join(rendererDir, 'assets', 'data.bin'), 'bytes');
  await writeFile(join(base, 'secret.txt'), SECRET);
  // A sibling whose name starts with the renderer folder's name.
  await mkdir(join(base, 'renderer-evil'), { recursive: true });
  await writeFile(join(base, 'renderer-evil', 'index.html'), SECRET);
  reads.paths.length = 0;
});

afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('registerAppScheme', () => {
  it('registers app:// as standard and secure, with fetch support', async () => {
    const { registerAppScheme, APP_ORIGIN } = await import('../../../electron/main/adapters/protocol');
    registerAppScheme();

    expect(APP_ORIGIN).toBe('app://kinetic');
    expect(fake().protocol.privileged).toEqual([
      {
        afterReady: false,
        schemes: [
          {
            scheme: 'app',
            privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true }),
          },
        ],
      },
    ]);
  });
});

describe('serveRenderer', () => {
  it('serves a page with the Content-Security-Policy and its content type', async () => {
    await serve();
    const page = await get('app://kinetic/main/index.html');

    expect(page.status).toBe(200);
    expect(page.body).toBe(HTML);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    // A query string does not change the file.
    expect((await get('app://kinetic/main/index.html?v=2')).body).toBe(HTML);
  });

  it('serves assets with their content types, the policy on each', async () => {
    await serve();
    const cases: [string, string][] = [
      ['assets/index-abc.js', 'text/javascript; charset=utf-8'],
      ['assets/style.css', 'text/css; charset=utf-8'],
      ['assets/data.bin', 'application/octet-stream'],
    ];
    for (const [path, type] of cases) {
      const asset = await get(`app://kinetic/${path}`);
      expect(asset.status, path).toBe(200);
      expect(asset.headers.get('content-type'), path).toBe(type);
      expect(asset.headers.get('content-security-policy'), path).toBe(CONTENT_SECURITY_POLICY);
    }
  });

  it('answers 404 for another host, a missing file, or a folder', async () => {
    await serve();
    for (const url of [
      'app://other/main/index.html',
      'app://kinetic:8080/main/index.html',
      'app://kinetic/main/missing.html',
      'app://kinetic/main/',
      'app://kinetic/',
      'app://kinetic/main/index.html%00.png',
    ]) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(response.body, url).not.toContain('<title>');
    }
  });

  it('never reads outside the renderer folder', async () => {
    await serve();
    for (const url of [
      'app://kinetic/../secret.txt',
      'app://kinetic/main/../../secret.txt',
      'app://kinetic/%2e%2e/secret.txt',
      'app://kinetic/%2e%2e%2fsecret.txt',
      'app://kinetic/%2E%2E%2Fsecret.txt',
      'app://kinetic/main/..%2f..%2fsecret.txt',
      'app://kinetic/%2e%2e%2frenderer-evil%2findex.html',
      'app://kinetic/..%5csecret.txt',
      'app://kinetic/%2f..%2fsecret.txt',
    ]) {
      const response = await get(url);
      expect([403, 404], url).toContain(response.status);
      expect(response.body, url).not.toContain(SECRET);
      expect(response.headers.get('content-type') ?? '', url).not.toMatch(/^text\/html/);
    }
    expect(reads.paths.length).toBeGreaterThan(0);
    for (const path of reads.paths) expect(resolve(path).startsWith(rendererDir + sep), path).toBe(true);
  });

  it('forbids an encoded path that climbs out of the folder', async () => {
    await serve();
    expect((await get('app://kinetic/%2e%2e%2fsecret.txt')).status).toBe(403);
    expect((await get('app://kinetic/main/..%2f..%2frenderer-evil%2findex.html')).status).toBe(403);
    expect(reads.paths).toEqual([]);
  });

  it('answers a malformed escape in the path instead of failing the request', async () => {
    await serve();
    const response = await get('app://kinetic/main/%E0%A4%A.html');
    expect(response.status).toBe(400);
    expect(reads.paths).toEqual([]);
  });
});
