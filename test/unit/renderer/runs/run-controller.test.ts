import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHostServices, type HostServices } from '../../../../main/services/host-services';
import { ApiError, type EventChannel } from '../../../../shared/api/contract';
import { buildApi, type Transport } from '../../../../renderer/api/transport';
import {
  loadReport,
  sendControl,
  startRun,
  stopRun,
} from '../../../../renderer/runs/run-controller';
import { setHost } from '../../../../renderer/api/host';
import { saveReport } from '../../../../renderer/runs/save-report';
import { analysisStore, resetAnalysisStore } from '../../../../renderer/state/analysis-store';
import { initialRunState, runStore } from '../../../../renderer/state/run-store';
import { uiStore } from '../../../../renderer/state/ui-store';
import { welcomeDoc } from '../actions/fixtures';

/** The renderer's API over the real host services, in this process (no socket, no Redis). */
function inProcessTransport(services: HostServices): Transport {
  return {
    kind: 'websocket',
    async request(channel, payload) {
      const result = await services.dispatch(channel, payload);
      if (result.ok) return result.value;
      throw new ApiError(result.error);
    },
    on: (event: EventChannel, listener) =>
      services.onEvent((e, payload) => {
        if (e === event) listener(payload);
      }),
    status: () => 'connected',
    onStatus: () => () => undefined,
    close: () => undefined,
  };
}

let services: HostServices;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pipewright-runs-unit-'));
  services = createHostServices({
    userDataDir: dir,
    examplesDir: resolve(import.meta.dirname, '../../../../resources/examples'),
    warn: () => undefined,
  });
  setHost(buildApi(inProcessTransport(services)));
});
afterAll(async () => {
  setHost(null);
  await services.close();
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  runStore.setState(initialRunState(), true);
  resetAnalysisStore();
});

describe('run controller against the host services', () => {
  it('shows why a pipeline cannot run, finding by finding, and leaves nothing on the canvas', async () => {
    const doc = welcomeDoc();
    const broken = { ...doc, edges: doc.edges.filter((e) => e.to !== 'sender') };
    expect(await startRun(broken)).toBe(false);
    const { error, busy } = runStore.getState();
    expect(busy).toBeNull();
    expect(error?.title).toBe('The run could not start');
    expect([error?.message, ...(error?.details ?? [])].join(' ')).toMatch(/email-sender|sender/);
    expect(analysisStore.getState().source).toBeNull();
  });

  it('shows a refused control beside its node', async () => {
    expect(await sendControl({ type: 'pause', queueId: 'emails' })).toBe(false);
    expect(runStore.getState().controlErrors.emails).toBe(
      'No run is on (the run is idle); start one first',
    );
    expect(await sendControl({ type: 'rate', producerId: 'signup', ratePerSec: -1 })).toBe(false);
    expect(runStore.getState().controlErrors.signup).toMatch(/must be a number from 0 to 100000/);
  });

  it('says there is nothing to stop or report before a run', async () => {
    expect(await stopRun()).toBe(false);
    await loadReport();
    expect(runStore.getState().comparisonError).toMatch(/no run to report yet/);
    expect(await saveReport('json')).toBeNull();
    expect(uiStore.getState().toast).toMatchObject({ tone: 'error' });
    expect(uiStore.getState().toast?.message).toMatch(/start and stop a run first/);
  });
});
