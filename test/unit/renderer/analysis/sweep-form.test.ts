import { describe, expect, it } from 'vitest';
import type { PipelineDocument } from '../../../../shared/document';
import { sweep } from '../../../../shared/simulation';
import {
  MAX_SWEEP_VALUES,
  defaultRange,
  parameterOptions,
  sweepAnswer,
  sweepValues,
} from '../../../../renderer/analysis/sweep-form';
import { welcomeDoc } from '../actions/fixtures';

function withConcurrency(concurrency: number): PipelineDocument {
  const doc = welcomeDoc();
  return {
    ...doc,
    nodes: doc.nodes.map((n) =>
      n.kind === 'worker' ? { ...n, config: { ...n.config, concurrency } } : n,
    ),
  };
}

const concurrency = { kind: 'concurrency', workerId: 'sender' } as const;

describe('what-if form', () => {
  it('offers each worker’s concurrency and replicas and each producer’s rate', () => {
    expect(parameterOptions(welcomeDoc()).map((o) => o.label)).toEqual([
      'signup-api · rate (jobs/s)',
      'email-sender · concurrency',
      'email-sender · replicas',
    ]);
    const cron = welcomeDoc();
    const producer = cron.nodes[0]!;
    if (producer.kind !== 'producer') throw new Error('fixture changed');
    cron.nodes[0] = {
      ...producer,
      config: { ...producer.config, arrival: { type: 'schedule', cron: '0 * * * *' } },
    };
    expect(parameterOptions(cron).map((o) => o.key)).toEqual([
      'concurrency:sender',
      'replicas:sender',
    ]);
  });

  it('proposes a range that reaches what queueing theory says is needed', () => {
    // 2.45 busy slots are needed: an overloaded worker at 2 gets 1…7.
    expect(defaultRange(withConcurrency(2), concurrency)).toEqual({ from: 1, to: 7, step: 1 });
    const roomy = defaultRange(withConcurrency(40), concurrency);
    expect(roomy.from).toBe(2);
    expect(roomy.to).toBe(42);
    expect(sweepValues(roomy, concurrency).length).toBeLessThanOrEqual(16);
    expect(defaultRange(welcomeDoc(), { kind: 'rate', producerId: 'signup' })).toEqual({
      from: 10,
      to: 60,
      step: 5,
    });
  });

  it('lists the values of a range and says what is wrong with a bad one', () => {
    expect(sweepValues({ from: 1, to: 7, step: 2 }, concurrency)).toEqual([1, 3, 5, 7]);
    expect(
      sweepValues({ from: 0.5, to: 1.5, step: 0.25 }, { kind: 'rate', producerId: 'p' }),
    ).toEqual([0.5, 0.75, 1, 1.25, 1.5]);
    expect(() => sweepValues({ from: 1.5, to: 4, step: 1 }, concurrency)).toThrow(
      'A concurrency is a whole number: use whole numbers for from, to and step',
    );
    expect(() => sweepValues({ from: 0, to: 4, step: 1 }, concurrency)).toThrow(
      'From must be above 0',
    );
    expect(() => sweepValues({ from: 5, to: 4, step: 1 }, concurrency)).toThrow(
      'To must be at least From',
    );
    expect(() => sweepValues({ from: 1, to: 4, step: 0 }, concurrency)).toThrow(
      'Step must be above 0',
    );
    expect(() => sweepValues({ from: 1, to: 100, step: 1 }, concurrency)).toThrow(
      `That is 100 values; at most ${MAX_SWEEP_VALUES}`,
    );
    expect(() => sweepValues({ from: NaN, to: 4, step: 1 }, concurrency)).toThrow(
      'From, to and step must be numbers',
    );
  });

  it('answers with the smallest concurrency, or the largest rate, that meets the target', () => {
    const result = sweep(withConcurrency(2), concurrency, [1, 2, 3, 4, 6, 8], {
      durationMs: 120_000,
      replications: 3,
    });
    const answer = sweepAnswer(result, 500);
    expect(answer.question).toBe('Smallest concurrency that keeps p95 wait under 500 ms');
    expect(answer.point?.value).toBeGreaterThanOrEqual(3);
    expect(answer.atEdge).toBe(false);
    // Concurrency 1 and 2 cannot keep up: no answer among them.
    const tooFew = { ...result, points: result.points.slice(0, 2) };
    expect(sweepAnswer(tooFew, 500).point).toBeUndefined();
    // The first value tried already meets it: lower ones might too.
    const roomy = { ...result, points: result.points.slice(3) };
    expect(sweepAnswer(roomy, 500)).toMatchObject({ atEdge: true, point: { value: 4 } });
    const rates = sweep(welcomeDoc(), { kind: 'rate', producerId: 'signup' }, [10, 40, 120, 200], {
      durationMs: 60_000,
      replications: 2,
    });
    const most = sweepAnswer(rates, 1000);
    expect(most.question).toBe('Largest rate that keeps p95 wait under 1,000 ms');
    expect(most.point?.value).toBe(40);
  });
});
