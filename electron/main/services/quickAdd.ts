import { MAX_WAITING_TEXTS } from '../../../shared/ipc';
import type { Logger } from '../ports';
import type { WindowsPort } from '../ports';

export type CaptureSource = 'shortcut' | 'tray' | 'url' | 'cli' | 'window';

/**
 * The one quick-add path. The global shortcut, the tray, `kinetic://add` links and
 * `kinetic --add` all land here: the small quick-add window (created hidden at start, so it
 * appears at once) is shown, prefilled with any text. Text that arrives before the window has
 * loaded waits here until the window takes it, so it is never lost: several texts that arrive
 * before the window takes them (two links clicked at once) wait in order. Past MAX_WAITING_TEXTS the
 * oldest goes, and the log says which text it was.
 */
export class QuickAddService {
  private readonly pendingTexts: string[] = [];
  private lastSource: CaptureSource | null = null;

  constructor(
    private readonly windows: WindowsPort,
    private readonly log: Logger,
  ) {}

  open(source: CaptureSource, text: string | null = null): void {
    if (text !== null) {
      this.pendingTexts.push(text);
      if (this.pendingTexts.length > MAX_WAITING_TEXTS) {
        const dropped = this.pendingTexts.shift();
        this.log.warn(
          `quick-add: more than ${MAX_WAITING_TEXTS} texts waited for the window; dropped the oldest: ${JSON.stringify(dropped)}`,
        );
      }
    }
    this.lastSource = source;
    this.windows.show('quickAdd');
    this.windows.send('quickAdd', 'quickAdd:shown', { text });
  }

  /**
   * The window takes the texts that came with opens, oldest first, one per call until null (on
   * load and on every `quickAdd:shown`), so text sent before the window could listen still
   * arrives, exactly once.
   */
  takeDraft(): string | null {
    return this.pendingTexts.shift() ?? null;
  }

  /** Where the window was last opened from. */
  source(): CaptureSource | null {
    return this.lastSource;
  }

  hide(): void {
    this.windows.hide('quickAdd');
  }
}
