import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../../main/cli';
import { spikeDocument } from '../../shared/simulation/documents';

/** `simulate --sweep-autoscale`: the spike of test/unit/shared/simulation/autoscale-sweep.test.ts. */

const dir = mkdtempSync(join(tmpdir(), 'pipewright-sweep-autoscale-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, 'spike.pipewright.json'), JSON.stringify(spikeDocument()));

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['simulate', 'spike.pipewright.json', ...args], {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    cwd: dir,
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const grid = ['--targets', '0.5,5', '--max-replicas', '1,2', '--min-replicas', '1,2'];
const sweep = ['--sweep-autoscale', 'w', '--p95', '500', '--duration', '2m'];

describe('pipewright simulate --sweep-autoscale', () => {
  it('prints every policy tried and the cheapest that holds', async () => {
    const { code, out, err } = await cli(...sweep, '--replications', '2', ...grid);
    expect(err).toBe('');
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines[0]).toBe('Cheapest autoscale policy for "w": p95 wait under 500 ms');
    expect(lines[2]).toMatch(
      /^per replica\s+min\s+max\s+replica-s\s+p95 wait \(95% upper\)\s+holds$/,
    );
    expect(lines[3]).toMatch(/^0\.5\s+1\s+2\s+151\s+0 ms\s+yes$/);
    expect(lines.filter((l) => /\s(yes|no)$/.test(l))).toHaveLength(6);
    expect(lines.at(-1)).toBe(
      'best: {"metric":"waiting+delayed","targetPerReplica":0.5,"maxReplicas":2,"pollMs":1000,"cooldownMs":30000,"minReplicas":1} — 151 replica-s',
    );
  });

  it('gives the result as JSON, and exit 1 when no policy holds', async () => {
    const { code, out } = await cli(
      ...sweep,
      '--max-replicas',
      '1',
      '--min-replicas',
      '1',
      '--targets',
      '1',
      '--json',
    );
    expect(code).toBe(1);
    const result = JSON.parse(out) as { best?: unknown; candidates: unknown[] };
    expect(result.best).toBeUndefined();
    expect(result.candidates).toHaveLength(1);
  });

  it('says what is wrong with the flags', async () => {
    expect((await cli('--sweep-autoscale', 'nope', '--p95', '5')).err).toBe(
      'pipewright simulate: --sweep-autoscale "nope": no worker has that id or name',
    );
    expect((await cli('--sweep-autoscale', 'w')).err).toBe(
      'pipewright simulate: --sweep-autoscale needs --p95 MS, the p95 target in ms (a number > 0)',
    );
    const bad = await cli('--sweep-autoscale', 'w', '--p95', '5', '--targets', '1,,x');
    expect(bad.code).toBe(2);
    expect(bad.err).toBe(
      'pipewright simulate: --targets "1,,x" must be numbers separated by commas, e.g. 1,2,4',
    );
  });
});
