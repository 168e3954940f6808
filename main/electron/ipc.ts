import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import {
  REQUEST_CHANNELS,
  type ApiResult,
  type EventChannel,
  type EventPayloads,
} from '../../shared/api/contract';
import type { HostServices } from '../services/host-services';

export interface IpcOptions {
  services: HostServices;
  /** True for the app's own renderer URL; every other sender is refused. */
  isAppUrl(url: string): boolean;
  /** Where events go: the windows showing the renderer. */
  targets(): WebContents[];
  /** Called after each request (e.g. to refresh Open Recent after a save). */
  afterRequest?(channel: string): void;
}

/**
 * The only module that touches `ipcMain`. One handler per request channel of the contract; each
 * checks that the message comes from the app's own top-level page, then hands the payload to the
 * dispatcher, which validates it with the channel's schema. Answers are `{ok, value | error}`.
 */
export function registerIpc(options: IpcOptions): () => void {
  const { services } = options;
  for (const channel of REQUEST_CHANNELS) {
    ipcMain.handle(channel, async (event, payload: unknown): Promise<ApiResult<unknown>> => {
      const refusal = checkSender(event, options.isAppUrl);
      if (refusal) {
        return {
          ok: false,
          error: { code: 'forbidden', message: `"${channel}" refused: ${refusal}` },
        };
      }
      const result = await services.dispatch(channel, payload);
      options.afterRequest?.(channel);
      return result;
    });
  }
  const unsubscribe = services.onEvent((event, payload) => {
    for (const contents of options.targets()) sendEvent(contents, event, payload);
  });
  return () => {
    unsubscribe();
    for (const channel of REQUEST_CHANNELS) ipcMain.removeHandler(channel);
  };
}

/** Why a sender is refused, or null when it is the app's own top-level page. */
export function checkSender(
  event: Pick<IpcMainInvokeEvent, 'senderFrame'>,
  isAppUrl: (url: string) => boolean,
): string | null {
  const frame = event.senderFrame;
  if (!frame) return 'the sending frame is gone';
  if (frame.parent !== null) return 'only the top-level page may use the API';
  if (!isAppUrl(frame.url)) return `the page ${frame.url.slice(0, 200)} is not Pipewright's`;
  return null;
}

export function sendEvent<E extends EventChannel>(
  contents: WebContents,
  event: E,
  payload: EventPayloads[E],
): void {
  if (!contents.isDestroyed()) contents.send(event, payload);
}
