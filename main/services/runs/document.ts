import { ApiError, runControlSchema, type RunControl } from '../../../shared/api/contract';
import { parseDocumentValue, type PipelineDocument } from '../../../shared/document';
import { validateDocument } from '../../../shared/validation';
import { planRun } from '../../runner/plan';

const bad = (message: string) => new ApiError({ code: 'invalid-request', message });

/**
 * Validation findings that describe a pipeline's behaviour, not a reason it cannot run. A
 * scenario's or an autoscaler's errors do stop a run: the runner plays both (issue 16), and would
 * play them wrong.
 */
const RUNNABLE_DESPITE = new Set(['capacity', 'rate-limit']);

/** The document as a runnable pipeline, or an `invalid-document` error saying what to fix. */
export function checkDocument(raw: unknown): PipelineDocument {
  const parsed = parseDocumentValue(raw);
  if (!parsed.ok) {
    const first = parsed.errors[0];
    throw new ApiError({
      code: 'invalid-document',
      message: `the document is not valid: ${first?.path ? `${first.path}: ` : ''}${first?.message}`,
      errors: parsed.errors,
    });
  }
  // An overloaded pipeline still runs: watching its backlog grow is what a run is for.
  const errors = validateDocument(parsed.document).filter(
    (d) => d.severity === 'error' && !RUNNABLE_DESPITE.has(d.rule),
  );
  const plan = planRun(parsed.document);
  // The plan's topology checks are worded as the editor's diagnostics are, so a problem both
  // find (a worker without an input queue) would be named twice: name each once.
  const problems = [
    ...new Set([...errors.map((d) => `${d.message} (${d.hint})`), ...(plan.ok ? [] : plan.errors)]),
  ];
  if (problems.length > 0) {
    throw new ApiError({
      code: 'invalid-document',
      message: `this pipeline cannot run: ${problems.join('; ')}`,
      errors: problems.map((message) => ({ path: '', message })),
    });
  }
  return parsed.document;
}

/**
 * A control checked on the host before it reaches the runner: its values (the contract's zod
 * schema, for callers that skip the dispatcher) and its target, a node of the right kind in the
 * running document. Throws `invalid-request` saying what is wrong and what is there.
 */
export function checkControl(document: PipelineDocument, request: unknown): RunControl {
  const parsed = runControlSchema.safeParse(request);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'control'}: ${i.message}`);
    throw bad(`invalid control: ${issues.join('; ')}`);
  }
  const control = parsed.data;
  const [kind, id] =
    'queueId' in control
      ? (['queue', control.queueId] as const)
      : 'producerId' in control
        ? (['producer', control.producerId] as const)
        : (['worker', control.workerId] as const);
  const node = document.nodes.find((n) => n.id === id);
  if (!node || node.kind !== kind) {
    const known = document.nodes
      .filter((n) => n.kind === kind)
      .map((n) => `${n.id} ("${n.name}")`)
      .join(', ');
    throw bad(
      `no ${kind} with id "${id}" in the running pipeline; its ${kind}s are: ${known || 'none'}`,
    );
  }
  return control;
}
