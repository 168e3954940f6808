import { describe, expect, it } from 'vitest';
import { TimeWeightedAverage } from '../../../../shared/metrics/time-weighted';

describe('TimeWeightedAverage', () => {
  it('weights each level by how long it held', () => {
    const level = new TimeWeightedAverage(0, 0);
    level.set(10, 4); // 0 for 10 ms
    level.set(20, 1); // 4 for 10 ms
    level.add(25, 1); // 1 for 5 ms, then 2
    expect(level.area(30)).toBe(0 * 10 + 4 * 10 + 1 * 5 + 2 * 5);
    expect(level.mean(30)).toBeCloseTo(55 / 30, 12);
    expect(level.max).toBe(4);
    expect(level.current).toBe(2);
  });

  it('restarts a window keeping the current level', () => {
    const level = new TimeWeightedAverage(0, 3);
    level.set(100, 7);
    level.restart(100);
    expect(level.max).toBe(7);
    level.set(150, 1);
    expect(level.mean(200)).toBeCloseTo((7 * 50 + 1 * 50) / 100, 12);
    expect(level.mean(100)).toBe(1);
  });
});
