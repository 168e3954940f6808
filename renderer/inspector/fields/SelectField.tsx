import { useState } from 'react';
import { MIXED, type Shown } from '../values';
import { Field } from './Field';

export interface Option<T extends string> {
  value: T;
  label: string;
}

/** A choice among a few values; `onChoose` returns a problem or null. */
export function SelectField<T extends string>({
  label,
  value,
  options,
  onChoose,
  help,
}: {
  label: string;
  value: Shown<T>;
  options: readonly Option<T>[];
  onChoose: (value: T) => string | null;
  help?: string;
}) {
  const [error, setError] = useState<string | null>(null);
  return (
    <Field label={label} error={error} help={help}>
      {(id) => (
        <select
          id={id}
          className="input"
          value={value === MIXED ? '' : value}
          onChange={(e) => setError(onChoose(e.currentTarget.value as T))}
        >
          {value === MIXED ? (
            <option value="" disabled>
              mixed
            </option>
          ) : null}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A yes/no value. */
export function CheckField({
  label,
  checked,
  onToggle,
  help,
}: {
  label: string;
  checked: Shown<boolean>;
  onToggle: (checked: boolean) => string | null;
  help?: string;
}) {
  return (
    <label className="check" title={help}>
      <input
        type="checkbox"
        checked={checked === true}
        ref={(el) => {
          if (el) el.indeterminate = checked === MIXED;
        }}
        onChange={(e) => onToggle(e.currentTarget.checked)}
      />
      <span>{label}</span>
      {help ? <span className="check__help">{help}</span> : null}
    </label>
  );
}
