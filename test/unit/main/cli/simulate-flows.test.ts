import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../../main/cli';
import { reportFlow } from '../../shared/validation/flow-fixtures';

const dir = mkdtempSync(join(tmpdir(), 'pipewright-simulate-flows-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(command: string, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main([command, ...args], {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    cwd: dir,
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('pipewright with a flow', () => {
  writeFileSync(join(dir, 'flow.pipewright.json'), JSON.stringify(reportFlow()));

  it('simulates it: parents waiting for children, and no theory wait for flow-fed queues', async () => {
    const { code, out } = await cli('simulate', 'flow.pipewright.json', '--duration', '2m');
    expect(code).toBe(0);
    expect(out).toMatch(/^parts\s.*ρ [\d.]+, wait — \(flow\) ≈$/m);
    expect(out).toMatch(/^assemble: parents waiting for their children mean [\d.]+ \/ max \d+$/m);
    expect(out).toContain('wait — (flow): a flow feeds the queue (fork-join)');
  });

  it('generates a project for it, adding the flow in the worker that fans out', async () => {
    const { code, err } = await cli('generate', 'flow.pipewright.json', '--out', 'out');
    expect(err).toBe('');
    expect(code).toBe(0);
    const read = (...path: string[]) => readFileSync(join(dir, 'out', 'src', ...path), 'utf8');
    expect(read('workers', 'split.ts')).toContain('await addFlow(flows, job, FLOW, result);');
    expect(read('flows.ts')).toContain('new FlowProducer({ connection, prefix: PREFIX })');
    expect(read('workers', 'merge.ts')).toContain('job.getChildrenValues<ChildValue>()');
  });
});
