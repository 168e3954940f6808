import { describe, expect, it } from 'vitest';
import type { RunLogEntry } from '../../../../shared/api/contract';
import {
  ALL_LOG,
  EMPTY_LOG,
  appendLog,
  chipPressed,
  countByLevel,
  levelsAfterChip,
  LOG_LEVELS,
  filterLog,
  formatRunTime,
  loggedNodes,
} from '../../../../renderer/runs/run-log';

const entry = (t: number, level: RunLogEntry['level'], message: string, nodeId?: string) =>
  ({ runId: 'run-1', t, level, message, ...(nodeId ? { nodeId } : {}) }) as RunLogEntry;

const sample = [
  entry(100, 'info', 'queue "emails" paused', 'emails'),
  entry(
    250,
    'warn',
    'job 7 failed in worker "email-sender" (attempt 1 of 3): boom; will retry',
    'sender',
  ),
  entry(
    900,
    'error',
    'job 9 failed in worker "email-sender" (attempt 3 of 3): boom; dead-lettered',
    'sender',
  ),
  entry(1500, 'error', 'lost the connection to Redis; reconnecting'),
  entry(3200, 'info', 'reconnected to Redis; the run carries on'),
];

describe('run log', () => {
  it('keeps the newest entries within its capacity and counts the dropped ones', () => {
    const once = appendLog(EMPTY_LOG, sample.slice(0, 3), 4);
    expect(once.entries).toHaveLength(3);
    expect(once.dropped).toBe(0);
    const twice = appendLog(once, sample.slice(3), 4);
    expect(twice.entries.map((e) => e.t)).toEqual([250, 900, 1500, 3200]);
    expect(twice.dropped).toBe(1);
    expect(appendLog(twice, [], 4)).toBe(twice);
  });

  it('filters by level, by node and by words in the message', () => {
    expect(filterLog(sample, ALL_LOG)).toHaveLength(5);
    expect(filterLog(sample, { ...ALL_LOG, levels: ['error'] }).map((e) => e.t)).toEqual([
      900, 1500,
    ]);
    expect(filterLog(sample, { ...ALL_LOG, nodeId: 'sender' }).map((e) => e.t)).toEqual([250, 900]);
    expect(filterLog(sample, { ...ALL_LOG, text: 'REDIS  reconnect' }).map((e) => e.t)).toEqual([
      1500, 3200,
    ]);
    expect(
      filterLog(sample, { levels: ['warn', 'error'], nodeId: 'sender', text: 'dead' }).map(
        (e) => e.t,
      ),
    ).toEqual([900]);
    expect(filterLog(sample, { ...ALL_LOG, levels: [] })).toEqual([]);
  });

  it('a level chip shows only its kind, and clicked again shows every kind', () => {
    const errorsOnly = levelsAfterChip(ALL_LOG.levels, 'error');
    expect(errorsOnly).toEqual(['error']);
    expect(
      filterLog(sample, { ...ALL_LOG, levels: errorsOnly }).every((e) => e.level === 'error'),
    ).toBe(true);
    expect(chipPressed(errorsOnly, 'error')).toBe(true);
    expect(chipPressed(errorsOnly, 'warn')).toBe(false);
    expect(chipPressed(ALL_LOG.levels, 'error')).toBe(false);
    expect(levelsAfterChip(errorsOnly, 'warn')).toEqual(['warn']);
    expect(levelsAfterChip(errorsOnly, 'error')).toEqual(LOG_LEVELS);
  });

  it('counts entries per level and lists the nodes they are about', () => {
    expect(countByLevel(sample)).toEqual({ error: 2, warn: 1, info: 2 });
    expect(loggedNodes(sample)).toEqual(['emails', 'sender']);
  });

  it('writes run time as m:ss.s, and h:mm:ss past an hour', () => {
    expect(formatRunTime(0)).toBe('0:00.0');
    expect(formatRunTime(1_550)).toBe('0:01.5');
    expect(formatRunTime(754_300)).toBe('12:34.3');
    expect(formatRunTime(3_723_000)).toBe('1:02:03');
    expect(formatRunTime(-5)).toBe('0:00.0');
  });
});
