import { useState } from 'react';
import type { ScenarioEvent } from '../../shared/document';
import { formatDuration, parseDuration } from '../../shared/duration';
import { deleteScenarioEventAction } from '../actions/scenario-events';
import { runActionSync } from '../actions/run';
import { fractionOf, parsePercent, percentText } from '../inspector/percent';
import { selectEvent } from '../state/timeline-store';
import { commitEvent } from './scenario-commit';

type Parse = (text: string) => { patch: Partial<ScenarioEvent> } | { problem: string };

/** A text field applied live when it parses; its problem (or the schema's) shows beneath. */
function EventField({
  eventId,
  label,
  text,
  parse,
  unit,
  testId,
  placeholder,
}: {
  eventId: string;
  label: string;
  text: string;
  parse: Parse;
  unit?: string;
  testId: string;
  placeholder?: string;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [basis, setBasis] = useState(text);
  if (basis !== text) {
    // Changed elsewhere (a drag, undo): show it.
    setBasis(text);
    setDraft(null);
    setProblem(null);
  }
  const change = (value: string) => {
    setDraft(value);
    const parsed = parse(value);
    setProblem('problem' in parsed ? parsed.problem : commitEvent(eventId, parsed.patch));
  };
  return (
    <label className={`timeline-editor__field${problem ? ' field--invalid' : ''}`}>
      <span className="field__label">{label}</span>
      <span className="field__control">
        <input
          className="input"
          value={draft ?? text}
          placeholder={placeholder}
          aria-invalid={problem ? true : undefined}
          onChange={(e) => change(e.currentTarget.value)}
          onBlur={() => {
            if (problem === null) setDraft(null);
          }}
          data-testid={testId}
        />
        {unit ? <span className="field__unit">{unit}</span> : null}
      </span>
      {problem ? (
        <span className="field__error" role="alert">
          {problem}
        </span>
      ) : null}
    </label>
  );
}

const durationParse =
  (key: 'atMs' | 'durationMs', optional: boolean): Parse =>
  (text) => {
    if (text.trim() === '' && optional) return { patch: { [key]: undefined } };
    const ms = parseDuration(text);
    if (ms === null) return { problem: `“${text}” is not a duration: write e.g. 90s, 5m or 1h` };
    return { patch: { [key]: ms } };
  };

const numberParse =
  (make: (n: number) => ScenarioEvent['change']): Parse =>
  (text) => {
    const n = Number(text.trim());
    if (text.trim() === '' || !Number.isFinite(n)) return { problem: 'Must be a number' };
    return { patch: { change: make(n) } };
  };

function ChangeField({ event }: { event: ScenarioEvent }) {
  const c = event.change;
  const common = { eventId: event.id, testId: 'event-value' };
  switch (c.type) {
    case 'failureRate':
      return (
        <EventField
          {...common}
          label="Failing attempts"
          unit="%"
          text={percentText(c.failureRate)}
          parse={(text) => {
            const p = parsePercent(text);
            if (!p.ok) return { problem: p.message };
            return {
              patch: { change: { type: 'failureRate', failureRate: fractionOf(p.percent) } },
            };
          }}
        />
      );
    case 'slowdown':
      return (
        <EventField
          {...common}
          label="Service time ×"
          text={String(c.factor)}
          parse={numberParse((factor) => ({ type: 'slowdown', factor }))}
        />
      );
    case 'rate':
      return (
        <EventField
          {...common}
          label="Rate"
          unit="jobs/s"
          text={String(c.ratePerSec)}
          parse={numberParse((ratePerSec) => ({ type: 'rate', ratePerSec }))}
        />
      );
    case 'replicas':
      return (
        <EventField
          {...common}
          label="Replicas alive"
          text={String(c.replicas)}
          parse={numberParse((replicas) => ({ type: 'replicas', replicas }))}
        />
      );
    case 'pause':
      return <p className="muted timeline-editor__note">The queue is paused: no job starts.</p>;
  }
}

/** The selected event's fields: name, start, duration (empty: to the end), its value; delete. */
export function EventEditor({ event }: { event: ScenarioEvent }) {
  return (
    <div className="timeline-editor" data-testid="event-editor">
      <div className="timeline-editor__fields">
        <EventField
          eventId={event.id}
          label="Name"
          text={event.name ?? ''}
          placeholder={event.id}
          testId="event-name"
          parse={(text) => ({ patch: { name: text.trim() === '' ? undefined : text } })}
        />
        <EventField
          eventId={event.id}
          label="Starts at"
          text={formatDuration(event.atMs)}
          testId="event-start"
          parse={durationParse('atMs', false)}
        />
        <EventField
          eventId={event.id}
          label="Lasts"
          text={event.durationMs === undefined ? '' : formatDuration(event.durationMs)}
          placeholder="to the end"
          testId="event-duration"
          parse={durationParse('durationMs', true)}
        />
        <ChangeField event={event} />
        <button
          type="button"
          className="btn btn--small btn--danger timeline-editor__delete"
          onClick={() => {
            runActionSync(deleteScenarioEventAction, { id: event.id });
            selectEvent(null);
          }}
          data-testid="event-delete"
        >
          Delete event
        </button>
      </div>
    </div>
  );
}
