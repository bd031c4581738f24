/**
 * The preload exposes exactly one object, `window.kinetic`, built from the IPC contract: one
 * method per channel (no generic send), nothing from Node or Electron.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createKineticBridge } from '../../shared/api';

const api = createKineticBridge({
  invoke: (channel, payload) => ipcRenderer.invoke(channel, payload),
  subscribe(channel, listener) {
    const handler = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(channel, handler);
    return () => {
      ipcRenderer.removeListener(channel, handler);
    };
  },
});

contextBridge.exposeInMainWorld('kinetic', api);
