import { workerOptions } from '../../bullmq-options';
import { workerFailureRate } from '../../document/defaults';
import type { WorkerModel } from '../model';
import { code } from '../print/code';
import { printValue } from '../print/json-types';
import { displayName, tsNumber, tsString } from '../print/literals';
import { doc, hasLongCodeLine, importDecl, signature, stringLine } from '../print/ts';
import { flowConstant } from './flows';
import { printOptions } from './queues';
import { typeNames } from './types';

export const handlerNames = (w: WorkerModel) => ({
  handle: `handle${w.names.type}`,
  route: `route${w.names.type}`,
  start: `start${w.names.type}Worker`,
});

/** How a worker's capacity reads in a comment: "10 jobs at a time per replica, 2 replicas". */
export function capacityText(w: WorkerModel): string {
  const { concurrency, replicas } = w.node.config;
  const jobs = concurrency === 1 ? '1 job' : `${concurrency} jobs`;
  return `${jobs} at a time per replica, ${replicas} ${replicas === 1 ? 'replica' : 'replicas'} modelled`;
}

/** src/workers/<name>.ts: the BullMQ Worker, routing completed jobs on and failed ones to DLQs. */
export function workerFile(w: WorkerModel): { text: string; unsure: boolean } {
  const fn = handlerNames(w);
  const workerName = stringLine('const WORKER', ' =', tsString(w.node.name), ';');
  const input = w.input;
  const name = displayName(w.node.name);
  const options = workerOptions(w.node, input.node);
  const limiter = options.limiter
    ? `; the queue's rate limit (${options.limiter.max} jobs per ${tsNumber(options.limiter.duration)} ms), shared by all replicas`
    : '';
  // One route per line, or one field per line when that is too long (as Prettier breaks it).
  const routes = w.routes.map((r) => {
    const route = { queue: r.queue.names.key, probability: r.probability };
    const flat = `${r.tag}: ${printValue(route).text},`;
    return hasLongCodeLine(`  ${flat}`) ? `${r.tag}: ${printOptions(route)},` : flat;
  });
  const forward = w.routes.map(
    (r) => code`
      if (route(ROUTES.${r.tag}, result, job)) {
        const jobId = hopJobId(job, '${r.tag}');
        await queues.${r.queue.names.key}.add(job.name, result, { jobId });
      }`,
  );
  const letters = w.deadLetters.map((r) => {
    const add = `await queues.${r.queue.names.key}.add(job.name, letter, { jobId });`;
    if (r.probability >= 1) return add;
    return code`
      if (Math.random() < ${tsNumber(r.probability)}) {
        ${add}
      }`;
  });
  // A flow: this worker's jobs add one (fanOut), or its queue's jobs are parents reading children.
  const fanOut = w.fanOut !== undefined;
  const parents = input.childResults.length > 0;
  const passes = w.routes.length > 0 || fanOut;
  const handleCall = parents
    ? 'handle(job, await job.getChildrenValues<ChildValue>())'
    : 'handle(job)';
  const queueImports = [
    'QUEUE_NAMES',
    ...(w.routes.length > 0 || w.deadLetters.length > 0 ? ['hopJobId'] : []),
    ...(w.deadLetters.length > 0 ? ['type DeadLetter'] : []),
    'type Queues',
    `type ${typeNames.data(input)} as Data`,
    `type ${typeNames.result(w)} as Result`,
    ...(w.routes.length > 0 ? [`type ${typeNames.route(w)}`] : []),
    ...(parents ? [`type ${typeNames.childValue(input)} as ChildValue`] : []),
  ];
  const hookImports = [
    `${fn.handle} as handle`,
    ...(w.routes.length > 0 ? [`${fn.route} as route`] : []),
  ];
  const deadLetterFn =
    w.deadLetters.length === 0
      ? ''
      : code`
          /** Moves a job that failed its last attempt to the dead-letter queues. */
          async function deadLetter(job: Job<Data, Result>, error: Error): Promise<void> {
            const letter: DeadLetter<Data> = {
              queue: job.queueName,
              jobId: job.id,
              jobName: job.name,
              data: job.data,
              failedReason: error.message,
              attemptsMade: job.attemptsMade,
              failedAt: job.finishedOn ?? Date.now(),
            };
            const jobId = hopJobId(job, 'failed');
            try {
              ${letters}
            } catch (cause) {
              console.error(\`\${WORKER}: could not dead-letter job \${job.id}:\`, cause);
            }
          }
        `;
  const text = code`
    import { Worker, type Job } from 'bullmq';
    import { PREFIX, type Connection } from '../connection';
    ${importDecl(hookImports, `../handlers/${w.names.file}`)}
    ${importDecl(queueImports, '../queues')}
    ${fanOut ? "import { addFlow, createFlowProducer, type Flow } from '../flows';" : ''}

    /** The worker's name in the pipeline, for logs. */
    ${workerName.text}

    ${doc(`From the pipeline: jobs at a time per replica${limiter}.`)}
    const OPTIONS = ${printOptions(options)};

    ${
      w.routes.length === 0
        ? ''
        : code`
            /** Where completed jobs go next, each route taken with the probability the pipeline models. */
            const ROUTES = {
              ${routes}
            } as const satisfies Record<string, ${typeNames.route(w)}>;`
    }

    ${fanOut ? flowConstant(w) : ''}

    ${doc(
      `Starts worker ${name} on queue ${displayName(input.node.name)}: ${capacityText(w)}`,
      'in docker-compose.yml. Failed jobs are retried as the queue says; a job that fails its last',
      `attempt ${w.deadLetters.length > 0 ? 'goes to the dead-letter queues' : 'stays in the failed set'}.`,
      '`close()` shuts it down gracefully.',
    )}
    ${signature(`export function ${fn.start}`, ['connection: Connection', 'queues: Queues'], ' {')}
      ${fanOut ? 'const flows = createFlowProducer(connection);' : ''}
      async function processJob(job: Job<Data, Result>): Promise<Result> {
        ${passes ? `const result = await ${handleCall};` : `return ${handleCall};`}
        ${forward}
        ${fanOut ? '// Before the job completes: a nested flow joins its parent while that still waits.' : ''}
        ${fanOut ? 'await addFlow(flows, job, FLOW, result);' : ''}
        ${passes ? 'return result;' : ''}
      }

      ${deadLetterFn}

      const worker = new Worker(QUEUE_NAMES.${input.names.key}, processJob, {
        ...OPTIONS,
        connection,
        prefix: PREFIX,
      });
      ${
        w.deadLetters.length > 0
          ? code`
        /** Dead letters on their way to their queue: closing waits for them. */
        const moving = new Set<Promise<void>>();`
          : ''
      }
      worker.on('failed', (job, error) => {
        if (job === undefined || job.attemptsMade < (job.opts.attempts ?? 1)) return;
        console.warn(\`\${WORKER}: job \${job.id} failed its last attempt: \${error.message}\`);
        ${
          w.deadLetters.length > 0
            ? code`
          const move = deadLetter(job, error).finally(() => moving.delete(move));
          moving.add(move);`
            : ''
        }
      });
      worker.on('error', (error) => console.error(\`\${WORKER}: \${error.message}\`));
      ${
        w.deadLetters.length > 0 || fanOut
          ? code`
        return {
          worker,
          /** Stops taking jobs, lets the active ones finish, then ${w.deadLetters.length > 0 ? 'waits for dead letters' : 'closes the flow producer'}. */
          async close(): Promise<void> {
            await worker.close();
            ${w.deadLetters.length > 0 ? 'await Promise.all(moving);' : ''}
            ${fanOut ? 'await flows.close();' : ''}
          },
        };`
          : 'return { worker, close: () => worker.close() };'
      }
    }
  `;
  // Flow code is left to Prettier rather than laid out by hand.
  return { text, unsure: workerName.unsure || fanOut || parents };
}

/** How a worker's modelled failure rate reads: "fails 2% of attempts" (each attempt fails on its own; a failed one is retried while the queue's attempts last). */
export const failureText = (w: WorkerModel) =>
  `fails ${tsNumber(Math.round(workerFailureRate(w.node.config) * 1e6) / 1e4)}% of attempts`;
