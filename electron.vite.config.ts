import { resolve, sep } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { CONTENT_SECURITY_POLICY } from './electron/main/security';
import type { Plugin, Rollup } from 'vite';

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
 * The main window's boot script (renderer/main/boot.ts) is its own entry, loaded before the main
 * bundle, so it starts reading the next action from IndexedDB while React still downloads and
 * compiles. Vite would merge a second script tag into the page's entry; this injects the built
 * boot chunk instead.
 */
function bootScript(): Plugin {
  return {
    name: 'kinetic-boot-script',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (!ctx.filename.endsWith(`main${sep}index.html`) && !ctx.filename.endsWith('main/index.html'))
          return html;
        const boot = Object.values(ctx.bundle ?? {}).find(
          (c): c is Rollup.OutputChunk => c.type === 'chunk' && c.isEntry && c.name === 'boot',
        );
        if (!boot) throw new Error('The boot chunk is missing from the build');
        const tag = `<script type="module" crossorigin src="../${boot.fileName}"></script>`;
        return html.replace('<script type="module"', `${tag}\n    <script type="module"`);
      },
    },
  };
}

export const rendererPages = {
  main: resolve(root, 'renderer/main/index.html'),
  'quick-add': resolve(root, 'renderer/quick-add/index.html'),
  focus: resolve(root, 'renderer/focus/index.html'),
  reflection: resolve(root, 'renderer/reflection/index.html'),
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
    root: resolve(root, 'renderer'),
    base: './',
    plugins: [react(), csp(), bootScript()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      emptyOutDir: true,
      minify: true,
      target: 'chrome130',
      modulePreload: { polyfill: false },
      rollupOptions: { input: { ...rendererPages, boot: resolve(root, 'renderer/main/boot.ts') } },
    },
  },
});
