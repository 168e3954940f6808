import { buildGraph } from '../../../../shared/document/topology';
import { parseDocumentValue } from '../../../../shared/document/parse';
import type {
  PipelineDocument,
  PipelineEdge,
  PipelineNode,
  ProducerConfig,
  ScenarioEvent,
  QueueConfig,
  WorkerConfig,
} from '../../../../shared/document/schema';
import type { Diagnostic, ValidationRule } from '../../../../shared/validation/types';

/** Small builders for test documents: names default to ids, configs to something sensible. */

let x = 0;
const at = () => ({ x: (x += 280), y: 0 });

export const producer = (
  id: string,
  config: Partial<ProducerConfig> = {},
  name = id,
): PipelineNode => ({
  id,
  kind: 'producer',
  name,
  position: at(),
  config: { jobName: 'job', arrival: { type: 'poisson', ratePerSec: 10 }, ...config },
});

export const queue = (id: string, config: QueueConfig = {}, name = id): PipelineNode => ({
  id,
  kind: 'queue',
  name,
  position: at(),
  config,
});

export const worker = (
  id: string,
  config: Partial<WorkerConfig> = {},
  name = id,
): PipelineNode => ({
  id,
  kind: 'worker',
  name,
  position: at(),
  config: { concurrency: 10, replicas: 1, service: { type: 'fixed', ms: 10 }, ...config },
});

export const edge = (
  from: string,
  to: string,
  extra: Omit<Partial<PipelineEdge>, 'from' | 'to'> = {},
): PipelineEdge => ({
  id: `${from}->${to}${extra.on === 'failed' ? ':failed' : ''}`,
  from,
  to,
  ...extra,
});

/** A document, checked against the schema so tests only ever feed rules parseable input. */
export function pipeline(nodes: PipelineNode[], edges: PipelineEdge[]): PipelineDocument {
  const result = parseDocumentValue({ format: 'pipewright/v1', name: 'Test', nodes, edges });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.document;
}

/** A producer → queue → worker chain with the given parts, the most common fixture. */
export const chain = (
  p: Partial<ProducerConfig> = {},
  q: QueueConfig = {},
  w: Partial<WorkerConfig> = {},
): PipelineDocument =>
  pipeline([producer('p', p), queue('q', q), worker('w', w)], [edge('p', 'q'), edge('q', 'w')]);

export const run = (rule: ValidationRule, doc: PipelineDocument): Diagnostic[] =>
  rule.check({ doc, graph: buildGraph(doc) });

/** `doc` with a scenario of these events, checked against the schema. */
export function withScenario(doc: PipelineDocument, events: ScenarioEvent[]): PipelineDocument {
  const result = parseDocumentValue({ ...doc, scenario: { events } });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.document;
}
