import type { KineticBridge } from '../shared/api';

declare global {
  interface Window {
    /** Installed by the preload (or the e2e harness): one method per IPC channel, answering with the envelope. */
    readonly kinetic: KineticBridge;
  }
}

export {};
