import {
  useEdgeDiagnostics,
  useNodeDiagnostics,
  type ElementDiagnostics,
} from '../../state/diagnostics-store';
import { plural } from '../../../shared/plural';

function Badge({ found }: { found: ElementDiagnostics | undefined }) {
  if (!found) return null;
  const error = found.errors > 0;
  const count = found.errors + found.warnings;
  return (
    <span
      className={`diag-badge ${error ? 'diag-badge--error' : 'diag-badge--warning'}`}
      title={found.messages}
      aria-label={`${plural(count, error ? 'error' : 'warning')}: ${found.messages}`}
      data-testid="diag-badge"
    >
      {error ? '!' : '▲'}
      {count > 1 ? <span className="diag-badge__count">{count}</span> : null}
    </span>
  );
}

/** Errors and warnings of one node, read from the diagnostics store by id. */
export function NodeDiagnosticBadge({ nodeId }: { nodeId: string }) {
  return <Badge found={useNodeDiagnostics(nodeId)} />;
}

export function EdgeDiagnosticBadge({ edgeId }: { edgeId: string }) {
  return <Badge found={useEdgeDiagnostics(edgeId)} />;
}
