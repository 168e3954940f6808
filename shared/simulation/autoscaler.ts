import type { Autoscale } from '../document/schema';
import type { AutoscaleSummary } from '../metrics/types';

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
  /** Replica-milliseconds paid for (alive and starting replicas both cost), and alive ones. */
  private replicaMs = 0;
  private aliveMs = 0;
  private lastAt = 0;
  /** Since the start of the measured span (the end of the warm-up). */
  private fromMs = 0;
  private minAlive = Infinity;
  private maxAlive = -Infinity;
  private ups = 0;
  private downs = 0;
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
    let highest = desired;
    for (const r of this.recent) if (r.desired > highest) highest = r.desired;
    const target = desired >= current ? desired : Math.min(current, highest);
    if (target > current) this.ups++;
    else if (target < current) this.downs++;
    this.decisions.push({ atMs: t, metric, desired, target });
    return target;
  }

  /** The count the run started with counts as asked for at 0: no scale-down before a cooldown. */
  seed(replicas: number): void {
    this.recent.push({ atMs: 0, desired: replicas });
  }

  /** Accounts replica time up to `t`, `alive` having served since the last call. */
  account(t: number, alive: number): void {
    const dt = t - this.lastAt;
    if (dt <= 0) return;
    this.replicaMs += (alive + this.starting - this.cancelled) * dt;
    this.aliveMs += alive * dt;
    if (alive < this.minAlive) this.minAlive = alive;
    if (alive > this.maxAlive) this.maxAlive = alive;
    this.lastAt = t;
  }

  /** The measured span starts at `t` (the end of the warm-up): figures count from there. */
  startMeasuring(t: number, alive: number): void {
    this.account(t, alive);
    this.lastAt = t;
    this.fromMs = t;
    this.replicaMs = 0;
    this.aliveMs = 0;
    this.minAlive = alive;
    this.maxAlive = alive;
    this.ups = 0;
    this.downs = 0;
  }

  /** What it did over the measured span, up to `t`. */
  summary(t: number, alive: number): AutoscaleSummary {
    this.account(t, alive);
    const span = t - this.fromMs;
    return {
      replicaSeconds: this.replicaMs / 1000,
      replicas: {
        mean: span > 0 ? this.aliveMs / span : alive,
        min: Math.min(this.minAlive, alive),
        max: Math.max(this.maxAlive, alive),
      },
      scaleUps: this.ups,
      scaleDowns: this.downs,
    };
  }
}
