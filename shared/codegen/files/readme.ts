import { meanArrivalRatePerSec } from '../../document/defaults';
import type { Arrival } from '../../document/schema';
import type { CodegenModel, FanOutModel, ProducerModel, QueueModel, WorkerModel } from '../model';
import { code } from '../print/code';
import { displayName, tsNumber } from '../print/literals';
import { serviceText } from './handler';
import { failureText } from './worker';
import { producerNames } from './producer';

/** Markdown inline code as Prettier prints it: a fence no run of backticks inside matches. */
export function mdCode(value: string): string {
  const runs = new Set((value.match(/`+/g) ?? []).map((run) => run.length));
  let fence = 1;
  while (runs.has(fence)) fence++;
  const ticks = '`'.repeat(fence);
  const pad =
    value.startsWith('`') ||
    value.endsWith('`') ||
    (/^[\n ]/.test(value) && /[\n ]$/.test(value) && /[^\n ]/.test(value))
      ? ' '
      : '';
  return `${ticks}${pad}${value}${pad}${ticks}`;
}

const name = (value: string) => mdCode(displayName(value));

/** A heading for the document name: as typed when it is plain words, else as code. */
const title = (value: string) =>
  /^[\p{L}\p{N}]+(?:[ ,.'()/-][\p{L}\p{N}]+)*$/u.test(value) ? value : name(value);

function arrivalText(arrival: Arrival): string {
  const rate = meanArrivalRatePerSec(arrival);
  switch (arrival.type) {
    case 'constant':
    case 'poisson':
      return `${arrival.type}, ${tsNumber(arrival.ratePerSec)} jobs/s`;
    case 'burst':
      return `bursts of ${arrival.size} every ${tsNumber(arrival.everyMs)} ms (${tsNumber(rate ?? 0)} jobs/s)`;
    case 'ramp':
      return `ramp from ${tsNumber(arrival.fromPerSec)} to ${tsNumber(arrival.toPerSec)} jobs/s over ${tsNumber(arrival.overMs)} ms`;
    case 'schedule':
      return arrival.cron !== undefined
        ? `Job Scheduler, cron ${mdCode(arrival.cron)}`
        : `Job Scheduler, every ${tsNumber(arrival.everyMs!)} ms`;
  }
}

const queueLine = (q: QueueModel) => {
  const { attempts, backoff, rateLimit } = q.node.config;
  const parts = [`${attempts ?? 1} ${(attempts ?? 1) === 1 ? 'attempt' : 'attempts'}`];
  if (backoff) {
    const how = backoff.type === 'fixed' ? 'fixed backoff of' : 'exponential backoff from';
    parts.push(`${how} ${tsNumber(backoff.delayMs)} ms`);
  }
  if (rateLimit)
    parts.push(`at most ${rateLimit.max} jobs per ${tsNumber(rateLimit.durationMs)} ms`);
  if (q.consumers.length === 0) parts.push('no worker consumes it');
  return `- ${name(q.node.name)}: ${parts.join(', ')}.`;
};

/** A fan-out in words: "adds a flow: 2–8 children to "parts", then a parent job to "assemble"". */
function flowText(fanOut: FanOutModel): string {
  const children = fanOut.children.map((c) => {
    const n = c.min === c.max ? `${c.min}` : `${c.min}–${c.max}`;
    const policy = Object.keys(c.options)[0];
    return `${n} ${c.max === 1 ? 'child' : 'children'} to ${name(c.queue.node.name)}${policy ? ` (${policy})` : ''}`;
  });
  return `adds a BullMQ flow (${mdCode('src/flows.ts')}): ${children.join(', ')}, then a parent job to ${name(fanOut.parent.node.name)} once they are done`;
}

const workerLine = (w: WorkerModel) => {
  const next = w.routes.map((r) =>
    r.probability < 1
      ? `${name(r.queue.node.name)} (${tsNumber(r.probability * 100)}%)`
      : name(r.queue.node.name),
  );
  const parts = [
    `consumes ${name(w.input.node.name)}`,
    `concurrency ${w.node.config.concurrency} × ${w.node.config.replicas} ${w.node.config.replicas === 1 ? 'replica' : 'replicas'}`,
    serviceText(w.node.config.service),
  ];
  if (w.node.config.failureRate) parts.push(failureText(w));
  if (next.length > 0) parts.push(`passes jobs on to ${next.join(', ')}`);
  if (w.deadLetters.length > 0) {
    parts.push(`dead letters to ${w.deadLetters.map((r) => name(r.queue.node.name)).join(', ')}`);
  }
  if (w.fanOut) parts.push(flowText(w.fanOut));
  if (w.input.childResults.length > 0) parts.push('runs flow parents once their children are done');
  return `- ${name(w.node.name)} in ${mdCode(`src/handlers/${w.names.file}.ts`)}: ${parts.join('; ')}.`;
};

const producerLine = (p: ProducerModel) => {
  const into = [...new Set(p.targets)].map((q) => name(q.node.name)).join(', ') || 'no queue';
  return `- ${name(p.node.name)}, ${mdCode(`${producerNames(p).enqueue}(payload)`)}: ${arrivalText(p.node.config.arrival)} into ${into}.`;
};

/** README.md: how to run, scale and change the project, and what the pipeline is. */
export function readme(model: CodegenModel): string {
  const { doc, workers, settings } = model;
  const first = workers[0];
  const description = (doc.description ?? '')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((row) => row.replace(/[\p{Cc}\p{Cf}]/gu, '').trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  const fence = '`'.repeat(
    Math.max(3, ...(description.match(/`+/g) ?? []).map((r) => r.length + 1)),
  );
  return `${code`
    # ${title(doc.name)}

    A BullMQ pipeline generated by Pipewright from the pipeline ${name(doc.name)}.

    ${description === '' ? '' : `${fence}text\n${description}\n${fence}`}

    ## Run it

    You need Node.js 24 (the current LTS) or later and Redis 6.2 or later.

    ${'```sh'}
    npm install
    npm run build
    docker run -d --name redis -p 6379:6379 redis:7-alpine
    export REDIS_URL=redis://127.0.0.1:6379
    npm start
    ${'```'}

    \`npm start\` runs every worker and registers the Job Schedulers. In another terminal, \`npm run load\` sends synthetic jobs at the rates the pipeline models (\`npm run load -- --seconds 30\` stops after 30 s); \`npm start -- --load\` does both in one process. Ctrl-C shuts down gracefully: the workers finish their active jobs, then the queues and connections close.

    \`docker compose up --build\` runs Redis, configured as BullMQ needs it (append-only persistence, no eviction), and every worker with its modelled number of replicas.

    Settings come from the environment (see \`.env.example\`): \`REDIS_URL\`, \`BULLMQ_PREFIX\` (the key prefix, ${mdCode(settings.cluster ? `{${settings.prefix}}` : settings.prefix)} by default) and \`WORKERS\`.

    ## Where your code goes

    - \`src/handlers/\`: your business logic, one file per worker. As generated, a handler only simulates the modelled work (it waits for a sampled service time and fails at the modelled rate): replace it with the real work. Its routing hook decides where a completed job goes next. Pipewright writes each handler once and never overwrites it.
    - \`src/producers/\`: call the \`enqueue…(payload)\` functions from your application to add jobs.
    - Everything else is regenerated from the pipeline: change the pipeline rather than those files. The job data types in \`src/queues.ts\` come from each producer's example payload.

    ## Scale it

    Every process connects to the same Redis and BullMQ shares the jobs out, so you can run as many processes as you like on as many machines. \`WORKERS\` picks the workers a process runs${first ? `, e.g. ${mdCode(`WORKERS=${first.names.file} npm start`)}` : ''}. A worker's capacity is its concurrency times the number of processes running it; a queue's rate limit holds across all of them. With Docker Compose, \`docker compose up --scale <worker>=N\`; on Kubernetes, one Deployment per worker with \`WORKERS\` set.

    ${
      settings.cluster
        ? 'The pipeline targets a Redis Cluster: the key prefix is a hash tag, so every key of a queue lives in one slot, as BullMQ requires. Point `REDIS_URL` at any node of the cluster.'
        : ''
    }

    ## The pipeline

    ### Producers

    ${model.producers.length > 0 ? model.producers.map(producerLine) : 'None.'}

    ### Queues

    ${model.queues.length > 0 ? model.queues.map(queueLine) : 'None.'}

    ### Workers

    ${workers.length > 0 ? workers.map(workerLine) : 'None.'}
  `}\n`;
}
