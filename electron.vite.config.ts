import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';

const root = import.meta.dirname;

/**
 * The dev server injects styles and a websocket client: relax the pages' CSP for `dev` only.
 * Built pages keep the strict policy.
 */
function devCsp(): Plugin {
  return {
    name: 'kinetic-dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) =>
      html
        .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
        .replace("connect-src 'self'", "connect-src 'self' ws: http://localhost:*"),
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
    plugins: [react(), devCsp()],
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
