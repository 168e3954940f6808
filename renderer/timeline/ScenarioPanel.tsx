import { useEffect, useMemo, useState } from 'react';
import type { PipelineDocument } from '../../shared/document';
import { parseDuration } from '../../shared/duration';
import { eventLabel } from '../../shared/validation/scenario-events';
import { addScenarioEventAction } from '../actions/scenario-events';
import { runActionSync } from '../actions/run';
import { makeRoomBelow } from '../analysis/panel-room';
import { eventKindsFor, nextEventId, type EventKindId } from '../editing/scenario';
import { simulateSettings } from '../simulation/session';
import { resolveSettings } from '../simulation/settings';
import { useAnalysis } from '../state/analysis-store';
import { useDiagnostics } from '../state/diagnostics-store';
import { useDocument } from '../state/document-store';
import { useSelection } from '../state/selection-store';
import { selectEvent, useTimeline } from '../state/timeline-store';
import { EventEditor } from './EventEditor';
import { laneNodes, timelineSpanMs } from './timeline-geometry';
import { TimelineView } from './TimelineView';
import './timeline.css';

/** Room for the add form, a few lanes and the event's fields. */
const TIMELINE_HEIGHT = 270;

/** The simulation's length with the current settings (the axis spans at least that). */
function simulatedMs(doc: PipelineDocument): number {
  try {
    return resolveSettings(simulateSettings(), doc).expectedDurationMs;
  } catch {
    return 0;
  }
}

function AddEvent({ doc, nodeId }: { doc: PipelineDocument; nodeId: string | null }) {
  const node = doc.nodes.find((n) => n.id === nodeId);
  const kinds = node ? eventKindsFor(node) : [];
  const [kind, setKind] = useState<EventKindId | ''>('');
  const [start, setStart] = useState('1m');
  const [duration, setDuration] = useState('5m');
  const [problem, setProblem] = useState<string | null>(null);
  const chosen = kinds.find((k) => k.id === kind) ?? kinds[0];
  if (!node || !chosen) {
    return (
      <p className="muted timeline__hint" data-testid="scenario-hint">
        Select a node on the canvas to add an event to it: an outage, a slow dependency or lost
        replicas for a worker, a spike for a producer, a pause for a queue.
      </p>
    );
  }
  const add = () => {
    const atMs = parseDuration(start);
    const durationMs = duration.trim() === '' ? undefined : parseDuration(duration);
    if (atMs === null)
      return setProblem(`Start “${start}” is not a duration: write e.g. 90s or 5m`);
    if (durationMs === null) {
      return setProblem(`Length “${duration}” is not a duration: write e.g. 5m, or leave it empty`);
    }
    const id = nextEventId(doc);
    const effects = runActionSync(
      addScenarioEventAction,
      { nodeId: node.id, kind: chosen.id, atMs, id, ...(durationMs ? { durationMs } : {}) },
      (e) => e.type === 'toast',
    );
    const refused = effects.find((e) => e.type === 'toast');
    setProblem(refused?.type === 'toast' ? refused.message : null);
    if (!refused) selectEvent(id);
  };
  return (
    <form
      className="timeline__add"
      onSubmit={(e) => {
        e.preventDefault();
        add();
      }}
    >
      <span>Add</span>
      <select
        className="input"
        value={chosen.id}
        onChange={(e) => setKind(e.currentTarget.value as EventKindId)}
        data-testid="scenario-kind"
      >
        {kinds.map((k) => (
          <option key={k.id} value={k.id}>
            {k.label}
          </option>
        ))}
      </select>
      <span>
        to <strong>{node.name}</strong> at
      </span>
      <input
        className="input input--short"
        value={start}
        onChange={(e) => setStart(e.currentTarget.value)}
        data-testid="scenario-start"
      />
      <span>for</span>
      <input
        className="input input--short"
        value={duration}
        placeholder="the end"
        onChange={(e) => setDuration(e.currentTarget.value)}
        data-testid="scenario-duration"
      />
      <button type="submit" className="btn btn--small btn--primary" data-testid="scenario-add">
        Add event
      </button>
      {problem ? (
        <span className="field__error" role="alert">
          {problem}
        </span>
      ) : null}
    </form>
  );
}

/**
 * The scenario timeline under the canvas (docs/architecture.md "Scenarios"): add an event to the
 * selected node, drag or edit its start and length, delete it; its validation problems show here.
 */
export function ScenarioPanel() {
  const doc = useDocument();
  const selectedNodes = useSelection((s) => s.nodeIds);
  const nodeId = selectedNodes.size === 1 ? [...selectedNodes][0]! : null;
  const selectedEventId = useTimeline((s) => s.selectedEventId);
  const diagnostics = useDiagnostics();
  const playheadMs = useAnalysis((s) => s.snapshots[s.position]?.t ?? null);
  useEffect(() => {
    makeRoomBelow(
      TIMELINE_HEIGHT,
      doc.nodes.map((n) => n.id),
    );
    // Only when the tab opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const events = useMemo(() => doc.scenario?.events ?? [], [doc]);
  const problems = diagnostics.filter(
    (d) => d.rule.startsWith('scenario-') || d.rule.startsWith('autoscale-'),
  );
  const invalid = new Map<string, string>();
  for (const e of events) {
    const d = problems.find((p) => p.message.startsWith(eventLabel(e)));
    if (d) invalid.set(e.id, `${d.message} (${d.hint})`);
  }
  const event = events.find((e) => e.id === selectedEventId);
  const lanes = laneNodes(doc, nodeId ?? event?.nodeId ?? null);
  return (
    <div className="timeline" data-testid="scenario">
      <AddEvent doc={doc} nodeId={nodeId} />
      {problems.length > 0 ? (
        <ul className="timeline__problems" data-testid="scenario-problems">
          {problems.map((d, i) => (
            <li key={i} className={`timeline__problem timeline__problem--${d.severity}`}>
              {d.message} <span className="muted">({d.hint})</span>
            </li>
          ))}
        </ul>
      ) : null}
      {lanes.length > 0 ? (
        <TimelineView
          doc={doc}
          lanes={lanes}
          spanMs={timelineSpanMs(events, simulatedMs(doc))}
          invalid={invalid}
          playheadMs={playheadMs}
        />
      ) : null}
      {events.length === 0 ? (
        <p className="muted timeline__hint">
          No events yet: the simulation plays the design as drawn. Events you add are saved in the
          pipeline’s file and played by Simulate (F5).
        </p>
      ) : null}
      {event ? <EventEditor key={event.id} event={event} /> : null}
    </div>
  );
}
