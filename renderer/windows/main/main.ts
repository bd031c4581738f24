/**
 * The main window's entry. The styles load with the page; the app (React, the stores, Dexie
 * later) is evaluated only once the boot script has painted the next action and that frame is
 * out, so its evaluation holds up neither. Commands from main are listened for from here on
 * (commands.ts).
 */
import '../../reportErrors';
import '../../styles/base.css';
import './main.css';
import './commands';

/** After the next frame; a hidden window produces none, so not longer than a few frames. */
const afterNextFrame = (): Promise<void> =>
  new Promise((resolve) => {
    const timeout = setTimeout(resolve, 50);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(timeout);
        resolve();
      }, 0),
    );
  });

void (window.__kineticBoot ?? Promise.resolve())
  .catch(() => undefined)
  .then(afterNextFrame)
  .then(() => import('./app'));
