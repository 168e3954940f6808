import { workerFailureRate, workerWork } from '../../document/defaults';
import type { ServiceDistribution } from '../../document/schema';
import type { WorkerModel } from '../model';
import { code } from '../print/code';
import { printValue } from '../print/json-types';
import { displayName, tsNumber } from '../print/literals';
import { comment, doc, importDecl, signature } from '../print/ts';
import { typeNames } from './types';
import { failureText, handlerNames } from './worker';

const ms = (value: number) => `${tsNumber(value)} ms`;

/** A service-time distribution in words: "lognormal, mean 120 ms, standard deviation 60 ms". */
export function serviceText(service: ServiceDistribution): string {
  switch (service.type) {
    case 'fixed':
      return `always ${ms(service.ms)}`;
    case 'exponential':
      return `exponential, mean ${ms(service.meanMs)}`;
    case 'uniform':
      return `uniform between ${ms(service.minMs)} and ${ms(service.maxMs)}`;
    case 'normal':
    case 'lognormal':
      return `${service.type}, mean ${ms(service.meanMs)}, standard deviation ${ms(service.stdDevMs)}`;
  }
}

/**
 * src/handlers/<name>.ts: the user's code. As generated it simulates the modelled work; export
 * writes it once and never overwrites it.
 */
export function handlerFile(w: WorkerModel): string {
  const fn = handlerNames(w);
  const data = typeNames.data(w.input);
  const result = typeNames.result(w);
  const route = typeNames.route(w);
  const childValue = typeNames.childValue(w.input);
  const parents = w.input.childResults.length > 0;
  const rate = workerFailureRate(w.node.config);
  const work = workerWork(w.node.config);
  const service = printValue(w.node.config.service).text;
  const fails = rate > 0 ? ` and ${failureText(w)}` : '';
  return code`
    import type { Job } from 'bullmq';
    ${importDecl([...(parents ? [childValue] : []), data, result, route], '../queues', true)}
    ${importDecl(rate > 0 ? ['SimulatedFailure', 'simulateWork', 'type ServiceTime'] : ['simulateWork', 'type ServiceTime'], '../simulate')}

    ${comment(
      `Worker ${displayName(w.node.name)}: its business logic. YOUR CODE GOES HERE.\n\n` +
        'Pipewright wrote this file once and never overwrites it; the rest of src/ is regenerated ' +
        'from the pipeline. As generated, it only simulates the modelled work: it waits for a ' +
        `sampled service time (${serviceText(w.node.config.service)}${work === 'cpu' ? ', keeping a CPU busy' : ''})${fails}. ` +
        `Replace the body of \`${fn.handle}\` with the real work, and \`${fn.route}\` with real routing.`,
    )}

    /** The modelled work, which the simulation below stands in for. */
    const SERVICE_TIME: ServiceTime = ${service};
    ${rate > 0 ? `const FAILURE_RATE = ${tsNumber(rate)};` : ''}

    ${doc(
      `Processes one job of queue ${displayName(w.input.node.name)}. Throw to fail it: BullMQ retries it as`,
      'the queue says. What it returns is passed on to the next queues, whose data type includes',
      'this result type.',
      ...(parents
        ? [
            "A flow's parent job runs once its children are done; `_children` holds what they returned,",
            "by child job key (empty for a job that is not a flow's parent).",
          ]
        : []),
    )}
    ${signature(
      `export async function ${fn.handle}`,
      [`job: Job<${data}>`, ...(parents ? [`_children: Record<string, ${childValue}>`] : [])],
      `: Promise<${result}> {`,
    )}
      await simulateWork(SERVICE_TIME, '${work}');
      ${rate > 0 ? 'if (Math.random() < FAILURE_RATE) throw new SimulatedFailure(FAILURE_RATE);' : ''}
      return job.data;
    }

    /**
     * Routing hook: whether a completed job goes on along \`route\`, to \`route.queue\`. As modelled,
     * each route is taken independently with its probability; decide on the result instead when
     * you know how.
     */
    ${signature(`export function ${fn.route}`, [`route: ${route}`, `_result: ${result}`, `_job: Job<${data}>`], ': boolean {')}
      return Math.random() < route.probability;
    }
  `;
}
