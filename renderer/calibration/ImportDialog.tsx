import { useEffect, useRef, useState } from 'react';
import { MAX_IMPORT_LISTEN_MS } from '../../shared/api/import';
import { Dialog } from '../dialogs/Dialog';
import { RunErrorBox } from '../runs/RunErrorBox';
import { setImportDialog, useCalibration } from '../state/calibration-store';
import { runStore } from '../state/run-store';
import { importFromRedis } from './import-controller';

const URL_PATTERN = /^rediss?:\/\/\S+$/;
const PREFIX_PATTERN = /^\S{1,100}$/;
// The host refuses longer: one request must not hold its connection for long.
const MAX_LISTEN_SEC = MAX_IMPORT_LISTEN_MS / 1000;

/** A URL to offer: the Redis the app uses, unless its password was hidden. */
function suggestedUrl(): string {
  const url = runStore.getState().redis?.url ?? '';
  return url.includes('***') ? '' : url;
}

/** Import from Redis: URL, prefix, how long to listen; then the measured pipeline and its report. */
export function ImportDialog() {
  const importing = useCalibration((s) => s.importing);
  const error = useCalibration((s) => s.importError);
  const [url, setUrl] = useState(suggestedUrl);
  const [prefix, setPrefix] = useState('bull');
  const [listen, setListen] = useState('30');
  const urlInput = useRef<HTMLInputElement>(null);
  const close = () => {
    if (!importing) setImportDialog(false);
  };
  // The Import button was disabled while it ran, which dropped focus: bring it back to the URL,
  // the likeliest thing to fix, so typing and Escape reach the dialog again.
  useEffect(() => {
    if (error) urlInput.current?.focus();
  }, [error]);

  const urlError = URL_PATTERN.test(url.trim()) ? null : 'Must be a redis:// or rediss:// URL';
  const prefixError = PREFIX_PATTERN.test(prefix.trim())
    ? null
    : 'A prefix has no spaces (1 to 100 characters)';
  const seconds = Number(listen);
  const listenError =
    listen.trim() !== '' && Number.isFinite(seconds) && seconds >= 0 && seconds <= MAX_LISTEN_SEC
      ? null
      : `Seconds from 0 (read what is stored) to ${MAX_LISTEN_SEC}`;
  const invalid = urlError !== null || prefixError !== null || listenError !== null;

  return (
    <Dialog title="Import from Redis" wide testId="import-dialog" onClose={close}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (invalid || importing) return;
          void importFromRedis({
            url: url.trim(),
            prefix: prefix.trim(),
            listenMs: Math.round(seconds * 1000),
          });
        }}
      >
        <p className="run-muted">
          Reads a running BullMQ deployment, read-only — its queues, jobs, workers and schedulers —
          and draws it as a pipeline with measured arrival rates, service times, failure rates and
          options, with the evidence for each in the Calibration tab. Listening watches new jobs
          live, which is needed when jobs are removed on completion.
        </p>
        <label className={`field${urlError && url.trim() ? ' field--invalid' : ''}`}>
          <span className="field__label">Redis URL</span>
          <input
            className="input input--mono"
            ref={urlInput}
            data-testid="import-url"
            value={url}
            placeholder="redis://127.0.0.1:6379"
            onChange={(e) => setUrl(e.target.value)}
          />
          {urlError && url.trim() ? <span className="field__error">{urlError}</span> : null}
        </label>
        <div className="field-row">
          <label className={`field${prefixError ? ' field--invalid' : ''}`}>
            <span className="field__label">Key prefix</span>
            <input
              className="input input--mono"
              data-testid="import-prefix"
              value={prefix}
              onChange={(e) => setPrefix(e.target.value)}
            />
            {prefixError ? <span className="field__error">{prefixError}</span> : null}
          </label>
          <label className={`field${listenError ? ' field--invalid' : ''}`}>
            <span className="field__label">Listen for (seconds)</span>
            <input
              className="input"
              inputMode="decimal"
              data-testid="import-listen"
              value={listen}
              onChange={(e) => setListen(e.target.value)}
            />
            {listenError ? <span className="field__error">{listenError}</span> : null}
          </label>
        </div>
        {error ? <RunErrorBox error={error} /> : null}
        {importing ? (
          <p className="run-muted" data-testid="import-progress">
            {seconds > 0
              ? `Listening for ${seconds} s, then reading and fitting…`
              : 'Reading and fitting…'}
          </p>
        ) : null}
        <div className="dialog__actions">
          <button type="button" className="btn" onClick={close} disabled={importing}>
            Cancel
          </button>
          <button
            type="submit"
            className="btn btn--primary"
            data-testid="import-start"
            disabled={invalid || importing}
          >
            {importing ? 'Importing…' : 'Import'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** The import dialog while it is open (opened by the `import-redis` action). */
export function ImportDialogHost() {
  const open = useCalibration((s) => s.dialogOpen);
  return open ? <ImportDialog /> : null;
}
