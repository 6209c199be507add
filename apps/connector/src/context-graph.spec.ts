import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/**
 * The contexts' import graph (ADR 0018), drawn from the connector's own code (tests aside): it has no cycle, and
 * every folder of apps/connector/src is either a context the lint rule knows or a floor it names. The lint rule
 * checks each import on its own; this checks the graph they make together.
 */
const SRC = dirname(fileURLToPath(import.meta.url));
// The lint rule's own list (a plain JS module outside the TypeScript project, hence the untyped import).
const RULE: string = '../../../eslint/house-boundaries.js';
const { CONTEXTS } = (await import(RULE)) as { CONTEXTS: string[] };
const NOT_CONTEXTS = ['config', 'database', 'doctor', 'http'];

const isTest = (file: string) => /\.(spec|integration-spec|e2e-spec)\.ts$/.test(file) || file.split(sep).includes('testing');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !isTest(path) ? [path] : [];
  });
}

const contextOf = (file: string): string | null => {
  const parts = relative(SRC, file).split(sep);
  return parts.length > 1 && CONTEXTS.includes(parts[0]) ? parts[0] : null;
};

/** context → the contexts its files import (type-only imports included: they are part of the drawing). */
function contextGraph(): Map<string, Set<string>> {
  const graph = new Map(CONTEXTS.map((context) => [context, new Set<string>()]));
  for (const file of sourceFiles(SRC)) {
    const from = contextOf(file);
    if (!from) continue;
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
    for (const statement of source.statements) {
      const specifier =
        (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)
          ? statement.moduleSpecifier.text
          : null;
      if (!specifier?.startsWith('.')) continue;
      const to = contextOf(resolve(dirname(file), specifier));
      if (to && to !== from) graph.get(from)!.add(to);
    }
  }
  return graph;
}

function firstCycle(graph: Map<string, Set<string>>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): string[] | null => {
    if (state.get(node) === 'done') return null;
    if (state.get(node) === 'open') return [...path.slice(path.indexOf(node)), node];
    state.set(node, 'open');
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(node, 'done');
    return null;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return null;
}

describe("the connector's context graph", () => {
  it('has no cycle between contexts', () => {
    expect(firstCycle(contextGraph())).toBeNull();
  });

  it('finds a cycle when there is one (the check can fail)', () => {
    const graph = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['c'])],
      ['c', new Set(['a'])],
    ]);
    expect(firstCycle(graph)).toEqual(['a', 'b', 'c', 'a']);
  });

  it('knows every folder of apps/connector/src as a context or a named floor', () => {
    const folders = readdirSync(SRC).filter((name) => statSync(join(SRC, name)).isDirectory());
    expect(folders.filter((name) => !CONTEXTS.includes(name) && !NOT_CONTEXTS.includes(name))).toEqual([]);
  });

  it('gives every context one entry file', () => {
    expect(CONTEXTS.filter((context) => !statSync(join(SRC, context, 'index.ts'), { throwIfNoEntry: false })?.isFile())).toEqual([]);
  });
});
