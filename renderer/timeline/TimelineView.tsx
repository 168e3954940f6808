import { useState, type KeyboardEvent, type PointerEvent as ReactPointerEvent } from 'react';
import type { PipelineDocument, ScenarioEvent } from '../../shared/document';
import { formatClock } from '../../shared/metrics/format';
import { describeChange, eventLabel } from '../../shared/validation/scenario-events';
import { deleteScenarioEventAction } from '../actions/scenario-events';
import { runActionSync } from '../actions/run';
import { selectEvent, useTimeline } from '../state/timeline-store';
import { commitEvent } from './scenario-commit';
import { dragged, snapStep, ticks } from './timeline-geometry';

interface Drag {
  id: string;
  mode: 'move' | 'resize';
  startX: number;
  widthPx: number;
  preview: Pick<ScenarioEvent, 'atMs' | 'durationMs'>;
}

/** A bar's words: its name, or what it changes (an outage says so). */
export const barTitle = (event: ScenarioEvent): string =>
  event.name ??
  (event.change.type === 'failureRate' && event.change.failureRate === 1
    ? 'Outage'
    : describeChange(event.change));

/**
 * The keyboard on a focused bar: Delete removes the event (not the selected node, so the editor's
 * Delete never fires), the arrows move it by one snap step, with Shift change its length.
 */
function keyOnBar(e: KeyboardEvent<HTMLElement>, event: ScenarioEvent, step: number): void {
  const sign = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
  if (e.key === 'Delete' || e.key === 'Backspace') {
    runActionSync(deleteScenarioEventAction, { id: event.id });
    selectEvent(null);
  } else if (sign !== 0) {
    const mode = e.shiftKey && event.durationMs !== undefined ? 'resize' : 'move';
    const next = dragged(event, mode, sign * step, step);
    commitEvent(event.id, mode === 'move' ? { atMs: next.atMs } : { durationMs: next.durationMs });
    selectEvent(event.id);
  } else if (e.key === 'Enter') {
    selectEvent(event.id);
  } else {
    return;
  }
  e.preventDefault();
}

const percent = (ms: number, span: number) => `${(Math.min(ms, span) / span) * 100}%`;

/**
 * The scenario's events as bars on a time axis, one lane per node. Drag a bar to move it, its
 * right edge to change its duration; a drag is one undo step, applied when it ends.
 */
export function TimelineView({
  doc,
  lanes,
  spanMs,
  invalid,
  playheadMs,
}: {
  doc: PipelineDocument;
  lanes: readonly string[];
  spanMs: number;
  /** Events a validation error names, with its message. */
  invalid: ReadonlyMap<string, string>;
  playheadMs: number | null;
}) {
  const events = doc.scenario?.events ?? [];
  const selected = useTimeline((s) => s.selectedEventId);
  const [drag, setDrag] = useState<Drag | null>(null);
  const step = snapStep(spanMs);
  const names = new Map(doc.nodes.map((n) => [n.id, n] as const));

  const begin = (e: ReactPointerEvent<HTMLElement>, event: ScenarioEvent, mode: Drag['mode']) => {
    if (e.button !== 0) return;
    e.stopPropagation();
    const track = e.currentTarget.closest('.timeline__track');
    if (!track) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    selectEvent(event.id);
    const { atMs, durationMs } = event;
    setDrag({
      id: event.id,
      mode,
      startX: e.clientX,
      widthPx: track.getBoundingClientRect().width,
      preview: { atMs, durationMs },
    });
  };
  const move = (e: ReactPointerEvent<HTMLElement>, event: ScenarioEvent) => {
    if (!drag || drag.id !== event.id) return;
    const deltaMs = ((e.clientX - drag.startX) / drag.widthPx) * spanMs;
    setDrag({ ...drag, preview: dragged(event, drag.mode, deltaMs, step) });
  };
  const finish = (event: ScenarioEvent) => {
    if (!drag || drag.id !== event.id) return;
    setDrag(null);
    const { atMs, durationMs } = drag.preview;
    if (atMs !== event.atMs || durationMs !== event.durationMs) {
      commitEvent(event.id, drag.mode === 'move' ? { atMs } : { durationMs });
    }
  };

  return (
    <div className="timeline__grid" data-testid="timeline">
      <div className="timeline__lane timeline__lane--axis">
        <div className="timeline__label muted">node</div>
        <div className="timeline__track timeline__axis">
          {ticks(spanMs).map((t) => (
            <span key={t} className="timeline__tick" style={{ left: percent(t, spanMs) }}>
              {formatClock(t)}
            </span>
          ))}
        </div>
      </div>
      {lanes.map((nodeId) => {
        const node = names.get(nodeId);
        return (
          <div key={nodeId} className="timeline__lane" data-testid={`timeline-lane-${nodeId}`}>
            <div className={`timeline__label k-${node?.kind ?? 'missing'}`} title={node?.name}>
              {node?.name ?? `${nodeId} (deleted)`}
            </div>
            <div className="timeline__track">
              {ticks(spanMs).map((t) => (
                <span key={t} className="timeline__gridline" style={{ left: percent(t, spanMs) }} />
              ))}
              {playheadMs !== null ? (
                <span
                  className="timeline__playhead"
                  style={{ left: percent(playheadMs, spanMs) }}
                />
              ) : null}
              {events
                .filter((e) => e.nodeId === nodeId)
                .map((event) => {
                  const shown = drag?.id === event.id ? { ...event, ...drag.preview } : event;
                  const end =
                    shown.durationMs === undefined ? spanMs : shown.atMs + shown.durationMs;
                  const problem = invalid.get(event.id);
                  const when = `${formatClock(shown.atMs)}–${shown.durationMs === undefined ? 'end' : formatClock(end)}`;
                  return (
                    <div
                      key={event.id}
                      role="button"
                      tabIndex={0}
                      className={`timeline__bar timeline__bar--${event.change.type}${selected === event.id ? ' is-selected' : ''}${problem ? ' is-invalid' : ''}${shown.durationMs === undefined ? ' is-open' : ''}`}
                      style={{
                        left: percent(shown.atMs, spanMs),
                        width: `calc(${percent(end - Math.min(shown.atMs, spanMs), spanMs)} - 1px)`,
                      }}
                      title={`${eventLabel(event)}: ${describeChange(event.change)}, ${when}${problem ? `\n${problem}` : ''}`}
                      data-testid={`timeline-event-${event.id}`}
                      onPointerDown={(e) => begin(e, event, 'move')}
                      onPointerMove={(e) => move(e, event)}
                      onPointerUp={() => finish(event)}
                      onPointerCancel={() => setDrag(null)}
                      onKeyDown={(e) => keyOnBar(e, event, step)}
                    >
                      <span className="timeline__bar-text">
                        {barTitle(event)}
                        <span className="timeline__bar-when"> {when}</span>
                      </span>
                      {shown.durationMs !== undefined ? (
                        <span
                          className="timeline__handle"
                          title="Drag to change the duration"
                          data-testid={`timeline-resize-${event.id}`}
                          onPointerDown={(e) => begin(e, event, 'resize')}
                          onPointerMove={(e) => {
                            e.stopPropagation();
                            move(e, event);
                          }}
                          onPointerUp={(e) => {
                            e.stopPropagation();
                            finish(event);
                          }}
                        />
                      ) : null}
                    </div>
                  );
                })}
            </div>
          </div>
        );
      })}
    </div>
  );
}
