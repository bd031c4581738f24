import type { KineticApi } from '../shared/api';

declare global {
  interface Window {
    /** Installed by the preload (or the e2e harness): one method per IPC channel. */
    readonly kinetic: KineticApi;
  }
}

export {};
