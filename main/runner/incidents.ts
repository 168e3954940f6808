import type { RedisClient } from '../redis/client';
import type { RunIncident } from '../../shared/metrics';
import { formatCount, formatMs } from '../../shared/metrics/format';

/** An incident is re-sent at most this often while it keeps changing (counts growing). */
const RESEND_MS = 5000;

/**
 * The runner's incidents, by key: each new one goes to the host at once, updates (a growing
 * count) at most every few seconds, and `flush` sends what changed since, before the run stops.
 */
export class IncidentLog {
  private readonly entries = new Map<
    string,
    { incident: RunIncident; sentAt: number; dirty: boolean }
  >();

  constructor(
    private readonly send: (incident: RunIncident) => void,
    private readonly clock: () => number,
  ) {}

  /** Records an incident; `update` gets the previous one with this key, if any. */
  record(
    key: string,
    update: (previous: RunIncident | undefined) => Omit<RunIncident, 'key'>,
  ): void {
    const entry = this.entries.get(key);
    const incident = { key, ...update(entry?.incident) };
    const now = Date.now();
    if (!entry || now - entry.sentAt >= RESEND_MS || incident.endT !== entry.incident.endT) {
      this.entries.set(key, { incident, sentAt: now, dirty: false });
      this.send(incident);
    } else {
      this.entries.set(key, { incident, sentAt: entry.sentAt, dirty: true });
    }
  }

  /** A command Redis refused (not a lost connection: outages are their own incident). */
  refused(source: string, error: Error, nodeId?: string): void {
    if (!isRedisRefusal(error)) return;
    this.record(`refused:${source}`, (previous) => {
      const count = (previous?.count ?? 0) + 1;
      return {
        kind: 'refused',
        level: 'error',
        t: previous?.t ?? this.clock(),
        ...(nodeId === undefined ? {} : { nodeId }),
        count,
        message:
          `Redis refused ${count === 1 ? 'a command' : `${count} commands`} of ${source}: ` +
          `${error.message}${refusalHint(error.message)}`,
      };
    });
  }

  /** Reports the errors of a Redis client as refused commands, instead of ignoring them. */
  watch(client: RedisClient, source: string, nodeId?: string): void {
    client.on('error', (error: Error) => this.refused(source, error, nodeId));
  }

  private outages = 0;

  /** `cause` names what was lost when it is not simply the connection (a cluster's master). */
  outageBegan(cause?: string): void {
    const t = this.clock();
    this.record(`outage:${++this.outages}`, () => ({
      kind: 'outage',
      level: 'error',
      t,
      message: `lost the connection to Redis at ${formatMs(t)}${cause ? ` (${cause})` : ''}; reconnecting`,
    }));
  }

  outageOver(): void {
    const t = this.clock();
    this.record(`outage:${this.outages}`, (previous) => {
      const since = previous?.t ?? t;
      return {
        kind: 'outage',
        level: 'error',
        t: since,
        endT: t,
        message: `Redis was unreachable from ${formatMs(since)} to ${formatMs(t)} (${formatMs(t - since)})`,
      };
    });
  }

  /** A producer all of whose adds failed made the run pointless: an error, whatever the cause. */
  createdNothing(id: string, name: string, attempts: { added: number; failed: number }): void {
    const { added, failed } = attempts;
    if (added > 0 || failed === 0) return;
    this.record(`nothing:${id}`, () => ({
      kind: 'refused',
      level: 'error',
      t: this.clock(),
      nodeId: id,
      count: failed,
      message: `producer "${name}" created no job: all ${formatCount(failed)} adds failed`,
    }));
  }

  flush(): void {
    for (const entry of this.entries.values()) {
      if (!entry.dirty) continue;
      entry.dirty = false;
      entry.sentAt = Date.now();
      this.send(entry.incident);
    }
  }

  get list(): RunIncident[] {
    return [...this.entries.values()].map((e) => e.incident);
  }
}

/**
 * A reply in which Redis refused a command (`MOVED …`, `NOPERM …`, `OOM …`, `ERR …`), as opposed
 * to a lost connection (ECONNRESET, "Connection is closed"), which the outage incident covers,
 * or LOADING, which a restarting Redis answers for a moment.
 */
export function isRedisRefusal(error: Error): boolean {
  return /^[A-Z][A-Z_-]+ /.test(error.message) && !/^LOADING /.test(error.message);
}

/** What to do about the refusals we can recognise ('' for others). */
export function refusalHint(message: string): string {
  if (/^MOVED|^ASK |^CROSSSLOT/.test(message)) {
    return (
      ' — this Redis is a cluster node and the run does not use a cluster client: set "cluster": ' +
      "true in the document's settings (a cluster client and a {hash-tagged} prefix), or point " +
      '--redis at a standalone Redis'
    );
  }
  if (/^NOPERM|^NOAUTH|^WRONGPASS/.test(message)) {
    return ' — the Redis user lacks permissions BullMQ needs (keys under the run prefix, EVALSHA, …)';
  }
  if (/^OOM/.test(message)) return ' — Redis is out of memory (maxmemory); free some or raise it';
  if (/max number of clients/.test(message)) {
    return ' — Redis refused the connection (maxclients): close other clients or raise maxclients';
  }
  return '';
}
