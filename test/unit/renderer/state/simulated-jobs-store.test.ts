import { afterEach, describe, expect, it } from 'vitest';
import { createSimulationController } from '../../../../renderer/simulation/controller';
import { createInThreadWorker } from '../../../../renderer/simulation/in-thread-worker';
import { DEFAULT_SETTINGS } from '../../../../renderer/simulation/settings';
import {
  analysisStore,
  beginAnalysis,
  resetAnalysisStore,
} from '../../../../renderer/state/analysis-store';
import {
  resetSimulatedJobsStore,
  SIMULATED_JOBS_PER_STATE,
  simulatedQueueJobs,
} from '../../../../renderer/state/simulated-jobs-store';
import { simulatedJobSource } from '../../../../renderer/runs/job-browser-source';
import { welcomeDoc } from '../actions/fixtures';

const controller = createSimulationController(createInThreadWorker);
afterEach(() => {
  controller.cancel();
  resetAnalysisStore();
  resetSimulatedJobsStore();
});

async function simulated(): Promise<void> {
  controller.start(welcomeDoc(), { ...DEFAULT_SETTINGS, duration: '1m', interval: '1s' });
  const started = Date.now();
  while (analysisStore.getState().status !== 'done') {
    if (Date.now() - started > 20_000) throw new Error('the simulation did not finish');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('the simulated jobs of the analysis on screen', () => {
  it('come with a finished simulation and belong to it only', async () => {
    expect(simulatedQueueJobs('emails')).toBeNull();
    await simulated();
    const view = simulatedQueueJobs('emails')!;
    expect(view.atMs).toBe(60_000);
    expect(view.serial).toBe(analysisStore.getState().serial);
    const completed = view.queue.counts.completed;
    // About 20 jobs/s for a minute.
    expect(completed).toBeGreaterThan(1000);
    expect(view.queue.jobs.completed).toHaveLength(SIMULATED_JOBS_PER_STATE);
    expect(view.queue.jobs.completed[0]!.name).toBe('send-welcome');
    expect(simulatedQueueJobs('sender')).toBeNull(); // a worker has no job list
    // Another analysis (a run, or the next simulation) makes this trace stale.
    beginAnalysis('run', { label: 'Run' });
    expect(simulatedQueueJobs('emails')).toBeNull();
  });

  it('read as a job browser source: read-only, simulated clock, per state', async () => {
    await simulated();
    const source = simulatedJobSource(simulatedQueueJobs('emails')!, 'emails');
    expect(source).toMatchObject({ kind: 'simulation', clock: 'simulated', live: false });
    expect(source.act).toBeUndefined();
    const list = await source.read('completed');
    expect(list.canModify).toBe(false);
    expect(list.atMs).toBe(60_000);
    const job = list.jobs[0]!;
    expect(job.state).toBe('completed');
    expect(job.stacktrace).toEqual([]);
    expect(job.finishedOn).toBeLessThanOrEqual(60_000);
    expect(job.route?.map((s) => s.name)).toEqual(['signup-api', 'emails', 'email-sender']);
  });
});
