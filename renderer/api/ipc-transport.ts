import { ApiError, type PipewrightBridge } from '../../shared/api/contract';
import type { Transport } from './transport';

/**
 * Electron: the preload's `window.pipewright` answers with `{ok, value | error}` envelopes
 * (errors lose their fields crossing the context bridge); this rebuilds `ApiError`s from them.
 */
export function createIpcTransport(bridge: PipewrightBridge): Transport {
  const call = bridge as unknown as Record<
    string,
    (payload: unknown) => Promise<{ ok: boolean; value?: unknown; error?: unknown }>
  >;
  return {
    kind: 'ipc',
    async request(channel, payload) {
      const fn = call[channel];
      if (typeof fn !== 'function') {
        throw new ApiError({
          code: 'unsupported',
          message: `the desktop host does not offer "${channel}"; is the preload out of date?`,
        });
      }
      const result = await fn(payload);
      if (result.ok) return result.value;
      throw new ApiError(result.error as ConstructorParameters<typeof ApiError>[0]);
    },
    on: (event, listener) => bridge.on(event, listener),
    status: () => 'connected',
    onStatus: () => () => undefined,
    close: () => undefined,
  };
}
