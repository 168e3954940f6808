import { keyPrefix } from '../../bullmq-options';
import type { CodegenModel } from '../model';
import { code } from '../print/code';
import { tsString } from '../print/literals';
import { stringLine } from '../print/ts';

/** src/connection.ts: where Redis is, the key prefix, and connections for workers and queues. */
export function connectionFile(model: CodegenModel): { text: string; unsure: boolean } {
  const { cluster, redisUrl } = model.settings;
  const url = stringLine('const DEFAULT_REDIS_URL', ' =', tsString(redisUrl), ';');
  const prefix = keyPrefix(model.doc);
  const prefixDoc = cluster
    ? code`
        /**
         * The prefix of every BullMQ key. The pipeline targets a Redis Cluster, so the prefix is a
         * hash tag, {…}: every key of a queue then lives in one slot, as BullMQ requires.
         * BULLMQ_PREFIX replaces what is inside the braces (one prefix per environment, say).
         */
        const tag = process.env.BULLMQ_PREFIX;
        export const PREFIX = tag === undefined ? ${tsString(prefix)} : \`{\${tag}}\`;`
    : code`
        /** The prefix of every BullMQ key; BULLMQ_PREFIX replaces it (one prefix per environment, say). */
        export const PREFIX = process.env.BULLMQ_PREFIX ?? ${tsString(prefix)};`;
  const client = cluster ? 'Cluster' : 'Redis';
  const open = cluster
    ? 'return new Cluster([REDIS_URL], { redisOptions: { maxRetriesPerRequest } });'
    : 'return new Redis(REDIS_URL, { maxRetriesPerRequest });';
  const text = code`
    import { ${client} } from 'ioredis';

    /** The Redis the pipeline uses when REDIS_URL is not set. */
    ${url.text}

    /** Where Redis is: REDIS_URL (redis://[user:password@]host:port[/db], rediss:// for TLS). */
    export const REDIS_URL = process.env.REDIS_URL ?? DEFAULT_REDIS_URL;

    ${prefixDoc}

    /** A connection to Redis${cluster ? ' Cluster' : ''}. */
    export type Connection = ${client};

    /**
     * Opens a connection. Workers block while they wait for jobs and must retry forever, so BullMQ
     * requires \`maxRetriesPerRequest: null\` for them; producers give up after 20 retries instead,
     * so a request that adds a job fails rather than hangs while Redis is away.
     */
    export function createConnection(role: 'worker' | 'producer'): Connection {
      const maxRetriesPerRequest = role === 'worker' ? null : 20;
      ${open}
    }
  `;
  return { text, unsure: url.unsure };
}
