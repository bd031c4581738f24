/** Electronegativity's CSV report, and which of its findings fail `npm test`. */
export interface Finding {
  issue: string;
  severity: string;
  confidence: string;
  file: string;
  location: string;
  sample: string;
}

/**
 * Findings reviewed and accepted, with why.
 * - PRELOAD_JS_CHECK is a review note on every use of a preload script, not a flaw: Kinetic's
 *   preload (electron/preload) exposes exactly `window.kinetic`, whose every call main checks by
 *   sender and zod schema (electron/main/ipc/registry.ts), in sandboxed, context-isolated windows.
 */
export const ACCEPTED: Readonly<Record<string, string>> = {
  PRELOAD_JS_CHECK: 'the preload exposes only window.kinetic, every call checked in main',
};

/** Parses the CSV (quoted fields, commas inside quotes). */
export function parseFindings(csv: string): Finding[] {
  const rows = csv
    .split(/\r?\n/)
    .slice(1)
    .filter((line) => line.trim() !== '');
  return rows.map((line) => {
    const fields: string[] = [];
    let field = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (c === '"' && quoted && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = !quoted;
      else if (c === ',' && !quoted) {
        fields.push(field);
        field = '';
      } else field += c;
    }
    fields.push(field);
    const [issue = '', severity = '', confidence = '', file = '', location = '', sample = ''] = fields.map(
      (f) => f.trim(),
    );
    return {
      issue,
      severity: severity.toUpperCase(),
      confidence: confidence.toUpperCase(),
      file,
      location,
      sample,
    };
  });
}

/** Medium or high severity at firm or certain confidence, not accepted above. */
export function blockingFindings(findings: readonly Finding[]): Finding[] {
  return findings.filter(
    (f) =>
      ['MEDIUM', 'HIGH'].includes(f.severity) &&
      ['FIRM', 'CERTAIN'].includes(f.confidence) &&
      !Object.hasOwn(ACCEPTED, f.issue),
  );
}
