import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { PipelineDocument } from '../../shared/document';
import { validateDocument, type Diagnostic } from '../../shared/validation';
import { documentGraph, documentStore } from './document-store';

/** Errors and warnings attached to one node or edge, for its badge. */
export interface ElementDiagnostics {
  errors: number;
  warnings: number;
  /** The first message, shown as the badge's tooltip. */
  messages: string;
}

export interface DiagnosticsState {
  diagnostics: readonly Diagnostic[];
  /** What each finding is about, as the user named it (`emails`, `sender → dead-letters`). */
  where: readonly string[];
  byNode: Readonly<Record<string, ElementDiagnostics>>;
  byEdge: Readonly<Record<string, ElementDiagnostics>>;
}

export const diagnosticsStore = createStore<DiagnosticsState>()(() => ({
  diagnostics: [],
  where: [],
  byNode: {},
  byEdge: {},
}));

export const useDiagnostics = (): readonly Diagnostic[] =>
  useStore(diagnosticsStore, (s) => s.diagnostics);
export const useDiagnosticsWhere = (): readonly string[] =>
  useStore(diagnosticsStore, (s) => s.where);
export const useDiagnosticsByNode = (): DiagnosticsState['byNode'] =>
  useStore(diagnosticsStore, (s) => s.byNode);
export const useNodeDiagnostics = (nodeId: string): ElementDiagnostics | undefined =>
  useStore(diagnosticsStore, (s) => s.byNode[nodeId]);
export const useEdgeDiagnostics = (edgeId: string): ElementDiagnostics | undefined =>
  useStore(diagnosticsStore, (s) => s.byEdge[edgeId]);

/** Runs the validation rules; a failing rule becomes a diagnostic rather than a crash. */
export function computeDiagnostics(doc: PipelineDocument): Diagnostic[] {
  try {
    return validateDocument(doc, documentGraph(doc));
  } catch (error) {
    return [
      {
        rule: 'internal',
        severity: 'warning',
        message: `The checks could not run: ${error instanceof Error ? error.message : String(error)}`,
        hint: 'This is a bug in Pipewright; the document itself is unaffected.',
      },
    ];
  }
}

function group(
  diagnostics: readonly Diagnostic[],
  key: 'nodeId' | 'edgeId',
  previous: Readonly<Record<string, ElementDiagnostics>>,
): Record<string, ElementDiagnostics> {
  const out: Record<string, ElementDiagnostics> = {};
  for (const d of diagnostics) {
    const id = d[key];
    if (id === undefined) continue;
    const entry = (out[id] ??= { errors: 0, warnings: 0, messages: '' });
    if (d.severity === 'error') entry.errors++;
    else entry.warnings++;
    entry.messages = entry.messages === '' ? d.message : `${entry.messages}\n${d.message}`;
  }
  // Keep unchanged entries' identity so only badges whose findings changed re-render.
  for (const [id, entry] of Object.entries(out)) {
    const old = previous[id];
    if (
      old &&
      old.errors === entry.errors &&
      old.warnings === entry.warnings &&
      old.messages === entry.messages
    ) {
      out[id] = old;
    }
  }
  return out;
}

/** Names a finding's node or edge the way the user named them, from the document checked. */
export function describeWhere(d: Diagnostic, doc: PipelineDocument | null): string {
  return describer(doc)(d);
}

/** describeWhere for many findings of one document: its names and edges looked up once. */
function describer(doc: PipelineDocument | null): (d: Diagnostic) => string {
  const names = new Map(doc?.nodes.map((n) => [n.id, n.name] as const));
  const edges = new Map(doc?.edges.map((e) => [e.id, e] as const));
  const name = (id: string) => names.get(id) ?? id;
  return (d) => {
    if (d.nodeId) return name(d.nodeId);
    if (d.edgeId) {
      const edge = edges.get(d.edgeId);
      return edge ? `${name(edge.from)} → ${name(edge.to)}` : d.edgeId;
    }
    return 'pipeline';
  };
}

const sameFinding = (a: Diagnostic, b: Diagnostic): boolean =>
  a.rule === b.rule &&
  a.severity === b.severity &&
  a.nodeId === b.nodeId &&
  a.edgeId === b.edgeId &&
  a.message === b.message &&
  a.hint === b.hint;

export function setDiagnostics(
  diagnostics: readonly Diagnostic[],
  doc: PipelineDocument | null = null,
): void {
  const previous = diagnosticsStore.getState();
  const where = diagnostics.map(describer(doc));
  // Most edits change no finding: keep the state, so the problems panel and badges stay as they
  // are and the answer costs no repaint.
  if (
    diagnostics.length === previous.diagnostics.length &&
    diagnostics.every((d, i) => sameFinding(d, previous.diagnostics[i]!)) &&
    where.every((w, i) => w === previous.where[i])
  ) {
    return;
  }
  diagnosticsStore.setState(
    {
      diagnostics,
      where,
      byNode: group(diagnostics, 'nodeId', previous.byNode),
      byEdge: group(diagnostics, 'edgeId', previous.byEdge),
    },
    true,
  );
}

/** True when something other than node positions changed (positions never affect the rules). */
export function structureChanged(a: PipelineDocument, b: PipelineDocument): boolean {
  if (a === b) return false;
  if (a.edges !== b.edges || a.settings !== b.settings || a.name !== b.name) return true;
  // A scenario's events are checked too (their targets, ids, overlaps).
  if (a.scenario !== b.scenario) return true;
  if (a.nodes.length !== b.nodes.length) return true;
  return a.nodes.some((n, i) => {
    const m = b.nodes[i]!;
    return (
      n !== m && (n.id !== m.id || n.kind !== m.kind || n.name !== m.name || n.config !== m.config)
    );
  });
}

export type Validate = (
  doc: PipelineDocument,
) => readonly Diagnostic[] | Promise<readonly Diagnostic[]>;

/**
 * Keeps the diagnostics in step with the document store. Validation runs once per task, in a
 * microtask (so before the next frame is drawn), and is skipped for pure moves. It may be
 * asynchronous (a Web Worker, off the UI thread); an answer for an outdated document is dropped.
 */
export function connectDiagnostics(
  schedule: (run: () => void) => void = queueMicrotask,
  validate: Validate = computeDiagnostics,
): () => void {
  let checked: PipelineDocument | null = null;
  let pending = false;
  let stopped = false;
  const run = () => {
    pending = false;
    const doc = documentStore.getState().document;
    if (stopped || (checked !== null && !structureChanged(checked, doc))) return;
    checked = doc;
    const result = validate(doc);
    if (!(result instanceof Promise)) {
      setDiagnostics(result, doc);
      return;
    }
    void result.then(
      (diagnostics) => {
        if (!stopped && checked === doc) setDiagnostics(diagnostics, doc);
      },
      () => {
        if (!stopped && checked === doc) setDiagnostics(computeDiagnostics(doc), doc);
      },
    );
  };
  run();
  const unsubscribe = documentStore.subscribe((state, previous) => {
    if (state.document === previous.document || pending) return;
    pending = true;
    schedule(run);
  });
  return () => {
    stopped = true;
    unsubscribe();
  };
}
