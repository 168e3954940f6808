import { describe, expect, it } from 'vitest';
import { meanArrivalRatePerSec, parseDocumentValue } from '../../../../shared/document';

const withArrival = (arrival: unknown) => ({
  format: 'pipewright/v1',
  name: 'Nightly',
  nodes: [
    {
      id: 'p',
      kind: 'producer',
      name: 'nightly',
      position: { x: 0, y: 0 },
      config: { jobName: 'build', arrival },
    },
  ],
  edges: [],
});

describe('cron in a document', () => {
  it('accepts a valid cron expression', () => {
    expect(parseDocumentValue(withArrival({ type: 'schedule', cron: '0 2 * * *' })).ok).toBe(true);
  });

  it('refuses an invalid one with its path and the parser message', () => {
    const result = parseDocumentValue(withArrival({ type: 'schedule', cron: '61 * * * *' }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]!.path).toBe('nodes[0].config.arrival.cron');
    expect(result.errors[0]!.message).toContain('minute field "61": must be 0-59');
  });

  it('reports an empty expression once, by the length rule', () => {
    const result = parseDocumentValue(withArrival({ type: 'schedule', cron: '' }));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.map((e) => e.path)).toEqual(['nodes[0].config.arrival.cron']);
    }
  });

  it('gives cron schedules a mean arrival rate', () => {
    expect(meanArrivalRatePerSec({ type: 'schedule', cron: '0 2 * * *' })).toBeCloseTo(1 / 86_400);
    expect(meanArrivalRatePerSec({ type: 'schedule', cron: '*/10 * * * * *' })).toBeCloseTo(0.1);
    expect(meanArrivalRatePerSec({ type: 'schedule', everyMs: 500 })).toBe(2);
    expect(meanArrivalRatePerSec({ type: 'schedule', cron: 'not a cron' })).toBe(0);
  });
});
