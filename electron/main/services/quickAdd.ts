import type { WindowsPort } from '../ports';

export type CaptureSource = 'shortcut' | 'tray' | 'url' | 'cli' | 'window';

/**
 * The one quick-add path. The global shortcut, the tray, `kinetic://add` links and
 * `kinetic --add` all land here: the small quick-add window (created hidden at start, so it
 * appears at once) is shown, prefilled with any text. Text that arrives before the window has
 * loaded waits here until the window takes it, so it is never lost.
 */
export class QuickAddService {
  private pendingText: string | null = null;
  private lastSource: CaptureSource | null = null;

  constructor(private readonly windows: WindowsPort) {}

  open(source: CaptureSource, text: string | null = null): void {
    if (text !== null) this.pendingText = text;
    this.lastSource = source;
    this.windows.show('quickAdd');
    this.windows.send('quickAdd', 'quickAdd:shown', { text });
  }

  /**
   * The window takes the text that came with the last open (on load and on every `quickAdd:shown`),
   * so text sent before the window could listen still arrives, exactly once.
   */
  takeDraft(): string | null {
    const text = this.pendingText;
    this.pendingText = null;
    return text;
  }

  /** Where the window was last opened from. */
  source(): CaptureSource | null {
    return this.lastSource;
  }

  hide(): void {
    this.windows.hide('quickAdd');
  }
}
