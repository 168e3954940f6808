import type { Autoscale } from '../document/schema';

/** Defaults of an autoscale policy: KEDA's polling interval and cooldown. */
export const AUTOSCALE_DEFAULTS = {
  minReplicas: 1,
  pollMs: 30_000,
  cooldownMs: 300_000,
  startupMs: 0,
};

export type ResolvedAutoscale = Required<Autoscale>;

export const resolveAutoscale = (policy: Autoscale): ResolvedAutoscale => ({
  ...AUTOSCALE_DEFAULTS,
  ...policy,
});

/** One replica count decided at a poll, for the replicas-over-time view and tests. */
export interface ScaleDecision {
  atMs: number;
  metric: number;
  /** ceil(metric / target) within [min, max], before stabilisation. */
  desired: number;
  /** What the autoscaler set: alive + starting after this poll. */
  target: number;
}

/**
 * A worker's autoscaler in the model (docs/architecture.md "Scenarios"): the state a poll needs
 * and what it decided. It is driven by the engine's change events — a poll every `pollMs`, and a
 * "replica ready" `startupMs` after each scale-up — so it plays on the simulated clock.
 */
export class Autoscaler {
  readonly policy: ResolvedAutoscale;
  readonly decisions: ScaleDecision[] = [];
  /** Replicas asked for that are not serving yet. */
  starting = 0;
  /** Starts to drop when they become ready (the count went down before they came up). */
  cancelled = 0;
  /** Replica-milliseconds spent (alive and starting replicas both cost). */
  private replicaMs = 0;
  private lastAt = 0;
  /** Recent desired counts, for scale-down stabilisation. */
  private readonly recent: { atMs: number; desired: number }[] = [];

  constructor(policy: Autoscale) {
    this.policy = resolveAutoscale(policy);
  }

  /**
   * The replica count a poll at `t` sets, given the metric and the count already asked for:
   * up at once to what the metric asks; down only to the highest count asked for within the
   * cooldown window (HPA's scale-down stabilisation), so a dip does not drop replicas.
   */
  decide(t: number, metric: number, current: number): number {
    const { targetPerReplica, minReplicas, maxReplicas, cooldownMs } = this.policy;
    const raw = Math.ceil(metric / targetPerReplica - 1e-9);
    const desired = Math.min(maxReplicas, Math.max(minReplicas, raw));
    this.recent.push({ atMs: t, desired });
    while (this.recent[0]!.atMs < t - cooldownMs) this.recent.shift();
    const target =
      desired >= current
        ? desired
        : Math.min(current, Math.max(...this.recent.map((r) => r.desired)));
    this.decisions.push({ atMs: t, metric, desired, target });
    return target;
  }

  /** The count the run started with counts as asked for at 0: no scale-down before a cooldown. */
  seed(replicas: number): void {
    this.recent.push({ atMs: 0, desired: replicas });
  }

  /** Accounts replica time up to `t` (call before the count changes). */
  account(t: number, alive: number): void {
    this.replicaMs += (alive + this.starting - this.cancelled) * (t - this.lastAt);
    this.lastAt = t;
  }

  /** Replica-seconds spent up to `t`: what a policy costs. */
  replicaSeconds(t: number, alive: number): number {
    this.account(t, alive);
    return this.replicaMs / 1000;
  }
}
