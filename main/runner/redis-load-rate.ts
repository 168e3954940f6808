import type { RedisLoad } from '../redis/info';

/**
 * Redis's load as the snapshots show it: operations per second from the command count between
 * two reads (INFO's `instantaneous_ops_per_sec` is a short recent sample), falling back
 * to it on the first read or after a restart reset the count.
 */
export class RedisLoadRate {
  private last: { at: number; load: RedisLoad } | null = null;

  figures(load: RedisLoad, now = Date.now()) {
    let opsPerSec = load.opsPerSec;
    const last = this.last;
    if (last && now > last.at && load.totalCommands >= last.load.totalCommands) {
      opsPerSec = ((load.totalCommands - last.load.totalCommands) * 1000) / (now - last.at);
    }
    this.last = { at: now, load };
    return {
      usedMemoryBytes: load.usedMemoryBytes,
      opsPerSec,
      connectedClients: load.connectedClients,
    };
  }
}
