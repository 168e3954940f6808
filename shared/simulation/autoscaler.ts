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

/** What a poll asks of the replicas (Autoscaler.step). */
export interface ScaleStep {
  /** Replicas to start serving now (no start-up delay). */
  startNow: number;
  /** Replicas to start that serve `startupMs` from now (then call `ready`). */
  startLater: number;
  /** Serving replicas to stop. */
  stop: number;
}

/** The policy's rule: ⌈metric / target per replica⌉ within [min, max]. */
export function desiredReplicas(policy: ResolvedAutoscale, metric: number): number {
  const raw = Math.ceil(metric / policy.targetPerReplica - 1e-9);
  return Math.min(policy.maxReplicas, Math.max(policy.minReplicas, raw));
}

/**
 * The count to set: up at once to `desired`; down only to the highest count desired within the
 * cooldown window (`recent`, HPA's scale-down stabilisation).
 */
export function stabilisedTarget(
  recent: readonly { desired: number }[],
  desired: number,
  current: number,
): number {
  if (desired >= current) return desired;
  let highest = desired;
  for (const r of recent) if (r.desired > highest) highest = r.desired;
  return Math.min(current, highest);
}

/**
 * A worker's autoscaler, shared by the simulator and the runner (docs/architecture.md "Scenarios"): the state a poll needs
 * and what it decided. The simulator drives it by change events — a poll every `pollMs`, and a
 * "replica ready" `startupMs` after each scale-up — on the simulated clock; the runner by timers
 * polling Redis (main/runner/autoscale-loop.ts) on the run's clock.
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
    const desired = desiredReplicas(this.policy, metric);
    this.recent.push({ atMs: t, desired });
    while (this.recent[0]!.atMs < t - this.policy.cooldownMs) this.recent.shift();
    const target = stabilisedTarget(this.recent, desired, current);
    if (target > current) this.ups++;
    else if (target < current) this.downs++;
    this.decisions.push({ atMs: t, metric, desired, target });
    return target;
  }

  /**
   * What a poll's target means for the replicas, given those serving (`alive`): starting
   * replicas that were cancelled count again first, then new ones start (serving at once
   * without a start-up delay, else after it); a scale-down cancels replicas still starting
   * first, then stops serving ones. Both engines (the simulator's changes.ts and the runner's
   * loop) carry out what this returns.
   */
  step(target: number, alive: number): ScaleStep {
    const asked = alive + this.starting - this.cancelled;
    const out: ScaleStep = { startNow: 0, startLater: 0, stop: 0 };
    if (target > asked) {
      let need = target - asked;
      const revived = Math.min(this.cancelled, need); // starting replicas no longer cancelled
      this.cancelled -= revived;
      need -= revived;
      if (need > 0 && this.policy.startupMs === 0) out.startNow = need;
      else if (need > 0) {
        this.starting += need;
        out.startLater = need;
      }
    } else if (target < asked) {
      let drop = asked - target;
      const notStarted = Math.min(this.starting - this.cancelled, drop); // cancel those first
      this.cancelled += notStarted;
      drop -= notStarted;
      out.stop = drop;
    }
    return out;
  }

  /** `count` replicas started `startupMs` ago: how many serve now (the rest were cancelled). */
  ready(count: number): number {
    const dropped = Math.min(this.cancelled, count);
    this.cancelled -= dropped;
    this.starting -= count;
    return count - dropped;
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
