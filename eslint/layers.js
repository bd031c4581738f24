// @ts-check
/**
 * The `kinetic/layers` rule: who may import whom, read from one table (see eslint.config.js).
 * Relative imports are resolved to the file they name, so `../../db` from a feature is caught
 * however deep the feature sits; packages are matched by name, Node's built-ins as one group.
 */
import { isBuiltin } from 'node:module';
import path from 'node:path';

/**
 * @typedef {{ names: string[], message: string }} PackageGroup
 * @typedef {{
 *   layer: string,
 *   may: string[],
 *   not?: PackageGroup[],
 *   bridge?: boolean,
 * }} Layer
 */

const stripExt = (/** @type {string} */ p) => p.replace(/\.(tsx?|jsx?|mjs|cjs)$/, '');

/** The layer a repo-relative path (no extension) is in: the longest layer path that holds it. */
export function layerOf(/** @type {Layer[]} */ layers, /** @type {string} */ rel) {
  let best = /** @type {Layer | null} */ (null);
  for (const l of layers) {
    if ((rel === l.layer || rel.startsWith(`${l.layer}/`)) && (!best || l.layer.length > best.layer.length)) {
      best = l;
    }
  }
  return best;
}

/** The package an import names: `react-dom/client` → `react-dom`, `@scope/x/y` → `@scope/x`. */
const packageName = (/** @type {string} */ spec) =>
  spec
    .split('/')
    .slice(0, spec.startsWith('@') ? 2 : 1)
    .join('/');

/** @type {import('eslint').Rule.RuleModule} */
export const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Each layer imports only the layers and packages the table allows.' },
    schema: [
      {
        type: 'object',
        properties: { root: { type: 'string' }, layers: { type: 'array' } },
        required: ['root', 'layers'],
      },
    ],
  },
  create(context) {
    const { root, layers } = /** @type {{ root: string, layers: Layer[] }} */ (context.options[0]);
    const rel = (/** @type {string} */ abs) => stripExt(path.relative(root, abs).split(path.sep).join('/'));
    const own = layerOf(layers, rel(context.filename));
    if (!own) return {};

    /** @param {import('estree').Node} node @param {unknown} source */
    function check(node, source) {
      if (typeof source !== 'string') return;
      if (source.startsWith('.')) {
        const target = layerOf(layers, rel(path.resolve(path.dirname(context.filename), source)));
        if (target && !own?.may.includes(target.layer)) {
          context.report({
            node,
            message: `${own?.layer} may not import ${target.layer} ('${source}'). Allowed: ${own?.may.join(', ')}.`,
          });
        }
        return;
      }
      const name = isBuiltin(source) ? 'node:' : packageName(source);
      const group = own?.not?.find((g) => g.names.includes(name));
      if (group) context.report({ node, message: `'${source}': ${group.message}` });
    }

    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
      MemberExpression(node) {
        if (own?.bridge) return;
        const { object, property } = node;
        if (
          object.type === 'Identifier' &&
          object.name === 'window' &&
          property.type === 'Identifier' &&
          property.name === 'kinetic'
        ) {
          context.report({
            node,
            message: `${own?.layer} may not use window.kinetic: the bridge is renderer/ipc.ts, handed to stores by the window's entry.`,
          });
        }
      },
    };
  },
};
