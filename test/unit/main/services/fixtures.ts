import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { PipelineDocument } from '../../../../shared/document';

/** A small valid pipeline: producer → queue → worker. */
export function minimalDocument(name = 'Minimal'): PipelineDocument {
  return {
    format: 'pipewright/v1',
    name,
    nodes: [
      {
        id: 'p',
        kind: 'producer',
        name: 'signup',
        position: { x: 0, y: 0 },
        config: { jobName: 'send', arrival: { type: 'poisson', ratePerSec: 5 } },
      },
      { id: 'q', kind: 'queue', name: 'emails', position: { x: 200, y: 0 }, config: {} },
      {
        id: 'w',
        kind: 'worker',
        name: 'sender',
        position: { x: 400, y: 0 },
        config: { concurrency: 2, replicas: 1, service: { type: 'fixed', ms: 10 } },
      },
    ],
    edges: [
      { id: 'e1', from: 'p', to: 'q' },
      { id: 'e2', from: 'q', to: 'w' },
    ],
  };
}

/** Temporary folders removed after each test. */
export function useTempDirs(): (prefix?: string) => string {
  const made: string[] = [];
  afterEach(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return (prefix = 'pipewright-test-') => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    made.push(dir);
    return dir;
  };
}

/** An examples folder holding one valid example and one broken file. */
export function writeExamples(dir: string): void {
  writeFileSync(
    join(dir, 'welcome-emails.pipewright.json'),
    JSON.stringify({ ...minimalDocument('Welcome emails'), description: 'Retries and a DLQ' }),
  );
  writeFileSync(join(dir, 'broken.pipewright.json'), '{"format": "pipewright/v1", "name": ');
  writeFileSync(join(dir, 'notes.txt'), 'not an example');
}
