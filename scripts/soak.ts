/**
 * `npm run soak`: 500 rounds of save → SIGKILL the browser → relaunch → look for the task, with
 * Chromium's own behaviour after a kill (its occasional reset of IndexedDB included).
 * Prints `lost: N of 500`; exits non-zero when anything was lost. SOAK_ROUNDS sets the count,
 * SOAK_DELETE_DB=1 also deletes the IndexedDB folder after every kill.
 */
import { runCrashRounds } from '../test/e2e/harness/crash';

const ROUNDS = Number(process.env['SOAK_ROUNDS'] ?? 500);

runCrashRounds(ROUNDS, {
  deleteDatabase: process.env['SOAK_DELETE_DB'] === '1',
  progress: (round, lost) => {
    if (round > 0 && round % 10 === 0) console.log(`round ${round}: lost ${lost}`);
  },
})
  .then((result) => {
    console.log(`lost: ${result.lost} of ${result.rounds}`);
    if (result.missing.length) console.log(`missing: ${result.missing.join(', ')}\n${result.diagnosis}`);
    process.exit(result.lost === 0 ? 0 : 1);
  })
  .catch((error: unknown) => {
    console.error(error);
    process.exit(2);
  });
