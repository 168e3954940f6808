import type { RunLogEntry } from '../../shared/api/contract';

export type LogLevel = RunLogEntry['level'];
export const LOG_LEVELS: readonly LogLevel[] = ['error', 'warn', 'info'];

/** The log keeps this many entries; older ones are counted, not kept. */
export const LOG_CAPACITY = 2000;

export interface RunLog {
  entries: readonly RunLogEntry[];
  /** Entries dropped from the front to stay within the capacity. */
  dropped: number;
}

export const EMPTY_LOG: RunLog = { entries: [], dropped: 0 };

/** Adds entries at the end, dropping the oldest beyond `capacity`. */
export function appendLog(
  log: RunLog,
  added: readonly RunLogEntry[],
  capacity = LOG_CAPACITY,
): RunLog {
  if (added.length === 0) return log;
  const all = [...log.entries, ...added];
  const excess = Math.max(0, all.length - capacity);
  return { entries: excess ? all.slice(excess) : all, dropped: log.dropped + excess };
}

export interface LogFilter {
  levels: readonly LogLevel[];
  /** Only entries about this node; null for all. */
  nodeId: string | null;
  /** Case-insensitive words the message must contain. */
  text: string;
}

export const ALL_LOG: LogFilter = { levels: LOG_LEVELS, nodeId: null, text: '' };

/**
 * The levels shown after clicking a level's chip: a chip shows only its kind; clicking the chip
 * that is already the only one shown brings every kind back.
 */
export function levelsAfterChip(
  current: readonly LogLevel[],
  level: LogLevel,
): readonly LogLevel[] {
  return current.length === 1 && current[0] === level ? LOG_LEVELS : [level];
}

/** A chip is on when the log shows only its kind. */
export const chipPressed = (current: readonly LogLevel[], level: LogLevel): boolean =>
  current.length === 1 && current[0] === level;

export function filterLog(entries: readonly RunLogEntry[], filter: LogFilter): RunLogEntry[] {
  const levels = new Set(filter.levels);
  const words = filter.text.toLowerCase().split(/\s+/).filter(Boolean);
  return entries.filter(
    (e) =>
      levels.has(e.level) &&
      (filter.nodeId === null || e.nodeId === filter.nodeId) &&
      words.every((w) => e.message.toLowerCase().includes(w)),
  );
}

export function countByLevel(entries: readonly RunLogEntry[]): Record<LogLevel, number> {
  const counts: Record<LogLevel, number> = { error: 0, warn: 0, info: 0 };
  for (const e of entries) counts[e.level]++;
  return counts;
}

/** Node ids that appear in the log, in order of first appearance. */
export function loggedNodes(entries: readonly RunLogEntry[]): string[] {
  const seen = new Set<string>();
  for (const e of entries) if (e.nodeId !== undefined) seen.add(e.nodeId);
  return [...seen];
}

/** Run time as `m:ss.s` (or `h:mm:ss` past an hour). */
export function formatRunTime(ms: number): string {
  const safe = Math.max(0, ms);
  const totalSeconds = Math.floor(safe / 1000);
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  if (h > 0) return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  const tenths = Math.floor((safe % 1000) / 100);
  return `${m}:${String(s).padStart(2, '0')}.${tenths}`;
}
