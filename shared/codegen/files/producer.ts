import {
  producerJobOptions,
  producerRepeatOptions,
  schedulerTemplateOptions,
} from '../../bullmq-options';
import type { ProducerModel } from '../model';
import { code } from '../print/code';
import { printValue } from '../print/json-types';
import { displayName, tsNumber, tsString } from '../print/literals';
import {
  arrowProperty,
  doc,
  hasLongCodeLine,
  importDecl,
  signature,
  stringLine,
} from '../print/ts';
import { printOptions } from './queues';
import { examplePayload, typeNames } from './types';

export const producerNames = (p: ProducerModel) => ({
  example: `${p.names.key}Example`,
  enqueue: `enqueue${p.names.type}`,
  load: `${p.names.key}Load`,
  scheduler: `upsert${p.names.type}Scheduler`,
});

const isScheduled = (p: ProducerModel) => p.node.config.arrival.type === 'schedule';

/** Which queues, in words: `"emails"` or `"a", "b"`. */
const queueList = (p: ProducerModel) =>
  p.targets.length === 0
    ? 'none yet'
    : [...new Set(p.targets)].map((q) => displayName(q.node.name)).join(', ');

/**
 * src/producers/<name>.ts: the function an application calls to add the producer's jobs, its
 * modelled load for the load script and, for a scheduled producer, its Job Scheduler.
 */
export function producerFile(p: ProducerModel): { text: string; unsure: boolean } {
  const fn = producerNames(p);
  const jobName = stringLine('const JOB_NAME', ' =', tsString(p.node.config.jobName), ';');
  const payloadType = typeNames.payload(p);
  const payload = examplePayload(p);
  const example = printValue(payload);
  const exampleHead = `export const ${fn.example}: ${payloadType}`;
  let exampleDecl = { text: `${exampleHead} = ${example.text};`, unsure: example.unsure };
  if (hasLongCodeLine(exampleDecl.text)) {
    // Too long for one line: Prettier breaks an object one entry per line, and moves a string.
    if (typeof payload === 'string') {
      exampleDecl = stringLine(exampleHead, ' =', example.text, ';');
    } else if (payload !== null && typeof payload === 'object' && !Array.isArray(payload)) {
      const expanded = printValue(payload, '', true);
      exampleDecl = { text: `${exampleHead} = ${expanded.text};`, unsure: expanded.unsure };
    }
  }
  const { arrival, limit, startMs, stopMs } = p.node.config;
  const loadRows = [
    `name: ${tsString(p.names.file)},`,
    `arrival: ${printValue(arrival).text},`,
    limit === undefined ? '' : `limit: ${tsNumber(limit)},`,
    startMs === undefined ? '' : `startMs: ${tsNumber(startMs)},`,
    stopMs === undefined ? '' : `stopMs: ${tsNumber(stopMs)},`,
  ].filter((row) => row !== '');
  const adds = p.targets.map(
    (q) => `await queues.${q.names.key}.add(JOB_NAME, payload, JOB_OPTIONS);`,
  );
  const enqueueRow = arrowProperty('enqueue', '(queues)', `${fn.enqueue}(${fn.example}, queues)`);
  const repeat = producerRepeatOptions(p.node);
  const schedulerTargets = [...new Set(p.targets)];
  const scheduler =
    repeat === undefined
      ? ''
      : code`
          /** The Job Scheduler's id in each queue: the producer's file name. */
          const SCHEDULER_ID = '${p.names.file}';

          /** When the scheduler creates a job, from the pipeline. */
          const REPEAT: RepeatOptions = ${printOptions(repeat)};

          /** The jobs the scheduler creates: the example payload, with the producer's options. */
          const TEMPLATE = {
            name: JOB_NAME,
            data: ${fn.example},
            opts: ${printValue(schedulerTemplateOptions(p.node)).text},
          };

          /**
           * Creates or updates the producer's Job Scheduler in each queue it feeds. Run it at every
           * start (src/main.ts does, through src/schedulers.ts): upserting is idempotent.
           */
          ${signature(`export async function ${fn.scheduler}`, ['queues: Queues = getQueues()'], ': Promise<void> {')}
            ${
              schedulerTargets.length > 0
                ? schedulerTargets.map(
                    (q) =>
                      `await queues.${q.names.key}.upsertJobScheduler(SCHEDULER_ID, REPEAT, TEMPLATE);`,
                  )
                : `// Producer ${displayName(p.node.name)} feeds no queue yet.`
            }
          }`;
  const bullmqTypes = repeat === undefined ? ['JobsOptions'] : ['JobsOptions', 'RepeatOptions'];
  const text = code`
    ${importDecl(bullmqTypes, 'bullmq', true)}
    import type { ProducerLoad } from '../arrivals';
    ${importDecl(['getQueues', 'type Queues', `type ${payloadType}`], '../queues')}

    /** The name of the jobs producer ${displayName(p.node.name)} adds. */
    ${jobName.text}

    /** Options of each job, from the pipeline. */
    const JOB_OPTIONS: JobsOptions = ${printOptions(producerJobOptions(p.node))};

    /** The pipeline's example payload: what the load script sends. */
    ${exampleDecl.text}

    ${doc(
      `Adds one job to each queue producer ${displayName(p.node.name)} feeds: ${queueList(p)}.`,
      'Call it from your application; `queues` defaults to a shared set (see `getQueues`).',
    )}
    ${signature(`export async function ${fn.enqueue}`, [`payload: ${payloadType}`, 'queues: Queues = getQueues()'], ': Promise<void> {')}
      ${adds.length > 0 ? adds : `// Producer ${displayName(p.node.name)} feeds no queue yet.`}
    }

    ${doc(
      isScheduled(p)
        ? 'The modelled arrivals. A Job Scheduler creates these jobs (below); the load script sends one at once.'
        : 'The modelled arrivals, for the load script (src/load.ts).',
    )}
    export const ${fn.load}: ProducerLoad = {
      ${loadRows}
      ${enqueueRow.text}
    };

    ${scheduler}
  `;
  return { text, unsure: exampleDecl.unsure || jobName.unsure || enqueueRow.unsure };
}
