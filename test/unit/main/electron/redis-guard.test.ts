import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { electronGuardSpawner } from '../../../../main/electron/redis-guard';
import { GUARD_MARKER, GUARD_SOURCE } from '../../../../main/redis/guard';
import { useTempDirs } from '../services/fixtures';
import { resetFakeElectron, state } from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const tempDir = useTempDirs();
beforeEach(resetFakeElectron);

describe('the Redis guard in the desktop app', () => {
  it('is a utility process running the guard script, never Electron as Node', () => {
    const dir = tempDir();
    const guard = electronGuardSpawner('/usr/bin/redis-server', dir, ['--port', '7001']);
    const [child] = state.utilityProcesses;
    expect(child!.modulePath).toBe(join(dir, 'pipewright-guard.cjs'));
    expect(readFileSync(child!.modulePath, 'utf8')).toBe(GUARD_SOURCE);
    expect(child!.args).toEqual([GUARD_MARKER, '/usr/bin/redis-server', dir, '--port', '7001']);
    const env = child!.options.env as Record<string, string>;
    expect(env.PIPEWRIGHT_PARENT_PID).toBe(String(process.pid));
    expect(env).not.toHaveProperty('ELECTRON_RUN_AS_NODE');
    expect(child!.options).toMatchObject({ stdio: 'pipe', serviceName: 'Pipewright Redis guard' });
    expect(guard.pid).toBe(4242);

    // Stopping asks by message (a killed guard could not stop redis-server); SIGKILL kills.
    guard.requestStop();
    guard.kill('SIGTERM');
    expect(child!.posted).toEqual(['stop', 'stop']);
    expect(child!.kill).not.toHaveBeenCalled();
    guard.kill('SIGKILL');
    expect(child!.kill).toHaveBeenCalledTimes(1);
    let exited = false;
    guard.onExit(() => (exited = true));
    child!.emit('exit', 0);
    expect(exited).toBe(true);
    guard.requestStop();
    expect(child!.posted).toHaveLength(2);
  });
});
