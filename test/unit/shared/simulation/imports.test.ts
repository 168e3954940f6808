import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = join(import.meta.dirname, '../../../../shared/simulation');

/** Each module of shared/simulation and the sibling modules it imports (types included). */
function siblingImports(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const text = readFileSync(join(dir, file), 'utf8');
    const targets = [...text.matchAll(/from '\.\/([\w-]+)'/g)].map((m) => `${m[1]}.ts`);
    graph.set(file, targets);
  }
  return graph;
}

/** The first import cycle found, as a path of files, or null. */
function findCycle(graph: Map<string, string[]>): string[] | null {
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (file: string): string[] | null => {
    const at = path.indexOf(file);
    if (at >= 0) return [...path.slice(at), file];
    if (done.has(file)) return null;
    path.push(file);
    for (const next of graph.get(file) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    done.add(file);
    return null;
  };
  for (const file of graph.keys()) {
    const cycle = visit(file);
    if (cycle) return cycle;
  }
  return null;
}

describe('shared/simulation modules', () => {
  it('import each other without a cycle (engine → measure, report → sim-state)', () => {
    const graph = siblingImports();
    expect(graph.get('measure.ts')).not.toContain('engine.ts');
    expect(graph.get('report.ts')).not.toContain('engine.ts');
    expect(findCycle(graph)).toBeNull();
  });

  it('keeps every module under 300 lines', () => {
    const long = [...siblingImports().keys()]
      .map((file) => [file, readFileSync(join(dir, file), 'utf8').split('\n').length] as const)
      .filter(([, lines]) => lines > 300);
    expect(long).toEqual([]);
  });
});
