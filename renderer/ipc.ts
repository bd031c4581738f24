import type { KineticApi } from '../shared/api';

/** The typed bridge to the main process (window.kinetic, installed by the preload). */
export const kinetic: KineticApi = window.kinetic;
