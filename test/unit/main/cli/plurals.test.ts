import { describe, expect, it } from 'vitest';
import { summary } from '../../../../main/cli/commands/generate';
import { describeChange } from '../../../../main/runner/scenario-player';
import type { ExportReport } from '../../../../main/services/export';
import { autoscaleRange } from '../../../../shared/validation/rules/autoscale-range';
import { pipeline, run, worker } from '../../shared/validation/build';

// "1 edges", "1 replicas" and "file(s)" read as machine output: each count says its noun right.
describe('counted words in the CLI and the run log', () => {
  const report = (replaced: string[]): ExportReport => ({
    folder: 'out',
    files: [],
    stale: [],
    replaced,
    foreign: [],
  });

  it("names the replaced files of a re-export in the count's number", () => {
    expect(summary(report(['README.md']))).toContain('Replaced 1 generated file: README.md.');
    expect(summary(report(['README.md', 'package.json']))).toContain(
      'Replaced 2 generated files: README.md, package.json.',
    );
  });

  it('logs a scenario replica change as "1 replica" and "3 replicas"', () => {
    expect(describeChange({ type: 'replicas', replicas: 1 })).toBe('1 replica');
    expect(describeChange({ type: 'replicas', replicas: 3 })).toBe('3 replicas');
  });

  it('says an autoscaler without a queue stays at "1 replica"', () => {
    const doc = pipeline(
      [worker('w', { autoscale: { metric: 'waiting', targetPerReplica: 1, maxReplicas: 3 } })],
      [],
    );
    expect(run(autoscaleRange, doc)[0]?.message).toMatch(/so it stays at 1 replica$/);
  });
});
