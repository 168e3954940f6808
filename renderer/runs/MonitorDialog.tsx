import { useEffect, useRef, useState } from 'react';
import type { MonitorTarget } from '../../shared/api/contract';
import { confirmDiscard } from '../documents/commands';
import { loadIntoEditor } from '../documents/load';
import { isRunActive, runStore, setMonitorDialog, useRun } from '../state/run-store';
import { discoverMonitor, startMonitor, stopMonitor, watchOn } from './monitor-controller';
import { monitorDocument } from './monitor-map';
import { MonitorTable } from './MonitorTable';
import { RunErrorBox } from './RunErrorBox';
import { plural } from '../../shared/plural';

const URL_PATTERN = /^rediss?:\/\/\S+$/;
const PREFIX_PATTERN = /^\S{1,100}$/;

/** A URL to offer: the Redis the app uses, unless its password was hidden. */
function suggestedUrl(): string {
  const url = runStore.getState().redis?.url ?? '';
  return url.includes('***') ? '' : url;
}

function targetOf(url: string, prefix: string): MonitorTarget {
  return { ...(url.trim() ? { redisUrl: url.trim() } : {}), prefix: prefix.trim() || 'bull' };
}

/** Watch an existing Redis read-only: find its BullMQ queues and follow their counts. */
export function MonitorDialog() {
  const monitor = useRun((s) => s.monitor);
  const runActive = useRun(isRunActive);
  const [url, setUrl] = useState(() => monitor.info?.url ?? suggestedUrl());
  const [prefix, setPrefix] = useState(() => monitor.info?.prefix ?? 'bull');
  const [busy, setBusy] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => box.current?.querySelector<HTMLInputElement>('input')?.focus(), []);
  // Escape closes it even when focus fell out of it (a button disabled while busy drops it).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setMonitorDialog(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const urlError =
    url.trim() && !URL_PATTERN.test(url.trim()) ? 'Must be a redis:// or rediss:// URL' : null;
  const prefixError =
    prefix.trim() && !PREFIX_PATTERN.test(prefix.trim())
      ? 'A prefix has no spaces (up to 100 characters)'
      : null;
  const invalid = urlError !== null || prefixError !== null;
  const watching = monitor.phase === 'watching';
  const close = () => setMonitorDialog(false);
  const act = async (work: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await work();
    } finally {
      setBusy(false);
    }
  };
  const showAsPipeline = () => {
    if (!monitor.info || !confirmDiscard()) return;
    const document = monitorDocument(monitor.info);
    loadIntoEditor(document, null, { dirty: true });
    watchOn(document);
    close();
  };

  return (
    <div
      className="dialog-backdrop"
      onMouseDown={(e) => {
        if (e.target === e.currentTarget) close();
      }}
    >
      <div
        ref={box}
        className="dialog dialog--wide"
        role="dialog"
        aria-modal="true"
        aria-label="Monitor a Redis"
        data-testid="monitor-dialog"
      >
        <header className="dialog__head">
          <h2>Monitor a Redis</h2>
          <button type="button" className="icon-btn" aria-label="Close" onClick={close}>
            ×
          </button>
        </header>
        <div className="dialog__body">
          <p className="run-muted">
            Watch the BullMQ queues of a running system, read-only: Pipewright adds no jobs and
            changes nothing. Queues whose names match the open pipeline’s show on its canvas.
          </p>
          <form
            className="monitor-form"
            onSubmit={(e) => {
              e.preventDefault();
              if (!invalid) void act(() => startMonitor(targetOf(url, prefix)));
            }}
          >
            <label className={`field${urlError ? ' field--invalid' : ''}`}>
              <span className="field__label">Redis URL</span>
              <input
                className="input input--mono"
                data-testid="monitor-url"
                value={url}
                placeholder="redis://127.0.0.1:6379 (the Redis from Settings when empty)"
                onChange={(e) => setUrl(e.target.value)}
              />
              {urlError ? <span className="field__error">{urlError}</span> : null}
            </label>
            <label className={`field monitor-form__prefix${prefixError ? ' field--invalid' : ''}`}>
              <span className="field__label">Key prefix</span>
              <input
                className="input input--mono"
                data-testid="monitor-prefix"
                value={prefix}
                onChange={(e) => setPrefix(e.target.value)}
              />
              {prefixError ? <span className="field__error">{prefixError}</span> : null}
            </label>
            <div className="monitor-form__buttons">
              <button
                type="button"
                className="btn"
                data-testid="monitor-discover"
                disabled={invalid || busy}
                onClick={() => void act(() => discoverMonitor(targetOf(url, prefix)))}
              >
                Find queues
              </button>
              <button
                type="submit"
                className="btn btn--primary"
                data-testid="monitor-watch"
                disabled={invalid || busy || runActive}
                title={runActive ? 'Stop the run first: one live view at a time' : undefined}
              >
                {watching ? 'Watch again' : 'Watch'}
              </button>
            </div>
          </form>
          {monitor.error ? <RunErrorBox error={monitor.error} /> : null}
          {monitor.info ? (
            <p className="run-muted" data-testid="monitor-found">
              {monitor.info.queues.length === 0
                ? `No BullMQ queues under “${monitor.info.prefix}” at ${monitor.info.url}. Check the prefix (BullMQ’s default is “bull”).`
                : `${plural(monitor.info.queues.length, 'queue')} under “${monitor.info.prefix}” at ${monitor.info.url}${watching ? ', watching live' : ''}.`}
            </p>
          ) : null}
          {monitor.info && monitor.info.queues.length > 0 ? (
            <MonitorTable
              queues={monitor.info.queues}
              snapshot={watching ? monitor.snapshot : null}
            />
          ) : null}
          <div className="dialog__actions">
            {monitor.info && monitor.info.queues.length > 0 ? (
              <button
                type="button"
                className="btn"
                data-testid="monitor-as-pipeline"
                onClick={showAsPipeline}
              >
                Show as a new pipeline
              </button>
            ) : null}
            {watching ? (
              <button
                type="button"
                className="btn"
                data-testid="monitor-stop"
                onClick={() => void act(stopMonitor)}
              >
                Stop watching
              </button>
            ) : null}
            <button type="button" className="btn" onClick={close}>
              Close
            </button>
          </div>
        </div>
      </div>
    </div>
  );
}
