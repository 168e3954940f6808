import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  MAX_RUN_SNAPSHOTS,
  SettingsError,
  autoIntervalMs,
  formatDuration,
  loadSettings,
  parseDuration,
  resolveSettings,
  saveSettings,
  type SimulateSettings,
} from '../../../../renderer/simulation/settings';
import { welcomeDoc } from '../actions/fixtures';

const settings = (patch: Partial<SimulateSettings> = {}): SimulateSettings => ({
  ...DEFAULT_SETTINGS,
  ...patch,
});

function errorOf(patch: Partial<SimulateSettings>): SettingsError {
  try {
    resolveSettings(settings(patch), welcomeDoc());
  } catch (e) {
    if (e instanceof SettingsError) return e;
    throw e;
  }
  throw new Error('expected a SettingsError');
}

class MemoryStorage {
  items = new Map<string, string>();
  getItem = (key: string) => this.items.get(key) ?? null;
  setItem = (key: string, value: string) => void this.items.set(key, value);
}

describe('simulate settings', () => {
  it('reads durations the way people write them', () => {
    expect(parseDuration('10m')).toBe(600_000);
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration(' 1.5 h ')).toBe(5_400_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('2min')).toBe(120_000);
    expect(parseDuration('2d')).toBe(172_800_000);
    expect(parseDuration('45')).toBe(45_000);
    expect(parseDuration('')).toBeNull();
    expect(parseDuration('10 minutes')).toBeNull();
    expect(parseDuration('m10')).toBeNull();
    expect(parseDuration('-5s')).toBeNull();
  });

  it('writes durations back compactly', () => {
    expect(formatDuration(600_000)).toBe('10m');
    expect(formatDuration(5_430_000)).toBe('1h30m30s');
    expect(formatDuration(250)).toBe('250ms');
    expect(formatDuration(0)).toBe('0s');
  });

  it('turns the defaults into simulator options with an automatic interval', () => {
    const resolved = resolveSettings(settings(), welcomeDoc());
    expect(resolved.options).toEqual({
      seed: 1,
      warmupMs: 0,
      replications: 1,
      durationMs: 600_000,
      snapshotIntervalMs: 2000,
    });
    expect(resolved.expectedDurationMs).toBe(600_000);
    expect(resolved.label).toBe('Simulation · 10m · seed 1');
    expect(autoIntervalMs(3_600_000)).toBe(10_000);
    expect(autoIntervalMs(10_000)).toBe(50);
  });

  it('estimates the span of a jobs horizon from the producers’ rates', () => {
    const resolved = resolveSettings(
      settings({ horizon: 'jobs', jobs: '12000', warmup: '1m', replications: '5', seed: '7' }),
      welcomeDoc(),
    );
    expect(resolved.options).toMatchObject({
      jobs: 12_000,
      warmupMs: 60_000,
      replications: 5,
      seed: 7,
    });
    expect(resolved.options.durationMs).toBeUndefined();
    // 12000 jobs at 20/s: 10 minutes, after a minute of warm-up.
    expect(resolved.expectedDurationMs).toBe(660_000);
    expect(resolved.label).toBe(
      'Simulation · 12,000 jobs · seed 7 · 5 replications · warm-up 1:00',
    );
  });

  it('names the field and the fix for bad input', () => {
    expect(errorOf({ duration: 'ten minutes' })).toMatchObject({
      field: 'duration',
      message: 'Duration “ten minutes” is not a duration: write e.g. 10m, 90s, 1h or 500ms',
    });
    expect(errorOf({ duration: '0s' }).field).toBe('duration');
    expect(errorOf({ duration: '31d' }).message).toContain('at most 30 days');
    expect(errorOf({ duration: '800h' }).message).toContain('at most 30 days');
    expect(errorOf({ seed: '1.5' }).message).toBe(
      'Seed must be a whole number from 0 to 9,007,199,254,740,991, got “1.5”',
    );
    expect(errorOf({ replications: '0' }).field).toBe('replications');
    expect(errorOf({ horizon: 'jobs', jobs: '' }).field).toBe('jobs');
    expect(errorOf({ warmup: 'soon' }).field).toBe('warmup');
    const tooMany = errorOf({ duration: '1h', interval: '10ms' });
    expect(tooMany.field).toBe('interval');
    expect(tooMany.message).toBe(
      `A snapshot every 10ms would record 360,000 snapshots; use an interval of at least 200ms`,
    );
    expect(3_600_000 / 200).toBeLessThanOrEqual(MAX_RUN_SNAPSHOTS);
  });

  it('remembers the settings, and falls back to the defaults for anything unreadable', () => {
    const storage = new MemoryStorage();
    expect(loadSettings(storage)).toEqual(DEFAULT_SETTINGS);
    saveSettings(settings({ duration: '1h', horizon: 'jobs' }), storage);
    expect(loadSettings(storage)).toEqual(settings({ duration: '1h', horizon: 'jobs' }));
    storage.setItem('pipewright.simulate', '{"duration": 5, "horizon": "forever", "seed": "3"}');
    expect(loadSettings(storage)).toEqual(settings({ seed: '3' }));
    storage.setItem('pipewright.simulate', 'not json');
    expect(loadSettings(storage)).toEqual(DEFAULT_SETTINGS);
    expect(loadSettings(undefined)).toEqual(DEFAULT_SETTINGS);
  });
});
