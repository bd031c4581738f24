/**
 * Takes user text out of a log line: anything quoted (“…”, "…", '…') and the query of kinetic://
 * links. Kinetic's own messages quote user text, so logs without debug logging hold no task text.
 */
export function redactUserText(message: string): string {
  return message
    .replace(/“[^”]*”/g, '“…”')
    .replace(/"(?:[^"\\]|\\.)*"/g, '"…"')
    .replace(/'[^'\n]*'/g, "'…'")
    .replace(/(kinetic:\/\/[^\s?#]*)[?#]\S*/gi, '$1?…');
}
