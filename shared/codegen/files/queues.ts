import { queueDefaultJobOptions } from '../../bullmq-options';
import type { JsonValue } from '../../document/schema';
import type { CodegenModel } from '../model';
import { blocks, code } from '../print/code';
import { printValue } from '../print/json-types';
import { tsPropertyKey, tsString } from '../print/literals';
import { stringLine } from '../print/ts';
import {
  childValueDeclaration,
  dataDeclaration,
  needsJsonValue,
  payloadDeclaration,
  typeNames,
  workerDeclarations,
} from './types';

/**
 * An options object: one entry per line, nested objects of scalars on one line. Lines after the
 * first are indented relative to the line the object starts on.
 */
export function printOptions(options: object): string {
  const entries = Object.entries(options).filter(([, value]) => value !== undefined);
  if (entries.length === 0) return '{}';
  const rows = entries.map(
    ([key, value]) => `  ${tsPropertyKey(key)}: ${printValue(value as JsonValue, '  ').text},`,
  );
  return `{\n${rows.join('\n')}\n}`;
}

const JSON_VALUE = code`
  /** Any JSON value. */
  export type JsonValue =
    string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
`;

/** src/queues.ts: queue names, job data types, default job options, and the queues themselves. */
export function queuesFile(model: CodegenModel): { text: string; unsure: boolean } {
  const payloads = model.producers.map(payloadDeclaration);
  const names = model.queues.map((q) =>
    stringLine(q.names.key, ':', tsString(q.node.name), ',', '  '),
  );
  const options = model.queues.map(
    (q) => `${q.names.key}: ${printOptions(queueDefaultJobOptions(q.node))},`,
  );
  const opens = model.queues.map((q) => `${q.names.key}: open('${q.names.key}'),`);
  const dataByQueue = model.queues.map((q) => `${q.names.key}: ${typeNames.data(q)};`);
  const text = code`
    import { createHash } from 'node:crypto';
    import { Queue, type DefaultJobOptions } from 'bullmq';
    import { PREFIX, createConnection, type Connection } from './connection';

    /*
     * The pipeline's queues: their BullMQ names, the data their jobs carry, their default job
     * options. Payload types are inferred from each producer's example payload and follow the jobs
     * downstream, since a handler returns what it received until you change it (src/handlers/).
     */

    ${needsJsonValue(model) ? JSON_VALUE : ''}

    /** A job that failed its last attempt, as a worker moves it to a dead-letter queue. */
    export interface DeadLetter<T> {
      /** The BullMQ name of the queue it failed in. */
      queue: string;
      jobId: string | undefined;
      jobName: string;
      data: T;
      failedReason: string;
      attemptsMade: number;
      /** When it failed, in ms since the epoch. */
      failedAt: number;
    }

    /** A way out of a worker: the next queue, and the probability the pipeline models for it. */
    export interface Route<Q extends QueueKey> {
      queue: Q;
      probability: number;
    }

    ${blocks(payloads.map((p) => p.text))}

    ${blocks(model.queues.map(dataDeclaration))}

    ${blocks(model.workers.map(workerDeclarations))}

    ${blocks(model.queues.filter((q) => q.childResults.length > 0).map(childValueDeclaration))}

    /** BullMQ queue names: the names in the pipeline, exactly. */
    export const QUEUE_NAMES = {
      ${names.map((n) => n.text)}
    } as const;

    /** A queue of the pipeline: a key of \`QUEUE_NAMES\` and of \`Queues\`. */
    export type QueueKey = keyof typeof QUEUE_NAMES;

    /** A BullMQ queue name of the pipeline. */
    export type QueueName = (typeof QUEUE_NAMES)[QueueKey];

    /** Default options of each queue's jobs: attempts, backoff, which finished jobs to keep. */
    export const DEFAULT_JOB_OPTIONS: Record<QueueKey, DefaultJobOptions> = {
      ${options}
    };

    /** The data of each queue's jobs, by key. */
    export interface DataByQueue {
      ${dataByQueue}
    }

    /** Opens the pipeline's queues on one connection. Close them with \`closeQueues\`. */
    export function createQueues(connection: Connection) {
      function open<K extends QueueKey>(key: K) {
        const options = { connection, prefix: PREFIX, defaultJobOptions: DEFAULT_JOB_OPTIONS[key] };
        const queue = new Queue<DataByQueue[K]>(QUEUE_NAMES[key], options);
        queue.on('error', (error) => console.error(\`queue \${queue.name}: \${error.message}\`));
        return queue;
      }
      return {
        ${opens}
      };
    }

    /** The pipeline's queues, by key. */
    export type Queues = ReturnType<typeof createQueues>;

    /** Closes the queues; their connection stays open, so close it afterwards. */
    export async function closeQueues(queues: Queues): Promise<void> {
      await Promise.all(Object.values(queues).map((queue) => queue.close()));
    }

    let shared: { queues: Queues; connection: Connection } | undefined;

    /**
     * The queues on one shared producer connection, opened on first use: for code that only adds
     * jobs, such as an API calling an \`enqueue…\` function. Close them with \`closeSharedQueues\`.
     */
    export function getQueues(): Queues {
      if (shared === undefined) {
        const connection = createConnection('producer');
        shared = { queues: createQueues(connection), connection };
      }
      return shared.queues;
    }

    /** Closes the queues \`getQueues\` opened, then their connection. */
    export async function closeSharedQueues(): Promise<void> {
      if (shared === undefined) return;
      const { queues, connection } = shared;
      shared = undefined;
      await closeQueues(queues);
      await connection.quit();
    }

    /**
     * The id of the job a job passes on along a route. It is deterministic, so when a job runs
     * again after passing itself on (a retry, a stalled job), BullMQ ignores the second add.
     * BullMQ refuses ids with ":"; long ids (long chains) are hashed.
     */
    export function hopJobId(job: { id?: string }, route: string): string {
      const id = \`\${(job.id ?? '').replaceAll(':', '_')}>\${route}\`;
      return id.length <= 120 ? id : \`h.\${createHash('sha1').update(id).digest('base64url')}\`;
    }
  `;
  return { text, unsure: payloads.some((p) => p.unsure) || names.some((n) => n.unsure) };
}
