/** The run's progress, on stderr, with seconds since the start. */
export const T0 = Date.now();
export const log = (message: string): void =>
  void process.stderr.write(`[bench ${Math.round((Date.now() - T0) / 1000)}s] ${message}\n`);
