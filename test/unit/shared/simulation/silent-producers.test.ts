import { describe, expect, it } from 'vitest';
import { compileModel } from '../../../../shared/simulation/model';
import {
  describeSilentProducer,
  silentProducers,
} from '../../../../shared/simulation/silent-producers';
import { edge, pipeline, producer, queue, worker } from './documents';

const service = { type: 'fixed', ms: 10 } as const;
const model = (...producers: ReturnType<typeof producer>[]) =>
  compileModel(
    pipeline(
      'silent',
      [...producers, queue('q'), worker('w', service)],
      [...producers.map((p) => edge(p.id, 'q')), edge('q', 'w')],
    ),
  );

describe('silentProducers', () => {
  it('finds a nightly cron that a 10-minute window never reaches, and suggests a day', () => {
    const nightly = producer('nightly', { type: 'schedule', cron: '0 2 * * *' });
    const [silent, ...rest] = silentProducers(model(nightly), 600_000);
    expect(rest).toEqual([]);
    // The default epoch is a Monday at 00:00 UTC: the first 02:00 is two hours in.
    expect(silent).toEqual({
      nodeId: 'nightly',
      name: 'nightly',
      firstJobMs: 7_200_000,
      suggestedDuration: '24h',
    });
    expect(describeSilentProducer(silent!, 600_000)).toBe(
      'producer "nightly" created no jobs: its first job is due at 2h of simulated time, after ' +
        'the 10m simulated. Simulate with --duration 24h to include it.',
    );
  });

  it('passes over producers that fire within the window, whatever their kind', () => {
    const producers = [
      producer('steady', { type: 'poisson', ratePerSec: 5 }),
      producer('every', { type: 'schedule', everyMs: 60_000 }),
      producer('late-start', { type: 'constant', ratePerSec: 1 }, { startMs: 300_000 }),
    ];
    expect(silentProducers(model(...producers), 600_000)).toEqual([]);
  });

  it('reports a start past the window, and one that stops before it starts', () => {
    const late = producer('late', { type: 'constant', ratePerSec: 1 }, { startMs: 900_000 });
    const never = producer(
      'never',
      { type: 'constant', ratePerSec: 1 },
      { startMs: 900_000, stopMs: 800_000 },
    );
    const found = silentProducers(model(late, never), 600_000);
    expect(found.map((p) => [p.nodeId, p.firstJobMs, p.suggestedDuration])).toEqual([
      ['late', 900_000, '1h'],
      ['never', Infinity, null],
    ]);
    expect(describeSilentProducer(found[1]!, 600_000)).toContain('it never fires');
  });
});
