import { fromBridge, type KineticApi } from '../shared/api';

/**
 * The typed API to the main process, over window.kinetic (installed by the preload): calls
 * resolve to their reply or reject with a KineticIpcError whose `code` says why.
 */
export const kinetic: KineticApi = fromBridge(window.kinetic);
