import { useState } from 'react';
import type { Commit } from '../values';
import { Field } from './Field';

const show = (value: unknown) => (value === undefined ? '' : JSON.stringify(value, null, 2));

/** JSON data (a job's payload), applied when it parses; empty removes it. */
export function JsonField({
  label,
  value,
  onCommit,
}: {
  label: string;
  value: unknown;
  onCommit: Commit;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [basis, setBasis] = useState(value);
  if (basis !== value) {
    setBasis(value);
    setDraft(null);
    setError(null);
  }
  const change = (text: string) => {
    setDraft(text);
    let parsed: unknown;
    try {
      parsed = text.trim() === '' ? undefined : JSON.parse(text);
    } catch (e) {
      setError(`Not valid JSON yet: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    const problem = onCommit(parsed);
    setError(problem);
    // The document now holds this very object: keep the text as typed.
    if (problem === null) setBasis(parsed);
  };
  return (
    <Field
      label={label}
      error={error}
      help="Example job data, as JSON (used by runs and generated code)"
    >
      {(id, describedBy) => (
        <textarea
          id={id}
          className="input input--mono"
          rows={4}
          spellCheck={false}
          value={draft ?? show(value)}
          aria-describedby={describedBy}
          onChange={(e) => change(e.currentTarget.value)}
          onBlur={() => {
            if (error === null) setDraft(null);
          }}
        />
      )}
    </Field>
  );
}
