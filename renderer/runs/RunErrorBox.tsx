import type { RunErrorView } from './run-errors';

/** A host refusal: what failed, each finding, and what to install or change. */
export function RunErrorBox({ error, onDismiss }: { error: RunErrorView; onDismiss?: () => void }) {
  return (
    <div className="run-error" role="alert" data-testid="run-error">
      <div className="run-error__head">
        <b>{error.title}</b>
        {onDismiss ? (
          <button type="button" className="icon-btn" aria-label="Dismiss" onClick={onDismiss}>
            ×
          </button>
        ) : null}
      </div>
      <p className="run-error__message">{error.message}</p>
      {error.details.length > 0 ? (
        <ul className="run-error__details">
          {error.details.map((d) => (
            <li key={d}>{d}</li>
          ))}
        </ul>
      ) : null}
      {error.help ? <pre className="run-error__help">{error.help}</pre> : null}
    </div>
  );
}
