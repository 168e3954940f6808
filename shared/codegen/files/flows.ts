import type { CodegenModel, WorkerModel } from '../model';
import { code } from '../print/code';
import { printOptions } from './queues';

/**
 * BullMQ flows in the generated project (docs/architecture.md "Flows"): src/flows.ts, emitted
 * only when a worker fans out, and the pieces of a worker file that add or read a flow.
 */

/** Whether the project has flows (and so src/flows.ts). */
export const hasFlows = (model: CodegenModel) => model.workers.some((w) => w.fanOut);

/** src/flows.ts: a FlowProducer on the queues' connection and prefix, and how a job adds a flow. */
export function flowsFile(): string {
  return code`
    import { FlowProducer, type FlowJobNode, type Job, type JobsOptions } from 'bullmq';
    import { PREFIX, type Connection } from './connection';
    import { DEFAULT_JOB_OPTIONS, QUEUE_NAMES, hopJobId, type QueueKey } from './queues';

    /** What a child failing its last attempt does to its parent (absent: the parent waits for ever). */
    export type ChildFailure = Pick<
      JobsOptions,
      'failParentOnFailure' | 'ignoreDependencyOnFailure' | 'removeDependencyOnFailure'
    >;

    /** A children edge: N children per job, uniform over min..max (min = max: always N). */
    export interface ChildrenEdge {
      queue: QueueKey;
      min: number;
      max: number;
      options: ChildFailure;
      /** Names the edge in the children's job ids. */
      tag: string;
    }

    /** The flow a worker's completed job adds: one parent, waiting for its children. */
    export interface Flow {
      parent: QueueKey;
      children: readonly ChildrenEdge[];
    }

    /** Each queue's default job options, by BullMQ name: a FlowProducer applies none by itself. */
    const QUEUES_OPTIONS = Object.fromEntries(
      (Object.keys(QUEUE_NAMES) as QueueKey[]).map((key) => [
        QUEUE_NAMES[key],
        { defaultJobOptions: DEFAULT_JOB_OPTIONS[key] },
      ]),
    );

    /**
     * A FlowProducer on a connection: the same prefix as the queues (a hash tag on a Redis Cluster,
     * so a flow's keys share one slot and BullMQ adds the whole flow atomically).
     */
    export function createFlowProducer(connection: Connection): FlowProducer {
      const flows = new FlowProducer({ connection, prefix: PREFIX });
      flows.on('error', (error) => console.error(\`flow producer: \${error.message}\`));
      return flows;
    }

    /**
     * A job that is itself a flow's child hands its place to the parent of the flow it adds: that
     * parent joins the job's own parent, under the same failure option, so the outer parent also
     * waits for it (nested flows).
     */
    function nestedIn(job: Job): Pick<JobsOptions, 'parent'> & ChildFailure {
      if (job.parent?.id === undefined) return {};
      const { failParentOnFailure, ignoreDependencyOnFailure, removeDependencyOnFailure } = job.opts;
      return {
        parent: { id: job.parent.id, queue: job.parent.queueKey },
        ...(failParentOnFailure && { failParentOnFailure }),
        ...(ignoreDependencyOnFailure && { ignoreDependencyOnFailure }),
        ...(removeDependencyOnFailure && { removeDependencyOnFailure }),
      };
    }

    /**
     * Adds the flow of a completed job: its children, each carrying \`data\`, and their parent,
     * which waits in waiting-children until they are done. Job ids derive from the job's, so a
     * parent added twice (the job ran again after stalling) is added once.
     */
    export async function addFlow<T>(
      flows: FlowProducer,
      job: Job,
      flow: Flow,
      data: T,
    ): Promise<void> {
      // A route's tag is an identifier: no route id can take this one (it has a dot).
      const parentId = hopJobId(job, 'flow.parent');
      const children: FlowJobNode[] = [];
      for (const edge of flow.children) {
        const n = edge.min + Math.floor(Math.random() * (edge.max - edge.min + 1));
        for (let k = 0; k < n; k++) {
          const jobId = hopJobId({ id: parentId }, \`\${edge.tag}.\${k}\`);
          const queueName = QUEUE_NAMES[edge.queue];
          children.push({ name: job.name, queueName, data, opts: { jobId, ...edge.options } });
        }
      }
      const parent = { jobId: parentId, ...nestedIn(job) };
      await flows.add(
        { name: job.name, queueName: QUEUE_NAMES[flow.parent], data, opts: parent, children },
        { queuesOptions: QUEUES_OPTIONS },
      );
    }
  `;
}

/** The `FLOW` constant of a worker that fans out. */
export function flowConstant(w: WorkerModel): string {
  const fanOut = w.fanOut!;
  const children = fanOut.children.map(
    (c) =>
      `${printOptions({ queue: c.queue.names.key, min: c.min, max: c.max, options: c.options, tag: c.tag })},`,
  );
  return code`
    /** The flow each completed job adds: its parent job, and its children, as the pipeline models them. */
    const FLOW = {
      parent: '${fanOut.parent.names.key}',
      children: [
        ${children}
      ],
    } as const satisfies Flow;`;
}
