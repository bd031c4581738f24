/**
 * A stand-in for a test process that dies without closing its rig: it starts a Syncthing pair in
 * the folder given as its argument, prints the pids, and exits as soon as its stdin ends, without
 * calling close(). Used by test/e2e/syncthing.e2e.test.ts.
 */
import { startSyncthingPair } from './syncthing';

const root = process.argv[2];
if (!root) throw new Error('usage: syncthingProbe.ts <empty folder>');
const pair = await startSyncthingPair(root);
process.stdout.write(`${JSON.stringify(pair.startedPids())}\n`);
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
