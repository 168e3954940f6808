import { describe, expect, it } from 'vitest';
import {
  arrivalRatesPerSec,
  expectedAttempts,
  flowRatesPerSec,
} from '../../../../shared/validation/flow-rates';
import { chain, edge, pipeline, producer, queue, worker } from './build';

describe('arrivalRatesPerSec', () => {
  it('adds every producer feeding a queue, at its mean rate', () => {
    const doc = pipeline(
      [
        producer('a', { arrival: { type: 'poisson', ratePerSec: 3 } }),
        producer('b', { arrival: { type: 'burst', size: 10, everyMs: 2000 } }),
        producer('c', { arrival: { type: 'schedule', cron: '*/10 * * * * *' } }),
        producer('d', { arrival: { type: 'ramp', fromPerSec: 0, toPerSec: 4, overMs: 1000 } }),
        queue('q'),
      ],
      [edge('a', 'q'), edge('b', 'q'), edge('c', 'q'), edge('d', 'q')],
    );
    expect(arrivalRatesPerSec(doc).get('q')).toBeCloseTo(3 + 5 + 0.1 + 4);
  });

  it('passes completed jobs on with each edge probability, independently', () => {
    const doc = pipeline(
      [producer('p'), queue('in'), worker('w'), queue('half'), queue('all'), queue('none')],
      [
        edge('p', 'in'),
        edge('in', 'w'),
        edge('w', 'half', { probability: 0.5 }),
        edge('w', 'all'),
        edge('w', 'none', { probability: 0 }),
      ],
    );
    const rates = arrivalRatesPerSec(doc);
    expect(Object.fromEntries(rates)).toEqual({ in: 10, half: 5, all: 10, none: 0 });
  });

  it('sends failureRate^attempts of the jobs down failed edges, the rest on', () => {
    const doc = pipeline(
      [
        producer('p'),
        queue('in', { attempts: 3 }),
        worker('w', { failureRate: 0.1 }),
        queue('ok'),
        queue('dlq'),
      ],
      [edge('p', 'in'), edge('in', 'w'), edge('w', 'ok'), edge('w', 'dlq', { on: 'failed' })],
    );
    const rates = arrivalRatesPerSec(doc);
    expect(rates.get('dlq')).toBeCloseTo(10 * 0.001);
    expect(rates.get('ok')).toBeCloseTo(10 * 0.999);
  });

  it('shares a queue among its workers by capacity', () => {
    const doc = pipeline(
      [
        producer('p'),
        queue('in'),
        worker('small', { concurrency: 1 }),
        worker('big', { concurrency: 3 }),
        queue('a'),
        queue('b'),
      ],
      [
        edge('p', 'in'),
        edge('in', 'small'),
        edge('in', 'big'),
        edge('small', 'a'),
        edge('big', 'b'),
      ],
    );
    const flow = flowRatesPerSec(doc);
    expect(flow.queues.get('a')).toBeCloseTo(2.5);
    expect(flow.queues.get('b')).toBeCloseTo(7.5);
    expect(flow.workers.get('small')).toBeCloseTo(2.5);
    expect(flow.workers.get('big')).toBeCloseTo(7.5);
  });

  it('solves a loop exactly: a retry queue fed back with probability p', () => {
    // in → w → in with p = 0.5: λ = 10 + 0.5λ → λ = 20.
    const doc = pipeline(
      [producer('p'), queue('in'), worker('w'), queue('out')],
      [edge('p', 'in'), edge('in', 'w'), edge('w', 'in', { probability: 0.5 }), edge('w', 'out')],
    );
    expect(arrivalRatesPerSec(doc).get('in')).toBeCloseTo(20);
    expect(arrivalRatesPerSec(doc).get('out')).toBeCloseTo(20);
  });

  it('solves a loop through two queues and reaches what lies after it', () => {
    // a → wa → b (p .8), b → wb → a (p .5) and → out: λa = 10 + .5·λb, λb = .8·λa.
    const doc = pipeline(
      [
        producer('p'),
        queue('a'),
        worker('wa'),
        queue('b'),
        worker('wb'),
        queue('out'),
        worker('wo'),
      ],
      [
        edge('p', 'a'),
        edge('a', 'wa'),
        edge('wa', 'b', { probability: 0.8 }),
        edge('b', 'wb'),
        edge('wb', 'a', { probability: 0.5 }),
        edge('wb', 'out'),
        edge('out', 'wo'),
      ],
    );
    const rates = arrivalRatesPerSec(doc);
    expect(rates.get('a')).toBeCloseTo(10 / 0.6);
    expect(rates.get('b')).toBeCloseTo(8 / 0.6);
    expect(rates.get('out')).toBeCloseTo(8 / 0.6);
    expect(flowRatesPerSec(doc).workers.get('wo')).toBeCloseTo(8 / 0.6);
  });

  it('gives Infinity to a loop that never drains, and to what lies after it', () => {
    const doc = pipeline(
      [producer('p'), queue('in'), worker('w'), queue('after'), worker('w2')],
      [edge('p', 'in'), edge('in', 'w'), edge('w', 'in'), edge('w', 'after'), edge('after', 'w2')],
    );
    const rates = arrivalRatesPerSec(doc);
    expect(rates.get('in')).toBe(Infinity);
    expect(rates.get('after')).toBe(Infinity);
  });

  it('gives 0, not NaN, to a closed loop nothing feeds', () => {
    const doc = pipeline(
      [queue('a'), worker('w'), queue('b'), worker('w2')],
      [edge('a', 'w'), edge('w', 'a'), edge('w', 'b'), edge('b', 'w2')],
    );
    expect(Object.fromEntries(arrivalRatesPerSec(doc))).toEqual({ a: 0, b: 0 });
  });

  it('carries nothing over illegal edges', () => {
    const doc = pipeline(
      [producer('p'), worker('w'), queue('q'), queue('q2')],
      [edge('p', 'w'), edge('w', 'q'), edge('q', 'q2')],
    );
    expect(Object.fromEntries(arrivalRatesPerSec(doc))).toEqual({ q: 0, q2: 0 });
  });

  it('handles a long chain and a wide loop without recursion limits', () => {
    const nodes = [producer('p')];
    const edges = [edge('p', 'q0')];
    for (let i = 0; i < 2000; i++) {
      nodes.push(queue(`q${i}`), worker(`w${i}`));
      edges.push(edge(`q${i}`, `w${i}`), edge(`w${i}`, `q${i + 1}`));
    }
    nodes.push(queue('q2000'));
    edges.push(edge('w1999', 'q0', { probability: 0.5 }));
    const rates = arrivalRatesPerSec(pipeline(nodes, edges));
    // One loop of 2000 queues with gain 0.5 at the end: every queue carries 20 jobs/s.
    expect(rates.get('q0')).toBeCloseTo(20);
    expect(rates.get('q1999')).toBeCloseTo(20);
    expect(rates.get('q2000')).toBeCloseTo(20);
  });

  it('gives Infinity to a wide loop that never drains', () => {
    const nodes = [producer('p')];
    const edges = [edge('p', 'q0')];
    for (let i = 0; i < 400; i++) {
      nodes.push(queue(`q${i}`), worker(`w${i}`));
      edges.push(edge(`q${i}`, `w${i}`), edge(`w${i}`, `q${(i + 1) % 400}`));
    }
    const rates = arrivalRatesPerSec(pipeline(nodes, edges));
    expect(rates.get('q0')).toBe(Infinity);
    expect(rates.get('q399')).toBe(Infinity);
  });

  it('counts attempts per job', () => {
    expect(expectedAttempts(0, 5)).toBe(1);
    expect(expectedAttempts(0.5, 3)).toBeCloseTo(1.75);
    expect(expectedAttempts(1, 4)).toBe(4);
  });

  it('works on the simplest chain', () => {
    expect(flowRatesPerSec(chain()).workers.get('w')).toBe(10);
  });
});
