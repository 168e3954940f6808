import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { meanServiceMs, stdDevServiceMs } from '../../../../shared/document/defaults';
import type { ServiceDistribution } from '../../../../shared/document/schema';
import { EventHeap } from '../../../../shared/simulation/event-heap';
import { IdleSlots, WaitingJobs } from '../../../../shared/simulation/job-lists';
import { JobPool } from '../../../../shared/simulation/pools';
import { Random, serviceSampler } from '../../../../shared/simulation/random';

describe('EventHeap', () => {
  it('pops by time, and simultaneous events in the order they were pushed', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 3000 }), (times) => {
        const heap = new EventHeap(4);
        times.forEach((t, i) => heap.push(t, i));
        const out: Array<[number, number]> = [];
        while (heap.size > 0) {
          const t = heap.peekTime();
          out.push([t, heap.pop()]);
        }
        const expected = times
          .map((t, i) => [t, i] as [number, number])
          .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        expect(out).toEqual(expected);
        expect(heap.peekTime()).toBe(Infinity);
      }),
    );
  });
});

describe('WaitingJobs', () => {
  it('matches a reference model of BullMQ order (and of the oldest job) under random adds and takes', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({ priority: fc.integer({ min: 0, max: 3 }), front: fc.boolean() }),
            fc.constant(null),
          ),
          {
            maxLength: 500,
          },
        ),
        (ops) => {
          const list = new WaitingJobs();
          const readyAt = Float64Array.from({ length: ops.length }, (_, i) => i);
          let plain: number[] = [];
          const prioritized: Array<{ job: number; priority: number; seq: number }> = [];
          let next = 0;
          for (const op of ops) {
            if (op) {
              const job = next++;
              list.add(job, op.priority, op.front);
              if (op.priority > 0) prioritized.push({ job, priority: op.priority, seq: job });
              else plain = op.front ? [job, ...plain] : [...plain, job];
            } else {
              let expected = -1;
              if (plain.length > 0) expected = plain.shift()!;
              else if (prioritized.length > 0) {
                prioritized.sort((a, b) => a.priority - b.priority || a.seq - b.seq);
                expected = prioritized.shift()!.job;
              }
              expect(list.take()).toBe(expected);
            }
            expect(list.size).toBe(plain.length + prioritized.length);
            // Jobs were made ready in the order of their numbers: the oldest is the smallest.
            const waiting = [...plain, ...prioritized.map((p) => p.job)];
            expect(list.oldestReadyAt(readyAt)).toBe(Math.min(Infinity, ...waiting));
          }
        },
      ),
    );
  });
});

describe('IdleSlots', () => {
  it('hands out the longest-idle slot first and keeps runs compact', () => {
    const slots = new IdleSlots();
    slots.put(0, 2);
    slots.put(1, 3);
    expect([slots.take(), slots.take(), slots.take()]).toEqual([0, 0, 1]);
    slots.put(0);
    for (let i = 0; i < 100; i++) slots.put(i % 2 === 0 ? 2 : 3);
    expect([slots.take(), slots.take(), slots.take(), slots.take()]).toEqual([1, 1, 0, 2]);
    const all: number[] = [];
    for (let w = slots.take(); w >= 0; w = slots.take()) all.push(w);
    expect(all).toHaveLength(99);
  });
});

describe('JobPool', () => {
  it('reuses released records and keeps fields when it grows', () => {
    const pool = new JobPool(2);
    const a = pool.alloc();
    pool.queue[a] = 7;
    const b = pool.alloc();
    const c = pool.alloc(); // grows
    expect(pool.queue[a]).toBe(7);
    pool.release(b);
    expect(pool.alloc()).toBe(b);
    expect(new Set([a, b, c]).size).toBe(3);
    expect(pool.inUse).toBe(3);
  });
});

describe('Random and service samplers', () => {
  it('is reproducible per seed and uniform in (0, 1)', () => {
    const a = new Random(42);
    const b = new Random(42);
    const xs = Array.from({ length: 100_000 }, () => a.next());
    expect(xs.slice(0, 50)).toEqual(Array.from({ length: 50 }, () => b.next()));
    expect(Math.min(...xs)).toBeGreaterThan(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.reduce((s, x) => s + x, 0) / xs.length).toBeCloseTo(0.5, 2);
    expect(new Random(43).next()).not.toBe(new Random(42).next());
  });

  const distributions: ServiceDistribution[] = [
    { type: 'fixed', ms: 12 },
    { type: 'exponential', meanMs: 50 },
    { type: 'uniform', minMs: 10, maxMs: 30 },
    { type: 'normal', meanMs: 100, stdDevMs: 20 },
    { type: 'lognormal', meanMs: 80, stdDevMs: 120 },
  ];
  for (const service of distributions) {
    it(`samples ${service.type} with the documented mean and spread`, () => {
      const sample = serviceSampler(service, new Random(1));
      const n = 400_000;
      let sum = 0;
      let squares = 0;
      let min = Infinity;
      for (let i = 0; i < n; i++) {
        const v = sample();
        sum += v;
        squares += v * v;
        min = Math.min(min, v);
      }
      const mean = sum / n;
      const sd = Math.sqrt(squares / n - mean * mean);
      expect(min).toBeGreaterThanOrEqual(0);
      expect(mean / meanServiceMs(service)).toBeCloseTo(1, 2);
      expect(Math.abs(sd - stdDevServiceMs(service))).toBeLessThan(0.03 * meanServiceMs(service));
    });
  }

  it('truncates a normal at 0 by drawing again', () => {
    const sample = serviceSampler({ type: 'normal', meanMs: 0, stdDevMs: 10 }, new Random(3));
    const xs = Array.from({ length: 10_000 }, sample);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    // Half-normal mean: σ·√(2/π).
    expect(xs.reduce((s, x) => s + x, 0) / xs.length).toBeCloseTo(10 * Math.sqrt(2 / Math.PI), 0);
  });
});
