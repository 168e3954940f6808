import { useLayoutEffect, useMemo, useRef } from 'react';
import { setLogFilter, useRun } from '../state/run-store';
import {
  LOG_LEVELS,
  chipPressed,
  countByLevel,
  filterLog,
  formatRunTime,
  levelsAfterChip,
  loggedNodes,
  type LogLevel,
} from './run-log';
import './runs.css';

/** Rows drawn at once; older matching entries are counted above the list. */
const SHOWN = 500;

const LEVEL_LABELS: Record<LogLevel, string> = { error: 'Errors', warn: 'Warnings', info: 'Info' };

/** Notable events of the run: failures with their error, stalled jobs, reconnects, controls. */
export function LogPanel() {
  const log = useRun((s) => s.log);
  const filter = useRun((s) => s.logFilter);
  const doc = useRun((s) => s.document);
  const list = useRef<HTMLOListElement>(null);
  const stick = useRef(true);
  const counts = useMemo(() => countByLevel(log.entries), [log]);
  const shown = useMemo(() => filterLog(log.entries, filter), [log, filter]);
  const visible = shown.slice(-SHOWN);
  const names = useMemo(() => new Map(doc?.nodes.map((n) => [n.id, n.name]) ?? []), [doc]);
  const nodeIds = useMemo(() => {
    const ids = new Set([...(doc?.nodes.map((n) => n.id) ?? []), ...loggedNodes(log.entries)]);
    return [...ids];
  }, [doc, log]);

  // Follow new entries while the list is scrolled to its end.
  useLayoutEffect(() => {
    const el = list.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [visible.length, log]);

  return (
    <section className="log-panel" aria-label="Run log" data-testid="log-panel">
      <div className="log-panel__filters" role="toolbar" aria-label="Log filters">
        {LOG_LEVELS.map((level) => (
          <button
            key={level}
            type="button"
            className={`log-chip log-chip--${level}`}
            aria-pressed={chipPressed(filter.levels, level)}
            title={
              chipPressed(filter.levels, level)
                ? 'Showing only these: click to show every kind'
                : `Show only ${LEVEL_LABELS[level].toLowerCase()}`
            }
            data-testid={`log-level-${level}`}
            onClick={() => setLogFilter({ levels: levelsAfterChip(filter.levels, level) })}
          >
            {LEVEL_LABELS[level]} <b>{counts[level]}</b>
          </button>
        ))}
        <select
          className="input log-panel__node"
          aria-label="Node"
          data-testid="log-node"
          value={filter.nodeId ?? ''}
          onChange={(e) => setLogFilter({ nodeId: e.target.value === '' ? null : e.target.value })}
        >
          <option value="">All nodes</option>
          {nodeIds.map((id) => (
            <option key={id} value={id}>
              {names.get(id) ?? id}
            </option>
          ))}
        </select>
        <input
          className="input log-panel__search"
          type="search"
          placeholder="Filter messages"
          aria-label="Filter messages"
          data-testid="log-search"
          value={filter.text}
          onChange={(e) => setLogFilter({ text: e.target.value })}
        />
      </div>
      {log.entries.length === 0 ? (
        <p className="run-muted log-panel__empty">
          Failures with their error, stalled jobs, lost and restored connections and every control
          you use show here while a run is on.
        </p>
      ) : (
        <ol
          ref={list}
          className="log-list"
          data-testid="log-list"
          onScroll={(e) => {
            const el = e.currentTarget;
            stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
          }}
        >
          {shown.length > visible.length || log.dropped > 0 ? (
            <li className="log-list__more">
              {shown.length - visible.length + log.dropped} earlier entries not shown
            </li>
          ) : null}
          {visible.map((e, i) => (
            <li
              key={`${e.t}-${i}`}
              className={`log-entry log-entry--${e.level}`}
              data-testid="log-entry"
            >
              <span className="log-entry__time">{formatRunTime(e.t)}</span>
              <span className={`log-entry__level log-entry__level--${e.level}`}>{e.level}</span>
              <span className="log-entry__node">
                {e.nodeId !== undefined ? (names.get(e.nodeId) ?? e.nodeId) : 'run'}
              </span>
              <span className="log-entry__message">{e.message}</span>
            </li>
          ))}
          {shown.length === 0 ? (
            <li className="log-list__more">No entries match the filters.</li>
          ) : null}
        </ol>
      )}
    </section>
  );
}
