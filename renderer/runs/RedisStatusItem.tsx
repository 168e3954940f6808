import { useCallback, useState } from 'react';
import { useRun } from '../state/run-store';
import { Popover } from './Popover';
import { describeRedis } from './redis-status';
import { refreshRedisStatus, restartRun } from './run-controller';

/** The status bar's Redis entry: version, managed or external, warnings, lost / reconnected. */
export function RedisStatusItem() {
  const redis = useRun((s) => s.redis);
  const run = useRun((s) => s.status);
  const busy = useRun((s) => s.busy);
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  const view = describeRedis(redis, run);
  return (
    <>
      {run.state === 'crashed' ? (
        <span className="status-error run-status-crash" data-testid="runner-crashed">
          Runner crashed
          {run.canRestart ? (
            <button
              type="button"
              className="run-status-btn"
              data-testid="status-restart"
              disabled={busy !== null}
              onClick={() => void restartRun()}
            >
              Restart
            </button>
          ) : null}
        </span>
      ) : null}
      <span className="run-anchor">
        <button
          type="button"
          className={`run-status-btn status-${view.tone}`}
          data-testid="redis-status"
          data-state={run.redis === 'lost' ? 'lost' : (redis?.state ?? 'unknown')}
          title={view.detail}
          onClick={() => setOpen((o) => !o)}
        >
          <span className={`run-status-dot run-status-dot--${view.tone}`} aria-hidden="true" />
          {view.text}
        </button>
        {open ? (
          <Popover label="Redis" placement="above" onClose={close} testId="redis-details">
            <p className="run-popover__text">{view.detail}</p>
            {view.help ? <pre className="run-error__help">{view.help}</pre> : null}
            <button type="button" className="btn" onClick={() => void refreshRedisStatus()}>
              Check again
            </button>
          </Popover>
        ) : null}
      </span>
    </>
  );
}
