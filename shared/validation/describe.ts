import { formatRate as rate } from '../metrics/format';

export { edgeLabel, nodeLabel } from '../document/topology';
export { formatMs, formatNumber } from '../metrics/format';

/** A rate for a person: jobs/s, or per minute / hour / day when small. */
export const formatRate = (perSec: number): string =>
  Number.isFinite(perSec) ? rate(perSec, 'jobs') : 'an unbounded number of jobs/s';
