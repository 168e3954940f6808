import { afterEach, describe, expect, it } from 'vitest';
import { documentStore, loadDocument } from '../../../../renderer/state/document-store';
import {
  computeDiagnostics,
  connectDiagnostics,
  describeWhere,
  diagnosticsStore,
  setDiagnostics,
  structureChanged,
} from '../../../../renderer/state/diagnostics-store';
import { commit } from '../../../../renderer/state/history';
import { moveNodes } from '../../../../renderer/editing/edit';
import { welcomeDoc } from '../actions/fixtures';

let stop: (() => void) | null = null;
afterEach(() => stop?.());

/** Runs scheduled validations when the test says so, counting them. */
function manualSchedule() {
  const queue: Array<() => void> = [];
  return {
    schedule: (run: () => void) => void queue.push(run),
    flush: () => queue.splice(0).forEach((r) => r()),
    queue,
  };
}

const change = (next: ReturnType<typeof welcomeDoc>) =>
  documentStore.setState(commit(documentStore.getState(), next, { now: 0 }), true);

describe('diagnostics store', () => {
  it('validates the document at once, then once per burst of changes', () => {
    const doc = welcomeDoc();
    loadDocument({ ...doc, edges: doc.edges.slice(0, 1) }, null); // the worker lost its queue
    const timer = manualSchedule();
    stop = connectDiagnostics(timer.schedule);
    const first = diagnosticsStore.getState();
    expect(first.byNode.sender).toMatchObject({ errors: 1 });
    expect(first.diagnostics.some((d) => d.rule === 'worker-input' && d.nodeId === 'sender')).toBe(
      true,
    );

    change(welcomeDoc());
    change({ ...welcomeDoc(), name: 'again' });
    expect(timer.queue).toHaveLength(1);
    timer.flush();
    expect(diagnosticsStore.getState().byNode.sender).toBeUndefined();
  });

  it('skips validation when only positions changed, and keeps unchanged badges identical', () => {
    loadDocument(welcomeDoc(), null);
    const timer = manualSchedule();
    stop = connectDiagnostics(timer.schedule);
    const before = diagnosticsStore.getState();
    change(moveNodes(documentStore.getState().document, new Map([['emails', { x: 9, y: 9 }]])));
    timer.flush();
    expect(diagnosticsStore.getState()).toBe(before);
  });

  it('takes answers from an asynchronous validator, dropping those for outdated documents', async () => {
    loadDocument(welcomeDoc(), null);
    const answers: Array<(d: ReturnType<typeof computeDiagnostics>) => void> = [];
    const timer = manualSchedule();
    stop = connectDiagnostics(
      timer.schedule,
      () => new Promise((resolve) => answers.push(resolve)),
    );
    change({ ...welcomeDoc(), name: 'second' });
    timer.flush();
    expect(answers).toHaveLength(2);
    const stale = { rule: 'stale', severity: 'error' as const, message: 'old', hint: '' };
    const fresh = {
      rule: 'fresh',
      severity: 'warning' as const,
      nodeId: 'emails',
      message: 'new',
      hint: '',
    };
    answers[1]!([fresh]);
    answers[0]!([stale]);
    await Promise.resolve();
    expect(diagnosticsStore.getState().diagnostics).toEqual([fresh]);
    expect(diagnosticsStore.getState().byNode.emails).toMatchObject({ warnings: 1 });
  });

  it('keeps its state when an answer finds what the last one found', () => {
    const doc = welcomeDoc();
    const finding = {
      rule: 'r',
      severity: 'warning' as const,
      nodeId: 'sender',
      message: 'm',
      hint: '',
    };
    setDiagnostics([finding], doc);
    const before = diagnosticsStore.getState();
    setDiagnostics([{ ...finding }], { ...doc });
    expect(diagnosticsStore.getState()).toBe(before);
    setDiagnostics([{ ...finding, message: 'other' }], doc);
    expect(diagnosticsStore.getState().byNode.sender?.messages).toBe('other');
    const renamed = { ...doc, nodes: doc.nodes.map((n) => ({ ...n, name: `${n.name}!` })) };
    setDiagnostics([{ ...finding, message: 'other' }], renamed);
    expect(diagnosticsStore.getState().where).toEqual(['email-sender!']);
  });

  it('tells structural changes from moves', () => {
    const doc = welcomeDoc();
    const moved = moveNodes(doc, new Map([['emails', { x: 1, y: 1 }]]));
    expect(structureChanged(doc, moved)).toBe(false);
    expect(structureChanged(doc, { ...doc, name: 'x' })).toBe(true);
    expect(structureChanged(doc, { ...doc, edges: doc.edges.slice(1) })).toBe(true);
    const renamed = { ...doc, nodes: doc.nodes.map((n, i) => (i === 0 ? { ...n, name: 'y' } : n)) };
    expect(structureChanged(doc, renamed)).toBe(true);
    // A scenario event added on the timeline is checked (it may target the wrong kind of node).
    const withEvent = {
      ...doc,
      scenario: {
        events: [{ id: 'e', nodeId: 'emails', atMs: 0, change: { type: 'pause' as const } }],
      },
    };
    expect(structureChanged(doc, withEvent)).toBe(true);
  });

  it('names what each finding is about as the user named it', () => {
    const doc = welcomeDoc();
    const d = { rule: 'r', severity: 'error' as const, message: '', hint: '' };
    expect(describeWhere({ ...d, nodeId: 'sender' }, doc)).toBe('email-sender');
    expect(describeWhere({ ...d, edgeId: 'e3' }, doc)).toBe('email-sender → dead-letters');
    expect(describeWhere(d, doc)).toBe('pipeline');
    expect(describeWhere({ ...d, nodeId: 'gone' }, doc)).toBe('gone');
  });

  it('reports clean examples as clean', () => {
    expect(computeDiagnostics(welcomeDoc()).filter((d) => d.severity === 'error')).toEqual([]);
  });
});
