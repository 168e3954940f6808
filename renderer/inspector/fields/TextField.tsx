import { useState } from 'react';
import { MIXED, type Commit, type Shown } from '../values';
import { Field } from './Field';

/** A text value applied live; the schema's message shows while it is invalid. */
export function TextField({
  label,
  value,
  onCommit,
  optional = false,
  multiline = false,
  placeholder,
  help,
  mono = false,
}: {
  label: string;
  value: Shown<string | undefined>;
  onCommit: Commit;
  optional?: boolean;
  multiline?: boolean;
  placeholder?: string;
  help?: string;
  mono?: boolean;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [basis, setBasis] = useState(value);
  if (!Object.is(basis, value)) {
    setBasis(value);
    setDraft(null);
    setError(null);
  }
  const shown = draft ?? (value === MIXED || value === undefined ? '' : value);
  const change = (text: string) => {
    setDraft(text);
    const next = optional && text === '' ? undefined : text;
    const problem = onCommit(next);
    setError(problem);
    if (problem === null) setBasis(next);
  };
  const common = {
    className: `input${mono ? ' input--mono' : ''}`,
    value: shown,
    placeholder: value === MIXED ? 'mixed' : placeholder,
    spellCheck: false,
    'aria-invalid': error ? true : undefined,
    onBlur: () => {
      if (error === null) setDraft(null);
    },
  };
  return (
    <Field label={label} error={error} help={help}>
      {(id, describedBy) =>
        multiline ? (
          <textarea
            id={id}
            rows={3}
            aria-describedby={describedBy}
            {...common}
            onChange={(e) => change(e.currentTarget.value)}
          />
        ) : (
          <input
            id={id}
            aria-describedby={describedBy}
            {...common}
            onChange={(e) => change(e.currentTarget.value)}
          />
        )
      }
    </Field>
  );
}
