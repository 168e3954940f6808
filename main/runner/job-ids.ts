import { createHash } from 'node:crypto';

/**
 * Job ids the runner gives its jobs. They are deterministic, so adding a job twice — an add
 * resent after a reconnect, or a chain step re-run after its job stalled — adds it once
 * (BullMQ ignores an add whose id exists). BullMQ refuses ids that look like integers or
 * contain ":"; every id here holds a "." and no ":".
 */

const clean = (text: string) => text.replace(/:/g, '_');

const MAX_ID = 120;
const hashed = (id: string) => `h.${createHash('sha1').update(id).digest('base64url')}`;
const shorten = (id: string) => (id.length <= MAX_ID ? id : hashed(id));

/**
 * Ids of a producer's jobs in runner incarnation `epoch` are this prefix plus a sequence number
 * (a long producer id is hashed, so ids stay short).
 */
export const producerJobIdPrefix = (producerId: string, epoch: number) => {
  const id = clean(producerId);
  return `${id.length > 60 ? hashed(id) : id}.${epoch}.`;
};

/** Job `seq` of producer `producerId` in runner incarnation `epoch`. */
export const producerJobId = (producerId: string, epoch: number, seq: number) =>
  producerJobIdPrefix(producerId, epoch) + seq;

/** The job that `parentJobId` passes along edge `edgeId` (completion or dead letter). */
export const hopJobId = (parentJobId: string, edgeId: string) =>
  shorten(`${clean(parentJobId)}>${clean(edgeId)}.`);

/**
 * A uniform number in [0, 1) fixed by `key`: routing decisions per (job, edge) come out the
 * same when a job is processed again, so a re-run never routes it differently.
 */
export function stableUniform(key: string): number {
  // FNV-1a, 32 bit.
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // Final avalanche (murmur3 fmix32) so nearby keys spread out.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}
