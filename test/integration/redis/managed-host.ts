// A stand-in host for the no-leak test: starts a managed redis-server, prints where it is, then
// idles until it is killed. Run with `node --import tsx`.
import { startManagedRedis } from '../../../main/redis/managed';

const redis = await startManagedRedis();
process.stdout.write(
  `${JSON.stringify({ url: redis.url, redisPid: redis.redisPid, guardPid: redis.guardPid, dir: redis.dir })}\n`,
);
setInterval(() => {}, 60_000);
