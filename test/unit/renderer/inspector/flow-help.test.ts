import { describe, expect, it } from 'vitest';
import type { PipelineDocument, PipelineEdge } from '../../../../shared/document';
import { flowHelp } from '../../../../renderer/inspector/flow-help';
import { readExample } from '../analysis/fixtures';

const report = readExample('report-fanout');
const edge = (doc: PipelineDocument, id: string) => doc.edges.find((e) => e.id === id)!;
const without = (doc: PipelineDocument, id: string): PipelineDocument => ({
  ...doc,
  edges: doc.edges.filter((e) => e.id !== id),
});

describe('flow help under an edge’s "Carries"', () => {
  it('says how the two halves of a drawn flow fit together', () => {
    expect(flowHelp(report, edge(report, 'split-into-parts'))).toBe(
      'Each job of “report-splitter” adds these children; its parent runs on “assemble” once all of them are done.',
    );
    expect(flowHelp(report, edge(report, 'split-join'))).toBe(
      'Runs on “assemble” once all its children on “report-parts” are done.',
    );
  });

  it('says which half is still missing, and how to add it', () => {
    expect(flowHelp(without(report, 'split-join'), edge(report, 'split-into-parts'))).toBe(
      'Now select another edge from “report-splitter” to a queue and set it to Parent: the job that runs once these children are done.',
    );
    expect(flowHelp(without(report, 'split-into-parts'), edge(report, 'split-join'))).toBe(
      'Now select another edge from “report-splitter” to a queue and set it to Children: the jobs this parent waits for.',
    );
  });

  it('tells a plain completed edge how to make a flow, and says nothing on a failed one', () => {
    const plain: PipelineEdge = { id: 'x', from: 'report-splitter', to: 'report-parts' };
    expect(flowHelp(report, plain)).toBe(
      'For a BullMQ flow (fan-out, then join), set one edge from this worker to Children and another to Parent.',
    );
    expect(flowHelp(report, { ...plain, on: 'failed' })).toBeUndefined();
  });

  it('names every children queue of a parent', () => {
    const two: PipelineDocument = {
      ...report,
      edges: [
        ...report.edges,
        { id: 'more', from: 'report-splitter', to: 'reports', on: 'children', children: 2 },
      ],
    };
    expect(flowHelp(two, edge(two, 'split-join'))).toBe(
      'Runs on “assemble” once all its children on “report-parts” and “reports” are done.',
    );
  });
});
