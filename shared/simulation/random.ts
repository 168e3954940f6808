import type { ServiceDistribution } from '../document/schema';

/**
 * A small, fast, seeded PRNG (xoshiro128**, seeded through splitmix32): the same seed gives the
 * same sequence on every platform, which is what makes a simulation reproducible. Shared with
 * the real runner so synthetic work draws from the very same distributions.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spareNormal = 0;
  private hasSpare = false;

  constructor(seed: number) {
    let s = (Math.floor(seed) ^ Math.floor(seed / 4_294_967_296)) >>> 0;
    const splitmix = () => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = splitmix();
    this.b = splitmix();
    this.c = splitmix();
    this.d = splitmix();
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1;
  }

  /** Next 32 random bits as an unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** Uniform in the open interval (0, 1): safe to take the logarithm of. */
  next(): number {
    return (this.nextUint32() + 0.5) * 2.3283064365386963e-10;
  }

  /** Exponential with the given mean. */
  exponential(mean: number): number {
    return -mean * Math.log(this.next());
  }

  /** Standard normal (Box–Muller; the second value of each pair is kept for the next call). */
  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spareNormal;
    }
    const r = Math.sqrt(-2 * Math.log(this.next()));
    const theta = 2 * Math.PI * this.next();
    this.spareNormal = r * Math.sin(theta);
    this.hasSpare = true;
    return r * Math.cos(theta);
  }
}

const rotl = (x: number, k: number) => (x << k) | (x >>> (32 - k));

/** A sampler of service times (ms) for one distribution, drawing from `random`. */
export function serviceSampler(service: ServiceDistribution, random: Random): () => number {
  switch (service.type) {
    case 'fixed': {
      const ms = service.ms;
      return () => ms;
    }
    case 'exponential': {
      const mean = service.meanMs;
      return () => -mean * Math.log(random.next());
    }
    case 'uniform': {
      const { minMs, maxMs } = service;
      const span = maxMs - minMs;
      return () => minMs + span * random.next();
    }
    case 'normal': {
      const { meanMs, stdDevMs } = service;
      if (stdDevMs === 0) return () => meanMs;
      // Truncated at 0: redraw negatives (at most half the draws, since meanMs >= 0).
      return () => {
        for (let i = 0; i < 64; i++) {
          const v = meanMs + stdDevMs * random.normal();
          if (v >= 0) return v;
        }
        return 0;
      };
    }
    case 'lognormal': {
      const { meanMs, stdDevMs } = service;
      if (stdDevMs === 0) return () => meanMs;
      const sigma2 = Math.log(1 + (stdDevMs / meanMs) ** 2);
      const mu = Math.log(meanMs) - sigma2 / 2;
      const sigma = Math.sqrt(sigma2);
      return () => Math.exp(mu + sigma * random.normal());
    }
  }
}
