import fc from 'fast-check';

/**
 * Property tests run with one fixed seed, so CI is repeatable and a failure can be replayed.
 * Set FC_SEED (and FC_RUNS in tests that read it) to explore other cases by hand.
 */
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261128) });
