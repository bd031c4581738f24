/**
 * Kinetic's main process: the composition root. Electron start-up and the ports live in
 * adapters/; the services and their wiring in kinetic.ts.
 */
import { runElectronApp } from './adapters/electronApp';
import { startKinetic } from './kinetic';

runElectronApp(startKinetic);
