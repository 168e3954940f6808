import { mastersOf, type RedisClient } from './client';
import { parseInfo, redisLoad, type RedisLoad } from './info';

/**
 * The load of the Redis a client talks to: one server's INFO, or on a cluster the sum over its
 * masters (a cluster's memory and commands are spread over them; INFO through the cluster client
 * would answer for one random node).
 */
export async function readLoad(client: RedisClient): Promise<RedisLoad> {
  const loads = await Promise.all(
    mastersOf(client).map(async (node) => redisLoad(parseInfo(await node.info()))),
  );
  return loads.reduce(
    (sum, l) => ({
      usedMemoryBytes: sum.usedMemoryBytes + l.usedMemoryBytes,
      opsPerSec: sum.opsPerSec + l.opsPerSec,
      connectedClients: sum.connectedClients + l.connectedClients,
      totalCommands: sum.totalCommands + l.totalCommands,
    }),
    { usedMemoryBytes: 0, opsPerSec: 0, connectedClients: 0, totalCommands: 0 },
  );
}
