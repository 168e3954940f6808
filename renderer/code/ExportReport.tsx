import { useEffect, useRef } from 'react';
import type { CodegenExportReport } from '../../shared/api/contract';

const STATUS_TEXT = {
  written: 'new',
  changed: 'changed',
  unchanged: 'unchanged',
  kept: 'kept (yours)',
} as const;

/** What an export did: counts, then each file with its status; handlers kept are explained. */
export function ExportReport({ report }: { report: CodegenExportReport }) {
  const box = useRef<HTMLElement>(null);
  // The button that started the export may be gone: keep the focus (and Escape) in the dialog.
  useEffect(() => box.current?.focus(), [report]);
  const count = (status: keyof typeof STATUS_TEXT) =>
    report.files.filter((f) => f.status === status).length;
  const kept = count('kept');
  // Most interesting first: what was written or changed, then what was kept, then the rest.
  const order = { written: 0, changed: 1, kept: 2, unchanged: 3 } as const;
  const files = [...report.files].sort((a, b) => order[a.status] - order[b.status]);
  return (
    <section
      ref={box}
      tabIndex={-1}
      className="export-report"
      data-testid="export-report"
      aria-label="Export report"
    >
      <p className="export-report__summary">
        Exported to <code>{report.folder}</code>: {count('written')} written, {count('changed')}{' '}
        changed, {count('unchanged')} unchanged, {kept} kept.
      </p>
      {kept > 0 ? (
        <p className="export-report__note">
          Handlers you have changed are kept as they are; compare them with the Code panel when the
          pipeline changes what they receive.
        </p>
      ) : null}
      <ul className="export-report__files">
        {files.map((f) => (
          <li key={f.path} data-status={f.status}>
            <span className={`export-status export-status--${f.status}`}>
              {STATUS_TEXT[f.status]}
            </span>
            <span className="export-report__path">{f.path}</span>
          </li>
        ))}
        {report.stale.map((path) => (
          <li key={`stale-${path}`} data-status="stale">
            <span className="export-status export-status--stale">no longer generated</span>
            <span className="export-report__path">{path}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
