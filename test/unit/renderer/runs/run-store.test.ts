import { afterEach, describe, expect, it } from 'vitest';
import { IDLE_RUN_STATUS, type RunLogEntry, type RunStatus } from '../../../../shared/api/contract';
import { frameBatch } from '../../../../renderer/runs/frame-batch';
import {
  addLogEntries,
  beginRunState,
  initialRunState,
  isRunActive,
  runStore,
  setControlError,
  setLogFilter,
  setOverride,
  setRunInfo,
  setRunResult,
  setRunSettings,
  setRunStatus,
} from '../../../../renderer/state/run-store';
import { welcomeDoc } from '../actions/fixtures';

afterEach(() => runStore.setState(initialRunState(), true));

const log = (runId: string, t: number): RunLogEntry => ({
  runId,
  t,
  level: 'info',
  message: `at ${t}`,
});
const status = (patch: Partial<RunStatus>): RunStatus => ({ ...IDLE_RUN_STATUS, ...patch });

describe('run store', () => {
  it('keeps the log of the run on show only', () => {
    beginRunState(welcomeDoc(), null);
    setRunStatus(status({ runId: 'run-1', state: 'starting' }));
    addLogEntries([log('run-1', 1), log('run-0', 2), log('run-1', 3)]);
    expect(runStore.getState().log.entries.map((e) => e.t)).toEqual([1, 3]);
    setRunInfo({
      runId: 'run-1',
      prefix: 'bull-run-1',
      documentName: 'W',
      startedAt: 0,
      redis: null as never,
    });
    addLogEntries([log('run-1', 4)]);
    expect(runStore.getState().log.entries).toHaveLength(3);
  });

  it('tells an active run from a finished one', () => {
    for (const state of ['starting', 'running', 'stopping', 'crashed'] as const) {
      expect(isRunActive({ status: status({ state }) })).toBe(true);
    }
    for (const state of ['idle', 'stopped', 'failed'] as const) {
      expect(isRunActive({ status: status({ state }) })).toBe(false);
    }
  });

  it('remembers controls per node past the end of the run until kept or discarded; a new run starts clean', () => {
    beginRunState(welcomeDoc(), null);
    setOverride('signup', { ratePerSec: 50 });
    setOverride('sender', { concurrency: 4 });
    setOverride('sender', { replicas: 0 });
    setControlError('signup', 'Invalid control: ratePerSec: must be a number from 0 to 100000');
    expect(runStore.getState().overrides).toEqual({
      signup: { ratePerSec: 50 },
      sender: { concurrency: 4, replicas: 0 },
    });
    setControlError('signup', null);
    expect(runStore.getState().controlErrors).toEqual({});
    setRunResult({
      runId: 'run-1',
      summary: {
        format: 'pipewright-summary/v1',
        mode: 'run',
        document: 'W',
        durationMs: 1,
        nodes: {},
        endToEndMs: { mean: 0, p50: 0, p95: 0, p99: 0, max: 0 },
      },
      drained: false,
      keysRemoved: 3,
      keysKept: false,
    });
    // Shown on the canvas until the user keeps them in the design or discards them.
    expect(runStore.getState().overrides.sender).toEqual({ concurrency: 4, replicas: 0 });
    addLogEntries([log('run-1', 1)]);
    beginRunState(welcomeDoc(), null);
    expect(runStore.getState().overrides).toEqual({});
    expect(runStore.getState().log.entries).toEqual([]);
    expect(runStore.getState().result).toBeNull();
  });

  it('keeps run settings and log filters between runs', () => {
    setRunSettings({ durationMs: 30_000 });
    setRunSettings({ drain: true });
    setLogFilter({ levels: ['error'], nodeId: 'sender' });
    beginRunState(welcomeDoc(), null);
    expect(runStore.getState().settings).toEqual({
      durationMs: 30_000,
      keepKeys: false,
      drain: true,
    });
    expect(runStore.getState().logFilter).toMatchObject({ levels: ['error'], nodeId: 'sender' });
  });
});

describe('frame batches', () => {
  it('hands over everything that arrived before the next frame, once', () => {
    const frames: Array<() => void> = [];
    const flushed: number[][] = [];
    const batch = frameBatch<number>(
      (items) => flushed.push(items),
      (run) => frames.push(run),
    );
    batch.push(1);
    batch.push(2);
    batch.push(3);
    expect(frames).toHaveLength(1);
    frames.shift()!();
    expect(flushed).toEqual([[1, 2, 3]]);
    batch.push(4);
    batch.flushNow();
    expect(flushed).toEqual([[1, 2, 3], [4]]);
    frames.shift()!(); // the frame scheduled for 4 finds nothing left
    expect(flushed).toHaveLength(2);
    batch.push(5);
    batch.clear();
    frames.shift()!();
    expect(flushed).toHaveLength(2);
  });
});
