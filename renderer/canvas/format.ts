import type {
  Arrival,
  ProducerConfig,
  QueueConfig,
  ServiceDistribution,
  WorkerConfig,
} from '../../shared/document';
import { formatMs, formatNumber, formatPercent, formatRate } from '../../shared/metrics/format';
import { plural } from '../../shared/plural';

export function arrivalSummary(arrival: Arrival): string {
  switch (arrival.type) {
    case 'constant':
      return `constant ${formatRate(arrival.ratePerSec)}`;
    case 'poisson':
      return `poisson ${formatRate(arrival.ratePerSec)}`;
    case 'burst':
      return `${arrival.size} every ${formatMs(arrival.everyMs)}`;
    case 'ramp':
      return `ramp ${formatNumber(arrival.fromPerSec)}→${formatRate(arrival.toPerSec)} in ${formatMs(arrival.overMs)}`;
    case 'schedule':
      return arrival.cron !== undefined
        ? `cron ${arrival.cron}`
        : `every ${formatMs(arrival.everyMs ?? 0)}`;
  }
}

export function producerSummary(config: ProducerConfig): string[] {
  const lines = [arrivalSummary(config.arrival), `job “${config.jobName}”`];
  if (config.limit !== undefined) lines[1] += ` · max ${config.limit}`;
  return lines;
}

export function serviceSummary(service: ServiceDistribution): string {
  switch (service.type) {
    case 'fixed':
      return formatMs(service.ms);
    case 'uniform':
      return `${formatMs(service.minMs)}–${formatMs(service.maxMs)}`;
    default:
      return `~${formatMs(service.meanMs)}`;
  }
}

export function queueSummary(config: QueueConfig): string[] {
  const attempts = config.attempts ?? 1;
  let retries = attempts === 1 ? 'no retries' : `${attempts} attempts`;
  if (attempts > 1 && config.backoff) {
    const kind = config.backoff.type === 'exponential' ? 'exp' : 'fixed';
    retries += ` · ${kind} ${formatMs(config.backoff.delayMs)}`;
  }
  const limit = config.rateLimit
    ? `≤ ${config.rateLimit.max} jobs / ${formatMs(config.rateLimit.durationMs)}`
    : 'no rate limit';
  return [retries, limit];
}

export function workerSummary(config: WorkerConfig): string[] {
  const slots = `${config.concurrency} × ${plural(config.replicas, 'replica')}`;
  const failures =
    config.failureRate !== undefined && config.failureRate > 0
      ? ` · ${formatPercent(config.failureRate)} fail`
      : '';
  return [slots, `${serviceSummary(config.service)}/job${failures}`];
}
