/**
 * Code generation with many producers that share one name (issue 11: 1,000 → 0.38 s, 4,998 →
 * 6.3 s, quadratic). Each producer feeds one queue that one worker drains. Prints the time of
 * `draftProject` and `generateProject` per size and the ratio to the smallest: linear work keeps
 * time / producers about constant.
 *
 *   npx tsx test/bench/codegen-shared-names.bench.ts
 */
import { draftProject, generateProject } from '../../shared/codegen';
import { FORMAT, parseDocumentValue, type PipelineDocument } from '../../shared/document';

const position = { x: 0, y: 0 };

function sameNames(producers: number): PipelineDocument {
  const nodes: unknown[] = [
    { id: 'q', kind: 'queue', name: 'jobs', position, config: {} },
    {
      id: 'w',
      kind: 'worker',
      name: 'worker',
      position,
      config: { concurrency: 1, replicas: 1, service: { type: 'fixed', ms: 5 } },
    },
  ];
  const edges: unknown[] = [{ id: 'qw', from: 'q', to: 'w' }];
  for (let i = 0; i < producers; i++) {
    nodes.push({
      id: `p${i}`,
      kind: 'producer',
      name: 'api',
      position,
      config: { jobName: 'job', arrival: { type: 'poisson', ratePerSec: 1 } },
    });
    edges.push({ id: `e${i}`, from: `p${i}`, to: 'q' });
  }
  const parsed = parseDocumentValue({ format: FORMAT, name: 'Same names', nodes, edges });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors.slice(0, 3)));
  return parsed.document;
}

let base: number | undefined;
for (const n of [1000, 2000, 4998]) {
  const doc = sameNames(n);
  let started = performance.now();
  draftProject(doc);
  const draftMs = performance.now() - started;
  started = performance.now();
  const files = await generateProject(doc);
  const totalMs = performance.now() - started;
  base ??= totalMs / n;
  console.log(
    `${n} producers named "api": draftProject ${draftMs.toFixed(0)} ms, generateProject ` +
      `${totalMs.toFixed(0)} ms (${files.length} files); per producer ${(totalMs / n).toFixed(3)} ms ` +
      `(× ${(totalMs / n / base).toFixed(2)} of the 1,000-producer figure)`,
  );
}
