/**
 * Requests that reach Kinetic from outside: `kinetic --add "text"` on the command line (also
 * forwarded by a second instance) and `kinetic://add?text=…` links. Pure parsing only.
 */
import { cleanOutsideText } from '../../../shared/text';

export interface AddRequest {
  kind: 'add';
  /** Text to prefill, or null to open an empty quick-add window. */
  text: string | null;
  via: 'cli' | 'url';
}

export const URL_SCHEME = 'kinetic';
const MAX_TEXT = 10_000;

/** Without controls: a bidirectional override could make the title read as another. */
function cleanText(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const trimmed = cleanOutsideText(text.slice(0, MAX_TEXT * 2))
    .trim()
    .slice(0, MAX_TEXT);
  return trimmed === '' ? null : trimmed;
}

/** `kinetic://add?text=call%20Sam` → an add request; anything else → null. */
export function parseKineticUrl(raw: string): AddRequest | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== `${URL_SCHEME}:`) return null;
  // `kinetic://add?…` puts "add" in the host; `kinetic:add?…` and `kinetic:///add` in the path.
  const action = (url.host || url.pathname.replace(/^\/+/, '')).replace(/\/+$/, '').toLowerCase();
  if (action !== 'add') return null;
  return { kind: 'add', text: cleanText(url.searchParams.get('text')), via: 'url' };
}

/**
 * Finds add requests in a process's argv (the first instance's, or the one a second instance
 * forwards). Recognizes `--add text`, `--add=text`, a bare `--add`, and `kinetic://` URLs.
 */
export function parseArgv(argv: readonly string[]): AddRequest[] {
  const requests: AddRequest[] = [];
  const taken = new Set<number>();
  for (let i = 0; i < argv.length; i++) {
    if (taken.has(i)) continue;
    const arg = argv[i] ?? '';
    if (arg === '--add') {
      // Chromium forwards a second instance's argv with every switch before the plain arguments
      // (and adds some, e.g. --allow-file-access-from-files): the text may follow other switches.
      let j = i + 1;
      while (isOtherSwitch(argv[j])) j++;
      const next = argv[j];
      if (next !== undefined && !next.startsWith('--') && !taken.has(j)) {
        requests.push({ kind: 'add', text: cleanText(next), via: 'cli' });
        taken.add(j);
      } else {
        requests.push({ kind: 'add', text: null, via: 'cli' });
      }
    } else if (arg.startsWith('--add=')) {
      requests.push({ kind: 'add', text: cleanText(arg.slice('--add='.length)), via: 'cli' });
    } else if (arg.toLowerCase().startsWith(`${URL_SCHEME}:`)) {
      const request = parseKineticUrl(arg);
      if (request) requests.push(request);
    }
  }
  return requests;
}

function isOtherSwitch(arg: string | undefined): boolean {
  return arg !== undefined && arg.startsWith('--') && arg !== '--add' && !arg.startsWith('--add=');
}
