import { useId, type ReactNode } from 'react';

/** A labelled row: label, control, unit, and the message of an invalid value beneath. */
export function Field({
  label,
  unit,
  error,
  help,
  children,
}: {
  label: string;
  unit?: string | undefined;
  error?: string | null | undefined;
  help?: string | undefined;
  children: (id: string, describedBy: string | undefined) => ReactNode;
}) {
  const id = useId();
  const messageId = `${id}-msg`;
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label className="field__label" htmlFor={id} title={help}>
        {label}
      </label>
      <div className="field__control">
        {children(id, error ? messageId : undefined)}
        {unit ? <span className="field__unit">{unit}</span> : null}
      </div>
      {error ? (
        <div className="field__error" id={messageId} role="alert">
          {error}
        </div>
      ) : help ? (
        <div className="field__help">{help}</div>
      ) : null}
    </div>
  );
}

export function Group({
  title,
  aside,
  children,
}: {
  title: string;
  /** Shown after the title, e.g. a "measured" mark. */
  aside?: ReactNode;
  children: ReactNode;
}) {
  return (
    <fieldset className="group">
      <legend className="group__title">
        {title}
        {aside}
      </legend>
      {children}
    </fieldset>
  );
}
