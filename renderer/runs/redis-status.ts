import type { RedisStatus, RunStatus } from '../../shared/api/contract';

export type Tone = 'ok' | 'muted' | 'warning' | 'error';

export interface RedisView {
  /** Short text for the status bar. */
  text: string;
  tone: Tone;
  /** The full story, for the tooltip and the details popover. */
  detail: string;
  /** Install instructions when no Redis could be found or started. */
  help: string | null;
}

const kind = (status: RedisStatus) => (status.managed ? 'managed' : 'external');

/**
 * What the status bar says about Redis: the host's view of the server (`redis:status`), overruled
 * by the runner's own connection while a run is on, because the runner notices a loss first.
 */
export function describeRedis(status: RedisStatus | null, run: RunStatus | null): RedisView {
  const runLost = run?.state === 'running' && run.redis === 'lost';
  if (runLost || status?.state === 'lost') {
    return {
      text: 'Redis lost',
      tone: 'error',
      detail:
        (status?.state === 'lost' ? status.message : 'The run lost its connection to Redis.') +
        ' Reconnecting; the run carries on when Redis is back.',
      help: null,
    };
  }
  if (!status || status.state === 'unknown') {
    return {
      text: 'Redis: not checked',
      tone: 'muted',
      detail: 'Redis has not been looked for yet.',
      help: null,
    };
  }
  switch (status.state) {
    case 'connecting':
      return { text: 'Redis: connecting…', tone: 'muted', detail: status.message, help: null };
    case 'unavailable':
      return {
        text: 'No Redis',
        tone: 'error',
        detail: `${status.message} Real runs need Redis; the simulator does not.`,
        help: status.help,
      };
    case 'connected':
    case 'reconnected': {
      const version = status.version ? `Redis ${status.version}` : 'Redis';
      const reconnected = status.state === 'reconnected' || run?.redis === 'reconnected';
      const base = `${version} · ${kind(status)}${reconnected ? ' · reconnected' : ''}`;
      const warnings = status.warnings.length > 0 ? status.warnings : [];
      const where = status.url ? ` at ${status.url}` : '';
      return {
        text:
          warnings.length > 0
            ? `${base} · ⚠ maxmemory-policy ${status.maxmemoryPolicy ?? '?'}`
            : base,
        tone: warnings.length > 0 ? 'warning' : 'ok',
        detail: [
          `${version}${where}, ${status.managed ? 'started by Pipewright' : 'an external server'}.`,
          `maxmemory-policy: ${status.maxmemoryPolicy ?? 'unknown'}.`,
          ...warnings,
        ].join(' '),
        help: null,
      };
    }
  }
}
