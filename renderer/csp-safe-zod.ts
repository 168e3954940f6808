import { config } from 'zod';

/**
 * The strict CSP (main/services/security-policy.ts) forbids eval. Zod's parser would probe
 * `new Function` to see whether it may compile fast paths; the probe fails quietly, but the page
 * still reports a CSP violation for it. Imported first by the page and each worker.
 */
config({ jitless: true });
