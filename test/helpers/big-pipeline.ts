import {
  FORMAT,
  type PipelineDocument,
  type PipelineEdge,
  type PipelineNode,
} from '../../shared/document';

/**
 * `lanes` lanes of producer → q1 → w1 → q2 → w2 → q3 → w3 → q4 → w4 → q5, each worker's failed
 * jobs going to q5, and each producer also feeding q2: 10 nodes and 14 edges per lane.
 */
export function bigPipeline(lanes = 50): PipelineDocument {
  const nodes: PipelineNode[] = [];
  const edges: PipelineEdge[] = [];
  const edge = (from: string, to: string, on?: 'failed') =>
    edges.push(
      on ? { id: `e${edges.length + 1}`, from, to, on } : { id: `e${edges.length + 1}`, from, to },
    );
  for (let l = 0; l < lanes; l++) {
    const y = l * 150;
    const id = (what: string) => `l${l}-${what}`;
    nodes.push({
      id: id('p'),
      kind: 'producer',
      name: id('p'),
      position: { x: 0, y },
      config: { jobName: 'job', arrival: { type: 'poisson', ratePerSec: 5 } },
    });
    for (let q = 1; q <= 5; q++) {
      nodes.push({
        id: id(`q${q}`),
        kind: 'queue',
        name: id(`q${q}`),
        position: { x: 260 + (q - 1) * 520, y },
        config: { attempts: 3, backoff: { type: 'exponential', delayMs: 1000 } },
      });
    }
    for (let w = 1; w <= 4; w++) {
      nodes.push({
        id: id(`w${w}`),
        kind: 'worker',
        name: id(`w${w}`),
        position: { x: 520 + (w - 1) * 520, y },
        config: {
          concurrency: 10,
          replicas: 1,
          service: { type: 'lognormal', meanMs: 100, stdDevMs: 50 },
        },
      });
    }
    edge(id('p'), id('q1'));
    for (let w = 1; w <= 4; w++) {
      edge(id(`q${w}`), id(`w${w}`));
      edge(id(`w${w}`), id(`q${w + 1}`));
      edge(id(`w${w}`), id('q5'), 'failed');
    }
    edge(id('p'), id('q2'));
  }
  return { format: FORMAT, name: `Big pipeline (${nodes.length} nodes)`, nodes, edges };
}
