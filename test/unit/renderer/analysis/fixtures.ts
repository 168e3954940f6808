import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocumentText, type PipelineDocument } from '../../../../shared/document';
import type { RunSnapshot, RunSummary } from '../../../../shared/metrics/types';
import { Simulation } from '../../../../shared/simulation/engine';
import {
  appendSnapshots,
  beginAnalysis,
  finishAnalysis,
} from '../../../../renderer/state/analysis-store';

/** A bundled example (resources/examples/<id>.pipewright.json), parsed. */
export function readExample(id: string): PipelineDocument {
  const path = join(__dirname, '../../../../resources/examples', `${id}.pipewright.json`);
  const parsed = parseDocumentText(readFileSync(path, 'utf8'));
  if (!parsed.ok) throw new Error(`${id} does not parse: ${JSON.stringify(parsed.errors)}`);
  return parsed.document;
}

/**
 * A real simulation streamed into the analysis store, as the Simulate button does: a frame a
 * second, and the summary unless `finish` is false (still running).
 */
export function simulated(
  doc: PipelineDocument,
  durationMs: number,
  { seed = 3, finish = true }: { seed?: number; finish?: boolean } = {},
) {
  const frames: RunSnapshot[] = [];
  const sim = new Simulation(doc, {
    seed,
    durationMs,
    snapshotIntervalMs: 1000,
    onSnapshot: (s) => frames.push(s),
  });
  const summary: RunSummary = sim.run();
  beginAnalysis('simulation', { label: 'test', document: doc });
  appendSnapshots(frames);
  if (finish) finishAnalysis(summary);
  return { frames, summary };
}
