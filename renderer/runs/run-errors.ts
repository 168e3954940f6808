import { ApiError } from '../../shared/api/contract';

/** A host refusal as a person reads it: what failed, why, and what to do about it. */
export interface RunErrorView {
  title: string;
  message: string;
  /** Several findings (an invalid document lists each). */
  details: string[];
  /** Install instructions and the like, shown as a block. */
  help: string | null;
}

const sentence = (text: string): string =>
  text.length === 0 ? text : text.charAt(0).toUpperCase() + text.slice(1);

/**
 * Turns an error from a run request into a view. The host sends "Redis missing" as one message
 * whose first line is the problem and the rest the install instructions.
 */
export function runErrorView(title: string, error: unknown): RunErrorView {
  if (error instanceof ApiError) {
    const [first = '', ...rest] = error.message.split('\n');
    const details =
      error.code === 'invalid-document' && error.errors && error.errors.length > 1
        ? error.errors.map((e) => sentence(e.path ? `${e.path}: ${e.message}` : e.message))
        : [];
    const help = rest.join('\n').trim();
    return {
      title,
      message:
        error.code === 'disconnected'
          ? `${sentence(first)} (the Pipewright host did not answer)`
          : details.length > 0
            ? 'This pipeline cannot run yet:'
            : sentence(first),
      details,
      help: help.length > 0 ? help : null,
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { title, message: sentence(message), details: [], help: null };
}
