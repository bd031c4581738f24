// Every unit test runs with a fixed time zone (vitest.config.ts sets TZ) so that day keys and
// "local midnight" are the same on every machine.
if (process.env.TZ !== 'Europe/Berlin') {
  throw new Error(`Unit tests expect TZ=Europe/Berlin, got ${process.env.TZ ?? 'unset'}`);
}
