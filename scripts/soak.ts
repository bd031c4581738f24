/**
 * `npm run soak`: 100 rounds of save → SIGKILL the browser → relaunch → look for the task.
 * Prints `lost: N of 100`; exits non-zero when anything was lost.
 */
import { runCrashRounds } from '../test/e2e/harness/crash';

const ROUNDS = Number(process.env['SOAK_ROUNDS'] ?? 100);

runCrashRounds(ROUNDS, (round, lost) => {
  if (round > 0 && round % 10 === 0) console.log(`round ${round}: lost ${lost}`);
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
