/**
 * The bench's instruments in the main window.
 */
import type { BrowserContext } from 'playwright-core';

/** The console message the main window's probe logs once the title is painted and React is up. */
export const LOADED_MESSAGE = 'kinetic-bench:loaded';

/**
 * In the main window only: notes when the next action's title is first painted, as ms since
 * navigation start (`performance.now()`), in `window.__benchTitlePaintedMs`. The title is in the
 * DOM when the observer fires; the frame that shows it is produced after the next
 * requestAnimationFrame callback, and a message posted from there runs once that frame is done.
 * For the breakdown it also notes when the app first opens IndexedDB and when that open succeeds,
 * and when React has mounted with the title (`__benchAppReadyMs`). Once both are noted it logs
 * LOADED_MESSAGE: the runner waits for that console message rather than evaluating anything in
 * the page while it loads (an evaluate sent at the load event delayed the paint, see run.ts).
 */
export async function installPaintProbe(context: BrowserContext, mainPath: string): Promise<void> {
  await context.addInitScript(
    ({ path, message }: { path: string; message: string }) => {
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
      // No named function values in here: tsx would wrap them in a helper the page lacks. So both
      // notes end with the same check: the later one logs the message.
      const selector = '[data-testid="next-action-title"]';
      // React marks the container it renders into: with the mark and a title, the app is up.
      const mounted = new MutationObserver(() => {
        const root = document.getElementById('root');
        if (!root || !document.querySelector(selector)) return;
        if (!Object.keys(root).some((key) => key.startsWith('__reactContainer'))) return;
        mounted.disconnect();
        window.__benchAppReadyMs = performance.now();
        if (window.__benchTitlePaintedMs !== undefined) console.debug(message);
      });
      mounted.observe(document, { childList: true, subtree: true });
      const observer = new MutationObserver(() => {
        const title = document.querySelector(selector);
        if (!title?.textContent) return;
        observer.disconnect();
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => {
            window.__benchTitlePaintedMs = performance.now();
            if (window.__benchAppReadyMs !== undefined) console.debug(message);
          };
          channel.port2.postMessage(null);
        });
      });
      observer.observe(document, { childList: true, subtree: true, characterData: true });
    },
    { path: mainPath, message: LOADED_MESSAGE },
  );
}
