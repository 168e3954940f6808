import { memo, useState } from 'react';
import { fractionOf, parsePercent, percentText } from '../percent';
import { MIXED, type Commit, type Shown } from '../values';
import { Field } from './Field';

/**
 * A number typed as text (so "0." or "-" can be typed on the way), applied live whenever it
 * parses and the schema accepts it; otherwise the schema's message shows beneath. An empty
 * optional field removes the value. With `percent`, the value is a fraction shown and typed in
 * percent ("2", "2%" and "2 %" store 0.02).
 */
export const NumberField = memo(function NumberField({
  label,
  value,
  onCommit,
  unit,
  optional = false,
  placeholder,
  help,
  percent = false,
}: {
  label: string;
  value: Shown<number | undefined>;
  onCommit: Commit;
  unit?: string;
  optional?: boolean;
  placeholder?: string;
  help?: string;
  percent?: boolean;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [basis, setBasis] = useState(value);
  if (!Object.is(basis, value)) {
    // The value changed elsewhere (undo, another field, another node): show it.
    setBasis(value);
    setDraft(null);
    setError(null);
  }
  const text = (v: number) => (percent ? percentText(v) : String(v));
  const shown = draft ?? (value === MIXED || value === undefined ? '' : text(value));
  const change = (text: string) => {
    setDraft(text);
    const trimmed = text.trim();
    let problem: string | null;
    let next: number | undefined;
    if (trimmed === '') {
      problem = optional ? null : 'Required';
      next = undefined;
    } else if (percent) {
      const parsed = parsePercent(trimmed);
      next = parsed.ok ? fractionOf(parsed.percent) : undefined;
      problem = parsed.ok ? null : parsed.message;
    } else {
      next = Number(trimmed);
      problem = Number.isFinite(next) ? null : 'Must be a number';
    }
    if (problem === null) problem = onCommit(next);
    setError(problem);
    if (problem === null) setBasis(next);
  };
  return (
    <Field label={label} unit={unit} error={error} help={help}>
      {(id, describedBy) => (
        <input
          id={id}
          className="input input--number"
          inputMode="decimal"
          value={shown}
          placeholder={value === MIXED ? 'mixed' : (placeholder ?? (optional ? 'none' : ''))}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => change(e.currentTarget.value)}
          onBlur={() => {
            if (error === null) setDraft(null);
          }}
        />
      )}
    </Field>
  );
});
