/**
 * What the bench serves: the built renderer (out/renderer) and the bench page bundle side by side
 * in one temporary folder, so both share one origin and therefore one IndexedDB.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { WINDOW_PAGES } from '../../shared/ipc';
import { RENDERER_DIR, ROOT } from '../../test/e2e/harness/harness';

export const BENCH_DIR = join(ROOT, 'bench');
/** The bench page bundle: under node_modules/.cache, which git, ESLint and Prettier all skip. */
export const BENCH_OUT = join(ROOT, 'node_modules/.cache/kinetic-bench');
/** Where the bench page is served, relative to the origin. */
export const BENCH_PAGE = 'bench/page.html';

/** Bundles bench/page.html (+ page.ts) into BENCH_OUT with Vite. */
export async function buildBenchPage(): Promise<void> {
  await build({
    configFile: false,
    logLevel: 'warn',
    root: BENCH_DIR,
    base: './',
    publicDir: false,
    build: {
      outDir: BENCH_OUT,
      emptyOutDir: true,
      target: 'chrome130',
      minify: true,
      modulePreload: { polyfill: false },
      reportCompressedSize: false,
      rollupOptions: { input: join(BENCH_DIR, 'page.html') },
    },
  });
}

export interface Site {
  dir: string;
  remove(): void;
}

/** A temporary folder holding out/renderer with the bench bundle at /bench. */
export function assembleSite(): Site {
  const dir = mkdtempSync(join(tmpdir(), 'kinetic-bench-site-'));
  cpSync(RENDERER_DIR, dir, { recursive: true });
  cpSync(BENCH_OUT, join(dir, 'bench'), { recursive: true });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The URL path of the bench page's module, to load it into a Kinetic window (which IPC accepts). */
export function benchEntry(): string {
  const html = readFileSync(join(BENCH_OUT, 'page.html'), 'utf8');
  const entry = /<script type="module"[^>]*\bsrc="([^"]+)"/.exec(html)?.[1];
  if (!entry) throw new Error('No module entry in the bench page');
  return new URL(entry, 'http://bench/bench/page.html').pathname;
}

/** The main window's app: the chunks its entry imports once the first frame is out (Vite's preload list). */
export function mainAppJs(): InitialJs {
  const htmlPath = join(RENDERER_DIR, WINDOW_PAGES.main);
  const html = readFileSync(htmlPath, 'utf8');
  const entry = /<script type="module"[^>]*\bsrc="([^"]+)"/.exec(html)?.[1];
  if (!entry) throw new Error(`No module entry in ${htmlPath}`);
  const entryPath = resolve(dirname(htmlPath), entry);
  const deps = /\.f=\[([^\]]*)\]/.exec(readFileSync(entryPath, 'utf8'))?.[1];
  if (!deps) throw new Error(`No dynamic import list in ${entry}`);
  const refs = [...deps.matchAll(/"([^"]+\.js)"/g)].map(([, ref]) => ref!);
  return measureJs(refs, dirname(entryPath));
}

export interface InitialJs {
  files: { file: string; bytes: number; gzipBytes: number }[];
  gzipKB: number;
}

/** Each file's size and its size gzipped at level 9 (refs relative to `dir`), and the gzip total. */
function measureJs(refs: Iterable<string>, dir: string): InitialJs {
  const files = [...refs].map((ref) => {
    const body = readFileSync(resolve(dir, ref));
    return { file: ref, bytes: body.length, gzipBytes: gzipSync(body, { level: 9 }).length };
  });
  return { files, gzipKB: files.reduce((sum, f) => sum + f.gzipBytes, 0) / 1024 };
}

/**
 * The JS the main window loads before anything else: its `<script src>` and
 * `<link rel="modulepreload">` files (lazy chunks are not counted), each gzipped at level 9.
 */
export function mainInitialJs(): InitialJs {
  const htmlPath = join(RENDERER_DIR, WINDOW_PAGES.main);
  const html = readFileSync(htmlPath, 'utf8');
  const refs = new Set<string>();
  for (const tag of html.match(/<(?:script|link)\b[^>]*>/g) ?? []) {
    const isScript = tag.startsWith('<script') && /\bsrc="([^"]+)"/.test(tag);
    const isPreload = tag.startsWith('<link') && /\brel="modulepreload"/.test(tag);
    const ref = /\b(?:src|href)="([^"]+)"/.exec(tag)?.[1];
    if ((isScript || isPreload) && ref) refs.add(ref);
  }
  if (refs.size === 0) throw new Error(`No scripts found in ${htmlPath}`);
  return measureJs(refs, dirname(htmlPath));
}
