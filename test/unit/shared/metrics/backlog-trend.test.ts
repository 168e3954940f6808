import { describe, expect, it } from 'vitest';
import { BacklogTrend } from '../../../../shared/metrics/backlog-trend';

describe('BacklogTrend', () => {
  it('calls a linearly growing backlog growing, since it crossed the threshold', () => {
    const trend = new BacklogTrend(100);
    for (let t = 0; t <= 600_000; t += 250) trend.observe(t, t / 1000); // +1 job per second
    const verdict = trend.verdict(600_000);
    expect(verdict.verdict).toBe('growing');
    expect(verdict.growingSinceMs).toBe(100_000);
  });

  it('calls a backlog that rises only in the last quarter growing', () => {
    const trend = new BacklogTrend(50);
    for (let t = 0; t <= 400_000; t += 1000)
      trend.observe(t, t < 300_000 ? 3 : (t - 300_000) / 500);
    expect(trend.verdict(400_000)).toEqual({ verdict: 'growing', growingSinceMs: 325_000 });
  });

  it('calls a noisy but bounded backlog stable, even above the threshold', () => {
    const trend = new BacklogTrend(10);
    let x = 1;
    for (let t = 0; t <= 600_000; t += 100) {
      x = (x * 48271) % 2147483647;
      trend.observe(t, 20 + (x % 30));
    }
    expect(trend.verdict(600_000).verdict).toBe('stable');
  });

  it('calls bursts that drain completely stable', () => {
    const trend = new BacklogTrend(100);
    for (let t = 0; t <= 3_600_000; t += 1000)
      trend.observe(t, Math.max(0, 1000 - (t % 60_000) / 10));
    expect(trend.verdict(3_600_000).verdict).toBe('stable');
  });

  it('measures from the restart (the end of a warm-up)', () => {
    const trend = new BacklogTrend(100);
    for (let t = 0; t <= 60_000; t += 1000) trend.observe(t, t / 100); // grows during warm-up
    trend.restart(60_000);
    for (let t = 60_000; t <= 600_000; t += 1000) trend.observe(t, 5);
    expect(trend.verdict(600_000).verdict).toBe('stable');
    expect(new BacklogTrend(1).verdict(0).verdict).toBe('stable');
  });
});
