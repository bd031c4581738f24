/**
 * Runs inside each page before the app's scripts (addInitScript). It installs `window.kinetic`
 * with the very same builder the Electron preload uses; invokes go through a Playwright binding
 * to the real main-process handler registry in the test process.
 */
import { createKineticBridge } from '../../../shared/api';
import type { IpcResult } from '../../../shared/ipc';

type Listener = (payload: unknown) => void;

declare global {
  interface Window {
    /** Answers as JSON text (see the harness). */
    __kineticInvoke?: (channel: string, payload: unknown) => Promise<string>;
    __kineticEmit?: (channel: string, payload: unknown) => void;
  }
}

const listeners = new Map<string, Set<Listener>>();

window.__kineticEmit = (channel, payload) => {
  for (const listener of listeners.get(channel) ?? []) listener(payload);
};

Object.defineProperty(window, 'kinetic', {
  value: createKineticBridge({
    invoke: (channel, payload) => {
      const invoke = window.__kineticInvoke;
      if (!invoke) return Promise.reject(new Error('The e2e bridge binding is missing'));
      // Structured-clone the payload like Electron's IPC does (undefined stays undefined).
      return invoke(channel, payload === undefined ? undefined : structuredClone(payload)).then(
        (text) => JSON.parse(text) as IpcResult<unknown>,
      );
    },
    subscribe: (channel, listener) => {
      let set = listeners.get(channel);
      if (!set) listeners.set(channel, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
  }),
  writable: false,
  configurable: false,
});
