/**
 * The npm scripts a GitHub workflow calls: `npm run <name>`, `npm test`, `npm start`, whether
 * directly or behind xvfb-run. `npm ci` and `npx …` are npm's own, not scripts.
 */
export function scriptsCalled(workflow: string): string[] {
  const called = new Set<string>();
  for (const match of workflow.matchAll(
    /\bnpm\s+(?:run(?:-script)?\s+([\w:.-]+)|(test|start|stop|restart)\b)/g,
  )) {
    const name = match[1] ?? match[2];
    if (name) called.add(name);
  }
  return [...called].sort();
}

/** The scripts `workflow` calls that `scripts` (package.json's) lacks. */
export function missingScripts(workflow: string, scripts: Readonly<Record<string, string>>): string[] {
  return scriptsCalled(workflow).filter((name) => !(name in scripts));
}
