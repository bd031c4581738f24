import { MAX_WAITING_TEXTS } from '../../../shared/ipc';
import type { Logger } from '../ports';
import type { WindowsPort } from '../ports';

/**
 * The one quick-add path. The global shortcut, the tray, `kinetic://add` links and
 * `kinetic --add` all land here: the small quick-add window (created hidden at start, so it
 * appears at once) is shown, and any text waits here, in the one buffer, until the window pulls
 * it (`takeDraft`). The window pulls on load and on every `quickAdd:shown`, which carries no text,
 * so a text sent before the window could listen still arrives, exactly once. Several texts that
 * arrive before the window takes them (two links clicked at once) wait in order; past
 * MAX_WAITING_TEXTS the oldest goes, and the log says which text it was.
 */
export class QuickAddService {
  private readonly pendingTexts: string[] = [];

  constructor(
    private readonly windows: WindowsPort,
    private readonly log: Logger,
  ) {}

  open(text: string | null = null): void {
    if (text !== null) {
      this.pendingTexts.push(text);
      if (this.pendingTexts.length > MAX_WAITING_TEXTS) {
        const dropped = this.pendingTexts.shift();
        this.log.warn(
          `quick-add: more than ${MAX_WAITING_TEXTS} texts waited for the window; dropped the oldest: ${JSON.stringify(dropped)}`,
        );
      }
    }
    this.windows.show('quickAdd');
    this.windows.send('quickAdd', 'quickAdd:shown', null);
  }

  /** The oldest text waiting for the window, or null: one per call, each exactly once. */
  takeDraft(): string | null {
    return this.pendingTexts.shift() ?? null;
  }
}
