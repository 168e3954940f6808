import { RedisStatusItem } from '../runs/RedisStatusItem';
import { useDocumentState } from '../state/document-store';
import { useDiagnostics } from '../state/diagnostics-store';
import { isDirty } from '../state/history';
import { useSelection } from '../state/selection-store';
import { useHostInfo } from '../state/host-info-store';
import { useView } from '../state/view-store';
import { plural } from '../../shared/plural';

/** One line of facts: size, selection, problems, zoom, save state and host connection. */
export function StatusBar() {
  const nodes = useDocumentState((s) => s.document.nodes.length);
  const edges = useDocumentState((s) => s.document.edges.length);
  const dirty = useDocumentState(isDirty);
  const hasPath = useDocumentState((s) => s.path !== null);
  const selected = useSelection((s) => s.nodeIds.size + s.edgeIds.size);
  const diagnostics = useDiagnostics();
  const zoom = useView((s) => s.zoom);
  const busy = useView((s) => s.busy);
  const connection = useHostInfo((s) => s.connection);
  const host = useHostInfo((s) => s.appInfo?.host);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  return (
    <footer className="statusbar" data-testid="statusbar">
      <span>
        {plural(nodes, 'node')} · {plural(edges, 'edge')}
      </span>
      {selected > 0 ? <span>{selected} selected</span> : null}
      <span className={errors ? 'status-error' : warnings ? 'status-warning' : 'status-ok'}>
        {diagnostics.length === 0
          ? '✓ no problems'
          : `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`}
      </span>
      <span className="statusbar__spacer" />
      {busy ? <span>{busy}</span> : null}
      <RedisStatusItem />
      <span data-testid="save-state">
        {dirty ? 'Unsaved changes' : hasPath ? 'All changes saved' : 'New document'}
      </span>
      <span>{Math.round(zoom * 100)}%</span>
      <span className={connection === 'connected' ? '' : 'status-warning'}>
        {host === 'electron' ? 'Desktop' : 'Web'}
        {connection === 'connected' ? '' : ` · ${connection}`}
      </span>
    </footer>
  );
}
