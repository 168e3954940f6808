import { calibrate } from '../../shared/calibration';
import type { CalibrationResult, Observations } from '../../shared/calibration/observations';
import { readObservations, type ReadOptions } from '../redis/import/read';

/** An import's outcome: the calibrated model, and why there is nothing in it when there is not. */
export interface ImportOutcome {
  result: CalibrationResult;
  observations: Observations;
  /** Set when nothing could be imported: no queues, or queues without any job seen. */
  nothing: string | null;
}

/**
 * Reads a deployment (read-only) and calibrates a model of it (docs/architecture.md "Import"):
 * the one path both the CLI's `import` and the host's `import:redis` channel take.
 */
export async function importDeployment(options: ReadOptions): Promise<ImportOutcome> {
  const observations = await readObservations(options);
  const result = await calibrate(observations);
  return { result, observations, nothing: nothingToImport(observations) };
}

function nothingToImport(observations: Observations): string | null {
  if (observations.queues.length === 0) {
    return `${observations.redis}: ${observations.notes.join(' ')}`;
  }
  const seen = observations.queues.some((q) => q.jobs.length > 0 || q.events.length > 0);
  if (seen) return null;
  const names = observations.queues.map((q) => `"${q.name}"`).join(', ');
  return (
    `${observations.redis}: found the queues ${names} under "${observations.prefix}", but no jobs ` +
    (observations.listenedMs > 0
      ? `were stored or added while listening for ${Math.round(observations.listenedMs / 1000)} s.`
      : 'are stored in them. Listen while the deployment runs, e.g. --listen 60s.')
  );
}
