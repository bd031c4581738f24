/** A message for the user from any error (IPC refusals carry a `[code] channel:` prefix, dropped here). */
export function errorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^Error invoking remote method '[^']*': /, '').replace(/^\[[\w-]+\] [\w:]+: /, '');
}
