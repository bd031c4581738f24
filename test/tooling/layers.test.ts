/**
 * The layer table in eslint.config.js, checked with the project's own config: for every layer,
 * an import of each layer it may not use, of each package it may not use, and (in the renderer)
 * a read of window.kinetic outside renderer/ipc.ts is refused, and the allowed imports are not.
 * A rule dropped or overridden by a later config block fails here.
 */
import { existsSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { LAYERS } from '../../eslint.config.js';

const root = join(import.meta.dirname, '../..');
type Layer = (typeof LAYERS)[number];

const isFolder = (layer: string): boolean =>
  existsSync(join(root, layer)) && statSync(join(root, layer)).isDirectory();
/** A file inside the layer, one folder down (features and stores sit in per-domain folders). */
const probe = (layer: string): string => (isFolder(layer) ? `${layer}/domain/probe.ts` : `${layer}.ts`);
/** An import of `target` as a file of `from` would write it. */
function specifier(from: string, target: string): string {
  const path = isFolder(target) ? `${target}/thing` : target;
  const rel = posix.relative(posix.dirname(from), path);
  return rel.startsWith('.') ? rel : `./${rel}`;
}

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

async function refusals(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'kinetic/layers').map((m) => m.message);
}

const names = LAYERS.map((l) => l.layer);
const forbidden = LAYERS.flatMap((l: Layer) =>
  names.filter((t) => !l.may.includes(t)).map((t) => [l.layer, t] as const),
);
const allowed = LAYERS.flatMap((l: Layer) => l.may.map((t) => [l.layer, t] as const));
const packages = LAYERS.flatMap((l: Layer) =>
  (l.not ?? []).flatMap((g) => g.names.map((n) => [l.layer, n === 'node:' ? 'node:fs' : n] as const)),
);

describe('layer rules (eslint.config.js LAYERS)', () => {
  it('has the rules the house states', () => {
    const may = (from: string, to: string): boolean => LAYERS.find((l) => l.layer === from)!.may.includes(to);
    expect(may('electron/main/services', 'renderer/db')).toBe(false);
    expect(may('electron/main/ipc', 'renderer')).toBe(false);
    expect(may('renderer/features', 'renderer/db')).toBe(false);
    expect(may('renderer/features', 'renderer/ipc')).toBe(false);
    expect(may('shared', 'electron/main')).toBe(false);
    expect(may('electron/main/services', 'electron/main/ipc')).toBe(false);
    // Unit tests and their fakes never reach into the e2e harness; no code imports a test.
    expect(may('test', 'test/e2e')).toBe(false);
    expect(may('test/e2e', 'test')).toBe(true);
    expect(LAYERS.filter((l) => !l.layer.startsWith('test')).some((l) => l.may.includes('test'))).toBe(false);
    expect(forbidden.length).toBeGreaterThan(50);
  });

  it.each(forbidden)('%s may not import %s', async (from, to) => {
    const file = probe(from);
    const messages = await refusals(file, `import '${specifier(file, to)}';\n`);
    expect(messages).toEqual([expect.stringContaining(`may not import ${to}`)]);
  });

  it.each(packages)('%s may not import the package %s', async (from, name) => {
    const messages = await refusals(probe(from), `import '${name}';\n`);
    expect(messages).toHaveLength(1);
  });

  it.each(allowed)('%s may import %s', async (from, to) => {
    const file = probe(from);
    expect(await refusals(file, `import '${specifier(file, to)}';\n`)).toEqual([]);
  });

  it('refuses dynamic imports and re-exports too', async () => {
    const file = probe('renderer/features');
    expect(await refusals(file, `export * from '../../db';\nexport { x } from '../../ipc';\n`)).toHaveLength(
      2,
    );
    expect(await refusals(file, `void import('../../db/tasks');\n`)).toHaveLength(1);
  });

  it.each(names.filter((n) => n.startsWith('renderer') && n !== 'renderer/ipc'))(
    '%s may not read window.kinetic',
    async (from) => {
      expect(await refusals(probe(from), `export const api = window.kinetic;\n`)).toHaveLength(1);
    },
  );

  it('renderer/ipc.ts is the one place that reads window.kinetic', async () => {
    expect(await refusals('renderer/ipc.ts', `export const api = window.kinetic;\n`)).toEqual([]);
  });
});
