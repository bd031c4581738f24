/**
 * Errors as the user reads them. Every store formats its messages here, never inline: the
 * sentence only (an IPC refusal's code is a field of KineticIpcError, not part of the text).
 */

/** The sentence of any error: its message, without the wrappers Electron or a refusal may add. */
export function errorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^Error invoking remote method '[^']*': /, '').replace(/^\[[\w-]+\] [\w:]+: /, '');
}

/** "Could not export: <why>", the form of a failed action's message. */
export function failed(action: string, error: unknown): string {
  return `${action}: ${errorMessage(error)}`;
}

/** The message as a sentence: ending in a full stop (or ! or ?). */
export function errorSentence(error: unknown): string {
  const message = errorMessage(error).trim();
  return /[.!?]$/.test(message) ? message : `${message}.`;
}
