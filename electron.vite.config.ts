import { resolve, sep } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { CONTENT_SECURITY_POLICY } from './electron/main/security';
import { build, type Plugin, type Rollup } from 'vite';

const root = import.meta.dirname;

/**
 * Every page gets the one Content-Security-Policy (electron/main/security.ts) as a meta tag, the
 * same policy the app:// protocol sends as a header. The dev server injects styles and a
 * websocket client, so `dev` relaxes exactly those two; built pages keep the strict policy.
 */
function csp(): Plugin {
  let serving = false;
  return {
    name: 'kinetic-csp',
    configResolved(config) {
      serving = config.command === 'serve';
    },
    transformIndexHtml: {
      order: 'pre',
      handler(html) {
        const policy = serving
          ? CONTENT_SECURITY_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'").replace(
              "connect-src 'self'",
              "connect-src 'self' ws: http://localhost:*",
            )
          : CONTENT_SECURITY_POLICY;
        // frame-ancestors is ignored in a meta tag (the header carries it).
        const meta = policy
          .split('; ')
          .filter((d) => !d.startsWith('frame-ancestors'))
          .join('; ');
        return html.replace(
          '<meta charset="UTF-8" />',
          `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${meta}" />`,
        );
      },
    },
  };
}

/**
 * The main window's first frame. Its boot script (renderer/windows/main/boot.ts) reads and paints the
 * next action while the app still loads: built on its own as one classic script and put first
 * in <head>, it runs as soon as it arrives, before the page is even parsed, so IndexedDB opens
 * early (opening takes longest), and the title's font is preloaded for that frame. The page's
 * entry imports the app only after the frame is out: preloading it during the frame measured a
 * little slower, and its modules come from disk in a few milliseconds.
 */
function firstFrame(): Plugin {
  return {
    name: 'kinetic-first-frame',
    apply: 'build',
    async buildStart() {
      const built = await build({
        configFile: false,
        logLevel: 'warn',
        publicDir: false,
        build: {
          write: false,
          minify: true,
          target: 'chrome130',
          reportCompressedSize: false,
          lib: {
            entry: resolve(root, 'renderer/windows/main/boot.ts'),
            formats: ['iife'],
            name: 'kineticBoot',
          },
        },
      });
      const output = (Array.isArray(built) ? built[0] : built) as Rollup.RolldownOutput;
      // Compile hint: V8 compiles every function of it up front, off the main thread.
      const source = `//# allFunctionsCalledOnLoad\n${output.output[0].code}`;
      this.emitFile({ type: 'asset', name: 'boot.js', source });
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (!ctx.filename.endsWith(`main${sep}index.html`) && !ctx.filename.endsWith('main/index.html'))
          return html;
        const files = Object.values(ctx.bundle ?? {});
        const boot = files.find((a) => a.type === 'asset' && a.names.includes('boot.js'));
        const font = files.find((a) => /inter-latin-opsz-normal-[\w-]+\.woff2$/.test(a.fileName));
        if (!boot || !font) throw new Error('The main window is missing its boot script or font');
        const preloadFont = `<link rel="preload" as="font" type="font/woff2" crossorigin href="../${font.fileName}">`;
        return html
          .replace(
            '<meta name="viewport"',
            `<script src="../${boot.fileName}"></script>\n    <meta name="viewport"`,
          )
          .replace('  </head>', `    ${preloadFont}\n  </head>`);
      },
    },
  };
}

export const rendererPages = {
  main: resolve(root, 'renderer/windows/main/index.html'),
  'quick-add': resolve(root, 'renderer/windows/quick-add/index.html'),
  focus: resolve(root, 'renderer/windows/focus/index.html'),
  reflection: resolve(root, 'renderer/windows/reflection/index.html'),
};

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // One self-contained bundle (zod included): the packaged app ships no node_modules.
      externalizeDeps: false,
      rollupOptions: { input: { index: resolve(root, 'electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload must be one CommonJS file with everything bundled in.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    // The windows' pages are served from here: /main/index.html, /quick-add/index.html, …
    root: resolve(root, 'renderer/windows'),
    base: './',
    plugins: [react(), csp(), firstFrame()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      emptyOutDir: true,
      minify: true,
      target: 'chrome130',
      modulePreload: { polyfill: false },
      rollupOptions: { input: rendererPages },
    },
  },
});
