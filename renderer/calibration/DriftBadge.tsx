import { useCalibration } from '../state/calibration-store';

/**
 * Monitor mode: a figure of this node that a refit on the recent window found moved beyond its
 * confidence interval (shared/calibration/drift.ts); the hover says which and by how much.
 */
export function DriftBadge({ nodeId }: { nodeId: string }) {
  const flags = useCalibration((s) => s.drift);
  const mine = flags.filter((f) => f.nodeId === nodeId);
  if (mine.length === 0) return null;
  const text = mine.map((f) => f.message).join('\n');
  return (
    <span
      className="drift-badge"
      title={`Drifted since the import:\n${text}`}
      aria-label={`Drifted since the import: ${text}`}
      data-testid={`drift-${nodeId}`}
    >
      drift
    </span>
  );
}
