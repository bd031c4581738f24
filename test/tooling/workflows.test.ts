/**
 * The GitHub workflows are valid against GitHub's schema (@action-validator/core, the library
 * behind @action-validator/cli) and call only scripts package.json has.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { describe, expect, it } from 'vitest';
import { missingScripts, scriptsCalled } from '../../scripts/ci/workflowScripts';

const root = join(import.meta.dirname, '../..');
const dir = join(root, '.github/workflows');
const workflows = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
const scripts = (
  JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
).scripts;

describe('GitHub workflows', () => {
  it('there is a CI workflow', () => {
    expect(workflows).toContain('ci.yml');
  });

  it.each(workflows)('%s is valid against GitHub’s workflow schema', (file) => {
    const result = validateWorkflow(readFileSync(join(dir, file), 'utf8')) as { errors: unknown[] };
    expect(result.errors).toEqual([]);
  });

  it.each(workflows)('%s calls only scripts that exist', (file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    expect(missingScripts(text, scripts)).toEqual([]);
  });

  it('ci.yml runs the tests, real Electron and packaging on the three desktops with Node 22', () => {
    const text = readFileSync(join(dir, 'ci.yml'), 'utf8');
    expect(scriptsCalled(text)).toEqual(['package:dir', 'test', 'test:electron', 'test:package']);
    expect(text).toContain('os: [ubuntu-24.04, macos-15, windows-2025]');
    expect(text).toContain('node-version: 22');
    expect(text).toContain('xvfb-run --auto-servernum -- npm run test:electron');
    expect(text).toContain('run: npm ci');
  });

  it('ci.yml and .ci/run install Syncthing for the two-device sync e2e tests', () => {
    const text = readFileSync(join(dir, 'ci.yml'), 'utf8');
    expect(text).toContain('sudo apt-get install -y syncthing');
    expect(text).toContain('brew install syncthing');
    const ciRun = readFileSync(join(root, '.ci/run'), 'utf8');
    expect(ciRun).toContain('apt-get install -y syncthing');
    // Installed before the tests run.
    expect(ciRun.indexOf('install -y syncthing')).toBeLessThan(ciRun.lastIndexOf('\nnpm test'));
  });

  it('the validator refuses a broken workflow, and the script check finds a missing script', () => {
    const broken = 'name: x\non: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps: 3\n';
    expect((validateWorkflow(broken) as { errors: unknown[] }).errors.length).toBeGreaterThan(0);
    expect(missingScripts('run: xvfb-run -- npm run test:nothing && npm test', { test: 'x' })).toEqual([
      'test:nothing',
    ]);
  });
});

describe('test:electron', () => {
  it('is not part of npm test', () => {
    expect(scripts['test']).not.toContain('test:electron');
    expect(scripts['test:unit']).not.toContain('electron');
  });
});
