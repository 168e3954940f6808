import type { Redis } from 'ioredis';

/**
 * Other BullMQ prefixes present (keys `<prefix>:<queue>:meta`), for the message when the asked
 * prefix has no queues. Bounded: at most `maxScans` SCAN calls per master.
 */
export async function otherPrefixes(masters: readonly Redis[], maxScans = 20): Promise<string[]> {
  const found = new Set<string>();
  for (const master of masters) {
    let cursor = '0';
    let scans = 0;
    do {
      const [next, keys] = await master.scan(cursor, 'MATCH', '*:meta', 'COUNT', 1000);
      cursor = next;
      for (const key of keys) {
        const parts = key.split(':');
        if (parts.length >= 3) found.add(parts.slice(0, -2).join(':'));
      }
    } while (cursor !== '0' && ++scans < maxScans);
  }
  return [...found].sort();
}
