import { beforeEach, describe, expect, it, vi } from 'vitest';
import { electronRunnerSpawner } from '../../../../main/electron/runner-process';
import type { FakeUtilityProcess } from './fake-electron';
import { resetFakeElectron, state } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

beforeEach(() => resetFakeElectron());

describe('electronRunnerSpawner', () => {
  it('forks the bundled runner as a utility process and relays messages both ways', () => {
    const runner = electronRunnerSpawner('/opt/pipewright/out/main/runner.js')();
    expect(state.utilityProcesses).toHaveLength(1);
    const child = state.utilityProcesses[0] as FakeUtilityProcess;
    expect(child.modulePath).toBe('/opt/pipewright/out/main/runner.js');
    expect(runner.pid).toBe(4242);

    runner.send({ type: 'stop', drain: false } as never);
    expect(child.posted).toEqual([{ type: 'stop', drain: false }]);

    const received: unknown[] = [];
    runner.onMessage((message) => received.push(message));
    child.emit('message', { type: 'snapshot' });
    expect(received).toEqual([{ type: 'snapshot' }]);

    const exits: Array<[number | null, string | null]> = [];
    runner.onExit((code, signal) => exits.push([code, signal]));
    child.emit('exit', 3);
    expect(exits).toEqual([[3, null]]);

    runner.kill();
    expect(child.kill).toHaveBeenCalled();
  });
});
