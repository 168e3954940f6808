/**
 * The runner's line to its host: Electron's `process.parentPort` in a utilityProcess, the IPC
 * channel of `child_process.fork` under Node.
 */
export interface ParentPort {
  send(message: unknown): Promise<void>;
  onMessage(listener: (message: unknown) => void): void;
  /** The host went away (it exited or was killed). */
  onDisconnect(listener: () => void): void;
}

interface ElectronParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

export function connectToParent(): ParentPort {
  const electronPort = (process as unknown as { parentPort?: ElectronParentPort }).parentPort;
  if (electronPort) {
    return {
      send: async (message) => electronPort.postMessage(message),
      onMessage: (listener) => electronPort.on('message', (event) => listener(event.data)),
      // Electron ends a utility process together with its parent.
      onDisconnect: () => undefined,
    };
  }
  if (!process.send) {
    throw new Error(
      'the runner must be started by the host (fork or utilityProcess), not directly',
    );
  }
  return {
    send: (message) =>
      new Promise((resolve) => {
        if (!process.connected) return resolve();
        process.send!(message, undefined, {}, () => resolve());
      }),
    onMessage: (listener) => process.on('message', listener),
    onDisconnect: (listener) => process.on('disconnect', listener),
  };
}
