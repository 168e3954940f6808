import calculateSlot from 'cluster-key-slot';
import { describe, expect, it } from 'vitest';
import { keyPrefix } from '../../../../shared/bullmq-options';
import { parseDocumentValue, type PipelineDocument } from '../../../../shared/document';

const doc = (settings: Record<string, unknown>): PipelineDocument =>
  ({ format: 'pipewright/v1', name: 'd', settings, nodes: [], edges: [] }) as PipelineDocument;

/** The keys BullMQ 6 writes for one queue and its jobs under a prefix. */
const bullKeys = (prefix: string, queue: string) =>
  [
    'wait',
    'active',
    'paused',
    'prioritized',
    'delayed',
    'completed',
    'failed',
    'meta',
    'id',
    'events',
    'marker',
    'stalled',
    '42',
    '42:lock',
    '42:logs',
  ].map((part) => `${prefix}:${queue}:${part}`);

describe('the hash-tagged key prefix of a cluster document', () => {
  it('is the prefix in braces, with the run id inside the tag', () => {
    expect(keyPrefix(doc({ prefix: 'shop', cluster: true }))).toBe('{shop}');
    expect(keyPrefix(doc({ prefix: 'shop', cluster: true }), 'run-1a2b')).toBe('{shop-run-1a2b}');
    expect(keyPrefix(doc({ prefix: 'shop' }), 'run-1a2b')).toBe('shop-run-1a2b');
    expect(keyPrefix(doc({ cluster: true }))).toBe('{bull}');
  });

  it('puts every key of every queue of a run in one slot; without the tag they spread', () => {
    const tagged = keyPrefix(doc({ prefix: 'shop', cluster: true }), 'run-1a2b');
    const slots = new Set(
      ['orders', 'emails', '{odd}']
        .flatMap((q) => bullKeys(tagged, q))
        .map((k) => calculateSlot(k)),
    );
    expect([...slots]).toEqual([calculateSlot('shop-run-1a2b')]);
    const plain = keyPrefix(doc({ prefix: 'shop' }), 'run-1a2b');
    expect(new Set(bullKeys(plain, 'orders').map((k) => calculateSlot(k))).size).toBeGreaterThan(5);
  });

  it('refuses a prefix that has braces already, saying Pipewright adds them', () => {
    for (const prefix of ['{shop}', 'sh{op', 'shop}']) {
      const result = parseDocumentValue(doc({ prefix, cluster: true }));
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.errors[0]).toMatchObject({ path: 'settings.prefix' });
        expect(result.errors[0]!.message).toMatch(
          /must not contain braces: with "cluster": true Pipewright wraps the prefix in the hash tag itself/,
        );
      }
    }
    const colon = parseDocumentValue(doc({ prefix: 'a:b', cluster: true }));
    expect(colon.ok).toBe(false);
    if (!colon.ok) expect(colon.errors[0]!.message).toMatch(/without ":"/);
  });
});
