import { describe, expect, it } from 'vitest';
import { ACCEPTED, blockingFindings, parseFindings } from '../../scripts/ci/findings';

const CSV = `issue, severity, confidence, filename, location, sample, description, url
AUXCLICK_JS_CHECK,"MEDIUM","FIRM","electron/main/adapters/windows.ts","72:18","const win = new BrowserWindow({","Limit navigation",https://x
PRELOAD_JS_CHECK,"MEDIUM","FIRM","electron/main/adapters/windows.ts","93:10","preload: this.options.preload,","Review",https://x
OPEN_EXTERNAL_JS_CHECK,"MEDIUM","TENTATIVE","electron/main/adapters/electronApp.ts","82:40","if (a, b) open()","Review",https://x
CSP_GLOBAL_CHECK,"LOW","FIRM","out/renderer/main/index.html","5:0","default-src 'none'","CSP",https://x
LIMIT_NAVIGATION_GLOBAL_CHECK,"HIGH","CERTAIN","N/A","0:0",N/A,"Missing navigation limits",https://x
`;

describe('Electronegativity findings', () => {
  it('parses the CSV report, commas in quoted samples included', () => {
    const findings = parseFindings(CSV);
    expect(findings).toHaveLength(5);
    expect(findings[2]).toMatchObject({ issue: 'OPEN_EXTERNAL_JS_CHECK', sample: 'if (a, b) open()' });
  });

  it('blocks medium and high findings at firm or certain confidence, except the accepted preload note', () => {
    expect(blockingFindings(parseFindings(CSV)).map((f) => f.issue)).toEqual([
      'AUXCLICK_JS_CHECK',
      'LIMIT_NAVIGATION_GLOBAL_CHECK',
    ]);
    expect(Object.keys(ACCEPTED)).toEqual(['PRELOAD_JS_CHECK']);
  });
});
