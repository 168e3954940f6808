import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../../../main/cli';
import type { RunSummary } from '../../../../shared/metrics/types';
import { simulate } from '../../../../shared/simulation/run';
import {
  edge,
  flood as floodDocument,
  mmc,
  pipeline,
  producer,
  queue,
  worker,
  zeroTimeLoop,
} from '../../shared/simulation/documents';

const dir = mkdtempSync(join(tmpdir(), 'pipewright-simulate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, content: unknown) => {
  writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  return name;
};

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['simulate', ...args], {
    out: (t) => out.push(t),
    err: (t) => err.push(t),
    cwd: dir,
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const mm1 = write('mm1.pipewright.json', mmc(8, { type: 'exponential', meanMs: 100 }, 1));
const overloaded = write('over.pipewright.json', mmc(12, { type: 'exponential', meanMs: 100 }, 1));

describe('pipewright simulate', () => {
  it('prints a table per node with the theory beside the queues', async () => {
    const { code, out } = await cli(mm1, '--duration', '30m', '--warmup', '1m', '--seed', '3');
    expect(code).toBe(0);
    expect(out).toMatch(/^M\/exponential\/1: simulated 30 min after a 1 min warm-up, seed 3/);
    expect(out).toMatch(/^producer\s+created\s+jobs\/s$/m);
    expect(out).toMatch(/^p\s+[\d,]+\s+\d(\.\d{1,2})?$/m);
    expect(out).toMatch(/^q\s+[\d,]+\s+[\d.]+ ms .* stable\s+ρ 0\.8, wait 400 ms$/m);
    expect(out).toMatch(/^w\s+[\d,]+\s+0\s+0\s+[\d.]+\s+[\d.]+%/m);
    expect(out).toMatch(/^end to end: mean [\d.]+ ms/m);
  });

  it('prints the summary object with --json, the same for the same seed', async () => {
    const a = await cli(mm1, '--jobs', '5000', '--seed', '7', '--json');
    const b = await cli(mm1, '--jobs', '5000', '--seed', '7', '--json');
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    const summary = JSON.parse(a.out) as RunSummary;
    expect(summary).toMatchObject({ format: 'pipewright-summary/v1', mode: 'simulate', seed: 7 });
    expect(summary.nodes.p).toMatchObject({ kind: 'producer', created: 5000 });
    expect(Object.keys(summary.nodes)).toEqual(['p', 'q', 'w']);
  });

  it('adds 95 % confidence half-widths with --replications, and shows growing queues', async () => {
    const json = await cli(mm1, '--duration', '5m', '--replications', '4', '--json');
    const summary = JSON.parse(json.out) as RunSummary;
    expect(summary.replications).toBe(4);
    // t(0.975, 3) × sd / √4 over the four seeds' mean waits, each simulated on its own.
    const waits = [1, 2, 3, 4].map((seed) => {
      const q = simulate(mmc(8, { type: 'exponential', meanMs: 100 }, 1), {
        durationMs: 300_000,
        seed,
      }).nodes.q!;
      return q.kind === 'queue' ? q.waitMs.mean : NaN;
    });
    const mean = waits.reduce((a, b) => a + b, 0) / 4;
    const sd = Math.sqrt(waits.reduce((a, w) => a + (w - mean) ** 2, 0) / 3);
    expect(sd).toBeGreaterThan(0);
    expect(summary.nodes.q!.ci95).toMatchObject({
      waitMs: { mean: expect.closeTo((3.182 * sd) / 2, 6) },
    });
    const table = await cli(
      overloaded,
      '--duration',
      '10m',
      '--replications',
      '2',
      '--interval',
      '5s',
    );
    expect(table.out).toMatch(/2 replications \(± 95 % confidence\)/);
    expect(table.out).toMatch(/GROWING since [\d.]+ (s|min)/);
    expect(table.out).toMatch(/ρ 1\.2 UNSTABLE \(workers\)/);
    expect(table.out).toMatch(/^error: queue "q" will grow without bound/m);
  });

  it('refuses bad flags with a clear message and exit status 2', async () => {
    const cases: Array<[string[], RegExp]> = [
      [[mm1, '--duration', 'ten'], /--duration "ten" must be a time from 1ms to 366d/],
      [[mm1, '--duration', '0s'], /--duration "0s" must be a time/],
      [[mm1, '--duration', '400d'], /--duration "400d" must be a time/],
      [[mm1, '--warmup=-1m'], /--warmup "-1m" must be a time from 0/],
      [[mm1, '--jobs', '1.5'], /--jobs "1.5" must be a whole number from 1/],
      [[mm1, '--seed', 'x'], /--seed "x" must be a whole number/],
      [[mm1, '--replications', '0'], /--replications "0" must be a whole number from 1 to 1000/],
      [[mm1, '--jobs', '10', '--duration', '1m'], /either --duration or --jobs, not both/],
      [[mm1, '--speed', '2'], /Unknown option '--speed'/],
      [[], /name exactly one pipeline file/],
      [[mm1, mm1], /name exactly one pipeline file/],
    ];
    for (const [args, message] of cases) {
      const { code, err } = await cli(...args);
      expect(code, args.join(' ')).toBe(2);
      expect(err).toMatch(message);
    }
  });

  it('says what is wrong with the file', async () => {
    const missing = await cli('missing.pipewright.json');
    expect(missing).toMatchObject({
      code: 2,
      err: 'missing.pipewright.json: (file): no such file',
    });
    const broken = await cli(write('broken.json', '{ "format": "pipewright/v1", '));
    expect(broken.code).toBe(2);
    expect(broken.err).toMatch(/^broken\.json: /);
    const unsimulatable = write(
      'two-inputs.pipewright.json',
      pipeline(
        'two inputs',
        [
          producer('p', { type: 'poisson', ratePerSec: 1 }),
          queue('a'),
          queue('b'),
          worker('w', { type: 'fixed', ms: 1 }),
        ],
        [edge('p', 'a'), edge('a', 'w'), edge('b', 'w')],
      ),
    );
    const model = await cli(unsimulatable);
    expect(model.code).toBe(1);
    expect(model.err).toMatch(
      /worker "w" consumes 2 queues \("a", "b"\); a BullMQ worker consumes exactly one/,
    );
  });

  describe('budgets: it stops early, says why, and exits 1', () => {
    const flood = write('flood.pipewright.json', floodDocument());

    it('ends the zero-time loop of issue 11 (it hung for ever) and names the loop', async () => {
      const loop = write('loop.pipewright.json', zeroTimeLoop());
      const { code, out } = await cli(loop, '--duration', '1s');
      expect(code).toBe(1);
      expect(out).toMatch(
        /^STOPPED EARLY at [\d.]+ ms of simulated time \(10,000,\d{3} events, 1 jobs in the model\); the figures below cover only the span before the stop\.$/m,
      );
      expect(out).toMatch(/^Stopped early at [\d.]+ ms of 1 s: simulated time stopped advancing/m);
      expect(out).toMatch(/^error: jobs go round "q", "w" without time passing/m);
    });

    it('stops a flood at the memory bound: the table lists the growing queue', async () => {
      const { code, out, err } = await cli(flood);
      expect(code).toBe(1);
      expect(err).toBe('');
      expect(out).toMatch(/^flood: simulated 2\.1 s, seed 1$/m);
      expect(out).toMatch(/^growing queue\s+depth\s+growth jobs\/s$/m);
      expect(out).toMatch(/^q\s+2,097,152\s+(999,999|1,000,000)$/m);
    });

    it('puts the stop in the --json summary and says it on stderr too', async () => {
      const { code, out, err } = await cli(flood, '--json', '--max-events', '100000');
      expect(code).toBe(1);
      const summary = JSON.parse(out) as RunSummary;
      expect(summary.stoppedEarly).toMatchObject({
        reason: 'events',
        events: 100_000,
        atMs: expect.closeTo(100, 0),
        growingQueues: [{ id: 'q', name: 'q', depth: expect.any(Number) }],
      });
      expect(err).toMatch(/Growing: "q" \([\d,]+ jobs, \+[\d,]+\/s\)\.$/);
      expect(err.startsWith(`${flood}: ${summary.stoppedEarly!.message} Growing:`)).toBe(true);
      expect(err).toMatch(/the run used its budget of 100,000 events/);
    });

    it('refuses a budget that is not a whole number', async () => {
      const { code, err } = await cli(flood, '--max-events', '1e3');
      expect(code).toBe(2);
      expect(err).toMatch(/--max-events "1e3" must be a whole number from 1000 to 10000000000/);
    });
  });

  it('explains itself with --help and is listed in the usage', async () => {
    const help = await cli('--help');
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/--replications N/);
    expect(help.out).toMatch(
      /--max-events N\s+event budget of each replication \(default 50,000,000\)/,
    );
    expect(help.out).toMatch(
      /Exit status: 0 done, 1 the pipeline cannot be simulated \(also JSON that is not a valid pipeline\)\s+or the run stopped early at a budget,/,
    );
    const out: string[] = [];
    await main(['--help'], { out: (t) => out.push(t), err: () => {}, cwd: dir });
    expect(out.join('\n')).toMatch(/pipewright simulate <file>/);
  });
  it('says when a producer cannot fire in the window, and what duration would include it', async () => {
    const nightly = write(
      'nightly.pipewright.json',
      pipeline(
        'nightly',
        [
          producer('scheduler', { type: 'schedule', cron: '0 2 * * *' }),
          queue('q'),
          worker('w', { type: 'fixed', ms: 50 }),
        ],
        [edge('scheduler', 'q'), edge('q', 'w')],
      ),
    );
    const short = await cli(nightly);
    expect(short.code).toBe(0);
    expect(short.out).toContain(
      'note: producer "scheduler" created no jobs: its first job is due at 2h of simulated ' +
        'time, after the 10m simulated. Simulate with --duration 24h to include it.',
    );
    const day = await cli(nightly, '--duration', '24h');
    expect(day.out).toMatch(/^scheduler\s+1\s/m);
    expect(day.out).not.toContain('note: producer');
  });
});

/** The outage of test/unit/shared/simulation/scenario.test.ts, whose figures are worked out there. */
const outageDoc = {
  ...pipeline(
    'Outage',
    [
      producer('p', { type: 'constant', ratePerSec: 10 }),
      queue('q', { attempts: 3, backoff: { type: 'fixed', delayMs: 1010 } }),
      worker('w', { type: 'fixed', ms: 50 }, 10),
      queue('dlq'),
    ],
    [edge('p', 'q'), edge('q', 'w'), edge('w', 'dlq', { on: 'failed', id: 'w->dlq' })],
  ),
  scenario: {
    events: [
      {
        id: 'down',
        name: 'Payment API down',
        nodeId: 'w',
        atMs: 10_000,
        durationMs: 5_000,
        change: { type: 'failureRate', failureRate: 1 },
      },
    ],
  },
};
const outage = write('outage.pipewright.json', outageDoc);

describe('pipewright simulate with a scenario', () => {
  it("plays the document's scenario and prints each event's figures", async () => {
    const { code, out } = await cli(outage, '--duration', '30s');
    expect(code).toBe(0);
    expect(out).toMatch(/^scenario event\s+change\s+from\s+to\s+backlog before\s+peak \(at\)/m);
    expect(out).toMatch(
      /^Payment API down\s+failure rate 100% on "w"\s+10 s\s+15 s\s+0\s+21 \(12\.1 s\)\s+960 ms\s+89\s+2\.53\s+29\s+29\s+12\.2 s – 15 s$/m,
    );
  });

  it('puts the figures in the --json summary', async () => {
    const { code, out } = await cli(outage, '--duration', '30s', '--json');
    expect(code).toBe(0);
    const summary = JSON.parse(out) as RunSummary;
    expect(summary.scenario).toEqual([
      expect.objectContaining({
        id: 'down',
        peakBacklog: 21,
        peakAtMs: 12_050,
        drainMs: 960,
        retries: 89,
        failed: 29,
        deadLettered: 29,
      }),
    ]);
  });

  it('replaces the scenario with --scenario FILE, and notes events past the span', async () => {
    const file = write('pause.json', {
      events: [
        { id: 'hold', nodeId: 'q', atMs: 1000, durationMs: 1000, change: { type: 'pause' } },
        { id: 'later', name: 'Friday', nodeId: 'q', atMs: 60_000, change: { type: 'pause' } },
      ],
    });
    const json = await cli(outage, '--duration', '5s', '--scenario', file, '--json');
    expect(json.code).toBe(0);
    const summary = JSON.parse(json.out) as RunSummary;
    expect(summary.scenario?.map((e) => [e.id, e.peakBacklog, e.drainMs])).toEqual([
      ['hold', 10, 0],
    ]);
    const text = await cli(outage, '--duration', '5s', '--scenario', file);
    expect(text.out).toContain(
      'note: scenario event "Friday" starts at 1 min, after the simulated span: it was not played',
    );
  });

  it('refuses a scenario file that cannot be read, is not JSON or is not a scenario', async () => {
    const missing = await cli(outage, '--scenario', 'nowhere.json');
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/^nowhere\.json: /);
    const notJson = await cli(outage, '--scenario', write('bad.json', '{events'));
    expect(notJson.code).toBe(2);
    expect(notJson.err).toMatch(
      /^bad\.json: not JSON .*give a file like \{"events": \[\.\.\.\]\}$/,
    );
    const wrong = await cli(
      outage,
      '--scenario',
      write('wrong.json', {
        events: [{ id: 'x', nodeId: 'w', atMs: -1, change: { type: 'pause' } }],
      }),
    );
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/^wrong\.json: events\[0\]\.atMs: /m);
  });

  it('refuses a scenario the simulator cannot play, saying what to fix', async () => {
    const file = write('kind.json', {
      events: [{ id: 'x', nodeId: 'q', atMs: 0, change: { type: 'failureRate', failureRate: 1 } }],
    });
    const { code, err, out } = await cli(outage, '--scenario', file);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toBe(
      `${outage} with kind.json: scenario event "x" changes the failure rate of queue "q", but only a worker has one ` +
        '(point the event at a worker, or pick a change that a queue has (pause))',
    );
  });

  it('prints what an autoscaled worker did and what it cost', async () => {
    const doc = structuredClone(outageDoc);
    const w = doc.nodes[2]!;
    if (w.kind !== 'worker') throw new Error('worker expected');
    w.config.autoscale = {
      metric: 'waiting',
      targetPerReplica: 5,
      maxReplicas: 3,
      pollMs: 1000,
      cooldownMs: 2000,
    };
    const file = write('scaled.pipewright.json', doc);
    const { code, out } = await cli(file, '--duration', '30s');
    expect(code).toBe(0);
    expect(out).toMatch(
      /^autoscaled worker\s+replicas mean\s+min\s+max\s+scale-ups\s+scale-downs\s+replica-s$/m,
    );
    expect(out).toMatch(/^w\s+1\s+1\s+1\s+0\s+0\s+30$/m);
    // Retries in backoff are delayed jobs, which the waiting count leaves out: a warning says so.
    expect(out).toContain('warning: worker "w" autoscales on the waiting count of queue "q"');
    const json = JSON.parse((await cli(file, '--duration', '30s', '--json')).out) as RunSummary;
    expect(json.nodes.w).toMatchObject({ autoscale: { replicaSeconds: 30, scaleUps: 0 } });
  });
});
