/**
 * The real main-process services (as the e2e Harness starts them: real registry and handlers,
 * fake Electron ports) and the wiring of a browser context to them, so the built main window runs
 * in Chromium exactly as in the e2e tests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { BrowserContext } from 'playwright-core';
import { startKinetic, type KineticMain } from '../../electron/main/kinetic';
import { FileStore } from '../../electron/main/adapters/fileStore';
import { bridgeScript } from '../../test/e2e/harness/harness';
import {
  ControllableClock,
  FakeApp,
  FakeDialog,
  FakeNotifier,
  FakePower,
  FakeShortcuts,
  FakeTray,
  FakeWindows,
} from '../../test/e2e/harness/fakes';

export interface MainServices {
  main: KineticMain;
  stop(): void;
}

export async function startMainServices(origin: string): Promise<MainServices> {
  const stateDir = mkdtempSync(join(tmpdir(), 'kinetic-bench-main-'));
  const main = await startKinetic(
    {
      clock: new ControllableClock(Date.now()),
      store: new FileStore(stateDir),
      windows: new FakeWindows(),
      notifier: new FakeNotifier(),
      tray: new FakeTray(),
      shortcuts: new FakeShortcuts(),
      power: new FakePower(),
      dialog: new FakeDialog(),
      app: new FakeApp('linux'),
      newId: () => randomUUID(),
      log: { warn: () => undefined },
    },
    { trustedOrigins: [origin], wayland: false },
  );
  return { main, stop: () => rmSync(stateDir, { recursive: true, force: true }) };
}

/** Installs `window.kinetic` in every page of the context, answered by the real IPC registry. */
export async function wireContext(context: BrowserContext, main: KineticMain): Promise<void> {
  await context.exposeBinding('__kineticInvoke', (source, channel: unknown, payload: unknown) =>
    main.registry.invoke(channel, payload, { url: source.frame.url() }),
  );
  await context.addInitScript({ content: await bridgeScript() });
}

/**
 * In the main window only: notes when the next action's title is first painted, as ms since
 * navigation start (`performance.now()`), in `window.__benchTitlePaintedMs`. The title is in the
 * DOM when the observer fires; the frame that shows it is produced after the next
 * requestAnimationFrame callback, and a message posted from there runs once that frame is done.
 * For the breakdown it also notes when the app first opens IndexedDB and when that open succeeds.
 */
export async function installPaintProbe(context: BrowserContext, mainPath: string): Promise<void> {
  await context.addInitScript((path: string) => {
    if (location.pathname !== path) return;
    const open = IDBFactory.prototype.open;
    IDBFactory.prototype.open = function (this: IDBFactory, ...args: Parameters<IDBFactory['open']>) {
      const request = open.apply(this, args);
      if (window.__benchDbOpenMs === undefined) {
        window.__benchDbOpenMs = performance.now();
        request.addEventListener('success', () => (window.__benchDbReadyMs ??= performance.now()));
      }
      return request;
    };
    const selector = '[data-testid="next-action-title"]';
    const observer = new MutationObserver(() => {
      const title = document.querySelector(selector);
      if (!title?.textContent) return;
      observer.disconnect();
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          window.__benchTitlePaintedMs = performance.now();
        };
        channel.port2.postMessage(null);
      });
    });
    observer.observe(document, { childList: true, subtree: true, characterData: true });
  }, mainPath);
}
