import { describe, expect, it } from 'vitest';
import { ApiError, REQUEST_CHANNELS } from '../../../../shared/api/contract';
import { createDispatcher, type HostHandlers } from '../../../../main/services/dispatcher';
import { createHostServices } from '../../../../main/services/host-services';
import { useTempDirs } from './fixtures';

const tempDir = useTempDirs();

function services() {
  const dir = tempDir();
  return createHostServices({ userDataDir: dir, examplesDir: dir, warn: () => {} });
}

describe('dispatcher', () => {
  it('has a handler for every request channel of the contract', () => {
    expect(Object.keys(services().handlers).sort()).toEqual([...REQUEST_CHANNELS].sort());
  });

  it.each([
    ['foo:bar', 'unknown request channel "foo:bar"'],
    ['__proto__', 'unknown request channel "__proto__"'],
    ['toString', 'unknown request channel "toString"'],
    [42, 'unknown request channel number'],
  ])('refuses the channel %s', async (channel, message) => {
    expect(await services().dispatch(channel, {})).toEqual({
      ok: false,
      error: { code: 'invalid-request', message },
    });
  });

  it.each([
    [{ path: 42 }, 'path: must be a file path'],
    [{ path: '' }, 'path: must be a non-empty file path'],
    [{ path: '/a.json', extra: 1 }, 'extra: unknown field'],
    ['a string', 'expected object'],
  ])('refuses the payload %j with a clear message', async (payload, message) => {
    const result = await services().dispatch('documents:open', payload);
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-request',
        message: expect.stringContaining(`invalid request for "documents:open": `),
      },
    });
    expect(!result.ok && result.error.message).toContain(message);
  });

  it('treats a missing payload as an empty request', async () => {
    expect(await services().dispatch('documents:recent', undefined)).toEqual({
      ok: true,
      value: [],
    });
  });

  it('answers web-mode dialogs with unsupported', async () => {
    const s = services();
    for (const [channel, payload] of [
      ['documents:pickOpen', {}],
      ['documents:pickSave', { suggestedName: 'a' }],
    ] as const) {
      expect(await s.dispatch(channel, payload)).toMatchObject({
        ok: false,
        error: { code: 'unsupported', message: expect.stringMatching(/type the full path/) },
      });
    }
  });

  it('uses the dialogs a host gives', async () => {
    const dir = tempDir();
    const s = createHostServices({
      userDataDir: dir,
      examplesDir: dir,
      host: 'electron',
      dialogs: {
        pickOpen: async () => '/picked.pipewright.json',
        pickSave: async (name) => (name === 'cancel' ? null : `/saved/${name}`),
      },
    });
    expect(await s.dispatch('documents:pickOpen', {})).toEqual({
      ok: true,
      value: { path: '/picked.pipewright.json' },
    });
    expect(await s.dispatch('documents:pickSave', { suggestedName: 'cancel' })).toEqual({
      ok: true,
      value: null,
    });
    expect(await s.dispatch('app:info', {})).toMatchObject({
      value: { host: 'electron', nativeDialogs: true },
    });
  });

  it('turns thrown errors into ApiErrorData', async () => {
    const warnings: string[] = [];
    const handlers = { ...services().handlers };
    handlers['documents:recent'] = async () => {
      throw new ApiError({ code: 'forbidden', message: 'no' });
    };
    handlers['settings:get'] = async () => {
      throw Object.assign(new Error('EACCES: x'), { code: 'EACCES', syscall: 'open', path: '/x' });
    };
    handlers['app:info'] = async () => {
      throw new TypeError('boom');
    };
    const dispatch = createDispatcher(handlers as HostHandlers, (m) => warnings.push(m));
    expect(await dispatch('documents:recent', {})).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'no' },
    });
    expect(await dispatch('settings:get', {})).toEqual({
      ok: false,
      error: { code: 'io', message: 'permission denied (/x)' },
    });
    expect(await dispatch('app:info', {})).toEqual({
      ok: false,
      error: { code: 'internal', message: '"app:info" failed unexpectedly: boom' },
    });
    expect(warnings[0]).toMatch(/TypeError: boom/);
  });
});
