import type { Cluster } from 'ioredis';

/**
 * Whether a run can reach the master that holds its keys, on a Redis Cluster. A cluster client
 * reports `close` only when it loses every node: a dead master (or a cluster that went down,
 * CLUSTERDOWN) shows only as commands that fail or hang. So a keyed read of the run's own slot is
 * sent every `intervalMs`, one at a time; a reply within `timeoutMs` means reachable
 * (docs/architecture.md, "Redis Cluster").
 */
export class SlotWatch {
  private readonly timer: NodeJS.Timeout;
  private probing = false;
  private reachable = true;

  constructor(
    private readonly client: Cluster,
    private readonly key: string,
    private readonly changed: (reachable: boolean, why: string) => void,
    intervalMs = 500,
    private readonly timeoutMs = 1000,
  ) {
    this.timer = setInterval(() => void this.probe(), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async probe(): Promise<void> {
    if (this.probing || this.client.status !== 'ready') return;
    this.probing = true;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<string>((r) => {
      timer = setTimeout(() => r(`no answer within ${this.timeoutMs} ms`), this.timeoutMs);
    });
    try {
      const why = await Promise.race([
        this.client.exists(this.key).then(
          () => null,
          (error: Error) => error.message,
        ),
        late,
      ]);
      const ok = why === null;
      if (ok !== this.reachable) {
        this.reachable = ok;
        this.changed(ok, why ?? 'it answers again');
      }
    } finally {
      clearTimeout(timer);
      this.probing = false;
    }
  }
}
